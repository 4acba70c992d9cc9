"""Occupation facts of factru-dev (Who + Position, and Where when gold has one): P/R/F1.

A stop-gap measure for the persons grammar until `fakty eval` (branch `fixtures`) is there.
Run: .venv/bin/python tests/benchmarks/factru_occupations.py [--show] [N_DOCS]

Matching, deliberately lenient on wording and strict on who:
- Who: the gold person's last name (first name when no last name) equals ours, lowercased;
- Position: the head (first noun) lemma of one of the gold alternatives equals ours;
- Where: when gold has one, our organization/place shares a content lemma with it.
Also prints person entities per document, matched by last name.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from fakty import Extractor
from fakty.morph import lemma, parse

DEV = Path(__file__).resolve().parents[3] / "shared" / "factru-dev"
WORD = re.compile(r"\w+(?:-\w+)*")
GENERIC = {"город", "область", "край", "республика", "компания", "россия", "российский", "федерация"}


def read_coref(path: Path) -> dict[str, dict]:
    out = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [l for l in block.strip().splitlines() if l.strip()]
        if not lines:
            continue
        attrs = {}
        for line in lines[1:]:
            key, _, value = line.strip().partition(" ")
            attrs.setdefault(key, value.strip())
        out[lines[0].split()[0]] = attrs
    return out


def read_facts(path: Path) -> list[dict]:
    facts = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [l.strip() for l in block.strip().splitlines() if l.strip()]
        if not lines or not lines[0].endswith("Occupation"):
            continue
        fact = {}
        for line in lines[1:]:
            key, _, rest = line.partition(" ")
            fact[key] = rest
        facts.append(fact)
    return facts


def head_lemma(text: str) -> str:
    words = WORD.findall(text.lower())
    for w in words:
        if any(p.tag.POS == "NOUN" for p in parse(w)):
            return lemma(w)
    return lemma(words[0]) if words else ""


def content_lemmas(text: str) -> set[str]:
    return {lemma(w) for w in WORD.findall(text.lower()) if len(w) > 2} - GENERIC


def gold_of(book: Path):
    coref = read_coref(book.with_suffix(".coref"))
    gold = set()
    for fact in read_facts(book.with_suffix(".facts")):
        who = fact.get("Who", "").split(" ", 1)[0].removeprefix("obj")
        person = coref.get(who, {})
        key = (person.get("lastname") or person.get("firstname") or "").lower()
        pos = fact.get("Position") or fact.get("Job") or ""
        alts = [re.sub(r"^span\d+\s+", "", a.strip()) for a in pos.split("|")]
        heads = frozenset(head_lemma(a) for a in alts if a)
        where = fact.get("Where")
        where_lemmas = frozenset()
        if where:
            wid = where.split(" ", 1)[0].removeprefix("obj")
            attrs = coref.get(wid, {})
            where_text = attrs.get("name") or where.split(" ", 1)[-1]
            where_lemmas = frozenset(content_lemmas(where_text) | content_lemmas(where.split(" ", 1)[-1]))
        if key and heads:
            gold.add((key, heads, where_lemmas))
    persons = {(a.get("lastname") or a.get("firstname") or "").lower()
               for a in coref.values() if "lastname" in a or "firstname" in a}
    return gold, persons - {""}


def predicted_of(doc):
    places = {r.id: r.name for r in doc.organizations + doc.locations}
    out = set()
    for person in doc.persons:
        key = (person.last or person.first or person.name).lower()
        for position in person.positions:
            where = places.get(position.organization_id) or places.get(position.location_id) or ""
            out.add((key, head_lemma(position.title), frozenset(content_lemmas(where))))
    persons = {(p.last or p.first or p.name).lower() for p in doc.persons}
    return out, persons


def matches(pred, gold) -> bool:
    key, head, where = pred
    gkey, gheads, gwhere = gold
    return key == gkey and head in gheads and (not gwhere or bool(where & gwhere))


def main(argv):
    show = "--show" in argv
    limit = next((int(a) for a in argv if a.isdigit()), None)
    books = sorted(DEV.glob("book_*.txt"))[:limit]
    extractor = Extractor()
    tp_g = n_gold = tp_p = n_pred = 0
    per_tp = per_gold = per_pred = 0
    for book in books:
        gold, gold_persons = gold_of(book)
        doc = extractor(book.read_text(encoding="utf-8"))
        pred, persons = predicted_of(doc)
        n_gold += len(gold)
        n_pred += len(pred)
        hit_g = {g for g in gold if any(matches(p, g) for p in pred)}
        hit_p = {p for p in pred if any(matches(p, g) for g in gold)}
        tp_g += len(hit_g)
        tp_p += len(hit_p)
        per_gold += len(gold_persons)
        per_pred += len(persons)
        per_tp += len(gold_persons & persons)
        if show:
            for g in sorted(gold - hit_g, key=str):
                ours = [(h, sorted(w)) for k, h, w in pred if k == g[0]]
                print(f"{book.stem} MISS {g[0]} {sorted(g[1])} {sorted(g[2])}  ours: {ours}")
            for p in sorted(pred - hit_p, key=str):
                print(f"{book.stem} FP   {p[0]} {p[1]} {sorted(p[2])}")
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"occupations: gold {n_gold} pred {n_pred}  P {p:.3f} R {r:.3f} F1 {f:.3f}")
    pp = per_tp / per_pred if per_pred else 0.0
    pr = per_tp / per_gold if per_gold else 0.0
    pf = 2 * pp * pr / (pp + pr) if pp + pr else 0.0
    print(f"persons (by last name, per doc): gold {per_gold} pred {per_pred}  P {pp:.3f} R {pr:.3f} F1 {pf:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
