"""Places: slovnet LOC spans and yargy rules, in the nominative, with a kind.

- `locations.ner`: slovnet LOC spans; the head is the kind word when there is one
  ("Хабаровском крае" -> Хабаровский край), otherwise the first noun ("Нижнем Новгороде"
  -> Нижний Новгород); known names get a canonical name and kind from `places.tsv`
  ("Российской Федерации" -> Россия, страна), others their kind from a kind word
  (`place_kinds.txt`).
- `locations.region`: a capitalised adjective agreeing with a kind word ("Пензенской
  области", "Ханты-Мансийский автономный округ") or a kind word and a name ("Республика
  Татарстан").
- `locations.site`: quoted names after a site word ("на площадках «Алабушево» и
  «Печатники»"), kind площадка: places, not organizations.
- `locations.named`: facilities and natural places (kinds flagged `named` in
  place_kinds.txt) with a name: "мысе Канаверал", "Вашингтонском аэропорту Рейган",
  "аэропорту имени Рональда Рейгана", "здании Капитолия" (-> Капитолий), "Восточное
  побережье США" (one place).
- `locations.known`: names from places.tsv the tagger misses ("вернулись на Землю").
Bare kind words ("края", "в регионе") are not places; a place inside an organization's
name is part of that name (resolve/organizations.py drops it); a place inside a quoted
title («Промышленная Россия 4.0») is part of the title.
"""
from __future__ import annotations

import re
from functools import lru_cache

from fakty.grammar import Grammar, Triggers
from fakty.grammars import table
from fakty.morph import BASE_CASE, lemma, match_case, nominative_phrase, parse
from fakty.records import Location

_WORD = re.compile(r"\w+(?:-\w+)*")
SITE_KINDS = {"площадка", "территория", "участок"}


@lru_cache(maxsize=None)
def known_places() -> dict[str, tuple[str, str | None]]:
    """lowercase nominative name -> (canonical name, kind), from places.tsv."""
    return {row[0].lower(): (row[1] if len(row) > 1 and row[1] else row[0],
                             row[2] if len(row) > 2 and row[2] else None)
            for row in table("places.tsv")}


@lru_cache(maxsize=None)
def place_kinds() -> dict[str, str]:
    """noun lemma -> kind, from place_kinds.txt."""
    return {row[0]: (row[1] if len(row) > 1 else row[0]) for row in table("place_kinds.txt")}


@lru_cache(maxsize=None)
def named_kinds() -> frozenset[str]:
    """Lemmas of facilities and natural places (flag `named` in place_kinds.txt): common
    nouns that make a place only with a name ("мыс Канаверал", "здание Капитолия")."""
    return frozenset(row[0] for row in table("place_kinds.txt") if len(row) > 2 and "named" in row[2])


def place_kind_of(word: str) -> str | None:
    for p in parse(word.lower()):
        if p.tag.POS == "NOUN" and p.normal_form in place_kinds():
            return place_kinds()[p.normal_form]
    return None


def location_from_words(words: list[str], span) -> Location:
    """A Location from the words of a mention, declined to the nominative."""
    head = next((i for i, w in enumerate(words) if place_kind_of(w) and not w[:1].isupper()), None)
    if head is None and len(words) > 1 and place_kind_of(words[0]):
        head = 0  # "Республике Татарстан"
    name = nominative_phrase(words, head=head)
    if head is not None and head > 0:
        # after the kind word nothing declines: "Хабаровском крае" is all before it
        name = " ".join(name.split()[: head + 1] + words[head + 1:])
    canonical, kind = known_places().get(name.lower(), (name, None))
    if kind is None and head is not None:
        kind = place_kind_of(words[head])
    return Location(spans=[span], name=canonical, kind=kind)


# --- sites -------------------------------------------------------------------------------

_BEFORE_NAME = re.compile(r"(?:\s+|,|\bи\b|«[^«»\n]{1,60}»|\"[^\"\n]{1,60}\"|[«\"])$")


def word_before_names(text: str, start: int) -> str | None:
    """The word before the name at text[start], past other quoted names, commas and "и":
    "площадках" for «Печатники» in "на площадках «Алабушево» и «Печатники»"."""
    # twelve steps back over names of 60 characters at most: a bounded window keeps this
    # from rescanning the whole page for every name on it
    before = text[max(0, start - 2000):start]
    for _ in range(12):
        m = _BEFORE_NAME.search(before)
        if not m or not m.group():
            break
        before = before[: m.start()]
    m = re.search(r"([\w-]+)$", before)
    return m.group(1) if m else None


