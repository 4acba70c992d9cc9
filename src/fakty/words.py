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

import re

# --- organizations -----------------------------------------------------------------------


# --- persons -----------------------------------------------------------------------------


# --- events ------------------------------------------------------------------------------


# --- dates, figures and places -----------------------------------------------------------

def inside_title(tokens, index: int) -> bool:
    """Is tokens[index] inside the quoted title of a document, programme or rating: «О …»,
    or «…» after a title word (title_kinds.txt: "Указ Президента РФ «…»", "программа «…»")
    or a number ("№ 204 «…»")? A date or a number there belongs to the name."""
    opening = next((k for k in range(index - 1, -1, -1) if tokens[k].value in ("«", "»")), None)
    if opening is None or tokens[opening].value == "»":
        return False
    after = tokens[opening + 1] if opening + 1 < len(tokens) else None
    if after is not None and after.value[:1].isupper() and "о" in after.lemmas and after.type == "RU" \
            and opening + 2 < len(tokens) and not tokens[opening + 2].glued:
        return True  # «О национальных целях …», «Об утверждении …»
    k = opening - 1
    while k >= 0 and (tokens[k].value[:1].isupper() or tokens[k].value == "." and k and tokens[k].glued):
        if tokens[k].in_lexicon("title_kinds"):
            return True  # "Указ Президента РФ «…»"
        k -= 1
    if k >= 0 and tokens[k].in_lexicon("title_kinds"):
        return True  # "программа «…»"
    return _after_numero(tokens, opening)


def _after_numero(tokens, opening: int) -> bool:
    """"№ 204 «…»", "№204-ФЗ «…»": a number sign, then one run of glued characters."""
    k = opening - 1
    while k >= 0 and tokens[k].value != "№" and (k == opening - 1 or tokens[k + 1].glued) \
            and all(c.isalnum() or c in "./-" for c in tokens[k].value):
        k -= 1
    return k >= 0 and tokens[k].value == "№" and k < opening - 1


def match_parts(match) -> dict[str, list]:
    """The tokens each attribute of a yargy match's fact matched: {attribute: [tokens]}, and
    for a repeatable attribute {attribute: [[tokens], ...]} (how an interpretation reads the
    numbers and lexicon rows behind a fact, which yargy hands over as strings)."""
    raw = match.tree.interpret().fact
    out = {}
    for name, value in raw.attributes.items():
        if name in raw.repeatable:
            if value:
                out[name] = [_tokens(item) for item in value]
        elif name in raw.modified:
            out[name] = _tokens(value)
    return out


def _tokens(value) -> list:
    while not hasattr(value, "tokens"):  # a normalized or nested value: what it was made of
        value = value.input if hasattr(value, "input") else value.value
    return list(value.tokens)


def list_gap(tokens) -> bool:
    """Do these tokens join two items of a list said in one breath: nothing, a comma, a
    joiner (joiners.txt: "и", "или", "а также") or a comma and a joiner?"""
    i = 1 if tokens and tokens[0].value == "," else 0
    if i < len(tokens):
        i += next((n for position, n in tokens[i].lexicons.get("joiners", ()) if position == 0), 0)
    return i == len(tokens)


def currency_words(lexicons) -> tuple[frozenset[str], frozenset[str]]:
    """(adjective lemmas, noun lemmas) of currencies: the adjectives of currency_adjectives.tsv
    ("кипрский") and the nouns there and in currencies.tsv ("фунт", "рубль")."""
    return lexicons.derive(_currency_words)


def _currency_words(lexicons) -> tuple[frozenset[str], frozenset[str]]:
    from .lexicons import fold

    pairs = [fold(row[0]).split() for row in lexicons.rows("currency_adjectives")]
    nouns = {fold(row[0]).rstrip(".") for row in lexicons.rows("currencies") if row[0].rstrip(".").isalpha()}
    return frozenset(p[0] for p in pairs if len(p) == 2), frozenset(nouns | {p[-1] for p in pairs})


# places: what organizations ask too (a place's name, a site's quoted name, a sentence start)

