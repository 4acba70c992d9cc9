"""HTML view of a Document for notebooks: the text with every record's spans highlighted.

- every span of every record is a `<mark>`, nested where one record is named inside another
  (the academy inside "Институт этнологии и антропологии РАН"); spans that cross are cut into
  pieces that nest, and the type label sits after the last piece; the title of a person as
  written ("директор Института ...") is underlined;
- hovering a mark shows the record: its id, label and fields, a person's positions with
  their organizations, an event's date, place and organizers; the records it refers to (and
  those that refer to it) get an outline;
- a legend names the colours and counts each type; page furniture (`boilerplate`) is grey.

`Document._repr_html_` (Jupyter) shows `render_html(doc)`; `html_page(doc)` is a standalone
page to open in a browser. Plugin record types are shown like built-in ones.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from html import escape
from pydantic import BaseModel

from .records import DateValue, Document, Entity, Position, record_types

COLORS = {
    "organizations": "#cfe2ff", "persons": "#ffd6a5", "locations": "#caffbf",
    "events": "#ffc6ff", "figures": "#fdffb6", "dates": "#bdb2ff",
}
# colours of plugin record types, in the order they were registered
MORE_COLORS = ("#a0e7e5", "#ffadad", "#d0f4de", "#e4c1f9", "#fcf6bd", "#b4f8c8")


def _colors() -> dict[str, str]:
    extra = iter(MORE_COLORS * 8)
    return {t.field: COLORS.get(t.field) or next(extra) for t in record_types()}


def _show(value, labels: dict[str, str]) -> str:
    if isinstance(value, DateValue):
        return value.iso or "?"
    if isinstance(value, Position):
        where = value.organization_id or value.location_id
        acting = " (acting)" if value.acting else ""
        return value.title + acting + (f" — {labels.get(where, where)}" if where else "")
    if isinstance(value, Entity):
        return value.label
    if isinstance(value, list):
        return "; ".join(_show(v, labels) for v in value)
    return str(value)


def _reference(value, labels: dict[str, str]) -> str:
    ids = value if isinstance(value, list) else [value]
    return ", ".join(f"{labels.get(i, i)} ({i})" for i in ids)


def describe(record: Entity, labels: dict[str, str]) -> str:
    """The tooltip of a record: a head line, then one line per field that is set."""
    lines = [f"{type(record).__name__} {record.id}: {record.label}"]
    for name in type(record).model_fields:
        value = getattr(record, name)
        if name in ("id", "spans", "name") or value is None or value is False or value in ([], ""):
            continue
        if name.endswith(("_id", "_ids")):
            lines.append(f"{name.rsplit('_', 1)[0]}: {_reference(value, labels)}")
        elif isinstance(value, list) and isinstance(value[0], Position):
            lines.extend(f"— {_show(p, labels)}" for p in value)
        else:
            lines.append(f"{name}: {_show(value, labels)}")
    if len(record.spans) > 1:
        lines.append(f"{len(record.spans)} mentions")
    return "\n".join(lines)


def _references(record: BaseModel) -> set[str]:
    """Ids this record refers to, in nested records (positions) too."""
    out: set[str] = set()
    for name in type(record).model_fields:
        value = getattr(record, name)
        if name.endswith("_id") and name != "id" and isinstance(value, str):
            out.add(value)
        elif name.endswith("_ids") and isinstance(value, list):
            out.update(value)
        elif isinstance(value, list) and name != "spans":
            for item in value:
                if isinstance(item, BaseModel):
                    out |= _references(item)
    return out


def _link_rules(scope: str, document: Document) -> list[str]:
    """CSS that outlines the records linked to the one under the mouse, both ways."""
    links: dict[str, set[str]] = {}
    for record in document.records():
        for other in _references(record):
            links.setdefault(record.id, set()).add(other)
            links.setdefault(other, set()).add(record.id)
    rules = []
    for source in sorted(links):
        targets = ",".join(f'[data-id="{escape(t)}"]' for t in sorted(links[source]))
        rules.append(f'.{scope}:has([data-id="{escape(source)}"]:hover) :is({targets})'
                     "{outline:2px solid #333;outline-offset:1px}")
    return rules


@dataclass(frozen=True)
class _Mark:
    start: int
    stop: int
    order: int      # outer first among marks of one extent
    open: str       # the opening tag
    label: str      # written after the mark's last piece
    close: str


def _marks(document: Document, labels: dict[str, str]) -> list[_Mark]:
    """Every span of every record; boilerplate regions; the span of each position, which
    carries its person's id (hovering it outlines the organization or place)."""
    marks = [_Mark(s.start, s.stop, -2, '<span class="boiler">', "", "</span>")
             for s in document.boilerplate]
    for order, t in enumerate(record_types()):
        sub = f"<sub>{escape(t.prefix.upper())}</sub>"
        for record in getattr(document, t.field, ()):
            tip = escape(describe(record, labels))
            opening = f'<mark class="t-{t.field}" data-id="{escape(record.id)}" title="{tip}">'
            marks.extend(_Mark(s.start, s.stop, order, opening, sub, "</mark>") for s in record.spans)
    for person in document.persons:
        for position in person.positions:
            if position.span is not None:
                tip = escape(f"{person.label} ({person.id}): {_show(position, labels)}")
                opening = f'<span class="position" data-id="{escape(person.id)}" title="{tip}">'
                marks.append(_Mark(position.span.start, position.span.stop, -1, opening, "", "</span>"))
    return [m for m in marks if m.start < m.stop]


