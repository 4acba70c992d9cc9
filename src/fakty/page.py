"""Page analysis (part of the clean stage): title, publication date and boilerplate regions.

Scraped news pages carry a head (section name, date, headline) and site furniture (photo
credits, "Читайте также" link lists, cookie banners, aggregator slogans, lists of unrelated
headlines at the end). This module looks at the page line by line, on the cleaned text:

- a line is *prose* when it reads like article text: it ends with sentence punctuation and
  has a few words, or it is long;
- a line has a *cue* when it matches the lexicon `grammars/boilerplate.tsv` (link-list
  headers, navigation and credit lines, banner phrases), starts with a site's domain name
  ("Example.ru - ..."), or talks to the reader with a capitalised "Вы"/"Вам"/"Ваш…";
- boilerplate = head lines before the headline that are not prose or the date (breadcrumbs),
  lines with a cue, link lists (a list header and the short lines after it), and the run of
  short lines and cued lines at the end of the page after the last article paragraph.

Offsets are into the cleaned text; the pipeline maps them back to the original.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Optional

from .lexicons import Lexicons, builtin
from .morph import lemmas, parse

# day, a month named by a word (a lemma of months.tsv) or its number, year
_DATES = [
    (re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)"), ("d", "m", "y")),
    (re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"), ("y", "m", "d")),
    (re.compile(r"(?<!\d)(\d{1,2})\s+([А-Яа-яЁё]+)\s+(\d{4})(?!\d)"), ("d", "m", "y")),
]
HEAD_LINES = 10  # the headline and the date are among the first lines of a page
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…;:,][»\"')\]]*$")
_VERBS = {"VERB", "PRTS"}  # finite verbs and short participles ("назначен")
_URL_ONLY = re.compile(r"^\S*https?://\S+$")
# a capitalised word after a lowercase one: the site speaking to its reader when it is one of
# reader_words.txt ("подпишитесь, и Вы узнаете")
_CAPITAL_AFTER_LOWER = re.compile(r"[a-zа-яё,]\s+([А-ЯЁ][а-яё]*)\b")


@dataclass
class Line:
    start: int
    stop: int
    text: str
    words: int = 0
    prose: bool = False
    date: Optional[dt.date] = None  # a short line that is a date
    cue: Optional[str] = None  # list, nav, phrase, domain, reader
    sentence: bool = False  # reads as a sentence: a verb, or two words in lowercase


@dataclass(frozen=True)
class Page:
    title: Optional[tuple[int, int]] = None  # cleaned offsets of the headline line
    published: Optional[dt.date] = None
    boilerplate: list[tuple[int, int]] = field(default_factory=list)  # cleaned offsets

    def in_boilerplate(self, offset: int) -> bool:
        return any(start <= offset < stop for start, stop in self.boilerplate)


@dataclass(frozen=True)
class Cues:
    """What page analysis reads from the lexicons: boilerplate.tsv phrases by kind, the
    months, web_domains.txt, reader_words.txt."""

    phrases: dict[str, tuple[str, ...]]
    months: dict[str, int]
    domain: re.Pattern
    reader: frozenset[str]


def cues(lexicons: Lexicons) -> Cues:
    phrases: dict[str, list[str]] = {"list": [], "nav": [], "phrase": []}
    for phrase, kind in lexicons.rows("boilerplate"):
        phrases[kind].append(_norm(phrase))
    zones = "|".join(re.escape(zone) for zone in lexicons.entries("web_domains"))
    domain = re.compile(rf"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:{zones})(?=$|\s*-|[А-Яа-яЁё]|/)", re.I)
    months = {word.rstrip("."): int(number) for word, number in lexicons.rows("months")}
    return Cues({kind: tuple(p) for kind, p in phrases.items()}, months, domain, lexicons.words("reader_words"))


def _norm(text: str) -> str:
    return text.lower().replace("ё", "е").lstrip(" -•*·>|").strip()


def _starts_with(text: str, phrase: str) -> bool:
    if not text.startswith(phrase):
        return False
    rest = text[len(phrase):]
    return not rest or not (rest[0].isalnum() or phrase[-1:].isalnum() and rest[0] == "-")


def find_date(text: str, anchored: bool = False, lexicons: Optional[Lexicons] = None) -> Optional[dt.date]:
    """The first full date (day, month, year) in text; at its start only when anchored."""
    months = (lexicons or builtin()).derive(cues).months
    found = []
    for pattern, order in _DATES:
        matches = [pattern.match(text)] if anchored else pattern.finditer(text)
        for match in matches:
            if match is None:
                continue
            parts = dict(zip(order, match.groups()))
            month = _month(parts["m"], months)
            if month is not None:  # a word that names no month: the next match may
                found.append((match.start(), int(parts["y"]), month, int(parts["d"])))
                break
    for _, year, month, day in sorted(found):
        try:
            value = dt.date(year, month, day)
        except ValueError:
            continue
        if 1990 <= value.year <= 2100:
            return value
    return None


def _month(text: str, months: dict[str, int]) -> Optional[int]:
    if text.isdigit():
        return int(text)
    return next((months[lemma] for lemma in sorted(lemmas(text.lower())) if lemma in months), None)


def _line(start: int, text: str, lexicons: Lexicons) -> Line:
    stripped = text.strip()
    start += len(text) - len(text.lstrip())
    line = Line(start, start + len(stripped), stripped)
    line.words = len(_WORD.findall(stripped))
    letters = any(c.isalpha() for c in stripped)
    line.prose = letters and (line.words >= 25 or line.words >= 5 and bool(_SENTENCE_END.search(stripped)))
    if line.words <= 8:
        line.date = find_date(stripped, lexicons=lexicons)
    line.sentence = _reads_as_sentence(stripped)
    line.cue = _cue(stripped, line.words, lexicons.derive(cues))
    return line


def _reads_as_sentence(text: str) -> bool:
    """A headline reads as a sentence ("Умер Михаил Лесин", "Стрельба в церкви в Техасе: 27
    погибших"); breadcrumbs and section names do not ("Новости ОЭЗ «Лотос»", "Главная >
    Экономика"): they are capitalised nouns."""
    words = _WORD.findall(text)
    if sum(w.islower() for w in words) >= 2:
        return True
    return any(w.isalpha() and parse(w)[0].tag.POS in _VERBS for w in words)


def _cue(text: str, words: int, found: Cues) -> Optional[str]:
    norm = _norm(text)
    if words <= 16 and any(_starts_with(norm, p) for p in found.phrases["list"]):
        return "list"
    if words <= 10 and any(_starts_with(norm, p) for p in found.phrases["nav"]):
        return "nav"
    if any(p in norm for p in found.phrases["phrase"]):
        return "phrase"
    if found.domain.match(text) or _URL_ONLY.match(text):
        return "domain"
    if any(lemmas(m.group(1).lower()) & found.reader for m in _CAPITAL_AFTER_LOWER.finditer(text)):
        return "reader"
    return None


def lines(text: str, lexicons: Optional[Lexicons] = None) -> list[Line]:
    lexicons = lexicons or builtin()
    return [_line(m.start(), m.group(), lexicons) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def analyse(text: str, lexicons: Optional[Lexicons] = None) -> Page:
    page = lines(text, lexicons)
    if not page:
        return Page()
    # the article starts at the first prose line that is not a banner
    first_prose = next((i for i, line in enumerate(page) if line.prose and not line.cue), len(page))
    head = page[:min(first_prose, HEAD_LINES)]

    # the headline: the longest head line that is not a date or furniture
    title_index = None
    candidates = [i for i, line in enumerate(head) if line.words >= 3 and not line.date and not line.cue]
    if candidates:
        title_index = max(candidates, key=lambda i: (len(head[i].text), -i))

    published = next((line.date for line in head if line.date), None)
    if published is None and first_prose < len(page):  # "23 ноября 2018 года В Москве ..."
        published = find_date(page[first_prose].text, anchored=True, lexicons=lexicons)

    furniture = [False] * len(page)
    if title_index is not None:  # breadcrumbs and section names above the headline (a line
        # that reads as a sentence is a headline above a longer photo caption)
        for i in range(title_index):
            if not page[i].date and not page[i].prose and not page[i].sentence:
                furniture[i] = True
    for i, line in enumerate(page):
        if line.cue and line.cue != "reader":
            furniture[i] = True
        if line.cue == "list":  # a list header takes the short lines after it
            j = i + 1
            while j < len(page) and not page[j].prose:
                furniture[j] = True
                j += 1

    # the end of the page: short lines and cued lines after the last article paragraph
    start = len(page)
    while start > 0 and (not page[start - 1].prose or page[start - 1].cue):
        start -= 1
    tail = page[start:]
    floor = max(first_prose, title_index if title_index is not None else -1)
    if start > floor and (any(line.cue for line in tail) or sum(not line.prose for line in tail) >= 3):
        for i in range(start, len(page)):
            furniture[i] = True

    regions: list[tuple[int, int]] = []
    for line, is_furniture in zip(page, furniture):
        if not is_furniture:
            continue
        previous = regions[-1] if regions else None
        if previous and not text[previous[1]:line.start].strip():
            regions[-1] = (previous[0], line.stop)
        else:
            regions.append((line.start, line.stop))
    title = (head[title_index].start, head[title_index].stop) if title_index is not None else None
    return Page(title=title, published=published, boilerplate=regions)
