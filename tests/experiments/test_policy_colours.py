"""One colour per policy: the CLI's comparison figure, the sweep report and the dashboard agree."""

from __future__ import annotations

import pandas as pd
from matplotlib.colors import to_hex

from succession_sim.colours import POLICY_COLOURS, policy_colour
from succession_sim.experiments import plots
from succession_sim.scenario import POLICIES
from viz import portrayal


def test_every_policy_has_its_own_colour():
    assert set(POLICIES) <= set(POLICY_COLOURS)
    assert len(set(POLICY_COLOURS.values())) == len(POLICY_COLOURS)
    assert policy_colour("PARENT") == POLICY_COLOURS["parent"]


def test_the_cli_comparison_draws_each_policy_in_its_colour():
    series = pd.DataFrame([{"policy": policy, "run": run, "step": step, "ai_power_share": 0.1 * step}
                           for policy in ("enslaver", "parent") for run in range(2) for step in range(3)])
    figure = plots.comparison_figure(series, panels=(("ai_power_share", "AI share"),))
    lines = {line.get_label(): to_hex(line.get_color()) for line in figure.axes[0].get_lines()}
    assert {label.split(" (")[0]: colour for label, colour in lines.items()} == {
        p: POLICY_COLOURS[p].lower() for p in ("enslaver", "parent")}


def test_the_dashboard_uses_the_same_colours():
    for policy in portrayal.Policy:
        assert portrayal.policy_colour(policy) == POLICY_COLOURS[policy.name.lower()]
