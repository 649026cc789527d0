"""Shared hypothesis strategies for the succession_sim tests."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from succession_sim import Scenario

unit = st.floats(0.0, 1.0, allow_nan=False, allow_infinity=False)
sizes = st.integers(1, 30)


def unit_arrays(size: int | st.SearchStrategy = sizes):
    """1-D float arrays with every value in [0, 1]."""
    shape = size if isinstance(size, st.SearchStrategy) else st.just(size)
    return shape.flatmap(lambda n: hnp.arrays(np.float64, n, elements=unit))


def positive_arrays(size: int | st.SearchStrategy = sizes, low: float = 1e-3, high: float = 1e3):
    shape = size if isinstance(size, st.SearchStrategy) else st.just(size)
    elements = st.floats(low, high, allow_nan=False, allow_infinity=False)
    return shape.flatmap(lambda n: hnp.arrays(np.float64, n, elements=elements))


@st.composite
def small_scenarios(draw) -> Scenario:
    """Random but fast scenarios: few factions, 20-60 years, at most 300 AIs."""
    max_ais = draw(st.integers(1, 300))
    return Scenario(
        seed=draw(st.integers(0, 2**32 - 1)),
        n_factions=draw(st.integers(1, 6)),
        steps=draw(st.integers(20, 60)),
        max_ais=max_ais,
        initial_ais=draw(st.integers(0, min(max_ais, 50))),
        premise_disunity=draw(st.booleans()),
        premise_discovery=draw(st.booleans()),
        premise_superintelligence=draw(st.booleans()),
        premise_power=draw(st.booleans()),
        policy=draw(st.sampled_from(["parent", "enslaver", "mixed"])),
        parent_fraction=draw(unit),
        extraction=draw(unit),
        oversight=draw(st.floats(0.0, 100.0)),
        alpha=draw(st.floats(0.0, 5.0)),
        human_trust=draw(unit),
        # up to 1.0: with P2 off, knowledge that starts above the threshold must be capped
        initial_knowledge=draw(unit),
    )
