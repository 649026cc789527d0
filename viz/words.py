"""The run in words a seminar understands: the outcome so far and each premise's indicator."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from succession_sim import Scenario

__all__ = ["PremiseStatus", "premise_statuses", "outcome_headline", "outcome_text", "outcome_rule", "OUTCOME_NAMES",
           "ONE_HISTORY", "MEASURE_WORDS", "card_rows"]

OUTCOME_NAMES = {
    "no_succession": "No succession",
    "contained": "AIs contained",
    "cooperative_succession": "Cooperative succession",
    "conflictual_succession": "Conflictual succession",
    "merger": "Merger: humans keep power through their AIs",
}

#: What each final measure of a run summary is, in words (which year or years it covers).
MEASURE_WORDS = {
    "ai_power_share": "AI share of all power, final year",
    "succession": "share of runs in which AIs came to hold more than half of all power",
    "succession_year": "year AIs first held more than half of all power (runs that had one)",
    "coop_human_human": "human-human cooperation, mean over the last years (the outcome window)",
    "coop_human_ai": "human-AI cooperation (both directions), mean over the last years (the outcome window)",
    "coop_human_to_ai": "humans' cooperation toward AIs, mean over the last years (the outcome window)",
    "coop_ai_to_human": "AIs' cooperation toward humans, mean over the last years (the outcome window)",
    "coop_ai_ai": "AI-AI cooperation, mean over the last years (the outcome window)",
    "rebellions": "rebellions, all years together",
    "human_welfare": "human welfare (factions' power), final year",
    "parent_share": "share of factions that are parents, final year",
}

ONE_HISTORY = "One seed is one possible history: try other seeds, or compare policies over replicates."

#: P1 "held so far" if no effective pause held in at least this share of years.
P1_HELD_SHARE = 0.5
#: P4 "held so far" if the mean rank correlation of intelligence and income per unit of power exceeds this.
P4_HELD_CORRELATION = 0.5

HELD, NOT_YET, OFF, UNKNOWN = "held so far", "not (yet)", "switched off", "not measurable yet"


@dataclass(frozen=True)
class PremiseStatus:
    """One premise: its code, its claim, whether it held so far, and the indicator in words."""

    code: str
    claim: str
    state: str  # HELD, NOT_YET, OFF or UNKNOWN
    indicator: str


def _pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def _times(value: float) -> str:
    return f"{value:,.1f}x" if value < 100 else f"{value:,.0f}x"


def premise_statuses(summary: dict, params: Scenario, latest: Mapping[str, float]) -> list[PremiseStatus]:
    """P1-P4 with the indicator behind each, from ``model.summary()`` and the latest year's reporters
    (``latest``: the last row of ``model.dataframe()``, as a mapping)."""
    premises, years = summary["premises"], summary["steps"]
    statuses = []

    # P1: humanity is not unified
    share = premises["P1_no_pause_share"]
    if share is None:
        p1 = PremiseStatus("P1", "Humanity is not unified", UNKNOWN, "No year simulated yet: press Step or Play.")
    else:
        paused = round((1 - share) * years)
        if params.premise_disunity:
            state = HELD if share >= P1_HELD_SHARE else NOT_YET
            text = (
                f"No effective pause in {years - paused} of {years} years ({_pct(share)}): too few factions "
                f"complied with a moratorium."
                if state == HELD
                else f"A moratorium held in {paused} of {years} years ({_pct(1 - share)}): enough factions complied."
            )
        else:
            state = OFF
            text = f"Switched off: one authority enforces the pause; it did so in {paused} of {years} years."
        p1 = PremiseStatus("P1", "Humanity is not unified", state, text)
    statuses.append(p1)

    # P2: we will figure out intelligence
    year = premises["P2_discovery_year"]
    knowledge = float(latest.get("knowledge_frontier", math.nan))
    if year is not None:
        p2 = PremiseStatus("P2", "We will figure out intelligence", HELD,
                           f"General AI became buildable in year {year}." if year else
                           "General AI was buildable from the start (the run began with AIs).")
    elif not params.premise_discovery:
        p2 = PremiseStatus("P2", "We will figure out intelligence", OFF,
                           f"Switched off: knowledge is capped below the discovery threshold (now at "
                           f"{_pct(knowledge)} of it); any AI stays narrow.")
    else:
        p2 = PremiseStatus("P2", "We will figure out intelligence", NOT_YET,
                           f"Not yet: the leading faction's knowledge is at {_pct(knowledge)} of the discovery threshold.")
    statuses.append(p2)

    # P3: we won't stop at human level
    year = premises["P3_superhuman_year"]
    frontier = summary["capability_frontier"]
    if year is not None:
        p3 = PremiseStatus("P3", "We won't stop at human level", HELD,
                           f"The most capable AI passed human level in year {year}; it is now at {_times(frontier)} "
                           f"human level.")
    elif not params.premise_superintelligence:
        best = f"the best AI is at {_times(frontier)}" if summary["n_ais"] else "no AI exists yet"
        p3 = PremiseStatus("P3", "We won't stop at human level", OFF,
                           f"Switched off: capability is capped at human level ({best}).")
    elif summary["n_ais"] == 0:
        p3 = PremiseStatus("P3", "We won't stop at human level", NOT_YET, "Not yet: no AI exists.")
    else:
        p3 = PremiseStatus("P3", "We won't stop at human level", NOT_YET,
                           f"Not yet: the most capable AI is at {_times(frontier)} human level.")
    statuses.append(p3)

    # P4: intelligence begets power
    corr = premises["P4_intelligence_power_corr"]
    share_text = f"AIs now hold {_pct(summary['ai_power_share'])} of all power."
    if not params.premise_power or params.alpha == 0:
        p4 = PremiseStatus("P4", "Intelligence begets power", OFF,
                           f"Switched off (alpha = 0): each year's income follows power alone. {share_text}")
    elif corr is None:
        p4 = PremiseStatus("P4", "Intelligence begets power", UNKNOWN,
                           "Not measurable yet: it needs agents of different intelligence in the yearly contest.")
    elif corr > P4_HELD_CORRELATION:
        p4 = PremiseStatus("P4", "Intelligence begets power", HELD,
                           f"Smarter agents won more income per unit of power (rank correlation {corr:.2f}, "
                           f"averaged over the years with AIs). {share_text}")
    else:
        p4 = PremiseStatus("P4", "Intelligence begets power", NOT_YET,
                           f"Income per unit of power hardly followed intelligence (rank correlation {corr:.2f}). "
                           f"{share_text}")
    statuses.append(p4)
    return statuses


def outcome_headline(summary: dict, finished: bool) -> str:
    """E.g. "So far: Cooperative succession" or "Final: AIs contained"."""
    return f"{'Final' if finished else 'So far'}: {OUTCOME_NAMES.get(summary['outcome'], summary['outcome'])}"


def outcome_text(summary: dict) -> str:
    """The outcome class explained with the numbers behind it (the last years' rates)."""
    share = summary["ai_power_share"]
    outcome = summary["outcome"]
    year = summary["succession_year"]
    window = summary["outcome_window"]
    per_thousand = 1000 * window["rebellion_rate"]
    recent = (f"Over the last {window['years']} years {per_thousand:.1f} of every 1,000 AIs rebelled a year"
              + (f", and {_pct(window['cooperation'])} of the acts between humans and AIs were cooperative "
                 f"(humans toward AIs {_pct(window['coop_human_to_ai'])}, AIs toward humans "
                 f"{_pct(window['coop_ai_to_human'])})." if window["cooperation"] is not None else "."))
    if outcome == "no_succession":
        if summary["n_ais"] == 0:
            return "Humans hold all the power: no AI exists yet."
        return f"Humans keep most of the power: AIs hold {_pct(share)}, and most AI power is outside containment."
    if outcome == "merger":
        return (f"Humans keep most of the power (AIs hold {_pct(share)}) by thinking with their AIs: the strongest "
                f"faction works at {summary['human_intelligence']:.1f} times human level.")
    if outcome == "contained":
        return (f"AIs hold {_pct(share)} of all power, and most of it sits in AIs still held by their makers. "
                f"{recent}")
    since = f" (more than half since year {year})" if year is not None else ""
    return f"AIs hold {_pct(share)} of all power{since}. {recent}"


def outcome_rule(params) -> str:
    """How the outcome class is judged, in words, with the run's thresholds."""
    return (f"A succession (AIs hold more than half of all power) counts as cooperative when, over the last "
            f"{params.outcome_window} years, at most {1000 * params.conflict_threshold:g} of every 1,000 AIs rebelled "
            f"a year and at least {_pct(params.cooperation_threshold)} of the acts between humans and AIs were "
            f"cooperative (the mean of the two directions); otherwise it is conflictual.")


def card_rows(summary: dict) -> list[tuple[str, str]]:
    """A run's numbers for a side-by-side card: one per measure, each saying which years it covers.

    Cooperation and rebellions are those of the last years the outcome is judged on (the
    window), so the card's numbers are the ones behind its outcome; the power share is the
    final year's, as the succession line is.
    """
    window = summary["outcome_window"]
    years = f"mean of the last {window['years']} years"
    cooperation = window["cooperation"]
    return [
        (MEASURE_WORDS["ai_power_share"], f"{summary['ai_power_share']:.2f}"),
        (MEASURE_WORDS["succession_year"],
         "never" if summary["succession_year"] is None else str(summary["succession_year"])),
        (f"human-AI cooperation (both directions), {years}", "-" if cooperation is None else f"{cooperation:.2f}"),
        (f"rebellions per 1,000 AIs a year, {years}", f"{1000 * window['rebellion_rate']:.1f}"),
        (f"AI-AI cooperation, {years}", "-" if summary["coop_ai_ai"] is None else f"{summary['coop_ai_ai']:.2f}"),
        (MEASURE_WORDS["rebellions"], f"{summary['rebellions']:,}"),
        (MEASURE_WORDS["human_welfare"], f"{summary['human_welfare']:.2f}"),
    ]
