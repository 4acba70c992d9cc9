"""`fakty explain`: why a grammar did or did not match, sentence by sentence.

For each sentence it shows which grammars' triggers fired, what each produced (or that the
sentence went over the grammar's budget), and at the end which mentions resolution kept.
It runs the same stages as the Extractor, so what it shows is what extraction does.
"""
from __future__ import annotations

import itertools
from typing import Optional

from .grammar import ner_by_sentence
from .pipeline import Extractor, _as_date


def _describe(record) -> str:
    kind = type(record).__name__
    fields = record.model_dump(mode="json", exclude={"id", "spans"}, exclude_defaults=True)
    inner = ", ".join(f"{k}={v!r}" for k, v in fields.items())
    return f"{kind}({inner}) «{record.text}»"


def explain(text: str, extractor: Optional[Extractor] = None, grammar: Optional[str] = None,
            published=None) -> str:
    extractor = extractor or Extractor()
    prepared = extractor.prepare(text, _as_date(published))
    sentences, ner = prepared.sentences, prepared.ner
    stage = extractor.stage
    grammars = [g for g in stage.grammars if grammar is None or g.name.startswith(grammar)]
    if not grammars:
        return f"no grammar named {grammar!r}; known: {', '.join(g.name for g in stage.grammars)}"
    ids = itertools.count(1)
    fired = set()
    lines = []
    if prepared.page.boilerplate:
        lines.append(f"({len(prepared.page.boilerplate)} boilerplate regions left out; "
                     "Extractor(keep_boilerplate=True) keeps them)")
    for number, (sentence, sentence_ner) in enumerate(zip(sentences, ner_by_sentence(sentences, ner)), 1):
        context = stage.context(prepared.cleaned, sentence, sentence_ner, ids, prepared.published)
        lines.append(f"[{number}] {sentence.text}")
        for span in sentence_ner:
            lines.append(f"    ner {span.type}: «{span.text}»")
        for g in grammars:
            if not g.triggers.fire(context):
                continue
            fired.add(g.name)
            skipped: list = []
            records = stage.apply(g, context, skipped)
            if skipped and skipped[0].error == "BudgetExceeded":
                lines.append(f"    {g.name}: over budget ({g.budget} states), sentence skipped")
            elif skipped:
                lines.append(f"    {g.name}: failed ({skipped[0].error}), sentence skipped")
            elif not records:
                lines.append(f"    {g.name}: triggered, no match")
            for record in records:
                lines.append(f"    {g.name}: {_describe(record)}")
    silent = [g.name for g in grammars if g.name not in fired]
    if silent:
        lines.append(f"never triggered: {', '.join(silent)}")
    doc = extractor.finish(text, prepared)  # the same prepared text: NER runs once
    lines.append("")
    lines.append("after resolution:")
    for record in doc.records():
        lines.append(f"  {record.id}: {_describe(record)} ×{len(record.spans)}")
    return "\n".join(lines)

