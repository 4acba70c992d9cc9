"""Memory soak: many documents through `Extractor.pipe(n_process=2)`, RSS sampled as it goes.

    python tests/benchmarks/soak_memory.py [--documents 10000] [--every 500] [--workers 2]

The documents are the NEREL train and FactRuEval dev texts and the fixtures (or the
fixtures alone where ../shared is absent), over and over, each time with its sentences in
another order and its numbers changed, so that no two are the same. Every `--every`
documents the resident memory of the parent and of each worker process is printed, and
their proportional total (PSS: what the models share after the fork counted once; Linux:
read from /proc); after the warm-up it should stay flat. Run on demand (pytest does
not collect this file).
"""
from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def texts() -> list[str]:
    paths = (sorted((SHARED / "nerel" / "train").glob("*.txt")) + sorted((SHARED / "factru-dev").glob("book_*.txt"))
             + sorted(ROOT.glob("fixtures/**/*.txt")))
    return [p.read_text(encoding="utf-8") for p in paths]


def documents(count: int):
    base = texts()
    rng = random.Random(1)
    for number in range(count):
        sentences = re.split(r"(?<=[.!?])\s+", base[number % len(base)])
        if number >= len(base):
            rng.shuffle(sentences)
        text = re.sub(r"\d", lambda m: str(rng.randrange(10)), " ".join(sentences)) if number >= len(base) \
            else " ".join(sentences)
        yield {"text": text, "id": str(number)}


def memory_mb(pid: int, field: str = "Rss", source: str = "smaps_rollup") -> float:
    """Resident memory of a process (Rss), or its proportional share (Pss: pages shared
    with the forked workers counted once in all)."""
    try:
        with open(f"/proc/{pid}/{source}") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return sorted(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--every", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not Path("/proc/self/status").exists():
        print("needs /proc (Linux) to read the workers' memory")
        return 1
    import logging

    from fakty import DocumentError, Extractor

    logging.getLogger("fakty").setLevel(logging.ERROR)
    me = os.getpid()
    print(f"{'documents':>9} {'seconds':>8} {'parent RSS':>10} {'workers RSS':>20} {'total RSS':>9} "
          f"{'total PSS':>9} {'errors':>7}   (MB)", flush=True)
    started, errors, done = time.perf_counter(), 0, 0
    for result in Extractor(plugins=False).pipe(documents(args.documents), n_process=args.workers):
        done += 1
        errors += isinstance(result, DocumentError)
        if done % args.every == 0 or done == args.documents:
            pids = [me] + children(me)
            parent, *workers = [memory_mb(pid) for pid in pids]
            pss = sum(memory_mb(pid, "Pss") for pid in pids)
            print(f"{done:9} {time.perf_counter() - started:8.0f} {parent:10.0f} "
                  f"{' '.join(f'{w:.0f}' for w in workers):>20} {parent + sum(workers):9.0f} {pss:9.0f} "
                  f"{errors:7}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
