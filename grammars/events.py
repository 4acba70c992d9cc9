"""Events: congresses, forums, conferences, sessions, round tables, competitions, elections…

The rules, from the words up (module-level yargy rules: import and compose them):

    EVENT_KIND     a kind of `event_kinds.txt`, of one word or more ("форум", "круглый стол"),
                   or two joined by a hyphen ("выставка-форум", "конференция-выставка")
    ORDINAL        the number of an edition before the phrase: "III", "7-й"
    ORDINAL_WORD   an ordinal word of `ordinals.tsv`: "третий", "седьмой"
    MODIFIER       an adjective before the kind: "Международный", "научно-практическая",
                   "ежегодный" (`event_recurrence.txt`), "третий"
    LATIN_NAME     "конгресс PromSpace"
    GENITIVE_TAIL  "особых экономических зон", "совета ФИДЕ", "II Национального рейтинга"
    ELECTED        what is elected: "выборы в городскую думу" (`event_qualifiers.tsv`)
    PRIZE          what is played for: "матч на первенство мира" (`event_prizes.txt`)
    TOPIC          "чемпионат Европы по шахматам", "совет по импортозамещению"
    ABOUT          the question put: "референдум о членстве страны в НАТО"
    SIDES          who meets whom: "матч между Германией и Францией", "матч Бразилия — Аргентина"
    YEAR           "войны 1967 года"
    QUOTED_TITLE   "конференция «Промышленная Россия 4.0»"
    ABBREVIATION   "… форум (ПМЭФ)", "(ВЭФ-2024)": it names the event elsewhere too
    EDITION        a year glued to the kind: "Олимпиада-2016"
    EVENT_PHRASE   [ORDINAL] MODIFIER* EVENT_KIND [EDITION] [LATIN_NAME] [ELECTED] GENITIVE_TAIL* [PRIZE]
                   [TOPIC] [ABOUT] [SIDES] [YEAR] [QUOTED_TITLE] [ABBREVIATION]
    SHORT_EVENT    a known short name of `event_names.tsv` with its edition: "ПМЭФ",
                   "«Иннопром»", "ПМЭФ-2024" (the 2024 edition), "Второй Иннопром"
    EVENT          SHORT_EVENT or EVENT_PHRASE: what the grammar `events.phrase` runs
    TIMES          "в третий раз", "в 5-й раз": the ordinal of a named event of the sentence

Which phrase is an event (`interpret`). A phrase is *named* by one of its parts: an ORDINAL,
an EDITION, a LATIN_NAME, a QUOTED_TITLE, an ABBREVIATION that starts like a word up to the
kind (not "заседание правления Ассоциации … (АИП)", the tail's), a capitalised word (not the
first word of a sentence; the kind too, "на Олимпиаде", unless it is a `body` kind: resolve
makes a capitalised kind alone a reference where the page names an event of that kind,
"участники Форума"), a lowercase word of `event_qualifiers.tsv` that names its kind
("заседание правительства", "чемпионат мира", "президентские выборы", "референдум о …"),
or a known full name at the start of a sentence. A named phrase is an event; a phrase
without a name ("форум", "участники мероприятия", "на инженерном конгрессе") is emitted
with an empty `name`: it can only refer to an event named elsewhere, and
`fakty.resolve.events` attaches it to that event or drops it. A `generic` kind
("мероприятие") is never named; a `body` kind written with a capital and no title is the
body ("член Конгресса США"); a plural-only kind without a name ("проведённых мероприятий")
names no one event; "матчи чемпионата мира" are many, and the event is the one in the tail.
A year after the kind stays in the mention ("войны 1967 года") and is its date.

Editions. A year after a title or a short name ("выставка «Иннопром-2024»", "ПМЭФ-2024",
"(ВЭФ-2024)") or an ordinal ("III Международный форум …", "Второй Иннопром", "в третий
раз") names an edition of a recurring event: the year is the edition's `date`, the number
its `ordinal`, and `series` names the recurring event ("выставка «Иннопром»", "Иннопром");
a year after the kind of a competition or of an event that holds others ("чемпионат мира
2018 года") names one too. `fakty.resolve.events` gives the editions of one recurring event
one `series`.

Meetings ("встретился с", "провели переговоры": an Event of kind встреча with the ids of its
participants) are not this grammar's: they belong in a grammar of their own beside `EVENT`,
returned by `grammars(lexicons)` too, whose cue verbs live in a lexicon, with their
participants linked by a step of `fakty.resolve.events` like `organizers`.
"""
from __future__ import annotations

