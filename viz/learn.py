"""The guided tour of the Learn view: the four premises in plain words, and their mini-runs.

Each lesson says what a premise claims, how the model puts it into rules and what
switching it off changes. Its mini-run is the baseline and the premise's knockout
scenario, small and short, on one seed; every number shown comes from that run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from succession_sim import Scenario, SuccessionModel, load_scenario
from succession_sim.experiments.knockout import PREMISES

from .figures import mini_run_png
from .words import OUTCOME_NAMES

__all__ = ["Prediction", "PREMISE_PREDICTION", "RACE_PREDICTION", "prediction_words", "Lesson", "LESSONS", "INTRO",
           "BASELINE", "MiniRun", "mini_scenario", "mini_run", "run_words", "comparison_words", "MINI_STEPS",
           "MINI_MAX_AIS", "RACE", "race_mini_run", "race_words"]

BASELINE = "baseline"
#: A mini-run is at most this many years and this many AIs, so it takes a fraction of a second.
MINI_STEPS = 100
MINI_MAX_AIS = 300


@dataclass(frozen=True)
class Prediction:
    """Predict, then see: a question asked before a card runs, its choices, and which choice
    a finished run bears out (``outcome`` returns one of ``choices``).

    Any Learn card can carry one: the view asks the question, runs only once a choice is
    made, and then shows the prediction beside what happened.
    """

    question: str
    choices: tuple[str, ...]
    outcome: Callable[[MiniRun], str]

    def __post_init__(self):
        if len(self.choices) < 2 or len(set(self.choices)) != len(self.choices):
            raise ValueError(f"a prediction needs two or more different choices, not {self.choices!r}")


def prediction_words(prediction: Prediction, chosen: str, run: MiniRun) -> str:
    """The prediction beside the result, in a sentence."""
    happened = prediction.outcome(run)
    verdict = "as you predicted" if happened == chosen else f"you predicted: {chosen.lower()}"
    return f"What happened: {happened.lower()} ({verdict})."


@dataclass(frozen=True)
class Lesson:
    """One premise: its claim, the model's rule for it, its knockout and the scenario that does it."""

    code: str
    claim: str
    says: str
    model: str
    off: str
    scenario: str  # the library scenario that switches this premise off
    prediction: Prediction | None = None  # asked before the mini-run runs

    @property
    def switch(self) -> str:
        """The scenario parameter that turns this premise on and off."""
        return PREMISES[self.code]


INTRO = """
Richard Sutton argues that the succession of humans by digital minds is inevitable,
because four things are true: humanity is not unified, we will figure out intelligence,
we won't stop at human level, and intelligence begets power. Here, succession means that
AIs come to hold more than half of all the power in the simulated world.

The simulator turns each premise into a rule with a switch. For each premise below, read
what it says, how the model puts it into rules, and what changes when it is switched off.
Then press the button to run two small worlds on the same random seed (the seed of your
current run): the baseline, with all four premises on, and a world with this premise off.

A mini-run is shorter and smaller than a full run, and one seed is only one possible
history: treat it as a first look, not a verdict. To look closer, open the knockout
scenario in the Run view, or compare many seeds with `succession-sim knockout`.
"""

SOONER, LATER, NONE = ("Succession in the same year or sooner", "Succession, but later",
                       "No succession within the mini-run")


def _premise_outcome(run: MiniRun) -> str:
    """Which of the premise prediction's choices the knockout run bears out."""
    first, second = (run.summaries[label]["succession_year"] for label in run.labels)
    if second is None:
        return NONE
    return LATER if first is not None and second > first else SOONER


#: Asked on every premise card before its mini-run.
PREMISE_PREDICTION = Prediction(
    "Predict first: with this premise switched off, what happens to succession in the mini-run, "
    "compared with all four premises on?", (SOONER, LATER, NONE), _premise_outcome)

