"""Places from slovnet LOC spans, put into the nominative."""
from __future__ import annotations

from fakty.grammar import Grammar
from fakty.grammars import table
from fakty.morph import nominative_phrase
from fakty.records import Location

import re

_WORD = re.compile(r"\w+(?:-\w+)*")


def _known():
    """lowercase nominative name -> (canonical name, kind), from places.tsv."""
    return {row[0].lower(): (row[1] if len(row) > 1 and row[1] else row[0], row[2] if len(row) > 2 else None)
            for row in table("places.tsv")}


def location_from_words(words: list[str], span) -> Location:
    name = nominative_phrase(words)
    canonical, kind = _known().get(name.lower(), (name, None))
    if kind is None:
        for word in name.lower().split():
            if word in ("область", "край", "республика", "округ", "город", "район", "страна"):
                kind = word
    return Location(spans=[span], name=canonical, kind=kind)


def _from_ner(context):
    for ner in context.ner_spans("LOC"):
        words = _WORD.findall(ner.text)
        if words:
            yield location_from_words(words, context.span(ner.start, ner.stop))


GRAMMARS = [Grammar(name="locations.ner", find=_from_ner, priority=1)]