import re

from yargy import and_, not_, or_, rule
from yargy.interpretation import fact
from yargy.predicates import eq, gram, gte, in_, is_capitalized, is_upper, length_eq, lte, normalized
from yargy.predicates import type as token_type
from yargy.predicates.constructors import Predicate

from fakty.grammar import Anchors, Grammar, Triggers, lazy_parser
from fakty.lexicons import fold
from fakty.morph import lemma, nominative_phrase, nominative_word
from fakty.numbers import roman
from fakty.predicates import glued, lexicon, lexicon_phrase, lexicon_start
from fakty.records import DateValue, Event
from fakty.words import event_kind_flags, event_kinds_with

# --- predicates over fakty.tokens ---------------------------------------------------------

class _Form(Predicate):
    """Some parse of the token has all of `grams` and none of `without`."""

    __attributes__ = ["grams", "without"]

    def __init__(self, grams, without=()):
        self.grams = frozenset(grams)
        self.without = frozenset(without)

    def __call__(self, token):
        for form in getattr(token, "forms", ()):
            grams = set(form.grams.values)
            if self.grams <= grams and not (self.without & grams):
                return True
        return False


class _Noun(Predicate):
    """A noun with `grams`, and no function-word reading ('при', 'в' are nouns in pymorphy3)."""

    __attributes__ = ["grams"]

    def __init__(self, grams):
        self.grams = frozenset(grams) | {"NOUN"}

    def __call__(self, token):
        forms = getattr(token, "forms", ())
        if any({"PREP", "CONJ", "PRCL", "NPRO", "Abbr"} & set(f.grams.values) for f in forms):
            return False
        return any(self.grams <= set(f.grams.values) for f in forms)


class _Roman(Predicate):
    """A Roman numeral: 'III'."""

    def __call__(self, token):
        return token.type == "LATIN" and roman(token.value) is not None


class _Latin(Predicate):
    """A Latin word that is not a Roman numeral: 'конгресс PromSpace'."""

    def __call__(self, token):
        return token.type == "LATIN" and roman(token.value) is None


class _Upper(Predicate):
    """A Cyrillic abbreviation: 'совета ФИДЕ', 'Кубка УЕФА'."""

    def __call__(self, token):
        return token.type == "RU" and len(token.value) >= 2 and token.value.isupper()


class _Abbreviation(Predicate):
    """Capitals only, 2 to 8 letters: 'ПМЭФ', 'SPIEF'."""

    def __call__(self, token):
        return 2 <= len(token.value) <= 8 and token.value.isalpha() and token.value.isupper()


def _case(case: str):
    """An adjective or participle in `case` (not a pronoun)."""
    return or_(_Form({"ADJF", case}, {"Apro"}), _Form({"PRTF", case}))


# --- rules ----------------------------------------------------------------------------------

INT = token_type("INT")
RU = token_type("RU")
DASH = in_({"—", "–", "-"})  # the cleaner writes dashes as "-"
CAPITAL = and_(RU, is_capitalized(), not_(is_upper()))
ADJECTIVE = or_(_Form({"ADJF"}, {"Apro", "Abbr"}), _Form({"PRTF"}))

EVENT_KIND = or_(
    lexicon_phrase("event_kinds"),
    rule(lexicon("event_kinds"), and_(glued(), eq("-")), and_(glued(), lexicon("event_kinds"))),
)
ORDINAL_NUMBER = rule(and_(INT, lte(999)), eq("-"), lexicon("ordinal_suffixes"))  # 7-й
ORDINAL = or_(rule(_Roman()), ORDINAL_NUMBER)
ORDINAL_WORD = and_(RU, lexicon("ordinals"))
MODIFIER = or_(rule(ADJECTIVE), rule(RU, eq("-"), ADJECTIVE))  # научно-практическая
LATIN_NAME = rule(_Latin().repeatable(max=3))
GENITIVE_TAIL = or_(
    rule(_Roman().optional(), _case("gent").repeatable(max=3).optional(), _Noun({"gent"})),
    rule(_Upper()),
    rule(_Form({"NUMR", "gent"})),  # 'матч-турнир восьми'
)
ELECTED = rule(normalized("в"), ADJECTIVE.repeatable(max=2).optional(),
               and_(_Noun({"accs"}), lexicon("event_qualifiers")))
