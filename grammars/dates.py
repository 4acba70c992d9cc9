"""Dates grammar: calendar dates, periods, ranges and relative dates -> `Date` records.

What it reads (examples with expected values in `dates_examples.tsv`):
- days: "23 ноября 2018 года", "7 мая 2018 г.", "07.10.2025", "2025-10-07", "16 октября";
- months, quarters, half-years, years: "ноябрь 2018", "III квартал", "в первом полугодии
  2025 года", "в 2024 году", "2024 г." (a bare "2024" is not a date: "ПМЭФ-2024" names an
  edition of an event);
- a part of a period: "в конце 2023 года" (part=end);
- two-digit years and decades: "67-го года" (1967), "в 90-х годах", "2010-х" (precision decade);
- dates said together share a year: "22 апреля и 6 мая 2012 года" (both 2012), "в 1995 и
  2002 году" (1995 too);
- ranges: "16-17 октября", "с 1 по 5 июня 2025 года", "2021-2024 годы";
- a preposition's meaning: "до 2030 года" (until), "к 2030 году" (by), "с 2020 года" (since);
- relative dates: "сегодня", "вчера", "в прошлом году", "чуть более года назад",
  "на сегодняшний день", "в сентябре с.г." (relative=True, shift, shift_unit; `resolve/dates.py` counts them
  from the publication date).

A plain "в"/"на"/"за"/"от" before a date is left out of the span; a preposition that
changes the meaning ("до", "к", "с") is kept in it.
"""
from __future__ import annotations

import re
from typing import Optional

from yargy import or_, rule
from yargy.interpretation import fact
from yargy.predicates import caseless, custom, dictionary, eq, in_caseless

from fakty.grammar import BudgetExceeded, Grammar, Triggers, lazy_parser
from fakty.grammars import lexicon, table
from fakty.morph import lemmas
from fakty.records import Date, DateValue
from fakty.values import valid_day, with_iso

MONTHS = {word.rstrip("."): int(number) for word, number in table("months.tsv")}
MONTH_ABBREVIATIONS = {word.rstrip(".") for word, _ in table("months.tsv") if word.endswith(".")}
MONTH_LEMMAS = set(MONTHS) - MONTH_ABBREVIATIONS
ORDINALS = {word: int(number) for word, number in table("ordinals.tsv")}
PARTS = dict(table("date_parts.tsv"))
RELATIONS = dict(table("date_relations.tsv"))
RELATIVE_WORDS = {word: (int(shift), unit) for word, shift, unit in table("relative_dates.tsv")}
RELATIVE_ADJECTIVES = {word: int(shift) for word, shift in table("relative_adjectives.tsv")}
TIME_UNITS = dict(table("time_units.tsv"))
NUMBER_WORDS = {word: value for word, value in table("number_words.tsv")}
# prepositions that only place a date ("в 2024 году"): not part of the span
PLAIN_PREPOSITIONS = ("в", "во", "на", "за", "от")

DateFact = fact("DateFact", [
    "prep", "part", "day", "month", "year", "day2", "month2", "year2", "quarter", "half",
    "rel_word", "rel_adjective", "rel_number", "rel_unit", "rel_direction", "this_year", "decade",
])


def _int_between(low: int, high: int, lengths: tuple[int, ...]):
    def in_range(value: str) -> bool:  # length first: int() of a 5,000-digit token is refused
        return len(value) in lengths and value.isdigit() and low <= int(value) <= high
    return custom(in_range, types="INT")


DAY = _int_between(1, 31, (1, 2))
MONTH_NUMBER = _int_between(1, 12, (1, 2))
YEAR = _int_between(1800, 2199, (4,))
SHORT_YEAR = _int_between(0, 99, (2,))
DASH = in_caseless({"-", "—", "–"})
DOT = eq(".")
MONTH_WORD = or_(
    rule(dictionary(MONTH_LEMMAS)),
    rule(in_caseless(MONTH_ABBREVIATIONS), DOT.optional()),
)
YEAR_WORD = or_(rule(dictionary({"год"})), rule(in_caseless({"г", "гг"}), DOT.optional()))
ORDINAL = or_(
    rule(dictionary({w for w in ORDINALS if w.isalpha() and not w.isascii()})),
    rule(in_caseless({w for w in ORDINALS if w.isascii()})),
    rule(_int_between(1, 4, (1,)), rule(DASH, in_caseless({"й", "м", "го", "е", "ом", "ый"})).optional()),
)


