"""Speed of fakty against natasha and PullEnti on the same texts, in one run; fakty's own
floor (segment + NER) and where its time goes; optionally how it scales with the length of a
document and with worker processes.

    python tests/benchmarks/bench_speed.py [--texts N] [--no-pullenti] [--scaling] [--processes]

Run on demand (pytest does not collect this file). The machine is shared and noisy, so the
result that counts is the ratio between the systems measured side by side in one process
run, not the seconds; the load average is printed with each table. Model loading is timed
apart from processing (fakty's `Extractor.load()`: the NER model and the grammars' parsers);
each system first warms up on one text. PullEnti comes from
`pip install "fakty[bench]"`; natasha's own extractors construct pymorphy2 (natasha's
MorphVocab), which runs on Python < 3.12 only: on newer Pythons the natasha row is NER only
and says so.

What each system does here:
- fakty: the full `Extractor` (clean, segment, NER, all grammars, resolve, normalize);
- fakty floor: `Extractor.prepare` only (clean, page analysis, segment, NER), the part no
  fakty run can skip;
- natasha: Segmenter, morphology, NER, span normalization, and the Names/Dates/Money
  extractors (its closest equivalent of fakty's work), on one BLAS thread like fakty's NER
  (on two threads it only gets slower on a busy machine);
- PullEnti: `ProcessorService.create_processor()` (all its analyzers) on each text.

--scaling: one document of 1,000,000 characters (factru-dev and NEREL texts one after
another) against the same text cut into documents of about 1,000 characters, time per
character of each and per stage. --processes: `pipe(n_process=2)` against one process.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def load_texts(limit: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures").glob("*.txt"))]
    if not texts and (SHARED / "seeds").exists():
        texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    factru = SHARED / "factru-dev"
    if factru.exists():
        texts += [p.read_text(encoding="utf-8") for p in sorted(factru.glob("book_*.txt"))]
    return texts[:limit]


def load() -> str:
    return f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs"


def fakty_system():
    from fakty import Extractor

    extractor = Extractor().load()  # the NER model and every grammar's parser, as pipe() workers load
    return "fakty", lambda text: extractor(text)


def floor_system():
    from fakty import Extractor

    extractor = Extractor()
    return "fakty floor: segment + NER", lambda text: extractor.prepare(text)


def natasha_system():
    from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
    from threadpoolctl import threadpool_limits

    emb = NewsEmbedding()
    segmenter, morph, ner = Segmenter(), NewsMorphTagger(emb), NewsNERTagger(emb)

    def tagged(text):
        doc = Doc(text)
        doc.segment(segmenter)
        with threadpool_limits(1, "blas"):
            doc.tag_morph(morph)
            doc.tag_ner(ner)
        return doc

    if sys.version_info >= (3, 12):
        return "natasha (NER only: its extractors need pymorphy2)", tagged

    from natasha import DatesExtractor, MoneyExtractor, MorphVocab, NamesExtractor

    vocab = MorphVocab()
    names, dates, money = NamesExtractor(vocab), DatesExtractor(vocab), MoneyExtractor(vocab)

    def run(text):
        doc = tagged(text)
        for span in doc.spans:
            span.normalize(vocab)
            if span.type == "PER":
                span.extract_fact(names)
        list(dates(text))
        list(money(text))
        return doc
    return "natasha", run


def pullenti_system():
    from pullenti.ner.ProcessorService import ProcessorService
    from pullenti.ner.SourceOfAnalysis import SourceOfAnalysis
    from pullenti.Sdk import Sdk

    Sdk.initialize_all()
    processor = ProcessorService.create_processor()
    return "PullEnti", lambda text: processor.process(SourceOfAnalysis(text), None, None)


def measure(make, texts):
    started = time.perf_counter()
    name, run = make()
    run(texts[0])  # warm-up: lazy loading happens here
    load = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    failures = 0
    for text in texts:
        try:
            run(text)
        except Exception:  # PullEnti 4.1 raises inside its address analyzer on some texts
            failures += 1
    return name, load, time.perf_counter() - started, time.process_time() - cpu, failures


def ratios(texts: list[str], pullenti: bool) -> None:
    chars = sum(len(t) for t in texts)
    systems = [fakty_system, floor_system, natasha_system]
    if pullenti:
        try:
            import pullenti  # noqa: F401
            systems.append(pullenti_system)
        except ImportError:
            print("PullEnti not installed (pip install 'fakty[bench]'): its row is left out", file=sys.stderr)
    rows = [measure(make, texts) for make in systems]
    ours = rows[0][2]
    print(f"## Systems\n\n{len(texts)} texts, {chars:,} characters, Python {sys.version.split()[0]}, {load()}\n")
    print("| system | load + warm-up, s | processing, s | CPU, s | chars/s | time / fakty time | texts that raised |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, loading, seconds, cpu, failures in rows:
        print(f"| {name} | {loading:.1f} | {seconds:.2f} | {cpu:.2f} | {chars / seconds:,.0f} | "
              f"{seconds / ours:.2f} | {failures} |")
    print(f"\nfakty runs at {rows[1][2] / ours:.0%} of its floor's throughput (target: at least 40%)\n")


# --- where the time goes ---------------------------------------------------------------------

class Stages:
    """Seconds per stage, from timers put around the pipeline's functions for one pass."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)

    def timed(self, owner, attribute: str, name) -> None:
        """Time owner.attribute under `name` (a string, or a function of the call's arguments)."""
        real = getattr(owner, attribute)
        seconds = self.seconds

        def timer(*args, **kwargs):
            started = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                seconds[name if isinstance(name, str) else name(*args)] += time.perf_counter() - started
        setattr(owner, attribute, timer)
        self._undo.append((owner, attribute, real))

    @contextmanager
    def installed(self):
        import importlib

        from fakty import grammar, pipeline, resolve, tag

        self._undo: list = []
        self.timed(pipeline, "clean", "clean")
        self.timed(pipeline, "analyse", "page analysis")
        self.timed(pipeline, "segment", "segment")
        self.timed(tag, "tag_documents", "NER")
        self.timed(grammar.GrammarStage, "run", "grammars")
        if hasattr(grammar.GrammarStage, "apply"):  # the grammar stage's own work is the rest
            self.timed(grammar.GrammarStage, "apply", lambda stage, g, *_: f"grammar {g.name}")
        self.timed(pipeline, "resolve", "resolve")
        for name in resolve.ORDER:
            self.timed(importlib.import_module(f"fakty.resolve.{name}"), "resolve", f"resolve {name}")
        self.timed(pipeline, "normalize", "normalize")
        try:
            yield self
        finally:
            for owner, attribute, real in reversed(self._undo):
                setattr(owner, attribute, real)

    def table(self, total: float) -> list[tuple[str, float]]:
        """(stage, seconds) with the parts of the grammar and resolve stages under them, and
        what no timer saw (the Document and its records, glue) as 'records and rest'."""
        s = dict(self.seconds)
        grammars = sorted(((k, v) for k, v in s.items() if k.startswith("grammar ")), key=lambda kv: -kv[1])
        resolvers = sorted(((k, v) for k, v in s.items() if k.startswith("resolve ")), key=lambda kv: -kv[1])
        main = ["clean", "page analysis", "segment", "NER", "grammars", "resolve", "normalize"]
        rows = []
        for stage in main:
            rows.append((stage, s.get(stage, 0.0)))
            if stage == "grammars" and grammars:
                rows += [("  " + k, v) for k, v in grammars]
                rows.append(("  (triggers, sentence set-up)", s["grammars"] - sum(v for _, v in grammars)))
            if stage == "resolve" and resolvers:
                rows += [("  " + k, v) for k, v in resolvers]
                rows.append(("  (overlaps, references)", s["resolve"] - sum(v for _, v in resolvers)))
        rows.append(("records and rest", total - sum(s.get(stage, 0.0) for stage in main)))
        return rows


