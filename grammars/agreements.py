"""Agreements, ownership and meetings -> `Agreement`, `Ownership` and meeting `Event` records.

Built the way a plugin would build it, from the public API only: yargy rules over the one
token model, words from the Extractor's lexicons (`agreement_*`, `ownership_*`,
`meeting_*` files beside this module), and the records the built-in grammars found in the
same sentence (`found_phrase("organizations")`: the grammars here run after them). A party,
owner or participant is such a record, linked by its id; what needs the whole document (one
agreement named several times, a bare "соглашение" that refers back to it) is decided by the
resolver, `fakty/resolve/agreements.py`.

What it reads (examples with expected records in `agreements_examples.tsv`):
- agreements signed or concluded, with their parties and signers, subject, value, date and
  the event where they were signed: "В рамках ПМЭФ правительство Калужской области подписало
  соглашение с АО «Полипласт» о строительстве завода стоимостью 7 млрд рублей"; "подписаны
  соглашения с X, Y и Z" (one agreement, the parties as listed); "Соглашение было подписано";
  "подписание соглашения между X и Y"; named ones: "Хартия технологического суверенитета";
- loans, grants and investments as agreements: "Россия дала Украине кредит на сумму 2
  миллиарда долларов", "Google вложила в Zynga 200 млн долларов";
- ownership: owners and founders ("основатель MySQL Майкл Видениус", "X, принадлежащая Y"),
  stakes and purchases ("купила 5% акций Facebook", "Sun приобрела MySQL за 1 млрд
  долларов"), subsidiaries ("ООО «Ромашка», дочерняя компания ПАО «Лютик»");
- meetings, visits and talks with their participants: "X встретился с Y", "провёл встречу с
  Y", "переговоры между X и Y" (an `Event` with `participant_ids`).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator, Optional

from yargy import and_, not_, or_, rule
from yargy.predicates import eq, gram, in_, is_capitalized, normalized
from yargy.predicates import type as token_type
from yargy.predicates.constructors import Predicate

from fakty.grammar import Anchors, Grammar, Mention, Part, Triggers, match_parts
from fakty.morph import nominative_phrase
from fakty.predicates import found, found_phrase, in_entry, lexicon, lexicon_phrase, lexicon_start
from fakty.records import (Agreement, Date, Entity, Event, Figure, Location, Organization, Ownership,
                           Person)


class inside_sentence(Predicate):
    """The token is not the first of its sentence (a capital there says nothing)."""

    __attributes__: list = []

    def __call__(self, token) -> bool:
        return getattr(token, "index", 0) > 0


# --- what the grammars before these found in the sentence --------------------------------
ORGANIZATION = found_phrase("organizations").named("ORGANIZATION")
PERSON = found_phrase("persons").named("PERSON")
PLACE = found_phrase("locations").named("PLACE")
FIGURE = found_phrase("figures").named("FIGURE")
DATE = found_phrase("dates").named("DATE")
EVENT = found_phrase("events").named("EVENT")

# --- who: parties, signers, owners, participants ---------------------------------------------
_NAMED = or_(found("organizations"), found("persons"), found("locations"))
_QUOTE_OPEN, _QUOTE_CLOSE = in_({"«", '"'}), in_({"»", '"'})
# 'генеральный директор', 'заместитель министра иностранных дел', 'Чрезвычайный и полномочный
# посол' (the persons grammar's lexicons; a tail of unnamed words in the genitive)
_TITLE_MODIFIER = rule(lexicon("position_modifiers"), rule(eq("и"), lexicon("position_modifiers")).optional())
_TITLE_TAIL = and_(or_(gram("NOUN"), gram("ADJF")), gram("gent"), not_(gram("PREP")), not_(_NAMED))
TITLE = rule(_TITLE_MODIFIER.repeatable(max=3).optional(), lexicon_phrase("positions"),
             rule(_TITLE_TAIL).repeatable(max=4).optional()).named("TITLE")
# where the title is: 'АО «Полипласт»', 'Италии в Грузии'
_TITLE_WHERE = rule(or_(ORGANIZATION, PLACE), rule(normalized("в"), PLACE).optional())
# 'генеральный директор АО «Полипласт» Иван Петров', 'губернатор Калужской области', 'гендиректор «Уралхима»'
REPRESENTATIVE = rule(TITLE, _TITLE_WHERE.optional(), PERSON.optional())
# 'стартап «Ромашка»', 'разработчика игр Zynga': words that describe a named party before it
_DESCRIPTION = and_(or_(gram("NOUN"), gram("ADJF")), not_(gram("PREP")), not_(_NAMED), not_(lexicon("positions")),
                    not_(found("dates")), not_(found("figures")), not_(found("events")))
# 'мэрией', 'правительством': an organization the text does not name (it stands in a list, gives no id)
UNNAMED = rule(and_(lexicon("org_kinds"), not_(_NAMED)))
# a name no grammar before took, in Latin letters or in quotes, where a party stands: 'Sun,
# напомним, приобрела MySQL', 'производителя сетевого оборудования 3Com', 'выплатить «парижскому
# клубу»' — an organization (the interpretation adds it)
_FREE = and_(not_(_NAMED), not_(found("figures")), not_(found("dates")))
LATIN_NAME = rule(and_(or_(and_(token_type("LATIN"), is_capitalized()), token_type("INT")), _FREE),
                  rule(and_(or_(token_type("LATIN"), token_type("INT"), eq("-")), _FREE)).repeatable(max=3).optional())
# in quotes: a capitalised name, or lower-case words with an organization kind among them
# ('«парижскому клубу»'; not 'приобрёл «космического брата»')
_QUOTED_WORD = and_(not_(_QUOTE_CLOSE), _FREE)
QUOTED_NAME = or_(
    rule(_QUOTE_OPEN, and_(_QUOTED_WORD, is_capitalized()), rule(_QUOTED_WORD).repeatable(max=5).optional(),
         _QUOTE_CLOSE),
    rule(_QUOTE_OPEN, rule(_QUOTED_WORD).repeatable(max=3).optional(), and_(_QUOTED_WORD, lexicon("org_kinds")),
         rule(_QUOTED_WORD).repeatable(max=3).optional(), _QUOTE_CLOSE),
)
NEW_NAME = or_(LATIN_NAME, QUOTED_NAME).named("NEW_NAME")
PARTY = or_(REPRESENTATIVE, ORGANIZATION, PERSON, PLACE, UNNAMED, NEW_NAME).named("PARTY")
# where a verb wants one party ('вложила в …', 'выплатить …', 'о покупке …'), its description
# may come first; elsewhere it would be tried at every noun, for nothing
DESCRIBED_PARTY = or_(PARTY, rule(rule(_DESCRIPTION).repeatable(max=3), or_(ORGANIZATION, PERSON, NEW_NAME))
                      .named("PARTY"))
AND = or_(rule(eq("и")), rule(eq(","), eq("и")), rule(eq(","), eq("а"), eq("также")))
# 'X', 'X и Y', 'X, Y и Z' (a list of commas alone is no list: 'Как сообщает газета «Ведомости», DST …')
PARTIES = or_(rule(PARTY), rule(rule(PARTY, eq(",")).repeatable(max=7).optional(), PARTY, AND, PARTY))
# an aside in brackets after a party: 'банк Китая (Industrial and Commercial Bank of China)'
ASIDE = rule(eq("("), rule(not_(in_({"(", ")"}))).repeatable(max=10), eq(")"))
# an apposition or aside between a subject and its verb: ', принадлежащая Юрию Мильнеру, Григорию
# Фингеру и Алишеру Усманову,', ', напомним,', ', по некоторым показателям — крупнейший банк мира,'
_APPOSITION = rule(eq(","), not_(or_(_NAMED, eq(","))),
                   rule(rule(not_(eq(","))).repeatable(max=8).optional(), eq(",")).repeatable(max=3))
SIDE = rule(PARTIES, ASIDE.optional()).named("SIDE")  # who signs, gives, invests, buys, meets: before the verb
WITH = rule(normalized("с"), PARTIES).named("WITH")  # 'с АО «Полипласт»'
BETWEEN = rule(eq("между"), PARTIES).named("BETWEEN")  # 'между ФИДЕ и Мехико'
OF = PARTIES.named("OF")  # 'соглашение «Роснефти» с BP': the genitive right after the kind
# an optional part said in several rules is one rule, shared (OPTIONAL_*): a rule written again
# is a rule of its own to the parser, predicted again at every place
OPTIONAL_OF = OF.optional()
# ', которые' / ', который' between a subject and its verb ('X и Y, которые встречаются')
WHICH = rule(eq(","), normalized("который"))

# --- when, where, on what occasion ------------------------------------------------------------
OCCASION = rule(lexicon_phrase("agreement_occasions"), EVENT).named("OCCASION")  # 'в рамках ПМЭФ'
WHEN = rule(or_(normalized("в"), eq("на")).optional(), DATE).named("WHEN")  # 'в минувшую пятницу'
WHERE = rule(normalized("в"), or_(PLACE, ORGANIZATION))  # 'в Чикаго', 'в Кремле': read past, not kept
ADVERB = rule(and_(or_(gram("ADVB"), gram("PRCL")), not_(eq("и"))))  # 'официально', 'также', 'ещё'
OPTIONAL_ADVERB = ADVERB.optional()
# any other short phrase with a preposition of time or place: 'в минувшую среду'
CIRCUMSTANCE = rule(or_(normalized("в"), eq("на"), eq("за")),
                    rule(and_(or_(gram("ADJF"), gram("NOUN"), gram("NUMR"), token_type("INT")), not_(gram("PREP")),
                              not_(_NAMED), not_(found("figures")), not_(found("dates")), not_(found("events"))))
                    .repeatable(max=3))
# 'по инициативе губернатора Дмитрия Демешина', 'в присутствии министра': named, but no party
ASIDE_PARTY = rule(lexicon_phrase("agreement_asides"), PARTIES)
ADJUNCT = or_(OCCASION, WHEN, WHERE, ADVERB, CIRCUMSTANCE, ASIDE_PARTY)
ADJUNCTS = ADJUNCT.repeatable(max=3)
OPTIONAL_ADJUNCTS = ADJUNCTS.optional()

# --- what: the agreement --------------------------------------------------------------------
_MODIFIER = or_(gram("ADJF"), gram("PRTF"), gram("NUMR"), token_type("INT"))
MODIFIERS = _MODIFIER.repeatable(max=3)
QUOTED = rule(_QUOTE_OPEN, not_(_QUOTE_CLOSE).repeatable(max=15), _QUOTE_CLOSE)
_GENITIVE = and_(gram("gent"), or_(gram("NOUN"), gram("ADJF"), gram("PRTF")), not_(gram("PREP")), not_(_NAMED))
GENITIVE_NAME = rule(rule(_GENITIVE).repeatable(max=6), rule(eq("и"), rule(_GENITIVE).repeatable(max=4)).optional())
KIND = lexicon_phrase("agreement_kinds").named("KIND")
# a capitalised kind inside a sentence with a name in the genitive: 'Хартии технологического суверенитета'
CAPITAL_KIND = rule(and_(lexicon("agreement_kinds"), is_capitalized(), inside_sentence())).named("KIND")
_CAPITAL_KIND_NAME = rule(CAPITAL_KIND, GENITIVE_NAME.named("NAME"))
_KIND_NAME = rule(KIND, QUOTED.named("NAME").optional())
# (a part that may be missing at the start of a rule is spelled out present and missing here and
# below, not ".optional()": where it is missing the parser then predicts nothing for it)
AGREEMENT_KIND = or_(
    _CAPITAL_KIND_NAME, rule(MODIFIERS, _CAPITAL_KIND_NAME),
    _KIND_NAME, rule(MODIFIERS, _KIND_NAME),
).named("AGREEMENT_KIND")
LOAN = lexicon_phrase("agreement_loans").named("KIND")  # 'кредит', 'грант'
LOAN_KIND = rule(_MODIFIER.repeatable(max=2).optional(), LOAN).named("AGREEMENT_KIND")

# the subject: 'о строительстве завода по производству труб', 'на поставку оборудования'
_TOPIC_WORD = and_(or_(token_type("RU"), token_type("LATIN"), token_type("INT"), in_({"«", "»", '"', "-"})),
                   not_(gram("PREP")), not_(in_entry("agreement_values")), not_(found("dates")),
                   not_(found("events")), not_(_NAMED), not_(lexicon("agreement_sign_verbs")),
                   not_(gram("VERB")))
TOPIC_WORDS = rule(or_(rule(_TOPIC_WORD), lexicon_phrase("agreement_topic_words")).repeatable(max=12))
# the subject, and the parties named in it ('о слиянии компаний Oracle и Sun Microsystems')
# a share of an organization as the subject: its organization is a party ('о покупке
# контрольной доли в американском отделении Bank of East Asia')
_STAKE_WORDS = rule(rule(_TOPIC_WORD).repeatable(max=6).optional(), lexicon_phrase("ownership_stakes"))
TOPIC = or_(
    rule(or_(normalized("о"), eq("по")), TOPIC_WORDS.named("TOPIC"), OPTIONAL_OF),
    rule(or_(normalized("о"), eq("по")), _STAKE_WORDS.named("TOPIC"), normalized("в"), DESCRIBED_PARTY.named("STAKE_IN")),
    rule(eq("на"), rule(and_(_TOPIC_WORD, not_(found("figures"))), TOPIC_WORDS.optional()).named("TOPIC")),
)
# the value: 'стоимостью 7 млрд рублей', 'на сумму …', 'в размере …', 'за 1 млрд долларов'
AMOUNT = rule(lexicon_phrase("agreement_values").optional(), FIGURE).named("AMOUNT")
OPTIONAL_AMOUNT = AMOUNT.optional()
COMPLEMENT = or_(AGREEMENT_KIND, WITH, BETWEEN, TOPIC, AMOUNT, ADJUNCT)
COMPLEMENTS = COMPLEMENT.repeatable(max=6)

SIGN = rule(lexicon("agreement_sign_verbs")).named("SIGN")  # 'подписали', 'подписано', 'заключили'
BE = rule(normalized("быть"))
# 'X объявила о …', 'сообщили о …': a verb of saying before the act it names
REPORTED = rule(gram("VERB"), normalized("о"))
OPTIONAL_REPORTED = REPORTED.optional()

# Who acts, and when and where, before the verb: 'В рамках ПМЭФ правительство Калужской области',
# 'Digital Sky Technologies, принадлежащая …,' (one prefix for every act below, parsed once)
_SIDE_FIRST = rule(SIDE, _APPOSITION.optional(), OPTIONAL_ADJUNCTS)
PREFIX = or_(_SIDE_FIRST, rule(ADJUNCTS, _SIDE_FIRST), ADJUNCTS)
# '… подписало соглашение с АО «Полипласт» о строительстве завода стоимостью 7 млрд рублей',
# 'подписаны соглашения с X, Y и Z'
SIGNED = rule(BE.optional(), SIGN, COMPLEMENTS)
# '… объявила о заключении контракта с Y', 'подписание соглашения между X и Y'
_SIGNING = rule(lexicon("agreement_sign_nouns"), COMPLEMENTS)
SIGNING = or_(_SIGNING, rule(REPORTED, _SIGNING))
# 'X присоединился к соглашению'
JOINED = rule(lexicon("agreement_join_verbs"), eq("к"), AGREEMENT_KIND)
# 'Россия дала Украине кредит на сумму 2 миллиарда долларов', 'ФИФА объявила о выделении
# Интерполу гранта в 29 миллионов долларов'
_GIVEN = rule(lexicon("agreement_give_verbs"), DESCRIBED_PARTY.named("TO").optional(), LOAN_KIND,
              COMPLEMENTS.optional())
GIVEN = or_(_GIVEN, rule(REPORTED, _GIVEN))
# 'Google вложила в Zynga 200 млн долларов'
INTO = rule(normalized("в"), DESCRIBED_PARTY).named("INTO")
INVESTED = rule(rule(lexicon("agreement_invest_verbs")).named("INVEST"), INTO, OPTIONAL_AMOUNT)
# 'Газпром должен Белоруссии 200 млн долларов'
OWES = rule(rule(lexicon("agreement_debt_words")).named("OWE"), PARTY.named("TO"), OPTIONAL_AMOUNT)
# 'X предполагает выплатить «парижскому клубу» 12 миллиардов долларов'
_PAID = rule(rule(lexicon("agreement_pay_verbs")).named("PAY"), OPTIONAL_ADVERB, DESCRIBED_PARTY.named("TO"),
             OPTIONAL_ADVERB, AMOUNT)
PAID = or_(_PAID, rule(gram("VERB"), OPTIONAL_ADVERB, _PAID))
ACT = or_(SIGNED, SIGNING, JOINED, GIVEN, INVESTED, OWES, PAID)
# 'Соглашение было подписано в минувшую пятницу', 'Первый контракт был подписан с X'
SIGNED_PASSIVE = rule(AGREEMENT_KIND, BE.optional(), SIGN, COMPLEMENTS.optional())
# 'к Хартии присоединились 386 предприятий'
JOINED_BY = rule(eq("к"), AGREEMENT_KIND, lexicon("agreement_join_verbs"), SIDE.optional())
# 'соглашение между X и Y о …', 'Хартии технологического суверенитета', 'контракт с X на поставку …'
MENTIONED = rule(AGREEMENT_KIND, OPTIONAL_OF, or_(WITH, BETWEEN, TOPIC, AMOUNT).repeatable(max=6).optional())
AGREEMENT = or_(rule(PREFIX, ACT), ACT, SIGNED_PASSIVE, JOINED_BY, MENTIONED)

# --- ownership ----------------------------------------------------------------------------------
OWNER_TITLE = rule(lexicon("ownership_titles")).named("OWNER_TITLE")  # 'основатель', 'совладелец'
_ONE_OF = rule(normalized("один"), eq("из"))  # 'один из создателей'
# the owned after a title: 'основатель MySQL', 'создатель театра «Театр.doc», Театра им. Бойса'
_OWNED = or_(ORGANIZATION, rule(rule(_DESCRIPTION).repeatable(max=3), ORGANIZATION)).named("PARTY")
OWNED_LIST = rule(_OWNED, rule(AND, _OWNED).repeatable(max=4).optional()).named("OWNED")
# 'Основатель MySQL Майкл Видениус', 'управляющий директор и совладелец креативного агентства
# Kollektiv', 'Марка Цукерберга, создателя Facebook', 'X - один из создателей театра Y'
_OWNER_TITLES = rule(rule(TITLE, eq("и")).optional(), _ONE_OF.optional(),
                     rule(_MODIFIER).repeatable(max=2).optional(), OWNER_TITLE,
                     rule(eq("и"), OWNER_TITLE).optional())  # 'основатель и владелец'
_DASH = in_({"-", "—", "–", ","})
OWNER_BY_TITLE = or_(
    rule(_OWNER_TITLES, OWNED_LIST, PERSON.named("OWNER")),
    # 'Главным владельцем Facebook является её основатель Марк Цукерберг'
    rule(_OWNER_TITLES, OWNED_LIST, normalized("являться"), rule(not_(or_(_NAMED, eq(",")))).repeatable(max=4).optional(),
         PERSON.named("OWNER")),
    rule(PERSON.named("OWNER"), _DASH, rule(not_(_DASH)).repeatable(max=4).optional(), rule(eq(",")).optional(),
         _OWNER_TITLES, OWNED_LIST),
)
# 'X, принадлежащая Юрию Мильнеру, Григорию Фингеру и Алишеру Усманову', 'X владеет Y'
OWN_VERB = rule(lexicon("ownership_verbs")).named("OWN_VERB")
OWNER_BY_VERB = or_(
    rule(PARTY.named("FIRST"), rule(eq(",")).optional(), OPTIONAL_ADVERB, OWN_VERB, PARTIES.named("SECOND")),
    rule(OWN_VERB, PARTY.named("SECOND"), PARTY.named("FIRST")),  # 'подконтрольный правительству банк'
)
# 'Иван Петров основал компанию «Ромашка»', 'Украина и Турция создали Стратегический совет'
FOUNDED = rule(SIDE.named("OWNER"), OPTIONAL_ADJUNCTS, rule(lexicon("ownership_found_verbs")).named("FOUND"),
               OPTIONAL_ADJUNCTS, OWNED_LIST)
STAKE = rule(FIGURE.named("SHARE").optional(), lexicon_phrase("ownership_stakes"))
# 'Sun приобрела MySQL за 1 млрд долларов', 'DST купила ещё 5% акций Facebook', 'HP объявила о
# покупке производителя оборудования 3Com'
_BOUGHT = rule(rule(lexicon("ownership_buy_verbs")).named("BUY"), OPTIONAL_ADVERB, STAKE.optional(),
               DESCRIBED_PARTY.named("OWNED"), OPTIONAL_AMOUNT, WHEN.optional())
BOUGHT = or_(_BOUGHT, rule(SIDE, _APPOSITION.optional(), OPTIONAL_ADJUNCTS, OPTIONAL_REPORTED, _BOUGHT))
# 'ООО «Ромашка», дочерняя компания ПАО «Лютик»', '«Х» (входит в группу «Y»)'
SUBSIDIARY = or_(
    rule(PARTY.named("OWNED"), _DASH.optional(), lexicon("ownership_subsidiaries"), gram("NOUN"),
         PARTY.named("OWNER")),
    rule(lexicon("ownership_subsidiaries"), gram("NOUN"), PARTY.named("OWNER"), PARTY.named("OWNED")),
    # 'дочерних предприятий «Лукойла» («Варьеганнефть», «ЛУКОЙЛ-Когалымнефтегаз»)'
    rule(lexicon("ownership_subsidiaries"), gram("NOUN"), PARTY.named("OWNER"), eq("("),
         rule(PARTY, rule(eq(","), PARTY).repeatable(max=6).optional()).named("OWNED"), eq(")")),
    rule(PARTY.named("OWNED"), in_({",", "(", "-", "—"}).optional(), lexicon("ownership_subsidiaries"),
         normalized("в"), lexicon_phrase("ownership_groups").optional(), PARTY.named("OWNER")),
)

# --- meetings -------------------------------------------------------------------------------------
MEET_VERB = rule(and_(lexicon("meeting_words"), or_(gram("VERB"), gram("INFN"), gram("PRTF"), gram("GRND"))))
MEET_NOUN = rule(and_(lexicon("meeting_words"), gram("NOUN")))
HOLD = rule(lexicon("meeting_hold_verbs"))
# who met, before the verb: 'X и Y, которые сегодня специально' (one prefix for the acts below)
MEETING_PREFIX = or_(rule(SIDE, WHICH.optional(), OPTIONAL_ADJUNCTS), ADJUNCTS)
# 'Виторио Сандали встретился с … Александром Налбандовым', 'X и Y, которые сегодня встречаются'
MET = rule(MEET_VERB.named("MEET"), OPTIONAL_ADJUNCTS, WITH.optional())
# 'он провёл встречу с директором …', 'X и Y провели переговоры'
HELD = rule(HOLD, MEET_NOUN.named("MEET"), or_(WITH, BETWEEN).optional())
# 'Президент принял в Кремле губернатора Ивана Петрова': both sides named persons
_GUEST = or_(rule(TITLE, _TITLE_WHERE.optional(), PERSON), rule(rule(_DESCRIPTION).repeatable(max=4).optional(), PERSON))
HOSTED = rule(rule(lexicon("meeting_host_verbs")).named("HOST"), OPTIONAL_ADJUNCTS, _GUEST.named("WITH"))
# 'встреча Путина с Обамой', 'переговоры между X и Y', 'на встрече с губернатором'
MEETING_NOUN = rule(MEET_NOUN.named("MEET"), OPTIONAL_OF, or_(WITH, BETWEEN))
# 'переговоры о формировании правительства ведут лидеры X и Y', 'Во встрече приняли участие X и Y'
HELD_BY = rule(MEET_NOUN.named("MEET"), or_(TOPIC, ADJUNCT).repeatable(max=3).optional(),
               or_(HOLD, lexicon_phrase("meeting_take_part")), SIDE)
# 'X находится с визитом в Y', 'X прибыл с официальным визитом': the visitor
VISITING = rule(normalized("с"), _MODIFIER.optional(), MEET_NOUN.named("MEET"))
MEETING = or_(rule(MEETING_PREFIX, or_(MET, HELD, HOSTED)), MET, HELD, MEETING_NOUN,
              HELD_BY, rule(normalized("в"), HELD_BY),
              rule(SIDE, OPTIONAL_ADJUNCTS, gram("VERB"), VISITING))


# --- interpretation: a match -> records -------------------------------------------------------------

def _new_organizations(ctx, parts: Part) -> list[Organization]:
    """An Organization for each NEW_NAME of a match ('3Com', '«парижскому клубу»'), made known to
    the rest of this interpretation as if a grammar before had found it."""
    out = []
    for part in parts.all("NEW_NAME"):
        tokens = ctx.tokens[part.first:part.stop]
        words = [t.value for t in tokens if t.value not in ("«", "»", '"')]
        if not any(t.type == "LATIN" for t in tokens) and not any(t.type == "RU" for t in tokens):
            continue  # a number alone is no name
        if any(t.type == "RU" for t in tokens):
            name = nominative_phrase(words)
            name = f"«{name}»" if tokens[0].value in ("«", '"') else name
        else:
            name = _text(ctx, part)
        org = Organization(id=ctx.new_id(), spans=[ctx.tokens_span(tokens)], name=name)
        ctx.add_found([Mention(org, "agreements", 10)])
        out.append(org)
    return out


def _records(ctx, part: Optional[Part], *types) -> list[Entity]:
    """The records of these types that earlier grammars found on a part's tokens."""
    if part is None:
        return []
    return ctx.found_in(part.first, part.stop, *types)


