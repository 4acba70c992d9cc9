"""The `fakty` command line: extract, explain, schema, eval, grammars."""
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
    ex.add_argument("paths", nargs="+", metavar="PATH",
                    help=".txt, .html and .jsonl files, folders of them, or - for stdin")
    ex.add_argument("-o", "--output", help="write here instead of stdout (one line per document, "
                    "written as each is done)")
    ex.add_argument("--format", choices=("jsonl", "json"), default="jsonl")
    ex.add_argument("--published", help="publication date (YYYY-MM-DD) for every text")
    _grammar_options(ex)
    ex.add_argument("-w", "--workers", type=int, default=1, metavar="N",
                    help="worker processes (each loads the models once); -1: one per CPU")
    ex.add_argument("--batch-size", type=int, default=8, metavar="N",
                    help="documents sent to a worker at a time")
    ex.add_argument("--resume", action="store_true",
                    help="skip documents whose id is already in the -o file, append the rest")
    ex.add_argument("--text-field", default="text", help="JSONL: field with the text (text)")
    ex.add_argument("--id-field", default="id", help="JSONL: field with the document id (id)")
    ex.add_argument("--keep-boilerplate", action="store_true",
                    help="also extract from page furniture (link lists, banners, credits)")
    ex.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    ex.add_argument("-v", "--verbose", action="store_true", help="report each file and its encoding")

    commands.add_parser("schema", help="print the JSON Schema of the records")

    xp = commands.add_parser("explain", help="show, sentence by sentence, what each grammar "
                             "matched or why it did not")
    xp.add_argument("path", metavar="PATH", help="a text file, or - for stdin")
    xp.add_argument("--grammar", metavar="NAME", help="only grammars whose name starts with NAME")
    xp.add_argument("--published", help="publication date (YYYY-MM-DD)")
    _grammar_options(xp)

    ev = commands.add_parser("eval", help="score extraction against gold fixtures or FactRuEval")
    ev.add_argument("path", nargs="?", metavar="PATH", help="a gold fixture (.json) or a folder of them")
    ev.add_argument("--factru", metavar="DIR", help="also score against a FactRuEval folder (factru-dev)")
    ev.add_argument("--nerel", metavar="DIR", help="also score against a NEREL split folder (brat .txt + .ann)")
    ev.add_argument("--errors", action="store_true", help="list misses and false hits with context")
    ev.add_argument("--json", action="store_true", help="print machine-readable results")
    _grammar_options(ev)

    gr = commands.add_parser("grammars", help="list the grammars an extraction runs, with where "
                             "each comes from")
    _grammar_options(gr)
    return parser


def _grammar_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--grammars", action="append", default=[], metavar="MODULE",
                         help="also use the GRAMMARS of this module: a name (the current folder "
                         "is looked in too) or a .py file (repeatable)")
    command.add_argument("--no-plugins", action="store_true",
                         help="leave out the grammars of installed plugin packages")
    command.add_argument("--disable", action="append", default=[], metavar="NAME",
                         help="leave out this grammar, or every NAME.* grammar (repeatable)")


def _extractor(args, **options):
    """The Extractor the options ask for, its grammars loaded: a module that fails to import
    or an unknown --disable name stops the command here, once, with the reason."""
    from .pipeline import Extractor

    extractor = Extractor(extra_grammars=args.grammars, plugins=not args.no_plugins,
                          disable=args.disable, **options)
    try:
        extractor.stage
    except (ImportError, ValueError, TypeError) as error:
        raise _UserError(str(error)) from None
    return extractor


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "schema":
            from .records import json_schema

            print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
            return 0
        if args.command == "explain":
            return _explain(args)
        if args.command == "eval":
            from .evaluate import run_cli

            return run_cli(args, _extractor(args))
        if args.command == "grammars":
            return _grammars(args)
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


def _explain(args) -> int:
    from .explain import explain
    from .inputs import read_items

    try:
        item = next(read_items([args.path]))
    except Exception as error:  # a missing path: find_files says which
        raise _UserError(str(error)) from None
    if item.error:
        raise _UserError(item.error)
    print(explain(item.text, _extractor(args), grammar=args.grammar, published=args.published))
    return 0


def _grammars(args) -> int:
    from .plugins import sources

    rows = [(g.name, str(g.priority), source) for g, source in sources(_extractor(args))]
    width = max(len(name) for name, _, _ in rows)
    print(f"{'grammar':<{width}}  priority  source")
    for name, priority, source in rows:
        print(f"{name:<{width}}  {priority:>8}  {source}")
    return 0