PRIZE = rule(lexicon_phrase("event_prizes"), GENITIVE_TAIL.repeatable(max=3).optional())
TOPIC = rule(eq("по"), _case("datv").repeatable(max=3).optional(), _Noun({"datv"}),
             GENITIVE_TAIL.repeatable(max=2).optional())  # "по водным видам спорта"
ABOUT = rule(normalized("о"), _case("loct").repeatable(max=3).optional(), _Noun({"loct"}),
             GENITIVE_TAIL.repeatable(max=3).optional())
_SIDE = rule(CAPITAL, CAPITAL.optional())
_SIDE_ABLT = rule(and_(CAPITAL, gram("ablt")), and_(CAPITAL, gram("ablt")).optional())
SIDES = or_(rule(eq("между"), _SIDE_ABLT, eq("и"), _SIDE_ABLT), rule(_SIDE, DASH, _SIDE))
YEAR_NUMBER = and_(INT, length_eq(4), gte(1801), lte(2199))
YEAR = rule(YEAR_NUMBER, normalized("год"))
_INNER = not_(in_({"«", "»"}))
QUOTED_TITLE = or_(
    rule(eq("«"), or_(rule(_INNER), rule(eq("«"), _INNER.repeatable(max=12), eq("»"))).repeatable(max=40),
         eq("»")),
    rule(eq('"'), not_(eq('"')).repeatable(max=40), eq('"')),
)
ABBREVIATION = rule(eq("("), and_(glued(), _Abbreviation()),
                    rule(and_(glued(), eq("-")), and_(glued(), INT, length_eq(4))).optional(),
                    and_(glued(), eq(")")))

# the parts `interpret` reads, by name
EventFact = fact("EventFact", ["ordinal", "kind", "sides", "year", "title", "abbreviation", "short", "edition"])

EDITION = rule(and_(glued(), eq("-")), rule(and_(glued(), YEAR_NUMBER)).interpretation(EventFact.edition))
# the kind word and what may follow it, a rule of its own: parsed once where the kind word
# stands, for every place the phrase may start before it (an ordinal, each modifier)
KIND_ONWARDS = rule(
    EVENT_KIND.interpretation(EventFact.kind),
    EDITION.optional(),
    LATIN_NAME.optional(),
    ELECTED.optional(),
    GENITIVE_TAIL.repeatable(max=4).optional(),
    PRIZE.optional(),
    TOPIC.optional(),
    ABOUT.optional(),
    SIDES.interpretation(EventFact.sides).optional(),
    YEAR.interpretation(EventFact.year).optional(),
    QUOTED_TITLE.interpretation(EventFact.title).optional(),
    ABBREVIATION.interpretation(EventFact.abbreviation).optional(),
)
ORDINAL_FIELD = ORDINAL.interpretation(EventFact.ordinal)
MODIFIERS = MODIFIER.repeatable(max=5)
# the ordinal and the modifiers spelled out present or not (not ".optional()" each): a start
# with no kind word, ordinal or modifier after it then predicts nothing
EVENT_PHRASE = or_(
    rule(KIND_ONWARDS),
    rule(MODIFIERS, KIND_ONWARDS),
    rule(ORDINAL_FIELD, KIND_ONWARDS),
    rule(ORDINAL_FIELD, MODIFIERS, KIND_ONWARDS),
)
_SHORT = rule(rule(and_(lexicon("event_names"), is_capitalized())).interpretation(EventFact.short),
              rule(eq("-"), rule(INT).interpretation(EventFact.edition)).optional())
