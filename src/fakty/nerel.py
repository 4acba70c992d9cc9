"""NEREL v1.1 (brat standoff): reader, and scores of fakty (and of natasha's NER) against it.

Format (../shared/nerel/README.md): one `NAME.txt` and one `NAME.ann` per text. In the .ann,
`T<n>\\tTYPE START STOP[;START STOP...]\\ttext` is an entity (several fragments when it is
discontinuous; the text joins them with a space), `R<n>\\tTYPE Arg1:T<a> Arg2:T<b>` a relation,
`N<n>\\tReference T<a> Wikidata:Q<id>\\tname` a link. Offsets index the .txt decoded as UTF-8
as a Python str (every one of train's 44,867 entities checked). Lines of any other shape
(one train file has a stray line of text) are skipped.

What is scored, per text:
- spans: for each type below, the outermost gold entities of that type (NEREL is nested:
  "Минпромторга [России]" is an ORGANIZATION holding a COUNTRY, and both count, each in its
  own row) against the spans of our records, one to one, twice: `exact` (same boundaries) and
  `overlap` (any shared character). A discontinuous entity (31 of train's entities of these
  types: "[Рязанской] и Калининградской [областях]") overlaps by its fragments, has the
  bounds of its hull or of a fragment, and holds only what lies inside one fragment.
  PER: PERSON against each span of our `Person` records; ORG: ORGANIZATION against
  `Organization`; places: CITY, COUNTRY, STATE_OR_PROVINCE, DISTRICT and LOCATION, outermost
  over the five together, against `Location` (recall per NEREL type besides); DATE against
  `Date` and `Duration` (NEREL's DATE holds stretches of time: "[15 лет]", "[за пять лет]"); MONEY and PERCENT against `Figure`s of kind money and percent; EVENT: the EVENTs
  whose text names a meeting-like kind (nerel_events.txt: a word with one of its lemmas),
  or whose name (not lower-case) follows a word that does ("конференции «[Глобальное
  будущее]»"), against our `Event` mentions whose kind or text names one.
- natasha NER: slovnet's own PER / ORG / LOC spans (`fakty.factru.natasha_spans`) against
  PER, ORG and places with the same scorer.
- occupation: each gold WORKS_AS (PERSON -> PROFESSION) as a FactRuEval `Occupation`, scored
  by `fakty.factru`'s rules: the person's surname (the last word of the PERSON mention as
  written, or one of its lemmas) is a word of our person's name, and the head noun lemma of
  our title is that of the PROFESSION ("художественный руководитель «Гоголь-центра»" ->
  руководитель). `occupation_where` also needs the workplace when the gold gives one: the
  WORKPLACE of the profession or of the person mention (any of them). Our linked organization
  or place is that workplace when one of its spans overlaps it, or overlaps an entity linked
  to the same Wikidata item; our place does not stand for an ORGANIZATION workplace that holds
  it ("правительства [Москвы]"). Names are compared only when our spans fall on no gold
  ORGANIZATION, FACILITY or place. The same person (one Wikidata item, or one surname
  lemma) with the same title head counts once per text, with the workplaces of all its
  mentions; our pairs likewise, once per person name and title head (a pair with a where
  kept first).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional, Sequence

from . import factru
from .evaluate import fold
from .records import Document
from .scoring import Score, in_context, match, overlap

PLACES = ("CITY", "COUNTRY", "STATE_OR_PROVINCE", "DISTRICT", "LOCATION")
GOLD_TYPES = {"PER": ("PERSON",), "ORG": ("ORGANIZATION",), "places": PLACES, "DATE": ("DATE",),
              "MONEY": ("MONEY",), "PERCENT": ("PERCENT",), "EVENT": ("EVENT",)}
NATASHA_TYPES = {"PER": "PER", "ORG": "ORG", "places": "LOC"}  # our row -> slovnet tag
MODES = ("exact", "overlap")
OCCUPATIONS = ("occupation", "occupation_where")
WORKPLACES = ("ORGANIZATION", "FACILITY") + PLACES  # what our linked where can fall on


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    start: int  # hull of the fragments
    stop: int
    text: str  # as the .ann gives it (fragments joined by a space)
    fragments: tuple[tuple[int, int], ...]  # (start, stop) of each, in text order; most have one
    wikidata: str = ""

    def holds(self, other: "Entity") -> bool:
        """Does one fragment of this entity cover all of `other`?"""
        return any(a <= other.start and other.stop <= b for a, b in self.fragments)

    def overlap(self, start: int, stop: int) -> int:
        return sum(overlap(start, stop, a, b) for a, b in self.fragments)

    def same_bounds(self, start: int, stop: int) -> bool:
        return (start, stop) == (self.start, self.stop) or (start, stop) in self.fragments


@dataclass(frozen=True)
class Relation:
    id: str
    type: str
    arg1: str
    arg2: str


@dataclass
class NerelText:
    name: str
    text: str
    entities: dict[str, Entity]
    relations: list[Relation]

    def of(self, *types: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.type in types]


_ENTITY = re.compile(r"(T\d+)\t(\w+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)")
_RELATION = re.compile(r"(R\d+)\t(\w+) Arg1:(T\d+) Arg2:(T\d+)")
_LINK = re.compile(r"N\d+\tReference (T\d+) Wikidata:(Q\d+)\b")


def read_text(directory, name: str) -> NerelText:
    directory = Path(directory)
    text = (directory / f"{name}.txt").read_text(encoding="utf-8")
    found, relations, links = [], [], {}
    for line in (directory / f"{name}.ann").read_text(encoding="utf-8").splitlines():
        if m := _ENTITY.match(line):
            bounds = [int(x) for x in re.findall(r"\d+", m.group(3))]
            found.append((m.group(1), m.group(2), tuple(sorted(zip(bounds[::2], bounds[1::2]))), m.group(4)))
        elif m := _RELATION.match(line):
            relations.append(Relation(*m.groups()))
        elif m := _LINK.match(line):
            links[m.group(1)] = m.group(2)
    entities = {id: Entity(id, type, fragments[0][0], max(b for _, b in fragments), body, fragments, links.get(id, ""))
                for id, type, fragments, body in found}
    return NerelText(name, text, entities, relations)


def read(directory, names: Optional[Sequence[str]] = None) -> list[NerelText]:
    """All texts of a split folder (in name order), or only `names`."""
    directory = Path(directory)
    if names is None:
        names = sorted(p.stem for p in directory.glob("*.ann") if p.with_suffix(".txt").exists())
    return [read_text(directory, name) for name in names]


# --- what is scored


@lru_cache(maxsize=1)
def meeting_kinds() -> tuple[tuple[str, ...], ...]:
    """The kinds of nerel_events.txt, each as its folded words."""
    lines = (resources.files("fakty") / "nerel_events.txt").read_text(encoding="utf-8").splitlines()
    return tuple(tuple(fold(line).split()) for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=20_000)
def names_meeting(text: str) -> bool:
    """Does a word of `text` (or two in a row, for "круглый стол") have a meeting kind as a lemma?
    "на XV Международном кинофестивале" no; "пресс-конференции" yes (конференция)."""
    from .morph import lemmas

    words = [{w} | {fold(x) for x in lemmas(w)} for w in re.findall(r"\w+", fold(text))]
    return any(all(k in words[i + j] for j, k in enumerate(kind))
               for kind in meeting_kinds() for i in range(len(words) - len(kind) + 1))


def word_before(text: str, start: int) -> str:
    """The word just before `start`, across spaces and opening quotes: NEREL often leaves the
    kind out of an EVENT ("конференции «[Глобальное будущее]»", "турнир [Большого шлема]")."""
    m = re.search(r"(\w+)[\s«\"“„']*$", text[max(0, start - 40):start])
    return m.group(1) if m else ""


def outermost(entities: Sequence[Entity]) -> list[Entity]:
    """The entities inside no other one of the list (one of equal spans), by start. Inside a
    discontinuous entity means inside one of its fragments: "[Рязанской] областях" is not
    inside "[Архангельской], Рязанской, … [областях]"."""
    out: list[Entity] = []
    for e in sorted(entities, key=lambda e: (e.start, -e.stop, e.type, e.id)):
        if not any(kept.holds(e) for kept in out):
            out.append(e)
    return out


def gold_mentions(gold: NerelText) -> dict[str, list[Entity]]:
    """The gold entities of each row, outermost within the row."""
    out = {}
    for row, types in GOLD_TYPES.items():
        entities = gold.of(*types)
        if row == "EVENT":
            entities = [e for e in entities if names_meeting(e.text)
                        or not e.text[:1].islower() and names_meeting(word_before(gold.text, e.start))]
        out[row] = outermost(entities)
    return out


def our_mentions(doc: Document) -> dict[str, list[tuple[int, int]]]:
    """The spans of our records for each row."""
    def figures(kind):
        return sorted((s.start, s.stop) for r in doc.figures if r.kind == kind for s in r.spans)

    return {"PER": factru.mention_spans(doc, "persons"), "ORG": factru.mention_spans(doc, "organizations"),
            "places": factru.mention_spans(doc, "locations"), "DATE": sorted(factru.mention_spans(doc, "dates") + factru.mention_spans(doc, "durations")),
            "MONEY": figures("money"), "PERCENT": figures("percent"),
            "EVENT": sorted((s.start, s.stop) for r in doc.events for s in r.spans
                            if names_meeting(r.kind) or names_meeting(s.text))}


def natasha_mentions(text: str) -> dict[str, list[tuple[int, int]]]:
    spans = factru.natasha_spans(text)
    return {row: sorted(spans.get(tag, [])) for row, tag in NATASHA_TYPES.items()}


def gold_occupations(gold: NerelText) -> list[tuple[factru.Occupation, Entity]]:
    """WORKS_AS relations as FactRuEval occupations (see the module docstring), one per person
    and title head, each with the first PERSON mention it was read from."""
    from .morph import lemma, lemmas

    workplaces: dict[str, list[Entity]] = {}
    same_item: dict[str, list[Entity]] = {}
    for e in gold.entities.values():
        if e.wikidata:
            same_item.setdefault(e.wikidata, []).append(e)
    for r in gold.relations:
        if r.type == "WORKPLACE" and r.arg2 in gold.entities:
            workplaces.setdefault(r.arg1, []).append(gold.entities[r.arg2])
    facts: dict[tuple, dict] = {}
    for r in gold.relations:
        person, title = gold.entities.get(r.arg1), gold.entities.get(r.arg2)
        if r.type != "WORKS_AS" or not person or not title or person.type != "PERSON":
            continue
        words = re.findall(r"\w+(?:-\w+)*", person.text)
        if not words:
            continue
        last = words[-1]
        key = (person.wikidata or fold(lemma(last)), factru.title_head(title.text))
        fact = facts.setdefault(key, {"id": r.id, "who": fold(last), "names": set(), "titles": [],
                                      "where": [], "person": person})
        fact["names"] |= {fold(last)} | {fold(x) for x in lemmas(last)}
        fact["titles"].append(title.text)
        fact["where"] += workplaces.get(person.id, []) + workplaces.get(title.id, [])
    out = []
    for fact in facts.values():
        where = list(dict.fromkeys(fact["where"]))
        spans = {(x.start, x.stop, w.type == "ORGANIZATION" and x.type != "ORGANIZATION")
                 for w in where for x in [w] + same_item.get(w.wikidata, [])}
        out.append((factru.Occupation(fact["id"], {"lastname": fact["who"]}, tuple(dict.fromkeys(fact["titles"])),
                                      tuple(dict.fromkeys(w.text for w in where)), False,
                                      tuple(sorted(spans)), tuple(sorted(fact["names"]))), fact["person"]))
    return out


def our_occupations(doc: Document) -> list[dict]:
    """`fakty.factru`'s (person, position) pairs, one per person name and title head as in the
    gold ("канцлер" and "федеральный канцлер" of one person are one), one with a where first."""
    out, seen = [], set()
    for p in sorted(factru._predicted_occupations(doc), key=lambda p: not p["where"]):
        key = (p["person"], factru.title_head(p["title"]))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


# --- scoring


def _rows(names) -> dict[str, dict[str, Score]]:
    return {mode: {name: Score() for name in names} for mode in MODES}


@dataclass
class NerelReport:
    texts: int = 0
    ours: dict[str, dict[str, Score]] = field(default_factory=lambda: _rows(GOLD_TYPES))  # mode -> row
    natasha: dict[str, dict[str, Score]] = field(default_factory=lambda: _rows(NATASHA_TYPES))
    # recall of the places row per NEREL type: system -> mode -> type (Score.predicted stays 0)
    places: dict[str, dict[str, dict[str, Score]]] = field(
        default_factory=lambda: {"ours": _rows(PLACES), "natasha": _rows(PLACES)})
    occupations: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in OCCUPATIONS})
    # OWNER_OF, FOUNDED_BY and meeting participants (fakty.nerel_relations)
    relations: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in ("owner_of", "founded_by",
                                                                                         "meeting")})
    errors: list[dict] = field(default_factory=list)

    def as_dict(self, errors: bool = False) -> dict:
        def recall(s: Score) -> dict:
            return {"recall": round(s.recall, 4), "tp": s.tp, "gold": s.gold}

        out = {"texts": self.texts,
               "ours": {m: {k: s.as_dict() for k, s in rows.items()} for m, rows in self.ours.items()},
               "natasha": {m: {k: s.as_dict() for k, s in rows.items()} for m, rows in self.natasha.items()},
               "places_recall": {system: {m: {k: recall(s) for k, s in rows.items()} for m, rows in modes.items()}
                                 for system, modes in self.places.items()},
               "occupations": {k: s.as_dict() for k, s in self.occupations.items()},
               "relations": {k: s.as_dict() for k, s in self.relations.items()}}
        if errors:
            out["errors"] = self.errors
        return out


def _strength(mode: str):
    if mode == "exact":
        return lambda p, g: int(g.same_bounds(*p))
    return lambda p, g: g.overlap(*p)


def _score(rows: dict, places: dict, row: str, predicted: list[tuple[int, int]], gold: list[Entity]) -> list:
    """Count one row in both modes; returns the overlap pairs."""
    for mode in MODES:
        pairs = match(predicted, gold, _strength(mode))
        rows[mode][row].add(Score(len(pairs), len(predicted), len(gold)))
        if row == "places":
            found = {j for _, j in pairs}
            for j, g in enumerate(gold):
                places[mode][g.type].add(Score(int(j in found), 0, 1))
    return pairs


def score_document(gold: NerelText, doc: Document, report: NerelReport, natasha: bool = True) -> None:
    """Add one text's counts (ours, and natasha's NER when asked) and our errors to `report`."""
    report.texts += 1
    wanted, ours = gold_mentions(gold), our_mentions(doc)
    for row in GOLD_TYPES:
        pairs = _score(report.ours, report.places["ours"], row, ours[row], wanted[row])
        _span_errors(gold, row, ours, wanted[row], pairs, report.errors)
    if natasha:
        theirs = natasha_mentions(gold.text)
        for row in NATASHA_TYPES:
            _score(report.natasha, report.places["natasha"], row, theirs[row], wanted[row])
    facts = gold_occupations(gold)
    occupations = [o for o, _ in facts]
    predicted = our_occupations(doc)
    marked = [(e.start, e.stop) for e in gold.of(*WORKPLACES)]
    loose = match(predicted, occupations, factru._occupation_strength(False))
    strict = match(predicted, occupations, factru._occupation_strength(True, marked))
    for row, pairs in (("occupation", loose), ("occupation_where", strict)):
        report.occupations[row].add(Score(len(pairs), len(predicted), len(occupations)))
        _occupation_errors(gold, row, predicted, facts, pairs, None if row == "occupation" else loose,
                           report.errors)
    from . import nerel_relations

    nerel_relations.score(gold, doc, report.relations, report.errors)


def _span_errors(gold: NerelText, row: str, ours: dict, wanted: list[Entity], pairs: list, errors: list) -> None:
    """Misses, false hits and, for pairs that only overlap, the boundary (`span`) errors of one row.
    A false hit names the outermost gold entity of any type under it; a miss, our mentions of
    other rows over it."""
    text, predicted = gold.text, ours[row]
    hit_p, hit_g = {i for i, _ in pairs}, {j for _, j in pairs}

    def entry(error, start, stop, value, **extra):
        out = {"doc": gold.name, "type": row, "error": error, "start": start, "stop": stop,
               "text": text[start:stop], "value": value,
               "context": " ".join(in_context(text, start, stop).split())}
        out.update({k: v for k, v in extra.items() if v})
        return out

    for i, (start, stop) in enumerate(predicted):
        if i not in hit_p:
            under = outermost([e for e in gold.entities.values() if overlap(start, stop, e.start, e.stop)])
            errors.append(entry("false", start, stop, "", gold="; ".join(f"{e.type} {e.text}" for e in under)))
    for j, g in enumerate(wanted):
        if j not in hit_g:
            over = [f"{r} {text[a:b]}" for r, spans in ours.items() if r != row for a, b in spans
                    if overlap(a, b, g.start, g.stop)]
            errors.append(entry("miss", g.start, g.stop, g.type, predicted="; ".join(over)))
    for i, j in pairs:
        if not wanted[j].same_bounds(*predicted[i]):
            g = wanted[j]
            errors.append(entry("span", g.start, g.stop, g.type, predicted=text[predicted[i][0]:predicted[i][1]]))


def _occupation_errors(gold: NerelText, row: str, predicted: list[dict], facts: list, pairs: list,
                       loose: Optional[list], errors: list) -> None:
    """As `fakty.factru`: every miss and false hit of who+title; for `occupation_where`, only
    the pairs whose who+title was right (a wrong or missing where)."""
    hit_p, hit_g = {i for i, _ in pairs}, {j for _, j in pairs}
    found_p = {i for i, _ in loose} if loose is not None else None
    found_g = {j for _, j in loose} if loose is not None else None
    for i, p in enumerate(predicted):
        if i not in hit_p and (found_p is None or i in found_p):
            errors.append({"doc": gold.name, "type": row, "error": "false",
                           "value": f"{p['person']}: {p['title']}" + (f" @ {p['where']}" if p["where"] else ""),
                           "text": p["person"]})
    for j, (g, person) in enumerate(facts):
        if j not in hit_g and (found_g is None or j in found_g):
            errors.append({"doc": gold.name, "type": row, "error": "miss",
                           "value": f"{g.surname}: {' | '.join(g.positions)}"
                           + (f" @ {' | '.join(g.where)}" if g.where else ""),
                           "text": person.text,
                           "context": " ".join(in_context(gold.text, person.start, person.stop).split())})


def evaluate(directory, extractor=None, names: Optional[Sequence[str]] = None,
             natasha: bool = True) -> NerelReport:
    """Run `extractor` (default: a new `Extractor()`) over a NEREL split folder and score it;
    with `natasha`, also score slovnet NER's own PER/LOC/ORG spans on the same texts."""
    if extractor is None:
        from .pipeline import Extractor

        extractor = Extractor()
    report = NerelReport()
    for gold in read(directory, names):
        score_document(gold, extractor(gold.text, id=gold.name), report, natasha=natasha)
    return report


