"""Person names the tagger gives with something else in them, or in a case pymorphy3 can
only guess: foreign names follow the case of the title before them."""
from __future__ import annotations

import pytest


def names(extractor, text):
    return [p.name for p in extractor(text).persons]


@pytest.mark.parametrize("text, name", [
    # pymorphy3 knows none of the words: the genitive title tells the name's case
    ("Визит в Пекин министра иностранных дел Таиланда Кромсака Тхавепола отложен.",
     "Кромсак Тхавепол"),
    ("Завершилась поездка премьер-министра Японии Сейджи Маехары.", "Сейджи Маехара"),
    # a nominative title: the name stays as written
    ("Министр иностранных дел Японии Сейджи Маехара прибыл в Москву.", "Сейджи Маехара"),
    # a known first name: the unknown surname follows its case
    ("Мы поговорили с Хуаном Монтойей.", "Хуан Монтойя"),
])
def test_foreign_names_in_an_oblique_case_become_nominative(extractor, text, name):
    assert name in names(extractor, text)


def test_a_woman_s_foreign_surname_does_not_decline(extractor):
    assert "Хиллари Клинтон" in names(extractor, "Встреча госсекретаря США Хиллари Клинтон с послом.")


def test_an_organization_before_the_first_name_is_not_part_of_the_name(extractor):
    doc = extractor("Спецназ провёл ликвидацию лидера Аль-Кайды Усамы бин Ладена.")
    [person] = [p for p in doc.persons if p.last == "бин Ладен"]
    assert person.name == "Усама бин Ладен"
    [position] = person.positions
    assert doc.get(position.organization_id).name == "Аль-Кайда"


def test_a_name_in_parentheses_is_a_mention_of_its_own(extractor):
    found = names(extractor, "В тюрьме находится фотограф Ассошиэйтед Пресс Билал Хассеин (Bilal Hussein).")
    assert "Билал Хассеин" in found
    assert not any("(" in n or "Hussein" in n and "Билал" in n for n in found)


def test_words_with_digits_are_no_name(extractor):
    found = names(extractor, "Фернандо Алонсо в первый раз в своей карьере пилота Формулы-1 выиграл Гран-при Монако.")
    assert not any("Формул" in n for n in found)


def test_a_helper_of_a_person_is_not_that_person_s_title(extractor):
    doc = extractor("Помощник Хиллари Клинтон по европейским и евразийским делам, который в среду "
                    "прибыл в Приштину, провёл переговоры.")
    assert [p.positions for p in doc.persons if p.last == "Клинтон"] == [[]]
    # a nominative name after the title is the holder of it
    doc = extractor("Помощник президента Иван Иванов по итогам встречи заявил о планах.")
    [ivanov] = [p for p in doc.persons if p.last == "Иванов"]
    assert [q.title for q in ivanov.positions] == ["помощник президента"]


def test_a_title_with_ot_has_its_organization_after_ot(extractor):
    doc = extractor("Наблюдатель от ОБСЕ португальский парламентарий Хуан Суареш сообщил об итогах.")
    [suaresh] = [p for p in doc.persons if p.last == "Суареш"]
    titles = {q.title: doc.get(q.organization_id or q.location_id or "") for q in suaresh.positions}
    assert titles["наблюдатель"].name == "ОБСЕ"


def test_an_organization_in_parentheses_after_the_name_is_the_title_s(extractor):
    doc = extractor("В Тбилиси прибыл наблюдатель Хуан Суареш (ОБСЕ).")
    [suaresh] = [p for p in doc.persons if p.last == "Суареш"]
    [position] = suaresh.positions
    assert position.title == "наблюдатель"
    assert doc.get(position.organization_id).name == "ОБСЕ"
    # a title with its own organization keeps it
    doc = extractor("Вчера глава делегации ОБСЕ Хуан Суареш (Португалия) прибыл в Тбилиси.")
    [suaresh] = [p for p in doc.persons if p.last == "Суареш"]
    assert [doc.get(q.organization_id).name for q in suaresh.positions] == ["ОБСЕ"]


def test_a_signature_line_has_the_title_after_the_name(extractor):
    doc = extractor("Пусть победит сильнейший!\n\nКирсан Илюмжинов Президент ФИДЕ")
    [person] = [p for p in doc.persons if p.last == "Илюмжинов"]
    [position] = person.positions
    assert position.title == "президент"
    assert doc.get(position.organization_id).name == "ФИДЕ"
    # a title after the name in running text belongs to the next name, not this one
    doc = extractor("Вчера Иван Петров директор школы Сергей Сидоров и другие пришли.")
    assert [p.positions for p in doc.persons if p.last == "Петров"] == [[]]


def test_a_title_after_a_name_in_parentheses(extractor):
    doc = extractor("«Это тяжело», сказал Скотт Хоровитц (Scott Horowitz), бывший астронавт НАСА.")
    [person] = [p for p in doc.persons if p.last == "Хоровитц"]
    assert [q.title for q in person.positions] == ["бывший астронавт"]


def test_an_abbreviation_in_parentheses_and_an_adverb_stay_in_the_title_s_tail(extractor):
    doc = extractor("Кандидатом стала лидер французского крайне правого Национального фронта (FN) "
                    "Марин Ле Пен, сообщает агентство.")
    [person] = [p for p in doc.persons if p.last == "Ле Пен"]
    [position] = person.positions
    assert position.title == "лидер"
    assert doc.get(position.organization_id).name == "Национальный фронт"


def test_a_title_after_a_short_apposition(extractor):
    doc = extractor("Он выступил против Александра Брода, известного борца с ксенофобией, члена "
                    "Общественной палаты.")
    [person] = [p for p in doc.persons if p.last == "Брод"]
    assert [q.title for q in person.positions] == ["член"]
    # a clause with a verb is no apposition
    doc = extractor("Мы встретили Ивана Петрова, который долго ждал, директора школы.")
    assert [p.positions for p in doc.persons if p.last == "Петров"] == [[]]