def _first(ctx, part: Optional[Part], *types) -> Optional[Entity]:
    found = _records(ctx, part, *types)
    return found[0] if found else None


def _who(ctx, party: Part) -> tuple[list[str], list[str]]:
    """(party ids, signer ids) of one PARTY: an organization or place is a party; a person is a
    signer, and a party too when the phrase names no organization or place of theirs."""
    places = [p for p in party.all("ORGANIZATION") + party.all("PLACE") + party.all("NEW_NAME")]
    where = [_first(ctx, p, Organization, Location) for p in places]
    person = _first(ctx, party.get("PERSON"), Person)
    if party.name == "PARTY" and not places and party.get("PERSON") is None:
        return [], []  # a title alone ('Губернатор'): nobody we can point to
    parties = [w.id for w in where if w is not None]
    signers = [person.id] if person is not None else []
    return (parties or signers), signers


def _no_subject(ctx, part: Part) -> bool:
    """A SIDE after a preposition ('в ходе визита в Украину договорился'), right after a title
    whose name it is ('по инициативе губернатора Дмитрия Демешина … была запущена') or not in
    the nominative is no subject of the verb."""
    before = ctx.tokens[part.first - 1] if part.first > 0 else None
    if before is not None and (any("PREP" in f.grams.values for f in before.forms) or before.lexicons.get("positions")):
        return True
    words = [t for t in ctx.tokens[part.first:part.stop] if t.type == "RU"]
    return bool(words) and not any("nomn" in f.grams.values for f in words[0].forms)


