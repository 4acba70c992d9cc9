"""`fakty eval`: precision, recall and F1 per record type against gold fixtures (and FactRuEval).

Scoring is per mention: every span of a record is one mention, so a record that groups
mentions wrongly loses only the mentions it gets wrong. A predicted mention matches a gold
mention of the same type (one-to-one) when their spans overlap AND their values agree:

- organizations: a name of the prediction (name, abbreviation, aliases) equals a name of the
  gold record, with case, ё and quotes folded;
- persons: the same name, or a part of it that contains the surname ("Коваленко");
- titles (person-title pairs): the person's name as above and the same title; no span needed;
- locations: the same name; events: the same kind (or the same head word: "пленарное
  заседание" ~ "заседание");
- figures: the same value, low, high, unit and qualifier;
- dates: the same calendar value (year, month, day, quarter, half, range end; for dates
  that stay relative, the shift);
- agreements: the same kind and the same value (the amount Figure's value, or none);
  agreement_parties: each (agreement, party) pair, the party named as the gold's (any of its
  names; a person's surname) and the agreements' spans overlapping; ownerships: the same kind,
  owner and owned (by name); meetings: each (meeting, participant) pair of an Event with
  participants, as agreement_parties.

Predicted mentions inside a gold boilerplate span are counted apart as "boilerplate hits"
(they are false hits too).
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from .records import DateValue, Document
from .scoring import Score, in_context, match, overlap

TYPES = ("organizations", "persons", "titles", "locations", "events", "figures", "dates",
         "agreements", "agreement_parties", "ownerships", "meetings")
# relations between the entities above: scored in their rows, left out of "all" (the held-out
# sets do not annotate them, so "all" stays comparable across sets and over time)
RELATIONS = ("agreements", "agreement_parties", "ownerships", "meetings")


@dataclass(frozen=True)
class Mention:
    doc: str
    type: str
    start: int
    stop: int
    text: str
    value: Any  # what must agree, besides the span
    label: str  # the value as people read it, for error lists


@dataclass
class Report:
    documents: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in TYPES})
    boilerplate_hits: dict[str, int] = field(default_factory=lambda: {t: 0 for t in TYPES})
    errors: list[dict] = field(default_factory=list)

    @property
    def total(self) -> Score:
        """Every entity type together (relations apart)."""
        total = Score()
        for type, score in self.scores.items():
            if type not in RELATIONS:
                total.add(score)
        return total

    def as_dict(self, errors: bool = False) -> dict:
        out = {"documents": self.documents,
               "types": {t: s.as_dict() for t, s in self.scores.items()},
               "all": self.total.as_dict(),
               "boilerplate_hits": sum(self.boilerplate_hits.values()),
               "boilerplate_hits_by_type": dict(self.boilerplate_hits)}
        if errors:
            out["errors"] = self.errors
        return out


# --- value normalisation

def fold(text: Optional[str]) -> str:
    """A name as words: case, ё, quotes and punctuation folded ("Центр развития экспорта,
    промышленности и инвестиций «Моспром»" == "центр развития экспорта промышленности и
    инвестиций моспром")."""
    return " ".join(re.findall(r"\w+(?:-\w+)*", (text or "").lower().replace("ё", "е")))


def _words(text: str) -> list[str]:
    return fold(text).split()


def _date_key(value: DateValue) -> tuple:
    end = value.end
    key = (value.year, value.month, value.day, value.quarter, value.half,
           (end.year, end.month, end.day, end.quarter, end.half) if end else None)
    if value.year is None and value.relative:
        key += (value.shift, value.shift_unit, value.weekday)
    return key


def _person_value(person) -> dict:
    return {"name": fold(person.name), "words": set(_words(person.name)), "last": fold(person.last)}


def _same_person(pred: dict, gold: dict) -> bool:
    if pred["name"] == gold["name"]:
        return True
    surname = gold["last"] or (sorted(gold["words"])[-1] if gold["words"] else "")
    return bool(pred["words"]) and pred["words"] <= gold["words"] and surname in pred["words"]


def _same_kind(pred: str, gold: str) -> bool:
    pred, gold = fold(pred), fold(gold)
    return pred == gold or (bool(pred) and bool(gold) and pred.split()[-1] == gold.split()[-1])


def _figure_value(figure) -> tuple:
    def num(x):
        return None if x is None else x.normalize()
    unit = (figure.unit or "").strip().lower().replace("ё", "е")
    return (num(figure.value), num(figure.low), num(figure.high), unit, figure.qualifier)


def _figure_label(figure) -> str:
    value = figure.value if figure.value is not None else f"{figure.low}..{figure.high}"
    return f"{figure.kind} {value} {figure.unit} {figure.qualifier}"


def mentions(doc: Document, type: str) -> list[Mention]:
    """The mentions of one type in a document, with the values they are matched on."""
    out: list[Mention] = []

    def add(span, value, label):
        out.append(Mention(doc.id or "", type, span.start, span.stop, span.text, value, label))

    if type == "organizations":
        for r in doc.organizations:
            names = {fold(n) for n in [r.name, r.abbreviation, *r.aliases] if n}
            for s in r.spans:
                add(s, names, r.name)
    elif type == "persons":
        for r in doc.persons:
            for s in r.spans:
                add(s, _person_value(r), r.name)
    elif type == "titles":
        seen = set()
        for r in doc.persons:
            for p in r.positions:
                key = (fold(r.name), fold(p.title))
                if key in seen:
                    continue
                seen.add(key)
                span = p.span or (r.spans[0] if r.spans else None)
                if span is not None:
                    add(span, (_person_value(r), fold(p.title)), f"{r.name}: {p.title}")
    elif type == "locations":
        for r in doc.locations:
            for s in r.spans:
                add(s, fold(r.name), r.name)
    elif type == "events":
        for r in doc.events:
            for s in r.spans:
                add(s, r.kind, f"{r.kind}: {r.name}")
    elif type == "figures":
        for r in doc.figures:
            for s in r.spans:
                add(s, _figure_value(r), _figure_label(r))
    elif type == "dates":
        for r in doc.dates:
            for s in r.spans:
                add(s, _date_key(r.value), r.value.iso or str(_date_key(r.value)))
    elif type == "agreements":
        for r in doc.agreements:
            amount = doc.get(r.amount_id) if r.amount_id else None
            value = (r.kind, _figure_value(amount)[0] if amount is not None else None)
            for s in r.spans:
                add(s, value, f"{r.kind}: {r.label}")
    elif type in ("agreement_parties", "meetings"):
        records = doc.agreements if type == "agreement_parties" else [e for e in doc.events if e.participant_ids]
        for r in records:
            for who in (r.party_ids if type == "agreement_parties" else r.participant_ids):
                entity = doc.get(who)
                if entity is not None and r.spans:
                    add(r.spans[0], _entity_names(entity), f"{r.label}: {entity.label}")
    elif type == "ownerships":
        for r in doc.ownerships:
            owner, owned = doc.get(r.owner_id or ""), doc.get(r.owned_id or "")
            value = (r.kind, _entity_names(owner), _entity_names(owned))
            for s in r.spans:
                add(s, value, f"{r.kind}: {owner.label if owner else '?'} -> {owned.label if owned else '?'}")
    return out


def _entity_names(entity) -> frozenset[str]:
    """The names an organization, place or person goes by (a person's surname too), folded."""
    if entity is None:
        return frozenset()
    names = [getattr(entity, "name", None), getattr(entity, "abbreviation", None),
             *getattr(entity, "aliases", ()), getattr(entity, "last", None)]
    return frozenset(fold(n) for n in names if n)


def _agree(type: str) -> Callable[[Any, Any], bool]:
    if type == "organizations":
        return lambda p, g: bool(p & g)
    if type == "persons":
        return _same_person
    if type == "titles":
        return lambda p, g: p[1] == g[1] and _same_person(p[0], g[0])
    if type == "events":
        return _same_kind
    if type in ("agreement_parties", "meetings"):
        return lambda p, g: bool(p & g)
    if type == "ownerships":
        return lambda p, g: p[0] == g[0] and bool(p[1] & g[1]) and bool(p[2] & g[2])
    return lambda p, g: p == g


def score_document(gold: Document, predicted: Document, report: Report) -> None:
    """Add one document's counts, errors and boilerplate hits to `report`."""
    report.documents += 1
    text = gold.text
    for type in TYPES:
        agree = _agree(type)
        pred, want = mentions(predicted, type), mentions(gold, type)

        def strength(p: Mention, g: Mention) -> float:
            if not agree(p.value, g.value):
                return 0
            if type == "titles":
                return 1
            return overlap(p.start, p.stop, g.start, g.stop)

        pairs = match(pred, want, strength)
        report.scores[type].add(Score(len(pairs), len(pred), len(want)))
        hit_p, hit_g = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, p in enumerate(pred):
            if i in hit_p:
                continue
            in_boilerplate = any(b.start <= p.start and p.stop <= b.stop for b in gold.boilerplate)
            if in_boilerplate:
                report.boilerplate_hits[type] += 1
            near = [g.label for g in want if type != "titles" and overlap(p.start, p.stop, g.start, g.stop)]
            report.errors.append(_error(text, p, "false", in_boilerplate=in_boilerplate,
                                        gold=near[0] if near else None))
        for j, g in enumerate(want):
            if j not in hit_g:
                near = [p.label for p in pred if type != "titles" and overlap(p.start, p.stop, g.start, g.stop)]
                report.errors.append(_error(text, g, "miss", predicted=near[0] if near else None))


def _error(text: str, m: Mention, error: str, **extra) -> dict:
    context = in_context(text, m.start, m.stop)
    out = {"doc": m.doc, "type": m.type, "error": error, "start": m.start, "stop": m.stop,
           "text": m.text, "value": m.label, "context": " ".join(context.split())}
    out.update({k: v for k, v in extra.items() if v})
    return out


def load_gold(path) -> list[Document]:
    """A gold fixture (.json) or every .json in a folder, in name order."""
    path = Path(path)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    return [Document.model_validate(json.loads(f.read_text(encoding="utf-8"))) for f in files]


def evaluate(path, extractor=None) -> Report:
    """Run `extractor` (default: a new `Extractor()`) on each gold page and score it."""
    if extractor is None:
        from .pipeline import Extractor

        extractor = Extractor()
    report = Report()
    for gold in load_gold(path):
        score_document(gold, extractor(gold.text, published=gold.published, id=gold.id), report)
    return report


def format_table(report: Report) -> str:
    lines = [f"fixtures: {report.documents} documents (mentions; span overlap + normalized value)",
             f"{'type':<17} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}"]
    entities = [(t, s) for t, s in report.scores.items() if t not in RELATIONS]
    relations = [(t, s) for t, s in report.scores.items() if t in RELATIONS]
    for type, s in entities + [("all", report.total)] + relations:
        lines.append(f"{type:<17} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.predicted:5d} {s.gold:5d}")
    lines.append(f"records from boilerplate regions: {sum(report.boilerplate_hits.values())}")
    return "\n".join(lines)


def format_errors(errors: Iterable[dict]) -> str:
    lines = []
    for e in errors:
        note = ""
        if e.get("in_boilerplate"):
            note = "  (boilerplate)"
        elif e.get("gold"):
            note = f"  (gold here: {e['gold']})"
        elif e.get("predicted"):
            note = f"  (predicted here: {e['predicted']})"
        lines.append(f"{e['doc']}  {e['type']:<13} {e['error']:<5}  {e.get('value', '')}  |  {e.get('context', e['text'])}{note}")
    return "\n".join(lines)


def run_cli(args, extractor=None) -> int:
    nerel_dir = args.nerel
    if not args.path and not args.factru and not nerel_dir:
        print("fakty: error: give a fixtures PATH, --factru DIR and/or --nerel DIR", file=sys.stderr)
        return 2
    for given in filter(None, (args.path, args.factru, nerel_dir)):
        if not Path(given).exists():
            print(f"fakty: error: {given} does not exist", file=sys.stderr)
            return 1
    if extractor is None:
        from .pipeline import Extractor

        extractor = Extractor()
    out = {}
    if args.path:
        report = evaluate(args.path, extractor)
        out["fixtures"] = report.as_dict(errors=args.errors)
        if not args.json:
            print(format_table(report))
            if args.errors:
                print()
                print(format_errors(report.errors))
    if args.factru:
        from . import factru

        report = factru.evaluate(args.factru, extractor, task3=getattr(args, "task3", None))
        out["factru"] = report.as_dict()
        if args.errors:
            out["factru"]["errors"] = report.errors
        if not args.json:
            if args.path:
                print()
            print(factru.format_table(report))
            if args.errors:
                print()
                print(format_errors(report.errors))
    if nerel_dir:
        from . import nerel

        report = nerel.evaluate(nerel_dir, extractor)
        out["nerel"] = report.as_dict(errors=args.errors)
        if not args.json:
            if args.path or args.factru:
                print()
            print(nerel.format_table(report, f"nerel {Path(nerel_dir).resolve().name}"))
            if args.errors:
                print()
                print(format_errors(report.errors))
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0
