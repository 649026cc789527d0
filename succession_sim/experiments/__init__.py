"""Running many models: policy comparisons on common random numbers, summaries, plots.

The names below are imported on first use (PEP 562): ``succession_sim.experiments.store``
must not pull in the model, pandas and scipy, so that ``succession-sim status`` starts at once.
"""

from __future__ import annotations

import importlib

__all__ = ["compare_policies", "replicate_seeds", "run_one"]


def __getattr__(name: str):
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(".compare", __name__), name)
    globals()[name] = value
    return value
