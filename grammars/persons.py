"""Persons and their positions.

Names come from slovnet PER spans (with initials next to them absorbed: "Путин В.В.").
Titles come from a lexicon of position words (positions.txt, position_modifiers.txt):
- before the name: "заместитель руководителя Департамента … города Москвы Степан Коваленко",
  "мэра Москвы Сергея Собянина", "и.о. министра промышленности и торговли края …";
- after the name, after a comma, a dash or in parentheses: "Михаил Лабудин, директор
  Ассоциации кластеров, технопарков и особых экономических зон России".
A title phrase is split into the title proper (nominative: "заместитель руководителя") and
what follows it (the organization or place of the office). `Position.span` covers both;
the persons resolver links the organization or place entity found inside it (for an
organization in parentheses after the name, "архиепископ Лонгин (РПЦ МП)", the span runs
over the name to it).
Names: the tagger's PER span is cleaned (a gloss in parentheses is a mention of its own, an
organization before a first name is cut off, nothing with digits); foreign names pymorphy3
only guesses take the case of the title they agree with ("министра … Сейджи Маехары").
A relational title before a genitive name ("Помощник Хиллари Клинтон по …",
relational_titles.txt) is someone else's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from fakty.grammar import Grammar
from fakty.grammars import lexicon, table
from fakty.morph import BASE_CASE, lemmas, match_case, nominative_name, nominative_phrase, parse
from fakty.records import Location, Organization, Person, Position

# 'зав. кафедрой', 'зам. директора': abbreviated title words are one token with their dot
_ABBREVIATED = re.compile(r"(?:[Зз]ав|[Зз]ам)\.$")
_TOKEN = re.compile(r"(?i:и\.\s?о\.)|(?:[Зз]ав|[Зз]ам)\.(?=\s)|[А-ЯЁA-Z]\.|\w+(?:[-'’]\w+)*|\S")
_INITIAL = re.compile(r"[А-ЯЁA-Z]\.$")
_ACTING = {"и.о.", "и. о.", "врио", "ио"}
_QUOTES = set("«»\"„“”")
_TAIL_PREPS = {"по", "при", "в", "во", "с", "со", "на", "за", "для", "из", "от"}
_STOPS = set(",;:—–-()!?.…")
# lowercase words that start the organization or place part of a title, not the title itself
_ORG_STARTS = {
    "компания", "корпорация", "холдинг", "концерн", "группа", "банк", "фонд", "министерство",
    "ведомство", "правительство", "администрация", "мэрия", "партия", "движение",
    "ассоциация", "союз", "университет", "институт", "академия", "театр", "клуб", "команда",
    "сборная", "газета", "журнал", "издание", "агентство", "телеканал", "радиостанция",
    "завод", "комбинат", "фабрика", "предприятие", "организация", "общество", "объединение",
    "кластер", "технопарк", "госкорпорация", "правление", "штаб", "посольство", "музей",
    "представительство", "консульство", "отделение", "парламент", "собрание", "дума", "палата",
}
_PLACE_STARTS = {"город", "область", "край", "республика", "район", "округ", "страна",
                 "регион", "штат", "провинция", "столица", "село", "посёлок", "поселок"}
_WHERE_STARTS = frozenset(_ORG_STARTS | _PLACE_STARTS)  # a title's where begins at one of these


@lru_cache(maxsize=None)
def _lexicon_set(name: str) -> frozenset[str]:
    return frozenset(e.lower() for e in lexicon(name))


def position_words() -> frozenset[str]:
    return _lexicon_set("positions.txt")


def modifier_words() -> frozenset[str]:
    return _lexicon_set("position_modifiers.txt")


def role_words() -> frozenset[str]:
    return _lexicon_set("roles.txt")


@lru_cache(maxsize=None)
def _geo_table() -> dict[str, tuple[str, str]]:
    return {row[0].lower(): (row[1], row[2] if len(row) > 2 else None) for row in table("geo_adjectives.tsv")}


def _geo(tok: "Tok"):
    """(place, kind) named by an adjective: 'подмосковного' -> ('Подмосковье', 'регион')."""
    if not tok.word or not any(p.tag.POS == "ADJF" for p in parse(tok.low)):
        return None
    for lemma in _lemmas(tok.low):
        if lemma in _geo_table():
            return _geo_table()[lemma]
    return None


@dataclass
class Tok:
    text: str
    start: int
    stop: int
    low: str = field(init=False)

    def __post_init__(self):
        self.low = self.text.lower()
        if _ABBREVIATED.match(self.text):
            self.low = self.low[:-1]

    @property
    def word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()


@lru_cache(maxsize=50_000)
def _lemmas(low: str) -> frozenset[str]:
    out = set(lemmas(low)) | {low}  # participles' lemma is the verb
    if low.startswith("экс-"):  # 'экс-министра' is a министр
        out |= lemmas(low[4:])
    return frozenset(out)


def _is_head(tok: Tok) -> bool:
    if not tok.word or tok.text.isupper() or not (_lemmas(tok.low) & position_words()):
        return False
    # 'после' is a preposition, not a case of 'посол'
    top = parse(tok.low)[:1]
    return not top or top[0].tag.POS in ("NOUN", "ADJF", "PRTF") or "UNKN" in top[0].tag


def _is_modifier(tok: Tok) -> bool:
    return tok.word and bool(_lemmas(tok.low) & modifier_words())


def _noun_cases(word: str) -> set[str]:
    return {p.tag.case for p in parse(word.lower()) if p.tag.POS == "NOUN" and p.tag.case}


@lru_cache(maxsize=50_000)
def _name_parses(word: str) -> tuple:
    """pymorphy3 parses of a word as a name part; first names and patronymics it only
    guesses from an ending ('Маэхара' as a case of 'Маэхар') are left out: foreign names
    stay as written."""
    # one person's name is singular: 'Лёв' is not the plural of 'Лёва', nor 'Киран' of 'Кирана'
    return tuple(p for p in parse(word) if p.tag.number != "plur" and p.tag.case != "voct" and (
        "Surn" in p.tag.grammemes or ({"Name", "Patr"} & p.tag.grammemes and p.is_known)))


def _name_gender(words: list[str]) -> str | None:
    """masc or femn, from a first name pymorphy3 knows ('Сергей' -> masc)."""
    for w in words:
        for p in _name_parses(w):
            if "Name" in p.tag.grammemes and p.score > 0.2:
                return p.tag.gender if p.tag.gender in ("masc", "femn") else None
    return None


def _name_cases(words: list[str]) -> set[str]:
    """Cases the name can be in, from its first word pymorphy3 knows as a name part."""
    for w in words:
        if _INITIAL.match(w):
            continue
        cases = {p.tag.case for p in _name_parses(w)}
        if cases and len(cases) < 6:
            return {BASE_CASE.get(c, c) for c in cases}
    return set()


def _oblique(tok: Tok) -> bool:
    """Can the word be in a case other than the nominative ('промышленности и торговли')?"""
    return tok.text in _QUOTES or any(p.tag.case not in (None, "nomn") for p in parse(tok.low))


def _tail_word_ok(tok: Tok) -> bool:
    """May this token stand in the tail of a title ('управления по работе с резидентами')?"""
    if tok.text in _QUOTES:
        return True
    if not tok.word or tok.text[0].isdigit():  # 'в 2010 году' is not part of a title
        return False
    if tok.capital:
        return True
    if tok.low in _TAIL_PREPS or tok.low == "и":
        return True
    parses = parse(tok.low)
    if not parses:
        return True
    return parses[0].tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR") or "UNKN" in parses[0].tag or "LATN" in parses[0].tag


def _where_at(s: "Sentence", k: int) -> bool:
    """Does the organization or place part of a title begin at token k? Adjectives before
    an organization word belong to it: 'лидер | субкультурной партии'; so does 'от' or 'из'
    before one: 'наблюдатель | от ОБСЕ', 'депутат | от партии', 'гроссмейстер | из Хорватии'."""
    if s.toks[k].low in ("от", "из") and k + 1 < len(s.toks) and s.toks[k + 1].low not in ("от", "из"):
        return _where_at(s, k + 1)
    j = k
    while j < len(s.toks) and j - k < 3 and not s.toks[j].capital and j not in s.entity_of \
            and any(p.tag.POS in ("ADJF", "PRTF") for p in parse(s.toks[j].low)[:1]):
        j += 1
    if j < len(s.toks) and j > k and _starts_where(s.toks[j], j in s.entity_of):
        return True
    return _starts_where(s.toks[k], k in s.entity_of)


def _starts_where(tok: Tok, in_entity: bool) -> bool:
    """Does the organization or place part of a title begin at this token?"""
    if in_entity or tok.text in _QUOTES or (tok.capital and tok.word):
        return True
    return bool(_lemmas(tok.low) & _WHERE_STARTS) or _geo(tok) is not None


class Sentence:
    def __init__(self, context):
        self.context = context
        self.text = context.text
        self.toks = [Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(self.text)]
        self.entity_of: dict[int, tuple[int, int]] = {}  # token -> (first, last) token of its ORG/LOC span
        self.person_of: dict[int, tuple[int, int]] = {}
        self.places: list[Location] = []  # places named by adjectives in titles
        self.organizations: list[Organization] = []  # 'ведомства России' in titles
        self.org_tokens: set[int] = set()  # tokens in ORG spans of the tagger
        self.trimmed: list[int] = []  # words cut from the front of a PER span
        for ner in context.ner_spans():
            idx = [i for i, t in enumerate(self.toks) if t.start >= ner.start and t.stop <= ner.stop]
            kind = ner.type
            if not idx:
                continue
            if kind != "PER":
                # 'Замглавы Федеральной … службы' tagged ORG whole: the title is not the org
                while idx and _is_head(self.toks[idx[0]]):
                    idx = idx[1:]
                if not idx:
                    continue
                if self._name_after_title(idx):
                    kind = "PER"
            if kind == "ORG" and self._name_before_parentheses(idx):
                # 'Лонгин Клинский (РПЦ МП)' tagged ORG whole: a name, its organization after it
                paren = next(i for i in idx if self.toks[i].text == "(")
                name, idx = [i for i in idx if i < paren], [i for i in idx if i > paren and self.toks[i].text != ")"]
                for i in name:
                    self.person_of[i] = (name[0], name[-1])
                if not idx:
                    continue
            if kind == "PER":
                for part in self._name_ranges(idx):
                    for i in part:
                        self.person_of[i] = (part[0], part[-1])
                continue
            for i in idx:
                self.entity_of[i] = (idx[0], idx[-1])
            if kind == "ORG":
                self.org_tokens.update(idx)

    def _name_ranges(self, idx: list[int]) -> list[list[int]]:
        """The names in a PER span of the tagger: a name in parentheses after another is a
        name of its own ('Билал Хассеин (Bilal Hussein)'); an organization before a first
        name is not part of the name ('лидера Аль-Кайды Усамы бин Ладена')."""
        parts, part = [], []
        for i in idx:
            if self.toks[i].text in "()":
                parts.append(part)
                part = []
            elif self.toks[i].word or part:
                part.append(i)
        parts.append(part)
        # no name has digits: 'в карьере пилота Формулы-1'
        # 'аль-Барадеи': a capital letter anywhere in a word will do
        parts = [p for p in parts if any(self.toks[i].word and not self.toks[i].text.islower() for i in p)
                 and not any(c.isdigit() for i in p for c in self.toks[i].text)]
        if len(parts) > 1 and sum(self.toks[i].word for i in parts[0]) < 2:
            parts = parts[:1]  # 'в повороте Раскассэ (La Rascasse)': one word is no full name to gloss
        if parts:
            first = parts[0]
            while len([i for i in first if self.toks[i].word]) >= 3 and self._before_first_name(first[0], first[1]):
                self.trimmed.append(first[0])
                first = first[1:]
            parts[0] = first
        return parts

    def _name_after_title(self, idx: list[int]) -> bool:
        """A place or organization of the tagger that is a name after a title: 'первого
        президента Ахмат-Хаджи Кадырова' (two or three capitalised words, the last a
        surname pymorphy3 knows)."""
        toks = [self.toks[i] for i in idx]
        if not 2 <= len(toks) <= 3 or idx[0] == 0 or not _is_head(self.toks[idx[0] - 1]):
            return False
        if not all(t.word and t.capital and not t.text.isupper() for t in toks):
            return False
        return any("Surn" in p.tag.grammemes and p.is_known and p.score > 0.3 for p in _name_parses(toks[-1].text))

    def _name_before_parentheses(self, idx: list[int]) -> bool:
        """Does the span start with a first name pymorphy3 knows and capitalised words up to
        a '('?"""
        toks = [self.toks[i] for i in idx]
        paren = next((n for n, t in enumerate(toks) if t.text == "("), None)
        if not paren or paren > 3 or not all(t.word and t.capital and not t.text.isupper() for t in toks[:paren]):
            return False
        return any("Name" in p.tag.grammemes and p.is_known and p.score > 0.3 for p in _name_parses(toks[0].text))

    def _before_first_name(self, i: int, j: int) -> bool:
        """Is token i a word that is no name part, followed by a first name pymorphy3 knows?"""
        return self.toks[i].word and not _name_parses(self.toks[i].text) and any(
            "Name" in p.tag.grammemes and p.is_known for p in _name_parses(self.toks[j].text))

    def names(self) -> list[tuple[int, int]]:
        """Token ranges of person names, initials beside them included."""
        out = []
        for first, last in sorted(set(self.person_of.values())):
            # 'Путин В.В.' may come as two PER spans: the initials join the name
            if out and out[-1][1] + 1 == first and (
                    all(_INITIAL.match(t.text) for t in self.toks[first:last + 1])
                    or all(_INITIAL.match(t.text) for t in self.toks[out[-1][0]:out[-1][1] + 1])):
                out[-1] = (out[-1][0], last)
            else:
                out.append((first, last))
        extended = []
        for first, last in out:
            while first > 0 and _INITIAL.match(self.toks[first - 1].text) and first - 1 not in self.person_of:
                first -= 1
            while last + 1 < len(self.toks) and _INITIAL.match(self.toks[last + 1].text) \
                    and last + 1 not in self.person_of and last + 1 - first < 6:
                last += 1
            extended.append((first, last))
        return extended

    def words(self, first: int, last: int) -> list[str]:
        return [t.text for t in self.toks[first:last + 1] if t.word or _INITIAL.match(t.text)]


def _title_words(toks: list[Tok], head_at: int) -> str:
    words = [t.text for t in toks]
    title = nominative_phrase(words, head=head_at)
    said = title.split(" ")
    if head_at == 0 and len(said) == len(words) and said[0].lower().rstrip(".") not in position_words():
        # 'аналитика' is the genitive of аналитик, not the word 'аналитика'
        for p in parse(toks[0].low):
            form = p.inflect({"nomn", "sing"}) if p.normal_form in position_words() and p.tag.POS == "NOUN" else None
            if form:
                title = " ".join([match_case(form.word, words[0])] + said[1:])
                break
    if title[:1].isupper() and not title.split()[0].isupper():
        title = title[0].lower() + title[1:]
    return re.sub(r"\s+([»”])", r"\1", re.sub(r"([«„])\s+", r"\1", title))


def _agrees(head: Tok, name_cases: set[str], allow_nomn: bool = False, gender: str | None = None) -> bool:
    """Can this title word stand for one person named in these cases? A plural
    ('руководители регионов') cannot, nor 'актриса' for a man."""
    # 'управляющий', 'заведующая': participles that name an office
    if not _lemmas(head.low) & position_words():
        return False
    parses = [p for p in parse(head.low) if p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.tag.number != "plur"
              and not (gender == "masc" and p.tag.gender == "femn")]
    if not parses:
        return False
    head_cases = {p.tag.case for p in parses if p.tag.case}
    if not head_cases or not name_cases:
        return True
    if allow_nomn and "nomn" in head_cases:
        return True
    return bool(head_cases & name_cases)


def _place_of(s: Sentence, index: int | None) -> str | None:
    """Id of a Location for the geo adjective at `index` ('российского президента')."""
    if index is None:
        return None
    tok = s.toks[index]
    name, kind = _geo(tok)
    place = Location(id=s.context.new_id(), spans=[s.context.span(tok.start, tok.stop)],
                     name=name, kind=kind)
    s.places.append(place)
    return place.id


def _position(s: Sentence, start: int, head: int, end: int, stop: int,
              acting_at: int | None, geo_at: int | None = None) -> Position | None:
    """Position from tokens: title = start..end-1 (head at `head`), where-part end..stop-1;
    a geo adjective before the title (geo_at) or in a where-part without names is its place;
    before a trade or role ('нидерландский предприниматель') it is a nationality, no place."""
    if geo_at is not None and geo_at < start and _lemmas(s.toks[head].low) & role_words():
        geo_at = None
    if geo_at is None:
        where = range(end, stop)
        if not any(i in s.entity_of or s.toks[i].capital for i in where):
            geo_at = next((i for i in where if _geo(s.toks[i])), None)
    named_end = stop
    while named_end > end and (s.toks[named_end - 1].text in _STOPS or s.toks[named_end - 1].low == "и"):
        named_end -= 1
    if geo_at is None and not any(i in s.entity_of or s.toks[i].capital or s.toks[i].text in _QUOTES
                                  for i in range(end, named_end)):
        # nothing named after the title: it stays in the title ('министр … торговли края')
        end = named_end
    # 'врио' is a title word of its own when nothing else heads the title ('бывший врио')
    title_toks = [t for t in s.toks[start:end] if t.text not in _ACTING or t is s.toks[head]]
    if not title_toks:
        return None
    head_at = next(i for i, t in enumerate(title_toks) if t is s.toks[head])
    title = _title_words(title_toks, head_at)
    first = s.toks[min(i for i in (acting_at, geo_at, start) if i is not None)]
    last = s.toks[stop - 1]
    while (last.text in _STOPS or last.low == "и") and stop - 1 >= end and stop - 1 > start:
        stop -= 1
        last = s.toks[stop - 1]
    _office_of(s, end, named_end)  # the resolver links it from the span
    return Position(title=title, acting=acting_at is not None, location_id=_place_of(s, geo_at),
                    span=s.context.span(first.start, last.stop))


def _office_of(s: Sentence, end: int, stop: int) -> None:
    """An Organization for a where-part that is an office of a place, in lower case
    and so left by the organization grammars: 'глава | внешнеполитического ведомства России',
    'глава | представительства США в регионе'."""
    j = end
    while j < stop and j - end < 2 and not s.toks[j].capital and j not in s.entity_of \
            and any(p.tag.POS in ("ADJF", "PRTF") for p in parse(s.toks[j].low)[:1]):
        j += 1
    if j >= stop or s.toks[j].capital or not (_lemmas(s.toks[j].low) & _ORG_STARTS):
        return
    if any(i in s.org_tokens for i in range(end, stop)):
        return  # the tagger has an organization there: the grammars' business
    k = j + 1
    if k + 1 < stop and k not in s.entity_of and _lemmas(s.toks[k].low) & _PLACE_STARTS:
        k += 1  # 'муниципального собрания | района | Отрадное'
    if k >= stop or k not in s.entity_of:
        return  # the place must follow at once
    last = s.entity_of[k][1]
    words = [t.text for t in s.toks[end:last + 1]]
    office = Organization(id=s.context.new_id(), spans=[s.context.span(s.toks[end].start, s.toks[last].stop)],
                          name=nominative_phrase(words, head=j - end), kind=sorted(_lemmas(s.toks[j].low) & _ORG_STARTS)[0])
    s.organizations.append(office)


def _walk_where(s: Sentence, k: int, limit: int) -> int:
    """From token k rightwards over a title's tail; returns the index after it."""
    n = 0
    while k < len(s.toks) and n < limit:
        if k in s.person_of:
            return k
        if k in s.entity_of:
            k = s.entity_of[k][1] + 1
            n += 1
            continue
        if s.toks[k].text == "," and _enumeration(s, k):
            k += 1
            continue
        if not _tail_word_ok(s.toks[k]):
            return k
        k += 1
        n += 1
    return k


