"""HTML view of a Document for notebooks: the text with every record's spans highlighted."""
from __future__ import annotations

from html import escape

from .records import RECORD_TYPES, Document

COLORS = {
    "Organization": "#cfe2ff", "Person": "#ffd6a5", "Location": "#caffbf",
    "Event": "#ffc6ff", "Figure": "#fdffb6", "Date": "#bdb2ff",
}


def _label(record) -> str:
    kind = type(record).__name__
    if kind == "Figure":
        value = f"{record.value} {record.unit or ''}".strip()
        return f"{kind} {record.id}: {value}"
    if kind == "Date":
        return f"{kind} {record.id}: {record.value.iso or ''}"
    name = getattr(record, "name", "")
    return f"{kind} {record.id}: {name}"


def render_html(document: Document) -> str:
    marks = []
    for record in document.records():
        for span in record.spans:
            marks.append((span.start, span.stop, type(record).__name__, _label(record)))
    # outer spans first; an overlapping inner span is shown by its tooltip only
    marks.sort(key=lambda m: (m[0], -m[1]))
    parts, position = [], 0
    for start, stop, kind, label in marks:
        if start < position:
            continue
        parts.append(escape(document.text[position:start]))
        parts.append(
            f'<mark style="background:{COLORS[kind]};padding:0 2px;border-radius:3px" '
            f'title="{escape(label)}">{escape(document.text[start:stop])}'
            f'<sub style="font-size:0.6em;margin-left:2px">{kind[:3].upper()}</sub></mark>'
        )
        position = stop
    parts.append(escape(document.text[position:]))
    counts = ", ".join(f"{len(getattr(document, f))} {f}" for f in RECORD_TYPES)
    head = f"<div style='font-size:0.8em;color:#555'>fakty · {escape(counts)}</div>"
    body = "".join(parts)
    return f"{head}<div style='white-space:pre-wrap;line-height:1.6'>{body}</div>"