def _parties(ctx, part: Optional[Part]) -> tuple[list[str], list[str]]:
    parties, signers = [], []
    if part is None or part.name == "SIDE" and _no_subject(ctx, part):
        return parties, signers
    items = part.all("PARTY") or [part]
    for item in items:
        p, s = _who(ctx, item)
        parties += p
        signers += s
    return list(dict.fromkeys(parties)), list(dict.fromkeys(signers))


def _genitive(ctx, part: Part) -> bool:
    """Can the first word of a phrase be in the genitive (names in Latin letters or quotes can)?"""
    words = [t for t in ctx.tokens[part.first:part.stop] if t.type == "RU"]
    return not words or any("gent" in f.grams.values for f in words[0].forms)


def _words(ctx, part: Part) -> list[str]:
    return [t.value for t in ctx.tokens[part.first:part.stop]]


def _text(ctx, part: Part) -> str:
    tokens = ctx.tokens[part.first:part.stop]
    return ctx.text[tokens[0].span.start:tokens[-1].span.stop]


def _kind(ctx, kind: Part, lexicon_name: str) -> str:
    """The kind an entry names: its second column, or the entry itself ('концессионное
    соглашение' -> концессия; 'соглашения' -> соглашение)."""
    words = _words(ctx, kind)
    mapping = ctx.lexicons.mapping(lexicon_name)
    entry = " ".join(w.lower() for w in words)
    if len(words) == 1:
        token = ctx.tokens[kind.first]
        for lemma in sorted(token.lemmas):
            key = lemma.replace("ё", "е")
            if key in mapping:
                return mapping[key]
            if key in ctx.lexicons.words(lexicon_name):
                return lemma
        return token.value.lower()
    return mapping.get(entry.replace("ё", "е"), nominative_phrase([w.lower() for w in words]))