def day(attr):
    return rule(DAY).interpretation(attr)


def month(attr):
    return MONTH_WORD.interpretation(attr)


def year(attr, word: str = "optional"):
    y = rule(YEAR).interpretation(attr)
    if word == "required":
        return rule(y, YEAR_WORD)
    return rule(y, YEAR_WORD.optional())


DAY_MONTH_YEAR = rule(day(DateFact.day), month(DateFact.month), year(DateFact.year).optional())
NUMERIC = rule(
    day(DateFact.day), in_caseless({".", "/"}), rule(MONTH_NUMBER).interpretation(DateFact.month),
    in_caseless({".", "/"}), or_(rule(YEAR), rule(SHORT_YEAR)).interpretation(DateFact.year),
    YEAR_WORD.optional())
ISO = rule(rule(YEAR).interpretation(DateFact.year), DASH,
           rule(MONTH_NUMBER).interpretation(DateFact.month), DASH, day(DateFact.day))
MONTH_YEAR = rule(month(DateFact.month), year(DateFact.year))
YEAR_ONLY = year(DateFact.year, "required")
# "67-го года" (two digits and an ordinal ending); "90-х годов", "1990-е годы" (a decade)
SHORT_YEAR_ONLY = rule(rule(SHORT_YEAR).interpretation(DateFact.year), DASH,
                       in_caseless({"го", "й", "м", "ом", "ый"}), dictionary({"год"}))
DECADE = or_(
    rule(rule(_int_between(0, 90, (2,))).interpretation(DateFact.decade), DASH,
         in_caseless({"х", "е"}), dictionary({"год"})),
    rule(rule(_int_between(1800, 2190, (4,))).interpretation(DateFact.decade), DASH,
         in_caseless({"х", "е"}), dictionary({"год"}).optional()),
)
HALF = rule(ORDINAL.interpretation(DateFact.half), dictionary({"полугодие"}),
            year(DateFact.year).optional())
QUARTER = rule(ORDINAL.interpretation(DateFact.quarter), dictionary({"квартал"}),
               year(DateFact.year).optional())

DAY_RANGE = or_(
    rule(day(DateFact.day), DASH, day(DateFact.day2), month(DateFact.month2),
         year(DateFact.year2).optional()),
    rule(day(DateFact.day), month(DateFact.month), DASH, day(DateFact.day2),
         month(DateFact.month2), year(DateFact.year2).optional()),
    rule(month(DateFact.month), DASH, month(DateFact.month2), year(DateFact.year2).optional()),
)
YEAR_RANGE = rule(rule(YEAR).interpretation(DateFact.year), DASH, year(DateFact.year2, "required"))
FROM = in_caseless({"с", "со"})
TO = in_caseless({"по", "до"})
FROM_TO = or_(
    rule(FROM, day(DateFact.day), TO, day(DateFact.day2), month(DateFact.month2),
         year(DateFact.year2).optional()),
    rule(FROM, day(DateFact.day), month(DateFact.month), year(DateFact.year).optional(), TO,
         day(DateFact.day2), month(DateFact.month2), year(DateFact.year2).optional()),
    rule(FROM, month(DateFact.month), year(DateFact.year).optional(), TO,
         month(DateFact.month2), year(DateFact.year2).optional()),
    rule(FROM, year(DateFact.year), TO, year(DateFact.year2, "required")),
)

