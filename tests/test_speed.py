"""What the speed work must not change: NER shared by documents, resolve by index. No timings
here (speed is measured by tests/benchmarks/bench_speed.py, on demand)."""
from __future__ import annotations

import gc
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fakty import DocumentError, tag
from fakty.resolve import organizations, persons
from fakty.segment import segment

from conftest import FACTRU_DEV, SEEDS

TEXTS = [
    "Губернатор Хабаровского края Дмитрий Демешин посетил завод «Амурсталь».",
    "",
    "Мэр Москвы Сергей Собянин открыл технопарк «Руднево». Собянин сказал, что это важно.",
    b"\xcc\xfd\xf0",
    {"text": "Министр промышленности и торговли Антон Алиханов выступил на форуме.", "id": "x"},
    "• Коффи Коджа • Туркмения • Уганда",
]


def test_pipe_in_one_process_gives_what_each_call_gives(extractor):
    results = list(extractor.pipe(TEXTS, batch_size=4))
    for number, (item, result) in enumerate(zip(TEXTS, results)):
        if isinstance(item, bytes):
            assert isinstance(result, DocumentError) and result.id == str(number)
            continue
        text, doc_id = (item["text"], item["id"]) if isinstance(item, dict) else (item, str(number))
        assert result.to_json() == extractor(text, id=doc_id).to_json()


def test_a_document_that_breaks_shared_ner_loses_no_other(extractor, monkeypatch):
    real = tag.tag_documents

    def shared(documents):
        raise RuntimeError("shared batches broke")

    def one(sentences):
        if any("Алиханов" in s.text for s in sentences):
            raise ValueError("this one")
        return real([sentences])[0]

    monkeypatch.setattr(tag, "tag_documents", shared)
    monkeypatch.setattr(tag, "tag", one)
    results = extractor.run_many(list(enumerate(TEXTS)))
    assert [type(r).__name__ for r in results] == \
        ["Document", "Document", "Document", "DocumentError", "DocumentError", "Document"]
    assert (results[4].id, results[4].error) == ("x", "ValueError")
    assert {p.last for p in results[2].persons} == {"Собянин"}


def test_shared_batches_give_each_document_its_own_spans():
    documents = [segment(t) for t in TEXTS if isinstance(t, str)]
    assert tag.tag_documents(documents) == [tag.tag(d) for d in documents]


def test_ner_leaves_the_callers_blas_threads_as_they_were():
    from threadpoolctl import threadpool_info

    tag.ner_model()
    before = [i["num_threads"] for i in threadpool_info()]
    tag.tag(segment(TEXTS[0]))
    assert [i["num_threads"] for i in threadpool_info()] == before


def test_a_piece_of_a_long_sentence_cut_before_a_joined_token_is_tokenized_again():
    # razdel joins '-то' by looking at the word before it; a piece that starts with it
    # gets slovnet's own tokenization of its text
    long = " ".join(["слово"] * 79) + " кто -то Москва"
    sentences = segment(long)
    assert len(sentences) == 2 and sentences[1].tokens[0].text == "-то"
    words, _, _ = tag._words(sentences[1])
    assert words[:2] == ["-", "то"]
    assert tag._words(sentences[0])[0] == [t.text for t in sentences[0].tokens]


def test_empty_and_lowercase_documents_need_no_model_call():
    assert tag.tag_documents([[], segment("всё строчными буквами.")]) == [[], []]


# --- resolve: grouping by index gives what comparing with every group gave --------------------

_person = st.builds(
    lambda first, last: SimpleNamespace(first=first, last=last, middle=None,
                                        name=" ".join(w for w in (first, last) if w) or "Иван"),
    st.sampled_from([None, "Иван", "И.", "Ivan", "Пётр", "П", "Ольга"]),
    st.sampled_from([None, "Петров", "петров", "Петрова", "Сидоров", "Ёлкин", "Елкин"]))


def _persons_by_comparing_all(records, glossed):
    groups, group_of = [], {}
    for i, record in enumerate(records):
        group = group_of[glossed[i]] if i in glossed else next(
            (g for g in groups if all(persons._compatible(record, other) for other in g)), None)
        if group is None:
            group = []
            groups.append(group)
        group.append(record)
        group_of[i] = group
    return groups


