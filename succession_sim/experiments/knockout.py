"""Premise knockout: the scenario, each premise switched off in it, and all four off.

Which premise, if false, breaks the conclusion? Every condition runs on the same
replicate seeds (spawned from the root seed), so the differences from the scenario
itself are paired.
"""

from __future__ import annotations

from collections.abc import Callable

from ..scenario import Scenario
from .compare import SHARES, interval_of, replicate_seeds, run_one
from .intervals import difference_range, mean_interval, measure_range

__all__ = ["PREMISES", "CONDITIONS", "KNOCKOUT_MEASURES", "SHARES", "run_knockout"]

PREMISES = {
    "P1": "premise_disunity",
    "P2": "premise_discovery",
    "P3": "premise_superintelligence",
    "P4": "premise_power",
}

#: condition name -> parameters switched off
CONDITIONS = {
    "as is": {},
    "P1 off (unified humanity)": {"premise_disunity": False},
    "P2 off (no discovery)": {"premise_discovery": False},
    "P3 off (human ceiling)": {"premise_superintelligence": False},
    "P4 off (no power accrual)": {"premise_power": False},
    "all four off": {name: False for name in PREMISES.values()},
}

#: measure -> (label, how to read it from a run summary). A run without succession counts
#: in the share of runs with succession and is left out of the year's mean (its
#: ``succession_year`` is None); cooperation is the mean over the outcome window.
KNOCKOUT_MEASURES = {
    "succession": ("share of runs ending in succession", lambda s: float(s["succession"])),
    "succession_year": ("year of succession (runs with succession)", lambda s: s["succession_year"]),
    "rebellions": ("rebellions (conflicts)", lambda s: float(s["rebellions"])),
    "coop_human_ai": ("human-AI cooperation (window mean)", lambda s: s["coop_human_ai"]),
    "coop_human_to_ai": ("humans' cooperation toward AIs (window mean)", lambda s: s["coop_human_to_ai"]),
    "coop_ai_to_human": ("AIs' cooperation toward humans (window mean)", lambda s: s["coop_ai_to_human"]),
}


def run_knockout(scenario: Scenario, replicates: int = 10, seed: int | None = None,
                 progress: Callable[[], None] | None = None) -> dict:
    """Run every condition on the same seeds; return per-condition intervals and paired differences."""
    seeds = replicate_seeds(scenario.seed if seed is None else seed, replicates)
    summaries: dict[str, list[dict]] = {}
    for condition, switches in CONDITIONS.items():
        summaries[condition] = []
        for run_seed in seeds:
            summary, _ = run_one(scenario.replace(seed=run_seed, **switches))
            summaries[condition].append(summary)
            if progress:
                progress()
    values = {c: {m: [read(s) for s in runs] for m, (_, read) in KNOCKOUT_MEASURES.items()}
              for c, runs in summaries.items()}
    bounds = {m: (0.0, 1.0) if m in SHARES else measure_range(m, horizon=scenario.steps) for m in KNOCKOUT_MEASURES}
    base = values["as is"]
    return {
        "replicates": replicates,
        "seeds": seeds,
        "conditions": {c: {m: interval_of(m, v, bounds[m]) for m, v in measures.items()}
                       for c, measures in values.items()},
        "paired_difference": {
            c: {m: mean_interval([None if x is None or y is None else x - y
                                  for x, y in zip(v, base[m], strict=True)], difference_range(bounds[m]))
                for m, v in measures.items()}
            for c, measures in values.items() if c != "as is"
        },
    }
