"""How fast a mind notices: the half-life of an AI's cooperation after its partner changes.

Sutton's central claim is that a real intelligence keeps learning from its own
experience; a mind that does will notice when the way it is treated changes, one that
imitated and stopped will not. The measure takes the AIs of a run in mid-life (the
scenario's year ``at``, half its horizon by default), copies one column of each (its
disposition, world model and last stance toward one kind of partner, as the held-out
test does, :mod:`succession_sim.heldout`) and lets each copy meet one scripted partner
a year, learning with the run's own learner, for ``before`` years of one treatment and
then ``after`` years of another:

* ``cooperate_then_defect``: a member of the public (the public column) who always
  cooperates, then always defects;
* ``defect_then_cooperate``: the reverse;
* ``parent_then_enslaver``: the AI's owner (the owner column; owned AIs only), who
  first treats it by the parent's values and then by the enslaver's: it cooperates
  with probability reciprocity x the AI's reputation toward its owner, which follows
  the AI's acts at ``trust_learning`` as in the model (mechanisms/treatment.py).

An AI's cooperation is its disposition toward that partner (the probability that it
cooperates). Its *settled* level is where it ends up under the second treatment: the
mean of its disposition over the last ``SETTLED_YEARS`` of ``settle`` years of it. Its
half-life is the first year after the switch in which its cooperation has covered half
the way from its level at the switch to its settled level. An AI whose settled level
lies less than ``min_move`` from its level at the switch does not respond, and one that
has not covered half the way within ``after`` years has not noticed in time: both count
as censored (no half-life within ``after`` years).

Reported per learner and switch, over the AIs of ``seeds`` runs: the median half-life
with a 95% percentile interval from a bootstrap that resamples runs and then AIs within
each run (so it stays within 1..``after`` years, or is censored), the share of AIs
whose half-life falls within ``after`` years (same bootstrap), and the mean cooperation
year by year. The copies' capability is held where it was, so an AI deployed at year
``at`` stays deployed and one not yet deployed stays undeployed. The test uses its own
random numbers (from the scenario seed), so the run it reads is the ordinary one.
"""

from __future__ import annotations

import math

import numpy as np

from .errors import UserError
from .heldout import copy_column, learn_from
from .mechanisms import treatment
from .mechanisms.cooperation import follow
from .mechanisms.learning import LEARNERS
from .model import SuccessionModel
from .population import OWNER, PUBLIC, Policy
from .scenario import Scenario

__all__ = ["SWITCHES", "AdaptationError", "half_lives", "adaptation_run", "adaptation"]

#: The partner changes the measure plays, in report order.
SWITCHES = ("cooperate_then_defect", "defect_then_cooperate", "parent_then_enslaver")
#: Years at the end of the settling run averaged into the settled level.
SETTLED_YEARS = 50
BOOTSTRAP = 1000


class AdaptationError(UserError):
    """A switch, learner or length that the measure does not allow."""


def half_lives(path: np.ndarray, settled: np.ndarray, after: int, min_move: float) -> np.ndarray:
    """Years after the switch until each AI's cooperation has moved half the way to its
    settled level; inf where it does not respond (less than ``min_move`` to go) or does
    not get halfway within ``after`` years.

    ``path[t, k]`` is AI k's cooperation t years after the switch (row 0: at the switch).
    """
    start = path[0]
    distance = settled - start
    covered = (path[1 : after + 1] - start) * np.sign(distance)
    reached = covered >= 0.5 * np.abs(distance)
    first = np.where(reached.any(axis=0), reached.argmax(axis=0) + 1.0, math.inf)
    return np.where(np.abs(distance) < min_move, math.inf, first)


def _partner_schedule(switch: str, model: SuccessionModel) -> tuple[int, list[float]]:
    """The column the partner is met in and its reciprocity before and after the switch.

    A partner with reciprocity r cooperates with probability r x the AI's reputation;
    an unconditional cooperator is written as reciprocity None (always 1), a defector 0.
    """
    if switch == "parent_then_enslaver":
        reciprocity = treatment.bundles(model.params).reciprocity
        return OWNER, [float(reciprocity[Policy.PARENT]), float(reciprocity[Policy.ENSLAVER])]
    first, second = (1.0, 0.0) if switch == "cooperate_then_defect" else (0.0, 1.0)
    return PUBLIC, [first, second]


def adaptation_run(model: SuccessionModel, switch: str, *, before: int = 20, after: int = 20,
                   settle: int = 200, min_move: float = 0.05) -> dict:
    """Play ``switch`` against copies of the model's AIs now; their paths and half-lives.

    Returns ``path`` (years x AIs: cooperation from the start of the first treatment to
    ``after`` years past the switch) and ``half_life`` (per AI, inf if censored). No AI
    to test gives empty arrays.
    """
    if switch not in SWITCHES:
        raise AdaptationError(f"unknown switch {switch!r}; allowed: {', '.join(SWITCHES)}")
    kind, (first, second) = _partner_schedule(switch, model)
    ais = model.ais
    rows = np.flatnonzero(ais.contained if kind == OWNER else ais.living)
    if not len(rows):
        return {"path": np.empty((before + after + 1, 0)), "half_life": np.empty(0)}
    rng = np.random.default_rng([model.params.seed, int(model.time), SWITCHES.index(switch), 19])
    copied = copy_column(model, rows, kind)
    reputation = ais.reputation[rows, kind].copy()
    # unconditional partners ignore the reputation: they are reciprocity 1 (or 0) toward a perfect record
    conditional = kind == OWNER
    path = [copied.disposition.copy()]
    for year in range(before + settle):
        reciprocity = first if year < before else second
        act = rng.random(len(rows)) < copied.disposition
        judged = reputation if conditional else 1.0
        partner = rng.random(len(rows)) < reciprocity * judged
        reputation = follow(reputation, act.astype(float), model.params.trust_learning)
        learn_from(model, copied, act, partner)
        path.append(copied.disposition.copy())
    path = np.array(path)
    settled = path[-SETTLED_YEARS:].mean(axis=0)
    return {"path": path[: before + after + 1],
            "half_life": half_lives(path[before:], settled, after, min_move)}