@settings(max_examples=300, deadline=None)
@given(st.lists(_person, max_size=25), st.data())
def test_persons_grouped_by_key_as_by_comparing_with_every_group(records, data):
    glossed = {}
    for i in range(1, len(records)):
        if data.draw(st.integers(0, 9)) == 0:
            glossed[i] = glossed.get(i - 1, i - 1)
    indexed = persons._group(records, glossed)
    assert [[id(r) for r in g] for g in indexed] == \
        [[id(r) for r in g] for g in _persons_by_comparing_all(records, glossed)]


def _orgs_by_comparing_all(items):
    groups, group_keys = [], []
    for record, keys in items:
        joined = [i for i, k in enumerate(group_keys) if k & keys]
        if not joined:
            groups.append([record])
            group_keys.append(set(keys))
            continue
        target = joined[0]
        groups[target].append(record)
        group_keys[target] |= keys
        for i in reversed(joined[1:]):
            groups[target].extend(groups.pop(i))
            group_keys[target] |= group_keys.pop(i)
    return groups, group_keys


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([None, "ОЭЗ", "компания"]),
                          st.sets(st.sampled_from("abcdefghij"), min_size=1, max_size=3)), max_size=30))
def test_organizations_grouped_by_key_as_by_comparing_with_every_group(items):
    items = [(SimpleNamespace(kind=kind, n=n), keys) for n, (kind, keys) in enumerate(items)]
    groups = organizations._Groups()
    for record, keys in items:
        groups.add(record, keys)
    expected, expected_keys = _orgs_by_comparing_all(items)
    assert [[r.n for r in g] for g in groups.records.values()] == [[r.n for r in g] for g in expected]
    assert list(groups.keys.values()) == expected_keys
    for kind in (None, "ОЭЗ", "компания"):
        assert sorted(list(groups.records).index(n) for n in groups.of_kind(kind)) == \
            [i for i, g in enumerate(expected) if any(r.kind == kind for r in g)]


def test_a_document_leaves_no_reference_cycles_behind(extractor):
    # the cyclic collector is paused while a document runs, which is free only if reference
    # counting alone frees everything a document made
    texts = [p.read_text(encoding="utf-8") for p in SEEDS + sorted(FACTRU_DEV.glob("book_*.txt"))[:30]]
    for text in texts[:2]:
        extractor(text)  # models and lazily built parsers load before the count
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        for text in texts:
            extractor(text)
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()


def test_the_collector_is_paused_while_a_document_runs_and_left_as_the_caller_had_it(extractor, monkeypatch):
    from fakty import pipeline

    seen = []
    real = pipeline.resolve

    def resolve(*args):
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(pipeline, "resolve", resolve)
    extractor("Мэр Москвы Сергей Собянин открыл технопарк.")
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        extractor("Мэр Москвы Сергей Собянин открыл технопарк.")
        assert not gc.isenabled()
    finally:
        gc.enable()


_PIECES_BEFORE_NAMES = st.sampled_from(["и", " ", "\n", "\t", ",", "«", "»", '"', "-", "а", "Z", "1", "_",
                                        " " * 70, "щ" * 70, "«" + "ж" * 60 + "»", '"' + "ж" * 58 + '"'])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES_BEFORE_NAMES, max_size=30).map("".join))
def test_the_search_at_a_texts_end_finds_what_a_search_of_the_whole_text_finds(text):
    from fakty.words import _BEFORE_NAME, _LAST_WORD, _at_end

    for pattern in (_BEFORE_NAME, _LAST_WORD):
        found, expected = _at_end(pattern, text), pattern.search(text)
        assert (found and (found.span(), found.group())) == (expected and (expected.span(), expected.group()))


def test_pymorphy3_reads_its_dictionaries_with_the_c_dawg_where_fakty_installs_it():
    # the platforms of pyproject.toml's DAWG2 marker (its wheels), where a fresh install has it
    import platform
    import sys

    import pymorphy3.dawg

    wheel_here = platform.python_implementation() == "CPython" and sys.version_info < (3, 14) and (
        (sys.platform == "linux" and platform.machine() == "x86_64") or sys.platform == "darwin"
        or (sys.platform == "win32" and platform.machine() == "AMD64"))
    if not wheel_here:
        pytest.skip("no DAWG2 wheel for this platform: pymorphy3 reads with its pure-Python DAWG")
    assert pymorphy3.dawg.EXTENSION_AVAILABLE