def _linked(ctx, parts: Part, role: str, inner: str, cls, keep=lambda record: True):
    """The first record of `cls` on the `inner` part of a `role` ('AMOUNT' -> its FIGURE)."""
    for part in parts.all(role):
        record = _first(ctx, part.get(inner), cls)
        if record is not None and keep(record):
            return record
    return None


def _amount(ctx, parts: Part) -> Optional[str]:
    """The id of a money Figure said as the value ('стоимостью 7 млрд рублей')."""
    figure = _linked(ctx, parts, "AMOUNT", "FIGURE", Figure, lambda f: f.kind == "money")
    return figure.id if figure is not None else None


def _date(ctx, parts: Part):
    date = _linked(ctx, parts, "WHEN", "DATE", Date)
    return date.value if date is not None else None


def _event(ctx, parts: Part) -> Optional[str]:
    event = _linked(ctx, parts, "OCCASION", "EVENT", Event)
    return event.id if event is not None else None


def _subject(ctx, parts: Part) -> Optional[str]:
    """'о строительстве завода' -> 'строительство завода'; 'на поставку оборудования' ->
    'поставка оборудования'."""
    topic = parts.get("TOPIC")
    if topic is None:
        return None
    return nominative_phrase(_words(ctx, topic)) or None


def _name(ctx, kind_part: Part) -> Optional[str]:
    """'Хартии технологического суверенитета' -> 'Хартия технологического суверенитета';
    'соглашение «О сотрудничестве»' -> 'соглашение «О сотрудничестве»'."""
    name = kind_part.get("NAME")
    if name is None:
        return None
    kind = kind_part.get("KIND")
    head = nominative_phrase(_words(ctx, Part("", kind_part.first, kind.stop)))
    return f"{head} {_text(ctx, name)}"


