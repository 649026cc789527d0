"""A faction's intelligence with its AIs' help (ODD 7.4), at full augmentation.

Written against a mutant that survived the mutation run (docs/mutation.md).
"""

import numpy as np

from succession_sim.mechanisms.power import faction_intelligence


def test_full_augmentation_adds_the_best_ais_whole_capability():
    """By hand: faction 0 holds AIs of capability 3 and 2, faction 2 one of capability 0.5,
    faction 1 none; augmentation 1 gives 1 + 3, 1 and 1 + 0.5. Fails if augmentation 1
    is taken for "no augmentation", or if the best AI is not the one counted."""
    got = faction_intelligence(np.array([0, 0, 2]), np.array([3.0, 2.0, 0.5]), 3, augmentation=1.0)
    np.testing.assert_allclose(got, [4.0, 1.0, 1.5])
