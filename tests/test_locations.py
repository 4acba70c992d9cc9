"""Places: nominative names with agreement, kinds, sites, and what is not a place."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from fakty import Document

from examples import example_groups, mismatches

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EXAMPLES = example_groups("locations_examples.tsv", columns=1)


@pytest.mark.parametrize("inputs, expected", EXAMPLES, ids=[i[0][:60] for i, _ in EXAMPLES])
def test_locations_example_table(extractor, inputs, expected):
    (phrase,) = inputs
    found = sorted(((s.start, s.text, p) for p in extractor(phrase).locations for s in p.spans),
                   key=lambda f: f[0])
    assert [text for _, text, _ in found] == [text for text, _ in expected]
    for (_, _, record), (_, fields) in zip(found, expected):
        assert mismatches(record, fields) == {}


def test_a_country_in_the_genitive_is_nominative_with_its_kind(extractor):
    [place] = extractor("Гости прибыли из Казахстана.").locations
    assert (place.spans[0].text, place.name, place.kind) == ("Казахстана", "Казахстан", "страна")


def test_mentions_of_one_place_make_one_entity(extractor):
    text = "В России растёт спрос. Из России и РФ вывозят станки."
    [russia] = extractor(text).locations
    assert [s.text for s in russia.spans] == ["России", "России", "РФ"]


@pytest.mark.parametrize("text", [
    "Новости Вашего города и Все города",
])
def test_not_places(extractor, text):
    assert extractor(text).locations == []


def test_locations_on_the_fixtures(extractor):
    """Exact span and name right; page furniture (the pipeline leaves it out) not counted."""
    tp = predicted = gold_count = 0
    for path in sorted(FIXTURES.glob("*.json")):
        gold = Document.model_validate(json.loads(path.read_text(encoding="utf-8")))
        doc = extractor(gold.text, published=gold.published)
        furniture = [(s.start, s.stop) for s in gold.boilerplate]
        wanted = {(s.start, s.stop): p.name for p in gold.locations for s in p.spans}
        got = {(s.start, s.stop): p.name for p in doc.locations for s in p.spans
               if not any(a <= s.start < b for a, b in furniture)}
        tp += sum(1 for k, name in got.items() if wanted.get(k) == name)
        predicted, gold_count = predicted + len(got), gold_count + len(wanted)
    f1 = 2 * tp / (predicted + gold_count)
    assert f1 >= 0.95, (tp, predicted, gold_count)


def test_a_quoted_remark_is_no_title(extractor):
    text = "Среди требований: «немедленная отставка мэра Москвы». Он сказал: «Это была акция в Москве»."
    assert [s.text for p in extractor(text).locations for s in p.spans] == ["Москвы", "Москве"]
    # a quote the sentence does not close is speech running on, no title
    speech = "«Это они - будущие участники Олимпийских игр 2012 года в Лондоне. Мы ими гордимся», - сказал он."
    assert [s.text for p in extractor(speech).locations for s in p.spans] == ["Лондоне"]
    # a quoted decree speaks in infinitives: no title either
    decree = "Указ гласит: «Назначить Иванова постоянным представителем РФ при ООН в Нью-Йорке»."
    assert [s.text for p in extractor(decree).locations for s in p.spans] == ["РФ", "Нью-Йорке"]


def test_a_bulleted_list_of_places_is_one_place_per_item(extractor):
    doc = extractor("Участники: Таджикистан • Туркмения • Уганда • Объединённые Арабские Эмираты • "
                    "Виргинские острова • Узбекистан.")
    assert sorted(p.name for p in doc.locations) == sorted(
        ["Таджикистан", "Туркмения", "Уганда", "Объединённые Арабские Эмираты", "Виргинские острова", "Узбекистан"])


@pytest.mark.parametrize("text, places", [
    # a place named in an organization's name is a place mention too (issue 13, class 5)
    ("Правительство Калужской области подписало соглашение.", ["Калужская область"]),
    ("Об этом сообщили в посольстве США.", ["США"]),
    ("Федерация бобслея России объявила состав.", ["Россия"]),
    ("Министерство промышленности и торговли Российской Федерации одобрило план.", ["Россия"]),
    # an organization word that is also an event word (конгресс) still names a body here
    ("Он попытался убить члена Конгресса США и предстал перед судом.", ["США"]),
    # a title ends the chain of genitives: "сайта [президента России]", not a site's name
    ("По данным сайта президента России, он родился в Липецке.", ["Россия", "Липецк"]),
    # a quoted remark around the name is not the name's own quotes
    ("Пресс-служба сообщила: «в доме находились сотрудники посольства США».", ["США"]),
    # but not the name's own words: quotes, its first word, a body
    ("Депутаты «Единой России» проголосовали против.", []),
    ("Кипрское правительство намерено ужесточить контроль.", []),
    ("Документы представили антимонопольной комиссии Европейского союза.", []),
])
def test_a_place_in_an_organization_s_name_is_a_place_unless_it_is_the_name_s_own_words(extractor, text, places):
    assert [location.name for location in extractor(text).locations] == places


@pytest.mark.parametrize("text, place", [
    # a kind word before a place the tagger found gives it its kind (issue 13, class 5)
    ("Теракт произошел в провинции Гильменд.", ("Гильменд", "провинция")),
    ("Жители деревни Ивановка пострадали.", ("Ивановка", "деревня")),
    ("Он жил в деревне Ивановке.", ("Ивановка", "деревня")),
    ("Грузы отправили из порта Усть-Луга.", ("Усть-Луга", "порт")),
    # a name that does not decline with its kind word stays as written
    ("Бои идут в районе Муса-Кала.", ("Муса-Кала", "район")),
    # a known place in the genitive after the kind word is what the kind word belongs to
    ("Бои шли в районе Славянска в мае.", ("Славянск", None)),
])
def test_a_kind_word_before_a_tagged_place_gives_its_kind(extractor, text, place):
    assert [(location.name, location.kind) for location in extractor(text).locations] == [place]


@pytest.mark.parametrize("text, places", [
    # a capitalised word inside a sentence that the tagger calls a place is one, even where
    # pymorphy3 knows a common noun of that spelling (issue 13, class 5)
    ("Нельсон Мандела попал в госпиталь в Претории.", ["Претории"]),
    ("Трагедия в Сребренице потрясла мир.", ["Сребренице"]),
    # a foreign name pymorphy3 would decline as a first name is named as written
    ("Турнир прошел в Кушадаси на берегу моря.", ["Кушадаси"]),
    # a known first name or surname after "в" in the prepositional case is a place
    ("Десятки демонстрантов собрались у стадиона в Шарлотте.", ["Шарлотте"]),
    ("Конфликт вокруг турнира в Грозном продолжается.", ["Грозном"]),
    # not a place: a bare kind word, a person's name after a facility word
    ("Он вышел на выборы президента Республики.", []),
    ("Концерт прошёл в парке Горького.", []),
])
def test_the_tagger_s_places_are_kept_unless_there_is_evidence_against_them(extractor, text, places):
    assert [s.text for location in extractor(text).locations for s in location.spans] == places


@pytest.mark.parametrize("text, name", [
    ("Турнир прошел в Кушадаси на берегу моря.", "Кушадаси"),  # declined as a first name: as written
    ("Трагедия в Сребренице потрясла мир.", "Сребреница"),     # declined as a place: nominative
])
def test_a_foreign_name_is_named_as_written_unless_it_declines_as_a_place(extractor, text, name):
    assert [location.name for location in extractor(text).locations] == [name]


def test_a_bare_repeat_of_a_quoted_name_does_not_take_a_place_s_mention(extractor):
    # ФК «Тамбов» is a club; "приезжал в Тамбов" is the city the tagger found
    text = "Футбольный клуб «Тамбов» вышел в премьер-лигу. Юрий приезжал в Тамбов с семьёй."
    doc = extractor(text)
    assert [s.text for location in doc.locations for s in location.spans] == ["Тамбов"]
    assert [s.text for org in doc.organizations for s in org.spans] == ["Футбольный клуб «Тамбов»"]


@pytest.mark.parametrize("inflected, name", [
    ("Набережных Челнах", "Набережные Челны"),        # starts with a kind word (набережная)
    ("Ленинске-Кузнецком", "Ленинск-Кузнецкий"),      # both parts decline
    ("Каменске-Уральском", "Каменск-Уральский"),
    ("Гусь-Хрустальном", "Гусь-Хрустальный"),          # the first part does not
    ("Комсомольске-на-Амуре", "Комсомольск-на-Амуре"),
    ("Сосновом Бору", "Сосновый Бор"),                 # the second locative
    ("Великих Луках", "Великие Луки"),
    ("Иванове", "Иваново"),                           # the place before the surname Иванов
    ("Марселе", "Марсель"),
])
def test_a_city_s_name_is_nominative_whatever_its_shape(extractor, inflected, name):
    assert [p.name for p in extractor(f"Новый завод открылся в {inflected} в этом году.").locations] == [name]


def test_a_country_s_full_name_is_its_short_name(extractor):
    doc = extractor("Гости приехали из Соединённых Штатов Америки.")
    assert [(p.name, p.kind) for p in doc.locations] == [("США", "страна")]


@pytest.mark.parametrize("text, place", [
    # the tagger's span sometimes takes in what follows in parentheses
    ("Верховный суд России (ВС) отменил приговор.", ("Россия", "России")),
    ("Он возглавил Федеральную таможенную службу РФ (ФТС РФ).", ("Россия", "РФ")),
    ("Бои идут в Кировоградской (Кропивницкой) области.",
     ("Кировоградская область", "Кировоградской (Кропивницкой) области")),
    # a known name of several words written with е for ё
    ("Он живёт в Соединенных Штатах.", ("США", "Соединенных Штатах")),
])
def test_a_place_is_named_without_what_the_tagger_adds_in_parentheses(extractor, text, place):
    assert [(p.name, s.text) for p in extractor(text).locations for s in p.spans] == [place]


@pytest.mark.parametrize("text, place", [
    ("Актёр умер на юге Англии в графстве Кент.", ("Кент", "графство")),
    ("Деревня входила в Козловский уезд.", ("Козловский уезд", "уезд")),
    ("Банк открыл офис в эмирате Дубай.", ("Дубай", "эмират")),
    # the Soviet Union is a country, not a union (org_kinds' союз)
    ("Для других он является предателем Советского Союза.", ("СССР", "страна")),
])
def test_older_and_foreign_kinds_of_places(extractor, text, place):
    assert place in [(p.name, p.kind) for p in extractor(text).locations]


def test_an_unknown_place_name_takes_the_form_the_text_writes_in_the_nominative(extractor):
    text = "Губернатор Невады заявил, что Невада не будет платить. В Неваде прошли выборы."
    [nevada] = extractor(text).locations
    assert nevada.name == "Невада" and [s.text for s in nevada.spans] == ["Невады", "Невада", "Неваде"]


@pytest.mark.parametrize("text, name", [
    ("Президент ЮАР выступил в Претории в понедельник.", "Претория"),
    ("Правительство Соединенного Королевства заявило о санкциях.", "Великобритания"),
])
def test_a_place_name_pymorphy3_reads_as_a_common_word_is_named_as_a_place(extractor, text, name):
    assert name in [place.name for place in extractor(text).locations]
