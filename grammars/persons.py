"""Persons and their titles, as yargy rules over the sentence's tokens (`ctx.tokens`).

The rules, at module level for an author to read and reuse (every word comes from a lexicon):

    NAME               tokens of a slovnet PER span, initials beside them ("Путин В.В.",
                       INITIAL = rule(capital letter, ".")), surname particles ("Ле Пен")
    ACTING             "и.о.", "врио", "исполняющий обязанности" (acting.txt)
    TITLE_HEAD         a title word (positions.txt): "директор", "вице-президент", "зав.",
                       "политик-популист"; a plural heads no title ("по правам предпринимателей")
    TITLE_CORE         heads in a genitive chain: "заместитель руководителя", "член совета
                       директоров"
    TITLE              [ACTING] [geo adjective] [modifiers] [ACTING] TITLE_CORE [TITLE_TAIL]:
                       "и.о. министра промышленности и торговли края", "российский министр
                       финансов", "генеральный директор компании «Ромашка»"; its tail holds
                       the organization or place of the office (TITLE_TAIL: a span of the
                       tagger whole, words of a "по …"/"при …" complement, lists of places)
    TITLES             titles after a name, a list of them: "актриса, режиссёр и сценарист"
    PERSON_WITH_TITLE  every way a title stands by a name (one named rule each):
      TITLE_THEN_NAME        "мэр Москвы Сергей Собянин" (a list of titles too, an AGE
                             between: "43-летний")
      NAME_THEN_TITLE        "Михаил Лабудин, директор Ассоциации …", "— …", "(…)"
      NAME_LINK_TITLE        "Ольга Сидорова назначена заместителем министра", "был назначен
                             …", "…, работавший юристом"
      NAMING_VERB_NAME_TITLE "назначил Ивана Петрова министром финансов"
      NAME_TAKES_POST        "Владимир Путин согласился занять пост премьер-министра",
                             "…, который занимал пост главы SEC", "вступает в должность …",
                             a post left: "ушёл с поста министра"
      TITLE_LINK_NAME        "капитаном стал Михаэль Баллак"
      TITLE_COMMA_NAME       "Бывший спикер палаты представителей, Нэнси Пелоси, …"
      POST_TAKEN_BY_NAME     "Место спикера Палаты представителей занял Джон Бенер"
      SIGNATURE              "Кирсан Илюмжинов Президент ФИДЕ" on a line of its own

Each pattern runs over the sentence (yargy, findall); the interpretation turns a match into
a `Person` with `Position`s at once. What a rule cannot say stays in small Python, each
branch saying why: the title's agreement with the name (a name's case comes from the first
word pymorphy3 knows as a name part), where the title proper ends and its organization or
place begins (`_where_at`: org_kinds.txt and place_kinds.txt words, less title_units.txt;
capitalised words, quotes, NER spans, geo adjectives), and cleaning the tagger's spans (a
gloss in parentheses is a mention of its own, an organization before a first name is cut
off, a place the tagger found after a title may be a name).

`Position.span` covers the title and what follows it; the persons resolver links the
organization or place found inside it. A relational title before a genitive name ("Помощник
Хиллари Клинтон по …", relational_titles.txt) is someone else's.
"""
from __future__ import annotations

import copy
import re
from typing import Optional

from yargy import and_, not_, or_, rule
from yargy.predicates import caseless, eq, in_, normalized
from yargy.predicates.constructors import Predicate

from fakty.grammar import Anchors, Grammar, lazy_parser
from fakty.lexicons import fold
from fakty.morph import match_case, nominative_phrase, parse
from fakty.predicates import glued, lexicon, lexicon_phrase, lexicon_start
from fakty.records import Location, Organization, Person, Position
from fakty.tag import NerSpan
from fakty.words import name_cases, name_cases_any, name_gender, name_parses, person_name

QUOTES = frozenset("«»\"„“”")
STOPS = frozenset(",;:—–-()!?.…")
DASHES = frozenset({"—", "–", "-"})
SEPARATORS = frozenset({",", "—", "–", "-", "("})
CLAUSE_STARTS = frozenset({",", "—", "–", ":", "«", "(", ";"})
JOINERS = frozenset({"-", "’", "'"})  # glued inside one word: 'вице-премьер', 'О’Рейли'
MAX_TAIL = 16  # tokens in a title's tail ('… по работе с резидентами АО «ОЭЗ «Лотос»')
MAX_BACK = 45  # tokens from the start of the titles before a name to the name


# --- predicates over one token --------------------------------------------------------------

def _low(token) -> str:
    return token.value.lower()


def _top_pos(token) -> Optional[str]:
    top = parse(_low(token))[:1]
    return top[0].tag.POS if top else None


def _is_word(token) -> bool:
    return token.value[:1].isalnum()


def _capital(token) -> bool:
    return token.value[:1].isupper()


def head_token(token) -> bool:
    """A one-word title head (positions.txt): a noun, adjective or participle by its top parse
    ('после' is a preposition, not a case of 'посол'); no abbreviation in capitals; no word
    that makes a title acting ('врио губернатора' is an acting губернатор)."""
    if not token.in_lexicon("positions") or token.value.isupper() or token.lexicons.get("acting"):
        return False
    top = parse(_low(token))[:1]
    return not top or top[0].tag.POS in ("NOUN", "ADJF", "PRTF") or "UNKN" in top[0].tag


class _pred(Predicate):
    """A predicate from a plain function of the token (named, so rules print readably)."""

    __attributes__ = ["name"]

    def __init__(self, name: str, test):
        self.name = name
        self.test = test

    def __call__(self, token) -> bool:
        return bool(self.test(token))


def _entry_part(name: str, first: bool):
    """Word `first` (position 0) or a later word of a multi-word entry of lexicon `name`."""
    def test(token):
        parts = token.lexicons.get(name, ())
        if first:
            return any(position == 0 and length > 1 for position, length in parts)
        return any(position > 0 for position, _ in parts)
    return test


def _last_part(name: str):
    def test(token):
        return any(position == length - 1 and length > 1 for position, length in token.lexicons.get(name, ()))
    return test


def _noun_cases(token) -> set[str]:
    return {p.tag.case for p in parse(_low(token)) if p.tag.POS == "NOUN" and p.tag.case}


def _plural_only(token) -> bool:
    """A noun only plural here ('предпринимателей'): no title of one person."""
    nouns = [p for p in parse(_low(token)) if p.tag.POS == "NOUN"]
    return bool(nouns) and all(p.tag.number == "plur" for p in nouns)


def _plural(token) -> bool:
    """A noun that may be plural here ('сенаторы', 'актрисы', 'заместителей')."""
    return any(p.tag.POS == "NOUN" and p.tag.number == "plur" for p in parse(_low(token)))


def _tail_word(token) -> bool:
    """May this token stand in the tail of a title ('управления по работе с резидентами')?
    Not a title word (the nearest one is the title's) unless a plural ('уполномоченный по
    правам предпринимателей'), not a name, no number ('в 2010 году')."""
    if token.value in QUOTES:
        return True
    if not _is_word(token) or token.value[0].isdigit() or token.ner is not None and token.ner.type == "PER" \
            or _low(token) == "и" or _title_start(token) and not _plural_only(token):
        return False
    if _capital(token) or token.in_lexicon("title_prepositions"):
        return True
    parses = parse(_low(token))
    if not parses:
        return True
    return parses[0].tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR") or "UNKN" in parses[0].tag \
        or "LATN" in parses[0].tag


def _title_start(token) -> bool:
    """Does a title word start at this token ('директор', 'вице' of 'вице-президент')?"""
    return head_token(token) or _entry_part("positions", True)(token)


def _oblique(token) -> bool:
    """Can the word be in a case other than the nominative ('промышленности и торговли')?"""
    return token.value in QUOTES or any(p.tag.case not in (None, "nomn") for p in parse(_low(token)))


def _entity(token) -> bool:
    return token.ner is not None and token.ner.type in ("ORG", "LOC")


def _person(token) -> bool:
    return token.ner is not None and token.ner.type == "PER" and token.value not in "(),"


def _initial_letter(token) -> bool:
    return len(token.value) == 1 and token.value.isupper() and token.value.isalpha()


def _verb_of(name: str, pos=("VERB", "PRTS", "INFN")):
    """A verb whose lemma is in lexicon `name` ('стал', 'назначен')."""
    return lambda token: token.in_lexicon(name) and any(p.tag.POS in pos for p in parse(_low(token)))


P = _pred  # short for the predicate table below
HEAD_WORD = P("head_word", lambda t: head_token(t) and not _plural_only(t))  # a plural titles no one person
HEAD_FIRST, HEAD_LATER = P("head_first", _entry_part("positions", True)), P("head_later", _entry_part("positions", False))
HEAD_LAST = P("head_last", lambda t: _last_part("positions")(t) and not _plural_only(t))
GENITIVE = P("genitive", lambda t: any(p.tag.POS == "NOUN" and p.tag.case == "gent" and p.tag.number == "sing"
                                       for p in parse(_low(t))))  # plurals are tail words
