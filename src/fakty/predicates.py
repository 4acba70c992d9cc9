"""Predicates over `fakty.tokens.Token` for yargy rules, and small rules built from them.

yargy's own predicates (`gram`, `eq`, `type`, `is_capitalized`, `and_`, `or_`, …) work on
fakty's tokens as they are. These add what fakty's token model carries:

    lexicon("positions")       the token is a one-word entry of the lexicon (by lemma)
    lexicon_phrase("event_kinds")  a rule: a whole entry, one word or several
    lexicon_start("event_kinds")   the token starts an entry, of one word or several
    ner("PER")                 the token lies in a slovnet NER span of that type
    ner_start("PER")           ... and starts it
    ner_end("LOC")             ... and ends it
    glued()                    no space before the token ("ПМЭФ-2024", "А.")
    found("organizations")     the token lies in a record that a grammar run before found
    found_phrase("persons")    a rule: a whole such record ("found" predicates build on what
                               the built-in grammars found: the parties of an agreement)
    number()                   a rule: one whole number ("1 200 000", "сто двадцать пять": fakty.numbers)
    in_number()                the token is part of a number
    first_reading("ADJF")      the most probable reading of the word has the grammeme

A rule that names a lexicon is not tied to its words: the words come from the lexicons of
the Extractor that tagged the tokens, so `Extractor(lexicons=...)` extends every rule that
reads them.
"""
from __future__ import annotations

from typing import Optional

from yargy import and_, not_, or_, rule
from yargy.predicates.bank import GramPredicate
from yargy.predicates.constructors import AndPredicate, NotPredicate, OrPredicate, Predicate


class lexicon(Predicate):
    """The token is a one-word entry of the lexicon `name`."""

    __attributes__ = ["name"]

    def __init__(self, name: str):
        self.name = name

    def __call__(self, token) -> bool:
        return (0, 1) in getattr(token, "lexicons", {}).get(self.name, ())


class _lexicon_part(Predicate):
    """The token is word `first`/`later` of a longer entry of the lexicon."""

    __attributes__ = ["name", "first"]

    def __init__(self, name: str, first: bool):
        self.name = name
        self.first = first

    def __call__(self, token) -> bool:
        parts = getattr(token, "lexicons", {}).get(self.name, ())
        if self.first:
            return any(position == 0 and length > 1 for position, length in parts)
        return any(position > 0 for position, _ in parts)


class lexicon_start(Predicate):
    """The token starts an entry of the lexicon `name`, of one word or several: where a
    `lexicon_phrase` can begin (an anchor for rules built around entries, `fakty.grammar.Anchors`)."""

    __attributes__ = ["name"]

    def __init__(self, name: str):
        self.name = name

    def __call__(self, token) -> bool:
        return any(position == 0 for position, _ in getattr(token, "lexicons", {}).get(self.name, ()))


class in_entry(Predicate):
    """The token is part of an entry (of any length, at any place in it) of the lexicon `name`:
    what a `lexicon_phrase` of it can be made of (`fakty.grammar.Anchors` `through`)."""

    __attributes__ = ["name"]

    def __init__(self, name: str):
        self.name = name

    def __call__(self, token) -> bool:
        return bool(getattr(token, "lexicons", {}).get(self.name))


def lexicon_phrase(name: str, max_words: int = 8):
    """A rule matching one whole entry of the lexicon `name`, of one word or several."""
    return or_(rule(lexicon(name)),
               rule(_lexicon_part(name, True), _lexicon_part(name, False).repeatable(max=max_words - 1)))


class ner(Predicate):
    """The token lies in a slovnet NER span (of `type`, when given: PER, LOC, ORG)."""

    __attributes__ = ["type"]

    def __init__(self, type: Optional[str] = None):
        self.type = type

    def __call__(self, token) -> bool:
        span = getattr(token, "ner", None)
        return span is not None and (self.type is None or span.type == self.type)


class ner_start(ner):
    """The token starts a slovnet NER span (of `type`, when given)."""

    def __call__(self, token) -> bool:
        return super().__call__(token) and token.ner.start == token.span.start


class ner_end(ner):
    """The token ends a slovnet NER span (of `type`, when given)."""

    def __call__(self, token) -> bool:
        return super().__call__(token) and token.ner.stop <= token.span.stop


class glued(Predicate):
    """No space between the token and the one before it."""

    __attributes__: list = []

    def __call__(self, token) -> bool:
        return bool(getattr(token, "glued", False))


# --- what earlier grammars found (general: a rule that builds on the records of others) ------

def _field(type) -> str:
    """A Document field name ("organizations") for a field name or a record class."""
    if isinstance(type, str):
        return type
    from .records import record_type

    return record_type(type).field


class found(Predicate):
    """The token lies in a record of `type` (a Document field name such as "organizations",
    or a record class) that a grammar run before this one found in the sentence."""

    __attributes__ = ["type"]

    def __init__(self, type):
        self.type = _field(type)

    def __call__(self, token) -> bool:
        return bool(getattr(token, "found", {}).get(self.type))


