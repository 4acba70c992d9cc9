"""Persons: mentions of one person become one entity, positions get their organization.

- A later mention joins an earlier one with the same surname unless the first names differ
  ('Коваленко' and 'Степан Коваленко' are one person; 'Ольга Петрова' and 'Иван Петров'
  are two, and so are 'Иван Петров' and 'Пётр Петров').
- A position whose span (title plus what follows it: 'директор компании «СтанкоМашСтрой»',
  'мэра Москвы') holds an organization or a place gets `organization_id` / `location_id`.
- The same position said twice is kept once.
- A surname the tagger missed ('Коваленко:' in a headline, 'Демешин озвучил') is another
  mention of the person it names, when that person is named in full somewhere.
- A name glossed in parentheses ('Скотт Хоровитц (Scott Horowitz)') is the same person; a
  first name alone ('архиепископ Лонгин') is the one person of the text with that first name.
- A title with no where takes one the text gives elsewhere: the same bare title's place
  ('Президент Франции прибыл … Николя Саркози, президент'), or, for a national office
  (national_titles.txt), the country the text is about.
"""
from __future__ import annotations

import bisect
import re

from fakty.words import is_national_title, nominative_words

from . import merge
from .intervals import Intervals

_CAPITALIZED = re.compile(r"\b[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\b")


def _compatible(a, b) -> bool:
    if not (a.last and b.last):
        return a.name.lower() == b.name.lower()
    if _surname_key(a.last) != _surname_key(b.last):
        return False
    if a.first and b.first:
        return _first_names_agree(a.first, b.first)
    return True


def _surname_key(last: str) -> str:
    return last.lower().replace("ё", "е")


def _fold_first(name: str) -> str:
    return name.rstrip(".").lower().replace("ё", "е")


def _first_names_agree(x: str, y: str) -> bool:
    x, y = _fold_first(x), _fold_first(y)
    if len(x) == 1 or len(y) == 1:  # an initial
        return x[0] == y[0]
    return x == y


class _Wheres:
    """The spans of the organizations and places, sorted, and those entities by kind: built
    once, asked for every position."""

    def __init__(self, context):
        self.spans = sorted((span.start, -(span.stop - span.start), field, entity.id)
                            for field in ("organizations", "locations")
                            for entity in context.entities.get(field, []) for span in entity.spans)
        self.starts = [start for start, *_ in self.spans]
        self.by_kind: dict[str, list] = {}
        for field in ("organizations", "locations"):
            for entity in context.entities.get(field, []):
                self.by_kind.setdefault((entity.kind or "").lower(), []).append((field, entity))

    def first_inside(self, outer):
        """(organization id, place id) of the first entity starting inside `outer`, after its
        start (an entity at the very start is the title itself mis-tagged: 'Замглавы'); an
        organization may run past the title's span ('… (ОФДД)')."""
        i = bisect.bisect_right(self.starts, outer.start)
        if i == len(self.spans) or self.spans[i][0] >= outer.stop:
            return None, None
        _, _, field, entity_id = self.spans[i]
        return (entity_id, None) if field == "organizations" else (None, entity_id)


def _link(position, wheres):
    if position.organization_id:
        return position
    org, place = wheres.first_inside(position.span) if position.span is not None else (None, None)
    if org:
        return position.model_copy(update={"organization_id": org})
    if place and not position.location_id:
        return position.model_copy(update={"location_id": place})
    if not position.location_id:
        field, entity_id = _named_by_kind(position, wheres)
        if entity_id:
            key = "organization_id" if field == "organizations" else "location_id"
            return position.model_copy(update={key: entity_id})
    return position


# kind words that say 'the one named before', in the persons' where-part
_KIND_OF = {"государство": "страна"}


