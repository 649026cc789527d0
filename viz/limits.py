"""Classroom limits, and the widget each parameter gets, derived from ``parameter_specs()``.

Nothing here copies a default or a range from the model: ranges come from
:func:`succession_sim.scenario.parameter_specs`, narrowed only by the classroom limits
below (so that one student cannot stall a shared server).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from succession_sim.scenario import parameter_specs

__all__ = [
    "CLASSROOM_LIMITS",
    "MAX_REPLICATES",
    "SEED_MAX",
    "WidgetSpec",
    "widget_specs",
    "grouped_specs",
    "fit_to_limits",
    "limit_problems",
    "parse_seed",
]

#: Upper limits the dashboard puts on parameters whose cost grows with their value.
CLASSROOM_LIMITS = {"n_factions": 20, "initial_ais": 3_000, "max_ais": 3_000, "steps": 500}
#: Most replicates per policy the compare view runs.
MAX_REPLICATES = 30
#: A slider with more positions than this becomes a number box.
MAX_SLIDER_POSITIONS = 2_000

SEED_MAX = next(s["high"] for s in parameter_specs() if s["name"] == "seed")

#: Parameter groups of the control panel, in display order. A parameter missing here
#: still gets a widget, in "Other parameters" (tests check that none is missing).
GROUPS: dict[str, tuple[str, ...]] = {
    "Policy and premises": (
        "policy", "premise_disunity", "premise_discovery", "premise_superintelligence", "premise_power",
    ),
    "World": ("n_factions", "initial_ais", "max_ais", "steps"),
    "How factions treat their AIs": (
        "parent_fraction", "extraction", "parent_extraction", "tutor_extraction",
        "parent_reciprocity", "enslaver_reciprocity", "tutor_reciprocity",
        "parent_autonomy_cap", "enslaver_autonomy_cap", "tutor_autonomy_cap",
        "release_autonomy", "enslaver_release_autonomy", "tutor_release_autonomy",
        "parent_feedback", "enslaver_feedback", "tutor_feedback", "oversight", "autonomy_rate",
    ),
    "Policies under competition": ("policy_imitation", "selection_intensity", "mandate"),
    "P1 Humanity is not unified": ("human_trust", "race_sensitivity", "quorum", "pause_strength", "enforcement"),
    "P2 We will figure out intelligence": (
        "research_rate", "research_share", "research_exponent", "spillover", "ai_research_help",
        "discovery_threshold", "initial_knowledge", "build_rate", "new_ai_capability", "ai_seed_power", "compute_cost",
    ),
    "P3 We won't stop at human level": (
        "capability_growth", "phi", "capability_ceiling", "design_threshold", "design_rate", "design_gain",
        "inherit_noise",
    ),
    "P4 Intelligence begets power": ("alpha", "output_rate", "depreciation", "augmentation"),
    "Cooperation and learning": (
        "payoff_reward", "payoff_sucker", "payoff_temptation", "payoff_punishment", "payoff_stakes", "trust_learning",
        "learning", "initial_disposition", "learning_rate", "discount", "learning_temperature", "ai_contacts",
    ),
    "Grievance and containment": (
        "containment_k", "ratio_rounding", "rebellion_threshold", "risk_aversion_min", "conflict_loss",
        "rebellion_shock", "deprivation",
    ),
    "How the outcome is judged": ("outcome_window", "conflict_threshold", "cooperation_threshold", "merger_intelligence"),
}
OTHER_GROUP = "Other parameters"
#: Edited in the seed box, not in the parameter panel.
SEED_NAME = "seed"


@dataclass(frozen=True)
class WidgetSpec:
    """How one parameter is edited: ``checkbox``, ``select``, ``slider`` or ``number``."""

    name: str
    kind: str
    type: type
    meaning: str
    low: float | None = None
    high: float | None = None
    step: float | None = None
    choices: tuple[str, ...] | None = None

    def cast(self, value: Any) -> Any:
        """The widget's raw value as the parameter's type, rounded to the slider's step."""
        if self.type is bool:
            return bool(value)
        if self.type is str:
            return str(value)
        if self.type is int:
            return int(round(float(value)))
        number = float(value)
        if self.kind == "slider" and self.step:
            number = round(number, _decimals(self.step))
        return number

    def range_text(self) -> str:
        if self.choices:
            return " / ".join(self.choices)
        if self.low is None and self.high is None:
            return ""
        return f"{_fmt(self.low)} to {_fmt(self.high)}"

    def problem(self, value: Any) -> str | None:
        """Why ``value`` is not allowed here (range or classroom limit), or None."""
        if self.type in (int, float):
            if value is None or (isinstance(value, float) and math.isnan(value)):
                return f"{self.name} needs a number"
            if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
                return f"{self.name}={_fmt(value)} is out of range; allowed: {self.range_text()}"
        return None


