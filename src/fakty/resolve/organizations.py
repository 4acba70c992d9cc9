"""Organizations: mentions of one thing become one entity.

Mentions join when they share a key: the nominative name; the quoted name inside it
("ОЭЗ «Технополис Москва»", "«Технополис Москва»", "Технополис Москва"); the name without
its capitalised superiors ("Комитет Государственной Думы [Федерального Собрания Российской
Федерации] по ..."); an abbreviation defined in the text ("Союз координационных советов
(СКС)") or the initials of a name ("ТПП РФ" for "Торгово-промышленная палата Российской
Федерации"). A compound abbreviation ("Минпромторг") joins the one body of its kind it
abbreviates. A mention named by kind and place only ("ОЭЗ Москвы", "особая экономическая
зона столицы") joins the one named body of its kind; a capitalised kind word alone
("Ассоциация", "Центра") joins the one body with that abbreviation or of that kind, or is
dropped, as is a bare abbreviation of a kind ("ОЭЗ"). The quoted names of each entity are
then looked up in the rest of the text ("Моспром", which the tagger calls a person), and
places inside organization names are taken out of the locations.
"""
from __future__ import annotations

import bisect
import itertools
import re

from ..lexicons import builtin
from ..words import CLOSE, OPEN, is_anaphor, kind_of, thing_names
from . import merge
from .intervals import Intervals


def _function_words(lexicons) -> frozenset[str]:
    """name_function_words.txt: words left out of initials ("и", "по")."""
    return lexicons.words("name_function_words")


def _endings(lexicons):
    """noun_endings.txt as one pattern, longer endings first."""
    endings = sorted(lexicons.words("noun_endings"), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, endings)) + ")$")


def _stem(name: str, lexicons=None) -> str:
    """'союза' and 'союз' alike: a Russian ending of a one-word name dropped."""
    if " " in name or not re.fullmatch(r"[а-яё-]{5,}", name):
        return name
    return (lexicons or builtin()).derive(_endings).sub("", name)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[«»\"]", " ", text).lower().split())


def quoted_names(name: str) -> list[str]:
    """'ОЭЗ «Технополис Москва»' -> ['Технополис Москва']; 'АО «ОЭЗ «Лотос»' -> ['ОЭЗ «Лотос']
    (not 'Лотос': the managing company and its zone are two organizations)."""
    first = next((i for i, c in enumerate(name) if c in "«\""), None)
    if first is None:
        return []
    outer = name[first + 1:].rstrip("»\"")
    return [outer] if outer.strip() else []


def initials(name: str, lexicons=None) -> str:
    """'Торгово-промышленная палата Российской Федерации' -> 'ТППРФ'; an abbreviation in the
    name counts whole ('Ассоциация кластеров, технопарков и ОЭЗ' -> 'АКТОЭЗ')."""
    words = re.findall(r"\w+", re.sub(r"[«\"].*", "", name))
    return "".join(w if w.isupper() and len(w) > 1 else w[0].upper()
                   for w in words if w.lower() not in _function_words(lexicons or builtin()))


def _without_proper_words(name: str) -> str | None:
    """'Комитет Государственной Думы Федерального Собрания Российской Федерации по
    экономической политике' -> 'комитет по экономической политике': the same body named
    with more or fewer of its superiors (None when too little is left to tell bodies apart)."""
    if any(c in name for c in "«\""):
        return None
    words = name.split()
    kept = words[:1] + [w for w in words[1:] if not w[:1].isupper()]
    if len(kept) == len(words) or len(kept) < 3:
        return None
    return " ".join(kept)


def is_descriptive(record, lexicons=None) -> bool:
    """Named by kind and place only: 'особая экономическая зона столицы', 'ОЭЗ Москвы'."""
    name = record.name
    if any(c in name for c in "«\"") or not record.kind or _has_proper_name(name):
        return False
    first = name.split()[0]
    return name[:1].islower() or (first.isupper() and kind_of(first, lexicons) is not None and " " in name)


