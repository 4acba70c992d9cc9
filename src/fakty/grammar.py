"""Stage 4, grammars: yargy rules run per sentence, only where they can match, on a budget.

A `Grammar` is a yargy rule (or a plain function over a sentence) plus an `interpret`
function that turns each match into fakty records right away: yargy facts are dynamic
classes that do not pickle, so nothing of yargy leaves this stage.

Guard rails, so that no sentence can hang the library:
- sentences are cut to at most `segment.MAX_TOKENS` tokens before they get here;
- a grammar runs on a sentence only if its `Triggers` fire there;
- the Earley chart is capped at `budget` states; a sentence over budget is skipped for
  that grammar (and counted in `GrammarStage.skipped`).

Grammars come from the built-in modules in `fakty.grammars`, from installed packages
through the `fakty.grammars` entry point group, and from `Extractor(grammars=[...])`.
"""
from __future__ import annotations

import gc
import importlib
import itertools
import logging
import re
import time
import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable, Iterator, Optional, Sequence

from yargy.rule.bnf import BNFRule as _BNFRule
from yargy.tree import Leaf, Node as _Node

from .clean import Cleaned
from .lexicons import Lexicons, builtin as builtin_lexicons
from .predicates import compiled
from .records import Entity, Event, Skipped, Span
from .segment import Sentence
from .tag import NerSpan
from .tokens import Token, tokenize

log = logging.getLogger("fakty")

# in this order: a grammar sees what those before it found in the sentence (`SentenceContext.found`)
BUILTIN = ("dates", "figures", "locations", "organizations", "persons", "events", "agreements")
ENTRY_POINT_GROUP = "fakty.grammars"
DEFAULT_BUDGET = 50_000


class BudgetExceeded(Exception):
    """The yargy chart grew past the grammar's state budget."""


@dataclass(frozen=True)
class Triggers:
    """What a sentence must contain for a grammar to be worth running on it.

    lexicons: names of lexicons, one of whose entries a token must start (the cheapest and
    the one to prefer: `Extractor(lexicons=...)` extends it with the rules);
    words: lowercase token texts; lemmas: pymorphy3 normal forms; digits: any digit;
    pattern: a regular expression searched in the sentence text. Any one hit is enough.
    No triggers at all means the grammar runs on every sentence.
    """

    words: frozenset[str] = frozenset()
    lemmas: frozenset[str] = frozenset()
    digits: bool = False
    pattern: Optional[str] = None
    lexicons: frozenset[str] = frozenset()

    def __post_init__(self):
        object.__setattr__(self, "words", frozenset(w.lower() for w in self.words))
        object.__setattr__(self, "lemmas", frozenset(self.lemmas))
        object.__setattr__(self, "lexicons", frozenset(self.lexicons))
        object.__setattr__(self, "_regex", re.compile(self.pattern) if self.pattern else None)

    @property
    def empty(self) -> bool:
        return not (self.words or self.lemmas or self.digits or self.pattern or self.lexicons)

    def fire(self, context: "SentenceContext") -> bool:
        if self.empty:
            return True
        if self.digits and context.has_digits:
            return True
        if self._regex is not None and self._regex.search(context.text):
            return True
        if self.words or self.lemmas or self.lexicons:
            index = context.trigger_index
            return not (self.words.isdisjoint(index.words) and self.lemmas.isdisjoint(index.lemmas)
                        and self.lexicons.isdisjoint(index.lexicons))
        return False


@dataclass(frozen=True)
class TriggerIndex:
    """What triggers look for in a sentence, gathered once for all its grammars: the lowercase
    token texts, the lemmas of its words, the lexicons an entry of which starts at a token."""

    words: frozenset[str]
    lemmas: frozenset[str]
    lexicons: frozenset[str]

    @classmethod
    def of(cls, tokens: Sequence[Token]) -> "TriggerIndex":
        return cls(frozenset(token.value.lower() for token in tokens),
                   frozenset(lemma for token in tokens if token.forms for lemma in token.lemmas),
                   frozenset(name for token in tokens for name, places in token.lexicons.items()
                             if any(position == 0 for position, _ in places)))


@dataclass(frozen=True)
class Anchors:
    """Where a match of a grammar's rule can start, as its author knows it: every match has a
    token that passes `predicate` (a yargy predicate: `lexicon("org_kinds")`, `eq("по")`),
    preceded in the match by at most `before` tokens, each of which passes `through` (when
    given). The parser then predicts the rule only at those places and starts its chart at
    the first of them, instead of trying every token of the sentence: the same matches from
    fewer chart states, and no chart at all where no such token is. An anchor that some
    match lacks loses that match.
    """

    predicate: object
    before: int = 0
    through: object = None

    def starts(self, tokens: Sequence) -> list[int]:
        """Indexes of the tokens where a match may start."""
        if "_tests" not in self.__dict__:
            through = (None,) if self.through is None else outside_parser(self.through)
            tests = outside_parser(self.predicate) + through
            object.__setattr__(self, "_tests", tests)
        predicate, through = self._tests  # type: ignore[attr-defined]
        starts: set[int] = set()
        for i, token in enumerate(tokens):
            if predicate(token):
                starts.add(i)
                k = i - 1
                while k >= max(0, i - self.before) and (through is None or through(tokens[k])):
                    starts.add(k)
                    k -= 1
        return sorted(starts)


