from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
# the five seed pages, copied unchanged from ../shared/seeds (fixtures/README.md)
SEEDS = sorted(FIXTURES.glob("[0-9][0-9][0-9]_*.txt"))
# FactRuEval-2016 dev, the file kinds fakty reads (fixtures/factru-dev/README.md)
FACTRU_DEV = FIXTURES / "factru-dev"
# only optional evaluations (NEREL) may read ../shared: every other test runs on a bare clone
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "news.txt"


@pytest.fixture(scope="session")
def extractor():
    from fakty import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def needs_shared(path: str = "") -> Path:
    """A path under ../shared, or skip the test with the reason when it is absent. Only for
    the optional NEREL evaluation: what the other tests need is in fixtures/."""
    target = SHARED / path
    if not target.exists():
        pytest.skip(f"{target} is absent: ../shared is only beside the developers' and CI's clones")
    return target
