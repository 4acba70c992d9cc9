"""Figures: each mention is its own record; a year-less period takes the publication year."""
from __future__ import annotations

from .dates import anchor, publication_date


def resolve(records, context):
    published = publication_date(context.entities.get("dates", []), context)
    return [r.model_copy(update={"period": anchor(r.period, published)}) if r.period else r
            for r in records]
