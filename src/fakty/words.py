"""What the grammar and the resolve stages both know about words, from the lexicons.

The stages run in one direction: grammars find mentions, resolvers group and link them.
Neither imports the other; what both need to know about a word (the kind an organization's
head word names, whether a word refers back to an organization named before, a person's
name in the nominative, the kind of an event word …) lives here, computed from the
Extractor's `fakty.lexicons.Lexicons` (pass `ctx.lexicons` or `context.lexicons`) and
`fakty.morph`. Keep it to such helpers: rules stay in `grammars/`, decisions about a
document in `fakty.resolve`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .lexicons import Lexicons, fold, lexicons_of
from .morph import BASE_CASE, _inflect, lemmas, match_case, nominative_name, parse
from .tokens import split

# --- organizations -----------------------------------------------------------------------
# org_kinds.txt (head words of bodies and their flags), org_names.txt (names known without
# quotes), not_orgs.txt (words of events and documents), thing_kinds.txt (words for things).

OPEN, CLOSE = "\u00ab", "\u00bb"
QUOTES = OPEN + CLOSE + '"'


def org_kinds(lexicons=None) -> dict[str, tuple[str, frozenset[str]]]:
    """org_kinds.txt: entry (a lowercase lemma, or an abbreviation as written) -> (the kind
    it reports, its flags: name alone generic legal po pp part state)."""
    return lexicons_of(lexicons).derive(_org_kinds)


def _org_kinds(lexicons) -> dict[str, tuple[str, frozenset[str]]]:
    out = {}
    for row in lexicons.rows("org_kinds"):
        kind = row[1] if len(row) > 1 and row[1] else row[0]
        out[row[0]] = (kind, frozenset(row[2].split()) if len(row) > 2 else frozenset())
    return out


def kind_of(word: str, lexicons=None) -> tuple[str, frozenset[str]] | None:
    """Kind and flags of a head word ('Министерства' -> министерство, 'ОЭЗ' -> ОЭЗ,
    'пресс-службы' -> служба), or None."""
    cache = lexicons_of(lexicons).derive(_kind_cache)
    if word not in cache:
        if len(cache) > 100_000:
            cache.clear()
        cache[word] = _kind_of(word, org_kinds(lexicons))
    return cache[word]


def _kind_cache(lexicons) -> dict:
    return {}


def _kind_of(word: str, known: dict) -> tuple[str, frozenset[str]] | None:
    if word in known:
        return known[word]
    if "-" in word.strip("-"):
        return _kind_of(word.rsplit("-", 1)[1], known)  # "пресс-службы"
    for p in parse(word.lower()):
        if p.tag.POS == "NOUN" and p.normal_form in known:
            return known[p.normal_form]
    return None


def not_org_lemmas(lexicons=None) -> frozenset[str]:
    """not_orgs.txt: lemmas of events, documents and products (a name with one is no body)."""
    return frozenset(lexicons_of(lexicons).entries("not_orgs"))


def known_name_rows(lexicons=None) -> dict[tuple[str, ...], tuple[str | None, str]]:
    """org_names.txt: the words of a name (abbreviations as written, other words lowercase;
    a hyphen is a word, as tokens have it: "аль - кайда") -> (kind, the name as written)."""
    return lexicons_of(lexicons).derive(_known_name_rows)


def _known_name_rows(lexicons) -> dict[tuple[str, ...], tuple[str | None, str]]:
    out: dict[tuple[str, ...], tuple[str | None, str]] = {}
    for row in lexicons.rows("org_names"):
        words = tuple(w if w.isupper() else w.lower() for w in split(row[0]))
        if words not in out or not row[0].islower():
            out[words] = (row[1] if len(row) > 1 else None, row[0])
    return out


def known_names(lexicons=None) -> dict[tuple[str, ...], str | None]:
    """The words of each name of org_names.txt -> its kind."""
    return {words: kind for words, (kind, _) in known_name_rows(lexicons).items()}


def inside_quotes(text: str, start: int) -> bool:
    """Is text[start] inside an open quotation?"""
    before = text[:start]
    return before.count(OPEN) > before.count(CLOSE) or before.count('"') % 2 == 1


def is_anaphor(org, lexicons=None) -> bool:
    """A bare kind word ("Ассоциация", "Центра", "ОЭЗ"): resolve joins it to the one
    organization it can stand for, or drops it; a known name of another kind is a name
    ("Дума": парламент)."""
    found = kind_of(org.name, lexicons) if " " not in org.name else None
    return bool(org.kind) and org.name.lower() == org.kind.lower() or (
        found is not None and "alone" not in found[1] and org.kind in (None, found[0]))


def thing_lemmas(lexicons=None) -> frozenset[str]:
    """thing_kinds.txt: lemmas of words for things that are no bodies (шаттл, препарат)."""
    return lexicons_of(lexicons).words("thing_kinds")


def is_thing_word(word: str, lexicons=None) -> bool:
    things = thing_lemmas(lexicons)
    return any(p.tag.POS == "NOUN" and fold(p.normal_form) in things for p in parse(word.lower()))


def names_a_thing(text: str, start: int, lexicons=None) -> bool:
    """Whether the name at text[start] follows a word for a thing that is no body:
    "Шаттл «Дискавери»", "шаттлы «Индевор» и «Атлантис»", "робот Curiosity"."""
    first = re.match(r"[«\"]?([\w-]+)", text[start:start + 80])
    if first and first.group(1)[:1].isupper():
        cases = {p.tag.case for p in parse(first.group(1)) if p.tag.case}
        if cases and "nomn" not in cases:
            return False  # a possessor, not the thing's own name: "самолёт «Аэрофлота»"
    word = word_before_names(text, start)
    return word is not None and is_thing_word(word, lexicons)


_THING_NAME = r"«([^«»\n]{2,60})»|\"([^\"\n]{2,60})\"|(?<![\w-])([A-Z][\w-]*[\w](?: [A-Z0-9][\w-]*)*)"


def thing_names(text: str, lexicons=None) -> set[str]:
    """Lower-cased names the text gives to things after a thing word: {"дискавери"}."""
    return {(m.group(1) or m.group(2) or m.group(3)).lower()
            for m in re.finditer(_THING_NAME, text) if names_a_thing(text, m.start(), lexicons)}




# --- persons -----------------------------------------------------------------------------

INITIAL = re.compile(r"[А-ЯЁA-Z]\.$")  # a word that is an initial: 'В.'


@lru_cache(maxsize=50_000)
def name_parses(word: str) -> tuple:
    """pymorphy3 parses of a word as a name part; first names and patronymics it only
    guesses from an ending ('Маэхара' as a case of 'Маэхар') are left out: foreign names
    stay as written."""
    # one person's name is singular: 'Лёв' is not the plural of 'Лёва', nor 'Киран' of 'Кирана'
    return tuple(p for p in parse(word) if p.tag.number != "plur" and p.tag.case != "voct" and (
        "Surn" in p.tag.grammemes or ({"Name", "Patr"} & p.tag.grammemes and p.is_known)))



def name_gender(words: list[str]) -> str | None:
    """masc or femn, from a first name pymorphy3 knows ('Сергей' -> masc); a first name of
    either gender ('Алина': Алина, or the genitive of Алин) is read with the words beside it
    and in the nominative first (`name_reading`)."""
    for w in words:
        genders = {p.tag.gender for p in name_parses(w) if "Name" in p.tag.grammemes and p.score > 0.2}
        if len(genders) > 1:
            return name_reading(words)[1]
        for p in name_parses(w):
            if "Name" in p.tag.grammemes and p.score > 0.2:
                return p.tag.gender if p.tag.gender in ("masc", "femn") else None
    return None


def _readings(word: str) -> list[tuple[str, Optional[str], float]]:
    """(case, gender, score) the word can have as a part of one person's name: its name
    parses, or an adjective's for a surname like 'Заборская', 'Толстой'."""
    out = [(BASE_CASE.get(p.tag.case, p.tag.case), p.tag.gender, p.score) for p in name_parses(word) if p.tag.case]
    if not out and word[:1].isupper():
        out = [(BASE_CASE.get(p.tag.case, p.tag.case), p.tag.gender, p.score) for p in parse(word)
               if p.tag.POS == "ADJF" and p.tag.number == "sing" and p.tag.case and "Apro" not in p.tag]
    return out


