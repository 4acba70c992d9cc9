"""Made-up inputs for robustness tests, and the checks every result must pass.

Three kinds of text:
- `unicode_text`: any code points, controls, marks, surrogates, right-to-left and emoji;
- `russian_like`: sentences put together from real pieces (record texts of the gold
  fixtures, entries of the grammars' lexicons): titles next to names, numbers next to
  units and multipliers, quotes inside quotes, dates, brackets, some left open;
- `mutated`: a stretch of a fixture or FactRuEval text, changed the ways scraped pages are
  (sentences shuffled, characters dropped, ё/е swapped, soft hyphens, zero-width spaces,
  NBSP, Latin look-alikes, unmatched quotes and brackets).

Each generator takes `pick(n)`, which returns an int in range(n): hypothesis draws it in
tests (so a failure shrinks to a small example) and `random.Random.randrange` drives the
long soak (`tests/benchmarks/fuzz.py`), over the same code.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable

from fakty import Document, InputError
from fakty.grammars import lexicon, table

ROOT = Path(__file__).resolve().parent.parent

Pick = Callable[[int], int]


def choice(pick: Pick, items):
    return items[pick(len(items))]


@lru_cache(maxsize=None)
def real_texts() -> tuple[str, ...]:
    """The texts of fixtures/: the seed pages, the held-out sets and FactRuEval dev."""
    paths = sorted(ROOT.glob("fixtures/**/*.txt"))
    return tuple(p.read_text(encoding="utf-8") for p in paths)


def _first_column(name: str) -> list[str]:
    return [row[0] for row in table(name)]


@lru_cache(maxsize=None)
def pieces() -> dict[str, tuple[str, ...]]:
    """Real strings by what they are: record texts of the gold fixtures and lexicon entries."""
    found: dict[str, set[str]] = {k: set() for k in ("name", "title", "org", "event", "figure", "date", "place")}
    fields = {"persons": "name", "organizations": "org", "events": "event", "figures": "figure",
              "dates": "date", "locations": "place"}
    for path in sorted(ROOT.glob("fixtures/**/*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for field, kind in fields.items():
            for record in gold.get(field, []):
                found[kind].update(s["text"] for s in record.get("spans", []))
                for position in record.get("positions", []):
                    if position.get("span"):
                        found["title"].add(position["span"]["text"])
    found["title"].update(lexicon("positions.txt"), lexicon("roles.txt"))
    found["org"].update(_first_column("org_kinds.txt"), _first_column("org_names.txt"))
    found["event"].update(e.rstrip(" ^") for e in lexicon("event_kinds.txt"))
    found["place"].update(_first_column("places.tsv"))
    out = {kind: tuple(sorted(values)) for kind, values in found.items()}
    out["modifier"] = lexicon("position_modifiers.txt")
    out["unit"] = tuple(_first_column("measures.tsv") + _first_column("currencies.tsv"))
    out["multiplier"] = tuple(_first_column("multipliers.tsv"))
    out["qualifier"] = tuple(_first_column("qualifiers.tsv"))
    out["change"] = tuple(_first_column("changes.tsv"))
    out["month"] = tuple(_first_column("months.tsv"))
    out["number_word"] = tuple(_first_column("number_words.tsv"))
    out["word"] = tuple(sorted({w for text in real_texts()[:40] for w in text.split() if len(w) < 30}))
    return out


def number(pick: Pick) -> str:
    forms = [
        lambda: str(pick(100)),
        lambda: str(pick(10 ** pick(13))),
        lambda: f"{pick(1000)},{pick(100)}",
        lambda: f"{pick(1000)}.{pick(1000)}",
        lambda: f"{1 + pick(999)} {pick(1000):03}",
        lambda: f"{1 + pick(99)}\u00a0{pick(1000):03} {pick(1000):03}",
        lambda: f"{pick(100)}-{pick(100)}",
        lambda: f"{pick(100)}%",
        lambda: f"{1900 + pick(200)}",
        lambda: choice(pick, ["I", "II", "III", "IV", "XII", "XXI", "MCMXC"]),
        lambda: "1 " * (1 + pick(40)),
        lambda: choice(pick, pieces()["number_word"]),
    ]
    return choice(pick, forms)()


def quoted(pick: Pick, inner: str) -> str:
    """`inner` in one to five levels of quotes, mixed kinds, sometimes left open."""
    for _ in range(1 + pick(5)):
        open_, close = choice(pick, [("«", "»"), ('"', '"'), ("„", "“"), ("“", "”"), ("'", "'"), ("(", ")")])
        inner = open_ + inner + (close if pick(5) else "")
    return inner


def phrase(pick: Pick) -> str:
    """A piece of news-like text made of real pieces."""
    p = pieces()
    forms = [
        lambda: f"{choice(pick, p['title'])} {choice(pick, p['name'])}",
        lambda: f"{choice(pick, p['modifier'])} {choice(pick, p['title'])} {choice(pick, p['org'])} {choice(pick, p['name'])}",
        lambda: f"{choice(pick, p['name'])}, {choice(pick, p['title'])} {choice(pick, p['org'])},",
        lambda: f"{choice(pick, ['и.о.', 'врио', 'и. о.', 'исполняющий обязанности'])} {choice(pick, p['title'])} {choice(pick, p['name'])}",
        lambda: f"{choice(pick, p['qualifier'])} {number(pick)} {choice(pick, p['multiplier'])} {choice(pick, p['unit'])}",
        lambda: f"{number(pick)} {choice(pick, p['unit'])}",
        lambda: f"{choice(pick, p['change'])} с {number(pick)} до {number(pick)} {choice(pick, p['multiplier'])}",
        lambda: f"{number(pick)} {choice(pick, p['month'])} {number(pick)} года",
        lambda: f"с {pick(40)} по {pick(40)} {choice(pick, p['month'])}",
        lambda: f"{number(pick)} {choice(pick, p['event'])} {quoted(pick, choice(pick, p['org']))}",
        lambda: f"{choice(pick, p['org'])} {quoted(pick, choice(pick, p['org']) + ' ' + quoted(pick, choice(pick, p['word'])))}",
        lambda: quoted(pick, choice(pick, p['event'])),
        lambda: choice(pick, p["figure"]),
        lambda: choice(pick, p["date"]),
        lambda: choice(pick, p["place"]),
        lambda: choice(pick, p["word"]),
        lambda: choice(pick, p["word"]),
        lambda: f"({choice(pick, p['org'])}",
        lambda: choice(pick, ["—", "-", "•", "…", "№", "«", "»", ")", "(", ":", ";", "/"]),
    ]
    return choice(pick, forms)()


def russian_like(pick: Pick) -> str:
    sentences = []
    for _ in range(1 + pick(3)):
        parts = [phrase(pick) for _ in range(1 + pick(8))]
        joints = [" ", " ", ", ", " - ", " и ", "; ", " в ", "\n"]
        text = parts[0]
        for part in parts[1:]:
            text += choice(pick, joints) + part
        sentences.append(text[:1].upper() + text[1:] + choice(pick, [".", ".", "!", "?", "", "\n", "..."]))
    return " ".join(sentences)


LOOKALIKES = str.maketrans("аеорсхуАВЕКМНОРСТХ", "aeopcxyABEKMHOPCTX")


def _shuffle(text: str, pick: Pick) -> str:
    parts = text.split(". ")
    for i in range(len(parts) - 1, 0, -1):
        j = pick(i + 1)
        parts[i], parts[j] = parts[j], parts[i]
    return ". ".join(parts)


def _at_random_places(text: str, pick: Pick, change: Callable[[str], str], count: int = 20) -> str:
    chars = list(text)
    for _ in range(1 + pick(count)):
        if chars:
            i = pick(len(chars))
            chars[i] = change(chars[i])
    return "".join(chars)


MUTATIONS: list[tuple[str, Callable[[str, Pick], str]]] = [
    ("shuffle sentences", _shuffle),
    ("drop characters", lambda t, pick: _at_random_places(t, pick, lambda c: "")),
    ("ё/е swapped", lambda t, pick: t.replace("е", "ё") if pick(2) else t.replace("ё", "е").replace("Ё", "Е")),
    ("soft hyphens", lambda t, pick: _at_random_places(t, pick, lambda c: c + "\u00ad", 50)),
    ("zero-width spaces", lambda t, pick: _at_random_places(t, pick, lambda c: c + "\u200b", 50)),
    ("NBSP for spaces", lambda t, pick: t.replace(" ", "\u00a0") if pick(2) else _at_random_places(
        t, pick, lambda c: "\u00a0" if c == " " else c, 200)),
    ("Latin look-alikes", lambda t, pick: t.translate(LOOKALIKES) if not pick(4) else _at_random_places(
        t, pick, lambda c: c.translate(LOOKALIKES), 200)),
    ("unmatched quotes and brackets", lambda t, pick: _at_random_places(
        t, pick, lambda c: c + choice(pick, list("«»\"„“”()[]{}'")), 30)),
    ("lines joined", lambda t, pick: t.replace("\n", " ")),
    ("CRLF and tabs", lambda t, pick: t.replace("\n", "\r\n").replace(" ", "\t" if pick(3) == 0 else " ")),
    ("upper case", lambda t, pick: t.upper()),
    ("lower case", lambda t, pick: t.lower()),
    ("doubled", lambda t, pick: t + t),
]


def mutated(pick: Pick, texts=None) -> tuple[str, list[str]]:
    """A stretch (up to 1,000 characters) of a real text with one to four mutations, and
    their names."""
    texts = texts or real_texts()
    text = choice(pick, texts)
    start = pick(len(text))
    text = text[start:start + 1 + pick(1000)]
    names = []
    for _ in range(1 + pick(4)):
        name, mutate = choice(pick, MUTATIONS)
        text = mutate(text, pick)
        names.append(name)
    return text, names


# code points by kind, for unicode_text: the soak's stand-in for hypothesis' st.text()
# (lone surrogates are refused with an InputError: one text in fifty gets one)
_RANGES = [(0, 0x7f), (0x80, 0x2ff), (0x300, 0x36f), (0x400, 0x52f), (0x590, 0x6ff), (0x2000, 0x206f),
           (0x2070, 0x2bff), (0x3000, 0x9fff), (0xe000, 0xf8ff), (0xfe00, 0xffff),
           (0x1f300, 0x1faff), (0x10000, 0x10ffff)]


def unicode_text(pick: Pick) -> str:
    out = []
    for _ in range(pick(200)):
        low, high = choice(pick, _RANGES)
        out.append(chr(low + pick(high - low + 1)))
    if out and not pick(50):
        out[pick(len(out))] = chr(0xd800 + pick(0x800))
    return "".join(out)


def check(extractor, text: str, again: bool = True) -> Document | None:
    """Extract and check: every span slices the original text, every record validates
    again from JSON, ids are unique and references point at records of the document, and
    (`again`) a second run gives byte-identical JSON. A text with a lone surrogate, which
    is not Unicode text, is refused with an InputError (None is returned)."""
    try:
        doc = extractor(text)
    except InputError:
        if re.search("[\ud800-\udfff]", text):
            return None
        raise
    for record in doc.records():
        spans = list(record.spans) + [p.span for p in getattr(record, "positions", []) if p.span]
        for span in spans:
            assert text[span.start:span.stop] == span.text, f"span does not slice the text: {span!r} in {record!r}"
    for span in doc.boilerplate:
        assert text[span.start:span.stop] == span.text, f"boilerplate span does not slice the text: {span!r}"
    data = doc.to_json()
    assert Document.model_validate_json(data) == doc, "the document does not validate again from its JSON"
    ids = [r.id for r in doc.records()]
    assert len(ids) == len(set(ids)), f"ids not unique: {ids}"
    for reference in _references(doc):
        assert reference in ids, f"reference to no record: {reference} in {data}"
    assert not again or extractor(text).to_json() == data, "a second run gives other JSON"
    return doc


def _references(doc: Document):
    for record in doc.records():
        for name in ("organization_id", "location_id", "parent_id"):
            if getattr(record, name, None):
                yield getattr(record, name)
        for name in ("organizer_ids", "supporter_ids"):
            yield from getattr(record, name, [])
        for position in getattr(record, "positions", []):
            yield from (i for i in (position.organization_id, position.location_id) if i)