def is_site(text: str, start: int, stop: int) -> bool:
    """Whether text[start:stop] is a name after a site word: "на площадках «Алабушево» и
    «Печатники»"."""
    word = word_before_names(text, start)
    return word is not None and place_kind_of(word) in SITE_KINDS


_QUOTED = re.compile(r"«([^«»\n]{2,60})»|\"([^\"\n]{2,60})\"")


def _sites(ctx):
    for m in _QUOTED.finditer(ctx.text):
        group = 1 if m.group(1) else 2
        if is_site(ctx.text, m.start(), m.end()):
            yield Location(spans=[ctx.span(m.start(), m.end())], name=m.group(group),
                           kind="площадка")


# --- NER spans ---------------------------------------------------------------------------

def _from_ner(ctx):
    text = ctx.text
    for ner in ctx.ner_spans("LOC"):
        start, stop = ner.start, ner.stop
        # "Хабаровском" + "крае" when the tagger stopped before the kind word
        m = re.match(r" (\w+)", text[stop:])
        last = text[start:stop].split()[-1]
        if m and place_kind_of(m.group(1)) and not m.group(1)[:1].isupper() \
                and not place_kind_of(last) and any(p.tag.POS == "ADJF" for p in parse(last.lower())[:1]):
            stop += m.end()
        words = _WORD.findall(text[start:stop])
        if not words or not _plausible(words) or _in_title(text, start) or _in_name(text, start):
            continue
        yield location_from_words(words, ctx.span(start, stop))


def _in_title(text: str, start: int) -> bool:
    """Inside a quoted title that is not a site's name: «Промышленная Россия 4.0». A quoted
    remark («немедленная отставка мэра Москвы», «Это была акция в Москве») is no title: it
    starts in lower case or has a verb."""
    from fakty.words import inside_quotes

    if not inside_quotes(text, start):
        return False
    before = text[:start]
    opening = max(before.rfind("«"), before.rfind('"'))
    closing = min([k for k in (text.find("»", start), text.find('"', start)) if k != -1] or [len(text)])
    quoted = text[opening + 1:closing]
    if not quoted[:1].isupper() or any(parse(w)[0].tag.POS == "VERB"
                                      for w in _WORD.findall(quoted) if parse(w)):
        return False
    return not is_site(text, opening, start)


def _in_name(text: str, start: int) -> bool:
    """At the end of a genitive chain headed by an event, document or rating: "IV
    Национального рейтинга технопарков России", "форума регионов России"."""
    from fakty.words import not_org_lemmas

    for word in reversed(re.findall(r"\w+", text[:start])[-8:]):
        parses = parse(word)
        if not parses or parses[0].tag.POS in ("PREP", "CONJ", "PRCL") or \
                not any(p.tag.case in ("gent", "gen2") for p in parses):
            return False
        if any(p.normal_form in not_org_lemmas() for p in parses if p.tag.POS == "NOUN"):
            return True
    return False


def _plausible(words: list[str]) -> bool:
    """Not a common noun the tagger took for a place ('Нацпроекты:' at a line start)."""
    if len(words) > 1 or words[0].isupper():
        return True
    word = words[0]
    if word.lower() in known_places() or lemma(word.lower()) in known_places():
        return True
    parses = parse(word)
    return not parses or any("Geox" in p.tag or "UNKN" in p.tag for p in parses) or \
        not any(p.tag.POS == "NOUN" for p in parses)


# --- regions: adjective + kind word ------------------------------------------------------

def _region_rule():
    from yargy import and_, not_, or_, rule
    from yargy.predicates import dictionary, eq, gram, is_capitalized, type as token_type
    from yargy.relations import gnc_relation

    kinds = {k for k, v in place_kinds().items() if v not in SITE_KINDS and k not in ("страна", "регион")}
    gnc = gnc_relation()
    adj = and_(gram("ADJF"), token_type("RU"), not_(gram("Apro")))
    cap_adj = or_(rule(and_(adj, is_capitalized()).match(gnc)),
                  rule(and_(token_type("RU"), is_capitalized()), eq("-"), adj.match(gnc)))
    kind_word = and_(gram("NOUN"), dictionary(kinds))
    return or_(
        rule(cap_adj, adj.match(gnc).optional(), kind_word.match(gnc)),
        rule(and_(kind_word, is_capitalized()), and_(gram("NOUN"), is_capitalized(), gram("Geox"))),
    )


