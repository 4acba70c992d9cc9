"""docs/s of Extractor.pipe on 1 and on N worker processes, over copies of the seed pages.

    python tests/benchmarks/batch_speed.py [documents] [workers]

Prints both rates and their ratio; on a machine shared with other work the ratio is what
to compare between runs, not the absolute numbers (also shown: the load average).
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from fakty import Extractor

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    pages = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts = [pages[i % len(pages)] for i in range(count)]
    extractor = Extractor().load()
    rates = {}
    for n in (1, workers):
        started = time.perf_counter()
        results = list(extractor.pipe(texts, n_process=n, batch_size=8))
        rates[n] = len(results) / (time.perf_counter() - started)
        print(f"{n} process(es): {rates[n]:.2f} docs/s", flush=True)
    print(f"ratio {workers}/1: {rates[workers] / rates[1]:.2f}  (cpus {os.cpu_count()}, "
          f"load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
