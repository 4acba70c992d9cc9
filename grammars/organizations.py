"""Organizations: named yargy rules around a kind word, known names, and slovnet ORG spans.

The rules (module level, built over the built-in lexicons; `Rules(lexicons)` builds the same
rules over an Extractor's lexicons, which is what `grammars(lexicons)` uses):

    KIND(flag)          a head noun of org_kinds.txt, with one of its flags (name alone
                        generic legal po pp part state: see the file's header)
    ORG_KIND            any head noun of org_kinds.txt ("министерства", "пресс-службы")
    KIND_ABBREVIATION   an abbreviation of org_kinds.txt ("ОЭЗ", "АО")
    MODIFIERS           adjectives agreeing with the head ("Торгово-промышленной")
    GENITIVE_TAIL       the genitive after the head, coordinated with "и" and commas
                        ("промышленности и торговли Российской Федерации"), ending at a
                        person's name, a word of org_tail_stops.txt or a legal form
    PLACE_NAME          the name after a place word that ends the tail ("района Отрадное")
    PO_TAIL             "по экономической политике" (heads flagged po)
    CAUSE_TAIL          "против нелегальной иммиграции" (heads flagged pp; org_causes.txt)
    BODY                MODIFIERS ORG_KIND GENITIVE_TAIL PO_TAIL/CAUSE_TAIL; a capitalised
                        kind word alone; KIND_ABBREVIATION GENITIVE_TAIL
    ABBREVIATION        "(ОЭЗ)"
    QUOTED_NAME         «Моспром», nested «ОЭЗ «Лотос»» (one closing quote may close both),
                        "Моспром"
    LATIN_NAME          "Microsoft", "Elevation Partners"
    ORGANIZATION        BODY, then ABBREVIATION and a QUOTED_NAME, or a LATIN_NAME
    COUNTRY             a country in the genitive ("России", "США")
    KNOWN_NAME          a name of org_names.txt, one word or several, with a COUNTRY after it
                        ("МЧС России", "Конгресса США", "Аль-Кайды", "МИДе")

Grammars:
- `organizations.phrase`: ORGANIZATION. Whether a matched phrase names a body is a short
  decision over the kind's flags (`_names_a_body`); names are nominative (the words up to the
  head declined with agreement, the rest as written); a kind word with a quoted or Latin name
  is named by that name ("компании «СтанкоМашСтрой»" -> «СтанкоМашСтрой», alias "компания
  «СтанкоМашСтрой»"); the named body inside a part's tail is an organization of its own
  ("президиума [Экспертного совета]").
- `organizations.known`: KNOWN_NAME ("МИД РФ", "Евросоюза").
- `organizations.ner`: slovnet ORG spans repaired: quotes balanced, a bracketed name split
  off ("Национального фронта (FN)"), the kind word before the name taken in ("компании
  Harles und Jentzsch"), words before the kind word dropped ("главой администрации США");
  events, documents (not_orgs.txt), places, sites, web sites naming themselves and page-menu
  lines dropped; PER spans that are quoted names taken ("«Моспром»").
A quoted or Latin name after a word for a thing (thing_kinds.txt: "шаттл «Дискавери»") is no
organization. Lexicons: org_kinds, org_names, not_orgs, thing_kinds, org_tail_stops,
org_place_words, org_causes, place_adjectives.
"""
from __future__ import annotations

import re

from yargy import and_, not_, or_, rule
from yargy.predicates import custom, eq, gram, is_capitalized, is_title, is_upper, type as token_type
from yargy.predicates.constructors import Predicate
from yargy.relations import gnc_relation

from fakty.grammar import Anchors, Grammar, Triggers, lazy_parser
from fakty.lexicons import builtin, fold
from fakty.morph import lemma, match_case, nominative_phrase, parse
from fakty.predicates import glued, lexicon, lexicon_phrase, lexicon_start, ner
from fakty.records import Organization
from fakty.words import (CLOSE, OPEN, QUOTES, at_sentence_start, inside_quotes, is_anaphor, is_site, kind_of,
                         known_name_rows, known_names, known_places, named_kinds, names_a_thing, not_org_lemmas,
                         org_kinds, thing_lemmas)

__all__ = ["Rules", "grammars", "is_anaphor", "kind_of", "inside_quotes", "not_org_lemmas", "known_names"]


# --- predicates over tokens ----------------------------------------------------------------

class _Lemmas(Predicate):
    """A noun with a lemma in `lemmas` (kind words of one flag)."""

    __attributes__ = ["flag"]

    def __init__(self, lemmas, label: str):
        self.lemmas = frozenset(lemmas)
        self.flag = label

    def __call__(self, token) -> bool:
        return "org_kinds" in token.lexicons and any(f.normalized in self.lemmas for f in token.forms) and any(
            "NOUN" in f.grams for f in token.forms)


def _is_person_name(word: str) -> bool:
    """'Евгения', 'Минченко': a name ends the tail ("института ... Евгения Минченко")."""
    parses = parse(word)
    return bool(parses) and word[:1].isupper() and bool({"Name", "Surn", "Patr"} & parses[0].tag.grammemes)


def _mostly_adjective(word: str) -> bool:
    """'главой' has a guessed adjective reading, but it is a noun."""
    parses = parse(word.lower())
    return bool(parses) and parses[0].tag.POS in ("ADJF", "PRTF")


def _verb_first(word: str) -> bool:
    parses = parse(word)
    return bool(parses) and parses[0].tag.POS == "VERB"


PERSON_NAME = custom(_is_person_name)
_MODIFIERS = 3  # adjectives before a kind word, at most ("Торгово-промышленной")
SEPARATOR = or_(eq(","), eq("и"))
NOT_QUOTE = and_(not_(eq(OPEN)), not_(eq(CLOSE)), not_(eq('"')))


