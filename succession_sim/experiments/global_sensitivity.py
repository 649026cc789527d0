"""Sobol indices of a sweep's final measures: outputs, clipped intervals, convergence.

A ``sobol`` experiment (``design.py``) holds SALib's Saltelli design without second-order
terms: for each of N base samples, d + 2 consecutive rows (A, the d rows AB_j, B). This
module turns a sweep of it into first-order (S1) and total (ST) indices:

* :func:`output_vector` gives one value per design row, in design order: the replicate
  mean of a final measure, with ``succession_year`` censored at the horizon
  (:func:`censor_years`) and an optional log10 with a floor (:func:`log10_floored`).
* :func:`sobol_indices` runs SALib's estimator (Saltelli et al. 2010, with a bootstrap
  95% interval) and clips each estimate and interval to [0, 1] (:func:`clip_index`).
* :func:`first_samples` and :func:`is_nested` let the first half of the base samples be
  analysed alone, so one sweep answers "does doubling N change the ranking?"
  (:func:`convergence`), both strictly (the estimates' order) and counting ties: two
  parameters whose difference the runs do not settle (:func:`difference_halfwidths`,
  :func:`resolved_orders`) share a rank (:func:`tied_ranks`), and doubling N must not
  reverse an order the runs settle (:func:`reversed_orders`).

With the seed as a factor of the design (``seed_as_factor`` in ``design.py``), ``seed`` is
one more row of every table: its indices are chance's share of the variance, and the
other rows compare runs that share their history's random numbers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["INDICES", "SEED", "RESAMPLES", "Z95", "rows_per_sample", "base_samples", "first_samples", "is_nested",
           "censor_years", "log10_floored", "fill_undefined", "output_vector", "clip_index", "sobol_indices",
           "first_order_sum", "difference_halfwidths", "resolved_orders", "tied_ranks", "ranking", "above",
           "order_changes", "reversed_orders", "convergence", "chance_share", "mean_noise_share", "survival"]

#: The two indices estimated (no second-order terms).
INDICES = ("S1", "ST")
#: Seed of SALib's bootstrap. Not 0: SALib 1.6 tests ``if seed:``, so 0 means unseeded.
SEED = 12
#: Bootstrap resamples of SALib's confidence interval (SALib's default is 100).
RESAMPLES = 1000
#: The standard normal quantile of a two-sided 95% interval, as SALib uses it.
Z95 = 1.959963984540054


def rows_per_sample(num_vars: int) -> int:
    """Design rows per base sample in SALib's Saltelli scheme without second order."""
    return num_vars + 2


def base_samples(problem: dict, rows: int) -> int:
    """The number N of base samples that gives ``rows`` design rows."""
    per = rows_per_sample(problem["num_vars"])
    if rows % per:
        raise ValueError(f"{rows} rows is not a whole number of base samples of {per} rows each")
    return rows // per


def first_samples(y: np.ndarray, problem: dict, n: int) -> np.ndarray:
    """The outputs of the first ``n`` base samples (their rows come first in the design)."""
    available = base_samples(problem, len(y))
    if not 1 <= n <= available:
        raise ValueError(f"asked for {n} base samples; the design has {available}")
    return np.asarray(y)[: n * rows_per_sample(problem["num_vars"])]


def is_nested(problem: dict, n: int, seed: int) -> bool:
    """Whether SALib's design with n base samples is the first rows of the design with 2n.

    True when SALib draws the base samples as a prefix of one scrambled Sobol' sequence
    (SALib 1.6 does); then the first n base samples of a sweep are the n-sample design.
    """
    from SALib.sample import sobol

    small = sobol.sample(problem, n, calc_second_order=False, seed=seed)
    large = sobol.sample(problem, 2 * n, calc_second_order=False, seed=seed)
    return bool(np.array_equal(small, large[: len(small)]))


def censor_years(values, horizon: float) -> tuple[np.ndarray, int]:
    """Years of an event that may not happen: a missing year (None, NaN) becomes ``horizon``.

    A run without succession ends at the horizon with the event still ahead of it, so the
    horizon is a lower bound of its year; counting it as the horizon is the least it can
    be. Returns the years and how many were censored.
    """
    years = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(dtype=float)
    missing = np.isnan(years)
    if (years[~missing] > horizon).any():
        raise ValueError(f"a year beyond the horizon {horizon}: {years[~missing].max()}")
    return np.where(missing, float(horizon), years), int(missing.sum())