@dataclass
class Grammar:
    """A rule and its interpretation into records.

    rule: a yargy rule, parsed with `mode` 'findall' (non-overlapping, longest first) or
    'extract' (every match). interpret(match, context) yields records for one match.
    Instead of a rule, `find(context)` may yield records for a sentence directly (for
    rules over NER spans, or plain regular expressions).
    priority: when mentions of one record type from two grammars overlap, the higher wins.
    anchors: where a match of the rule can start (`Anchors`), when the author can say it
    better than the rule's first tokens do: the parser then skips the rest of the sentence.
    """

    name: str
    interpret: Optional[Callable[..., Iterable[Entity]]] = None
    rule: object = None
    find: Optional[Callable[["SentenceContext"], Iterable[Entity]]] = None
    triggers: Triggers = field(default_factory=Triggers)
    priority: int = 10
    mode: str = "findall"
    budget: int = DEFAULT_BUDGET
    anchors: Optional[Anchors] = None
    _parser: object = field(default=None, init=False, repr=False)

    def __post_init__(self):
        if (self.rule is None) == (self.find is None):
            raise ValueError(f"grammar {self.name!r} needs exactly one of rule= or find=")
        if self.rule is not None and self.interpret is None:
            raise ValueError(f"grammar {self.name!r} has a rule but no interpret=")

    @property
    def parser(self):
        if self._parser is None:
            self._parser = BudgetParser(self.rule, self.budget, anchors=self.anchors)
        return self._parser

    def matches(self, tokens: list) -> list:
        """yargy matches over yargy tokens of one sentence."""
        return list(self.parser.run(tokens, self.mode))


@dataclass(frozen=True)
class Mention:
    """A record found in one place, before resolution groups mentions into entities."""

    record: Entity
    grammar: str
    priority: int


class SentenceContext:
    """What a grammar gets to know about the sentence it works in."""

    def __init__(self, cleaned: Cleaned, sentence: Sentence, ner: Sequence[NerSpan],
                 ids: Iterator[int], published: Optional[date], lexicons: Optional[Lexicons] = None):
        self.cleaned = cleaned
        self.sentence = sentence
        self.ner = ner
        self.published = published
        self.lexicons = lexicons if lexicons is not None else builtin_lexicons()
        self._ids = ids
        self._tokens: Optional[list[Token]] = None
        # work one grammar does for a sentence that another reuses (figures ask for dates)
        self.cache: dict = {}
        # what the grammars that ran before this one found in the sentence (see `found`)
        self.found: list[Mention] = []

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def has_digits(self) -> bool:
        """Does the sentence hold a digit (asked by every grammar with `Triggers(digits=True)`)?"""
        if "has_digits" not in self.cache:
            self.cache["has_digits"] = any(map(str.isdigit, self.text))
        return self.cache["has_digits"]

    @property
    def trigger_index(self) -> TriggerIndex:
        """The words, lemmas and lexicon entries of the sentence, for every grammar's triggers."""
        if "trigger_index" not in self.cache:
            self.cache["trigger_index"] = TriggerIndex.of(self.tokens)
        return self.cache["trigger_index"]

    @property
    def tokens(self) -> list[Token]:
        """The sentence's tokens (`fakty.tokens`: pymorphy3 forms, NER span, lexicon tags),
        made once; offsets relative to the sentence."""
        if self._tokens is None:
            self._tokens = tokenize(self.sentence.text, self.ner_spans(), self.lexicons)
            self._tag_found(self.found)
        return self._tokens

    # --- what earlier grammars found: for rules that build on them -----------------------
    def add_found(self, mentions: Sequence[Mention]) -> None:
        """Record mentions a grammar yielded on this sentence, for the grammars after it:
        `found` lists them, and each token they cover gets `token.found[field]` (the
        `fakty.predicates.found*` predicates read it)."""
        self.found.extend(mentions)
        if self._tokens is not None:
            self._tag_found(mentions)

    def _tag_found(self, mentions: Sequence[Mention]) -> None:
        from .records import record_type

        for mention in mentions:
            where = self.token_range(mention.record)
            if where is None:
                continue
            first, stop = where
            field = record_type(type(mention.record)).field
            for k, token in enumerate(self._tokens[first:stop]):  # type: ignore[index]
                token.found.setdefault(field, set()).add((k, stop - first))

    def token_range(self, record: Entity) -> Optional[tuple[int, int]]:
        """(first, stop) indexes of the tokens of this sentence that a record's first span
        covers, or None when it lies outside the sentence."""
        if not record.spans:
            return None
        key = ("token_range", record.spans[0])
        if key not in self.cache:
            span = record.spans[0]
            base = self.sentence.start
            start = self.cleaned.from_original(span.start) - base
            stop = self.cleaned.from_original(span.stop - 1) + 1 - base if span.stop > span.start else start
            inside = [t.index for t in self.tokens if start <= t.span.start and t.span.stop <= stop]
            self.cache[key] = (inside[0], inside[-1] + 1) if inside else None
        return self.cache[key]

    def found_in(self, first: int, stop: int, *types: type) -> list[Entity]:
        """Records of these types (all, when none is given) that earlier grammars found on
        tokens first..stop-1 of this sentence, the one resolve would keep of overlapping
        mentions first (higher priority, then longer, then earlier)."""
        out = []
        for mention in self.found:
            if types and not isinstance(mention.record, types):
                continue
            where = self.token_range(mention.record)
            if where is not None and where[0] < stop and first < where[1]:
                out.append((-mention.priority, -(where[1] - where[0]), where[0], len(out), mention.record))
        return [record for *_, record in sorted(out)]

    def new_id(self) -> str:
        """A document-unique id for a mention, so records can refer to each other."""
        return f"m{next(self._ids)}"

    def span(self, start: int, stop: int) -> Span:
        """Span of the original text for sentence-relative offsets."""
        return self.cleaned.span(self.sentence.start + start, self.sentence.start + stop)

    def match_span(self, match) -> Span:
        return self.span(match.span.start, match.span.stop)

    def tokens_span(self, tokens: Sequence) -> Span:
        return self.span(tokens[0].span.start, tokens[-1].span.stop)

    def ner_spans(self, type: Optional[str] = None) -> list[NerSpan]:
        """NER spans in this sentence, offsets relative to the sentence (built once per type;
        do not change the list)."""
        key = ("ner_spans", type)
        if key not in self.cache:
            base = self.sentence.start
            self.cache[key] = [NerSpan(s.start - base, s.stop - base, s.type, s.text)
                               for s in self.ner if type is None or s.type == type]
        return self.cache[key]


