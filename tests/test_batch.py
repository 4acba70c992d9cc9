"""Many documents: worker processes, errors that do not stop a run, an interrupted run resumed."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import SEEDS
from fakty import Document, DocumentError, Extractor


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in SEEDS]


def variations(count: int) -> list[str]:
    """Shorter pages made from the seeds: the head, some paragraphs, the furniture at the end,
    with the numbers changed so that no two are the same."""
    rng = random.Random(7)
    texts = []
    seeds = seed_texts()
    for number in range(count):
        lines = seeds[number % len(seeds)].split("\n")
        paragraphs = [i for i, line in enumerate(lines) if len(line) > 200]
        keep = set(rng.sample(paragraphs, min(2, len(paragraphs))))
        body = [line for i, line in enumerate(lines) if len(line) <= 200 or i in keep]
        texts.append("\n".join(body).replace("20", str(10 + number % 89)))
    return texts


def test_two_processes_give_what_one_gives(extractor):
    items = [{"text": text, "id": f"doc-{i}"} for i, text in enumerate(variations(8))]
    alone = list(extractor.pipe(items))
    together = list(extractor.pipe(items, n_process=2, batch_size=3))
    assert [d.id for d in together] == [f"doc-{i}" for i in range(8)]
    assert [d.to_json() for d in together] == [d.to_json() for d in alone]


def test_a_bad_document_gives_an_error_record_and_the_run_goes_on(extractor):
    items = ["Губернатор Дмитрий Демешин.", 42, {"text": b"bytes", "id": "raw"}, "Мэр Сергей Собянин."]
    results = list(extractor.pipe(items, n_process=2, batch_size=1))
    assert [type(r) for r in results] == [Document, DocumentError, DocumentError, Document]
    assert results[1].id == "1" and results[1].error == "InputError"
    assert results[2].id == "raw" and "bytes" in results[2].message


def test_a_worker_that_dies_does_not_hang_the_run():
    # a grammar that kills its process on one document, as a crash in native code would
    code = textwrap.dedent("""
        import os
        from fakty import Extractor, Grammar

        def die(ctx):
            if "УМРИ" in ctx.text:
                os._exit(3)
            return []

        extractor = Extractor(grammars=[Grammar("die", find=die)], ner=False)
        texts = [f"Текст номер {i}." for i in range(12)]
        texts[5] = "УМРИ."
        for result in extractor.pipe(texts, n_process=2, batch_size=2):
            print(type(result).__name__, result.id, getattr(result, "error", ""))
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 12
    assert lines[5] == "DocumentError 5 WorkerDied"
    assert all(line == f"Document {i} " for i, line in enumerate(lines) if i != 5)


def output_ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_killed_run_resumes_with_each_document_once(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for number, text in enumerate(variations(200)):
        (folder / f"{number:03}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "facts.jsonl"
    command = [sys.executable, "-m", "fakty", "extract", str(folder), "-o", str(out), "--workers", "2"]

    run = subprocess.Popen(command, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and run.poll() is None:
            if out.exists() and out.read_bytes().count(b"\n") >= 60:
                break
            time.sleep(0.2)
        assert run.poll() is None, "the run ended before it could be killed"
        os.kill(run.pid, signal.SIGKILL)  # no chance to clean up
        run.wait(timeout=30)
    finally:
        try:
            os.killpg(run.pid, signal.SIGKILL)  # the workers too, should any be left
        except ProcessLookupError:
            pass
        run.stderr.close()
    done = output_ids(out)
    assert 60 <= len(done) < 200
    with open(out, "ab") as file:  # a line cut in the middle, as a kill during a write leaves it
        file.write(b'{"id":"' + str(folder / "199.txt").encode() + b'","text":"\xd0\x9c\xd1')

    resumed = subprocess.run(command + ["--resume"], capture_output=True, text=True, timeout=180)
    assert resumed.returncode == 0, resumed.stderr
    assert "unfinished last line" in resumed.stderr
    assert f"{len(done)} skipped" in resumed.stderr

    ids = output_ids(out)
    assert sorted(ids) == sorted(str(p) for p in folder.glob("*.txt"))
    assert len(ids) == len(set(ids)) == 200
    assert ids[:len(done)] == done  # what was done before the kill is kept as it was


def test_extract_reads_html_and_jsonl(tmp_path):
    (tmp_path / "page.html").write_text(
        "<html><head><title>x</title><script>var t = 'Иван Петров';</script></head><body>"
        "<h1>Новый технопарк</h1><p>Губернатор Дмитрий&nbsp;Демешин открыл технопарк.</p></body></html>",
        encoding="cp1251")
    (tmp_path / "news.jsonl").write_text(
        json.dumps({"url": "a", "body": "Мэр Москвы Сергей Собянин открыл завод."}, ensure_ascii=False) + "\n"
        + "not json\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "fakty", "extract", str(tmp_path), "--text-field", "body",
                             "--id-field", "url", "-v"], capture_output=True, text=True, timeout=300)
    docs = {doc["id"]: doc for doc in map(json.loads, result.stdout.splitlines())}
    html = docs[str(tmp_path / "page.html")]
    assert "script" not in html["text"] and "Иван Петров" not in html["text"]
    assert [p["name"] for p in html["persons"]] == ["Дмитрий Демешин"]
    assert "(cp1251)" in result.stderr
    assert [p["name"] for p in docs["a"]["persons"]] == ["Сергей Собянин"]
    assert "news.jsonl:2: not JSON" in result.stderr and result.returncode == 1
    assert "1 errors" in result.stderr.splitlines()[-1]


@pytest.mark.parametrize("encoding, name", [("utf-8-sig", "utf-8-sig"), ("cp1251", "cp1251"),
                                            ("koi8-r", "koi8-r"), ("utf-8", "utf-8")])
def test_file_encodings_are_detected(encoding, name):
    from fakty.inputs import decode

    text = 'Губернатор Хабаровского края Дмитрий Демешин посетил завод "Амурсталь".'
    assert decode(text.encode(encoding)) == (text, name)


def test_workers_started_by_spawn_get_a_pickled_extractor(monkeypatch):
    # where fork is missing (Windows, and the default on macOS) the Extractor travels pickled
    import multiprocessing

    import fakty.batch

    monkeypatch.setattr(fakty.batch, "_context", lambda: multiprocessing.get_context("spawn"))
    extractor = Extractor(ner=False)
    texts = ["Губернатор Дмитрий Демешин открыл завод 7 мая 2018 года.", "Мэр Москвы Сергей Собянин."] * 2
    alone = [d.to_json() for d in extractor.pipe(texts)]
    assert [d.to_json() for d in extractor.pipe(texts, n_process=2, batch_size=1)] == alone
