"""Figures: each mention is its own record; a year-less period takes the publication year.

A currency named once with its adjective ("667,2 миллиона кипрских фунтов") is the one a
later bare noun of the same text means ("111,2 миллиона фунтов": CYP, not GBP).
"""
from __future__ import annotations

import re

from ..morph import lemmas
from ..words import currency_words
from .dates import anchor

_WORD = re.compile(r"[А-Яа-яЁё]+")


def _currency_words(text: str, lexicons) -> tuple[set, set]:
    """(adjective lemmas, noun lemmas) of the currency words in a figure's text."""
    currency_adjectives, currency_nouns = currency_words(lexicons)
    adjectives, nouns = set(), set()
    for word in _WORD.findall(text.lower()):
        forms = lemmas(word)
        adjectives |= forms & currency_adjectives
        nouns |= forms & currency_nouns
    return adjectives, nouns


def carry_currencies(records, lexicons):
    said: dict[str, str] = {}  # noun lemma -> the code its adjective gave
    out = list(records)
    order = sorted(range(len(out)), key=lambda i: out[i].spans[0].start if out[i].spans else 0)
    for i in order:
        record = out[i]
        if record.kind == "money" and record.spans:
            text = record.spans[0].text
            adjectives, nouns = _currency_words(text, lexicons)
            if adjectives:
                said.update((noun, record.unit) for noun in nouns)
            elif len(nouns) == 1 and "сша" not in text.lower():
                (noun,) = nouns
                if noun in said and said[noun] != record.unit:
                    out[i] = record.model_copy(update={"unit": said[noun]})
    return out


def carry_units(records, context):
    """A number the grammar left without a unit takes that of the figure just before it in
    the sentence before: an amount ("поднять штраф до 3 миллионов", kind other) a sum's
    currency; a number in a list by origin ("375000 из Германии", kind count) a count's or
    a sum's unit. With none there it is dropped (a count carried over a sentence from an
    unrelated noun is worse than no figure)."""
    out, last = [], None
    for record in sorted(records, key=lambda r: r.spans[0].start if r.spans else 0):
        if record.unit is None and record.kind in ("other", "count") and record.value is not None:
            if last is None or not record.spans or (record.kind == "other" and last.kind != "money"):
                continue
            here = context.sentence_index(record.spans[0].start)
            there = context.sentence_index(last.spans[0].start)
            if here < 0 or there < 0 or here - there > 1:
                continue
            record = record.model_copy(update={"kind": last.kind, "unit": last.unit, "subject": last.subject})
        if record.kind in ("money", "count") and record.unit and record.spans:
            last = record
        out.append(record)
    return out


def resolve(records, context):
    records = [r.model_copy(update={"period": anchor(r.period, context.published)}) if r.period else r
               for r in records]
    return carry_currencies(carry_units(records, context), context.lexicons)
