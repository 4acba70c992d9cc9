"""Organizations: yargy noun phrases around a kind word, plus slovnet ORG spans, repaired.

- `organizations.phrase`: a head noun from `org_kinds.txt` with agreeing modifiers before
  it, a bounded genitive tail after it (coordinated with "и" and commas), a "по ..." tail
  for heads that take one, and an optional "(ABBR)" and quoted name:
  "Торгово-промышленной палаты Российской Федерации", "Центр развития экспорта,
  промышленности и инвестиций «Моспром»", "компании «СтанкоМашСтрой»", "АО «ОЭЗ «Лотос»".
- `organizations.known`: names from `org_names.txt` that the tagger misses or calls places
  ("МИД РФ", "Евросоюза", "Конгресса США").
- `organizations.ner`: slovnet ORG spans repaired: quotes balanced, a bracketed name split
  off ("Национального фронта (FN)"), the kind word before the name taken in ("компании
  Harles und Jentzsch"), words before the kind word dropped ("главой администрации США");
  events, documents (`not_orgs.txt`), places, sites, web sites naming themselves and
  page-menu lines dropped; PER spans that are quoted names taken ("«Моспром»").
A country in the genitive after a body's name is part of it ("ВВС США"); a quoted or Latin
name after a word for a thing (thing_kinds.txt: "шаттл «Дискавери»") is no organization; a
kind word with a proper name is named by the proper name ("компании Harles und Jentzsch"
-> Harles und Jentzsch, alias "компания Harles und Jentzsch").
Names are nominative: the words up to the head are declined with agreement, the tail and
quoted parts stay as written. Lexicons: org_kinds.txt (kinds and how they name bodies),
org_names.txt, not_orgs.txt, thing_kinds.txt.
"""
from __future__ import annotations

import re
from functools import lru_cache

from fakty.grammar import Grammar, Triggers
from fakty.grammars import lexicon, table
from fakty.words import at_sentence_start, is_site, known_places, named_kinds, word_before_names
from fakty.morph import lemma, nominative_phrase, parse
from fakty.records import Organization

OPEN, CLOSE = "«", "»"
QUOTES = "«»\""


@lru_cache(maxsize=None)
def kinds() -> dict[str, tuple[str, frozenset[str]]]:
    """entry (lowercase lemma, or an abbreviation as written) -> (kind, flags)."""
    out = {}
    for row in table("org_kinds.txt"):
        kind = row[1] if len(row) > 1 and row[1] else row[0]
        flags = frozenset(row[2].split()) if len(row) > 2 else frozenset()
        out[row[0]] = (kind, flags)
    return out


@lru_cache(maxsize=50_000)
def kind_of(word: str) -> tuple[str, frozenset[str]] | None:
    """Kind and flags of a head word ('Министерства' -> министерство, 'ОЭЗ' -> ОЭЗ)."""
    known = kinds()
    if word in known:
        return known[word]
    if "-" in word.strip("-"):
        return kind_of(word.rsplit("-", 1)[1])  # "пресс-службы"
    for p in parse(word.lower()):
        if p.tag.POS == "NOUN" and p.normal_form in known:
            return known[p.normal_form]
    return None


@lru_cache(maxsize=None)
def not_org_lemmas() -> frozenset[str]:
    return frozenset(lexicon("not_orgs.txt"))


# --- quotes ------------------------------------------------------------------------------

def quoted_end(text: str, i: int, window: int = 150) -> int | None:
    """End of the quoted name opening at text[i], nested quotes balanced; None if it never
    closes on this line. One closing » may close two («ОЭЗ «Лотос» at the end of a name)."""
    depth, j, limit = 0, i, min(len(text), i + window)
    while j < limit:
        c = text[j]
        if c == "\n":
            return None
        if c == OPEN or (c == '"' and _opens(text, j)):
            depth += 1
        elif c == CLOSE or c == '"':
            depth -= 1
            if depth <= 0:
                return j + 1
            following = _next_quote(text, j + 1, limit)
            if following is None or text[following] == OPEN or (
                    text[following] == '"' and _opens(text, following)):
                return j + 1  # no other closing quote comes: this one closes them all
        j += 1
    return None


def _opens(text: str, j: int) -> bool:
    """A straight quote opens when nothing but space or an opening quote is before it."""
    return j == 0 or text[j - 1].isspace() or text[j - 1] in "«(\"" and j + 1 < len(text) and not text[j + 1].isspace()


def _next_quote(text: str, start: int, limit: int) -> int | None:
    for k in range(start, limit):
        if text[k] in QUOTES:
            return k
        if text[k] == "\n":
            return None
    return None


_ABBR = re.compile(r"\s*\(([A-ZА-ЯЁ][A-ZА-ЯЁа-яё0-9\- ]{0,14}[A-ZА-ЯЁ0-9])\)")


def extend_right(text: str, stop: int) -> tuple[int, str | None, bool]:
    """After a name: an optional "(ABBR)" and a quoted name. -> (new stop, abbreviation,
    whether a quoted name was taken)."""
    abbreviation = None
    m = _ABBR.match(text, stop)
    if m and sum(c.isupper() for c in m.group(1)) >= 2:
        abbreviation, stop = m.group(1), m.end()
    j = stop
    while j < len(text) and text[j] in " \u00a0":
        j += 1
    if j + 1 < len(text) and text[j] in (OPEN, '"') and (text[j + 1].isupper() or text[j + 1].isdigit()
                                                        or text[j + 1] in QUOTES):
        end = quoted_end(text, j)
        if end is not None and end - j > 2 and _name_like(text[j + 1:end - 1]):
            return end, abbreviation, True
    latin = _LATIN_NAME.match(text, j) if j > stop and not abbreviation else None
    if latin:
        return latin.end(), None, True  # "компании Microsoft", "фонд Elevation Partners"
    return (m.start() if abbreviation else stop), abbreviation, False


