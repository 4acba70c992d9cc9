from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
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
    """A path under ../shared, or skip the test with the reason when it is absent."""
    target = SHARED / path
    if not target.exists():
        pytest.skip(f"{target} is absent: ../shared is only beside the developers' and CI's clones")
    return target