def log10_floored(values, floor: float) -> tuple[np.ndarray, int]:
    """log10 of values at least ``floor`` (> 0); a smaller value (0 included: log10 of 0
    is not defined) counts as ``floor``. NaN stays NaN. Returns the logs and how many
    values were raised to the floor."""
    if not floor > 0:
        raise ValueError(f"the floor of a log must be positive, got {floor!r}")
    x = np.asarray(values, dtype=float)
    low = x < floor  # False for NaN
    return np.log10(np.where(low, floor, x)), int(low.sum())


def fill_undefined(y) -> tuple[np.ndarray, int]:
    """NaN values replaced by the mean of the defined ones (the estimator needs a value per
    row); returns the values and how many were replaced."""
    y = np.asarray(y, dtype=float)
    missing = np.isnan(y)
    if missing.all():
        raise ValueError("no defined value to analyse")
    return np.where(missing, np.nanmean(y), y), int(missing.sum())


def output_vector(final: pd.DataFrame, measure: str, n_points: int, *, horizon: float | None = None,
                  log10_floor: float | None = None) -> dict:
    """One value per design row, in design order, from the final rows of one policy's runs.

    ``final`` has one row per run with ``point`` and ``measure``; replicates of a point are
    averaged. ``succession_year`` needs ``horizon`` (see :func:`censor_years`); with
    ``log10_floor`` each run's value becomes its log10 (see :func:`log10_floored`).
    Returns ``{"y", "censored", "floored", "undefined"}``: the values, the runs counted at
    the horizon, the runs raised to the floor and the design rows whose value was
    undefined and replaced by the mean.
    """
    values = final[measure]
    censored = floored = 0
    if measure == "succession_year":
        if horizon is None:
            raise ValueError("succession_year needs the horizon to count runs without succession")
        values, censored = censor_years(values, horizon)
    values = np.asarray(values, dtype=float)
    if log10_floor is not None:
        values, floored = log10_floored(values, log10_floor)
    per_point = pd.Series(values, index=final.index).groupby(final["point"]).mean()
    y, undefined = fill_undefined(per_point.reindex(range(n_points)).to_numpy(dtype=float))
    return {"y": y, "censored": censored, "floored": floored, "undefined": undefined}


def _defined_by_point(final: pd.DataFrame, measure: str):
    """A measure's defined values over runs, and the same grouped by design point."""
    values = pd.to_numeric(final[measure], errors="coerce").astype(float)
    defined = values.notna()
    return values[defined], values[defined].groupby(final.loc[defined, "point"])


def chance_share(final: pd.DataFrame, measure: str) -> dict:
    """Chance's share of the variance of a measure over a design with replicates per point:
    the mean over design points of the variance between a point's replicates (its seeds),
    over the variance of all runs together.

    The indices of the mean response (``output_vector`` averages the replicates) leave
    this share out; reported beside them, it says how much of a single run's value the
    parameters cannot explain. Points with fewer than two defined runs are left out of
    the mean within-point variance. Returns ``{"share", "within", "total", "points",
    "runs"}`` (share None when the total variance is 0 or undefined).
    """
    values, by_point = _defined_by_point(final, measure)
    within = by_point.var(ddof=1).dropna()
    total = float(values.var(ddof=1)) if len(values) > 1 else float("nan")
    share = float(within.mean() / total) if len(within) and total > 0 else None
    return {"share": share, "within": float(within.mean()) if len(within) else None, "total": total,
            "points": int(len(within)), "runs": len(values)}


