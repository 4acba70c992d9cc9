"""Places: slovnet LOC spans and yargy rules, in the nominative, with a kind.

- `locations.ner`: slovnet LOC spans; the head is the kind word when there is
  one ("Хабаровском крае" -> Хабаровский край), otherwise the first noun ("Нижнем
  Новгороде" -> Нижний Новгород); known names get a canonical name and kind from
  `places.tsv` ("Российской Федерации" -> Россия, страна), others their kind from a kind
  word (`place_kinds.txt`). A span the tagger stopped before its kind word takes it
  ("Хабаровском" + "крае").
- `locations.region` (`REGION`): a capitalised adjective agreeing with a kind word
  ("Пензенской области", "Ханты-Мансийский автономный округ") or a kind word and a name
  ("Республика Татарстан").
- `locations.regions` (`COORDINATED_REGIONS`): adjectives joined by "," / "и" before one
  plural kind word, a place each in the singular ("в Калужском и Тульском районах" ->
  Калужский район, Тульский район).
- `locations.site` (`SITE`): quoted names after a site word (flag `site` in
  place_kinds.txt: "на площадках «Алабушево» и «Печатники»"): places, not organizations.
- `locations.named` (`NAMED_PLACE`): facilities and natural places (flag `named` in
  place_kinds.txt) with a name: "мысе Канаверал", "Вашингтонском аэропорту Рейган",
  "аэропорту имени Рональда Рейгана", "здании Капитолия" (-> Капитолий), "Восточное
  побережье США" (one place).
- `locations.known` (`KNOWN_PLACE`): names from places.tsv the tagger misses ("вернулись на
  Землю").
- `locations.geographic` (`GEOGRAPHIC_WORD`): words pymorphy3 reads first as place names, where
  the tagger saw no place or person ("в тогда ещё Ленинграде", "Университета Каталонии").
Bare kind words ("края", "в регионе") are not places; a place inside an organization's
name is part of that name (resolve/organizations.py drops it); a place inside a quoted
title («Промышленная Россия 4.0») or at the end of a genitive chain headed by an event or a
document (not_orgs.txt: "форума регионов России") is part of that name.
Examples with the records they give: `locations_examples.tsv`.
"""
from __future__ import annotations

from functools import lru_cache

from yargy import and_, not_, or_, rule
from yargy.interpretation import attribute, fact
from yargy.predicates import custom, eq, gram, in_, is_capitalized, is_lower, is_title, type as token_type
from yargy.relations import case_relation, gnc_relation

from fakty.grammar import Anchors, Grammar, Triggers, outside_parser
from fakty.morph import BASE_CASE, match_case, nominative_phrase, parse
from fakty.predicates import first_reading, glued, lexicon, lexicon_phrase, ner
from fakty.records import Location
from fakty.words import (at_sentence_start, fact_tokens, is_site, known_place_of_words, known_places,
                         named_kinds, place_kind_of)

Place = fact("Place", ["adjectives", "kind", "name", attribute("names").repeatable()])


RU = token_type("RU")
NOUN = gram("NOUN")
ADJECTIVE = and_(gram("ADJF"), RU, not_(gram("Apro")))
PLACE_KIND = and_(NOUN, lexicon("place_kinds"))                      # "крае", "аэропорту"
REGION_KIND = and_(PLACE_KIND, not_(lexicon("place_kinds:site")), not_(lexicon("place_kinds:common")))
FACILITY_KIND = and_(NOUN, lexicon("place_kinds:named"), is_lower())   # "мыс", "аэропорт", "здание"
SITE_KIND = and_(NOUN, lexicon("place_kinds:site"))                   # "площадка", "территория"

# --- NER spans -------------------------------------------------------------------------------
# a NER span is a run of tokens already (token.ner): locations.ner takes each LOC span as it is,
# with the kind word after it when the tagger stopped before it ("Хабаровском" + "крае": the
# span ends in an adjective, KIND_AFTER_SPAN follows). No parser runs for it (parsing the
# spans again cost twice what this grammar costs, measured).
ADJECTIVE_FIRST = and_(first_reading("ADJF"), not_(lexicon("place_kinds")))
KIND_AFTER_SPAN = and_(PLACE_KIND, is_lower(), not_(ner()))

