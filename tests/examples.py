"""Reading the example tables kept beside the grammars (grammars/*_examples.tsv)."""
from __future__ import annotations

from fakty.grammars import table


def example_groups(name: str, columns: int) -> list[tuple[tuple[str, ...], list[tuple[str, str]]]]:
    """Rows grouped by their input cells: [(inputs, [(span text, fields), ...])], in table order.
    An expected text of "-" means the input gives no record."""
    groups: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for row in table(name):
        row = tuple(row) + ("",) * (columns + 2 - len(row))
        inputs, text, fields = row[:columns], row[columns], row[columns + 1]
        expected = groups.setdefault(inputs, [])
        if text != "-":
            expected.append((text, fields))
    return list(groups.items())


def parse_fields(fields: str) -> dict[str, str]:
    out = {}
    for item in fields.split(";"):
        if item.strip():
            name, _, value = item.strip().partition("=")
            out[name.strip()] = value.strip()
    return out


def field(record, path: str):
    value = record
    for name in path.split("."):
        value = getattr(value, name) if value is not None else None
    return value


def mismatches(record, fields: str) -> dict[str, tuple[str, str]]:
    """{field: (expected, actual)} for every field the record gets wrong."""
    return {name: (want, str(field(record, name)))
            for name, want in parse_fields(fields).items() if str(field(record, name)) != want}


def titles(extractor, text: str, name: str) -> list[tuple[str, str | None]]:
    """(title, name of its organization or place) of each position of the person `name`."""
    doc = extractor(text)
    [person] = [p for p in doc.persons if p.name == name]
    out = []
    for position in person.positions:
        where = position.location_id or position.organization_id
        out.append((position.title, doc.get(where).name if where else None))
    return out
