"""Scraped pages: headline, publication date from the page head, and site furniture left out."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import FIXTURES
from fakty import Extractor, Grammar
from fakty.page import analyse, find_date

# a made-up page with the usual furniture: cookie banner, breadcrumbs, date, photo credit,
# a link list inside the article, a list of unrelated headlines at the end
PAGE = """Мы используем файлы cookie, чтобы сайт работал лучше. Продолжая, вы соглашаетесь с этим.
Главная / Новости / Экономика
14 марта 2024, 10:15
В Казани открылся новый технопарк «Идея­Плюс»
Президент Республики Татарстан Рустам Минниханов открыл в Казани технопарк \u201cИдеяПлюс\u201d.
Фото: пресс-служба Раиса Татарстана
Читайте также:
Сбербанк снизил ставки по ипотеке
В Самаре построят новый мост
Резидентами технопарка станут 40 компаний, сообщил министр экономики Татарстана Олег Коробченко.
Главное за неделю
Губернатор Тюменской области Александр Моор посетил выставку
В Новосибирске открыли станцию метро
Курс доллара упал
"""
ARTICLE = ["Президент Республики Татарстан", "Резидентами технопарка станут 40 компаний"]
FURNITURE = ["cookie", "Главная / Новости", "Фото: пресс-служба", "Читайте также", "Сбербанк снизил",
             "В Самаре построят", "Главное за неделю", "Александр Моор", "Курс доллара"]


def inside(span, regions) -> bool:
    return any(r.start <= span.start < r.stop for r in regions)


def test_page_head_gives_title_and_date(extractor):
    doc = extractor(PAGE)
    assert doc.title == "В Казани открылся новый технопарк «Идея\u00adПлюс»"  # original characters
    assert doc.published == dt.date(2024, 3, 14)


def test_furniture_is_marked_and_the_article_is_not(extractor):
    doc = extractor(PAGE)
    for piece in FURNITURE:
        start = PAGE.index(piece)
        assert any(r.start <= start < r.stop for r in doc.boilerplate), piece
    for piece in ARTICLE:
        start = PAGE.index(piece)
        assert not any(r.start <= start < r.stop for r in doc.boilerplate), piece
    for region in doc.boilerplate:  # offsets into the caller's text
        assert PAGE[region.start:region.stop] == region.text


def test_no_record_comes_from_furniture_unless_asked(extractor):
    doc = extractor(PAGE)
    assert "Рустам Минниханов" in {p.name for p in doc.persons}
    assert not [r for r in doc.records() if any(inside(s, doc.boilerplate) for s in r.spans)]
    kept = Extractor(keep_boilerplate=True)(PAGE)
    assert "Александр Моор" in {p.name for p in kept.persons}
    assert kept.boilerplate == doc.boilerplate


def test_the_callers_date_wins_over_the_page():
    assert Extractor()(PAGE, published="2024-03-15").published == dt.date(2024, 3, 15)


def test_the_page_date_reaches_the_grammars():
    seen = []

    def look(ctx):
        seen.append(ctx.published)
        return []

    Extractor(grammars=[Grammar("look", find=look)], ner=False)(PAGE)
    assert seen and set(seen) == {dt.date(2024, 3, 14)}


def test_a_dateline_at_the_start_of_the_first_paragraph():
    page = analyse("Итоги конференции\n23 ноября 2018 года в Москве состоялась конференция, "
                   "в которой приняли участие 500 человек.\n")
    assert page.published == dt.date(2018, 11, 23)
    # a date later in the article is not the publication date
    assert analyse("Компания отчиталась о результатах за год и объявила, что 5 мая 2020 года "
                   "откроет завод.\n").published is None


@pytest.mark.parametrize("text, expected", [
    ("07.10.2025", dt.date(2025, 10, 7)),
    ("Опубликовано: 2018-12-02 14:00", dt.date(2018, 12, 2)),
    ("1 мая 2019 г.", dt.date(2019, 5, 1)),
    ("31.02.2020", None),
    ("12.34.5678", None),
])
def test_find_date(text, expected):
    assert find_date(text) == expected


def test_plain_text_has_no_title_and_no_furniture(extractor):
    doc = extractor("Мэр Москвы Сергей Собянин открыл технопарк «Мосгормаш». Его резидентами станут 20 компаний.")
    assert doc.title is None and doc.boilerplate == [] and doc.published is None
    assert doc.persons


def test_a_short_article_of_short_lines_is_not_cut():
    text = "Губернатор Дмитрий Демешин.\nМинистр Алексей Абросимов.\nМэр Сергей Собянин.\n"
    assert analyse(text).boilerplate == []


SEEDS = {  # read by hand: publication date, headline, last article words, first furniture words
    "000_f32622456d1a8adb.txt": (dt.date(2025, 10, 7), "В Москве обсудили", "Ирина Бочарникова.", "Фото с сайта"),
    "001_a2611bcb571f4053.txt": (None, "Коваленко: ОЭЗ", "подчеркнул Степан Коваленко.", "Читайте на сайте"),
    "002_9558e3017ce42363.txt": (dt.date(2018, 12, 2), "Подведены итоги", "предпринимательской инициативы».", None),
    "003_9afe9a9381d0fe53.txt": (None, "Специалисты пензенского", "развития России.", "Что еще почитать"),
    "004_81d7c216ccd40b0c.txt": (None, "На инженерном конгрессе", "Хабаровского края.", "На Большом Уссурийский"),
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_pages(extractor, name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    published, title, article_end, furniture = SEEDS[name]
    doc = extractor(text)
    assert doc.published == published
    assert doc.title.startswith(title)
    title_at = text.index(doc.title)
    end = text.index(article_end) + len(article_end)
    # every paragraph from the headline to the end of the article is kept...
    offset = title_at
    for line in text[title_at:end].split("\n"):
        if len(line) > 60:
            assert not any(r.start <= offset < r.stop for r in doc.boilerplate), line
        offset += len(line) + 1
    # ...everything after the article is furniture
    if furniture:
        assert text.index(furniture) >= end
        assert any(r.start <= text.index(furniture) < r.stop for r in doc.boilerplate)
        assert doc.boilerplate[-1].stop == len(text.rstrip())
    assert not [r for r in doc.records() if any(inside(s, doc.boilerplate) for s in r.spans)]


def gold_pages():
    from conftest import ROOT

    return sorted((ROOT / "fixtures").glob("*.json"))


@pytest.mark.parametrize("path", gold_pages(), ids=lambda p: p.stem)
def test_fixtures_boilerplate_date_and_title(extractor, path):
    # the gold marks boilerplate by hand: ours covers the same characters (spaces aside)
    import json

    gold = json.loads(path.read_text(encoding="utf-8"))
    text = gold["text"]
    doc = extractor(text)

    def chars(regions):
        return {i for r in regions for i in range(r["start"], r["stop"]) if not text[i].isspace()}

    assert chars(r.model_dump() for r in doc.boilerplate) == chars(gold["boilerplate"])
    assert (doc.published.isoformat() if doc.published else None) == gold["published"]
    assert doc.title == gold["title"]


def test_a_headline_above_a_longer_caption_is_not_furniture():
    # the longest head line is taken for the headline; a shorter line above it that reads as a
    # sentence (a verb, or lowercase words) is the real headline, and its names are kept
    text = ("Умер бывший министр печати Михаил Лесин\n"
            "Михаил Лесин на заседании правительства Российской Федерации в Москве, 2003 год\n"
            "Бывший министр печати России Михаил Лесин скончался в Вашингтоне, сообщает агентство.\n")
    assert analyse(text).boilerplate == []
    # a breadcrumb of capitalised nouns above the headline still is
    crumbs = "Новости ОЭЗ «Лотос»\n" + text
    assert analyse(crumbs).boilerplate == [(0, len("Новости ОЭЗ «Лотос»"))]
