"""Figures: the example table beside the grammar (grammars/figures_examples.tsv), the
seeds' figures, and bad input."""
from __future__ import annotations

from decimal import Decimal

import pytest

from fakty import Extractor
from fakty.grammars import dates, figures
from fakty.grammar import contexts
from fakty.lexicons import builtin

from conftest import FIXTURES, assert_windows_find_what_sentences_find
from examples import example_groups, mismatches

EXAMPLES = example_groups("figures_examples.tsv", columns=1)


@pytest.fixture(scope="module")
def extractor_figures():
    return Extractor(grammars=dates.grammars(builtin()) + figures.grammars(builtin()), ner=False)


@pytest.fixture(scope="module")
def extract_figures(extractor_figures):
    return lambda text, published=None: extractor_figures(text, published=published).figures


@pytest.mark.parametrize("inputs, expected", EXAMPLES, ids=[i[0][:60] for i, _ in EXAMPLES])
def test_figures_example_table(extract_figures, inputs, expected):
    (phrase,) = inputs
    found = extract_figures(phrase)
    assert [f.text for f in found] == [text for text, _ in expected]
    for record, (_, fields) in zip(found, expected):
        assert mismatches(record, fields) == {}


def test_a_year_less_period_takes_the_publication_year(extract_figures):
    (figure,) = extract_figures("За первое полугодие выручка составила 5 млрд рублей.", "2025-08-01")
    assert figure.period.iso == "2025-H1"


def test_figures_keep_exact_decimals_in_json(extractor_figures):
    doc = extractor_figures("Выручка составила 1,1 млрд рублей, доля выросла на 0,77%.")
    assert [f["value"] for f in doc.to_dict()["figures"]] == ["1100000000", "0.77"]


def test_the_seed_on_clusters_gives_its_figures(extract_figures):
    text = (FIXTURES / "002_9558e3017ce42363.txt").read_text(encoding="utf-8")
    got = {(f.value, f.unit, f.qualifier) for f in extract_figures(text)}
    assert {(Decimal(82), "организация", "exact"), (Decimal(175000), "человек", "more_than"),
            (Decimal(710_000_000_000), "RUB", "more_than"), (Decimal("0.77"), "%", "exact"),
            (Decimal(500), "человек", "more_than")} <= got
    # the law number and the dates of the page make no figures
    assert not {Decimal(204), Decimal(2018), Decimal(2024)} & {f.value for f in extract_figures(text)}


def test_triggers_skip_sentences_without_numbers():
    fire = [figures.TRIGGERS.fire(c) for c in contexts(
        "Форум прошел успешно. Пришли 500 человек. Пришли двести человек. Цены выросли вдвое.")]
    assert fire == [False, True, True, True]


def test_a_currency_named_with_its_adjective_holds_for_the_bare_noun_after_it(extract_figures):
    found = extract_figures("Доходы составили 667,2 миллиона кипрских фунтов. Поступления выросли "
                            "до 111,2 миллиона фунтов, а 5 британских фунтов стоят 6 евро.")
    assert [f.unit for f in found] == ["CYP", "CYP", "GBP", "EUR"]
    # with no adjective said before, a pound is the British one
    assert [f.unit for f in extract_figures("Налог вырос до 111,2 миллиона фунтов.")] == ["GBP"]


def test_an_amount_without_unit_takes_the_sum_of_the_sentence_before(extract_figures):
    found = extract_figures("Концерн должен выплачивать 1,5 миллиона долларов ежедневно. "
                            "Комиссия угрожала поднять штраф до 3 миллионов.")
    assert [(f.text, f.unit, f.value) for f in found] == [
        ("1,5 миллиона долларов", "USD", Decimal(1_500_000)), ("до 3 миллионов", "USD", Decimal(3_000_000))]
    # a count does not carry over a sentence to a bare amount: "тысяч" of what is not said
    found = extract_figures("Они прошли две терапии. Таких насчитывается не более двух тысяч.")
    assert [f.text for f in found] == ["две терапии"]
    # nor does anything carry further than one sentence
    found = extract_figures("Выплатили 5 млн рублей. Потом был дождь. Потом выплатили еще 3 миллиона.")
    assert [f.text for f in found] == ["5 млн рублей"]


def test_a_list_by_origin_takes_the_count_of_the_sentence_before(extract_figures):
    found = extract_figures("Количество заявок достигло 1,2 миллиона. Среди этих заявок 375000 из "
                            "Германии, 260000 из Великобритании.")
    assert [(f.text, f.kind, f.unit) for f in found] == [
        ("1,2 миллиона", "count", "заявка"), ("375000", "count", "заявка"), ("260000", "count", "заявка")]


