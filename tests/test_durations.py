"""Stretches of time ("15 лет", "за пять лет", "в течение года"): `Duration` records, found by
the dates grammar on the words no date took (NEREL's DATE holds them; a `Date` is a calendar
value)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from fakty import Extractor
from fakty.grammars import dates
from fakty.lexicons import builtin


@pytest.fixture(scope="module")
def extract():
    extractor = Extractor(grammars=dates.grammars(builtin()), ner=False)
    return lambda text: extractor(text)


@pytest.mark.parametrize("phrase, text, iso", [
    ("Эберсман проработал 15 лет в компании.", "15 лет", "P15Y"),
    ("Подготовка продлится 18 месяцев.", "18 месяцев", "P18M"),
    ("За пять лет проект вырос вдвое.", "За пять лет", "P5Y"),
    ("Въезд запрещён сроком на три года.", "на три года", "P3Y"),
    ("Въезд запрещён сроком до трёх лет.", "до трёх лет", "P3Y"),
    ("Они будут тренироваться в течение двух недель.", "в течение двух недель", "P2W"),
    ("Они встречались в течение года.", "в течение года", "P1Y"),
    ("Армия более двух лет блокировала город.", "более двух лет", "P2Y"),
    ("Число нападений за последние два года выросло.", "за последние два года", "P2Y"),
    ("В следующие шесть лет президент сменит курс.", "В следующие шесть лет", "P6Y"),
    ("Законы, принятые за истекшее десятилетие, отменят.", "за истекшее десятилетие", "P10Y"),
    ("Он хочет пожить там полгода.", "полгода", "P6M"),
    ("Лётчик провёл на станции 13 суток.", "13 суток", "P13D"),
    ("Спор продолжается уже несколько лет.", "уже несколько лет", None),
    ("В последние годы он болел.", "В последние годы", None),
    ("Решение примут в ближайшие дни.", "в ближайшие дни", None),
    ("Он был с ней несколько месяцев.", "несколько месяцев", None),
])
def test_a_stretch_of_time_keeps_its_preposition_and_has_an_iso_8601_duration(extract, phrase, text, iso):
    doc = extract(phrase)
    assert [(d.text, d.iso) for d in doc.durations] == [(text, iso)]
    assert doc.dates == []


def test_a_range_of_stretches_has_its_low_and_high_amount(extract):
    [found] = extract("Им грозит лишение свободы на срок от 5 до 10 лет.").durations
    assert (found.text, found.amount, found.high, found.unit, found.iso) == (
        "от 5 до 10 лет", Decimal(5), Decimal(10), "year", "P5Y/P10Y")


@pytest.mark.parametrize("phrase", [
    "Он скончался в возрасте 85 лет.", "Вход для детей до 14 лет бесплатный.", "Ей 26 лет.",
    "В 24 года он стал чемпионом.", "Ему исполнилось 20 лет.", "Водитель (28 лет) задержан.",
    "В этом месяце ей исполняется 32 года.", "Турнир в возрастных категориях от 6 до 18 лет.",
    "Он женился на тёще, которой 45 лет.", "Эмир, которому сейчас 61 год, уходит.",
    "Закон запрещает продажу лицам до восемнадцати лет.", "Он возглавил сборную до 18 лет.",
])
def test_an_amount_of_years_that_is_an_age_is_no_stretch_of_time(extract, phrase):
    assert extract(phrase).durations == []


@pytest.mark.parametrize("phrase, date", [
    ("В 2013 году завод открылся.", "2013 году"), ("Два года назад завод открылся.", "Два года назад"),
    ("За девять месяцев 2023 года выручка выросла.", "девять месяцев 2023 года"),
])
def test_words_a_date_takes_make_no_stretch_of_time(extract, phrase, date):
    doc = extract(phrase)
    assert [d.text for d in doc.dates] == [date] and doc.durations == []


def test_a_count_of_months_said_without_a_year_is_a_stretch_not_a_date(extract):
    doc = extract("За два месяца действия постановления поступил 1 млн долларов.")
    assert doc.dates == [] and [d.iso for d in doc.durations] == ["P2M"]


@pytest.mark.parametrize("phrase", ["Несколько лет назад завод закрылся.", "Годом позже он уехал.",
                                    "Свадьбу сыграли спустя четыре года.", "Двумя годами ранее он уехал."])
def test_an_amount_of_time_that_says_a_point_is_no_stretch(extract, phrase):
    assert extract(phrase).durations == []


@pytest.mark.parametrize("phrase, text, iso", [
    ("Ему назначен пятилетний срок.", "пятилетний", "P5Y"),
    ("Власти объявили трёхдневный траур.", "трёхдневный", "P3D"),
    ("Малия сделает годичный перерыв перед учёбой.", "годичный", "P1Y"),
    ("Космонавты завершили 172-дневную экспедицию.", "172-дневную", "P172D"),
    ("Причины двухнедельной задержки неясны.", "двухнедельной", "P2W"),
])
def test_an_adjective_of_a_stretch_of_time_is_one(extract, phrase, text, iso):
    assert [(d.text, d.iso) for d in extract(phrase).durations] == [(text, iso)]


@pytest.mark.parametrize("phrase", ["Задержан 26-летний американец.", "Скончался 58-летний Уго Чавес.",
                                    "Пропал пятилетний мальчик.", "Дети пятилетнего возраста.",
                                    "Видео 34-летнего южнокорейского певца."])
def test_an_adjective_of_years_before_a_person_is_an_age(extract, phrase):
    assert extract(phrase).durations == []


@pytest.mark.parametrize("phrase, text", [("Она около года занимала пост.", "около года"),
                                          ("Он провёл в колонии более года.", "более года")])
def test_a_qualified_unit_alone_is_one_of_it(extract, phrase, text):
    assert [(d.text, d.iso) for d in extract(phrase).durations] == [(text, "P1Y")]