# --- regions: adjective + kind word -----------------------------------------------------------
_gnc = gnc_relation()
CAPITALISED_ADJECTIVE = or_(
    rule(and_(ADJECTIVE, is_capitalized()).match(_gnc)),                    # "Пензенской"
    rule(and_(RU, is_capitalized()), eq("-"), ADJECTIVE.match(_gnc)),       # "Ханты-Мансийский"
)
REGION = or_(
    rule(CAPITALISED_ADJECTIVE, ADJECTIVE.match(_gnc).optional(), REGION_KIND.match(_gnc)),
    rule(and_(REGION_KIND, is_capitalized()), and_(NOUN, is_capitalized(), gram("Geox"))),  # "Республика Татарстан"
)
# every region holds its kind word at most four tokens after its start ("Ханты - Мансийский
# автономный округ"): the rule is predicted there only, not at every token of the sentence
REGION_ANCHORS = Anchors(lexicon("place_kinds"), before=4)

# --- coordinated regions with one kind word: "в Калужском и Тульском районах" (two places) ---
_case = case_relation()
REGION_ADJECTIVE = or_(
    rule(and_(ADJECTIVE, is_capitalized(), gram("sing")).match(_case)),                 # "Калужском"
    rule(and_(RU, is_capitalized()), eq("-"), and_(ADJECTIVE, gram("sing")).match(_case)),  # "Ханты-Мансийском"
)
REGION_JOINER = or_(rule(eq(",")), lexicon_phrase("joiners"), rule(eq(","), lexicon_phrase("joiners")))
COORDINATED_REGIONS = rule(
    REGION_ADJECTIVE.interpretation(Place.names),
    rule(REGION_JOINER, REGION_ADJECTIVE.interpretation(Place.names)).repeatable(max=8),
    or_(rule(and_(ADJECTIVE, is_lower(), gram("plur")).match(_case).interpretation(Place.adjectives),  # "автономных"
             and_(REGION_KIND, gram("plur")).match(_case).interpretation(Place.kind)),
        # (two alternatives, not an optional adjective: yargy's chart then loses the longest match)
        rule(and_(REGION_KIND, gram("plur")).match(_case).interpretation(Place.kind))),
).interpretation(Place)

# --- sites: "на площадках «Алабушево» и «Печатники»" -------------------------------------------
QUOTED_NAME = or_(
    rule(eq("«"), not_(in_({"«", "»"})).repeatable(max=10), eq("»")),
    rule(eq('"'), not_(eq('"')).repeatable(max=10), eq('"')),
)
SITE = rule(SITE_KIND.interpretation(Place.kind), QUOTED_NAME.interpretation(Place.names),
            rule(or_(rule(eq(",")), lexicon_phrase("joiners")), QUOTED_NAME.interpretation(Place.names))
            .repeatable(max=6).optional()).interpretation(Place)

# --- facilities and natural places with a name: "мыс Канаверал", "здание Капитолия" -----------
CAPITALISED_WORD = or_(
    rule(and_(RU, is_title()), rule(and_(eq("-"), glued()), and_(RU, glued())).optional()),  # "Усть-Луга"
    rule(and_(token_type("LATIN"), is_capitalized())),                                       # "Reagan"
    rule(custom(lambda value: len(value) > 1 and value.isupper(), types="RU")),             # "США"
)
# up to three words (more is a person's name or the sentence going on: see _named); "имени
# Рональда Рейгана": named after a person
NAME_AFTER = or_(rule(CAPITALISED_WORD.repeatable(max=3)), rule(eq("имени"), CAPITALISED_WORD.repeatable(max=3)))
# capitalised adjectives before the kind word are part of the name when they agree with it in
# case: "Вашингтонском аэропорту" (see _named: "аэропорту" is loc2, which yargy's relations miss)
ADJECTIVES_BEFORE = rule(and_(ADJECTIVE, is_capitalized()), and_(ADJECTIVE, is_lower()).repeatable(max=2).optional())
NAMED_PLACE = rule(ADJECTIVES_BEFORE.interpretation(Place.adjectives).optional(),
                   FACILITY_KIND.interpretation(Place.kind),
                   NAME_AFTER.interpretation(Place.name)).interpretation(Place)

# --- place names the tagger misses: one token each, so no parser runs ------------------------
# a name from places.tsv: "вернулись на Землю"
KNOWN_PLACE = and_(lexicon("places"), is_capitalized(), not_(custom(str.isupper)),
                   not_(gram("Name")), not_(gram("Surn")), not_(gram("Patr")))