def _named_by_kind(position, wheres):
    """'мэр города', 'глава партии', 'шеф концерна': the where-part is a bare kind word,
    an anaphor of the entity of that kind named last before (or, if the text names only
    one of that kind, anywhere in it)."""
    from fakty.morph import lemma

    if position.span is None:
        return None, None
    written = position.span.text.split()
    # the kind word ends the span ('мэр города'), in the title or right after it
    if len(written) < 2 or len(written) > len(position.title.split()) + 1 \
            or not written[-1].isalpha() or not written[-1].islower():
        return None, None
    kind = lemma(written[-1])
    kind = _KIND_OF.get(kind, kind)
    before, anywhere = [], set()
    for field, entity in wheres.by_kind.get(kind, []):
        anywhere.add((field, entity.id))
        before += [(s.start, field, entity.id) for s in entity.spans if s.stop <= position.span.start]
    if before:
        _, field, entity_id = max(before)
        return field, entity_id
    if len(anywhere) == 1:
        return next(iter(anywhere))
    return None, None


def _unique(positions):
    """One position per title and organization/place; a bare title is dropped when the same
    title with its organization or place is there too."""
    out, seen = [], set()
    for p in positions:
        key = (p.title.lower(), p.organization_id, p.location_id, p.acting)
        if key not in seen:
            seen.add(key)
            out.append(p)
    placed = {p.title.lower() for p in out if p.organization_id or p.location_id}
    return [p for p in out if p.organization_id or p.location_id or p.title.lower() not in placed]


def _surname_of(word: str) -> str:
    return _surname_key(nominative_words([word])[0])


def _more_mentions(entities, context):
    """Spans of surnames the tagger left out, for persons with a first and a last name."""
    by_surname = {}
    for e in entities:
        if e.first and e.last and len(e.last) > 3:
            by_surname.setdefault(_surname_key(e.last), []).append(e)
    by_surname = {k: v[0] for k, v in by_surname.items() if len(v) == 1}  # ambiguous: leave
    if not by_surname:
        return entities
    stems = {k[:n] for k in by_surname for n in range(1, 5)}
    taken = Intervals((s.start, s.stop) for field in ("persons", "organizations", "locations")
                      for e in (entities if field == "persons" else context.entities.get(field, []))
                      for s in e.spans)
    extra: dict[str, list] = {}
    # only in the sentences the grammars saw: page furniture is left out
    found = ((s.start + m.start(), s.start + m.end(), m.group())
             for s in context.sentences for m in _CAPITALIZED.finditer(s.text))
    for start, stop, word in found:
        stem = word[:4].lower().replace("ё", "е")
        if stem not in stems:  # no surname starts so
            continue
        span = context.cleaned.span(start, stop)
        if taken.meet(span.start, span.stop):
            continue
        entity = by_surname.get(_surname_of(word))
        if entity is not None:
            extra.setdefault(entity.id, []).append(span)
    return [e.model_copy(update={"spans": sorted(e.spans + extra[e.id], key=lambda s: (s.start, s.stop))})
            if e.id in extra else e for e in entities]


def _looks_like_a_name(entity, context, org_text: str) -> bool:
    """A lone word the tagger called a person is dropped when it is a dictionary word that
    cannot be a person ('Побритый', 'Будничная'), is part of an organization's name, or
    stands alone on its line (a site name, 'Автовзгляд'); other unknown words stay: they
    are mostly foreign surnames. org_text: the organizations' spans, lowercased, one a line."""
    from fakty.morph import parse

    if entity.positions or len(entity.spans) > 1:
        return True
    words = entity.name.split()
    if len(words) > 1:
        return True
    stem = words[0][:max(4, len(words[0]) - 2)].lower()
    if stem in org_text:
        return False  # 'Моспром помогает' after 'Центр … «Моспром»'
    parses = parse(words[0])
    if any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses):
        return True
    span = entity.spans[0]
    text = context.cleaned.original
    line_start = text.rfind("\n", 0, span.start) + 1
    line_stop = text.find("\n", span.stop)
    line = text[line_start:line_stop if line_stop != -1 else len(text)]
    if not line.replace(span.text, "").strip(" .:"):
        return False
    known = [p for p in parses if p.is_known]
    return not known or any(p.tag.POS == "NOUN" and "anim" in p.tag for p in known)


_WORD_BEFORE = re.compile(r"([А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*)\s+$")