BAD_INPUT = [
    "9" * 5000,
    "9" * 5000 + " рублей",
    "1" + "0" * 40 + " рублей",
    "0," + "9" * 5000 + "%",
    " ".join(["1"] * 5000) + " рублей",
    "1,,2 млн рублей",
    "10 000 000 000 000 000 млрд рублей",
    "999 999 999 трлн трлн рублей",
    "$$$ €€€ 5 $ €",
    "от 5 до до 10 %%",
    "на " + "сто " * 300 + "рублей",
    "1.2.3.4.5.6 рублей",
    "- " * 3000 + "5%",
    "\u2009\u00a0 5\u00a0\u00a0000 рублей",
    "\u0663\u0664 рублей и 10\u00b2 рублей и \uff15 рублей",
    "5 — из Германии " * 500,
    "в 2-3-4 раза и в 9" + "9" * 40 + "-1 раза",
    "99 кипрских фунтов кипрских фунтов",
]


@pytest.mark.parametrize("text", BAD_INPUT, ids=range(len(BAD_INPUT)))
def test_bad_input_gives_a_sane_figure_or_none(extract_figures, text):
    for figure in extract_figures(text):
        for value in (figure.value, figure.low, figure.high):
            assert value is None or abs(value) <= figures.MAX_VALUE
        assert figure.value is not None or figure.low is not None


def test_the_lookahead_parser_finds_what_the_plain_parser_finds():
    from fakty.grammar import BudgetParser

    phrases = [i[0] for i, _ in EXAMPLES] + [i[0] for i, _ in example_groups("dates_examples.tsv", 2)]
    for rule in (figures.FIGURE, dates.DATE):
        plain, fast = BudgetParser(rule, 100_000, lookahead=False), BudgetParser(rule, 100_000)
        for context in (c for phrase in phrases for c in contexts(phrase)):
            spans = [[(m.span.start, m.span.stop) for m in p.run(context.tokens, "findall")] for p in (plain, fast)]
            assert spans[0] == spans[1], context.text


PIECES = ["0", "1", "7", "12", "2024", "999999", " ", " ", ",", ".", "-", ":", "%", "$", "€", "№",
          "млн", "млрд", "тыс.", "рублей", "года", "октября", "с", "по", "до", "от", "более",
          "около", "вдвое", "на треть", "человек", "п.п.", "сто", "два", "назад", "«", "»",
          "из", "Германии", "—", "раза", "кипрских", "фунтов", "с.г.", "-х", "годах"]


def test_random_mixes_of_number_pieces_never_raise(extractor_figures):
    from hypothesis import given, settings, strategies as st

    @settings(max_examples=60, deadline=None, derandomize=True)
    @given(st.lists(st.sampled_from(PIECES), max_size=40))
    def check(pieces):
        doc = extractor_figures("".join(pieces), published="2025-01-01")
        for figure in doc.figures:
            for value in (figure.value, figure.low, figure.high):
                assert value is None or abs(value) <= figures.MAX_VALUE
        for date in doc.dates:  # relative dates may go far back ("999 лет назад")
            assert date.value.year is None or date.value.relative or 1800 <= date.value.year <= 2199

    check()


def test_parsing_windows_around_numbers_finds_what_whole_sentences_find():
    assert_windows_find_what_sentences_find(figures, [phrase for (phrase,), _ in EXAMPLES])


# --- issue 13 class 6: a count's unit is its counted noun phrase, nominative singular ------

COUNT_UNITS = [
    # relational adjectives stay, in every gender, case and number the text puts them in
    ("Создано 1200 новых рабочих мест.", "рабочее место"),
    ("В регионе пять особых экономических зон.", "особая экономическая зона"),
    ("Построены три индустриальных парка.", "индустриальный парк"),
    ("Резиденты работают на трёх промышленных площадках.", "промышленная площадка"),
    ("Это одна из 14-и космических агентств.", "космическое агентство"),
    ("Открыто 2 новых детских сада.", "детский сад"),
    ("Введены две новые школы.", "школа"),
    ("Открыли 21 новое предприятие.", "предприятие"),
    # hyphenated: a noun compound stays whole, an adjective compound too
    ("В технопарке работают 12 компаний-резидентов.", "компания-резидент"),
    ("Подключились 7 заводов-изготовителей.", "завод-изготовитель"),
    ("Работают 5 научно-исследовательских институтов.", "научно-исследовательский институт"),
    # several adjectives: rating, pointing and ordering ones go, a coordination goes
    ("Свыше 40 крупных российских промышленных предприятий.", "российское промышленное предприятие"),
    ("Открылись 5 таких частных клиник.", "частная клиника"),
    ("Создано 500 дополнительных рабочих мест.", "рабочее место"),
    ("Открыто 20 малых и средних предприятий.", "предприятие"),
    ("Участвуют более 400 млн активных пользователей.", "пользователь"),
    ("Действуют 50 сотовых операторов.", "сотовый оператор"),
    ("Пробы взяли у трех куриных тушек.", "куриная тушка"),
    ("Работают 30 действующих заводов.", "завод"),
]


@pytest.mark.parametrize("text, unit", COUNT_UNITS, ids=[u for _, u in COUNT_UNITS])
def test_a_count_is_counted_in_its_noun_phrase_without_rating_adjectives(extract_figures, text, unit):
    (figure,) = extract_figures(text)
    assert (figure.kind, figure.unit) == ("count", unit)


