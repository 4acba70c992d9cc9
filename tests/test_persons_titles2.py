"""Titles of sport, public life and the clergy; a title with 'из <country>'; a title in an
inverted or copular sentence; names with several surnames or particles, and in a list."""
from __future__ import annotations

import pytest

from examples import titles


@pytest.mark.parametrize("text, name, title", [
    ("Встречу обслуживал арбитр Сергей Карасёв.", "Сергей Карасёв", "арбитр"),
    ("Встречу обслуживал рефери Марк Шилд.", "Марк Шилд", "рефери"),
    ("Автор идеи Иван Петров рассказал о проекте.", "Иван Петров", "автор идеи"),
    ("Олимпийский чемпион Александр Легков выступит в Давосе.", "Александр Легков", "олимпийский чемпион"),
    ("Пресс-конференцию провёл чемпион мира по боксу Николай Валуев.", "Николай Валуев", "чемпион мира по боксу"),
    ("Биатлонистка Ольга Зайцева завоевала медаль.", "Ольга Зайцева", "биатлонистка"),
    ("Футболист Андрей Аршавин перешёл в новый клуб.", "Андрей Аршавин", "футболист"),
    ("Протоиерей Всеволод Чаплин выступил с заявлением.", "Всеволод Чаплин", "протоиерей"),
    ("Писательница Людмила Улицкая получила премию.", "Людмила Улицкая", "писательница"),
    ("Бизнесмен Олег Дерипаска купил акции.", "Олег Дерипаска", "бизнесмен"),
    ("Мы поговорили с чемпионкой мира Александрой Костенюк.", "Александра Костенюк", "чемпионка мира"),
    ("Пресс-атташе клуба Иван Петров сообщил о трансфере.", "Иван Петров", "пресс-атташе клуба"),
])
def test_sport_public_and_clergy_roles_are_titles(extractor, text, name, title):
    assert title in [t for t, _ in titles(extractor, text, name)]


def test_a_feminine_role_keeps_a_woman_s_name_feminine(extractor):
    doc = extractor("Фигуристка Аделина Сотникова выиграла золото.")
    assert "Аделина Сотникова" in [p.name for p in doc.persons]


@pytest.mark.parametrize("text, name, title, where", [
    ("Гроссмейстер из Хорватии Зденко Кожул выиграл турнир.", "Зденко Кожул", "гроссмейстер", "Хорватия"),
    ("Матч судил арбитр из Египта Эссам Абд Эль Фатах.", "Эссам Абд Эль Фатах", "арбитр", "Египет"),
    ("Первое место заняла Екатерина Аталык, шахматистка из Турции.", "Екатерина Аталык", "шахматистка", "Турция"),
])
def test_the_country_after_iz_is_the_title_s_place(extractor, text, name, title, where):
    assert (title, where) in titles(extractor, text, name)


def test_a_title_before_a_link_verb_and_a_titled_name(extractor):
    found = titles(extractor, "Чемпионкой мира стала шахматистка из Турции Екатерина Аталык.", "Екатерина Аталык")
    assert ("шахматистка", "Турция") in found
    assert "чемпионка мира" in [t for t, _ in found]


def test_a_title_a_dash_and_the_name(extractor):
    assert ("арбитр", "Россия") in titles(extractor, "Лучший арбитр России — Валентин Иванов.", "Валентин Иванов")


def test_a_title_after_a_verb_is_not_before_a_dash(extractor):
    assert titles(extractor, "Об этом заявил министр — Иван Петров.", "Иван Петров") == []


