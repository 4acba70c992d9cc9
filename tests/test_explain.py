"""`fakty explain` tells a grammar author what each grammar did with each sentence."""
from __future__ import annotations

from fakty import Extractor, Grammar, Triggers
from fakty.explain import explain


def test_explain_shows_matches_and_the_resolved_records(extractor):
    report = explain("Губернатор Дмитрий Демешин открыл форум. Погода хорошая.", extractor)
    assert "[1] Губернатор Дмитрий Демешин открыл форум." in report
    assert "persons: Person(name='Дмитрий Демешин'" in report
    assert "after resolution:" in report and "per-1:" in report


def test_explain_says_when_a_grammar_is_over_budget_or_never_triggered():
    from yargy import forward, or_, rule
    from yargy.predicates import type as token_type

    x = forward()
    x.define(or_(rule(token_type("RU")), rule(x, x)))
    grammars = [Grammar(name="explode", rule=x, budget=500, interpret=lambda m, c: []),
                Grammar(name="never", find=lambda c: [], triggers=Triggers(words={"кластер"}))]
    report = explain("слово " * 20 + ".", Extractor(grammars=grammars, ner=False))
    assert "explode: over budget (500 states), sentence skipped" in report
    assert "never triggered: never" in report


def test_explain_filters_grammars_by_name(extractor):
    report = explain("Мэр Москвы Сергей Собянин.", extractor, grammar="locations")
    assert "locations." in report and "persons:" not in report.split("after resolution:")[0]
    assert "no grammar named" in explain("Текст.", extractor, grammar="nonsense")
