"""Stage 5, resolve: mentions become entities, and entities get linked.

Grammars report every mention on its own. Here, per record type and in a fixed order
(places and organizations before the persons and events that refer to them):
- overlapping mentions of one type keep the one from the higher-priority grammar
  (then the longer one), except for a type registered as `overlapping` (relations);
- the type's module groups mentions that name one thing into one entity
  (`ResolveContext.alias` remembers which mention went where);
- references between records (`organization_id`, `organizer_ids`, …) are rewritten
  from mention ids to entity ids.
A registered record type with no module here (a plugin's) goes through after the built-in
ones: its overlapping mentions are dropped the same way, then its `resolver` runs if it was
registered with one, else its mentions are kept as they are.
"""
from __future__ import annotations

import bisect
import importlib
import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Optional, Sequence

from ..clean import Cleaned
from ..grammar import Mention, error_name
from ..lexicons import Lexicons, builtin as builtin_lexicons
from ..records import Entity, Skipped, record_type, record_types
from ..segment import Sentence

# the order matters: a type may look at the entities of the types before it
ORDER = ("locations", "organizations", "persons", "dates", "figures", "events")
log = logging.getLogger("fakty")


@dataclass
class ResolveContext:
    cleaned: Cleaned
    sentences: Sequence[Sentence]
    published: Optional[date]
    lexicons: Lexicons = field(default_factory=builtin_lexicons)
    entities: dict[str, list[Entity]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # mention id -> entity id
    tokens: dict[int, list] = field(default_factory=dict)  # sentence index -> its tokens (`GrammarStage.run`)

    def alias(self, mention_id: str, entity_id: str) -> None:
        if mention_id and mention_id != entity_id:
            self.aliases[mention_id] = entity_id

    def __post_init__(self):
        self._starts = [s.start for s in self.sentences]

    def sentence_at(self, cleaned_offset: int) -> int:
        """Index of the sentence holding a cleaned-text offset (-1 if none), by bisection."""
        i = bisect.bisect_right(self._starts, cleaned_offset) - 1
        return i if i >= 0 and cleaned_offset < self.sentences[i].stop else -1

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence holding an original-text offset (-1 if none)."""
        return self.sentence_at(self.cleaned.from_original(offset))


def load() -> None:
    """Import the built-in resolvers now (they are imported on first use otherwise), so that
    the parsers they make at import are there for `fakty.grammar.build_parsers`."""
    for name in ORDER:
        importlib.import_module(f"{__name__}.{name}")


def resolve(mentions: Sequence[Mention], context: ResolveContext,
            skipped: Optional[list[Skipped]] = None) -> dict[str, list[Entity]]:
    types = {t.field: t for t in record_types()}
    by_field: dict[str, list[Mention]] = {name: [] for name in (*ORDER, *types)}
    for mention in mentions:
        by_field[record_type(type(mention.record)).field].append(mention)
    for name, found in by_field.items():
        if name in types and types[name].overlapping:  # relations: every mention goes on
            kept = sorted((m.record for m in found), key=lambda r: (r.spans[0].start, r.spans[0].stop))
        else:
            kept = drop_overlaps(found)
        if name in ORDER:
            resolver = importlib.import_module(f"{__name__}.{name}").resolve
        else:
            resolver = types[name].resolver or (lambda records, context: records)
        try:
            context.entities[name] = list(resolver(kept, context))
        except Exception as error:  # a resolver's failure leaves its mentions unresolved
            log.error("resolving %s failed; its mentions stay unresolved", name, exc_info=error)
            context.entities[name] = kept
            if skipped is not None:
                skipped.append(Skipped(stage="resolve", name=name, error=error_name(error)))
    return {
        name: [rewrite_references(e, context.aliases) for e in entities]
        for name, entities in context.entities.items()
    }


def drop_overlaps(mentions: Sequence[Mention]) -> list[Entity]:
    """Records of non-overlapping mentions: higher priority first, then longer, then earlier."""
    def rank(m: Mention):
        span = m.record.spans[0]
        return (-m.priority, -(span.stop - span.start), span.start)

    taken = _Intervals()
    kept, dropped = [], []
    for m in sorted(mentions, key=rank):
        span = m.record.spans[0]
        if taken.overlaps(span.start, span.stop):
            dropped.append(m.record)
            continue
        taken.add(span.start, span.stop)
        kept.append(m.record)
    kept += _nested_parts(kept, dropped)
    return sorted(kept, key=lambda r: (r.spans[0].start, r.spans[0].stop))


class _Intervals:
    """Disjoint intervals kept sorted: whether a new one overlaps any is one bisection (a
    long page has thousands of mentions of one type)."""

    def __init__(self):
        self.items: list[tuple[int, int]] = []

    def overlaps(self, start: int, stop: int) -> bool:
        # disjoint and sorted by start, so sorted by stop too: only the last one starting
        # before `stop` can reach past `start`
        j = bisect.bisect_left(self.items, (stop, -1)) - 1
        return j >= 0 and start < self.items[j][1] and self.items[j][0] < stop

    def add(self, start: int, stop: int) -> None:
        bisect.insort(self.items, (start, stop))


def _nested_parts(kept: Sequence[Entity], dropped: Sequence[Entity]) -> list[Entity]:
    """Dropped mentions that a kept mention containing them refers to by id: the party
    inside 'Политическое бюро Национального фронта' (its `parent_id`) stays a mention."""
    inside: dict[str, tuple[int, int]] = {}
    for r in kept:
        for name in type(r).model_fields:
            value = getattr(r, name)
            if name.endswith("_id") and isinstance(value, str):
                inside[value] = (r.spans[0].start, r.spans[0].stop)
    out, taken = [], []
    for r in dropped:
        span = r.spans[0]
        outer = inside.get(r.id or "")
        if outer and outer[0] <= span.start and span.stop <= outer[1] and (span.start, span.stop) != outer \
                and not any(span.start < b and a < span.stop for a, b in taken):
            taken.append((span.start, span.stop))
            out.append(r)
    return out


def merge(records: Sequence[Entity], context: ResolveContext, **updates) -> Entity:
    """One entity from mentions of one thing: the first record, with every span."""
    first = records[0]
    spans = sorted({(s.start, s.stop): s for r in records for s in r.spans}.values(),
                   key=lambda s: (s.start, s.stop))
    for r in records[1:]:
        context.alias(r.id, first.id)
    return first.model_copy(update={"spans": spans, **updates})


def rewrite_references(record, aliases: dict[str, str]):
    """Map every `*_id` / `*_ids` field, in nested records too, through `aliases`."""
    from pydantic import BaseModel

    updates = {}
    for name in type(record).model_fields:
        value = getattr(record, name)
        if name.endswith("_id") and isinstance(value, str):
            updates[name] = aliases.get(value, value)
        elif name.endswith("_ids") and isinstance(value, list):
            updates[name] = list(dict.fromkeys(aliases.get(v, v) for v in value))
        elif isinstance(value, BaseModel) and name != "end":
            updates[name] = rewrite_references(value, aliases)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel) and name != "spans":
            updates[name] = [rewrite_references(v, aliases) for v in value]
    changed = {k: v for k, v in updates.items() if v != getattr(record, k)}
    return record.model_copy(update=changed) if changed else record