def format_table(report: NerelReport, label: str = "nerel") -> str:
    """Span rows (exact and overlap side by side, ours then natasha's NER; places recall per
    NEREL type under each places row), then the occupation rows."""
    head = (f"{'system':<12} {'type':<19} {'P':>6} {'R':>6} {'F1':>6}  {'P':>6} {'R':>6} {'F1':>6} "
            f"{'tp':>5} {'tp':>5} {'pred':>5} {'gold':>5}")
    lines = [f"{label}: {report.texts} texts (outermost gold spans of each type, one to one)",
             f"{'':<32} {'exact':^20}  {'overlap':^20} {'exact':>5} {'ovl':>5}", head]
    for system, name, rows in (("ours", "ours", report.ours), ("natasha NER", "natasha", report.natasha)):
        for row in rows["exact"]:
            e, o = rows["exact"][row], rows["overlap"][row]
            lines.append(f"{system:<12} {row:<19} {e.precision:6.3f} {e.recall:6.3f} {e.f1:6.3f}  "
                         f"{o.precision:6.3f} {o.recall:6.3f} {o.f1:6.3f} {e.tp:5d} {o.tp:5d} "
                         f"{e.predicted:5d} {e.gold:5d}")
            if row == "places":
                for type in PLACES:
                    e, o = report.places[name]["exact"][type], report.places[name]["overlap"][type]
                    lines.append(f"{system:<12} {'  ' + type:<19} {'-':>6} {e.recall:6.3f} {'-':>6}  "
                                 f"{'-':>6} {o.recall:6.3f} {'-':>6} {e.tp:5d} {o.tp:5d} {'-':>5} {e.gold:5d}")
    lines.append("occupations (person by surname, title by head lemma, where by span)")
    for row, s in report.occupations.items():
        lines.append(f"{'ours':<12} {row:<19} {'':>20}  {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                     f"{'':>5} {s.tp:5d} {s.predicted:5d} {s.gold:5d}")
    lines.append("relations (pairs of entities, each by span: fakty.nerel_relations)")
    for row, s in report.relations.items():
        lines.append(f"{'ours':<12} {row:<19} {'':>20}  {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                     f"{'':>5} {s.tp:5d} {s.predicted:5d} {s.gold:5d}")
    return "\n".join(lines)
