"""succession-sim: an agent-based model of the succession from human to digital intelligence.

The names below are imported on first use (PEP 562), so ``import succession_sim`` and
the command line start at once; ``SuccessionModel`` brings in Mesa and pandas only when
it is asked for.
"""

from __future__ import annotations

import importlib

__all__ = ["SuccessionModel", "Scenario", "ScenarioError", "load_scenario", "scenario_library"]
__version__ = "0.1.0"

#: name -> module that defines it
_LAZY = {
    "SuccessionModel": ".model",
    "Scenario": ".scenario",
    "ScenarioError": ".scenario",
    "load_scenario": ".scenario",
    "scenario_library": ".scenario",
}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value  # look it up once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