class Rules:
    """The named rules of this module over one set of lexicons (see the module's doc)."""

    def __init__(self, lexicons):
        kinds = org_kinds(lexicons)
        heads = {k for k in kinds if k.islower()}
        self.lexicons = lexicons

        def KIND(flag=None):
            """A head noun of org_kinds.txt, with `flag` if given."""
            return _Lemmas({k for k in heads if flag is None or flag in kinds[k][1]}, flag or "any")

        self.KIND = KIND
        legal = {k for k, (_, flags) in kinds.items() if "legal" in flags}
        singular_head = custom(lambda v: _is_singular_head(v, lexicons))
        word = and_(token_type("RU"), custom(lambda v: len(v) > 1),
                    not_(gram("PREP")), not_(gram("CONJ")), not_(gram("PRCL")), not_(gram("NPRO")))
        adj = and_(word, or_(gram("ADJF"), gram("PRTF")), not_(gram("Apro")), custom(_mostly_adjective))
        gnc = gnc_relation()
        hyphen = and_(eq("-"), glued())

        # a head agreeing with the modifiers before it ("пресс-" before "службы" is taken in by
        # the interpretation: a rule starting at any word before a hyphen costs a third more)
        self.ORG_KIND = ORG_KIND = lambda head: head.match(gnc)
        self.KIND_ABBREVIATION = and_(lexicon("org_kinds"), is_upper())
        self.MODIFIERS = rule(or_(rule(adj.match(gnc)), rule(token_type("RU"), eq("-"), adj.match(gnc)))
                              ).repeatable(max=_MODIFIERS)

        gen_adj_word = and_(adj, gram("gent"))
        gen_adj = or_(rule(gen_adj_word), rule(token_type("RU"), eq("-"), gen_adj_word))
        cap_gen_adj = or_(rule(and_(gen_adj_word, is_capitalized())),
                          rule(and_(token_type("RU"), is_capitalized()), eq("-"), gen_adj_word))
        gen_mods = rule(gen_adj, rule(SEPARATOR.optional(), gen_adj).repeatable(max=3).optional())
        gen_noun = and_(word, gram("NOUN"), gram("gent"), not_(lexicon("org_tail_stops")),
                        not_(custom(legal.__contains__)), not_(PERSON_NAME))
        abbr = and_(token_type("RU"), is_upper(), custom(lambda v: len(v) > 1), not_(custom(legal.__contains__)))
        # "собрания района Отрадное": the name of the place after its word, in any case
        place = and_(token_type("RU"), is_title(), not_(PERSON_NAME))
        self.PLACE_NAME = or_(rule(place), rule(place, hyphen, and_(token_type("RU"), glued()))).repeatable(max=2)
        place_word = and_(gen_noun, lexicon("org_place_words"))
        common_genitive = or_(rule(gen_mods.optional(), and_(gen_noun, not_(is_capitalized()))),
                              rule(gen_mods.optional(), and_(place_word, not_(is_capitalized())), self.PLACE_NAME))
        dat_adj = and_(adj, gram("datv"), not_(is_capitalized()))
        dat_np = rule(dat_adj.repeatable(max=2).optional(),
                      and_(word, gram("NOUN"), gram("datv"), not_(lexicon("org_tail_stops")), not_(is_capitalized())),
                      common_genitive.optional())
        # a noun that governs the dative: "Фонда содействия реформированию ЖКХ"
        governed = rule(and_(gen_noun, not_(is_capitalized()), lexicon("org_dative_governors")), dat_np,
                        rule(abbr).optional())
        common = or_(common_genitive, governed)
        coordinated = rule(gen_mods.optional(), and_(gen_noun, not_(is_capitalized()), not_(singular_head)))
        # "Лос-Анджелеса", "Санкт-Петербурга": a hyphenated proper name
        hyphenated = rule(and_(token_type("RU"), is_capitalized()), eq("-"), and_(gen_noun, is_capitalized()))
        proper = or_(rule(cap_gen_adj, gen_adj.repeatable(max=2).optional(), gen_noun),
                     rule(and_(gen_noun, is_capitalized())), rule(abbr), hyphenated,
                     rule(and_(place_word, is_capitalized()), self.PLACE_NAME))
        common_seq = rule(common, rule(SEPARATOR.optional(), coordinated).repeatable(max=5).optional())
        proper_seq = proper.repeatable(max=3)
        # a proper name that is no known body: after one ("Сената и Синода") "и" starts another
        unknown_proper = or_(rule(cap_gen_adj, gen_adj.repeatable(max=2).optional(), gen_noun),
                             rule(and_(gen_noun, is_capitalized(), not_(lexicon("org_names")))))
        # after "и" a new organization may start: "Союза машиностроителей и Торгово-промышленной палаты"
        proper_coordinated = rule(or_(rule(cap_gen_adj, gen_adj.repeatable(max=2).optional(),
                                           and_(gen_noun, not_(singular_head))),
                                      rule(and_(gen_noun, is_capitalized(), not_(singular_head))),
                                      rule(abbr)),
                                  proper.repeatable(max=2).optional())
        # "развития Северного Кавказа и Крыма": a proper name coordinated after a proper name
        # is the same body's (a kind word in the genitive singular starts a new one)
        self.GENITIVE_TAIL = GENITIVE_TAIL = or_(
            rule(common_seq), rule(common_seq, proper_seq), rule(common_seq, eq("и"), proper_coordinated),
            rule(common_seq, proper.repeatable(max=2).optional(), unknown_proper, eq("и"), proper_coordinated),
            proper_seq)

        self.PO_TAIL = rule(eq("по"), dat_np, rule(SEPARATOR, dat_np).repeatable(max=5).optional())
        any_adj = and_(word, or_(gram("ADJF"), gram("PRTF")), not_(gram("Apro")))
        any_noun = and_(word, gram("NOUN"), not_(PERSON_NAME))
        self.CAUSE_TAIL = rule(lexicon_phrase("org_causes", 2), any_adj.repeatable(max=3).optional(),
                               any_noun, or_(common_seq, proper_seq).optional())

        # "имени Вахтангова", "имени М. В. Ломоносова": the person a body is named after
        initial = rule(and_(token_type("RU"), is_upper(), custom(lambda v: len(v) == 1)), eq("."))
        self.NAMED_AFTER = rule(lexicon_phrase("org_named_after", 2), initial.repeatable(max=2).optional(),
                                and_(token_type("RU"), is_capitalized()).repeatable(max=3))
        # "по развитию ... на Дальнем Востоке": a place (places.tsv, or a NER place) after в/на
        self.IN_PLACE = rule(or_(eq("в"), eq("на")), or_(
            lexicon_phrase("places", 3), rule(and_(is_capitalized(), gram("Geox"), gram("loct"))),
            rule(and_(ner("LOC"), is_capitalized()), and_(ner("LOC"), is_capitalized()).repeatable(max=2).optional())))
        # an abbreviation no lexicon knows, before a quoted name: "АБ «Восток»", "МВЦ «Казань Экспо»"
        self.UNKNOWN_ABBREVIATION = and_(token_type("RU"), is_upper(), custom(lambda v: 2 <= len(v) <= 6),
                                         not_(lexicon("org_kinds")), not_(lexicon("places")), not_(lexicon("org_names")))

        # each part one rule, shared by the alternatives below: a rule written again is a rule
        # of its own to the parser, predicted again at every place
        tail = GENITIVE_TAIL.optional()
        po_kind, any_kind = ORG_KIND(KIND("po")), ORG_KIND(KIND())
        headed = or_(  # a kind word and what follows it, after the modifiers if any
            rule(po_kind, tail, self.PO_TAIL),
            rule(po_kind, tail, self.PO_TAIL, self.IN_PLACE),
            rule(any_kind, tail, self.NAMED_AFTER),
            rule(ORG_KIND(KIND("pp")), tail, self.CAUSE_TAIL),
            rule(any_kind, tail))
        self.BODY = or_(
            # (with and without modifiers, not "modifiers.optional()": where a start has no kind
            # word and no modifier after it, nothing is predicted)
            rule(headed),
            rule(self.MODIFIERS, headed),
            rule(self.UNKNOWN_ABBREVIATION),
            rule(and_(KIND(), is_capitalized())),  # "Ассоциация": a short name, if it links
            rule(self.KIND_ABBREVIATION, tail),
        )

        upper_word = and_(or_(token_type("RU"), token_type("LATIN")), is_capitalized())
        part = or_(token_type("RU"), token_type("LATIN"), token_type("INT"))
        self.ABBREVIATION = rule(eq("("), upper_word, or_(rule(part), rule(hyphen, and_(part, glued())))
                                 .repeatable(max=3).optional(), eq(")"))
        name_word = and_(NOT_QUOTE, not_(and_(token_type("RU"), not_(is_capitalized()), custom(_verb_first))))
        first = and_(name_word, or_(is_capitalized(), token_type("INT")))
        words = rule(first, name_word.repeatable(max=14).optional())
        few = name_word.repeatable(max=8).optional()
        self.QUOTED_NAME = or_(
            rule(eq(OPEN), words, eq(CLOSE)),
            # «ОЭЗ «Лотос»», and «ОЭЗ «Лотос» where one closing quote closes both
            rule(eq(OPEN), rule(first, few).optional(), eq(OPEN), first, few, eq(CLOSE)),
            rule(eq(OPEN), rule(first, few).optional(), eq(OPEN), first, few, eq(CLOSE), few, eq(CLOSE)),
            rule(eq('"'), words, eq('"')),
        )
        latin = and_(token_type("LATIN"), is_capitalized())
        more = or_(
            rule(and_(or_(latin, token_type("INT"), lexicon("latin_name_links")), not_(glued()))),
            rule(and_(or_(token_type("LATIN"), token_type("INT")), glued())),
            rule(and_(or_(eq("."), eq("-"), eq("'"), eq("&")), glued()), and_(or_(token_type("LATIN"),
                                                                                  token_type("INT")), glued())),
        )
        # (no optional part at the end of a rule: yargy's parser then loses longer matches)
        self.LATIN_NAME = or_(rule(and_(latin, not_(glued()))),
                              rule(and_(latin, not_(glued())), more.repeatable(max=6)))
        self.EXTENSION = or_(rule(self.ABBREVIATION), rule(self.ABBREVIATION, self.QUOTED_NAME), self.QUOTED_NAME,
                             self.LATIN_NAME)
        # a BODY has a kind word or an abbreviation, after at most the modifiers (Russian words
        # and hyphens, up to three tokens each: "торгово - промышленной"): the parser tries no
        # other start
        self.BODY_ANCHORS = Anchors(or_(KIND(), self.KIND_ABBREVIATION, self.UNKNOWN_ABBREVIATION),
                                    before=3 * _MODIFIERS, through=or_(token_type("RU"), eq("-")))
        self.ORGANIZATION = or_(rule(self.BODY), rule(self.BODY, self.EXTENSION))
        # the grammar parses BODY and then EXTENSION on the tokens right after each body: the
        # same matches as ORGANIZATION, without trying an extension after every partial body
        self.extension = lazy_parser(self.EXTENSION, budget=5_000)

        self.COUNTRY = and_(is_capitalized(), custom(lambda v: _is_country(v, lexicons)))
        one_word = {w[0] for w in known_name_rows(lexicons) if len(w) == 1}
        # names pymorphy does not know, by stem and a case ending: "Аль-Кайды", "Хезболлы", "МИДе"
        # (which entry the words spell, the interpretation looks up)
        several = [words for words in known_name_rows(lexicons) if len(words) > 1]
        by_stem = rule(_KnownWord({w[0] for w in several}), _KnownWord({w for words in several for w in words[1:]})
                       .repeatable(max=7))
        self.known_start = _KnownWord(one_word | {w[0] for w in several})  # or an entry the tags found
        name = or_(lexicon_phrase("org_names"), rule(_KnownWord(one_word)), by_stem)
        self.KNOWN_NAME = or_(rule(name), rule(name, self.COUNTRY))
        # the grammar runs KNOWN_NAME on a few tokens from each word that can start a name
        self.known = lazy_parser(self.KNOWN_NAME, budget=5_000)
        self.known_length = max(len(words) for words in known_name_rows(lexicons)) + 1