def mean_noise_share(final: pd.DataFrame, measure: str, y) -> float | None:
    """Chance's share of the variance of the mean response ``y`` (``output_vector``'s, one
    value per design row): the mean over design points of the variance of a point's
    replicate mean (its runs' variance over their number), over the variance of ``y``.

    Chance left in the replicate means adds this share to every total index (Jansen's
    estimator reads it as variation, SALib's first-order estimator does not), so it is
    the expected ST of a parameter that does nothing: the bar a parameter's ST must
    clear to be told from chance. Points with fewer than two defined runs are left out.
    None when it cannot be computed.
    """
    _, by_point = _defined_by_point(final, measure)
    noise = (by_point.var(ddof=1) / by_point.count()).dropna()
    total = float(np.var(np.asarray(y, dtype=float), ddof=1))
    return float(noise.mean() / total) if len(noise) and total > 0 else None


def survival(final: pd.DataFrame, share_measure: str = "parent_share") -> pd.DataFrame:
    """``final`` with ``<policy>s_survive`` added: 1.0 where the policy's share of factions is
    above 0 at the end, so that a point's replicate mean (``output_vector``) is the
    probability that the policy survives, the question a share of factions answers with
    most of its runs at 0 or 1."""
    name = share_measure.removesuffix("_share") + "s_survive"
    return final.assign(**{name: (final[share_measure] > 0).astype(float)})


