"""A plural title before a list of names is each person's, in the singular; "один из" before a
plural title and one name gives it too; a genitive title in a chain may carry its own
modifiers ('заместитель генерального директора')."""
from __future__ import annotations

import pytest

from examples import titles


@pytest.mark.parametrize("text, names, title", [
    ("Американские сенаторы Джон Маккейн и Марко Рубио выступили в Майами.",
     ["Джон Маккейн", "Марко Рубио"], "сенатор"),
    ("Встретились министры обороны России и Франции Сергей Шойгу и Жан-Ив Ле Дриан.",
     ["Сергей Шойгу", "Жан-Ив Ле Дриан"], "министр обороны"),
    ("В Чебоксары приедут лётчики-космонавты Борис Волынов, Анатолий Березовой, Виктор Горбатко.",
     ["Борис Волынов", "Анатолий Березовой", "Виктор Горбатко"], "лётчик-космонавт"),
    ("Сенат утвердил заместителей генерального прокурора Геннадия Лопатина, Сергея Воробьёва и "
     "Юрия Пономарёва.", ["Геннадий Лопатин", "Сергей Воробьёв", "Юрий Пономарёв"],
     "заместитель генерального прокурора"),
    ("Директора заводов Иван Петров и Сергей Сидоров подписали письмо.",
     ["Иван Петров", "Сергей Сидоров"], "директор заводов"),
])
def test_a_plural_title_before_a_list_of_names_titles_each_in_the_singular(extractor, text, names, title):
    for name in names:
        assert title in [t for t, _ in titles(extractor, text, name)], name


def test_each_name_of_the_list_gets_the_organization_of_the_plural_title(extractor):
    text = "Свои кандидатуры выдвинули вице-президенты МОК Томас Бах (Германия) и Нг Сер Мианг (Сингапур)."
    assert titles(extractor, text, "Томас Бах") == [("вице-президент", "МОК")]
    assert ("вице-президент", "МОК") in titles(extractor, text, "Мианг Нг")


def test_after_a_colon_the_names_need_not_agree_with_the_plural(extractor):
    text = "За сборную сыграют гандболистки клуба «Динамо»: Ольга Левина, Анна Седойкина."
    for name in ("Ольга Левина", "Анна Седойкина"):
        assert [t for t, _ in titles(extractor, text, name)] == ["гандболистка"]


def test_one_of_a_plural_title_titles_the_one_name(extractor):
    text = "Дело возбуждено в отношении одного из заместителей директора департамента Сергея Михайлова."
    assert [t for t, _ in titles(extractor, text, "Сергей Михайлов")] == ["заместитель директора департамента"]


@pytest.mark.parametrize("text, name", [
    # 'актрисы' is one actress in the genitive: the names after it are not in its plural case
    ("Фото актрисы Анны Ивановой и Петра Сидорова появилось в сети.", "Петр Сидоров"),
    # a counted plural is a group the names are counted in
    ("В турнире играли девять шахматистов: Константин Сакаев (2637), Александр Галкин (2618).",
     "Константин Сакаев"),
])
def test_no_plural_title_where_the_plural_is_no_title_of_the_list(extractor, text, name):
    assert titles(extractor, text, name) == []


@pytest.mark.parametrize("text, name, title", [
    ("Заместитель генерального директора компании «Ромашка» Иван Петров подписал письмо.",
     "Иван Петров", "заместитель генерального директора"),
    ("Письмо подписал первый заместитель главного инженера Олег Сомов.", "Олег Сомов",
     "первый заместитель главного инженера"),
    # the title is the генеральный директор's when its first head does not agree with the name
    ("Мы встретились с представителем генерального директора Ивана Петрова.", "Иван Петров",
     "генеральный директор"),
])
def test_a_genitive_title_in_the_chain_keeps_its_modifiers(extractor, text, name, title):
    assert title in [t for t, _ in titles(extractor, text, name)]


@pytest.mark.parametrize("text, name, title", [
    ("Хулио Иглесиас — один из самых успешных испаноязычных исполнителей.", "Хулио Иглесиас", "исполнитель"),
    ("Рэй Манзарек стал одним из самых знаменитых клавишников.", "Рэй Манзарек", "клавишник"),
    ("Иван Петров — один из директоров завода «Прогресс».", "Иван Петров", "директор"),
])
def test_a_name_then_one_of_a_plural_title_holds_it_in_the_singular(extractor, text, name, title):
    assert [t for t, _ in titles(extractor, text, name)] == [title]