def _geographic(word: str) -> bool:
    """pymorphy3 reads the word first as a place name (Geox), and never as a person's name:
    "Ленинграде", "Каталонии"; not "Иванове" (a surname too), not "Красная" (an adjective
    first)."""
    parses = [p for p in parse(word.lower()) if p.is_known]
    top = parses[0].score if parses else 0
    return any(p.tag.POS == "NOUN" and "Geox" in p.tag and p.score == top for p in parses) and \
        not any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses)


# a word pymorphy3 knows as a place name where the tagger saw no place or person ("в тогда ещё
# Ленинграде"), in an organization's name too ("Университета Каталонии": resolve keeps it)
GEOGRAPHIC_WORD = and_(RU, is_capitalized(), not_(custom(str.isupper)), not_(ner("LOC")), not_(ner("PER")),
                       custom(_geographic))


# --- from words to a Location ---------------------------------------------------------------

def words_of(tokens) -> list[str]:
    """The words of a run of tokens, hyphenated ones whole ("Комсомольске-на-Амуре")."""
    words: list[str] = []
    joined = False  # the last token belongs to a word the next glued token continues
    for token in tokens:
        if token.type == "PUNCT" and token.value != "-":
            joined = False
            continue
        if words and token.glued and joined:
            words[-1] += token.value  # "Комсомольске-на-Амуре", "Boëdic" ("Bo", "ë", "dic")
        else:
            words.append(token.value)
        joined = True
    return [w.strip("-") for w in words if w.strip("-")]


def location_from_words(words: list[str], span, lexicons) -> Location:
    """A Location from the words of a mention, declined to the nominative."""
    names = lexicons.derive(_names)  # the same place is named again and again: once is enough
    key = tuple(words)
    if key not in names:
        if len(names) > 50_000:
            names.clear()
        names[key] = _name_and_kind(words, lexicons)
    name, kind = names[key]
    return Location(spans=[span], name=name, kind=kind)


def _names(lexicons) -> dict:
    return {}


def _name_and_kind(words: list[str], lexicons) -> tuple[str, str | None]:
    known = known_place_of_words(words, lexicons)
    if known is not None:
        return known  # "Набережных Челнах" (its first word is a kind word), "Соединенных Штатах"
    head = next((i for i, w in enumerate(words) if place_kind_of(w, lexicons) and not w[:1].isupper()), None)
    if head is None and len(words) > 1 and place_kind_of(words[0], lexicons):
        head = 0  # "Республике Татарстан"
    name = nominative_phrase(words, head=head)
    if len(words) == 1:
        name = words[0] if _foreign(words[0]) else _place_nominative(words[0]) or _ia_name(words[0]) or name
    if head is not None and head > 0:
        # after the kind word nothing declines: "Хабаровском крае" is all before it
        name = " ".join(name.split()[: head + 1] + words[head + 1:])
    canonical, kind = known_places(lexicons).get(name.lower(), (name, None))
    if kind is None and head is not None:
        kind = place_kind_of(words[head], lexicons)
    return canonical, kind


def _place_nominative(word: str) -> str | None:
    """The nominative of the word read as a place name, before its other readings: "Иванове"
    -> Иваново (pymorphy3 reads the surname Иванов first), "Коптеве" -> Коптево."""
    for p in parse(word.lower()):
        if p.tag.POS == "NOUN" and "Geox" in p.tag and p.is_known:  # not a guess ("Ньюпорта")
            form = p.inflect({"nomn", p.tag.number or "sing"})
            if form is not None:
                return match_case(form.word, word)
    return None


def _ia_name(word: str) -> str | None:
    """A place name in -ии that pymorphy3 does not know as a place is an -ия name in an oblique
    case: "Претории" -> Претория (not the common noun преторий), "Бельгии"."""
    return word[:-1] + "я" if word.endswith("ии") and len(word) > 4 and word[:1].isupper() else None


def _foreign(word: str) -> bool:
    """A word pymorphy3 does not know and guesses to be a first name ("Кушадаси", "Малибу"):
    its guessed declension is a person's, so the place is named as written."""
    parses = parse(word.lower())
    return bool(parses) and not any(p.is_known for p in parses) and "Name" in parses[0].tag.grammemes


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


