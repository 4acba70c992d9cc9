"""Organizations: how often the span is found, and how often the name is also right.

    python tests/benchmarks/org_names.py [FOLDER ...]      # default: the three gold sets

Per gold organization mention (every span of a gold record) of the fixtures, heldout and
heldout2 (their names are nominative, as a reader writes them):
- span found: one of our organization mentions overlaps it (pairs taken one to one);
- name also right: ... and our record's `name` is one of the gold record's names (name,
  abbreviation, aliases; case, ё, quotes and punctuation folded);
- any name right: ... or one of our record's other names (abbreviation, aliases) is.
Run on demand (pytest does not collect this file).
"""
from __future__ import annotations

import sys
from pathlib import Path

from fakty import Extractor
from fakty.evaluate import fold, load_gold
from fakty.scoring import match, overlap

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = [ROOT / "fixtures", ROOT / "fixtures" / "heldout", ROOT / "fixtures" / "heldout2"]


def mentions(doc):
    """(start, stop, our name folded, every name folded) per span of each organization."""
    out = []
    for r in doc.organizations:
        names = {fold(n) for n in [r.name, r.abbreviation, *r.aliases] if n}
        for s in r.spans:
            out.append((s.start, s.stop, fold(r.name), names, r.name))
    return out


def measure(folders, extractor=None, show=False) -> dict[str, int]:
    extractor = extractor or Extractor()
    counts = {"gold": 0, "span": 0, "name": 0, "any": 0}
    for folder in folders:
        for gold in load_gold(folder):
            doc = extractor(gold.text, published=gold.published, id=gold.id)
            ours, want = mentions(doc), mentions(gold)
            pairs = match(ours, want, lambda p, g: overlap(p[0], p[1], g[0], g[1]))
            counts["gold"] += len(want)
            counts["span"] += len(pairs)
            for i, j in pairs:
                p, g = ours[i], want[j]
                counts["name"] += p[2] in g[3]
                counts["any"] += bool(p[3] & g[3])
                if show and p[2] not in g[3]:
                    print(f"  {gold.id}: ours {p[4]!r}, gold {g[4]!r}")
    return counts


def main(argv: list[str]) -> int:
    show = "--show" in argv
    folders = [Path(a) for a in argv if a != "--show"] or FOLDERS
    c = measure(folders, show=show)
    print(f"gold organization mentions {c['gold']}: span found {c['span'] / c['gold']:.3f}, "
          f"name also right {c['name'] / c['gold']:.3f} ({c['name'] / max(1, c['span']):.3f} of found), "
          f"any name right {c['any'] / c['gold']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
