"""Speed of fakty against natasha and PullEnti on the same texts, in one run.

    python tests/benchmarks/bench_speed.py [--texts N] [--no-pullenti]

Run on demand (pytest does not collect this file). The machine is shared and noisy, so the
result that counts is the ratio between the systems measured side by side in one process
run, not the seconds. Model loading is timed apart from processing; each system first warms
up on one text. PullEnti comes from `pip install "fakty[bench]"`; natasha's own extractors
construct pymorphy2 (natasha's MorphVocab), which runs on Python < 3.12 only: on newer
Pythons the natasha row is NER only and says so.

What each system does here:
- fakty: the full `Extractor` (clean, segment, NER, all grammars, resolve, normalize);
- natasha: Segmenter, morphology, NER, span normalization, and the Names/Dates/Money
  extractors (its closest equivalent of fakty's work);
- PullEnti: `ProcessorService.create_processor()` (all its analyzers) on each text.
"""
from __future__ import annotations

import argparse
import sys
import time
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


def fakty_system():
    from fakty import Extractor

    extractor = Extractor()
    return "fakty", lambda text: extractor(text)


def natasha_system():
    from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    emb = NewsEmbedding()
    segmenter, morph, ner = Segmenter(), NewsMorphTagger(emb), NewsNERTagger(emb)
    if sys.version_info >= (3, 12):
        def run(text):
            doc = Doc(text)
            doc.segment(segmenter)
            doc.tag_morph(morph)
            doc.tag_ner(ner)
            return doc
        return "natasha (NER only: its extractors need pymorphy2)", run

    from natasha import DatesExtractor, MoneyExtractor, MorphVocab, NamesExtractor

    vocab = MorphVocab()
    names, dates, money = NamesExtractor(vocab), DatesExtractor(vocab), MoneyExtractor(vocab)

    def run(text):
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.tag_ner(ner)
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
    started = time.perf_counter()
    failures = 0
    for text in texts:
        try:
            run(text)
        except Exception:  # PullEnti 4.1 raises inside its address analyzer on some texts
            failures += 1
    return name, load, time.perf_counter() - started, failures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=60, help="how many texts (fixtures first, then factru-dev)")
    parser.add_argument("--no-pullenti", action="store_true")
    args = parser.parse_args(argv)

    texts = load_texts(args.texts)
    if not texts:
        print("no texts: fixtures/ and ../shared are both absent", file=sys.stderr)
        return 1
    chars = sum(len(t) for t in texts)
    systems = [fakty_system, natasha_system]
    if not args.no_pullenti:
        try:
            import pullenti  # noqa: F401
            systems.append(pullenti_system)
        except ImportError:
            print("PullEnti not installed (pip install 'fakty[bench]'): its row is left out", file=sys.stderr)

    rows = [measure(make, texts) for make in systems]
    ours = rows[0][2]
    print(f"{len(texts)} texts, {chars:,} characters, Python {sys.version.split()[0]}\n")
    print("| system | load + warm-up, s | processing, s | chars/s | time / fakty time | texts that raised |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, load, seconds, failures in rows:
        print(f"| {name} | {load:.1f} | {seconds:.2f} | {chars / seconds:,.0f} | {seconds / ours:.2f} | {failures} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
