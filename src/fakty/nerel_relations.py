"""NEREL relations that fakty's Ownership records and meeting Events stand for, scored as pairs.

- owner_of: OWNER_OF from a PERSON or ORGANIZATION to an ORGANIZATION ("холдинг Fininvest
  владеет … клубом Milan"), against our Ownership records of every kind but founder (owner ->
  owned);
- founded_by: FOUNDED_BY from an ORGANIZATION to its founding PERSON or ORGANIZATION,
  against our Ownership records of kind founder (owned -> owner);
- meeting: PARTICIPANT_IN or AGENT from a PERSON, ORGANIZATION or place to an EVENT that
  names a meeting (nerel_meetings.txt: встреча, переговоры, визит, …), against the
  participants of our Events with `participant_ids`.

NEREL's other owners (a COUNTRY owning "посольство США", a PERSON owning money) name nothing
our records say. A gold pair is the two mentions the relation joins; one of ours is two
entities. They match when a span of each of our entities overlaps its gold mention, one to one;
each gold pair once per text (by the folded texts of its two mentions).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .evaluate import fold
from .records import Document
from .scoring import Score, match

ROWS = ("owner_of", "founded_by", "meeting")
PARTICIPANTS = ("PERSON", "ORGANIZATION", "COUNTRY", "CITY", "STATE_OR_PROVINCE")


@lru_cache(maxsize=1)
def meeting_words() -> frozenset[str]:
    text = (resources.files("fakty") / "nerel_meetings.txt").read_text(encoding="utf-8")
    return frozenset(fold(line) for line in text.splitlines() if line.strip() and not line.startswith("#"))


def names_a_meeting(text: str) -> bool:
    from .morph import lemmas

    return any(fold(x) in meeting_words() for w in re.findall(r"\w+", text.lower()) for x in lemmas(w) | {w})


def gold_pairs(gold) -> dict[str, list[tuple]]:
    """Per row, the gold pairs (first entity, second entity): owner and owned, founder and
    founded, participant and meeting."""
    out: dict[str, list[tuple]] = {row: [] for row in ROWS}
    seen: set = set()
    for r in gold.relations:
        a, b = gold.entities.get(r.arg1), gold.entities.get(r.arg2)
        if a is None or b is None:
            continue
        if r.type == "OWNER_OF" and a.type in ("PERSON", "ORGANIZATION") and b.type == "ORGANIZATION":
            row, pair = "owner_of", (a, b)
        elif r.type == "FOUNDED_BY" and a.type == "ORGANIZATION" and b.type in ("PERSON", "ORGANIZATION"):
            row, pair = "founded_by", (b, a)
        elif r.type in ("PARTICIPANT_IN", "AGENT") and a.type in PARTICIPANTS and b.type == "EVENT" \
                and names_a_meeting(b.text):
            row, pair = "meeting", (a, b)
        else:
            continue
        key = (row, fold(pair[0].text), fold(pair[1].text), pair[1].start if row == "meeting" else 0)
        if key not in seen:
            seen.add(key)
            out[row].append(pair)
    return out


def our_pairs(doc: Document) -> dict[str, list[tuple]]:
    """Per row, our pairs of entities (the same order as the gold's)."""
    out: dict[str, list[tuple]] = {row: [] for row in ROWS}
    seen: set = set()
    for o in doc.ownerships:
        owner, owned = doc.get(o.owner_id or ""), doc.get(o.owned_id or "")
        if owner is None or owned is None:
            continue
        row = "founded_by" if o.kind == "founder" else "owner_of"
        if (row, owner.id, owned.id) not in seen:
            seen.add((row, owner.id, owned.id))
            out[row].append((owner, owned))
    for e in doc.events:
        for who in e.participant_ids:
            entity = doc.get(who)
            if entity is not None:
                out["meeting"].append((entity, e))
    return out


def _touches(entity, mention) -> bool:
    return any(mention.overlap(s.start, s.stop) > 0 for s in entity.spans)


def score(gold, doc: Document, rows: dict[str, Score], errors: list) -> None:
    """Add one text's relation rows (and errors) to `rows`."""
    want, got = gold_pairs(gold), our_pairs(doc)
    for row in ROWS:
        pairs = match(got[row], want[row],
                      lambda p, g: 1 if _touches(p[0], g[0]) and _touches(p[1], g[1]) else 0)
        rows[row].add(Score(len(pairs), len(got[row]), len(want[row])))
        hit_p, hit_g = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, (x, y) in enumerate(got[row]):
            if i not in hit_p:
                errors.append({"doc": gold.name, "type": row, "error": "false",
                               "value": f"{x.label} -> {y.label}", "text": y.text})
        for j, (x, y) in enumerate(want[row]):
            if j not in hit_g:
                errors.append({"doc": gold.name, "type": row, "error": "miss",
                               "value": f"{x.text} -> {y.text}", "text": y.text})
