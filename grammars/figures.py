"""Figures grammar: money, percents, counts of things, multipliers -> `Figure` records.

What it reads (examples with expected values in `figures_examples.tsv`):
- money: "1,1 миллиарда рублей", "710 млрд. рублей", "$5 млн", "€3,5 млн", "два миллиарда
  рублей"; value has the multiplier applied, unit is an ISO code (currencies.tsv);
  an adjective names the currency the noun alone does not: "кипрских фунтов" is CYP
  (currency_adjectives.tsv; resolve/figures.py gives a later bare "фунтов" the same code);
- percents: "17 процентов", "0,77%", "на 5,3 п.п." (unit "%" or "п.п.");
- counts: "свыше 230 высокотехнологичных предприятий" (unit = the counted noun's lemma,
  subject = the noun phrase in the nominative plural); not_counted.txt lists nouns that
  do not make a count (годы, месяцы, номера…);
- multipliers and shares: "вдвое", "в 2 раза", "в 2-3 раза" (unit "раз"), "на треть" (unit "доля");
- amounts said without a unit take one from the context: "поднять штраф до 3 миллионов"
  after a sum in dollars (USD), "количество заявок достигло 1,2 миллиона" (заявка), "138 085
  — из Германии" in a list by origin (the count before); with no such context, none;
- qualifiers before a figure (qualifiers.tsv): "свыше" -> more_than, "до" -> less_than,
  "около" -> approx, "как минимум," -> more_than; after it: "с лишним" -> more_than; none -> exact;
- numbers: "23-х" and "5-ти" (a cardinal's case ending), "два с половиной" (2.5), "один"
  with a noun where the text counts (one_words.tsv); an elliptic number before a figure
  takes its unit ("на 50 и 30 метров"); an amount said of "таких предприятий" counts them;
- scores (очки, баллы), like dates and numbering, make no count (not_counted.txt);
- ranges and changes: "от 10 до 15%", "с 2 миллиардов рублей до 100 миллионов рублей"
  (low/high, the unit and multiplier carried to both ends);
- a growth or decline word shortly before (changes.tsv): "рост ... составил 17 процентов",
  "увеличился на 12%";
- the period, only from fixed patterns around a date in the sentence: "по итогам 2024
  года", "за 2024 год", "по состоянию на 1 января".

Numbers are read before parsing: "1 200 000", "1,1", "0.77" and spelled-out numbers
("сто двадцать пять") become one number token, so the yargy rule stays small. A number
of more than 15 digits, or a figure over 10^18, is not read at all (bad input gives no
record rather than a wrong one).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Optional

from yargy import and_, not_, or_, rule
from yargy.predicates import (caseless, custom, dictionary, eq, gram, in_, in_caseless, is_capitalized,
                              is_lower)
from yargy.span import Span as TokenSpan
from yargy.token import Token

from fakty.grammar import BudgetExceeded, Grammar, Triggers, lazy_parser
from fakty.grammars import dates, lexicon, table
from fakty.morph import parse
from fakty.records import Figure

MULTIPLIERS = {word: Decimal(value) for word, value in table("multipliers.tsv")}
CURRENCIES = {word: code for word, code in table("currencies.tsv")}
CURRENCY_SIGNS = {w for w in CURRENCIES if not w.isalpha()}
# "кипрских фунтов" -> CYP: the adjective names the currency the noun alone does not
CURRENCY_PAIRS = {(adjective, noun): code for adjective, noun, code in table("currency_adjectives.tsv")}
CURRENCY_ADJECTIVES = {adjective for adjective, _ in CURRENCY_PAIRS}
CURRENCY_NOUNS = {noun for _, noun in CURRENCY_PAIRS} | {w for w in CURRENCIES if w.isalpha()}
NUMBER_WORDS = {word: Decimal(value) for word, value in table("number_words.tsv")}
_QUALIFIER_ROWS = [(row[0], row[1], row[2] if len(row) > 2 else "") for row in table("qualifiers.tsv")]
QUALIFIERS = {words: q for words, q, flag in _QUALIFIER_ROWS if flag in ("", "comma")}
COMMA_QUALIFIERS = {words for words, _, flag in _QUALIFIER_ROWS if flag == "comma"}
QUALIFIER_LEMMAS = {words: q for words, q, flag in _QUALIFIER_ROWS if flag == "lemma"}
AFTER_QUALIFIERS = {words: q for words, q, flag in _QUALIFIER_ROWS if flag == "after"}
CHANGES = dict(table("changes.tsv"))
SHARES = {word: (Decimal(value), unit) for word, value, unit in table("fractions.tsv")}
NOT_COUNTED = set(lexicon("not_counted.txt")) | dates.MONTH_LEMMAS
NUMBERING = set(lexicon("numbering_words.txt"))
ONE_WORDS = {word: role for word, role in table("one_words.tsv")}
MEASURES = dict(table("measures.tsv"))
MAX_DIGITS = 15
MAX_VALUE = Decimal(10) ** 18
PERIOD_BEFORE = re.compile(r"(?:по итогам|за|по состоянию на|по данным на)\s*$", re.IGNORECASE)

# one number as written: "1 200 000", "1,1", "0.77", "230" (not a part of "07.10.2025")
# (times and scores "16:00", "3:1" are no numbers of ours)
_NUMBER = re.compile(r"(?<![\d.,:])(?:\d{1,3}(?: \d{3})+|\d+)(?:[.,]\d+)?(?![\d]|[.,:]\d)")


class Num(str):
    """A token text that stands for one number; `amount` is its value; `lone_one` marks a
    "один" alone, a count only where the text counts (one_words.tsv)."""

    amount: Decimal
    lone_one: bool = False


def _num(text: str, amount: Decimal) -> Num:
    n = Num(text)
    n.amount = amount
    return n


def read_number(text: str) -> Optional[Decimal]:
    """'1 200 000' -> 1200000, '1,1' -> 1.1; None when too long to be a real figure."""
    digits = text.replace(" ", "").replace(",", ".")
    whole = digits.split(".")[0]
    if len(whole) > MAX_DIGITS or len(digits) > MAX_DIGITS + 7:
        return None
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def lex(tokens: list, text: str) -> list:
    """The sentence's tokens with every number (digits or words) merged into one token."""
    spans = []
    for m in _NUMBER.finditer(text):
        amount = read_number(m.group())
        if amount is not None:
            spans.append((m.start(), m.end(), amount))
    by_start = {s[0]: s for s in spans}  # number matches do not overlap
    out: list = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        start = token.span.start
        number = by_start.get(start)
        if number is not None:
            j = i
            while j < len(tokens) and tokens[j].span.stop <= number[1]:
                j += 1
            stop, j, amount = _number_tail(tokens, j, number[1], number[2])
            out.append(Token(_num(text[number[0]:stop], amount), TokenSpan(number[0], stop), "INT"))
            i = j
            continue
        if token.type == "INT":  # digits that are no number of ours: keep them unreadable
            out.append(Token(token.value, token.span, "INT"))
            i += 1
            continue
        value, j = _spelled(tokens, i)
        if value is not None:
            lone_one = j == i + 1 and value == 1
            stop, j, value = _number_tail(tokens, j, tokens[j - 1].span.stop, value, endings=False)
            number = _num(text[start:stop], value)
            number.lone_one = lone_one and value == 1
            out.append(Token(number, TokenSpan(start, stop), "INT"))
            i = j
            continue
        out.append(token)
        i += 1
    return out


