"""FactRuEval-2016 dev set: reader, and scores of fakty (and of natasha's NER) against it.

Format (see ../shared/README.md): `book_N.txt` text; `book_N.spans` typed spans
`id type start length token_id n_tokens # token_ids... text`; `book_N.objects`
`id type span_ids... # text`; `book_N.coref` blocks `coref_id object_ids...` followed by
`attribute value` lines; `book_N.facts` blocks `N-M Type` followed by `Role objK text | ...`
or `Role spanK text | ...` lines, where `objK` is a coref id and `spanK` a span id.

Offsets: the .txt files are UTF-8 without BOM or CR, and a span's `start`/`length` index the
decoded text as a Python str. The text after `#` in .spans is the tokens joined by spaces
("проповедник - евангелист" for "проповедник-евангелист"), so a span's text is taken from
the document, never from that comment.

What is scored:
- person mentions: each gold `Person` object (hull of its spans) against each span of our
  `Person` records (natasha: its PER spans); one-to-one, any overlap;
- organization mentions: each gold `Org` object against each span of our `Organization`
  records (natasha: ORG spans). `LocOrg` (a place acting as an organization: "России" in
  "правительство России") is not counted: fakty calls those locations;
- occupation: each gold `Occupation` fact with a Position (13 of the 211 have none and are
  skipped) against each (person, position) pair of our Documents: the person's surname
  (any lastname the gold coref gives: 'Pischetsrieder', 'Пишетсридер'; or the gold's first
  name when it has no surname) must be one of the predicted person's name words, and a head noun lemma of one of the gold Position alternatives must be a
  lemma of the head of our title ("заместителя начальника" -> заместитель; any reading of
  an ambiguous form: "экс-премьера" -> премьер or премьера). `occupation_where` also needs
  the place or organization (Where) when the gold gives one: the organization or place our
  position links to is the gold Where when one of its spans overlaps a span of the Where
  object or of an object coreferent with it ("России" in the text is "РФ" in the gold). When
  its spans overlap none of those but do overlap another gold Org/Location/LocOrg, it is a
  wrong link. Only when spans cannot decide (our spans fall on nothing the annotators
  marked) are names compared: a content-word lemma in common with a name of the gold Where.
- occupation_fact: FactRuEval's Occupation fact is a person holding a position somewhere:
  197 of the 198 gold facts with a Position have a Where, and a bare profession
  ("писатель и журналист Виктор Шендерович") is never annotated. So our facts are the
  (person, position) pairs whose position links an organization or a place, scored as
  `occupation_where`. The pairs with no where are still in our records and in the two
  rows above.
A fact the gold states twice with the same who, positions and where is counted once, as our
records keep it once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence

from .evaluate import fold as _fold  # one name fold for both scorers
from .lexicons import builtin
from .records import Document
from .scoring import Score, in_context, match, overlap

@dataclass(frozen=True)
class GoldSpan:
    id: str
    type: str
    start: int
    stop: int
    text: str


@dataclass(frozen=True)
class GoldObject:
    id: str
    type: str  # Person, Org, Location, LocOrg, Project
    spans: tuple[GoldSpan, ...]

    @property
    def start(self) -> int:
        return min(s.start for s in self.spans)

    @property
    def stop(self) -> int:
        return max(s.stop for s in self.spans)


@dataclass(frozen=True)
class Occupation:
    id: str
    who: dict  # coref attributes of the person: lastname, firstname, ...
    positions: tuple[str, ...]  # texts of the Position/Job span alternatives
    where: tuple[str, ...]  # names of the Where object (alternatives), empty when absent
    hard: bool  # "Сложность повышенная"
    # spans of the Where objects and their coreferents: (start, stop, a place inside an Org)
    where_spans: tuple[tuple[int, int, bool], ...] = ()
    # every lastname the coref gives the person ('Pischetsrieder', 'Пишетсридер')
    lastnames: tuple[str, ...] = ()

    @property
    def surname(self) -> str:
        return _fold(self.who.get("lastname") or self.who.get("firstname") or self.who.get("name", ""))

    @property
    def surnames(self) -> set[str]:
        return {self.surname} | {_fold(n) for n in self.lastnames}


@dataclass
class FactruText:
    name: str  # book_N
    text: str
    spans: dict[str, GoldSpan]
    objects: list[GoldObject]
    coref: dict[str, dict]  # coref id -> attributes (values joined when repeated)
    occupations: list[Occupation]
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)  # coref id -> object ids

    def objects_of(self, *types: str) -> list[GoldObject]:
        return [o for o in self.objects if o.type in types and o.spans]


def read_text(directory: Path, name: str) -> FactruText:
    directory = Path(directory)
    text = (directory / f"{name}.txt").read_text(encoding="utf-8")
    spans = {}
    for line in _lines(directory / f"{name}.spans"):
        head = line.split("#", 1)[0].split()
        start, length = int(head[2]), int(head[3])
        spans[head[0]] = GoldSpan(head[0], head[1], start, start + length, text[start:start + length])
    objects = []
    for line in _lines(directory / f"{name}.objects"):
        head = line.split("#", 1)[0].split()
        objects.append(GoldObject(head[0], head[1], tuple(spans[s] for s in head[2:] if s in spans)))
    coref, groups, lastnames = {}, {}, {}
    for block in _blocks(directory / f"{name}.coref"):
        attrs: dict = {}
        head = block[0].split()
        for line in block[1:]:
            key, _, value = line.strip().partition(" ")
            if value.strip():
                attrs.setdefault(key, value.strip())
                if key == "lastname":
                    lastnames.setdefault(head[0], []).append(value.strip())
        coref[head[0]], groups[head[0]] = attrs, tuple(head[1:])
    object_spans = {o.id: o.spans for o in objects}
    object_types = {o.id: o.type for o in objects}
    occupations = []
    for block in _blocks(directory / f"{name}.facts"):
        fact_id, _, kind = block[0].partition(" ")
        if kind.strip() != "Occupation":
            continue
        roles: dict[str, list[tuple[Optional[str], str]]] = {}
        for line in block[1:]:
            role, _, rest = line.strip().partition(" ")
            roles.setdefault(role, []).extend(_alternatives(rest))
        who_ref = next((ref[3:] for ref, _ in roles.get("Who", []) if ref), "")
        who = coref.get(who_ref, {})
        positions = tuple(spans[ref[4:]].text for ref, _ in roles.get("Position", []) + roles.get("Job", [])
                          if ref and ref[4:] in spans)
        where, where_spans = [], []
        for ref, label in roles.get("Where", []):
            if ref and "name" in coref.get(ref[3:], {}):
                where.append(coref[ref[3:]]["name"])
            if label:
                where.append(label)
            if ref and ref.startswith("obj"):
                # the place inside an organization's name ('собрания района Отрадное') is
                # not that organization for a place of ours
                where_spans += [(g.start, g.stop, object_types[o] == "Org" and not g.type.startswith("org"))
                                for o in groups.get(ref[3:], ()) for g in object_spans.get(o, ())]
            elif ref and ref[4:] in spans:
                where_spans.append((spans[ref[4:]].start, spans[ref[4:]].stop, False))
        occupations.append(Occupation(fact_id, who, positions, tuple(dict.fromkeys(where)),
                                      "Сложность" in roles, tuple(sorted(set(where_spans))),
                                      tuple(lastnames.get(who_ref, ()))))
    return FactruText(name, text, spans, objects, coref, occupations, groups)


def read(directory, names: Optional[Sequence[str]] = None) -> list[FactruText]:
    """All texts of the set (book_N, in order of N), or only `names`."""
    directory = Path(directory)
    if names is None:
        names = sorted((p.stem for p in directory.glob("book_*.txt")), key=lambda n: int(n.split("_")[1]))
    return [read_text(directory, name) for name in names]


def _lines(path: Path) -> Iterable[str]:
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield line


def _blocks(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    return [b.strip().splitlines() for b in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if b.strip()]


def _alternatives(rest: str) -> list[tuple[Optional[str], str]]:
    """'obj355 отдел России | отдел России в МИДе' -> [('obj355', 'отдел России'), (None, 'отдел России в МИДе')]"""
    out = []
    for part in rest.split("|"):
        part = part.strip()
        m = re.match(r"((?:obj|span)\d+)\s*(.*)", part)
        out.append((m.group(1), m.group(2).strip()) if m else (None, part))
    return out


# --- normalisation used by the occupation match


def _title_words(title: str) -> list[str]:
    """A title's words, 'экс-' cut off and the words of 'и.о.', 'бывший', 'новый'
    (title_fillers.txt) left out."""
    words = [w[4:] if w.startswith("экс-") else w for w in re.findall(r"[\w-]+", _fold(title))]
    fillers = builtin().words("title_fillers")
    return [w for w in words if w not in fillers]


def title_head(title: str) -> str:
    """Lemma of the head noun of a title: 'заместителя начальника' -> 'заместитель',
    'подмосковного губернатора' -> 'губернатор', 'Экс-председатель' -> 'председатель'."""
    from .morph import parse

    words = _title_words(title)
    nouns = [(w, parse(w)[0]) for w in words if parse(w) and "NOUN" in parse(w)[0].tag]
    # a noun reading of an adjective before the head is no head: 'главного тренера' is a тренер
    heads = [p for w, p in nouns if not any(q.tag.POS in ("ADJF", "PRTF") for q in parse(w))]
    nouns = [p for _, p in nouns]
    if heads or nouns:
        return _fold((heads or nouns)[0].normal_form)
    return _fold(parse(words[0])[0].normal_form) if words and parse(words[0]) else ""


@lru_cache(maxsize=10_000)
def title_heads(title: str) -> frozenset[str]:
    """Every noun lemma the head word of a title can have: 'экс-премьера' is a case of
    'премьер' as well as the word 'премьера'."""
    from .morph import parse

    head = title_head(title)
    for word in _title_words(title):
        nouns = frozenset(_fold(p.normal_form) for p in parse(word) if "NOUN" in p.tag)
        if head in nouns:
            return nouns
    return frozenset({head})


@lru_cache(maxsize=10_000)
def _content_lemmas(name: str) -> frozenset[str]:
    from .morph import lemma

    return frozenset(_fold(lemma(w)) for w in re.findall(r"\w+", name) if len(w) > 2)


# --- scoring


@dataclass
class FactruReport:
    texts: int = 0
    ours: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in
                                                            ("PER", "ORG", "occupation", "occupation_where",
                                                             "occupation_fact")})
    natasha: dict[str, Score] = field(default_factory=lambda: {"PER": Score(), "ORG": Score()})
    errors: list[dict] = field(default_factory=list)  # misses and false hits, for --errors

    def as_dict(self) -> dict:
        return {"texts": self.texts,
                "ours": {k: v.as_dict() for k, v in self.ours.items()},
                "natasha": {k: v.as_dict() for k, v in self.natasha.items()}}


def score_spans(predicted: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]) -> tuple[Score, list, list]:
    """One-to-one matching by overlap; returns the score, unmatched predicted and gold indices."""
    pairs = match(predicted, gold, lambda p, g: overlap(p[0], p[1], g[0], g[1]))
    hit_p, hit_g = {i for i, _ in pairs}, {j for _, j in pairs}
    return (Score(len(pairs), len(predicted), len(gold)),
            [i for i in range(len(predicted)) if i not in hit_p],
            [j for j in range(len(gold)) if j not in hit_g])


def mention_spans(doc: Document, field_name: str) -> list[tuple[int, int]]:
    return sorted((s.start, s.stop) for r in getattr(doc, field_name) for s in r.spans)


def natasha_spans(text: str) -> dict[str, list[tuple[int, int]]]:
    """PER/LOC/ORG spans of slovnet NER as fakty runs it (`fakty.tag.tag`), in original offsets."""
    from .clean import clean
    from .segment import segment
    from .tag import tag

    cleaned = clean(text)
    out: dict[str, list[tuple[int, int]]] = {"PER": [], "LOC": [], "ORG": []}
    for span in tag(segment(cleaned.text)):
        s = cleaned.span(span.start, span.stop)
        out.setdefault(span.type, []).append((s.start, s.stop))
    return out


def _predicted_occupations(doc: Document) -> list[dict]:
    places = {r.id: r for r in list(doc.organizations) + list(doc.locations)}
    out, seen = [], set()
    for person in doc.persons:
        names = {_fold(w) for w in re.findall(r"[\w-]+", person.name)}
        names |= {_fold(x) for x in (person.last, person.first) if x}
        for position in person.positions:
            entity = places.get(position.organization_id or "") or places.get(position.location_id or "")
            where = entity.name if entity else ""
            key = (person.id, _fold(position.title), where)
            if key in seen:
                continue
            seen.add(key)
            out.append({"names": names, "person": person.name, "title": position.title,
                        "heads": title_heads(position.title), "where": where,
                        "where_spans": [(s.start, s.stop) for s in entity.spans] if entity else [],
                        "where_is_place": bool(entity) and entity.id == position.location_id
                        and not position.organization_id})
    return out


def where_matches(p: dict, g: Occupation, marked: Sequence[tuple[int, int]]) -> bool:
    """Is our linked organization/place (`p["where"]`, `p["where_spans"]`) the gold Where?
    `marked`: spans of every gold Org/Location/LocOrg object of the text."""
    if not p["where"]:
        return False
    mine = p["where_spans"]
    if any(overlap(a, b, c, d) for a, b in mine for c, d, inner_place in g.where_spans
           if not (inner_place and p["where_is_place"])):
        return True
    if any(overlap(a, b, c, d) for a, b in mine for c, d in marked):
        return False  # our entity is another marked organization or place
    ours = _content_lemmas(p["where"])
    return any(ours & _content_lemmas(w) for w in g.where)


def _occupation_strength(with_where: bool, marked: Sequence[tuple[int, int]] = ()):
    def strength(p: dict, g: Occupation) -> float:
        if not g.surname or not g.surnames & p["names"]:
            return 0
        if not p["heads"] & set().union(*(title_heads(t) for t in g.positions)):
            return 0
        if with_where and g.where and not where_matches(p, g, marked):
            return 0
        return 1
    return strength


def score_document(gold: FactruText, doc: Document, report: FactruReport, natasha: bool = True) -> None:
    """Add one text's counts (ours, and natasha's NER when asked) to `report`."""
    report.texts += 1
    gold_spans = {"PER": [(o.start, o.stop) for o in gold.objects_of("Person")],
                  "ORG": [(o.start, o.stop) for o in gold.objects_of("Org")]}
    ours = {"PER": mention_spans(doc, "persons"), "ORG": mention_spans(doc, "organizations")}
    for kind in ("PER", "ORG"):
        score, false_hits, misses = score_spans(ours[kind], gold_spans[kind])
        report.ours[kind].add(score)
        for i in false_hits:
            report.errors.append(_error(gold, kind, "false", *ours[kind][i]))
        for j in misses:
            report.errors.append(_error(gold, kind, "miss", *gold_spans[kind][j]))
    if natasha:
        theirs = natasha_spans(gold.text)
        for kind in ("PER", "ORG"):
            report.natasha[kind].add(score_spans(sorted(theirs[kind]), gold_spans[kind])[0])
    occupations = _unique_facts(o for o in gold.occupations if o.positions)
    predicted = _predicted_occupations(doc)
    marked = [(s.start, s.stop) for o in gold.objects_of("Org", "Location", "LocOrg") for s in o.spans]
    loose = match(predicted, occupations, _occupation_strength(False))
    _add_occupations(report, gold, "occupation", predicted, occupations, loose)
    strict = match(predicted, occupations, _occupation_strength(True, marked))
    _add_occupations(report, gold, "occupation_where", predicted, occupations, strict, loose)
    facts = [p for p in predicted if p["where"]]
    _add_occupations(report, gold, "occupation_fact", facts, occupations,
                     match(facts, occupations, _occupation_strength(True, marked)))


def _unique_facts(occupations: Iterable[Occupation]) -> list[Occupation]:
    seen, out = set(), []
    for o in occupations:
        key = (tuple(sorted(o.who.items())), o.positions, o.where)
        if key not in seen:
            seen.add(key)
            out.append(o)
    return out


def _add_occupations(report: FactruReport, gold: FactruText, kind: str, predicted: list[dict],
                     occupations: list[Occupation], pairs: list, loose: Optional[list] = None) -> None:
    """Count one text's occupation row; errors are listed for `occupation` (who+title) and,
    for `occupation_where`, only for pairs whose who+title was right (a wrong where)."""
    report.ours[kind].add(Score(len(pairs), len(predicted), len(occupations)))
    if kind == "occupation_fact":
        return
    hit_p, hit_g = {i for i, _ in pairs}, {j for _, j in pairs}
    found_p = {i for i, _ in loose} if loose is not None else None
    found_g = {j for _, j in loose} if loose is not None else None
    for i, p in enumerate(predicted):
        if i not in hit_p and (found_p is None or i in found_p):
            report.errors.append({"doc": gold.name, "type": kind, "error": "false",
                                  "text": f"{p['person']}: {p['title']}" + (f" @ {p['where']}" if p["where"] else "")})
    for j, g in enumerate(occupations):
        if j not in hit_g and (found_g is None or j in found_g):
            report.errors.append({"doc": gold.name, "type": kind, "error": "miss",
                                  "text": f"{g.surname}: {' | '.join(g.positions)}"
                                  + (f" @ {' | '.join(g.where)}" if g.where else "")})


def _error(gold: FactruText, kind: str, error: str, start: int, stop: int) -> dict:
    text = gold.text
    return {"doc": gold.name, "type": kind, "error": error, "start": start, "stop": stop,
            "text": text[start:stop],
            "context": in_context(text, start, stop)}


def evaluate(directory, extractor=None, names: Optional[Sequence[str]] = None,
             natasha: bool = True) -> FactruReport:
    """Run `extractor` (default: a new `Extractor()`) over the set and score it; with
    `natasha`, also score slovnet NER's own PER/ORG spans on the same texts."""
    if extractor is None:
        from .pipeline import Extractor

        extractor = Extractor()
    report = FactruReport()
    for gold in read(directory, names):
        score_document(gold, extractor(gold.text, id=gold.name), report, natasha=natasha)
    return report


def format_table(report: FactruReport) -> str:
    rows = [("ours", k, v) for k, v in report.ours.items()] + [("natasha NER", k, v) for k, v in report.natasha.items()]
    lines = [f"factru-dev: {report.texts} texts",
             f"{'system':<12} {'type':<17} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}"]
    for system, kind, s in rows:
        lines.append(f"{system:<12} {kind:<17} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                     f"{s.tp:5d} {s.predicted:5d} {s.gold:5d}")
    return "\n".join(lines)
