"""Dates: the example table beside the grammar (grammars/dates_examples.tsv), resolution
against the publication date, and bad input."""
from __future__ import annotations

import pytest

from fakty import Extractor
from fakty.grammars import dates
from fakty.grammar import contexts
from fakty.lexicons import builtin

from conftest import assert_windows_find_what_sentences_find
from examples import example_groups, mismatches

EXAMPLES = example_groups("dates_examples.tsv", columns=2)


@pytest.fixture(scope="module")
def extract_dates():
    extractor = Extractor(grammars=dates.grammars(builtin()), ner=False)

    def run(text, published=None):
        return extractor(text, published=None if published in (None, "-") else published).dates
    return run


@pytest.mark.parametrize("inputs, expected", EXAMPLES, ids=[" | ".join(i) for i, _ in EXAMPLES])
def test_dates_example_table(extract_dates, inputs, expected):
    phrase, published = inputs
    found = extract_dates(phrase, published)
    assert [d.text for d in found] == [text for text, _ in expected]
    for record, (_, fields) in zip(found, expected):
        assert mismatches(record.value, fields) == {}


def test_a_relative_date_without_a_publication_date_stays_relative(extract_dates):
    (date,) = extract_dates("Вчера открылся новый технопарк.")
    assert date.value.relative and date.value.shift == -1 and date.value.year is None
    assert date.value.iso is None


def test_a_dateline_on_its_own_line_stands_for_the_publication_date(extract_dates):
    text = "Новости\n\n07.10.2025\n\nВчера открылся технопарк. Форум пройдет 16-17 октября."
    values = [d.value.iso for d in extract_dates(text)]
    assert values == ["2025-10-07", "2025-10-06", "2025-10-16/2025-10-17"]


def test_a_date_inside_a_sentence_is_no_dateline(extract_dates):
    text = "Указ подписан 7 мая 2018 года.\nВчера открылся технопарк."
    assert extract_dates(text)[1].value.iso is None


def test_the_caller_publication_date_wins_over_the_dateline(extract_dates):
    text = "07.10.2025\nВчера открылся технопарк."
    assert extract_dates(text, "2025-10-09")[1].value.iso == "2025-10-08"


def test_triggers_skip_sentences_without_numbers_months_or_date_words():
    fire = [dates.TRIGGERS.fire(c) for c in contexts(
        "Встреча прошла успешно. Встреча прошла в ноябре. Вчера была встреча. Их было 5.")]
    assert fire == [False, True, True, True]


BAD_INPUT = [
    "9" * 5000,
    "9" * 5000 + " года",
    " ".join(["12"] * 5000) + " октября",
    "99.99.9999 и 9999-99-99 и 00.00.0000",
    "31 февраля 2024 года",
    "с 17 по 16 октября",
    "2024-2021 годы",
    "0 января 0000 года",
    "через " + "сто " * 300 + "лет",
    "-" * 3000,
    "\u200b\u00ad 2024 \u200b года",
    "1995 и " * 300 + "2002 году",
    "6 мая (" * 50 + "2012 года" + ")" * 50,
    "в 9999-х годах, 00-х годах, 95-х годах и 99-го года с.г.",
]


@pytest.mark.parametrize("text", BAD_INPUT, ids=range(len(BAD_INPUT)))
def test_bad_input_gives_a_sane_date_or_none(extract_dates, text):
    for date in extract_dates(text, "2025-01-01"):
        v = date.value
        assert v.year is None or 1800 <= v.year <= 2199
        assert v.iso is None or v.iso[:4].isdigit()
        if v.end is not None:
            assert (v.year, v.month or 0, v.day or 0) < (v.end.year, v.end.month or 0, v.end.day or 0)


def test_parsing_windows_around_anchors_finds_what_whole_sentences_find():
    assert_windows_find_what_sentences_find(dates, [phrase for (phrase, _), _ in EXAMPLES])


# --- totals from the start of a year, and "с начала года" ----------------------------------

@pytest.mark.parametrize("phrase, iso", [
    ("Выручка за девять месяцев 2023 года выросла.", "2023-01/2023-09"),
    ("По итогам девяти месяцев 2023 года выручка выросла.", "2023-01/2023-09"),
    ("За 11 месяцев 2024 года выпуск вырос.", "2024-01/2024-11"),
    ("в течение первых шести месяцев 2022 г. завод работал", "2022-01/2022-06"),
    ("За 12 месяцев 2021 года отгрузили 5 тонн.", "2021-01/2021-12"),
    ("за три квартала 2024 года", "2024-Q1/2024-Q3"),
    ("за первые два квартала 2020 года", "2020-Q1/2020-Q2"),
    ("в январе-сентябре 2023 года", "2023-01/2023-09"),
    ("в январе–сентябре 2023 г.", "2023-01/2023-09"),
    ("за первые полгода 2024 года", "2024-H1"),
])
def test_a_count_of_a_year_s_first_months_or_quarters_is_a_range_from_its_start(extract_dates, phrase, iso):
    (date,) = extract_dates(phrase, "2025-10-07")
    assert date.value.iso == iso and not date.value.relative