_tokenizer = None


def tokenizer():
    """yargy's MorphTokenizer with pymorphy3 morphology (never the old pymorphy 2, which fails on Python 3.12+)."""
    global _tokenizer
    if _tokenizer is None:
        from yargy.tokenizer import MorphTokenizer

        from .morph import yargy_morph

        _tokenizer = MorphTokenizer(morph=yargy_morph())
    return _tokenizer


class BudgetParser:
    """yargy's Earley parser with a cap on the number of chart states and one-token lookahead.

    yargy predicts every production of a rule at every token, and each chart state costs
    tens of microseconds, so a grammar of many alternatives spends ~100 ms on an ordinary
    sentence. Here a production is predicted only if its first token can be the next token
    of the sentence (FIRST sets, nullable rules kept): the same matches from a fraction of
    the states (a 26-token sentence of the dates grammar: 284 states instead of 2,148).

    The chart is yargy's Earley chart, same states in the same order, built cheaper: a
    rule's productions are indexed by what can start them (`plan`), a token is tested once
    per predicate (and_/or_/not_ run as plain loops: `fakty.predicates.compiled`), states are slotted objects told apart by an exact key, the cyclic GC
    pauses while a chart lives, and a match of a rule without relations skips yargy's tree
    visitors. Every change was checked to give the same matches and trees on every parser
    call of the 127 bench texts and a byte-identical `snapshot.py` on the 221 evaluation texts.

    With `anchors` (`Anchors`), the rule is predicted only where its author says a match can
    start, and the chart begins at the first such token (none: no chart).
    """

    def __init__(self, rule, budget: int, lookahead: bool = True, anchors: Optional[Anchors] = None):
        from yargy.parser import Leaf, Parser

        first_sets: dict = {}
        plans: dict = {}  # id(rule) -> what its productions need of the next token (`plan`)

        def plan(rule):
            """(productions that can be empty, {word: productions it can start}, {`_starts`
            key: productions it can start}, ((predicate, productions it can start), ...)),
            productions as indexes: worked out once per rule, so a prediction looks the next
            token up instead of walking every production."""
            if id(rule) not in plans:
                if not first_sets:
                    first_sets["first"], first_sets["nullable"] = _first_sets(self.parser.rule)
                empty, words, tags, predicates = [], {}, {}, {}
                for index, production in enumerate(rule.productions):
                    start = _split(_starters(production, first_sets["first"], first_sets["nullable"]))
                    if start is None:
                        empty.append(index)
                        continue
                    for word in start[0]:
                        words.setdefault(word, set()).add(index)
                    for tag in start[1]:
                        tags.setdefault(tag, set()).add(index)
                    for predicate in start[2]:
                        predicates.setdefault(id(predicate), (predicate, set()))[1].add(index)
                plans[id(rule)] = (frozenset(empty), {w: frozenset(i) for w, i in words.items()},
                                   {t: frozenset(i) for t, i in tags.items()},
                                   tuple((id(p), p, frozenset(i)) for p, i in predicates.values()))
            return plans[id(rule)]

        class _Parser(Parser):
            def chart(parser, tokens, all=True, starts=None):
                """The chart; with `starts` (sorted token indexes), the rule is predicted only
                there, and the columns before the first start are never visited."""
                chart = _Chart(tokens)
                columns = chart.columns
                states = 0
                first = starts[0] if starts else 0
                starts = None if starts is None else set(starts)
                for position in range(first, len(columns)):
                    column = columns[position]
                    if not column.states and starts is not None and position not in starts:
                        continue  # nothing to predict or move here
                    next_column = columns[position + 1] if position + 1 < len(columns) else None
                    token = next_column.token if next_column is not None else None
                    low = token.value.lower() if token is not None else None
                    tests: dict = {}  # id(predicate) -> does the next token pass it; None -> its `_starts`
                    predicted: set[int] = set()  # ids of the rules predicted at this column

                    def predict(rule, rule_id: int):
                        predicted.add(rule_id)
                        if not lookahead:  # yargy's own prediction, kept to check this one against
                            chosen = range(len(rule.productions))
                        else:
                            empty, words, tags, predicates = plans.get(rule_id) or plan(rule)
                            if token is None:  # the end: only a production that can be empty completes
                                chosen = empty
                            else:
                                chosen = empty | words[low] if low in words else empty
                                if tags:
                                    starts_here = tests.get(None)
                                    if starts_here is None:
                                        starts_here = tests[None] = _starts(token)
                                    for tag in starts_here:
                                        if tag in tags:
                                            chosen = chosen | tags[tag]
                                for predicate_id, predicate, indexes in predicates:
                                    if indexes <= chosen:
                                        continue
                                    passed = tests.get(predicate_id)
                                    if passed is None:
                                        passed = tests[predicate_id] = bool(predicate(token))
                                    if passed:
                                        chosen = chosen | indexes
                            if not chosen:
                                return
                            chosen = sorted(chosen)  # in the order of the rule, as yargy does
                        productions = rule.productions
                        for index in chosen:
                            production = productions[index]
                            column.add_predicted(_State(rule, production, index, production.steps, column, column))

                    if starts is None or position in starts:
                        predict(parser.rule, id(parser.rule))
                    # rules that matched nothing at this column (an optional part left out)
                    empty: dict[int, list] = {}
                    for state in column.states:  # the column grows while we walk it
                        states += 1
                        if states > budget:
                            _free(chart)
                            raise BudgetExceeded(budget)
                        next_term, next_id = state.next_term, state.next_id
                        if next_term is None:  # completed: move the states that waited for it
                            rule_id = id(state.rule)
                            parents = state.start_column.waiting.get(rule_id)
                            if parents:
                                node = state.node
                                for parent in parents:
                                    column.advance(parent, node)
                            if state.start_column is column:
                                empty.setdefault(rule_id, []).append(state)
                        elif state.waits:
                            if next_id not in predicted:
                                predict(next_term, next_id)
                            # A state that comes to wait for a rule after that rule matched
                            # nothing here would never move past it (yargy's Earley loses
                            # 'A? B? C' with A present and B left out): move it now.
                            for done in empty.get(next_id, ()):
                                column.advance(state, done.node)
                        elif token is not None:  # scan, the test shared
                            passed = tests.get(next_id)
                            if passed is None:
                                passed = tests[next_id] = bool(next_term(token))
                            if passed:
                                leaf = Leaf(next_term, next_term.constrain(token))
                                next_column.advance(state, leaf)
                return chart

        self.parser = _Parser(rule, tokenizer=tokenizer())
        for production in (p for r in _reachable(self.parser.rule) for p in r.productions):
            production.terms = [t if isinstance(t, _BNFRule) else compiled(t) for t in production.terms]
            # (next term, is it a rule, its id) at each dot: what a state asks of its production
            production.steps = tuple((t, isinstance(t, _BNFRule), id(t)) for t in production.terms) + \
                ((None, False, None),)
        self._relations: Optional[bool] = None
        self.anchors = anchors
        self._plan = plan

    def build(self) -> "BudgetParser":
        """Work out now what the first runs would: every rule's prediction plan, and whether
        the rule checks agreement (`Extractor.load` calls this, so the first texts do not pay it)."""
        for rule in _reachable(self.parser.rule):
            self._plan(rule)
        self._has_relations()
        return self

    def _has_relations(self) -> bool:
        """Does the rule check agreement (gnc_relation …) anywhere?"""
        if self._relations is None:
            self._relations = any(r.relation for r in _reachable(self.parser.rule))
        return self._relations

    def run(self, tokens: list, mode: str):
        from yargy.parser import prepare_trees
        from yargy.span import resolve_spans

        prepare = _prepare_match_with_relations if self._has_relations() else _prepare_match
        # A chart is a heap of young objects (states, nodes) that live until the run ends:
        # the collector pauses for the run (the Extractor pauses it for a whole document;
        # this covers a parser run by hand, as `contexts` and the tests do), and the chart's
        # cycles (columns <-> states) are broken after, so plain reference counting frees it.
        chart = None
        with collector_paused():
            try:
                starts = None
                if self.anchors is not None:
                    starts = self.anchors.starts(tokens)
                    if not starts:
                        return []
                chart = self.parser.chart(tokens, starts=starts)
                trees = prepare_trees(chart.matches(self.parser.rule))
                if mode == "extract":
                    return [m for m in map(prepare, trees) if m]
                # yargy's prepare_resolved_matches: per span the first tree in order that
                # prepares, then the spans that cover most
                spans, by_span = [], {}
                for tree in sorted(trees):
                    if tree.range not in by_span:
                        match = prepare(tree)
                        if match:
                            spans.append(tree.range)
                            by_span[tree.range] = match
                return [by_span[span] for span in resolve_spans(spans)]
            finally:
                if chart is not None:
                    _free(chart)


