"""The NEREL reader and scorer (fakty.nerel) on a hand-made brat file (tests/nerel_sample/).

minprom.txt: "Министр промышленности и торговли России Денис Мантуров открыл форум «Иннопром» в
Екатеринбурге 8 июля 2024 года. / Объём контрактов составил 2 млрд рублей, рост на 15%. /
Министр Мантуров сказал, что Минпромторг России поддержит заводы в Калужской и Тульской
областях." Its .ann nests a COUNTRY in a PROFESSION and in an ORGANIZATION, has a
discontinuous STATE_OR_PROVINCE, two EVENTs that name no meeting, two WORKS_AS of one person
(one Wikidata item), and one line that is no annotation.
"""
from __future__ import annotations

import json
from pathlib import Path

from fakty import (Date, DateValue, Document, Event, Figure, Location, Organization, Person,
                   Position, Span, nerel)
from fakty.cli import main

SAMPLE = Path(__file__).resolve().parent / "nerel_sample"


def _gold() -> nerel.NerelText:
    return nerel.read(SAMPLE)[0]


def _span(text: str, phrase: str, n: int = 1) -> Span:
    start = -1
    for _ in range(n):
        start = text.index(phrase, start + 1)
    return Span(start=start, stop=start + len(phrase), text=phrase)


def _perfect(gold: nerel.NerelText, title_where: str = "loc-1") -> Document:
    """Our records on exactly the gold spans of every scored row."""
    text = gold.text
    return Document(
        text=text,
        persons=[Person(id="per-1", name="Денис Мантуров", first="Денис", last="Мантуров",
                        spans=[_span(text, "Денис Мантуров"), _span(text, "Мантуров", 2)],
                        positions=[Position(title="министр промышленности и торговли", location_id=title_where)])],
        organizations=[Organization(id="org-1", name="Минпромторг России", spans=[_span(text, "Минпромторг России")])],
        locations=[Location(id="loc-1", name="Россия", spans=[_span(text, "России"), _span(text, "России", 2)]),
                   Location(id="loc-2", name="Екатеринбург", spans=[_span(text, "Екатеринбурге")]),
                   Location(id="loc-3", name="Калужская область", spans=[_span(text, "Калужской")]),
                   Location(id="loc-4", name="Тульская область", spans=[_span(text, "Тульской областях")])],
        events=[Event(id="evt-1", kind="форум", name="Иннопром", spans=[_span(text, "форум «Иннопром»")])],
        figures=[Figure(id="fig-1", kind="money", spans=[_span(text, "2 млрд рублей")]),
                 Figure(id="fig-2", kind="percent", spans=[_span(text, "15%")])],
        dates=[Date(id="date-1", value=DateValue(year=2024, month=7, day=8), spans=[_span(text, "8 июля 2024 года")])])


def _score(doc: Document) -> nerel.NerelReport:
    report = nerel.NerelReport()
    nerel.score_document(_gold(), doc, report, natasha=False)
    return report


def test_the_reader_takes_entities_fragments_relations_and_links_and_skips_other_lines():
    gold = _gold()
    assert gold.name == "minprom" and len(gold.entities) == 16 and len(gold.relations) == 4
    for e in gold.entities.values():
        assert " ".join(gold.text[a:b] for a, b in e.fragments) == e.text
    kaluga = gold.entities["T14"]
    assert kaluga.text == "Калужской областях" and len(kaluga.fragments) == 2
    assert (kaluga.start, kaluga.stop) == (kaluga.fragments[0][0], kaluga.fragments[1][1])
    assert gold.entities["T3"].wikidata == gold.entities["T9"].wikidata == "Q4158364"
    assert gold.entities["T5"].wikidata == ""  # Wikidata:NULL is no link
    assert [(r.type, r.arg1, r.arg2) for r in gold.relations][0] == ("WORKS_AS", "T3", "T1")


def test_each_row_keeps_the_outermost_gold_of_its_own_types():
    rows = {row: [e.text for e in es] for row, es in nerel.gold_mentions(_gold()).items()}
    # a COUNTRY inside a PROFESSION or an ORGANIZATION is still a place; the discontinuous
    # "Калужской … областях" does not swallow "Тульской областях" lying between its fragments
    assert rows["places"] == ["России", "Екатеринбурге", "России", "Калужской областях", "Тульской областях"]
    assert rows["ORG"] == ["Минпромторг России"]
    assert rows["PER"] == ["Денис Мантуров", "Мантуров"]
    assert rows["EVENT"] == ["форум «Иннопром»"]  # "открыл" and "рост на 15%" name no meeting
    assert rows["MONEY"] == ["2 млрд рублей"] and rows["PERCENT"] == ["15%"] and rows["DATE"] == ["8 июля 2024 года"]


