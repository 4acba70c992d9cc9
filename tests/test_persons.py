"""Persons with their titles: names in the nominative, titles from the positions lexicon,
the organization or place of an office, one entity per person."""
from __future__ import annotations

import pytest

from fakty.grammars import lexicon
from fakty.words import name_parts


def persons(extractor, text):
    return extractor(text).persons


def person(extractor, text, last):
    doc = extractor(text)
    found = [p for p in doc.persons if p.last == last]
    assert len(found) == 1, [p.name for p in doc.persons]
    return doc, found[0]


def where(doc, position):
    """Name of the organization or place of a position (None when there is none)."""
    target = doc.get(position.organization_id or "") or doc.get(position.location_id or "")
    return target.name if target else None


@pytest.mark.parametrize("text, name", [
    ("Соглашение подписано с Олегом Кочетковым.", "Олег Кочетков"),
    ("Встреча с Сергеем Собяниным прошла в мэрии.", "Сергей Собянин"),
    ("Об этом сообщила Ирина Бочарникова.", "Ирина Бочарникова"),
    ("По словам Дмитрия Демешина, край готов.", "Дмитрий Демешин"),  # no 'Демёшин'
    ("Мы поговорили с Томасом Райтером о полёте.", "Томас Райтер"),
])
def test_names_are_nominative_whatever_the_case(extractor, text, name):
    assert name in [p.name for p in persons(extractor, text)]


def test_name_parts_with_initials():
    assert name_parts(["Путин", "В.", "В."]) == {"first": "В.", "middle": "В.", "last": "Путин"}
    assert name_parts(["В.", "Путин"]) == {"first": "В.", "middle": None, "last": "Путин"}
    # a lone 'Петров' is a surname, not the genitive plural of Пётр
    assert name_parts(["Петров"])["last"] == "Петров"


def test_surname_only_mentions_join_the_person(extractor):
    text = ("Заместитель руководителя департамента Степан Коваленко открыл форум. "
            "Коваленко рассказал о планах. «Мы готовы», — подчеркнул Степан Коваленко.")
    found = [p for p in persons(extractor, text) if p.last == "Коваленко"]
    assert len(found) == 1
    assert len(found[0].spans) == 3


def test_same_surname_different_first_names_stay_apart(extractor):
    text = "Иван Петров встретился с Ольгой Петровой. Пётр Петров не пришёл."
    names = sorted(p.name for p in persons(extractor, text))
    assert names == ["Иван Петров", "Ольга Петрова", "Пётр Петров"]


def test_title_before_the_name_with_its_organization(extractor):
    doc, p = person(extractor, "Об этом рассказала начальник управления по работе с резидентами "
                               "АО «ОЭЗ «Лотос» Ирина Бочарникова.", "Бочарникова")
    [position] = p.positions
    assert position.title == "начальник управления по работе с резидентами"
    assert "Лотос" in where(doc, position)


def test_title_in_another_case_becomes_nominative(extractor):
    doc, p = person(extractor, "Соглашение подписано с директором компании «СтанкоМашСтрой» "
                               "Олегом Кочетковым.", "Кочетков")
    [position] = p.positions
    assert position.title == "директор"
    assert "СтанкоМашСтрой" in where(doc, position)
    _, p = person(extractor, "Выступление заместителя министра экономики Ивана Петрова.", "Петров")
    assert p.positions[0].title == "заместитель министра экономики"


def test_mayor_of_a_city_has_the_city_as_place(extractor):
    doc, p = person(extractor, "Решение поддержал мэр Москвы Сергей Собянин.", "Собянин")
    [position] = p.positions
    assert position.title == "мэр"
    assert doc.get(position.location_id).name == "Москва"


def test_title_of_a_region_and_acting(extractor):
    doc, p = person(extractor, "Вице-премьер Омской области Андрей Шпиленко открыл завод.", "Шпиленко")
    assert p.positions[0].title == "вице-премьер"
    assert where(doc, p.positions[0]) == "Омская область"
    _, p = person(extractor, "Предприятие посетил и.о. министра промышленности и торговли края "
                             "Алексей Абросимов.", "Абросимов")
    assert p.positions[0].acting
    assert p.positions[0].title == "министр промышленности и торговли края"