def _extract(args) -> int:
    import time
    from pathlib import Path

    from .inputs import InputFileError, find_files, read_items
    from .pipeline import InputError, _as_date
    from .records import DocumentError

    try:
        _as_date(args.published)
    except InputError as error:
        raise _UserError(str(error)) from None
    if args.resume and (not args.output or args.format != "jsonl"):
        raise _UserError("--resume needs -o FILE and the jsonl format")
    exclude = [Path(args.output)] if args.output else []
    files = []
    for path in args.paths:  # fail on a bad path before any work is done
        if path != "-":
            try:
                files.extend(find_files([path], exclude))
            except InputFileError as error:
                raise _UserError(str(error)) from None
    done = _resume(args.output) if args.resume else set()
    counts = {"documents": 0, "records": 0, "errors": 0, "skipped": 0}

    def items():
        for item in read_items(args.paths, args.text_field, args.id_field, exclude):
            if item.id in done:
                counts["skipped"] += 1
                progress.update()
                continue
            if item.error:
                progress.write(f"fakty: error: {item.error}", file=sys.stderr)
                counts["errors"] += 1
                progress.update()
                continue
            if args.verbose:
                progress.write(f"fakty: {item.id} ({item.encoding})", file=sys.stderr)
            yield {"text": item.text, "id": item.id, "published": args.published or item.published}

    extractor = _extractor(args, keep_boilerplate=args.keep_boilerplate)
    # the number of inputs is known for plain files, not for JSONL or stdin
    countable = "-" not in args.paths and not any(p.suffix.lower() == ".jsonl" for p in files)
    progress = _progress(total=len(files) if countable else None, quiet=args.quiet)
    out = _Output(args.output, append=args.resume)
    array = _JsonArray(out) if args.format == "json" else None
    started = time.perf_counter()
    try:
        for result in extractor.pipe(items(), n_process=args.workers, batch_size=args.batch_size):
            progress.update()
            if isinstance(result, DocumentError):
                progress.write(f"fakty: error: {result.id}: {result.error}: {result.message}",
                               file=sys.stderr)
                counts["errors"] += 1
                continue
            counts["documents"] += 1
            counts["records"] += sum(1 for _ in result.records())
            if array is None:
                out.write_line(result.to_json())
            else:
                array.add(result.to_dict())
        if array is not None:
            array.close()
    finally:
        progress.close()
        out.close()
    if not args.quiet:
        seconds = time.perf_counter() - started
        rate = counts["documents"] / seconds if seconds > 0 else 0.0
        skipped = f", {counts['skipped']} skipped (already done)" if args.resume else ""
        print(f"fakty: {counts['documents']} documents, {counts['records']} records, "
              f"{counts['errors']} errors, {rate:.2f} docs/s{skipped}", file=sys.stderr)
    return 1 if counts["errors"] else 0


def _progress(total, quiet: bool):
    from tqdm import tqdm

    # a bar only for a person watching: not in pipes, logs or with --quiet
    return tqdm(total=total, unit="doc", file=sys.stderr, disable=quiet or not sys.stderr.isatty(),
                dynamic_ncols=True)


class _Output:
    """Lines to a file (each one written whole, with one system call, as soon as it is
    ready, so a killed run keeps every finished line) or to stdout."""

    def __init__(self, path: Optional[str], append: bool = False):
        self.file = open(path, "ab" if append else "wb", buffering=0) if path else None

    def write_line(self, line: str) -> None:
        self.write_text(line + "\n")

    def write_text(self, text: str) -> None:
        if self.file is None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        data = text.encode("utf-8")
        while data:
            data = data[self.file.write(data):]

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


class _JsonArray:
    """One JSON array written a document at a time, as `json.dumps(documents, indent=2)`
    would write it whole: a large batch is never held in memory."""

    def __init__(self, out: _Output):
        self.out, self.count = out, 0

    def add(self, document: dict) -> None:
        text = json.dumps(document, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        self.out.write_text(("[\n  " if self.count == 0 else ",\n  ") + text)
        self.count += 1

    def close(self) -> None:
        self.out.write_line("\n]" if self.count else "[]")


def _resume(path: str) -> set[str]:
    """Ids of the documents already in a JSONL output; a last line cut off by a killed run
    is removed so the document runs again."""
    import os

    if not os.path.exists(path):
        return set()
    done = set()
    good_end = 0  # end of the last complete, readable line
    with open(path, "rb") as file:
        data = file.read()
    position = 0
    for line in data.splitlines(keepends=True):
        position += len(line)
        if not line.endswith(b"\n"):
            break
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and record.get("id") is not None:
            done.add(str(record["id"]))
        good_end = position
    if good_end < len(data):
        print(f"fakty: {path}: dropped an unfinished last line ({len(data) - good_end} bytes)",
              file=sys.stderr)
        with open(path, "r+b") as file:
            file.truncate(good_end)
    return done
