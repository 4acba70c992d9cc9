"""The one token model: what every grammar and rule sees of a sentence.

A sentence is tokenized once, the way yargy tokenizes (words, numbers and each punctuation
mark apart: "вице-президент" is "вице", "-", "президент"), and each `Token` carries:
- `value`, `type` (RU, LATIN, INT, PUNCT, OTHER) and `span` (offsets in the sentence), as
  yargy's tokens do, so every yargy predicate works on it;
- `forms`: pymorphy3 parses, as yargy forms (yargy's own analyzer is never built);
- `index` in the sentence and `glued`: no space before it ("ПМЭФ-2024": "-" and "2024"
  are glued, "Москва - столица" is not);
- `ner`: the slovnet NER span the token lies in (`NerSpan`, sentence offsets), or None;
- `lexicons`: the lexicon entries it is part of (see `fakty.lexicons`);
- `found`: the records that grammars run before on the sentence found on it ({Document
  field: {(position, length)}} in tokens, as `lexicons`; see `SentenceContext.add_found`).
- `number`: the number it is part of ("1 200 000", "сто двадцать пять": `fakty.numbers`), or None.
Predicates over these live in `fakty.predicates`; nothing re-tokenizes a sentence or
re-aligns the NER after this.
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

from yargy.span import Span as TokenSpan
from yargy.token import MorphToken, Token as YargyToken
from yargy.tokenizer import RULES

# yargy's own token rules, compiled once: the same tokens as its MorphTokenizer gives
_TYPES = [rule.type for rule in RULES]
_PATTERN = re.compile("|".join(f"(?P<t{i}>{rule.pattern})" for i, rule in enumerate(RULES)),
                      re.UNICODE | re.IGNORECASE)
_EOL = "EOL"


class Token(YargyToken):
    """A token of a sentence with everything the grammars know about it (punctuation, numbers
    and Latin words; Russian words are `WordToken`s, with their parses)."""

    __attributes__ = ["value", "span", "type"]
    forms: Sequence = ()
    number = None  # a fakty.numbers.Number, set by tokenize for the tokens of a number

    def __init__(self, value: str, span: TokenSpan, type: str, index: int = 0, glued: bool = False,
                 ner=None):
        YargyToken.__init__(self, value, span, type)
        self.index = index
        self.glued = glued
        self.ner = ner
        self.lexicons: dict[str, set[tuple[int, int]]] = {}
        self.found: dict[str, set[tuple[int, int]]] = {}

    @property
    def lemmas(self) -> frozenset[str]:
        """Normal forms of every parse (the lowercase text for a token with none), gathered once."""
        if "_lemmas" not in self.__dict__:
            self._lemmas = frozenset(f.normalized for f in self.forms) or frozenset({self.value.lower()})
        return self._lemmas

    @property
    def grams(self) -> frozenset[str]:
        """The grammemes of all its parses, gathered once (yargy's `gram` asks each parse in
        turn: `fakty.predicates.compiled` asks this)."""
        if "_grams" not in self.__dict__:
            self._grams = frozenset().union(*(form.grams.values for form in self.forms))
        return self._grams

    def in_lexicon(self, name: str) -> bool:
        """Is the token a one-word entry of the lexicon?"""
        return (0, 1) in self.lexicons.get(name, ())

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def stop(self) -> int:
        return self.span.stop


class WordToken(Token, MorphToken):
    """A Russian word: a token with pymorphy3 parses as yargy forms (what `gram`,
    `dictionary` and agreement relations read)."""

    __attributes__ = ["value", "span", "type", "forms"]

    def __init__(self, value: str, span: TokenSpan, type: str, forms: list, index: int = 0,
                 glued: bool = False, ner=None):
        Token.__init__(self, value, span, type, index, glued, ner)
        self.forms = forms

    def constrained(self, forms):
        """The same token with fewer forms (yargy's agreement relations narrow them)."""
        token = WordToken(self.value, self.span, self.type, forms, self.index, self.glued, self.ner)
        token.lexicons = self.lexicons
        token.found = self.found
        token.number = self.number
        return token


def split(text: str) -> list[str]:
    """Token texts of `text` (for lexicon entries: tokenized like sentences are)."""
    return [m.group() for m in _PATTERN.finditer(text) if _TYPES[_group(m)] != _EOL]


def _group(match) -> int:
    return int(match.lastgroup[1:])


def tokenize(text: str, ner: Sequence = (), lexicons=None) -> list[Token]:
    """The tokens of one sentence. `ner`: NER spans with sentence offsets; `lexicons`: a
    `fakty.lexicons.Lexicons` to tag the tokens with."""
    from .morph import yargy_morph

    morph = yargy_morph()
    tokens: list[Token] = []
    previous_stop: Optional[int] = None
    for m in _PATTERN.finditer(text):
        type = _TYPES[_group(m)]
        if type == _EOL:
            continue
        value = m.group()
        start, stop = m.span()
        span, glued = TokenSpan(start, stop), previous_stop == start
        if type == "RU":
            tokens.append(WordToken(value, span, type, morph(value), len(tokens), glued))
        else:
            tokens.append(Token(value, span, type, len(tokens), glued))
        previous_stop = stop
    if "://" in text or "www." in text:
        tokens = _join_urls(tokens, text)
    _align(tokens, ner)
    if lexicons is not None:
        from .numbers import tag as tag_numbers

        lexicons.tag(tokens)
        tag_numbers(tokens, text, lexicons)
    return tokens


URL = re.compile(r"(?:https?://|www\.)[^\s\[\]«»\"<>]*[^\s\[\]«»\"<>.,;:!?)]", re.IGNORECASE)  # no end mark


def url_runs(text: str, spans, start: int = 0, stop: int | None = None) -> list[tuple[int, int, bool]]:
    """The tokens, given by their (start, stop) spans, in runs: the tokens of one URL together
    (razdel cuts "https://…/%D0%BE" into words and signs), every other token alone: (first
    index, last index, is it a URL). URLs are looked for in text[start:stop]."""
    urls = [m.span() for m in URL.finditer(text, start, len(text) if stop is None else stop)]
    runs: list[list] = []  # [first, last, the URL's span or None]
    for i, (a, b) in enumerate(spans):
        url = next(((u, v) for u, v in urls if u <= a and b <= v), None)
        if url is not None and runs and runs[-1][2] == url:
            runs[-1][1] = i
        else:
            runs.append([i, i, url])
    return [(first, last, url is not None) for first, last, url in runs]


def _join_urls(tokens: list[Token], text: str) -> list[Token]:
    """The tokens of each URL as one token of type OTHER: no grammar reads "0%" in "%D0%BE"."""
    out: list[Token] = []
    for first, last, is_url in url_runs(text, [(t.span.start, t.span.stop) for t in tokens]):
        token = tokens[first]
        if is_url:
            span = TokenSpan(token.span.start, tokens[last].span.stop)
            token = Token(text[span.start:span.stop], span, "OTHER", glued=token.glued)
        token.index = len(out)
        out.append(token)
    return out


def _align(tokens: list[Token], ner: Sequence) -> None:
    """Each token gets the NER span it lies in (a token the span only cuts into counts)."""
    spans = sorted(ner, key=lambda s: s.start)
    j = 0
    for token in tokens:
        while j < len(spans) and spans[j].stop <= token.span.start:
            j += 1
        if j < len(spans) and spans[j].start < token.span.stop:
            token.ner = spans[j]
