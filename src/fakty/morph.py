"""Morphology from pymorphy3, for yargy and for the library.

natasha's `MorphVocab` and yargy's default analyzer construct the old pymorphy (version 2), which fails on
Python 3.12+ (it needs `pkg_resources`). fakty never constructs one: yargy gets
`YargyMorph`, a yargy analyzer backed by the one shared pymorphy3 analyzer below.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache

_lock = threading.Lock()
_analyzer = None


def analyzer():
    """The shared pymorphy3 analyzer, built on first use (it takes about a second)."""
    global _analyzer
    if _analyzer is None:
        with _lock:
            if _analyzer is None:
                import pymorphy3

                _analyzer = pymorphy3.MorphAnalyzer()
    return _analyzer


@lru_cache(maxsize=100_000)
def parse(word: str):
    """pymorphy3 parses of a word, most probable first (cached); at least one, as pymorphy3
    promises."""
    try:
        return tuple(analyzer().parse(word))
    except ValueError:
        # pymorphy3 asks `unicodedata.name` of every letter, and a Tangut letter has none in
        # Python 3.11's tables: the unknown-word parse it gives an ideograph with a name
        low = word.lower()
        return tuple(p._replace(word=low, normal_form=low) for p in analyzer().parse("\u4e00" * len(word)))


def lemma(word: str) -> str:
    parses = parse(word)
    return parses[0].normal_form if parses else word.lower()


@lru_cache(maxsize=100_000)
def lemmas(word: str) -> frozenset[str]:
    return frozenset(p.normal_form for p in parse(word))


_yargy_morph = None


def yargy_morph():
    """A yargy `MorphAnalyzer` over pymorphy3, cached like yargy's own."""
    global _yargy_morph
    if _yargy_morph is None:
        from yargy.morph import MorphAnalyzer, prepare_form

        class YargyMorph(MorphAnalyzer):
            def __init__(self):
                super().__init__(raw=analyzer())

            @lru_cache(maxsize=100_000)
            def __call__(self, word):
                # pymorphy3 ignores case: share the library's cache of parses
                return [prepare_form(p) for p in parse(word.lower())]

        _yargy_morph = YargyMorph()
    return _yargy_morph


_INNER_CAPITAL = re.compile(r"[а-яёa-z][А-ЯЁA-Z]")


