"""`fakty eval`: precision, recall and F1 against gold fixtures and FactRuEval."""
from __future__ import annotations

import json
import sys
from pathlib import Path


def run_cli(args) -> int:
    if not args.path and not args.factru:
        print("fakty: error: give a fixtures PATH and/or --factru DIR", file=sys.stderr)
        return 2
    from .pipeline import Extractor

    extractor = Extractor()
    out = {}
    if args.factru:
        from . import factru

        if not Path(args.factru).is_dir():
            print(f"fakty: error: {args.factru} is not a folder", file=sys.stderr)
            return 1
        report = factru.evaluate(args.factru, extractor)
        out["factru"] = report.as_dict()
        if args.errors:
            out["factru"]["errors"] = report.errors
        if not args.json:
            print(factru.format_table(report))
            if args.errors:
                for e in report.errors:
                    print(f"{e['doc']}\t{e['type']}\t{e['error']}\t{e.get('context', e['text'])!r}")
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0