# --- evidence against a place ---------------------------------------------------------------

def _in_title(ctx, index: int) -> bool:
    """Inside a quoted title that is not a site's name: «Промышленная Россия 4.0». A quoted
    remark («немедленная отставка мэра Москвы», «Это была акция в Москве») is no title: it
    starts in lower case or has a verb, an infinitive too («Назначить … представителем РФ»)."""
    tokens = ctx.tokens
    before = [t.value for t in tokens[:index]]
    if before.count("«") <= before.count("»") and before.count('"') % 2 == 0:
        return False
    opening = max(k for k in range(index) if tokens[k].value in ("«", '"'))
    closing = next((k for k in range(index, len(tokens)) if tokens[k].value in ("»", '"')), len(tokens))
    quoted = tokens[opening + 1:closing]
    if closing == len(tokens):
        return False  # a quote the sentence does not close is speech, no title: «Это они - участники …
    if not quoted or not quoted[0].glued or not quoted[0].value[:1].isupper() or any(
            t.forms and {"VERB", "INFN"} & t.forms[0].grams.values for t in quoted):
        return False  # a quote mark with a space after it closes a quote, it opens none
    return not is_site(ctx.text, tokens[opening].span.start, tokens[index].span.start, ctx.lexicons)


_CHAIN_BREAKS = frozenset({",", ";", ":", ".", "!", "?", "(", ")", "—", "–"})


def _in_name(tokens, index: int) -> bool:
    """At the end of a genitive chain headed by an event, document or rating (not_orgs.txt):
    "IV Национального рейтинга технопарков России", "форума регионов России". A word the
    tagger takes for an organization ends the chain: the place is in that organization's name
    ("члена Конгресса США": конгресс is an event word too)."""
    words = [t for t in tokens[:index] if t.type != "PUNCT" or t.value in _CHAIN_BREAKS][-8:]
    for token in reversed(words):
        if token.value in _CHAIN_BREAKS:
            return False  # "участников той встречи, Россия уступила": a comma ends the chain
        forms = token.forms
        if not forms or {"PREP", "CONJ", "PRCL"} & forms[0].grams.values or \
                not any("gent" in f.grams or "gen2" in f.grams for f in forms) or \
                token.ner is not None and token.ner.type == "ORG" or token.in_lexicon("positions"):
            return False  # (a place after a title is the title's: "сайта президента России")
        if token.in_lexicon("not_orgs") and any("NOUN" in f.grams for f in forms):
            return not token.in_lexicon("not_orgs:law")  # "Закона Украины": Ukraine's law
    return False


def _plausible(tokens, ctx) -> bool:
    """Not a word the tagger took for a place: a bare kind word, a person's name (unless a kind
    word stands before it), or a common noun at the start of a sentence or line ('Нацпроекты:';
    elsewhere its capital says it is a name: "в Претории") known to pymorphy3 as a noun and
    not as a place name. One word not in places.tsv only."""
    words = [t for t in tokens if t.type != "PUNCT"]
    if len(words) != 1 or words[0].value.isupper() or words[0].in_lexicon("places"):
        return True
    word = words[0]
    if word.in_lexicon("place_kinds"):
        return False  # a bare kind word: «… президента Республики»
    before = ctx.tokens[word.index - 1] if word.index > 0 else None
    if before is not None and before.in_lexicon("place_kinds") and \
            place_kind_of(before.value, ctx.lexicons) not in named_kinds(ctx.lexicons):
        return True  # "штат Вирджиния", "в провинции Гильменд" (not "в парке Горького")
    if before is not None and before.in_lexicon("place_locative_prepositions") and \
            any("loct" in f.grams for f in word.forms):
        return True  # "в Шарлотте", "в Грозном": no person's name
    if any(p.is_known and {"Surn", "Name", "Patr"} & p.tag.grammemes and "Geox" not in p.tag.grammemes
           for p in parse(word.value.lower())[:1]):
        return False  # a person's name: "в парке Горького"
    line = ctx.text[:word.span.start].rsplit("\n", 1)[-1]
    if not at_sentence_start(line, len(line)):
        return True
    forms = word.forms
    return not forms or any("Geox" in f.grams or "UNKN" in f.grams for f in forms) or \
        not any("NOUN" in f.grams for f in forms)