def match_case(word: str, like: str) -> str:
    """Give `word` the capitalisation of `like` (Москвы -> Москва, ОЭЗ stays ОЭЗ, МИДа -> МИД,
    АвтоВАЗа -> АвтоВАЗ)."""
    if _INNER_CAPITAL.search(like):  # a capital inside the word: letter by letter
        out = "".join(c if c.lower() == w else w for w, c in zip(word.lower(), like))
        return out + word[len(out):]
    if like.isupper() and len(like) > 1:
        return word.upper()
    caps = len(like) - len(like.lstrip("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    if caps >= 2 and "-" not in like:
        return word[:caps].upper() + word[caps:]  # an abbreviation with a case ending
    if "-" in like and "-" in word:
        # each part on its own: Комсомольск-на-Амуре, Торгово-промышленная
        parts, like_parts = word.split("-"), like.split("-")
        if len(parts) == len(like_parts):
            return "-".join(match_case(p, lp) if lp else p for p, lp in zip(parts, like_parts))
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


# pymorphy3's second cases as the case they stand for: "в аэропорту" is locative
BASE_CASE = {"loc2": "loct", "gen2": "gent", "acc2": "accs"}


def _inflect(p, grams: set[str]):
    """The form of parse `p` with these grammemes, or None (kept: pymorphy3 builds the
    word's whole paradigm for each call, and names come back document after document)."""
    return _inflect_kept(p, frozenset(grams))


@lru_cache(maxsize=50_000)
def _inflect_kept(p, grams: frozenset[str]):
    try:
        return p.inflect(grams)
    except (ValueError, KeyError):
        return None


def nominative_word(word: str, pos: tuple[str, ...] = ("NOUN",), case: str | None = None) -> str:
    """A single word in the nominative, keeping its number: 'министра' -> 'министр'."""
    for p in parse(word):
        if p.tag.POS in pos and (case is None or p.tag.case == case):
            grams = {"nomn"}
            if p.tag.number:
                grams.add(p.tag.number)
            form = _inflect(p, grams)
            if form:
                return match_case(form.word, word)
    return word


def _noun_parse(word: str, case: str | None):
    for p in parse(word):
        if p.tag.POS == "NOUN" and (case is None or p.tag.case == case):
            return p
    return None


def nominative_phrase(words: list[str], head: int | None = None, number: str | None = None) -> str:
    """Put a noun phrase into the nominative with agreement, tail left as written.

    'Департамента инвестиционной и промышленной политики' -> 'Департамент инвестиционной
    и промышленной политики'; 'III Международном форуме особых экономических зон' ->
    'III Международный форум особых экономических зон'. The head is the first noun unless
    given; words before it that agree with it (adjectives, participles, ordinals) follow it
    into the nominative; everything after the head stays as it is.

    `number` ("sing"), when given, is the number the head is put in (else it keeps its own),
    and the words before it follow in that number whatever number they were in: after a
    numeral they need not agree ('три индустриальных парка' -> 'индустриальный парк',
    'пять особых экономических зон' -> 'особая экономическая зона'). A noun without that
    number (pluralia tantum: 'суток') keeps its own.
    """
    if not words:
        return ""
    if head is None:
        # the first noun that cannot be a modifier ('Брукхейвенской национальной лаборатории':
        # the unknown first word may be guessed as either), else the first noun
        nouns = [i for i, w in enumerate(words) if _noun_parse(w, None)
                 and parse(w)[0].tag.POS not in ("CONJ", "PREP", "PRCL", "INTJ", "NPRO")]
        head = next((i for i in nouns if not _is_modifier(words[i])), nouns[0] if nouns else None)
        if head is None:
            return " ".join(words)
    if words[head].isupper() and len(words[head]) > 1:
        return " ".join(words)  # an abbreviation does not decline: 'ПАСЕ'
    if len(words) == 1 and number is None:
        both = _both_parts_nominative(words[0])
        if both:
            return both
    head_parse = _head_parse(words, head, loose=number is not None)
    if head_parse is None or (head_parse.tag.case == "nomn" and number in (None, head_parse.tag.number)):
        return " ".join(words)
    case = BASE_CASE.get(head_parse.tag.case, head_parse.tag.case)
    own = head_parse.tag.number or "sing"
    into = number or own
    gender = head_parse.tag.gender
    out = list(words)
    head_form = _inflect(head_parse, {"nomn", into})
    if head_form is None and into != own:
        into = own  # 'суток': no singular
        head_form = _inflect(head_parse, {"nomn", into})
    if head_form:
        out[head] = match_case(head_form.word, words[head])
    for i in range(head):
        # a modifier of a forced number is read in the head's case, in either number
        out[i] = _agree(words[i], case, "plur" if number else own, gender, into=into)
    return " ".join(out)


def _head_parse(words: list[str], head: int, loose: bool = False):
    """The head noun's parse, preferring a case its left modifiers share (in any number when
    `loose`: 'трёх индустриальных парков', 'три индустриальных парка')."""
    candidates = [p for p in parse(words[head]) if p.tag.POS == "NOUN"]
    if not candidates:
        return None
    for p in candidates:
        if all(_agreeing_parse(w, BASE_CASE.get(p.tag.case, p.tag.case), "plur" if loose else p.tag.number)
               for w in words[:head] if _is_modifier(w)):
            return p
    return candidates[0]


def _both_parts_nominative(word: str) -> str | None:
    """A place name of a noun and an adjective joined by a hyphen, both in one case, put into
    the nominative part by part: 'Ленинске-Кузнецком' -> 'Ленинск-Кузнецкий' (pymorphy3 reads
    the whole as one noun, 'Ленинске-Кузнецк'); None for any other word."""
    first, hyphen, last = word.partition("-")
    if not hyphen or "-" in last or not (first[:1].isupper() and last[:1].isupper()):
        return None
    for p in parse(first):
        adjective = _agreeing_parse(last, p.tag.case, p.tag.number) if p.tag.POS == "NOUN" and "Geox" in p.tag else None
        if adjective is not None:
            noun = _inflect(p, {"nomn", p.tag.number or "sing"})
            grams = {"nomn", p.tag.number or "sing"} | ({p.tag.gender} if p.tag.gender and p.tag.number != "plur" else set())
            form = _inflect(adjective, grams)
            if noun and form:
                return match_case(noun.word, first) + "-" + match_case(form.word, last)
    return None


def _is_modifier(word: str) -> bool:
    return any(p.tag.POS in ("ADJF", "PRTF", "NUMR") or "Apro" in p.tag for p in parse(word))


def _agrees_in(p, case: str, number: str | None) -> bool:
    """Is this parse an adjective or participle in `case` that can go with `number`?"""
    return p.tag.POS in ("ADJF", "PRTF") and p.tag.case == case and (
        number is None or p.tag.number in (None, number) or number == "plur")


def _agreeing_parse(word: str, case: str, number: str | None):
    return next((p for p in parse(word) if _agrees_in(p, case, number)), None)


def _agree(word: str, case: str, number: str, gender: str | None, into: str | None = None) -> str:
    """A modifier in `case` and `number` put into the nominative (of number `into`, if
    given, else its own) and the head's gender."""
    if "-" in word and not word.isupper():
        # 'Торгово-промышленной': only the last part declines
        first, _, last = word.rpartition("-")
        return first + "-" + _agree(last, case, number, gender, into)
    into = into or number
    grams = {"nomn", into}
    if into == "sing" and gender:
        grams.add(gender)
    fallback = None
    for p in parse(word):
        if not _agrees_in(p, case, number):
            continue
        form = _inflect(p, grams)
        if form is None:
            continue
        # keep the word's own stem: 'высшего' -> 'высший', not another form of 'высокий'
        low = word.lower()
        if form.word[:-2] != low[:len(form.word) - 2]:
            forms = [f for f in p.lexeme if grams <= set(f.tag.grammemes)]
            form = max(forms, key=lambda f: (_common_prefix(f.word, low), f is form), default=form)
        if form.word[:3] == low[:3]:
            return match_case(form.word, word)
        fallback = fallback or form
    return match_case(fallback.word, word) if fallback else word


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def nominative_name(words: list[str], cases: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Person name parts into the nominative: ['Олегом', 'Кочетковым'] -> ['Олег', 'Кочетков'].

    The case and gender are taken from the first word that pymorphy3 knows as a first name
    (or surname), so that 'Бочарниковой' becomes 'Бочарникова' next to 'Ирины'. `cases`,
    when given, are the cases the name can be in (from a title it agrees with): 'президента
    Кадырова' is the genitive of Кадыров, not the nominative Кадырова.
    """
    case, gender = None, None
    for w in words:
        named = [p for p in parse(w) if {"Name", "Surn"} & p.tag.grammemes]
        for p in [p for p in named if p.tag.case in cases] or named:
            case, gender = p.tag.case, p.tag.gender
            break
        if case:
            break
    out = []
    for w in words:
        if len(w.rstrip(".")) <= 1 or w.isupper():
            out.append(w)  # initials and abbreviations stay
            continue
        form = None
        for p in parse(w):
            tags = p.tag.grammemes
            if not ({"Name", "Surn", "Patr"} & tags):
                continue
            if case and p.tag.case != case:
                continue
            if gender and p.tag.gender and p.tag.gender != gender and "Ms-f" not in tags:
                continue
            grams = {"nomn", "sing"}
            form = _inflect(p, grams)
            if form:
                break
        out.append(match_case(form.word, w) if form else w)
    return out