def _enumeration(s: Sentence, comma: int) -> bool:
    """'Ассоциации кластеров, технопарков и …': a comma between lowercase nouns in one case."""
    if comma == 0 or comma + 1 >= len(s.toks):
        return False
    before, after = s.toks[comma - 1], s.toks[comma + 1]
    if not (before.word and after.word) or after.capital:
        return False
    return bool(_noun_cases(before.text) & _noun_cases(after.text) - {"nomn"})


def _titles_before(s: Sentence, first: int, name_cases: set[str], gender=None) -> tuple[list[Position], int | None]:
    """Titles before a name and the index of the nearest one's head word; two in a row are
    both kept: 'представитель вооружённых сил полковник Сансерн Каевкамнерд'."""
    found = _title_before(s, first, name_cases, gender=gender)
    if found is None:
        return [], None
    if not name_cases and found[2] is not None:
        name_cases = set(_title_cases(s, found[2]))  # two titles in apposition share a case
    second = _title_before(s, found[1], name_cases, preps=_APPOSITION_PREPS, gender=gender, chained=True)
    if second is None and found[1] > 0 and s.toks[found[1] - 1].text == ",":
        # 'лидер Меджлиса крымско-татарского народа, народный депутат Украины Мустафа
        # Джемилев': titles in the same case, a comma between them
        second = _title_before(s, found[1] - 1, name_cases, gender=gender)
    # 'Чемпионкой Европы стала шахматистка из Турции Екатерина Аталык': an instrumental
    # title and a link verb before the title of the name
    linked = _title_before_link_verb(s, (second or found)[1], gender)
    return [found[0]] + ([second[0]] if second else []) + ([linked] if linked else []), found[2]