def timed_pass(extractor, texts: list[str]) -> tuple[float, float, Stages]:
    stages = Stages()
    with stages.installed():
        started, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            extractor(text)
        return time.perf_counter() - started, time.process_time() - cpu, stages


def shares(texts: list[str]) -> None:
    from fakty import Extractor

    extractor = Extractor().load()
    extractor(texts[0])
    total, _, stages = timed_pass(extractor, texts)
    print(f"## Where fakty's time goes\n\n{len(texts)} texts, one timed pass, {load()}\n")
    print("| stage | s | share |\n|---|---:|---:|")
    for name, seconds in stages.table(total):
        print(f"| {name} | {seconds:.2f} | {seconds / total:.1%} |")
    print(f"| total | {total:.2f} | 100% |\n")


# --- scaling ---------------------------------------------------------------------------------

def long_text(size: int = 1_000_000) -> str:
    paths = sorted((SHARED / "factru-dev").glob("book_*.txt")) + sorted((SHARED / "nerel" / "train").glob("*.txt"))
    parts, length = [], 0
    for path in paths:
        parts.append(path.read_text(encoding="utf-8").strip())
        length += len(parts[-1]) + 2
        if length >= size:
            break
    return "\n\n".join(parts)[:size]


def pieces(text: str, size: int = 1000) -> list[str]:
    """The text cut into documents of about `size` characters, at line ends where there are."""
    out, start = [], 0
    while start < len(text):
        cut = text.find("\n", start + size, start + 2 * size)
        if cut == -1:
            cut = text.find(" ", start + size, start + 2 * size)
        if cut == -1:
            cut = min(len(text), start + size)
        out.append(text[start:cut])
        start = cut
    return out


