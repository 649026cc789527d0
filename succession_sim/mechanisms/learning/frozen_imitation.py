"""The ``frozen_imitation`` learner: imitation until deployment, then no learning at all.

The picture of today's language models in the source text: trained once on what people
do, then deployed with fixed weights. Before deployment the AI learns exactly as the
``imitation`` learner does (it copies the human cooperation it observes); from its
first year with full capability (:func:`succession_sim.mechanisms.learning.deployed`:
human level, or the ceiling for narrow AIs) its dispositions never change again, toward
any kind of partner, whatever its partners do. Its world model still follows what it
sees (every AI's does, :func:`succession_sim.mechanisms.learning.perceive`), so its
legitimacy in the grievance step still moves; only its conduct is frozen.

Interpreted as: "deployment" is reaching full capability, since an AI built below
human level keeps being trained as it grows (its capability grows with its owner's
compute) and one at full capability is the finished product. A successor designed by
an AI is built above the design threshold, so it is deployed from birth with the
dispositions it inherits.
"""

from __future__ import annotations

import numpy as np

from . import imitation

__all__ = ["NAME", "initial", "learn"]

NAME = "frozen_imitation"

initial = imitation.initial


def learn(disposition: np.ndarray, world, seen, settings) -> np.ndarray:
    """Imitate while not deployed; keep the dispositions unchanged once deployed."""
    return np.where(seen.deployed, disposition, imitation.learn(disposition, world, seen, settings))
