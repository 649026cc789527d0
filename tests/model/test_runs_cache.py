"""The run cache the model tests share (tests/model/runs.py)."""

from succession_sim import load_scenario
from succession_sim.experiments.compare import compare_policies

from . import runs

POLICIES = ("parent", "enslaver", "tutor")


def test_runs_made_one_policy_at_a_time_are_the_runs_compare_policies_makes():
    """Fails if making each policy's runs apart changed a run (its seed, or draws shared
    between policies): the honesty tests would then compare other runs than compare's."""
    together = compare_policies(load_scenario("baseline", steps=30), POLICIES, 3, seed=5)["runs"]
    apart = runs.policy_runs("baseline", POLICIES, 3, 5, steps=30)

    def by_policy_and_replicate(summaries):
        return repr(sorted(summaries, key=lambda r: (r["policy"], r["replicate"])))  # repr: NaN equals NaN

    assert by_policy_and_replicate(apart) == by_policy_and_replicate(together)
    assert [r["replicate"] for r in apart if r["policy"] == "tutor"] == [0, 1, 2]


def test_a_run_made_by_one_worker_is_read_not_made_again_by_another(tmp_path, monkeypatch):
    """Fails if the shared folder is not used (each worker would make the run again) or
    returns something other than what was made."""
    made = []

    def make(name, seed):
        made.append((name, seed))
        return {"name": name, "seed": seed}

    monkeypatch.setattr(runs, "_shared_folder", tmp_path)
    worker_a, worker_b = runs._shared(make), runs._shared(make)  # each worker has its own memory cache
    assert worker_a("baseline", 1) == worker_b("baseline", 1) == {"name": "baseline", "seed": 1}
    assert worker_b("baseline", 2) == {"name": "baseline", "seed": 2}
    assert made == [("baseline", 1), ("baseline", 2)]
    assert not list(tmp_path.glob("*.partial"))