PLURAL_WORD = P("plural_word", lambda t: head_token(t) and _plural(t))
PLURAL_LAST = P("plural_last", lambda t: _last_part("positions")(t) and _plural(t))
TAIL_WORD = P("tail_word", _tail_word)
ENTITY = P("entity", _entity)
PERSON_TOKEN = P("person", _person)
LOWER_WORD = P("lower_word", lambda t: _is_word(t) and not _capital(t))
LOWER = P("lower", lambda t: not _capital(t))
NUMBER_TOKEN = P("number", lambda t: t.type == "INT")  # '13' of '13-м', '43' of '43-летний'
ADVERB = P("adverb", lambda t: _is_word(t) and not _capital(t) and _top_pos(t) == "ADVB")
NOUN = P("noun", lambda t: _top_pos(t) == "NOUN")
ADJECTIVE = P("adjective", lambda t: _top_pos(t) in ("ADJF", "PRTF"))
ABBREVIATION = P("abbreviation", lambda t: _is_word(t) and t.value.isupper() and len(t.value) > 1)
OBLIQUE = P("oblique", _oblique)
GEO_ADJECTIVE = P("geo_adjective", lambda t: t.in_lexicon("geo_adjectives")
                  and any(p.tag.POS == "ADJF" for p in parse(_low(t))))
LINK_VERB = P("link_verb", _verb_of("link_verbs"))
LINK_PARTICIPLE = P("link_participle", _verb_of("link_verbs", ("PRTF",)))  # 'работавший', 'назначенный'
NAMING_VERB = P("naming_verb", _verb_of("naming_verbs", ("VERB", "INFN")))
TAKE_VERB = P("take_verb", lambda t: t.in_lexicon("take_verbs"))
GOVERNING = P("governing", lambda t: _top_pos(t) in ("VERB", "ADJS", "PRED"))  # 'согласился', 'готов'
NOMINATIVE_WORD = P("nominative_word", lambda t: _is_word(t) and not _capital(t) and any(
    p.tag.POS in ("NOUN", "ADJF") and p.tag.case == "nomn" for p in parse(_low(t))[:1]))
APPOSITION_WORD = P("apposition_word", lambda t: _is_word(t) and not _capital(t) and not head_token(t)
                    and not _entity(t) and not _person(t)
                    and _top_pos(t) in ("NOUN", "ADJF", "PRTF", "PREP", "CONJ", "ADVB"))
HYPHEN = and_(eq("-"), glued())
GLUED_WORD = and_(glued(), P("word", _is_word))
PUNCT_COMMA, DASH = eq(","), in_(DASHES)

# --- rules ----------------------------------------------------------------------------------

INITIAL_RULE = rule(P("initial_letter", _initial_letter), and_(eq("."), glued())).named("INITIAL")
INITIALS = INITIAL_RULE.repeatable(max=3)
NAME_PART = rule(PERSON_TOKEN.repeatable(max=10))
NAME = rule(INITIALS.optional(), NAME_PART,
            rule(lexicon("surname_particles"), NAME_PART).optional(), INITIALS.optional()).named("NAME")
# 'Скотт Хоровитц (Scott Horowitz), бывший астронавт': a name glossed in parentheses
GLOSS = rule(eq("("), not_(in_({"(", ")"})).repeatable(max=6), eq(")"))  # '(Германия)', '(многоборье)'
# 'Евгений Манюров (1980 г.р.) — бывший предприниматель': any gloss of a few words
GLOSSED_NAME = rule(NAME, or_(rule(eq("("), NAME, eq(")")), GLOSS).optional())

ACTING = lexicon_phrase("acting").named("ACTING")
GEO = rule(GEO_ADJECTIVE).named("GEO")  # 'российский министр', 'подмосковного губернатора'
MODIFIER_TOKEN = or_(lexicon("position_modifiers"), caseless("экс"))
MODIFIER = or_(rule(lexicon("position_modifiers")), rule(caseless("экс"), HYPHEN))
MODIFIERS = rule(MODIFIER, rule(eq("и").optional(), MODIFIER).repeatable(max=3).optional()).named("MODIFIERS")
# each optional part one rule, shared by the rules below: a rule written again is a rule of its
# own to the parser, predicted again at every place
OPTIONAL_ACTING, OPTIONAL_GEO, OPTIONAL_MODIFIERS = ACTING.optional(), GEO.optional(), MODIFIERS.optional()
TITLE_HEAD = or_(
    rule(HEAD_WORD),
    rule(HEAD_FIRST, HEAD_LATER.repeatable(max=5).optional(), HEAD_LAST),  # 'вице-президент', 'генерал-лейтенант'
    rule(lexicon("position_abbreviations"), and_(eq("."), glued())),  # 'зав. кафедрой'
    rule(HEAD_WORD, HYPHEN, and_(GLUED_WORD, LOWER)),  # 'политик-популист', 'писатель-сатирик'
).named("HEAD")
GENITIVE_HEAD = or_(rule(and_(HEAD_WORD, GENITIVE)),
                    rule(HEAD_FIRST, HEAD_LATER.repeatable(max=5).optional(), and_(HEAD_LAST, GENITIVE))
                    ).named("INNER_HEAD")
GENITIVE_NOUN = and_(LOWER_WORD, GENITIVE, not_(HEAD_WORD), not_(lexicon("title_prepositions")))
# 'заместитель руководителя', 'член совета директоров', 'заместитель генерального директора':
# a title word, genitives after it (with modifiers of their own: an unnamed copy, no part of
# the title's start)
INNER_MODIFIERS = rule(MODIFIER, rule(eq("и").optional(), MODIFIER).repeatable(max=3).optional())
GENITIVE_CHAIN = rule(GENITIVE_NOUN.repeatable(max=3).optional(), INNER_MODIFIERS.optional(), GENITIVE_HEAD
                      ).repeatable(max=2)
TITLE_CORE = rule(TITLE_HEAD, GENITIVE_CHAIN.optional()).named("TITLE_CORE")

# the tail of a title: its organization or place, and words of the title proper before them
# ('министр промышленности и торговли края', 'директор компании «Ромашка»')
HYPHENATED = rule(and_(P("word", lambda t: _is_word(t) and not t.value[0].isdigit()),  # not '13-й'
                       not_(P("title_start", _title_start)), not_(PERSON_TOKEN), not_(ENTITY)),
                  rule(HYPHEN, GLUED_WORD).repeatable(max=3))  # 'крымско-татарского'
# an organization or place of the tagger, whole: one item of a tail however long it is
ENTITY_SPAN = rule(and_(ENTITY, P("entity_start", lambda t: t.span.start <= t.ner.start)),
                   and_(ENTITY, P("entity_inside", lambda t: t.span.start > t.ner.start)).repeatable(max=40).optional())
OWN_WORD = and_(TAIL_WORD, not_(ENTITY))  # a word of the tail outside the tagger's spans
AND = and_(eq("и"), not_(ENTITY))
TAIL_ITEM = or_(
    ENTITY_SPAN,
    rule(OWN_WORD),
    HYPHENATED,
    rule(AND, and_(OBLIQUE, or_(OWN_WORD, ENTITY))),  # 'промышленности и торговли', not 'и первая леди'
    rule(AND, HYPHENATED),  # 'палаты и российско-американской группы'
    rule(and_(eq("при"), not_(ENTITY)), and_(HEAD_WORD, not_(ENTITY))),  # 'уполномоченный при президенте'
    rule(and_(eq("("), not_(ENTITY)), ABBREVIATION, eq(")")),  # '… Национального фронта (FN)'
    rule(and_(ADVERB, not_(ENTITY)), ADJECTIVE),  # 'крайне правого'
    rule(and_(PUNCT_COMMA, not_(ENTITY)), lexicon("place_prepositions")),  # 'Philips в России, на Украине'
    # 'Ассоциации кластеров, технопарков': a comma between lowercase nouns
    rule(and_(LOWER_WORD, NOUN, OBLIQUE, not_(ENTITY)), PUNCT_COMMA, and_(LOWER_WORD, NOUN, OBLIQUE, not_(HEAD_WORD))),
)
TITLE_TAIL = TAIL_ITEM.repeatable(max=MAX_TAIL).named("TAIL")
# the words before a title's core when there are any ('исполняющий обязанности', 'российский',
# 'бывший первый'): each way of having some, in the order ACTING? GEO? MODIFIERS? ACTING? gives
# its trees; a title without them is a rule of its own, so a core word predicts none of them
# to find it missing
TITLE_START = or_(
    rule(ACTING),
    rule(MODIFIERS, OPTIONAL_ACTING),
    rule(GEO, OPTIONAL_MODIFIERS, OPTIONAL_ACTING),
    rule(ACTING, OPTIONAL_GEO, OPTIONAL_MODIFIERS, OPTIONAL_ACTING),
)
OPTIONAL_TITLE_TAIL = TITLE_TAIL.optional()
TITLE = or_(rule(TITLE_CORE, OPTIONAL_TITLE_TAIL), rule(TITLE_START, TITLE_CORE, OPTIONAL_TITLE_TAIL)).named("TITLE")
# after the name, the tail runs over title words too ('член совета при главном архитекторе
# Москвы'): no name follows for them to belong to
LONG_TAIL = or_(TAIL_ITEM, rule(and_(HEAD_WORD, not_(ENTITY)))).repeatable(max=MAX_TAIL).named("TAIL")
# words that describe the person, not the office: 'Елизавета II — самый долгоправящий монарх'
DESCRIPTION = and_(LOWER_WORD, or_(ADJECTIVE, eq("самый")), not_(lexicon("position_modifiers")), not_(GEO_ADJECTIVE),
                   not_(HEAD_WORD), not_(ENTITY)).repeatable(max=3)