def name_reading(words: list[str], cases=frozenset(), gender: Optional[str] = None) -> tuple[frozenset, Optional[str]]:
    """(cases, gender) of a name, read from all its words at once: the reading most words
    allow, then the one of `gender` (a title or a verb beside the name says it: 'выступила'),
    then the nominative (a name in the nominative stays as written: 'Алина Петрова', not
    Алин Петров), then pymorphy3's scores. `cases`: the cases a title before it allows."""
    options: dict[tuple[str, Optional[str]], list[float]] = {}
    first: dict[tuple[str, Optional[str]], float] = {}  # the first name's score of a reading
    for w in words:
        named = [p for p in name_parses(w) if "Name" in p.tag.grammemes and p.tag.case]
        if named:
            for p in named:
                for g in ([p.tag.gender] if p.tag.gender in ("masc", "femn") else ["masc", "femn"]):
                    key = (BASE_CASE.get(p.tag.case, p.tag.case), g)
                    first[key] = max(first.get(key, 0.0), p.score)
            break
    known = [w for w in words if not INITIAL.match(w) and _readings(w)]
    for w in known:
        seen = set()
        for case, g, score in _readings(w):
            if cases and case not in cases:
                continue
            for key in ([(case, g)] if g in ("masc", "femn") else [(case, "masc"), (case, "femn")]):
                if key not in seen:
                    seen.add(key)
                    options.setdefault(key, []).append(score)
    if not options:
        return frozenset(), None
    if len(words) == 1:  # a lone surname: its likeliest parse ('Ельцина' alone: Ельцин)
        for w in known:
            for case, g, _ in _readings(w):
                if (not cases or case in cases) and (gender is None or g in (gender, None)):
                    return frozenset({case}), g

    def rank(key):  # then the likelier reading of the first name ('Петра': Пётр, 'Алина': Алина);
        # a tie of a rare man's name and a common woman's ('Алину': Алин or Алина) goes to her
        return len(options[key]), key[1] == gender, round(first.get(key, 0.0), 2), key[0] == "nomn", key[1] == "femn"

    best = max(options, key=lambda k: rank(k) + (sum(options[k]),))
    if best[0] == "nomn":
        return frozenset({"nomn"}), best[1]
    return frozenset(k[0] for k in options if rank(k) == rank(best) and k[0] != "nomn"), best[1]