_LATIN_LINKS = frozenset({"of", "and", "und", "&"})


def _country(word: str, countries: set) -> bool:
    return word.lower() in countries or lemma(word).lower() in countries


def _is_singular_head(word: str, lexicons) -> bool:
    """'палаты', 'Союза': a kind word in the genitive singular starts a new organization in a
    list; 'кластеров', 'технопарков' (plural) belong to the name before them."""
    kinds = org_kinds(lexicons)
    return any(p.tag.POS == "NOUN" and p.tag.case == "gent" and p.tag.number == "sing"
               and p.normal_form in kinds for p in parse(word.lower()))

def _is_country(word: str, lexicons) -> bool:
    """'России', 'США': a country of places.tsv, as written or by lemma."""
    places = known_places()
    place = places.get(word.lower()) or places.get(lemma(word).lower())
    return bool(place) and place[1] == "страна"


class _KnownWord(Predicate):
    """The token is one of `words` (words of org_names.txt entries), by _word_matches."""

    __attributes__ = ["size"]

    def __init__(self, words):
        self.by_key: dict[str, list[str]] = {}
        for w in words:
            self.by_key.setdefault(w if w.isupper() else w[:3].lower(), []).append(w)
        self.size = len(words)

    def __call__(self, token) -> bool:
        value = token.value
        candidates = self.by_key.get(value[:3].lower(), [])
        if value[1:2].isupper():
            upper = re.match(r"[A-ZА-ЯЁ]{2,}", value)  # "МИДе"
            candidates = candidates + self.by_key.get(upper.group(), []) if upper else candidates
        return any(_word_matches(token, w) for w in candidates)


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


