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

The cues are yargy rules over the tokens of the sentences near an event (`ORGANIZER_CUE`,
`SUPPORT_CUE`, `PARENT_CUE`, `LIST_INTRO`, `HOLDING_VERB`, `RECURRENCE_CUE`, `CLAUSE_END`, and
the gaps `WHICH`, `DATE_GAP`, `PLACE_GAP`), their words in lexicons (grammars/event_*.txt,
clause_starts.txt). They run here rather than in a grammar because what they link are
records of other types (organizations, dates, places, figures) that exist only once those
types are resolved, and often across sentences; a grammar sees one sentence and hands on
records only. Which event a cue speaks of, and how far its list goes, is decided here in
Python, as it depends on the other mentions of the page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from yargy import not_, or_, rule
from yargy.predicates import eq, normalized
from yargy.predicates import type as token_type

from ..grammar import lazy_parser
from ..lexicons import entry_words, fold
from ..morph import lemma
from ..predicates import lexicon, lexicon_phrase
from ..tokens import tokenize
from ..words import event_kind_flags, event_kinds_with
from . import merge

# The cues that link an event, as rules over the tokens of a sentence; their words are in the
# lexicons named (grammars/event_*.txt, clause_starts.txt), which `Extractor(lexicons=...)` extends.
ORGANIZER_CUE = rule(lexicon("event_organizer_words"))  # 'Организатором', 'организует'
SUPPORT_CUE = lexicon_phrase("event_support_words")  # 'при поддержке'
PARENT_CUE = lexicon_phrase("event_parent_cues")  # 'в рамках', 'Центральным событием'
LIST_INTRO = lexicon_phrase("event_list_intros")  # 'В их числе'
HOLDING_VERB = rule(lexicon("event_holding_verbs"))  # 'состоялся', 'пройдёт'
RECURRENCE_CUE = lexicon_phrase("event_recurrence")  # 'ежегодно', 'на постоянной основе'
CLAUSE_END = or_(rule(eq(";")), rule(eq(","), lexicon("clause_starts")), rule(eq(".")))
IN = normalized("в")  # 'в', 'во'
# The gaps: what may stand between an event and what links to it (nothing at all, too;
# a gap rule never matches nothing, as yargy cannot give an empty match).
# the organizer cue after the event: '…круглый стол, который организует …'
WHICH = or_(rule(eq(","), normalized("который").optional()), rule(normalized("который")))
# its date or place: a comma, 'который (также) пройдёт', 'в'
_HELD = rule(normalized("который").optional(), not_(token_type("PUNCT")).optional(), HOLDING_VERB)
DATE_GAP = or_(rule(eq(","), _HELD.optional(), rule(IN).optional()), rule(_HELD, rule(IN).optional()), rule(IN))
PLACE_GAP = rule(eq(",").optional(), _HELD.optional(), IN)
_GAP_TOKENS = 5  # the most tokens a gap rule takes
# one parser per cue and gap rule, made here so that Extractor.load() builds them
_parsers = {id(r): lazy_parser(r) for r in (ORGANIZER_CUE, SUPPORT_CUE, PARENT_CUE, LIST_INTRO, HOLDING_VERB,
                                             RECURRENCE_CUE, CLAUSE_END, WHICH, DATE_GAP, PLACE_GAP)}
# '… форуме (ПМЭФ)': a mention ending in its abbreviation
ABBREVIATION_END = re.compile(r"\(([А-ЯЁA-Z]{2,8})(?:-\d{4})?\)$")
_WORD = re.compile(r"[А-Яа-яЁёA-Za-z]+")
_LIST_ITEM = re.compile(r"^\s*(?:[-•*–—]|\d{1,2}[.)])\s*")


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
    for record in named:
        group = next((g for g in groups if _same_event(g[0], record, context.lexicons)), None)
        if group is None:
            groups.append([record])
        else:
            group.append(record)
    groups = _editions(groups, context.lexicons)
    # a capitalised kind alone ('участники Форума') is the event of that kind the page names,
    # if it names one: then it refers back, as a lowercase one does; else it is a name
    # ('на Олимпиаде в Лондоне')
    kinds = {g[0].kind for g in groups if not _kind_only(g)}
    back = [g for g in groups if _kind_only(g) and any(_compatible(g[0].kind, k) for k in kinds)]
    groups = [g for g in groups if not any(g is b for b in back)]
    references = sorted(references + [r.model_copy(update={"name": ""}) for g in back for r in g],
                        key=lambda r: r.spans[0].start)
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