def name_cases(words: list[str]) -> set[str]:
    """Cases the name can be in, from its first word pymorphy3 knows as a name part."""
    for w in words:
        if INITIAL.match(w):
            continue
        cases = {p.tag.case for p in name_parses(w)}
        if cases and len(cases) < 6:
            return {BASE_CASE.get(c, c) for c in cases}
    return set()


def _word_cases(word: str, guess: bool = False) -> set[str]:
    """The cases of one word of a name: its name parses'; with `guess`, for a word pymorphy3
    knows no name part in ('Садика' of 'Садика Хана'), the cases it has as a singular noun."""
    cases = {BASE_CASE.get(p.tag.case, p.tag.case) for p in name_parses(word)}
    if not cases and guess and word[:1].isupper():
        cases = {BASE_CASE.get(p.tag.case, p.tag.case) for p in parse(word.lower())
                 if p.tag.POS == "NOUN" and p.tag.number == "sing" and p.tag.case}
    return cases


def name_cases_any(words: list[str], guess: bool = False) -> set[str]:
    """The cases of a name whose words pymorphy3 knows as name parts share no case: any of
    theirs (a foreign name read in part: 'Эда Гонсалеса', Эда a woman's name in the
    nominative, Гонсалеса the genitive of Гонсалес; with `guess`, words pymorphy3 knows no
    name part in count by their noun cases: 'Садика Хана', Садика a noun's genitive, Хана a
    woman's name); when they share one, `name_cases`
    ('Владимира Путина' is no nominative for Путина being a woman's surname too)."""
    sets = [s for s in (_word_cases(w, guess) for w in words if not INITIAL.match(w)) if s]
    if sets and not set.intersection(*sets):
        return set().union(*sets)
    return name_cases(words)