def _longest_first(lexicons) -> dict[str, list[tuple[str, ...]]]:
    """Entries by the key of their first word (see _KnownWord), longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(known_name_rows(lexicons), key=len, reverse=True):
        out.setdefault(words[0] if words[0].isupper() else words[0][:3].lower(), []).append(words)
    return out


def _known_entry(tokens, lexicons) -> tuple[str, ...] | None:
    """The longest entry of org_names.txt the tokens start with."""
    value = tokens[0].value
    by_key = lexicons.derive(_longest_first)
    upper = re.match(r"[A-ZА-ЯЁ]{2,}", value)
    candidates = by_key.get(value[:3].lower(), []) + (by_key.get(upper.group(), []) if upper else [])
    for words in sorted(candidates, key=len, reverse=True):
        if len(words) <= len(tokens) and all(_word_matches(t, w) for t, w in zip(tokens, words)):
            return words
    return None
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


def _name_like(quoted: str) -> bool:
    """A quoted name, not a quoted sentence: «Vestas не желает сохранить наш завод»."""
    words = re.findall(r"\w+", quoted)
    return 0 < len(words) <= 8 and not any(
        parse(w)[0].tag.POS == "VERB" for w in words if not w[:1].isupper() and parse(w))




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
    chunks = list(_CHUNK.finditer(declined))
    odd = next((k for k, m in enumerate(chunks) if not m.group()[:1].isalpha()), None)
    if odd == 0 or odd is not None and head_stop is not None:
        return text
    if odd is not None:  # a number after the words stays as written: "больнице | № 2"
        declined, chunks = declined[:chunks[odd].start()], chunks[:odd]
    words = [m.group() for m in chunks]
    if not words:
        return text
    head = len(words) - 1 if head_stop is not None else None
    rest = text[len(declined.rstrip()):]  # as written, with the space before it: "АБ «Восток»"
    if all(w.isupper() for w in words) and rest.strip()[:1] in QUOTES:
        # an indeclinable legal form leaves the case to the quoted name: "с ПАО «Северсталью»"
        return text[:len(text) - len(rest.lstrip())] + nominative_quoted(rest.strip())
    if head is None and len(words) > 1 and kind_of(words[-1]) is None:
        # no head given: decline up to the first noun only when the words up to it share a
        # case ("Лондонской школе | экономики", "Компартию | Казахстана")
        noun = next((k for k, w in enumerate(words) if any(p.tag.POS == "NOUN" for p in parse(w)[:1])), len(words) - 1)
        return nominative_phrase(words) + rest if _all_one_case(words[:noun + 1]) else text
    return nominative_phrase(words, head=head) + rest


def _likeliest_noun(word: str):
    """The noun parse of the likeliest lemma ('Опоре': опора, two parses of three, not опор),
    or None when the likeliest parse is no noun or the word can well be nominative."""
    parses = parse(word)
    if not parses or parses[0].tag.POS != "NOUN" or sum(p.score for p in parses if p.tag.case == "nomn") >= 0.3:
        return None
    weight: dict[str, float] = {}
    for p in parses:
        weight[p.normal_form] = weight.get(p.normal_form, 0) + p.score
    lemma_ = max(weight, key=lambda k: (weight[k], k == parses[0].normal_form))
    return next(p for p in parses if p.normal_form == lemma_)


def nominative_quoted(name: str) -> str:
    """A quoted name in the case of its sentence, put into the nominative: «Уралвагонзаводом»
    -> «Уралвагонзавод», «Опоре России» -> «Опора России», «Единой России» -> «Единая
    Россия». The words up to the first noun are declined when that noun cannot be nominative;
    the words after it (its genitive) stay. A name that can be nominative (indeclinable:
    «Сколково»; plural: «Известия»), one in Latin letters or with digits stays as written."""
    if len(name) < 3 or name[0] not in QUOTES or name[-1] not in QUOTES or not name[1:2].isupper():
        return name
    inner = name[1:-1]
    words = inner.split(" ")
    head = next((i for i, w in enumerate(words[:4]) if any(p.tag.POS == "NOUN" for p in parse(w)[:1])), None)
    if head is None or not all(re.fullmatch(r"[А-ЯЁа-яё-]+", w) and not w.isupper() for w in words[:head + 1]) \
            or not all(_mostly_adjective(w) for w in words[:head]):
        return name  # an abbreviation ("ЗАЗ"), a name that starts with no noun phrase («За права человека»)
    best = _likeliest_noun(words[head])
    if best is None or best.tag.case == "nomn":
        return name
    if head == 0:
        form = best.inflect({"nomn", best.tag.number or "sing"})
        if form is None or not best.is_known and not words[0].lower().startswith(form.word):
            return name  # a guess that adds letters: «Моспром» is no case of «Моспромы»
        declined = match_case(form.word, words[0])
    else:
        declined = nominative_phrase(words[:head + 1], head=head)
    if not declined[:1].isupper():
        declined = declined[:1].upper() + declined[1:]
    return name[0] + " ".join([declined] + words[head + 1:]) + name[-1]


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
        found = kind_of(word, ctx.lexicons)
        if found:
            kind = found[0]
            break
        if not head_stop and any(p.tag.POS == "NOUN" for p in parse(word)[:1]):
            break  # the kind is the head's: "Отдела по ... общества" is no общество
    proper = _PROPER_AFTER_KIND.fullmatch(text) if not abbreviation else None
    if proper and kind and kind_of(proper.group("kind"), ctx.lexicons) and (
            at_sentence_start(ctx.text, start) or not text[:1].isupper()):
        # "немецкой компании Harles und Jentzsch", "компании «СтанкоМашСтрой»": the name is
        # the proper name; the kind word with it is an alias, the adjectives are no part of it
        kind_start = start + proper.start("kind")
        alias = nominative_name(ctx.text[kind_start:stop], proper.end("kind") - proper.start("kind"))
        return Organization(spans=[ctx.span(kind_start, stop)], name=nominative_quoted(proper.group("name")),
                            kind=kind_of(proper.group("kind"), ctx.lexicons)[0],
                            aliases=[" ".join(alias.split())])
    name = nominative_quoted(text) if text[:1] in QUOTES else nominative_name(
        text, head_stop - start if head_stop else None)
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



def _inner_org(ctx, tokens, head_index: int) -> Organization | None:
    """The named body inside a phrase's genitive tail, which the phrase's body belongs to:
    "Политическое бюро [Национального фронта]", "комитет [Государственной Думы] по ...",
    "канцелярия [правительства Израиля]", "Института ... [РАН]". After a head that names a
    part of a body (flag `part`), a capitalised kind word (or a run of adjectives starting
    capitalised before a kind word) starts it; after any head, an abbreviation that is no
    kind and no place. It runs to "по", a comma or "и"."""
    lexicons = ctx.lexicons
    part = "part" in kind_of(tokens[head_index].value, lexicons)[1]
    coordinated = False
    for i in range(head_index + 1, len(tokens)):
        value = tokens[i].value
        if value == "по":
            return None
        if SEPARATOR(tokens[i]):
            coordinated = True  # after "и" only an abbreviation: "Института ... и антропологии РАН"
            continue
        known = _known_entry(tokens[i:], lexicons) if part and not coordinated else None
        if known:
            # a known name: "Палаты представителей [Конгресса США]"
            last = min(len(tokens), i + len(known)) - 1
            if last + 1 < len(tokens) and tokens[last + 1].value[:1].isupper() and \
                    tokens[last + 1].value.lower() in known_places():
                last += 1
            record = org_record(ctx, tokens[i].span.start, tokens[last].span.stop)
            return record.model_copy(update={"kind": known_names(lexicons)[known]})
        abbreviation = value.isupper() and len(value) > 1 and value.isalpha() and value not in org_kinds(lexicons) and (
            (value,) in known_names(lexicons)
            or value.lower() not in known_places() and not _is_place_abbreviation(ctx, tokens[i]))
        kind = kind_of(value, lexicons) if part and not value.isupper() and not coordinated and _is_singular_head(value, lexicons) else None
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
                "state" in kind_of(value, lexicons)[1] and any(_is_place_word(t.value, lexicons) for t in tokens[i + 1:])):
            continue  # "Отдел ... общества": a common word; but "правительства Израиля"
        last = i
        while last + 1 < len(tokens) and not SEPARATOR(tokens[last + 1]) and tokens[last + 1].value != "по":
            last += 1
        if first == last == i and not abbreviation and "alone" not in kind_of(value, lexicons)[1]:
            return None  # a bare kind word names no body: "Совет Федерации"
        start, stop = tokens[first].span.start, tokens[last].span.stop
        record = org_record(ctx, start, stop, None if abbreviation else tokens[i].span.stop)
        if record.name.lower() in known_places() or _is_place_head(record.name):
            return None  # "палаты Российской Федерации": a country
        if abbreviation and known_names(lexicons).get((value,)):
            record = record.model_copy(update={"kind": known_names(lexicons)[(value,)]})  # "РАН": академия
        return record
    return None



def _is_place_abbreviation(ctx, token) -> bool:
    """'СССР', 'КНДР': pymorphy or the tagger calls it a place."""
    return any("Geox" in p.tag for p in parse(token.value)) or any(
        s.start <= token.span.start and token.span.stop <= s.stop for s in ctx.ner_spans("LOC"))



def _is_place_head(name: str) -> bool:
    words = name.split()
    return any(" ".join(words[:n]).lower() in known_places() for n in (2, 3) if n <= len(words))



def _in_quoted_speech(text: str, start: int) -> bool:
    """Inside a quoted sentence rather than a quoted title: «Политическое бюро ... выдвинуло»."""
    opening = max(text.rfind(OPEN, 0, start), text.rfind('"', 0, start))
    end = quoted_end(text, opening, window=600) if opening != -1 else None
    return not _name_like(text[opening + 1:(end - 1) if end else len(text)])


def _first_is_thing(word: str, lexicons) -> bool:
    things = thing_lemmas(lexicons)
    return any(p.tag.POS == "NOUN" and fold(p.normal_form) in things for p in parse(word.lower())[:1])


def _is_event_name(text: str) -> bool:
    """Does the name hold a word of an event, document or product (not_orgs.txt)?"""
    return any(lemma(w.lower()) in not_org_lemmas() for w in re.findall(r"\w+", text))



# --- NER spans ---------------------------------------------------------------------------

def _web(lexicons):
    """'Smi24.net': a word with a top-level domain of web_domains.txt."""
    domains = "|".join(sorted(re.escape(d) for d in lexicons.words("web_domains")))
    return re.compile(r"\w\.(?:" + domains + r")\b", re.I)


def _from_ner(ctx):
    text = ctx.text
    spans = [(s.start, s.stop) for s in ctx.ner_spans("ORG")]
    # a PER span that is a quoted name is an organization: «Моспром»
    spans += [(s.start, s.stop) for s in ctx.ner_spans("PER")
              if s.start > 0 and text[s.start - 1] in (OPEN, '"') and text[s.stop:s.stop + 1] in (CLOSE, '"')]
    people = [(s.start, s.stop) for s in ctx.ner_spans("PER")]
    for start, stop in spans:
        stop = _before_person(text, start, stop, people, ctx.lexicons)
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
        if before and kind_of(before.group(1), ctx.lexicons) and not kind_of(re.findall(r"[\w-]+", text[start:stop])[0], ctx.lexicons):
            # "компании Harles und Jentzsch", "независимого еженедельника «Пермский обозреватель»"
            start, head_stop = _with_modifiers(text, before.start(1), before.group(1)), before.end(1)
        stop = country_after(text, stop)  # "Федерация бобслея [России]", "ВВС [США]"
        abbreviation = None
        if text[stop - 1] not in QUOTES:
            words = re.findall(r"[\w-]+", text[start:stop])
            after = next((t.index for t in ctx.tokens if t.span.start >= stop), len(ctx.tokens))
            new_stop, abbreviation, quoted = _extension(text, stop, _extension_tokens(ctx, after))
            if not quoted or kind_of(words[-1], ctx.lexicons):  # a quote after "компании" names it
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


def _before_person(text: str, start: int, stop: int, people, lexicons=None) -> int:
    """'Зенит Андрей Аршавин': the tagger ran on into the name of a person (a PER span, or a
    first name and a capitalised word after it outside quotes); stop before it."""
    for a, b in people:
        if start < a < stop and not _after_named_after(text, a, lexicons):  # "филармонии имени Габдуллы Тукая"
            stop = a
    for m in re.finditer(r"[А-ЯЁ][а-яё]+(?= [А-ЯЁ][а-яё]+)", text[start:stop]):
        if m.start() and not _after_named_after(text, start + m.start(), lexicons) and \
                not any(c in text[start:start + m.start()] for c in QUOTES) and any(
                "Name" in p.tag and "sing" in p.tag and p.score > 0.3 and getattr(p, "is_known", True)
                for p in parse(m.group())):
            return _strip_end(text, start, start + m.start())
    return stop


_STARTS_NAMED_AFTER = lexicon_start("org_named_after")  # "имени", "им" of "им."


def _after_named_after(text: str, at: int, lexicons) -> bool:
    """Does text[at] follow a word of org_named_after.txt ("имени ", "им. ")?"""
    before = text[max(0, at - 8):at].rstrip()
    return any(before.endswith(" " + entry) or before == entry for entry in (lexicons or builtin()).entries("org_named_after"))


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
    if not words or _is_event_name(name) or names_a_thing(text, start, ctx.lexicons) or \
            _first_is_thing(words[0], ctx.lexicons):
        return False  # "Шаттл «Дискавери»", "«Дискавери»" after it
    around = text[max(0, start - 1):stop + 8]
    if (ctx.lexicons.derive(_web).search(around) or re.match(r"\.\w", text[stop:stop + 2])) and (
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




# --- organizations.phrase: ORGANIZATION ----------------------------------------------------

def _interpret_phrase(match, ctx):
    lexicons, text = ctx.lexicons, ctx.text
    body = match.tokens
    extension = _extension_tokens(ctx, body[-1].index + 1)
    head_index = next((i for i, t in enumerate(body) if kind_of(t.value, lexicons)), None)
    if head_index is None:
        yield from _abbreviation_with_name(ctx, body)
        return
    # the last words of the tail that a rule cannot see past: "правительства премьер-министр"
    # (half a word), "Конгресса США Гэбриэль Гиффордс" (a person's name the tagger found)
    people = [s.start for s in ctx.ner_spans("PER")]
    named_after = next((t.span.start for t in body if _STARTS_NAMED_AFTER(t)), len(text))  # "имени Габдуллы Тукая"
    while len(body) > head_index + 1 and (_hyphen_after(body[-1], text) or any(
            body[-1].span.start >= p > body[head_index].span.start and p < named_after for p in people)):
        body, extension = body[:-1], []
    head = body[head_index]
    modifiers = [t for t in body[:head_index] if t.value != "-"]
    tail = body[head_index + 1:]
    start, stop = body[0].span.start, body[-1].span.stop
    if head_index == 0:
        start = _hyphenated(ctx.tokens, head, start)  # "пресс-службы"
    if inside_quotes(text, start) and not _in_quoted_speech(text, start):
        return  # a phrase in a quoted title: «Эффективный технопарк: меры поддержки»
    stop, abbreviation, quoted = _extension(text, stop, extension)
    if len(body) == 1 and any(s.start == start and s.stop > stop for s in ctx.ner_spans("ORG")):
        return  # a bare kind word that starts the tagger's longer name: "Агентстве стратегических инициатив"
    if not _names_a_body(ctx, body, head_index, modifiers, tail, quoted, start):
        return
    record = org_record(ctx, start, stop, head.span.stop, abbreviation)
    if record.name.split(" «")[0].lower() in known_places() or _is_place_head(record.name):
        return  # "Российская Федерация" is a country
    inner = _inner_org(ctx, body, head_index)
    if inner is not None:
        inner = inner.model_copy(update={"id": ctx.new_id()})
        record = record.model_copy(update={"parent_id": inner.id})
        yield inner
    record, latin = _with_latin_name(ctx, stop, record)
    yield record
    yield from latin
    if abbreviation and not quoted:
        # the abbreviation defined here is a mention of its own: "(ОЭЗ)"
        at = text.find("(" + abbreviation + ")", body[-1].span.stop, body[-1].span.stop + 30)
        if at != -1:
            yield Organization(spans=[ctx.span(at + 1, at + 1 + len(abbreviation))],
                               name=abbreviation, kind=record.kind, abbreviation=abbreviation)


def _abbreviation_with_name(ctx, body):
    """UNKNOWN_ABBREVIATION with a quoted name after it: "АБ «Восток»", "МВЦ «Казань Экспо»"
    (without one it is no organization: a rule cannot require what the grammar parses after)."""
    start, stop = body[0].span.start, body[-1].span.stop
    end, abbreviation, quoted = _extension(ctx.text, stop, _extension_tokens(ctx, body[-1].index + 1))
    if not quoted or abbreviation or ctx.tokens[end and body[-1].index + 1].value not in "«\"" or \
            inside_quotes(ctx.text, start) or is_site(ctx.text, start, end):
        return
    yield Organization(spans=[ctx.span(start, end)], name=" ".join(ctx.text[start:end].split()))


def _extension_tokens(ctx, i: int) -> list:
    """The tokens of an EXTENSION starting at token i, if one does."""
    window = ctx.tokens[i:i + 24]
    if not window or not (window[0].value in "(«\"" or window[0].type == "LATIN"):
        return []
    # no longer than what can close it: the last quote or bracket, the run of Latin words
    ends = [k for k, t in enumerate(window) if t.value in ")»\"" and k > 0]
    if window[0].type == "LATIN":
        ends = [next((k for k, t in enumerate(window) if t.type not in ("LATIN", "INT", "PUNCT")), len(window)) - 1]
    if not ends:
        return []
    window = window[:ends[-1] + 1]
    matches = [m for m in ctx.lexicons.derive(_rules).extension().run(window, "extract")
               if m.span.start == window[0].span.start]
    return max(matches, key=lambda m: m.span.stop).tokens if matches else []


def _hyphenated(tokens, head, start: int) -> int:
    """The start of a word glued to the head by a hyphen: "пресс-службы"."""
    i = head.index
    if i >= 2 and head.glued and tokens[i - 1].value == "-" and tokens[i - 1].glued \
            and tokens[i - 2].type in ("RU", "LATIN", "INT") and (i < 3 or tokens[i - 2].glued is False or tokens[i - 3].value != "-"):
        return tokens[i - 2].span.start
    return start


def _hyphen_after(token, text) -> bool:
    stop = token.span.stop
    return bool(re.match(r"-\w", text[stop:stop + 2]))


def _extension(text: str, stop: int, extension) -> tuple[int, str | None, bool]:
    """What ABBREVIATION, QUOTED_NAME or LATIN_NAME after the body gives: (the span's stop,
    the abbreviation, whether a name was taken). An abbreviation with no quoted name after it
    stays out of the span (it is a mention of its own); a quoted sentence is no name."""
    if not extension:
        return stop, None, False
    abbreviation = None
    if extension[0].value == "(":
        close = next(i for i, t in enumerate(extension) if t.value == ")")
        inner = text[extension[1].span.start:extension[close - 1].span.stop]
        if _ABBR.fullmatch("(" + inner + ")") and sum(c.isupper() for c in inner) >= 2:
            abbreviation = inner
            rest = extension[close + 1:]
        else:
            return stop, None, False
    else:
        rest = extension
    if rest:
        end = rest[-1].span.stop
        if rest[0].type == "LATIN" or _name_like(text[rest[0].span.stop:end - 1]):
            return end, abbreviation, True
    return stop, abbreviation, False


def _names_a_body(ctx, body, head_index, modifiers, tail, quoted, start) -> bool:
    """Whether a matched BODY names one organization. The rule says what the phrase looks
    like; this combines the head's flags with what lies outside the match (a quoted name
    after it, the start of the sentence) and with the body inside a part's tail."""
    lexicons, text = ctx.lexicons, ctx.text
    head = body[head_index]
    _, flags = kind_of(head.value, lexicons)
    first = modifiers[0] if modifiers else head
    first_upper = first.value[:1].isupper()
    # the head's forms left by agreement with its modifiers: "ведущие бизнес-ассоциации" is plural
    singular = head.value.isupper() or any("NOUN" in f.grams and "sing" in f.grams for f in head.forms)
    if len(body) == 1 and not quoted and not head.value.isupper():
        # a capitalised kind word alone is a short name resolve links (or drops), unless
        # it is a known name: "Дума"
        return head.value[:1].isupper() and singular and _known_entry(body, lexicons) is None
    if quoted or "alone" in flags or any(_STARTS_NAMED_AFTER(t) for t in tail):
        # a name of its own: quoted, a word that names one body, the person it is named after
        return True
    if not singular:
        return False
    if "part" in flags and not first_upper and _inner_org(ctx, body, head_index) is not None:
        return True  # "президиума Экспертного совета"
    if "state" in flags and (any(_is_place_adjective(t.value, lexicons) for t in modifiers)
                             or any(_is_place_word(t.value, lexicons) for t in tail)):
        return True  # "японское правительство", "правительство Израиля", "лондонская полиция"
    sentence_start = at_sentence_start(text, start)  # a capital there says nothing
    if first_upper and sentence_start and "generic" in flags and not modifiers:
        # "Центр города перекрыт", "Группа учёных": a common word starting a sentence
        return any(t.value[:1].isupper() for t in tail)
    if first_upper:
        # "Агентство экономического развития", "Торгово-промышленной палаты", "ОЭЗ Москвы"
        return bool(tail) or bool(modifiers) and not sentence_start
    if "name" in flags:
        return bool(tail)  # "министерство промышленности и торговли края"
    # lower case: identified by a place ("фармацевтический кластер столицы", "пензенского
    # станкостроительного кластера"), never a common word alone
    return "generic" not in flags and bool(
        modifiers and any(_is_place_word(t.value, lexicons) for t in tail)
        or any(_is_local_adjective(t.value, lexicons) for t in modifiers) and (len(modifiers) > 1 or tail))


