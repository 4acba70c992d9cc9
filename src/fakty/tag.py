"""Stage 3, tag: slovnet NER spans (PER, LOC, ORG) as candidates for the grammars.

The navec embedding and the slovnet model ship inside natasha's wheel; they are loaded on
first use, once per process, and shared by every Extractor in it. Morphology is pymorphy3
through `fakty.morph`, looked up lazily per token.

Speed, with the same spans as slovnet's own `NER.map` (checked on the evaluation texts):
- sentences go into the model sorted by length, in batches of `BATCH` (slovnet's batches
  in text order were 43% padding), and the sentences of several documents can share
  batches (`tag_documents`, used by `Extractor.pipe`);
- slovnet's words are the sentence's razdel tokens, not a second razdel pass over its text
  (that is what slovnet would get, see `_words`);
- numpy's BLAS runs on one thread here: slovnet's matrix products are small, and a second
  thread bought no time on a quiet machine and cost several times the wall time on a busy
  one. The caller's own BLAS setting is back in force after each call.
The model's scores move in the last bits with the batch a sentence is in (BLAS sums in
another order); the tags they decode to were the same on all 987 texts of the evaluation
sets (14,272 sentences) in every batching tried.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from .segment import Sentence

_lock = threading.Lock()
_ner = None
_blas = None
loads = 0  # how many times the NER model was loaded in this process (tests read it)
BATCH = 8  # sentences per model call, after sorting by length (larger was no faster)


@dataclass(frozen=True)
class NerSpan:
    start: int  # cleaned-text offsets
    stop: int
    type: str  # PER, LOC, ORG
    text: str


def ner_model():
    global _ner, _blas, loads
    if _ner is None:
        with _lock:
            if _ner is None:
                from natasha import NewsEmbedding, NewsNERTagger
                from threadpoolctl import ThreadpoolController

                _ner = NewsNERTagger(NewsEmbedding())
                _blas = ThreadpoolController()  # numpy's BLAS is loaded by now
                loads += 1
    return _ner


def tag(sentences: Sequence[Sentence]) -> list[NerSpan]:
    return tag_documents([sentences])[0]


def tag_documents(documents: Sequence[Sequence[Sentence]]) -> list[list[NerSpan]]:
    """NER spans of each document; the sentences of all of them share the model's batches."""
    from slovnet.bio import bio_spans

    # a name, a place or an organisation needs a capital letter or a quote
    todo = [(number, sent, _words(sent)) for number, sentences in enumerate(documents)
            for sent in sentences if any(c.isupper() or c in "«\"" for c in sent.text)]
    order = sorted(range(len(todo)), key=lambda i: len(todo[i][2][0]))
    tags: list = [None] * len(todo)
    if todo:
        model = ner_model()
        with _blas.limit(limits=1, user_api="blas"):
            for first in range(0, len(order), BATCH):
                batch = order[first:first + BATCH]
                for i, sentence_tags in zip(batch, _predict(model, [todo[i][2][0] for i in batch])):
                    tags[i] = sentence_tags
    out: list[list[NerSpan]] = [[] for _ in documents]
    for (number, sent, (_, tokens, offset)), sentence_tags in zip(todo, tags):
        for span in bio_spans(tokens, sentence_tags):
            for start, stop in _pieces(sent.text, span.start + offset, span.stop + offset):
                out[number].append(NerSpan(sent.start + start, sent.start + stop, span.type,
                                           sent.text[start:stop]))
    return out


def _predict(model, items: list[list[str]]):
    """slovnet's NERInfer without its tokenizer: the tag of each word of each item."""
    infer = model.infer
    batch = infer.encoder.input([_encoded(words) for words in items])
    emissions = infer.model(batch.word_id, batch.shape_id, batch.pad_mask)
    return infer.decoder(infer.model.head.crf.decode(emissions, ~batch.pad_mask))


def _encoded(words: list[str]) -> tuple[list[int], list[int]]:
    """slovnet's `WordShapeEncoder.item` (word ids, shape ids), each word's kept
    (`_word_ids`): its shape and two vocabulary lookups are Python for every word of every
    sentence, and words recur."""
    ids = [_word_ids(word) for word in words]
    return [w for w, _ in ids], [s for _, s in ids]


@lru_cache(maxsize=100_000)
def _word_ids(word: str) -> tuple[int, int]:
    """A word's ids in the vocabularies of the process's one NER model (`ner_model`)."""
    word_ids, shape_ids = ner_model().infer.encoder.item([word])
    return word_ids[0], shape_ids[0]


_BULLETS = "•·▪►●◦"
_BULLETS_AS_DASHES = str.maketrans(_BULLETS, "------")
# razdel joins these to a neighbour by looking two atoms away ('слово -то', '3 .5')
_JOINERS = set("‑–—−-_.,/\\")


def _words(sent: Sentence):
    """(words for slovnet, their tokens, offset that makes the tokens' offsets
    sentence-relative). slovnet razdel-tokenizes the sentence's text; its tokens are
    already that, unless a bullet is in it (slovnet does not know list bullets: '• Коффи
    Коджа' is missed, '- Коффи Коджа' found; a dash in their place keeps every offset) or
    the sentence is a piece of a longer one cut where razdel would look across the cut."""
    tokens = sent.tokens
    first, last = tokens[0].text, tokens[-1].text
    if any(c in sent.text for c in _BULLETS) or \
            (len(first) > 1 and first[0] in _JOINERS) or (len(last) > 1 and last[-1] in _JOINERS):
        from slovnet.token import tokenize

        tokens = list(tokenize(sent.text.translate(_BULLETS_AS_DASHES)))
        return [t.text for t in tokens], tokens, 0
    return [t.text for t in tokens], tokens, -sent.start


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
