"""Events: mentions grouped into events, references attached, then linked.

1. Named mentions of one event become one entity ("III Ежегодная … конференция «Промышленная
   Россия 4.0 - …»" and "Ежегодная … конференция «Промышленная Россия 4.0»"; "ПМЭФ" and
   "Петербургском международном экономическом форуме (ПМЭФ)"); an abbreviation in brackets
   names the event wherever else it stands.
2. Unnamed mentions (the grammar's empty `name`: "конгресса", "участники мероприятия",
   "инженерном конгрессе") refer to the one event of a compatible kind named before them
   (or, among several, the one named in the same or the previous sentence); otherwise they
   are dropped, never guessed. A reference with its own modifier becomes a span of the
   event; a bare kind word only carries links (the fixtures do not count it as a mention).
3. Links come from the sentence of a mention (or a neighbour, where the pattern says so),
   in fixed patterns only:
   - date and place: a holding verb ("состоялась", "пройдет") in the sentence, or the
     date / "в <place>" right after the mention;
   - organizers: "Организатором мероприятия выступили X при поддержке Y, Z";
     "…, который организует X"; the body whose meeting it is ("заседание Экспертного совета");
   - participants: a count of people in a sentence about taking part;
   - parent: "В рамках конференции состоялись мероприятия: - …", "Центральным событием
     конгресса стало …", "В рамках конгресса …. В их числе круглый стол …"; or the only
     congress / forum / conference named before a session;
   - recurring: "ежегодно", "на постоянной основе" in a sentence about the event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..morph import lemma
from . import merge

# verbs that say an event takes place: its date and place are in the same sentence
HOLDING = frozenset({
    "состояться", "пройти", "проходить", "проводиться", "открыться", "открываться",
    "стартовать", "завершиться", "начаться",
})


def _generic_kinds() -> frozenset[str]:
    """Kinds that name any event ("мероприятие"), marked "*" in event_kinds.txt."""
    from fakty.grammars.events import kinds

    return kinds()[2]


# events that hold sessions, and the sessions they hold
CONTAINERS = frozenset({"конгресс", "форум", "конференция", "съезд", "саммит", "выставка",
                        "выставка-форум", "ярмарка", "фестиваль", "неделя", "симпозиум"})
PARTS = frozenset({"сессия", "заседание", "пленарное заседание", "круглый стол", "семинар",
                   "вебинар", "практикум", "церемония", "награждение", "хакатон"})
# competitions that hold sections ('в мужском турнире' of a championship)
COMPETITIONS = frozenset({"чемпионат", "первенство", "кубок", "олимпиада", "турнир", "матч-турнир"})
# a meeting of a body: 'заседание Экспертного совета', 'съезд партии «Единая Россия»'
MEETINGS = frozenset({"заседание", "совещание", "съезд", "сессия", "пленум", "коллегия"})
_RECURRING = re.compile(r"\bежегодн\w*|\bна\s+постоянной\s+основе\b|\bкаждый\s+год\b", re.I)
PARTICIPATION = frozenset({
    "участие", "участник", "присоединиться", "собрать", "посетить", "участвовать",
    "зарегистрироваться", "съехаться", "приехать",
})
PEOPLE = frozenset({
    "человек", "участник", "делегат", "гость", "посетитель", "эксперт", "представитель",
    "спикер", "специалист", "слушатель",
})
# '… форуме (ПМЭФ)': a mention ending in its abbreviation
ABBREVIATION_END = re.compile(r"\(([А-ЯЁA-Z]{2,8})(?:-\d{4})?\)$")
_WORD = re.compile(r"[А-Яа-яЁёA-Za-z]+")
_ORGANIZER = re.compile(
    r"\bорганизатор(?:ом|ами|ы|а|ов)?\b|\bорганизован\w*|\bорганизовал[аио]?\b|"
    r"\bорганизу(?:ет|ют)\b|\bорганизовыва(?:ет|ют)\b")
_SUPPORT = re.compile(r"\bпри\s+(?:поддержке|содействии|партнерстве|партнёрстве)\b", re.I)
_CLAUSE_END = re.compile(r";|,\s+(?:а|но|где|когда|котор\w+|однако)\s|\.\s", re.I)
_WHICH = re.compile(r"^[\s,]*(?:котор(?:ый|ая|ое|ые|ую|ого|ой)\s+)?$", re.I)
_PARENT_CUE = re.compile(
    r"\b(?:в\s+рамках|на\s+полях|в\s+программе|в\s+ходе|событием|частью)\s*$", re.I)
_LIST_INTRO = re.compile(r"^\s*(?:в\s+их\s+числе|среди\s+них|в\s+том\s+числе)\b", re.I)
_LIST_ITEM = re.compile(r"^\s*(?:[-•*–—]|\d{1,2}[.)])\s*")
# between a mention and its date or place: nothing, a comma, 'который пройдет', then 'в'
_GAP = (r"^[\s,]*(?:(?:котор(?:ый|ая|ое|ые)\s+)?(?:\w+\s+)?(?:пройд[её]т|состоится|прош[её]л|"
        r"прошл[аио]|состоял(?:ся|ась|ось|ись)|проходит|проходил[аио]?)\s+)?")
_DATE_GAP = re.compile(_GAP + r"(?:в\s+|во\s+)?$", re.I)
_PLACE_GAP = re.compile(_GAP + r"(?:в|во)\s+$", re.I)


@dataclass
class _Mention:
    event: int  # index into the entity list
    start: int  # cleaned-text offsets
    stop: int
    sentence: int
    named: bool


def resolve(records, context):
    named = [r for r in records if r.name]
    references = [r for r in records if not r.name]
    groups: list[list] = []
    by_key: dict[tuple, list[int]] = {}  # (kind, name or title) of a group's first record -> groups
    for record in named:
        kind, name, title = _key(record)
        # _same_event needs the kind, and the name or the title of one to be the other's name
        candidates = sorted({n for key in ((kind, name), (kind, "«" + name), (kind, title))
                             for n in by_key.get(key, ())})
        number = next((n for n in candidates if _same_event(groups[n][0], record)), None)
        if number is None:
            by_key.setdefault((kind, name), []).append(len(groups))
            if title:
                by_key.setdefault((kind, "«" + title), []).append(len(groups))
            groups.append([record])
        else:
            groups[number].append(record)
    events = [_merge(group, context) for group in groups]
    mentions = [_mention(i, span, context, True) for i, e in enumerate(events) for span in e.spans]
    mentions = [m for m in mentions if m.sentence >= 0]

    linker = _Linker(context, events, mentions)
    linker.abbreviations()
    linker.attach(references, specific=True)
    linker.parents()
    linker.attach(references, specific=False)
    linker.only_container()
    linker.sections()
    linker.dates_and_places()
    linker.recurrence()
    linker.organizers()
    linker.hosts()
    linker.participants()
    return linker.result()


def _key(record) -> tuple[str, str, str]:
    """(kind, the name without ordinal and recurrence words, the quoted title)."""
    name = record.name.lower()
    words, _, title = name.partition("«")
    kept = [w for w in words.split() if not re.fullmatch(r"[ivxlc]+", w)
            and lemma(w) not in ("ежегодный", "традиционный")]
    return record.kind or "", " ".join(kept), title.rstrip("»").strip()


def _same_event(a, b) -> bool:
    if a.ordinal and b.ordinal and a.ordinal != b.ordinal:
        return False
    if a.date and b.date and a.date.year and b.date.year and a.date.year != b.date.year:
        return False
    ka, kb = _key(a), _key(b)
    if ka[0] == kb[0] and (ka[2] and ka[2] == kb[1] or kb[2] and kb[2] == ka[1]):
        return True  # 'выставка «Иннопром»' and 'Иннопром'
    if ka[:2] != kb[:2]:
        return False
    short, long = sorted((ka[2], kb[2]), key=len)
    # «Промышленная Россия 4.0» is «Промышленная Россия 4.0 - повышение …» cut short
    return short == long or (bool(short) and long.startswith(short) and not long[len(short)].isalnum())


def _merge(group, context):
    return merge(group, context,
                 ordinal=next((r.ordinal for r in group if r.ordinal), None),
                 recurring=any(r.recurring for r in group),
                 date=next((r.date for r in group if r.date), None))


def _mention(index, span, context, named) -> _Mention:
    start = context.cleaned.from_original(span.start)
    stop = context.cleaned.from_original(span.stop - 1) + 1 if span.stop > span.start else start
    return _Mention(index, start, stop, context.sentence_at(start), named)


def _compatible(reference_kind: str, event_kind: str) -> bool:
    """'конференции' -> конференция; 'сессии' -> панельная сессия; 'круглого стола' -> круглый стол."""
    if not reference_kind or not event_kind:
        return False
    return reference_kind == event_kind or event_kind.split()[-1] == reference_kind.split()[-1]


class _Linker:
    def __init__(self, context, events, mentions):
        self.context = context
        self.events = list(events)
        self.index_of = {e.id: i for i, e in enumerate(self.events)}
        self.mentions = mentions
        self.updates: list[dict] = [{} for _ in events]
        self.extra_spans: list[list] = [[] for _ in events]
        self._by_sentence: dict[str, dict[int, list]] = {}

    # --- coreference -----------------------------------------------------------------
    def attach(self, references, specific: bool):
        for record in references:
            if (record.kind in _generic_kinds()) == specific:
                continue
            span = record.spans[0]
            if specific:
                fits = [i for i, e in enumerate(self.events) if _compatible(record.kind, e.kind)]
            else:  # 'мероприятие' names a whole event, not a session inside one
                fits = [i for i, e in enumerate(self.events) if "parent_id" not in self.updates[i]
                        and not e.parent_id]
            before = [i for i in fits if self.events[i].spans[0].start < span.start]
            # a headline names an event before the text introduces it: then any one will do
            chosen = before if before else fits
            if len(chosen) > 1:
                # several on the page: the one named in this or the previous sentence
                here = _mention(0, span, self.context, False)
                chosen = sorted({m.event for m in self.mentions if m.event in chosen and m.named
                                 and here.sentence - 1 <= m.sentence <= here.sentence
                                 and m.start < here.start})
            if len(chosen) != 1:
                continue
            index = chosen[0]
            if len(span.text.split()) > len(record.kind.split()):
                # 'инженерном конгрессе' is a mention; a bare 'конгресса' only helps linking
                self.extra_spans[index].append(span)
            self.context.alias(record.id, self.events[index].id)
            mention = _mention(index, span, self.context, False)
            if mention.sentence >= 0:
                self.mentions.append(mention)
        self.mentions.sort(key=lambda m: (m.start, m.stop))

    def abbreviations(self):
        """An abbreviation introduced in brackets ('… неделя (РЭН)') names the event
        wherever else it stands in the text."""
        text = self.context.cleaned.text
        taken = {(m.start, m.stop) for m in self.mentions}
        for index, event in enumerate(self.events):
            short = {found.group(1) for s in event.spans if (found := ABBREVIATION_END.search(s.text))}
            for abbreviation in sorted(short):
                for found in re.finditer(rf"(?<![\w-]){abbreviation}(?![\w-])", text):
                    if any(a <= found.start() < b for a, b in taken):
                        continue
                    span = self.context.cleaned.span(found.start(), found.end())
                    self.extra_spans[index].append(span)
                    mention = _mention(index, span, self.context, True)
                    if mention.sentence >= 0:
                        self.mentions.append(mention)
        self.mentions.sort(key=lambda m: (m.start, m.stop))

    # --- helpers ---------------------------------------------------------------------
    def sentence_text(self, index: int) -> str:
        return self.context.sentences[index].text

    def sentence_start(self, index: int) -> int:
        return self.context.sentences[index].start

    def in_sentence(self, index: int) -> list[_Mention]:
        return [m for m in self.mentions if m.sentence == index]

    def entities_in(self, field: str, index: int):
        """(entity, cleaned start, cleaned stop) of another type's spans in a sentence."""
        if field not in self._by_sentence:
            # once per type: a long page has many sentences and many entities
            table: dict[int, list] = {}
            for entity in self.context.entities.get(field, []):
                for span in entity.spans:
                    m = _mention(0, span, self.context, True)
                    table.setdefault(m.sentence, []).append((entity, m.start, m.stop))
            self._by_sentence[field] = {k: sorted(v, key=lambda item: item[1]) for k, v in table.items()}
        return self._by_sentence[field].get(index, [])

    def set_once(self, event: int, field: str, value) -> None:
        if value is None or field in self.updates[event] or getattr(self.events[event], field):
            return
        self.updates[event][field] = value

    def text(self, start: int, stop: int) -> str:
        return self.context.cleaned.text[start:stop]

    # --- parents ---------------------------------------------------------------------
    def parents(self):
        sentences = self.context.sentences
        for parent in list(self.mentions):
            before = self.text(self.sentence_start(parent.sentence), parent.start)
            if not _PARENT_CUE.search(before):
                continue
            children = [m for m in self.in_sentence(parent.sentence)
                        if m.event != parent.event and m.named]
            following = parent.sentence + 1
            if self.sentence_text(parent.sentence).rstrip().endswith(":"):
                while following < len(sentences) and _LIST_ITEM.match(sentences[following].text):
                    children += [m for m in self.in_sentence(following) if m.named]
                    following += 1
            elif following < len(sentences) and _LIST_INTRO.match(sentences[following].text):
                children += [m for m in self.in_sentence(following) if m.named]
            for child in children:
                if child.event == parent.event or self._is_ancestor(child.event, parent.event):
                    continue
                self.set_once(child.event, "parent_id", self.events[parent.event].id)

    def _is_ancestor(self, event: int, of: int) -> bool:
        seen = set()
        current = of
        while current is not None and current not in seen:
            seen.add(current)
            if current == event:
                return True
            parent = self.updates[current].get("parent_id") or self.events[current].parent_id
            current = self.index_of.get(parent)
        return False

    def only_container(self):
        """A session with no parent named belongs to the event it is part of when the page
        names exactly one such event before it: '… III Международном форуме …. В рамках
        панельной сессии «…» …'."""
        containers = [i for i, e in enumerate(self.events) if e.kind in CONTAINERS]
        if len(containers) != 1:
            return
        parent = containers[0]
        for index, event in enumerate(self.events):
            if (event.kind in PARTS and "parent_id" not in self.updates[index] and not event.parent_id
                    and self.events[parent].spans[0].start < event.spans[0].start):
                self.set_once(index, "parent_id", self.events[parent].id)

    def sections(self):
        """'В мужском турнире победил …': a section of a competition (event_sections.tsv) is
        part of the championship, cup or olympiad named last before it (or the only one)."""
        from fakty.grammars.events import sections

        def is_section(event) -> bool:
            words = event.name.lower().split()
            return len(words) == 2 and lemma(words[0]) in sections()

        competitions = [i for i, e in enumerate(self.events) if e.kind in COMPETITIONS and not is_section(e)]
        for index, event in enumerate(self.events):
            if not is_section(event) or "parent_id" in self.updates[index] or event.parent_id:
                continue
            start = min(m.start for m in self.mentions if m.event == index) if any(
                m.event == index for m in self.mentions) else None
            if start is None:
                continue
            before = [m for m in self.mentions if m.event in competitions and m.start < start]
            if before:
                parent = max(before, key=lambda m: m.start).event
            elif len(competitions) == 1:
                parent = competitions[0]
            else:
                continue
            self.set_once(index, "parent_id", self.events[parent].id)

    def recurrence(self):
        """'ежегодно', 'на постоянной основе' in a sentence about the event."""
        for m in self.mentions:
            if _RECURRING.search(self.sentence_text(m.sentence)):
                self.set_once(m.event, "recurring", True)

    def hosts(self):
        """'Выездное заседание Экспертного совета …': the body meets, so it organizes."""
        for m in self.mentions:
            event = self.events[m.event]
            if not m.named or event.kind.split()[-1] not in MEETINGS:
                continue
            for entity, start, stop in self.entities_in("organizations", m.sentence):
                if m.start < start and stop <= m.stop and entity.text[:1] not in "«\"" and re.fullmatch(
                        r"\s*", self._after_kind(m, start)):
                    ids = self.updates[m.event].setdefault("organizer_ids", list(event.organizer_ids))
                    if entity.id not in ids:
                        ids.append(entity.id)

    def _after_kind(self, mention, start: int) -> str:
        """The text between the mention's kind noun and `start` (kind noun found by its lemma)."""
        head = self.events[mention.event].kind.split()[-1]
        text = self.text(mention.start, start)
        words = list(_WORD.finditer(text))
        for w in words:
            if lemma(w.group().lower()) == head:
                return text[w.end():]
        return "x"

    # --- date and place --------------------------------------------------------------
    def dates_and_places(self):
        for index in sorted({m.sentence for m in self.mentions}):
            mentions = self.in_sentence(index)
            text = self.sentence_text(index)
            base = self.sentence_start(index)
            dates = [d for d in self.entities_in("dates", index)
                     if d[0].value.relation == "on" and not _inside(d, mentions)]
            places = [p for p in self.entities_in("locations", index)
                      if re.search(r"(?:^|\s)(?:в|во)\s+$", self.text(base, p[1]), re.I)
                      and not _inside(p, mentions)]
            verbs = [base + w.start() for w in _WORD.finditer(text) if lemma(w.group().lower()) in HOLDING]
            for mention in mentions:
                for entity, start, stop in dates:
                    if start >= mention.stop and _DATE_GAP.match(self.text(mention.stop, start)):
                        self.set_once(mention.event, "date", entity.value)
                for entity, start, stop in places:
                    if start >= mention.stop and _PLACE_GAP.match(self.text(mention.stop, start)):
                        self.set_once(mention.event, "location_id", entity.id)
            if verbs:
                # the event the verb speaks of: the mention nearest to it
                verb = verbs[0]
                subject = min(mentions, key=lambda m: min(abs(m.start - verb), abs(m.stop - verb)))
                if dates:
                    self.set_once(subject.event, "date", dates[0][0].value)
                if places:
                    self.set_once(subject.event, "location_id", places[0][0].id)

    # --- organizers ------------------------------------------------------------------
    def organizers(self):
        for index in range(len(self.context.sentences)):
            text = self.sentence_text(index)
            cue = _ORGANIZER.search(text.lower())
            if not cue:
                continue
            base = self.sentence_start(index)
            # the list of organizers ends with its clause
            stop = _CLAUSE_END.search(text, cue.end())
            stop = base + (stop.start() if stop else len(text))
            orgs = [o for o in self.entities_in("organizations", index) if base + cue.end() <= o[1] < stop]
            if not orgs:
                continue
            event = self._organized_event(index, base + cue.start(), base + cue.end())
            if event is None:
                continue
            support = _SUPPORT.search(text, cue.end())
            split = base + support.start() if support else None
            for entity, start, _ in orgs:
                field = "supporter_ids" if split is not None and start > split else "organizer_ids"
                ids = self.updates[event].setdefault(field, list(getattr(self.events[event], field)))
                if entity.id not in ids:
                    ids.append(entity.id)

    def _organized_event(self, index: int, cue_start: int, cue_stop: int):
        mentions = self.in_sentence(index)
        # 'Организатор конференции', 'Организатором мероприятия'
        for m in mentions:
            if 0 <= m.start - cue_stop <= 2:
                return m.event
        # '…круглый стол «…», который организует …'
        before = [m for m in mentions if m.stop <= cue_start and _WHICH.match(self.text(m.stop, cue_start))]
        if before:
            return before[-1].event
        # 'Организаторами выступили …' right after the event's sentence
        if not mentions and index > 0:
            previous = {m.event for m in self.in_sentence(index - 1)}
            if len(previous) == 1:
                return previous.pop()
        return None

    # --- participants ----------------------------------------------------------------
    def participants(self):
        for index in range(len(self.context.sentences)):
            figures = [f for f in self.entities_in("figures", index)
                       if f[0].kind == "count" and f[0].unit in PEOPLE]
            if not figures:  # the cheap test first: few sentences count people
                continue
            text = self.sentence_text(index).lower()
            if not any(lemma(w.group()) in PARTICIPATION for w in _WORD.finditer(text)):
                continue
            mentions = self.in_sentence(index) or self._last_before(index)
            events = {m.event for m in mentions}
            if len(events) != 1:
                continue
            figure = figures[0][0].model_copy(update={"id": ""})
            self.set_once(events.pop(), "participants", figure)

    def _last_before(self, index: int, sentences: int = 2) -> list[_Mention]:
        """The event mention of the same paragraph, at most `sentences` back."""
        start = self.sentence_start(index)
        earlier = [m for m in self.mentions if index - sentences <= m.sentence < index
                   and "\n" not in self.text(m.stop, start)]
        # only when those sentences speak of one event
        return earlier[-1:] if len({m.event for m in earlier}) == 1 else []

    def result(self):
        out = []
        for event, updates, extra in zip(self.events, self.updates, self.extra_spans):
            if extra:
                spans = sorted({(s.start, s.stop): s for s in list(event.spans) + extra}.values(),
                               key=lambda s: (s.start, s.stop))
                updates = {**updates, "spans": spans}
            out.append(event.model_copy(update=updates) if updates else event)
        return out


def _inside(item, mentions) -> bool:
    """A date or place inside an event's own name ('форум регионов России')."""
    _, start, stop = item
    return any(m.start <= start and stop <= m.stop for m in mentions)
