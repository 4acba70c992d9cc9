"""Where an office is held when the text does not say it beside the title: the country a
text is about, for a national office ('Премьер-министр Михаил Фрадков')."""
from __future__ import annotations

from fakty.grammars import lexicon


def positions(extractor, text, last):
    doc = extractor(text)
    found = [p for p in doc.persons if p.last == last]
    assert len(found) == 1, [p.name for p in doc.persons]
    places = {e.id: e.name for e in list(doc.locations) + list(doc.organizations)}
    return [(q.title, places.get(q.organization_id or q.location_id or "")) for q in found[0].positions]


RUSSIA = ("Россия выплатит долг досрочно. Долг России уменьшился на треть. ")


def test_a_national_office_is_of_the_country_the_text_is_about(extractor):
    text = RUSSIA + "В этом году премьер-министр Михаил Фрадков предполагает выплатить ещё часть."
    assert positions(extractor, text, "Фрадков") == [("премьер-министр", "Россия")]
    text = RUSSIA + "Министр финансов Алексей Кудрин заявил, что денег хватит."
    assert positions(extractor, text, "Кудрин") == [("министр финансов", "Россия")]


def test_no_country_when_none_has_more_than_half_of_the_mentions(extractor):
    text = ("Россия и Китай подписали договор. Китай и Россия начнут поставки. "
            "Президент Владимир Путин доволен.")
    assert positions(extractor, text, "Путин") == [("президент", None)]
    # three mentions of one country and two of another: no country has two thirds
    text = ("Сенатор Джон Керри прибыл в Пакистан. Он первым из политиков США посетил Пакистан после "
            "операции. Власти Пакистана ждут от США помощи.")
    assert positions(extractor, text, "Керри") == [("сенатор", None)]
    # named once is not enough to be what the text is about
    text = "Президент Барак Обама прилетел в Мексику."
    assert positions(extractor, text, "Обама") == [("президент", None)]


def test_only_national_offices_take_the_country(extractor):
    text = RUSSIA + "Писатель Виктор Шендерович высказался об этом."
    assert positions(extractor, text, "Шендерович") == [("писатель", None)]
    # an office the text places stays where the text places it
    text = RUSSIA + "Президент Франции Николя Саркози прибыл с визитом."
    assert positions(extractor, text, "Саркози") == [("президент", "Франция")]


def test_national_titles_lexicon_lists_heads_of_state_and_ministers():
    entries = lexicon("national_titles.txt")
    assert {"президент", "премьер-министр", "министр …"} <= set(entries)


def test_a_bare_title_does_not_take_an_office_another_person_holds(extractor):
    text = ("Место спикера Палаты представителей занял республиканец Джон Бенер. "
            "В Сенате, где демократам удалось сохранить большинство, спикер Гарри Рид заявил о планах.")
    assert positions(extractor, text, "Бенер") == [("спикер", "Палата представителей")]
    assert positions(extractor, text, "Рид") == [("спикер", None)]


def test_a_bare_title_takes_the_one_place_its_title_has_elsewhere(extractor):
    text = ("Президент Франции прибыл в Вашингтон. Гостя встречал Барак Обама. "
            "«Мы обсудили Афганистан», — сказал Николя Саркози, президент.")
    assert positions(extractor, text, "Саркози") == [("президент", "Франция")]