def clip_index(estimate, conf) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(estimate, low, high), each kept within [0, 1], the range of a true Sobol index.

    The estimator can fall outside [0, 1] by sampling error (S1 below 0 when a
    parameter does nothing); the true index cannot, so clipping removes only impossible
    values. The interval is estimate -/+ conf, clipped.
    """
    estimate, conf = np.asarray(estimate, dtype=float), np.asarray(conf, dtype=float)
    return (np.clip(estimate, 0.0, 1.0), np.clip(estimate - conf, 0.0, 1.0), np.clip(estimate + conf, 0.0, 1.0))


def _analyze(problem: dict, y, n: int | None, seed: int, resamples: int) -> dict:
    """SALib's estimates from the first ``n`` base samples, with every bootstrap resample kept.

    SALib draws one set of resampled base samples and uses it for every parameter, so
    the resamples of two parameters' indices are paired (:func:`resolved_orders` needs it).
    """
    from SALib.analyze import sobol

    y = np.asarray(y, dtype=float)
    if n is not None:
        y = first_samples(y, problem, n)
    base_samples(problem, len(y))  # refuses a vector that is not whole base samples
    if np.isnan(y).any():
        raise ValueError("the outputs hold NaN; fill them first (fill_undefined)")
    if np.ptp(y) == 0:
        raise ValueError("the output is constant: Sobol indices are undefined")
    return sobol.analyze(problem, y, calc_second_order=False, num_resamples=resamples, conf_level=0.95,
                         seed=seed, keep_resamples=True)


def sobol_indices(problem: dict, y, n: int | None = None, seed: int = SEED,
                  resamples: int = RESAMPLES) -> pd.DataFrame:
    """S1 and ST of each parameter, with 95% bootstrap intervals, from the first ``n`` base
    samples (all if None).

    Columns: ``parameter``; for S1 and ST each: the raw estimate (``S1_raw``), SALib's
    half-width (``S1_conf``), and the estimate and interval clipped to [0, 1] (``S1``,
    ``S1_low``, ``S1_high``).
    """
    return _index_table(problem, _analyze(problem, y, n, seed, resamples))


def _index_table(problem: dict, result: dict) -> pd.DataFrame:
    table = {"parameter": list(problem["names"])}
    for index in INDICES:
        estimate, low, high = clip_index(result[index], result[f"{index}_conf"])
        table |= {f"{index}_raw": np.asarray(result[index], dtype=float),
                  f"{index}_conf": np.asarray(result[f"{index}_conf"], dtype=float),
                  index: estimate, f"{index}_low": low, f"{index}_high": high}
    return pd.DataFrame(table)


def first_order_sum(problem: dict, y, n: int | None = None, seed: int = SEED, resamples: int = RESAMPLES) -> dict:
    """The sum of the first-order indices, with a 95% interval from the same bootstrap as
    each index (SALib's resamples, summed; the half-width is 1.96 SD, as SALib's).

    True first-order indices add up to at most 1; 1 minus the sum is the share of the
    variance due to interactions (and, in a stochastic model, to noise). Returns ``raw``,
    and ``sum``, ``low``, ``high`` clipped to [0, 1].
    """
    result = _analyze(problem, y, n, seed, resamples)
    raw = float(np.sum(result["S1"]))
    half = float(Z95 * np.asarray(result["S1_conf_all"]).sum(axis=1).std(ddof=1))
    estimate, low, high = clip_index(raw, half)
    return {"raw": raw, "sum": float(estimate), "low": float(low), "high": float(high)}


def difference_halfwidths(problem: dict, y, index: str, n: int | None = None, seed: int = SEED,
                          resamples: int = RESAMPLES) -> pd.DataFrame:
    """Half-widths of the 95% intervals of the differences between two parameters' indices.

    Entry (a, b) is 1.96 SD, over the same bootstrap resamples, of ``index`` of a minus
    ``index`` of b. Both indices are estimated from the same runs, so the interval accounts
    for how their errors move together; it is never wider than the two half-widths added,
    so two overlapping intervals can still have a difference that excludes 0.
    """
    return _difference_halfwidths(problem, _analyze(problem, y, n, seed, resamples), index)


def _difference_halfwidths(problem: dict, result: dict, index: str) -> pd.DataFrame:
    draws = np.asarray(result[f"{index}_conf_all"], dtype=float)
    spread = (draws[:, :, None] - draws[:, None, :]).std(axis=0, ddof=1)
    names = list(problem["names"])
    return pd.DataFrame(Z95 * spread, index=names, columns=names)


def resolved_orders(table: pd.DataFrame, halfwidths: pd.DataFrame, index: str) -> set[tuple[str, str]]:
    """Pairs (a, b) whose order the runs settle: a's estimate exceeds b's by more than the
    half-width of their difference (the interval of the difference lies above 0)."""
    raw = table.set_index("parameter")[f"{index}_raw"]
    return {(a, b) for a in raw.index for b in raw.index
            if a != b and raw[a] - raw[b] > halfwidths.loc[a, b]}


def tied_ranks(table: pd.DataFrame, resolved: set[tuple[str, str]], index: str, k: int = 3) -> list[tuple[int, str]]:
    """The top k by estimate, each with its rank counting ties: 1 + the number of parameters
    settled above it. Parameters whose order the runs do not settle share a rank."""
    return [(1 + sum((other, p) in resolved for other in table["parameter"]), p) for p in ranking(table, index, k)]


def ranking(table: pd.DataFrame, index: str, k: int = 3) -> list[str]:
    """The k parameters with the largest estimates of ``index``, largest first (raw
    estimates, so that clipping at 0 makes no ties; equal values keep table order)."""
    order = table.sort_values(f"{index}_raw", ascending=False, kind="stable")
    return list(order["parameter"].head(k))


def above(table: pd.DataFrame, index: str, reference: str | None = None, bar: float = 0.0) -> list[str]:
    """Parameters whose interval of ``index`` lies wholly above the interval of the
    parameter ``reference`` (with the seed as a factor: what chance alone does), or, if
    None, above ``bar`` (0, or for the mean response the ST that chance alone gives,
    :func:`mean_noise_share`), largest estimate first."""
    ceiling = bar if reference is None else float(table.loc[table["parameter"] == reference,
                                                            f"{index}_high"].iloc[0])
    clear = table[(table[f"{index}_low"] > ceiling) & (table["parameter"] != reference)]
    return list(clear.sort_values(f"{index}_raw", ascending=False, kind="stable")["parameter"])


def order_changes(small: pd.DataFrame, large: pd.DataFrame, index: str, n_large: int,
                  halfwidths: pd.DataFrame, k: int = 3) -> list[dict]:
    """Pairs of parameters, among the top k of either table, whose order differs between them.

    Each pair is ``{"first", "second", "tied", "n_separate"}``, ordered as in ``large``:
    whether the interval of their difference at the larger size (``halfwidths``, from
    :func:`difference_halfwidths`) contains 0, so that the runs do not settle their order;
    and the number of base samples at which it would stop containing 0 if the estimates
    stayed and the half-width shrank as 1/sqrt(N) (inf for equal estimates).
    """
    raw = f"{index}_raw"
    union = list(dict.fromkeys(ranking(small, index, k) + ranking(large, index, k)))
    before, after = small.set_index("parameter")[raw], large.set_index("parameter")[raw]
    changes = []
    for i, a in enumerate(union):
        for b in union[i + 1:]:
            if np.sign(before[a] - before[b]) == np.sign(after[a] - after[b]):
                continue
            first, second = (a, b) if after[a] >= after[b] else (b, a)
            gap, half = after[first] - after[second], halfwidths.loc[first, second]
            changes.append({"first": first, "second": second, "tied": bool(gap <= half),
                            "n_separate": float(n_large * (half / gap) ** 2) if gap > 0 else float("inf")})
    return changes


def reversed_orders(small: pd.DataFrame, large: pd.DataFrame, resolved_small: set, resolved_large: set,
                    index: str, k: int = 3) -> list[tuple[str, str]]:
    """Orders among the top k of either table that one size settles and the other's
    estimates reverse: (a, b) settled as a above b at one size, with b estimated above a
    at the other. Empty when doubling N contradicts nothing the runs settle."""
    raw = f"{index}_raw"
    union = set(ranking(small, index, k) + ranking(large, index, k))
    before, after = small.set_index("parameter")[raw], large.set_index("parameter")[raw]
    contradicted = {(a, b) for a, b in resolved_small if after[b] > after[a]}
    contradicted |= {(a, b) for a, b in resolved_large if before[b] > before[a]}
    return sorted((a, b) for a, b in contradicted if a in union and b in union)


def convergence(problem: dict, y, n_small: int, k: int = 3, reference: str | None = None, seed: int = SEED,
                resamples: int = RESAMPLES, bar: float | None = None) -> dict[str, dict]:
    """Does doubling N change the ranking of the top k? Compares the first ``n_small`` base
    samples with the first ``2 n_small``, for each index, in two ways.

    Strictly, by estimates: ``small`` and ``large``, the top k at each size; ``same``, true
    when they hold the same parameters in the same order; ``changes``, the pairs whose
    order changed (:func:`order_changes`); ``ties_only``, true when the runs settle the
    order of none of those pairs at the larger size.

    Counting ties: ``ranks_small`` and ``ranks_large``, the top k with their ranks when
    parameters whose order the runs do not settle share a rank (:func:`tied_ranks`);
    ``reversed``, the settled orders that the other size's estimates reverse
    (:func:`reversed_orders`); ``holds``, true when there are none; ``settled_small`` and
    ``settled_large``, the orders settled at each size (:func:`resolved_orders`).

    With a ``reference`` (a parameter to beat) or a ``bar`` (a value to beat, for ST: see
    :func:`mean_noise_share`; S1 is compared with 0), also ``above_small`` and
    ``above_large``, the parameters clearly above it at each size (:func:`above`), and
    ``kept``, true when every parameter clearly above it at the smaller size still is at
    the larger one.
    """
    analysed = [_analyze(problem, y, n, seed, resamples) for n in (n_small, 2 * n_small)]
    small, large = (_index_table(problem, one) for one in analysed)
    result = {}
    for index in INDICES:
        half_small, half_large = (_difference_halfwidths(problem, one, index) for one in analysed)
        settled_small = resolved_orders(small, half_small, index)
        settled_large = resolved_orders(large, half_large, index)
        top_small, top_large = ranking(small, index, k), ranking(large, index, k)
        changes = order_changes(small, large, index, 2 * n_small, half_large, k)
        contradicted = reversed_orders(small, large, settled_small, settled_large, index, k)
        result[index] = {"small": top_small, "large": top_large, "same": top_small == top_large,
                         "changes": changes, "ties_only": all(c["tied"] for c in changes),
                         "ranks_small": tied_ranks(small, settled_small, index, k),
                         "ranks_large": tied_ranks(large, settled_large, index, k),
                         "reversed": contradicted, "holds": not contradicted,
                         "settled_small": settled_small, "settled_large": settled_large}
        if reference is not None or bar is not None:
            level = (bar or 0.0) if index == "ST" else 0.0
            clear_small, clear_large = (above(table, index, reference, level) for table in (small, large))
            result[index] |= {"above_small": clear_small, "above_large": clear_large,
                              "kept": set(clear_small) <= set(clear_large)}
    return result