def _key(record, lexicons) -> tuple[str, str, str]:
    """(kind, the name without ordinal and recurrence words, the quoted title)."""
    return _name_key(record.kind or "", record.name, lexicons)


@lru_cache(maxsize=4096)
def _name_key(kind: str, name: str, lexicons) -> tuple[str, str, str]:
    """`_key` of a kind and a name, kept: grouping asks it of each pair of names compared
    (56k times on the 1M-character bench document)."""
    name = name.lower()
    words, _, title = name.partition("«")
    recurrence = lexicons.words("event_recurrence")
    kept = [w for w in words.split() if not re.fullmatch(r"[ivxlc]+", w) and fold(lemma(w)) not in recurrence]
    return kind, " ".join(kept), title.rstrip("»").strip()


def _same_event(a, b, lexicons) -> bool:
    if a.ordinal and b.ordinal and a.ordinal != b.ordinal:
        return False
    if a.date and b.date and a.date.year and b.date.year and a.date.year != b.date.year:
        return False
    if a.series and b.series:
        # one edition only when the year or the number says so: 'Второй Иннопром' and
        # 'Иннопром-2024' are two editions (linked by their series)
        return bool(_edition_marks(a) & _edition_marks(b)) and _same_name(_as_series(a), _as_series(b), lexicons)
    if a.series or b.series:
        return False  # an edition and a mention of its event without one: see _editions
    return _same_name(a, b, lexicons)


def _same_name(a, b, lexicons) -> bool:
    ka, kb = _key(a, lexicons), _key(b, lexicons)
    if ka[0] == kb[0] and (ka[2] and ka[2] == kb[1] or kb[2] and kb[2] == ka[1]):
        return True  # 'выставка «Иннопром»' and 'Иннопром'
    if ka[0] != kb[0] or ka[1] != kb[1] and not (ka[2] and kb[2]):
        return False  # a title names the event whatever adjectives precede it ('форум «Армия»')
    short, long = sorted((ka[2], kb[2]), key=len)
    # «Промышленная Россия 4.0» is «Промышленная Россия 4.0 - повышение …» cut short
    return short == long or (bool(short) and long.startswith(short) and not long[len(short)].isalnum())


def _kind_only(group) -> bool:
    """Is every mention named by its kind word alone ('Форум')?"""
    return all(fold(r.name) == fold(r.kind) for r in group)


def _edition_marks(record) -> set[tuple[str, int]]:
    marks = {("ordinal", record.ordinal)} if record.ordinal else set()
    return marks | ({("year", record.date.year)} if record.date and record.date.year else set())


def _as_series(record):
    """The recurring event an edition belongs to, as a record to compare names with."""
    return record.model_copy(update={"name": record.series})


def _editions(groups: list[list], lexicons) -> list[list]:
    """Editions of one recurring event ('выставка «Иннопром-2024»', 'Второй Иннопром') stay
    apart and share one `series` (the first edition's); a mention of that event without an
    edition ('на Иннопроме') is the edition when the page names only one (a page about this
    year's Иннопром says "Иннопром" for short), else it names the recurring event itself."""
    def series(group):
        return next((r.series for r in group if r.series), None)

    chains: list[tuple[str, object, list]] = []  # (series, a record named so, edition groups)
    for group in groups:
        if series(group):
            probe = _as_series(group[0].model_copy(update={"series": series(group)}))
            chain = next((c for c in chains if _same_name(c[1], probe, lexicons)), None)
            if chain is None:
                chains.append((series(group), probe, [group]))
            else:
                chain[2].append(group)
    out = []
    for group in groups:
        chain = None if series(group) else next((c for c in chains if _same_name(c[1], group[0], lexicons)), None)
        if chain is None:
            out.append(group)
        elif len(chain[2]) == 1:
            chain[2][0].extend(group)
        else:
            out.append([r.model_copy(update={"series": chain[0], "recurring": True}) for r in group])
    name_of = {id(group): c[0] for c in chains for group in c[2]}
    return [[r.model_copy(update={"series": name_of[id(g)]}) for r in g] if id(g) in name_of else g for g in out]


