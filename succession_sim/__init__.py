"""succession-sim: an agent-based model of the succession from human to digital intelligence."""

from .model import SuccessionModel
from .scenario import Scenario, ScenarioError, load_scenario, scenario_library

__all__ = ["SuccessionModel", "Scenario", "ScenarioError", "load_scenario", "scenario_library"]
__version__ = "0.1.0"
