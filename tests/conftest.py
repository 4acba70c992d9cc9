from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
# the five seed pages, copied unchanged from ../shared/seeds (fixtures/README.md)
SEEDS = sorted(FIXTURES.glob("[0-9][0-9][0-9]_*.txt"))
# FactRuEval-2016 dev, the file kinds fakty reads (fixtures/factru-dev/README.md)
FACTRU_DEV = FIXTURES / "factru-dev"
EXAMPLE = ROOT / "examples" / "news.txt"


@pytest.fixture(scope="session")
def extractor():
    from fakty import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


# hypothesis profiles for the generated-input tests (tests/test_generated.py): a few
# reproducible examples in the default run, over 100,000 inputs with
# `pytest tests/test_generated.py --hypothesis-profile=soak` (hours)
_SLOW_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("quick", max_examples=8, deadline=None, derandomize=True,
                          suppress_health_check=_SLOW_OK)
settings.register_profile("soak", max_examples=34_000, deadline=None, suppress_health_check=_SLOW_OK)
settings.load_profile("quick")  # --hypothesis-profile=NAME loads another after this


def assert_windows_find_what_sentences_find(grammar, phrases) -> None:
    """A grammar module that parses windows around its anchors (`windows`, `_parser`) finds
    the same matches there as over whole sentences, on the seed pages and its examples."""
    from fakty.grammar import contexts

    texts = [p.read_text(encoding="utf-8") for p in SEEDS] + ["\n".join(phrases)]
    for text in texts:
        for context in contexts(text):
            tokens = context.tokens
            whole = [m.span for m in grammar._parser().run(tokens, "findall")]
            windowed = [m.span for w in grammar.windows(tokens) for m in grammar._parser().run(w, "findall")]
            assert windowed == whole, context.text
