"""The persons grammar as rules: the example table beside it (grammars/persons_examples.tsv),
the rules an author reuses, and lexicons an Extractor extends."""
from __future__ import annotations

import pytest

from examples import example_groups, parse_fields

EXAMPLES = example_groups("persons_examples.tsv", columns=1)


def _fields(doc, person) -> dict[str, str]:
    out = {name: str(getattr(person, name)) for name in ("name", "first", "middle", "last")}
    out["titles"] = " | ".join(q.title for q in person.positions)
    if person.positions:
        first = person.positions[0]
        where = doc.get(first.organization_id or first.location_id or "")
        out["where"] = where.name if where else "None"
        out["acting"] = str(first.acting)
    return out


@pytest.mark.parametrize("inputs, expected", EXAMPLES, ids=[i[0][:40] for i, _ in EXAMPLES])
def test_persons_examples(extractor, inputs, expected):
    doc = extractor(inputs[0])
    if not expected:
        assert doc.persons == []
        return
    for text, fields in expected:
        found = [p for p in doc.persons if any(s.text == text for s in p.spans)]
        assert found, (text, [p.name for p in doc.persons])
        got = _fields(doc, found[0])
        wrong = {k: (v, got.get(k)) for k, v in parse_fields(fields).items() if got.get(k) != v}
        assert not wrong, wrong


def _titles(doc):
    return [(p.name, [(q.title, doc.get(q.organization_id or q.location_id or "").name
                       if q.organization_id or q.location_id else None) for q in p.positions]) for p in doc.persons]


def test_an_organization_kind_added_by_the_user_starts_a_title_s_organization(tmp_path):
    from fakty import Extractor

    text = "Директор ресторана «Пушкин» Иван Петров открыл зал."
    # built in, "ресторан" is no organization kind: it stays in the title
    assert _titles(Extractor()(text)) == [("Иван Петров", [("директор ресторана", "«Пушкин»")])]
    (tmp_path / "org_kinds.txt").write_text("ресторан\tресторан\tgeneric\n", encoding="utf-8")
    # now it is, like "компании": the title is "директор", the restaurant its organization
    assert _titles(Extractor(lexicons=tmp_path)(text)) == [("Иван Петров", [("директор", "«Пушкин»")])]
    assert _titles(Extractor(lexicons=tmp_path)("Директор компании «Пушкин» Иван Петров открыл зал.")) \
        == [("Иван Петров", [("директор", "«Пушкин»")])]


def test_a_title_word_added_by_the_user_makes_a_person_with_a_title(tmp_path):
    from fakty import Extractor

    text = "Сомелье ресторана «Пушкин» Иван Петров открыл зал."
    assert _titles(Extractor()(text)) == [("Иван Петров", [])]
    (tmp_path / "positions.txt").write_text("сомелье\n", encoding="utf-8")
    assert _titles(Extractor(lexicons=tmp_path)(text)) == [("Иван Петров", [("сомелье ресторана", "«Пушкин»")])]


def test_the_rules_compose_in_a_plugin():
    from yargy import rule

    from fakty.grammar import contexts, lazy_parser
    from fakty.grammars.persons import NAME, TITLE

    parser = lazy_parser(rule(TITLE, NAME))()
    context, = contexts("Вчера генеральный директор завода «Пирс» Иван Петров уехал.", ner=True)
    [match] = parser.run(context.tokens, "findall")
    assert context.text[match.span.start:match.span.stop] == "генеральный директор завода «Пирс» Иван Петров"


def test_an_odd_title_phrase_does_not_crash(extractor):
    # issue 17: a title word with nothing after it used to raise StopIteration
    for text in ("и.о.", "Иван Петров, и.о.", "и.о. Иван Петров", "врио — Петров", "исполняющий обязанности"):
        assert extractor(text).skipped == [], text  # a grammar that raised is listed there


