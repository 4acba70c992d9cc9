"""Sections of a competition are events inside it; a standing is none.

(The figure classes of the same round, scores, case endings, "один", "с лишним",
"как минимум", elliptic numbers and "таких …", are rows of grammars/figures_examples.tsv.)
"""
from __future__ import annotations

from test_events import named, resolved


def test_a_tournament_named_by_its_section_is_an_event():
    (event,) = named("В мужском турнире победил гроссмейстер из Казани.")
    assert (event.spans[0].text, event.kind, event.name) == ("мужском турнире", "турнир", "мужской турнир")


def test_sections_are_parts_of_the_championship_named_before():
    text = ("В Москве завершился чемпионат России по шахматам. В мужском турнире победил Иван "
            "Петров, в женском турнире первой стала Анна Сидорова.")
    championship, men, women = resolved(text)[0]
    assert championship.kind == "чемпионат" and championship.parent_id is None
    assert (men.name, men.parent_id) == ("мужской турнир", championship.id)
    assert (women.name, women.parent_id) == ("женский турнир", championship.id)


def test_a_section_takes_the_nearest_competition_before_it():
    text = ("Прошёл чемпионат Европы по шахматам. Затем начался чемпионат мира по шашкам. "
            "В женском турнире лидирует Анна Сидорова.")
    europe, world, women = resolved(text)[0]
    assert women.parent_id == world.id


def test_a_standing_and_a_bare_tournament_are_no_events():
    assert named("В командном зачёте лидирует сборная Москвы.") == []
    assert named("Этот турнир прошёл спокойно.") == []