@pytest.mark.parametrize("published, year", [
    ("2025-10-07", 2025),   # September is over
    ("2025-09-15", 2025),   # running: its last month has come
    ("2025-08-31", 2024),   # not reached yet: last year's total
    ("2025-01-01", 2024),
    ("2024-12-31", 2024),
])
def test_a_year_less_total_is_the_nearest_one_over_or_running_at_publication(extract_dates, published, year):
    for phrase, iso in [("За первые девять месяцев выручка выросла.", f"{year}-01/{year}-09"),
                        ("В январе-сентябре выручка выросла.", f"{year}-01/{year}-09"),
                        ("За три квартала выручка выросла.", f"{year}-Q1/{year}-Q3")]:
        (date,) = extract_dates(phrase, published)
        assert date.value.iso == iso, phrase


@pytest.mark.parametrize("published, iso", [("2025-01-05", "2024-01/2024-11"), ("2024-12-02", "2024-01/2024-11"),
                                            ("2024-11-30", "2024-01/2024-11"), ("2024-10-31", "2023-01/2023-11")])
def test_eleven_months_said_in_january_are_last_year_s(extract_dates, published, iso):
    (date,) = extract_dates("За первые 11 месяцев отгрузки выросли.", published)
    assert date.value.iso == iso


@pytest.mark.parametrize("phrase, shift", [("за 5 месяцев этого года", 0), ("за девять месяцев текущего года", 0),
                                           ("за 11 месяцев прошлого года", -1), ("в первые три месяца с.г.", 0)])
def test_a_total_of_this_or_last_year_is_relative_to_the_publication_year(extract_dates, phrase, shift):
    (date,) = extract_dates(phrase, "2025-01-10")
    value = date.value
    assert value.relative and value.shift == shift and value.shift_unit == "year"
    assert value.year == 2025 + shift and value.month == 1 and value.end.year == 2025 + shift
    (unresolved,) = extract_dates(phrase)
    assert unresolved.value.year is None and unresolved.value.iso is None


@pytest.mark.parametrize("phrase", ["За два месяца действия постановления поступил 1 млн долларов.",
                                    "За 9 месяцев до земельных выборов рейтинг упал.",
                                    "За полгода построили мост.", "за девять месяцев работы",
                                    "за последние три квартала", "за последние 22 месяца",
                                    "в течение шести месяцев", "первые полгода работы"])
def test_a_count_without_a_year_or_first_is_a_span_of_time_not_a_date(extract_dates, phrase):
    assert extract_dates(phrase, "2025-10-07") == []


@pytest.mark.parametrize("phrase, published, iso, relation", [
    ("С начала года цены выросли.", "2025-10-07", "2025", "since"),
    ("С начала года цены выросли.", "2025-01-01", "2025", "since"),
    ("С начала года цены выросли.", "2024-12-31", "2024", "since"),
    ("с начала текущего года", "2025-01-02", "2025", "since"),
    ("с начала этого года", "2025-01-02", "2025", "since"),
    ("с начала нынешнего года", "2025-01-02", "2025", "since"),
    ("с начала прошлого года", "2025-01-02", "2024", "since"),
    ("с начала 2024 года", "2025-01-02", "2024", "since"),
    ("с начала месяца", "2025-01-02", "2025-01", "since"),
    ("с начала месяца", "2024-12-31", "2024-12", "since"),
    ("до конца года", "2024-12-31", "2024", "until"),
    ("к концу года", "2025-03-01", "2025", "by"),
])
def test_since_the_start_of_the_year_counts_from_the_publication_date(extract_dates, phrase, published, iso, relation):
    (date,) = extract_dates(phrase, published)
    assert date.value.iso == iso and date.value.relation == relation
    assert date.value.part == ("start" if relation == "since" else "end")


def test_since_the_start_of_the_year_without_a_publication_date_stays_relative(extract_dates):
    (date,) = extract_dates("С начала года это уже второе подобное ЧП.")
    value = date.value
    assert (value.relative, value.shift, value.shift_unit, value.relation, value.iso) == (True, 0, "year", "since", None)


def test_the_start_of_a_year_said_in_passing_is_no_date(extract_dates):
    # "в начале года" may be the story's year, not the publication's: only с, до, к count
    assert extract_dates("В начале года он переехал.", "2025-10-07") == []


@pytest.mark.parametrize("phrase, iso", [
    ("Нефтепровод открыли в конце сентября 2010 года, и до конца года он работал в испытательном режиме.", "2010"),
    ("В марте 2019 года завод запустили, а с начала года он выпустил 100 машин.", "2019"),
    ("В мае 2011 года цены выросли, а с начала месяца — на 2%.", "2011-05"),
])
def test_the_start_or_end_of_a_year_after_a_date_with_a_year_is_that_year(extract_dates, phrase, iso):
    *_, date = extract_dates(phrase, "2025-10-07")
    assert date.value.iso == iso and not date.value.relative