# --- interpretations ------------------------------------------------------------------------

def _ner_places(ctx):
    """A place for each LOC span of the sentence, unless there is evidence against it."""
    adjective_first, kind_after_span = _activated()[:2]
    tokens = ctx.tokens
    i = 0
    while i < len(tokens):
        span = tokens[i].ner
        if span is None or span.type != "LOC":
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].ner is span:
            j += 1
        # what the tagger's span holds in parentheses is no part of the place: "России (ВС)",
        # "Кировоградской (Кропивницкой) области"
        kept = _outside_parentheses(tokens[i:j])
        if kept and kept[-1] is tokens[j - 1] and j < len(tokens) and adjective_first(tokens[j - 1]) \
                and kind_after_span(tokens[j]):
            kept.append(tokens[j])  # "Хабаровском" + "крае"
            j += 1
        for place in _from_ner(kept, ctx) if kept else ():
            # a kind word before the name gives a place of no known kind its kind: "в провинции
            # Гильменд", "деревни Ивановка", "из порта Усть-Луга" (a named kind such as мыс is
            # part of the name instead, NAMED_PLACE)
            if place.kind is None and i > 0 and kind_after_span(tokens[i - 1]) and \
                    (_same_case(tokens[i - 1], kept[-1]) or not _known_oblique(kept[-1].value)):
                kind = place_kind_of(tokens[i - 1].value, ctx.lexicons)
                if kind not in named_kinds(ctx.lexicons):
                    place = place.model_copy(update={"kind": kind})
                    if not _same_case(tokens[i - 1], kept[-1]):
                        # a name in apposition that does not decline with its kind word is
                        # written in the nominative: "в районе Муса-Кала", not "Мус-Кал"
                        place = place.model_copy(update={"name": place.spans[0].text})
            yield place
        i = j


def _known_oblique(word: str) -> bool:
    """A place name pymorphy3 knows, never in the nominative here: after a kind word it depends
    on it ("в районе Славянска": the area of Славянск, no district), it is no name in apposition."""
    parses = parse(word.lower())
    return any(p.is_known and "Geox" in p.tag for p in parses) and not any(p.tag.case == "nomn" for p in parses)


def _outside_parentheses(tokens) -> list:
    kept, depth = [], 0
    for token in tokens:
        depth += token.value == "("
        if not depth:
            kept.append(token)
        depth -= token.value == ")" and depth > 0
    return kept


def _same_case(kind_word, name_word) -> bool:
    """Can the last word of a name be in a case of the kind word before it?"""
    def cases(token):
        return {g for f in token.forms for g in f.grams.values if g in _CASES}
    return bool(cases(kind_word) & cases(name_word))


_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "gen2", "loc2", "voct", "acc2"})


@lru_cache(maxsize=1)
def _activated():
    """ADJECTIVE_FIRST, KIND_AFTER_SPAN, KNOWN_PLACE and GEOGRAPHIC_WORD ready to be called on a
    token outside a parser (they ask every token)."""
    return outside_parser(ADJECTIVE_FIRST, KIND_AFTER_SPAN, KNOWN_PLACE, GEOGRAPHIC_WORD)


def _from_ner(tokens, ctx):
    words = words_of(tokens)
    first = tokens[0].index
    if not words or not _plausible(tokens, ctx) or _in_title(ctx, first) or _in_name(ctx.tokens, first):
        return
    yield location_from_words(words, ctx.tokens_span(tokens), ctx.lexicons)


def _region(match, ctx):
    words = words_of(match.tokens)
    named = named_kinds(ctx.lexicons)
    head = [p for p in parse(words[-1].lower()) if p.tag.POS == "NOUN" and p.normal_form in named]
    if head and at_sentence_start(ctx.text, match.span.start):
        return  # "Новое здание", "Общая площадь": a common phrase starting a sentence
    head = [p for p in head if all(any(a.tag.POS == "ADJF" and a.tag.case == p.tag.case
                                       and a.tag.number == p.tag.number for a in parse(w.lower()))
                                   for w in words[:-1])]
    head.sort(key=lambda p: p.tag.case != "nomn")  # "Виргинские острова" is nominative plural
    if head and len(words) > 1:
        # "Воробьёвых гор" -> "Воробьёвы горы": adjectives agree with the kind word, plural too
        yield Location(spans=[ctx.match_span(match)], name=" ".join(_nominative(words, head[0])),
                       kind=place_kind_of(words[-1], ctx.lexicons))
        return
    yield location_from_words(words, ctx.match_span(match), ctx.lexicons)