_APPOSITION_PREPS = {"в", "во", "по", "при", "от"}


def relational_words() -> frozenset[str]:
    return _lexicon_set("relational_titles.txt")


def _relational(s: Sentence, head: int, first: int, last: int, name_cases: set[str]) -> bool:
    """'Помощник Хиллари Клинтон по европейским делам': a word of relation right before a
    name that may be genitive, its complement after the name: the title is someone else's."""
    if head != first - 1 or not (_lemmas(s.toks[head].low) & relational_words()):
        return False
    if name_cases and "gent" not in name_cases:
        return False
    return last + 1 < len(s.toks) and s.toks[last + 1].low == "по"


def _title_cases(s: Sentence, head: int | None) -> frozenset[str]:
    """Cases a title word right before a name is in, singular: the name agrees with it
    ('министра' -> genitive or accusative)."""
    if head is None:
        return frozenset()
    return frozenset(p.tag.case for p in parse(s.toks[head].low)
                     if p.tag.POS == "NOUN" and p.tag.number == "sing" and p.tag.case)


def _abbreviation_in_parentheses(s: Sentence, close: int) -> int | None:
    """Index of the '(' of '(FN)', '(ОФДД)' ending at token `close`, else None."""
    if s.toks[close].text != ")" or close < 2:
        return None
    inner = s.toks[close - 1]
    if s.toks[close - 2].text == "(" and inner.word and (inner.text.isupper() and len(inner.text) > 1):
        return close - 2
    return None