def _name_like(quoted: str) -> bool:
    """A quoted name, not a quoted sentence: «Vestas не желает сохранить наш завод»."""
    words = re.findall(r"\w+", quoted)
    return 0 < len(words) <= 8 and not any(
        parse(w)[0].tag.POS == "VERB" for w in words if not w[:1].isupper() and parse(w))


_LATIN_NAME = re.compile(r"[A-Z][\w&'.-]*[\w&](?: (?:[A-Z0-9][\w&'.-]*[\w&]|of|and|und|&))*")


def balance(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """A span with its quotes balanced: an opening quote just before it is taken in, a cut
    quoted name is completed, a quote that never closes is dropped. None if nothing is left."""
    if start > 0 and text[start - 1] in (OPEN, '"') and text[start] not in QUOTES:
        start -= 1
    q = next((k for k in range(start, stop) if text[k] in (OPEN, '"')), None)
    if q is not None:
        end = quoted_end(text, q)
        if end is not None:
            stop = max(stop, end)
        elif q == start:
            start += 1
        else:
            stop = q
    while stop > start and (text[stop - 1] in " ,.;:-(" or
                            (text[stop - 1] in QUOTES and _unbalanced(text[start:stop]))):
        stop -= 1
    while start < stop and text[start] in " ,.;:-»)":
        start += 1
    return (start, stop) if stop > start else None


def _unbalanced(s: str) -> bool:
    return s.count(OPEN) < s.count(CLOSE) or s.count('"') % 2 == 1


# --- names -------------------------------------------------------------------------------

_CHUNK = re.compile(r"\S+")


def nominative_name(text: str, head_stop: int | None = None) -> str:
    """Nominative name of a mention: words up to the head (its end offset in `text`, or the
    first noun) put into the nominative with agreement; the rest as written."""
    q = next((k for k, c in enumerate(text) if c in QUOTES), len(text))
    declined = text[: head_stop if head_stop is not None else q]
    words = _CHUNK.findall(declined)
    if not words or any(not w[:1].isalpha() for w in words):
        return text
    head = len(words) - 1 if head_stop is not None else None
    if head is None and len(words) > 1 and kind_of(words[-1]) is None:
        # no head given: decline up to the first noun only when it leads the phrase
        return nominative_phrase(words) + text[len(declined):] if _all_one_case(words) else text
    return nominative_phrase(words, head=head) + text[len(declined):]


def _all_one_case(words: list[str]) -> bool:
    """'Российского союза': every word can be in one case (so declining is safe)."""
    cases = None
    for w in words:
        options = {p.tag.case for p in parse(w) if p.tag.case}
        cases = options if cases is None else cases & options
    return bool(cases)


def org_record(ctx, start: int, stop: int, head_stop: int | None = None,
               abbreviation: str | None = None) -> Organization:
    text = ctx.text[start:stop]
    kind = None
    for word in re.findall(r"[\w-]+", text[: head_stop - start] if head_stop else text):
        found = kind_of(word)
        if found:
            kind = found[0]
            break
        if not head_stop and any(p.tag.POS == "NOUN" for p in parse(word)[:1]):
            break  # the kind is the head's: "Отдела по ... общества" is no общество
    proper = _PROPER_AFTER_KIND.fullmatch(text) if not abbreviation else None
    if proper and kind and kind_of(proper.group("kind")) and (
            at_sentence_start(ctx.text, start) or not text[:1].isupper()):
        # "немецкой компании Harles und Jentzsch", "компании «СтанкоМашСтрой»": the name is
        # the proper name; the kind word with it is an alias, the adjectives are no part of it
        kind_start = start + proper.start("kind")
        alias = nominative_name(ctx.text[kind_start:stop], proper.end("kind") - proper.start("kind"))
        return Organization(spans=[ctx.span(kind_start, stop)], name=proper.group("name"), kind=kind,
                            aliases=[" ".join(alias.split())])
    name = nominative_name(text, head_stop - start if head_stop else None)
    if abbreviation:
        name = name.replace(f"({abbreviation})", " ")
    name = " ".join(name.split())
    return Organization(spans=[ctx.span(start, stop)], name=name, kind=kind,
                        abbreviation=abbreviation)


# lower-case adjectives, a lower-case kind word (capitalised only at a sentence start), then a
# quoted name or a name in Latin letters
_PROPER_AFTER_KIND = re.compile(
    r"(?:[а-яё-]+ ){0,3}(?P<kind>[А-ЯЁа-яё][а-яё-]+) "
    r"(?P<name>«[^«»]*(?:«[^«»]*»)?[^«»]*»|\"[^\"]+\"|[A-Z][\w&'.-]*(?: [\w&'.-]+)*)")


# --- the noun-phrase grammar -------------------------------------------------------------

_NOT_IN_TAIL = {"итог", "слово", "данные", "мнение", "поручение", "результат", "инициатива",
                "причина", "счёт", "сравнение", "оценка", "случай", "время", "год", "месяц"}


def _is_singular_head(word: str) -> bool:
    """'палаты', 'Союза': a kind word in the genitive singular starts a new organization in a
    list; 'кластеров', 'технопарков' (plural) belong to the name before them."""
    return any(p.tag.POS == "NOUN" and p.tag.case == "gent" and p.tag.number == "sing"
               and p.normal_form in kinds() for p in parse(word.lower()))


def _mostly_adjective(word: str) -> bool:
    """'главой' has a guessed adjective reading, but it is a noun."""
    parses = parse(word.lower())
    return bool(parses) and parses[0].tag.POS in ("ADJF", "PRTF")


def _is_person_name(word: str) -> bool:
    """'Евгения', 'Минченко': a name ends the tail ("института ... Евгения Минченко")."""
    parses = parse(word)
    return bool(parses) and word[:1].isupper() and bool({"Name", "Surn", "Patr"} & parses[0].tag.grammemes)


def _phrase_rule():
    from yargy import and_, not_, or_, rule
    from yargy.predicates import (custom, dictionary, eq, gram, in_, is_capitalized,
                                  is_upper, type as token_type)
    from yargy.relations import gnc_relation

    heads = {k for k in kinds() if k.islower()}
    po_heads = {k for k, (_, flags) in kinds().items() if "po" in flags}
    abbreviations = {k for k in kinds() if not k.islower()}
    singular_heads = custom(_is_singular_head)
    legal = {k for k, (_, flags) in kinds().items() if "legal" in flags}
    word = and_(token_type("RU"), custom(lambda v: len(v) > 1),
                not_(gram("PREP")), not_(gram("CONJ")), not_(gram("PRCL")), not_(gram("NPRO")))
    adj = and_(word, or_(gram("ADJF"), gram("PRTF")), not_(gram("Apro")), custom(_mostly_adjective))
    sep = or_(eq(","), eq("и"))

    gnc = gnc_relation()
    modifier = or_(rule(adj.match(gnc)), rule(token_type("RU"), eq("-"), adj.match(gnc)))
    head = and_(gram("NOUN"), dictionary(heads))

    gen_adj_word = and_(adj, gram("gent"))
    gen_adj = or_(rule(gen_adj_word), rule(token_type("RU"), eq("-"), gen_adj_word))
    cap_gen_adj = or_(rule(and_(gen_adj_word, is_capitalized())),
                      rule(and_(token_type("RU"), is_capitalized()), eq("-"), gen_adj_word))
    gen_mods = rule(gen_adj, rule(sep.optional(), gen_adj).repeatable(max=3).optional())
    gen_noun = and_(word, gram("NOUN"), gram("gent"), not_(dictionary(_NOT_IN_TAIL)), not_(in_(legal)),
                    not_(custom(_is_person_name)))
    abbr = and_(token_type("RU"), is_upper(), custom(lambda v: len(v) > 1), not_(in_(legal)))
    common = rule(gen_mods.optional(), and_(gen_noun, not_(is_capitalized())))
    coordinated = rule(gen_mods.optional(), and_(gen_noun, not_(is_capitalized()), not_(singular_heads)))
    # "Лос-Анджелеса", "Санкт-Петербурга": a hyphenated proper name
    hyphenated = rule(and_(token_type("RU"), is_capitalized()), eq("-"), and_(gen_noun, is_capitalized()))
    proper = or_(rule(cap_gen_adj, gen_adj.repeatable(max=2).optional(), gen_noun),
                 rule(and_(gen_noun, is_capitalized())), rule(abbr), hyphenated)
    common_seq = rule(common, rule(sep.optional(), coordinated).repeatable(max=5).optional())
    proper_seq = proper.repeatable(max=3)
    # after "и" a new organization may start: "Союза машиностроителей и Торгово-промышленной палаты"
    proper_coordinated = rule(or_(rule(cap_gen_adj, gen_adj.repeatable(max=2).optional(),
                                       and_(gen_noun, not_(singular_heads))),
                                  rule(and_(gen_noun, is_capitalized(), not_(singular_heads))),
                                  rule(abbr)),
                              proper.repeatable(max=2).optional())
    tail = or_(rule(common_seq, or_(proper_seq, rule(eq("и"), proper_coordinated)).optional()),
               proper_seq)

    dat_adj = and_(adj, gram("datv"), not_(is_capitalized()))
    dat_np = rule(dat_adj.repeatable(max=2).optional(),
                  and_(word, gram("NOUN"), gram("datv"), not_(dictionary(_NOT_IN_TAIL)),
                       not_(is_capitalized())),
                  common.optional())
    po = rule(eq("по"), dat_np, rule(sep, dat_np).repeatable(max=5).optional())

    # "Движение против нелегальной иммиграции", "Движение в защиту Химкинского леса"
    pp_heads = {k for k, (_, flags) in kinds().items() if "pp" in flags}
    any_adj = and_(word, or_(gram("ADJF"), gram("PRTF")), not_(gram("Apro")))
    any_noun = and_(word, gram("NOUN"), not_(custom(_is_person_name)))
    complement = rule(or_(rule(in_({"против", "за"})), rule(eq("в"), in_({"защиту", "поддержку"}))),
                      any_adj.repeatable(max=3).optional(), any_noun, or_(common_seq, proper_seq).optional())

    mods = modifier.repeatable(max=3).optional()
    return or_(
        rule(mods, and_(head, dictionary(po_heads)).match(gnc), tail.optional(), po),
        rule(mods, and_(head, dictionary(pp_heads)).match(gnc), tail.optional(), complement),
        rule(mods, head.match(gnc), tail.optional()),
        rule(and_(head, is_capitalized())),  # "Ассоциация": a short name, if it links
        rule(in_(abbreviations), tail.optional()),
    )


def is_anaphor(org: Organization) -> bool:
    """A bare kind word ("Ассоциация", "Центра", "ОЭЗ"): resolve joins it to the one
    organization it can stand for, or drops it."""
    found = kind_of(org.name) if " " not in org.name else None
    # a known name of another kind is a name: "Дума" (парламент)
    return bool(org.kind) and org.name.lower() == org.kind.lower() or (
        found is not None and "alone" not in found[1] and org.kind in (None, found[0]))


def _interpret_phrase(match, ctx):
    tokens = match.tokens
    text = ctx.text
    head_index = next((i for i, t in enumerate(tokens) if kind_of(t.value)), None)
    if head_index is None:
        return
    while len(tokens) > head_index + 1 and re.match(r"-\w", text[tokens[-1].span.stop:tokens[-1].span.stop + 2]):
        tokens = tokens[:-1]  # "правительства премьер-министр": half a word is no tail
    people = [s.start for s in ctx.ner_spans("PER")]
    while len(tokens) > head_index + 1 and any(tokens[-1].span.start >= p > tokens[head_index].span.start
                                               for p in people):
        tokens = tokens[:-1]  # "Конгресса США Гэбриэль Гиффордс": a person's name ends the tail
    head = tokens[head_index]
    _, flags = kind_of(head.value)
    start, stop = tokens[0].span.start, tokens[-1].span.stop
    if inside_quotes(text, start) and not _in_quoted_speech(text, start):
        return  # a phrase in a title: «Эффективный технопарк: меры поддержки»
    if head_index == 0:
        # "пресс-службы": a hyphenated head
        m = re.search(r"(?<![\w-])\w+-$", text[:start])
        if m:
            start = m.start()
    if head_index < len(tokens) - 1 and any(p.normal_form in _PLACE_WORDS for p in parse(tokens[-1].value.lower())):
        # the place's name after its kind word, in any case: "собрания района Отрадное"
        for _ in range(2):
            named = re.match(r" [А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?(?![\w-])", text[stop:])
            if not named or _is_person_name(named.group().strip()):
                break  # "района Отрадное Михаил Вельмакин": the name of a person is no place
            stop += named.end()
    stop, abbreviation, quoted = extend_right(text, stop)
    modifiers = [t.value for t in tokens[:head_index] if t.value != "-"]
    tail = [t.value for t in tokens[head_index + 1:]]
    first_upper = tokens[0].value[:1].isupper()
    sentence_start = at_sentence_start(text, start)
    singular = any(p.tag.number == "sing" for p in parse(head.value) if p.tag.POS == "NOUN") \
        or head.value.isupper()
    if len(tokens) == 1 and not quoted and not head.value.isupper():
        if _match_at(tokens, 0):
            return  # a known name: "Дума"
        ok = head.value[:1].isupper() and singular  # resolve keeps it only if it links
    elif quoted or "alone" in flags:
        ok = True
    elif not singular:
        ok = False
    elif "part" in flags and not first_upper and _inner_org(ctx, tokens, head_index) is not None:
        ok = True  # "президиума Экспертного совета"
    elif "state" in flags and (
            any(_is_place_adjective(w) for w in modifiers) or any(_is_place_word(w) for w in tail)):
        ok = True  # "японское правительство", "правительство Израиля", "лондонская полиция"
    elif first_upper and sentence_start and "generic" in flags and not modifiers:
        # "Центр города перекрыт", "Группа учёных": a common word starting a sentence
        ok = any(w[:1].isupper() for w in tail)
    elif first_upper:
        # "Агентство экономического развития", "Торгово-промышленной палаты", "ОЭЗ Москвы"
        ok = bool(tail) or bool(modifiers) and not sentence_start
    elif "name" in flags:
        ok = bool(tail)  # "министерство промышленности и торговли края"
    else:
        # lower case: identified by a place ("фармацевтический кластер столицы",
        # "пензенского станкостроительного кластера"), never a common word alone
        ok = "generic" not in flags and (
            modifiers and any(_is_place_word(w) for w in tail)
            or any(_is_local_adjective(w) for w in modifiers) and (len(modifiers) > 1 or tail))
    if not ok:
        return
    record = org_record(ctx, start, stop, head.span.stop, abbreviation)
    if record.name.split(" «")[0].lower() in known_places() or _is_place_head(record.name):
        return  # "Российская Федерация" is a country
    inner = _inner_org(ctx, tokens, head_index)
    if inner is not None:
        inner = inner.model_copy(update={"id": ctx.new_id()})
        record = record.model_copy(update={"parent_id": inner.id})
        yield inner
    record, latin = _with_latin_name(ctx, stop, record)
    yield record
    yield from latin
    if abbreviation:
        # the abbreviation defined here is a mention of its own: "(ОЭЗ)"
        at = text.find("(" + abbreviation + ")", tokens[-1].span.stop, tokens[-1].span.stop + 30)
        if at != -1 and not quoted:
            yield Organization(spans=[ctx.span(at + 1, at + 1 + len(abbreviation))],
                               name=abbreviation, kind=record.kind, abbreviation=abbreviation)


def _inner_org(ctx, tokens, head_index: int) -> Organization | None:
    """The named body inside a phrase's genitive tail, which the phrase's body belongs to:
    "Политическое бюро [Национального фронта]", "комитет [Государственной Думы] по ...",
    "канцелярия [правительства Израиля]", "Института ... [РАН]". After a head that names a
    part of a body (flag `part`), a capitalised kind word (or a run of adjectives starting
    capitalised before a kind word) starts it; after any head, an abbreviation that is no
    kind and no place. It runs to "по", a comma or "и"."""
    part = "part" in kind_of(tokens[head_index].value)[1]
    coordinated = False
    for i in range(head_index + 1, len(tokens)):
        value = tokens[i].value
        if value == "по":
            return None
        if value in (",", "и"):
            coordinated = True  # after "и" only an abbreviation: "Института ... и антропологии РАН"
            continue
        known = _match_at(tokens, i) if part and not coordinated else None
        if known:
            # a known name: "Палаты представителей [Конгресса США]"
            last = min(len(tokens), i + len(known)) - 1
            if last + 1 < len(tokens) and tokens[last + 1].value[:1].isupper() and \
                    tokens[last + 1].value.lower() in known_places():
                last += 1
            record = org_record(ctx, tokens[i].span.start, tokens[last].span.stop)
            return record.model_copy(update={"kind": known_names()[known]})
        abbreviation = value.isupper() and len(value) > 1 and value.isalpha() and value not in kinds() and (
            (value,) in known_names()
            or value.lower() not in known_places() and not _is_place_abbreviation(ctx, tokens[i]))
        kind = kind_of(value) if part and not value.isupper() and not coordinated and _is_singular_head(value) else None
        if not abbreviation and not kind:
            continue
        first = i
        while first - 1 > head_index:
            if tokens[first - 1].value == "-" and first - 2 > head_index:
                first -= 2  # "Экспертно-консультативного"
            elif _mostly_adjective(tokens[first - 1].value):
                first -= 1
            else:
                break
        while first < i and not tokens[first].value[:1].isupper():
            first += 1
        if not abbreviation and not tokens[first].value[:1].isupper() and not (
                "state" in kind_of(value)[1] and any(_is_place_word(t.value) for t in tokens[i + 1:])):
            continue  # "Отдел ... общества": a common word; but "правительства Израиля"
        last = i
        while last + 1 < len(tokens) and tokens[last + 1].value not in (",", "и", "по", "(", "«", '"'):
            last += 1
        if first == last == i and not abbreviation and "alone" not in kind_of(value)[1]:
            return None  # a bare kind word names no body: "Совет Федерации"
        start, stop = tokens[first].span.start, tokens[last].span.stop
        record = org_record(ctx, start, stop, None if abbreviation else tokens[i].span.stop)
        if record.name.lower() in known_places() or _is_place_head(record.name):
            return None  # "палаты Российской Федерации": a country
        if abbreviation and known_names().get((value,)):
            record = record.model_copy(update={"kind": known_names()[(value,)]})  # "РАН": академия
        return record
    return None


def _is_place_abbreviation(ctx, token) -> bool:
    """'СССР', 'КНДР': pymorphy or the tagger calls it a place."""
    return any("Geox" in p.tag for p in parse(token.value)) or any(
        s.start <= token.span.start and token.span.stop <= s.stop for s in ctx.ner_spans("LOC"))


_PLACE_WORDS = {"столица", "город", "край", "область", "регион", "республика", "страна", "округ",
                "район", "посёлок", "село", "деревня", "штат", "провинция"}


def _is_place_word(word: str) -> bool:
    """'столицы', 'края', 'Москвы': a tail word that ties a body to a place."""
    parses = parse(word)
    return any(p.normal_form in _PLACE_WORDS or "Geox" in p.tag for p in parses)


@lru_cache(maxsize=None)
def _local_stems() -> frozenset[str]:
    return frozenset(name[:4].lower() for name, (_, kind) in known_places().items()
                     if kind not in ("страна", "часть света", None))


@lru_cache(maxsize=None)
def _place_stems() -> frozenset[str]:
    return frozenset(name[:4].lower() for name in known_places() if len(name) >= 4)


def _is_place_adjective(word: str) -> bool:
    """'японского', 'российское', 'московские': an adjective of a country, region or city."""
    return _adjective_of(word, _place_stems())


def _is_local_adjective(word: str) -> bool:
    """'столичной', 'пензенского', 'московского': an adjective of a city or region."""
    return _adjective_of(word, _local_stems())


def _adjective_of(word: str, stems: frozenset[str]) -> bool:
    """Is the word an adjective made from a place whose name starts with one of `stems`?"""
    for p in parse(word.lower()):
        if p.tag.POS == "ADJF":
            lemma_ = p.normal_form
            return lemma_ == "столичный" or (lemma_.endswith(("ский", "цкий")) and lemma_[:4] in stems)
    return False


def _is_place_head(name: str) -> bool:
    words = name.split()
    return any(" ".join(words[:n]).lower() in known_places() for n in (2, 3) if n <= len(words))


def inside_quotes(text: str, start: int) -> bool:
    before = text[:start]
    return before.count(OPEN) > before.count(CLOSE) or before.count('"') % 2 == 1


def _in_quoted_speech(text: str, start: int) -> bool:
    """Inside a quoted sentence rather than a quoted title: «Политическое бюро ... выдвинуло»."""
    opening = max(text.rfind(OPEN, 0, start), text.rfind('"', 0, start))
    end = quoted_end(text, opening, window=600) if opening != -1 else None
    return not _name_like(text[opening + 1:(end - 1) if end else len(text)])


def _is_event_name(text: str) -> bool:
    """Does the name hold a word of an event, document or product (not_orgs.txt)?"""
    return any(lemma(w.lower()) in not_org_lemmas() for w in re.findall(r"\w+", text))


# --- names of things --------------------------------------------------------------------

@lru_cache(maxsize=None)
def thing_lemmas() -> frozenset[str]:
    return frozenset(lexicon("thing_kinds.txt"))


# back over other quoted names and "и" / commas: "шаттлы «Индевор» и «Атлантис»"
_FIRST_WORD = re.compile(r"[«\"]?([\w-]+)")


def names_a_thing(text: str, start: int) -> bool:
    """Whether the name at text[start] follows a word for a thing that is no body
    (thing_kinds.txt): "Шаттл «Дискавери»", "шаттлы «Индевор» и «Атлантис»", "робот Curiosity"."""
    first = _FIRST_WORD.match(text, start)
    if first and first.group(1)[:1].isupper():
        cases = {p.tag.case for p in parse(first.group(1)) if p.tag.case}
        if cases and "nomn" not in cases:
            return False  # a possessor, not the thing's own name: "самолёт «Аэрофлота»"
    word = word_before_names(text, start)
    return word is not None and any(p.tag.POS == "NOUN" and p.normal_form.replace("ё", "е") in _thing_lemmas_plain()
                                    for p in parse(word.lower()))


@lru_cache(maxsize=None)
def _thing_lemmas_plain() -> frozenset[str]:
    return frozenset(w.replace("ё", "е") for w in thing_lemmas())


_THING_NAME = re.compile(r"«([^«»\n]{2,60})»|\"([^\"\n]{2,60})\"|(?<![\w-])([A-Z][\w-]*[\w](?: [A-Z0-9][\w-]*)*)")


def thing_names(text: str) -> set[str]:
    """Lower-cased names the text gives to things after a thing word: {"дискавери"}."""
    return {(m.group(1) or m.group(2) or m.group(3)).lower()
            for m in _THING_NAME.finditer(text) if names_a_thing(text, m.start())}


# --- NER spans ---------------------------------------------------------------------------

_WEB = re.compile(r"\w\.(?:ru|рф|su|com|net|org|info|media|city|plus|biz|io|tv)\b", re.I)


def _from_ner(ctx):
    text = ctx.text
    spans = [(s.start, s.stop) for s in ctx.ner_spans("ORG")]
    # a PER span that is a quoted name is an organization: «Моспром»
    spans += [(s.start, s.stop) for s in ctx.ner_spans("PER")
              if s.start > 0 and text[s.start - 1] in (OPEN, '"') and text[s.stop:s.stop + 1] in (CLOSE, '"')]
    people = [(s.start, s.stop) for s in ctx.ner_spans("PER")]
    for start, stop in spans:
        stop = _before_person(text, start, stop, people)
        fixed = balance(text, start, _before_predicate(text, start, stop))
        if fixed is None:
            continue
        start, stop = fixed
        if not _plausible(ctx, start, stop):
            continue
        paren = re.search(r"\s*\(([^()]{2,60})\)$", text[start:stop])
        defined = None
        if paren:
            # "Национального фронта (FN)": the bracketed name is a mention of its own; an
            # abbreviation is the same organization's
            inner_start, inner_stop = start + paren.start(1), start + paren.end(1)
            stop = start + paren.start()
            if _ABBR.fullmatch("(" + paren.group(1) + ")") and sum(c.isupper() for c in paren.group(1)) >= 2:
                defined = paren.group(1)
            else:
                yield org_record(ctx, inner_start, inner_stop)
            if _is_personal_name(text[start:stop]):
                # 'Лонгин Клинский (РПЦ МП)' tagged whole: a person, his organization after him
                if defined:
                    yield org_record(ctx, inner_start, inner_stop)
                continue
        start, head_stop = _from_head(text, start, stop)
        before = re.search(r"([\w-]+) $", text[:start])
        if before and kind_of(before.group(1)) and not kind_of(re.findall(r"[\w-]+", text[start:stop])[0]):
            # "компании Harles und Jentzsch", "независимого еженедельника «Пермский обозреватель»"
            start, head_stop = _with_modifiers(text, before.start(1), before.group(1)), before.end(1)
        stop = country_after(text, stop)  # "Федерация бобслея [России]", "ВВС [США]"
        abbreviation = None
        if text[stop - 1] not in QUOTES:
            words = re.findall(r"[\w-]+", text[start:stop])
            new_stop, abbreviation, quoted = extend_right(text, stop)
            if not quoted or kind_of(words[-1]):  # a quote after "компании" names it
                stop = new_stop
        abbreviation = abbreviation or defined
        record = org_record(ctx, start, stop, head_stop=head_stop, abbreviation=abbreviation)
        record, latin = _with_latin_name(ctx, stop, record)
        yield record
        yield from latin
        if abbreviation:
            at = text.find("(" + abbreviation + ")", stop, stop + 30)
            if at != -1:
                yield Organization(spans=[ctx.span(at + 1, at + 1 + len(abbreviation))],
                                   name=abbreviation, kind=record.kind, abbreviation=abbreviation)


_COUNTRY_WORDS = re.compile(r" ([А-ЯЁA-Z][\w-]*)(?: ([А-ЯЁ][\w-]*))?")


def country_after(text: str, stop: int) -> int:
    """The end of a country named in the genitive right after a body's name, which is part
    of the name ("ВВС США", "Федерации бобслея России", "МИД Российской Федерации"); else
    `stop`."""
    m = _COUNTRY_WORDS.match(text, stop)
    if not m or text[stop - 1:stop] in QUOTES or text[stop - 1:stop] == ")":
        return stop
    for n in (2, 1):
        words = [w for w in m.groups()[:n] if w]
        if len(words) < n:
            continue
        if n == 1 and words[0].isupper():
            name = words[0]  # an abbreviation does not decline: "США", "РФ"
        elif all(any(p.tag.case == "gent" for p in parse(w)) for w in words):
            name = nominative_phrase(words)
        else:
            continue
        place = known_places().get(name.lower())
        if place and place[1] == "страна":
            return m.end(n)
    return stop


def _is_personal_name(name: str) -> bool:
    """Two or three capitalised words, the first a first name pymorphy3 knows."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in words) and any(
        "Name" in p.tag.grammemes and p.is_known and p.score > 0.3 for p in parse(words[0]))


_LATIN_IN_BRACKETS = re.compile(r"(?:\s*\([A-ZА-ЯЁ][\w\- ]{0,14}\))?\s*\((?:[Tt]he )?"
                                r"([A-Z][\w&'.-]*(?: (?:[A-Z][\w&'.-]*|of|to|and|for|della|de|la|&)){0,5})\)")


def _with_latin_name(ctx, stop: int, record: Organization) -> tuple[Organization, list[Organization]]:
    """'концерн «Фольксваген» (Volkswagen)', 'Комитет защиты журналистов (КЗЖ) (Committee to
    Protect Journalists)': the name in Latin letters in brackets after it is a mention of the
    same organization (an alias)."""
    m = _LATIN_IN_BRACKETS.match(ctx.text, stop)
    if not m or m.group(1) in record.name:
        return record, []
    latin = m.group(1)
    alias = Organization(spans=[ctx.span(m.start(1), m.end(1))], name=latin, kind=record.kind)
    return record.model_copy(update={"aliases": record.aliases + [latin]}), [alias]


def _from_head(text: str, start: int, stop: int) -> tuple[int, int | None]:
    """The span from its kind word on, with the adjectives before it, and the kind word's
    end: 'главой администрации США' -> 'администрации США'."""
    for m in re.finditer(r"[\w-]+", text[start:stop]):
        if any(c in text[start:start + m.start()] for c in QUOTES):
            break
        if m.group()[:1].isupper() and m.start() and not kind_of(m.group()):
            break  # "Отдела по взаимоотношениям Церкви и общества": the name started earlier
        if kind_of(m.group()) and not m.group().isupper():
            head_start = start + m.start()
            new_start = _with_modifiers(text, head_start, m.group(), max_words=4)
            return (new_start if new_start > start else start), start + m.end()
    return start, None


def _with_modifiers(text: str, start: int, head: str, max_words: int = 2) -> int:
    """Start of the adjectives before a kind word that agree with it in case."""
    cases = {p.tag.case for p in parse(head) if p.tag.POS == "NOUN"}
    for _ in range(max_words):
        m = re.search(r"([А-ЯЁа-яё-]+) $", text[:start])
        if not m or not _mostly_adjective(m.group(1)) or not any(
                p.tag.POS in ("ADJF", "PRTF") and p.tag.case in cases and "Apro" not in p.tag
                for p in parse(m.group(1))):
            break
        start = m.start(1)
    return start


def _before_person(text: str, start: int, stop: int, people) -> int:
    """'Зенит Андрей Аршавин': the tagger ran on into the name of a person (a PER span, or a
    first name and a capitalised word after it outside quotes); stop before it."""
    for a, b in people:
        if start < a < stop:
            stop = a
    for m in re.finditer(r"[А-ЯЁ][а-яё]+(?= [А-ЯЁ][а-яё]+)", text[start:stop]):
        if m.start() and not any(c in text[start:start + m.start()] for c in QUOTES) and any(
                "Name" in p.tag and "sing" in p.tag and p.score > 0.3 and getattr(p, "is_known", True)
                for p in parse(m.group())):
            return _strip_end(text, start, start + m.start())
    return stop


def _strip_end(text: str, start: int, stop: int) -> int:
    while stop > start and text[stop - 1] in " ,":
        stop -= 1
    return stop


def _before_predicate(text: str, start: int, stop: int) -> int:
    """'Ассоциация представляет': the tagger ran on into the verb; stop before it."""
    for m in re.finditer(r"\w+", text[start:stop]):
        if m.start() and any(p.tag.POS in ("VERB", "INFN") for p in parse(m.group())[:1]):
            return start + m.start()
    return stop


def _plausible(ctx, start: int, stop: int) -> bool:
    """Not an event, a document, a web site, a place, or a line of page furniture."""
    text = ctx.text
    name = text[start:stop]
    words = re.findall(r"\w+", name)
    if not words or _is_event_name(name) or names_a_thing(text, start) or any(
            p.tag.POS == "NOUN" and p.normal_form.replace("ё", "е") in _thing_lemmas_plain()
            for p in parse(words[0].lower())[:1]):
        return False  # "Шаттл «Дискавери»", "«Дискавери»" after it
    around = text[max(0, start - 1):stop + 8]
    if (_WEB.search(around) or re.match(r"\.\w", text[stop:stop + 2])) and (
            not text[:start].strip() or len(text.split()) < 6):
        return False  # a site naming itself, or a menu line: "Smi24.net — ежеминутные новости"
    if not text[:start].strip() and not text[stop:].strip(" .!") and len(words) <= 3 \
            and not any(c in name for c in QUOTES):
        return False  # the whole line is the name: a menu item or a site's name
    if is_site(text, start, stop):
        return False
    head = next((p for w in words for p in parse(w.lower())[:1] if p.tag.POS == "NOUN"), None)
    if head is not None and head.normal_form in named_kinds():
        return False  # "Вашингтонском аэропорту": a place
    if len(words) == 1 and not any(c in name for c in QUOTES):
        parses = parse(words[0])
        if parses and "Geox" in parses[0].tag and not any("Orgn" in p.tag for p in parses):
            return False
    return True


# --- known names ------------------------------------------------------------------------

_ENTRY_WORD = re.compile(r"\w+|[^\w\s]")


@lru_cache(maxsize=None)
def known_names() -> dict[tuple[str, ...], str]:
    """words of a name (as written for abbreviations, lowercase otherwise; a hyphen is a
    word of its own, as the tokenizer has it: "аль - кайда") -> kind."""
    return {words: kind for words, (kind, _) in _known_rows().items()}


@lru_cache(maxsize=None)
def _known_rows() -> dict[tuple[str, ...], tuple[str | None, str]]:
    """words -> (kind, the name as the lexicon writes it, capitalised when a row is)."""
    out: dict[tuple[str, ...], tuple[str | None, str]] = {}
    for row in table("org_names.txt"):
        words = tuple(w if w.isupper() else w.lower() for w in _ENTRY_WORD.findall(row[0]))
        if words not in out or not row[0].islower():
            out[words] = (row[1] if len(row) > 1 else None, row[0])
    return out


@lru_cache(maxsize=None)
def _names_by_first_word() -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(known_names(), key=len, reverse=True):
        out.setdefault(_first_key(words[0]), []).append(words)
    return out


def _first_key(word: str) -> str:
    return word if word.isupper() else word[:3].lower()


def _word_matches(token, word: str) -> bool:
    """An abbreviation as written ('МИД'), other words by lowercase lemma ('Евросоюза') or,
    for foreign names pymorphy does not know, by stem and a case ending ('Аль-Кайды',
    'Хезболлы', 'Интерполу')."""
    value = token.value
    if word.isupper():
        # with a case ending: "МИДа", "МИДе"
        return value == word or value.startswith(word) and len(value) - len(word) <= 2 \
            and value[len(word):].isalpha() and value[len(word):].islower()
    if not word.isalpha():
        return value == word
    lower = value.lower()
    lemmas_ = {f.normalized for f in getattr(token, "forms", ())}
    if lower == word or word in lemmas_:
        return True
    # a guessed lemma no longer than the name: 'Кайды' -> 'кайд'; not 'Сенатора' -> 'сенатор'
    stem = word[:-1] if word[-1] in "аяоеыи" else word
    return len(word) >= 4 and value[:1].isupper() and lower.startswith(stem) \
        and len(lower) - len(stem) <= 2 and lower[len(stem):].isalpha() \
        and all(len(w) <= len(word) for w in lemmas_)


def _match_at(tokens, i: int) -> tuple[str, ...] | None:
    """The longest known name starting at token i."""
    value = tokens[i].value
    upper = re.match(r"[A-ZА-ЯЁ]{2,}", value)  # "МИДе"
    candidates = _names_by_first_word().get(value[:3].lower(), []) + (
        _names_by_first_word().get(upper.group(), []) if upper else [])
    for words in candidates:
        if i + len(words) <= len(tokens) and all(
                _word_matches(t, w) for t, w in zip(tokens[i:i + len(words)], words)):
            return words
    return None


def _known_names(ctx):
    """"МИД РФ", "Евросоюза", "Конгресса США": names from org_names.txt, with a country
    after them taken in."""
    tokens = ctx.tokens
    i = 0
    while i < len(tokens):
        words = _match_at(tokens, i)
        if not words:
            i += 1
            continue
        n, kind = len(words), known_names()[words]
        common = not tokens[i].value.isupper() and any(
            p.tag.POS == "NOUN" and "Orgn" not in p.tag and "Geox" not in p.tag
            and p.score > 0.5 for p in parse(tokens[i].value.lower())[:1])
        if common and n == 1 and (i == 0 or not tokens[i].value[:1].isupper()):
            i += n  # "Конгресс инженеров прошёл": a common word at the start of a sentence
            continue
        stop = i + n
        if stop < len(tokens):
            after = tokens[stop]
            place = known_places().get(after.value.lower()) or known_places().get(lemma(after.value).lower())
            if after.value[:1].isupper() and place and place[1] == "страна":
                stop += 1  # "МЧС России"
        start_offset, stop_offset = tokens[i].span.start, tokens[stop - 1].span.stop
        written = _known_rows()[words][1]
        if written.islower():
            name = nominative_name(ctx.text[start_offset:stop_offset])
        else:  # as the lexicon writes it, a country after it as in the text: "Аль-Кайда"
            name = written + ctx.text[tokens[i + n - 1].span.stop:stop_offset]
        yield Organization(spans=[ctx.span(start_offset, stop_offset)], name=name, kind=kind)
        i = stop


def _known_names_pattern() -> str:
    """Where a known name may start: abbreviations as written (with a case ending after
    them: "МИДа"), other names by their stem ("Евросоюз", "Евросоюза")."""
    stems = set()
    for words in known_names():
        first = words[0]
        if first.isupper():
            stems.add(re.escape(first))
        else:
            stem = re.escape(first[1:max(3, len(first) - 2)])
            stems.add(f"[{first[0].upper()}{first[0]}]{stem}")
    return r"(?<!\w)(?:" + "|".join(sorted(stems)) + ")"


def _hyphenated_heads_pattern() -> str:
    """'пресс-службы', 'бизнес-центра': the tokenizer of the triggers keeps them one word."""
    stems = sorted({re.escape(k[:max(4, len(k) - 2)]) for k in kinds() if k.islower()})
    return r"\w-(?:" + "|".join(stems) + ")"


GRAMMARS = [
    Grammar(name="organizations.phrase", rule=_phrase_rule(), interpret=_interpret_phrase,
            triggers=Triggers(lemmas=frozenset(k for k in kinds() if k.islower()),
                              words=frozenset(k for k in kinds() if not k.islower()),
                              pattern=_hyphenated_heads_pattern()),
            priority=20, budget=60_000),
    Grammar(name="organizations.known", find=_known_names, priority=15,
            triggers=Triggers(pattern=_known_names_pattern())),
    Grammar(name="organizations.ner", find=_from_ner, priority=10),
]
