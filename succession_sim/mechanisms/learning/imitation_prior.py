"""The ``imitation_prior`` learner: imitation as a prior, then learning from experience.

The question in the source text: is a model of what people do a useful prior for an
agent that then learns from its own experience? This learner starts where the
imitation learner starts (its creator's observed conduct) and from then on learns
exactly as the experience learner does.
"""

from __future__ import annotations

from . import experience, imitation

__all__ = ["NAME", "initial", "learn"]

NAME = "imitation_prior"

initial = imitation.initial
learn = experience.learn