def _titles_without_names(context) -> dict[str, set[tuple[str, str]]]:
    """Title words right before an organization or a place, wherever they stand:
    'президент Франции прибыл' -> {'президент': {('locations', <Франция>)}}."""
    from fakty.morph import lemmas

    text = context.cleaned.text
    out: dict[str, set[tuple[str, str]]] = {}
    for field in ("organizations", "locations"):
        for entity in context.entities.get(field, []):
            for span in entity.spans:
                start = context.cleaned.from_original(span.start)
                m = _WORD_BEFORE.search(text[max(0, start - 40):start])
                if m:
                    for lemma in lemmas(m.group(1).lower()):
                        out.setdefault(lemma, set()).add((field, entity.id))
    return out


def _names_a_where(position) -> bool:
    """Does the title as written go on past its head ('лидер Движения против …', an
    organization no grammar found)? Then its where is that, not one from elsewhere."""
    if position.span is None:
        return False
    written = position.span.text.split()
    return len(written) > len(position.title.split())


def _implied_where(entities, context):
    """'Президент Франции прибыл … Николя Саркози, президент': a bare title held by one
    person only takes the one organization or place its title has elsewhere in the text,
    unless another person holds that title there ('спикер Палаты представителей Джон Бенер'
    and 'В Сенате … спикер Гарри Рид')."""
    bare: dict[str, list] = {}
    held: dict[tuple[str, str], set] = {}
    for e in entities:
        for p in e.positions:
            if not (p.organization_id or p.location_id) and " " not in p.title:
                bare.setdefault(p.title.lower(), []).append(e.id)
            elif p.organization_id or p.location_id:
                held.setdefault((p.title.lower(), p.organization_id or p.location_id), set()).add(e.id)
    if not bare:
        return entities
    nameless = _titles_without_names(context)
    out = []
    for e in entities:
        positions = []
        for p in e.positions:
            title = p.title.lower()
            places = nameless.get(title, set())
            if title in bare and len(set(bare[title])) == 1 and len(places) == 1 and not (
                    p.organization_id or p.location_id) and not _names_a_where(p) \
                    and not held.get((title, next(iter(places))[1]), set()) - {e.id}:
                field, entity_id = next(iter(places))
                key = "organization_id" if field == "organizations" else "location_id"
                p = p.model_copy(update={key: entity_id})
            positions.append(p)
        out.append(e.model_copy(update={"positions": _unique(positions)}) if positions != e.positions else e)
    return out


def _country_of_text(context):
    """The id of the country the text is about: the one that has at least two thirds of the
    mentions of countries, and at least two ('Премьер-министр Михаил Фрадков' in a text on
    Russia's debt). A digest of world news has none, and neither has a text on one country
    that names a second one often (a US senator visiting Pakistan: 3 and 2 mentions)."""
    counts = sorted(((len(e.spans), e.id) for e in context.entities.get("locations", [])
                     if e.kind == "страна"), reverse=True)
    if not counts or counts[0][0] < 2 or 3 * counts[0][0] < 2 * sum(n for n, _ in counts):
        return None
    return counts[0][1]


def _national_where(entities, context):
    """A national office held with no organization or place ('Премьер-министр Михаил
    Фрадков', 'Сенатор Джон Керри') is an office of the country the text is about."""
    country = None
    out = []
    for e in entities:
        positions = list(e.positions)
        for i, p in enumerate(positions):
            if p.organization_id or p.location_id or _names_a_where(p) or not is_national_title(p.title, context.lexicons):
                continue
            country = country or _country_of_text(context)
            if country is None:
                return entities
            positions[i] = p.model_copy(update={"location_id": country})
        out.append(e.model_copy(update={"positions": _unique(positions)}) if positions != list(e.positions) else e)
    return out


_GLOSS = re.compile(r"\s*\(\s*$")


def _glossed(records, context) -> dict[int, int]:
    """'Скотт Хоровитц (Scott Horowitz)': the name in parentheses right after a name is the
    same person spelt another way. -> {index of the gloss: index of the name}"""
    text = context.cleaned.original
    out = {}
    for i, record in enumerate(records[1:], 1):
        span, before = record.spans[0], records[i - 1].spans[0]
        if _GLOSS.fullmatch(text[before.stop:span.start]) and text[span.stop:span.stop + 1] == ")":
            out[i] = out.get(i - 1, i - 1)
    return out