# case endings of a cardinal written in digits: "5-ти", "23-х", "3-мя" ("-х" only after
# 2, 3, 4: "30-х", "90-х" are ordinals, "в 90-х годах")
CARDINAL_ENDINGS = {"ти", "и", "ми", "ух", "ех", "ёх", "мя", "х"}


def _number_tail(tokens: list, j: int, stop: int, amount: Decimal, endings: bool = True):
    """What follows a number and belongs to it: a case ending ("23-х"), "с половиной"
    ("два с половиной миллиона" = 2.5). Returns (stop, next token index, amount)."""
    if (endings and j + 1 < len(tokens) and tokens[j].value == "-" and tokens[j].span.start == stop
            and tokens[j + 1].span.start == tokens[j].span.stop and tokens[j + 1].type == "RU"):
        ending = tokens[j + 1].value.lower()
        teen = amount % 100 in (12, 13, 14)
        if ending in CARDINAL_ENDINGS and (ending != "х" or (amount % 10 in (2, 3, 4) and not teen)):
            return tokens[j + 1].span.stop, j + 2, amount
    if (j + 1 < len(tokens) and tokens[j].value.lower() == "с" and tokens[j + 1].value.lower() == "половиной"
            and amount == amount.to_integral_value()):
        return tokens[j + 1].span.stop, j + 2, amount + Decimal("0.5")
    return stop, j, amount


