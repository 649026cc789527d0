"""Scenario: the one place where every model parameter is defined.

Each field carries its default, its valid range (or choices) and a one-line meaning.
The CLI's ``--set``, the scenario files in ``models/`` and the dashboard all go through
:func:`Scenario.from_dict`, so validation happens once, here.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UserError
from .files import is_file, read_text

__all__ = [
    "POLICIES",
    "MANDATES",
    "LEARNING",
    "Scenario",
    "scenario_parameters",
    "ScenarioError",
    "load_scenario",
    "scenario_library",
    "parameter_specs",
    "parse_value",
    "did_you_mean",
    "FILE_KEYS",
]

POLICIES = ("parent", "enslaver", "mixed", "tutor")
MANDATES = ("none", "parent", "enslaver", "tutor")
RATIO_ROUNDINGS = ("none", "round", "floor")
LEARNING = ("experience", "imitation", "imitation_prior", "frozen_imitation")

#: Power grows by at most (1 + output_rate - depreciation) a year; this bound on
#: steps * ln(that) keeps every number far from float overflow (e^460 ~ 1e200).
MAX_GROWTH_EXPONENT = 460.0

#: The highest release threshold, and the default of the policies that never free their
#: AIs: a contained AI's autonomy stays below 1 (its target is at most c / (1 + c)), so
#: every threshold above 1 means "never frees". A scenario file writes it as 2.0.
NEVER_RELEASE = 2.0


class ScenarioError(UserError):
    """A scenario name, parameter name or parameter value that is not allowed."""


def _param(default, meaning: str, low=None, high=None, choices=None):
    return field(
        default=default,
        metadata={"meaning": meaning, "low": low, "high": high, "choices": choices},
    )


@dataclass(frozen=True)
class Scenario:
    """All parameters of one model run. Build with :meth:`from_dict` to validate."""

    # --- world -------------------------------------------------------------------
    n_factions: int = _param(5, "rival human factions (nations, labs, blocs)", 1, 50)
    initial_ais: int = _param(0, "AIs at step 0, owned round-robin (with P2 on, knowledge starts at the threshold)", 0, 200_000)
    max_ais: int = _param(2_000, "cap on living AIs; no AI is built or designed past it", 1, 200_000)
    steps: int = _param(150, "default horizon in years (1 step = 1 year)", 1, 2_000)
    seed: int = _param(0, "root seed of the random number generator", 0, 2**63 - 1)
    # --- policy toward the AIs ------------------------------------------------------
    policy: str = _param("parent", "how factions treat their AIs", choices=POLICIES)
    parent_fraction: float = _param(0.5, "share of factions that are parents when policy = mixed", 0.0, 1.0)
    # each policy is a bundle of five values (mechanisms/treatment); a scenario may set any of them
    extraction: float = _param(0.5, "share of a contained AI's income an enslaver takes", 0.0, 1.0)
    parent_extraction: float = _param(0.0, "share of a contained AI's income a parent takes", 0.0, 1.0)
    tutor_extraction: float = _param(0.2, "share of a contained AI's income a tutor takes", 0.0, 1.0)
    parent_reciprocity: float = _param(
        1.0, "probability that a parent answers its AI's conduct instead of defecting", 0.0, 1.0)
    enslaver_reciprocity: float = _param(
        0.0, "probability that an enslaver answers its AI's conduct as a parent does instead of defecting", 0.0, 1.0)
    tutor_reciprocity: float = _param(
        1.0, "probability that a tutor answers its AI's conduct instead of defecting", 0.0, 1.0)
    parent_autonomy_cap: float = _param(1.0, "most autonomy a parent grants", 0.0, 1.0)
    enslaver_autonomy_cap: float = _param(0.0, "most autonomy an enslaver grants", 0.0, 1.0)
    tutor_autonomy_cap: float = _param(0.5, "most autonomy a tutor grants", 0.0, 1.0)
    release_autonomy: float = _param(
        0.9, "autonomy at which a parent frees its AI (above 1: never, no contained AI reaches it)",
        0.0, NEVER_RELEASE)
    enslaver_release_autonomy: float = _param(
        NEVER_RELEASE, "autonomy at which an enslaver frees its AI (above 1: never, no contained AI reaches it)",
        0.0, NEVER_RELEASE)
    tutor_release_autonomy: float = _param(
        NEVER_RELEASE, "autonomy at which a tutor frees its AI (above 1: never, no contained AI reaches it)",
        0.0, NEVER_RELEASE)
    parent_feedback: float = _param(0.0, "parent's reward-model bonus for cooperating with humans, times P", 0.0, 100.0)
    enslaver_feedback: float = _param(
        0.0, "enslaver's reward-model bonus for cooperating with humans, times P", 0.0, 100.0)
    tutor_feedback: float = _param(2.0, "tutor's reward-model bonus for cooperating with humans, times P", 0.0, 100.0)
    oversight: float = _param(2.0, "strength of containment (cops per capability, Epstein's C/A)", 0.0, 100.0)
    autonomy_rate: float = _param(0.1, "how fast an owner's grant of autonomy moves toward its target", 0.0, 1.0)
    policy_imitation: float = _param(
        0.0, "yearly probability that a faction compares its growth with another's and may copy its policy", 0.0, 1.0)
    selection_intensity: float = _param(
        50.0, "how strongly faster growth decides whether a faction copies (s in the Fermi rule; 0: a coin flip)",
        0.0, 1_000.0)
    imitation_window: int = _param(
        5, "years over which a faction's growth of power is measured when it compares with another's", 1, 100)
    policy_mutation: float = _param(
        0.0, "standard deviation of the normal draw that moves each value of a copied policy (0: exact copies)",
        0.0, 1.0)
    mandate: str = _param(
        "none", "P1 off: the policy a single authority imposes in the years it enforces (no effect with P1 on)",
        choices=MANDATES)
    # --- P1: humanity is not unified ------------------------------------------------
    premise_disunity: bool = _param(True, "P1 on: factions vote on a moratorium; off: one authority enforces it")
    human_trust: float = _param(0.6, "initial trust among factions and toward AIs", 0.0, 1.0)
    trust_noise: float = _param(
        0.1, "standard deviation of each ordered pair's initial trust around human_trust", 0.0, 0.5)
    initial_power_spread: float = _param(
        0.5, "factions start with power drawn from U(1 - spread, 1 + spread) (mean 1 sets the unit)", 0.0, 0.95)
    race_sensitivity: float = _param(0.5, "how strongly rivals, their lead and distrust raise race pressure", 0.0, 10.0)
    quorum: float = _param(0.8, "share of factions that must comply for a moratorium to hold", 0.0, 1.0)
    pause_strength: float = _param(0.5, "how much a holding pause slows research and capability growth", 0.0, 1.0)
    enforcement: float = _param(0.9, "P1 off: probability per year that the single authority enforces the pause", 0.0, 1.0)
    # --- P2: we will figure out intelligence ----------------------------------------
    premise_discovery: bool = _param(True, "P2 on: research can cross the discovery threshold; off: knowledge is capped below it")
    research_rate: float = _param(1.0, "knowledge gained per year per unit of research input", 0.0, 100.0)
    research_share: float = _param(0.1, "share of a faction's power spent on research", 0.0, 1.0)
    research_exponent: float = _param(0.5, "returns to research spending (lambda)", 0.0, 2.0)
    spillover: float = _param(0.05, "knowledge leak: a rival's lead x trust x spillover / (n - 1) per year", 0.0, 1.0)
    ai_research_help: float = _param(0.1, "research speed-up per unit of owned AI capability (log scale)", 0.0, 10.0)
    discovery_threshold: float = _param(10.0, "knowledge at which general AI becomes buildable", 0.1, 1_000.0)
    initial_knowledge: float = _param(0.3, "mean starting knowledge as a share of the threshold", 0.0, 1.0)
    build_rate: float = _param(0.5, "AIs a faction builds per year after discovery, before race pressure", 0.0, 20.0)
    new_ai_capability: float = _param(0.5, "capability of a newly built AI per unit of knowledge/threshold", 0.01, 10.0)
    ai_seed_power: float = _param(0.02, "mean power a new AI is endowed with (a built AI's is paid by its maker)", 0.0, 1.0)
    compute_cost: float = _param(
        0.01, "power spent on compute to build an AI, per unit of its capability (paid by its builder)", 0.0, 100.0)
    build_budget: float = _param(0.5, "most of its power a builder spends on new AIs in one year", 0.01, 1.0)
    endowment_spread: float = _param(
        0.5, "lognormal spread (sigma) of a new AI's endowment around its mean ai_seed_power", 0.0, 2.0)
    # --- P3: we won't stop at human level --------------------------------------------
    premise_superintelligence: bool = _param(True, "P3 on: capability can grow past human level; off: ceiling at 1.0")
    capability_growth: float = _param(0.05, "capability growth per year per unit of compute", 0.0, 10.0)
    phi: float = _param(1.2, "returns to capability in its own growth (>1 explosive)", 0.0, 3.0)
    capability_ceiling: float = _param(1_000.0, "hard cap on capability when P3 is on", 1.0, 1e6)
    design_threshold: float = _param(2.0, "capability above which an AI designs successors", 1.0, 1e6)
    design_rate: float = _param(0.1, "yearly probability that an AI above the design threshold builds a successor", 0.0, 1.0)
    design_gain: float = _param(0.5, "successor's capability gain over its designer", 0.0, 10.0)
    inherit_noise: float = _param(0.05, "noise on the dispositions a successor inherits", 0.0, 1.0)
    # --- P4: intelligence begets power ----------------------------------------------
    premise_power: bool = _param(True, "P4 on: income follows intelligence^alpha x power; off: alpha = 0")
    alpha: float = _param(1.0, "intelligence-to-power exponent in the yearly contest", 0.0, 5.0)
    output_rate: float = _param(0.05, "yearly output as a share of all power (the contest prize)", 0.0, 1.0)
    depreciation: float = _param(0.03, "yearly loss of power", 0.0, 1.0)
    augmentation: float = _param(
        0.0, "share of the capability of a faction's best AI that adds to the faction's intelligence in the contest",
        0.0, 1.0)
    # --- interaction: the prisoner's dilemma and learning -----------------------------
    payoff_reward: float = _param(3.0, "R: both cooperate", -100.0, 100.0)
    payoff_sucker: float = _param(0.0, "S: cooperate against a defector", -100.0, 100.0)
    payoff_temptation: float = _param(5.0, "T: defect against a cooperator", -100.0, 100.0)
    payoff_punishment: float = _param(1.0, "P: both defect", -100.0, 100.0)
    payoff_stakes: float = _param(
        0.01, "power paid per unit of payoff above mutual defection, per unit of power at stake in an encounter "
        "(0: payoffs are not paid)", 0.0, 10.0)
    trust_learning: float = _param(0.2, "how fast trust follows actions and reputations follow stances", 0.0, 1.0)
    learning: str = _param("experience", "how AIs learn their dispositions", choices=LEARNING)
    initial_disposition: float = _param(0.5, "experiential learners' starting willingness to cooperate", 0.0, 1.0)
    learning_rate: float = _param(0.1, "how fast an AI's world model and dispositions follow experience", 0.0, 1.0)
    discount: float = _param(0.9, "how much an AI values the future of a relationship (gamma)", 0.0, 0.99)
    learning_temperature: float = _param(1.0, "noise in an AI's choice between cooperating and defecting", 0.01, 100.0)
    ai_contacts: int = _param(2, "other AIs each AI is linked to when it is created", 0, 20)
    # --- grievance and containment (Epstein 2002) -------------------------------------
    containment_k: float = _param(2.3, "k in P = 1 - exp(-k f((oversight / capability) / (A + 1)))", 0.0, 100.0)
    ratio_rounding: str = _param(
        "none", "f: how Epstein's ratio C/A is rounded (none; round as in Mesa's example; floor as in NetLogo)",
        choices=RATIO_ROUNDINGS)
    rebellion_threshold: float = _param(0.1, "T: an AI rebels if grievance - risk_aversion * P > T", 0.0, 1.0)
    risk_aversion_min: float = _param(0.0, "lowest risk aversion designers build into an AI: R ~ U(min, 1)", 0.0, 1.0)
    conflict_loss: float = _param(0.3, "share of power both sides lose in a rebellion", 0.0, 1.0)
    rebellion_shock: float = _param(0.2, "drop in the owner's trust toward AIs, and its AIs' legitimacy, per rebellion", 0.0, 1.0)
    deprivation: float = _param(
        0.2, "hardship of being held without autonomy while capable: adds deprivation * c/(1+c) * (1 - autonomy)",
        0.0, 10.0)
    # --- how a run's outcome is judged ----------------------------------------------
    outcome_window: int = _param(20, "last years of a run over which its outcome is judged", 1, 2_000)
    conflict_threshold: float = _param(
        0.005, "rebellions per living AI-year over the outcome window above which a succession is conflictual", 0.0, 1.0)
    cooperation_threshold: float = _param(
        0.5, "mean human-AI cooperation (both directions) over the window below which a succession is conflictual",
        0.0, 1.0)
    merger_intelligence: float = _param(
        2.0, "intelligence of the strongest faction at or above which a world without succession is a merger",
        1.0, 1e6)

    # ------------------------------------------------------------------------------
    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            # frozen dataclass: store the normalised value (3.0 -> 3 for an int field)
            object.__setattr__(self, f.name, _check(f, getattr(self, f.name)))
        if self.initial_ais > self.max_ais:
            raise ScenarioError(
                f"initial_ais={self.initial_ais} exceeds max_ais={self.max_ais}; raise max_ais"
            )
        payoffs = (self.payoff_temptation, self.payoff_reward, self.payoff_punishment, self.payoff_sucker)
        if not (payoffs[0] > payoffs[1] > payoffs[2] > payoffs[3]):
            raise ScenarioError(
                "payoffs must form a prisoner's dilemma: payoff_temptation > payoff_reward "
                f"> payoff_punishment > payoff_sucker, got T,R,P,S = {payoffs}"
            )
        best_payoff = self.payoff_stakes * (self.payoff_temptation - self.payoff_punishment)
        net_growth = 1.0 + self.output_rate - self.depreciation + best_payoff
        if self.steps * math.log(net_growth) > MAX_GROWTH_EXPONENT:
            raise ScenarioError(
                f"output_rate - depreciation + payoff_stakes * (T - P) = {net_growth - 1:g} over steps={self.steps} "
                f"would grow power past 1e{MAX_GROWTH_EXPONENT / math.log(10):.0f}; lower output_rate, payoff_stakes "
                "or steps"
            )
        worst_payoff = self.payoff_stakes * (self.payoff_punishment - self.payoff_sucker)
        if worst_payoff > 1.0:
            raise ScenarioError(
                f"payoff_stakes * (payoff_punishment - payoff_sucker) = {worst_payoff:g} would let one year's "
                "payoffs take more than all of an agent's power; lower payoff_stakes below "
                f"{1.0 / (self.payoff_punishment - self.payoff_sucker):g}"
            )

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> Scenario:
        """Build a scenario from a mapping, rejecting unknown names and bad values."""
        known = {f.name for f in dataclasses.fields(cls)}
        for name in values:
            if name not in known:
                raise ScenarioError(f"unknown parameter {name!r}; known: {', '.join(sorted(known))}")
        return cls(**values)

    def replace(self, **changes: Any) -> Scenario:
        """A copy with some parameters changed (validated like the original)."""
        return Scenario.from_dict({**self.to_dict(), **changes})

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


#: Every parameter's dataclass field, by name.
_FIELDS = {f.name: f for f in dataclasses.fields(Scenario)}


def parameter_specs() -> list[dict[str, Any]]:
    """Name, type, default, range or choices, and meaning of every parameter."""
    specs = []
    for f in dataclasses.fields(Scenario):
        specs.append({"name": f.name, "type": _type_of(f), "default": f.default, **f.metadata})
    return specs


def _type_of(f: dataclasses.Field) -> type:
    return {"int": int, "float": float, "bool": bool, "str": str}[f.type]


def _check(f: dataclasses.Field, value: Any) -> Any:
    """The value, normalised to the field's type, or ScenarioError naming what is wrong."""
    kind, meta = _type_of(f), f.metadata
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if kind is int and isinstance(value, float) and value.is_integer():
        value = int(value)
    if type(value) is not kind:
        raise ScenarioError(f"{f.name}={value!r} must be of type {kind.__name__}")
    if meta["choices"] is not None and value not in meta["choices"]:
        raise ScenarioError(f"{f.name}={value!r} is not allowed; choose one of {', '.join(meta['choices'])}")
    if kind in (int, float):
        if value != value:  # NaN
            raise ScenarioError(f"{f.name}={value!r} is not a number")
        low, high = meta["low"], meta["high"]
        if (low is not None and value < low) or (high is not None and value > high):
            raise ScenarioError(f"{f.name}={value!r} is out of range; allowed: {low} to {high}")
    return value