def _adverb_of_adjective(s: Sentence, k: int) -> bool:
    """'крайне' in 'крайне правого': an adverb before an adjective belongs to the title's tail."""
    if k + 1 >= len(s.toks) or not s.toks[k].word or s.toks[k].capital:
        return False
    top = parse(s.toks[k].low)[:1]
    nxt = parse(s.toks[k + 1].low)[:1]
    return bool(top and nxt) and top[0].tag.POS == "ADVB" and nxt[0].tag.POS in ("ADJF", "PRTF")


def _title_before(s: Sentence, first: int, name_cases: set[str],
                  preps: set[str] = _TAIL_PREPS, gender=None, chained: bool = False) -> tuple[Position, int, int] | None:
    """'<title> [organization] <Name>': walk left from the name to the nearest position word.
    Returns the position, the index of its first token and that of its head word."""
    k, head = first - 1, None
    while k >= 0 and first - k <= 20:
        if k in s.person_of:
            return None
        if k in s.entity_of:
            k = s.entity_of[k][0] - 1
            continue
        tok = s.toks[k]
        if _is_head(tok):
            head = k
            break
        opening = _abbreviation_in_parentheses(s, k)
        if opening is not None:
            k = opening - 1  # '… Национального фронта (FN) Марин Ле Пен'
            continue
        if _adverb_of_adjective(s, k):
            k -= 1  # 'лидер крайне правой партии'
            continue
        if tok.text == "," and k > 0 and k - 1 in s.entity_of and k + 1 < first \
                and s.toks[k + 1].low in ("в", "во", "на"):
            k -= 1  # 'директор … Philips в России, на Украине, в Белоруссии и Казахстане'
            continue
        if not _tail_word_ok(tok) or (tok.low in _TAIL_PREPS and tok.low not in preps):
            return None
        if tok.low == "и" and k + 1 < first and (chained or not _oblique(s.toks[k + 1])):
            # 'Президент и первая леди Мишель Обама': two people, not one title; 'капитан
            # клуба … Ледли Кинг и защитник Арсенала Киран Гиббс': the first is another's
            return None
        k -= 1
    if head is None:
        return None
    # a chain of genitives to the left: 'заместитель руководителя', 'член совета директоров'
    start, title_head = head, head
    j = head - 1
    # only a genitive takes a title to its left ('кабинета министров | глава правительства')
    while j >= 0 and head - j <= 4 and j not in s.entity_of and j not in s.person_of \
            and "gent" in _noun_cases(s.toks[start].text):
        tok = s.toks[j]
        if _is_head(tok):
            start = title_head = j
        elif tok.word and not tok.capital and tok.low not in _TAIL_PREPS and tok.low != "и" \
                and any(p.tag.POS == "NOUN" and p.tag.case == "gent" for p in parse(tok.low)):
            pass
        else:
            break
        j -= 1
    if title_head != head and not _agrees(s.toks[title_head], name_cases, gender=gender) \
            and _agrees(s.toks[head], name_cases, gender=gender):
        # 'представитель генсека ООН Пан Ги Муна': the name is the генсек's, the
        # представитель someone unnamed
        start = title_head = head
    # modifiers: 'генеральный директор', 'чрезвычайный и полномочный посол'
    while start > 0 and (_is_modifier(s.toks[start - 1]) or (
            s.toks[start - 1].low == "и" and start > 1 and _is_modifier(s.toks[start - 2]))):
        start -= 1
    # 'российский министр'; capitalised only at the start of the sentence ('Российский министр')
    geo_at = start - 1 if start > 0 and (not s.toks[start - 1].capital or start == 1) \
        and _geo(s.toks[start - 1]) else None
    before = geo_at if geo_at is not None else start
    acting_at = before - 1 if before > 0 and s.toks[before - 1].low in _ACTING else None
    if acting_at is None and before > 1 and _acting_words(s, before - 2):
        acting_at = before - 2  # 'исполняющего обязанности министра
    # 'и.о. министра Алексей Абросимов': after и.о. the title is in the genitive
    if acting_at is None and not _agrees(s.toks[title_head], name_cases, gender=gender):
        return None
    # the title proper ends where its organization or place begins
    end = head + 1
    while end < first and not _joins_titles(s, end) and not _where_at(s, end):
        end += 1
    position = _position(s, start, title_head, end, first, acting_at, geo_at)
    if position is None:
        return None
    # after 'и.о.' the title is in the genitive whatever the name's case
    return position, acting_at if acting_at is not None else before, title_head if acting_at is None else None


