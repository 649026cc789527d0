"""AIPopulation's columns: views of its store that stay true through growth and copies."""

import copy
import pickle

import numpy as np
import pytest

from succession_sim.population import AIPopulation, Status


def _population(count: int) -> AIPopulation:
    ais = AIPopulation(contacts_per_ai=2, capacity=4)
    ais.add(count, power=np.arange(count, dtype=float), owner=np.zeros(count, dtype=np.int64))
    return ais


def test_columns_follow_additions_and_growth():
    """Fails if a column kept showing the rows (or the store) it had before an ``add``
    that grew the store past its capacity."""
    ais = _population(3)
    ais.add(5, power=np.full(5, 9.0))  # 8 rows: past the capacity of 4
    assert len(ais.power) == 8
    assert ais.power.tolist() == [0.0, 1.0, 2.0] + [9.0] * 5
    ais.power = ais.power * 2
    assert ais.power.tolist() == [0.0, 2.0, 4.0] + [18.0] * 5


def test_in_place_writes_reach_the_store():
    """Fails if a column were a copy rather than a view: writes by index would be lost."""
    ais = _population(3)
    ais.power[1] = 7.0
    ais.add(1, power=1.0)
    assert ais.power.tolist() == [0.0, 7.0, 2.0, 1.0]


def test_copies_and_pickles_keep_columns_tied_to_their_store():
    """Fails if a copy kept the views it was copied with: they would stop showing what is
    written into the copy's store (``ais.power = ...`` writes the store)."""
    for copied in (copy.deepcopy(_population(3)), pickle.loads(pickle.dumps(_population(3)))):
        copied.power = [5.0, 6.0, 7.0]
        assert copied.power.tolist() == [5.0, 6.0, 7.0]
        copied.add(1, power=8.0)
        assert copied.power.tolist() == [5.0, 6.0, 7.0, 8.0]


def test_masks_are_computed_once_within_unchanged_and_afresh_outside():
    """Fails if ``unchanged`` left its masks behind (a later status change would not show)
    or handed out masks a reader could write into."""
    ais = _population(4)
    ais.status[1] = Status.SHUT_DOWN
    ais.status[2] = Status.FREE
    with ais.unchanged():
        assert ais.living is ais.living
        assert ais.living.tolist() == [True, False, True, True]
        assert ais.contained.tolist() == [True, False, False, True]
        with pytest.raises(ValueError):
            ais.living[0] = False
        with ais.unchanged():  # a nested block keeps the outer block's masks
            assert ais.contained is ais.contained
        assert ais.contained is ais.contained
    ais.status[3] = Status.REBELLING
    ais.status[0] = Status.SHUT_DOWN
    assert ais.living.tolist() == [False, False, True, True]
    assert ais.contained.tolist() == [False, False, False, True]