def render_html(document: Document) -> str:
    colors = _colors()
    labels = {r.id: r.label for r in document.records()}
    scope = "fakty-" + hashlib.sha1(document.text.encode("utf-8")).hexdigest()[:10]
    marks = _marks(document, labels)

    # walk the text from boundary to boundary; between two, the marks that cover it, outer
    # first; a mark that crosses another is closed and opened again, so the HTML nests
    text = document.text
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.stop for m in marks)})
    starting: dict[int, list[_Mark]] = {}
    for mark in marks:
        starting.setdefault(mark.start, []).append(mark)
    parts: list[str] = []
    shown: list[_Mark] = []
    for left, right in zip(bounds, bounds[1:]):
        active = [m for m in shown if m.stop > left] + starting.get(left, [])
        active.sort(key=lambda m: (m.start, -m.stop, m.order))
        keep = 0
        while keep < min(len(shown), len(active)) and shown[keep] is active[keep]:
            keep += 1
        parts.extend((m.label if m.stop == left else "") + m.close for m in reversed(shown[keep:]))
        parts.extend(m.open for m in active[keep:])
        parts.append(escape(text[left:right]))
        shown = active
    parts.extend(m.label + m.close for m in reversed(shown))

    counts = document.counts()
    prefixes = {t.field: t.prefix.upper() for t in record_types()}
    legend = "".join(
        f'<span class="chip" style="background:{colors[f]}">{escape(prefixes[f])} {escape(f)} '
        f"{counts[f]}</span>" for f in counts)
    legend += '<span class="chip position">title of a person</span>'
    if document.boilerplate:
        legend += f'<span class="chip boiler">{len(document.boilerplate)} boilerplate regions</span>'
    style = "".join([
        f".{scope} .legend{{font:12px sans-serif;margin-bottom:6px}}",
        f".{scope} .chip{{display:inline-block;padding:1px 6px;margin:0 4px 2px 0;border-radius:8px}}",
        f".{scope} .text{{white-space:pre-wrap;line-height:1.9}}",
        f".{scope} mark{{padding:1px 2px;border-radius:3px;color:inherit;"
        "box-shadow:inset 0 -1px 0 rgba(0,0,0,.25)}",
        f".{scope} mark mark{{margin:0 1px;box-shadow:inset 0 0 0 1px rgba(0,0,0,.3)}}",
        f".{scope} mark:hover{{outline:2px solid #000}}",
        f".{scope} sub{{font-size:.6em;margin-left:2px;opacity:.7}}",
        f".{scope} .boiler{{color:#999}}",
        f".{scope} .position{{border-bottom:2px dashed #c77d2e;padding-bottom:1px}}",
        *(f".{scope} .t-{f}{{background:{c}}}" for f, c in colors.items()),
        *_link_rules(scope, document),
    ])
    title = f"<div class='title'><b>{escape(document.title)}</b></div>" if document.title else ""
    return (f'<div class="{scope}"><style>{style}</style>'
            f'<div class="legend">fakty · {legend}</div>{title}'
            f'<div class="text">{"".join(parts)}</div></div>')


def html_page(document: Document) -> str:
    """A standalone HTML page of `render_html(document)`, to save and open in a browser."""
    title = escape(document.title or document.id or "fakty")
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body style="font:15px/1.5 sans-serif;max-width:60em;margin:1em auto">'
            f"{render_html(document)}</body></html>")
