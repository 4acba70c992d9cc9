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
- totals from the start of a year: "за девять месяцев 2023 года" (2023-01/2023-09), "за три
  квартала" (Q1/Q3), "за первые полгода" (H1), "за 5 месяцев этого года" (relative); without a
  year, a count of months or "полгода" needs "первые" ("за два месяца" is a span of time);
- the start or end of the current year or month: "с начала года", "до конца месяца" (relative,
  shift 0; after a date with a year in the sentence, that date's year);
- relative dates: "сегодня", "вчера", "в прошлом году", "чуть более года назад",
  "в сентябре с.г.", "вчерашнего заседания" (relative=True, shift, shift_unit; `resolve/dates.py`
  counts them from the publication date); "несколько дней назад" (no shift said);
- dates counted from a time the story names (counted_from="story", never resolved): "на
  следующий день", "в тот же день", "того же года", "годом позже", "спустя два года";
- "накануне" (the day before; "накануне выборов" is no date), a year in brackets ("(2006)",
  "(р. 1993)", "(1996—98)"), a year after a preposition with no noun or number after it ("в
  2002 он", "С 1975 по 1977"), a sports season ("2002/03"), a century ("в XXI веке": precision
  century), a season ("осенью", "прошлым летом", "летом 2010 года": its year), a month
  adjective in lower case ("декабрьских выборов");
- weekdays: "в пятницу", "в минувшую среду" (relative, weekday 1-7; the resolver takes the last
  such day on or before the publication date); "в пятницу, 3 июня 2016 года" is the date alone;
- stretches of time, as `Duration` records (a parser of their own, on the words no date took):
  "15 лет", "за пять лет", "в течение года", "от 5 до 10 лет", "в последние годы", "полгода",
  "пятилетний срок", "172-дневную экспедицию"; not ages ("в возрасте 85 лет", "ей 26 лет",
  "пятилетний мальчик"; "на 69-м году жизни" is no date either).

A preposition that only places a date ("в", "на", "за": relation "on" in date_relations.tsv)
is left out of the span; one that changes the meaning ("до", "к", "с") is kept in it.

The rules, top down: `DATE` is an optional `PREPOSITION` and `PART` before one of
`DAY_MONTH_YEAR`, `NUMERIC`, `ISO`, `MONTH_YEAR`, `YEAR_ONLY`, `SHORT_YEAR_ONLY`, `DECADE`,
`PERIOD`, `DAY_RANGE`, `YEAR_RANGE`, `LISTED_YEARS`, `RELATIVE`, `YEAR_TO_DATE`; or a
`FROM_TO` range, a `BARE_YEAR_TO_DATE` ("за три квартала"), a `PART` of a `BARE_UNIT` ("с
начала года"). Words come from the lexicons (months.tsv, ordinals.tsv, year_words.txt,
date_periods.tsv, year_to_date.tsv, year_to_date_starts.txt, year_to_date_prepositions.txt,
date_parts.tsv, date_relations.tsv, relative_dates.tsv, relative_adjectives.tsv, story_offsets.tsv, story_demonstratives.txt,
time_units.tsv, range_starts.txt, range_ends.txt, hedges.txt, qualifiers.tsv, joiners.txt,
date_weekdays.tsv, month_adjectives.tsv, seasons.txt, centuries.txt; for `DURATION`: duration_units.tsv, duration_words.tsv,
duration_prepositions.txt, duration_alone_prepositions.txt, duration_amounts.txt,
duration_lasts.txt, duration_nexts.txt, duration_adjectives.tsv,
duration_adjective_endings.tsv, age_words.txt, age_prepositions.txt, age_nouns_after.txt).
"""
from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Optional

from yargy import and_, not_, or_, rule
from yargy.interpretation import attribute, fact
from yargy.predicates import caseless, custom, eq, in_, is_lower
from yargy.predicates import type as token_type
from yargy.predicates.constructors import Predicate

from fakty.grammar import Anchors, BudgetExceeded, Grammar, Triggers, lazy_parser
from fakty.numbers import roman
from fakty.predicates import first_reading, glued, in_entry, in_number, lexicon, lexicon_phrase, number
from fakty.records import Date, DateValue, Duration
from fakty.values import duration_iso, valid_day, with_iso
from fakty.words import fact_tokens, inside_title, list_gap
from fakty.words import windows as around

DateFact = fact("DateFact", [
    "prep", "part", "day", "month", "year", "day2", "month2", "year2", "ordinal", "period",
    "rel_word", "rel_adjective", "rel_number", "rel_unit", "rel_ago", "rel_after", "rel_story", "this_year", "decade",
    "count", "count_unit", "year_start", "bare_unit", "weekday",
    "frame", "season", "century", "month_adjective", "sports_season", "bare_year",
    attribute("listed").repeatable(),
])


def _int_between(low: int, high: int, lengths: tuple[int, ...]):
    def in_range(value: str) -> bool:  # length first: int() of a 5,000-digit token is refused
        return len(value) in lengths and value.isdigit() and low <= int(value) <= high
    return custom(in_range, types="INT")


class singular_noun(Predicate):
    """The word has a reading as a singular noun ("в конце", not the verb "начал")."""

    __attributes__: list = []

    def __call__(self, token) -> bool:
        return any("NOUN" in f.grams and "sing" in f.grams for f in token.forms)


DAY = _int_between(1, 31, (1, 2))
MONTH_NUMBER = _int_between(1, 12, (1, 2))
YEAR_NUMBER = _int_between(1800, 2199, (4,))
SHORT_YEAR = _int_between(0, 99, (2,))
DASHES = frozenset({"-", "—", "–"})
DASH = in_(DASHES)
DOT = eq(".")
MONTH = lexicon_phrase("months")            # "ноябре", "янв."
YEAR_WORD = lexicon_phrase("year_words")    # "году", "г.", "гг"
ORDINAL = or_(
    rule(lexicon("ordinals")),              # "первом", "III"
    rule(_int_between(1, 4, (1,)), rule(DASH, lexicon("ordinal_endings")).optional()),  # "2-м"
)


# one rule per attribute, built once (cache): a rule built again in another alternative is a
# rule of its own to the parser, predicted again at every place both could start
@cache
def day(attr):
    return rule(DAY).interpretation(attr)


@cache
def month(attr):
    return MONTH.interpretation(attr)


@cache
def year_number(attr):
    return rule(YEAR_NUMBER).interpretation(attr)


@cache
def year(attr, word: str = "optional"):
    y = year_number(attr)
    if word == "required":
        return rule(y, YEAR_WORD)
    return rule(y, YEAR_WORD.optional())


DAY_MONTH_YEAR = rule(day(DateFact.day), month(DateFact.month), year(DateFact.year).optional())
# written as one word, no spaces: "07.10.2025", "1/2/2024" (not "7. 10. 2025")
SEPARATOR = and_(in_({".", "/"}), glued())
NUMERIC = rule(
    day(DateFact.day), SEPARATOR, rule(and_(MONTH_NUMBER, glued())).interpretation(DateFact.month),
    SEPARATOR, rule(and_(or_(YEAR_NUMBER, SHORT_YEAR), glued())).interpretation(DateFact.year),
    YEAR_WORD.optional())
ISO = rule(year_number(DateFact.year), and_(eq("-"), glued()),
           rule(and_(MONTH_NUMBER, glued())).interpretation(DateFact.month), and_(eq("-"), glued()),
           rule(and_(DAY, glued())).interpretation(DateFact.day))
MONTH_YEAR = rule(month(DateFact.month), year(DateFact.year))
YEAR_ONLY = year(DateFact.year, "required")
# "67-го года" (two digits and an ordinal ending); "90-х годов", "1990-е годы" (a decade)
SHORT_YEAR_ONLY = rule(rule(SHORT_YEAR).interpretation(DateFact.year), DASH,
                       and_(lexicon("ordinal_endings"), not_(lexicon("decade_endings"))), YEAR_WORD)
DECADE = or_(
    rule(rule(_int_between(0, 90, (2,))).interpretation(DateFact.decade), DASH,
         lexicon("decade_endings"), YEAR_WORD),
    rule(rule(_int_between(1800, 2190, (4,))).interpretation(DateFact.decade), DASH,
         lexicon("decade_endings"), YEAR_WORD.optional()),
)
# "III квартал 2025 года", "в первом полугодии"
PERIOD = rule(ORDINAL.interpretation(DateFact.ordinal), lexicon("date_periods").interpretation(DateFact.period),
              year(DateFact.year).optional())

DAY_RANGE = or_(
    rule(day(DateFact.day), DASH, day(DateFact.day2), month(DateFact.month2),
         year(DateFact.year2).optional()),
    rule(day(DateFact.day), month(DateFact.month), DASH, day(DateFact.day2),
         month(DateFact.month2), year(DateFact.year2).optional()),
    rule(month(DateFact.month), DASH, month(DateFact.month2), year(DateFact.year2).optional()),
)
YEAR_RANGE = rule(year_number(DateFact.year), DASH, year(DateFact.year2, "required"))
FROM = lexicon("range_starts")
TO = lexicon("range_ends")
FROM_TO = or_(
    rule(FROM, day(DateFact.day), TO, day(DateFact.day2), month(DateFact.month2),
         year(DateFact.year2).optional()),
    rule(FROM, day(DateFact.day), month(DateFact.month), year(DateFact.year).optional(), TO,
         day(DateFact.day2), month(DateFact.month2), year(DateFact.year2).optional()),
    rule(FROM, month(DateFact.month), year(DateFact.year).optional(), TO,
         month(DateFact.month2), year(DateFact.year2).optional()),
    rule(FROM, year(DateFact.year), TO, year(DateFact.year2, "required")),
)
# "в 1995, 1998 и 2002 годах": bare years listed before a year with its word are years too
LIST_JOINER = or_(rule(eq(",")), rule(eq(","), lexicon_phrase("joiners")), lexicon_phrase("joiners"))
LISTED_YEARS = rule(rule(rule(YEAR_NUMBER).interpretation(DateFact.listed), LIST_JOINER).repeatable(max=6),
                    YEAR_ONLY)

# a year in brackets, as film lists and biographies give it: "«Невесомая жизнь» (2006)",
# "(Astrix aux jeux olympiques, 2008)", "(1996—98)", "дочь Серафима (р. 1993)" (the span is the
# year; a bare year elsewhere is no date: "ПМЭФ-2024")
CLOSE = eq(")").interpretation(DateFact.frame)
BRACKETED_YEAR = or_(
    rule(in_({"(", ","}).interpretation(DateFact.frame), year_number(DateFact.year), CLOSE),
    rule(eq("(").interpretation(DateFact.frame), year_number(DateFact.year), DASH,
         rule(or_(YEAR_NUMBER, SHORT_YEAR)).interpretation(DateFact.year2), CLOSE),
    rule(rule(caseless("р"), DOT).interpretation(DateFact.frame), year_number(DateFact.year)),
)
# a sports season: "сезоны 2001/02, 2002/03", "в сезоне 2008/2009" (the next year after the slash)
SPORTS_SEASON = rule(year_number(DateFact.year),
                     rule(and_(eq("/"), glued())).interpretation(DateFact.sports_season),
                     rule(and_(or_(SHORT_YEAR, YEAR_NUMBER), glued())).interpretation(DateFact.year2))


def _roman(text: str) -> Optional[int]:
    """The value of a Roman numeral up to XXX, a century ("XXI" -> 21), or None."""
    value = roman(text)
    return value if value is not None and value <= 30 else None


# "в XXI веке", "с XIV века", "в 19 веке", "20-го века"
CENTURY = rule(or_(rule(custom(lambda value: _roman(value) is not None, types="LATIN")),
                   rule(_int_between(1, 21, (1, 2)), rule(DASH, lexicon("ordinal_endings")).optional())
                   ).interpretation(DateFact.century), lexicon("centuries"))
SEASON = lexicon("seasons").interpretation(DateFact.season)
BARE_YEAR = rule(rule(YEAR_NUMBER).interpretation(DateFact.bare_year),
                 rule(and_(DASH, glued()), and_(lexicon("ordinal_endings"), glued())).optional())
MONTH_ADJECTIVE = and_(lexicon("month_adjectives"), is_lower()).interpretation(DateFact.month_adjective)

NUMBER = number()
TIME_UNIT = lexicon("time_units").interpretation(DateFact.rel_unit)
ONE_TIME_UNIT = and_(lexicon("time_units"), first_reading("sing")).interpretation(DateFact.rel_unit)
HEDGE = or_(lexicon_phrase("qualifiers"), rule(lexicon("hedges")))  # "чуть более", "уже"
RELATIVE_ADJECTIVE = lexicon("relative_adjectives").interpretation(DateFact.rel_adjective)
THIS_YEAR = rule(caseless("с"), DOT, caseless("г"), DOT.optional()).interpretation(DateFact.this_year)  # с.г.
AGO = caseless("назад").interpretation(DateFact.rel_ago)
AFTER = caseless("через").interpretation(DateFact.rel_after)
STORY_OFFSET = lexicon("story_offsets").interpretation(DateFact.rel_story)
SOME_AMOUNT = or_(NUMBER, rule(lexicon("duration_amounts"))).interpretation(DateFact.rel_number)  # "два", "несколько"
STORY_DEMONSTRATIVE = lexicon("story_demonstratives").interpretation(DateFact.rel_story)  # "тот же", "того же"
HEDGES = HEDGE.repeatable(max=2)
# the year of a month said with it: "в марте этого года", "27 декабря прошлого года"; "в
# сентябре с.г." (сего года): this year; "в мае того же года": the year is the story's
MONTH_YEAR_SAID = or_(rule(RELATIVE_ADJECTIVE, TIME_UNIT), THIS_YEAR, rule(STORY_DEMONSTRATIVE, eq("же"), TIME_UNIT))
# (a part that may be missing is spelled out present and missing where a rule starts with it,
# not ".optional()": at a number or a unit the parser then predicts no hedge or amount to find
# it missing)
RELATIVE = or_(
    rule(lexicon("relative_dates").interpretation(DateFact.rel_word)),      # "вчера"
    rule(SEASON.optional(), RELATIVE_ADJECTIVE, ONE_TIME_UNIT),              # "в прошлом году", "летом прошлого года"
    rule(RELATIVE_ADJECTIVE.optional(), SEASON),                             # "прошлым летом", "осенью"
    rule(month(DateFact.month), MONTH_YEAR_SAID),
    rule(day(DateFact.day), month(DateFact.month), MONTH_YEAR_SAID),
    # "два года назад", "чуть более года назад" (no number: one unit, "года", not "лет")
    # "несколько дней назад", "через несколько месяцев": no shift said
    rule(SOME_AMOUNT, TIME_UNIT, AGO),
    rule(HEDGES, SOME_AMOUNT, TIME_UNIT, AGO),
    rule(ONE_TIME_UNIT, AGO),
    rule(HEDGES, ONE_TIME_UNIT, AGO),
    rule(AFTER, SOME_AMOUNT, TIME_UNIT),                                   # "через два года"
    rule(AFTER, ONE_TIME_UNIT),
    # counted from a time the story names: "два года спустя", "годом позже", "спустя три месяца",
    # "несколько дней спустя", "в тот же день", "того же года"
    rule(TIME_UNIT, STORY_OFFSET),
    rule(SOME_AMOUNT, TIME_UNIT, STORY_OFFSET),
    rule(lexicon("story_offsets:before").interpretation(DateFact.rel_story), SOME_AMOUNT.optional(), TIME_UNIT),
    rule(STORY_DEMONSTRATIVE, eq("же"), ONE_TIME_UNIT),
)

# the first months, quarters or half of a year, counted: "девяти месяцев 2023 года" (January
# to September), "за 5 месяцев этого года", "за три квартала", "за первые полгода"
# (year_to_date.tsv; `year_to_date` checks what a count without a year needs)
YEAR_START = lexicon("year_to_date_starts").interpretation(DateFact.year_start)
COUNT = NUMBER.interpretation(DateFact.count)
COUNT_UNIT = lexicon("year_to_date").interpretation(DateFact.count_unit)
COUNTED = or_(rule(COUNT_UNIT), rule(COUNT, COUNT_UNIT), rule(YEAR_START, COUNT_UNIT), rule(YEAR_START, COUNT, COUNT_UNIT))
OF_YEAR = or_(year(DateFact.year), rule(RELATIVE_ADJECTIVE, ONE_TIME_UNIT), THIS_YEAR)
YEAR_TO_DATE = rule(COUNTED, OF_YEAR)
BARE_YEAR_TO_DATE = rule(lexicon("year_to_date_prepositions").interpretation(DateFact.prep), COUNTED)

PREPOSITION = lexicon_phrase("date_relations")
PREP = PREPOSITION.interpretation(DateFact.prep)  # one rule, predicted once where a date can start
WEEKDAY = lexicon("date_weekdays").interpretation(DateFact.weekday)
PART = and_(lexicon("date_parts"), singular_noun()).interpretation(DateFact.part)  # "в конце 2023 года"
# "с начала года", "до конца месяца": the part of the current year or month (`_relative`)
BARE_UNIT = and_(lexicon("time_units"), first_reading("sing")).interpretation(DateFact.bare_unit)
ANY_DATE = or_(DAY_MONTH_YEAR, NUMERIC, ISO, MONTH_YEAR, YEAR_ONLY, SHORT_YEAR_ONLY, DECADE, PERIOD,
               DAY_RANGE, YEAR_RANGE, LISTED_YEARS, RELATIVE, YEAR_TO_DATE, CENTURY, SPORTS_SEASON,
               rule(SEASON, YEAR_ONLY))                                      # "летом 2010 года"
DATE = or_(
    # (the preposition and the part spelled out present or not, not ".optional()" each: at a
    # number the parser then predicts no preposition or part to find them missing)
    rule(ANY_DATE),
    rule(PART, ANY_DATE),
    rule(PREP, ANY_DATE),
    rule(PREP, PART, ANY_DATE),
    FROM_TO,
    BARE_YEAR_TO_DATE,
    rule(PREP, or_(  # (the preposition read once for the alternatives after it)
        rule(PART, BARE_UNIT),
        # a day of the week after a preposition: "в пятницу", "в минувшую среду", "к понедельнику"
        rule(RELATIVE_ADJECTIVE.optional(), WEEKDAY),
        # a month alone is a date only after a preposition or a part: "в ноябре", "к концу марта"
        rule(rule(PART).optional(), month(DateFact.month)),
    )),
    rule(PART, month(DateFact.month)),
    BRACKETED_YEAR,
    # a year without "год" after a preposition: "в 2002 он", "с 2006,", "в 1997-м", "С 1975 по
    # 1977", "в 1992—2002" (`_find_dates` wants no noun or number after it: "в 2000 раз")
    rule(PREP, or_(rule(BARE_YEAR), rule(BARE_YEAR, DASH, year_number(DateFact.year2)))),
    rule(FROM, BARE_YEAR, TO, year_number(DateFact.year2)),
    rule(MONTH_ADJECTIVE),                                                  # "[декабрьских] выборов"
).interpretation(DateFact)

# stretches of time (NEREL's DATE holds them): "15 лет", "за пять лет", "на три года", "в течение
# года", "от 5 до 10 лет", "за последние два года", "в последние годы", "несколько дней",
# "полгода"; the preposition stays in the span (it says how the stretch is meant). A parser of
# their own, run after the dates: a date wins where both read the same words ("за два месяца
# 2024 года", "два года назад").
DurationFact = fact("DurationFact", ["prep", "hedge", "amount", "amount2", "unit", "word", "last", "point",
                                     "adjective", "ending"])
AMOUNT = or_(number(unless=YEAR_NUMBER), rule(lexicon("duration_amounts")))
# "лет", "года", "месяцев", "годам"; not "году" ("в 98 году" is a year)
DURATION_UNIT = and_(lexicon("duration_units"), not_(first_reading("loct")), not_(first_reading("loc2")))
ONE_DURATION_UNIT = and_(DURATION_UNIT, first_reading("sing"))
DURATION_PREPOSITION = lexicon_phrase("duration_prepositions").interpretation(DurationFact.prep)
LAST = lexicon("duration_lasts").interpretation(DurationFact.last)
NEXT = lexicon("duration_nexts").interpretation(DurationFact.last)
IN = lexicon("duration_last_prepositions")
POINT = lexicon("duration_points").interpretation(DurationFact.point)
DURATION_HEDGE = HEDGE.repeatable(max=2).interpretation(DurationFact.hedge).optional()  # "более двух лет"
# the parts said in several alternatives below, each one rule the parser predicts once
AMOUNT_FIELD = AMOUNT.interpretation(DurationFact.amount)
UNIT_FIELD = rule(DURATION_UNIT).interpretation(DurationFact.unit)
ONE_UNIT_FIELD = rule(ONE_DURATION_UNIT).interpretation(DurationFact.unit)
OPTIONAL_PREPOSITION = DURATION_PREPOSITION.optional()
OPTIONAL_LAST_PREPOSITION = or_(DURATION_PREPOSITION, rule(IN).interpretation(DurationFact.prep)).optional()
OPTIONAL_DURATION_AMOUNT = AMOUNT.optional()
DURATION = or_(
    rule(OPTIONAL_PREPOSITION, DURATION_HEDGE, or_(rule(LAST), rule(NEXT)).optional(), AMOUNT_FIELD, UNIT_FIELD,
         caseless("подряд").optional()),
    # "от 5 до 10 лет"
    rule(caseless("от").interpretation(DurationFact.prep), AMOUNT_FIELD, caseless("до"),
         AMOUNT.interpretation(DurationFact.amount2), UNIT_FIELD),
    # "в последние годы", "за последнюю неделю", "в следующие шесть лет"
    rule(OPTIONAL_LAST_PREPOSITION, LAST, AMOUNT_FIELD.optional(), UNIT_FIELD),
    rule(OPTIONAL_LAST_PREPOSITION, NEXT, AMOUNT_FIELD, UNIT_FIELD),
    # "в течение года", "за день до выборов"; "около года", "более года" (one unit)
    rule(lexicon_phrase("duration_alone_prepositions").interpretation(DurationFact.prep), ONE_UNIT_FIELD),
    rule(HEDGE.repeatable(max=2).interpretation(DurationFact.hedge), ONE_UNIT_FIELD),
    rule(OPTIONAL_PREPOSITION, DURATION_HEDGE, lexicon("duration_words").interpretation(DurationFact.word)),
    # adjectives: "пятилетний срок", "трёхдневный траур", "10-летнем запрете", "172-дневную"
    rule(lexicon("duration_adjectives").interpretation(DurationFact.adjective)),
    rule(rule(_int_between(1, 999, (1, 2, 3))).interpretation(DurationFact.amount), and_(DASH, glued()),
         rule(and_(lexicon("duration_adjective_endings"), glued())).interpretation(DurationFact.ending)),
    # read whole to be left out: "несколько лет назад", "годом позже", "спустя четыре года"
    rule(OPTIONAL_DURATION_AMOUNT, DURATION_UNIT, POINT),
    rule(POINT, OPTIONAL_DURATION_AMOUNT, DURATION_UNIT),
).interpretation(DurationFact)


# --- interpretation: a match's tokens -> DateValue ----------------------------------------

class _Parts:
    """The tokens each attribute of a DateFact matched, and their values in the lexicons."""

    def __init__(self, match, lexicons):
        self.tokens = fact_tokens(match)
        self.listed = self.tokens.pop("listed", [])
        self.lexicons = lexicons

    def __getattr__(self, name: str) -> Optional[list]:
        return self.__dict__["tokens"].get(name)

    def cell(self, name: str, lexicon_name: str) -> Optional[str]:
        tokens = self.tokens.get(name)
        row = self.lexicons.row(lexicon_name, tokens) if tokens else None
        return row[1] if row and len(row) > 1 else None


def _int(tokens: Optional[list]) -> Optional[int]:
    text = tokens[0].value if tokens else None
    return int(text) if text and text.isdigit() and len(text) <= 4 else None


def _year(tokens: Optional[list]) -> Optional[int]:
    value = _int(tokens)
    if value is not None and len(tokens[0].value) == 2:
        value += 2000 if value < 50 else 1900
    return value


def _month(parts: _Parts, name: str) -> Optional[int]:
    tokens = getattr(parts, name)
    if not tokens:
        return None
    if tokens[0].value.isdigit():
        return _int(tokens)
    value = parts.cell(name, "months")
    return int(value) if value else None


def _ordinal(parts: _Parts) -> Optional[int]:
    if not parts.ordinal:
        return None
    if parts.ordinal[0].value.isdigit():
        return _int(parts.ordinal)
    value = parts.lexicons.row("ordinals", parts.ordinal[:1])
    return int(value[1]) if value else None


def _point(parts: _Parts, day, month, year) -> Optional[DateValue]:
    day, year, month = _int(getattr(parts, day)), _year(getattr(parts, year)), _month(parts, month)
    if day is not None:
        if month is None or not valid_day(year, month, day):
            return None
        return DateValue(year=year, month=month, day=day, precision="day")
    if month is not None:
        return DateValue(year=year, month=month, precision="month")
    if year is not None:
        return DateValue(year=year, precision="year")
    return None


def _period(parts: _Parts) -> Optional[DateValue]:
    """"III квартал 2025 года", "в первом полугодии" (quarter 1-4, half 1-2)."""
    ordinal, period = _ordinal(parts), parts.cell("period", "date_periods")
    if ordinal is None or period not in ("quarter", "half") or ordinal > (4 if period == "quarter" else 2):
        return None
    return DateValue(year=_year(parts.year), precision=period, **{period: ordinal})


def _year_to_date(parts: _Parts) -> Optional[DateValue]:
    """"девяти месяцев 2023 года" -> 2023-01/2023-09, "за три квартала" -> Q1/Q3, "за первые
    полгода" -> H1; the year said, relative ("этого года"), or left to the resolver."""
    unit = parts.cell("count_unit", "year_to_date")
    count = parts.count[0].number.value if parts.count else None
    if count is not None and (count != count.to_integral_value() or count > 12):
        return None
    count = int(count) if count is not None else None
    said_year = parts.year or parts.rel_adjective or parts.this_year
    if unit == "half":
        if count is not None or not (said_year or parts.year_start):
            return None  # "за полгода": a span of time
        value = DateValue(half=1, precision="half")
    elif unit == "month" and count is not None and 2 <= count <= 12:
        if not (said_year or parts.year_start):
            return None  # "за девять месяцев до выборов", "за два месяца действия"
        value = DateValue(month=1, precision="month", end=DateValue(month=count, precision="month"))
    elif unit == "quarter" and count is not None and 2 <= count <= 4:
        value = DateValue(quarter=1, precision="quarter", end=DateValue(quarter=count, precision="quarter"))
    else:
        return None
    if parts.year:
        year = _year(parts.year)
        value = value.model_copy(update={"year": year, "end": value.end and value.end.model_copy(update={"year": year})})
    elif parts.rel_adjective or parts.this_year:
        relative = _relative(parts)
        if relative is None or relative.shift_unit != "year":
            return None
        value = value.model_copy(update={"relative": True, "shift": relative.shift, "shift_unit": "year"})
    if value.end is not None:
        value = value.model_copy(update={"end": with_iso(value.end)})
    return value


def _relative(parts: _Parts) -> Optional[DateValue]:
    counted_from = "publication"
    if parts.bare_unit:
        # "с начала года", "до конца месяца": the year or month of the publication; said
        # "в начале года", the year may be the story's own, so only since, until and by
        unit = parts.cell("bare_unit", "time_units")
        if unit not in ("year", "month") or parts.cell("prep", "date_relations") not in ("since", "until", "by"):
            return None
        return DateValue(relative=True, shift=0, shift_unit=unit, precision=unit)
    if parts.this_year:
        shift, unit = 0, "year"
    elif parts.rel_word:
        row = parts.lexicons.row("relative_dates", parts.rel_word)
        shift, unit = int(row[1]), row[2]
    elif parts.rel_unit:
        unit = parts.cell("rel_unit", "time_units")
        if unit is None:
            return None
        if parts.rel_story or parts.rel_adjective and unit == "day":
            # "годом позже", "в тот же день", "на следующий день": from the story, not from today
            counted_from, shift = "story", _story_shift(parts)
        elif parts.rel_adjective:
            if parts.month and unit != "year":
                return None
            shift = int(parts.cell("rel_adjective", "relative_adjectives"))
        elif parts.rel_ago or parts.rel_after:
            whole, count = _count(parts)
            if not whole:
                return None  # "полтора года назад": no whole number of units
            shift = None if count is None else -count if parts.rel_ago else count
        else:
            return None
    else:
        return None
    precision = {"day": "day", "week": "day", "month": "month", "year": "year"}[unit]
    if parts.month:  # "в марте этого года": the month is said, the year is relative
        month, day = _month(parts, "month"), _int(parts.day)
        if month is None or (day is not None and not valid_day(None, month, day)):
            return None
        return DateValue(month=month, day=day, relative=True, shift=shift, shift_unit=unit,
                         precision="day" if day else "month", counted_from=counted_from)
    return DateValue(relative=True, shift=shift, shift_unit=unit, precision=precision, counted_from=counted_from)


def _story_shift(parts: _Parts) -> Optional[int]:
    """The shift of a date counted from the story: "на следующий день" 1, "двумя годами ранее"
    -2, "в тот же день" 0, "несколько лет спустя" none said."""
    if parts.rel_adjective:
        return int(parts.cell("rel_adjective", "relative_adjectives"))
    direction = parts.cell("rel_story", "story_offsets")
    if direction is None:
        return 0  # "тот же"
    whole, count = _count(parts)
    return count * int(direction) if whole and count is not None else None  # "несколько", "полтора": none


def _count(parts: _Parts) -> tuple[bool, Optional[int]]:
    """(whole, count) of a relative date's amount: "два" (True, 2), none said (True, 1: "год
    назад"), "несколько" (True, None), "полтора" (False, None)."""
    number = parts.rel_number[0].number if parts.rel_number else None
    if parts.rel_number and number is None:
        return True, None
    count = number.value if number is not None else Decimal(1)
    if count != count.to_integral_value() or count > 999:
        return False, None
    return True, int(count)


def _century(parts: _Parts) -> Optional[DateValue]:
    """"XXI век" -> year 2001, precision century."""
    text = parts.century[0].value
    number = _roman(text) if not text.isdigit() else int(text)
    if not number or number > 21:
        return None
    return DateValue(year=(number - 1) * 100 + 1, precision="century")


def _decade(parts: _Parts) -> Optional[DateValue]:
    """"90-х годов": two digits are a decade of the 1900s, but "00-х" are the 2000s."""
    decade = _int(parts.decade)
    if decade is not None and len(parts.decade[0].value) == 2:
        decade += 2000 if decade == 0 else 1900
    if decade is None or decade % 10:
        return None
    return DateValue(year=decade, precision="decade")


def _weekday(parts: _Parts) -> Optional[DateValue]:
    """"в пятницу" (weekday 5, relative, shift 0 week: the last Friday on or before the
    publication), "в минувшую пятницу" (shift -1: the last one before it), "в следующий
    вторник" (shift 1: the next one after it)."""
    weekday = parts.cell("weekday", "date_weekdays")
    if weekday is None:
        return None
    shift = int(parts.cell("rel_adjective", "relative_adjectives") or 0) if parts.rel_adjective else 0
    return DateValue(relative=True, weekday=int(weekday), shift=shift, shift_unit="week", precision="day")


def date_value(parts: _Parts) -> Optional[DateValue]:
    """A DateValue from the parts of a match, or None when they make no date."""
    if parts.bare_year:
        parts.tokens["year"] = parts.bare_year  # "в 2002": the year (marked to be checked)
    season_alone = bool(parts.season and not parts.year and not parts.rel_unit)
    # the kinds read whole here; the others fall back to a decade, a period or a calendar point
    read_whole = bool(parts.count_unit or parts.bare_unit or parts.weekday or parts.century
                      or parts.month_adjective or season_alone)
    if parts.weekday:
        value = _weekday(parts)
    elif parts.century:
        value = _century(parts)
    elif parts.month_adjective:
        value = DateValue(month=int(parts.cell("month_adjective", "month_adjectives")), precision="month")
    elif season_alone:
        # "осенью", "прошлым летом": a season is its year, of the publication unless said
        shift = int(parts.cell("rel_adjective", "relative_adjectives")) if parts.rel_adjective else 0
        value = DateValue(relative=True, shift=shift, shift_unit="year", precision="year")
    elif parts.count_unit:
        value = _year_to_date(parts)
    else:
        value = _relative(parts)
    if read_whole:
        pass
    elif value is None and parts.decade:
        value = _decade(parts)
    elif value is None and parts.period:
        value = _period(parts)
    elif value is None:
        end = _point(parts, "day2", "month2", "year2")
        if not parts.month and parts.day and parts.month2:
            parts.tokens["month"] = parts.month2  # "16-17 октября": the month is said once
        if not parts.year and parts.year2:
            parts.tokens["year"] = parts.year2
        value = _point(parts, "day", "month", "year")
        if value is None:
            return None
        if end is not None:
            if end.year is None and value.year is not None and end.month is not None:
                end = end.model_copy(update={"year": value.year})
            if _order(end) <= _order(value):
                return None  # "16-17" but not "17-16"
            value = value.model_copy(update={"end": with_iso(end)})
    if value is None:
        return None
    update = {}
    if parts.part:
        update["part"] = parts.cell("part", "date_parts")
    if parts.prep and not value.end:
        update["relation"] = parts.cell("prep", "date_relations") or "on"
    return with_iso(value.model_copy(update=update)) if update else with_iso(value)


def duration_fields(parts: _Parts) -> Optional[dict]:
    """The fields of a `Duration` from the parts of a DURATION match: "15 лет" -> 15 year,
    "полгода" -> 6 month, "в течение года" and "за последнюю неделю" -> 1 (a unit said in the
    singular), "несколько лет" and "в последние годы" -> no amount; "от 5 до 10 лет" -> 5, high
    10."""
    if parts.point:
        return None  # a point in time
    if parts.word or parts.adjective:
        name = "duration_words" if parts.word else "duration_adjectives"
        row = parts.lexicons.row(name, parts.word or parts.adjective)
        if not row or len(row) < 3:
            return None
        amount, unit = (Decimal(row[1]) if row[1] != "-" else None), row[2]
    elif parts.ending:
        amount, unit = Decimal(parts.amount[0].value), parts.cell("ending", "duration_adjective_endings")
    else:
        unit = parts.cell("unit", "duration_units")
        if unit is None:
            return None
        amount = _amount(parts.amount)
        if not parts.amount and first_reading("sing")(parts.unit[0]):
            amount = Decimal(1)
    high = _amount(parts.amount2) if parts.amount2 else None
    if parts.amount2 and (amount is None or high is None or high <= amount):
        return None
    if amount is not None and (amount <= 0 or amount > 9999):
        return None
    return {"amount": amount, "high": high, "unit": unit, "iso": duration_iso(amount, unit, high)}


def _amount(tokens: Optional[list]) -> Optional[Decimal]:
    """The number the tokens say ("пять", "18"), or None ("несколько")."""
    number = getattr(tokens[0], "number", None) if tokens else None
    return number.value if number is not None else None


def _order(v: DateValue) -> tuple:
    return (v.year or 0, v.month or 0, v.day or 0)


# --- the grammar --------------------------------------------------------------------------

def find_dates(ctx) -> list[tuple[int, int, DateValue]]:
    """(start, stop, value) of the dates in a sentence; offsets relative to the sentence
    (kept on the context: the figures grammar asks again)."""
    if "dates" not in ctx.cache:
        ctx.cache["dates"] = _find_dates(ctx)
    return ctx.cache["dates"]


# a date is a few words around a number, a month, a time unit or a relative word: the
# parser runs on windows around those anchors only (the rest of a sentence cannot match)
ANCHORS = ("months", "time_units", "relative_dates", "date_periods", "year_words", "year_to_date",
           "date_weekdays", "duration_units", "duration_words", "month_adjectives", "seasons", "centuries",
           "duration_adjectives", "duration_adjective_endings")
# the lexicons one of whose words every DURATION match holds (its unit, word or adjective)
DURATION_WORDS = ("duration_units", "duration_words", "duration_adjectives", "duration_adjective_endings")
WINDOW_BEFORE, WINDOW_AFTER = 4, 3
LIST_BACK = 12  # tokens of a list of numbers before an anchor word


# a number makes a date with a word (a month, a year or time unit: anchors of their own)
# or with separators ("07.10.2025", "2025-10-07", "1990-е"); a number among numbers,
# commas and other words anchors no window ('1 1 1 …' would cost 60 chart states a token)
_SEPARATORS = DASHES | {".", "/", "(", ")"}


def windows(tokens: list) -> list[list]:
    """Runs of tokens around anchors, overlapping runs merged."""
    anchors = set()
    for i, token in enumerate(tokens):
        if token.type == "INT" and (_separated(tokens, i) or _after_preposition(tokens, i)):
            anchors.add(id(token))
        elif _anchor(token):
            anchors.add(id(token))
            # the numbers of a list before it: "в 1995, 1998 и 2002 годах" (bounded, so a
            # run of numbers costs one window at most)
            k = i - 1
            while k >= max(0, i - LIST_BACK) and (tokens[k].type == "INT" or tokens[k].value in (",", "и")):
                anchors.add(id(tokens[k]))
                k -= 1
    return around(tokens, lambda token: id(token) in anchors, WINDOW_BEFORE, WINDOW_AFTER)


def _windows(ctx) -> list[list]:
    """`windows` of the sentence, found once for the dates and the durations parsers."""
    if "date_windows" not in ctx.cache:
        ctx.cache["date_windows"] = windows(ctx.tokens)
    return ctx.cache["date_windows"]


def _after_preposition(tokens: list, i: int) -> bool:
    """A number of four digits right after a date's preposition ("в 2002 он"): maybe a year."""
    return len(tokens[i].value) == 4 and i > 0 and tokens[i - 1].in_lexicon("date_relations")


def _separated(tokens: list, i: int) -> bool:
    return (i > 0 and tokens[i - 1].value in _SEPARATORS) or (
        i + 1 < len(tokens) and tokens[i + 1].value in _SEPARATORS)


def _anchor(token) -> bool:
    """A word that anchors a date window: a month, a year or time unit, a relative date."""
    return any(name in token.lexicons for name in ANCHORS)


def _find_dates(ctx) -> list[tuple[int, int, DateValue]]:
    tokens = ctx.tokens
    matches, bare = [], set()
    for window in _windows(ctx):
        try:
            matches.extend(_parser().run(window, "findall"))
        except BudgetExceeded:
            continue
    found = []
    for match in matches:
        parts = _Parts(match, ctx.lexicons)
        value = date_value(parts)
        if value is None:
            continue
        first = match.tokens[0].index
        if parts.prep and parts.cell("prep", "date_relations") == "on":
            first = parts.prep[-1].index + 1  # "в 2024 году": the date is "2024 году"
        last = match.tokens[-1].index
        if last + 1 < len(tokens) and tokens[last + 1].in_lexicon("age_nouns_after"):
            continue  # "на 69-м году жизни": an age
        if parts.bare_year and not _ends_a_phrase(tokens, last + 1):
            continue  # "в 2000 раз", "с 1500 рублей": a number
        if parts.frame:  # "(2006)", "(р. 1993)": the year alone
            first, last = parts.year[0].index, (parts.year2 or parts.year)[-1].index
        if parts.sports_season and _year(parts.year2) != _year(parts.year) + 1:
            continue  # "2001/02" is a season; "2008/2012" is not
        if value.relation == "by" and first and tokens[first - 1].in_lexicon("changes"):
            value = value.model_copy(update={"relation": "on"})  # "рост к 2023 году": compared with
        if parts.rel_word and not first and all(set(t.value) <= {".", "!"} for t in tokens[last + 1:]):
            continue  # a line of its own saying "Сегодня": a page widget, not news
        flags = parts.lexicons.row("relative_dates", parts.rel_word)[3:] if parts.rel_word else []
        if "preposition" in flags and _genitive_after(tokens, last + 1):
            continue  # "накануне выборов": the eve of the elections
        if "adjective" in flags and last + 1 < len(tokens) and "день" in tokens[last + 1].lemmas:
            continue  # "на сегодняшний день": nowadays
        if parts.rel_word and value.shift == 0 and _tenses(tokens) == {"pres"}:
            continue  # "сегодня является", "сегодня мы можем": nowadays, not a day
        if value.weekday:
            if value.weekday == 3 and _genitive_after(tokens, last + 1, "NOUN"):
                continue  # "в среду обитания": the environment, not Wednesday
            if not parts.rel_adjective and _tenses(tokens) == {"futr"}:
                value = value.model_copy(update={"shift": 1, "shift_unit": "week"})  # "пройдёт в понедельник"
        if inside_title(tokens, first):
            continue
        for listed in parts.listed:  # "1995" in "в 1995 и 2002 году": a year of its own
            index = listed[0].index
            found.append((index, index, with_iso(DateValue(year=int(listed[0].value), precision="year"))))
        if parts.listed:
            first = parts.year[0].index
        if parts.bare_unit:
            bare.add(first)
        found.append((first, last, value))
    found = _share_years(tokens, ctx.lexicons, sorted(found, key=lambda f: f[0]))
    found = _story_periods(found, bare)
    found = _days_named_by_dates(tokens, found)
    return [(tokens[a].span.start, tokens[b].span.stop, value) for a, b, value in found]


def find_durations(ctx) -> list[tuple[int, int, dict]]:
    """(start, stop, fields of a `Duration`) of the stretches of time on words no date took;
    offsets relative to the sentence."""
    tokens, lexicons = ctx.tokens, ctx.lexicons
    dates = find_dates(ctx)
    taken = {t.index for t in tokens if any(a < t.span.stop and t.span.start < b for a, b, _ in dates)}
    out = []
    for window in _windows(ctx):
        if not any(name in token.lexicons for token in window for name in DURATION_WORDS):
            continue  # every rule of DURATION needs one of these words: no parse without one
        try:
            matches = _duration_parser().run(window, "findall")
        except BudgetExceeded:
            continue
        for match in matches:
            first, last = match.tokens[0].index, match.tokens[-1].index
            if taken & set(range(first, last + 1)) or inside_title(tokens, first):
                continue
            parts = _Parts(match, lexicons)
            if _age(tokens, first, parts):
                continue
            fields = duration_fields(parts)
            if fields and parts.adjective and fields["unit"] == "year" and _person_or_age_at(tokens, last + 1):
                continue  # "пятилетний мальчик", "пятилетнего возраста": an age
            if fields is not None:
                taken |= set(range(first, last + 1))
                out.append((tokens[first].span.start, tokens[last].span.stop, fields))
    return out


def _share_years(tokens: list, lexicons, found: list) -> list:
    """Day-month dates said in one breath with a year take it: "22 апреля и 6 мая 2012
    года" (both 2012); "6 мая (второй тур) 2012 года" is one date. (A decision over two
    matches: which year a date said without one has.)"""
    out: list = []
    for first, last, value in reversed(found):
        if out and _yearless(value) and value.end is None:
            next_first, next_last, next_value = out[-1]
            between = tokens[last + 1:next_first]
            if (next_value.precision == "year" and next_value.year and not next_value.relative
                    and next_value.end is None and _parenthesis(between) == len(between) and between):
                out[-1] = (first, next_last, with_iso(value.model_copy(update={"year": next_value.year})))
                continue  # "6 мая (второй тур) 2012 года"
            year = next_value.year if not next_value.relative else None
            if year and next_value.month and _joined(between):
                value = with_iso(value.model_copy(update={"year": year}))
        out.append((first, last, value))
    return list(reversed(out))


def _story_periods(found: list, bare: set) -> list:
    """"в конце сентября 2010 года, и до конца года …": "года" said bare after a date with a
    year in its sentence is that date's year (its month, for "месяца"), not the publication's.
    (A decision over two matches, as `_share_years`.)"""
    out: list = []
    for first, last, value in found:
        if first in bare:
            unit = value.shift_unit
            told = [v for _, _, v in out if v.year and not v.relative and (unit == "year" or v.month)]
            if told:
                said = told[-1].end or told[-1]
                update = {"year": said.year, "month": said.month if unit == "month" else None,
                          "relative": False, "shift": None, "shift_unit": None}
                value = with_iso(value.model_copy(update=update))
        out.append((first, last, value))
    return out


def _days_named_by_dates(tokens: list, found: list) -> list:
    """"в пятницу, 3 июня 2016 года", "в среду 21 декабря", "Вчера, 16 августа": a weekday or
    a relative day right before a date names the day of that date, which is the date (a
    decision over two matches)."""
    out = []
    for k, (first, last, value) in enumerate(found):
        day_word = value.weekday or (value.relative and value.shift_unit == "day" and not value.month)
        if day_word and k + 1 < len(found):
            next_first, _, next_value = found[k + 1]
            between = tokens[last + 1:next_first]
            if next_value.day and all(t.value == "," or t.value in DASHES for t in between):
                continue
        out.append((first, last, value))
    return out


def _yearless(value: DateValue) -> bool:
    return value.year is None and value.month is not None and not value.relative


def _parenthesis(tokens: list, at: int = 0) -> int:
    """How many tokens from `at` make one parenthesis of a few words ("(второй тур)"), or 0."""
    if at < len(tokens) and tokens[at].value == "(":
        for k in range(at + 1, min(len(tokens), at + 10)):
            if tokens[k].value == "(":
                return 0
            if tokens[k].value == ")":
                return k + 1 - at
    return 0


def _joined(between: list) -> bool:
    """Are two dates said in one breath: nothing between them but a comma or a joiner
    (joiners.txt), maybe beside a parenthesis? ("22 апреля (первый тур) и 6 мая")"""
    start = _parenthesis(between)
    stop = len(between)
    for k in range(start, len(between)):
        if _parenthesis(between, k) == len(between) - k:
            stop = k
            break
    return list_gap(between[start:stop])


def _age(tokens: list, first: int, parts: _Parts) -> bool:
    """Is an amount of years there an age? After a word of age_words.txt ("в возрасте 85
    лет", "детей до 14 лет", "исполнилось 20 лет", "в возрастных категориях от 6 до 18
    лет"); and an amount said bare (no preposition, no "последние") after "в", a person, a
    comma, a bracket or "которому": "в 24 года", "ей 26 лет", "девочка 16 лет", "(28 лет)" (but "на
    станции 13 суток"). (The words before a match, which the rule does not read: a stretch
    of time may follow any of them.)"""
    if not first:
        return False
    before = tokens[first - 1]
    form = before.forms[0] if before.forms else None
    noun = form is not None and "NOUN" in form.grams
    if before.in_lexicon("age_words") or (noun and first > 1 and tokens[first - 2].in_lexicon("age_words")):
        return True
    if parts.prep or parts.hedge or parts.last or parts.word or parts.adjective or parts.ending or \
            before.value in DASHES:
        return False
    if before.in_lexicon("age_prepositions") or before.value in ("(", ","):
        return True
    if first > 1 and tokens[first - 2].forms and "PREP" in tokens[first - 2].forms[0].grams:
        return False  # "был с ней несколько месяцев": the pronoun is the preposition's
    if form is not None and "ADVB" in form.grams and first > 1 and tokens[first - 2].forms:
        # "которому сейчас 23 года": the word before the adverb says it
        before = tokens[first - 2]
        form, noun = before.forms[0], False
    return form is not None and ("NPRO" in form.grams and {"1per", "2per", "3per"} & set(form.grams.values)
                                 or noun and "anim" in form.grams) or \
        any({"Anph", "datv"} <= f.grams.values for f in before.forms)  # "тёще, которой 45 лет"


def _ends_a_phrase(tokens: list, index: int) -> bool:
    """Does nothing that could count or measure follow (no common noun, adjective, number or
    sign)? A name may follow ("В 1986 Корасон Акино …"), and a dash before words ("в 1939 — в
    Калифорнийский …"), not before a number ("в 2000 — 3000 рублей")."""
    if index >= len(tokens):
        return True
    token = tokens[index]
    if token.value in DASHES and token.span.start > tokens[index - 1].span.stop:
        return index + 1 >= len(tokens) or tokens[index + 1].type == "RU"
    if token.value == "." and index + 1 == len(tokens):
        return True  # the sentence ends: "президент Филиппин с 1986 по 1992."
    if token.type == "INT" or token.value in DASHES or token.value in ("%", ".", "/"):
        return False
    if token.type == "RU" and token.value[:1].isupper():
        return True
    form = token.forms[0] if token.forms else None
    return form is None or not ({"NOUN", "ADJF", "NUMR"} & set(form.grams.values))


def _person_or_age_at(tokens: list, index: int) -> bool:
    """Is the noun from `index` on (past adjectives) a person's name, an animate noun or an age
    noun (age_nouns_after.txt)?"""
    while index < len(tokens) and tokens[index].forms and "ADJF" in tokens[index].forms[0].grams:
        index += 1
    if index >= len(tokens):
        return False
    token = tokens[index]
    form = token.forms[0] if token.forms else None
    return token.value[:1].isupper() or token.in_lexicon("age_nouns_after") or (
        form is not None and "NOUN" in form.grams and "anim" in form.grams)


def _tenses(tokens) -> set:
    """The tenses of the sentence's finite verbs (by their most probable reading)."""
    tenses = set()
    for token in tokens:
        form = token.forms[0] if token.forms else None
        if form is not None and "VERB" in form.grams:
            tenses |= {"pres", "past", "futr"} & set(form.grams.values)
    return tenses


def _genitive_after(tokens, index: int, *pos: str) -> bool:
    """Is the token at `index` in the genitive (a noun or an adjective, or one of `pos`)?"""
    form = tokens[index].forms[0] if index < len(tokens) and tokens[index].forms else None
    return form is not None and "gent" in form.grams and any(p in form.grams for p in pos or ("NOUN", "ADJF"))


def interpret(ctx):
    for start, stop, value in find_dates(ctx):
        yield Date(value=value, spans=[ctx.span(start, stop)])
    for start, stop, fields in find_durations(ctx):
        yield Duration(spans=[ctx.span(start, stop)], **fields)


# every DATE holds a number or a word of the ANCHORS lexicons; before the first of them a match
# has only a preposition (PREPOSITION, FROM, "р."), a PART, a HEDGE (two at most) and the
# words of RELATIVE, PERIOD, COUNTED and CENTURY before their unit: the parser tries no other
# start in a window
DATE_ANCHORS = Anchors(
    or_(token_type("INT"), in_number(), *(in_entry(name) for name in ANCHORS)),
    before=8 + 1 + 2 * 8 + 1,  # a preposition, a part, two hedges and an amount word
    through=or_(in_entry("date_relations"), lexicon("date_parts"), in_entry("qualifiers"), lexicon("hedges"),
                lexicon("relative_adjectives"), lexicon("duration_amounts"), caseless("через"),
                lexicon("story_offsets:before"), lexicon("story_demonstratives"), eq("же"), lexicon("ordinals"),
                lexicon("year_to_date_starts"), lexicon("year_to_date_prepositions"), lexicon("range_starts"),
                token_type("LATIN"), in_({"(", ",", "."}), caseless("р")))
_parser = lazy_parser(DATE, anchors=DATE_ANCHORS)
# every DURATION holds a word of DURATION_WORDS; before the first of them a match has only its
# preposition (eight words at most), two hedges, "последние" or "следующие", an amount (a number
# of twelve tokens at most), "от … до", or a "10-" before "летний"
DURATION_ANCHORS = Anchors(
    or_(*(in_entry(name) for name in DURATION_WORDS)),
    before=8 + 2 * 8 + 1 + 12,
    through=or_(in_entry("duration_prepositions"), in_entry("duration_alone_prepositions"),
                lexicon("duration_last_prepositions"), in_entry("qualifiers"), lexicon("hedges"),
                lexicon("duration_lasts"), lexicon("duration_nexts"), lexicon("duration_points"),
                in_number(), token_type("INT"), lexicon("duration_amounts"), caseless("от"), caseless("до"), DASH))
_duration_parser = lazy_parser(DURATION, anchors=DURATION_ANCHORS)

TRIGGERS = Triggers(digits=True, lexicons=frozenset(ANCHORS))


def grammars(lexicons) -> list[Grammar]:
    return [Grammar(name="dates", find=interpret, triggers=TRIGGERS, priority=10)]