def _interpret_region(match, ctx):
    text = ctx.text[match.span.start:match.span.stop]
    words = _WORD.findall(text)
    if at_sentence_start(ctx.text, match.span.start) and any(
            p.normal_form in named_kinds() for p in parse(words[-1].lower()) if p.tag.POS == "NOUN"):
        return  # "Новое здание", "Общая площадь": a common phrase starting a sentence
    head = [p for p in parse(words[-1].lower()) if p.tag.POS == "NOUN" and p.normal_form in named_kinds()
            and all(any(a.tag.POS == "ADJF" and a.tag.case == p.tag.case and a.tag.number == p.tag.number
                        for a in parse(w.lower())) for w in words[:-1])]
    head.sort(key=lambda p: p.tag.case != "nomn")  # "Виргинские острова" is nominative plural
    if head and len(words) > 1:
        # "Воробьёвых гор" -> "Воробьёвы горы": adjectives agree with the kind word, plural too
        yield Location(spans=[ctx.match_span(match)], name=" ".join(_nominative(words, head[0])),
                       kind=place_kind_of(words[-1]))
        return
    yield location_from_words(words, ctx.match_span(match))


def at_sentence_start(text: str, start: int) -> bool:
    return not text[:start].strip(" -–—«\"")


# --- facilities and natural places with a name: "мыс Канаверал", "здание Капитолия" -------

_CAP = r"(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?|[A-Z][A-Za-z]+|[А-ЯЁ]{2,})"
_NAME_AFTER = re.compile(rf" ((?:имени )?{_CAP}(?: {_CAP}){{0,2}})(?![\w-])")
# a capitalised adjective, then maybe lower-case ones: "Вашингтонском национальном аэропорту"
_CAP_ADJ_BEFORE = re.compile(r"((?:[А-ЯЁ][а-яё]+(?:-[а-яё]+)? )(?:[а-яё]+ ){0,2})$")


def _named_places(ctx):
    """A kind word of a facility or natural place (named_kinds) with its name:
    - in apposition: "мысе Канаверал", "Вашингтонском аэропорту Рейган", "курорт Куршевель"
      (the whole phrase is the place, named in the nominative: "мыс Канаверал");
    - in the genitive: "здании Капитолия" (the place is "Капитолий"; "здание" is a bare kind
      word), unless the name is a body's: "здание Госдумы";
    - a country after it: "Восточное побережье США" (one place; the country is inside it).
    Capitalised adjectives before the kind word are part of the name."""
    from fakty.words import kind_of, known_names

    text = ctx.text
    for m in re.finditer(r"(?<![\w-])[а-яё]+", text):
        kind_parses = [p for p in parse(m.group()) if p.tag.POS == "NOUN" and p.normal_form in named_kinds()]
        if not kind_parses:
            continue
        start, stop = m.start(), m.end()
        adjectives = _CAP_ADJ_BEFORE.search(text[:start])
        cases = {BASE_CASE.get(p.tag.case, p.tag.case) for p in kind_parses}
        if adjectives and all(any(p.tag.POS == "ADJF" and BASE_CASE.get(p.tag.case, p.tag.case) in cases
                                  for p in parse(w.lower()))
                              for w in adjectives.group(1).split()):
            start = adjectives.start(1)
        named = _NAME_AFTER.match(text, stop)
        if not named or start == m.start() and all(p.tag.number == "plur" for p in kind_parses):
            continue  # "Вашингтонском аэропорту" alone is the region rule's
        name_words = named.group(1).split()
        if name_words[0] == "имени":
            # "аэропорту имени Рональда Рейгана": named after a person, the whole is the place
            words = _WORD.findall(text[start:stop])
            yield Location(spans=[ctx.span(start, named.end(1))], kind=place_kind_of(m.group()),
                           name=" ".join(_nominative(words, kind_parses[0]) + name_words))
            continue
        if len(name_words) > 2:
            continue  # three capitalised words: a person's name or a sentence going on
        first = name_words[0]
        if any(s.start <= named.start(1) < s.stop for s in ctx.ner_spans("PER")) and not first.isascii() \
                and not _unknown(first):
            continue  # "у здания Иван Петров": a person after it
        country = known_places().get(first.lower()) if first.isupper() else None
        if not country and len(name_words) == 1 and first.isupper():
            continue  # an abbreviation: "здание МИД"
        if country and country[1] != "страна":
            continue
        if kind_of(first) or _match_known_org(first, known_names()) or any(
                s.start <= named.start(1) < s.stop for s in ctx.ner_spans("ORG")):
            continue  # "здание Госдумы": a body's name
        name_parses = [p for p in parse(first) if getattr(p, "is_known", True)]
        name_cases = {BASE_CASE.get(p.tag.case, p.tag.case) for p in name_parses if p.tag.case}
        # after these kind words a name in apposition stays nominative ("на мысе Канаверал",
        # "в аэропорту Шереметьево"); a declined one is the genitive of a possessor
        if not country and not first.isascii() and name_parses and "nomn" not in name_cases:
            if "gent" not in name_cases or any(
                    {"Name", "Surn", "Patr"} & p.tag.grammemes or p.tag.POS == "ADJF" for p in name_parses):
                continue  # "парке Горького": a person's name
            if start != m.start():
                continue  # "Большого здания Сената": not a name of the place
            # "здании Капитолия": the place is "Капитолий"; "здание" is a bare kind word
            name = nominative_phrase(name_words)
            canonical, kind = known_places().get(name.lower(), (name, None))
            yield Location(spans=[ctx.span(named.start(1), named.end(1))], name=canonical,
                           kind=kind or place_kind_of(m.group()))
            continue
        words = _WORD.findall(text[start:stop])
        yield Location(spans=[ctx.span(start, named.end(1))], kind=place_kind_of(m.group()),
                       name=" ".join(_nominative(words, kind_parses[0]) + name_words))


