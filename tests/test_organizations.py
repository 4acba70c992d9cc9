"""Organizations: names with their kind word and quotes, nominative names, one entity per
thing, and what is not an organization."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from fakty import Document, Extractor
from fakty.grammars.organizations import balance, kind_of, quoted_end
from examples import example_groups, mismatches

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def orgs(extractor, text):
    return {o.spans[0].text: o for o in extractor(text).organizations}


@pytest.mark.parametrize("text, span, name, kind", [
    ("Начальник управления АО «ОЭЗ «Лотос» Ирина Бочарникова.", "АО «ОЭЗ «Лотос»", "АО «ОЭЗ «Лотос»", "АО"),
    ('Договор подписало ООО "Ромашка" из Тулы.', 'ООО "Ромашка"', 'ООО "Ромашка"', "ООО"),
    ("Он встретился с директором компании «СтанкоМашСтрой» Олегом Кочетковым.",
     # named by its quoted name, as the fixture gold has it ("компания «…»" is an alias)
     "компании «СтанкоМашСтрой»", "«СтанкоМашСтрой»", "компания"),
    ("Акции ПАО «Газпром нефть» выросли.", "ПАО «Газпром нефть»", "ПАО «Газпром нефть»", "ПАО"),
])
def test_a_kind_word_and_a_quoted_name_make_one_name_with_balanced_quotes(extractor, text, span, name, kind):
    found = orgs(extractor, text)
    assert span in found
    assert (found[span].name, found[span].kind) == (name, kind)


def test_bodies_named_by_a_noun_phrase_are_put_into_the_nominative(extractor):
    text = ("Организатором выступили Агентство экономического развития при поддержке "
            "Министерства промышленности и торговли Российской Федерации, Союза машиностроителей "
            "России, Российского союза промышленников и предпринимателей и Торгово-промышленной "
            "палаты Российской Федерации.")
    found = orgs(extractor, text)
    assert {o.name: o.kind for o in found.values()} == {
        "Агентство экономического развития": "агентство",
        "Министерство промышленности и торговли Российской Федерации": "министерство",
        "Союз машиностроителей России": "союз",
        "Российский союз промышленников и предпринимателей": "союз",
        "Торгово-промышленная палата Российской Федерации": "палата",
    }


def test_a_genitive_tail_may_hold_commas_and_a_quoted_name(extractor):
    text = ("Поддержку предоставляет Центр развития экспорта, промышленности и инвестиций «Моспром». "
            "Моспром помогает резидентам.")
    [org] = extractor(text).organizations
    assert org.name == "Центр развития экспорта, промышленности и инвестиций «Моспром»"
    # the bare name is found again although the tagger calls it a person
    assert [s.text for s in org.spans] == [
        "Центр развития экспорта, промышленности и инвестиций «Моспром»", "Моспром"]


def test_a_committee_takes_its_po_phrase_and_a_department_its_city(extractor):
    text = ("Заседание прошло при комитете Государственной Думы по экономической политике, "
            "промышленности, инновационному развитию и предпринимательству. Выступил заместитель "
            "руководителя Департамента инвестиционной и промышленной политики города Москвы.")
    names = [o.name for o in extractor(text).organizations]
    assert names == [
        "комитет Государственной Думы по экономической политике, промышленности, "
        "инновационному развитию и предпринимательству",
        "Департамент инвестиционной и промышленной политики города Москвы",
    ]


def test_mentions_of_one_zone_make_one_entity_with_its_abbreviation_and_aliases(extractor):
    text = ("Особая экономическая зона (ОЭЗ) «Технополис Москва» развивает кооперацию. "
            "Драйвером развития является ОЭЗ «Технополис Москва». "
            "Представители «Технополис Москва» делятся опытом. "
            "ОЭЗ столицы активно сотрудничает с регионами.")
    [zone] = extractor(text).organizations
    assert zone.name == "ОЭЗ «Технополис Москва»"
    assert zone.kind == "ОЭЗ" and zone.abbreviation == "ОЭЗ"
    assert [s.text for s in zone.spans] == [
        "Особая экономическая зона (ОЭЗ) «Технополис Москва»", "ОЭЗ «Технополис Москва»",
        "«Технополис Москва»", "ОЭЗ столицы"]
    assert "Особая экономическая зона «Технополис Москва»" in zone.aliases


def test_an_abbreviation_defined_or_spelled_by_initials_links_to_its_expansion(extractor):
    text = ("Заявление сделал Союз координационных советов (СКС). Позже СКС уточнил позицию. "
            "Торгово-промышленная палата Российской Федерации поддержала проект, сообщили в ТПП РФ.")
    found = extractor(text).organizations
    assert [(o.name, o.abbreviation, [s.text for s in o.spans]) for o in found] == [
        ("Союз координационных советов", "СКС", ["Союз координационных советов", "СКС", "СКС"]),
        ("Торгово-промышленная палата Российской Федерации", "ТПП РФ",
         ["Торгово-промышленная палата Российской Федерации", "ТПП РФ"]),
    ]


def test_a_capitalised_kind_word_alone_is_the_short_name_of_the_body_named_before(extractor):
    text = ("Организатор – Ассоциация развития кластеров и технопарков России. "
            "Ассоциация представляет интересы 2600 организаций.")
    [association] = extractor(text).organizations
    assert [s.text for s in association.spans] == [
        "Ассоциация развития кластеров и технопарков России", "Ассоциация"]


def test_lower_case_bodies_need_a_place_or_a_governing_head(extractor):
    text = ("Круглый стол организует министерство промышленности и торговли края. "
            "Работает фармацевтический кластер столицы. "
            "Кафе открылось в центре города, руководители крупных компаний довольны.")
    assert [o.name for o in extractor(text).organizations] == [
        "министерство промышленности и торговли края", "фармацевтический кластер столицы"]


def test_known_names_take_their_country(extractor):
    text = "Об этом сообщили МИД РФ и МЧС России, а решение Евросоюза поддержал Конгресс США."
    found = orgs(extractor, text)
    assert {k: o.name for k, o in found.items()} == {
        "МИД РФ": "МИД РФ", "МЧС России": "МЧС России", "Евросоюза": "Евросоюз",
        "Конгресс США": "Конгресс США"}
    # the countries belong to the names and are places the text names as well
    assert [(p.name, [s.text for s in p.spans]) for p in extractor(text).locations] == [
        ("Россия", ["РФ", "России"]), ("США", ["США"])]


def test_a_kind_word_before_a_latin_name_belongs_to_it(extractor):
    found = orgs(extractor, "Акции компании Microsoft и фонда Elevation Partners выросли.")
    # the span takes the kind word; the name is the proper name, the phrase an alias
    assert set(found) == {"компании Microsoft", "фонда Elevation Partners"}
    assert {(o.name, o.aliases[0]) for o in found.values()} == {
        ("Microsoft", "компания Microsoft"), ("Elevation Partners", "фонд Elevation Partners")}


@pytest.mark.parametrize("text", [
    "Фармацевтический кластер создан на площадках «Алабушево» и «Печатники» ОЭЗ.",
    "Мероприятие пройдет на VII Общероссийском конгрессе инженеров.",
    "Smi24.net — ежеминутные новости с ежедневным архивом.",
    "Ria.city",
    "Практический семинар «Эффективный технопарк: меры поддержки».",
    "Крупные компании и промышленные кластеры растут.",
])
def test_not_organizations(extractor, text):
    assert extractor(text).organizations == []


def test_kinds_come_from_the_lexicon_file():
    assert kind_of("Министерства") == ("министерство", frozenset({"name", "po"}))
    assert kind_of("ОЭЗ")[0] == "ОЭЗ"
    assert kind_of("пресс-службы")[0] == "служба"
    assert kind_of("погоды") is None


@pytest.mark.parametrize("text, end", [
    ("«ОЭЗ «Лотос» сообщает", len("«ОЭЗ «Лотос»")),
    ("«ОЭЗ «Лотос»» сообщает", len("«ОЭЗ «Лотос»»")),
    ("«Алабушево» и «Печатники»", len("«Алабушево»")),
    ('"Компания "Ромашка"" сообщает', len('"Компания "Ромашка""')),
    ("«никогда не закрывается\nи дальше»", None),
])
def test_quoted_names_close_where_their_quotes_balance(text, end):
    assert quoted_end(text, 0) == end


def test_a_cut_quoted_name_is_completed_and_a_dangling_quote_dropped():
    text = "в ОЭЗ «Технополис Москва» и в «Моспром"
    start = text.index("ОЭЗ")
    assert text[slice(*balance(text, start, start + 15))] == "ОЭЗ «Технополис Москва»"
    assert text[slice(*balance(text, text.index("«Моспром"), len(text)))] == "Моспром"


@pytest.mark.parametrize("text", ["«««", 'ООО "', "АО «" + "а" * 500, "ОЭЗ (ОЭЗ) (ОЭЗ)",
                                  "Министерство " * 40, "компании «»"])
def test_odd_input_does_not_break_the_grammars(extractor, text):
    # a grammar that raised would lose its sentence into doc.skipped, not raise here
    assert extractor(text).skipped == []


def test_organizations_on_the_fixtures(extractor):
    """Mentions with the exact span and a right name (the gold name or an alias); page
    furniture (the pipeline leaves it out) is not counted."""
    tp = predicted = gold_count = 0
    for path in sorted(FIXTURES.glob("*.json")):
        gold = Document.model_validate(json.loads(path.read_text(encoding="utf-8")))
        doc = extractor(gold.text, published=gold.published)
        furniture = [(s.start, s.stop) for s in gold.boilerplate]
        wanted = {(s.start, s.stop): o for o in gold.organizations for s in o.spans}
        got = {(s.start, s.stop): o for o in doc.organizations for s in o.spans
               if not any(a <= s.start < b for a, b in furniture)}
        tp += sum(1 for k, o in got.items() if k in wanted and o.name.lower() in
                  {n.lower() for n in [wanted[k].name, *wanted[k].aliases]})
        predicted, gold_count = predicted + len(got), gold_count + len(wanted)
    f1 = 2 * tp / (predicted + gold_count)
    assert f1 >= 0.95, (tp, predicted, gold_count)


def test_a_compound_abbreviation_joins_the_body_it_abbreviates(extractor):
    text = ("Министерство промышленности и торговли Российской Федерации подготовило план. "
            "Минпромторг опубликует его в мае.")
    [ministry] = extractor(text).organizations
    assert [s.text for s in ministry.spans][1:] == ["Минпромторг"]
    assert ministry.aliases == ["Минпромторг"]


@pytest.mark.parametrize("text", ["Центр города перекрыт.", "Группа учёных из Новосибирска открыла вирус."])
def test_a_common_kind_word_starting_a_sentence_is_no_name(extractor, text):
    assert extractor(text).organizations == []


def test_a_name_is_not_looked_up_in_page_furniture(extractor):
    text = ("Поддержку оказывает Центр развития экспорта, промышленности и инвестиций «Моспром».\n\n"
            "Читайте также\nМоспром\nRia.city\nНовости Москвы\n")
    doc = extractor(text)
    assert doc.boilerplate  # the link list at the end
    assert [s.text for o in doc.organizations for s in o.spans] == [
        "Центр развития экспорта, промышленности и инвестиций «Моспром»"]


def test_two_companies_named_by_kind_word_stay_apart(extractor):
    # "компания FaceCash" carries a name of its own: it is no description of «Ромашка»
    doc = extractor("Иван Петров, управляющий компанией FaceCash, встретился с директором "
                    "компании «Ромашка» Олегом Сидоровым.")
    assert sorted(o.name for o in doc.organizations) == ["FaceCash", "«Ромашка»"]
    holders = {p.last: doc.get(p.positions[0].organization_id).name for p in doc.persons}
    assert holders == {"Петров": "FaceCash", "Сидоров": "«Ромашка»"}


EXAMPLES = example_groups("organizations_examples.tsv", columns=1)


@pytest.fixture(scope="module")
def extractor_organizations():
    from fakty.grammars import organizations
    from fakty.lexicons import builtin

    return Extractor(grammars=organizations.grammars(builtin()))


@pytest.mark.parametrize("inputs, expected", EXAMPLES, ids=[i[0][:60] for i, _ in EXAMPLES])
def test_organizations_example_table(extractor_organizations, inputs, expected):
    (phrase,) = inputs
    found = sorted(extractor_organizations(phrase).organizations, key=lambda o: o.spans[0].start)
    assert [" | ".join(s.text for s in o.spans) for o in found] == [text for text, _ in expected]
    for record, (_, fields) in zip(found, expected):
        assert mismatches(record, fields) == {}


# --- issue 13: names on text nobody tuned to ------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Контракт подписан с «Уралвагонзаводом» в среду.", "«Уралвагонзавод»"),
    ("Об этом сообщил гендиректор «Ростсельмаша» Валерий Мальцев.", "«Ростсельмаш»"),
    ("Министр выступил в «Опоре России» с докладом.", "«Опора России»"),
    ("Депутаты «Единой России» проголосовали против.", "«Единая Россия»"),
    ("Акции «Северстали» подорожали.", "«Северсталь»"),
    ("Письмо направили в «Почту России».", "«Почта России»"),
])
def test_a_quoted_name_in_the_case_of_its_sentence_is_named_in_the_nominative(extractor_organizations, text, name):
    assert [o.name for o in extractor_organizations(text).organizations] == [name]


@pytest.mark.parametrize("text, name", [
    ("Сделку одобрил фонд «Сколково».", "«Сколково»"),     # indeclinable
    ("Об этом пишут «Известия».", "«Известия»"),           # a plural name, nominative already
    ("Интервью вышло в «Моспроме».", "«Моспроме»"),        # a guess that would add letters
    ("Контракт получила компания «Boeing».", "«Boeing»"),  # Latin letters
])
def test_a_quoted_name_that_can_be_nominative_or_is_not_russian_stays_as_written(extractor_organizations, text, name):
    assert [o.name for o in extractor_organizations(text).organizations] == [name]


@pytest.mark.parametrize("text, name", [
    ("Кредит выдал АБ «Восток».", "АБ «Восток»"),
    ("Площадкой станет МВЦ «Казань Экспо».", "МВЦ «Казань Экспо»"),
    ("Поставки ведёт ЗАО «Газинвест».", "ЗАО «Газинвест»"),
])
def test_a_name_keeps_the_space_between_an_abbreviation_and_its_quoted_name(extractor_organizations, text, name):
    assert [o.name for o in extractor_organizations(text).organizations] == [name]


@pytest.mark.parametrize("text, name", [
    # the legal form does not decline, so the quoted name carries the case of the sentence
    ("Соглашение заключено с ПАО «Северсталью».", "ПАО «Северсталь»"),
    ("Банк заключил договор поручительства с ООО «Стройинвестом».", "ООО «Стройинвест»"),
    ("Контракт подписан с АО «Объединённой авиастроительной корпорацией».",
     "АО «Объединённая авиастроительная корпорация»"),
    ("Поставки для ООО «Ромашка» выросли.", "ООО «Ромашка»"),  # in apposition: as written
])
def test_a_quoted_name_after_a_legal_form_is_named_in_the_nominative(extractor_organizations, text, name):
    assert [o.name for o in extractor_organizations(text).organizations] == [name]


@pytest.mark.parametrize("text, name", [
    ("Корпорация развития Северного Кавказа и Крыма получит средства.",
     "Корпорация развития Северного Кавказа и Крыма"),
    ("Спектакль показал Театр имени Вахтангова.", "Театр имени Вахтангова"),
    ("Своим мнением поделился директор Театра им. Йозефа Бойса.", "Театр им. Йозефа Бойса"),
    ("Грант дал Фонд содействия развитию малых форм предприятий.", "Фонд содействия развитию малых форм предприятий"),
    ("Московский государственный университет имени М. В. Ломоносова принял студентов.",
     "Московский государственный университет имени М. В. Ломоносова"),
    ("Агентство по развитию человеческого капитала на Дальнем Востоке открыло офис.",
     "Агентство по развитию человеческого капитала на Дальнем Востоке"),
])
def test_a_long_name_is_taken_whole(extractor_organizations, text, name):
    assert [o.name for o in extractor_organizations(text).organizations] == [name]


def test_a_place_inside_a_long_name_stays_inside_it():
    doc = Extractor()("Корпорация развития Северного Кавказа и Крыма получит средства.")
    assert [o.name for o in doc.organizations] == ["Корпорация развития Северного Кавказа и Крыма"]
    # a place it names is a mention inside the name, not a cut in it
    [name] = doc.organizations[0].spans
    assert all(name.start <= s.start and s.stop <= name.stop for p in doc.locations for s in p.spans)


@pytest.mark.parametrize("text, names", [
    ("Соглашение подписали Минпромторг и Минэкономразвития.", ["Минпромторг", "Минэкономразвития"]),
    ("Форум провели Союз машиностроителей и Торгово-промышленная палата.",
     ["Союз машиностроителей", "Торгово-промышленная палата"]),
])
def test_two_organizations_joined_by_and_are_two_names(extractor_organizations, text, names):
    assert sorted(o.name for o in extractor_organizations(text).organizations) == sorted(names)


def test_the_rules_are_named_at_module_level_and_compose_in_a_plugin():
    from yargy import rule
    from yargy.predicates import eq

    from fakty.grammar import contexts, lazy_parser
    from fakty.grammars.organizations import KNOWN_NAME, ORGANIZATION, QUOTED_NAME

    sponsor = lazy_parser(rule(eq("спонсор"), QUOTED_NAME))()
    context, = contexts("Главный спонсор «Ромашка» и МИД России довольны.")
    assert [context.text[m.span.start:m.span.stop] for m in sponsor.run(context.tokens, "findall")] == [
        "спонсор «Ромашка»"]
    known = lazy_parser(KNOWN_NAME)().run(context.tokens, "findall")
    assert [context.text[m.span.start:m.span.stop] for m in known] == ["МИД России"]
    whole = lazy_parser(ORGANIZATION)()
    context, = contexts("Особая экономическая зона (ОЭЗ) «Технополис Москва» расширяется.")
    assert [context.text[m.span.start:m.span.stop] for m in whole.run(context.tokens, "findall")] == [
        "Особая экономическая зона (ОЭЗ) «Технополис Москва»"]


def test_an_organization_kind_added_in_a_user_lexicon_is_found(tmp_path):
    (tmp_path / "org_kinds.txt").write_text("ресторан\tресторан\tgeneric\n", encoding="utf-8")
    found = Extractor(lexicons=tmp_path)("Ужин заказали в ресторане «Пушкин».").organizations
    assert [(o.name, o.kind) for o in found] == [("«Пушкин»", "ресторан")]


def test_the_person_a_body_is_named_after_stays_in_its_name():
    doc = Extractor()("Он стал артистом Татарской государственной филармонии имени Габдуллы Тукая.")
    assert [o.name for o in doc.organizations] == ["Татарская государственная филармония имени Габдуллы Тукая"]


def test_a_bare_kind_word_gives_way_to_the_taggers_longer_name(extractor):
    # the phrase rule stops at "Агентстве" (инициатива ends a tail: "по инициативе министерства")
    doc = extractor("Проект представили в Агентстве стратегических инициатив.")
    assert [o.name for o in doc.organizations] == ["Агентство стратегических инициатив"]


@pytest.mark.parametrize("text, name", [
    ("Компания поставляет оборудование для АвтоВАЗа.", "АвтоВАЗ"),
    ("Договор заключён с МегаФоном.", "МегаФон"),
])
def test_a_name_with_a_capital_inside_keeps_it_in_the_nominative(extractor, text, name):
    assert [o.name for o in extractor(text).organizations] == [name]


@pytest.mark.parametrize("text, name", [
    ("Он выступал в Лондонской школе экономики в прошлом году.", "Лондонская школа экономики"),
    ("Он вступил в Компартию Казахстана в 1990 году.", "Компартия Казахстана"),
    ("Его госпитализировали в Клиническую инфекционную больницу № 1.", "Клиническая инфекционная больница № 1"),
])
def test_a_tagged_name_of_no_known_kind_is_declined_up_to_its_first_noun(extractor, text, name):
    assert name in [o.name for o in extractor(text).organizations]