def _title_after(s: Sentence, first: int, last: int, name_cases: set[str], gender=None) -> list[Position]:
    """'<Name>, <title> [organization]', also after a dash or in parentheses; or with a
    link verb: '<Name> стал капитаном команды', '<Name> является депутатом парламента'."""
    k = last + 1
    if k + 1 < len(s.toks) and s.toks[k].text == "(" and k + 1 in s.person_of:
        # 'Скотт Хоровитц (Scott Horowitz), бывший астронавт': past the name in parentheses
        k = s.person_of[k + 1][1] + 1
        k += k < len(s.toks) and s.toks[k].text == ")"
    if k >= len(s.toks):
        return []
    if s.toks[k].text in {",", "—", "–", "-", "("}:
        agrees = lambda head: _agrees(head, name_cases, allow_nomn=True, gender=gender)  # noqa: E731
        found = _title_at(s, k + 1, agrees)
        comma = _after_apposition(s, k) if not found and s.toks[k].text == "," else None
        return found or (_title_at(s, comma + 1, agrees) if comma is not None else [])
    if _naming_verb_before(s, first) and (not name_cases or "accs" in name_cases):
        # 'назначил Ивана Петрова директором', 'назвал Йенса Лемана первым вратарём'
        found = _title_at(s, k, lambda head: _agrees(head, {"ablt"}, gender=gender))
        if found:
            return found
    verb = _link_verb_ahead(s, k)
    if verb is not None:
        return _title_at(s, verb + 1, lambda head: _agrees(head, {"ablt"}, gender=gender))
    post = _post_ahead(s, k)
    if post is not None:
        return _title_at(s, post + 1, lambda head: _agrees(head, {"gent"}, gender=gender))
    if _signature(s, k) and (not name_cases or "nomn" in name_cases):
        return _title_at(s, k, lambda head: _agrees(head, {"nomn"}, gender=gender))
    return []


