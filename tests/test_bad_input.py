"""Bad input gets a clear error or an empty Document, never a traceback from deep inside."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fakty import Document, InputError


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\n\n\n"])
def test_empty_text_gives_an_empty_document(extractor, text):
    doc = extractor(text)
    assert isinstance(doc, Document)
    assert list(doc.records()) == []


def test_non_russian_text_gives_no_russian_facts(extractor):
    doc = extractor("The quick brown fox jumps over the lazy dog. 12345 !!! ???")
    assert doc.persons == [] and doc.events == []


def test_bytes_are_refused_with_a_clear_message(extractor):
    with pytest.raises(InputError, match="decode"):
        extractor("Министерство промышленности".encode("cp1251"))


def test_not_text_at_all_is_refused(extractor):
    with pytest.raises(InputError, match="expected str"):
        extractor(12345)


def test_huge_text_is_refused_before_any_work():
    from fakty import Extractor

    with pytest.raises(InputError, match="over the limit"):
        Extractor(max_chars=1000)("а" * 1001)


def test_control_characters_and_binary_noise(extractor):
    text = "".join(chr(i) for i in range(0, 512)) + " Мэр Москвы Сергей Собянин."
    doc = extractor(text)
    for record in doc.records():
        for span in record.spans:
            assert text[span.start:span.stop] == span.text


def test_one_endless_line_is_cut_into_bounded_sentences(extractor):
    text = ", ".join(["ООО «Ромашка»"] * 400)
    doc = extractor(text)
    assert all(text[s.start:s.stop] == s.text for r in doc.records() for s in r.spans)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("абвгд АБВГ«»\"-.,:;()0123456789\n\u00ad\u00a0№%$")), max_size=300))
def test_any_text_gives_spans_that_slice_it(extractor, text):
    doc = extractor(text)
    for record in doc.records():
        for span in record.spans:
            assert text[span.start:span.stop] == span.text
