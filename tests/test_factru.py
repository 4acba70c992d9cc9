"""The FactRuEval dev-set reader and scorer (fakty.factru)."""
from __future__ import annotations

from fakty import Document, Location, Organization, Person, Position, Span, factru
from fakty.scoring import Score

from conftest import FACTRU_DEV


def test_every_gold_span_offset_indexes_the_text_as_str():
    directory = FACTRU_DEV
    texts = factru.read(directory)
    assert len(texts) == 122
    spans = [(t, s) for t in texts for s in t.spans.values()]
    assert len(spans) > 4000
    # span texts come from the document; the .spans comment joins tokens with spaces instead
    assert all(t.text[s.start:s.stop] == s.text for t, s in spans)
    book = {t.name: t for t in texts}["book_105"]
    assert any(s.text == "проповедник-евангелист" for s in book.spans.values())


def test_occupation_facts_are_read_with_who_position_and_where():
    book = factru.read(FACTRU_DEV, ["book_100"])[0]
    first = book.occupations[0]
    assert first.who["lastname"] == "Лужков"
    assert first.positions == ("мэра",)
    assert "Москва" in first.where
    assert first.surname == "лужков"


def test_title_head_is_the_head_noun_lemma():
    assert factru.title_head("заместителя начальника") == "заместитель"
    assert factru.title_head("подмосковного губернатора") == "губернатор"
    assert factru.title_head("Экс-председатель") == "председатель"
    assert factru.title_head("президентов") == "президент"
    # an adjective pymorphy3 also reads as a noun ("главное") is not the head
    assert factru.title_head("главного тренера") == "тренер"


def _doc(text: str, persons=(), organizations=()) -> Document:
    return Document(text=text, persons=list(persons), organizations=list(organizations))


def _span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start=start, stop=start + len(phrase), text=phrase)


def test_a_document_equal_to_the_gold_scores_full_marks_and_an_empty_one_zero():
    gold = factru.read(FACTRU_DEV, ["book_100"])[0]
    text = gold.text
    persons = [Person(id=f"per-{i}", name=o.spans[0].text,
                      spans=[Span(start=o.start, stop=o.stop, text=text[o.start:o.stop])])
               for i, o in enumerate(gold.objects_of("Person"))]
    orgs = [Organization(id=f"org-{i}", name="x", spans=[Span(start=o.start, stop=o.stop, text=text[o.start:o.stop])])
            for i, o in enumerate(gold.objects_of("Org"))]
    perfect = factru.FactruReport()
    factru.score_document(gold, _doc(text, persons, orgs), perfect, natasha=False)
    assert perfect.ours["PER"].f1 == 1.0 and perfect.ours["ORG"].f1 == 1.0
    empty = factru.FactruReport()
    factru.score_document(gold, _doc(text), empty, natasha=False)
    assert empty.ours["PER"].recall == 0.0 and empty.ours["PER"].gold == len(persons)


def test_a_person_title_counts_with_the_right_surname_and_head_word():
    gold = factru.read(FACTRU_DEV, ["book_100"])[0]
    text = gold.text
    span = _span(text, "Юрия Лужкова")
    right = Person(id="per-1", name="Юрий Лужков", first="Юрий", last="Лужков", spans=[span],
                   positions=[Position(title="мэр")])
    wrong = Person(id="per-2", name="Юрий Лужков", first="Юрий", last="Лужков", spans=[span],
                   positions=[Position(title="министр")])
    hit, miss = factru.FactruReport(), factru.FactruReport()
    factru.score_document(gold, _doc(text, [right]), hit, natasha=False)
    factru.score_document(gold, _doc(text, [wrong]), miss, natasha=False)
    assert hit.ours["occupation"].tp == 1
    assert miss.ours["occupation"].tp == 0 and miss.ours["occupation"].fp == 1
    # Where is given (Москва) and this position names no place: not an occupation_where hit
    assert hit.ours["occupation_where"].tp == 0
    # ... and, with no where at all, not an Occupation fact in FactRuEval's sense either
    assert hit.ours["occupation_fact"].predicted == 0


def test_an_occupation_fact_is_a_position_with_its_where():
    gold = factru.read(FACTRU_DEV, ["book_100"])[0]
    text = gold.text
    moscow = _span(text, "мэра Москвы")
    moscow = Span(start=moscow.start + 5, stop=moscow.stop, text="Москвы")
    person = Person(id="per-1", name="Юрий Лужков", first="Юрий", last="Лужков",
                    spans=[_span(text, "Юрия Лужкова")],
                    positions=[Position(title="мэр", location_id="loc-1"), Position(title="писатель")])
    report = factru.FactruReport()
    doc = Document(text=text, persons=[person], locations=[Location(id="loc-1", name="Москва", spans=[moscow])])
    factru.score_document(gold, doc, report, natasha=False)
    fact = report.ours["occupation_fact"]
    assert (fact.tp, fact.predicted) == (1, 1)  # the bare 'писатель' is no fact
    assert report.ours["occupation"].predicted == 2


