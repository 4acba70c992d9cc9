"""Events: congresses, forums, conferences, sessions, round tables…

An event phrase is a kind noun from `event_kinds.txt` with what names it:
    [ordinal] [adjectives] KIND [Latin name] [genitive tail] [«quoted title»]
    "III Международный форум особых экономических зон", "круглый стол «…»",
    "Национальный промышленный конгресс PromSpace", or a known short name from
    `event_names.tsv` ("ПМЭФ", "ПМЭФ-2024": the 2024 edition).
A phrase with a name (a quoted title, an ordinal, a Latin or a capitalised word, a known
short name) is an event. So is one named by a lowercase word of `event_qualifiers.tsv`: the
body that meets ("заседание правительства"), the scope of a competition ("чемпионат мира"),
what is elected ("президентские выборы", "выборы в парламент страны"), the question of a
referendum ("референдум о …"); and a match by its sides ("матч между X и Y", "матч X — Y").
A year after the kind stays in the mention ("войны 1967 года"). A phrase without one ("форум", "участники мероприятия",
"на инженерном конгрессе") is emitted with an empty `name`: it can only refer to an event
named elsewhere, and `fakty.resolve.events` attaches it to that event or drops it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from yargy import and_, not_, or_, rule
from yargy.predicates import eq, in_, type as token_type
from yargy.predicates.constructors import Predicate

from fakty.grammar import Grammar, Triggers
from fakty.grammars import table
from fakty.morph import lemma, nominative_phrase, nominative_word
from fakty.records import DateValue, Event

# words that point at an event rather than name it
DEICTIC = frozenset({"следующий", "очередной", "предстоящий", "прошедший", "нынешний",
                     "этот", "тот", "данный", "будущий", "последний"})
RECURRENCE = frozenset({"ежегодный", "ежеквартальный", "ежемесячный", "традиционный"})
ORDINALS = {
    "первый": 1, "второй": 2, "третий": 3, "четвёртый": 4, "четвертый": 4, "пятый": 5,
    "шестой": 6, "седьмой": 7, "восьмой": 8, "девятый": 9, "десятый": 10,
    "одиннадцатый": 11, "двенадцатый": 12, "тринадцатый": 13, "четырнадцатый": 14,
    "пятнадцатый": 15, "шестнадцатый": 16, "семнадцатый": 17, "восемнадцатый": 18,
    "девятнадцатый": 19, "двадцатый": 20, "тридцатый": 30,
}
_ROMAN = re.compile(r"M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})")
# "в третий раз", "в 5-й раз"
_TIMES = re.compile(r"\bв\s+(?:(\d{1,3})(?:-?(?:й|ый|ой|ий))?|([а-яё]+))\s+раз\b", re.I)


def roman(text: str) -> int | None:
    """III -> 3; None for anything that is not a plausible Roman ordinal."""
    if not text or len(text) > 8 or not _ROMAN.fullmatch(text):
        return None
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(text, text[1:] + " "):
        total += -values[a] if values.get(b, 0) > values[a] else values[a]
    return total if 0 < total < 200 else None


@lru_cache(maxsize=None)
def kinds() -> tuple[dict[str, str], dict[tuple[str, ...], str], frozenset[str]]:
    """(one-word lemma -> kind, lemmas of a multi-word kind -> kind, generic lemmas)."""
    single, multi, generic = {}, {}, set()
    for row in table("event_kinds.txt"):
        entry, is_generic = row[0], "generic" in row[1:]
        key = tuple(lemma(w) for w in entry.split())
        if len(key) == 1:
            single[key[0]] = entry
            if is_generic:
                generic.add(key[0])
        else:
            multi[key] = entry
    return single, multi, frozenset(generic)


@lru_cache(maxsize=None)
def body_kinds() -> frozenset[str]:
    """Kinds that are also the name of a body ("Конгресс США"), flagged "body" in the lexicon."""
    return frozenset(lemma(row[0]) for row in table("event_kinds.txt") if "body" in row[1:])


@lru_cache(maxsize=None)
def qualifiers() -> dict[str, frozenset[str]]:
    """lemma -> the kinds it names ("*": any): 'правительство', 'мир', 'президентский'."""
    found: dict[str, frozenset[str]] = {}
    for word, kinds_named in table("event_qualifiers.tsv") + table("event_sections.tsv"):
        found[word] = found.get(word, frozenset()) | frozenset(kinds_named.split())
    return found


@lru_cache(maxsize=None)
def sections() -> frozenset[str]:
    """Adjectives that name a section of a competition ('мужской турнир'): event_sections.tsv."""
    return frozenset(word for word, _ in table("event_sections.tsv"))


def qualifies(word_lemma: str, kind: str) -> bool:
    """Does a lowercase word name an event of this kind ('чемпионат мира')?"""
    kinds_named = qualifiers().get(word_lemma, frozenset())
    return "*" in kinds_named or kind in kinds_named or kind.split("-")[0] in kinds_named


@lru_cache(maxsize=None)
def short_names() -> dict[str, tuple[str, str, str]]:
    """lowercase short name -> (short name, kind, full nominative name)."""
    return {short.lower(): (short, kind, full) for short, kind, full in table("event_names.tsv")}


@lru_cache(maxsize=None)
def known_full_names() -> frozenset[str]:
    return frozenset(full.lower() for _, _, full in short_names().values())


@lru_cache(maxsize=None)
def _multi_longest_first() -> tuple:
    return tuple(sorted(kinds()[1].items(), key=lambda item: -len(item[0])))


@lru_cache(maxsize=None)
def head_words() -> frozenset[str]:
    """Lemmas that can head an event phrase: single kinds and the last word of longer ones."""
    single, multi, _ = kinds()
    return frozenset(single) | {key[-1] for key in multi}


def kind_of(lemmas: list[str]) -> str | None:
    """The kind named by the last words of a phrase (lemmas): the longest lexicon entry."""
    single = kinds()[0]
    for key, kind in _multi_longest_first():
        if tuple(lemmas[-len(key):]) == key:
            return kind
    return single.get(lemmas[-1]) if lemmas else None


class _Lemma(Predicate):
    """Some parse of the token has its normal form in `words`."""

    __attributes__ = ["words"]

    def __init__(self, words):
        self.words = frozenset(words)

    def __call__(self, token):
        return any(form.normalized in self.words for form in getattr(token, "forms", ()))


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


class _Latin(Predicate):
    """A Latin word that is not a Roman numeral: 'конгресс PromSpace'."""

    def __call__(self, token):
        return token.type == "LATIN" and roman(token.value) is None


class _Roman(Predicate):
    def __call__(self, token):
        return token.type == "LATIN" and roman(token.value) is not None


class _Upper(Predicate):
    """A Cyrillic abbreviation: 'совета ФИДЕ', 'Кубка УЕФА'."""

    def __call__(self, token):
        return token.type == "RU" and len(token.value) >= 2 and token.value.isupper()


class _Capital(Predicate):
    """A capitalised Cyrillic word with `grams` ('между Топаловым и Крамником')."""

    __attributes__ = ["grams"]

    def __init__(self, grams=()):
        self.grams = frozenset(grams)

    def __call__(self, token):
        if token.type != "RU" or not token.value[:1].isupper() or token.value.isupper():
            return False
        return not self.grams or any(self.grams <= set(f.grams.values) for f in getattr(token, "forms", ()))


class _Year(Predicate):
    def __call__(self, token):
        return token.type == "INT" and len(token.value) == 4 and 1800 < int(token.value) < 2200


class _Short(Predicate):
    """A known short name, written with a capital (ПМЭФ, Иннопром, «Иннопроме»)."""

    def __call__(self, token):
        if not token.value[:1].isupper():
            return False
        names = short_names()
        return token.value.lower() in names or any(
            form.normalized in names for form in getattr(token, "forms", ()))


def event_rule():
    single, multi, _ = kinds()
    kind_word = or_(
        rule(_Lemma(single)),
        rule(_Lemma(single), eq("-"), _Lemma(single)),  # выставка-форум
        # words that are a kind only with their adjective: 'стол' of 'круглый стол'
        *[rule(*[_Lemma([w]) for w in key]) for key in multi if key[-1] not in single],
    )
    adjective = or_(_Form({"ADJF"}, {"Apro", "Abbr"}), _Form({"PRTF"}))
    modifier = or_(rule(adjective), rule(token_type("RU"), eq("-"), adjective))  # научно-практическая
    tail_np = or_(
        rule(  # 'особых экономических зон', 'инженеров', 'II Национального рейтинга'
            _Roman().optional(),
            or_(_Form({"ADJF", "gent"}, {"Apro"}), _Form({"PRTF", "gent"})).repeatable(max=3).optional(),
            _Noun({"gent"}),
        ),
        rule(_Upper()),  # 'президентского совета ФИДЕ'
        rule(_Form({"NUMR", "gent"})),  # 'матч-турнир восьми'
    )
    # what is elected: 'выборы в парламент страны', 'выборы в Государственную думу'
    elected = rule(in_({"в", "во"}), adjective.repeatable(max=2).optional(),
                   and_(_Noun({"accs"}), _Lemma(qualifiers())))
    # what is played for: 'матч на первенство мира', 'за звание «Чемпион мира»'
    prize = rule(in_({"на", "за"}), _Lemma({"первенство", "звание", "титул", "кубок", "приз"}))
    # who meets whom: 'матч между Топаловым и Крамником', 'матч Топалов — Крамник'
    side = rule(_Capital(), _Capital().optional())
    sides = or_(
        rule(eq("между"), rule(_Capital({"ablt"}), _Capital({"ablt"}).optional()), eq("и"),
             rule(_Capital({"ablt"}), _Capital({"ablt"}).optional())),
        rule(side, in_({"—", "–", "-"}), side),  # the cleaner writes dashes as "-"
    )
    year = rule(_Year(), _Lemma({"год"}))  # "войны 1967 года"
    topic = rule(  # 'чемпионат Европы по шахматам', 'совет по импортозамещению'
        eq("по"),
        or_(_Form({"ADJF", "datv"}, {"Apro"}), _Form({"PRTF", "datv"})).repeatable(max=3).optional(),
        _Noun({"datv"}),
    )
    # the question put: 'референдум о членстве страны в НАТО' (names only the kinds that
    # event_qualifiers.tsv gives "о")
    about = rule(in_({"о", "об"}),
                 or_(_Form({"ADJF", "loct"}, {"Apro"}), _Form({"PRTF", "loct"})).repeatable(max=3).optional(),
                 _Noun({"loct"}), tail_np.repeatable(max=3).optional())
    inner = not_(in_({"«", "»"}))
    quoted = or_(
        rule(eq("«"), or_(rule(inner), rule(eq("«"), inner.repeatable(max=12), eq("»")))
             .repeatable(max=40), eq("»")),
        rule(eq('"'), not_(eq('"')).repeatable(max=40), eq('"')),
    )
    numbered = rule(token_type("INT"), eq("-"), in_({"й", "ый", "ий", "ой", "я", "ая", "е", "ое"}))  # 7-й
    phrase = rule(
        or_(rule(_Roman()), numbered).optional(),
        modifier.repeatable(max=5).optional(),
        kind_word,
        _Latin().repeatable(max=3).optional(),
        elected.optional(),
        tail_np.repeatable(max=4).optional(),
        rule(prize, tail_np.repeatable(max=3).optional()).optional(),
        topic.optional(),
        about.optional(),
        sides.optional(),
        year.optional(),
        quoted.optional(),
    )
    short = rule(eq("«").optional(), _Short(), rule(eq("-"), token_type("INT")).optional(),
                 eq("»").optional())
    return or_(phrase, short)


def interpret(match, context):
    tokens = list(match.tokens)
    event = event_from_tokens(tokens, context.text)
    if event is None:
        return []
    ordinal = event.pop("ordinal")
    if ordinal is None and event["name"]:
        ordinal = times(context.text)
    tokens = event.pop("tokens")
    if event["name"] and not event.get("date"):
        event["date"] = edition_year(event["name"])
    stop = tokens[-1].span.stop
    # 'Петербургском международном экономическом форуме (ПМЭФ)': the abbreviation belongs
    # to the mention (and names the event elsewhere, see resolve)
    after = _ABBREVIATION.match(context.text, stop)
    if event["name"] and after:
        stop = after.end()
        event["date"] = event.get("date") or edition_year(after.group(1))
    return [Event(spans=[context.span(tokens[0].span.start, stop)], ordinal=ordinal, **event)]


_ABBREVIATION = re.compile(r"\s*\(([А-ЯЁA-Z]{2,8}(?:-\d{4})?)\)")
_EDITION = re.compile(r"[-\s'’](19[5-9]\d|20\d\d)»?$")


def edition_year(name: str) -> DateValue | None:
    """'форум «Армия-2024»', 'ПМЭФ-2024': the year of this edition."""
    found = _EDITION.search(name)
    if not found:
        return None
    return DateValue(year=int(found.group(1)), precision="year", iso=found.group(1))


def times(text: str) -> int | None:
    """'в третий раз' -> 3."""
    found = _TIMES.search(text)
    if not found:
        return None
    if found.group(1):
        return int(found.group(1))
    return ORDINALS.get(lemma(found.group(2).lower()))


def event_from_tokens(tokens: list, text: str) -> dict | None:
    """Fields of an event from the tokens of one match (sentence-relative offsets)."""
    # a balanced quote of a short name: drop a stray opening or closing mark
    while tokens and tokens[-1].value in "«\"":
        tokens = tokens[:-1]
    if tokens and tokens[0].value == "«" and tokens[-1].value != "»":
        tokens = tokens[1:]
    if tokens and tokens[-1].value == "»" and not any(t.value == "«" for t in tokens):
        tokens = tokens[:-1]
    # 'на заседании правительства премьер-министр': a word cut out of a compound is no tail
    while len(tokens) > 1 and re.match(r"-\w", text[tokens[-1].span.stop:tokens[-1].span.stop + 2]):
        tokens = tokens[:-1]
    if not tokens:
        return None
    short = _short_event(tokens) if _head(tokens) is None else None
    if short:
        return short
    quote = next((i for i, t in enumerate(tokens) if t.value in ("«", '"')), len(tokens))
    head = _head(tokens[:quote])
    if head is None:
        return None
    words = tokens[:quote]
    lemmas = [_lemma(t) for t in words]
    if head == 0 and quote == len(tokens) and lemmas[0] in body_kinds() and words[0].value[:1].isupper() \
            and (len(words) > 1 or text[:words[0].span.start].strip(" -*•·\t")):
        return None  # 'члена Конгресса США': the body, not a meeting ('Конгресс проводится' may be one)
    kind = kind_of(lemmas[: head + 1])
    if head + 2 < len(words) and words[head + 1].value == "-" and _head(words[head + 2:head + 3]) == 0 \
            and words[head + 1].span.start == words[head].span.stop:
        kind = f"{kind}-{kind_of([lemmas[head + 2]])}"  # 'выставка-форум': both words are the kind
    ordinal = None
    recurring = False
    named = quote < len(tokens)
    for i, token in enumerate(words[: head + 1]):
        if token.type == "INT" and i == 0 and len(token.value) <= 3:
            ordinal = int(token.value) or None
            named = True
        elif roman(token.value):
            ordinal = roman(token.value)
            named = True
        elif lemmas[i] in ORDINALS:
            ordinal = ORDINALS[lemmas[i]]  # 'первый форум' is no name by itself
        if lemmas[i] in RECURRENCE:
            recurring = True
    sentence_start = not text[:words[0].span.start].strip(" -*•·\t")
    for i, token in enumerate(words):
        if token.type == "LATIN" and not roman(token.value):
            named = True
        elif i != head and token.value[:1].isupper() and (i > 0 or not sentence_start):
            named = True
    if _ABBREVIATION.match(text, tokens[-1].span.stop):
        named = True  # 'Красноярский экономический форум (КЭФ)'
    if not named and sentence_start and words[0].value[:1].isupper() and head > 0:
        # a sentence-initial capital says nothing, unless this is a name we know
        phrase = nominative_phrase(text[words[0].span.start:words[head].span.stop].split())
        named = phrase.lower() in known_full_names()
    if not named and any(i != head and any(qualifies(f.normalized, kind) for f in getattr(w, "forms", ()))
                         for i, w in enumerate(words)):
        # lowercase, yet one event: 'заседание правительства', 'чемпионат мира'; but
        # 'матчи чемпионата мира' are many: the event named is the one in the tail
        if _countable_plural(words[head]):
            inner = next((i for i in range(head + 1, len(words)) if _head(words[i:i + 1]) == 0), None)
            return event_from_tokens(tokens[inner:], text) if inner is not None else None
        named = True
    _, _, generic = kinds()
    if lemmas[head] in generic:
        named = False  # 'Ежегодное мероприятие' is still not a name
    if not named:
        if _plural_only(words[head]) or text[words[head].span.stop:].lstrip().startswith(":"):
            return None  # 'проведенных мероприятий', 'состоялись мероприятия:' name no one event
        # a reference back: the kind with its adjectives, not what follows, but its year
        # ('войны 1967 года' is a mention of the war named before)
        end = head + 1
        if len(tokens) >= head + 3 and _Year()(tokens[-2]) and lemmas[-1] == "год":
            end = len(tokens)
        return {"tokens": tokens[:end], "kind": kind, "name": "", "ordinal": None, "recurring": recurring}
    first = _name_start(words, lemmas, head)
    start, stop = words[first].span.start, words[-1].span.stop
    between = next((i for i in range(head + 1, len(words)) if words[i].value == "между"), None)
    if between is not None:  # 'матч между Топаловым и Крамником' -> 'матч Топалов — Крамник'
        stop = words[between].span.start
    name = nominative_phrase(text[start:stop].split(), head=_word_index(text, start, words[head]))
    if between is not None:
        sides = text[words[between + 1].span.start:words[-1].span.stop].split(" и ")
        name = f"{name} " + " — ".join(" ".join(nominative_word(w) for w in side.split()) for side in sides)
    if quote < len(tokens):
        name = f"{name} {text[tokens[quote].span.start:tokens[-1].span.stop]}"
    return {"tokens": tokens, "kind": kind, "name": name, "ordinal": ordinal, "recurring": recurring}


def _name_start(words: list, lemmas: list[str], head: int) -> int:
    """Where the name starts: after the ordinal ('III', '7-й', 'третий') and after lowercase
    words that describe a capitalised name ('ежегодный Национальный … конгресс')."""
    first = 0
    if roman(words[0].value):
        first = 1
    elif len(words) > 3 and words[0].type == "INT" and words[1].value == "-":
        first = 3
    if first < head and lemmas[first] in ORDINALS:
        first += 1
    while first < head and lemmas[first] in DEICTIC:
        first += 1  # 'Следующий матч-турнир …' names the match, not which one
    capital = next((i for i in range(first, head) if words[i].value[:1].isupper()), None)
    if capital is not None and all(w.value[:1].islower() for w in words[first:capital]):
        first = capital
    return first


def _lemma(token) -> str:
    forms = getattr(token, "forms", ())
    return forms[0].normalized if forms else token.value.lower()


def _head(words: list) -> int | None:
    """Index of the kind noun: the first word whose lemma is a kind, or None."""
    heads = head_words()
    for i, token in enumerate(words):
        if any(form.normalized in heads for form in getattr(token, "forms", ())):
            return i
    return None


def _plural_only(token) -> bool:
    forms = getattr(token, "forms", ())
    return bool(forms) and all("plur" in form.grams.values for form in forms)


def _countable_plural(token) -> bool:
    """'матчи', 'заседания': a plural of a kind that has a singular (not 'выборы')."""
    forms = [f for f in getattr(token, "forms", ()) if f.normalized in kinds()[0]]
    return bool(forms) and all("plur" in f.grams.values and "Pltm" not in f.grams.values for f in forms)


def _word_index(text: str, start: int, token) -> int:
    """Index of the whitespace-separated word of `text[start:]` that holds `token`."""
    return len(text[start:token.span.start].split())


def _short_event(tokens: list) -> dict | None:
    names = short_names()
    for i, token in enumerate(tokens):
        key = token.value.lower()
        if key not in names:
            key = next((f.normalized for f in getattr(token, "forms", ()) if f.normalized in names), None)
        if key is None:
            continue
        _, kind, full = names[key]
        date = None
        rest = tokens[i + 1:]
        if len(rest) >= 2 and rest[0].value == "-" and rest[1].type == "INT":
            year = int(rest[1].value) if len(rest[1].value) == 4 else None
            if year and 1900 < year < 2200:
                date = DateValue(year=year, precision="year", iso=str(year))
        return {"tokens": tokens, "kind": kind, "name": full, "ordinal": None,
                "recurring": False, "date": date}
    return None


def _triggers() -> Triggers:
    # a pattern, not words: razdel keeps 'ПМЭФ-2024' as one token
    shorts = "|".join(sorted(re.escape(key) for key in short_names()))
    return Triggers(lemmas=head_words(),
                    pattern=rf"(?i)\b(?:{shorts})" if shorts else None)


GRAMMARS = [Grammar(name="events.phrase", rule=event_rule(), interpret=interpret,
                    triggers=_triggers(), priority=10)]
