"""The `fakty` command line: extract, schema, eval."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Optional, Sequence

from . import __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fakty", description="Typed facts from Russian news.")
    parser.add_argument("--version", action="version", version=f"fakty {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    ex = commands.add_parser("extract", help="extract facts from files, folders or '-' (stdin)")
    ex.add_argument("paths", nargs="+", metavar="PATH")
    ex.add_argument("-o", "--output", help="write here instead of stdout")
    ex.add_argument("--format", choices=("jsonl", "json"), default="jsonl")
    ex.add_argument("--published", help="publication date (YYYY-MM-DD) for every text")
    ex.add_argument("--grammars", action="append", default=[], metavar="MODULE",
                    help="also use the GRAMMARS of this Python module (repeatable)")
    ex.add_argument("-v", "--verbose", action="store_true", help="report each file and its encoding")

    commands.add_parser("schema", help="print the JSON Schema of the records")

    ev = commands.add_parser("eval", help="score extraction against gold fixtures or FactRuEval")
    ev.add_argument("path", nargs="?", metavar="PATH", help="a gold fixture (.json) or a folder of them")
    ev.add_argument("--factru", metavar="DIR", help="also score against a FactRuEval folder (factru-dev)")
    ev.add_argument("--errors", action="store_true", help="list misses and false hits with context")
    ev.add_argument("--json", action="store_true", help="print machine-readable results")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "schema":
            from .records import json_schema

            print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
            return 0
        if args.command == "eval":
            from .evaluate import run_cli

            return run_cli(args)
        _parser().print_help()
        return 2
    except KeyboardInterrupt:
        print("fakty: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except _UserError as error:
        print(f"fakty: error: {error}", file=sys.stderr)
        return 1


class _UserError(Exception):
    pass


def _extract(args) -> int:
    from .inputs import InputFileError, find_files, read_items
    from .pipeline import Extractor, InputError

    for path in args.paths:  # fail on a bad path before any work is done
        if path != "-":
            try:
                next(find_files([path]))
            except InputFileError as error:
                raise _UserError(str(error)) from None

    extractor = Extractor(extra_grammars=args.grammars)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    failed = 0
    documents = []
    try:
        for item in read_items(args.paths):
            if item.error:
                print(f"fakty: error: {item.error}", file=sys.stderr)
                failed += 1
                continue
            if args.verbose:
                print(f"fakty: {item.id} ({item.encoding})", file=sys.stderr)
            try:
                doc = extractor(item.text, published=args.published, id=item.id)
            except InputError as error:
                print(f"fakty: error: {item.id}: {error}", file=sys.stderr)
                failed += 1
                continue
            if args.format == "jsonl":
                out.write(doc.to_json() + "\n")
                out.flush()
            else:
                documents.append(doc.to_dict())
        if args.format == "json":
            json.dump(documents, out, ensure_ascii=False, indent=2)
            out.write("\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if failed else 0