LESSONS = (
    Lesson(
        "P1", "Humanity is not unified",
        says="Nobody can make the whole world stop. Rival nations, companies and labs each fear that the "
             "others will press on, so no one can enforce a worldwide halt to AI research.",
        model="The world is split into rival factions. Every year they decide whether to pause AI research. "
              "The pause holds only if enough factions comply, and a faction that distrusts its rivals, or "
              "fears falling behind, is less willing to comply.",
        off="One authority speaks for all factions and enforces a strong pause in most years. Research still "
            "creeps forward in the years without a pause, and an AI that is already free ignores the pause.",
        scenario="unified_humanity",
        prediction=PREMISE_PREDICTION,
    ),
    Lesson(
        "P2", "We will figure out intelligence",
        says="Sooner or later, researchers will understand how minds work well enough to build general AI: "
             "machines that learn and act across many kinds of tasks, as people do.",
        model="Each faction spends part of its resources on research. Knowledge piles up, and leaks between "
              "factions that trust each other, until it crosses a threshold. From then on, factions can build "
              "general AIs.",
        off="Knowledge stops just short of the threshold. General AI is never built, and any AI stays narrow "
            "and below human level.",
        scenario="no_discovery",
        prediction=PREMISE_PREDICTION,
    ),
    Lesson(
        "P3", "We won't stop at human level",
        says="Once AI reaches human level, nothing holds it there: it keeps improving, and AIs can help design "
             "even better AIs.",
        model="Each AI has a capability, measured against a human's. Capabilities grow every year, and the "
              "more capable an AI is, the faster it grows. Past a point, AIs design their own successors "
              "(the Age of Design), and growth speeds up further.",
        off="AIs are still discovered and built, but their capability is capped at human level: there is no "
            "Age of Design and no superintelligence. There can still be many AIs.",
        scenario="human_ceiling",
        prediction=PREMISE_PREDICTION,
    ),
    Lesson(
        "P4", "Intelligence begets power",
        says="Being smarter lets you gain more: more wealth, more influence, more control over what happens "
             "next.",
        model="Every year, the new resources of the world are shared out in a contest. What each faction or "
              "AI wins depends on the power it already has and on its intelligence: the smarter win more for "
              "each unit of power they hold.",
        off="Intelligence counts for nothing in the contest: each year's gains follow power alone. "
            "Superintelligent AIs can still exist, but being smart gives them no edge.",
        scenario="no_power_accrual",
        prediction=PREMISE_PREDICTION,
    ),
)


@dataclass(frozen=True)
class MiniRun:
    """The baseline and one knockout on the same seed: their final summaries and the chart."""

    code: str
    seed: int
    labels: tuple[str, str]  # (baseline, knockout)
    summaries: dict[str, dict]
    png: bytes


def mini_scenario(name: str, seed: int) -> Scenario:
    """A library scenario made small and short for a mini-run, on ``seed``."""
    scenario = load_scenario(name)
    return scenario.replace(seed=seed, steps=min(scenario.steps, MINI_STEPS),
                            max_ais=min(scenario.max_ais, MINI_MAX_AIS),
                            initial_ais=min(scenario.initial_ais, MINI_MAX_AIS))


def mini_run(lesson: Lesson, seed: int) -> MiniRun:
    """Run the baseline and the lesson's knockout scenario on ``seed``."""
    labels = ("all four premises on", f"{lesson.code} switched off")
    frames: dict[str, pd.DataFrame] = {}
    summaries: dict[str, dict] = {}
    for label, name in zip(labels, (BASELINE, lesson.scenario), strict=True):
        model = SuccessionModel(mini_scenario(name, seed))
        frames[label] = model.run()
        summaries[label] = model.summary()
    png = mini_run_png(frames, title=f"AI share of all power, seed {seed}")
    return MiniRun(lesson.code, seed, labels, summaries, png)


def _pct(share: float) -> str:
    return "less than 1%" if 0 < share < 0.005 else f"{100 * share:.0f}%"


def run_words(label: str, summary: dict) -> str:
    """Whether succession happened in one mini-run, in a sentence."""
    years, share = summary["steps"], _pct(summary["ai_power_share"])
    outcome = OUTCOME_NAMES.get(summary["outcome"], summary["outcome"])
    if summary["succession_year"] is not None:
        return (f"With {label}: succession. AIs first held more than half of all power in year "
                f"{summary['succession_year']}; after {years} years they hold {share}. Outcome: {outcome}.")
    return f"With {label}: no succession within {years} years. AIs end with {share} of all power. Outcome: {outcome}."


