"""Quality floors: extraction must not score below these on the fixtures (seed pages and
both held-out sets) and on factru-dev.

Each floor sits a little under what the code reached when it was set (the numbers are in
docs/evaluation.md). Raise a floor when a grammar lifts its number; never lower one to make a
change pass. These five pages are the ones the grammars were written against, so their floors guard
against regressions; how well the grammars generalise is measured on held-out text.
"""
from __future__ import annotations

import pytest

from fakty import evaluate, factru

from conftest import FACTRU_DEV, FIXTURES

# F1 per type on fixtures/ (mention level: span overlap + normalized value)
FIXTURE_F1 = {
    "organizations": 0.97,   # 0.989 after all grammars merged
    "persons": 0.97,         # 1.000
    "titles": 0.97,          # 1.000
    "locations": 0.97,       # 1.000
    "events": 0.97,          # 1.000
    "figures": 0.97,         # 1.000 (boilerplate left out)
    "dates": 0.97,           # 1.000 (boilerplate left out)
    "all": 0.97,             # 0.997
}
# records predicted inside the pages' boilerplate: none since page analysis leaves it out
BOILERPLATE_HITS_MAX = 0

# F1 per type on fixtures/heldout/: ten factru-dev texts annotated for every record type,
# chosen and annotated before the library ran on them (fixtures/heldout/README.md; their error
# classes were fixed once since, as classes). The more honest numbers; a grammar change
# that lifts the seed pages but drops these is fitting, not improving.
HELDOUT_F1 = {
    "organizations": 0.91,   # 0.945 (0.899 when set; movements, state bodies, nested bodies)
    "persons": 0.91,         # 0.945 (0.727 before surname particles stayed: "Ле Пен"; 0.909
                             # before the second session's names work)
    "titles": 0.74,          # 0.783 (0.400 before the occupation work on factru-dev, 0.667
                             # before the second session's)
    "locations": 0.89,       # 0.919
    "events": 0.92,          # 0.950 (19 of 20; was 0.182 before матч, выборы, война, bodies)
    "figures": 0.96,         # 1.000 (0.800 before currency adjectives, ratio ranges, elliptic amounts)
    "dates": 0.94,           # 0.967 (0.867 before shared years, listed years, с.г., 67-го, 90-х);
                             # left: years inside event names ("войны 1967 года")
    "all": 0.91,             # 0.946 (0.814 when set, 0.926 at the end of the first session)
}

# F1 per type on fixtures/heldout2/: ten more factru-dev texts, annotated and committed before
# the library was ever run on them (fixtures/heldout2/README.md).
HELDOUT2_F1 = {
    # first measurement -> after the second session fixed the error classes it showed (as
    # classes, by helpers who never saw these texts): no longer a clean held-out number
    "organizations": 0.89,   # 0.700 -> 0.918
    "persons": 0.97,         # 0.911 -> 1.000
    "titles": 0.72,          # 0.000 -> 0.769
    "locations": 0.94,       # 0.878 -> 0.968
    "events": 0.97,          # 0.727 -> 1.000
    "figures": 0.94,         # 0.818 -> 0.969
    "dates": 0.91,           # 0.941
    "all": 0.93,             # 0.834 -> 0.962
}

# F1 on factru-dev, all 122 texts (takes a few seconds)
FACTRU_F1 = {
    "PER": 0.95,             # 0.967 (0.956 before the second session's names work)
    "ORG": 0.80,             # 0.833 (orgs: movements, state bodies, nested bodies; 0.775 orgs-places)
    "occupation": 0.77,      # 0.793 (0.755 at the end of the first session; 0.818 before sport and
                             # public titles: see occupation_where)
    "occupation_where": 0.67,  # 0.690 (0.630 at the end of the first session). Lowered from 0.69
                               # on purpose: the sport and public titles (чемпион мира, гроссмейстер,
                               # блогер, правозащитник) are titles in our gold (heldout titles .783 ->
                               # .800, heldout2 0 -> .769) but never Occupation facts in factru's, so
                               # these two rows count 15 right titles as false hits
    "occupation_fact": 0.77,   # 0.789: positions with a where, FactRuEval's Occupation facts
}

# issue 6 asks for precision >= 0.75 on Occupation facts
FACTRU_PRECISION = {"occupation_fact": 0.85}  # 0.875 (0.903 before the sport and public titles)


@pytest.fixture(scope="module")
def fixture_report(extractor):
    return evaluate.evaluate(FIXTURES, extractor)


@pytest.fixture(scope="module")
def heldout_report(extractor):
    return evaluate.evaluate(FIXTURES / "heldout", extractor)


@pytest.fixture(scope="module")
def heldout2_report(extractor):
    return evaluate.evaluate(FIXTURES / "heldout2", extractor)


@pytest.fixture(scope="module")
def factru_report(extractor):
    return factru.evaluate(FACTRU_DEV, extractor, natasha=False)


@pytest.mark.parametrize("type", list(FIXTURE_F1))
def test_fixture_f1_holds_its_floor(fixture_report, type):
    floor = FIXTURE_F1[type]
    score = fixture_report.total if type == "all" else fixture_report.scores[type]
    assert score.f1 >= floor, (f"{type}: F1 {score.f1:.3f} < floor {floor} "
                               f"(P {score.precision:.3f} R {score.recall:.3f}); see `fakty eval fixtures --errors`")


def test_boilerplate_stays_below_its_ceiling(fixture_report):
    hits = sum(fixture_report.boilerplate_hits.values())
    assert hits <= BOILERPLATE_HITS_MAX, f"{hits} records from boilerplate regions > {BOILERPLATE_HITS_MAX}"


def _held_out_floor(report, floors, type, folder):
    score = report.total if type == "all" else report.scores[type]
    assert score.f1 >= floors[type], (f"{folder} {type}: F1 {score.f1:.3f} < floor {floors[type]} "
                                      f"(P {score.precision:.3f} R {score.recall:.3f}); "
                                      f"see `fakty eval fixtures/{folder} --errors` (and do not tune on these texts)")


@pytest.mark.parametrize("type", list(HELDOUT_F1))
def test_heldout_f1_holds_its_floor(heldout_report, type):
    _held_out_floor(heldout_report, HELDOUT_F1, type, "heldout")


@pytest.mark.parametrize("type", list(HELDOUT2_F1))
def test_heldout2_f1_holds_its_floor(heldout2_report, type):
    _held_out_floor(heldout2_report, HELDOUT2_F1, type, "heldout2")


def test_heldout_is_scored_apart_from_the_seed_pages(fixture_report, heldout_report, heldout2_report):
    assert fixture_report.documents == 5 and heldout_report.documents == 10 and heldout2_report.documents == 10


@pytest.mark.parametrize("type", list(FACTRU_F1))
def test_factru_f1_holds_its_floor(factru_report, type):
    floor = FACTRU_F1[type]
    score = factru_report.ours[type]
    assert score.f1 >= floor, (f"factru {type}: F1 {score.f1:.3f} < floor {floor} "
                               f"(P {score.precision:.3f} R {score.recall:.3f}); see `fakty eval --factru ... --errors`")


@pytest.mark.parametrize("type", list(FACTRU_PRECISION))
def test_factru_precision_holds_its_floor(factru_report, type):
    score = factru_report.ours[type]
    assert score.precision >= FACTRU_PRECISION[type], (
        f"factru {type}: P {score.precision:.3f} < floor {FACTRU_PRECISION[type]}; "
        "see `python tests/benchmarks/factru_occupations.py`")