def _regions(match, ctx):
    """One place per adjective, each with the kind word in the singular: "в Калужском и
    Тульском районах" -> Калужский район, Тульский район (the last one's span holds the kind
    word)."""
    parts = fact_tokens(match)
    kind_token = parts["kind"][0]
    kind_words = words_of(parts.get("adjectives", []) + [kind_token])  # "автономных округах"
    kind = place_kind_of(kind_token.value, ctx.lexicons)
    heads = [p for p in parse(kind_token.value.lower()) if p.tag.POS == "NOUN" and p.tag.number == "plur"]
    singular = heads and heads[0].inflect({"sing", "nomn"})
    if not singular or kind is None:
        return
    adjectives = parts["names"]
    for i, tokens in enumerate(adjectives):
        words = words_of(tokens)
        last = i == len(adjectives) - 1
        span = ctx.tokens_span(tokens + parts.get("adjectives", []) + [kind_token] if last else tokens)
        yield Location(spans=[span], name=" ".join(_nominative(words + kind_words, singular)), kind=kind)


def _site(match, ctx):
    kind = place_kind_of(fact_tokens(match)["kind"][0].value, ctx.lexicons)
    for name in fact_tokens(match)["names"]:
        inner = ctx.text[name[0].span.stop:name[-1].span.start]
        yield Location(spans=[ctx.tokens_span(name)], name=inner, kind=kind)


def _named(match, ctx):
    """A kind word of a facility or natural place with its name:
    - in apposition: "мысе Канаверал", "Вашингтонском аэропорту Рейган", "курорт Куршевель"
      (the whole phrase is the place, named in the nominative: "мыс Канаверал");
    - in the genitive: "здании Капитолия" (the place is "Капитолий"; "здание" is a bare kind
      word), unless the name is a body's: "здание Госдумы";
    - a country after it: "Восточное побережье США" (one place; the country is inside it)."""
    parts = fact_tokens(match)
    lexicons = ctx.lexicons
    kind_token, name_tokens = parts["kind"][0], parts["name"]
    kind_parses = [p for p in parse(kind_token.value.lower()) if p.tag.POS == "NOUN"
                   and p.normal_form in named_kinds(lexicons)]
    adjectives = parts.get("adjectives", [])
    cases = {BASE_CASE.get(p.tag.case, p.tag.case) for p in kind_parses}
    if not all(any(p.tag.POS == "ADJF" and BASE_CASE.get(p.tag.case, p.tag.case) in cases
                   for p in parse(a.value.lower())) for a in adjectives):
        adjectives = []  # "Большим аэропорту": no agreement, no part of the name
    if not adjectives and all(p.tag.number == "plur" for p in kind_parses):
        return  # "на островах Ява и Бали": a plural kind word names no one place
    start = (adjectives or [kind_token])[0]
    kind = place_kind_of(kind_token.value, lexicons)
    head_words = words_of(adjectives) + [kind_token.value]
    name_words = words_of(name_tokens)
    if name_words[0] == "имени":
        # "аэропорту имени Рональда Рейгана": named after a person, the whole is the place
        yield Location(spans=[ctx.span(start.span.start, match.span.stop)], kind=kind,
                       name=" ".join(_nominative(head_words, kind_parses[0]) + name_words))
        return
    if len(name_words) > 2:
        return  # three capitalised words: a person's name or a sentence going on
    first, first_token = name_words[0], name_tokens[0]
    if first_token.ner is not None and first_token.ner.type == "PER" and not first.isascii() \
            and not _unknown(first):
        return  # "у здания Иван Петров": a person after it
    country = known_places(lexicons).get(first.lower()) if first.isupper() else None
    if not country and len(name_words) == 1 and first.isupper():
        return  # an abbreviation: "здание МИД"
    if country and country[1] != "страна":
        return
    if first_token.in_lexicon("org_kinds") or first_token.in_lexicon("org_names") or \
            first_token.ner is not None and first_token.ner.type == "ORG":
        return  # "здание Госдумы": a body's name
    name_parses = [p for p in parse(first) if getattr(p, "is_known", True)]
    name_cases = {BASE_CASE.get(p.tag.case, p.tag.case) for p in name_parses if p.tag.case}
    # after these kind words a name in apposition stays nominative ("на мысе Канаверал",
    # "в аэропорту Шереметьево"); a declined one is the genitive of a possessor
    if not country and not first.isascii() and name_parses and "nomn" not in name_cases:
        if "gent" not in name_cases or any(
                {"Name", "Surn", "Patr"} & p.tag.grammemes or p.tag.POS == "ADJF" for p in name_parses):
            return  # "парке Горького": a person's name
        if adjectives:
            return  # "Большого здания Сената": not a name of the place
        # "здании Капитолия": the place is "Капитолий"; "здание" is a bare kind word
        name = nominative_phrase(name_words)
        canonical, known_kind = known_places(lexicons).get(name.lower(), (name, None))
        yield Location(spans=[ctx.tokens_span(name_tokens)], name=canonical, kind=known_kind or kind)
        return
    yield Location(spans=[ctx.span(start.span.start, match.span.stop)], kind=kind,
                   name=" ".join(_nominative(head_words, kind_parses[0]) + name_words))