# --- places in names --------------------------------------------------------------------

def _place_words(lexicons) -> frozenset[str]:
    return lexicons.words("org_place_words")


def _is_place_word(word: str, lexicons=None) -> bool:
    """'столицы', 'края', 'Москвы': a tail word that ties a body to a place."""
    words = _place_words(lexicons or builtin())
    return any(fold(p.normal_form) in words or "Geox" in p.tag for p in parse(word))


def _place_stems(lexicons) -> tuple[frozenset[str], frozenset[str]]:
    """First four letters of known places (all; and cities and regions: no countries)."""
    local_kinds = {row[1] if len(row) > 1 else row[0] for row in lexicons.rows("place_kinds")}
    every = frozenset(name[:4].lower() for name in known_places() if len(name) >= 4)
    local = frozenset(name[:4].lower() for name, (_, kind) in known_places().items()
                      if kind in local_kinds and kind != "страна")
    return every, local


def _is_place_adjective(word: str, lexicons=None) -> bool:
    """'японского', 'российское', 'московские': an adjective of a country, region or city."""
    lexicons = lexicons or builtin()
    return _adjective_of(word, lexicons.derive(_place_stems)[0], lexicons)


def _is_local_adjective(word: str, lexicons=None) -> bool:
    """'столичной', 'пензенского', 'московского': an adjective of a city or region."""
    lexicons = lexicons or builtin()
    return _adjective_of(word, lexicons.derive(_place_stems)[1], lexicons)


