"""Occupation facts on FactRuEval-2016 dev, one line per gold fact and per false hit, with
the text around it: for reading error classes, not a score (`fakty eval --factru` scores).

    python tests/benchmarks/factru_occupations.py [path/to/factru-dev] [book_N ...]

Lines: `OK` who+title+where right, `NOWHERE` who+title right but Where missing or wrong,
`MISS` no (person, title) pair, `FALSE` a pair of ours the gold does not have.
"""
from __future__ import annotations

import sys
from pathlib import Path

from fakty import factru
from fakty.pipeline import Extractor
from fakty.scoring import in_context, match

ROOT = Path(__file__).resolve().parents[2]


def context(text: str, start: int, stop: int) -> str:
    return in_context(text, start, stop, width=70).replace("\n", " ")


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else ROOT.parent / "shared" / "factru-dev"
    names = argv[1:] or None
    extractor = Extractor()
    for gold in factru.read(folder, names):
        doc = extractor(gold.text, id=gold.name)
        occupations = factru._unique_facts(o for o in gold.occupations if o.positions)
        predicted = factru._predicted_occupations(doc)
        marked = [(s.start, s.stop) for o in gold.objects_of("Org", "Location", "LocOrg") for s in o.spans]
        loose = dict((j, i) for i, j in match(predicted, occupations, factru._occupation_strength(False)))
        strict = dict((j, i) for i, j in match(predicted, occupations, factru._occupation_strength(True, marked)))
        spans = {}
        for person in doc.persons:
            for position in person.positions:
                spans.setdefault((person.name, position.title), position.span)
        for j, g in enumerate(occupations):
            status = "OK" if j in strict else "NOWHERE" if j in loose else "MISS"
            where = " | ".join(g.where)
            pos = next((s for s in gold.spans.values() if s.text == g.positions[0]), None)
            line = f"{status:8} {gold.name} {g.surname}: {' | '.join(g.positions)} @ {where}"
            if j in loose:
                p = predicted[loose[j]]
                line += f"\n         ours: {p['title']} @ {p['where']}"
            print(line)
            if pos and status != "OK":
                print("         " + context(gold.text, pos.start, pos.stop))
        used = set(loose.values())
        for i, p in enumerate(predicted):
            if i in used:
                continue
            span = spans.get((p["person"], p["title"]))
            print(f"FALSE    {gold.name} {p['person']}: {p['title']} @ {p['where']}")
            if span:
                print("         " + context(gold.text, span.start, span.stop))


if __name__ == "__main__":
    main(sys.argv[1:])