def _fix_yo(nominative: list[str], written: list[str]) -> list[str]:
    """pymorphy3 writes ё where the text had е ('Демешина' -> 'Демёшин'): keep the text's letters."""
    out = []
    for n, w in zip(nominative, written):
        if "ё" not in w.lower():
            n = n.replace("ё", "е").replace("Ё", "Е")
        if "’" in w:
            n = n.replace("'", "’")
        out.append(n)
    return out



def _join_particles(words: list[str], particles: frozenset[str]) -> list[str]:
    out = []
    for word in words:
        if out and out[-1].lower().split()[-1] in particles:
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    return out



def surname_first(words: list[str]) -> bool:
    """East Asian names of three one-syllable words put the surname first: 'Ким Чен Ир',
    'Пан Ги Мун'."""
    return len(words) == 3 and all(2 <= len(w) <= 3 and w[0].isupper() and w[1:].islower() for w in words)



def name_parts(words: list[str], lexicons: Optional[Lexicons] = None) -> dict:
    """first / middle / last from words already in the nominative (surname particles, "Ле Пен",
    from the lexicons' surname_particles)."""
    parts = {"first": None, "middle": None, "last": None}
    if surname_first(words):
        return {"first": " ".join(words[1:]), "middle": None, "last": words[0]}
    rest = []
    words = _join_particles(words, lexicons_of(lexicons).words("surname_particles"))
    # pymorphy3 knows none of the words: only guesses ('Ннека' as a surname), so the order
    # news write names in decides ('Ннека Угбома': first name first)
    guessed_only = len(words) > 1 and not any(
        p.is_known for w in words if not INITIAL.match(w) for p in name_parses(w))
    for word in words:
        parses = [p for p in name_parses(word) if p.score > 0.05 and not guessed_only]
        grams = set().union(*(p.tag.grammemes for p in parses)) if parses else set()
        if len(words) == 1 and "Surn" in grams:
            parts["last"] = word  # a lone 'Петров' is a surname, not the plural of Пётр
        elif INITIAL.match(word) or len(word) == 1:
            key = "first" if parts["first"] is None else "middle"
            parts[key] = parts[key] or word
        elif "Patr" in grams and parts["middle"] is None and parts["first"] is not None:
            parts["middle"] = word
        elif "Name" in grams and parts["first"] is None:
            parts["first"] = word
        elif "Surn" in grams and parts["last"] is None:
            parts["last"] = word
        else:
            rest.append(word)
    if len(rest) >= 2 and parts["first"] is None and parts["last"] is None:
        # names pymorphy3 does not know ('Синдзи Харада'): first name first, as news write them
        parts["first"], parts["last"] = rest[0], rest[-1]
        if len(rest[0]) <= 2 < len(rest[-1]):  # 'Ху Цзиньтао': a short one-syllable surname first
            parts["first"], parts["last"] = rest[-1], rest[0]
        rest = rest[1:-1]
    for word in rest:  # an unknown word is the surname if that is still open
        if parts["last"] is None:
            parts["last"] = word
        elif parts["first"] is None:
            parts["first"] = word
    left = [w for w in rest if w not in (parts["first"], parts["last"])]
    if left and parts["middle"] is None and words[0] == parts["first"] and parts["last"] in words:
        # no word of a name is dropped ('Мануэль Мехуто Гонсалес', 'Реджеп Тайип Эрдоган',
        # 'Хосе Луис Родригес Сапатеро'): the last word written is the surname, the words
        # between the first name and it the middle
        tail = words[1:]
        parts["middle"], parts["last"] = " ".join(tail[:-1]), tail[-1]
    return parts