def _adjective_of(word: str, stems: frozenset[str], lexicons) -> bool:
    """Is the word an adjective made from a place whose name starts with one of `stems`
    (place_adjectives.txt: whole lemmas, and endings after the place's stem)?"""
    entries = lexicons.entries("place_adjectives")
    for p in parse(word.lower()):
        if p.tag.POS == "ADJF":
            lemma_ = p.normal_form
            return lemma_ in entries or (lemma_[:4] in stems and any(
                e.startswith("-") and lemma_.endswith(e[1:]) for e in entries))
    return False



# --- organizations.known: KNOWN_NAME ----------------------------------------------------------

def _known_names(ctx):
    """KNOWN_NAME from each token that can start one (a longest match, then on after it)."""
    rules = ctx.lexicons.derive(_rules)
    tokens, i = ctx.tokens, 0
    while i < len(tokens):
        tagged = max((n for position, n in tokens[i].lexicons.get("org_names", ()) if position == 0), default=0)
        if not tagged and not rules.known_start(tokens[i]):
            i += 1
            continue
        if tagged:
            # a whole entry the lexicon tags found: KNOWN_NAME without a chart
            after = tokens[i + tagged] if i + tagged < len(tokens) else None
            n = tagged + bool(after and after.value[:1].isupper() and _is_country(after.value, ctx.lexicons))
            found = tokens[i:i + n]
        else:
            window = tokens[i:i + rules.known_length]
            matches = [m for m in rules.known().run(window, "extract") if m.span.start == window[0].span.start]
            found = max(matches, key=lambda m: m.span.stop).tokens if matches else []
        if not found:
            i += 1
            continue
        yield from _interpret_known(found, ctx)
        i += len(found)


