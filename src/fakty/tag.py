"""Stage 3, tag: slovnet NER spans (PER, LOC, ORG) as candidates for the grammars.

The navec embedding and the slovnet model ship inside natasha's wheel; they are loaded on
first use, once per process, and shared by every Extractor in it. Morphology is pymorphy3
through `fakty.morph`, looked up lazily per token.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Sequence

from .segment import Sentence

_lock = threading.Lock()
_ner = None
loads = 0  # how many times the NER model was loaded in this process (tests read it)


@dataclass(frozen=True)
class NerSpan:
    start: int  # cleaned-text offsets
    stop: int
    type: str  # PER, LOC, ORG
    text: str


def ner_model():
    global _ner, loads
    if _ner is None:
        with _lock:
            if _ner is None:
                from natasha import NewsEmbedding, NewsNERTagger

                _ner = NewsNERTagger(NewsEmbedding())
                loads += 1
    return _ner


def tag(sentences: Sequence[Sentence]) -> list[NerSpan]:
    # a name, a place or an organisation needs a capital letter or a quote
    todo = [s for s in sentences if any(c.isupper() or c in "«\"" for c in s.text)]
    if not todo:
        return []
    spans = []
    # slovnet does not know list bullets: '• Коффи Коджа' is missed, '- Коффи Коджа' found;
    # a dash in their place keeps every offset
    texts = [s.text.translate(_BULLETS_AS_DASHES) for s in todo]
    for sent, markup in zip(todo, ner_model().map(texts)):
        for span in markup.spans:
            for start, stop in _pieces(sent.text, span.start, span.stop):
                spans.append(NerSpan(sent.start + start, sent.start + stop, span.type, sent.text[start:stop]))
    return spans


_BULLETS_AS_DASHES = str.maketrans("•·▪►●◦", "------")

# no name holds a list bullet: 'Туркмения • Уганда' tagged as one place is two
_PIECE = re.compile(r"[^•·▪►●◦|¦]+")


def _pieces(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """The parts of a tagged span between list bullets, without the spaces around them."""
    out = []
    for m in _PIECE.finditer(text[start:stop]):
        piece = m.group()
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            out.append((start + m.start() + left, start + m.start() + right))
    return out
