"""The fixture scorer (fakty.evaluate) and `fakty eval`."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from fakty import Document, Figure, Organization, Person, Position, Span
from fakty import evaluate as ev
from fakty.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TEXT = "Глава ООО «Ромашка» Иван Петров сообщил, что выручка выросла на 5%.\n\nЧитайте также: ООО «Лютик»"


def _span(phrase: str) -> Span:
    start = TEXT.index(phrase)
    return Span(start=start, stop=start + len(phrase), text=phrase)


def _gold() -> Document:
    return Document(
        id="t", text=TEXT, boilerplate=[_span("Читайте также: ООО «Лютик»")],
        organizations=[Organization(id="org-1", name="ООО «Ромашка»", kind="ООО", spans=[_span("ООО «Ромашка»")])],
        persons=[Person(id="per-1", name="Иван Петров", first="Иван", last="Петров", spans=[_span("Иван Петров")],
                        positions=[Position(title="глава", organization_id="org-1", span=_span("Глава"))])],
        figures=[Figure(id="fig-1", kind="percent", value=Decimal(5), unit="%", spans=[_span("5%")],
                        subject="рост выручки")])


def _score(predicted: Document) -> ev.Report:
    report = ev.Report()
    ev.score_document(_gold(), predicted, report)
    return report


def test_the_gold_scored_against_itself_is_perfect():
    report = _score(_gold())
    assert report.total.f1 == 1.0 and report.total.tp == 4  # org, person, title, figure
    assert report.errors == []


def test_a_figure_needs_the_right_value_and_a_name_the_right_form():
    wrong = _gold().model_copy(update={
        "figures": [Figure(id="f", kind="percent", value=Decimal(50), unit="%", spans=[_span("5%")])],
        "organizations": [Organization(id="o", name="ООО «Ромашки»", spans=[_span("ООО «Ромашка»")])],
    })
    report = _score(wrong)
    assert report.scores["figures"].tp == 0 and report.scores["figures"].fp == 1
    assert report.scores["organizations"].tp == 0
    false_hit = next(e for e in report.errors if e["type"] == "figures" and e["error"] == "false")
    assert false_hit["gold"] == "percent 5 % exact" and "[5%]" in false_hit["context"]


def test_names_match_with_case_quotes_and_punctuation_folded_and_a_surname_alone_counts():
    pred = _gold().model_copy(update={
        "organizations": [Organization(id="o", name="ооо Ромашка", spans=[_span("ООО «Ромашка»")])],
        "persons": [Person(id="p", name="Петров", last="Петров", spans=[_span("Петров")])],
    })
    report = _score(pred)
    assert report.scores["organizations"].tp == 1 and report.scores["persons"].tp == 1
    assert report.scores["titles"].fn == 1  # no position predicted


def test_predictions_inside_boilerplate_are_false_hits_and_counted_apart():
    pred = _gold().model_copy(update={"organizations": _gold().organizations + [
        Organization(id="o2", name="ООО «Лютик»", spans=[_span("ООО «Лютик»")])]})
    report = _score(pred)
    assert report.scores["organizations"].fp == 1
    assert report.as_dict()["boilerplate_hits"] == 1


def test_fixtures_scored_against_themselves_are_perfect():
    report = ev.Report()
    for gold in ev.load_gold(FIXTURES):
        ev.score_document(gold, gold, report)
    assert report.documents == 5 and report.total.f1 == 1.0
    # the seed pages name no owner of anything, and no party of their one agreement
    assert all(report.scores[t].gold > 0 for t in ev.TYPES if t not in ("agreement_parties", "ownerships"))
    assert all(report.scores[t].f1 == 1.0 for t in ("agreements", "meetings"))


def test_fakty_eval_prints_the_table_and_json(capsys):
    path = str(FIXTURES / "000_f32622456d1a8adb.json")
    assert main(["eval", path]) == 0
    table = capsys.readouterr().out
    assert "organizations" in table and "records from boilerplate regions" in table
    assert main(["eval", path, "--json", "--errors"]) == 0
    data = json.loads(capsys.readouterr().out)["fixtures"]
    assert data["documents"] == 1 and set(data["types"]) == set(ev.TYPES)
    assert isinstance(data["errors"], list)


def test_fakty_eval_without_a_path_or_with_a_missing_one_is_an_error(capsys):
    assert main(["eval"]) == 2
    assert main(["eval", "no/such/fixtures"]) == 1
    assert "does not exist" in capsys.readouterr().err