def test_title_after_the_name(extractor):
    doc, p = person(extractor, "Михаил Лабудин, директор Ассоциации кластеров, технопарков и особых "
                               "экономических зон России, выступил с докладом.", "Лабудин")
    [position] = p.positions
    assert position.title == "директор"
    assert position.span.text.endswith("зон России")
    _, p = person(extractor, "Слово взяла Ольга Петрова (генеральный директор «Ромашки»).", "Петрова")
    assert p.positions[0].title == "генеральный директор"
    # nothing named after the title: it all stays in the title
    _, p = person(extractor, "Иван Петров — председатель совета директоров банка.", "Петров")
    assert p.positions[0].title == "председатель совета директоров банка"


def test_title_with_a_link_verb(extractor):
    _, p = person(extractor, "Вместо Оливера Кана капитаном стал Михаэль Баллак.", "Баллак")
    assert [x.title for x in p.positions] == ["капитан"]
    _, p = person(extractor, "Ольга Сидорова назначена заместителем министра финансов.", "Сидорова")
    assert p.positions[0].title == "заместитель министра финансов"


def test_geo_adjective_is_the_place_of_the_office(extractor):
    doc, p = person(extractor, "Отставки требовали и для подмосковного губернатора Бориса Громова.", "Громов")
    assert p.positions[0].title == "губернатор"
    assert doc.get(p.positions[0].location_id).name == "Подмосковье"


def test_no_title_across_a_preposition_in_another_case(extractor):
    # 'губернатора' is genitive, 'Иваном Петровым' instrumental: the governor is someone else
    _, p = person(extractor, "Прошла встреча губернатора с Иваном Петровым.", "Петров")
    assert p.positions == []


def test_a_title_between_two_names_belongs_to_the_second(extractor):
    doc = extractor("Иван Петров, директор компании «Ромашка» Сергей Сидоров и другие.")
    titles = {p.last: [x.title for x in p.positions] for p in doc.persons}
    assert titles.get("Петров") == []
    assert titles.get("Сидоров") == ["директор"]


def test_same_position_twice_is_kept_once(extractor):
    doc = extractor("Мэр Москвы Сергей Собянин открыл парк. Позже мэр Москвы Сергей Собянин уехал.")
    [p] = doc.persons
    assert len(p.positions) == 1


def test_positions_lexicon_has_the_common_titles():
    words = set(lexicon("positions.txt"))
    for word in ("директор", "руководитель", "министр", "губернатор", "заместитель", "начальник",
                 "председатель", "глава", "президент", "вице-премьер", "мэр", "эксперт", "спикер"):
        assert word in words
    assert "генеральный" in set(lexicon("position_modifiers.txt"))


@pytest.mark.parametrize("text", [
    "директор", "Иван, директор", "— директор (", "и.о. и.о. и.о. Петров", "Петров, " * 40,
    "глава " * 60 + "Иван Петров", "«««директор»»» Иван Иванов 10000000000000000000",
])
def test_odd_input_does_not_crash(extractor, text):
    # a grammar that raised would lose its sentence into doc.skipped, not raise here
    assert extractor(text).skipped == []


def test_a_lone_word_that_names_an_organization_is_not_a_person(extractor):
    doc = extractor("Поддержку оказывает Центр развития экспорта «Моспром». "
                    "Моспром помогает в том числе резидентам.")
    assert not any("Моспром" in p.name for p in doc.persons)


def test_foreign_names_stay_as_written_when_pymorphy_only_guesses(extractor):
    names = [p.name for p in persons(extractor, "Министр иностранных дел Японии Сейдзи Маэхара прибыл в Москву.")]
    assert names == ["Сейдзи Маэхара"]


def test_words_that_only_look_like_titles_are_not_titles(extractor):
    # 'после' is not a case of 'посол'; 'Президент и первая леди' are two people
    _, p = person(extractor, "После приземления Пегги Уитсон дала интервью.", "Уитсон")
    assert p.positions == []
    _, p = person(extractor, "Президент и первая леди Мишель Обама посетили школу.", "Обама")
    assert p.positions == []


def test_taking_a_post(extractor):
    doc, p = person(extractor, "Владимир Путин согласился занять пост премьер-министра России.", "Путин")
    assert [x.title for x in p.positions] == ["премьер-министр"]
    assert where(doc, p.positions[0]) == "Россия"


def test_a_name_inside_another_name_is_not_a_person(extractor):
    doc = extractor("Лекарство от болезни Бехтерева испытали в университете имени Герасимова.")
    assert doc.persons == []


def test_a_bare_kind_word_in_a_title_is_the_entity_of_that_kind_named_before(extractor):
    doc, p = person(extractor, "Партия «Яблоко» провела акцию. Пришли несколько человек, включая "
                    "главу партии Сергея Митрохина.", "Митрохин")
    assert [where(doc, q) for q in p.positions] == ["«Яблоко»"]  # named by its quoted name


