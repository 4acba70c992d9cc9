"""Places: nominative names with agreement, kinds, sites, and what is not a place."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from fakty import Document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.mark.parametrize("text, span, name, kind", [
    ("Форум прошёл в Нижнем Новгороде.", "Нижнем Новгороде", "Нижний Новгород", "город"),
    ("Хартию внедряют в Хабаровском крае.", "Хабаровском крае", "Хабаровский край", "край"),
    ("Пензенская область показала рост.", "Пензенская область", "Пензенская область", "область"),
    ("Вице-премьер Омской области посетил завод.", "Омской области", "Омская область", "область"),
    ("Конгресс пройдет в Комсомольске-на-Амуре.", "Комсомольске-на-Амуре", "Комсомольск-на-Амуре", "город"),
    ("Представители 66 субъектов Российской Федерации приехали.", "Российской Федерации", "Россия", "страна"),
    ("Гости прибыли из Казахстана.", "Казахстана", "Казахстан", "страна"),
])
def test_places_are_nominative_with_a_kind(extractor, text, span, name, kind):
    [place] = extractor(text).locations
    assert (place.spans[0].text, place.name, place.kind) == (span, name, kind)


def test_mentions_of_one_place_make_one_entity(extractor):
    text = "В России растёт спрос. Из России и РФ вывозят станки."
    [russia] = extractor(text).locations
    assert [s.text for s in russia.spans] == ["России", "России", "РФ"]


def test_sites_of_a_zone_are_places_with_their_quotes(extractor):
    text = "Кластер создан на площадках «Алабушево» и «Печатники» ОЭЗ."
    assert [(p.spans[0].text, p.name, p.kind) for p in extractor(text).locations] == [
        ("«Алабушево»", "Алабушево", "площадка"), ("«Печатники»", "Печатники", "площадка")]


@pytest.mark.parametrize("text", [
    "Круглый стол организует министерство промышленности и торговли края.",  # a bare kind word
    "Министерство промышленности и торговли Российской Федерации одобрило план.",  # inside a name
    "Прошла конференция «Промышленная Россия 4.0».",  # inside a title
    "Награждены победители Национального рейтинга технопарков России.",  # inside a rating's name
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


def test_a_bulleted_list_of_places_is_one_place_per_item(extractor):
    doc = extractor("Участники: Таджикистан • Туркмения • Уганда • Объединённые Арабские Эмираты • "
                    "Виргинские острова • Узбекистан.")
    assert sorted(p.name for p in doc.locations) == sorted(
        ["Таджикистан", "Туркмения", "Уганда", "Объединённые Арабские Эмираты", "Виргинские острова", "Узбекистан"])
