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
# org_kinds.txt (head words of bodies and their flags), org_names.txt (names known without
# quotes), not_orgs.txt (words of events and documents), thing_kinds.txt (words for things).

OPEN, CLOSE = "\u00ab", "\u00bb"
QUOTES = OPEN + CLOSE + '"'


def _lexicons(lexicons):
    from .lexicons import builtin

    return lexicons if lexicons is not None else builtin()


def org_kinds(lexicons=None) -> dict[str, tuple[str, frozenset[str]]]:
    """org_kinds.txt: entry (a lowercase lemma, or an abbreviation as written) -> (the kind
    it reports, its flags: name alone generic legal po pp part state)."""
    return _lexicons(lexicons).derive(_org_kinds)


def _org_kinds(lexicons) -> dict[str, tuple[str, frozenset[str]]]:
    out = {}
    for row in lexicons.rows("org_kinds"):
        kind = row[1] if len(row) > 1 and row[1] else row[0]
        out[row[0]] = (kind, frozenset(row[2].split()) if len(row) > 2 else frozenset())
    return out


def kind_of(word: str, lexicons=None) -> tuple[str, frozenset[str]] | None:
    """Kind and flags of a head word ('Министерства' -> министерство, 'ОЭЗ' -> ОЭЗ,
    'пресс-службы' -> служба), or None."""
    cache = _lexicons(lexicons).derive(_kind_cache)
    if word not in cache:
        if len(cache) > 100_000:
            cache.clear()
        cache[word] = _kind_of(word, org_kinds(lexicons))
    return cache[word]


def _kind_cache(lexicons) -> dict:
    return {}


def _kind_of(word: str, known: dict) -> tuple[str, frozenset[str]] | None:
    from .morph import parse

    if word in known:
        return known[word]
    if "-" in word.strip("-"):
        return _kind_of(word.rsplit("-", 1)[1], known)  # "пресс-службы"
    for p in parse(word.lower()):
        if p.tag.POS == "NOUN" and p.normal_form in known:
            return known[p.normal_form]
    return None


def not_org_lemmas(lexicons=None) -> frozenset[str]:
    """not_orgs.txt: lemmas of events, documents and products (a name with one is no body)."""
    return frozenset(_lexicons(lexicons).entries("not_orgs"))


def known_name_rows(lexicons=None) -> dict[tuple[str, ...], tuple[str | None, str]]:
    """org_names.txt: the words of a name (abbreviations as written, other words lowercase;
    a hyphen is a word, as tokens have it: "аль - кайда") -> (kind, the name as written)."""
    return _lexicons(lexicons).derive(_known_name_rows)


def _known_name_rows(lexicons) -> dict[tuple[str, ...], tuple[str | None, str]]:
    from .tokens import split

    out: dict[tuple[str, ...], tuple[str | None, str]] = {}
    for row in lexicons.rows("org_names"):
        words = tuple(w if w.isupper() else w.lower() for w in split(row[0]))
        if words not in out or not row[0].islower():
            out[words] = (row[1] if len(row) > 1 else None, row[0])
    return out


def known_names(lexicons=None) -> dict[tuple[str, ...], str | None]:
    """The words of each name of org_names.txt -> its kind."""
    return {words: kind for words, (kind, _) in known_name_rows(lexicons).items()}


def inside_quotes(text: str, start: int) -> bool:
    """Is text[start] inside an open quotation?"""
    before = text[:start]
    return before.count(OPEN) > before.count(CLOSE) or before.count('"') % 2 == 1


def is_anaphor(org, lexicons=None) -> bool:
    """A bare kind word ("Ассоциация", "Центра", "ОЭЗ"): resolve joins it to the one
    organization it can stand for, or drops it; a known name of another kind is a name
    ("Дума": парламент)."""
    found = kind_of(org.name, lexicons) if " " not in org.name else None
    return bool(org.kind) and org.name.lower() == org.kind.lower() or (
        found is not None and "alone" not in found[1] and org.kind in (None, found[0]))


def thing_lemmas(lexicons=None) -> frozenset[str]:
    """thing_kinds.txt: lemmas of words for things that are no bodies (шаттл, препарат)."""
    return _lexicons(lexicons).words("thing_kinds")


def is_thing_word(word: str, lexicons=None) -> bool:
    from .lexicons import fold
    from .morph import parse

    things = thing_lemmas(lexicons)
    return any(p.tag.POS == "NOUN" and fold(p.normal_form) in things for p in parse(word.lower()))


def names_a_thing(text: str, start: int, lexicons=None) -> bool:
    """Whether the name at text[start] follows a word for a thing that is no body:
    "Шаттл «Дискавери»", "шаттлы «Индевор» и «Атлантис»", "робот Curiosity"."""
    import re

    from .morph import parse

    first = re.match(r"[«\"]?([\w-]+)", text[start:start + 80])
    if first and first.group(1)[:1].isupper():
        cases = {p.tag.case for p in parse(first.group(1)) if p.tag.case}
        if cases and "nomn" not in cases:
            return False  # a possessor, not the thing's own name: "самолёт «Аэрофлота»"
    word = word_before_names(text, start)
    return word is not None and is_thing_word(word, lexicons)


_THING_NAME = r"«([^«»\n]{2,60})»|\"([^\"\n]{2,60})\"|(?<![\w-])([A-Z][\w-]*[\w](?: [A-Z0-9][\w-]*)*)"


def thing_names(text: str, lexicons=None) -> set[str]:
    """Lower-cased names the text gives to things after a thing word: {"дискавери"}."""
    import re

    return {(m.group(1) or m.group(2) or m.group(3)).lower()
            for m in re.finditer(_THING_NAME, text) if names_a_thing(text, m.start(), lexicons)}


def word_before_names(text: str, start: int):
    # the places section gets this from grammars/locations.py (the helper that moves it)
    from fakty.grammars.locations import word_before_names as before

    return before(text, start)



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
