"""Typed use of fakty's public API: `tests/test_typing.py` runs mypy on this file, and every
`assert_type` fails when a type checker sees `Any` (or a wrong type) instead of fakty's own."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Iterator, Optional, Union

from typing_extensions import assert_type

import fakty
from fakty import Document, DocumentError, Entity, Extractor, Grammar, Person, Triggers


class License(Entity):
    number: str


assert_type(fakty.register_record(License, field="licenses", prefix="lic"), type[License])

extractor = fakty.Extractor(extra_grammars=["my_rules"], disable=["figures"], plugins=False)
assert_type(extractor, Extractor)
assert_type(extractor.grammars, list[Grammar])
doc = fakty.extract("Мэр Москвы Сергей Собянин открыл технопарк.", published="2025-10-07")
assert_type(doc, Document)
assert_type(extractor(""), Document)
assert_type(doc.persons, list[Person])
assert_type(doc.persons[0].positions[0].title, str)
assert_type(doc.persons[0].positions[0].organization_id, Optional[str])
assert_type(doc.figures[0].value, Optional[Decimal])
assert_type(doc.published, Optional[dt.date])
assert_type(doc.records(), Iterator[Entity])
assert_type(doc.records(License), Iterator[License])
assert_type(doc.get("per-1"), Optional[Entity])
assert_type(doc.counts(), dict[str, int])
assert_type(doc.to_json(), str)
assert_type(extractor.pipe(["текст"]), Iterator[Union[Document, DocumentError]])
assert_type(Triggers(words=frozenset({"банк"})).empty, bool)
assert_type(fakty.json_schema(), dict)
assert_type(fakty.record_types()[0].field, str)