def test_abbreviated_title_words(extractor):
    doc = extractor("Выступил Виктор Майклсон - зав. кафедрой социальных коммуникаций РГГУ.")
    [person] = [p for p in doc.persons if p.last == "Майклсон"]
    assert [q.title for q in person.positions] == ["зав. кафедрой социальных коммуникаций"]


def test_the_title_s_case_picks_between_a_man_s_and_a_woman_s_surname(extractor):
    assert "Кадыров" in names(extractor, "Мы видели президента Кадырова.")
    assert "Кадырова" in names(extractor, "Об этом сказала министр Кадырова.")
    assert "Ирина Кадырова" in names(extractor, "Встреча с министром Ириной Кадыровой прошла вчера.")


def test_a_place_of_the_tagger_after_a_title_may_be_a_name(extractor):
    # the tagger calls 'Ахмат-Хаджи Кадырова' a place; after a title it is the holder
    doc = extractor("Сложилась команда единомышленников нашего первого президента Ахмат-Хаджи Кадырова, "
                    "которая доказала свою состоятельность.")
    assert "Ахмат-Хаджи Кадыров" in [p.name for p in doc.persons]
    # a place after a title stays a place
    doc = extractor("Мэр Королёва Александр Ходырев открыл школу.")
    assert [p.name for p in doc.persons] == ["Александр Ходырев"]


def test_a_title_opening_a_clause_before_a_comma_and_the_name(extractor):
    doc = extractor("Бывший спикер палаты представителей, Нэнси Пелоси, которая возглавляет меньшинство, "
                    "отметила это.")
    [pelosi] = [p for p in doc.persons if p.last == "Пелоси"]
    assert [q.title for q in pelosi.positions] == ["бывший спикер палаты представителей"]
    for text in ("По мнению эксперта, Иван Петров прав.", "Как сказал министр, Иван Петров уедет.",
                 "Директор завода, Иван Петров и Сергей Сидоров пришли."):
        assert all(not p.positions for p in extractor(text).persons), text


def test_a_lowercase_assembly_of_a_place_is_the_title_s_organization(extractor):
    doc = extractor("Среди задержанных оказался депутат муниципального собрания района Отрадное Михаил Вельмакин.")
    [person] = [p for p in doc.persons if p.last == "Вельмакин"]
    [position] = person.positions
    assert position.title == "депутат"
    assert doc.get(position.organization_id).name == "муниципальное собрание района Отрадное"


def test_names_pymorphy3_only_guesses_keep_the_order_of_the_text():
    from fakty.words import name_parts

    assert name_parts(["Ннека", "Угбома"]) == {"first": "Ннека", "middle": None, "last": "Угбома"}
    assert name_parts(["Марин", "Ле", "Пен"])["last"] == "Ле Пен"


def test_a_name_starting_in_lower_case(extractor):
    assert "аль-Барадеи" in names(extractor, "Теперь вновь в игре аль-Барадеи. Иран согласен на переговоры.")


def test_a_title_over_a_list_of_places(extractor):
    doc = extractor("Об этом сообщила директор по стратегии и развитию бизнеса Philips в России, на Украине, "
                    "в Белоруссии и Казахстане Елена Сябренко.")
    [person] = [p for p in doc.persons if p.last == "Сябренко"]
    [position] = person.positions
    assert position.title == "директор по стратегии и развитию бизнеса"
    assert doc.get(position.organization_id).name == "Philips"


def test_a_post_taken_by_the_name(extractor):
    doc = extractor("Место спикера Палаты представителей в новом Конгрессе занял республиканец Джон Бенер.")
    [person] = [p for p in doc.persons if p.last == "Бенер"]
    assert [q.title for q in person.positions] == ["спикер"]
    doc = extractor("Пост губернатора области занял Иван Петров.")
    [person] = [p for p in doc.persons if p.last == "Петров"]
    assert [q.title for q in person.positions] == ["губернатор области"]


def test_a_title_word_that_is_also_another_noun_becomes_the_title(extractor):
    # 'аналитика' is the genitive of аналитик here, not the word 'аналитика'
    doc = extractor("По словам аналитика компании «Финам» Ивана Петрова, рынок растёт.")
    [person] = [p for p in doc.persons if p.last == "Петров"]
    assert [q.title for q in person.positions] == ["аналитик"]


def test_east_asian_names_keep_the_surname_first(extractor):
    from fakty.words import name_parts

    assert name_parts(["Ким", "Чен", "Ир"]) == {"first": "Чен Ир", "middle": None, "last": "Ким"}
    assert "Ху Цзиньтао" in names(extractor, "Председатель КНР Ху Цзиньтао прибыл в Москву.")
    assert "Пан Ги Мун" in names(extractor, "Об этом сообщил генсек ООН Пан Ги Мун.")


def test_a_genitive_name_after_a_chain_of_titles_holds_the_inner_one(extractor):
    # the name is the генсек's; the представитель is someone unnamed
    doc = extractor("Об этом сообщил представитель генсека ООН Пан Ги Муна.")
    [person] = [p for p in doc.persons if p.last == "Пан"]
    assert [q.title for q in person.positions] == ["генсек"]
    # a title in apposition shares the first one's case
    doc = extractor("Однако днём заместитель главы вооружённых сил генерал-лейтенанта Аксары Кердпола "
                    "сообщил о решении.")
    [person] = [p for p in doc.persons if p.last == "Кердпол"]
    assert sorted(q.title for q in person.positions) == ["генерал-лейтенант", "глава вооружённых сил"]