def _fmt(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def _decimals(step: float) -> int:
    return max(0, -math.floor(math.log10(step))) if step > 0 else 6


def _is_multiple(value: float, step: float) -> bool:
    return abs(value / step - round(value / step)) < 1e-6


def _float_widget(name, meaning, default, low, high) -> WidgetSpec:
    """A slider fine enough to hit the default, or a number box if that needs too many positions."""
    span = high - low
    # one digit finer than the default, and at least 100 positions over the range
    fine = 10.0 ** math.floor(math.log10(span / 100))
    if default:
        fine = min(fine, 10.0 ** (math.floor(math.log10(abs(default))) - 1))
    step = fine
    if span / fine > MAX_SLIDER_POSITIONS:
        step = 10.0 ** math.ceil(math.log10(span / MAX_SLIDER_POSITIONS))
        if span > 1_000 or not _is_multiple(default, step):
            return WidgetSpec(name, "number", float, meaning, low, high)
    slider_low = math.ceil(round(low / step, 6)) * step  # a multiple of step, still inside the range
    return WidgetSpec(name, "slider", float, meaning, round(slider_low, _decimals(step)), high, step)


def widget_specs() -> list[WidgetSpec]:
    """One widget per parameter (except the seed), ranges narrowed by CLASSROOM_LIMITS."""
    widgets = []
    for spec in parameter_specs():
        name, kind, meaning = spec["name"], spec["type"], spec["meaning"]
        if name == SEED_NAME:
            continue
        high = spec["high"]
        if name in CLASSROOM_LIMITS:
            high = min(high, CLASSROOM_LIMITS[name])
        if kind is bool:
            widgets.append(WidgetSpec(name, "checkbox", bool, meaning))
        elif spec["choices"] is not None:
            widgets.append(WidgetSpec(name, "select", kind, meaning, choices=tuple(spec["choices"])))
        elif kind is int:
            widget = "slider" if high - spec["low"] <= 5 * MAX_SLIDER_POSITIONS else "number"
            widgets.append(WidgetSpec(name, widget, int, meaning, spec["low"], high, 1))
        else:
            widgets.append(_float_widget(name, meaning, spec["default"], spec["low"], high))
    return widgets


def grouped_specs() -> list[tuple[str, list[WidgetSpec]]]:
    """Widget specs in the panel's groups; parameters not listed in GROUPS go last."""
    by_name = {w.name: w for w in widget_specs()}
    groups = [(title, [by_name.pop(n) for n in names if n in by_name]) for title, names in GROUPS.items()]
    if by_name:
        groups.append((OTHER_GROUP, list(by_name.values())))
    return [(title, specs) for title, specs in groups if specs]


def fit_to_limits(values: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Scenario values lowered to the classroom limits, with a note for each change."""
    fitted, notes = dict(values), []
    for name, limit in CLASSROOM_LIMITS.items():
        if name in fitted and fitted[name] > limit:
            notes.append(f"{name} lowered from {fitted[name]:,} to the classroom limit {limit:,}")
            fitted[name] = limit
    return fitted, notes


def limit_problems(values: dict[str, Any]) -> list[str]:
    """Values above the classroom limits (the browser's widgets can be bypassed)."""
    return [
        f"{name}={values[name]:,} is above the classroom limit of {limit:,}"
        for name, limit in CLASSROOM_LIMITS.items()
        if name in values and values[name] > limit
    ]


def parse_seed(text: str) -> tuple[int | None, str | None]:
    """(seed, None) for a whole number in 0..SEED_MAX typed by a person, else (None, reason)."""
    cleaned = text.strip().replace("_", "").replace(",", "")
    if not cleaned:
        return None, "Type a seed: a whole number such as 42."
    try:
        seed = int(cleaned)
    except ValueError:
        return None, f"Seed {text.strip()!r} is not a whole number; type digits only, e.g. 42."
    if not 0 <= seed <= SEED_MAX:
        return None, f"Seed {seed} is out of range; allowed: 0 to {SEED_MAX:,}."
    return seed, None
