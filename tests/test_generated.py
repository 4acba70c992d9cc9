"""Made-up input at scale: whatever the text, no exception, every span slices the text,
records validate again from JSON, references resolve and the JSON is the same on a second
run (`generated.check`).

The default run tries a few reproducible examples per test; the soak tries 34,000 per test:
    pytest tests/test_generated.py --hypothesis-profile=soak
(tests/benchmarks/fuzz.py runs the same generators and goes on after a failure.)
"""
from __future__ import annotations

from hypothesis import given, note
from hypothesis import strategies as st

from generated import check, mutated, russian_like


def picker(data):
    return lambda n: data.draw(st.integers(0, max(n - 1, 0)))


@given(st.text(st.characters(exclude_categories=()), max_size=300))
def test_any_unicode_text(extractor, text):
    check(extractor, text)


@given(st.data())
def test_russian_looking_text_from_real_pieces(extractor, data):
    check(extractor, russian_like(picker(data)))


@given(st.data())
def test_real_texts_mutated(extractor, data):
    text, mutations = mutated(picker(data))
    note(f"mutations: {mutations}")
    check(extractor, text)