def interpret_agreement(match, ctx) -> Iterator[Entity]:
    parts = match_parts(match)
    kind_part = parts.get("AGREEMENT_KIND")
    if kind_part is None and not any(parts.get(n) for n in ("INVEST", "OWE", "PAY")):
        return  # 'подписали с X' with no agreement named
    yield from _new_organizations(ctx, parts)
    if parts.get("INVEST") is not None:  # 'вложила в Zynga': the verb names the kind
        kind, name = _kind(ctx, parts.get("INVEST"), "agreement_invest_verbs"), None
    elif parts.get("OWE") is not None:
        kind, name = _kind(ctx, parts.get("OWE"), "agreement_debt_words"), None
    elif parts.get("PAY") is not None:
        kind, name = _kind(ctx, parts.get("PAY"), "agreement_pay_verbs"), None
    else:
        kind_word = kind_part.get("KIND")
        loans = ctx.tokens[kind_word.first].lexicons.get("agreement_loans")
        kind = _kind(ctx, kind_word, "agreement_loans" if loans else "agreement_kinds")
        name = _name(ctx, kind_part)
    parties, signers = [], []
    stop = match.span.stop
    for role in ("SIDE", "OF", "WITH", "BETWEEN", "TO", "INTO", "STAKE_IN"):
        for part in parts.all(role):
            if role == "OF" and not _genitive(ctx, part):
                # 'при подписании соглашения министр …': the subject of the clause, not the mention's
                if part.stop == parts.stop:
                    stop = ctx.tokens[part.first - 1].span.stop
                continue
            p, s = _parties(ctx, part)
            parties += p
            signers += s
    yield Agreement(spans=[ctx.span(match.span.start, stop)], kind=kind,
                    name=name, subject=_subject(ctx, parts),
                    party_ids=list(dict.fromkeys(parties)), signer_ids=list(dict.fromkeys(signers)),
                    amount_id=_amount(ctx, parts), date=_date(ctx, parts), event_id=_event(ctx, parts))