# verbs that give someone a title in the instrumental, the person in the accusative after
# them: 'назначил Ивана Петрова директором'
# ('назвал Обаму партнёром' is no title: 'назвать' is left out)
_NAMING_VERBS = {"назначить", "назначать", "избрать", "избирать", "утвердить", "утверждать",
                 "выбрать", "выбирать", "переизбрать"}


def _naming_verb_before(s: Sentence, first: int) -> bool:
    k = first - 1
    while k >= 0 and s.toks[k].low in _LINK_FILLERS:
        k -= 1
    return k >= 0 and s.toks[k].word and any(
        p.tag.POS in ("VERB", "INFN") and p.normal_form in _NAMING_VERBS for p in parse(s.toks[k].low))


def _after_apposition(s: Sentence, comma: int) -> int | None:
    """'Александра Брода, известного борца с ксенофобией, члена Общественной палаты': the
    comma after a short lowercase apposition without a verb, where a title may follow."""
    for k in range(comma + 1, min(comma + 8, len(s.toks))):
        tok = s.toks[k]
        if tok.text == ",":
            return k if k > comma + 1 else None
        if not tok.word or tok.capital or k in s.person_of or k in s.entity_of or _is_head(tok):
            return None
        top = parse(tok.low)[:1]
        if not top or top[0].tag.POS not in ("NOUN", "ADJF", "PRTF", "PREP", "CONJ", "ADVB"):
            return None
    return None


def _signature(s: Sentence, k: int) -> bool:
    """'Кирсан Илюмжинов | Президент ФИДЕ' as a line of its own (a signature): a title right
    after the name, its organization running to the end of the line."""
    j = k
    while j < len(s.toks) and j - k < 3 and _is_modifier(s.toks[j]):
        j += 1
    if j >= len(s.toks) or not _is_head(s.toks[j]):
        return False
    stop = _walk_where(s, j + 1, 16)
    return stop > j + 1 and all(t.text in _STOPS for t in s.toks[stop:]) \
        and "\n" not in s.text[s.toks[k].start:s.toks[stop - 1].stop] \
        and not s.text[s.toks[stop - 1].stop:].strip(" .")


_TAKE_VERBS = {"занять", "занимать", "получить", "сохранить", "возглавить"}
_POSTS = {"пост", "должность", "место", "кресло"}


def _post_ahead(s: Sentence, k: int) -> int | None:
    """'<Name> занял пост премьер-министра': index of 'пост' after a verb of taking."""
    for i in range(k, min(k + 3, len(s.toks) - 1)):
        tok = s.toks[i]
        if tok.word and _lemmas(tok.low) & _TAKE_VERBS:
            nxt = s.toks[i + 1]
            return i + 1 if nxt.word and _lemmas(nxt.low) & _POSTS else None
        # 'согласился занять', 'готов занять': a verb that governs the infinitive
        if tok.low not in _LINK_FILLERS and not any(
                p.tag.POS in ("VERB", "ADJS", "PRED") for p in parse(tok.low)[:1]):
            return None
    return None


def _post_taken_by(s: Sentence, first: int, gender=None) -> Position | None:
    """'Место спикера Палаты представителей … занял республиканец Джон Бенер': a post, a
    verb of taking, the name (a word or two in apposition before it allowed)."""
    verb = first - 1
    while verb >= 0 and first - verb <= 3 and not (s.toks[verb].word and _lemmas(s.toks[verb].low) & _TAKE_VERBS):
        tok = s.toks[verb]
        if not tok.word or tok.capital or not any(p.tag.POS in ("NOUN", "ADJF") and p.tag.case == "nomn"
                                                  for p in parse(tok.low)[:1]):
            return None
        verb -= 1
    if verb < 2 or not (s.toks[verb].word and _lemmas(s.toks[verb].low) & _TAKE_VERBS):
        return None
    for post in range(verb - 2, max(-1, verb - 12), -1):
        tok = s.toks[post]
        if not tok.word or any(p.tag.POS == "VERB" for p in parse(tok.low)[:1]):
            return None
        if _lemmas(tok.low) & _POSTS and _is_head(s.toks[post + 1]):
            found = _title_at(s, post + 1, lambda head: _agrees(head, {"gent"}, gender=gender))
            return found[0] if found else None
    return None


def _title_at(s: Sentence, k: int, agrees) -> list[Position]:
    """A title starting at token k, with the organization or place after it."""
    acting_at = None
    if k < len(s.toks) and s.toks[k].low in _ACTING:
        acting_at = k
        k += 1
    elif k + 1 < len(s.toks) and _acting_words(s, k):
        acting_at = k
        k += 2
    start = k
    while k < len(s.toks) and k - start < 4 and (_is_modifier(s.toks[k]) or s.toks[k].low == "и"):
        k += 1
    # 'управляющий компанией': a modifier word may be the head itself
    while k > start and (k >= len(s.toks) or not _is_head(s.toks[k])) and _is_head(s.toks[k - 1]):
        k -= 1
    if k >= len(s.toks) or not _is_head(s.toks[k]) or k in s.entity_of:
        return []
    head = k
    # after 'и.о.' / 'исполняющий обязанности' the title is in the genitive
    if acting_at is None and not agrees(s.toks[head]):
        return []
    stop = _walk_where(s, head + 1, 16)
    if stop < len(s.toks) and stop in s.person_of:
        return []  # '<Name>, директор компании X <Name2>': the title is Name2's
    end = head + 1
    while end < stop and not _joins_titles(s, end) and (
            _is_head(s.toks[end]) or not _where_at(s, end)):
        end += 1
    position = _position(s, start, head, end, stop, acting_at)
    if position is None:
        return []
    if end < stop and _joins_titles(s, end):
        # 'управляющий директор и совладелец агентства': two titles, one organization
        return [position] + _title_at(s, end + 1, agrees)
    return [position]


