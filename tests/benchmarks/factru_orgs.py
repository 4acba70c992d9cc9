"""Organization mentions on FactRuEval-2016 dev: fakty vs natasha's NER, in one run.

    python tests/benchmarks/factru_orgs.py [path/to/factru-dev] [-v]

Gold `named`: every `Org` object with an `org_name` or `loc_name` span (organizations named
by their own name or by a place: "компания Microsoft", "правительства Китая"); descriptor-only
objects ("власти", "сборной") are left out, neither system aims at them. Gold `all`: every
`Org` object (what `fakty eval --factru` counts). An object's span runs from the first to
the last of its spans. `exact`: a prediction is right when its span equals a gold span, both
with quotes and spaces trimmed at the ends (factru spans stop before a closing quote);
`overlap`: when it overlaps a gold span (one-to-one).
natasha: the ORG spans of NewsNERTagger over the whole text, as natasha's Doc.tag_ner does.
fakty: the spans of `Document.organizations`.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRIM = " «»\"'„“”\n"


def gold_documents(folder: Path):
    """(name, text, gold org spans) per document."""
    for txt in sorted(folder.glob("book_*.txt")):
        text = txt.read_text(encoding="utf-8")
        spans = {}
        for line in txt.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
            parts = line.split("#", 1)[0].split()
            if len(parts) >= 4:
                spans[parts[0]] = (parts[1], int(parts[2]), int(parts[2]) + int(parts[3]))
        named, every = set(), set()
        for line in txt.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
            parts = line.split("#", 1)[0].split()
            if len(parts) < 3 or parts[1] != "Org":
                continue
            members = [spans[i] for i in parts[2:] if i in spans]
            hull = trim(text, min(s for _, s, _ in members), max(e for _, _, e in members))
            every.add(hull)
            if any(kind in ("org_name", "loc_name") for kind, _, _ in members):
                named.add(hull)
        yield txt.stem, text, {"named": named, "all": every}


def trim(text: str, start: int, stop: int) -> tuple[int, int]:
    while start < stop and text[start] in TRIM:
        start += 1
    while stop > start and text[stop - 1] in TRIM:
        stop -= 1
    return start, stop


def score(pred: set, gold: set, overlap: bool = False) -> tuple[int, int, int]:
    if not overlap:
        return len(pred & gold), len(pred), len(gold)
    left, tp = set(gold), 0
    for a, b in sorted(pred):
        hit = next((g for g in sorted(left) if a < g[1] and g[0] < b), None)
        if hit:
            left.discard(hit)
            tp += 1
    return tp, len(pred), len(gold)


def f1(tp: int, npred: int, ngold: int) -> str:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp}, pred {npred}, gold {ngold})"


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    args = [a for a in argv if not a.startswith("-")]
    folder = Path(args[0]) if args else ROOT.parent / "shared" / "factru-dev"
    from fakty import Extractor
    from fakty.tag import ner_model

    extractor = Extractor()
    totals = {(system, gold, mode): [0, 0, 0] for gold in ("named", "all")
              for mode in ("exact", "overlap") for system in ("natasha", "fakty")}
    for name, text, golds in gold_documents(folder):
        natasha = {trim(text, s.start, s.stop) for s in ner_model()(text).spans if s.type == "ORG"}
        doc = extractor(text)
        ours = {trim(text, s.start, s.stop) for o in doc.organizations for s in o.spans}
        for system, gold, mode in totals:
            pred = natasha if system == "natasha" else ours
            for i, n in enumerate(score(pred, golds[gold], mode == "overlap")):
                totals[system, gold, mode][i] += n
        if verbose:
            show = lambda xs: sorted(text[a:b] for a, b in xs)
            print(f"== {name}\n  missed: {show(golds['named'] - ours)}\n  wrong:  {show(ours - golds['all'])}")
    for (system, gold, mode), counts in totals.items():
        print(f"{gold:6} {mode:8} {system:8} {f1(*counts)}")


if __name__ == "__main__":
    main(sys.argv[1:])