def _nominative(words: list[str], head) -> list[str]:
    """Adjectives and the kind word at the end, in the nominative."""
    phrase = [_nominative_adjective(w, head) for w in words[:-1]]
    form = head.inflect({"nomn", head.tag.number or "sing"})
    return phrase + [match_case(form.word, words[-1]) if form else words[-1]]


def _nominative_adjective(word: str, head) -> str:
    """'Вашингтонском' (before 'аэропорту') -> 'Вашингтонский'."""
    grammemes = {"nomn", head.tag.number or "sing"} | ({head.tag.gender} if head.tag.gender else set())
    for p in parse(word.lower()):
        if p.tag.POS == "ADJF":
            form = p.inflect(grammemes)
            if form:
                return match_case(form.word, word)
    return word


def _unknown(word: str) -> bool:
    return not any(getattr(p, "is_known", True) for p in parse(word))


def _match_known_org(word: str, names) -> bool:
    return (word,) in names or (lemma(word.lower()),) in names


# --- known places the tagger misses: "вернулись на Землю" ---------------------------------

def _known(ctx):
    """Names from places.tsv written capitalised, not starting a sentence (where a common
    word is capitalised too: "Земля под застройку"), and not a person's name ("Владимир")."""
    for token in ctx.tokens:
        value = token.value
        if not value[:1].isupper() or value.isupper():
            continue
        parses = parse(value)
        # the cheap test first: almost no word is a known place
        place = next((known_places()[p.normal_form] for p in parses[:2] if p.normal_form in known_places()), None)
        if place is None or any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses[:2]):
            continue
        start = token.span.start
        if at_sentence_start(ctx.text, start) or _in_title(ctx.text, start) or _in_name(ctx.text, start):
            continue
        yield Location(spans=[ctx.span(start, token.span.stop)], name=place[0], kind=place[1])


GRAMMARS = [
    Grammar(name="locations.ner", find=_from_ner, priority=10),
    Grammar(name="locations.region", rule=_region_rule(), interpret=_interpret_region,
            triggers=Triggers(lemmas=frozenset(place_kinds())), priority=20),
    Grammar(name="locations.site", find=_sites, triggers=Triggers(pattern="[«\"]"), priority=30),
    Grammar(name="locations.named", find=_named_places, priority=25,
            triggers=Triggers(lemmas=named_kinds())),
    Grammar(name="locations.known", find=_known, priority=5),
]
