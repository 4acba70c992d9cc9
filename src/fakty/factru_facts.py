"""FactRuEval-2016 Deal, Ownership and Meeting facts: the gold, our facts, their scores, and the
official task-3 response format.

Gold (`book_N.facts`): a `Deal` has `Participant` objects (two or more) and a `Type`
(купля/продажа, займ/возвращение займа, инвестиции, наложение/выплата штрафа, …); an
`Ownership` an `Owner` and a `Property`; a `Meeting` `Participant`s. A fact stated twice
with the same arguments, type and modality counts once, as `fakty.factru` counts Occupation
facts (three purchases of one company's shares by one fund, at different times, are three).

Ours, from a Document:
- deal: an `Agreement` with two or more parties or signers, or an `Ownership` of kind
  acquisition (a purchase) with its owner and the organization bought;
- ownership: an `Ownership` with owner and owned (every kind: a subsidiary, a stake, a
  purchase, an owner, a founder);
- meeting: an `Event` with two or more `participant_ids`.

An argument of ours (an entity) is a gold argument when one of its spans overlaps a span of
the gold object or of an object coreferent with it; when its spans overlap another object the
annotators marked, it is not; only when spans cannot decide are names compared (a surname of
the gold person, or a content-word lemma in common with a name of the gold object). A deal
or meeting of ours is a gold one when two of its participants are two of the gold one's (one
to one); an ownership when the owner and the owned are the gold Owner and Property. Facts
are paired one to one, strongest first, as Occupation facts are.

`write_task3(doc, path)` writes a Document's facts (these three, and Occupation: persons with
a position and its organization or place) as FactRuEval's task-3 response: one fact per
block, its type on the first line, then `argument : value` lines, blocks separated by a
blank line, values in the nominative as our records name them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

from .evaluate import fold
from .records import Document, Entity, Person
from .scoring import Score, match, overlap

KINDS = ("Deal", "Ownership", "Meeting")
ROWS = {"Deal": "deal", "Ownership": "ownership", "Meeting": "meeting"}


@dataclass(frozen=True)
class Argument:
    role: str  # participant, owner, property
    names: tuple[str, ...]  # coref attributes and the labels the fact gives
    spans: tuple[tuple[int, int], ...]  # of the object and every object coreferent with it
    ref: str = ""  # the coref id


@dataclass(frozen=True)
class Fact:
    id: str
    kind: str  # Deal, Ownership, Meeting
    arguments: tuple[Argument, ...]
    type: str = ""  # a Deal's Type
    modality: str = ""  # 'завершено в прошлом', 'возможность', …: two deals of one pair may differ in it

    def role(self, name: str) -> list[Argument]:
        return [a for a in self.arguments if a.role == name]

    @property
    def key(self) -> tuple:
        return (self.kind, self.type, self.modality, tuple(sorted((a.role, a.ref) for a in self.arguments)))


def gold_facts(gold) -> list[Fact]:
    """The Deal, Ownership and Meeting facts of a `fakty.factru.FactruText`, each once."""
    objects = {o.id: o for o in gold.objects}
    out, seen = [], set()
    for block in gold.fact_blocks:
        fact_id, _, kind = block[0].partition(" ")
        kind = kind.strip()
        if kind not in KINDS:
            continue
        arguments, type_, modality = [], "", ""
        for line in block[1:]:
            role, _, rest = line.strip().partition(" ")
            role = role.lower()
            if role == "type":
                type_ = rest.strip()
            if role == "модальность":
                modality = rest.strip()
            if role not in ("participant", "owner", "property"):
                continue
            # 'Owner obj143 Украина | obj144 Турецкая республика | Турция': each object is an alternative
            refs = re.findall(r"obj(\d+)", rest)
            labels = [re.sub(r"obj\d+", "", part).strip() for part in rest.split("|")]
            for ref in refs[:1] or [""]:
                group = [o for r in refs for o in gold.groups.get(r, ())]
                spans = tuple(sorted({(s.start, s.stop) for o in group if o in objects for s in objects[o].spans}))
                attrs = [v for r in refs for k, v in gold.coref.get(r, {}).items()
                         if k in ("name", "lastname", "firstname", "nickname")]
                arguments.append(Argument(role, tuple(dict.fromkeys(n for n in attrs + labels if n)), spans, ref))
        fact = Fact(fact_id, kind, tuple(arguments), type_, modality)
        if fact.key not in seen:
            seen.add(fact.key)
            out.append(fact)
    return out


# --- our facts ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Ours:
    """One of our facts: its kind, arguments (role, entity) and the record it comes from."""

    kind: str
    arguments: tuple[tuple[str, Entity], ...]
    record: Entity
    type: str = ""

    def role(self, name: str) -> list[Entity]:
        return [e for r, e in self.arguments if r == name]


def our_facts(doc: Document) -> list[Ours]:
    entities = {r.id: r for field in ("organizations", "persons", "locations") for r in getattr(doc, field)}
    types = deal_types()
    out = []
    for a in doc.agreements:
        ids = list(dict.fromkeys(a.party_ids + a.signer_ids))
        who = [entities[i] for i in ids if i in entities]
        if len(who) >= 2:
            out.append(Ours("Deal", tuple(("participant", e) for e in who), a, types.get(a.kind, "")))
    for o in doc.ownerships:
        owner, owned = entities.get(o.owner_id or ""), entities.get(o.owned_id or "")
        if owner is None or owned is None:
            continue
        out.append(Ours("Ownership", (("owner", owner), ("property", owned)), o))
        if o.kind == "acquisition":
            out.append(Ours("Deal", (("participant", owner), ("participant", owned)), o, types.get(o.kind, "")))
    for e in doc.events:
        who = [entities[i] for i in e.participant_ids if i in entities]
        if len(who) >= 2:
            out.append(Ours("Meeting", tuple(("participant", p) for p in who), e))
    return out


@lru_cache(maxsize=1)
def deal_types() -> dict[str, str]:
    """Our Agreement and Ownership kinds -> FactRuEval Deal types (factru_deal_types.txt)."""
    text = resources.files("fakty").joinpath("factru_deal_types.txt").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {row[0].strip(): row[1].strip() for row in rows if len(row) > 1}


# --- matching -------------------------------------------------------------------------------------

def _content_lemmas(name: str) -> frozenset[str]:
    from .factru import _content_lemmas as lemmas

    return lemmas(name)


def argument_matches(entity: Entity, argument: Argument, marked: Sequence[tuple[int, int]]) -> bool:
    """Is our entity the gold argument? By spans first, by names only where spans cannot say."""
    mine = [(s.start, s.stop) for s in entity.spans]
    if any(overlap(a, b, c, d) for a, b in mine for c, d in argument.spans):
        return True
    if any(overlap(a, b, c, d) for a, b in mine for c, d in marked):
        return False  # our entity is another object the annotators marked
    if isinstance(entity, Person):
        words = {fold(w) for w in re.findall(r"[\w-]+", entity.name)}
        return any(fold(n) in words for n in argument.names)
    ours = _content_lemmas(getattr(entity, "name", "") or entity.text)
    return any(ours & _content_lemmas(n) for n in argument.names)


def _pairs(ours: Sequence[Entity], gold: Sequence[Argument], marked) -> int:
    """How many of our entities are gold arguments, one to one."""
    return len(match(list(ours), list(gold), lambda e, a: 1 if argument_matches(e, a, marked) else 0))


def _strength(marked):
    def strength(p: Ours, g: Fact) -> float:
        if p.kind != g.kind:
            return 0
        if g.kind == "Ownership":
            owner = _pairs(p.role("owner"), g.role("owner"), marked)
            owned = _pairs(p.role("property"), g.role("property"), marked)
            return 2 if owner and owned else 0
        found = _pairs(p.role("participant"), g.role("participant"), marked)
        return found if found >= 2 else 0
    return strength


def score(gold, doc: Document, report) -> None:
    """Add one text's deal, ownership and meeting rows (and errors) to a FactruReport."""
    facts = gold_facts(gold)
    ours = our_facts(doc)
    marked = [(s.start, s.stop) for o in gold.objects_of("Person", "Org", "Location", "LocOrg") for s in o.spans]
    for kind in KINDS:
        want = [f for f in facts if f.kind == kind]
        got = [p for p in ours if p.kind == kind]
        pairs = match(got, want, _strength(marked))
        report.ours[ROWS[kind]].add(Score(len(pairs), len(got), len(want)))
        hit_p, hit_g = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, p in enumerate(got):
            if i not in hit_p:
                report.errors.append({"doc": gold.name, "type": ROWS[kind], "error": "false",
                                      "text": describe(p)})
        for j, g in enumerate(want):
            if j not in hit_g:
                report.errors.append({"doc": gold.name, "type": ROWS[kind], "error": "miss",
                                      "text": " ; ".join(f"{a.role}: {a.names[0] if a.names else '?'}"
                                                         for a in g.arguments)})


