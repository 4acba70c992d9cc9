"""Titles joined to a name across a link verb, a relative clause, an age or a second country
adjective: '…, который является директором …', 'главным тренером был назначен 45-летний
специалист …', 'водитель автобуса — 47-летний …', 'советский и российский футболист'."""
from __future__ import annotations

import pytest

from examples import titles


@pytest.mark.parametrize("text, name, title", [
    ("Иван Петров, который является директором завода «Прогресс», отказался от комментариев.",
     "Иван Петров", "директор"),
    ("Пост займёт Олег Сомов, который сейчас является заместителем министра финансов.",
     "Олег Сомов", "заместитель министра финансов"),
    ("Анна Орлова фактически является главой компании «Вектор».", "Анна Орлова", "глава"),
])
def test_a_link_verb_after_the_name_or_its_relative_clause_gives_the_title(extractor, text, name, title):
    assert title in [t for t, _ in titles(extractor, text, name)]


@pytest.mark.parametrize("text, name, title", [
    ("Главным тренером команды был назначен 45-летний специалист Сергей Булатов.", "Сергей Булатов",
     "главный тренер команды"),
    ("Новым послом станет дипломат Пётр Соколов.", "Пётр Соколов", "посол"),
])
def test_a_linked_title_reaches_the_name_past_an_age_and_a_noun(extractor, text, name, title):
    assert title in [t for t, _ in titles(extractor, text, name)]


@pytest.mark.parametrize("text, name, title", [
    ("Среди пострадавших водитель автобуса — 47-летний Сергей Кубасов.", "Сергей Кубасов", "водитель автобуса"),
    ("В отставку ушёл вице-губернатор Приморского края, 35-летний Александр Шемелев.", "Александр Шемелев",
     "вице-губернатор"),
])
def test_a_title_then_a_separator_and_an_age_is_the_name_s(extractor, text, name, title):
    assert title in [t for t, _ in titles(extractor, text, name)]


def test_a_list_after_a_title_and_comma_is_no_apposition(extractor):
    text = "Директор завода, Иван Петров и Сергей Сидоров приехали на встречу."
    assert titles(extractor, text, "Иван Петров") == []


def test_two_country_adjectives_before_a_title_after_the_name(extractor):
    text = "Дмитрий Аленичев — советский и российский футболист, полузащитник."
    assert [t for t, _ in titles(extractor, text, "Дмитрий Аленичев")] == ["футболист", "полузащитник"]


def test_an_ordinal_in_figures_before_a_linked_title_is_no_part_of_it(extractor):
    text = "Екатерина Сакелларопулу стала 13-м президентом Греции."
    assert titles(extractor, text, "Екатерина Сакелларопулу") == [("президент", "Греция")]


def test_a_comma_and_a_dash_after_the_name_open_its_title(extractor):
    text = "Программой руководила Карин Кортманн, — член бундестага."
    assert "член бундестага" in [t for t, _ in titles(extractor, text, "Карин Кортманн")]


@pytest.mark.parametrize("text, genitive, name, title", [
    ("Пресс-секретарь Иванова Ольга Смирнова отказалась от комментариев.", "Иванов", "Ольга Смирнова",
     "пресс-секретарь"),
    ("Письмо подписал адвокат Петренко Аркадий Левин.", "Петренко", "Аркадий Левин", "адвокат"),
    ("Умер советник Медведева Олег Сорокин.", "Медведев", "Олег Сорокин", "советник"),
])
def test_a_title_before_a_genitive_name_and_a_name_is_the_second_s(extractor, text, genitive, name, title):
    assert titles(extractor, text, genitive) == []
    assert [t for t, _ in titles(extractor, text, name)] == [title]


def test_a_name_cut_in_two_keeps_its_title(extractor):
    text = "Об этом заявил министр Сергей Лавров."
    assert [t for t, _ in titles(extractor, text, "Сергей Лавров")] == ["министр"]


@pytest.mark.parametrize("text, name, title", [
    ("В 2004 году Олег Зуев был назначен начальником штаба округа.", "Олег Зуев", "начальник штаба округа"),
    ("Марина Белова была вновь избрана председателем совета.", "Марина Белова", "председатель совета"),
    ("Сергей Рябов будет являться соруководителем компании.", "Сергей Рябов", "соруководитель компании"),
])
def test_two_link_verbs_after_the_name(extractor, text, name, title):
    assert title in [t for t, _ in titles(extractor, text, name)]


@pytest.mark.parametrize("text, name, title", [
    ("Его поддержал Павел Гуров, работавший юристом в банке «Заря».", "Павел Гуров", "юрист"),
    ("Павел Гуров, ставший чемпионом мира, вернулся домой.", "Павел Гуров", "чемпион мира"),
])
def test_a_participle_of_a_link_verb_after_the_name(extractor, text, name, title):
    assert title in [t for t, _ in titles(extractor, text, name)]


@pytest.mark.parametrize("text, name, title", [
    ("Вчера Игорь Лебедев ушёл с поста министра спорта.", "Игорь Лебедев", "министр спорта"),
    ("После отставки Игоря Лебедева с поста мэра Твери начались выборы.", "Игорь Лебедев", "мэр"),
    ("Суд освободил Игоря Лебедева от должности заместителя прокурора.", "Игорь Лебедев",
     "заместитель прокурора"),
])
def test_a_post_the_name_leaves_was_its_title(extractor, text, name, title):
    assert title in [t for t, _ in titles(extractor, text, name)]


def test_leaving_a_place_is_no_post(extractor):
    assert titles(extractor, "Игорь Лебедев с места происшествия уехал.", "Игорь Лебедев") == []


@pytest.mark.parametrize("text, name, title", [
    ("Указ подписал Олег Зуев, тогда губернатор области.", "Олег Зуев", "губернатор области"),
    ("Дом купил Олег Зуев (1975 г.р.) — бывший предприниматель.", "Олег Зуев", "бывший предприниматель"),
])
def test_a_title_after_the_name_past_a_gloss_or_then(extractor, text, name, title):
    assert [t for t, _ in titles(extractor, text, name)] == [title]


def test_a_preposition_at_the_end_of_a_title_s_tail_is_no_part_of_it(extractor):
    text = "Олег Зуев, который занимал пост мэра с 2001 по 2008 год, уехал."
    assert [t for t, _ in titles(extractor, text, "Олег Зуев")] == ["мэр"]