def _first_name_only(record) -> bool:
    return bool(record.first) and not record.last and " " not in record.name


def _join_first_names(groups: list[list]) -> list[list]:
    """'архиепископ Лонгин' after 'Лонгин Клинский': a mention by first name only is the
    one person of the text with that first name (none joins when two have it)."""
    named = [g for g in groups if not all(_first_name_only(r) for r in g)]
    lone = [g for g in groups if all(_first_name_only(r) for r in g)]
    # groups with a full name, by their first names and by those names' first letters
    by_first: dict[str, dict[int, list]] = {}
    for g in named:
        for r in g:
            if r.last and r.first:
                folded = _fold_first(r.first)
                by_first.setdefault(folded, {})[id(g)] = g
                by_first.setdefault("letter:" + folded[:1], {})[id(g)] = g
    out = list(named)
    for group in lone:
        first = group[0].first
        folded = _fold_first(first)
        # a first name agrees with itself and its initial; an initial with its letter
        keys = ["letter:" + folded] if len(folded) == 1 else [folded, folded[:1]]
        candidates = {id(g): g for key in keys for g in by_first.get(key, {}).values()}
        holders = [g for g in candidates.values()
                   if any(r.last and r.first and _first_names_agree(r.first, first) for r in g)]
        if len(holders) == 1 and len(first) > 2:
            holders[0].extend(group)
        else:
            out.append(group)
    return sorted(out, key=lambda g: min(r.spans[0].start for r in g))


def _keys(record) -> list[str]:
    """Keys a mention shares with every earlier mention it may join (see _compatible): its
    surname, and its whole name."""
    return (["last:" + _surname_key(record.last)] if record.last else []) + ["name:" + record.name.lower()]


def _group(records, glossed: dict[int, int]) -> list[list]:
    """Each mention joins the first group all of whose mentions it is compatible with (a
    gloss joins the name it glosses). Only groups whose first mention shares a key with it
    can be that group, and each group is checked once per different (last, first, name)."""
    groups: list[list] = []
    forms: list[dict] = []  # per group: one mention of each (last, first, name) in it
    by_key: dict[str, list[int]] = {}  # key of a group's first mention -> group numbers
    group_of: dict[int, int] = {}  # record index -> its group's number
    for i, record in enumerate(records):
        if i in glossed:
            number = group_of[glossed[i]]
        else:
            candidates = sorted({n for key in _keys(record) for n in by_key.get(key, ())})
            number = next((n for n in candidates
                           if all(_compatible(record, other) for other in forms[n].values())), None)
        if number is None:
            number = len(groups)
            groups.append([])
            forms.append({})
            for key in _keys(record):
                by_key.setdefault(key, []).append(number)
        groups[number].append(record)
        forms[number].setdefault((record.last, record.first, record.name), record)
        group_of[i] = number
    return groups


def resolve(records, context):
    records = sorted(records, key=lambda r: (r.spans[0].start, r.spans[0].stop))
    glossed = _glossed(records, context)
    glosses = {id(records[i]) for i in glossed}
    groups = _join_first_names(_group(records, glossed))
    wheres = _Wheres(context)
    entities = []
    for group in groups:
        # the name as the text gives it, not its gloss in parentheses
        fullest = max(group, key=lambda r: (id(r) not in glosses, bool(r.first), bool(r.first and len(r.first) > 2),
                                            bool(r.middle), len(r.name)))
        positions = _unique([_link(p, wheres) for r in group for p in r.positions])
        entities.append(merge(group, context, name=fullest.name, first=fullest.first,
                              middle=fullest.middle, last=fullest.last, positions=positions))
    org_text = "\n".join(s.text for org in context.entities.get("organizations", []) for s in org.spans).lower()
    entities = [e for e in _more_mentions(entities, context) if _looks_like_a_name(e, context, org_text)]
    return _national_where(_implied_where(entities, context), context)