class found_start(found):
    """The token starts a record of `type` found before."""

    def __call__(self, token) -> bool:
        return any(position == 0 for position, _ in getattr(token, "found", {}).get(self.type, ()))


class _found_part(found):
    """The token is the only token of a found record (`part` 'whole'), starts a longer one
    ('first'), or is a later token of one ('later')."""

    __attributes__ = ["type", "part"]

    def __init__(self, type, part: str):
        super().__init__(type)
        self.part = part

    def __call__(self, token) -> bool:
        parts = getattr(token, "found", {}).get(self.type, ())
        if self.part == "whole":
            return (0, 1) in parts
        if self.part == "first":
            return any(position == 0 and length > 1 for position, length in parts)
        return any(position > 0 for position, _ in parts)


def found_phrase(type, max_tokens: int = 24):
    """A rule matching the tokens of one whole record of `type` found before (an organization
    named by eight words is one phrase)."""
    return or_(rule(_found_part(type, "whole")),
               rule(_found_part(type, "first"), _found_part(type, "later").repeatable(max=max_tokens - 1)))


# --- numbers: added for the dates and figures grammars, general to any rule over numbers ---

class _number_part(Predicate):
    """The token is the `part` ("whole", "first", "inside", "last") of a number
    (`fakty.numbers`: "1 200 000", "1,1", "сто двадцать пять" are runs of tokens)."""

    __attributes__ = ["part"]

    def __init__(self, part: str):
        self.part = part

    def __call__(self, token) -> bool:
        number = getattr(token, "number", None)
        if number is None:
            return False
        index, first, last = token.index, number.start, number.stop - 1
        if self.part == "whole":
            return first == index == last
        if self.part == "first":
            return index == first < last
        if self.part == "last":
            return first < index == last
        return first < index < last


def number(max_tokens: int = 12, unless: Optional[Predicate] = None):
    """A rule matching one whole number, of one token ("230") or several ("1 200 000",
    "0,77", "сто двадцать пять", "23-х"); its value is `token.number.value` of any of them.
    `unless`: a predicate its first token must not match (a year: "2013" is no count of years)."""
    whole, first = _number_part("whole"), _number_part("first")
    if unless is not None:
        whole, first = and_(whole, not_(unless)), and_(first, not_(unless))
    return or_(rule(whole),
               rule(first, _number_part("inside").repeatable(max=max_tokens - 2).optional(),
                    _number_part("last")))


class in_number(Predicate):
    """The token is part of a number (`fakty.numbers`): "одного" in "одного прохожего" is a
    number, no adjective."""

    __attributes__: list = []

    def __call__(self, token) -> bool:
        return getattr(token, "number", None) is not None


class first_reading(Predicate):
    """The most probable reading of the word has the grammeme `gram` ("Хабаровском": ADJF;
    "года": sing, where "лет" is plural; "погиб": VERB, though a noun too)."""

    __attributes__ = ["gram"]

    def __init__(self, gram: str):
        self.gram = gram

    def __call__(self, token) -> bool:
        forms = getattr(token, "forms", None)
        return bool(forms) and self.gram in forms[0].grams


# --- what the parser runs: yargy's and_/or_/not_ as plain loops ------------------------------

class _All(AndPredicate):
    """yargy's and_, as a loop: the same answers without a generator on every call."""

    def __call__(self, token) -> bool:
        for predicate in self.predicates:
            if not predicate(token):
                return False
        return True


class _Any(OrPredicate):
    """yargy's or_, as a loop."""

    def __call__(self, token) -> bool:
        for predicate in self.predicates:
            if predicate(token):
                return True
        return False


class _Gram(GramPredicate):
    """yargy's gram(), asked of the grammemes of all parses at once (`fakty.tokens.Token.grams`)."""

    def __call__(self, token) -> bool:
        grams = getattr(token, "grams", None)
        if grams is None:  # a token of yargy's own tokenizer
            return GramPredicate.__call__(self, token)
        return self.value in grams


def compiled(predicate):
    """An activated predicate with its and_/or_ (at any depth) as plain loops, an and_ inside
    an and_ (an or_ inside an or_) spliced into it, and gram() reading the token's grammemes
    gathered once: the same tests in the same order, the same answers, fewer calls. `fakty.grammar.BudgetParser` runs every rule's predicates this way."""
    if type(predicate) is GramPredicate:
        return _Gram(predicate.value)
    if isinstance(predicate, NotPredicate):
        return NotPredicate(compiled(predicate.predicate))
    if not isinstance(predicate, (AndPredicate, OrPredicate)):
        return predicate
    kind = _All if isinstance(predicate, AndPredicate) else _Any
    parts: list = []
    for part in map(compiled, predicate.predicates):
        parts.extend(part.predicates if isinstance(part, kind) else [part])
    return kind(parts)