def _has_proper_name(name: str) -> bool:
    """A Latin word or a capitalised word that is no place: 'компания FaceCash' names a
    company of its own, 'ОЭЗ Москвы' only says where."""
    from fakty.morph import parse

    for word in re.findall(r"\w+", name)[1:]:
        if re.fullmatch(r"[A-Za-z][\w]*", word):
            return True
        if word[:1].isupper() and not word.isupper() and not any(
                "Geox" in p.tag for p in parse(word)):
            return True
    return False


def _names_its_place_by_anaphor(record, lexicons=None) -> bool:
    """'сборная страны по бобслею': the country is one the text has named already
    (place_anaphors.txt)."""
    from ..morph import lemma

    anaphors = (lexicons or builtin()).words("place_anaphors")
    return any(lemma(w) in anaphors for w in record.name.lower().split()[1:])


def _same_places(record, group) -> bool:
    """'сборная Германии' is not the 'Сборная России' of the page: a named place of the record
    (a capitalised word after the first) must be in the group's names when they name one."""
    def stems(name: str) -> set[str]:
        return {w[:4].lower() for w in re.findall(r"\w+", name)[1:] if w[:1].isupper()}

    mine = stems(record.name)
    theirs = set().union(*(stems(r.name) for r in group))
    return not mine or not theirs or bool(mine & theirs)


def keys(record, lexicons=None) -> set[str]:
    out = {_plain(record.name)}
    out.update(_plain(q) for q in quoted_names(record.name))
    out.update(_plain(a) for a in record.aliases)  # "(Volkswagen)" after «Фольксваген»
    short = _without_proper_words(record.name)
    if short:
        out.add(_plain(short))
    if record.abbreviation:
        out.add("abbr:" + record.abbreviation.replace(" ", "").upper())
    if " " in record.name and "«" not in record.name and '"' not in record.name:
        whole = initials(record.name, lexicons)
        if len(whole) >= 3:
            out.add("abbr:" + whole)
    if record.name.replace(" ", "").isupper() and len(record.name) >= 2:
        out.add("abbr:" + record.name.replace(" ", "").replace("-", ""))
    return {k for k in out if k and k != "abbr:"}


def resolve(records, context):
    lexicons = context.lexicons
    # "Шаттл «Дискавери»": the name of a thing is no organization anywhere in the text
    # (unless a kind word says so: "компания «Прогресс»")
    things = {_stem(t, lexicons) for t in thing_names(context.cleaned.text, lexicons)}
    # (a bare quoted name too, whatever kind its own words suggest: «Союзом» after корабль
    # «Союз»; a kind word before it, kept as its alias, says otherwise: "компания «Прогресс»")
    records = [r for r in records if r.kind and (r.name[:1] not in "«\"" or r.aliases)
               or _stem(_plain(r.name), lexicons) not in things]

    anaphors, descriptive, proper = [], [], []
    for r in records:
        (anaphors if is_anaphor(r, lexicons) else descriptive if is_descriptive(r, lexicons) else proper).append(r)
    groups = _Groups()
    for record in proper:
        groups.add(record, keys(record, lexicons))
    named = groups.count  # the groups numbered below this have a proper name
    descriptive.sort(key=lambda r: _names_its_place_by_anaphor(r, lexicons))
    for record in descriptive:
        # "ОЭЗ Москвы" is the one ОЭЗ the page names, if it names one; "сборная страны" is
        # the one national team the page names, by name or by its country
        pool = groups.count if _names_its_place_by_anaphor(record, lexicons) else named
        same_kind = _first_two(n for n in groups.of_kind(record.kind)
                               if n < pool and _same_places(record, groups.records[n]))
        if len(same_kind) == 1:
            groups.append(same_kind[0], record)
        else:
            groups.add(record, {_plain(record.name)})
    for anaphor in anaphors:
        if anaphor.name.isupper() or anaphor.name[:1].islower():
            continue  # a bare "ОЭЗ" or "компании" names nothing in particular
        word = anaphor.name.replace(" ", "").upper()
        kind = anaphor.kind or kind_of(anaphor.name, lexicons)[0]
        by_abbreviation = [groups.owner["abbr:" + word]] if "abbr:" + word in groups.owner else []
        same_kind = _first_two(groups.of_kind(kind))
        for candidates in (by_abbreviation, same_kind):
            if len(candidates) == 1:
                groups.append(candidates[0], anaphor)
                break
        else:
            if anaphor.kind is None:
                # a bare kind word from a grammar that gave it no kind: keep it as it is
                groups.add(anaphor, {_plain(anaphor.name)})
            # ours ("Ассоциация" with no association named on the page) names nothing sure
    groups = _join_compound_abbreviations(list(groups.records.values()), lexicons)
    entities = []
    sentences = Intervals(_sentence_bounds(context))
    places = Intervals((s.start, s.stop) for p in context.entities.get("locations", []) if _a_known_place(p)
                       for s in p.spans)
    for group in groups:
        group.sort(key=lambda r: (r.spans[0].start, r.spans[0].stop))
        full = _best_name(group, lexicons)
        names = list(dict.fromkeys([r.name for r in group if not is_anaphor(r, lexicons)] +
                                   [a for r in group for a in r.aliases]))
        abbreviation = next((r.abbreviation for r in group if r.abbreviation), None) or \
            next((r.name for r in group if r.name.replace(" ", "").isupper()
                  and r.name not in (full.kind, full.name)), None)
        entity = merge(group, context, name=full.name, kind=full.kind or next(
            (r.kind for r in group if r.kind), None), abbreviation=abbreviation,
            aliases=[n for n in names if n != full.name])
        entities.append(_find_more(entity, context, sentences, places))
    entities = _drop_shared_spans(entities)
    _drop_places_inside(entities, context)
    return entities


