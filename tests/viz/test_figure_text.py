"""The dashboard's figures (exports, compare, Learn mini-runs, class scatter), at the size
they are drawn at and in projector mode: no two texts overlap, none runs off the figure.

Each test fails if a title, legend entry, tick label or annotation lands on another text or
past the edge, as the charts export's legends did on their panel titles in projector mode.
"""

from __future__ import annotations

import pytest

from succession_sim import SuccessionModel, load_scenario
from succession_sim.experiments.compare import compare_policies
from tests.figure_text import text_collisions
from viz import figures
from viz.snapshot import CreatorIndex, take_snapshot

SIZES = pytest.mark.parametrize("size", [figures.SLIDE, figures.PROJECTOR_SLIDE], ids=["slide", "projector"])
LONG_TITLE = "4 paired replicates per policy: baseline, root seed 1 (each replicate's seed is spawned from it), " \
             "150 years, 5 factions, initial_ais 0, max_ais 2,000"


@pytest.fixture(scope="module")
def snapshot():
    model = SuccessionModel(load_scenario("baseline"))
    model.run(150)
    return take_snapshot(model, 1, "baseline", CreatorIndex())


@pytest.fixture(scope="module")
def comparison():
    scenario = load_scenario("baseline", steps=40)
    result = compare_policies(scenario, ("parent", "enslaver", "tutor"), replicates=3)
    frames = {policy: SuccessionModel(scenario.replace(policy=policy)).run() for policy in ("parent", "enslaver")}
    return result, frames


@SIZES
def test_chart_export(snapshot, size):
    assert text_collisions(figures.charts_figure(snapshot, size)) == []


@SIZES
def test_network_export(snapshot, size):
    assert text_collisions(figures.network_figure(snapshot, size)) == []


@SIZES
def test_compare_figures(comparison, size):
    result, frames = comparison
    assert text_collisions(figures.replicates_figure(result, LONG_TITLE, size)) == []
    assert text_collisions(figures.policy_overlay_figure(frames, LONG_TITLE, size)) == []


def test_learn_mini_run(comparison):
    _, frames = comparison
    figure = figures.mini_run_figure({"P1 on": frames["parent"], "P1 off": frames["enslaver"]},
                                     "AI share of all power, seed 3")
    assert text_collisions(figure) == []


def test_class_scatter():
    rows = [{"parameters": {"extraction": e, "oversight": o}, "policy": p, "outcome": out}
            for e, o, p, out in ((0.1, 1.0, "parent", "contained"), (0.1, 1.0, "parent", "contained"),
                                 (0.9, 8.0, "enslaver", "conflictual_succession"), (0.5, 2.0, "tutor", "merger"))]
    assert text_collisions(figures.class_scatter_figure(rows, "extraction", "oversight")) == []