def nominative_words(words: list[str], title_cases: frozenset[str] = frozenset(),
                     gender: Optional[str] = None) -> list[str]:
    """Name words in the nominative, read together (`name_reading`): 'Алину Петрову' ->
    Алина Петрова when a verb or title says she ('выступила', `gender`), 'Ирины Заборской' ->
    Ирина Заборская; a name in the nominative stays as written. Foreign names pymorphy3 only
    guesses follow the case of the name beside them ('Томаса Райтера'), or when it knows none
    of them, the case of the title before them ('министра … Сейджи Маехары' -> Сейджи Маехара)."""
    cases = name_cases(words)
    if cases & title_cases:
        cases &= title_cases  # 'президента Ахмат-Хаджи Кадырова': not the woman Кадырова
    elif not cases and title_cases:
        cases = set(title_cases)
    read_cases, read_gender = name_reading(words, cases, gender)
    if read_cases:
        cases, gender = set(read_cases), read_gender
        out = [_nominative_part(w, read_cases, read_gender) for w in words]
    else:
        # words pymorphy3 does not know as name parts stay as written
        out = [n if name_parses(w) else w for n, w in zip(nominative_name(words, cases), words)]
    out = _fix_yo(out, words)
    if not cases or "nomn" in cases or (len(words) < 2 and not title_cases):
        return out
    gender = gender or name_gender(words)
    fixed = []
    for word, nominative in zip(words, out):
        if nominative == word and not INITIAL.match(word) and not word.isupper() and word[:1].isupper() \
                and not _readings(word):
            nominative = _guessed_nominative(word, cases, gender)
        fixed.append(nominative)
    return _fix_yo(fixed, words)


def _nominative_part(word: str, cases: frozenset, gender: Optional[str]) -> str:
    """One word of a name read in one of `cases` and `gender`, in the nominative (as written
    when it is not a name part, or already nominative)."""
    if "nomn" in cases or INITIAL.match(word) or len(word) <= 1 or word.isupper():
        return word
    parses = [p for p in name_parses(word) if BASE_CASE.get(p.tag.case, p.tag.case) in cases]
    adjective = not name_parses(word)
    if adjective:  # a surname declined as an adjective: 'Заборской' -> Заборская
        parses = [p for p in parse(word) if p.tag.POS == "ADJF" and p.tag.number == "sing"
                  and BASE_CASE.get(p.tag.case, p.tag.case) in cases]
    parses.sort(key=lambda p: (-p.score, -len(p.normal_form)))  # 'Игоре': Игорь before Игор
    for p in parses:
        if gender and p.tag.gender and p.tag.gender != gender and "Ms-f" not in p.tag:
            continue
        if "Fixd" in p.tag and "Name" in p.tag.grammemes and gender != "masc":
            declined = _declined_name(word, cases)  # 'Карине' read as Карина, not the fixed Карине
            if declined:
                return declined
        form = _inflect(p, {"nomn", "sing"} | ({gender} if adjective and gender else set()))
        if form:
            return match_case(form.word, word)
    return word


def _declined_name(word: str, cases: frozenset) -> Optional[str]:
    """A feminine first name in -а/-я with `word` as one of its `cases` ('Карине' -> Карина)."""
    for ending in "ая":  # the endings of a feminine first name: morphology, not a word list
        candidate = word[:-1] + ending
        for p in parse(candidate.lower()):
            if "Name" in p.tag.grammemes and p.tag.gender == "femn" and p.tag.case == "nomn" and p.is_known \
                    and "Fixd" not in p.tag:
                for case in cases:
                    form = _inflect(p, {case, "sing"})
                    if form and form.word == word.lower():
                        return match_case(candidate.lower(), word)
    return None


