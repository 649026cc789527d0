"""The CLI's static figures at their default size: no two texts overlap, none runs off the figure.

Each test would fail if a title, tick label, legend entry or annotation were placed on top
of another (the knockout figure's six titles in one row ran together, its "n = 10" sat on
the markers) or drawn past the edge: ``text_collisions`` measures the boxes matplotlib's
renderer gives each text (``get_window_extent``) at the size the CLI writes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from succession_sim.experiments import plots, report
from succession_sim.experiments.knockout import CONDITIONS, KNOCKOUT_MEASURES
from tests.figure_text import text_collisions

POLICIES = ("parent", "enslaver", "tutor")


def _stat(mean, n, spread):
    if mean is None:
        return {"n": 0, "mean": None, "sd": None, "low": None, "high": None}
    return {"n": n, "mean": mean, "sd": spread, "low": max(0.0, mean - spread), "high": mean + spread}


def knockout_result(replicates: int = 10) -> dict:
    """A knockout result in run_knockout's shape, with the awkward cases: means at the ends of
    the axis, undefined measures (no run reached succession), wide and narrow intervals."""
    rng = np.random.default_rng(3)
    conditions = {}
    for k, condition in enumerate(CONDITIONS):
        conditions[condition] = {}
        for measure in KNOCKOUT_MEASURES:
            scale = 150.0 if measure in ("succession_year", "rebellions") else 1.0
            undefined = k >= 2 and measure != "succession" and measure != "rebellions" and k % 2 == 0
            mean = None if undefined else float(rng.choice([0.0, 1.0, rng.uniform()])) * scale
            conditions[condition][measure] = _stat(mean, replicates, 0.3 * scale * rng.uniform())
    return {"replicates": replicates, "conditions": conditions}


def series(steps: int = 150, runs: int = 10) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    rows = []
    for policy in POLICIES:
        for run in range(runs):
            level = rng.uniform()
            for step in range(0, steps + 1, 5):
                rows.append({"policy": policy, "run_id": f"{policy}-{run}", "step": step,
                             "ai_power_share": min(1.0, level * step / steps), "coop_human_ai": level,
                             "coop_human_human": 1 - level, "coop_ai_ai": level / 2,
                             "rebellions": rng.poisson(3), "mean_disposition_human": level - 0.5})
    return pd.DataFrame(rows)


def sweep_results(swept=("extraction", "oversight_of_capable_ais_per_year"), values=8) -> pd.DataFrame:
    """Final-year rows of a grid sweep over two parameters with long names and many values."""
    rng = np.random.default_rng(2)
    outcomes = ["no_succession", "cooperative_succession", "conflictual_succession"]
    rows = []
    for policy in POLICIES[:2]:
        for a in np.linspace(0.05, 0.95, values):
            for b in np.geomspace(0.125, 64.0, values):
                for replicate in range(2):
                    rows.append({"run_id": f"{policy}-{a}-{b}-{replicate}", "step": 150, "policy": policy,
                                 swept[0]: round(a, 3), swept[1]: round(b, 4), "outcome": rng.choice(outcomes),
                                 "coop_human_ai": rng.uniform()})
    return pd.DataFrame(rows)


def test_knockout_titles_and_n_labels_do_not_collide():
    fig = plots.knockout_figure(knockout_result(), "baseline: each premise switched off, 10 paired replicates")
    assert text_collisions(fig) == []


def test_the_checker_finds_the_old_knockout_layout():
    """The check itself: six panel titles in one row at slide size run into each other."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=plots.SLIDE, dpi=plots.DPI)
    for ax, (label, _) in zip(fig.subplots(1, 6), KNOCKOUT_MEASURES.values(), strict=True):
        ax.set_title(label, fontsize=12)
    assert any("overlaps" in problem for problem in text_collisions(fig))


@pytest.mark.parametrize("title", ["", "baseline: parent vs enslaver vs tutor, 10 paired replicates " * 3])
def test_comparison_figure_texts_do_not_collide(title):
    assert text_collisions(plots.comparison_figure(series(), title)) == []


def test_phase_diagram_texts_do_not_collide():
    results = sweep_results()
    fig = report.phase_figure(results, ["extraction", "oversight_of_capable_ais_per_year"], list(POLICIES[:2]))
    assert text_collisions(fig) == []


def test_response_figure_texts_do_not_collide():
    results = sweep_results()
    fig = report.response_figure(results, ["extraction", "oversight_of_capable_ais_per_year"], "coop_human_ai")
    assert text_collisions(fig) == []


def test_indices_figure_texts_do_not_collide():
    names = ["extraction", "oversight_of_capable_ais_per_year", "research_share", "initial_trust_between_factions",
             "premise_power", "compute_growth", "learning_rate"]
    index = pd.DataFrame({"parameter": names, "S1": 0.1, "ST": 0.3, "S1_conf": 0.05, "ST_conf": 0.05})
    assert text_collisions(report.indices_figure(index, "sobol", "coop_human_ai", 512)) == []


def test_sobol_figure_texts_do_not_collide():
    names = ["extraction", "oversight", "research_share", "seed"]
    table = pd.DataFrame({"parameter": names, "S1": 0.2, "S1_low": 0.1, "S1_high": 0.3, "ST": 0.4, "ST_low": 0.3,
                          "ST_high": 0.5, "ST_raw": [0.4, 0.5, 0.1, 0.05]})
    fig = plots.sobol_figure(table, "What drives the year of succession?", "n = 256 base samples " * 8, noise="seed")
    assert text_collisions(fig) == []
