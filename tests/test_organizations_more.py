"""Organizations the tagger misses or cuts wrong: movements named by a complement, foreign
names without quotes, lowercase bodies of a state, parts of bodies with the body inside,
abbreviations in brackets, names a person's name runs into."""
from __future__ import annotations

import pytest


def names(extractor, text):
    return {o.name for o in extractor(text).organizations}


@pytest.mark.parametrize("text, name", [
    ("Об этом заявил лидер Движения против нелегальной иммиграции Александр Белов.",
     "Движение против нелегальной иммиграции"),
    ("На митинг пришли активисты Движения в защиту Химкинского леса.",
     "Движение в защиту Химкинского леса"),
    ("Член Союза за демократию Иван Петров выступил с речью.", "Союз за демократию"),
])
def test_a_movement_is_named_by_its_kind_word_and_a_complement(extractor, text, name):
    assert name in names(extractor, text)


@pytest.mark.parametrize("text, name, written", [
    ("Американский спецназ уничтожил лидера Аль-Кайды.", "Аль-Кайда", "Аль-Кайды"),
    ("Журналисты Аль-Джазиры покинули страну.", "Аль-Джазира", "Аль-Джазиры"),
    ("Боевики Хезболлы обстреляли границу.", "Хезболла", "Хезболлы"),
    ("ФИФА выделила Интерполу грант.", "Интерпол", "Интерполу"),
])
def test_foreign_names_without_quotes_are_found_by_stem_and_keep_their_spelling(extractor, text, name, written):
    found = {o.name: o for o in extractor(text).organizations}
    assert name in found
    assert found[name].spans[0].text == written


def test_a_stem_does_not_match_a_longer_word():
    """'Сенатора' is no case of 'Сенат'."""
    from fakty.grammar import tokenizer
    from fakty.grammars.organizations import _word_matches

    senator, senate = list(tokenizer()("Сенатора Сената"))
    assert not _word_matches(senator, "сенат")
    assert _word_matches(senate, "сенат")


@pytest.mark.parametrize("text, name", [
    ("Это решение российского правительства вызвало критику.", "российское правительство"),
    ("Японское правительство, очевидно, решило не отставать.", "Японское правительство"),
    ("Правительство Израиля одобрило план.", "Правительство Израиля"),
    ("Лондонская полиция сообщает об арестах.", "Лондонская полиция"),
    ("Утром представитель вооружённых сил сообщил об этом.", "вооружённые силы"),
    ("Депутат муниципального собрания района Отрадное Михаил Вельмакин задержан.",
     "муниципальное собрание района Отрадное"),
    ("После ничьей в Ереване сборная России потеряла два очка.", "сборная России"),
    ("Бывший спикер палаты представителей Нэнси Пелоси выступила.", "Палата представителей"),
    ("Хотя Дума уже одобрила законопроект, судья надеется на лучшее.", "Дума"),
])
def test_bodies_of_a_state_in_lower_case_are_named_by_a_place(extractor, text, name):
    assert name in names(extractor, text)


@pytest.mark.parametrize("text", [
    "Местные власти обещали построить дорогу.",
    "Он был собран из нескольких частей, сборная конструкция.",
    "Правительство выделило деньги.",
])
def test_a_body_named_by_no_place_is_no_organization(extractor, text):
    assert names(extractor, text) == set()


@pytest.mark.parametrize("text, outer, inner", [
    ("«Политическое бюро Национального фронта на собрании выдвинуло Марин Ле Пен», — говорится в заявлении.",
     "Политическое бюро Национального фронта", "Национальный фронт"),
    ("Теперь же канцелярия правительства Израиля сообщает о переносе визита.",
     "канцелярия правительства Израиля", "правительство Израиля"),
    ("Служба прессы Конституционного суда опровергла слухи.",
     "Служба прессы Конституционного суда", "Конституционный суд"),
    ("Тишков, директор Института этнологии и антропологии РАН, выступил.",
     "Институт этнологии и антропологии РАН", "РАН"),
    ("Ельцин был первым секретарём Свердловского обкома КПСС.", "Свердловский обком КПСС", "КПСС"),
])
def test_a_part_of_a_body_and_the_body_inside_its_name_are_both_organizations(extractor, text, outer, inner):
    found = {o.name: o for o in extractor(text).organizations}
    assert outer in found and inner in found
    assert found[outer].parent_id == found[inner].id
    outer_span, inner_span = found[outer].spans[0], found[inner].spans[0]
    assert outer_span.start <= inner_span.start and inner_span.stop <= outer_span.stop