def _word_value(token) -> Optional[Decimal]:
    if token.type != "RU":
        return None
    parses = parse(token.value.lower())
    # the most probable reading must be the number: "семью" is first of all "семья"
    if parses and parses[0].normal_form in NUMBER_WORDS and (
            parses[0].tag.POS == "NUMR" or parses[0].normal_form == "сто"):
        return NUMBER_WORDS[parses[0].normal_form]
    # "один", "одна", "одного" (an adjective to pymorphy3), not the plural "одни"
    if parses and parses[0].normal_form == "один" and {"Anum", "sing"} <= parses[0].tag.grammemes:
        return Decimal(1)
    return None


def _spelled(tokens: list, i: int) -> tuple[Optional[Decimal], int]:
    """'сто двадцать пять' -> 125: each next word smaller than the place of the last."""
    total, last, j = None, None, i
    while j < len(tokens):
        value = _word_value(tokens[j])
        if value is None or (last is not None and value >= _place(last)):
            break
        total = (total or 0) + value
        last = value
        j += 1
    return total, j


def _place(value: Decimal) -> Decimal:
    place = Decimal(1)
    while place * 10 <= value:
        place *= 10
    return place


def _is_number(value) -> bool:
    return isinstance(value, Num)


def _phrase_rule(phrase: str):
    return rule(*[caseless(w) for w in phrase.split()])


NUMBER = custom(_is_number)
DOT = eq(".")
DASH = in_caseless({"-"})
LIST_DASH = in_caseless({"-", "—", "–"})
# a lexicon word matches in any case form, or as written with an optional dot ("млн.")
def _word_rule(words):
    words = set(words)
    return or_(rule(dictionary(set(words))), rule(in_caseless(set(words)), DOT.optional()))


MULTIPLIER = _word_rule(MULTIPLIERS)
# "с лишним" after the number: "сто с лишним тысяч рублей", "в два с лишним раза"
AFTER_NUMBER = or_(*[_phrase_rule(p) for p in AFTER_QUALIFIERS])
AMOUNT = rule(NUMBER, AFTER_NUMBER.optional(), MULTIPLIER.optional())
CURRENCY_SIGN = in_(CURRENCY_SIGNS)
CURRENCY_WORD = or_(
    rule(_word_rule(w for w in CURRENCIES if w.isalpha()), caseless("США").optional()),
    rule(dictionary(CURRENCY_ADJECTIVES), dictionary(CURRENCY_NOUNS)),
)
PERCENT = or_(rule(eq("%")), rule(dictionary({"процент"})))
POINTS = or_(rule(caseless("п"), DOT, caseless("п"), DOT.optional()),
             rule(caseless("пп"), DOT.optional()),
             rule(dictionary({"процентный"}), dictionary({"пункт"})))
ADJECTIVE = and_(or_(gram("ADJF"), gram("PRTF")), is_lower(), not_(in_caseless(set(MEASURES))))
# a noun that is no preposition, conjunction or particle ("из" is also a noun to pymorphy3)
COUNTED_NOUN = and_(gram("NOUN"), is_lower(), not_(dictionary(NOT_COUNTED)),
                    not_(gram("PREP")), not_(gram("CONJ")), not_(gram("PRCL")))
COUNTED = rule(
    rule(ADJECTIVE, rule(in_caseless({"и", ","}).optional(), ADJECTIVE).repeatable(max=3).optional()).optional(),
    COUNTED_NOUN)