def test_two_titles_before_a_name_with_a_comma_between(extractor):
    doc, p = person(extractor, "Об этом сказал лидер Меджлиса крымско-татарского народа, народный "
                    "депутат Украины Мустафа Джемилев.", "Джемилев")
    assert sorted(q.title for q in p.positions) == ["лидер", "народный депутат"]
    # a title in another case before the comma is not his: 'По словам эксперта, директор …'
    doc, p = person(extractor, "По словам эксперта, директор фонда Иван Петров уехал.", "Петров")
    assert [q.title for q in p.positions] == ["директор фонда"]


def test_participle_titles_acting_and_former(extractor):
    doc, p = person(extractor, "Олег Сидоров, управляющий компанией FaceCash, выступил против.", "Сидоров")
    assert [q.title for q in p.positions] == ["управляющий"]
    doc, p = person(extractor, "Марк Тоунер, исполняющий обязанности официального представителя "
                    "Госдепартамента США, выступил.", "Тоунер")
    assert [(q.title, q.acting) for q in p.positions] == [("официальный представитель", True)]
    doc, p = person(extractor, "Андрей Санников — бывший заместитель министра иностранных дел Беларуси.",
                    "Санников")
    assert [where(doc, q) for q in p.positions] == ["Беларусь"]


def test_a_country_adjective_is_the_place_of_the_title(extractor):
    doc, p = person(extractor, "Российский министр финансов Антон Силуанов заявил.", "Силуанов")
    assert [where(doc, q) for q in p.positions] == ["Россия"]
    doc, p = person(extractor, "Наблюдатель от ОБСЕ португальский парламентарий Хуан Суареш сообщил.", "Суареш")
    assert "Португалия" in [where(doc, q) for q in p.positions]


def test_surname_particles_stay_with_the_surname():
    assert name_parts(["Марин", "Ле", "Пен"])["last"] == "Ле Пен"
    assert name_parts(["Шарль", "де", "Голль"]) == {"first": "Шарль", "middle": None, "last": "де Голль"}


def test_a_name_is_not_read_as_a_plural_of_another():
    from fakty.words import nominative_words

    # 'Лёв' is no plural of 'Лёва', nor 'Киран' of 'Кирана'
    assert nominative_words(["Йоахим", "Лёв"]) == ["Йоахим", "Лёв"]
    assert nominative_words(["Киран", "Гиббс"]) == ["Киран", "Гиббс"]


def test_an_office_of_a_place_in_lower_case_is_the_organization_of_the_title(extractor):
    doc, p = person(extractor, "В свою очередь, глава внешнеполитического ведомства России Сергей Лавров "
                    "встретился с журналистами.", "Лавров")
    assert [where(doc, q) for q in p.positions] == ["внешнеполитическое ведомство России"]
    # an organization the grammars found stays theirs
    doc, p = person(extractor, "Глава правительства Израиля Биньямин Нетаньяху провёл заседание.", "Нетаньяху")
    assert [where(doc, q) for q in p.positions] == ["правительство Израиля"]


def test_a_name_glossed_in_parentheses_is_the_same_person(extractor):
    doc = extractor("Сегодня бундестренер Юрген Клинсман (Jürgen Klinsmann) назвал состав.")
    assert [(p.name, [s.text for s in p.spans]) for p in doc.persons] == [
        ("Юрген Клинсман", ["Юрген Клинсман", "Jürgen Klinsmann"])]


def test_a_first_name_alone_is_the_one_person_of_the_text_with_it(extractor):
    doc, p = person(extractor, "Несмотря на занятость, архиепископ Лонгин Клинский (РПЦ МП) "
                    "нашёл время и лично провёл богослужение. Архиепископ Лонгин считает, что нужно уделять "
                    "внимание детям.", "Клинский")
    assert [s.text for s in p.spans] == ["Лонгин Клинский", "Лонгин"]
    # the tagger's ORG span 'Лонгин Клинский (РПЦ МП)' is the person and his church
    assert [o.name for o in doc.organizations] == ["РПЦ"]
    # two people with that first name: the lone first name stays apart
    doc = extractor("Марина Сидорова и Марина Петрова пришли. Марина сказала, что рада.")
    assert sorted(p.name for p in doc.persons) == ["Марина", "Марина Петрова", "Марина Сидорова"]
