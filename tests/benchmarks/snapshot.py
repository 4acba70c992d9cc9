"""Full output of fakty on every evaluation text, to see what a change changed.

    python tests/benchmarks/snapshot.py write before.jsonl     # run the Extractor, one line per text
    python tests/benchmarks/snapshot.py diff before.jsonl after.jsonl [--records]

The texts: the gold fixtures (seed pages and both held-out sets, with their `published`
dates), FactRuEval dev and NEREL dev where `../shared` is beside the clone (NEREL dev: look
at what changed in numbers, not at its texts). A change meant to be pure speed or pure
restructuring must leave `diff` empty ("identical"); any other change reads its record-level
differences with --records. Run on demand (pytest does not collect this file).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def texts() -> list[tuple[str, str, str | None]]:
    """(name, text, published) of every evaluation text, each text once."""
    out, seen = [], set()

    def add(name: str, text: str, published: str | None = None) -> None:
        if text not in seen:
            seen.add(text)
            out.append((name, text, published))

    for path in sorted(ROOT.glob("fixtures/**/*.json")):
        if path.with_suffix(".txt").exists():
            gold = json.loads(path.read_text(encoding="utf-8"))
            add(str(path.relative_to(ROOT)), gold["text"], gold.get("published"))
    for folder, pattern in (("factru-dev", "book_*.txt"), ("nerel/dev", "*.txt")):
        for path in sorted((SHARED / folder).glob(pattern)):
            add(f"{folder}/{path.name}", path.read_text(encoding="utf-8"))
    return out


def write(target: str) -> None:
    from fakty import Extractor

    extractor = Extractor(plugins=False)
    with open(target, "w", encoding="utf-8") as out:
        for name, text, published in texts():
            doc = extractor(text, published=published, id=name)
            out.write(doc.to_json() + "\n")
    print(f"{target}: {len(texts())} texts")


def _read(path: str) -> dict[str, dict]:
    with open(path, encoding="utf-8") as f:
        return {doc["id"]: doc for doc in map(json.loads, f)}


def _records(doc: dict) -> set[str]:
    """Each record as one line without its id (ids move when records come and go)."""
    lines = set()
    for field, records in doc.items():
        if isinstance(records, list) and field != "boilerplate":
            for record in records:
                record = {k: v for k, v in record.items() if k != "id"}
                lines.add(f"{field}: {json.dumps(record, ensure_ascii=False, sort_keys=True)}")
    return lines


def _common(a: dict, b: dict) -> tuple[dict, dict]:
    """Both documents with only the fields both have (a field one version of the schema added
    is reported once, not as a change of every text)."""
    keys = a.keys() & b.keys()
    return {k: a[k] for k in keys}, {k: b[k] for k in keys}


def diff(before: str, after: str, records: bool) -> int:
    old, new = _read(before), _read(after)
    fields = {k for doc in old.values() for k in doc} ^ {k for doc in new.values() for k in doc}
    if fields:
        print(f"document fields in one run only (not compared): {', '.join(sorted(fields))}")
    changed = [name for name in old if name in new and _common(old[name], new[name])[0] != _common(old[name], new[name])[1]]
    missing = sorted(set(old) ^ set(new))
    if not changed and not missing:
        print(f"identical: {len(old)} texts")
        return 0
    print(f"{len(changed)} of {len(old)} texts changed" + (f"; not in both: {missing}" if missing else ""))
    for name in changed:
        gone, came = _records(old[name]) - _records(new[name]), _records(new[name]) - _records(old[name])
        print(f"{name}: -{len(gone)} +{len(came)} records")
        if records:
            for line in sorted(gone):
                print(f"  - {line}")
            for line in sorted(came):
                print(f"  + {line}")
    return 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("write").add_argument("target")
    d = commands.add_parser("diff")
    d.add_argument("before")
    d.add_argument("after")
    d.add_argument("--records", action="store_true", help="list the records that went and came")
    args = parser.parse_args()
    if args.command == "write":
        write(args.target)
        return 0
    return diff(args.before, args.after, args.records)


if __name__ == "__main__":
    sys.exit(main())