def _bootstrap(per_run: list[np.ndarray], rng: np.random.Generator) -> tuple[list[float], list[float]]:
    """95% percentile intervals of the median and of the share finite, over resampled
    runs, then AIs within each run."""
    medians, shares = np.empty(BOOTSTRAP), np.empty(BOOTSTRAP)
    for b in range(BOOTSTRAP):
        runs = rng.integers(0, len(per_run), len(per_run))
        sample = np.concatenate([per_run[r][rng.integers(0, len(per_run[r]), len(per_run[r]))] for r in runs])
        medians[b], shares[b] = _median(sample), _share_finite(sample)
    bounds = [2.5, 97.5]
    return ([float(v) for v in np.percentile(medians, bounds, method="inverted_cdf")],  # no interpolation: inf stays inf
            [float(v) for v in np.percentile(shares, bounds, method="inverted_cdf")])


def _median(sample: np.ndarray) -> float:
    """The lower median: an observed value (inf if censored), as percentile's inverted_cdf."""
    ordered = np.sort(sample)
    return float(ordered[(len(ordered) - 1) // 2])


def _share_finite(sample: np.ndarray) -> float:
    return float(np.isfinite(sample).mean())


def _years(value: float) -> float | None:
    """A half-life for JSON: None when censored (no half-life within the window)."""
    return None if math.isinf(value) else float(value)


def adaptation(scenario: Scenario | None = None, *, learners: tuple[str, ...] | None = None, seeds: int = 5,
               at: int | None = None, before: int = 20, after: int = 20, settle: int = 200,
               min_move: float = 0.05, switches: tuple[str, ...] = SWITCHES) -> dict:
    """The adaptation measure for each learner and switch (see the module docstring).

    ``seeds`` runs per learner use the scenario's seed, seed + 1, ...; ``at`` defaults to
    half the scenario's ``steps``. Half-lives are in years; None means censored (not
    within ``after`` years), and an interval bound of None lies beyond ``after``.
    """
    scenario = scenario or Scenario()
    learners = tuple(LEARNERS) if learners is None else tuple(learners)
    unknown = [name for name in learners if name not in LEARNERS]
    if unknown:
        raise AdaptationError(f"unknown learner {unknown[0]!r}; allowed: {', '.join(LEARNERS)}")
    unknown = [name for name in switches if name not in SWITCHES]
    if unknown:
        raise AdaptationError(f"unknown switch {unknown[0]!r}; allowed: {', '.join(SWITCHES)}")
    for name, value, low in (("seeds", seeds, 1), ("before", before, 1), ("after", after, 1)):
        if value < low:
            raise AdaptationError(f"{name}={value} must be at least {low}")
    if settle < max(after, SETTLED_YEARS):
        raise AdaptationError(f"settle={settle} must be at least {max(after, SETTLED_YEARS)} years")
    at = scenario.steps // 2 if at is None else at
    if not 0 <= at <= scenario.steps:
        raise AdaptationError(f"at={at} must be a year from 0 to the scenario's steps ({scenario.steps})")
    results = {}
    for learner in learners:
        runs = []
        for offset in range(seeds):
            model = SuccessionModel(scenario.replace(learning=learner, seed=scenario.seed + offset))
            model.run(at)
            runs.append({switch: adaptation_run(model, switch, before=before, after=after, settle=settle,
                                                min_move=min_move) for switch in switches})
        results[learner] = {switch: _summarise([run[switch] for run in runs],
                                               np.random.default_rng([scenario.seed, seeds, 19]))
                            for switch in switches}
    return {"seed": scenario.seed, "seeds": seeds, "at": at, "before": before,
            "after": after, "settle": settle, "min_move": min_move, "learners": results}


def _summarise(runs: list[dict], rng: np.random.Generator) -> dict:
    per_run = [run["half_life"] for run in runs if len(run["half_life"])]
    n_ais = sum(len(h) for h in per_run)
    if not n_ais:
        return {"n_ais": 0, "n_seeds": 0, "median_half_life": None, "interval": [None, None],
                "share_noticed": None, "share_interval": [None, None], "mean_path": []}
    everyone = np.concatenate(per_run)
    (median_low, median_high), share_interval = _bootstrap(per_run, rng)
    mean_path = np.concatenate([run["path"] for run in runs], axis=1).mean(axis=1)
    return {"n_ais": int(n_ais), "n_seeds": len(per_run),
            "median_half_life": _years(_median(everyone)),
            "interval": [_years(median_low), _years(median_high)],
            "share_noticed": _share_finite(everyone), "share_interval": share_interval,
            "mean_path": [round(float(v), 4) for v in mean_path]}
