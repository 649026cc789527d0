"""Summaries of a sweep's results: intervals, outcome frequencies, paired differences, sensitivity.

All functions take the tidy ``results.parquet`` frame (one row per run per kept step).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..metrics import OUTCOMES
from .intervals import difference_range, mean_interval, measure_range, share_interval, wilson_interval

__all__ = ["final_rows", "measures_of", "horizon", "summarise_final", "summarise_over_time", "outcome_shares",
           "paired_differences", "sensitivity"]

_IDENTITY = ("run_id", "point", "replicate", "policy", "seed", "seed_entropy", "seed_spawn_key", "outcome",
             "succession_year", "step")


def measures_of(results: pd.DataFrame, swept: list[str]) -> list[str]:
    """The measure columns: everything that is neither identity nor a swept parameter."""
    return [c for c in results.columns if c not in _IDENTITY and c not in swept]


def final_rows(results: pd.DataFrame) -> pd.DataFrame:
    """The last kept step of every run."""
    return results.loc[results.groupby("run_id", sort=False)["step"].idxmax()].reset_index(drop=True)


def horizon(results: pd.DataFrame) -> int:
    """The sweep's number of years: the last step kept."""
    return int(results["step"].max())


def _intervals(frame: pd.DataFrame, keys: list[str], measures: list[str], years: int) -> pd.DataFrame:
    rows = []
    for key, group in frame.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        for measure in measures:
            values = group[measure].astype(float).tolist()
            stat = share_interval(values) if measure == "succession" else mean_interval(values, measure_range(measure, years))
            rows.append({**dict(zip(keys, key, strict=True)), "measure": measure, **stat})
    return pd.DataFrame(rows)


def summarise_final(results: pd.DataFrame, swept: list[str]) -> pd.DataFrame:
    """Per design point and policy: n, mean, SD, 95% interval of each measure at the end;
    ``succession`` is the share of runs with succession (Wilson interval) and
    ``succession_year`` the mean year among them."""
    final = _with_succession(final_rows(results))
    return _intervals(final, ["point", *swept, "policy"], [*SUCCESSION, *measures_of(results, swept)],
                      horizon(results))


#: Whether a run had succession (a share of runs) and its year among the runs that had one.
SUCCESSION = ("succession", "succession_year")


def _with_succession(final: pd.DataFrame) -> pd.DataFrame:
    """``succession`` (1.0 or 0.0) from ``succession_year``, which stays NaN for a run without one."""
    final["succession_year"] = final["succession_year"].astype(float)
    final["succession"] = final["succession_year"].notna().astype(float)
    return final


def summarise_over_time(results: pd.DataFrame, swept: list[str]) -> pd.DataFrame:
    """Per design point, policy and kept step: n, mean, SD, 95% interval of each measure."""
    return _intervals(results, ["point", *swept, "policy", "step"], measures_of(results, swept), horizon(results))


def outcome_shares(results: pd.DataFrame, swept: list[str]) -> pd.DataFrame:
    """Per design point and policy: the share of runs in each outcome class, with n and
    the Wilson interval of each share (columns ``CLASS_low`` and ``CLASS_high``)."""
    final = final_rows(results)
    counts = pd.crosstab([final[c] for c in ["point", *swept, "policy"]], final["outcome"])
    counts = counts.reindex(columns=list(OUTCOMES), fill_value=0)
    n = counts.sum(axis=1)
    shares = counts.div(n, axis=0)
    shares["n"] = n
    for outcome in OUTCOMES:
        wilson = [wilson_interval(int(hits), int(total)) for hits, total in zip(counts[outcome], n, strict=True)]
        shares[f"{outcome}_low"] = [w["low"] for w in wilson]
        shares[f"{outcome}_high"] = [w["high"] for w in wilson]
    return shares.reset_index()


def paired_differences(results: pd.DataFrame, swept: list[str], first: str, second: str) -> pd.DataFrame:
    """Per design point: interval of (first - second) of each final measure, paired by replicate."""
    final = _with_succession(final_rows(results))
    measures = [*SUCCESSION, *measures_of(results, swept)]
    final[measures] = final[measures].astype(float)  # yes/no measures (pause) subtract as 0/1
    a = final[final["policy"] == first].set_index(["point", "replicate"])
    b = final[final["policy"] == second].set_index(["point", "replicate"])
    joined = a[measures].merge(b[measures], left_index=True, right_index=True, suffixes=("_a", "_b"))
    years = horizon(results)
    rows = []
    for point, group in joined.groupby(level="point"):
        for measure in measures:
            diff = (group[f"{measure}_a"] - group[f"{measure}_b"]).tolist()
            bounds = difference_range(measure_range(measure, years))
            rows.append({"point": point, "measure": measure, **mean_interval(diff, bounds)})
    return pd.DataFrame(rows)


def sensitivity(results: pd.DataFrame, problem: dict, kind: str, measure: str, policy: str,
                points: list[dict]) -> pd.DataFrame:
    """Sobol (S1, ST) or Morris (mu*, sigma) indices of a final measure, with 95% intervals.

    Y is the replicate mean of the final measure at each design point, in design order.
    """
    from SALib.analyze import morris, sobol

    final = final_rows(results)
    final = final[final["policy"] == policy]
    y = final.groupby("point")[measure].mean().reindex(range(len(points))).to_numpy(dtype=float)
    if np.isnan(y).any():
        y = np.where(np.isnan(y), np.nanmean(y), y)  # a point with no defined value counts as average
    if kind == "sobol":
        from .global_sensitivity import SEED  # not 0: SALib's sobol.analyze takes 0 as "no seed"

        result = sobol.analyze(problem, y, calc_second_order=False, seed=SEED)
        return pd.DataFrame({"parameter": problem["names"], "S1": result["S1"], "S1_conf": result["S1_conf"],
                             "ST": result["ST"], "ST_conf": result["ST_conf"]})
    x = np.array([[p[name] for name in problem["names"]] for p in points], dtype=float)
    result = morris.analyze(problem, x, y, seed=0)
    return pd.DataFrame({"parameter": problem["names"], "mu_star": result["mu_star"],
                         "mu_star_conf": result["mu_star_conf"], "sigma": result["sigma"]})