def test_an_event_named_after_its_kind_word_is_a_meeting_too():
    text = "На конференции «Глобальное будущее» сенат конгресса ратифицирует договор."
    def event(id, phrase):
        start = text.index(phrase)
        return nerel.Entity(id, "EVENT", start, start + len(phrase), phrase, ((start, start + len(phrase)),))
    gold = nerel.NerelText("t", text, {"T1": event("T1", "Глобальное будущее"), "T2": event("T2", "ратифицирует")}, [])
    assert nerel.word_before(text, text.index("Глобальное")) == "конференции"
    assert [e.text for e in nerel.gold_mentions(gold)["EVENT"]] == ["Глобальное будущее"]


def test_outermost_drops_nested_and_duplicate_spans():
    def entity(id, start, stop):
        return nerel.Entity(id, "CITY", start, stop, "x", ((start, stop),))

    kept = nerel.outermost([entity("T1", 5, 9), entity("T2", 0, 10), entity("T3", 0, 10), entity("T4", 8, 12)])
    assert [e.id for e in kept] == ["T2", "T4"]


def test_a_meeting_is_named_by_a_lemma_of_a_word_or_two_in_a_row():
    assert nerel.names_meeting("пресс-конференции")
    assert nerel.names_meeting("за круглым столом")
    assert nerel.names_meeting("на чемпионате мира")
    assert not nerel.names_meeting("стол круглый")
    assert not nerel.names_meeting("на кинофестивале")
    assert not nerel.names_meeting("выборы")


def test_records_on_the_gold_spans_score_full_marks_and_an_empty_document_zero():
    report = _score(_perfect(_gold()))
    for mode in nerel.MODES:
        for row, score in report.ours[mode].items():
            assert score.f1 == 1.0, (mode, row, score)
    assert report.places["ours"]["exact"]["STATE_OR_PROVINCE"].recall == 1.0
    assert report.occupations["occupation"].tp == 1 and report.occupations["occupation"].gold == 1
    assert report.occupations["occupation_where"].f1 == 1.0
    assert not [e for e in report.errors if e["error"] != "span"]
    empty = _score(Document(text=_gold().text))
    assert empty.ours["overlap"]["places"].gold == 5 and empty.ours["overlap"]["places"].recall == 0.0
    assert empty.occupations["occupation"].gold == 1 and empty.occupations["occupation"].tp == 0


def test_exact_needs_the_same_bounds_and_overlap_any_shared_character():
    gold = _gold()
    text = gold.text
    doc = Document(text=text, dates=[Date(id="date-1", value=DateValue(year=2024),
                                          spans=[_span(text, "2024 года.")])],
                   locations=[Location(id="loc-1", name="Екатеринбург", spans=[_span(text, "в Екатеринбурге")]),
                              Location(id="loc-2", name="Калужская область", spans=[_span(text, "Калужской")]),
                              Location(id="loc-3", name="Тула", spans=[_span(text, "Тульской")])])
    report = _score(doc)
    assert report.ours["exact"]["DATE"].tp == 0 and report.ours["overlap"]["DATE"].tp == 1
    # "Калужской" is a fragment of its entity: exact; "Тульской" only overlaps hers
    assert report.ours["exact"]["places"].tp == 1 and report.ours["overlap"]["places"].tp == 3
    by_type = report.places["ours"]
    assert (by_type["exact"]["CITY"].tp, by_type["overlap"]["CITY"].tp) == (0, 1)
    assert (by_type["exact"]["STATE_OR_PROVINCE"].tp, by_type["overlap"]["STATE_OR_PROVINCE"].tp) == (1, 2)
    assert by_type["overlap"]["COUNTRY"].recall == 0.0 and by_type["overlap"]["COUNTRY"].gold == 2
    spans = [e for e in report.errors if e["error"] == "span"]
    assert {(e["type"], e["text"], e["predicted"]) for e in spans} == {
        ("DATE", "8 июля 2024 года", "2024 года."), ("places", "Екатеринбурге", "в Екатеринбурге"),
        ("places", "Тульской областях", "Тульской")}


def test_error_lines_name_what_lies_on_the_other_side():
    text = _gold().text
    doc = Document(text=text, locations=[Location(id="loc-1", name="Минпромторг", spans=[_span(text, "Минпромторг")])],
                   organizations=[Organization(id="org-1", name="Иннопром", spans=[_span(text, "Иннопром")])])
    errors = _score(doc).errors
    false_org = next(e for e in errors if e["type"] == "ORG" and e["error"] == "false")
    assert false_org["text"] == "Иннопром" and false_org["gold"] == "EVENT форум «Иннопром»"
    missed_org = next(e for e in errors if e["type"] == "ORG" and e["error"] == "miss")
    assert missed_org["text"] == "Минпромторг России" and missed_org["predicted"] == "places Минпромторг"
    assert "[Минпромторг России]" in missed_org["context"]


