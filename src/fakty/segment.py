"""Stage 2, segment: lines, then razdel sentences and tokens, overlong sentences split.

News pages put headlines, dates and captions on lines of their own without a full stop, so
every line break ends a sentence. A sentence longer than `MAX_TOKENS` is cut at
punctuation (or, failing that, every `MAX_TOKENS` tokens) so that no grammar ever parses an
unbounded token list. Offsets are into the cleaned text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from razdel import sentenize, tokenize

from .tokens import url_runs

MAX_TOKENS = 80
LONG_TOKEN = 30  # characters; no token of the evaluation texts is longer
_PIECE = re.compile(r"\w+|[^\w\s]")
_SOFT_BREAKS = {";", ":", ",", "-", "(", ")"}


@dataclass(frozen=True)
class Token:
    start: int
    stop: int
    text: str


@dataclass(frozen=True)
class Sentence:
    start: int
    stop: int
    text: str
    tokens: tuple[Token, ...]


_LINE = re.compile(r"[^\n]+")


def segment(text: str, max_tokens: int = MAX_TOKENS) -> list[Sentence]:
    sentences = []
    for line in _LINE.finditer(text):
        if not line.group().strip():
            continue
        for sent in sentenize(line.group()):
            start = line.start() + sent.start
            tokens = tuple(piece for t in tokenize(sent.text) for piece in _pieces(start + t.start, t.text))
            if "://" in sent.text or "www." in sent.text:
                tokens = _join_urls(text, tokens)
            if tokens:
                sentences.extend(_split(text, tokens, max_tokens))
    return sentences


def _pieces(start: int, text: str) -> list[Token]:
    """A razdel token, or the words and signs of one too long to be a word: razdel keeps
    '1.1.1.1…', URLs and text without spaces whole, and a sentence cut at MAX_TOKENS of
    those could still be 40,000 tokens for a grammar."""
    if len(text) <= LONG_TOKEN:
        return [Token(start, start + len(text), text)]
    return [Token(start + m.start(), start + m.end(), m.group()) for m in _PIECE.finditer(text)]


def _join_urls(text: str, tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    """The tokens of each URL as one, so that no sentence is cut inside a URL, where the
    grammars' tokens would no longer see it whole (`fakty.tokens.url_runs`)."""
    runs = url_runs(text, [(t.start, t.stop) for t in tokens], tokens[0].start, tokens[-1].stop)
    return tuple(tokens[first] if first == last else
                 Token(tokens[first].start, tokens[last].stop, text[tokens[first].start:tokens[last].stop])
                 for first, last, _ in runs)


def _split(text: str, tokens: tuple[Token, ...], max_tokens: int) -> list[Sentence]:
    pieces = []
    while len(tokens) > max_tokens:
        # the last soft break in the second half of the window, else a hard cut
        cut = max_tokens
        for i in range(max_tokens - 1, max_tokens // 2, -1):
            if tokens[i].text in _SOFT_BREAKS:
                cut = i + 1
                break
        pieces.append(tokens[:cut])
        tokens = tokens[cut:]
    pieces.append(tokens)
    return [
        Sentence(p[0].start, p[-1].stop, text[p[0].start:p[-1].stop], p) for p in pieces if p
    ]
