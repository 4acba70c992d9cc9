"""The grammar API that rules building on other grammars use: what earlier grammars found in a
sentence (`SentenceContext.found`, `found_in`, the `found*` predicates), the named parts of a
match (`match_parts`), and the parser keeping a match whose optional parts are left out."""
from __future__ import annotations

from yargy import rule
from yargy.predicates import eq

from fakty import Organization, Person
from fakty.grammar import BudgetParser, builtin_grammars, contexts, match_parts
from fakty.predicates import found, found_phrase, found_start

TEXT = "Губернатор Иван Петров подписал соглашение с АО «Ромашка»."


def _context(text=TEXT):
    (context,) = contexts(text, ner=True, grammars=[g for g in builtin_grammars() if not g.name.startswith("agreements")])
    return context


def test_a_rule_matches_the_records_earlier_grammars_found():
    context = _context()
    person, org = found_phrase("persons").named("WHO"), found_phrase(Organization).named("WITH")
    R = rule(person, eq("подписал"), eq("соглашение"), eq("с"), org)
    (match,) = BudgetParser(R, 50_000).run(context.tokens, "findall")
    parts = match_parts(match)
    who, with_ = parts.get("WHO"), parts.get("WITH")
    assert [t.value for t in context.tokens[who.first:who.stop]] == ["Иван", "Петров"]
    assert [r.name for r in context.found_in(who.first, who.stop, Person)] == ["Иван Петров"]
    # every record on those tokens, the one resolve would keep of overlapping mentions first
    orgs = context.found_in(with_.first, with_.stop)
    assert {type(r).__name__ for r in orgs} == {"Organization"} and orgs[0].text == "АО «Ромашка»"
    assert found("persons")(context.tokens[1]) and found_start("persons")(context.tokens[1])
    assert not found_start("persons")(context.tokens[2]) and not found("persons")(context.tokens[0])


def test_a_match_keeps_its_first_part_when_an_optional_part_after_it_is_left_out():
    # yargy's Earley chart lost 'SIDE ADJUNCT? VERB' with the adjunct left out when the
    # optional rule had matched nothing at that column before SIDE finished there
    from fakty.grammars.agreements import ADJUNCT, SIDE, SIGN

    context = _context("Правительство Калужской области подписало соглашение.")
    R = rule(SIDE.optional(), ADJUNCT.optional(), SIGN)
    matches = BudgetParser(R, 50_000).run(context.tokens, "findall")
    assert [[t.value for t in m.tokens] for m in matches] == [["Правительство", "Калужской", "области", "подписало"]]
