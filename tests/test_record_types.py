"""Open record types: a plugin's own Entity subclass goes through every stage like a built-in
(resolve, normalize, JSON, the JSON Schema, tables, the HTML view)."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Optional

import pytest

from fakty import Document, Entity, Extractor, Grammar, Organization, Span, records
from fakty.records import record_type, register_record

from conftest import ROOT

LICENSES = ROOT / "examples" / "licenses.py"
TEXT = ("ООО «Ромашка» получило лицензию № 77-01-004512 на медицинскую деятельность. "
        "Вторая лицензия № АБ-15 выдана позже.")


class Note(Entity):
    word: str
    about_id: Optional[str] = None


@pytest.fixture
def notes():
    """Note registered for one test: the registry is process-wide, and a type left in it
    would add an empty `notes` list to every later Document."""
    saved = dict(records._REGISTRY)
    register_record(Note, field="notes", prefix="note")
    yield Note
    records._REGISTRY.clear()
    records._REGISTRY.update(saved)
    records._refresh()


def note_grammar() -> Grammar:
    """A Note on every capitalised word, and one on the first two words of a sentence
    together (it overlaps the two and wins, being longer); each refers to an organization
    mention on the sentence's first word."""
    def find(ctx):
        words = list(_words(ctx.text))
        org = Organization(id=ctx.new_id(), name=ctx.text[slice(*words[0])], spans=[ctx.span(*words[0])])
        yield org
        if len(words) > 1:
            yield Note(spans=[ctx.span(words[0][0], words[1][1])], word="two words", about_id=org.id)
        for start, stop in words:
            yield Note(spans=[ctx.span(start, stop)], word=ctx.text[start:stop], about_id=org.id)
    return Grammar(name="notes", find=find)


def _words(text: str):
    """(start, stop) of each capitalised word."""
    start = None
    for i, c in enumerate(text + " "):
        if c.isalpha() and start is None:
            start = i
        elif not c.isalpha() and start is not None:
            if text[start].isupper():
                yield start, i
            start = None


def test_a_plugin_type_is_resolved_numbered_and_linked(notes):
    doc = Extractor(grammars=[note_grammar()], ner=False)("Ромашка Лютик растут. Василёк тоже.")
    assert [n.id for n in doc.notes] == ["note-1", "note-2"]
    # the two-word note overlapped the one-word notes inside it and was longer: they are gone
    assert [(n.word, n.text) for n in doc.notes] == [("two words", "Ромашка Лютик"), ("Василёк", "Василёк")]
    # references are rewritten to the final ids of the entities they name
    assert [n.about_id for n in doc.notes] == [o.id for o in doc.organizations] == ["org-1", "org-2"]
    assert list(doc.records(Note)) == doc.notes


def test_the_document_json_has_every_field_and_reads_back(notes):
    doc = Extractor(grammars=[note_grammar()], ner=False)("Ромашка Лютик растут.")
    data = json.loads(doc.to_json())
    assert list(data)[-1] == "notes"  # after the built-in lists
    assert data["notes"][0] == {"id": "note-1", "spans": [{"start": 0, "stop": 13, "text": "Ромашка Лютик"}],
                                "word": "two words", "about_id": "org-1"}
    again = Document.model_validate(data)
    assert again == doc and again.to_json() == doc.to_json()
    assert type(again.notes[0]) is Note


def test_a_registered_type_gets_an_empty_list_and_a_schema(notes):
    assert Document(text="").notes == []
    schema = records.json_schema()
    assert "Note" in schema["$defs"] and schema["properties"]["notes"]["type"] == "array"
    assert "notes" not in Document.model_json_schema()["properties"]  # the class itself is unchanged


def test_unknown_lists_and_unregistered_types_are_clear_errors(notes):
    with pytest.raises(ValueError, match="unknown Document fields"):
        Document(text="", notez=[])

    class Stray(Entity):
        pass

    with pytest.raises(TypeError, match=r"register_record\(Stray"):
        record_type(Stray)
    stray = Grammar(name="stray", find=lambda ctx: [Stray(spans=[ctx.span(0, 1)])])
    result = list(Extractor(grammars=[stray], ner=False).pipe(["Текст."]))[0]
    assert result.error == "TypeError" and "register_record(Stray" in result.message


def test_registration_checks_names_and_replaces_a_reimported_class(notes):
    class Other(Entity):
        pass

    with pytest.raises(ValueError, match="taken by Note"):
        register_record(Other, field="notes", prefix="oth")
    with pytest.raises(ValueError, match="Document field of its own"):
        register_record(Other, field="text", prefix="oth")
    with pytest.raises(ValueError, match="method or attribute"):
        register_record(Other, field="tables", prefix="oth")
    with pytest.raises(TypeError, match="subclass of fakty.records.Entity"):
        register_record(Span, field="spans2", prefix="sp")  # type: ignore[type-var]

    class Note2(Entity):  # the same class, as a module imported again would define it
        word: str
    Note2.__qualname__ = Note.__qualname__
    Note2.__module__ = Note.__module__
    register_record(Other, field="others", prefix="oth")  # registered after Note
    order = list(records.RECORD_TYPES)
    register_record(Note2, field="notes", prefix="note")
    assert record_type(Note2).field == "notes" and Note not in records._REGISTRY
    assert list(records.RECORD_TYPES) == order and order[-2:] == ["notes", "others"]  # in its place


def test_a_plugin_record_type_end_to_end_from_the_command_line(tmp_path):
    """extract (CLI, plugin given as a .py path) -> JSON -> Document -> tables -> HTML."""
    (tmp_path / "news.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "facts.jsonl"
    extract = subprocess.run([sys.executable, "-m", "fakty", "extract", "news.txt", "-o", str(out),
                              "--grammars", str(LICENSES)], cwd=tmp_path, capture_output=True,
                             text=True, timeout=300)
    assert extract.returncode == 0, extract.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [(x["id"], x["number"]) for x in data["licenses"]] == [("lic-1", "77-01-004512"), ("lic-2", "АБ-15")]
    (holder,) = [o for o in data["organizations"] if o["id"] == data["licenses"][0]["holder_id"]]
    assert "Ромашка" in holder["name"]
    script = textwrap.dedent(f"""
        import json
        from fakty import Document
        from fakty.display import render_html
        from fakty.plugins import import_module
        import_module({str(LICENSES)!r})  # registers License, as --grammars did
        doc = Document.model_validate_json(open({str(out)!r}, encoding="utf-8").read())
        frame = doc.tables()["licenses"]
        html = render_html(doc)
        print(json.dumps({{"same": doc.to_json() == open({str(out)!r}, encoding="utf-8").read().strip(),
                          "type": type(doc.licenses[0]).__name__,
                          "rows": [[v if isinstance(v, str) else None for v in row]
                                   for row in frame[["id", "number", "holder"]].values.tolist()],
                          "marks": html.count('class="t-licenses"'),
                          "legend": "LIC licenses 2" in html,
                          "tip": "holder: " in html}}, ensure_ascii=False))
    """)
    check = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stderr
    got = json.loads(check.stdout)
    assert got["same"] and got["type"] == "License"
    assert got["rows"] == [["lic-1", "77-01-004512", holder["name"]], ["lic-2", "АБ-15", None]]
    assert got["marks"] == 2 and got["legend"] and got["tip"]
