"""A title before a foreign name pymorphy3 reads only in part: the name's words disagree in
case ('Эда Гонсалеса': Эда a woman's name in the nominative, Гонсалеса a genitive), so the
title agrees with any case one of them allows; a feminine title before the name says the
name is a woman's ('пловчиха Александра …', not the genitive of Александр)."""
from __future__ import annotations

import pytest


def titles(extractor, text):
    doc = extractor(text)
    return {p.name: [x.title for x in p.positions] for p in doc.persons}


@pytest.mark.parametrize("text, surname, title", [
    ("В твиттере шерифа округа Эда Гонсалеса появилась просьба к жителям.", "Гонсалеса", "шериф округа"),
    ("По словам шерифа Эда Гонсалеса, подозреваемый задержан.", "Гонсалеса", "шериф"),
])
def test_a_title_agrees_with_a_case_any_word_of_a_foreign_name_allows(extractor, text, surname, title):
    found = titles(extractor, text)
    assert [t for name, ts in found.items() if surname in name for t in ts] == [title]


def test_a_feminine_title_before_the_name_makes_it_a_woman_s(extractor):
    found = titles(extractor, "Завоевавшая серебро пловчиха Александра Герасименя вернулась домой.")
    assert found == {"Александра Герасименя": ["пловчиха"]}


def test_a_russian_name_in_one_case_still_needs_its_title_to_agree(extractor):
    # 'Сергей Петров' is nominative only: the genitive 'директора' before it is no title of his
    found = titles(extractor, "Приказ директора Сергей Петров подписал вчера.")
    assert found["Сергей Петров"] == []


def test_a_quoted_name_pymorphy3_reads_as_a_verb_stays_in_the_title(extractor):
    # 'Витесса' parses first as a gerund: still the club between the title and the name
    found = titles(extractor, "Главный тренер «Витесса» Леонид Слуцкий прокомментировал встречу.")
    assert found == {"Леонид Слуцкий": ["главный тренер"]}


def test_a_genitive_russian_name_takes_no_nominative_title_for_a_rare_reading_of_its_surname(extractor):
    # 'Путина' may be a woman's surname in the nominative, but 'Владимира' says the genitive
    found = titles(extractor, "В СИЗО содержался бывший олигарх и критик Владимира Путина Михаил Ходорковский.")
    assert found["Владимир Путин"] == []


def test_a_foreign_first_name_in_the_genitive_lets_the_title_agree(extractor):
    # 'Сухейла' is no name pymorphy3 knows, 'Хана' a woman's name in the nominative to it: the
    # first word's genitive ending agrees with 'министра'
    doc = extractor("Речь зашла о судьбе министра Индии Сухейла Хана.")
    [person] = doc.persons
    assert [(q.title, doc.get(q.location_id or q.organization_id).name) for q in person.positions] == [
        ("министр", "Индия")]
