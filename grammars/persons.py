"""Persons from slovnet PER spans: name parts and the nominative name."""
from __future__ import annotations

import re

from fakty.grammar import Grammar
from fakty.morph import nominative_name, parse
from fakty.records import Person

_WORD = re.compile(r"[А-ЯЁA-Z][а-яёa-z]*\.|[\w]+(?:-[\w]+)*")


def name_parts(words: list[str]) -> dict:
    """first / middle / last from words already in the nominative."""
    parts = {"first": None, "middle": None, "last": None}
    rest = []
    for word in words:
        grams = set().union(*(p.tag.grammemes for p in parse(word) if p.score > 0.05)) if parse(word) else set()
        if word.endswith(".") or len(word) == 1:
            key = "first" if parts["first"] is None else "middle"
            parts[key] = parts[key] or word
        elif "Patr" in grams and parts["middle"] is None and parts["first"] is not None:
            parts["middle"] = word
        elif "Name" in grams and parts["first"] is None:
            parts["first"] = word
        elif "Surn" in grams and parts["last"] is None:
            parts["last"] = word
        else:
            rest.append(word)
    for word in rest:  # an unknown word is the surname if that is still open
        if parts["last"] is None:
            parts["last"] = word
        elif parts["first"] is None:
            parts["first"] = word
    return parts


def person_from_words(words: list[str], span) -> Person:
    nominative = nominative_name(words)
    parts = name_parts(nominative)
    name = " ".join(p for p in (parts["first"], parts["middle"], parts["last"]) if p)
    return Person(spans=[span], name=name or " ".join(nominative), **parts)


def _from_ner(context):
    for ner in context.ner_spans("PER"):
        words = _WORD.findall(ner.text)
        if words:
            yield person_from_words(words, context.span(ner.start, ner.stop))


GRAMMARS = [Grammar(name="persons.ner", find=_from_ner, priority=1)]