def _guessed_nominative(word: str, cases: set[str], gender: str | None) -> str:
    """A name word pymorphy3 does not know, from an oblique case into the nominative:
    'Райтера' -> 'Райтер', 'Маехары' -> 'Маехара', 'Монтойе' -> 'Монтойя'. A man's name
    takes the consonant form when there is one ('Кердпола' -> 'Кердпол', not 'Кердпола');
    a woman's only an -а/-я one (a foreign 'Клинтон' does not decline)."""
    if "-" in word:
        head, _, tail = word.rpartition("-")  # 'Аль-Хаджа': only the last part declines
        return head + "-" + _guessed_nominative(tail.capitalize(), cases, gender).lower() \
            if tail[:1].islower() else head + "-" + _guessed_nominative(tail, cases, gender)
    forms = []
    for p in parse(word):
        if p.tag.POS != "NOUN" or p.tag.case not in cases or p.tag.number == "plur":
            continue
        form = p.inflect({"nomn", "sing"})
        if form and form.word[:2] == word[:2].lower():
            forms.append(form.word)
    if gender == "femn":
        forms = [f for f in forms if f[-1] in "ая"]
    else:
        # the masculine form first: 'Кердпола' is the genitive of Кердпол
        forms.sort(key=lambda f: f[-1] in "аяео")
    return word[0] + forms[0][1:] if forms else word


def person_name(words: list[str], title_cases: frozenset[str] = frozenset(),
                lexicons: Optional[Lexicons] = None, gender: Optional[str] = None) -> dict:
    """The fields of a Person from the words of a name as written: first, middle, last and
    name, in the nominative ('Олегом Кочетковым' -> Олег Кочетков). `title_cases`: the cases
    of a title right before the name, which it agrees with; `gender`: what a verb or a title
    beside the name says ('выступила', 'чемпионка')."""
    nominative = nominative_words(words, title_cases, gender)
    parts = name_parts(nominative, lexicons)
    name = " ".join(p for p in (parts["first"], parts["middle"], parts["last"]) if p)
    if parts["last"] and nominative[0] == parts["last"] and parts["first"] and (
            surname_first(nominative) or len(nominative) == 2 and len(nominative[0]) <= 2):
        name = " ".join(nominative)  # 'Ху Цзиньтао', 'Ким Чен Ир' as written, surname first
    return dict(parts, name=name or " ".join(nominative))


def is_national_title(title: str, lexicons: Optional[Lexicons] = None) -> bool:
    """Is the title a national office (national_titles.txt: "президент", "министр …" for any
    title starting so)?"""
    title = title.lower()
    return any(title == entry or (entry.endswith(" …") and title.startswith(entry[:-1]))
               for entry in lexicons_of(lexicons).entries("national_titles"))


# --- events ------------------------------------------------------------------------------

def event_kind_flags(lexicons) -> dict[str, frozenset[str]]:
    """Event kind as `event_kinds.txt` writes it ("круглый стол") -> its flags (generic, body,
    container, part, competition, meeting: the file's header says what each means)."""
    return lexicons.derive(_event_kind_flags)


def _event_kind_flags(lexicons) -> dict[str, frozenset[str]]:
    return {row[0]: frozenset(" ".join(row[1:]).split()) for row in lexicons.rows("event_kinds")}


def event_kinds_with(flag: str, lexicons) -> frozenset[str]:
    """The event kinds that have a flag ("generic": мероприятие)."""
    return lexicons.derive(_event_kinds_by_flag).get(flag, frozenset())


def _event_kinds_by_flag(lexicons) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for kind, flags in event_kind_flags(lexicons).items():
        for flag in flags:
            out.setdefault(flag, set()).add(kind)
    return {flag: frozenset(kinds) for flag, kinds in out.items()}



# --- dates, figures and places -----------------------------------------------------------

def inside_title(tokens, index: int) -> bool:
    """Is tokens[index] inside the quoted title of a document, programme or rating: «О …»,
    or «…» after a title word (title_kinds.txt: "Указ Президента РФ «…»", "программа «…»")
    or a number ("№ 204 «…»")? A date or a number there belongs to the name."""
    opening = next((k for k in range(index - 1, -1, -1) if tokens[k].value in ("«", "»")), None)
    if opening is None or tokens[opening].value == "»":
        return False
    after = tokens[opening + 1] if opening + 1 < len(tokens) else None
    if after is not None and after.value[:1].isupper() and "о" in after.lemmas and after.type == "RU" \
            and opening + 2 < len(tokens) and not tokens[opening + 2].glued:
        return True  # «О национальных целях …», «Об утверждении …»
    k = opening - 1
    while k >= 0 and (tokens[k].value[:1].isupper() or tokens[k].value == "." and k and tokens[k].glued):
        if tokens[k].in_lexicon("title_kinds"):
            return True  # "Указ Президента РФ «…»"
        k -= 1
    if k >= 0 and tokens[k].in_lexicon("title_kinds"):
        return True  # "программа «…»"
    return _after_numero(tokens, opening)


