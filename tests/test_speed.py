"""What the speed work must not change: NER shared by documents, resolve by index. No timings
here (speed is measured by tests/benchmarks/bench_speed.py, on demand)."""
from __future__ import annotations

from fakty import DocumentError, tag
from fakty.segment import segment

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