def _unknown(word: str) -> bool:
    return not any(getattr(p, "is_known", True) for p in parse(word))


def _known(ctx):
    """Names from places.tsv written capitalised (KNOWN_PLACE)."""
    known_place = _activated()[2]
    for token in ctx.tokens:
        if known_place(token) and _free(ctx, token):
            row = ctx.lexicons.row("places", [token])
            if row is not None:
                yield Location(spans=[ctx.tokens_span([token])], name=row[1] if len(row) > 1 and row[1] else row[0],
                               kind=row[2] if len(row) > 2 and row[2] else None)


def _geographic_words(ctx):
    """Place names pymorphy3 knows (GEOGRAPHIC_WORD), not in quotes („Арктика“, a restaurant)
    or a site's address ("Фонтанка.ru")."""
    adjective_first, _, _, geographic_word = _activated()
    tokens = ctx.tokens
    for token in tokens:
        if not geographic_word(token):
            continue
        i = token.index
        quoted = i > 0 and tokens[i - 1].value in _QUOTE_MARKS
        address = i + 1 < len(tokens) and tokens[i + 1].glued and tokens[i + 1].value == "."
        if not quoted and not address and _free(ctx, token):
            # a capitalised adjective before it is part of the name: "Южной Калифорнии"
            before = tokens[i - 1] if i > 0 else None
            named = before is not None and before.value[:1].isupper() and adjective_first(before) and \
                _same_case(before, token) and not at_sentence_start(ctx.text, before.span.start)
            words = [before, token] if named else [token]
            yield location_from_words([t.value for t in words], ctx.tokens_span(words), ctx.lexicons)


_QUOTE_MARKS = frozenset('«"„“\'')


def _free(ctx, token) -> bool:
    """A capitalised word alone is a place name where nothing says otherwise: not at a
    sentence's start (where a common word is capitalised too: "Земля под застройку"), in a
    title or in an event's or a document's name."""
    return not at_sentence_start(ctx.text, token.span.start) and not _in_title(ctx, token.index) and \
        not _in_name(ctx.tokens, token.index)


def grammars(lexicons) -> list[Grammar]:
    return [
        Grammar(name="locations.ner", find=_ner_places, priority=10),
        Grammar(name="locations.region", rule=REGION, interpret=_region, priority=20,
                triggers=Triggers(lexicons={"place_kinds"}), anchors=REGION_ANCHORS),
        Grammar(name="locations.regions", rule=COORDINATED_REGIONS, interpret=_regions, priority=20,
                # a list of regions starts at a capitalised Russian word: predicted there only
                triggers=Triggers(lexicons={"place_kinds"}), anchors=Anchors(and_(RU, is_capitalized()))),
        Grammar(name="locations.site", rule=SITE, interpret=_site, priority=30,
                triggers=Triggers(lexicons={"place_kinds:site"})),
        Grammar(name="locations.named", rule=NAMED_PLACE, interpret=_named, priority=25,
                triggers=Triggers(lexicons={"place_kinds:named"})),
        Grammar(name="locations.known", find=_known, priority=5, triggers=Triggers(lexicons={"places"})),
        Grammar(name="locations.geographic", find=_geographic_words, priority=4),
    ]