def test_a_long_organization_after_a_title_stays_within_the_parser_s_budget(extractor):
    doc = extractor("Заместитель руководителя Федеральной службы по надзору в сфере образования, науки, "
                    "культуры, информационных технологий и массовых коммуникаций (Рособрнадзора) Иван Петров "
                    "сообщил, что ведомство составило протокол о правонарушении в отношении компании «Ромашка».")
    assert doc.skipped == []
    [person] = [p for p in doc.persons if p.last == "Петров"]
    assert [q.title for q in person.positions] == ["заместитель руководителя"]


@pytest.mark.parametrize("text, name, title", [
    # issue 13, class 9: a title with a "по …" complement, words of a person's kind in it
    ("Об этом сообщил уполномоченный по правам предпринимателей Олег Кравцов.", "Олег Кравцов",
     "уполномоченный по правам предпринимателей"),
    ("Уполномоченный по правам человека в Москве Татьяна Потяева выступила.", "Татьяна Потяева",
     "уполномоченный по правам человека"),
    ("Уполномоченный при президенте по правам ребёнка Анна Кузнецова выступила.", "Анна Кузнецова",
     "уполномоченный при президенте по правам ребёнка"),
    ("Представитель по делам ветеранов Иван Петров выступил.", "Иван Петров", "представитель по делам ветеранов"),
    ("Сергей Сидоров, советник губернатора по вопросам инвестиций, рассказал.", "Сергей Сидоров",
     "советник губернатора по вопросам инвестиций"),
    ("Бизнес-омбудсмен Борис Титов выступил.", "Борис Титов", "бизнес-омбудсмен"),
])
def test_titles_with_a_complement(extractor, text, name, title):
    [person] = [p for p in extractor(text).persons if p.name == name]
    assert [q.title for q in person.positions] == [title]


def test_a_title_word_after_a_preposition_is_no_title_of_the_name_but_the_nearest_is(extractor):
    [person] = extractor("Встреча директора завода с губернатором Иваном Петровым прошла.").persons
    assert [q.title for q in person.positions] == ["губернатор"]


@pytest.mark.parametrize("text, name, titles", [
    # issue 13, class 11 (occupations as NEREL annotates them): every title of a list
    ("Актёр, продюсер и сценарист Нанни Моретти получил приз.", "Нанни Моретти", ["актёр", "продюсер", "сценарист"]),
    ("Анна Смирнова, актриса, режиссёр и сценарист, приехала в Москву.", "Анна Смирнова",
     ["актриса", "режиссёр", "сценарист"]),
    # trades and arts are titles
    ("Математик Григорий Перельман отказался от премии.", "Григорий Перельман", ["математик"]),
    # an age between the title and the name
    ("Председатель Верховного Совета Приднестровья 43-летний Евгений Шевчук выступил.", "Евгений Шевчук",
     ["председатель"]),
    # a post held, in a clause after the name
    ("Харви Питт, который занимал пост главы SEC, ушёл.", "Харви Питт", ["глава"]),
    ("Иван Петров, сейчас занимающий пост заместителя губернатора, ушёл.", "Иван Петров", ["заместитель губернатора"]),
    ("Иван Петров вступает в должность министра финансов.", "Иван Петров", ["министр финансов"]),
    # a compound title word, words describing the person before a title after the name
    ("62-летний политик-популист Хань Гоюй выиграл выборы.", "Хань Гоюй", ["политик-популист"]),
    ("Иван Петров — известный российский писатель.", "Иван Петров", ["писатель"]),
])
def test_titles_as_news_give_them(extractor, text, name, titles):
    [person] = [p for p in extractor(text).persons if p.name == name]
    assert sorted(q.title for q in person.positions) == sorted(titles)


def test_a_country_adjective_before_a_trade_is_a_nationality(extractor):
    doc = extractor("Американский актёр Брэд Питт приехал в Москву.")
    [person] = doc.persons
    assert [(q.title, q.location_id) for q in person.positions] == [("актёр", None)]