def compound_abbreviation_of(word: str, name: str, lexicons=None) -> bool:
    """'Минпромторг' is made of the starts of 'Министерство промышленности и торговли':
    pieces of two to eight letters, each the start of the next content word (later words
    may be left out: '... Российской Федерации')."""
    pieces = word.lower()
    return len(pieces) >= 4 and _pieces_fit(pieces, _content_words(name, lexicons), 0, 0, 0)


def _content_words(name: str, lexicons=None) -> list[str]:
    """The words of a name without its function words, lowercase."""
    skip = _function_words(lexicons or builtin())
    return [w.lower() for w in re.findall(r"\w+", name) if w.lower() not in skip]


def _pieces_fit(pieces: str, words: list[str], i: int, j: int, used: int) -> bool:
    """Can pieces[i:] be cut into starts of words[j:] in order (at least two pieces in all)?
    (A module function, not a nested one: a recursive closure is a reference cycle, garbage
    that only the cyclic collector frees, and that is paused while a document runs.)"""
    if i == len(pieces):
        return used >= 2
    if j == len(words):
        return False
    return any(words[j].startswith(pieces[i:i + k]) and _pieces_fit(pieces, words, i + k, j + 1, used + 1)
               for k in range(8, 1, -1) if i + k <= len(pieces))


def _join_compound_abbreviations(groups: list[list], lexicons=None) -> list[list]:
    """'Минпромторг' joins the one group of its kind whose name it abbreviates."""
    out = [g for g in groups]
    # the groups with a name of more than one word, by the kind of that name and the first
    # two letters of its first content word, which an abbreviation of it begins with (so a
    # page of many names compares each short name with a few long ones, not with all; a
    # group that joins another here has one-word names only, so this stays as it is)
    by_start: dict = {}
    for g in groups:
        for r in g:
            if " " in r.name:
                words = _content_words(r.name, lexicons)
                if words:
                    by_start.setdefault((r.kind, words[0][:2]), {})[id(g)] = g
    for group in list(out):
        short = next((r for r in group if " " not in r.name and not r.name.isupper()
                      and r.name[:1].isupper()), None)
        if short is None or len(group) != sum(1 for r in group if r.name == short.name):
            continue
        candidates = by_start.get((short.kind, short.name.lower()[:2]), {}).values()
        targets = [g for g in candidates if g is not group and any(
            r.kind == short.kind and " " in r.name and compound_abbreviation_of(short.name, r.name, lexicons)
            for r in g)]
        if len(targets) == 1:
            targets[0].extend(group)
            out = [g for g in out if g is not group]
    return out


