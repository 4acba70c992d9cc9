"""Cost of hostile inputs against normal news: seconds per 100 KB and peak memory.

    python tests/benchmarks/hostile.py [--size 40000] [--big 5000000] [--only NAME ...]

Each input runs in a process of its own (so that its peak RSS is its own) after the models
are loaded there; the time is CPU time of the extraction (the machine is shared: wall time
is printed too, CPU time is what compares). The inputs:
- news: FactRuEval dev texts (or the fixtures) joined, `--size` characters;
- news 5 MB: the same, repeated to `--big` characters, one Document (max_chars raised);
- '1 1 1 …', '1, 1, 1, …', '1.1.1.1…', a dense list of dates: numbers everywhere;
- a line of 100,000 characters without spaces: the news with its spaces and line breaks
  taken out;
- nested quotes: 10,000 « then a name then 10,000 »;
- a 5,000-word sentence: news words without punctuation or line breaks;
- punctuation only.
Run on demand (pytest does not collect this file).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def news(size: int) -> str:
    paths = sorted((SHARED / "factru-dev").glob("book_*.txt")) or sorted((ROOT / "fixtures").glob("*.txt"))
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in paths)
    while len(text) < size:
        text += "\n\n" + text
    return text[:size]


def inputs(size: int, big: int) -> dict:
    import re

    words = re.findall(r"\w+", news(size * 2))
    return {
        "news": lambda: news(size),
        "news 5 MB": lambda: news(big),
        "1 1 1 …": lambda: "1 " * (size // 2),
        "1, 1, 1, …": lambda: "1, " * (size // 3),
        "1.1.1.1…": lambda: "1." * (size // 2),
        "dates listed": lambda: ("12 мая 2019 года, " * size)[:size],
        "a 100,000-char line, no spaces": lambda: re.sub(r"\s+", "", news(200_000))[:100_000],
        "10,000 nested quotes": lambda: "«" * 10_000 + "ООО Ромашка" + "»" * 10_000,
        "a 5,000-word sentence": lambda: " ".join(words[:5000]),
        "punctuation only": lambda: ('.,;:!?-—«»"()[]…/*' * size)[:size],
    }


def run_one(name: str, size: int, big: int) -> dict:
    import logging
    import resource

    from fakty import Extractor

    logging.getLogger("fakty").setLevel(logging.ERROR)  # budget overruns: counted below
    text = inputs(size, big)[name]()
    extractor = Extractor(plugins=False, max_chars=max(len(text), 1)).load()
    extractor("Мэр Москвы Сергей Собянин открыл завод 5 мая 2019 года.")  # warm up
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu, wall = time.process_time(), time.perf_counter()
    doc = extractor(text)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"name": name, "chars": len(text), "cpu": cpu, "wall": wall, "records": sum(1 for _ in doc.records()),
            "skipped": extractor.stage.skipped, "loaded_mb": loaded / 1024, "peak_mb": peak / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=40_000, help="characters of each input but two")
    parser.add_argument("--big", type=int, default=5_000_000, help="characters of the big news input")
    parser.add_argument("--only", nargs="*", help="run these inputs only (names as in the table)")
    parser.add_argument("--case", help=argparse.SUPPRESS)  # one input, in the child process
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_one(args.case, args.size, args.big)))
        return 0
    names = args.only or list(inputs(args.size, args.big))
    print(f"{'input':30} {'chars':>10} {'CPU s':>8} {'s/100KB':>8} {'x news':>7} {'wall s':>8} "
          f"{'records':>8} {'skipped':>8} {'RSS MB':>14}")
    news_rate = None
    for name in names:
        out = subprocess.run([sys.executable, __file__, "--case", name, "--size", str(args.size),
                              "--big", str(args.big)], capture_output=True, text=True)
        if out.returncode:
            print(f"{name:30} failed: {out.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(out.stdout)
        rate = r["cpu"] / r["chars"] * 100_000
        news_rate = rate if name == "news" else news_rate
        ratio = f"{rate / news_rate:7.1f}" if news_rate else f"{'':7}"
        print(f"{name:30} {r['chars']:>10,} {r['cpu']:8.1f} {rate:8.2f} {ratio} {r['wall']:8.1f} "
              f"{r['records']:8} {r['skipped']:8} {r['loaded_mb']:6.0f} → {r['peak_mb']:5.0f}", flush=True)
    print("RSS: peak of the process after loading the models → peak after the input; "
          "skipped: sentence-grammar pairs over the state budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