SHORT_EVENT = rule(or_(ORDINAL, rule(ORDINAL_WORD)).interpretation(EventFact.ordinal).optional(),  # Второй Иннопром
                   or_(rule(eq("«"), _SHORT, eq("»")), _SHORT))
EVENT = or_(SHORT_EVENT, EVENT_PHRASE).interpretation(EventFact)
TIMES = rule(normalized("в"), or_(ORDINAL_NUMBER, rule(ORDINAL_WORD)), normalized("раз"))
_times_parser = lazy_parser(TIMES)


# an event has its kind word (or a short name), after at most an ordinal ("7-й": three tokens)
# and five modifiers of up to three tokens each ("научно-практическая"), or a quote: the
# parser tries no other start
ANCHORS = Anchors(or_(lexicon_start("event_kinds"), lexicon("event_names")), before=3 + 5 * 3,
                  through=or_(RU, token_type("LATIN"), INT, in_({"-", "«"})))


def grammars(lexicons) -> list[Grammar]:
    return [Grammar(name="events.phrase", rule=EVENT, interpret=interpret,
                    triggers=Triggers(lexicons={"event_kinds", "event_names"}), priority=10, anchors=ANCHORS)]


# --- interpretation: a match becomes an Event record -----------------------------------------

def interpret(match, context):
    parts = _parts(match)
    tokens = list(match.tokens)
    if "short" in parts:
        event = _short_event(tokens, parts, context.lexicons)
    else:
        event = _phrase_event(tokens, parts, context)
    if event is None:
        return []
    tokens = event.pop("tokens")
    if not event["name"]:
        return [Event(spans=[context.tokens_span(tokens)], **event)]
    if event["ordinal"] is None:
        event["ordinal"] = _times(context)
    edition = event.get("date") or _edition_year(parts, context.text)
    year = _year(parts.get("year"))
    if (edition or event["ordinal"] or year) and _holds_editions(event["kind"], context.lexicons):
        event.update(series=_series(event["name"], parts.get("year")), recurring=True)
    event["date"] = edition or year
    return [Event(spans=[context.tokens_span(tokens)], **event)]


def _parts(match) -> dict[str, list]:
    """The tokens of each EventFact part the match has (the yargy fact, read right here)."""
    found = match.tree.interpret().fact
    return {key: list(value.tokens) for key, value in found.attributes.items() if key in found.modified}