def _best_name(group, lexicons=None):
    """The record whose name the entity takes: the most used (then shortest) name with a kind
    and a quoted name ("ОЭЗ «Технополис Москва»"), else the first full name."""
    from collections import Counter

    quoted = [r for r in group if r.kind and any(c in r.name for c in "«\"")]
    if quoted:
        counts = Counter(r.name for r in quoted)
        return max(quoted, key=lambda r: (counts[r.name], -len(r.name), -r.spans[0].start))
    return next((r for r in group if not is_anaphor(r, lexicons) and not is_descriptive(r, lexicons)), None) or \
        next((r for r in group if not is_anaphor(r, lexicons)), group[0])


class _Groups:
    """Groups of records, numbered in the order they were made, each with its keys (no key
    is in two groups), found by key and by the kinds of their records."""

    def __init__(self):
        self.records: dict[int, list] = {}  # in order of number
        self.keys: dict[int, set[str]] = {}
        self.owner: dict[str, int] = {}  # key -> group number
        self.kinds: dict = {}  # kind -> {group number: how many of its records have it}
        self.count = 0

    def add(self, record, record_keys: set[str]) -> None:
        """Put a record into the group it shares a key with (joining groups it ties together)."""
        joined = sorted({self.owner[k] for k in record_keys if k in self.owner})
        if not joined:
            target = self.count
            self.count += 1
            self.records[target], self.keys[target] = [], set()
        else:
            target = joined[0]
        self.append(target, record)
        self._take_keys(target, record_keys)
        for other in reversed(joined[1:]):
            for r in self.records[other]:
                self._count_kind(r, other, -1)
                self.append(target, r)
            del self.records[other]
            self._take_keys(target, self.keys.pop(other))

    def append(self, number: int, record) -> None:
        self.records[number].append(record)
        self._count_kind(record, number, 1)

    def of_kind(self, kind):
        """Numbers of the groups with a record of this kind (in no set order: the callers
        only tell one from many)."""
        return iter(self.kinds.get(kind, ()))

    def _take_keys(self, number: int, keys: set[str]) -> None:
        self.keys[number] |= keys
        for key in keys:
            self.owner[key] = number

    def _count_kind(self, record, number: int, step: int) -> None:
        counts = self.kinds.setdefault(record.kind, {})
        counts[number] = counts.get(number, 0) + step
        if not counts[number]:
            del counts[number]


def _first_two(items) -> list:
    """The first two items, enough to tell none, one and many apart."""
    return list(itertools.islice(items, 2))


def _drop_places_inside(entities, context) -> None:
    """A place named in an organization's name is a place mention too ("Правительство
    [Калужской области]", "посольство [США]": the text names the place), except where it is
    the name's own words: inside its quotes («Единая Россия»), at its start ("Кипрское
    правительство", "Российская академия наук": the modifier of the body), the same words
    as an organization of a known kind ("ЕС", "Белого дома"), or a body itself."""
    names = sorted((s.start, s.stop) for e in entities for s in e.spans)
    inside = Intervals(names)
    starts = {start for start, _ in names}
    of_kind = {(s.start, s.stop) for e in entities if e.kind for s in e.spans}
    text = context.cleaned.original

    def in_a_name(s, location) -> bool:
        if (s.start, s.stop) in of_kind:
            return True
        if not inside.hold(s.start, s.stop):
            return False  # in no organization's name
        # a "place" of no known kind headed by a body's word is a body: "Комиссии [Европейского союза]"
        headed_by_body = location.kind is None and kind_of((s.text.split() or [""])[-1], context.lexicons) is not None
        return s.start in starts or _in_quotes_of(text, names, s) or headed_by_body

    kept = []
    for location in context.entities.get("locations", []):
        spans = [s for s in location.spans if not in_a_name(s, location)]
        if spans == location.spans:
            kept.append(location)
        elif spans:
            kept.append(location.model_copy(update={"spans": spans}))
    context.entities["locations"] = kept


