"""The `fakty` command: JSONL out, one-line errors, non-zero exit codes."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import EXAMPLE


def fakty(*args, input: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fakty", *args], input=input,
                          capture_output=True, timeout=300)


def test_extract_prints_jsonl_with_exact_spans():
    result = fakty("extract", str(EXAMPLE))
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert doc["id"] == str(EXAMPLE)
    assert doc["persons"] and doc["organizations"] and doc["locations"]
    for field in ("persons", "organizations", "locations"):
        for record in doc[field]:
            for span in record["spans"]:
                assert doc["text"][span["start"]:span["stop"]] == span["text"]


def test_extract_reads_stdin_and_writes_a_json_file(tmp_path):
    out = tmp_path / "out.json"
    result = fakty("extract", "-", "-o", str(out), "--format", "json",
                   input="Губернатор Дмитрий Демешин.".encode())
    assert result.returncode == 0, result.stderr.decode()
    docs = json.loads(out.read_text(encoding="utf-8"))
    assert docs[0]["persons"][0]["name"] == "Дмитрий Демешин"


def test_json_format_is_written_a_document_at_a_time_as_one_array(tmp_path):
    from fakty.cli import _JsonArray, _Output

    documents = [{"id": "a", "text": "Строка\nдругая", "persons": []}, {"id": "b", "dates": [{"day": 1}]}]
    for batch in (documents, documents[:1], []):
        path = tmp_path / "out.json"
        out = _Output(str(path))
        array = _JsonArray(out)
        for document in batch:
            array.add(document)
        array.close()
        out.close()
        # the same bytes json.dumps writes for the whole list at once
        assert path.read_text(encoding="utf-8") == json.dumps(batch, ensure_ascii=False, indent=2) + "\n"


def test_cp1251_file_is_detected(tmp_path):
    path = tmp_path / "cp.txt"
    path.write_bytes("Мэр Москвы Сергей Собянин посетил Пензу.".encode("cp1251"))
    result = fakty("extract", str(path))
    assert result.returncode == 0, result.stderr.decode()
    assert "Сергей Собянин" in result.stdout.decode()


def test_missing_file_is_a_one_line_error():
    result = fakty("extract", "no/such/file.txt")
    assert result.returncode == 1
    err = result.stderr.decode().strip()
    assert err.count("\n") == 0 and "no such file" in err
    assert "Traceback" not in err


def test_folder_without_texts_is_an_error(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    result = fakty("extract", str(tmp_path))
    assert result.returncode == 1
    assert "no text files" in result.stderr.decode()


def test_binary_file_is_an_error_and_the_rest_still_runs(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "b.txt").write_text("Губернатор Дмитрий Демешин.", encoding="utf-8")
    result = fakty("extract", str(tmp_path))
    assert result.returncode == 1
    assert "binary" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()
    assert "Демешин" in result.stdout.decode()


def test_schema_and_version():
    schema = fakty("schema")
    assert schema.returncode == 0
    assert "Organization" in json.loads(schema.stdout)["$defs"]
    version = fakty("--version")
    assert version.returncode == 0 and version.stdout.decode().startswith("fakty ")