def _interpret_known(tokens, ctx):
    """"МИД РФ", "Евросоюза", "Конгресса США": the name as the lexicon writes it (declined to
    the nominative when the lexicon writes it in lower case), a country after it as in the text."""
    lexicons = ctx.lexicons
    words = _known_entry(tokens, lexicons)
    if words is None:
        return
    n = len(words)
    tokens = tokens[:n + 1] if len(tokens) == n + 1 and _is_country(tokens[n].value, lexicons) else tokens[:n]
    kind, written = known_name_rows(lexicons)[words]
    first = tokens[0]
    if n == 1 and (first.index == 0 or not first.value[:1].isupper()) and not first.value.isupper() and any(
            p.tag.POS == "NOUN" and "Orgn" not in p.tag and "Geox" not in p.tag and p.score > 0.5
            for p in parse(first.value.lower())[:1]):
        return  # "Конгресс инженеров прошёл": a common word at the start of a sentence or in lower case
    start, stop = first.span.start, tokens[-1].span.stop
    if written.islower():
        name = nominative_name(ctx.text[start:stop])
    else:  # as the lexicon writes it, a country after it as in the text: "Аль-Кайда"
        name = written + ctx.text[tokens[n - 1].span.stop:stop]
    yield Organization(spans=[ctx.span(start, stop)], name=name, kind=kind)


