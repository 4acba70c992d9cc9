"""Robustness soak: many made-up inputs through the Extractor, every failure kept.

    python tests/benchmarks/fuzz.py --count 100000 --failures /tmp/fuzz.jsonl

Inputs come from tests/generated.py in turn: arbitrary Unicode, Russian-looking text built
from real pieces, and mutated fixture and FactRuEval texts (input i is made from its own
seed, so `--only i` runs it again). Each is checked as the property tests check it (spans
slice the text, records validate from JSON, references resolve; every `--again-every`-th
input is run twice for byte-identical JSON). Unlike a test this goes on after a failure:
failures are grouped into classes (exception type and the innermost fakty line, or the
check that failed), the shortest input of each class written to `--failures`. The slowest
inputs per character are listed at the end. Run on demand (pytest does not collect this).
"""
from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import generated  # noqa: E402  (tests/generated.py)

KINDS = ("unicode", "russian", "mutated")


def make(seed: int, number: int) -> tuple[str, str]:
    """(kind, text) of input `number`."""
    pick = random.Random(f"{seed}-{number}").randrange
    kind = KINDS[number % len(KINDS)]
    if kind == "unicode":
        return kind, generated.unicode_text(pick)
    if kind == "russian":
        return kind, generated.russian_like(pick)
    text, mutations = generated.mutated(pick)
    return f"mutated ({', '.join(mutations)})", text


def failure_class(error: BaseException) -> str:
    if isinstance(error, AssertionError):
        return "check: " + str(error).split(":")[0]
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "/fakty/" in f.filename
              or "/grammars/" in f.filename or "/src/" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(error).__name__} at {where}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--start", type=int, default=0, help="number of the first input")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--again-every", type=int, default=10, metavar="N",
                        help="run every N-th input twice to compare the JSON (1: all)")
    parser.add_argument("--failures", default="fuzz_failures.jsonl")
    parser.add_argument("--only", type=int, help="run input number ONLY and show the traceback")
    args = parser.parse_args()
    logging.getLogger("fakty").setLevel(logging.ERROR)  # budget overruns are counted, not printed

    from threadpoolctl import threadpool_limits

    from fakty import Extractor

    threadpool_limits(limits=1, user_api="blas")  # one core is the fair share on a shared machine
    extractor = Extractor(plugins=False).load()
    if args.only is not None:
        kind, text = make(args.seed, args.only)
        print(kind, repr(text))
        generated.check(extractor, text)
        print("ok")
        return 0
    classes: Counter = Counter()
    shortest: dict[str, dict] = {}
    slowest: list[tuple[float, int, str, int]] = []
    kinds: Counter = Counter()
    chars = 0
    started = time.perf_counter()
    for number in range(args.start, args.start + args.count):
        kind, text = make(args.seed, number)
        kinds[kind.split(" ")[0]] += 1
        chars += len(text)
        began = time.perf_counter()
        try:
            generated.check(extractor, text, again=number % args.again_every == 0)
        except Exception as error:  # keep going: the point is to see every class
            name = failure_class(error)
            classes[name] += 1
            if name not in shortest or len(text) < len(shortest[name]["text"]):
                shortest[name] = {"class": name, "number": number, "kind": kind, "text": text,
                                  "traceback": traceback.format_exc()}
        took = time.perf_counter() - began
        if len(text) >= 500:  # shorter ones are all fixed cost
            slowest = sorted(slowest + [(took / len(text) * 1e5, number, kind, len(text))], reverse=True)[:5]
        done = number - args.start + 1
        if done % 1000 == 0 or done == args.count:
            rate = done / (time.perf_counter() - started)
            print(f"{done} inputs, {sum(classes.values())} failures in {len(classes)} classes, "
                  f"{rate:.1f} inputs/s, {extractor.stage.skipped} sentence-grammar pairs over budget",
                  flush=True)
            with open(args.failures, "w", encoding="utf-8") as out:
                for item in shortest.values():
                    out.write(json.dumps(dict(item, count=classes[item["class"]]), ensure_ascii=False) + "\n")
    print(f"\n{args.count} inputs ({dict(kinds)}), {chars:,} characters, "
          f"{time.perf_counter() - started:.0f} s")
    for name, count in classes.most_common():
        print(f"  {count:6}  {name}  (shortest: input {shortest[name]['number']}, "
              f"{len(shortest[name]['text'])} characters)")
    print("slowest per 100,000 characters (inputs of 500 characters or more):")
    for per, number, kind, length in slowest:
        print(f"  {per:8.1f} s  input {number} ({kind}, {length} characters)")
    return 1 if classes else 0


if __name__ == "__main__":
    sys.exit(main())