def test_a_fact_the_gold_states_twice_counts_once():
    gold = factru.read(FACTRU_DEV, ["book_542"])[0]
    # the gold lists 'Громов: главы | Губернатору @ Московская область' twice
    assert len([o for o in gold.occupations if o.positions]) == 4
    report = factru.FactruReport()
    factru.score_document(gold, Document(text=gold.text), report, natasha=False)
    assert report.ours["occupation"].gold == 3


def _where_score(gold, place: Location) -> int:
    text = gold.text
    person = Person(id="per-1", name="Юрий Лужков", first="Юрий", last="Лужков",
                    spans=[_span(text, "Юрия Лужкова")],
                    positions=[Position(title="мэр", location_id=place.id)])
    report = factru.FactruReport()
    factru.score_document(gold, Document(text=text, persons=[person], locations=[place]), report,
                          natasha=False)
    return report.ours["occupation_where"].tp


def test_where_is_the_gold_object_when_our_place_has_a_span_of_it_or_of_a_coreferent():
    gold = factru.read(FACTRU_DEV, ["book_100"])[0]
    text = gold.text
    # gold: Лужков мэр, Where Москва ('мэра Москвы'; coreferent with 'в Москве')
    assert gold.occupations[0].where_spans
    moscow_here = _span(text, "мэра Москвы")
    moscow_here = Span(start=moscow_here.start + 5, stop=moscow_here.stop, text="Москвы")
    moscow_later = _span(text, "в Москве")
    moscow_later = Span(start=moscow_later.start + 2, stop=moscow_later.stop, text="Москве")
    russia = _span(text, "регионов России")
    russia = Span(start=russia.start + 9, stop=russia.stop, text="России")
    # the name does not decide when the spans do: a right place under another name counts
    assert _where_score(gold, Location(id="loc-1", name="столица", spans=[moscow_here])) == 1
    assert _where_score(gold, Location(id="loc-1", name="столица", spans=[moscow_later])) == 1
    # ... and a wrong place (another marked object, 'России') does not, whatever its name
    assert _where_score(gold, Location(id="loc-1", name="Москва", spans=[russia])) == 0
    assert _where_score(gold, Location(id="loc-1", name="Россия", spans=[russia])) == 0
    # spans on nothing the annotators marked: the names are compared
    unmarked = _span(text, "Тверской площади")  # a Location object, but not of Where
    nowhere = Span(start=0, stop=2, text=text[:2])
    assert _where_score(gold, Location(id="loc-1", name="Москва", spans=[nowhere])) == 1
    assert _where_score(gold, Location(id="loc-1", name="Химки", spans=[nowhere])) == 0
    assert _where_score(gold, Location(id="loc-1", name="Москва", spans=[unmarked])) == 0


def test_a_place_inside_the_gold_organization_is_not_that_organization():
    gold = factru.read(FACTRU_DEV, ["book_100"])[0]
    text = gold.text
    # gold: Вельмакин депутат, Where 'муниципальное собрание района Отрадное' (an Org)
    def where_tp(position, **entities):
        person = Person(id="per-1", name="Михаил Вельмакин", first="Михаил", last="Вельмакин",
                        spans=[_span(text, "Михаил Вельмакин")], positions=[position])
        report = factru.FactruReport()
        factru.score_document(gold, Document(text=text, persons=[person], **entities), report, natasha=False)
        return report.ours["occupation_where"].tp

    place = Location(id="loc-1", name="Отрадное", spans=[_span(text, "Отрадное")])
    council = Organization(id="org-1", name="муниципальное собрание района Отрадное",
                           spans=[_span(text, "муниципального собрания района Отрадное")])
    assert where_tp(Position(title="депутат", location_id="loc-1"), locations=[place]) == 0
    assert where_tp(Position(title="депутат", organization_id="org-1"), organizations=[council]) == 1


def test_score_arithmetic():
    s = Score(tp=3, predicted=4, gold=6)
    assert (s.precision, s.recall, round(s.f1, 3)) == (0.75, 0.5, 0.6)
    assert Score().f1 == 0.0


def test_a_person_is_matched_by_any_lastname_the_gold_gives():
    gold = factru.read(FACTRU_DEV, ["book_480"])[0]
    # the coref lists 'Pischetsrieder' and 'Пишетсридер' for one person
    fact = next(o for o in gold.occupations if "pischetsrieder" in o.surnames)
    assert "пишетсридер" in fact.surnames