MEASURE = or_(
    rule(dictionary({"квадратный", "кубический"}).optional(), _word_rule(MEASURES)),
    rule(in_caseless({"кв", "куб"}), DOT.optional(), _word_rule(MEASURES)),
)
POWERS = {"квадратный": "²", "кв": "²", "кубический": "³", "куб": "³"}
UNIT = or_(CURRENCY_WORD, rule(CURRENCY_SIGN), PERCENT, POINTS, MEASURE, COUNTED)
QUALIFIER = or_(*[_phrase_rule(p) for p in QUALIFIERS if p not in COMMA_QUALIFIERS],
                # a parenthetical one may be set off by a comma: "как минимум, две терапии"
                *[rule(_phrase_rule(p), eq(",").optional()) for p in COMMA_QUALIFIERS],
                rule(dictionary(set(QUALIFIER_LEMMAS))))

FIGURE = or_(
    rule(QUALIFIER.optional(), CURRENCY_SIGN, AMOUNT),
    rule(QUALIFIER.optional(), AMOUNT, UNIT),
    # ranges and changes: "от 10 до 15%", "с 2 млрд рублей до 100 млн рублей", "10-15%"
    rule(in_caseless({"от", "с", "со"}), CURRENCY_SIGN.optional(), AMOUNT, UNIT.optional(),
         caseless("до"), CURRENCY_SIGN.optional(), AMOUNT, UNIT),
    rule(in_caseless({"от", "с", "со"}), CURRENCY_SIGN, AMOUNT, caseless("до"), CURRENCY_SIGN, AMOUNT),
    rule(AMOUNT, UNIT.optional(), DASH, AMOUNT, UNIT),
    # multipliers and shares: "вдвое", "в 2 раза", "на треть"
    rule(dictionary({w for w, (_, unit) in SHARES.items() if unit == "раз"})),
    rule(caseless("в"), NUMBER, AFTER_NUMBER.optional(), dictionary({"раз"})),
    rule(caseless("в"), NUMBER, DASH, NUMBER, dictionary({"раз"})),
    # an amount with a multiplier and no unit ("поднять до 3 миллионов"): its unit comes
    # from the sentence (find_figures), else it is no figure
    rule(QUALIFIER.optional(), NUMBER, MULTIPLIER),
    # a number in a list by origin ("138 085 — из Германии"): elliptic, the unit of its
    # neighbours (the span is the number alone)
    rule(NUMBER, LIST_DASH.optional(), caseless("из"), and_(gram("NOUN"), is_capitalized())),
    rule(caseless("на"), dictionary({w for w, (_, unit) in SHARES.items() if unit == "доля"})),
)


def _lemmas(token) -> set[str]:
    forms = getattr(token, "forms", None) or ()
    return {f.normalized for f in forms} | {token.value.lower().rstrip(".")}


def _qualifier(tokens: list) -> str:
    words = " ".join(t.value.lower() for t in tokens if t.value != ",")
    if words in QUALIFIERS:
        return QUALIFIERS[words]
    for token in tokens:
        for lemma in _lemmas(token):
            if lemma in QUALIFIER_LEMMAS:
                return QUALIFIER_LEMMAS[lemma]
    return "exact"


class _End:
    """One end of a figure while its tokens are read: number, multiplier, unit."""

    def __init__(self, amount: Decimal):
        self.amount = amount
        self.multiplier: Optional[Decimal] = None
        self.unit: Optional[str] = None
        self.kind: Optional[str] = None

    @property
    def value(self) -> Decimal:
        return self.amount * (self.multiplier or 1)


def _unit_of(token, previous=None) -> tuple[Optional[str], Optional[str]]:
    """(kind, unit) a token names (with the adjective before it), or (None, None)."""
    value = token.value
    if previous is not None and previous.type == "RU":
        for pair in ((a, n) for a in _lemmas(previous) for n in _lemmas(token)):
            if pair in CURRENCY_PAIRS:
                return "money", CURRENCY_PAIRS[pair]
    if value in CURRENCY_SIGNS:
        return "money", CURRENCIES[value]
    if value == "%":
        return "percent", "%"
    lemmas = _lemmas(token)
    for lemma in lemmas:
        if lemma in CURRENCIES:
            return "money", CURRENCIES[lemma]
    if "процент" in lemmas:
        return "percent", "%"
    for lemma in lemmas:
        if lemma in MEASURES:
            return "other", MEASURES[lemma]
    return None, None


