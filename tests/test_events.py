"""Events: the phrase grammar, and links made in resolve from hand-made neighbours.

The link tests build the dates, places, organizations and figures themselves (as the
other record types' resolvers would), so they test only what `resolve/events.py` does.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from fakty.clean import clean
from fakty.grammar import GrammarStage
from fakty.grammars.events import grammars
from fakty.lexicons import builtin
from fakty.numbers import roman
from fakty.records import Date, DateValue, Figure, Location, Organization, Span
from fakty.resolve import ResolveContext, drop_overlaps
from fakty.resolve import events as resolve_events
from fakty.segment import segment

from examples import example_groups, mismatches

EXAMPLES = example_groups("events_examples.tsv", columns=1)


def mentions(text: str):
    cleaned = clean(text)
    sentences = segment(cleaned.text)
    found = GrammarStage(grammars(builtin())).run(cleaned, sentences, [], None)
    return [m.record for m in found], cleaned, sentences


def named(text: str):
    return [r for r in mentions(text)[0] if r.name]


def one(text: str):
    found = named(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, span, kind, name, ordinal", [
    ("Об этом сообщил на III Международном форуме особых экономических зон в Нижнем Новгороде.",
     "III Международном форуме особых экономических зон", "форум",
     "Международный форум особых экономических зон", 3),
    ("Итоги обсудят на VII Общероссийском конгрессе инженеров.",
     "VII Общероссийском конгрессе инженеров", "конгресс", "Общероссийский конгресс инженеров", 7),
    ("Прошла конференция «Промышленная Россия 4.0».",
     "конференция «Промышленная Россия 4.0»", "конференция", "конференция «Промышленная Россия 4.0»", None),
    ("В их числе круглый стол «Технологический суверенитет в промышленности: на пути к лидерству», который",
     "круглый стол «Технологический суверенитет в промышленности: на пути к лидерству»", "круглый стол",
     "круглый стол «Технологический суверенитет в промышленности: на пути к лидерству»", None),
    ("Центральным событием стало пленарное заседание «Сделано в России: курс на технологическое лидерство».",
     "пленарное заседание «Сделано в России: курс на технологическое лидерство»", "пленарное заседание",
     "пленарное заседание «Сделано в России: курс на технологическое лидерство»", None),
    ("В рамках панельной сессии «ОЭЗ как инструмент развития» представители обсудили роль зон.",
     "панельной сессии «ОЭЗ как инструмент развития»", "сессия",
     "панельная сессия «ОЭЗ как инструмент развития»", None),
    ("Доклад прозвучал на Петербургском международном экономическом форуме.",
     "Петербургском международном экономическом форуме", "форум",
     "Петербургский международный экономический форум", None),
    ("Участники научно-практической конференции «Цифра» обсудили итоги.",
     "научно-практической конференции «Цифра»", "конференция", "научно-практическая конференция «Цифра»", None),
    ("С 3 по 17 апреля в Кушадаси проходил 7-й личный чемпионат Европы по шахматам.",
     "7-й личный чемпионат Европы по шахматам", "чемпионат", "личный чемпионат Европы по шахматам", 7),
])
def test_event_phrase(text, span, kind, name, ordinal):
    event = one(text)
    assert (event.spans[0].text, event.kind, event.name, event.ordinal) == (span, kind, name, ordinal)


def test_recurrence_word_marks_the_event_and_stays_out_of_a_capitalised_name():
    event = one("В Москве состоялся ежегодный Национальный промышленный конгресс PromSpace, который собрал экспертов.")
    assert event.spans[0].text == "ежегодный Национальный промышленный конгресс PromSpace"
    assert event.name == "Национальный промышленный конгресс PromSpace"
    assert event.recurring


def test_ordinal_from_in_the_nth_time():
    event = one("В Москве в третий раз состоялась Ежегодная практическая конференция «Промышленная Россия 4.0».")
    assert event.ordinal == 3 and event.recurring


@pytest.mark.parametrize("inputs, expected", EXAMPLES, ids=[i[0][:40] for i, _ in EXAMPLES])
def test_events_example_table(inputs, expected):
    (phrase,) = inputs
    found = mentions(phrase)[0]
    assert [e.spans[0].text for e in found] == [text for text, _ in expected]
    for record, (_, fields) in zip(found, expected):
        assert mismatches(record, fields) == {}


def test_known_short_names_and_edition_year():
    found = named("Стенд показали на ПМЭФ. На ПМЭФ-2024 было предложено снизить порог. Компания едет на «Иннопром».")
    assert [(e.spans[0].text, e.kind) for e in found] == [
        ("ПМЭФ", "форум"), ("ПМЭФ-2024", "форум"), ("«Иннопром»", "выставка")]
    assert found[0].name == found[1].name == "Петербургский международный экономический форум"
    assert found[0].date is None and found[1].date.year == 2024


def test_a_bare_kind_word_is_not_an_event():
    assert named("Форум прошел успешно. Участники мероприятия обсудили итоги. На конференции выступил министр.") == []


# General news: competitions, elections, wars, talks. A lowercase body, scope or office
# names one event (grammars/event_qualifiers.tsv); so do the two sides of a match.
@pytest.mark.parametrize("text, span, kind, name", [
    # the body that meets
    ("Вопрос обсудили на заседании кабинета министров.",
     "заседании кабинета министров", "заседание", "заседание кабинета министров"),
    ("Доклад прозвучал на заседании исполкома УЕФА.",
     "заседании исполкома УЕФА", "заседание", "заседание исполкома УЕФА"),
    ("Речь шла на заседании правительства премьер-министр выступил первым.",
     "заседании правительства", "заседание", "заседание правительства"),
    # the scope of a competition, what is played for
    ("Сборная готовится к чемпионату мира по хоккею.",
     "чемпионату мира по хоккею", "чемпионат", "чемпионат мира по хоккею"),
    ("Команда выиграла первенство страны.", "первенство страны", "первенство", "первенство страны"),
    ("Он сыграет в матче на первенство мира по шашкам.",
     "матче на первенство мира по шашкам", "матч", "матч на первенство мира по шашкам"),
    ("В субботу состоится матч между Германией и Францией.",
     "матч между Германией и Францией", "матч", "матч Германия — Франция"),
    ("Билеты на матч Бразилия — Аргентина раскупили за час.",
     "матч Бразилия — Аргентина", "матч", "матч Бразилия - Аргентина"),
    ("Все матчи чемпионата мира покажут по телевизору.",
     "чемпионата мира", "чемпионат", "чемпионат мира"),  # the matches are many: the cup is one
    # the office or assembly elected
    ("Партия готовится к парламентским выборам.", "парламентским выборам", "выборы", "парламентские выборы"),
    ("Он победил на выборах мэра.", "выборах мэра", "выборы", "выборы мэра"),
    ("Кандидаты на выборах в городскую думу зарегистрированы.",
     "выборах в городскую думу", "выборы", "выборы в городскую думу"),
    # a capital names a war; its year belongs to the mention
    ("Прадед погиб во время Крымской войны 1853 года.",
     "Крымской войны 1853 года", "война", "Крымская война 1853 года"),
    ("Кубок Дэвиса разыграют в ноябре.", "Кубок Дэвиса", "кубок", "Кубок Дэвиса"),
    # a referendum by the question it decides
    ("Итоги референдума об отставке мэра подвели вчера.",
     "референдума об отставке мэра", "референдум", "референдум об отставке мэра"),
    ("Открылась новая сессия Конгресса США.", "новая сессия Конгресса США", "сессия", "новая сессия Конгресса США"),
    ("Следующий матч-турнир за звание «Чемпион Европы» пройдет в Риге.",
     "Следующий матч-турнир за звание «Чемпион Европы»", "матч-турнир",
     "матч-турнир за звание «Чемпион Европы»"),
])
def test_event_phrase_in_general_news(text, span, kind, name):
    event = one(text)
    assert (event.spans[0].text, event.kind, event.name) == (span, kind, name)


@pytest.mark.parametrize("text", [
    "Война началась внезапно, и во время войны в городе не было света.",
    "Матч отменили из-за дождя, товарищеский матч перенесли.",
    "Выборы прошли спокойно, досрочные выборы не нужны.",
    "Переговоры зашли в тупик, но переговоры о поставках газа продолжатся.",
    "Победителю вручили кубок, турнир завершился.",
    "Он добился первенства в отрасли, а референдум не состоялся.",
    "Член Конгресса США выступил против. Конгресс США принял закон.",
])
def test_a_bare_kind_of_general_news_is_not_an_event(text):
    assert named(text) == []


def test_a_war_and_its_year_later_are_one_event():
    text = "Прадед погиб во время Крымской войны 1853 года. Итоги войны 1853 года известны."
    (war,), _ = resolved(text)
    assert [s.text for s in war.spans] == ["Крымской войны 1853 года", "войны 1853 года"]


def test_roman_numerals():
    assert [roman(x) for x in ("III", "VII", "XIV", "IIII", "VX", "", "C" * 9)] == [3, 7, 14, None, None, None, None]


def test_odd_tokens_do_not_crash():
    # surviving is the point: unbalanced quotes, a huge edition number, many numbers
    assert isinstance(named("форум «" * 50), list)
    odd = named("конференция " + "«" * 10 + "»" * 10 + " 10" * 60 + " ПМЭФ-99999999999999999999")
    assert all(e.date is None for e in odd)


# --- resolve -----------------------------------------------------------------------------

def at(text: str, piece: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return Span(start=start, stop=start + len(piece), text=piece)


def resolved(text: str, **entities):
    records, cleaned, sentences = mentions(text)
    ids = iter(range(1000, 2000))
    records = [r.model_copy(update={"id": f"m{next(ids)}"}) for r in records]
    context = ResolveContext(cleaned, sentences, None, entities={
        "locations": [], "organizations": [], "persons": [], "dates": [], "figures": [], **entities})
    from fakty.grammar import Mention

    kept = drop_overlaps([Mention(r, "events.phrase", 10) for r in records])
    return resolve_events.resolve(kept, context), context


def test_date_and_place_from_the_next_sentence_through_a_reference():
    text = ("Итоги обсудят на VII Общероссийском конгрессе инженеров. "
            "Мероприятие пройдет в Комсомольске-на-Амуре 16-17 октября.")
    date = Date(id="d1", spans=[at(text, "16-17 октября")],
                value=DateValue(month=10, day=16, end=DateValue(month=10, day=17)))
    place = Location(id="l1", spans=[at(text, "Комсомольске-на-Амуре")], name="Комсомольск-на-Амуре")
    (event,), _ = resolved(text, dates=[date], locations=[place])
    assert event.date == date.value and event.location_id == "l1"
    # the bare 'Мероприятие' carries the link but is no mention of its own
    assert [s.text for s in event.spans] == ["VII Общероссийском конгрессе инженеров"]


def test_date_and_place_before_the_holding_verb():
    text = "23 ноября 2018 года В Москве в третий раз состоялась Ежегодная практическая конференция «Промышленная Россия 4.0»."
    date = Date(id="d1", spans=[at(text, "23 ноября 2018 года")], value=DateValue(year=2018, month=11, day=23))
    place = Location(id="l1", spans=[at(text, "Москве")], name="Москва")
    (event,), _ = resolved(text, dates=[date], locations=[place])
    assert (event.date.year, event.location_id, event.ordinal) == (2018, "l1", 3)


def test_place_right_after_the_event():
    text = "Об этом сообщил на III Международном форуме особых экономических зон в Нижнем Новгороде министр."
    place = Location(id="l1", spans=[at(text, "Нижнем Новгороде")], name="Нижний Новгород")
    (event,), _ = resolved(text, locations=[place])
    assert event.location_id == "l1"


def test_no_link_without_a_pattern():
    text = "Степан Коваленко выступил на Международном форуме «Зоны». В Москве 5 июня открыли завод."
    date = Date(id="d1", spans=[at(text, "5 июня")], value=DateValue(month=6, day=5))
    place = Location(id="l1", spans=[at(text, "Москве")], name="Москва")
    (event,), _ = resolved(text, dates=[date], locations=[place])
    assert event.date is None and event.location_id is None


def test_organizers_and_supporters():
    text = ("В Москве состоялся Национальный промышленный конгресс PromSpace. "
            "Организатором мероприятия выступили Агентство экономического развития при поддержке "
            "Министерства промышленности и торговли Российской Федерации и Союза машиностроителей России.")
    orgs = [Organization(id="o1", spans=[at(text, "Агентство экономического развития")], name="Агентство экономического развития"),
            Organization(id="o2", spans=[at(text, "Министерства промышленности и торговли Российской Федерации")], name="Минпромторг"),
            Organization(id="o3", spans=[at(text, "Союза машиностроителей России")], name="Союз машиностроителей России")]
    (event,), _ = resolved(text, organizations=orgs)
    assert event.organizer_ids == ["o1"] and event.supporter_ids == ["o2", "o3"]


def test_organizer_of_the_event_before_which():
    text = ("В их числе круглый стол «Технологический суверенитет», который организует "
            "министерство промышленности и торговли края.")
    org = Organization(id="o1", spans=[at(text, "министерство промышленности и торговли края")], name="министерство")
    (event,), _ = resolved(text, organizations=[org])
    assert event.organizer_ids == ["o1"]


def test_participants():
    text = ("Прошла III конференция «Промышленная Россия». В работе конференции приняли участие "
            "более 500 человек из 66 субъектов Российской Федерации.")
    figure = Figure(id="f1", spans=[at(text, "более 500 человек")], kind="count", value=Decimal(500),
                    unit="человек", qualifier="more_than")
    other = Figure(id="f2", spans=[at(text, "66 субъектов")], kind="count", value=Decimal(66), unit="субъект")
    (event,), _ = resolved(text, figures=[figure, other])
    assert event.participants.value == 500 and event.participants.qualifier == "more_than"


def test_parent_from_a_list_after_within():
    text = ("Состоялась Ежегодная конференция «Промышленная Россия 4.0».\n"
            "В рамках конференции состоялись мероприятия:\n"
            "- Пленарное заседание «Кооперация как основа экспорта»;\n"
            "- Практический семинар «Эффективный технопарк».\n"
            "Участники конференции выразили мнение.")
    conference, plenary, seminar = resolved(text)[0]
    assert plenary.parent_id == conference.id and seminar.parent_id == conference.id
    assert conference.parent_id is None
    assert len(conference.spans) == 1  # bare 'конференции' is not a mention


def test_parent_from_central_event_of():
    text = ("В Москве состоялся Национальный промышленный конгресс PromSpace. "
            "Центральным событием конгресса стало пленарное заседание «Сделано в России».")
    congress, plenary = resolved(text)[0]
    assert plenary.parent_id == congress.id


def test_a_reference_with_two_candidates_is_left_alone():
    text = ("Прошли Международный форум «Зоны» и Российский форум «Кластеры». "
            "В работе форума приняли участие более 500 человек.")
    figure = Figure(id="f1", spans=[at(text, "более 500 человек")], kind="count", value=Decimal(500),
                    unit="человек", qualifier="more_than")
    first, second = resolved(text, figures=[figure])[0]
    assert first.participants is None and second.participants is None


def test_a_reference_goes_to_the_event_of_the_previous_sentence():
    text = ("В Казани прошла Международная конференция «Цифровая индустрия». "
            "Форум «Открытые инновации» организован при поддержке Правительства Москвы. "
            "Мероприятие состоится 20 мая.")
    date = Date(id="d1", spans=[at(text, "20 мая")], value=DateValue(month=5, day=20))
    conference, forum = resolved(text, dates=[date])[0]
    assert forum.date == date.value and conference.date is None


def test_mentions_of_one_event_are_one_event():
    text = ("Подведены итоги III Ежегодной практической конференции «Промышленная Россия 4.0 - повышение конкурентоспособности регионов». "
            "В Москве в третий раз состоялась Ежегодная практическая конференция «Промышленная Россия 4.0».")
    (event,), _ = resolved(text)
    assert event.ordinal == 3 and len(event.spans) == 2


def test_end_to_end_on_a_seed(extractor):
    from conftest import FIXTURES

    path = FIXTURES / "004_81d7c216ccd40b0c.txt"
    doc = extractor(path.read_text(encoding="utf-8"))
    names = {e.name: e for e in doc.events}
    congress = names["Общероссийский конгресс инженеров"]
    assert congress.ordinal == 7
    assert doc.get(congress.location_id).name == "Комсомольск-на-Амуре"
    table = names["круглый стол «Технологический суверенитет в промышленности: на пути к лидерству»"]
    assert table.parent_id == congress.id


def test_an_abbreviation_in_brackets_names_the_event_later_too():
    text = ("Компания выступила на Российской энергетической неделе (РЭН). "
            "На РЭН подписали соглашения. Форум «Армия-2024» открылся.")
    week, army = resolved(text)[0]
    assert [s.text for s in week.spans] == ["Российской энергетической неделе (РЭН)", "РЭН"]
    assert week.name == "Российская энергетическая неделя"
    assert army.date.year == 2024


def test_participants_of_the_event_talked_about_just_before_in_the_paragraph():
    text = ("Какие меры необходимы, обсудят участники круглого стола «Суверенитет». "
            "Также планируется затронуть вопросы производства. "
            "Ожидается, что к обсуждению присоединятся порядка 30 человек.\n"
            "Другие 40 человек приняли участие в субботнике.")
    near = Figure(id="f1", spans=[at(text, "порядка 30 человек")], kind="count", value=Decimal(30),
                  unit="человек", qualifier="approx")
    far = Figure(id="f2", spans=[at(text, "40 человек")], kind="count", value=Decimal(40), unit="человек")
    (table,), _ = resolved(text, figures=[near, far])
    assert table.participants.value == 30


# --- quality on the gold fixtures ---------------------------------------------------------

def _overlap(a, b) -> bool:
    return a is not None and b is not None and any(
        x.start < y.stop and y.start < x.stop for x in a.spans for y in b.spans)


def test_events_on_the_fixtures(extractor):
    """Events F1 >= 0.85; for found events, date, place and ordinal right in >= 90% of the
    cases where the gold has them."""
    from conftest import ROOT

    from fakty.evaluate import _date_key, evaluate, load_gold

    fixtures = ROOT / "fixtures"
    assert evaluate(fixtures, extractor).scores["events"].f1 >= 0.85
    right, total = 0, 0
    for gold in load_gold(fixtures):
        predicted = extractor(gold.text, published=gold.published)
        for want in gold.events:
            got = next((e for e in predicted.events if _overlap(e, want)), None)
            if got is None:
                continue
            if want.date:
                total += 1
                right += bool(got.date) and _date_key(got.date) == _date_key(want.date)
            if want.location_id:
                total += 1
                right += _overlap(gold.get(want.location_id), predicted.get(got.location_id or ""))
            if want.ordinal:
                total += 1
                right += got.ordinal == want.ordinal
    assert total and right / total >= 0.9


def test_compound_kind_and_a_bracketed_abbreviation_with_its_edition():
    fair = one("На ВДНХ проходит Международная выставка-форум «Россия».")
    assert (fair.kind, fair.name) == ("выставка-форум", "Международная выставка-форум «Россия»")
    # sentence-initial capitals say nothing, the abbreviation says it is a name
    (forum,), _ = resolved("Восточный экономический форум (ВЭФ-2024) завершился.")
    assert forum.spans[0].text == "Восточный экономический форум (ВЭФ-2024)" and forum.date.year == 2024


def test_a_session_belongs_to_the_one_forum_named_before_it():
    text = ("Об этом сообщил на III Международном форуме особых экономических зон министр.\n"
            "В рамках панельной сессии «ОЭЗ как инструмент» эксперты обсудили кооперацию.")
    forum, session = resolved(text)[0]
    assert session.parent_id == forum.id


def test_no_parent_when_two_forums_could_hold_the_session():
    text = ("Министр побывал на Международном форуме «Зоны» и на Российском форуме «Кластеры».\n"
            "В рамках панельной сессии «ОЭЗ как инструмент» эксперты обсудили кооперацию.")
    *_, session = resolved(text)[0]
    assert session.parent_id is None


def test_the_body_that_meets_organizes_its_meeting():
    text = "Состоялось выездное заседание Экспертного совета по импортозамещению."
    council = Organization(id="o1", spans=[at(text, "Экспертного совета по импортозамещению")],
                           name="Экспертный совет по импортозамещению")
    (meeting,), _ = resolved(text, organizations=[council])
    assert meeting.kind == "заседание" and meeting.organizer_ids == ["o1"]


def test_recurrence_said_of_the_event_in_another_sentence():
    text = ("Обсудят на VII Общероссийском конгрессе инженеров. Конгресс проводится на постоянной основе.")
    (congress,), _ = resolved(text)
    assert congress.recurring


def test_a_known_name_at_the_start_of_a_sentence():
    assert one("Петербургский международный экономический форум стартует завтра.").kind == "форум"
    assert named("Международный форум прошел успешно.") == []


# --- editions of a recurring event (issue 13, class 8) -------------------------------------

def test_a_year_or_an_ordinal_names_an_edition_and_editions_share_their_series():
    text = ("Разработчики показали роботов на форуме «Технопром-2023» в Новосибирске. "
            "Десятый Технопром собрал втрое больше гостей.")
    (first, second), _ = resolved(text)
    assert (first.date.year, first.ordinal, second.ordinal) == (2023, None, 10)
    assert first.series == second.series == "форум «Технопром»"
    assert first.recurring and second.recurring


def test_the_only_edition_on_a_page_is_what_its_short_name_means():
    text = "Завод привёз станки на выставку «Иннопром-2025». На Иннопроме подписали три контракта."
    (event,), _ = resolved(text)
    assert [s.text for s in event.spans] == ["выставку «Иннопром-2025»", "Иннопроме"]
    assert (event.date.year, event.series) == (2025, "выставка «Иннопром»")


def test_with_two_editions_a_bare_short_name_is_the_recurring_event():
    text = "Итоги ПМЭФ-2023 и ПМЭФ-2024 сравнили эксперты. ПМЭФ проводится с 1997 года."
    editions, _ = resolved(text)
    assert [(e.spans[0].text, e.date and e.date.year) for e in editions] == [
        ("ПМЭФ-2023", 2023), ("ПМЭФ-2024", 2024), ("ПМЭФ", None)]
    assert {e.series for e in editions} == {"Петербургский международный экономический форум"}


def test_the_same_edition_twice_is_one_event():
    text = "На XII Иннопроме подписали соглашение. Двенадцатый Иннопром завершился в четверг."
    (event,), _ = resolved(text)
    assert (event.ordinal, event.series, len(event.spans)) == (12, "Иннопром", 2)


def test_a_title_names_the_event_whatever_adjectives_stand_before_it():
    text = "Открылся V Международный фестиваль «Белые ночи». Гости фестиваля «Белые ночи» увидели салют."
    (event,), _ = resolved(text)
    assert event.ordinal == 5 and len(event.spans) == 2


def test_a_competition_of_a_year_is_an_edition():
    (cup,) = named("Сборная готовится к чемпионату Европы по волейболу 2026 года.")
    assert (cup.date.year, cup.series) == (2026, "чемпионат Европы по волейболу")
    (war,) = named("Дед воевал во время Зимней войны 1939 года.")
    assert (war.date.year, war.series, war.recurring) == (1939, None, False)


def test_a_year_glued_to_the_kind_is_an_edition_and_a_capital_kind_alone_is_that_event():
    text = "Пловчиха взяла золото на Олимпиаде-2024 в Париже. До конца Олимпиады осталось три дня."
    (games,), _ = resolved(text)
    assert (games.name, games.date.year, games.series) == ("Олимпиада-2024", 2024, "Олимпиада")
    assert [s.text for s in games.spans] == ["Олимпиаде-2024", "Олимпиады"]
    (alone,) = named("Борец выступит на Олимпиаде в Лос-Анджелесе.")
    assert (alone.kind, alone.name) == ("олимпиада", "Олимпиада")


def test_a_capital_kind_alone_refers_back_to_the_event_the_page_names():
    text = "Открылся Международный форум «Зоны». Участники Форума обсудили льготы."
    (forum,), _ = resolved(text)
    assert forum.name == "Международный форум «Зоны»" and len(forum.spans) == 1


def test_an_abbreviation_of_the_tail_is_not_the_events():
    text = "Прошло заседание правления Ассоциации индустриальных парков (АИП)."
    (meeting,) = named(text)
    assert meeting.spans[0].text == "заседание правления Ассоциации индустриальных парков"
    (forum,) = named("Прошёл Красноярский экономический форум (КЭФ-2025).")
    assert forum.spans[0].text.endswith("(КЭФ-2025)") and forum.date.year == 2025


def test_an_ordinal_with_any_case_ending_numbers_the_edition():
    assert one("Команда выступила на 40-м Московском международном турнире.").ordinal == 40
    assert one("Жюри 25-го Международного фестиваля «Сказка» назвало победителей.").ordinal == 25