def _organizations(ctx, part: Optional[Part]) -> list[str]:
    """Ids of the organizations a part names, one per PARTY."""
    if part is None:
        return []
    found = [_first(ctx, item, Organization) for item in part.all("PARTY") or [part]]
    return list(dict.fromkeys(o.id for o in found if o is not None))


def _owners(ctx, part: Optional[Part]) -> list[str]:
    """Ids of the organizations or persons a part names (each PARTY once: a person, else its
    organization or place)."""
    if part is None or part.name == "SIDE" and _no_subject(ctx, part):
        return []
    items = part.all("PARTY") or [part]
    out = []
    for item in items:
        person = _first(ctx, item.get("PERSON") or (item if item.name == "PERSON" else None), Person)
        if person is not None:
            out.append(person.id)
            continue
        org = _first(ctx, item, Organization, Location)
        if org is not None:
            out.append(org.id)
    return list(dict.fromkeys(out))


def _ownership(ctx, match, kind: str, owners: list[str], owned: list[str], share=None,
               amount: Optional[str] = None, date=None) -> Iterator[Ownership]:
    span = ctx.span(match.span.start, match.span.stop)
    for owner in owners:
        for thing in owned:
            if owner != thing:
                yield Ownership(spans=[span], kind=kind, owner_id=owner, owned_id=thing, share=share,
                                amount_id=amount, date=date)