NUMBER = or_(rule(_int_between(1, 999, (1, 2, 3))), rule(dictionary(set(NUMBER_WORDS))))
TIME_UNIT = dictionary(set(TIME_UNITS)).interpretation(DateFact.rel_unit.normalized())
AGO_HEDGES = in_caseless({"чуть", "почти", "около", "более", "менее", "больше", "меньше",
                          "уже", "всего", "лишь", "примерно", "свыше", "немногим"})
RELATIVE_ADJECTIVE = dictionary(set(RELATIVE_ADJECTIVES)).interpretation(DateFact.rel_adjective)
RELATIVE = or_(
    rule(in_caseless(set(RELATIVE_WORDS)).interpretation(DateFact.rel_word.normalized())),
    rule(RELATIVE_ADJECTIVE, TIME_UNIT),
    # "в марте этого года", "27 декабря прошлого года"
    rule(day(DateFact.day).optional(), month(DateFact.month), RELATIVE_ADJECTIVE, TIME_UNIT),
    # "в сентябре с.г." (сего года): this year
    rule(day(DateFact.day).optional(), month(DateFact.month),
         rule(caseless("с"), DOT, caseless("г"), DOT.optional()).interpretation(DateFact.this_year)),
    rule(AGO_HEDGES.repeatable(max=2).optional(),
         NUMBER.interpretation(DateFact.rel_number).optional(), TIME_UNIT,
         caseless("назад").interpretation(DateFact.rel_direction.normalized())),
    rule(caseless("через").interpretation(DateFact.rel_direction.normalized()),
         NUMBER.interpretation(DateFact.rel_number).optional(), TIME_UNIT),
)

PREPOSITION = or_(*[rule(*[caseless(w) for w in phrase.split()])
                    for phrase in sorted(set(RELATIONS) | set(PLAIN_PREPOSITIONS))])
PART = dictionary(set(PARTS)).interpretation(DateFact.part.normalized())
ANY_DATE = or_(DAY_MONTH_YEAR, NUMERIC, ISO, MONTH_YEAR, YEAR_ONLY, SHORT_YEAR_ONLY, DECADE, HALF, QUARTER,
               DAY_RANGE, YEAR_RANGE, RELATIVE)
DATE = or_(
    rule(PREPOSITION.interpretation(DateFact.prep).optional(), rule(PART).optional(), ANY_DATE),
    FROM_TO,
    # a month alone is a date only after a preposition or a part: "в ноябре", "к концу марта"
    rule(PREPOSITION.interpretation(DateFact.prep), rule(PART).optional(), month(DateFact.month)),
    rule(PART, month(DateFact.month)),
).interpretation(DateFact)

# adjacent tokens only: "07.10.2025", "2025-10-07" (not "7. 10. 2025")
_COMPACT = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")


def _int(text: Optional[str]) -> Optional[int]:
    return int(text) if text and text.isdigit() and len(text) <= 4 else None


