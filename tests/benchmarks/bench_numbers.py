"""Benchmark: what the dates and figures grammars cost, as a share of the whole pipeline.

Run on demand (not collected by pytest):  .venv/bin/python tests/benchmarks/bench_numbers.py
Runs the full default Extractor (NER included) over the seed pages a few times, timing the
dates and figures grammars (triggers included) inside the same runs, and prints their
time as a ratio of the pipeline's time, with the share of sentences their triggers let
through.
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from fakty import Extractor

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
NAMES = ("dates", "figures")


def main(repeat: int = 5) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if not texts:
        sys.exit(f"no seeds in {SEEDS}")
    extractor = Extractor()
    spent: Counter = Counter()
    fired: Counter = Counter()
    sentences = Counter()
    for grammar in extractor.grammars:
        if grammar.name in NAMES:
            _time(grammar, spent, fired, sentences)
    for text in texts:  # warm up: models, morphology caches
        extractor(text)
    spent.clear(), fired.clear(), sentences.clear()
    started = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            extractor(text)
    total = time.perf_counter() - started
    print(f"{len(texts)} seed pages x {repeat}: pipeline {total / repeat * 1000:.0f} ms per pass")
    for name in NAMES:
        share = spent[name] / total
        print(f"  {name:8s} {spent[name] / repeat * 1000:7.1f} ms per pass  ratio {share:.3f}  "
              f"triggers fired on {fired[name] / repeat:.0f} of {sentences[name] / repeat:.0f} sentences")
    both = (spent["dates"] + spent["figures"]) / total
    print(f"  dates+figures ratio of the pipeline: {both:.3f}")


def _time(grammar, spent: Counter, fired: Counter, sentences: Counter) -> None:
    """Wrap a grammar's triggers and its find function with timers."""
    triggers, find, name = grammar.triggers, grammar.find, grammar.name

    class TimedTriggers:
        def fire(self, sentence):
            started = time.perf_counter()
            try:
                hit = triggers.fire(sentence)
            finally:
                spent[name] += time.perf_counter() - started
            sentences[name] += 1
            fired[name] += hit
            return hit

    def timed_find(ctx):
        started = time.perf_counter()
        try:
            return list(find(ctx) or ())
        finally:
            spent[name] += time.perf_counter() - started

    grammar.triggers = TimedTriggers()
    grammar.find = timed_find


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