def _after_numero(tokens, opening: int) -> bool:
    """"№ 204 «…»", "№204-ФЗ «…»": a number sign, then one run of glued characters."""
    k = opening - 1
    while k >= 0 and tokens[k].value != "№" and (k == opening - 1 or tokens[k + 1].glued) \
            and all(c.isalnum() or c in "./-" for c in tokens[k].value):
        k -= 1
    return k >= 0 and tokens[k].value == "№" and k < opening - 1


def fact_tokens(match) -> dict[str, list]:
    """The tokens each attribute of a yargy match's fact matched: {attribute: [tokens]}, and
    for a repeatable attribute {attribute: [[tokens], ...]} (how an interpretation reads the
    numbers and lexicon rows behind a fact, which yargy hands over as strings)."""
    raw = match.tree.interpret().fact
    out = {}
    for name, value in raw.attributes.items():
        if name in raw.repeatable:
            if value:
                out[name] = [_tokens(item) for item in value]
        elif name in raw.modified:
            out[name] = _tokens(value)
    return out


def _tokens(value) -> list:
    while not hasattr(value, "tokens"):  # a normalized or nested value: what it was made of
        value = value.input if hasattr(value, "input") else value.value
    return list(value.tokens)


def list_gap(tokens) -> bool:
    """Do these tokens join two items of a list said in one breath: nothing, a comma, a
    joiner (joiners.txt: "и", "или", "а также") or a comma and a joiner?"""
    i = 1 if tokens and tokens[0].value == "," else 0
    if i < len(tokens):
        i += next((n for position, n in tokens[i].lexicons.get("joiners", ()) if position == 0), 0)
    return i == len(tokens)


def currency_words(lexicons) -> tuple[frozenset[str], frozenset[str]]:
    """(adjective lemmas, noun lemmas) of currencies: the adjectives of currency_adjectives.tsv
    ("кипрский") and the nouns there and in currencies.tsv ("фунт", "рубль")."""
    return lexicons.derive(_currency_words)


def _currency_words(lexicons) -> tuple[frozenset[str], frozenset[str]]:
    pairs = [fold(row[0]).split() for row in lexicons.rows("currency_adjectives")]
    nouns = {fold(row[0]).rstrip(".") for row in lexicons.rows("currencies") if row[0].rstrip(".").isalpha()}
    return frozenset(p[0] for p in pairs if len(p) == 2), frozenset(nouns | {p[-1] for p in pairs})


# places: what organizations ask too (a place's name, a site's quoted name, a sentence start)

def known_places(lexicons=None) -> dict[str, tuple[str, str | None]]:
    """lowercase nominative name -> (canonical name, kind), from places.tsv."""
    return lexicons_of(lexicons).derive(_known_places)


def _known_places(lexicons) -> dict[str, tuple[str, str | None]]:
    return {row[0].lower(): (row[1] if len(row) > 1 and row[1] else row[0],
                             row[2] if len(row) > 2 and row[2] else None)
            for row in lexicons.rows("places")}


def known_place_of_words(words: list[str], lexicons=None) -> tuple[str, str | None] | None:
    """(canonical name, kind) of the known place of several words written in any case: each
    word shares a lemma with the entry's word ("Соединенных Штатах": ё written as е, which
    pymorphy3 reads as the participle соединившие in the nominative)."""
    if len(words) < 2:
        return None
    found = [lemmas(w.lower()) for w in words]
    return next((value for entry, value in lexicons_of(lexicons).derive(_known_place_lemmas)
                 if len(entry) == len(found) and all(a & b for a, b in zip(entry, found))), None)


def _known_place_lemmas(lexicons) -> list[tuple[tuple[frozenset[str], ...], tuple[str, str | None]]]:
    return [(tuple(lemmas(w) for w in name.split()), value)
            for name, value in _known_places(lexicons).items() if " " in name]