def interpret_owner_title(match, ctx) -> Iterator[Ownership]:
    parts = match_parts(match)
    yield from _new_organizations(ctx, parts)
    for kind in dict.fromkeys(_kind(ctx, title, "ownership_titles") for title in parts.all("OWNER_TITLE")):
        yield from _ownership(ctx, match, kind, _owners(ctx, parts.get("OWNER")),
                              _organizations(ctx, parts.get("OWNED")))


def interpret_owner_verb(match, ctx) -> Iterator[Ownership]:
    parts = match_parts(match)
    yield from _new_organizations(ctx, parts)
    direction = _kind(ctx, parts.get("OWN_VERB"), "ownership_verbs")
    first, second = parts.get("FIRST"), parts.get("SECOND")
    owners, owned = (first, second) if direction == "owner" else (second, first)
    yield from _ownership(ctx, match, "owner", _owners(ctx, owners), _organizations(ctx, owned))


def interpret_bought(match, ctx) -> Iterator[Ownership]:
    parts = match_parts(match)
    yield from _new_organizations(ctx, parts)
    owned = _organizations(ctx, parts.get("OWNED"))
    share_part = parts.get("SHARE")
    share = None
    if share_part is not None:
        figure = _first(ctx, share_part, Figure)
        if figure is not None and figure.kind == "percent" and figure.value is not None:
            share = Decimal(figure.value)
    yield from _ownership(ctx, match, "acquisition", _owners(ctx, parts.get("SIDE")),
                          owned, share=share, amount=_amount(ctx, parts), date=_date(ctx, parts))


def interpret_subsidiary(match, ctx) -> Iterator[Ownership]:
    parts = match_parts(match)
    yield from _new_organizations(ctx, parts)
    yield from _ownership(ctx, match, "subsidiary", _organizations(ctx, parts.get("OWNER")),
                          _organizations(ctx, parts.get("OWNED")))


