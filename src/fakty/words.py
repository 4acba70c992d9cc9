"""What the grammar and the resolve stages both know about words, from the lexicons.

The stages run in one direction: grammars find mentions, resolvers group and link them.
Neither imports the other; what both need to know about a word (the kind an organization's
head word names, whether a word refers back to an organization named before, a person's
name in the nominative, the kind of an event word …) lives here, computed from the
Extractor's `fakty.lexicons.Lexicons` (pass `ctx.lexicons` or `context.lexicons`) and
`fakty.morph`. Keep it to such helpers: rules stay in `grammars/`, decisions about a
document in `fakty.resolve`.
"""
from __future__ import annotations

# --- organizations -----------------------------------------------------------------------


# --- persons -----------------------------------------------------------------------------


# --- events ------------------------------------------------------------------------------

def event_kind_flags(lexicons) -> dict[str, frozenset[str]]:
    """Event kind as `event_kinds.txt` writes it ("круглый стол") -> its flags (generic, body,
    container, part, competition, meeting: the file's header says what each means)."""
    return lexicons.derive(_event_kind_flags)


def _event_kind_flags(lexicons) -> dict[str, frozenset[str]]:
    return {row[0]: frozenset(" ".join(row[1:]).split()) for row in lexicons.rows("event_kinds")}


def event_kinds_with(flag: str, lexicons) -> frozenset[str]:
    """The event kinds that have a flag ("generic": мероприятие)."""
    return lexicons.derive(_event_kinds_by_flag).get(flag, frozenset())


def _event_kinds_by_flag(lexicons) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for kind, flags in event_kind_flags(lexicons).items():
        for flag in flags:
            out.setdefault(flag, set()).add(kind)
    return {flag: frozenset(kinds) for flag, kinds in out.items()}



# --- dates, figures and places -----------------------------------------------------------
