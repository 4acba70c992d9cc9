"""A grammar plugin with a record type of its own: licenses with their numbers and holders.

    fakty extract news.txt --grammars examples/licenses.py
    fakty.Extractor(extra_grammars=["examples/licenses.py"])

"ООО «Ромашка» получило лицензию № 77-01-004512" gives a `License` with number
"77-01-004512", and its `holder_id` points to the organization named before it in the
sentence. The records come out in `doc.licenses`, in the JSON (`"licenses": [...]`), in
`doc.tables()["licenses"]` and in the HTML view, with ids `lic-1`, `lic-2`, ...
"""
from __future__ import annotations

import re
from typing import Optional

from fakty import Entity, Grammar, Triggers, register_record


class License(Entity):
    number: str
    holder_id: Optional[str] = None  # the organization that holds it


NUMBER = re.compile(r"№\s*(\w[\w./-]*\w)")


def find_licenses(ctx):
    """A license number after the word 'лицензия' (any form), in the same sentence."""
    for match in NUMBER.finditer(ctx.text):
        before = ctx.text[max(0, match.start() - 40):match.start()].lower()
        if "лиценз" in before:
            yield License(spans=[ctx.span(match.start(), match.end())], number=match.group(1))


def link_holders(licenses, context):
    """Resolve step (runs after the built-in types): the holder of a license is the last
    organization before it in its sentence."""
    organizations = context.entities.get("organizations", [])
    for license in licenses:
        start = license.spans[0].start
        sentence = context.sentence_index(start)
        before = [(span.start, org.id) for org in organizations for span in org.spans
                  if span.stop <= start and context.sentence_index(span.start) == sentence]
        yield license.model_copy(update={"holder_id": max(before)[1]}) if before else license


register_record(License, field="licenses", prefix="lic", resolver=link_holders)

GRAMMARS = [Grammar(name="licenses", find=find_licenses, triggers=Triggers(lemmas={"лицензия"}))]