def scaling() -> None:
    from fakty import Extractor

    text = long_text()
    short = pieces(text)
    extractor = Extractor(max_chars=len(text) + 1).load()
    extractor(short[0])
    runs = {"1,000-character documents": timed_pass(extractor, short),
            "one 1,000,000-character document": timed_pass(extractor, [text])}
    (small, small_cpu, small_stages), (big, big_cpu, big_stages) = runs.values()
    print(f"## Scaling\n\n{len(text):,} characters: {len(short)} documents, then one; {load()}\n")
    print("| stage | short documents, s | one long document, s | long / short |\n|---|---:|---:|---:|")
    long_rows = dict(big_stages.table(big))
    for name, seconds in small_stages.table(small):
        other = long_rows.get(name, 0.0)
        print(f"| {name} | {seconds:.2f} | {other:.2f} | {other / seconds if seconds else float('nan'):.2f} |")
    print(f"| total (wall) | {small:.2f} | {big:.2f} | {big / small:.2f} |")
    print(f"| total (CPU) | {small_cpu:.2f} | {big_cpu:.2f} | {big_cpu / small_cpu:.2f} |")
    print("\ntime per character, long / short (target: at most 1.05): "
          f"{big / small:.2f} wall, {big_cpu / small_cpu:.2f} CPU\n")


# --- processes -------------------------------------------------------------------------------

def processes(texts: list[str], copies: int = 2) -> None:
    from fakty import Extractor

    items = texts * copies
    extractor = Extractor().load()
    extractor(texts[0])
    rates = {}
    for n in (1, 2):
        started = time.perf_counter()
        list(extractor.pipe(items, n_process=n))
        rates[n] = len(items) / (time.perf_counter() - started)
    print(f"## Processes\n\n{len(items)} documents ({copies} copies of the texts), batch_size 16, {load()}\n")
    print(f"one process {rates[1]:.1f} docs/s, two {rates[2]:.1f} docs/s: "
          f"{rates[2] / rates[1]:.2f}x (target: at least 1.8x)\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=127, help="how many texts (fixtures first, then factru-dev)")
    parser.add_argument("--no-pullenti", action="store_true")
    parser.add_argument("--scaling", action="store_true", help="also: a 1M-character document against 1k ones")
    parser.add_argument("--processes", action="store_true", help="also: pipe(n_process=2) against one process")
    args = parser.parse_args(argv)

    texts = load_texts(args.texts)
    if not texts:
        print("no texts: fixtures/ and ../shared are both absent", file=sys.stderr)
        return 1
    ratios(texts, not args.no_pullenti)
    shares(texts)
    if args.scaling:
        scaling()
    if args.processes:
        processes(texts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