def describe(p: Ours) -> str:
    return " ; ".join(f"{role}: {_name(e)}" for role, e in p.arguments) + f"  [{p.record.text}]"


# --- the task-3 response ----------------------------------------------------------------------------

def _name(entity: Entity) -> str:
    return getattr(entity, "name", None) or entity.text


def _value(text: str) -> str:
    """A value as the official reader takes it: one line, no colon (it splits lines on ':')."""
    return " ".join(text.replace(":", " ").split())


def task3(doc: Document) -> str:
    """The facts of a Document as FactRuEval's task-3 response (a `book_N.task3` file)."""
    blocks = []
    places = {r.id: r for r in list(doc.organizations) + list(doc.locations)}
    for person in doc.persons:
        for position in person.positions:
            where = places.get(position.organization_id or "") or places.get(position.location_id or "")
            if where is not None:
                blocks.append(["occupation", f"who : {_value(person.name)}",
                               f"position : {_value(position.title)}", f"where : {_value(_name(where))}"])
    for fact in our_facts(doc):
        lines = [fact.kind.lower()] + [f"{role} : {_value(_name(e))}" for role, e in fact.arguments]
        if fact.type:
            lines.append(f"type : {_value(fact.type)}")
        blocks.append(lines)
    unique = list(dict.fromkeys("\n".join(b) for b in blocks))
    return "".join(block + "\n\n" for block in unique)


def write_task3(docs: Iterable[Document], folder) -> int:
    """Write `<doc.id>.task3` for each Document into `folder`; returns how many were written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for doc in docs:
        (folder / f"{doc.id}.task3").write_text(task3(doc), encoding="utf-8")
        count += 1
    return count
