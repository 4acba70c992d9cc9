"""CPU time per grammar over all evaluation texts (NER precomputed, not timed)."""
import sys, time, itertools, pickle
sys.path.insert(0, "tests/benchmarks")
from snapshot import texts
import fakty
from fakty.grammar import GrammarStage, ner_by_sentence
from fakty.clean import clean
from fakty.segment import segment
from fakty.tag import tag

ex = fakty.Extractor()
stage = ex.stage
docs = []
for name, text, pub in texts():
    c = clean(text)
    s = segment(c.text)
    docs.append((c, s, ner_by_sentence(s, tag(s))))
times = {g.name: 0.0 for g in stage.grammars}
counts = {g.name: 0 for g in stage.grammars}
for rep in range(int(sys.argv[1]) if len(sys.argv) > 1 else 1):
    for c, s, n in docs:
        ids = itertools.count(1)
        for sent, ner in zip(s, n):
            ctx = stage.context(c, sent, ner, ids, None)
            ctx.tokens
            for g in stage.grammars:
                if not g.name.startswith("organizations"):
                    continue
                t = time.process_time()
                r = stage.apply(g, ctx)
                times[g.name] += time.process_time() - t
                counts[g.name] += len(r)
for k in times:
    if k.startswith("organizations"):
        print(f"{k:28s} {times[k]:7.2f}s  {counts[k]} records")
