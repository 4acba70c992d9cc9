"""The whole path works: import is cheap, spans point into the original text, models load once."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import fakty
from fakty import Document, Extractor


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)],
                          capture_output=True, text=True, timeout=300)


def test_import_does_not_load_models():
    result = run_python("""
        import sys, fakty
        heavy = [m for m in ("slovnet", "navec", "pymorphy3", "pymorphy2", "yargy", "natasha")
                 if m in sys.modules]
        print(heavy)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_pymorphy2_is_never_constructed():
    # pymorphy2 fails on Python 3.12+; make any construction fail loudly here too
    result = run_python("""
        import pymorphy2
        def refuse(*args, **kwargs):
            raise RuntimeError("pymorphy2 analyzer constructed")
        pymorphy2.MorphAnalyzer.__init__ = refuse
        import fakty
        doc = fakty.extract("Мэр Москвы Сергей Собянин 7 мая 2018 года открыл технопарк «Мосгормаш».")
        print(len(doc.persons))
    """)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 1


def test_example_gives_persons_organizations_and_places(extractor, example_text):
    doc = extractor(example_text)
    assert "Степан Коваленко" in {p.name for p in doc.persons}
    assert "Москва" in {loc.name for loc in doc.locations}
    assert any("Моспром" in o.name for o in doc.organizations)


def test_every_span_slices_the_original_text(extractor, example_text):
    text = "\u00ad" + example_text.replace("«", "\u201c", 3).replace(" ", "\u00a0", 40)
    doc = extractor(text)
    spans = [s for record in doc.records() for s in record.spans]
    assert spans
    for span in spans:
        assert text[span.start:span.stop] == span.text


def test_names_are_nominative(extractor):
    doc = extractor("Во встрече с директором компании Олегом Кочетковым участвовал Сергей Собянин.")
    assert "Олег Кочетков" in {p.name for p in doc.persons}
    person = next(p for p in doc.persons if p.last == "Кочетков")
    assert (person.first, person.last) == ("Олег", "Кочетков")


def test_same_text_gives_identical_json(extractor, example_text):
    assert extractor(example_text).to_json() == extractor(example_text).to_json()


def test_pipe_streams_and_loads_the_model_once():
    result = run_python("""
        import fakty
        from fakty import tag
        texts = [f"Губернатор Дмитрий Демешин посетил завод номер {i} в Хабаровске." for i in range(100)]
        docs = list(fakty.Extractor().pipe(texts))
        print(len(docs), tag.loads, sum(len(d.persons) > 0 for d in docs))
    """)
    assert result.returncode == 0, result.stderr
    count, loads, with_persons = map(int, result.stdout.split())
    assert (count, loads) == (100, 1)
    assert with_persons == 100


def test_pipe_yields_an_error_record_and_goes_on(extractor):
    results = list(extractor.pipe(["Мэр Москвы Сергей Собянин.", b"\xcc\xfd\xf0", {"text": "Тест.", "id": "x"}]))
    assert isinstance(results[0], Document)
    assert results[1].error == "InputError" and "bytes" in results[1].message
    assert results[2].id == "x"


def test_json_schema_describes_every_record_type():
    schema = fakty.json_schema()
    for name in ("Organization", "Person", "Position", "Event", "Figure", "Date", "DateValue", "Location", "Span"):
        assert name in schema["$defs"]


def test_a_document_round_trips_through_json(extractor, example_text):
    doc = extractor(example_text)
    assert Document.model_validate_json(doc.to_json()) == doc


def test_html_display_marks_records(extractor):
    doc = extractor("Мэр Москвы Сергей Собянин открыл технопарк.")
    html = doc._repr_html_()
    assert "<mark" in html and "Собянин" in html


def test_published_accepts_iso_strings(extractor):
    assert str(extractor("Текст.", published="2025-10-07").published) == "2025-10-07"


def test_extractor_is_reusable_for_custom_grammar_sets():
    extractor = Extractor(grammars=[])
    assert extractor("Мэр Москвы Сергей Собянин открыл технопарк.").persons == []



def test_every_package_directory_is_shipped_in_the_wheel():
    # an unlisted subpackage works in an editable install and is missing from the wheel
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    listed = set(re.search(r"^packages = \[(.*)\]$", (root / "pyproject.toml").read_text(),
                           re.M).group(1).replace('"', "").replace(" ", "").split(","))
    on_disk = {"fakty." + ".".join(p.parent.relative_to(root / "src" / "fakty").parts)
               for p in (root / "src" / "fakty").rglob("__init__.py")}
    on_disk = {name.rstrip(".") for name in on_disk} | {"fakty.grammars"}
    assert on_disk <= listed