def _lexicons(lexicons):
    if lexicons is None:  # the built-in lexicons (for callers that have no Extractor's at hand)
        from .lexicons import builtin

        return builtin()
    return lexicons


def known_places(lexicons=None) -> dict[str, tuple[str, str | None]]:
    """lowercase nominative name -> (canonical name, kind), from places.tsv."""
    return _lexicons(lexicons).derive(_known_places)


def _known_places(lexicons) -> dict[str, tuple[str, str | None]]:
    return {row[0].lower(): (row[1] if len(row) > 1 and row[1] else row[0],
                             row[2] if len(row) > 2 and row[2] else None)
            for row in lexicons.rows("places")}


def place_kinds(lexicons=None) -> dict[str, str]:
    """noun lemma -> kind, from place_kinds.txt."""
    return _lexicons(lexicons).derive(_place_kinds)


def _place_kinds(lexicons) -> dict[str, str]:
    return {row[0]: (row[1] if len(row) > 1 else row[0]) for row in lexicons.rows("place_kinds")}


def named_kinds(lexicons=None) -> frozenset[str]:
    """Lemmas of facilities and natural places (flag `named` in place_kinds.txt): common
    nouns that make a place only with a name ("мыс Канаверал", "здание Капитолия")."""
    return _lexicons(lexicons).derive(_named_kinds)


def _named_kinds(lexicons) -> frozenset[str]:
    return frozenset(row[0] for row in lexicons.rows("place_kinds") if len(row) > 2 and "named" in row[2].split())


def _site_kinds(lexicons) -> frozenset[str]:
    return frozenset(row[1] for row in lexicons.rows("place_kinds") if len(row) > 2 and "site" in row[2].split())


def place_kind_of(word: str, lexicons=None) -> str | None:
    """The kind a noun names ("крае" -> край), from place_kinds.txt."""
    from .morph import parse

    kinds = place_kinds(lexicons)
    for p in parse(word.lower()):
        if p.tag.POS == "NOUN" and p.normal_form in kinds:
            return kinds[p.normal_form]
    return None


_BEFORE_NAME = re.compile(r"(?:\s+|,|\bи\b|«[^«»\n]{1,60}»|\"[^\"\n]{1,60}\"|[«\"])$")


def word_before_names(text: str, start: int) -> str | None:
    """The word before the name at text[start], past other quoted names, commas and "и":
    "площадках" for «Печатники» in "на площадках «Алабушево» и «Печатники»"."""
    # twelve steps back over names of 60 characters at most: a bounded window keeps this
    # from rescanning the whole page for every name on it
    before = text[max(0, start - 2000):start]
    for _ in range(12):
        m = _BEFORE_NAME.search(before)
        if not m or not m.group():
            break
        before = before[: m.start()]
    m = re.search(r"([\w-]+)$", before)
    return m.group(1) if m else None


def is_site(text: str, start: int, stop: int, lexicons=None) -> bool:
    """Whether text[start:stop] is a name after a site word (flag `site` in place_kinds.txt):
    "на площадках «Алабушево» и «Печатники»"."""
    word = word_before_names(text, start)
    return word is not None and place_kind_of(word, lexicons) in _lexicons(lexicons).derive(_site_kinds)


def at_sentence_start(text: str, start: int) -> bool:
    return not text[:start].strip(" -–—«\"")


def windows(tokens: list, anchor, before: int, after: int) -> list[list]:
    """Runs of tokens around the anchors (tokens for which `anchor(token)` holds), `before`
    tokens before each and `after` after it, overlapping runs merged: where a rule whose
    matches hold an anchor and reach no further than that can match. Parsing these instead
    of the whole sentence finds the same matches for a fraction of the chart."""
    spans: list[list[int]] = []
    for i, token in enumerate(tokens):
        if anchor(token):
            start, stop = max(0, i - before), i + after + 1
            if spans and start <= spans[-1][1]:
                spans[-1][1] = stop
            else:
                spans.append([start, stop])
    return [tokens[start:stop] for start, stop in spans]
