"""Figures grammar: money, percents, counts of things, multipliers -> `Figure` records.

What it reads (examples with expected values in `figures_examples.tsv`):
- money: "1,1 миллиарда рублей", "710 млрд. рублей", "$5 млн", "€3,5 млн", "два миллиарда
  рублей"; value has the multiplier applied, unit is an ISO code (currencies.tsv);
  an adjective names the currency the noun alone does not: "кипрских фунтов" is CYP
  (currency_adjectives.tsv; resolve/figures.py gives a later bare "фунтов" the same code);
- percents: "17 процентов", "0,77%", "на 5,3 п.п." (percents.tsv: unit "%" or "п.п.");
- counts: "свыше 230 высокотехнологичных предприятий" (unit = the counted noun phrase in
  the nominative singular, "высокотехнологичное предприятие": classing adjectives and a
  hyphenated noun stay, "12 компаний-резидентов" -> "компания-резидент"; rating, pointing
  and ordering ones go, "1200 новых рабочих мест" -> "рабочее место", see `counted_unit`
  and unit_kept_adjectives.txt / unit_dropped_adjectives.txt; a measure word is the unit
  itself, "10 бутылок водки" -> "бутылка"; subject = the noun phrase in the nominative
  plural); not_counted.txt lists nouns that do not make a count (годы, месяцы, номера…);
- measures: "4-5 км", "2,5 млн кв. м" (measures.tsv, measure_powers.tsv);
- multipliers and shares: "вдвое", "в 2 раза", "в 2-3 раза" (unit "раз"), "на треть" (unit "доля");
- amounts said without a unit take one from the context: "поднять штраф до 3 миллионов"
  after a sum in dollars (USD), "количество заявок достигло 1,2 миллиона" (заявка), "138 085
  — из Германии" in a list by origin (the count before); with no such context, none;
- qualifiers before a figure (qualifiers.tsv): "свыше" -> more_than, "до" -> less_than,
  "около" -> approx, "как минимум," -> more_than, "выше" -> more_than; a qualifier flagged
  "preposition" may stand before a preposition (qualifier_prepositions.txt): "более чем на
  40%", "не более чем в 30 стран", "почти вдвое"; after it (qualifiers_after.tsv): "с
  лишним" -> more_than; none -> exact;
- numbers are runs of tokens of the one token model (`fakty.numbers`): "1 200 000", "1,1",
  "сто двадцать пять", "23-х", "два с половиной"; "один" with a noun where the text counts
  (one_words.tsv); an elliptic number before a figure takes its unit ("на 50 и 30
  метров"); an amount said of "таких предприятий" counts them;
- scores (очки, баллы), like dates and numbering, make no count (not_counted.txt);
- ranges and changes: "от 10 до 15%", "с 2 миллиардов рублей до 100 миллионов рублей"
  (low/high, the unit and multiplier carried to both ends);
- a growth or decline word shortly before (changes.tsv): "рост ... составил 17 процентов",
  "увеличился на 12%";
- the period, from a date after a cue (period_cues.txt): "по итогам 2024 года", "за 2024
  год", "по состоянию на 1 января".

The rules, top down: `FIGURE` is a `QUALIFIER` and an `AMOUNT` (a `NUMBER` with a
`MULTIPLIER`) with a `UNIT` (`CURRENCY`, `PERCENT`, `MEASURE` or `COUNTED`), a `RANGE`, a
`TIMES`, a `SHARE`, a `BARE_AMOUNT` (no unit) or an amount `BY_ORIGIN`. A figure over 10^18
is no figure (bad input gives no record rather than a wrong one).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from yargy import and_, not_, or_, rule
from yargy.interpretation import fact
from yargy.predicates import caseless, eq, gram, in_, is_capitalized, is_lower, normalized, type as token_type

from fakty.grammar import Anchors, BudgetExceeded, Grammar, Triggers, lazy_parser
from fakty.grammars.dates import find_dates
from fakty.morph import nominative_phrase, parse
from fakty.predicates import first_reading, glued, in_entry, in_number, lexicon, lexicon_phrase, number
from fakty.records import Figure
from fakty.words import fact_tokens, inside_title, list_gap
from fakty.words import windows as around

MAX_VALUE = Decimal(10) ** 18

FigureFact = fact("FigureFact", [
    "qualifier", "start", "sign", "number", "after", "multiplier", "unit",
    "sign2", "number2", "multiplier2", "unit2", "dash", "times", "share", "origin",
])
F = FigureFact

NUMBER = number()
DASH = eq("-")
LIST_DASH = in_({"-", "—", "–"})
MULTIPLIER = lexicon_phrase("multipliers")        # "млн", "тыс.", "миллиардов"
AFTER_NUMBER = lexicon_phrase("qualifiers_after")  # "с лишним"
QUALIFIER = lexicon_phrase("qualifiers")           # "свыше", "не более", "как минимум,"
# a qualifier flagged "preposition" (qualifiers.tsv) with a preposition before the number:
# "более чем на 40%", "не более чем в 30 стран", "почти на треть"
QUALIFIER_BEFORE_PREPOSITION = lexicon_phrase("qualifiers:preposition")
QUALIFIER_PREPOSITION = lexicon("qualifier_prepositions")
# the parts said in several alternatives below, each one rule the parser predicts once (a
# rule written again is a rule of its own to the parser, tried again at every place)
NUMBER_FIELD = NUMBER.interpretation(F.number)
OPTIONAL_AFTER_NUMBER = AFTER_NUMBER.interpretation(F.after).optional()
QUALIFIER_FIELD = QUALIFIER.interpretation(F.qualifier)
OPTIONAL_QUALIFIER_BEFORE_PREPOSITION = QUALIFIER_BEFORE_PREPOSITION.interpretation(F.qualifier).optional()
QUALIFIED = or_(QUALIFIER_FIELD,
                rule(QUALIFIER_BEFORE_PREPOSITION.interpretation(F.qualifier), QUALIFIER_PREPOSITION))


def amount(number, multiplier_attr):
    """A number with what may follow it: "1,1 миллиарда", "сто с лишним тысяч"."""
    return rule(number, OPTIONAL_AFTER_NUMBER, MULTIPLIER.interpretation(multiplier_attr).optional())


AMOUNT = amount(NUMBER_FIELD, F.multiplier)
SECOND_AMOUNT = amount(NUMBER.interpretation(F.number2), F.multiplier2)

CURRENCY_SIGN = and_(lexicon("currencies"), not_(token_type("RU")), not_(token_type("LATIN")))  # "$", "€"
ADJECTIVE = and_(or_(gram("ADJF"), gram("PRTF")), is_lower(), not_(lexicon("measures")), not_(in_number()))
CURRENCY = or_(
    lexicon_phrase("currency_adjectives"),                                         # "кипрских фунтов"
    rule(ADJECTIVE.optional(), lexicon_phrase("currencies"), caseless("США").optional()),  # "долларов США"
)
PERCENT = lexicon_phrase("percents")                                     # "%", "процентов", "п.п."
MEASURE = rule(lexicon_phrase("measure_powers").optional(), lexicon_phrase("measures"))  # "кв. м"
# a noun that is no preposition, conjunction or particle ("из" is also a noun to pymorphy3),
# first of all no verb ("погиб"), and no word of another unit
COUNTED_NOUN = and_(gram("NOUN"), is_lower(), not_(first_reading("VERB")), not_(lexicon("not_counted")), not_(lexicon("months")),
                    not_(lexicon("currencies")), not_(lexicon("measures")), not_(lexicon("multipliers")),
                    not_(gram("PREP")), not_(gram("CONJ")), not_(gram("PRCL")))
HYPHEN = and_(eq("-"), glued())
# "научно-исследовательских": a lowercase first part glued to an adjective by a hyphen
COUNTED_ADJECTIVE = or_(rule(ADJECTIVE), rule(and_(token_type("RU"), is_lower()), HYPHEN, and_(ADJECTIVE, glued())))
# "компаний-резидентов", "заводов-изготовителей": a noun glued to a noun by a hyphen
COUNTED_HEAD = rule(COUNTED_NOUN, rule(HYPHEN, and_(gram("NOUN"), is_lower(), glued())).optional())
COUNTED = rule(
    rule(COUNTED_ADJECTIVE,
         rule(or_(eq("и"), eq(",")).optional(), COUNTED_ADJECTIVE).repeatable(max=3).optional()).optional(),
    COUNTED_HEAD)                                                   # "высокотехнологичных предприятий"
UNIT = or_(CURRENCY, PERCENT, MEASURE, rule(COUNTED))  # (COUNTED as one rule: a range's first unit shares it)

FROM = lexicon("range_starts").interpretation(F.start)
TO = lexicon("range_ends")


UNITS = (CURRENCY, PERCENT, MEASURE, COUNTED)
# two amounts of one unit: "от 10 до 15%", "с 2 млрд рублей до 100 млн рублей", "10-15%" (the
# unit may be said once, at the end; "4079 домов — 90 %" is no range). The first amount of
# "10-15%" is read once, and then the rest: with the unit said once, the dash and the second
# amount once, then any unit (not the whole range for each unit: the parser would carry four
# copies of every amount)
RANGE = or_(
    *[rule(FROM, AMOUNT, unit.interpretation(F.unit).optional(), TO, SECOND_AMOUNT, unit.interpretation(F.unit2))
      for unit in UNITS],
    rule(AMOUNT, or_(
        rule(DASH.interpretation(F.dash), SECOND_AMOUNT, UNIT.interpretation(F.unit2)),  # "10-15%"
        *[rule(unit.interpretation(F.unit), DASH.interpretation(F.dash), SECOND_AMOUNT, unit.interpretation(F.unit2))
          for unit in UNITS])),  # "10% - 15%"
    # "от $1 до $2 млн", "от $1 до 2 млн долларов"
    rule(FROM, CURRENCY_SIGN.interpretation(F.sign), AMOUNT, TO, CURRENCY_SIGN.interpretation(F.sign2),
         SECOND_AMOUNT),
    rule(FROM, CURRENCY_SIGN.interpretation(F.sign), AMOUNT, TO, CURRENCY_SIGN.interpretation(F.sign2).optional(),
         SECOND_AMOUNT, CURRENCY.interpretation(F.unit2)),
)
TIMES_WORD = normalized("раз").interpretation(F.times)
TIMES = or_(
    rule(lexicon("times_words").interpretation(F.times)),                                     # "вдвое"
    rule(QUALIFIER_FIELD, lexicon("times_words").interpretation(F.times)),  # "почти вдвое"
    rule(OPTIONAL_QUALIFIER_BEFORE_PREPOSITION, caseless("в"), NUMBER_FIELD, OPTIONAL_AFTER_NUMBER,
         TIMES_WORD),                                                                         # "в 2 раза"
    rule(OPTIONAL_QUALIFIER_BEFORE_PREPOSITION, caseless("в"), NUMBER_FIELD, DASH, NUMBER.interpretation(F.number2),
         TIMES_WORD),                                                                         # "в 2-3 раза"
)
SHARE = rule(OPTIONAL_QUALIFIER_BEFORE_PREPOSITION, caseless("на"),
             lexicon("fractions").interpretation(F.share))                                    # "на треть"
# an amount with a multiplier and no unit ("поднять до 3 миллионов"): its unit comes from
# the sentence (find_figures), else it is no figure
BARE_AMOUNT = or_(rule(NUMBER_FIELD, MULTIPLIER.interpretation(F.multiplier)),
                  rule(QUALIFIER_FIELD, NUMBER_FIELD, MULTIPLIER.interpretation(F.multiplier)))
# a number in a list by origin ("138 085 — из Германии"): elliptic, the unit of its
# neighbours (the span is the number alone)
ORIGIN = rule(caseless("из").interpretation(F.origin), and_(gram("NOUN"), is_capitalized()))
BY_ORIGIN = rule(NUMBER_FIELD, or_(ORIGIN, rule(LIST_DASH, ORIGIN)))  # (the dash not an optional: a number predicts none)

# (a qualifier spelled out present or not, not QUALIFIED.optional(): at a number the parser then
# predicts no qualifier to find it missing)
FIGURE = or_(
    rule(CURRENCY_SIGN.interpretation(F.sign), AMOUNT),                  # "$5 млн"
    rule(QUALIFIED, CURRENCY_SIGN.interpretation(F.sign), AMOUNT),       # "более $5 млн"
    rule(AMOUNT, UNIT.interpretation(F.unit)),                           # "40%"
    rule(QUALIFIED, AMOUNT, UNIT.interpretation(F.unit)),                # "более чем на 40%"
    RANGE, TIMES, SHARE, BARE_AMOUNT, BY_ORIGIN,
).interpretation(FigureFact)


# --- interpretation: the parts of a match -> the fields of a Figure -----------------------

class _End:
    """One end of a figure: number, multiplier, unit (kind, unit, the counted words)."""

    def __init__(self, parts: dict, number: str, multiplier: str, sign: str, unit: str, lexicons):
        self.amount = parts[number][0].number.value
        row = lexicons.row("multipliers", parts[multiplier]) if multiplier in parts else None
        self.multiplier = Decimal(row[1]) if row else None
        self.kind, self.unit, self.counted = (None, None, None)
        if sign in parts:
            self.kind, self.unit = "money", lexicons.row("currencies", parts[sign])[1]
        if unit in parts and self.unit is None:
            self.kind, self.unit, self.counted = unit_of(parts[unit], lexicons)

    @property
    def value(self) -> Decimal:
        return self.amount * (self.multiplier or 1)


def unit_of(tokens: list, lexicons) -> tuple[str, Optional[str], Optional[list]]:
    """(kind, unit, counted words) of the words of a UNIT: a currency (an adjective and a
    noun first: "кипрских фунтов"), a percent, a measure (maybe an area: "кв. м"), or the
    counted noun phrase."""
    for i in range(len(tokens)):
        for table, kind in (("currency_adjectives", "money"), ("currencies", "money"), ("percents", "percent")):
            for n in (3, 2, 1):
                row = lexicons.row(table, tokens[i:i + n]) if i + n <= len(tokens) else None
                if row:
                    return kind, row[1], None
    power = ""
    for i in range(len(tokens)):
        for n in (2, 1):
            row = lexicons.row("measure_powers", tokens[i:i + n]) if i + n <= len(tokens) else None
            if row:
                power = row[1]
            row = lexicons.row("measures", tokens[i:i + n]) if i + n <= len(tokens) else None
            if row:
                return "other", row[1] + power, None
    return "count", counted_unit(tokens, lexicons), tokens


def counted_unit(tokens: list, lexicons) -> Optional[str]:
    """The unit of a count: its counted noun phrase in the nominative singular, with the
    adjectives that say what kind of thing is counted and without those that rate, point
    or order ("1200 новых рабочих мест" -> "рабочее место", "пять особых экономических зон"
    -> "особая экономическая зона", "12 компаний-резидентов" -> "компания-резидент").

    Kept: the uncoordinated adjectives right before the noun (a coordination, "малых и
    средних предприятий", splits what is counted: the unit is the noun they share), save
    those `_dropped_adjective` says go. A noun glued to the head by a hyphen stays, in the
    nominative singular too."""
    head = len(tokens) - 1
    noun, second = tokens[head].value.lower(), None
    if head >= 2 and tokens[head - 1].value == "-" and tokens[head - 2].value != "-":
        whole = tokens[head - 2].value.lower() + "-" + noun
        if _known_noun(whole):
            noun = whole  # "вице-премьерами", "интернет-ресурсов": one word of the dictionary
        else:
            noun, second = tokens[head - 2].value.lower(), noun  # "компаний-резидентов": two nouns
        head -= 2
    if noun_lemma(noun) is None:
        return None
    words = _adjective_words(tokens[:head])
    kept = [w for w in words if not _dropped_adjective(w, lexicons)]
    unit = nominative_phrase(kept + [noun], head=len(kept), number="sing")
    if second is not None:
        unit += "-" + nominative_phrase([second], head=0, number="sing")
    return unit


def _known_noun(word: str) -> bool:
    """pymorphy3's dictionary holds the word as a noun (not guessed from its parts)."""
    return any(p.tag.POS == "NOUN" and type(p.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
               for p in parse(word))


def _adjective_words(tokens: list) -> list[str]:
    """The adjectives right before the counted noun, each a word ("научно-исследовательских"
    joined back), without those of a coordination ("крупных и средних промышленных" ->
    "промышленных")."""
    words: list[str] = []
    i = len(tokens) - 1
    while i >= 0 and tokens[i].value not in ("и", ","):
        if tokens[i].glued and i >= 2 and tokens[i - 1].value == "-":
            words.insert(0, tokens[i - 2].value.lower() + "-" + tokens[i].value.lower())
            i -= 3
        else:
            words.insert(0, tokens[i].value.lower())
            i -= 1
    if i >= 0 and words:
        words = words[1:]  # the adjective after "и" or a comma is one of a coordination
    return words


def _dropped_adjective(word: str, lexicons) -> bool:
    """An adjective left out of a count's unit: one that rates or sizes (pymorphy3's "Qual":
    новый, крупный), a superlative, a pronoun (таких, этих, других), an ordinal, a
    participle (действующих, построенных), or a word of unit_dropped_adjectives.txt;
    unless the word is in unit_kept_adjectives.txt (сотовый, куриный: classing adjectives
    that pymorphy3 marks "Qual")."""
    last = word.rpartition("-")[2]
    parses = [p for p in parse(last) if p.tag.POS in ("ADJF", "PRTF")]
    if not parses:
        return False
    p = parses[0]
    masculine = _inflect_word(p, {"nomn", "sing", "masc"}) or p.normal_form
    full = word.rpartition("-")[0] + "-" + masculine if "-" in word else masculine
    if {full, masculine} & lexicons.words("unit_kept_adjectives"):
        return False
    if {full, masculine, p.normal_form} & lexicons.words("unit_dropped_adjectives"):
        return True
    return p.tag.POS == "PRTF" or bool({"Qual", "Supr", "Apro", "Anum"} & p.tag.grammemes)


def _inflect_word(p, grams: set) -> Optional[str]:
    try:
        form = p.inflect(grams)
    except (ValueError, KeyError):
        return None
    return form.word if form else None


def _qualifier(tokens: Optional[list], lexicons) -> str:
    if not tokens:
        return "exact"
    row = lexicons.row("qualifiers", tokens) or next(
        (r for r in (lexicons.row("qualifiers", [t]) for t in tokens) if r), None)
    return row[1] if row else "exact"


def read_figure(parts: dict, lexicons) -> Optional[dict]:
    """The fields of a Figure from the parts of one match (None if they make no figure)."""
    fields = _read(parts, lexicons)
    if fields is not None and "after" in parts and fields.get("qualifier", "exact") == "exact":
        fields["qualifier"] = lexicons.row("qualifiers_after", parts["after"])[1]  # "с лишним"
    return fields


def _read(parts: dict, lexicons) -> Optional[dict]:
    if "times" in parts or "share" in parts:
        return _times(parts, lexicons)
    if "origin" in parts:  # "138 085 — из Германии": the number alone, a count of what is listed
        return {"kind": "count", "unit": None, "value": _clean(parts["number"][0].number.value),
                "qualifier": "exact", "subject": None, "_bare": True, "_number_only": True}
    ends = [_End(parts, "number", "multiplier", "sign", "unit", lexicons)]
    if "number2" in parts:
        ends.append(_End(parts, "number2", "multiplier2", "sign2", "unit2", lexicons))
    last = ends[-1]
    subject = None
    if last.kind == "count":
        number_tokens = parts["number"]
        if any(t.value == "-" for t in number_tokens) and last.counted[0].in_lexicon("not_counted"):
            return None  # "10-и летний срок": a duration written apart
        if last.unit is None:
            return None
        subject = plural_nominative([t.value for t in last.counted])
    qualifier = _qualifier(parts.get("qualifier"), lexicons)
    if last.unit is None and len(ends) == 1:
        if not last.multiplier or abs(last.value) > MAX_VALUE:
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
    if len(ends) == 2:
        fields.update(low=_clean(min(values)), high=_clean(max(values)), value=None)
        fields["_direction"] = "decline" if values[1] < values[0] else "growth"
    else:
        fields["value"] = _clean(values[0])
    return fields


def _times(parts: dict, lexicons) -> Optional[dict]:
    """"вдвое", "на треть", "в 2 раза", "в 2-3 раза" (and "почти вдвое", "более чем в 2 раза")."""
    fields = _times_fields(parts, lexicons)
    if fields is not None:
        fields["qualifier"] = _qualifier(parts.get("qualifier"), lexicons)
    return fields


def _times_fields(parts: dict, lexicons) -> Optional[dict]:
    for name, table, unit in (("times", "times_words", "раз"), ("share", "fractions", "доля")):
        row = lexicons.row(table, parts[name]) if name in parts else None
        if row:
            return {"kind": "other", "value": Decimal(row[1]), "unit": unit, "qualifier": "exact"}
    if "number" not in parts:
        return None
    low = _clean(parts["number"][0].number.value)
    if "number2" not in parts:  # "в 2 раза"
        return {"kind": "other", "value": low, "unit": "раз", "qualifier": "exact"}
    high = _clean(parts["number2"][0].number.value)
    if low < high:  # "в 2-3 раза" (not "в 3-2 раза")
        return {"kind": "other", "value": None, "low": low, "high": high, "unit": "раз", "qualifier": "exact"}
    return None


def _clean(value: Decimal) -> Decimal:
    """1100000000.0 -> 1100000000, 0.770 -> 0.77 (no exponent)."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def noun_lemma(word: str) -> Optional[str]:
    for p in parse(word.lower()):
        if p.tag.POS == "NOUN":
            return p.normal_form
    return None


def plural_nominative(words: list[str]) -> str:
    """'высокотехнологичных предприятий' -> 'высокотехнологичные предприятия'."""
    out = []
    if len(words) >= 3 and words[-2] == "-" and _known_noun(f"{words[-3]}-{words[-1]}".lower()):
        words = words[:-3] + [f"{words[-3]}-{words[-1]}"]  # "вице-премьерами": one word
    nouns = {len(words) - 1} | ({len(words) - 3} if len(words) >= 3 and words[-2] == "-" else set())
    for i, word in enumerate(words):
        if word == "-":
            out.append(word)
            continue
        pos = ("NOUN",) if i in nouns else ("ADJF", "PRTF")
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
    return " ".join(out).replace(" ,", ",").replace(" - ", "-")  # "компании-резиденты"


# --- the sentence around a figure ---------------------------------------------------------

def _change(tokens: list, first: int, stop: int, fields: dict, lexicons) -> Optional[str]:
    """growth/decline if a change word (changes.tsv) stands shortly before the figure, in
    its clause (or right after a multiplier: "вдвое увеличены")."""
    before = []
    for token in reversed(tokens[max(0, first - 8):first]):
        if token.value in (",", ";", ":", ".", "(", ")"):
            break
        before.append(token)
    after = tokens[stop:stop + 2] if fields["kind"] == "other" else []
    for token in before + after:
        if token.in_lexicon("changes"):
            return lexicons.row("changes", [token])[1]
    return None


def _plural_genitive_noun(token) -> Optional[str]:
    """The lemma of a lowercase noun in the genitive plural that makes a count ("заявок")."""
    if token.type != "RU" or not token.value.islower() or token.in_lexicon("not_counted"):
        return None
    parses = parse(token.value.lower())
    if any(p.tag.POS in ("PREP", "CONJ", "PRCL", "NPRO") for p in parses):
        return None  # "по", "из" are nouns too to pymorphy3
    parses = [p for p in parses if p.tag.POS == "NOUN" and {"gent", "plur"} <= p.tag.grammemes]
    return parses[0].normal_form if parses else None


def _demonstrated(tokens: list, first: int) -> Optional[dict]:
    """A count said of "таких"/"подобных" (demonstratives.txt) earlier in the clause: "Таких
    предприятий в стране не более двух тысяч" (предприятие). "Таких" with no noun says
    nothing of what is counted ("Они прошли две терапии. Таких … не более двух тысяч")."""
    for i in range(first - 1, max(-1, first - 10), -1):
        if tokens[i].value in (".", ";", ":", "!", "?") or tokens[i].number is not None:
            return None
        if tokens[i].in_lexicon("demonstratives") and "plur" in str(parse(tokens[i].value.lower())[0].tag):
            for token in tokens[i + 1:first]:
                lemma = _plural_genitive_noun(token)
                if lemma:
                    return {"kind": "count", "unit": lemma, "subject": plural_nominative([token.value])}
            return None
    return None


def _carried_unit(tokens: list, first: int, figures: list) -> Optional[dict]:
    """The unit of an amount said without one: that of the sum before it in the sentence
    ("штраф в 2 миллиона долларов ... поднять до 3 миллионов": USD), or the noun after
    "количество"/"число" (amount_words.txt) before it ("число заявок достигло 1,2 миллиона")."""
    counted = _demonstrated(tokens, first)
    if counted is not None:
        return counted
    if figures and figures[-1].kind in ("money", "count") and figures[-1].unit:
        return {"kind": figures[-1].kind, "unit": figures[-1].unit, "subject": figures[-1].subject}
    for i in range(first - 1, 0, -1):
        if tokens[i - 1].in_lexicon("amount_words") and tokens[i].type == "RU":
            lemma = _plural_genitive_noun(tokens[i])
            if lemma:
                return {"kind": "count", "unit": lemma, "subject": plural_nominative([tokens[i].value])}
            return None
    return None


def _noun_after_adjective(qualifier: list, previous) -> bool:
    """A qualifier that is also a noun ("минимум") is the noun after its adjective
    ("прожиточный минимум 15 тысяч рублей")."""
    parses = parse(qualifier[0].value.lower())  # a noun first of all ("минимум", not "до")
    return any("ADJF" in f.grams for f in previous.forms) and bool(parses) and parses[0].tag.POS == "NOUN"


def _period(tokens: list, date_spans: list):
    """The first date said after a period cue (period_cues.txt: "по итогам 2024 года")."""
    starts = {t.span.start: t.index for t in tokens}
    for start, _, value in date_spans:
        i = starts.get(start)
        if not value.relative and i and any(position == length - 1 for position, length
                                            in tokens[i - 1].lexicons.get("period_cues", ())):
            return value
    return None


def find_figures(ctx) -> list[Figure]:
    tokens = ctx.tokens
    matches = []
    for window in windows(tokens):
        try:
            matches.extend(_parser().run(window, "findall"))
        except BudgetExceeded:
            return []
    if not matches:
        return []
    lexicons = ctx.lexicons
    date_spans = find_dates(ctx)
    period = _period(tokens, date_spans)
    figures = []
    places: dict[int, tuple[int, int]] = {}  # id(figure) -> its first and last token
    covered: set = set()  # token indices inside a figure already read
    need_beside: list = []  # counts of a lone "один" that need another count beside them
    for match in matches:
        first, last = match.tokens[0].index, match.tokens[-1].index
        start, stop = match.span.start, match.span.stop
        if any(s < stop and start < e for s, e, _ in date_spans):
            continue  # a number inside a date is no figure
        if first and tokens[first - 1].in_lexicon("numbering_words"):
            continue  # "статья 112", "№ 204"
        if inside_title(tokens, first):
            continue  # «Программа 100 лучших товаров»: the number belongs to the name
        parts = fact_tokens(match)
        if first and "qualifier" in parts and parts["qualifier"][0].index == first \
                and _noun_after_adjective(parts["qualifier"], tokens[first - 1]):
            # "прожиточный минимум 15 тысяч рублей": the noun, not the qualifier "минимум"
            first = parts.pop("qualifier")[-1].index + 1
            start = tokens[first].span.start
        fields = read_figure(parts, lexicons)
        if fields is None:
            continue
        if fields.pop("_number_only", False):
            last = parts["number"][-1].index
            stop = tokens[last].span.stop
        if fields.pop("_bare", False):
            carried = _carried_unit(tokens, first, figures)
            # else resolve/figures.py looks in the sentence before, or drops it ("1,5
            # миллиона" with nothing to say of what is noise more often than not)
            # (a unit-less "count" is a list by origin, a unit-less "other" an amount)
            fields.update(carried or {"kind": fields["kind"] or "other", "unit": None})
        direction = fields.pop("_direction", None)
        change = _change(tokens, first, match.tokens[-1].index + 1, fields, lexicons)
        if change and direction and "start" in parts:
            change = direction  # "снизить с 2 млрд до 100 млн": the numbers say which way
        qualifier_words = [t.value.lower() for t in parts.get("qualifier", ())]
        if change and fields["qualifier"] == "less_than" and qualifier_words == ["до"]:
            fields["qualifier"] = "exact"  # "выросла на 15% до 2,3 трлн": the level reached
        figure = Figure(spans=[ctx.span(start, stop)], change=change, period=period, **fields)
        if any(t.number is not None and t.number.lone_one for t in match.tokens):
            verdict = _one_counts(tokens, first, figure, lexicons)
            if verdict == "no":
                continue
            if verdict == "beside":
                need_beside.append(figure)
        before = _elliptic(ctx, tokens, first, figure, date_spans, covered)
        if before is None:
            continue  # "статьи 5 и 7 закона": numbering, all of it
        for other, (a, b) in before:
            places[id(other)] = (a, b)
        figures += [f for f, _ in before] + [figure]
        places[id(figure)] = (first, last)
        covered.update(range(first, last + 1))
    if need_beside:
        waiting = {id(f) for f in need_beside}
        figures = [f for f in figures if id(f) not in waiting or _counted_beside(f, figures, waiting, places, tokens)]
    return figures


def _one_counts(tokens: list, first: int, figure: Figure, lexicons) -> str:
    """Is a figure of a lone "один" a figure: "yes", "no", or "beside" (only with another
    count beside it in the sentence)? Money, percents and measures are ("один процент");
    "один из", "ещё один", "ни одного" and idioms are not; a count of a noun needs a
    limiting word or a qualifier before it ("только один корабль", "не более одного")."""
    if figure.kind != "count" or figure.value != 1:
        return "yes" if figure.unit not in (None, "раз") else "no"
    one_words = lexicons.mapping("one_words")
    if not figure.unit or one_words.get(figure.unit.split(" ")[-1]) == "idiom":  # its head noun
        return "no"  # "с одной стороны"
    before = tokens[first - 1].lemmas | {tokens[first - 1].value.lower()} if first else set()
    if any(one_words.get(word) == "not" for word in before):
        return "no"
    if figure.qualifier != "exact" or any(one_words.get(word) == "count" for word in before):
        return "yes"
    return "beside"


def _counted_beside(figure: Figure, figures: list, waiting: set, places: dict, tokens: list) -> bool:
    """Another count of the same noun in the sentence, or one joined to this by a list."""
    for other in figures:
        if id(other) in waiting or other.kind != "count":
            continue
        if other.unit == figure.unit:
            return True
        (_, a_last), (b_first, _) = sorted((places[id(other)], places[id(figure)]))
        if b_first > a_last + 1 and list_gap(tokens[a_last + 1:b_first]):
            return True
    return False


def _elliptic(ctx, tokens: list, first: int, figure: Figure, date_spans, covered: set) -> Optional[list]:
    """Numbers before a figure that share its unit: "бег на 50 и 30 метров" (50 м),
    "на 5, 7 и 10%". Each is a figure of its own, its span the number alone. None when
    the list is one of numbering ("статьи 5 и 7")."""
    if figure.value is None or not figure.unit or figure.unit == "раз" or tokens[first].number is None:
        return []
    out = []
    following = tokens[first].number.value
    scale = figure.value / following if following else Decimal(1)  # the multiplier said once
    i = first
    while i >= 2 and _joins(tokens[i - 1]) and tokens[i - 2].number is not None:
        number = tokens[i - 2].number
        a, b = tokens[number.start], tokens[number.stop - 1]
        if number.start in covered or any(s < b.span.stop and a.span.start < e for s, e, _ in date_spans):
            break
        if number.start and tokens[number.start - 1].in_lexicon("numbering_words"):
            return None
        value = number.value * scale if scale != 1 and number.value < following else number.value
        if abs(value) > MAX_VALUE:
            break
        out.insert(0, (Figure(spans=[ctx.span(a.span.start, b.span.stop)], kind=figure.kind,
                              unit=figure.unit, value=_clean(value), qualifier="exact",
                              subject=figure.subject, period=figure.period, change=figure.change),
                       (number.start, number.stop - 1)))
        i = number.start
    return out


def _joins(token) -> bool:
    """A comma or a one-word joiner ("и", "или") between numbers of a list."""
    return token.value == "," or token.in_lexicon("joiners")


# a figure holds a number, a times word or a share word, with at most a qualifier of four
# tokens before it ("по меньшей мере ,") and a multiplier and a unit of twelve after it
# ("с лишним млн . высокотехнологичных и , … предприятий"): the parser runs on windows
# around those anchors only
WINDOW_BEFORE, WINDOW_AFTER = 5, 13


def windows(tokens: list) -> list[list]:
    return around(tokens, _anchor, WINDOW_BEFORE, WINDOW_AFTER)


def _anchor(token) -> bool:
    return token.number is not None or "times_words" in token.lexicons or "fractions" in token.lexicons


# every FIGURE holds a number, a times word or a share word, and before the first of them only
# a qualifier (QUALIFIED, of eight words at most, and its preposition), a currency sign, a range
# start or the "в" / "на" of TIMES and SHARE: the parser tries no other start in a window
ANCHORS = Anchors(or_(in_number(), lexicon("times_words"), lexicon("fractions")), before=10,
                  through=or_(in_entry("qualifiers"), QUALIFIER_PREPOSITION, CURRENCY_SIGN, lexicon("range_starts"),
                              caseless("в"), caseless("на")))
_parser = lazy_parser(FIGURE, anchors=ANCHORS)

TRIGGERS = Triggers(digits=True, lexicons=frozenset({"number_words", "times_words", "fractions"}))


def grammars(lexicons) -> list[Grammar]:
    return [Grammar(name="figures", find=find_figures, triggers=TRIGGERS, priority=10)]