def _in_quotes_of(text: str, names: list[tuple[int, int]], place) -> bool:
    """Is the place inside the quotes of an organization's name that holds it («Единая
    Россия», "партия «Единая Россия»")? The quote must open in that name or just before it: a
    quoted remark around the whole name ("«…сотрудники посольства США…»") is no name's quotes."""
    i = bisect.bisect_right(names, (place.start, place.stop))
    for start, stop in names[max(0, i - 20):i]:  # the names that start just before it
        if stop >= place.stop:
            before = text[max(0, start - 1):place.start]
            if before.rfind(OPEN) > before.rfind(CLOSE) or before.count('"') % 2 == 1:
                return True
    return False


def _sentence_bounds(context) -> list[tuple[int, int]]:
    """Original-text bounds of the sentences the grammars saw (page furniture is left out)."""
    cleaned = context.cleaned
    return [(cleaned.to_original(s.start), cleaned.to_original(s.stop - 1) + 1)
            for s in context.sentences if s.stop > s.start]


def _a_known_place(location) -> bool:
    """A place of a known kind, or a name pymorphy3 knows as a place (Тамбов; not "Кин-Топ", a
    kindergarten «Кин-Топ» the tagger calls a place)."""
    from ..morph import parse

    words = location.name.split()
    return location.kind is not None or bool(words) and any("Geox" in p.tag for p in parse(words[-1].lower()))


def _find_more(entity, context, sentences: Intervals, places: Intervals):
    """Spans of the entity's quoted names found bare elsewhere in the text, but where a known
    place was found ("ФК «Тамбов»" ... "приезжал в [Тамбов]")."""
    from fakty.records import Span

    text = context.cleaned.original
    names = {q for n in [entity.name] + entity.aliases for q in quoted_names(n)}
    names = {n for n in names if len(n) >= 4 and n[:1].isupper()}
    if not names:
        return entity
    taken = [(s.start, s.stop) for s in entity.spans]
    found = []
    for name in sorted(names, key=len, reverse=True):
        for start, stop in _occurrences(text, name):
            if start > 0 and text[start - 1] in "«\"" and stop < len(text) and text[stop] in "»\"":
                start, stop = start - 1, stop + 1
            if any(start < b and a < stop for a, b in taken) or not sentences.hold(start, stop):
                continue
            if text[start] not in "«\"" and places.meet(start, stop):
                continue
            taken.append((start, stop))
            found.append(Span(start=start, stop=stop, text=text[start:stop]))
    if not found:
        return entity
    spans = sorted(entity.spans + found, key=lambda s: (s.start, s.stop))
    return entity.model_copy(update={"spans": spans})


def _occurrences(text: str, name: str):
    """(start, stop) of the name standing alone in the text, with up to two letters of a case
    ending when it ends in a letter; like re.finditer over the text, but the regular
    expression is tried only where str.find sees the name."""
    ending = r"[а-яё]{0,2}" if re.search(r"[а-яё]$", name) else ""
    pattern = re.compile(r"(?<![\w«\"-])" + re.escape(name) + ending + r"(?![\w-])")
    at = text.find(name)
    while at != -1:
        m = pattern.match(text, at)
        if m:
            yield m.start(), m.end()
        at = text.find(name, m.end() if m else at + 1)


def _drop_shared_spans(entities):
    """A span found by name lookup that another entity already has stays with that one."""
    owner: dict[tuple[int, int], int] = {}
    for i, e in enumerate(entities):
        for s in e.spans:
            owner.setdefault((s.start, s.stop), i)
    out = []
    for i, e in enumerate(entities):
        spans = [s for s in e.spans if owner[(s.start, s.stop)] == i]
        out.append(e if len(spans) == len(e.spans) else e.model_copy(update={"spans": spans}))
    return [e for e in out if e.spans]