def _after_qualifier(tokens: list) -> tuple[list, Optional[str]]:
    """The tokens without a qualifier said after the number ("с лишним"), and its qualifier."""
    for i in range(1, len(tokens)):
        if not _is_number(tokens[i - 1].value):
            continue
        for words, qualifier in AFTER_QUALIFIERS.items():
            size = len(words.split())
            if " ".join(t.value.lower() for t in tokens[i:i + size]) == words:
                return tokens[:i] + tokens[i + size:], qualifier
    return tokens, None


def read_figure(tokens: list) -> Optional[dict]:
    """The fields of a Figure from the tokens of one match (None if they make no figure)."""
    tokens, after = _after_qualifier(tokens)
    fields = _read_figure(tokens)
    if fields is not None and after and fields.get("qualifier", "exact") == "exact":
        fields["qualifier"] = after
    return fields


def _read_figure(tokens: list) -> Optional[dict]:
    first = next((i for i, t in enumerate(tokens) if _is_number(t.value) or t.value in CURRENCY_SIGNS), None)
    if first is None:
        return _share(tokens)
    if tokens[0].value.lower() == "в" and "раз" in _lemmas(tokens[-1]):
        return _share(tokens)
    if (len(tokens) >= 3 and _is_number(tokens[0].value) and tokens[-2].value.lower() == "из"
            and len(tokens) <= 4 and tokens[-1].value[:1].isupper()):
        return {"kind": "count", "unit": None, "value": _clean(tokens[0].value.amount),
                "qualifier": "exact", "subject": None, "_bare": True, "_stop": 1}
    ends: list[_End] = []
    pending: Optional[tuple[str, str]] = None  # a currency sign before its number
    counted: list = []
    qualifier = _qualifier(tokens[:first]) if tokens[0].value.lower() not in ("от", "с", "со") else "exact"
    is_range = tokens[0].value.lower() in ("от", "с", "со") or any(t.value == "-" for t in tokens)
    previous = None
    powered = None
    for token in tokens[first:]:
        value = token.value
        before = previous
        after_number, previous = previous is not None and _is_number(previous.value), token
        if _is_number(value):
            ends.append(_End(value.amount))
            if pending:
                ends[-1].kind, ends[-1].unit = pending
                pending = None
            counted = []
            continue
        lemmas = _lemmas(token)
        multiplier = next((MULTIPLIERS[lm] for lm in lemmas if lm in MULTIPLIERS), None)
        if multiplier is not None and after_number and ends[-1].multiplier is None:
            ends[-1].multiplier = multiplier
            continue
        power = next((POWERS[lm] for lm in lemmas if lm in POWERS), None)
        if power and ends and not ends[-1].unit:
            powered = power  # "кв. м", "квадратных метров": the next measure is an area
            continue
        kind, unit = _unit_of(token, before)
        if kind == "other" and powered:
            unit, powered = unit + powered, None
        if kind:
            if ends and not ends[-1].unit and not (value in CURRENCY_SIGNS and _next_is_number(tokens, token)):
                ends[-1].kind, ends[-1].unit = kind, unit
            else:
                pending = (kind, unit)
            continue
        if value.lower() in ("п", "пп") or "пункт" in lemmas:
            if ends:
                ends[-1].kind, ends[-1].unit = "percent", "п.п."
            continue
        if ends and not ends[-1].unit and (token.type == "RU" or counted and value == ","):
            counted.append(token)
    if not ends:
        return None
    if counted and ends[-1].unit is None:
        if "-" in tokens[first].value and _lemmas(counted[0]) & NOT_COUNTED:
            return None  # "10-и летний срок": a duration written apart
        noun = counted[-1]
        lemma = _noun_lemma(noun.value)
        if lemma is None:
            return None
        ends[-1].kind, ends[-1].unit = "count", lemma
        subject = _plural_nominative([t.value for t in counted])
    else:
        subject = None
    last = ends[-1]
    if last.unit is None and len(ends) == 1 and last.multiplier and not counted:
        if abs(last.value) > MAX_VALUE:
            return None
        return {"kind": None, "unit": None, "value": _clean(last.value), "qualifier": qualifier,
                "subject": None, "_bare": True}
    if last.unit is None:
        return None
    for end in ends[:-1]:  # "от 5 до 10 млн рублей": unit and multiplier carried back
        if end.unit is None:
            end.kind, end.unit = last.kind, last.unit
        if end.multiplier is None and last.multiplier and end.amount < last.amount:
            end.multiplier = last.multiplier
        if end.unit != last.unit:
            return None
    values = [e.value for e in ends]
    if any(abs(v) > MAX_VALUE for v in values):
        return None
    fields = {"kind": last.kind, "unit": last.unit, "qualifier": qualifier, "subject": subject}
    if is_range and len(ends) == 2:
        fields.update(low=_clean(min(values)), high=_clean(max(values)), value=None)
        fields["_direction"] = "decline" if values[1] < values[0] else "growth"
    elif len(ends) == 1:
        fields["value"] = _clean(values[0])
    else:
        return None
    return fields