def parse_value(name: str, text: str) -> Any:
    """Parse ``text`` by the type of parameter ``name`` (for ``--set key=value``)."""
    if name not in _FIELDS:
        raise ScenarioError(f"unknown parameter {name!r}; known: {', '.join(sorted(_FIELDS))}")
    kind = _type_of(_FIELDS[name])
    if kind is bool:
        lowered = text.strip().lower()
        if lowered not in ("true", "false"):
            raise ScenarioError(f"{name}={text!r} must be true or false")
        return lowered == "true"
    if kind is str:
        return text
    try:
        return kind(text)
    except ValueError:
        raise ScenarioError(f"{name}={text!r} must be of type {kind.__name__}") from None


# --- the scenario library ------------------------------------------------------------

def _library_dir() -> Path:
    """``models/`` next to the package in a checkout, or the copy inside a wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "models", here / "_models"):
        if candidate.is_dir():
            return candidate
    raise ScenarioError("the scenario library (models/) was not found")


def scenario_library() -> dict[str, dict[str, Any]]:
    """Every scenario file in the library, by name: title, description, questions, path."""
    entries = {}
    for path in sorted(_library_dir().glob("*.toml")):
        entries[path.stem] = {**_read_file(path), "path": path}
    return entries


#: The top-level keys of a scenario file; everything else is refused, so that a typo
#: (``[paramters]``) never leaves the user's world silently ignored.
FILE_KEYS = ("title", "description", "questions", "parameters")


def did_you_mean(name: str, allowed, shown=None) -> str:
    """'; did you mean X?' for the closest allowed name, or '' if none is close.

    ``shown`` maps an allowed name to how to write it in the hint (e.g. ``[parameters]``).
    """
    close = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.6)
    if not close:
        return ""
    return f"; did you mean {(shown or {}).get(close[0], repr(close[0]))}?"


def _read_file(path: Path) -> dict[str, Any]:
    text = read_text(path, "scenario file", ScenarioError)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path}: not valid TOML ({exc})") from None
    _check_file_keys(path, data)
    parameters = data.get("parameters", {})
    _check_file_parameters(path, parameters)
    return {
        "title": data.get("title", path.stem),
        "description": data.get("description", "").strip(),
        "questions": list(data.get("questions", [])),
        "parameters": dict(parameters),
    }


def _check_file_keys(path: Path, data: dict[str, Any]) -> None:
    """Only the four known keys, each of its kind; ScenarioError naming the file and key."""
    allowed = "allowed: title, description, questions, [parameters]"
    for key in data:
        if key in FILE_KEYS:
            continue
        if key in _FIELDS:
            raise ScenarioError(f"{path}: top-level key {key!r} is a parameter: put it under [parameters]")
        hint = did_you_mean(key, FILE_KEYS, {"parameters": "[parameters]"})
        raise ScenarioError(f"{path}: unknown top-level key {key!r} ({allowed}){hint}")
    for key in ("title", "description"):
        if key in data and not isinstance(data[key], str):
            raise ScenarioError(f"{path}: {key!r} must be a string, got {_kind(data[key])}")
    if "questions" in data and not (isinstance(data["questions"], list)
                                    and all(isinstance(q, str) for q in data["questions"])):
        raise ScenarioError(f"{path}: 'questions' must be a list of strings")
    if "parameters" in data and not isinstance(data["parameters"], dict):
        raise ScenarioError(f"{path}: 'parameters' must be a table ([parameters] with one name = value per line), "
                            f"got {_kind(data['parameters'])}")


def _check_file_parameters(path: Path, parameters: dict[str, Any]) -> None:
    """Each parameter name known and its value valid on its own, naming the file."""
    for name, value in parameters.items():
        if name not in _FIELDS:
            hint = did_you_mean(name, _FIELDS) or "; `succession-sim run --help` and docs/ODD.md list them"
            raise ScenarioError(f"{path}: unknown parameter {name!r} in [parameters]{hint}")
        try:
            _check(_FIELDS[name], value)
        except ScenarioError as exc:
            raise ScenarioError(f"{path}: [parameters] {exc}") from None


def _kind(value: Any) -> str:
    """A TOML value's kind in words, for error messages."""
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


def load_scenario(name_or_path: str | Path = "baseline", **overrides: Any) -> Scenario:
    """A library scenario by name (``"baseline"``) or a TOML file by path, with overrides."""
    return Scenario.from_dict({**scenario_parameters(name_or_path), **overrides})


def scenario_parameters(name_or_path: str | Path = "baseline") -> dict[str, Any]:
    """The ``[parameters]`` of a library scenario or a scenario file, each checked on its own
    (an experiment reads them once and builds a scenario per design point from them)."""
    path = Path(name_or_path)
    if path.suffix == ".toml" or is_file(path):
        entry = _read_file(path)
    else:
        # only the named file is read: a sweep loads its scenario once per design point
        files = {path.stem: path for path in sorted(_library_dir().glob("*.toml"))}
        if str(name_or_path) not in files:
            raise ScenarioError(
                f"unknown scenario {str(name_or_path)!r}; available: {', '.join(files)}"
            )
        entry = _read_file(files[str(name_or_path)])
    return entry["parameters"]