def _merge(group, context):
    return merge(group, context,
                 ordinal=next((r.ordinal for r in group if r.ordinal), None),
                 recurring=any(r.recurring for r in group),
                 date=next((r.date for r in group if r.date), None),
                 series=next((r.series for r in group if r.series), None))


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
        self._tokens: dict[int, list] = {}
        self._cues: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self.flags = event_kind_flags(context.lexicons)

    # --- coreference -----------------------------------------------------------------
    def attach(self, references, specific: bool):
        for record in references:
            if (record.kind in event_kinds_with("generic", self.context.lexicons)) == specific:
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

    def has_flag(self, kind: str, flag: str) -> bool:
        return flag in self.flags.get(kind, ())

    # --- the cues: rules over a sentence's tokens --------------------------------------
    def tokens(self, index: int) -> list:
        """The tokens of a sentence, tagged with the Extractor's lexicons: those the grammar
        stage kept of a sentence with an event (they carry NER and found tags besides, which
        no cue rule reads), else made here."""
        if index not in self._tokens:
            kept = self.context.tokens.get(index)
            self._tokens[index] = kept if kept is not None else tokenize(
                self.sentence_text(index), lexicons=self.context.lexicons)
        return self._tokens[index]

    def cues(self, index: int, cue) -> list[tuple[int, int]]:
        """(start, stop) in the cleaned text of each match of a cue rule in a sentence."""
        key = (index, id(cue))
        if key not in self._cues:
            base = self.sentence_start(index)
            self._cues[key] = [(base + m.span.start, base + m.span.stop)
                               for m in _parse(cue, self.tokens(index), "findall")]
        return self._cues[key]

    def between(self, index: int, start: int, stop: int) -> list:
        """The tokens of a sentence that lie between two cleaned-text offsets."""
        base = self.sentence_start(index)
        return [t for t in self.tokens(index) if start <= base + t.span.start and base + t.span.stop <= stop]

    def gap(self, gap, index: int, start: int, stop: int, empty: bool = True) -> bool:
        """Is the text between two offsets of a sentence exactly a gap rule (or nothing, when
        `empty`)?"""
        tokens = self.between(index, start, stop)
        if not tokens:
            return empty
        if len(tokens) > _GAP_TOKENS:
            return False
        whole = (tokens[0].span.start, tokens[-1].span.stop)
        return any((m.span.start, m.span.stop) == whole for m in _parse(gap, tokens, "extract"))

    # --- parents ---------------------------------------------------------------------
    def parents(self):
        sentences = self.context.sentences
        for parent in list(self.mentions):
            # 'В рамках конференции …': the cue right before the parent
            if not any(stop <= parent.start and not self.text(stop, parent.start).strip()
                       for _, stop in self.cues(parent.sentence, PARENT_CUE)):
                continue
            children = [m for m in self.in_sentence(parent.sentence)
                        if m.event != parent.event and m.named]
            following = parent.sentence + 1
            if self.sentence_text(parent.sentence).rstrip().endswith(":"):
                while following < len(sentences) and _LIST_ITEM.match(sentences[following].text):
                    children += [m for m in self.in_sentence(following) if m.named]
                    following += 1
            elif following < len(sentences) and any(start == self.sentence_start(following) + _indent(
                    sentences[following].text) for start, _ in self.cues(following, LIST_INTRO)):
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
        containers = [i for i, e in enumerate(self.events) if self.has_flag(e.kind, "container")]
        if len(containers) != 1:
            return
        parent = containers[0]
        for index, event in enumerate(self.events):
            if (self.has_flag(event.kind, "part") and "parent_id" not in self.updates[index] and not event.parent_id
                    and self.events[parent].spans[0].start < event.spans[0].start):
                self.set_once(index, "parent_id", self.events[parent].id)

    def sections(self):
        """'В мужском турнире победил …': a section of a competition (event_sections.tsv) is
        part of the championship, cup or olympiad named last before it (or the only one)."""
        sections = self.context.lexicons.words("event_sections")

        def is_section(event) -> bool:
            words = event.name.lower().split()
            return len(words) == 2 and fold(lemma(words[0])) in sections

        competitions = [i for i, e in enumerate(self.events)
                        if self.has_flag(e.kind, "competition") and not is_section(e)]
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
        said = self.context.lexicons.derive(_said_in_sentence)
        for m in self.mentions:
            found = [self.between(m.sentence, start, stop) for start, stop in self.cues(m.sentence, RECURRENCE_CUE)]
            if any(_is_entry(tokens, words) for tokens in found for words in said):
                self.set_once(m.event, "recurring", True)

    def hosts(self):
        """'Выездное заседание Экспертного совета …': the body meets, so it organizes."""
        for m in self.mentions:
            event = self.events[m.event]
            if not m.named or not self.has_flag(event.kind.split()[-1], "meeting"):
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
            dates = [d for d in self.entities_in("dates", index)
                     if d[0].value.relation == "on" and not _inside(d, mentions)]
            places = [p for p in self.entities_in("locations", index)
                      if self._after_in(index, p[1]) and not _inside(p, mentions)]
            verbs = [start for start, _ in self.cues(index, HOLDING_VERB)]
            for mention in mentions:
                for entity, start, stop in dates:
                    if start >= mention.stop and self.gap(DATE_GAP, index, mention.stop, start):
                        self.set_once(mention.event, "date", entity.value)
                for entity, start, stop in places:
                    if start >= mention.stop and self.gap(PLACE_GAP, index, mention.stop, start, empty=False):
                        self.set_once(mention.event, "location_id", entity.id)
            if verbs:
                # the event the verb speaks of: the mention nearest to it
                verb = verbs[0]
                subject = min(mentions, key=lambda m: min(abs(m.start - verb), abs(m.stop - verb)))
                if dates:
                    self.set_once(subject.event, "date", dates[0][0].value)
                if places:
                    self.set_once(subject.event, "location_id", places[0][0].id)

    def _after_in(self, index: int, start: int) -> bool:
        """Does 'в' / 'во' stand right before an offset of a sentence ('в Москве')?"""
        before = self.between(index, self.sentence_start(index), start)
        return bool(before) and "в" in before[-1].lemmas and not self.text(
            self.sentence_start(index) + before[-1].span.stop, start).strip()

    # --- organizers ------------------------------------------------------------------
    def organizers(self):
        near = {m.sentence for m in self.mentions}
        # the cue's event is in its sentence or the one before
        for index in sorted(near | {i + 1 for i in near if i + 1 < len(self.context.sentences)}):
            cues = self.cues(index, ORGANIZER_CUE)
            if not cues:
                continue
            cue_start, cue_stop = cues[0]
            # the list of organizers ends with its clause
            ends = [start for start, _ in self.cues(index, CLAUSE_END) if start >= cue_stop]
            stop = ends[0] if ends else self.context.sentences[index].stop
            orgs = [o for o in self.entities_in("organizations", index) if cue_stop <= o[1] < stop]
            if not orgs:
                continue
            event = self._organized_event(index, cue_start, cue_stop)
            if event is None:
                continue
            support = [start for start, _ in self.cues(index, SUPPORT_CUE) if start >= cue_stop]
            split = support[0] if support else None
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
        before = [m for m in mentions if m.stop <= cue_start and self.gap(WHICH, index, m.stop, cue_start)]
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
        people = self.context.lexicons.words("event_participant_units")
        for index in range(len(self.context.sentences)):
            figures = [f for f in self.entities_in("figures", index)
                       if f[0].kind == "count" and fold(f[0].unit or "").split(" ")[-1] in people]  # "иностранный участник"
            if not figures:  # the cheap test first: few sentences count people
                continue
            mentions = self.in_sentence(index) or self._last_before(index)
            events = {m.event for m in mentions}
            if len(events) != 1 or not any(t.in_lexicon("event_participation") for t in self.tokens(index)):
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


def _parse(rule, tokens: list, mode: str) -> list:
    """Matches of one of the cue rules above in a list of tokens (one parser per rule; a rule
    left out of `_parsers` gets its own on first use, unbuilt by load())."""
    if id(rule) not in _parsers:
        _parsers[id(rule)] = lazy_parser(rule)
    return _parsers[id(rule)]().run(tokens, mode)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _said_in_sentence(lexicons) -> frozenset[tuple[str, ...]]:
    """Entries of event_recurrence.txt flagged "sentence": they say it anywhere in a sentence."""
    return frozenset(entry_words(row[0]) for row in lexicons.rows("event_recurrence") if "sentence" in row[1:])


def _is_entry(tokens: list, words: tuple[str, ...]) -> bool:
    """Are the tokens the words of this entry (each by its text or a lemma, folded)?"""
    return len(tokens) == len(words) and all(
        word in {fold(t.value), *map(fold, t.lemmas)} for t, word in zip(tokens, words))