def comparison_words(run: MiniRun) -> str:
    """What switching the premise off changed in this pair of runs."""
    base, off = (run.summaries[label] for label in run.labels)
    code, years = run.code, base["steps"]
    first, second = base["succession_year"], off["succession_year"]
    if first is not None and second is None:
        return (f"With {code} switched off, AIs did not reach half of all power within this mini-run's {years} "
                f"years, on this seed. That need not mean {code} off stops succession: it may only come later. "
                "The knockout over many seeds and the full horizon (succession-sim knockout) tells the two apart.")
    if first is None and second is None:
        return (f"Neither world reached succession within {years} years, so this mini-run cannot tell what "
                f"{code} does. Open the knockout scenario to run it for longer.")
    if first is None:
        return f"Here succession happened only with {code} switched off: a surprise worth discussing."
    if second > first:
        return f"Switching {code} off only delayed succession in this mini-run, by {second - first} years."
    if second < first:
        return f"With {code} switched off, succession came {first - second} years earlier in this mini-run."
    return f"Switching {code} off did not change the year of succession in this mini-run."


# --- the race among policies ------------------------------------------------------------------
MORE, SAME, FEWER = ("More parent factions than at the start", "About as many as at the start",
                     "Fewer parent factions than at the start")
#: How far the parent share may move from the start and still count as "about as many".
SAME_BAND = 0.1


def _race_outcome(run: MiniRun) -> str:
    """Which of the race prediction's choices the race (its first world) bears out."""
    race = run.summaries[run.labels[0]]
    change = race["parent_share"] - load_scenario(RACE.scenario).parent_fraction
    return SAME if abs(change) <= SAME_BAND else (MORE if change > 0 else FEWER)


#: Asked on the race card before its mini-run.
RACE_PREDICTION = Prediction(
    "Predict first: in the race, where will the parent factions be when the mini-run ends?",
    (MORE, SAME, FEWER), _race_outcome)

RACE = Lesson(
    "race", "Can parenting survive a race?",
    says="Sutton's first premise has a second edge: if nobody can enforce a worldwide choice, nobody can "
         "enforce raising AIs as parents either. Each faction treats its AIs as it sees fit, and watches "
         "which way of treating them pays.",
    model="Ten factions start half parents and half enslavers. Every year each one, with probability 0.2, "
          "compares how much its power grew with another faction's, and copies that faction's policy, the "
          "more likely the faster the other grew. Parenting spreads only where it grows power faster.",
    off="With humanity unified (P1 off), one authority imposes the parent policy in every year it enforces, "
        "and the factions copy each other only in the other years: the mandated_parenting scenario.",
    scenario="race_to_the_bottom",
    prediction=RACE_PREDICTION,
)
#: The two worlds of the race's mini-run: the race itself, and the same world under a mandate.
RACE_WORLDS = (("the race (P1 on)", "race_to_the_bottom"), ("the world where an authority mandates parenting (P1 off)",
                                                            "mandated_parenting"))


def race_mini_run(seed: int) -> MiniRun:
    """The race and the mandated world on ``seed``: the share of parent factions over time."""
    frames: dict[str, pd.DataFrame] = {}
    summaries: dict[str, dict] = {}
    for label, name in RACE_WORLDS:
        model = SuccessionModel(mini_scenario(name, seed))
        frames[label] = model.run()
        summaries[label] = model.summary()
    png = mini_run_png(frames, title=f"Share of factions that are parents, seed {seed}", column="parent_share",
                       y_label="parent share", reference="the start (0.5)")
    return MiniRun(RACE.code, seed, tuple(label for label, _ in RACE_WORLDS), summaries, png)


def race_words(label: str, summary: dict) -> str:
    """How the parent share ended in one world of the race's mini-run, in a sentence."""
    return (f"In {label}: after {summary['steps']} years {_pct(summary['parent_share'])} of the factions are "
            f"parents ({summary['policy_switches']} changes of policy along the way). Outcome: "
            f"{OUTCOME_NAMES.get(summary['outcome'], summary['outcome'])}.")
