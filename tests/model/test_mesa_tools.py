"""Mesa's own tools work with the model: rng= as Mesa passes it, and mesa.batch_run."""

import multiprocessing

import mesa
import pandas as pd
import pytest

from succession_sim import Scenario, SuccessionModel


def test_rng_is_the_seed_as_mesa_passes_it():
    by_rng = SuccessionModel(rng=7, n_factions=3, steps=20)
    by_seed = SuccessionModel(Scenario(seed=7, n_factions=3, steps=20))
    assert by_rng.params.seed == 7
    pd.testing.assert_frame_equal(by_rng.run(), by_seed.run())


def test_rng_none_draws_a_fresh_seed_and_records_it():
    first, second = SuccessionModel(rng=None), SuccessionModel(rng=None)
    assert first.params.seed != second.params.seed
    again = SuccessionModel(rng=first.params.seed, steps=30)
    pd.testing.assert_frame_equal(SuccessionModel(Scenario(seed=first.params.seed, steps=30)).run(), again.run())


@pytest.fixture
def keep_start_method():
    """mesa.batch_run forces the process-wide start method to spawn; put it back."""
    method = multiprocessing.get_start_method(allow_none=True)
    yield
    multiprocessing.set_start_method(method, force=True)


def test_batch_run_returns_every_run(keep_start_method):
    results = mesa.batch_run(SuccessionModel, parameters={"n_factions": [3, 6], "policy": ["parent", "enslaver"]},
                             rng=[1, 2], max_steps=30, number_processes=1, display_progress=False)
    frame = pd.DataFrame(results)  # one row per run: its final step
    assert len(frame) == 8
    assert len(frame.groupby(["n_factions", "policy", "rng"])) == 8
    assert set(frame["Step"]) == {30}
    # the same point and seed run alone gives the same final numbers
    alone = SuccessionModel(n_factions=6, policy="enslaver", rng=2)
    for _ in range(30):
        alone.step()
    last = frame[(frame.n_factions == 6) & (frame.policy == "enslaver") & (frame.rng == 2)].iloc[-1]
    assert last["ai_power_share"] == alone.summary()["ai_power_share"]