# --- the grammars ---------------------------------------------------------------------------

def _rules(lexicons) -> Rules:
    return Rules(lexicons)


def grammars(lexicons) -> list[Grammar]:
    """The organization grammars over an Extractor's lexicons."""
    rules = lexicons.derive(_rules)
    return [
        Grammar(name="organizations.phrase", rule=rules.BODY, interpret=_interpret_phrase,
                triggers=Triggers(lexicons={"org_kinds"}, pattern="[А-ЯЁ]{2} ?[«\"]"), priority=20,
                budget=60_000, anchors=rules.BODY_ANCHORS),
        Grammar(name="organizations.known", find=_known_names, priority=15,
                triggers=Triggers(pattern=lexicons.derive(_known_names_pattern))),
        Grammar(name="organizations.ner", find=_from_ner, priority=10),
    ]


def _known_names_pattern(lexicons) -> str:
    """Where a known name the lexicon tags miss may start: an abbreviation with a case
    ending ("МИДа"), a foreign name by its stem ("Хезболлы")."""
    stems = set()
    for words in known_name_rows(lexicons):
        first = words[0]
        if first.isupper():
            stems.add(re.escape(first))
        else:
            stem = re.escape(first[1:max(3, len(first) - 2)])
            stems.add(f"[{first[0].upper()}{first[0]}]{stem}")
    return r"(?<!\w)(?:" + "|".join(sorted(stems)) + ")"


_BUILTIN = _rules(builtin())
ORG_KIND, KIND_ABBREVIATION, MODIFIERS = _BUILTIN.ORG_KIND, _BUILTIN.KIND_ABBREVIATION, _BUILTIN.MODIFIERS
GENITIVE_TAIL, PLACE_NAME, PO_TAIL, CAUSE_TAIL = (_BUILTIN.GENITIVE_TAIL, _BUILTIN.PLACE_NAME,
                                                 _BUILTIN.PO_TAIL, _BUILTIN.CAUSE_TAIL)
BODY, ABBREVIATION, QUOTED_NAME, LATIN_NAME = (_BUILTIN.BODY, _BUILTIN.ABBREVIATION, _BUILTIN.QUOTED_NAME,
                                               _BUILTIN.LATIN_NAME)
ORGANIZATION, COUNTRY, KNOWN_NAME = _BUILTIN.ORGANIZATION, _BUILTIN.COUNTRY, _BUILTIN.KNOWN_NAME
KIND = _BUILTIN.KIND
