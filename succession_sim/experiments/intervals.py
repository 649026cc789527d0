"""95% intervals that stay within what is possible (the rule is in docs/ODD.md, "Observation").

* A share of runs (each run counts yes or no, e.g. "ended in succession"): the Wilson
  score interval, which stays inside [0, 1] and does not shrink to a point at 0 or n
  of n.
* The mean of a measure over runs: Student's t-interval, clipped to the measure's
  range (``metrics.MEASURE_RANGES``; years run from 0 to the horizon). The true mean
  lies in that range, so clipping removes only impossible values and leaves the
  coverage as it was.
* A paired difference of a measure between two conditions: the t-interval of the
  differences, clipped to [low - high, high - low] (e.g. [-1, 1] for a share).

Every interval is a dict with ``n``, ``mean``, ``sd``, ``low``, ``high`` and
``method`` ("wilson", "t" or "t-clipped"); ``low`` and ``high`` are None when n < 2
(t) or n = 0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import stats

from ..metrics import MEASURE_RANGES

__all__ = ["CONFIDENCE", "mean_interval", "share_interval", "wilson_interval", "measure_range", "difference_range", "t_band"]

CONFIDENCE = 0.95

Bounds = tuple[float | None, float | None]
OPEN: Bounds = (None, None)


def measure_range(measure: str, horizon: float | None = None) -> Bounds:
    """The (low, high) a measure can take; "horizon" becomes ``horizon`` (open if not given)."""
    low, high = MEASURE_RANGES.get(measure, OPEN)
    if high == "horizon":
        high = horizon
    return low, high


def difference_range(bounds: Bounds) -> Bounds:
    """The range of a difference of two values that each lie in ``bounds``."""
    low, high = bounds
    if low is None or high is None:
        return OPEN
    return low - high, high - low


def _defined(values: Sequence[float | None]) -> np.ndarray:
    return np.array([v for v in values if v is not None and not math.isnan(v)], dtype=float)


def _clip(value: float, bounds: Bounds) -> float:
    low, high = bounds
    if low is not None:
        value = max(value, low)
    if high is not None:
        value = min(value, high)
    return float(value)


def mean_interval(values: Sequence[float | None], bounds: Bounds = OPEN) -> dict:
    """n, mean, SD and 95% t-interval of the defined values (None and NaN are left out),
    clipped to ``bounds``."""
    x = _defined(values)
    n = len(x)
    method = "t" if bounds == OPEN else "t-clipped"
    if n == 0:
        return {"n": 0, "mean": None, "sd": None, "low": None, "high": None, "method": method}
    mean = float(x.mean())
    if n == 1:
        return {"n": 1, "mean": mean, "sd": None, "low": None, "high": None, "method": method}
    sd = float(x.std(ddof=1))
    half = float(stats.t.ppf(0.5 + CONFIDENCE / 2, n - 1)) * sd / math.sqrt(n)
    return {"n": n, "mean": mean, "sd": sd, "low": _clip(mean - half, bounds), "high": _clip(mean + half, bounds),
            "method": method}


def share_interval(outcomes: Sequence[bool | float | None]) -> dict:
    """Share of runs where ``outcome`` is true, with its 95% Wilson score interval.

    ``outcomes`` holds one yes/no (or 1.0/0.0) per run; None and NaN are left out.
    """
    x = _defined([None if v is None else float(v) for v in outcomes])
    if not np.isin(x, (0.0, 1.0)).all():
        raise ValueError(f"a share needs yes/no values, got {sorted(set(x.tolist()))}")
    return wilson_interval(int(x.sum()), len(x))


def wilson_interval(hits: int, n: int) -> dict:
    """Share ``hits / n`` with its 95% Wilson score interval (scipy's binomtest)."""
    if n == 0:
        return {"n": 0, "mean": None, "sd": None, "low": None, "high": None, "method": "wilson"}
    share = hits / n
    ci = stats.binomtest(hits, n).proportion_ci(confidence_level=CONFIDENCE, method="wilson")
    sd = math.sqrt(share * (1 - share) * n / (n - 1)) if n > 1 else None  # SD of the 0/1 values
    return {"n": n, "mean": share, "sd": sd, "low": float(ci.low), "high": float(ci.high), "method": "wilson"}


def t_band(mean: np.ndarray, sd: np.ndarray, n: np.ndarray, bounds: Bounds = OPEN) -> tuple[np.ndarray, np.ndarray]:
    """Arrays of 95% t-interval ends (low, high), clipped to ``bounds``, for figures.

    Where n < 2 the band is the mean itself.
    """
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        half = stats.t.ppf(0.5 + CONFIDENCE / 2, np.maximum(n - 1, 1)) * np.asarray(sd, dtype=float) / np.sqrt(n)
    half = np.where(n >= 2, np.nan_to_num(half), 0.0)
    low, high = np.asarray(mean, dtype=float) - half, np.asarray(mean, dtype=float) + half
    if bounds == OPEN:
        return low, high
    return np.clip(low, *bounds), np.clip(high, *bounds)