@pytest.mark.parametrize("text, name, last", [
    ("Матч обслужит арбитр Эссам Абд Эль Фатах.", "Эссам Абд Эль Фатах", "Абд Эль Фатах"),
    ("Судьёй встречи назначен Мануэль Мехуто Гонсалес.", "Мануэль Мехуто Гонсалес", "Гонсалес"),
    ("Премьер-министр Испании Хосе Луис Родригес Сапатеро прибыл в Москву.",
     "Хосе Луис Родригес Сапатеро", "Сапатеро"),
    ("Премьер-министр Турции Реджеп Тайип Эрдоган прибыл в Киев.", "Реджеп Тайип Эрдоган", "Эрдоган"),
])
def test_no_word_of_a_long_foreign_name_is_dropped(extractor, text, name, last):
    [person] = [p for p in extractor(text).persons if p.name == name]
    assert person.last == last


def test_a_russian_name_with_a_patronymic_keeps_its_parts(extractor):
    [person] = extractor("Директор завода Петров Иван Сергеевич выступил.").persons
    assert (person.first, person.middle, person.last) == ("Иван", "Сергеевич", "Петров")


def test_names_in_a_bulleted_list(extractor):
    doc = extractor("Финал пройдёт в субботу в Москве, его обслужат арбитры из разных стран.\n"
                    "Судьи матча:\n• Коффи Коджа (Бенин)\n• Марк Шилд (Австралия)\n"
                    "Билеты на матч поступили в продажу в понедельник, сообщили организаторы.")
    assert {"Коффи Коджа", "Марк Шилд"} <= {p.name for p in doc.persons}


def test_a_country_adjective_before_a_trade_is_a_nationality_not_a_place(extractor):
    assert titles(extractor, "Кампанию ведёт нидерландский предприниматель Бессель Кок.", "Бессель Кок") \
        == [("предприниматель", None)]
    assert titles(extractor, "Российский министр Иван Петров прибыл в Минск.", "Иван Петров") == [("министр", "Россия")]


@pytest.mark.parametrize("text, name, title", [
    ("Президент назначил Ивана Петрова министром финансов.", "Иван Петров", "министр финансов"),
    ("Совет директоров избрал Анну Смирнову председателем правления.", "Анна Смирнова", "председатель правления"),
    ("Автором идеи выступил Иван Петров.", "Иван Петров", "автор идеи"),
])
def test_a_title_in_the_instrumental_given_by_a_verb(extractor, text, name, title):
    assert title in [t for t, _ in titles(extractor, text, name)]


def test_calling_someone_a_partner_gives_no_title(extractor):
    assert titles(extractor, "Министр назвал Ивана Петрова партнёром.", "Иван Петров") == []


def test_a_country_in_parentheses_after_a_titled_name_is_the_title_s_place(extractor):
    assert ("гроссмейстер", "Хорватия") in titles(
        extractor, "В турнире победил гроссмейстер Зденко Кожул (Хорватия).", "Зденко Кожул")


@pytest.mark.parametrize("text, name, title", [
    ("На концерт пришёл доктор Антон Веллер.", "Антон Веллер", "доктор"),
    ("Клуб покинул сэр Бобби Чарльтон.", "Бобби Чарльтон", "сэр"),
    ("Выступила поп-певица Ольга Орлова.", "Ольга Орлова", "поп-певица"),
    ("Фильм снял тележурналист Игорь Соколов.", "Игорь Соколов", "тележурналист"),
    ("В цирке выступил клоун Сергей Попов.", "Сергей Попов", "клоун"),
    ("Его поддержал финансист Марк Леви.", "Марк Леви", "финансист"),
    ("Спектакль поставил худрук театра Олег Ершов.", "Олег Ершов", "худрук театра"),
])
def test_honours_trades_and_arts_news_name_people_by(extractor, text, name, title):
    assert title in [t for t, _ in titles(extractor, text, name)]


def test_a_word_that_is_a_title_only_in_the_plural_does_not_agree_in_the_singular(extractor):
    # 'политики' here is политика (policy) in the genitive; as a title it is the plural of политик
    doc = extractor("Они выступили с критикой политики Юкио Хатоямы.")
    assert [q.title for p in doc.persons for q in p.positions] == []
