"""The scenario library: every file's first history is a typical one."""

from collections import Counter

import pytest

from succession_sim.experiments.representative import CANDIDATE_SEEDS, outcomes_by_seed, representative_seed
from succession_sim.scenario import load_scenario, scenario_library


@pytest.mark.parametrize("name", list(scenario_library()))
def test_the_named_seed_ends_in_the_most_common_outcome(name):
    by_seed = outcomes_by_seed(name)
    counts = Counter(by_seed.values())
    named = load_scenario(name).seed
    assert named in CANDIDATE_SEEDS
    assert counts[by_seed[named]] == max(counts.values())
    assert (named, by_seed[named]) == representative_seed(by_seed)


def test_representative_seed_picks_the_lowest_seed_of_the_modal_outcome():
    assert representative_seed({0: "a", 1: "b", 2: "b", 3: "a", 4: "b"}) == (1, "b")
    assert representative_seed({0: "a", 1: "b"}) == (0, "a")  # a tie goes to the lowest seed