# 'советский и российский футболист': a second country adjective (a nationality too)
OTHER_GEO = rule(eq("и"), GEO_ADJECTIVE)
# 'стала 13-м президентом Греции': an ordinal in figures describes the person too
NUMBERED = rule(NUMBER_TOKEN, HYPHEN, and_(glued(), lexicon("ordinal_suffixes")))
TITLE_AFTER = rule(OPTIONAL_ACTING, NUMBERED.optional(), DESCRIPTION.optional(), OPTIONAL_GEO, OTHER_GEO.optional(), OPTIONAL_MODIFIERS,
                   OPTIONAL_ACTING, TITLE_CORE,
                   LONG_TAIL.optional()).named("TITLE")
# 'управляющий директор и совладелец агентства': two titles, one organization
# 'Анна Смирнова, актриса, режиссёр и сценарист': every title of a list is hers
TITLES = rule(TITLE_AFTER, rule(or_(eq("и"), PUNCT_COMMA), TITLE_AFTER).repeatable(max=3).optional())

# the first of two titles in a row ('представитель вооружённых сил полковник Сансерн
# Каевкамнерд'): its tail has no modifier of the second and fewer prepositions
APPOSITION_TAIL = or_(
    ENTITY_SPAN,
    rule(and_(OWN_WORD, not_(lexicon("position_modifiers")), not_(GEO_ADJECTIVE),
              or_(not_(lexicon("title_prepositions")), lexicon("apposition_prepositions")))),
    HYPHENATED,
).repeatable(max=MAX_TAIL).named("TAIL")
FIRST_TITLE_END = or_(rule(APPOSITION_TAIL, eq("и").optional()), rule(eq("и")))
FIRST_TITLE = or_(
    # 'бывший глава Русской винно-водочной компании и совладелец WFC Артур Перепёлкин'
    # (something after its core: 'заместитель главы …' is one title, not two)
    rule(TITLE_CORE, FIRST_TITLE_END),
    rule(TITLE_START, TITLE_CORE, FIRST_TITLE_END),
    rule(TITLE, PUNCT_COMMA),  # 'лидер Меджлиса …, народный депутат Украины Мустафа Джемилев'
).named("FIRST_TITLE")

FILLERS = lexicon("link_fillers").repeatable(max=2)
LINKED_TITLE = rule(TITLE, FILLERS.optional(), LINK_VERB.repeatable(max=2), FILLERS.optional()  # 'был назначен'
                    ).named("LINKED_TITLE")

# 'Председатель Верховного Совета 43-летний Евгений Шевчук': an age between title and name
AGE = rule(NUMBER_TOKEN, HYPHEN, and_(glued(), normalized("летний"))).named("AGE")
TITLE_THEN_NAME = rule(LINKED_TITLE.optional(), FIRST_TITLE.repeatable(max=3).optional(), TITLE, AGE.optional(),
                       NAME).named("TITLE_THEN_NAME")
NAME_THEN_TITLE = or_(
    # 'Карин Кортманн, — член бундестага', 'Владимир Путин, тогда президент России'
    rule(GLOSSED_NAME, in_(SEPARATORS), DASH.optional(), FILLERS.optional(), TITLES),
    # 'Александра Брода, известного борца с ксенофобией, члена Общественной палаты'
    rule(NAME, PUNCT_COMMA, APPOSITION_WORD.repeatable(max=6), PUNCT_COMMA, TITLES),
).named("NAME_THEN_TITLE")
# 'Ольга Сидорова назначена заместителем министра', 'Игорь Юсуфов, который сейчас является
# спецпредставителем президента'
NAME_LINK_TITLE = rule(NAME, or_(
    rule(rule(PUNCT_COMMA, caseless("который")).optional(), FILLERS.optional(),
         rule(LINK_VERB, FILLERS.optional()).repeatable(max=2)),  # 'был назначен', 'был вновь избран'
    rule(PUNCT_COMMA, FILLERS.optional(), LINK_PARTICIPLE, FILLERS.optional()),  # ', работавший юристом'
), TITLES).named("NAME_LINK_TITLE")
NAMING_VERB_NAME_TITLE = rule(NAMING_VERB, FILLERS.optional(), NAME, TITLES).named("NAMING_VERB_NAME_TITLE")
NAME_TAKES_POST = rule(NAME, rule(PUNCT_COMMA, caseless("который").optional()).optional(),  # 'Харви Питт, который занимал пост главы SEC'
                       or_(lexicon("link_fillers"), GOVERNING).repeatable(max=2).optional(),
                       or_(rule(TAKE_VERB, lexicon("place_prepositions").optional()),  # 'вступает в должность президента'
                           rule(lexicon("post_leave_prepositions"))),  # 'ушёл с поста министра', 'освободил … от должности'
                       lexicon("posts"), TITLES).named("NAME_TAKES_POST")
# 'капитаном стал Михаэль Баллак', 'главным тренером назначен 45-летний специалист Сергей
# Булатов', 'генсеком ООН станет португалец Антониу Гутерриш'
TITLE_LINK_NAME = rule(LINKED_TITLE, AGE.optional(), NOMINATIVE_WORD.repeatable(max=2).optional(), NAME
                       ).named("TITLE_LINK_NAME")
# 'Бывший спикер палаты, Нэнси Пелоси, …'; 'водитель автобуса — 47-летний Сергей Кубасов'
TITLE_COMMA_NAME = rule(TITLE, in_({",", "—", "–", "-"}), AGE.optional(), NAME).named("TITLE_COMMA_NAME")
POST_TAKEN_BY_NAME = rule(lexicon("posts"), TITLE, TAKE_VERB,
                          NOMINATIVE_WORD.repeatable(max=2).optional(), NAME).named("POST_TAKEN_BY_NAME")
SIGNATURE = rule(NAME, TITLE_AFTER).named("SIGNATURE")

# a plural title before a list of names titles each of them, in the singular: 'сенаторы Джон
# Маккейн и Марко Рубио', 'заместители начальника отдела полиции Олег Прохоренко и Алексей
# Малых', 'вице-президенты МОК Томас Бах (Германия) и Нг Сер Мианг (Сингапур)'; after "один
# из" one name is enough ('одного из заместителей главы Центра Сергея Михайлова')
PLURAL_HEAD = or_(
    rule(PLURAL_WORD),
    rule(HEAD_FIRST, HEAD_LATER.repeatable(max=5).optional(), PLURAL_LAST),  # 'вице-премьеры'
    rule(PLURAL_WORD, HYPHEN, and_(GLUED_WORD, LOWER)),  # 'писатели-сатирики'
).named("HEAD")
PLURAL_TITLE = rule(OPTIONAL_GEO, OPTIONAL_MODIFIERS,
                    rule(PLURAL_HEAD, GENITIVE_CHAIN.optional()).named("TITLE_CORE"),
                    TITLE_TAIL.optional()).named("TITLE")
LISTED_NAME = rule(NAME, GLOSS.optional(), rule(lexicon("title_prepositions"), ENTITY_SPAN).optional())  # '… из Кентукки'
NAME_LIST = rule(LISTED_NAME, rule(PUNCT_COMMA, LISTED_NAME).repeatable(max=10).optional(),
                 or_(PUNCT_COMMA, eq("и")), LISTED_NAME)
LIST_INTRO = rule(in_({":", "—", "–"})).named("LIST_INTRO")
ONE_OF = lexicon_phrase("one_of").named("ONE_OF")
# 'Хулио Иглесиас — один из самых успешных исполнителей', 'Нолан является одним из четырёх
# игроков НХЛ': the plural title after "один из" is the name's, in the singular
ONE_OF_WORDS = and_(LOWER_WORD, not_(HEAD_WORD), or_(ADJECTIVE, P("numeral", lambda t: _top_pos(t) == "NUMR"))
                    ).repeatable(max=4)
NAME_ONE_OF_TITLE = rule(NAME, or_(rule(in_(DASHES)), rule(FILLERS.optional(), LINK_VERB)), ONE_OF,
                         ONE_OF_WORDS.optional(), PLURAL_TITLE).named("NAME_ONE_OF_TITLE")
PLURAL_TITLE_NAMES = or_(rule(PLURAL_TITLE, LIST_INTRO.optional(), NAME_LIST),
                         rule(ONE_OF, PLURAL_TITLE, NAME)).named("PLURAL_TITLE_NAMES")

PATTERNS = (TITLE_THEN_NAME, NAME_THEN_TITLE, NAME_LINK_TITLE, NAMING_VERB_NAME_TITLE, NAME_TAKES_POST,
            TITLE_LINK_NAME, TITLE_COMMA_NAME, POST_TAKEN_BY_NAME, SIGNATURE)
PERSON_WITH_TITLE = or_(*PATTERNS).named("PERSON_WITH_TITLE")
_PARSERS = {p.name: lazy_parser(p) for p in PATTERNS + (NAME_ONE_OF_TITLE,)}
# a list's plural title starts at its head word or at "один из", after at most a place
# adjective and four modifiers ('бывшие и нынешние российские сенаторы'); it runs on the
# whole sentence (a list of names runs past any window), predicted only there
_PARSERS["PLURAL_TITLE_NAMES"] = lazy_parser(PLURAL_TITLE_NAMES, anchors=Anchors(
    or_(PLURAL_WORD, HEAD_FIRST, lexicon_start("one_of")), before=1 + 4 * 3,
    through=or_(GEO_ADJECTIVE, MODIFIER_TOKEN, HYPHEN, eq("и"))))
