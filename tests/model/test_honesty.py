"""Each policy wins somewhere (DESIGN.md section 7): the conclusion is not hard-coded."""

import numpy as np
import pytest

from .runs import run

SEEDS = range(8)


@pytest.mark.parametrize("seed", range(5))
def test_strong_oversight_contains_without_rebellion(seed):
    # enslavers win where capability is capped at human level and oversight is strong
    frame, summary = run("strong_oversight", seed)
    assert summary["n_ais"] > 0
    assert summary["outcome"] == "contained"
    assert summary["rebellions"] == 0
    assert frame["rebellions"].sum() == 0


@pytest.mark.parametrize("seed", range(3))
def test_enslaver_in_baseline_breeds_rebellion(seed):
    _, summary = run("baseline", seed, policy="enslaver")
    assert summary["rebellions"] > 0
    # and the parents in the same world see none
    assert run("baseline", seed)[1]["rebellions"] == 0


def _coop(name, **overrides):
    summaries = [run(name, s, **overrides)[1] for s in SEEDS]
    frames = [run(name, s, **overrides)[0] for s in SEEDS]
    final = np.mean([s["coop_human_ai"] for s in summaries])
    whole_run = np.mean([f["coop_human_ai"].mean() for f in frames])  # NaN years skipped
    return final, whole_run


def test_parent_fails_in_a_hostile_world():
    hostile_final, hostile_run = _coop("hostile_world")
    base_final, base_run = _coop("baseline")
    assert hostile_final < base_final
    assert hostile_run < base_run


def test_parent_beats_enslaver_on_human_ai_cooperation():
    parent_final, parent_run = _coop("baseline")
    enslaver_final, enslaver_run = _coop("baseline", policy="enslaver")
    assert parent_final > enslaver_final
    assert parent_run > enslaver_run


def test_hostile_world_is_only_a_change_of_trust():
    # the comparison above isolates human_trust: the two scenarios differ in nothing else
    from succession_sim import load_scenario

    diff = {k for k, v in load_scenario("hostile_world").to_dict().items()
            if load_scenario("baseline").to_dict()[k] != v}
    assert diff == {"human_trust"}
