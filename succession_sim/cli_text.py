"""What the CLI prints for ``run``, ``compare``, ``knockout`` and ``report``: plain text
that fits 100 columns (``wide=True``: every column, one table however wide).

Every interval is printed with its n: ``mean [low, high] (n)``.
"""

from __future__ import annotations

import textwrap

from .console import WIDTH, format_interval, format_number, table

__all__ = ["run_text", "comparison_text", "knockout_text", "adaptation_text", "sweep_report_text"]

#: Decimals per measure where three would be noise (years, counts of rebellions).
DIGITS = {"succession_year": 1, "rebellions": 1, "human_welfare": 2}

#: What ``run`` and ``report`` show by default; ``--wide`` shows every measure.
HEADLINE = ("ai_power_share", "succession_year", "coop_human_human", "coop_human_ai", "coop_ai_ai", "rebellions",
            "human_welfare")

#: The final measures of one run beyond the headline ones, shown by ``run --wide``.
RUN_EXTRA = ("power_destroyed", "human_welfare_vs_discovery", "n_ais", "capability_frontier",
             "mean_disposition_human", "owner_cooperation", "enslaver_share", "tutor_share", "disposition_drift")


def _interval(stat: dict, measure: str = "") -> str:
    return format_interval(stat, DIGITS.get(measure, 3))


def _width(wide: bool) -> int | None:
    return None if wide else WIDTH


# --- run -------------------------------------------------------------------------------

def run_text(name: str, seed: int, result: dict, wide: bool = False) -> str:
    """One run: outcome, final measures and premise indicators, one per line."""
    rows = [("outcome", result["outcome"]), ("succession year", result["succession_year"]),
            ("AI power share", result["ai_power_share"]),
            *((key, result[key]) for key in ("coop_human_human", "coop_human_to_ai", "coop_ai_to_human", "coop_human_ai",
                                             "coop_ai_ai")),
            ("rebellions (total)", result["rebellions"]), ("human welfare", result["human_welfare"]),
            ("human intelligence", result["human_intelligence"]),
            ("factions: parent share", result["parent_share"]), ("policy switches", result["policy_switches"])]
    if wide:
        rows += [(key, result[key]) for key in RUN_EXTRA if key in result]
        rows += [(f"held-out cooperation, {kind}", value)
                 for kind, value in (result.get("heldout_cooperation") or {}).items()]
    premises = list(result["premises"].items())
    label_width = max(len(label) for label, _ in rows + premises) + 1
    lines = [f"scenario {name}, seed {seed}, {result['steps']} years"]
    # the succession year prints as None when there was none, as the seminar handouts say
    lines += [f"  {label + ':':<{label_width}} {value if label == 'succession year' else format_number(value)}"
              for label, value in rows]
    lines.append("  premises:")
    lines += [f"    {label + ':':<{label_width - 2}} {format_number(value)}" for label, value in premises]
    return "\n".join(lines)


# --- compare ---------------------------------------------------------------------------

def comparison_text(name: str, seed: int, result: dict, measures, outcomes, wide: bool = False) -> str:
    policies = result["policies"]
    paired = "paired_difference" in result
    lines = [f"scenario {name}, root seed {seed}, {result['replicates']} replicates per policy (same seeds for "
             "every policy)", "mean [95% interval] (n runs)"]
    header = ["measure", *policies, *(["paired difference"] if paired else [])]
    rows = []
    for measure in measures:
        cells = [_interval(result["per_policy"][p][measure], measure) for p in policies]
        if paired:
            cells.append(_interval(result["paired_difference"][measure], measure))
        rows.append([measure, *cells])
    lines.append(table(header, rows, width=_width(wide)))
    if paired:
        lines.append(f"(paired difference = {policies[0]} - {policies[1]}, replicate by replicate)")
    lines += ["", "outcome classes: share of runs [95% Wilson interval] (n runs)"]
    rows = [[outcome, *(_interval(result["outcome_intervals"][p][outcome]) for p in policies)] for outcome in outcomes]
    lines.append(table(["class", *policies], rows, width=_width(wide)))
    return "\n".join(lines)


# --- knockout --------------------------------------------------------------------------

def knockout_text(name: str, seed: int, result: dict, measures: dict, wide: bool = False) -> str:
    """``measures``: measure -> (label, reader), as ``knockout.KNOCKOUT_MEASURES``."""
    lines = [f"scenario {name}, root seed {seed}, {result['replicates']} replicates per condition (same seeds for "
             "every condition)",
             "mean [95% interval] (n runs); the share of runs ending in succession has a Wilson interval"]
    header = ["condition", *(label for label, _ in measures.values())]
    rows = [[condition, *(_interval(stats[m], m) for m in measures)] for condition, stats in result["conditions"].items()]
    lines.append(table(header, rows, width=_width(wide)))
    return "\n".join(lines)