def test_a_measure_word_is_the_unit_and_what_it_holds_is_not(extract_figures):
    found = extract_figures("Выдали 10 пластиковых бутылок водки и 20 тонн молока.")
    assert [(f.kind, f.unit) for f in found] == [("count", "пластиковая бутылка"), ("other", "т")]


def test_money_percent_and_measures_keep_their_codes_beside_adjectives(extract_figures):
    found = extract_figures("Выделено 5 млрд бюджетных рублей, 100 кипрских фунтов, 12 процентов "
                            "и 3 тыс. квадратных метров.")
    assert [f.unit for f in found] == ["RUB", "CYP", "%", "м²"]


def test_people_counted_with_an_adjective_still_count_an_events_participants():
    from fakty import extract

    doc = extract("В Москве прошёл Международный инвестиционный форум. В форуме приняли участие "
                  "более 300 иностранных участников.")
    assert [e.participants.unit for e in doc.events if e.participants] == ["иностранный участник"]


def test_the_adjective_lexicons_decide_where_the_grammeme_is_wrong():
    lexicons = builtin()
    # pymorphy3 marks "сотовый" as rating (Qual) and "дополнительный" as not
    assert not figures._dropped_adjective("сотовых", lexicons)
    assert figures._dropped_adjective("дополнительных", lexicons)
    assert figures._dropped_adjective("новых", lexicons) and figures._dropped_adjective("таких", lexicons)
    assert not figures._dropped_adjective("экономических", lexicons)


# --- issue 13 class 7: a qualifier before a preposition ------------------------------------

QUALIFIED = [
    ("Выпуск вырос более чем на 40%.", "более чем на 40%", "more_than"),
    ("Продукция поставляется более чем в 30 стран.", "более чем в 30 стран", "more_than"),
    ("Загрузка выше 110%.", "выше 110%", "more_than"),
    ("Выручка выросла не менее чем на 10%.", "не менее чем на 10%", "more_than"),
    ("Цены снизились менее чем на 5%.", "менее чем на 5%", "less_than"),
    ("Расходы выросли не более чем на 3%.", "не более чем на 3%", "less_than"),
    ("Доля ниже 50%.", "ниже 50%", "less_than"),
    ("Приехали гости почти из 60 стран.", "почти из 60 стран", "approx"),
    ("Экспорт вырос более чем вдвое.", "более чем вдвое", "more_than"),
    ("Выручка выросла почти в три раза.", "почти в три раза", "approx"),
    ("Число сделок снизилось почти на треть.", "почти на треть", "approx"),
]


@pytest.mark.parametrize("text, span, qualifier", QUALIFIED, ids=[s for _, s, _ in QUALIFIED])
def test_a_qualifier_holds_across_a_preposition(extract_figures, text, span, qualifier):
    (figure,) = extract_figures(text)
    assert (figure.text, figure.qualifier) == (span, qualifier)


def test_a_comparative_with_a_preposition_says_by_how_much_and_stays_exact(extract_figures):
    (figure,) = extract_figures("Цены в регионе выше на 5%.")
    assert (figure.text, figure.qualifier) == ("5%", "exact")


@pytest.mark.parametrize("words, head, unit", [
    (["особых", "экономических", "зон"], 2, "особая экономическая зона"),
    (["индустриальных", "парка"], 1, "индустриальный парк"),      # after "три": adjective plural
    (["новые", "школы"], 1, "новая школа"),                         # "две новые школы"
    (["рабочих", "местах"], 1, "рабочее место"),
    (["суток"], 0, "сутки"),                                         # no singular: the plural stays
])
def test_nominative_phrase_puts_a_phrase_into_the_number_asked(words, head, unit):
    from fakty.morph import nominative_phrase

    assert nominative_phrase(words, head=head, number="sing") == unit
    # without a number the head keeps its own
    assert nominative_phrase(["Департамента", "инвестиционной", "политики"]) == "Департамент инвестиционной политики"


def test_a_hyphenated_word_of_the_dictionary_is_one_noun_not_two(extract_figures):
    found = extract_figures("Он встретился с двумя вице-премьерами. Заблокировано более 7 тысяч интернет-ресурсов.")
    assert [(f.unit, f.subject) for f in found] == [("вице-премьер", "вице-премьеры"),
                                                    ("интернет-ресурс", "интернет-ресурсы")]


def test_a_url_is_one_token_and_holds_no_figures(extractor):
    from fakty.tokens import tokenize

    url = "https://www.change.org/p/%D0%BE%D1%82%D0%BC%D0%B5%D0%BD%D0%B0"
    text = f"Петицию [{url} Отменить пакет] подписали, рост составил 5%."
    assert url in [t.value for t in tokenize(text)]
    assert [t.value for t in tokenize("см. www.mos.ru, там")] == ["см", ".", "www.mos.ru", ",", "там"]
    # a URL longer than a sentence may be (80 tokens as razdel splits it) is not cut in two
    long_url = "https://www.change.org/p/" + "%D0%BE%D1%82" * 30
    assert [f.spans[0].text for f in extractor(f"Петиция [{long_url} здесь], рост 7%.").figures] == ["7%"]
    assert [f.spans[0].text for f in extractor(text).figures] == ["5%"]