def _phrase_event(tokens: list, parts: dict, context) -> dict | None:
    text, lexicons = context.text, context.lexicons
    # a rule cannot look past its last token: a word cut out of a compound is no tail
    # ('на заседании правительства премьер-министр')
    while len(tokens) > 1 and re.match(r"-\w", text[tokens[-1].span.stop:tokens[-1].span.stop + 2]):
        tokens = tokens[:-1]
    stop = tokens[-1].span.stop
    parts = {key: found for key, found in parts.items() if found[-1].span.stop <= stop}
    if "kind" not in parts:
        return None
    if "abbreviation" in parts and not _abbreviates(parts["abbreviation"][1].value, tokens, parts["kind"]):
        # 'заседание правления Ассоциации индустриальных парков (АИП)': the tail's, not the event's
        tokens = tokens[:len(tokens) - len(parts.pop("abbreviation"))]
    starts = [t.span.start for t in tokens]
    title = starts.index(parts["title"][0].span.start) if "title" in parts else None
    after = starts.index(parts["abbreviation"][0].span.start) if "abbreviation" in parts else len(tokens)
    words = tokens[:title if title is not None else after]
    kind_at = starts.index(parts["kind"][0].span.start)
    head = next((i for i in range(kind_at, len(words)) if _is_head(words[i], lexicons)), kind_at)
    lemmas = [_lemma(t) for t in words]
    start_of_sentence = not text[:words[0].span.start].strip(" -*•·\t")
    body = {lemma(kind) for kind in event_kinds_with("body", lexicons)}
    if head == 0 and title is None and lemmas[0] in body and words[0].value[:1].isupper() \
            and (len(words) > 1 or not start_of_sentence):
        return None  # 'члена Конгресса США': the body, not a meeting ('Конгресс проводится' may be one)
    kind = _kind_of(lemmas[: head + 1], lexicons)
    if head + 2 < len(words) and words[head + 1].value == "-" and words[head + 1].glued \
            and _is_head(words[head + 2], lexicons):
        kind = f"{kind}-{_kind_of([lemmas[head + 2]], lexicons)}"  # 'выставка-форум': both words are the kind
    named = bool({"ordinal", "edition", "title", "abbreviation"} & set(parts))
    ordinal = _number(parts["ordinal"]) if "ordinal" in parts else None
    recurring = False
    editions = _holds_editions(kind, lexicons)
    for token in words[: head + 1]:
        if editions and token.type == "RU" and token.in_lexicon("ordinals"):
            ordinal = _ordinal_value(token, lexicons)  # 'первый форум' is no name by itself
        recurring = recurring or token.in_lexicon("event_recurrence")
    for i, token in enumerate(words):
        if token.type == "LATIN" and not roman(token.value):
            named = True
        elif token.value[:1].isupper() and (i > 0 or not start_of_sentence) and (i != head or lemmas[i] not in body):
            named = True  # a capital at the start of a sentence says nothing (nor one of a body)
    if not named and start_of_sentence and words[0].value[:1].isupper() and head > 0:
        # ... unless this is a name we know
        phrase = nominative_phrase(text[words[0].span.start:words[head].span.stop].split())
        named = phrase.lower() in lexicons.derive(_known_full_names)
    if not named and any(i != head and _qualifies(w, kind, lexicons) for i, w in enumerate(words)):
        # lowercase, yet one event: 'заседание правительства', 'чемпионат мира'; but
        # 'матчи чемпионата мира' are many: the event named is the one in the tail
        if _countable_plural(words[head], lexicons):
            tail = next((i for i in range(head + 1, len(words)) if _is_head(words[i], lexicons)), None)
            if tail is None:
                return None
            rest = {key: found for key, found in parts.items() if found[0].span.start >= words[tail].span.start}
            return _phrase_event(tokens[tail:], {**rest, "kind": [words[tail]]}, context)
        named = True
    if kind in event_kinds_with("generic", lexicons):
        named = False  # 'Ежегодное мероприятие' is still not a name
    if not named:
        if _plural_only(words[head]) or text[words[head].span.stop:].lstrip().startswith(":"):
            return None  # 'проведенных мероприятий', 'состоялись мероприятия:' name no one event
        # a reference back: the kind with its adjectives, not what follows, but its year
        # ('войны 1967 года' is a mention of the war named before)
        end = len(tokens) if "year" in parts and parts["year"][-1].span.stop == stop else head + 1
        return {"tokens": tokens[:end], "kind": kind, "name": "", "ordinal": None, "recurring": recurring}
    first = _name_start(words, head, len(parts.get("ordinal", ())), editions, start_of_sentence)
    start, name_stop = words[first].span.start, words[-1].span.stop
    sides = parts.get("sides")
    between = sides is not None and sides[0].value == "между"
    if between:  # 'матч между Топаловым и Крамником' -> 'матч Топалов — Крамник'
        name_stop = sides[0].span.start
    at = len(text[start:words[head].span.start].split())
    plain = text[start:name_stop].split()
    edition = parts.get("edition")
    if edition:  # 'Олимпиаде-2016': the kind is inflected, the year kept
        plain[at] = plain[at][: len(plain[at]) - len(edition[0].value) - 1]
    name = nominative_phrase(plain, head=at)
    if edition:
        inflected = name.split()
        inflected[at] += f"-{edition[0].value}"
        name = " ".join(inflected)
    if between:
        pair = text[sides[1].span.start:sides[-1].span.stop].split(" и ")
        name = f"{name} " + " — ".join(" ".join(nominative_word(w) for w in side.split()) for side in pair)
    if title is not None:
        name = f"{name} {text[tokens[title].span.start:tokens[after - 1].span.stop]}"
    return {"tokens": tokens, "kind": kind, "name": name, "ordinal": ordinal, "recurring": recurring}


