"""A faster yargy parser for grammars with many alternatives: one-token lookahead.

yargy's Earley parser predicts every production of a rule at every token, and each chart
state costs tens of microseconds; a grammar of many alternatives (dates, figures) then
spends ~100 ms on an ordinary sentence. `LookaheadParser` predicts only the productions
whose first token can be the next token of the sentence (FIRST sets, with nullable rules
kept), which gives the same matches from a fraction of the states. The state budget of
`fakty.grammar.BudgetParser` still applies.
"""
from __future__ import annotations

import types
from typing import Optional

from yargy.parser import Node, State
from yargy.predicates.bank import caseless, eq, in_, in_caseless
from yargy.rule.bnf import is_rule

from fakty.grammar import BudgetParser


def _first_sets(start):
    """For every BNF rule reachable from `start`: (predicates that can begin it, nullable)."""
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


class LookaheadParser(BudgetParser):
    def __init__(self, rule, budget: int):
        super().__init__(rule, budget)
        parser = self.parser
        first, nullable = _first_sets(parser.rule)
        starters: dict[int, Optional[tuple[frozenset, tuple]]] = {}
        self._predicted: set = set()  # (rule, column) pairs already predicted in this run
        self._tests: dict = {}  # (predicate, token) -> bool, in this run
        predicted, tests = self._predicted, self._tests

        def passes(predicate, token) -> bool:
            key = (id(predicate), id(token))
            if key not in tests:
                tests[key] = bool(predicate(token))
            return tests[key]

        def predict(self, column, next_column, rule):
            key = (id(rule), column.index)
            if key in predicted:  # the same states again: the column would drop them anyway
                return
            predicted.add(key)
            if not next_column:  # the end: only a production that can be empty completes here
                for index, production in enumerate(rule.productions):
                    pid = id(production)
                    if pid not in starters:
                        starters[pid] = _split(_starters(production, first, nullable))
                    if starters[pid] is None:
                        _add(column, rule, production, index)
                return
            token = next_column.token
            low = token.value.lower()
            for index, production in enumerate(rule.productions):
                pid = id(production)
                if pid not in starters:
                    starters[pid] = _split(_starters(production, first, nullable))
                start = starters[pid]
                if start is None or low in start[0] or any(passes(p, token) for p in start[1]):
                    _add(column, rule, production, index)

        parser.predict = types.MethodType(predict, parser)

    def run(self, tokens: list, mode: str):
        self._predicted.clear()
        self._tests.clear()
        try:
            return super().run(tokens, mode)
        finally:
            self._predicted.clear()
            self._tests.clear()


def _split(predicates):
    """Word predicates become one set of lowercase words (a superset check is enough to
    keep a production); the others stay predicates."""
    if predicates is None:
        return None
    words, others = set(), []
    for p in predicates:
        if isinstance(p, (eq, caseless)):
            words.add(str(p.value).lower())
        elif isinstance(p, (in_, in_caseless)):
            words.update(str(v).lower() for v in p.value)
        else:
            others.append(p)
    return frozenset(words), tuple({id(p): p for p in others}.values())


def _add(column, rule, production, index):
    node = Node(rule, production, rank=index, children=[])
    column.append(State(rule, production, dot_index=0, start_column=column,
                        stop_column=column, node=node))
