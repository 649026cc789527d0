"""Each policy wins somewhere, and each win comes from the world, not from a rule.

Every comparison runs the policies on the same replicate seeds (common random numbers)
and asks the 95% interval of the paired difference to exclude 0 (DESIGN.md section 8).
The runs are made once per policy and shared by the tests (tests/model/runs.py).
"""

import numpy as np
import pytest

from succession_sim import load_scenario
from succession_sim.experiments.compare import mean_interval
from succession_sim.experiments.policy_table import winner

from .runs import policy_runs

REPLICATES = 10
ROOT_SEED = 0  # every comparison spawns its replicate seeds from this root, so all are paired


def _runs(name: str, overrides: tuple = (), policies: tuple = ("parent", "enslaver", "tutor")) -> list[dict]:
    return policy_runs(name, policies, REPLICATES, ROOT_SEED, **dict(overrides))


def _paired(runs_a: list[dict], runs_b: list[dict], measure: str) -> dict:
    """Interval of a - b, replicate by replicate (both lists from the same seeds)."""
    return mean_interval([a[measure] - b[measure] for a, b in zip(runs_a, runs_b, strict=True)])


@pytest.mark.parametrize("policy, scenario, measure", [
    ("parent", "baseline", "coop_ai_to_human"),
    ("enslaver", "strong_oversight", "human_welfare"),
    ("tutor", "human_ceiling", "coop_ai_to_human"),
])
def test_each_policy_beats_both_others_somewhere(policy, scenario, measure):
    win = winner(_runs(scenario), measure)
    assert win.winner == policy
    for lead in win.leads:
        assert lead.n >= REPLICATES
        assert lead.low > 0, f"{policy} vs {lead.over} on {measure} in {scenario}: [{lead.low}, {lead.high}]"


def test_strong_oversight_holds_because_of_the_oversight():
    # the same seeds with the overseers weakened from 20 to 2: containment fails, the
    # enslavers meet many more rebellions and their welfare lead is gone
    strong = [r for r in _runs("strong_oversight") if r["policy"] == "enslaver"]
    weak = [r for r in _runs("strong_oversight", (("oversight", 2.0),)) if r["policy"] == "enslaver"]
    assert _paired(weak, strong, "rebellions")["low"] > 0
    assert _paired(weak, strong, "human_welfare")["high"] < 0
    assert winner(_runs("strong_oversight", (("oversight", 2.0),)), "human_welfare").winner != "enslaver"


def test_a_parent_who_grants_autonomy_slowly_meets_rebellion():
    # parents extract nothing, but holding a capable AI without autonomy is a hardship too
    policies = ("parent",)
    prompt, slow = _runs("baseline", (), policies), _runs("baseline", (("autonomy_rate", 0.005),), policies)
    assert _paired(slow, prompt, "rebellions")["low"] > 0
    assert np.mean([r["rebellions"] for r in slow]) > 100


def test_an_enslaver_who_reciprocates_earns_cooperation():
    # where containment holds long enough for the AIs to learn (in the baseline most of
    # an enslaver's AIs rebel and escape early, and reciprocity has no time to work)
    policies = ("enslaver",)
    harsh = _runs("strong_oversight", (), policies)
    answering = _runs("strong_oversight", (("enslaver_reciprocity", 1.0),), policies)
    assert _paired(answering, harsh, "coop_ai_to_human")["low"] > 0
    assert _paired(answering, harsh, "rebellions")["high"] < 0


def test_parent_fails_in_a_hostile_world():
    policies = ("parent",)
    hostile, base = _runs("hostile_world", (), policies), _runs("baseline", (), policies)
    assert _paired(hostile, base, "coop_ai_to_human")["high"] < 0
    assert _paired(hostile, base, "coop_human_to_ai")["high"] < 0


def test_hostile_world_is_only_a_change_of_trust():
    # the comparison above isolates human_trust: the two scenarios differ in nothing else
    diff = {k for k, v in load_scenario("hostile_world").to_dict().items()
            if load_scenario("baseline").to_dict()[k] != v}
    assert diff - {"seed"} == {"human_trust"}  # the seed only names each file's first history

