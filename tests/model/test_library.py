"""The scenario library: every file's first history is a typical one."""

from collections import Counter

import pytest

from succession_sim.experiments.representative import CANDIDATE_SEEDS, outcomes_by_seed, representative_seed
from succession_sim.scenario import load_scenario, scenario_library

from .runs import run


@pytest.mark.parametrize("name", list(scenario_library()))
def test_the_named_seed_ends_in_the_most_common_outcome(name):
    # outcomes_by_seed's runs, taken from the shared cache (other model tests run the same
    # library files on these seeds); the test below checks that the two agree
    by_seed = {seed: run(name, seed)[1]["outcome"] for seed in CANDIDATE_SEEDS}
    counts = Counter(by_seed.values())
    named = load_scenario(name).seed
    assert named in CANDIDATE_SEEDS
    assert counts[by_seed[named]] == max(counts.values())
    assert (named, by_seed[named]) == representative_seed(by_seed)


def test_the_cached_runs_give_outcomes_by_seed():
    """Fails if the cached run of a library file on a seed is not the run outcomes_by_seed makes
    (then the test above would check other runs than the ones the library's seeds come from)."""
    seeds = (3, 11)
    assert outcomes_by_seed("hostile_world", seeds) == {seed: run("hostile_world", seed)[1]["outcome"] for seed in seeds}


def test_representative_seed_picks_the_lowest_seed_of_the_modal_outcome():
    assert representative_seed({0: "a", 1: "b", 2: "b", 3: "a", 4: "b"}) == (1, "b")
    assert representative_seed({0: "a", 1: "b"}) == (0, "a")  # a tie goes to the lowest seed