def month_number(text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    word = text.rstrip(". ").lower()
    if word.isdigit():
        return _int(word)
    if word in MONTH_ABBREVIATIONS:
        return MONTHS[word]
    for lemma in lemmas(word):
        if lemma in MONTH_LEMMAS:
            return MONTHS[lemma]
    return None


def ordinal_number(text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    word = text.split()[0].split("-")[0].lower()
    if word.isdigit():
        return _int(word)
    if word in ORDINALS:
        return ORDINALS[word]
    return next((ORDINALS[lemma] for lemma in lemmas(word) if lemma in ORDINALS), None)


def number_value(text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    if text.isdigit():
        return _int(text)
    for lemma in lemmas(text.lower()):
        if lemma in NUMBER_WORDS:
            value = float(NUMBER_WORDS[lemma])
            return int(value) if value.is_integer() else None
    return None


def _year(text: Optional[str]) -> Optional[int]:
    value = _int(text)
    if value is not None and text and len(text) == 2:
        value += 2000 if value < 50 else 1900
    return value


def _point(day_text, month_text, year_text, quarter_text=None, half_text=None) -> Optional[DateValue]:
    day, month, year = _int(day_text), month_number(month_text), _year(year_text)
    quarter, half = ordinal_number(quarter_text), ordinal_number(half_text)
    if quarter:
        if quarter > 4:
            return None
        return DateValue(year=year, quarter=quarter, precision="quarter")
    if half:
        if half > 2:
            return None
        return DateValue(year=year, half=half, precision="half")
    if day is not None:
        if month is None or not valid_day(year, month, day):
            return None
        return DateValue(year=year, month=month, day=day, precision="day")
    if month is not None:
        return DateValue(year=year, month=month, precision="month")
    if year is not None:
        return DateValue(year=year, precision="year")
    return None


def _relative(f) -> Optional[DateValue]:
    if f.this_year:
        shift, unit = 0, "year"
    elif f.rel_word:
        shift, unit = RELATIVE_WORDS[f.rel_word.lower()]
    elif f.rel_unit:
        unit = TIME_UNITS.get(f.rel_unit)
        if unit is None:
            return None
        if f.rel_adjective:
            if unit == "day" or (f.month and unit != "year"):
                return None  # "на следующий день", "в этот день" count from the story, not from today
            shift = next((RELATIVE_ADJECTIVES[lm] for lm in lemmas(f.rel_adjective.lower())
                          if lm in RELATIVE_ADJECTIVES), None)
            if shift is None:
                return None
        elif f.rel_direction:
            count = number_value(f.rel_number) if f.rel_number else 1
            if count is None:
                return None
            shift = -count if f.rel_direction == "назад" else count
        else:
            return None
    else:
        return None
    precision = {"day": "day", "week": "day", "month": "month", "year": "year"}[unit]
    if f.month:  # "в марте этого года": the month is said, the year is relative
        month, day = month_number(f.month), _int(f.day)
        if month is None or (day is not None and not valid_day(None, month, day)):
            return None
        return DateValue(month=month, day=day, relative=True, shift=shift, shift_unit=unit,
                         precision="day" if day else "month")
    return DateValue(relative=True, shift=shift, shift_unit=unit, precision=precision)


def date_value(f) -> Optional[DateValue]:
    """A DateValue from a DateFact, or None when the parts do not make a date."""
    value = _relative(f)
    if value is None and f.decade:
        # "90-х годов": two digits are a decade of the 1900s, but "00-х" are the 2000s
        decade = _int(f.decade)
        if decade is not None and decade < 100:
            decade += 2000 if decade == 0 else 1900
        if decade is None or decade % 10:
            return None
        value = DateValue(year=decade, precision="decade")
    if value is None:
        end = _point(f.day2, f.month2, f.year2)
        start_month = f.month or (f.month2 if f.day else None)
        start_year = f.year or f.year2
        value = _point(f.day, start_month, start_year, f.quarter, f.half)
        if value is None:
            return None
        if end is not None:
            if end.year is None and value.year is not None and end.month is not None:
                end = end.model_copy(update={"year": value.year})
            if _order(end) <= _order(value):
                return None  # "16-17" but not "17-16"
            value = value.model_copy(update={"end": with_iso(end)})
    update = {}
    if f.part:
        update["part"] = PARTS.get(f.part)
    if f.prep and not value.end:
        update["relation"] = RELATIONS.get(f.prep.lower(), "on")
    return with_iso(value.model_copy(update=update)) if update else with_iso(value)


def _order(v: DateValue) -> tuple:
    return (v.year or 0, v.month or 0, v.day or 0)


def find_dates(ctx) -> list[tuple[int, int, DateValue]]:
    """(start, stop, value) of the dates in a sentence; offsets relative to the sentence
    (kept on the context: the figures grammar asks again)."""
    if "dates" not in ctx.cache:
        ctx.cache["dates"] = _find_dates(ctx)
    return ctx.cache["dates"]


# a date is a few words around a number, a month, a time unit or a relative word: the
# parser runs on windows around those anchors only (the rest of a sentence cannot match)
ANCHOR_LEMMAS = (MONTH_LEMMAS | MONTH_ABBREVIATIONS | set(TIME_UNITS) | set(RELATIVE_WORDS)
                 | {"квартал", "полугодие", "г", "гг"})
WINDOW_BEFORE, WINDOW_AFTER = 4, 3


# a number makes a date with a word (a month, a year or time unit: anchors of their own)
# or with separators ("07.10.2025", "2025-10-07", "1990-е"); a number among numbers,
# commas and other words anchors no window ('1 1 1 …' would cost 60 chart states a token)
_SEPARATORS = frozenset({".", "/", "-", "—", "–"})


def windows(tokens: list) -> list[list]:
    """Runs of tokens around anchors, overlapping runs merged."""
    spans: list[list[int]] = []
    for i, token in enumerate(tokens):
        if token.type == "INT" and _separated(tokens, i) or _anchor(token):
            start, stop = max(0, i - WINDOW_BEFORE), i + WINDOW_AFTER + 1
            if spans and start <= spans[-1][1]:
                spans[-1][1] = stop
            else:
                spans.append([start, stop])
    return [tokens[start:stop] for start, stop in spans]


def _separated(tokens: list, i: int) -> bool:
    return (i > 0 and tokens[i - 1].value in _SEPARATORS) or (
        i + 1 < len(tokens) and tokens[i + 1].value in _SEPARATORS)


def _anchor(token) -> bool:
    if token.type not in ("RU", "LATIN"):
        return False
    forms = getattr(token, "forms", None) or ()
    return token.value.lower() in ANCHOR_LEMMAS or any(f.normalized in ANCHOR_LEMMAS for f in forms)


def _find_dates(ctx) -> list[tuple[int, int, DateValue]]:
    matches = []
    for window in windows(ctx.tokens):
        try:
            matches.extend(_parser().run(window, "findall"))
        except BudgetExceeded:
            continue
    found = []
    for match in matches:
        f = match.fact
        value = date_value(f)
        if value is None:
            continue
        start, stop = match.span.start, match.span.stop
        if (f.day and f.year and not f.day2 and not _spelled_out(f)
                and not _COMPACT.search(ctx.text[start:stop])):
            continue  # "7. 10. 2025" or "2025 - 10 - 07": not written as one date
        if f.rel_direction and not f.rel_number and not _singular_unit(match.tokens):
            continue  # "несколько лет назад": how many is not said
        if f.rel_adjective and not _singular_unit(match.tokens):
            continue  # "в прошлые годы": no one year
        if f.prep and f.prep.lower() in PLAIN_PREPOSITIONS:
            start = match.tokens[1].span.start
        if value.relation == "by" and _after_change_word(ctx.text[:start]):
            value = value.model_copy(update={"relation": "on"})  # "рост к 2023 году": compared with
        if f.rel_word and not ctx.text[:start].strip() and not ctx.text[stop:].strip(" .!"):
            continue  # a line of its own saying "Сегодня": a page widget, not news
        if f.rel_word and value.shift == 0 and _present_tense_only(ctx.tokens):
            continue  # "сегодня является", "сегодня мы можем": nowadays, not a day
        if inside_title(ctx.text, start):
            continue
        found.append((start, stop, value))
    return _share_years(ctx.text, _listed_years(ctx.text, found))


# what may stand between dates said in one breath: "и", "или", a comma, a parenthesis
_JOINER = re.compile(r"\s*(?:\([^()]{0,40}\))?\s*(?:,|и|или|а также)?\s*(?:\([^()]{0,40}\))?\s*$")
_PARENTHESIS = re.compile(r"\s*\([^()]{0,40}\)\s*$")


def _share_years(text: str, found: list) -> list:
    """Day-month dates said in one breath with a year take it: "22 апреля и 6 мая 2012
    года" (both 2012); "6 мая (второй тур) 2012 года" is one date."""
    found = sorted(found, key=lambda f: f[0])
    out: list = []
    for start, stop, value in reversed(found):
        if out and _yearless(value) and value.end is None:
            next_start, next_stop, next_value = out[-1]
            between = text[stop:next_start]
            if (next_value.precision == "year" and next_value.year and not next_value.relative
                    and next_value.end is None and _PARENTHESIS.match(between)):
                out[-1] = (start, next_stop, with_iso(value.model_copy(update={"year": next_value.year})))
                continue  # "6 мая (второй тур) 2012 года"
            year = next_value.year if not next_value.relative else None
            if year and next_value.month and _JOINER.match(between):
                value = with_iso(value.model_copy(update={"year": year}))
        out.append((start, stop, value))
    return list(reversed(out))


def _yearless(value: DateValue) -> bool:
    return value.year is None and value.month is not None and not value.relative


_LISTED_YEAR = re.compile(r"(?<![\d.,])(1[89]\d\d|2[01]\d\d)(\s*(?:,|и|или)\s*)$")


def _listed_years(text: str, found: list) -> list:
    """A bare year listed before a year with its word: "в 1995 и 2002 году" (1995 too)."""
    out = list(found)
    for start, stop, value in found:
        if value.precision != "year" or value.end is not None or value.relative or value.part:
            continue
        head = start
        while m := _LISTED_YEAR.search(text[:head]):
            year_start, year_stop = m.start(1), m.end(1)
            if any(s <= year_start < e for s, e, _ in out):
                break
            out.append((year_start, year_stop, with_iso(DateValue(year=int(m.group(1)), precision="year"))))
            head = year_start
    return out


TITLE_KINDS = set(lexicon("title_kinds.txt"))
_TITLE_BEFORE = re.compile(r"(?:№\s*[\w./-]+|(\w+)(?:\s+[А-ЯЁA-Z]\w*\.?)*)\s*$")


def inside_title(text: str, offset: int) -> bool:
    """Is `offset` inside a quoted title of a document, programme or rating: «О …», or
    «…» after "Указ", "программа", "№ 204"? (Dates and numbers there belong to the name.)"""
    opening = text.rfind("«", 0, offset)
    if opening < 0 or "»" in text[opening:offset]:
        return False
    if re.match(r"«\s*(?:О|Об|Обо)\s", text[opening:]):
        return True
    m = _TITLE_BEFORE.search(text[:opening])
    if not m:
        return False
    return m.group(1) is None or bool(lemmas(m.group(1).lower()) & TITLE_KINDS)


def _present_tense_only(tokens) -> bool:
    """Does the sentence have finite verbs, all in the present tense?"""
    from fakty.morph import parse

    tenses = set()
    for token in tokens:
        parses = parse(token.value.lower()) if token.type == "RU" else ()
        if parses and parses[0].tag.POS == "VERB" and parses[0].tag.tense:
            tenses.add(parses[0].tag.tense)
    return tenses == {"pres"}


CHANGE_WORDS = {word for word, _ in table("changes.tsv")}
_LAST_WORD = re.compile(r"(\w+)\s*$")


def _after_change_word(before: str) -> bool:
    m = _LAST_WORD.search(before)
    return bool(m) and bool(lemmas(m.group(1).lower()) & CHANGE_WORDS)


def _singular_unit(tokens) -> bool:
    from fakty.morph import parse

    for token in tokens:
        for p in parse(token.value.lower()):
            if p.normal_form in TIME_UNITS:
                return "sing" in p.tag
    return False


def _spelled_out(f) -> bool:
    return bool(f.month) and not f.month.strip(". ").isdigit()


def interpret(ctx):
    for start, stop, value in find_dates(ctx):
        yield Date(value=value, spans=[ctx.span(start, stop)])


_parser = lazy_parser(DATE)


TRIGGERS = Triggers(
    digits=True,
    # month stems inside hyphenated tokens too ("август-сентябрь" is one razdel token)
    pattern=r"(?i)(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)",
    lemmas=frozenset(MONTH_LEMMAS | {"год", "месяц", "неделя", "квартал", "полугодие",
                                     "сегодняшний"}),
    words=frozenset(set(MONTH_ABBREVIATIONS) | set(RELATIVE_WORDS)),
)

GRAMMARS: list = [Grammar(name="dates", find=interpret, triggers=TRIGGERS, priority=10)]