# TITLE_THEN_NAME without the titles before the title, for the many windows with one title
# word only: the same matches there, at a third of the parsing
_PARSERS["ONE_TITLE_THEN_NAME"] = lazy_parser(rule(TITLE, AGE.optional(), NAME).named("TITLE_THEN_NAME"))


# --- the tagger's spans, cleaned ------------------------------------------------------------

class TaggerSpans:
    """What the grammar reads of the tagger's spans in one sentence, cleaned: `tokens` are the
    sentence's tokens, a few replaced by copies with another `ner` where the tagger's span was
    wrong ('Замглавы Федеральной службы' tagged ORG whole: the title is no organization);
    `person_of`/`entity_of`: token -> (first, last) of its name / ORG or LOC span."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.tokens = list(ctx.tokens)
        self.person_of: dict[int, tuple[int, int]] = {}
        self.entity_of: dict[int, tuple[int, int]] = {}
        self.org_tokens: set[int] = set()  # tokens in ORG spans of the tagger
        self.trimmed: list[list[int]] = []  # words cut from the front of a PER span
        self.records: list = []  # places named by adjectives, offices of places in titles
        for span in ctx.ner_spans():
            self._read(span, [t.index for t in ctx.tokens if t.ner is span])
        for i, token in enumerate(self.tokens):
            kind = "PER" if i in self.person_of else (token.ner.type if i in self.entity_of else None)
            # a span cut at its front starts at its first token left ('Министры | обороны России')
            cut = i in self.entity_of and self.entity_of[i][0] == i and token.ner.start < token.span.start
            if (token.ner.type if token.ner is not None else None) != kind or cut:
                self.tokens[i] = _retagged(token, kind)

    def _read(self, span, idx: list[int]) -> None:
        if not idx:
            return
        kind = span.type
        toks = self.ctx.tokens
        if kind != "PER":
            # 'Замглавы Федеральной … службы' tagged ORG whole: the title is not the org
            while idx and _head_part(toks[idx[0]]):
                idx = idx[1:]
            if not idx:
                return
            if self._name_after_title(idx):
                kind = "PER"
        if kind == "ORG" and self._name_before_parentheses(idx):
            # 'Лонгин Клинский (РПЦ МП)' tagged ORG whole: a name, its organization after it
            paren = next(i for i in idx if toks[i].value == "(")
            name = [i for i in idx if i < paren]
            for i in name:
                self.person_of[i] = (name[0], name[-1])
            idx = [i for i in idx if i > paren and toks[i].value != ")"]
            if not idx:
                return
        if kind == "PER":
            for part in self._name_ranges(idx):
                for i in part:
                    self.person_of[i] = (part[0], part[-1])
            return
        for i in idx:
            self.entity_of[i] = (idx[0], idx[-1])
        if kind == "ORG":
            self.org_tokens.update(idx)

    def _name_ranges(self, idx: list[int]) -> list[list[int]]:
        """The names in a PER span of the tagger: a name in parentheses after another is a
        name of its own ('Билал Хассеин (Bilal Hussein)'); an organization before a first
        name is not part of the name ('лидера Аль-Кайды Усамы бин Ладена')."""
        toks = self.ctx.tokens
        parts, part = [], []
        for i in idx:
            if toks[i].value in "()":
                parts.append(part)
                part = []
            elif _is_word(toks[i]) or part:
                part.append(i)
        parts.append(part)
        # no name has digits ('в карьере пилота Формулы-1'); 'аль-Барадеи': a capital anywhere
        parts = [p for p in parts if any(_is_word(toks[i]) and not toks[i].value.islower() for i in p)
                 and not any(c.isdigit() for i in p for c in toks[i].value)]
        if len(parts) > 1 and len(words_of(toks, parts[0])) < 2:
            parts = parts[:1]  # 'в повороте Раскассэ (La Rascasse)': one word is no full name to gloss
        if parts:
            words = words_of(toks, parts[0])
            while len(words) >= 3 and _before_first_name(words[0], words[1]):
                self.trimmed.append([t.index for t in words[0]])
                words = words[1:]
            parts[0] = [t.index for w in words for t in w]
        return [p for p in parts if p]

    def _name_after_title(self, idx: list[int]) -> bool:
        """A place or organization of the tagger that is a name after a title: 'первого
        президента Ахмат-Хаджи Кадырова' (two or three capitalised words, the last a
        surname pymorphy3 knows)."""
        toks = self.ctx.tokens
        words = words_of(toks, idx)
        if not 2 <= len(words) <= 3 or idx[0] == 0 or not _head_end(toks[idx[0] - 1]):
            return False
        if not all(_capital(w[0]) and not text_of(w).isupper() for w in words):
            return False
        return any("Surn" in p.tag.grammemes and p.is_known and p.score > 0.3 for p in name_parses(text_of(words[-1])))

    def _name_before_parentheses(self, idx: list[int]) -> bool:
        """Does the span start with a first name pymorphy3 knows and capitalised words up to
        a '('?"""
        toks = self.ctx.tokens
        paren = next((n for n, i in enumerate(idx) if toks[i].value == "("), None)
        if not paren:
            return False
        words = words_of(toks, idx[:paren])
        if len(words) > 3 or not all(_capital(w[0]) and not text_of(w).isupper() for w in words):
            return False
        return any("Name" in p.tag.grammemes and p.is_known and p.score > 0.3 for p in name_parses(text_of(words[0])))

    def names(self) -> list[tuple[int, int]]:
        """Token ranges of person names, initials beside them included (INITIAL)."""
        toks = self.tokens
        out: list[tuple[int, int]] = []
        for first, last in sorted(set(self.person_of.values())):
            # 'Путин В.В.' may come as two PER spans: the initials join the name
            if out and out[-1][1] + 1 == first and (_initials(toks, first, last) or _initials(toks, *out[-1])):
                out[-1] = (out[-1][0], last)
            else:
                out.append((first, last))
        extended = []
        for first, last in out:
            while first > 1 and _initials(toks, first - 2, first - 1) and first - 2 not in self.person_of:
                first -= 2
            while last + 2 < len(toks) and _initials(toks, last + 1, last + 2) and last + 1 not in self.person_of \
                    and last + 2 - first < 10:
                last += 2
            extended.append((first, last))
        return extended

    def name_of(self, index: int) -> Optional[tuple[int, int]]:
        for first, last in self.names():
            if first <= index <= last:
                return first, last
        return None


def _retagged(token, kind: Optional[str]):
    """A copy of the token in a span of `kind` (None: in none)."""
    token = copy.copy(token)
    token.ner = None if kind is None else NerSpan(token.span.start, token.span.stop, kind, token.value)
    return token


def _initials(toks, first: int, last: int) -> bool:
    """Are tokens first..last initials ('В.', 'В.В.')?"""
    n = last - first + 1
    return n >= 2 and n % 2 == 0 and all(
        _initial_letter(toks[i]) and toks[i + 1].value == "." and toks[i + 1].glued for i in range(first, last, 2))


def _head_part(token) -> bool:
    return head_token(token) or bool(token.lexicons.get("positions")) and _is_word(token) and not token.value.isupper()


def _head_end(token) -> bool:
    """Does a title word end at this token ('президента', 'вице-президента')?"""
    return head_token(token) or _last_part("positions")(token)


def _before_first_name(word: list, following: list) -> bool:
    """Is `word` no name part, followed by a first name pymorphy3 knows?"""
    return _is_word(word[0]) and not name_parses(text_of(word)) and any(
        "Name" in p.tag.grammemes and p.is_known for p in name_parses(text_of(following)))


def words_of(toks, indices, punctuation: bool = False) -> list[list]:
    """Tokens grouped into words: 'вице-президент', 'О’Рейли', 'В.', 'зав.' are one word each
    (other punctuation apart, when `punctuation`, else left out; quotes are kept)."""
    words: list[list] = []
    for i in indices:
        token = toks[i]
        previous = words[-1][-1] if words else None
        if previous is not None and previous.index + 1 == token.index and token.glued and (
                token.value in JOINERS or previous.value in JOINERS
                or token.value == "." and (_initial_letter(previous) or previous.in_lexicon("position_abbreviations"))):
            words[-1].append(token)
        elif punctuation or token.value[:1].isalnum() or token.value in QUOTES:
            words.append([token])
    return words


def text_of(word: list) -> str:
    return "".join(t.value for t in word)


# --- reading a match ------------------------------------------------------------------------

def _parts(node) -> list:
    """The named rules right below a node of a match tree, in order."""
    out = []
    for child in getattr(node, "children", ()):
        if hasattr(child, "token"):
            continue
        if child.rule.name in _NAMES:
            out.append(child)
        else:
            out.extend(_parts(child))
    return out


_NAMES = frozenset({"NAME", "AGE", "ACTING", "ONE_OF", "LIST_INTRO", "GEO", "MODIFIERS", "HEAD", "INNER_HEAD", "TITLE_CORE", "TAIL", "TITLE",
                    "FIRST_TITLE", "LINKED_TITLE"})


def _part(node, name: str):
    return next((p for p in _parts(node) if p.rule.name == name), None)


def _indices(node) -> list[int]:
    """Indices of the tokens under a node."""
    if hasattr(node, "token"):
        return [node.token.index]
    return [i for child in node.children for i in _indices(child)]


def _title_parts(node) -> dict:
    """Token indices of the parts of a TITLE (or FIRST_TITLE) node: acting, geo, start (of
    the title proper), heads [(first, last), …] in order, stop (after the tail)."""
    out = {"acting": None, "geo": None, "start": None, "heads": [], "stop": _indices(node)[-1] + 1}
    for part in _parts(node):
        name, idx = part.rule.name, _indices(part)
        if name == "TITLE":  # FIRST_TITLE as '<title>,'
            return _title_parts(part)
        if name == "ACTING":
            out["acting"] = idx[0]
        elif name == "GEO":
            out["geo"] = idx[0]
        elif name == "MODIFIERS":
            out["start"] = idx[0]
        elif name == "TITLE_CORE":
            out["heads"] = [(_indices(h)[0], _indices(h)[-1]) for h in _parts(part)]
            if out["start"] is None:
                out["start"] = idx[0]
    return out


# --- titles to positions ------------------------------------------------------------------

def _word_token(tagged, first: int, last: int):
    """The token of a title word that carries its case ('вице-президента': 'президента')."""
    return next((tagged.tokens[i] for i in range(last, first - 1, -1) if _is_word(tagged.tokens[i])), tagged.tokens[last])


def _agrees(head, name_cases: set[str], allow_nomn: bool = False, gender: Optional[str] = None,
            titles: frozenset[str] = frozenset()) -> bool:
    """Can this title word stand for one person named in these cases? A plural
    ('руководители регионов') cannot, nor 'актриса' for a man. Only the forms of the title
    word count when `titles` (the positions lexicon) has its lemma: 'политики' is the plural
    of политик, whatever case политика has. (A yargy relation compares two tokens' forms; a
    name's case comes from its first word pymorphy3 knows as a name.)"""
    forms = parse(_low(head))
    if any(fold(p.normal_form) in titles for p in forms):
        forms = [p for p in forms if fold(p.normal_form) in titles]
    parses = [p for p in forms if p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.tag.number != "plur"
              and not (gender == "masc" and p.tag.gender == "femn")]
    if not parses:
        return False
    head_cases = {p.tag.case for p in parses if p.tag.case}
    if not head_cases or not name_cases:
        return True
    if allow_nomn and "nomn" in head_cases:
        return True
    return bool(head_cases & name_cases)


def _title_cases(head) -> frozenset[str]:
    """Cases a title word right before a name is in, singular: the name agrees with it
    ('министра' -> genitive or accusative)."""
    if head is None:
        return frozenset()
    return frozenset(p.tag.case for p in parse(_low(head)) if p.tag.POS == "NOUN" and p.tag.number == "sing" and p.tag.case)


def _geo(tagged, index: int):
    """(place, kind) named by an adjective: 'подмосковного' -> ('Подмосковье', 'регион')."""
    token = tagged.tokens[index]
    if not _is_word(token) or not GEO_ADJECTIVE(token):
        return None
    table = tagged.ctx.lexicons.derive(_geo_table)
    for form in parse(_low(token)):
        if form.normal_form in table:
            return table[form.normal_form]
    return None


def _geo_table(lexicons) -> dict[str, tuple[str, Optional[str]]]:
    return {row[0].lower(): (row[1], row[2] if len(row) > 2 else None) for row in lexicons.rows("geo_adjectives")}


def _where_kind(token) -> bool:
    """A kind of organization or place that starts a title's where (org_kinds.txt,
    place_kinds.txt), not a unit that stays in the title (title_units.txt)."""
    return (token.in_lexicon("org_kinds") or token.in_lexicon("place_kinds")) and not token.in_lexicon("title_units")


def _starts_where(tagged, k: int) -> bool:
    token = tagged.tokens[k]
    if k in tagged.entity_of or token.value in QUOTES or (_capital(token) and _is_word(token)):
        return True
    return _where_kind(token) or _geo(tagged, k) is not None


def _where_at(tagged, k: int) -> bool:
    """Does the organization or place part of a title begin at token k? Adjectives before
    an organization word belong to it: 'лидер | субкультурной партии'; so does a preposition
    before one: 'наблюдатель | от ОБСЕ', 'гроссмейстер | из Хорватии', 'уполномоченный по
    правам человека | в Москве'."""
    toks = tagged.tokens
    if toks[k].in_lexicon("title_prepositions") and k + 1 < len(toks) and not toks[k + 1].in_lexicon("title_prepositions"):
        return _where_at(tagged, k + 1)
    j = k
    while j < len(toks) and j - k < 3 and not _capital(toks[j]) and j not in tagged.entity_of \
            and _is_word(toks[j]) and _top_pos(toks[j]) in ("ADJF", "PRTF"):
        j += 1
    if j < len(toks) and j > k and _starts_where(tagged, j):
        return True
    return _starts_where(tagged, k)


def _title_words(tagged, first: int, stop: int, head: int, number: Optional[str] = None) -> str:
    """The title proper in the nominative ('заместителя министра' -> 'заместитель министра'),
    its head in `number` when given ('сенаторы' -> 'сенатор')."""
    # an acting word after the modifiers is the Position's flag, no title word ('бывший врио губернатора')
    words = [w for w in words_of(tagged.tokens, range(first, stop), punctuation=True)
             if not all(t.lexicons.get("acting") for t in w) or any(t.index == head for t in w)]
    texts = [tagged.ctx.text[w[0].span.start:w[-1].span.stop] for w in words]
    head_at = next((n for n, w in enumerate(words) if any(t.index == head for t in w)), 0)
    title = nominative_phrase(texts, head=head_at, number=number)
    said = title.split(" ")
    positions = tagged.ctx.lexicons.words("positions")
    if head_at == 0 and len(said) == len(texts) and said[0].lower().rstrip(".") not in positions:
        # 'аналитика' is the genitive of аналитик, not the word 'аналитика'
        for p in parse(texts[0].lower()):
            form = p.inflect({"nomn", "sing"}) if p.normal_form in positions and p.tag.POS == "NOUN" else None
            if form:
                title = " ".join([match_case(form.word, texts[0])] + said[1:])
                break
    if title[:1].isupper() and not title.split()[0].isupper():
        title = title[0].lower() + title[1:]
    return re.sub(r"\s+([»”])", r"\1", re.sub(r"([«„])\s+", r"\1", title))


def _position(tagged, start: int, title_head: int, head: tuple[int, int], stop: int, acting: Optional[int],
              geo: Optional[int] = None, number: Optional[str] = None) -> Optional[Position]:
    """Position from tokens: the title from `start` (its head word at `title_head`, the last
    title word at `head`), its where-part from where it begins to `stop`; a geo adjective before the title or in a where-part
    without names is its place; before a trade or role ('нидерландский предприниматель') it
    is a nationality, no place."""
    toks, ctx = tagged.tokens, tagged.ctx
    while stop > head[1] + 1 and (toks[stop - 1].value in STOPS or _low(toks[stop - 1]) == "и"
                                  or _top_pos(toks[stop - 1]) == "PREP"):
        stop -= 1  # 'писатель и | журналист Виктор Шендерович', 'директор завода, | …', 'президент | с 2001 года'
    end = head[1] + 1
    while end < stop and (_head_end(toks[end]) or not _where_at(tagged, end)):
        end += 1
    if geo is not None and geo < start and _word_token(tagged, *head).in_lexicon("roles"):
        geo = None
    if geo is None and not any(i in tagged.entity_of or _capital(toks[i]) for i in range(end, stop)):
        geo = next((i for i in range(end, stop) if _geo(tagged, i)), None)
    named_end = stop
    while named_end > end and (toks[named_end - 1].value in STOPS or _low(toks[named_end - 1]) == "и"):
        named_end -= 1
    if geo is None and not any(i in tagged.entity_of or _capital(toks[i]) or toks[i].value in QUOTES
                               for i in range(end, named_end)):
        end = named_end  # nothing named after the title: it stays in the title ('министр … торговли края')
    if end <= start:
        return None
    title = _title_words(tagged, start, end, title_head, number)
    first = min(i for i in (acting, geo, start) if i is not None)
    last = stop - 1
    while (toks[last].value in STOPS or _low(toks[last]) == "и") and last >= end and last > start:
        last -= 1
    _office_of(tagged, end, named_end)  # the resolver links it from the span
    return Position(title=title, acting=acting is not None, location_id=_place_of(tagged, geo),
                    span=ctx.span(toks[first].span.start, toks[last].span.stop))


def _place_of(tagged, index: Optional[int]) -> Optional[str]:
    """Id of a Location for the geo adjective at `index` ('российского президента')."""
    if index is None:
        return None
    token = tagged.tokens[index]
    name, kind = _geo(tagged, index)
    place = Location(id=tagged.ctx.new_id(), spans=[tagged.ctx.span(token.span.start, token.span.stop)],
                     name=name, kind=kind)
    tagged.records.append(place)
    return place.id


def _office_of(tagged, end: int, stop: int) -> None:
    """An Organization for a where-part that is an office of a place, in lower case
    and so left by the organization grammars: 'глава | внешнеполитического ведомства России',
    'глава | представительства США в регионе'."""
    toks = tagged.tokens
    j = end
    while j < stop and j - end < 2 and not _capital(toks[j]) and j not in tagged.entity_of \
            and _is_word(toks[j]) and _top_pos(toks[j]) in ("ADJF", "PRTF"):
        j += 1
    if j >= stop or _capital(toks[j]) or not (toks[j].in_lexicon("org_kinds") and _where_kind(toks[j])):
        return
    if any(i in tagged.org_tokens for i in range(end, stop)):
        return  # the tagger has an organization there: the grammars' business
    k = j + 1
    if k + 1 < stop and k not in tagged.entity_of and toks[k].in_lexicon("place_kinds"):
        k += 1  # 'муниципального собрания | района | Отрадное'
    if k >= stop or k not in tagged.entity_of:
        return  # the place must follow at once
    last = tagged.entity_of[k][1]
    words = words_of(toks, range(end, last + 1), punctuation=True)
    texts = [tagged.ctx.text[w[0].span.start:w[-1].span.stop] for w in words]
    head_at = next(n for n, w in enumerate(words) if w[0].index == j)
    kind = sorted(f.normal_form for f in parse(_low(toks[j])) if f.normal_form in tagged.ctx.lexicons.words("org_kinds"))
    tagged.records.append(Organization(
        id=tagged.ctx.new_id(), spans=[tagged.ctx.span(toks[end].span.start, toks[last].span.stop)],
        name=nominative_phrase(texts, head=head_at), kind=kind[0] if kind else None))


def _title_before(tagged, node, stop: int, name_cases: set[str], gender=None):
    """A TITLE before a name (or before what follows it): (position, index of its first
    token, its head token, or None after 'и.о.') or None when it does not agree."""
    parts = _title_parts(node)
    if not parts["heads"]:
        return None
    title_head, head = parts["heads"][0], parts["heads"][-1]
    start, acting, geo = parts["start"], parts["acting"], parts["geo"]
    titles = tagged.ctx.lexicons.words("positions")
    if title_head != head and not _agrees(_word_token(tagged, *title_head), name_cases, gender=gender, titles=titles) \
            and _agrees(_word_token(tagged, *head), name_cases, gender=gender, titles=titles):
        # 'представитель генсека ООН Пан Ги Муна': the name is the генсек's, the
        # представитель someone unnamed
        start, title_head, acting, geo = head[0], head, None, None
        while MODIFIER_TOKEN(tagged.tokens[start - 1]) and start - 1 > parts["heads"][-2][1]:
            start -= 1  # its own modifiers: 'представителем | генерального директора'
    if geo is not None and geo > 0 and _capital(tagged.tokens[geo]):
        geo = None  # a country adjective is capitalised only at the start of the sentence
    # after 'и.о.' the title is in the genitive whatever the name's case
    if acting is None and not _agrees(_word_token(tagged, *title_head), name_cases, gender=gender, titles=titles):
        return None
    first = min(i for i in (acting, geo, start) if i is not None)
    if _second_half(tagged, first):
        return None
    position = _position(tagged, start, title_head[0], head, stop, acting, geo)
    if position is None:
        return None
    return position, first, _word_token(tagged, *title_head) if acting is None else None


def _plural_title(tagged, match) -> list[Position]:
    """PLURAL_TITLE_NAMES: the plural title before a list of names, in the singular, when the
    names may all be in a case of the plural ('сенаторы Джон Маккейн и Марко Рубио' ->
    сенатор; not 'фото актрисы Анны Ивановой и Петра Сидорова', where 'актрисы' is one
    woman's). After "один из" or a colon the names need not agree. A counted plural ('девять
    шахматистов: …') is a group the names are counted in, no title (as FactRuEval reads it)."""
    if match is None:
        return []
    root = match.tree.root
    name_cases: set[str] = set()
    for node in _parts(root):
        found = tagged.name_of(_indices(node)[-1]) if node.rule.name == "NAME" else None
        if found is not None:
            cases = words_cases(tagged, *found)
            name_cases = (name_cases & cases if name_cases else cases) if cases else name_cases
    parts = _title_parts(_part(root, "TITLE"))
    if not parts["heads"] or _second_half(tagged, parts["start"]):
        return []
    title_head, head = parts["heads"][0], parts["heads"][-1]
    opening = min(i for i in (parts["geo"], parts["start"]) if i is not None)
    if opening > 0 and _counted(tagged.tokens[opening - 1]):
        return []
    word = _word_token(tagged, *title_head)
    cases = {p.tag.case for p in parse(_low(word)) if p.tag.POS == "NOUN" and p.tag.number == "plur"}
    if _part(root, "ONE_OF") is None and _part(root, "LIST_INTRO") is None and name_cases \
            and not cases & name_cases:
        return []
    position = _position(tagged, parts["start"], title_head[0], head, parts["stop"], None, parts["geo"], "sing")
    return [position] if position is not None else []


def _counted(token) -> bool:
    """A number: '138', 'девять', 'две'."""
    return token.type == "INT" or _top_pos(token) == "NUMR"


def words_cases(tagged, first: int, last: int) -> set[str]:
    """The cases a name over tokens first..last may be in."""
    return set(name_cases([text_of(w) for w in words_of(tagged.tokens, range(first, last + 1)) if _is_word(w[0])]))


def _second_half(tagged, first: int) -> bool:
    """Is the token the second half of a compound word ('женщины-спикера', 'видео-блоггера')?
    Then it is no title of its own."""
    toks = tagged.tokens
    return first > 1 and toks[first].glued and toks[first - 1].value == "-" and toks[first - 1].glued


def _titles_before(tagged, match, first: int, name_cases: set[str], gender=None):
    """TITLE_THEN_NAME: the titles before a name and the head word of the nearest one."""
    if match is None:
        return [], None
    parts = _parts(match.tree.root)
    title = [p for p in parts if p.rule.name == "TITLE"][-1]
    age = _part(match.tree.root, "AGE")
    found = _title_before(tagged, title, _indices(age)[0] if age is not None else first, name_cases, gender)
    if found is None:
        return [], None
    out = [found[0]]
    start = found[1]
    cases = name_cases or (set(_title_cases(found[2])) if found[2] is not None else set())
    # the titles before it, nearest first: 'актриса, режиссёр и сценарист Анна Смирнова'
    for second in reversed([p for p in parts if p.rule.name == "FIRST_TITLE"]):
        inner = _part(second, "TITLE")
        if inner is not None:  # '<title>, <title> <Name>': both in the name's case
            got = _title_before(tagged, inner, _indices(second)[-1], name_cases, gender)
        else:
            got = _title_before(tagged, second, start, cases, gender)
        if got is None:
            break
        out.append(got[0])
        start = got[1]
    linked = _part(match.tree.root, "LINKED_TITLE")
    if linked is not None and _indices(linked)[-1] < start:
        got = _title_before(tagged, _part(linked, "TITLE"), _indices(_part(linked, "TITLE"))[-1] + 1, {"ablt"}, gender)
        if got is not None:
            out.append(got[0])
    return out, found[2]


def _titles_after(tagged, match, agrees) -> list[Position]:
    """The TITLES of a match after its name: a title with the organization or place after it,
    or several ('актриса, режиссёр и сценарист'); two joined by 'и' with nothing between
    ('управляющий директор и совладелец агентства') share the organization of the second."""
    titles = [p for p in _parts(match.tree.root) if p.rule.name == "TITLE"]
    toks = tagged.tokens
    found: list[tuple[Position, int, int]] = []  # position, first token, last token
    for n, node in enumerate(titles):
        parts = _title_parts(node)
        title_head, acting = parts["heads"][0], parts["acting"]
        if acting is None and not agrees(_word_token(tagged, *title_head)) or _second_half(tagged, _indices(node)[0]):
            break
        stop = parts["stop"]
        if n == len(titles) - 1 and stop < len(toks) and stop in tagged.person_of:
            return []  # '<Name>, директор компании X <Name2>': the title is Name2's
        # a country adjective before a title after the name is a nationality: 'Георг Жено -
        # немецкий режиссёр'
        position = _position(tagged, parts["start"], title_head[0], title_head, stop, acting)
        if position is None:
            break
        found.append((position, _indices(node)[0], stop - 1))
    out = [p for p, _, _ in found]
    for n in range(len(found) - 1):
        position, first, last = found[n]
        bare = len(position.span.text.split()) == len(position.title.split())  # nothing after the title
        if bare and _low(toks[last + 1]) == "и" and not (position.organization_id or position.location_id):
            out[n] = position.model_copy(update={"span": tagged.ctx.span(
                toks[first].span.start, toks[found[n + 1][2]].span.stop)})
    return out


def _signature_line(tagged, node) -> bool:
    """'Кирсан Илюмжинов | Президент ФИДЕ' as a line of its own (a signature): a title right
    after the name, its organization running to the end of the line."""
    parts = _title_parts(node)
    stop = parts["stop"]
    toks, text = tagged.tokens, tagged.ctx.text
    if _part(node, "TAIL") is None or not all(t.value in STOPS for t in toks[stop:]):
        return False
    return "\n" not in text[toks[_indices(node)[0]].span.start:toks[stop - 1].span.stop] \
        and not text[toks[stop - 1].span.stop:].strip(" .")


def _title_after(tagged, matches, first: int, last: int, name_cases: set[str], gender=None) -> list[Position]:
    """'<Name>, <title> [organization]', also after a dash or in parentheses; or with a
    verb: '<Name> стал капитаном команды', 'назначил <Name> директором', '<Name> занял пост
    премьер-министра'; or a signature line."""
    toks = tagged.tokens
    k = last + 1
    if k + 1 < len(toks) and toks[k].value == "(" and k + 1 in tagged.person_of:
        k = tagged.person_of[k + 1][1] + 1  # 'Скотт Хоровитц (Scott Horowitz), бывший астронавт'
        k += k < len(toks) and toks[k].value == ")"
    if k >= len(toks):
        return []

    def agreeing(cases, allow_nomn=False):
        return lambda head: _agrees(head, cases, allow_nomn=allow_nomn, gender=gender,
                                    titles=tagged.ctx.lexicons.words("positions"))

    if toks[k].value in SEPARATORS:
        match = matches["NAME_THEN_TITLE"].get(first)
        found = _titles_after(tagged, match, agreeing(name_cases, True)) if match else []
        # 'Харви Питт, который занимал пост …', 'Игорь Юсуфов, который является …'
        if found or not (matches["NAME_TAKES_POST"].get(first) or matches["NAME_LINK_TITLE"].get(first)
                         or matches["NAME_ONE_OF_TITLE"].get(first)):
            return found
    match = matches["NAMING_VERB_NAME_TITLE"].get(first)
    if match and (not name_cases or "accs" in name_cases):
        found = _titles_after(tagged, match, agreeing({"ablt"}))
        if found:
            return found
    match = matches["NAME_ONE_OF_TITLE"].get(first)
    if match:
        found = _plural_title(tagged, match)
        if found:
            return found
    for pattern, cases in (("NAME_LINK_TITLE", {"ablt"}), ("NAME_TAKES_POST", {"gent"})):
        match = matches[pattern].get(first)
        if match:
            return _titles_after(tagged, match, agreeing(cases))
    match = matches["SIGNATURE"].get(first)
    if match and (not name_cases or "nomn" in name_cases) and _signature_line(tagged, _part(match.tree.root, "TITLE")):
        return _titles_after(tagged, match, agreeing({"nomn"}))
    return []


def _title_linked_before(tagged, matches, first: int, name_cases: set[str], gender=None) -> Optional[Position]:
    """A title that is not right before the name: 'капитаном стал Михаэль Баллак'
    (TITLE_LINK_NAME), 'Бывший спикер палаты представителей, Нэнси Пелоси' (TITLE_COMMA_NAME),
    'Место спикера … занял Джон Бенер' (POST_TAKEN_BY_NAME)."""
    match = matches["TITLE_LINK_NAME"].get(first)
    if match:
        node = _part(_part(match.tree.root, "LINKED_TITLE"), "TITLE")
        found = _title_before(tagged, node, _indices(node)[-1] + 1, {"ablt"}, gender)
        if found:
            return found[0]
    match = matches["TITLE_COMMA_NAME"].get(first)
    if match:
        found = _title_comma_name(tagged, match, first, name_cases, gender)
        if found:
            return found
    match = matches["POST_TAKEN_BY_NAME"].get(first)
    if match:
        found = _titles_after(tagged, match, lambda head: _agrees(head, {"gent"}, gender=gender,
                                                                  titles=tagged.ctx.lexicons.words("positions")))
        return found[0] if found else None
    return None


def _title_comma_name(tagged, match, first: int, name_cases: set[str], gender=None) -> Optional[Position]:
    """'Бывший спикер палаты представителей, Нэнси Пелоси, которая …': a nominative title
    opening a clause, a comma, the name in apposition."""
    toks = tagged.tokens
    if name_cases and "nomn" not in name_cases:
        return None
    after = tagged.person_of.get(first, (first, first))[1] + 1
    if after < len(toks) and _low(toks[after]) == "и":
        return None  # 'Директор завода, Иван Петров и Сергей Сидоров': a list of people
    title = _part(match.tree.root, "TITLE")
    separator = _indices(title)[-1] + 1
    found = _title_before(tagged, title, separator, {"nomn"}, gender)
    if found is None or found[2] is None:
        return None
    opening = found[1]
    if toks[separator].value != ",":
        # 'Лучший арбитр России — Валентин Иванов': a title, a dash, the name; adjectives
        # before the title do not belong to it
        while opening > 0 and opening > found[1] - 2 and _top_pos(toks[opening - 1]) == "ADJF":
            opening -= 1
    # an age between says the name is the title's: 'водитель автобуса — 47-летний Сергей Кубасов'
    if opening > 0 and toks[opening - 1].value not in CLAUSE_STARTS and _part(match.tree.root, "AGE") is None:
        return None
    return found[0]


def _relational(tagged, head_token, first: int, last: int, name_cases: set[str]) -> bool:
    """'Помощник Хиллари Клинтон по европейским делам': a word of relation right before a
    name that may be genitive, its complement after the name: the title is someone else's."""
    toks = tagged.tokens
    if head_token.index != first - 1 or not head_token.in_lexicon("relational_titles"):
        return False
    if name_cases and "gent" not in name_cases:
        return False
    return last + 1 < len(toks) and _low(toks[last + 1]) == "по"


def _organization_in_parentheses(tagged, last: int) -> Optional[int]:
    """'архиепископ Лонгин Клинский (РПЦ МП)': the index of ')' after an organization in
    parentheses right after a name (one more capitalised word of the name allowed); a place
    there too: 'гроссмейстер Зденко Кожул (Хорватия)'."""
    toks = tagged.tokens
    k = last + 1
    if k < len(toks) and _capital(toks[k]) and _is_word(toks[k]) and k not in tagged.entity_of:
        k += 1
    if k + 1 >= len(toks) or toks[k].value != "(" or k + 1 not in tagged.entity_of:
        return None
    close = tagged.entity_of[k + 1][1]
    close += toks[close].value != ")"  # the tagger's span may take the ')' in
    return close if close < len(toks) and toks[close].value == ")" else None


def _with_organization_in_parentheses(tagged, first: int, last: int, positions: list[Position]) -> list[Position]:
    """A title before the name with no organization or place of its own takes the
    organization in parentheses after the name: its span runs to there, the resolver links
    what is inside."""
    close = _organization_in_parentheses(tagged, last) if positions else None
    if close is None:
        return positions
    toks, ctx = tagged.tokens, tagged.ctx
    out = []
    for position in positions:
        start = next((t.index for t in toks if ctx.span(t.span.start, t.span.stop).start == position.span.start), None)
        if start is not None and position.location_id is None and not any(
                i in tagged.entity_of or toks[i].value in QUOTES for i in range(start, first)):
            position = position.model_copy(update={"span": ctx.span(toks[start].span.start, toks[close].span.stop)})
        out.append(position)
    return out


def _inside_another_name(tagged, first: int) -> bool:
    """'университет имени Герасимова', 'им. Пушкина', 'болезнь Бехтерева' (named_after.txt)."""
    toks = tagged.tokens
    if first >= 2 and toks[first - 1].value == "." and toks[first - 2].in_lexicon("named_after"):
        return True
    return first >= 1 and toks[first - 1].in_lexicon("named_after")


def _cut_organizations(tagged):
    """A word cut from the front of a PER span is an organization when pymorphy3 knows it as
    one or a title stands before it ('оператор Аль-Джазиры Сами аль-Хадж')."""
    toks, ctx = tagged.tokens, tagged.ctx
    for indices in tagged.trimmed:
        word = [toks[i] for i in indices]
        text = text_of(word)
        if not _capital(word[0]) or text.isupper() and len(text) < 2:
            continue
        if not (any("Orgn" in p.tag for p in parse(text.lower())) or indices[0] > 0 and _head_end(toks[indices[0] - 1])):
            continue
        name = nominative_phrase([text])
        if len(name) == len(text) and name[:-2] != text[:-2]:
            name = text[:-1] + name[-1]  # the text's spelling: 'Аль-Кайды' -> 'Аль-Кайда', not 'Аль-Каида'
        yield Organization(id=ctx.new_id(), spans=[ctx.span(word[0].span.start, word[-1].span.stop)], name=name)


def _name_node(node):
    for part in _parts(node):
        if part.rule.name == "NAME":
            return part
    return None


def _has(tokens, name: str) -> bool:
    return any(name in t.lexicons for t in tokens)


def _in_phrase(token) -> bool:
    """May the token stand inside a title phrase or between a title and its name? Not a
    verb other than a link verb, not another name, not the end of a clause: a cheap test
    that bounds the tokens a pattern is parsed over."""
    if token.value in ";:!?…" or _person(token):
        return False
    if not _is_word(token) or _capital(token) or _entity(token):
        return True  # a name is no verb, whatever pymorphy3 guesses ('«Витесса»': a gerund)
    return _top_pos(token) not in ("VERB", "INFN", "GRND") or bool(token.lexicons)


def _reach(toks, k: int, step: int, limit: int, free: int = 0) -> int:
    """The last index from k in direction `step` whose tokens may all be in a title phrase
    (the first `free` ones whatever they are: 'согласился занять пост …')."""
    end = k
    while 0 <= k < len(toks) and abs(k - end) < limit and (abs(k - end) < free or _in_phrase(toks[k])):
        k += step
    return k - step


def _windows(tagged, names: list[tuple[int, int]]) -> list[tuple[tuple[int, int], tuple[str, ...]]]:
    """The tokens (lo, hi) worth parsing around each name, with the patterns worth running
    there: a pattern runs only where its words are (a title word before the name, a
    separator after it, a link verb …), which keeps the grammar as fast as a walk."""
    toks, n = tagged.tokens, len(tagged.tokens)
    link, naming = _has(toks, "link_verbs"), _has(toks, "naming_verbs")
    post = _has(toks, "posts") and (_has(toks, "take_verbs") or _has(toks, "post_leave_prepositions"))
    out = []

    def after(last: int) -> int:  # past a gloss in parentheses: 'Скотт Хоровитц (Scott Horowitz),'
        k = last + 1
        if k + 1 < n and toks[k].value == "(" and k + 1 in tagged.person_of:
            k = tagged.person_of[k + 1][1] + 1
            k += k < n and toks[k].value == ")"
        return k

    for first, last in names:
        lo = _reach(toks, first - 1, -1, MAX_BACK)
        starts = sum(1 for t in toks[lo:first] if _title_start(t))
        if starts:
            patterns = ["TITLE_THEN_NAME" if starts > 1 else "ONE_TITLE_THEN_NAME"]
            if link and any("link_verbs" in t.lexicons for t in toks[lo:first]):
                patterns.append("TITLE_LINK_NAME")
            patterns += ["POST_TAKEN_BY_NAME"] * post
            if any(t.value in SEPARATORS for t in toks[max(lo, first - 4):first]):  # ', 35-летний <Name>'
                patterns.append("TITLE_COMMA_NAME")
            out.append(((lo, last + 1), tuple(patterns)))
        k = after(last)
        hi = _reach(toks, k, 1, MAX_BACK, free=3 if post else 0) + 1
        if hi > k and any(_title_start(t) for t in toks[k:hi]):
            nxt = toks[k] if k < n else None
            patterns = []
            if nxt.value in SEPARATORS:
                patterns.append("NAME_THEN_TITLE")
            elif _title_start(nxt) or MODIFIER_TOKEN(nxt) or nxt.lexicons.get("acting") or GEO_ADJECTIVE(nxt):
                patterns.append("SIGNATURE")
            if link and any("link_verbs" in t.lexicons for t in toks[k:k + 6]):
                patterns.append("NAME_LINK_TITLE")
            patterns += ["NAME_TAKES_POST"] * post
            if any("one_of" in t.lexicons for t in toks[k:k + 5]):
                patterns.append("NAME_ONE_OF_TITLE")
            start = first
            if naming:
                patterns.append("NAMING_VERB_NAME_TITLE")
                start = max(0, first - 4)
            out.append(((start, hi), tuple(patterns)))
    return out


def _matches(tagged, names: list[tuple[int, int]]) -> dict[str, dict[int, object]]:
    """pattern name -> {first token of the name: the pattern's match}."""
    out: dict[str, dict[int, object]] = {name: {} for name in _PARSERS}
    out["TITLE_THEN_NAME"] = out["ONE_TITLE_THEN_NAME"]
    if not _has(tagged.tokens, "positions"):
        return out  # no title word: no pattern can match
    for (lo, hi), patterns in _windows(tagged, names):
        for name in patterns:
            for match in _PARSERS[name]().run(tagged.tokens[lo:hi], "findall"):
                node = _name_node(match.tree.root)
                found = tagged.name_of(_indices(node)[-1]) if node is not None else None
                if found is not None:
                    out[name].setdefault(found[0], match)
    if any(PLURAL_WORD(t) or PLURAL_LAST(t) for t in tagged.tokens):
        # a list of names runs past the window of its first name: the whole sentence
        for match in _PARSERS["PLURAL_TITLE_NAMES"]().run(tagged.tokens, "findall"):
            for node in _parts(match.tree.root):
                found = tagged.name_of(_indices(node)[-1]) if node.rule.name == "NAME" else None
                if found is not None:
                    out["PLURAL_TITLE_NAMES"].setdefault(found[0], match)
    return out


def _gender_said(tagged, first: int, last: int) -> Optional[str]:
    """The gender a verb in the past right after or before the name gives it: 'Ирина
    Петрова выступила', 'заявила Алина Петрова'."""
    toks = tagged.tokens
    # after the name only when it may be the subject: not after a noun it depends on
    # ('ресурсов Громова была возможность')
    after = last + 1 if first == 0 or _top_pos(toks[first - 1]) != "NOUN" else None
    for k in (after, first - 1):
        if k is not None and 0 <= k < len(toks) and _is_word(toks[k]):
            top = parse(_low(toks[k]))[:1]
            if top and top[0].tag.POS == "VERB" and "past" in top[0].tag and top[0].tag.gender in ("masc", "femn"):
                return top[0].tag.gender
    return None


def _title_word_before(tagged, first: int):
    """The title word right before a name ('пловчиха Александра Герасименя'), or None."""
    return tagged.tokens[first - 1] if first > 0 and head_token(tagged.tokens[first - 1]) else None


def _feminine_title(head) -> Optional[str]:
    """'femn' for a title word that names a woman ('чемпионка', 'актриса')."""
    if head is None:
        return None
    parses = [p for p in parse(_low(head)) if p.tag.POS == "NOUN"]
    return "femn" if parses and all(p.tag.gender == "femn" for p in parses) else None


def _genitive_complements(tagged, names: list[tuple[int, int]], matches) -> dict[int, int]:
    """Names right after a title that are the genitive complement of the title, and the next
    name, right after them, whose title it is: 'менеджер Ирвина Джон Стэйнтон', 'советника
    Путина Михаила Лесина', 'адвокат Савченко Марк Фейгин' -> {first of the genitive name:
    first of the next}, when the next name agrees with the title."""
    out = {}
    for (first, last), (following, end) in zip(names, names[1:]):
        if following != last + 1 or first not in matches["TITLE_THEN_NAME"]:
            continue
        cases = words_cases(tagged, first, last)
        if cases and "gent" not in cases:
            continue  # 'президент Владимир | Путин': a name cut in two by the tagger
        texts = [text_of(w) for w in words_of(tagged.tokens, range(following, end + 1)) if _is_word(w[0])]
        if _titles_before(tagged, matches["TITLE_THEN_NAME"][first], first, name_cases_any(texts),
                          name_gender(texts))[0]:
            out[first] = following
    return out


def _persons(ctx):
    if not any(t.ner is not None for t in ctx.tokens):
        return  # names come from the tagger's spans
    tagged = TaggerSpans(ctx)
    names = tagged.names()
    matches = _matches(tagged, names) if names else {}
    complements = _genitive_complements(tagged, names, matches)
    for first, last in names:
        words = [w for w in words_of(tagged.tokens, range(first, last + 1)) if _is_word(w[0])]
        if not words or _inside_another_name(tagged, first):
            continue
        texts = [text_of(w) for w in words]
        said = _gender_said(tagged, first, last) or _feminine_title(_title_word_before(tagged, first))
        # a name whose words disagree in case may be in any case any of them allows
        cases, gender = name_cases(texts) or set(), said or name_gender(texts)
        if cases:
            cases = name_cases_any(texts)
        # a plural title before a list of names is each one's ('заместителей генпрокурора Геннадия
        # Лопатина, Сергея Воробьева …': not the генпрокурор's)
        positions, head = _plural_title(tagged, matches["PLURAL_TITLE_NAMES"].get(first)), None
        if not positions and first in complements.values():
            # 'менеджер Ирвина Джон Стэйнтон': the title before the genitive name is this one's
            before = next(k for k, v in complements.items() if v == first)
            positions, head = _titles_before(tagged, matches["TITLE_THEN_NAME"].get(before), before, cases, gender)
        if not positions and first not in complements:
            positions, head = _titles_before(tagged, matches["TITLE_THEN_NAME"].get(first), first, cases, gender)
            guessed = name_cases_any(texts, guess=True) if cases and not positions else cases
            if guessed != cases:
                # 'мэра Лондона Садика Хана': a word pymorphy3 knows as no name says the case
                positions, head = _titles_before(tagged, matches["TITLE_THEN_NAME"].get(first), first, guessed, gender)
        if head is not None and _relational(tagged, head, first, last, cases):
            positions, head = [], None
        if not positions:
            linked = _title_linked_before(tagged, matches, first, cases, gender)
            positions = [linked] if linked else []
        positions = _with_organization_in_parentheses(tagged, first, last, positions)
        positions += _title_after(tagged, matches, first, last, cases, gender)
        toks = tagged.tokens
        span = ctx.span(toks[first].span.start, toks[last].span.stop)
        # the name as the caller wrote it ('О’Рейли': cleaning straightens apostrophes)
        original = [ctx.span(w[0].span.start, w[-1].span.stop).text for w in words]
        said = said or _feminine_title(head)
        yield Person(spans=[span], positions=positions, **person_name(original, _title_cases(head), ctx.lexicons, said))
    yield from tagged.records
    yield from _cut_organizations(tagged)


def grammars(lexicons) -> list[Grammar]:
    """The persons grammar (its rules read the lexicons the tokens are tagged with). It runs
    on every sentence with a span of the tagger: a name needs no trigger word."""
    return [Grammar(name="persons", find=_persons, priority=10)]