# --- adaptation ----------------------------------------------------------------------------

def adaptation_text(name: str, result: dict, wide: bool = False) -> str:
    """Half-lives per learner and switch: median [95% interval] (n AIs, n runs)."""
    after = result["after"]

    def years(value) -> str:
        return f">{after}" if value is None else f"{value:.0f}"

    lines = [f"scenario {name}, AIs of year {result['at']}, {result['seeds']} runs from seed {result['seed']}: "
             f"{result['before']} years of one treatment, then {after} of another",
             f"half-life: years until cooperation has moved halfway to where it settles (>{after}: not within "
             f"{after} years); median [95% bootstrap interval over runs and AIs] (n AIs, n runs)"]
    header = ["learner", "switch", "half-life", f"share noticed within {after} years", "cooperation before, at, after"]
    rows = []
    for learner, switches in result["learners"].items():
        for switch, stat in switches.items():
            if not stat["n_ais"]:
                rows.append([learner, switch, "- (0 AIs)", "-", "-"])
                continue
            n = f"({stat['n_ais']} AIs, {stat['n_seeds']} runs)"
            low, high = stat["interval"]
            path = stat["mean_path"]
            rows.append([learner, switch, f"{years(stat['median_half_life'])} [{years(low)}, {years(high)}] {n}",
                         f"{stat['share_noticed']:.2f} [{stat['share_interval'][0]:.2f}, "
                         f"{stat['share_interval'][1]:.2f}]",
                         f"{path[0]:.2f}, {path[result['before']]:.2f}, {path[-1]:.2f}"])
    lines.append(table(header, rows, keys=2, width=_width(wide)))
    return "\n".join(lines)


# --- report ----------------------------------------------------------------------------

def sweep_report_text(tables: dict, swept: list[str], measure: str, outcomes, wide: bool = False) -> str:
    """The report's tables: final measures, outcome shares, paired differences, sensitivity."""
    final = tables["final"]
    present = list(dict.fromkeys(final["measure"]))
    shown = present if wide else [m for m in present if m in (*HEADLINE, measure)]
    hidden = [m for m in present if m not in shown]
    keys = ["point", *swept, "policy"]
    lines = ["Final measures per point and policy: mean [95% interval] (n runs)",
             _pivot(final, keys, shown, wide)]
    if hidden:
        more = f"{len(hidden)} more measure" + ("s" if len(hidden) > 1 else "")
        lines.append(textwrap.fill(f"({more}: {', '.join(hidden)}; --wide shows them, so does --html)", WIDTH))
    lines += ["", "Outcome-class shares [95% Wilson interval], per point and policy (n runs)",
              _outcome_table(tables["outcomes"], keys, outcomes, wide)]
    if "paired" in tables:
        lines += ["", "Paired differences (first - second policy), per point: mean [95% interval] (n pairs)",
                  _pivot(tables["paired"], ["point"], shown, wide)]
    if "sensitivity" in tables:
        frame = tables["sensitivity"]
        rows = [[str(row["parameter"]), *(f"{row[c]:.3f}" for c in frame.columns[1:])]
                for row in frame.to_dict("records")]
        lines += ["", "Sensitivity indices", table(list(frame.columns), rows, width=_width(wide))]
    return "\n".join(lines)


def _key_cell(value) -> str:
    """A design point's parameter value as written in the experiment file (0.2, not 0.200)."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _pivot(frame, keys: list[str], measures: list[str], wide: bool) -> str:
    """One row per key, one column per measure, from a long frame of intervals."""
    cells: dict[tuple, dict[str, str]] = {}
    for record in frame.to_dict("records"):
        if record["measure"] in measures:
            key = tuple(_key_cell(record[k]) for k in keys)
            cells.setdefault(key, {})[record["measure"]] = _interval(record, record["measure"])
    rows = [[*key, *(values.get(m, "-") for m in measures)] for key, values in cells.items()]
    return table([*keys, *measures], rows, keys=len(keys), width=_width(wide))


def _outcome_table(frame, keys: list[str], outcomes, wide: bool) -> str:
    rows = []
    for record in frame.to_dict("records"):
        key = [_key_cell(record[k]) for k in keys]
        shares = [f"{record[o]:.2f} [{record[o + '_low']:.2f}, {record[o + '_high']:.2f}]" for o in outcomes]
        rows.append([*key, *shares, str(record["n"])])
    return table([*keys, *outcomes, "n"], rows, keys=len(keys), width=_width(wide))