@contextmanager
def collector_paused():
    """The cyclic garbage collector off for the block (when it was on), back on after. A
    document, like a chart, is a heap of objects that live until it is done: the collector
    would walk them again and again while they pile up (a tenth of the CPU of a first pass
    over the bench texts, 0.36 to 0.53 s of 5.4 to 8.4). fakty makes no reference cycles (a
    test guards it), so reference counting alone frees what it made."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def outside_parser(*predicates) -> tuple:
    """yargy predicates ready to ask of a token outside a parser: activated, as a parser
    activates a rule's, and compiled, as `BudgetParser` runs them (for tests on every token
    of a sentence: `Anchors`, the locations grammars)."""
    from yargy.parser import Context

    context = Context(tokenizer())
    return tuple(compiled(p.activate(context)) for p in predicates)


@dataclass(frozen=True)
class Part:
    """A named rule inside a yargy match (`rule(...).named("PARTY")`): its name, the indexes
    of its first token and of the token after its last, and the named rules inside it."""

    name: str
    first: int
    stop: int
    parts: tuple["Part", ...] = ()

    def all(self, name: str) -> list["Part"]:
        """Every part of this name inside this one, at any depth, in text order."""
        return [p for p in self.parts if p.name == name] + [q for p in self.parts if p.name != name
                                                            for q in p.all(name)]

    def get(self, name: str) -> Optional["Part"]:
        found = self.all(name)
        return found[0] if found else None


_AUTO_NAME = re.compile(r"R\d+")  # the names yargy gives rules that were not named


def match_parts(match) -> Part:
    """The named rules of a yargy match as a tree of `Part`s (the root is the whole match,
    named "MATCH"): how an interpretation finds the tokens each role of a rule took."""
    indexes, parts = _parts_of(match.tree.root)
    return Part("MATCH", min(indexes), max(indexes) + 1, tuple(parts))


def _parts_of(node) -> tuple[list[int], list[Part]]:
    """The token indexes under a node of a yargy tree and the named rules among them."""
    if hasattr(node, "token"):
        return [node.token.index], []
    indexes, parts = [], []
    for child in node.children:
        child_indexes, child_parts = _parts_of(child)
        indexes += child_indexes
        name = getattr(getattr(child, "rule", None), "name", None)
        if name and not _AUTO_NAME.fullmatch(name) and child_indexes:
            parts.append(Part(name, min(child_indexes), max(child_indexes) + 1, tuple(child_parts)))
        else:
            parts += child_parts
    return indexes, parts


# every lazy_parser made so far (while it lives), for `build_parsers`
_LAZY_PARSERS: "weakref.WeakSet[Callable[[], BudgetParser]]" = weakref.WeakSet()


def lazy_parser(rule, budget: int = DEFAULT_BUDGET, anchors: Optional[Anchors] = None):
    """A function returning the BudgetParser of `rule`, built on the first call: for
    `find=` grammars that run a yargy rule over tokens of their own choosing."""
    parser = None

    def get() -> BudgetParser:
        nonlocal parser
        if parser is None:
            parser = BudgetParser(rule, budget, anchors=anchors)
        return parser
    _LAZY_PARSERS.add(get)
    return get


def build_parsers(grammars: Sequence["Grammar"]) -> None:
    """Build now the parsers the grammars would build on first use: each rule grammar's,
    and every `lazy_parser` the grammar modules made (yargy's rule normalization takes 10 to
    25 ms a rule; 19 of the 38 parsers were first needed in the middle of the bench texts)."""
    for grammar in grammars:
        if grammar.rule is not None:
            _build(f"grammar {grammar.name}", lambda: grammar.parser.build())
    for get in list(_LAZY_PARSERS):
        _build("a lazy_parser", lambda: get().build())


def _build(what: str, build: Callable[[], object]) -> None:
    try:
        build()
    except Exception as error:  # it fails again where it is used, and loses that sentence only
        log.warning("building the parser of %s failed (%s: %s)", what, type(error).__name__, error)


def _first_sets(start):
    """For every BNF rule reachable from `start`: (predicates that can begin it, nullable)."""
    from yargy.rule.bnf import is_rule

    rules, todo = {}, [start]
    while todo:
        rule = todo.pop()
        if id(rule) in rules:
            continue
        rules[id(rule)] = rule
        for production in rule.productions:
            todo.extend(t for t in production.terms if is_rule(t))
    first = {key: {} for key in rules}  # id(rule) -> {id(predicate): predicate}
    nullable = {key: False for key in rules}
    changed = True
    while changed:
        changed = False
        for key, rule in rules.items():
            for production in rule.productions:
                all_nullable = True
                for term in production.terms:
                    if is_rule(term):
                        new = {k: v for k, v in first[id(term)].items() if k not in first[key]}
                        if new:
                            first[key].update(new)
                            changed = True
                        if nullable[id(term)]:
                            continue
                    elif id(term) not in first[key]:
                        first[key][id(term)] = term
                        changed = True
                    all_nullable = False
                    break
                if all_nullable and not nullable[key]:
                    nullable[key] = True
                    changed = True
    return {k: list(v.values()) for k, v in first.items()}, nullable


def _starters(production, first, nullable):
    """(predicates one of which must match the next token, or None if the production can
    be empty)."""
    from yargy.rule.bnf import is_rule

    predicates = []
    for term in production.terms:
        if is_rule(term):
            predicates.extend(first[id(term)])
            if nullable[id(term)]:
                continue
        else:
            predicates.append(term)
        return predicates
    return None


def _split(predicates):
    """Word predicates become one set of lowercase words (a superset check is enough to
    keep a production); the predicates that a token's lexicon or found tags answer become
    `_starts` keys; the others stay predicates."""
    from yargy.predicates.bank import caseless, eq, in_, in_caseless

    from .predicates import _found_part, _lexicon_part, lexicon

    if predicates is None:
        return None
    words, tags, others = set(), set(), []
    for p in predicates:
        if isinstance(p, (eq, caseless)):
            words.add(str(p.value).lower())
        elif isinstance(p, (in_, in_caseless)):
            words.update(str(v).lower() for v in p.value)
        elif type(p) is lexicon:
            tags.add(("lexicons", p.name, True))
        elif type(p) is _lexicon_part and p.first:
            tags.add(("lexicons", p.name, False))
        elif type(p) is _found_part and p.part in ("whole", "first"):
            tags.add(("found", p.type, p.part == "whole"))
        else:
            others.append(p)
    return frozenset(words), frozenset(tags), tuple({id(p): p for p in others}.values())


def _starts(token) -> frozenset:
    """What `lexicon`, `_lexicon_part(first)` and `_found_part` ('whole', 'first') ask of a
    token, answered at once: (attribute, name, whole) for each entry of a lexicon or found
    record the token starts (whole: it is the entry's only word)."""
    out = set()
    for attribute in ("lexicons", "found"):
        for name, places in getattr(token, attribute, {}).items():
            for position, length in places:
                if position == 0:
                    out.add((attribute, name, length == 1))
    return frozenset(out)


def _reachable(start) -> list:
    """Every BNF rule reachable from `start`."""
    from yargy.rule.bnf import is_rule

    seen, todo = {}, [start]
    while todo:
        rule = todo.pop()
        if id(rule) not in seen:
            seen[id(rule)] = rule
            todo.extend(t for production in rule.productions for t in production.terms if is_rule(t))
    return list(seen.values())


def _prepare_match_with_relations(tree):
    from yargy.parser import prepare_match

    return prepare_match(tree)


def _prepare_match(tree):
    """yargy's prepare_match for a rule without relations (nothing to validate or constrain):
    the tree without its empty nodes, as a Match. yargy does it with three tree visitors,
    which cost more than parsing for some grammars."""
    from yargy.parser import Match
    from yargy.tree import Tree

    return Match(Tree(_without_empty(tree.root), tree.range))


def _without_empty(node):
    """yargy's PropogateEmptyTransformator: a copy of the tree without the nodes that hold no
    token (an optional part left out), None when nothing is left."""
    if isinstance(node, Leaf):
        return node
    children = [c for c in map(_without_empty, node.children) if c is not None]
    if children:
        return _Node(node.rule, node.production, node.rank, children)
    return None


class _State:
    """An Earley item: `rule` -> `production` with `dot_index` terms matched from
    `start_column` to `stop_column`. yargy's `State` with its answers worked out once:
    `next_term` (None when completed), `waits` (for a rule) and `next_id` (the id of the next
    term: what the chart files and looks states up by). A state holds the state it advanced
    from (`previous`) and the child that advanced it, and builds its tree `node` only when
    asked (a completed state's, for the states that wait for it and for the matches): most
    states never complete."""

    __slots__ = ("rule", "production", "rank", "steps", "dot_index", "start_column", "stop_column",
                 "previous", "child", "next_term", "waits", "next_id", "_node")

    def __init__(self, rule, production, rank, steps, start_column, stop_column,
                 previous=None, child=None):
        self.rule, self.production, self.rank, self.steps = rule, production, rank, steps
        self.start_column, self.stop_column = start_column, stop_column
        self.previous, self.child, self._node = previous, child, None
        self.dot_index = dot = 0 if previous is None else previous.dot_index + 1
        self.next_term, self.waits, self.next_id = steps[dot]

    @property
    def node(self):
        """yargy's tree of this state: its rule, production and children so far."""
        if self._node is None:
            children = []
            state = self
            while state.previous is not None:
                children.append(state.child)
                state = state.previous
            children.reverse()
            self._node = _Node(self.rule, self.production, self.rank, children)
        return self._node

    @property
    def completed(self) -> bool:
        return self.next_term is None

    @property
    def range(self) -> tuple[int, int]:
        return self.start_column.index, self.stop_column.index


class _Column:
    """The states that end at one point of the sentence (`index`; `token` the one before it)."""

    __slots__ = ("index", "token", "states", "keys", "waiting")

    def __init__(self, index: int, token):
        self.index, self.token = index, token
        self.states: list = []
        self.keys: set = set()
        self.waiting: dict = {}  # id(rule) -> states here whose next term is that rule

    def advance(self, state: _State, child) -> None:
        """`state` one term on, ending here: `child` (a node or a leaf) matched that term;
        unless it is here already (the same state advanced the same way twice: a rule that
        matched nothing moves a waiting state both when it completes and when the state's
        turn comes). The states of a chart are distinct, so the state advanced from and the
        child tell an advanced state apart, as yargy's hash does (the item and its children)."""
        key = (id(state), id(child))
        if key not in self.keys:
            self.keys.add(key)
            new = _State(state.rule, state.production, state.rank, state.steps, state.start_column, self,
                         state, child)
            self.states.append(new)
            if new.waits:
                self.waiting.setdefault(new.next_id, []).append(new)

    def add_predicted(self, state: _State) -> None:
        """A predicted state: always new here, as a rule is predicted once per column."""
        self.states.append(state)
        if state.waits:
            self.waiting.setdefault(state.next_id, []).append(state)

    def matches(self, rule):
        return (s for s in self.states if s.next_term is None and s.rule is rule)


class _Chart:
    def __init__(self, tokens):
        self.columns = [_Column(0, None)] + [_Column(i, t) for i, t in enumerate(tokens, 1)]

    def matches(self, rule):
        for column in self.columns:
            yield from column.matches(rule)


def _free(chart) -> None:
    """Break a chart's reference cycles (a column lists its states, a state points to its
    columns), so that reference counting frees it at once, without the cyclic collector."""
    for column in chart.columns:
        column.states = []
        column.keys = set()
        column.waiting = {}


def contexts(text: str, lexicons: Optional[Lexicons] = None, ner: bool = False,
             grammars: Sequence[Grammar] = ()) -> list[SentenceContext]:
    """The sentences of a plain text as grammars see them (cleaned, segmented, tokens tagged
    with `lexicons`; NER spans too if `ner`): for trying a rule or triggers by hand. With
    `grammars` (`builtin_grammars()`, say), those run on each sentence first and what they
    found is in `found`, for trying a rule that builds on it (`fakty.predicates.found`)."""
    from .clean import clean
    from .segment import segment
    from .tag import tag

    cleaned = clean(text)
    sentences = segment(cleaned.text)
    spans = ner_by_sentence(sentences, tag(sentences) if ner else [])
    ids = itertools.count(1)
    out = [SentenceContext(cleaned, s, n, ids, None, lexicons) for s, n in zip(sentences, spans)]
    stage = GrammarStage(grammars, lexicons)
    for context in out:
        for grammar in stage.grammars:
            context.add_found([Mention(r, grammar.name, grammar.priority) for r in stage.apply(grammar, context)])
    return out


def builtin_grammars(lexicons: Optional[Lexicons] = None) -> list[Grammar]:
    """The built-in grammars, built from `lexicons` (the built-in ones when None)."""
    grammars = []
    for name in BUILTIN:
        grammars.extend(as_grammars(importlib.import_module(f"fakty.grammars.{name}"), lexicons))
    return grammars


def plugin_grammars(lexicons: Optional[Lexicons] = None) -> list[Grammar]:
    """Grammars of installed packages: entry points in the `fakty.grammars` group that
    name a Grammar, a list of them, or a module with a `grammars(lexicons)` factory or a
    GRAMMARS list."""
    from importlib.metadata import entry_points

    from .plugins import load_entry_point

    grammars = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        grammars.extend(as_grammars(load_entry_point(ep), lexicons))
    return grammars


def as_grammars(obj, lexicons: Optional[Lexicons] = None) -> list[Grammar]:
    """Grammars from a Grammar, a list of them, a module name or .py path
    (`fakty.plugins.import_module`), or a module: its factory `grammars(lexicons)` when it has
    one (grammars built from the Extractor's lexicons), else its GRAMMARS list."""
    if isinstance(obj, Grammar):
        return [obj]
    if isinstance(obj, str):
        from .plugins import import_module

        return as_grammars(import_module(obj), lexicons)
    factory = getattr(obj, "grammars", None)
    if callable(factory):
        return as_grammars(list(factory(lexicons if lexicons is not None else builtin_lexicons())))
    if hasattr(obj, "GRAMMARS"):
        return list(obj.GRAMMARS)
    if isinstance(obj, (list, tuple)) and all(isinstance(g, Grammar) for g in obj):
        return list(obj)
    raise TypeError(f"not a grammar, a list of grammars or a module with grammars(lexicons) "
                    f"or GRAMMARS: {obj!r}")


class Deadline:
    """A point in time after which a document's remaining work is left undone; `passed`
    remembers whether it came (checked between sentences and between grammars)."""

    def __init__(self, seconds: Optional[float]):
        self.at = None if seconds is None else time.monotonic() + seconds
        self.passed = False

    def check(self) -> bool:
        if not self.passed and self.at is not None and time.monotonic() >= self.at:
            self.passed = True
        return self.passed


class GrammarStage:
    """Runs the grammars over the sentences of a document. A grammar that raises or goes over
    its budget on a sentence loses that sentence only: the other grammars and sentences go on,
    and the work left undone is listed (`Skipped`) on the Document."""

    def __init__(self, grammars: Sequence[Grammar], lexicons: Optional[Lexicons] = None):
        self.grammars = list(grammars)
        self.lexicons = lexicons if lexicons is not None else builtin_lexicons()
        self.skipped = 0  # (sentence, grammar) pairs dropped for exceeding the budget
        self._reported: set[tuple[str, str]] = set()  # (grammar, error) already logged

    def run(self, cleaned: Cleaned, sentences: Sequence[Sentence], ner: Sequence[NerSpan],
            published: Optional[date], skipped: Optional[list[Skipped]] = None,
            deadline: Optional[Deadline] = None, tokens: Optional[dict] = None) -> list[Mention]:
        """The mentions the grammars find in the sentences. `tokens`, when given, gets the
        tokens of each sentence with an event, by the sentence's index: the events resolver
        reads those sentences again (`fakty.resolve.events`), and need not tokenize them."""
        ids = itertools.count(1)
        by_sentence = ner_by_sentence(sentences, ner)
        mentions = []
        deadline = deadline or Deadline(None)
        for index, (sentence, sentence_ner) in enumerate(zip(sentences, by_sentence)):
            context = self.context(cleaned, sentence, sentence_ner, ids, published)
            for grammar in self.grammars:
                if deadline.check():
                    return mentions
                found = [Mention(record, grammar.name, grammar.priority)
                         for record in self.apply(grammar, context, skipped)]
                mentions.extend(found)
                context.add_found(found)
            if tokens is not None and context._tokens is not None and \
                    any(isinstance(m.record, Event) for m in context.found):
                tokens[index] = context._tokens
        return mentions

    def context(self, cleaned: Cleaned, sentence: Sentence, ner: Sequence[NerSpan], ids: Iterator[int],
                published: Optional[date]) -> SentenceContext:
        return SentenceContext(cleaned, sentence, ner, ids, published, self.lexicons)

    def apply(self, grammar: Grammar, context: SentenceContext,
              skipped: Optional[list[Skipped]] = None) -> list[Entity]:
        """The records of one grammar on one sentence ([] when its triggers do not fire, or
        when it raised or went over budget: then `skipped` gets a line)."""
        try:
            if not grammar.triggers.fire(context):
                return []
            records = list(self._records(grammar, context))
            # every mention needs a place in the text and an id others can refer to
            return [r if r.id else r.model_copy(update={"id": context.new_id()})
                    for r in records if r.spans]
        except Exception as error:  # a grammar's failure loses its sentence, never the document
            budget = isinstance(error, BudgetExceeded)
            if budget:
                self.skipped += 1
            self._log(grammar, error, context)
            if skipped is not None:
                sentence = context.sentence
                skipped.append(Skipped(stage="grammar", name=grammar.name, error=error_name(error),
                                       span=context.cleaned.span(sentence.start, sentence.stop)))
            return []

    def _records(self, grammar: Grammar, context: SentenceContext) -> Iterator[Entity]:
        if grammar.find is not None:
            yield from grammar.find(context) or ()
            return
        for match in grammar.matches(context.tokens):
            yield from grammar.interpret(match, context) or ()

    def _log(self, grammar: Grammar, error: Exception, context: SentenceContext) -> None:
        if isinstance(error, BudgetExceeded):
            log.warning("grammar %s: sentence over budget, skipped: %.60r", grammar.name, context.text)
            return
        key = (grammar.name, error_name(error))
        if key in self._reported:
            log.debug("grammar %s failed again (%s)", grammar.name, key[1])
            return
        self._reported.add(key)
        log.error("grammar %s failed on a sentence, which loses its records (logged once per "
                  "grammar and error): %.60r", grammar.name, context.text, exc_info=error)


def error_name(error: BaseException) -> str:
    """The type of an error, or of the one it came from ('StopIteration' for the
    RuntimeError a generator raises when a bare next() inside it runs out)."""
    return type(error.__cause__ or error).__name__


def ner_by_sentence(sentences: Sequence[Sentence], ner: Sequence[NerSpan]) -> list[list[NerSpan]]:
    out: list[list[NerSpan]] = [[] for _ in sentences]
    i = 0
    for span in sorted(ner, key=lambda s: s.start):
        while i < len(sentences) and sentences[i].stop <= span.start:
            i += 1
        if i < len(sentences) and sentences[i].start <= span.start:
            out[i].append(span)
    return out