def place_kinds(lexicons=None) -> dict[str, str]:
    """noun lemma -> kind, from place_kinds.txt."""
    return lexicons_of(lexicons).derive(_place_kinds)


def _place_kinds(lexicons) -> dict[str, str]:
    return {row[0]: (row[1] if len(row) > 1 else row[0]) for row in lexicons.rows("place_kinds")}


def named_kinds(lexicons=None) -> frozenset[str]:
    """Lemmas of facilities and natural places (flag `named` in place_kinds.txt): common
    nouns that make a place only with a name ("мыс Канаверал", "здание Капитолия")."""
    return lexicons_of(lexicons).derive(_named_kinds)


def _named_kinds(lexicons) -> frozenset[str]:
    return frozenset(row[0] for row in lexicons.rows("place_kinds") if len(row) > 2 and "named" in row[2].split())


def _site_kinds(lexicons) -> frozenset[str]:
    return frozenset(row[1] for row in lexicons.rows("place_kinds") if len(row) > 2 and "site" in row[2].split())


def place_kind_of(word: str, lexicons=None) -> str | None:
    """The kind a noun names ("крае" -> край), from place_kinds.txt."""
    kinds = place_kinds(lexicons)
    for p in parse(word.lower()):
        if p.tag.POS == "NOUN" and p.normal_form in kinds:
            return kinds[p.normal_form]
    return None


_BEFORE_NAME = re.compile(r"(?:\s+|,|\bи\b|«[^«»\n]{1,60}»|\"[^\"\n]{1,60}\"|[«\"])$")


def word_before_names(text: str, start: int) -> str | None:
    """The word before the name at text[start], past other quoted names, commas and "и":
    "площадках" for «Печатники» in "на площадках «Алабушево» и «Печатники»"."""
    # twelve steps back over names of 60 characters at most: a bounded window keeps this
    # from rescanning the whole page for every name on it
    before = text[max(0, start - 2000):start]
    for _ in range(12):
        m = _at_end(_BEFORE_NAME, before)
        if not m or not m.group():
            break
        before = before[: m.start()]
    m = _at_end(_LAST_WORD, before)
    return m.group(1) if m else None


_LAST_WORD = re.compile(r"([\w-]+)$")


def _at_end(pattern: re.Pattern, text: str, window: int = 100) -> Optional[re.Match]:
    """pattern.search(text) for a pattern that matches at the end only ($), trying the last
    `window` characters first: a search tries every start from the left (66 µs on 2,000
    characters). A match that starts at the window's edge may start further left (a run of
    spaces or letters), so then the whole text is searched; one that starts inside the window
    is the leftmost, as every alternative but such a run is shorter than the window."""
    first = max(0, len(text) - window)
    m = pattern.search(text, first)
    if first and m is not None and m.start() == first:
        return pattern.search(text)
    return m


def is_site(text: str, start: int, stop: int, lexicons=None) -> bool:
    """Whether text[start:stop] is a name after a site word (flag `site` in place_kinds.txt):
    "на площадках «Алабушево» и «Печатники»"."""
    word = word_before_names(text, start)
    return word is not None and place_kind_of(word, lexicons) in lexicons_of(lexicons).derive(_site_kinds)


def at_sentence_start(text: str, start: int) -> bool:
    return not text[:start].strip(" -–—«\"")


def windows(tokens: list, anchor, before: int, after: int) -> list[list]:
    """Runs of tokens around the anchors (tokens for which `anchor(token)` holds), `before`
    tokens before each and `after` after it, overlapping runs merged: where a rule whose
    matches hold an anchor and reach no further than that can match. Parsing these instead
    of the whole sentence finds the same matches for a fraction of the chart."""
    spans: list[list[int]] = []
    for i, token in enumerate(tokens):
        if anchor(token):
            start, stop = max(0, i - before), i + after + 1
            if spans and start <= spans[-1][1]:
                spans[-1][1] = stop
            else:
                spans.append([start, stop])
    return [tokens[start:stop] for start, stop in spans]