def _acting_words(s: Sentence, k: int) -> bool:
    """'исполняющий обязанности' (in any case) at token k: the title after it is acting."""
    return s.toks[k + 1].low == "обязанности" and "исполнять" in _lemmas(s.toks[k].low)


def _joins_titles(s: Sentence, k: int) -> bool:
    """Is token k an 'и' between two titles ('политик и лидер партии')?"""
    if s.toks[k].low != "и":
        return False
    j = k + 1
    while j < len(s.toks) and j - k < 4 and _is_modifier(s.toks[j]):
        j += 1
    return j < len(s.toks) and _is_head(s.toks[j])


# verbs that link a person to a title in the instrumental: 'стал капитаном', 'назначен
# директором', 'является членом'
_LINK_VERBS = {"быть", "являться", "стать", "становиться", "назначить", "назначать", "избрать",
               "избирать", "работать", "служить", "остаться", "оставаться", "числиться",
               "утвердить", "переизбрать", "выступить", "выступать", "считаться"}
_LINK_FILLERS = {"уже", "также", "тоже", "ранее", "прежде", "вновь", "снова", "же", "еще", "ещё",
                 "не", "ныне", "сейчас", "теперь", "официально"}


def _is_link_verb(tok: Tok) -> bool:
    return tok.word and any(p.tag.POS in ("VERB", "PRTS", "INFN") and p.normal_form in _LINK_VERBS
                            for p in parse(tok.low))


def _link_verb_ahead(s: Sentence, k: int) -> int | None:
    """Index of a link verb among the next few tokens (fillers like 'уже' allowed)."""
    for i in range(k, min(k + 3, len(s.toks))):
        tok = s.toks[i]
        if _is_link_verb(tok):
            # 'стал его советником' is not checked further: the title must follow at once
            return i
        if tok.low not in _LINK_FILLERS:
            return None
    return None


def _title_before_link_verb(s: Sentence, first: int, gender=None) -> Position | None:
    """'капитаном стал Михаель Баллак': an instrumental title, a link verb, the name."""
    verb = first - 1
    while verb >= 0 and s.toks[verb].low in _LINK_FILLERS:
        verb -= 1
    if verb < 1 or not _is_link_verb(s.toks[verb]):
        return None
    found = _title_before(s, verb, {"ablt"}, gender=gender)
    return found[0] if found else None


_CLAUSE_STARTS = {",", "—", "–", ":", "«", "(", ";"}


def _title_before_comma(s: Sentence, first: int, name_cases: set[str], gender=None) -> Position | None:
    """'Бывший спикер палаты представителей, Нэнси Пелоси, которая …': a nominative title
    opening a clause, a comma, the name in apposition."""
    if first < 2 or s.toks[first - 1].text not in (",", "—", "–", "-") or (name_cases and "nomn" not in name_cases):
        return None
    after = s.person_of.get(first, (first, first))[1] + 1
    if after < len(s.toks) and s.toks[after].low == "и":
        return None  # 'Директор завода, Иван Петров и Сергей Сидоров': a list of people
    found = _title_before(s, first - 1, {"nomn"}, gender=gender)
    if found is None or found[2] is None:
        return None
    opening = found[1]
    if s.toks[first - 1].text != ",":
        # 'Лучший арбитр России — Валентин Иванов': a title, a dash, the name; adjectives
        # before the title do not belong to it
        while opening > 0 and opening > found[1] - 2 \
                and any(p.tag.POS == "ADJF" for p in parse(s.toks[opening - 1].low)[:1]):
            opening -= 1
    if opening > 0 and s.toks[opening - 1].text not in _CLAUSE_STARTS:
        return None
    return found[0]


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


# particles that belong to the surname after them: 'Марин Ле Пен', 'Людвиг ван Бетховен'
_SURNAME_PARTICLES = {"ле", "ла", "де", "дю", "ди", "да", "дель", "делла", "ван", "фон", "дер",
                      "бен", "бин", "ибн", "эль", "аль", "абд", "абу", "ад", "ас", "аш", "ан"}


def _join_particles(words: list[str]) -> list[str]:
    out = []
    for word in words:
        if out and out[-1].lower().split()[-1] in _SURNAME_PARTICLES:
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    return out


def _surname_first(words: list[str]) -> bool:
    """East Asian names of three one-syllable words put the surname first: 'Ким Чен Ир',
    'Пан Ги Мун'."""
    return len(words) == 3 and all(2 <= len(w) <= 3 and w[0].isupper() and w[1:].islower() for w in words)


def name_parts(words: list[str]) -> dict:
    """first / middle / last from words already in the nominative."""
    parts = {"first": None, "middle": None, "last": None}
    if _surname_first(words):
        return {"first": " ".join(words[1:]), "middle": None, "last": words[0]}
    rest = []
    words = _join_particles(words)
    # pymorphy3 knows none of the words: only guesses ('Ннека' as a surname), so the order
    # news write names in decides ('Ннека Угбома': first name first)
    guessed_only = len(words) > 1 and not any(
        p.is_known for w in words if not _INITIAL.match(w) for p in _name_parses(w))
    for word in words:
        parses = [p for p in _name_parses(word) if p.score > 0.05 and not guessed_only]
        grams = set().union(*(p.tag.grammemes for p in parses)) if parses else set()
        if len(words) == 1 and "Surn" in grams:
            parts["last"] = word  # a lone 'Петров' is a surname, not the plural of Пётр
        elif _INITIAL.match(word) or len(word) == 1:
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