def _next_is_number(tokens: list, token) -> bool:
    i = tokens.index(token)
    return i + 1 < len(tokens) and _is_number(tokens[i + 1].value)


def _share(tokens: list) -> Optional[dict]:
    for token in tokens:
        for lemma in _lemmas(token):
            if lemma in SHARES:
                value, unit = SHARES[lemma]
                return {"kind": "other", "value": value, "unit": unit, "qualifier": "exact"}
    numbers = [_clean(t.value.amount) for t in tokens if _is_number(t.value)]
    if len(numbers) == 1:  # "в 2 раза"
        return {"kind": "other", "value": numbers[0], "unit": "раз", "qualifier": "exact"}
    if len(numbers) == 2 and numbers[0] < numbers[1]:  # "в 2-3 раза"
        return {"kind": "other", "value": None, "low": numbers[0], "high": numbers[1],
                "unit": "раз", "qualifier": "exact"}
    return None


def _clean(value: Decimal) -> Decimal:
    """1100000000.0 -> 1100000000, 0.770 -> 0.77 (no exponent)."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def _noun_lemma(word: str) -> Optional[str]:
    for p in parse(word.lower()):
        if p.tag.POS == "NOUN":
            return p.normal_form
    return None


def _plural_nominative(words: list[str]) -> str:
    """'высокотехнологичных предприятий' -> 'высокотехнологичные предприятия'."""
    out = []
    for i, word in enumerate(words):
        pos = ("NOUN",) if i == len(words) - 1 else ("ADJF", "PRTF")
        form = None
        for p in parse(word.lower()):
            if p.tag.POS in pos:
                try:
                    form = p.inflect({"nomn", "plur"})
                except (ValueError, KeyError):
                    form = None
                if form:
                    break
        out.append(form.word if form else word)
    return " ".join(out).replace(" ,", ",")


def _change(tokens: list, start: int, stop: int, fields: dict) -> Optional[str]:
    """growth/decline if a change word stands shortly before the figure (or right after a
    multiplier: "вдвое увеличены")."""
    before = []
    for token in reversed(tokens[max(0, start - 8):start]):
        if token.type == "PUNCT" and token.value in {",", ";", ":", ".", "(", ")"}:
            break
        before.append(token)
    after = tokens[stop:stop + 2] if fields["kind"] == "other" else []
    for token in before + after:
        for lemma in _lemmas(token):
            if lemma in CHANGES:
                return CHANGES[lemma]
    return None


AMOUNT_OF = {"количество", "число", "численность"}


DEMONSTRATIVES = {"такой", "подобный", "аналогичный", "этот"}


def _plural_genitive_noun(token) -> Optional[str]:
    if token.type != "RU" or not token.value.islower():
        return None
    parses = parse(token.value.lower())
    if any(p.tag.POS in ("PREP", "CONJ", "PRCL", "NPRO") for p in parses):
        return None  # "по", "из" are nouns too to pymorphy3
    parses = [p for p in parses if p.tag.POS == "NOUN" and {"gent", "plur"} <= p.tag.grammemes]
    return parses[0].normal_form if parses and parses[0].normal_form not in NOT_COUNTED else None


def _demonstrated(tokens: list, first: int) -> Optional[dict]:
    """A count said of "таких"/"подобных" earlier in the clause: "Таких предприятий в
    стране не более двух тысяч" (предприятие). "Таких" with no noun says nothing of what
    is counted ("Они прошли две терапии. Таких … не более двух тысяч": not терапии)."""
    for i in range(first - 1, max(-1, first - 10), -1):
        if tokens[i].value in {".", ";", ":", "!", "?"} or _is_number(tokens[i].value):
            return None
        if _lemmas(tokens[i]) & DEMONSTRATIVES and "plur" in str(getattr(parse(tokens[i].value.lower())[0], "tag", "")):
            for token in tokens[i + 1:first]:
                lemma = _plural_genitive_noun(token)
                if lemma:
                    return {"kind": "count", "unit": lemma, "subject": _plural_nominative([token.value])}
            return None
    return None


def _carried_unit(tokens: list, first: int, figures: list) -> Optional[dict]:
    """The unit of an amount said without one: that of the sum before it in the sentence
    ("штраф в 2 миллиона долларов ... поднять до 3 миллионов": USD), or the noun after
    "количество"/"число" before it ("число заявок достигло 1,2 миллиона": заявка)."""
    counted = _demonstrated(tokens, first)
    if counted is not None:
        return counted
    if figures and figures[-1].kind in ("money", "count") and figures[-1].unit:
        return {"kind": figures[-1].kind, "unit": figures[-1].unit, "subject": figures[-1].subject}
    for i in range(first - 1, 0, -1):
        if _lemmas(tokens[i - 1]) & AMOUNT_OF and tokens[i].type == "RU":
            parses = [p for p in parse(tokens[i].value.lower())
                      if p.tag.POS == "NOUN" and "gent" in p.tag and "plur" in p.tag]
            if parses and parses[0].normal_form not in NOT_COUNTED:
                return {"kind": "count", "unit": parses[0].normal_form,
                        "subject": _plural_nominative([tokens[i].value])}
            return None
    return None


def _is_noun_after_adjective(token, previous) -> bool:
    """A qualifier that is also a noun ("минимум") is the noun after its adjective."""
    if token.value.lower() not in QUALIFIERS:
        return False
    forms = getattr(previous, "forms", None) or ()
    parses = parse(token.value.lower())  # a noun first of all ("минимум", not "до")
    return any("ADJF" in f.grams.values for f in forms) and bool(parses) and parses[0].tag.POS == "NOUN"


def find_figures(ctx) -> list[Figure]:
    tokens = lex(ctx.tokens, ctx.text)
    try:
        matches = _parser().run(tokens, "findall")
    except BudgetExceeded:
        return []
    if not matches:
        return []
    date_spans = dates.find_dates(ctx)
    period = next((value for start, _, value in date_spans
                   if not value.relative and PERIOD_BEFORE.search(ctx.text[:start])), None)
    index_of = {t.span.start: i for i, t in enumerate(tokens)}
    figures = []
    covered: set = set()  # token indices inside a figure already read
    need_beside: list = []  # counts of a lone "один" that need another count beside them
    for match in matches:
        found = list(match.tokens)
        start, stop = match.span.start, match.span.stop
        if any(s < stop and start < e for s, e, _ in date_spans):
            continue  # a number inside a date is no figure
        first = index_of[start]
        if first and _lemmas(tokens[first - 1]) & NUMBERING:
            continue  # "статья 112", "№ 204"
        if dates.inside_title(ctx.text, start):
            continue  # «Программа 100 лучших товаров»: the number belongs to the name
        if first and _is_noun_after_adjective(found[0], tokens[first - 1]):
            # "прожиточный минимум 15 тысяч рублей": the noun, not the qualifier "минимум"
            found = found[2:] if len(found) > 2 and found[1].value == "," else found[1:]
            start = found[0].span.start
            first = index_of[start]
        fields = read_figure(found)
        if fields is None:
            continue
        if "_stop" in fields:  # the span is the number alone
            stop = found[fields.pop("_stop") - 1].span.stop
        if fields.pop("_bare", False):
            carried = _carried_unit(tokens, first, figures)
            # else resolve/figures.py looks in the sentence before, or drops it ("1,5
            # миллиона" with nothing to say of what is noise more often than not)
            # (a unit-less "count" is a list by origin, a unit-less "other" an amount)
            fields.update(carried or {"kind": fields["kind"] or "other", "unit": None})
        direction = fields.pop("_direction", None)
        change = _change(tokens, first, first + len(found), fields)
        if change and direction and tokens[first].value.lower() in ("с", "со"):
            change = direction  # "снизить с 2 млрд до 100 млн": the numbers say which way
        if change and fields["qualifier"] == "less_than" and tokens[first].value.lower() == "до":
            fields["qualifier"] = "exact"  # "выросла на 15% до 2,3 трлн": the level reached
        figure = Figure(spans=[ctx.span(start, stop)], change=change, period=period, **fields)
        if _alone_one(found):
            verdict = _one_counts(tokens, first, figure)
            if verdict == "no":
                continue
            if verdict == "beside":
                need_beside.append(figure)
        before = _elliptic(ctx, tokens, first, figure, date_spans, covered)
        if before is None:
            continue  # "статьи 5 и 7 закона": numbering, all of it
        figures += before + [figure]
        covered.update(range(first, first + len(found)))
    if need_beside:
        waiting = {id(f) for f in need_beside}
        figures = [f for f in figures if id(f) not in waiting or _counted_beside(f, figures, waiting, ctx)]
    return figures


def _alone_one(found: list) -> bool:
    return any(_is_number(t.value) and t.value.lone_one for t in found)


def _one_counts(tokens: list, first: int, figure: Figure) -> str:
    """Is a figure of a lone "один" a figure: "yes", "no", or "beside" (only with another
    count beside it in the sentence)? Money, percents and measures are ("один процент");
    "один из", "ещё один", "ни одного" and idioms are not; a count of a noun needs a
    limiting word or a qualifier before it ("только один корабль", "не более одного")."""
    if figure.kind != "count" or figure.value != 1:
        return "yes" if figure.unit not in (None, "раз") else "no"
    if not figure.unit or ONE_WORDS.get(figure.unit) == "idiom":
        return "no"  # "с одной стороны"
    before = _lemmas(tokens[first - 1]) if first else set()
    if any(ONE_WORDS.get(word) == "not" for word in before):
        return "no"
    if figure.qualifier != "exact" or any(ONE_WORDS.get(word) == "count" for word in before):
        return "yes"
    return "beside"


def _counted_beside(figure: Figure, figures: list, waiting: set, ctx) -> bool:
    """Another count of the same noun in the sentence, or one joined to this by a list."""
    for other in figures:
        if id(other) in waiting or other.kind != "count":
            continue
        if other.unit == figure.unit:
            return True
        a, b = sorted((other.spans[0], figure.spans[0]), key=lambda s: s.start)
        gap = ctx.cleaned.text[ctx.cleaned.from_original(a.stop - 1) + 1:ctx.cleaned.from_original(b.start)]
        if re.fullmatch(r"\s*(?:,|и|а|,\s*а)\s*", gap):
            return True
    return False


ELLIPSIS_JOINS = {"и", "или", ","}


def _elliptic(ctx, tokens: list, first: int, figure: Figure, date_spans, covered: set) -> Optional[list]:
    """Numbers before a figure that share its unit: "бег на 50 и 30 метров" (50 м),
    "на 5, 7 и 10%". Each is a figure of its own, its span the number alone. None when
    the list is one of numbering ("статьи 5 и 7")."""
    if figure.value is None or not figure.unit or figure.unit == "раз" or not _is_number(tokens[first].value):
        return []
    out = []
    following = tokens[first].value.amount
    scale = figure.value / following if following else Decimal(1)  # the multiplier said once
    i = first
    while i >= 2 and tokens[i - 1].value.lower() in ELLIPSIS_JOINS and _is_number(tokens[i - 2].value):
        number = tokens[i - 2]
        if i - 2 in covered or any(s < number.span.stop and number.span.start < e for s, e, _ in date_spans):
            break
        if i - 2 and _lemmas(tokens[i - 3]) & NUMBERING:
            return None
        amount = number.value.amount
        value = amount * scale if scale != 1 and amount < following else amount
        if abs(value) > MAX_VALUE:
            break
        out.insert(0, Figure(spans=[ctx.span(number.span.start, number.span.stop)], kind=figure.kind,
                             unit=figure.unit, value=_clean(value), qualifier="exact",
                             subject=figure.subject, period=figure.period, change=figure.change))
        i -= 2
    return out


_parser = lazy_parser(FIGURE)


TRIGGERS = Triggers(
    digits=True,
    lemmas=frozenset(set(NUMBER_WORDS) | set(SHARES)),
)

GRAMMARS: list = [Grammar(name="figures", find=find_figures, triggers=TRIGGERS, priority=10)]