def _name_start(words: list, head: int, ordinal: int, editions: bool, start_of_sentence: bool) -> int:
    """Where the name starts: after the ordinal ('III', '7-й', 'третий' of a kind that has
    editions) and the words that
    point at the event ('Следующий'), and after lowercase words that describe a capitalised
    name ('ежегодный Национальный … конгресс')."""
    first = ordinal
    # the number of an edition is no part of the name ('Вторая мировая война' is a name)
    if editions and first < head and words[first].type == "RU" and words[first].in_lexicon("ordinals"):
        first += 1
    while first < head and words[first].in_lexicon("event_pointers"):
        first += 1
    if first == 0 < head and start_of_sentence and words[0].in_lexicon("event_recurrence"):
        first = 1  # 'Ежегодный форум «…»' (the record says `recurring`; 'III Ежегодной …' keeps it)
    capital = next((i for i in range(first, head) if words[i].value[:1].isupper()), None)
    if capital is not None and all(w.value[:1].islower() for w in words[first:capital]):
        first = capital
    return first


def _short_event(tokens: list, parts: dict, lexicons) -> dict | None:
    token = parts["short"][0]
    names = lexicons.derive(_short_names)
    key = next((k for k in [fold(token.value), *map(fold, token.lemmas)] if k in names), None)
    if key is None:
        return None
    kind, full = names[key]
    date = None
    edition = parts.get("edition")
    if edition and len(edition[0].value) == 4 and 1900 < int(edition[0].value) < 2200:
        date = DateValue(year=int(edition[0].value), precision="year", iso=edition[0].value)
    ordinal = _number(parts["ordinal"], lexicons) if "ordinal" in parts else None
    return {"tokens": tokens, "kind": kind, "name": full, "ordinal": ordinal, "recurring": False, "date": date}


def _edition_year(parts: dict, text: str) -> DateValue | None:
    """'форум «Армия-2024»', '… форум (ВЭФ-2024)': the year that ends the title (or else the
    abbreviation) is this edition's; so is one glued to the kind ('Олимпиада-2016')."""
    if "edition" in parts:
        return _year(parts["edition"])
    for key in ("title", "abbreviation"):
        found = parts.get(key, ())
        if len(found) < 3 or found[-1].value not in "»)":
            continue
        year, before = found[-2], text[found[-2].span.start - 1:found[-2].span.start]
        if year.type == "INT" and len(year.value) == 4 and 1950 <= int(year.value) <= 2099 \
                and (before.isspace() or before in ("-", "'", "’")):
            return DateValue(year=int(year.value), precision="year", iso=year.value)
    return None


# the year that ends an edition's title: 'форум «Армия-2024»'
_EDITION_SUFFIX = re.compile(r"[-\s'’](?:19[5-9]\d|20\d\d)(»?)$")


def _abbreviates(abbreviation: str, tokens: list, kind: list) -> bool:
    """Can the abbreviation be the event's: does it start like a word up to the kind
    ('Петербургский международный экономический форум (ПМЭФ)')?"""
    return any(t.value[:1].lower() == abbreviation[:1].lower() for t in tokens
               if t.type in ("RU", "LATIN") and t.span.start <= kind[-1].span.start)


def _series(name: str, year) -> str:
    """The recurring event an edition belongs to: its name without the edition's year
    ('выставка «Иннопром-2024»' -> 'выставка «Иннопром»', 'чемпионат мира 2018 года' ->
    'чемпионат мира')."""
    if year and year[0].value in name:
        return name[:name.rindex(year[0].value)].rstrip()
    return _EDITION_SUFFIX.sub(r"\1", name)


def _year(tokens) -> DateValue | None:
    """The date of a YEAR or EDITION part ('1853 года', '-2016'), if it is a year."""
    if not tokens or tokens[0].type != "INT" or len(tokens[0].value) != 4 or not 1800 < int(tokens[0].value) < 2200:
        return None
    return DateValue(year=int(tokens[0].value), precision="year", iso=tokens[0].value)


def _holds_editions(kind: str, lexicons) -> bool:
    """A competition or an event that holds others recurs: 'чемпионат мира 2018 года' is an edition."""
    return bool({"competition", "container"} & event_kind_flags(lexicons).get(kind, frozenset()))