def interpret_meeting(match, ctx) -> Iterator[Event]:
    parts = match_parts(match)
    yield from _new_organizations(ctx, parts)
    meet = parts.get("MEET") or parts.get("HOST")
    participants = []
    for role in ("SIDE", "OF", "WITH", "BETWEEN"):
        participants += _participants(ctx, parts.get(role))
    participants = list(dict.fromkeys(participants))
    if not participants or meet.name == "HOST" and not _records(ctx, parts.get("SIDE"), Person):
        return  # 'на встрече с избирателями': nobody named; 'принимает решение': no host
    kind = _kind(ctx, meet, "meeting_words" if meet.name == "MEET" else "meeting_host_verbs")
    # the mention: the meeting word with whom it was held ('встретился с … Налбандовым')
    stop = max((p.stop for p in parts.all("WITH") + parts.all("BETWEEN")), default=meet.stop)
    span = ctx.span(ctx.tokens[meet.first].span.start, ctx.tokens[stop - 1].span.stop)
    tail = ctx.text[ctx.tokens[meet.stop - 1].span.stop:ctx.tokens[stop - 1].span.stop].strip()
    name = f"{kind} {tail}".strip()
    yield Event(spans=[span], kind=kind, name=name, participant_ids=participants)


def _participants(ctx, part: Optional[Part]) -> list[str]:
    """A person where the phrase names one, else the organization or place; one holder of a
    title without a name ('встреча с послом Италии', 'беседа с корреспондентом «Голоса
    Америки»') is a person we cannot name, while several ('лидеры партии «Лига»') stand for
    their organization."""
    if part is None or part.name == "SIDE" and _no_subject(ctx, part):
        return []
    items = [item for item in part.all("PARTY") or [part]
             if item.get("TITLE") is None or item.get("PERSON") is not None or _plural(ctx, item.get("TITLE"))]
    return [i for item in items for i in _owners(ctx, item)]


def _plural(ctx, title: Part) -> bool:
    return any(t.lexicons.get("positions") and all("plur" in f.grams.values for f in t.forms)
               for t in ctx.tokens[title.first:title.stop])


# every match holds one of these words; what comes before it (a party, adjuncts, an aside) has
# no length the rules bound, so the anchors reach back to the sentence's start: the parser
# predicts nothing after the last such word, and nothing at all in a sentence without one
_SENTENCE = 10_000
AGREEMENT_ANCHORS = Anchors(or_(*(lexicon(name) for name in (
    "agreement_sign_verbs", "agreement_sign_nouns", "agreement_join_verbs", "agreement_give_verbs",
    "agreement_invest_verbs", "agreement_debt_words", "agreement_pay_verbs")), lexicon_start("agreement_kinds")),
    before=_SENTENCE)
OWNER_ANCHORS = Anchors(or_(lexicon("ownership_titles"), lexicon("ownership_verbs"), lexicon("ownership_found_verbs")),
                        before=_SENTENCE)
MEETING_ANCHORS = Anchors(or_(lexicon("meeting_words"), lexicon("meeting_host_verbs")), before=_SENTENCE)
PURCHASE_ANCHORS = Anchors(lexicon("ownership_buy_verbs"), before=_SENTENCE)
SUBSIDIARY_ANCHORS = Anchors(lexicon("ownership_subsidiaries"), before=_SENTENCE)


def grammars(lexicons) -> list[Grammar]:
    """The grammars of this module: agreements, ownership, meetings (they run after the
    built-in grammars whose records they link)."""
    agreement_words = Triggers(lexicons={"agreement_kinds", "agreement_loans", "agreement_invest_verbs",
                                         "agreement_debt_words", "agreement_pay_verbs"})
    return [
        Grammar(name="agreements.agreements", rule=AGREEMENT, interpret=interpret_agreement,
                triggers=agreement_words, priority=10, anchors=AGREEMENT_ANCHORS),
        Grammar(name="agreements.owners", rule=or_(OWNER_BY_TITLE, OWNER_BY_VERB, FOUNDED), interpret=interpret_owner,
                triggers=Triggers(lexicons={"ownership_titles", "ownership_verbs", "ownership_found_verbs"}),
                priority=10, anchors=OWNER_ANCHORS),
        Grammar(name="agreements.purchases", rule=BOUGHT, interpret=interpret_bought,
                triggers=Triggers(lexicons={"ownership_buy_verbs"}), priority=10, anchors=PURCHASE_ANCHORS),
        Grammar(name="agreements.subsidiaries", rule=SUBSIDIARY, interpret=interpret_subsidiary,
                triggers=Triggers(lexicons={"ownership_subsidiaries"}), priority=10, anchors=SUBSIDIARY_ANCHORS),
        Grammar(name="agreements.meetings", rule=MEETING, interpret=interpret_meeting,
                triggers=Triggers(lexicons={"meeting_words", "meeting_host_verbs"}), priority=30,
                anchors=MEETING_ANCHORS),
    ]


def interpret_owner(match, ctx) -> Iterator[Entity]:
    parts = match_parts(match)
    if parts.get("OWNER_TITLE") is not None:
        yield from interpret_owner_title(match, ctx)
    elif parts.get("FOUND") is not None:
        yield from _new_organizations(ctx, parts)
        yield from _ownership(ctx, match, "founder", _owners(ctx, parts.get("OWNER")),
                              _organizations(ctx, parts.get("OWNED")))
    else:
        yield from interpret_owner_verb(match, ctx)