def nominative_words(words: list[str], title_cases: frozenset[str] = frozenset()) -> list[str]:
    """Name words in the nominative; foreign names pymorphy3 only guesses follow the case
    of the name beside them ('Томаса Райтера'), or when it knows none of them, the case of
    the title before them ('министра … Сейджи Маехары' -> Сейджи Маехара)."""
    cases = _name_cases(words)
    if cases & title_cases:
        cases &= title_cases  # 'президента Ахмат-Хаджи Кадырова': not the woman Кадырова
    elif not cases and title_cases:
        cases = set(title_cases)
    out = _fix_yo(nominative_name(words, cases), words)
    # words pymorphy3 does not know as name parts stay as written
    out = [n if _name_parses(w) else w for n, w in zip(out, words)]
    if not cases or "nomn" in cases or (len(words) < 2 and not title_cases):
        return out
    gender = _name_gender(words)
    fixed = []
    for word, nominative in zip(words, out):
        if nominative == word and not _INITIAL.match(word) and not word.isupper() and word[:1].isupper():
            nominative = _guessed_nominative(word, cases, gender)
        fixed.append(nominative)
    return _fix_yo(fixed, words)


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


def person_from_words(words: list[str], span, positions=(), title_cases=frozenset()) -> Person:
    nominative = nominative_words(words, title_cases)
    parts = name_parts(nominative)
    name = " ".join(p for p in (parts["first"], parts["middle"], parts["last"]) if p)
    if parts["last"] and nominative[0] == parts["last"] and parts["first"] and (
            _surname_first(nominative) or len(nominative) == 2 and len(nominative[0]) <= 2):
        name = " ".join(nominative)  # 'Ху Цзиньтао', 'Ким Чен Ир' as written, surname first
    return Person(spans=[span], name=name or " ".join(nominative), positions=list(positions), **parts)


# a name after these words is part of another name: 'университет имени Герасимова',
# 'болезнь Бехтерева'
_NAMED_AFTER = {"имени", "им", "болезнь", "синдром"}


def _inside_another_name(s: Sentence, first: int) -> bool:
    k = first - 1
    if k >= 0 and s.toks[k].text == "." and k > 0 and s.toks[k - 1].low == "им":
        return True
    return k >= 0 and s.toks[k].word and bool(_lemmas(s.toks[k].low) & _NAMED_AFTER)


def _persons(context):
    s = Sentence(context)
    for first, last in s.names():
        words = s.words(first, last)
        if not words or _inside_another_name(s, first):
            continue
        cases, gender = _name_cases(words), _name_gender(words)
        positions, head = _titles_before(s, first, cases, gender)
        if head is not None and _relational(s, head, first, last, cases):
            positions, head = [], None
        if not positions:
            linked = _title_before_link_verb(s, first, gender) or _title_before_comma(s, first, cases, gender) \
                or _post_taken_by(s, first, gender)
            positions = [linked] if linked else []
        positions = _with_organization_in_parentheses(s, first, last, positions)
        positions += _title_after(s, first, last, cases, gender)
        span = context.span(s.toks[first].start, s.toks[last].stop)
        # the name as the caller wrote it ('О’Рейли': cleaning straightens apostrophes)
        original = [w for w in _TOKEN.findall(span.text) if w[:1].isalnum() or _INITIAL.match(w)]
        yield person_from_words(original if len(original) == len(words) else words, span, positions,
                                _title_cases(s, head))
    yield from s.places
    yield from s.organizations
    yield from _cut_organizations(s)


def _organization_in_parentheses(s: Sentence, last: int) -> int | None:
    """'архиепископ Лонгин Клинский (РПЦ МП)': the index of ')' after an organization in
    parentheses right after a name (one more capitalised word of the name allowed); a place
    there too: 'гроссмейстер Зденко Кожул (Хорватия)'."""
    k = last + 1
    if k < len(s.toks) and s.toks[k].capital and s.toks[k].word and k not in s.entity_of:
        k += 1
    if k + 1 >= len(s.toks) or s.toks[k].text != "(" or k + 1 not in s.entity_of:
        return None
    close = s.entity_of[k + 1][1]
    close += s.toks[close].text != ")"  # the tagger's span may take the ')' in
    return close if close < len(s.toks) and s.toks[close].text == ")" else None


def _with_organization_in_parentheses(s: Sentence, first: int, last: int, positions: list[Position]) -> list[Position]:
    """A title before the name with no organization or place of its own takes the
    organization in parentheses after the name: its span runs to there, the resolver links
    what is inside."""
    close = _organization_in_parentheses(s, last) if positions else None
    if close is None:
        return positions
    out = []
    for position in positions:
        start = next((i for i, t in enumerate(s.toks) if s.context.span(t.start, t.stop).start == position.span.start), None)
        if start is not None and position.location_id is None and not any(
                i in s.entity_of or s.toks[i].text in _QUOTES for i in range(start, first)):
            position = position.model_copy(update={"span": s.context.span(s.toks[start].start, s.toks[close].stop)})
        out.append(position)
    return out


def _cut_organizations(s: Sentence):
    """A word cut from the front of a PER span is an organization when pymorphy3 knows it as
    one or a title stands before it ('оператор Аль-Джазиры Сами аль-Хадж')."""
    for i in s.trimmed:
        tok = s.toks[i]
        if not tok.capital or tok.text.isupper() and len(tok.text) < 2:
            continue
        if not (any("Orgn" in p.tag for p in parse(tok.low)) or i > 0 and _is_head(s.toks[i - 1])):
            continue
        name = nominative_phrase([tok.text])
        if len(name) == len(tok.text) and name[:-2] != tok.text[:-2]:
            name = tok.text[:-1] + name[-1]  # the text's spelling: 'Аль-Кайды' -> 'Аль-Кайда', not 'Аль-Каида'
        yield Organization(id=s.context.new_id(), spans=[s.context.span(tok.start, tok.stop)], name=name)


GRAMMARS = [Grammar(name="persons", find=_persons, priority=10)]