def test_our_events_count_when_their_kind_or_text_names_a_meeting():
    text = _gold().text
    doc = Document(text=text, events=[Event(id="evt-1", kind="выставка", name="Иннопром", spans=[_span(text, "«Иннопром»")]),
                                      Event(id="evt-2", kind="рост", name="рост", spans=[_span(text, "рост на 15%")]),
                                      Event(id="evt-3", kind="событие", name="форум", spans=[_span(text, "открыл форум")])])
    events = _score(doc).ours["overlap"]["EVENT"]
    assert (events.tp, events.predicted, events.gold) == (1, 2, 1)


def _with_position(position: Position, last: str = "Мантуров") -> Document:
    gold = _gold()
    doc = _perfect(gold)
    person = doc.persons[0].model_copy(update={"positions": [position], "last": last, "name": f"Денис {last}"})
    return doc.model_copy(update={"persons": [person]})


def test_an_occupation_needs_the_surname_and_the_head_of_the_title():
    right = _score(_with_position(Position(title="министр")))
    assert right.occupations["occupation"].tp == 1
    # the gold names a workplace (России, and the same Wikidata item inside Минпромторг России)
    assert right.occupations["occupation_where"].tp == 0
    assert _score(_with_position(Position(title="губернатор"))).occupations["occupation"].tp == 0
    # the same spans under another name: the surname decides, not the span
    assert _score(_with_position(Position(title="министр"), last="Петров")).occupations["occupation"].tp == 0


def test_occupation_where_takes_the_workplace_or_an_entity_of_the_same_wikidata_item():
    assert _score(_with_position(Position(title="министр", location_id="loc-1"))).occupations["occupation_where"].tp == 1
    wrong = _score(_with_position(Position(title="министр", location_id="loc-2")))  # Екатеринбург
    assert wrong.occupations["occupation"].tp == 1 and wrong.occupations["occupation_where"].tp == 0
    missed = [e for e in wrong.errors if e["type"] == "occupation_where"]
    assert {e["error"] for e in missed} == {"miss", "false"}
    assert "Денис Мантуров: министр @ Екатеринбург" in [e["value"] for e in missed]


def test_our_titles_of_one_head_are_one_pair_and_the_one_with_a_where_is_kept():
    doc = _perfect(_gold())
    person = doc.persons[0].model_copy(update={"positions": [
        Position(title="министр"), Position(title="министр промышленности", location_id="loc-1")]})
    report = _score(doc.model_copy(update={"persons": [person]}))
    assert report.occupations["occupation"].predicted == 1
    assert report.occupations["occupation_where"].tp == 1


def test_two_works_as_of_one_person_and_title_head_are_one_fact_with_every_title():
    facts = nerel.gold_occupations(_gold())
    assert len(facts) == 1
    fact, person = facts[0]
    assert fact.positions == ("Министр промышленности и торговли России", "Министр")
    assert "мантуров" in fact.surnames and person.text == "Денис Мантуров"
    assert {(a, b) for a, b, _ in fact.where_spans} == {(34, 40), (209, 215)}


def test_evaluate_runs_any_extractor_over_a_folder():
    gold = _gold()
    report = nerel.evaluate(SAMPLE, extractor=lambda text, id=None: _perfect(gold), natasha=False)
    assert report.texts == 1 and report.ours["exact"]["PER"].f1 == 1.0
    table = nerel.format_table(report, "sample")
    assert table.splitlines()[0].startswith("sample: 1 texts")
    assert any(line.split()[:2] == ["ours", "occupation_where"] for line in table.splitlines())
    assert json.loads(json.dumps(report.as_dict(errors=True)))["occupations"]["occupation"]["tp"] == 1


def test_cli_eval_nerel_prints_ours_and_natasha_rows(capsys):
    assert main(["eval", "--nerel", str(SAMPLE), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)["nerel"]
    assert out["texts"] == 1
    assert set(out["natasha"]["overlap"]) == {"PER", "ORG", "places"}
    assert out["ours"]["overlap"]["PER"]["tp"] >= 1 and out["natasha"]["overlap"]["PER"]["tp"] >= 1


def test_cli_eval_nerel_refuses_a_missing_folder(capsys):
    assert main(["eval", "--nerel", str(SAMPLE / "absent")]) == 1
    assert "does not exist" in capsys.readouterr().err