def test_a_title_takes_the_outer_body(extractor):
    doc = extractor("Председатель президиума Экспертного совета Иван Петров выступил.")
    found = {o.id: o.name for o in doc.organizations}
    [person] = doc.persons
    assert found[person.positions[0].organization_id] == "президиум Экспертного совета"


def test_a_committee_of_the_duma_is_one_organization(extractor):
    """Only parts of a body (бюро, президиум, служба…) split off the body inside them."""
    assert names(extractor, "Заседание прошло при комитете Государственной Думы по экономической политике.") \
        == {"комитет Государственной Думы по экономической политике"}


def test_an_abbreviation_in_brackets_joins_the_organization_before_it(extractor):
    doc = extractor("Кандидатом стала лидер крайне правого Национального фронта (FN) Марин Ле Пен. "
                    "Партия Национальный фронт основана давно.")
    [front] = doc.organizations
    assert front.abbreviation == "FN"
    assert [s.text for s in front.spans] == ["Национального фронта", "FN", "Национальный фронт"]


def test_an_organization_stops_before_a_person_the_tagger_ran_into():
    from fakty.grammars.organizations import _before_person

    text = "Нападающий клуба Зенит Андрей Аршавин забил гол."
    start = text.index("Зенит")
    assert text[start:_before_person(text, start, text.index(" забил"), [])] == "Зенит"
    # an unknown capitalised word is no first name: "Тоттенхэм Хотспур"
    text = "капитан клуба Тоттенхэм Хотспур"
    assert _before_person(text, 14, len(text), []) == len(text)


@pytest.mark.parametrize("text, name, written", [
    ("Он возглавлял отдел России в японском МИДе.", "МИД", "МИДе"),
    ("Об этом сообщает РИА «Новости».", "РИА «Новости»", "РИА «Новости»"),
    ("Ультраправые собрались у российского посольства в Токио.", "российское посольство", "российского посольства"),
    ("Заседание кабинета министров прошло спокойно.", "кабинет министров", "кабинета министров"),
])
def test_abbreviations_with_case_endings_agencies_and_embassies(extractor, text, name, written):
    found = {o.name: o for o in extractor(text).organizations}
    assert name in found and found[name].spans[0].text == written


def test_a_known_body_inside_a_chamber_and_a_person_after_it(extractor):
    doc = extractor("Член Палаты представителей Конгресса США Гэбриэль Гиффордс ранена.")
    found = {o.name: o for o in doc.organizations}
    assert set(found) == {"Палата представителей Конгресса США", "Конгресс США"}
    assert found["Палата представителей Конгресса США"].parent_id == found["Конгресс США"].id


@pytest.mark.parametrize("text", [
    "Выступивший на заседании правительства премьер-министр РФ Владимир Путин высказался.",
    "Астронавт прибыл на МКС в пятницу.",
    "Делегация Торгово-промышленной палаты Российской Федерации прибыла.",
])
def test_no_organization_out_of_half_a_word_a_station_or_a_country(extractor, text):
    assert all(o.name not in ("правительство премьер", "МКС", "Российская Федерация")
               for o in extractor(text).organizations)


def test_a_latin_name_in_brackets_is_a_mention_of_the_same_organization(extractor):
    doc = extractor("Об этом сообщает Комитет защиты журналистов (КЗЖ) (Committee to Protect Journalists). "
                    "Автомобильный концерн «Фольксваген» (Volkswagen) построит завод.")
    committee, concern = doc.organizations
    assert [s.text for s in committee.spans] == [
        "Комитет защиты журналистов", "КЗЖ", "Committee to Protect Journalists"]
    assert [s.text for s in concern.spans][-1] == "Volkswagen"
    assert "Volkswagen" in concern.aliases


def test_a_hyphenated_kind_word_starts_a_phrase(extractor):
    doc = extractor("Заместитель начальника пресс-службы МЧС Иван Сидоров сообщил об этом.")
    found = {o.name: o for o in doc.organizations}
    assert "пресс-служба МЧС" in found and found["пресс-служба МЧС"].parent_id == found["МЧС"].id


@pytest.mark.parametrize("text, name", [
    ("Он преподаёт в Университете Лос-Анджелеса.", "Университет Лос-Анджелеса"),
    ("Представитель японского дипломатического ведомства вернулся.", "японское дипломатическое ведомство"),
    ("Депутаты призывают руководство Грузии отменить положение.", "руководство Грузии"),
])
def test_hyphenated_places_in_a_tail_and_leaderships_of_a_place(extractor, text, name):
    assert name in names(extractor, text)


def test_the_leadership_of_a_company_is_no_organization(extractor):
    assert names(extractor, "Руководство компании решило иначе.") == set()
