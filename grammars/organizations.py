"""Organizations from slovnet ORG spans: quotes balanced, nominative name, kind."""
from __future__ import annotations

import re

from fakty.grammar import Grammar
from fakty.grammars import lexicon
from fakty.morph import lemma, nominative_phrase
from fakty.records import Organization

_PIECE = re.compile(r"«[^«»]*(?:«[^«»]*»[^«»]*)*»?|\"[^\"]*\"?|[\w]+(?:[-.]\w+)*")


def kinds() -> dict[str, str]:
    """lemma or abbreviation -> kind, from org_kinds.txt."""
    out = {}
    for entry in lexicon("org_kinds.txt"):
        out[entry.lower()] = entry
    return out


def balance_quotes(text: str, start: int, stop: int) -> tuple[int, int]:
    """Extend a span over the closing quotes its opening quotes need (at most two), or
    trim a dangling opening quote."""
    opened = text[start:stop].count("«") - text[start:stop].count("»")
    while opened > 0 and stop < len(text) and text[stop] == "»":
        stop += 1
        opened -= 1
    if opened > 0:
        # look a little further: «Технополис Москва» cut before its last word
        close = text.find("»", stop, stop + 40)
        if close != -1 and "«" not in text[stop:close] and "\n" not in text[stop:close]:
            stop = close + 1
            opened -= 1
            while opened > 0 and stop < len(text) and text[stop] == "»":
                stop += 1
                opened -= 1
    return start, stop


def organization_name(text: str) -> tuple[str, str | None]:
    """Nominative name and kind of an organization mention."""
    pieces = _PIECE.findall(text)
    words = [p for p in pieces if not p.startswith(("«", '"'))]
    known = kinds()
    kind = None
    for piece in pieces:
        if piece.startswith(("«", '"')):
            continue
        kind = known.get(piece.lower()) or known.get(lemma(piece.lower()))
        if kind:
            break
    if not words or len(words) == len(pieces):
        return (nominative_phrase(words) if words else text), kind
    # words before the quoted name decline, the quoted name stays as written
    first_quote = next(i for i, p in enumerate(pieces) if p.startswith(("«", '"')))
    head = nominative_phrase(pieces[:first_quote]) if first_quote else ""
    return " ".join(x for x in [head] + pieces[first_quote:] if x), kind


def _from_ner(context):
    for ner in context.ner_spans("ORG"):
        start, stop = balance_quotes(context.text, ner.start, ner.stop)
        name, kind = organization_name(context.text[start:stop])
        yield Organization(spans=[context.span(start, stop)], name=name, kind=kind)


GRAMMARS = [Grammar(name="organizations.ner", find=_from_ner, priority=1)]