def _times(context) -> int | None:
    """'в третий раз' -> 3 (the first such phrase of the sentence)."""
    if "events.times" not in context.cache:
        found = _times_parser().run(context.tokens, "findall")
        context.cache["events.times"] = _number(found[0].tokens[1:-1], context.lexicons) if found else None
    return context.cache["events.times"]


def _number(tokens: list, lexicons=None) -> int | None:
    """The value of an ORDINAL ('III', '7-й') or, with lexicons, an ordinal word."""
    first = tokens[0]
    if first.type == "INT":
        return int(first.value) or None
    if first.type == "LATIN":
        return roman(first.value)
    return _ordinal_value(first, lexicons) if lexicons is not None else None


def _ordinal_value(token, lexicons) -> int | None:
    values = lexicons.mapping("ordinals")
    found = next((values[k] for k in [fold(token.value), *map(fold, token.lemmas)] if k in values), None)
    return int(found) if found else None


def _is_head(token, lexicons) -> bool:
    """The token is a one-word kind or ends a longer one ('стол' of 'круглый стол')."""
    heads = lexicons.derive(_head_words)
    return any(form.normalized in heads for form in getattr(token, "forms", ()))


def _lemma(token) -> str:
    forms = getattr(token, "forms", ())
    return forms[0].normalized if forms else token.value.lower()


def _plural_only(token) -> bool:
    forms = getattr(token, "forms", ())
    return bool(forms) and all("plur" in form.grams.values for form in forms)


def _countable_plural(token, lexicons) -> bool:
    """'матчи', 'заседания': a plural of a kind that has a singular (not 'выборы')."""
    single = lexicons.derive(_kinds)[0]
    forms = [f for f in getattr(token, "forms", ()) if f.normalized in single]
    return bool(forms) and all("plur" in f.grams.values and "Pltm" not in f.grams.values for f in forms)


def _qualifies(token, kind: str, lexicons) -> bool:
    """Does a lowercase word name an event of this kind ('чемпионат мира')?"""
    qualifiers = lexicons.derive(_qualifiers)
    for form in getattr(token, "forms", ()):
        named = qualifiers.get(fold(form.normalized), frozenset())
        if "*" in named or kind in named or kind.split("-")[0] in named:
            return True
    return False


def _kind_of(lemmas: list[str], lexicons) -> str | None:
    """The kind named by the last words of a phrase (lemmas): the longest lexicon entry."""
    single, multi = lexicons.derive(_kinds)
    for key, kind in multi:
        if tuple(lemmas[-len(key):]) == key:
            return kind
    return single.get(lemmas[-1]) if lemmas else None


# --- what the lexicons give, computed once per Lexicons (`Lexicons.derive`) -----------------

def _kinds(lexicons) -> tuple[dict[str, str], tuple]:
    """(one-word lemma -> kind, ((lemmas of a multi-word kind), kind) longest first)."""
    single, multi = {}, {}
    for row in lexicons.rows("event_kinds"):
        key = tuple(lemma(w) for w in row[0].split())
        if len(key) == 1:
            single[key[0]] = row[0]
        else:
            multi[key] = row[0]
    return single, tuple(sorted(multi.items(), key=lambda item: -len(item[0])))


def _head_words(lexicons) -> frozenset[str]:
    """Lemmas that can head an event phrase: one-word kinds and the last word of longer ones."""
    single, multi = lexicons.derive(_kinds)
    return frozenset(single) | {key[-1] for key, _ in multi}


def _qualifiers(lexicons) -> dict[str, frozenset[str]]:
    """lemma -> the kinds it names ("*": any): 'правительство', 'мир', 'президентский'."""
    found: dict[str, frozenset[str]] = {}
    for row in lexicons.rows("event_qualifiers") + lexicons.rows("event_sections"):
        if len(row) > 1:
            found[fold(row[0])] = found.get(fold(row[0]), frozenset()) | frozenset(row[1].split())
    return found


def _short_names(lexicons) -> dict[str, tuple[str, str]]:
    """short name (folded) -> (kind, full nominative name)."""
    return {fold(row[0]): (row[1], row[2]) for row in lexicons.rows("event_names") if len(row) > 2}


def _known_full_names(lexicons) -> frozenset[str]:
    return frozenset(full.lower() for _, full in lexicons.derive(_short_names).values())
