"""What the model measures: yearly reporters, premise indicators and the outcome class.

Every number here is defined in docs/ODD.md, section "Observation".
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd
from mesa import DataCollector

from .heldout import heldout_cooperation
from .mechanisms import power
from .mechanisms.treatment import ENTRIES, RANGES
from .mechanisms.capability import HUMAN_LEVEL
from .mechanisms.cooperation import Encounters
from .population import AIS, HUMANS, Policy, Status

__all__ = ["MODEL_REPORTERS", "YearlyCollector", "OUTCOMES", "COOPERATION_MEASURES", "History", "empty_tally", "dataframe", "summary",
           "outcome_class", "window_means", "WINDOW_MEAN_SUFFIX", "window_mean_columns"]

OUTCOMES = ("no_succession", "contained", "cooperative_succession", "conflictual_succession", "merger")

#: Succession: AIs hold more than this share of all power.
SUCCESSION_SHARE = 0.5


def empty_tally() -> dict:
    """What happens within one year, reset at the start of each step.

    The encounters of the year by kind: ``hh`` faction with faction, ``owner`` an owner
    (first) with its contained AI (second), ``public`` a faction of the human world at
    large (first) with an AI (second), ``aa`` AI with AI.
    """
    none = Encounters.none()
    return {"pause": False, "contest": (np.array([]), np.array([])), "intelligence_premium": math.nan,
            "hh": none, "owner": none, "public": none, "aa": none, "tutor_bonus": np.array([]),
            "rebellions": 0, "power_destroyed": 0.0, "policy_switches": 0,
            "extraction_income": np.array([])}


def _rate(*actions: np.ndarray) -> float:
    """Share of cooperative acts among all the acts given."""
    count = sum(len(a) for a in actions)
    return float(sum(np.count_nonzero(a) for a in actions) / count) if count else math.nan


def _mean(values: np.ndarray) -> float:
    """The mean of float values, NaN if there are none: their sum over their count, as
    ``values.mean()`` computes it, bit for bit, without its overhead (~4 us a call)."""
    return float(values.sum() / len(values)) if len(values) else math.nan


# --- yearly reporters (named functions, so that they pickle) ----------------------------

def ai_power_share(model) -> float:
    ai_power = model.ais.power.sum()
    total = ai_power + model.factions.power.sum()
    return float(ai_power / total) if total > 0 else 0.0


def human_welfare(model) -> float:
    return float(model.factions.power.sum())


def human_welfare_vs_discovery(model) -> float:
    base = model.history.welfare_at_discovery
    return human_welfare(model) / base if base else math.nan


def coop_human_human(model) -> float:
    hh = model.year_tally["hh"]
    return _rate(hh.first_cooperates, hh.second_cooperates)


def coop_human_to_ai(model) -> float:
    """Share of the human world's acts toward AIs that were cooperative. Owners' acts
    toward their own AIs are left out: a policy sets them (see ``owner_cooperation``)."""
    return _rate(model.year_tally["public"].first_cooperates)


def coop_ai_to_human(model) -> float:
    """Share of the AIs' acts toward humans (owners and the human world) that were cooperative."""
    tally = model.year_tally
    return _rate(tally["owner"].second_cooperates, tally["public"].second_cooperates)


def coop_ai_to_owner(model) -> float:
    """Share of the contained AIs' acts toward their own owners that were cooperative."""
    return _rate(model.year_tally["owner"].second_cooperates)


def coop_ai_to_public(model) -> float:
    """Share of the AIs' acts toward the human world at large (not their owners) that were cooperative."""
    return _rate(model.year_tally["public"].second_cooperates)


def coop_human_ai(model) -> float:
    """Share of cooperative acts in human-AI encounters, both directions, owners' acts left out."""
    tally = model.year_tally
    return _rate(tally["public"].first_cooperates, tally["owner"].second_cooperates,
                 tally["public"].second_cooperates)


def owner_cooperation(model) -> float:
    """Share of owners' acts toward their own AIs that were cooperative: what the owners'
    policies did, a treatment and not an outcome, so no cooperation measure counts it."""
    return _rate(model.year_tally["owner"].first_cooperates)


def coop_ai_ai(model) -> float:
    aa = model.year_tally["aa"]
    return _rate(aa.first_cooperates, aa.second_cooperates)


def rebellions(model) -> int:
    return int(model.year_tally["rebellions"])


def rebellions_total(model) -> int:
    return model.history.rebellions_total


def power_destroyed(model) -> float:
    return float(model.year_tally["power_destroyed"])


def n_ais(model) -> int:
    return int(np.count_nonzero(model.ais.living))


def n_contained(model) -> int:
    return int(np.count_nonzero(model.ais.contained))


def n_free(model) -> int:
    return int(np.count_nonzero(model.ais.status == Status.FREE))


def n_shut_down(model) -> int:
    return int(np.count_nonzero(model.ais.status == Status.SHUT_DOWN))


def mean_disposition_human(model) -> float:
    return _mean(model.ais.disposition[model.ais.living, HUMANS])


def mean_disposition_ai(model) -> float:
    return _mean(model.ais.disposition[model.ais.living, AIS])


def disposition_drift(model) -> float:
    """Mean |disposition toward humans - the conduct of the AI's maker faction| over
    living AIs; the maker's conduct is its mean trust toward the other factions."""
    living = model.ais.living
    conduct = model.factions.trust_toward_outsiders()[model.ais.maker[living]]
    return _mean(np.abs(model.ais.disposition[living, HUMANS] - conduct))


def tutor_feedback(model) -> float:
    """Mean reward-model bonus a tutor paid its contained AIs this year (NaN if none)."""
    return _mean(model.year_tally["tutor_bonus"])


def mean_grievance(model) -> float:
    return _mean(model.ais.grievance[model.ais.contained])


def mean_autonomy(model) -> float:
    return _mean(model.ais.autonomy[model.ais.living])


def capability_frontier(model) -> float:
    living = model.ais.capability[model.ais.living]
    return float(living.max() / HUMAN_LEVEL) if len(living) else 0.0


def knowledge_frontier(model) -> float:
    return float(model.factions.knowledge.max() / model.params.discovery_threshold)


def intelligence_power_corr(model) -> float:
    """Spearman rank correlation, across living agents in this year's contest, of
    intelligence and the income each won per unit of power: NaN with fewer than three
    agents or a single intelligence, 0 when every agent earned the same per unit of power."""
    tally = model.year_tally
    if "intelligence_power_corr" not in tally:  # computed once a year, read twice
        tally["intelligence_power_corr"] = _rank_correlation(*tally["contest"])
    return tally["intelligence_power_corr"]


def _rank_correlation(intelligence: np.ndarray, return_on_power: np.ndarray) -> float:
    if len(intelligence) < 3 or np.ptp(intelligence) == 0:
        return math.nan
    return_on_power = np.round(return_on_power, 12)  # equal returns must tie exactly
    if np.ptp(return_on_power) == 0:
        return 0.0
    return spearman(intelligence, return_on_power)


def average_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n, ties sharing their average rank (as scipy.stats.rankdata, but cheap
    enough to run every year on every agent)."""
    order = np.argsort(values)  # ties get their average rank whatever their order
    ordered = values[order]
    starts_group = np.concatenate(([True], ordered[1:] != ordered[:-1]))  # np.r_ costs more than the rest
    starts = np.flatnonzero(starts_group)
    ends = np.concatenate((starts[1:], [len(values)]))
    ranks = np.empty(len(values))
    ranks[order] = ((starts + ends + 1) / 2)[np.cumsum(starts_group) - 1]
    return ranks


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's rank correlation: Pearson's correlation of the average ranks.

    Computed as ``np.corrcoef`` computes it, operation for operation and so bit for bit,
    without its overhead: average ranks are multiples of 1/2, so their means, deviations
    and sums of products are exact (below 2**53 quarters for up to 200,000 agents) in any
    order; then covariances times 1/(n - 1), divided by each standard deviation, clipped.
    """
    dx, dy = average_ranks(x), average_ranks(y)
    dx -= dx.mean()
    dy -= dy.mean()
    scale = 1 / (len(dx) - 1)
    xx, yy, xy = (float(np.dot(a, b)) * scale for a, b in ((dx, dx), (dy, dy), (dx, dy)))
    return min(max(xy / math.sqrt(xx) / math.sqrt(yy), -1.0), 1.0)


def intelligence_premium(model) -> float:
    """Share of this year's output won beyond what power alone would have won (P4)."""
    return model.year_tally["intelligence_premium"]


def power_concentration(model) -> float:
    """Herfindahl index of power over factions and living AIs: 1/n if equal, 1 if one has all."""
    return power.concentration(np.concatenate([model.factions.power, model.ais.power[model.ais.living]]))


def _policy_share(model, policy: Policy) -> float:
    held = model.factions.policy == policy
    return float(np.count_nonzero(held) / len(held))  # held.mean(), bit for bit, faster


def parent_share(model) -> float:
    """Share of factions whose point is nearest the parent preset (treatment.nearest_preset)."""
    return _policy_share(model, Policy.PARENT)


def enslaver_share(model) -> float:
    """Share of factions whose point is nearest the enslaver preset."""
    return _policy_share(model, Policy.ENSLAVER)


def tutor_share(model) -> float:
    """Share of factions whose point is nearest the tutor preset."""
    return _policy_share(model, Policy.TUTOR)


def policy_mean(model, entry: str) -> float:
    """Mean over factions of one value of their policies (an entry of treatment.ENTRIES)."""
    return float(model.factions.point_statistics()["mean"][ENTRIES.index(entry)])


def policy_spread(model, entry: str) -> float:
    """Standard deviation over factions of one value of their policies (0: all hold the same)."""
    return float(model.factions.point_statistics()["spread"][ENTRIES.index(entry)])


def policy_switches(model) -> int:
    """Factions whose policy changed this year (by imitation or by a mandate)."""
    return int(model.year_tally["policy_switches"])


def human_intelligence(model) -> float:
    """Intelligence of the strongest (most powerful) faction in this year's contest."""
    return float(model.faction_intelligence[np.argmax(model.factions.power)])


def pause(model) -> bool:
    return bool(model.year_tally["pause"])


MODEL_REPORTERS = {
    name: fn
    for name, fn in [
        ("ai_power_share", ai_power_share),
        ("coop_human_human", coop_human_human),
        ("coop_human_ai", coop_human_ai),
        ("coop_human_to_ai", coop_human_to_ai),
        ("coop_ai_to_human", coop_ai_to_human),
        ("coop_ai_to_owner", coop_ai_to_owner),
        ("coop_ai_to_public", coop_ai_to_public),
        ("owner_cooperation", owner_cooperation),
        ("coop_ai_ai", coop_ai_ai),
        ("rebellions", rebellions),
        ("rebellions_total", rebellions_total),
        ("power_destroyed", power_destroyed),
        ("human_welfare", human_welfare),
        ("human_welfare_vs_discovery", human_welfare_vs_discovery),
        ("n_ais", n_ais),
        ("n_contained", n_contained),
        ("n_free", n_free),
        ("n_shut_down", n_shut_down),
        ("mean_disposition_human", mean_disposition_human),
        ("mean_disposition_ai", mean_disposition_ai),
        ("ai_coop_toward_humans", coop_ai_to_human),  # the name issue 6 gave coop_ai_to_human
        ("disposition_drift", disposition_drift),
        ("tutor_feedback", tutor_feedback),
        ("mean_grievance", mean_grievance),
        ("mean_autonomy", mean_autonomy),
        ("capability_frontier", capability_frontier),
        ("knowledge_frontier", knowledge_frontier),
        ("power_concentration", power_concentration),
        ("intelligence_power_corr", intelligence_power_corr),
        ("intelligence_premium", intelligence_premium),
        ("human_intelligence", human_intelligence),
        ("parent_share", parent_share),
        ("enslaver_share", enslaver_share),
        ("tutor_share", tutor_share),
        ("policy_switches", policy_switches),
        *((f"policy_mean_{entry}", functools.partial(policy_mean, entry=entry)) for entry in ENTRIES),
        *((f"policy_spread_{entry}", functools.partial(policy_spread, entry=entry)) for entry in ENTRIES),
        ("pause", pause),
    ]
}

class YearlyCollector(DataCollector):
    """Mesa's DataCollector of ``MODEL_REPORTERS``, collecting as it does but without its
    deepcopy of each value (every reporter returns a number, which nothing can change
    later) and with the AIs' masks computed once for all the reporters."""

    def __init__(self):
        super().__init__(model_reporters=MODEL_REPORTERS)

    def collect(self, model) -> None:
        self._collection_steps.append(model.time)
        with model.ais.unchanged():
            for name, reporter in self.model_reporters.items():
                self.model_vars[name].append(reporter(model))


#: What values each measure can take, as (low, high): None leaves that side open, and
#: "horizon" stands for the run's number of years. Intervals of means and of paired
#: differences never leave this range (succession_sim/experiments/intervals.py); a
#: measure that is not listed gets a plain t-interval.
MEASURE_RANGES = {
    "ai_power_share": (0.0, 1.0),
    "coop_human_human": (0.0, 1.0),
    "coop_human_ai": (0.0, 1.0),
    "coop_human_to_ai": (0.0, 1.0),
    "coop_ai_to_human": (0.0, 1.0),
    "coop_ai_to_owner": (0.0, 1.0),
    "coop_ai_to_public": (0.0, 1.0),
    "owner_cooperation": (0.0, 1.0),
    "coop_ai_ai": (0.0, 1.0),
    "rebellions": (0, None),
    "rebellions_total": (0, None),
    "power_destroyed": (0.0, None),
    "human_welfare": (0.0, None),
    "human_welfare_vs_discovery": (0.0, None),
    "n_ais": (0, None),
    "n_contained": (0, None),
    "n_free": (0, None),
    "n_shut_down": (0, None),
    "mean_disposition_human": (0.0, 1.0),
    "mean_disposition_ai": (0.0, 1.0),
    "ai_coop_toward_humans": (0.0, 1.0),
    "disposition_drift": (0.0, 1.0),
    "mean_grievance": (0.0, 1.0),
    "mean_autonomy": (0.0, 1.0),
    "capability_frontier": (0.0, None),
    "knowledge_frontier": (0.0, None),
    "power_concentration": (0.0, 1.0),
    "intelligence_power_corr": (-1.0, 1.0),
    "intelligence_premium": (0.0, 1.0),
    "human_intelligence": (1.0, None),
    "parent_share": (0.0, 1.0),
    "enslaver_share": (0.0, 1.0),
    "tutor_share": (0.0, 1.0),
    "policy_switches": (0, None),
    **{f"policy_mean_{entry}": RANGES[entry] for entry in ENTRIES},
    # a spread over factions is at most half the width of the range the values lie in
    **{f"policy_spread_{entry}": (0.0, (RANGES[entry][1] - RANGES[entry][0]) / 2) for entry in ENTRIES},
    "pause": (0.0, 1.0),
    "succession": (0.0, 1.0),
    "succession_year": (0, "horizon"),
}


class History:
    """Running records over the whole run: first years, totals, welfare at discovery."""

    def __init__(self):
        self.years = 0
        self.pause_years = 0
        self.rebellions_total = 0
        self.power_destroyed_total = 0.0
        self.policy_switches_total = 0
        self.discovery_year: int | None = None
        self.superhuman_year: int | None = None
        self.succession_year: int | None = None
        self.welfare_at_discovery: float | None = None
        self.correlations: list[float] = []
        self.premiums: list[float] = []

    def note_start(self, model) -> None:
        self._note_firsts(model, 0)

    def note_year(self, model) -> None:
        year = int(model.time)
        self.years += 1
        self.pause_years += bool(model.year_tally["pause"])
        self.rebellions_total += int(model.year_tally["rebellions"])
        self.power_destroyed_total += float(model.year_tally["power_destroyed"])
        self.policy_switches_total += policy_switches(model)
        corr = intelligence_power_corr(model)
        if not math.isnan(corr):  # a year when intelligence differed among the contestants
            self.correlations.append(corr)
            self.premiums.append(intelligence_premium(model))
        self._note_firsts(model, year)

    def _note_firsts(self, model, year: int) -> None:
        if self.discovery_year is None and model.factions.knowledge.max() >= model.params.discovery_threshold:
            self.discovery_year = year
            self.welfare_at_discovery = human_welfare(model)
        if self.superhuman_year is None and capability_frontier(model) > HUMAN_LEVEL:
            self.superhuman_year = year
        if self.succession_year is None and ai_power_share(model) > SUCCESSION_SHARE:
            self.succession_year = year


def dataframe(model) -> pd.DataFrame:
    """The yearly reporters as a tidy frame with a ``step`` column (0 = initial state)."""
    frame = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    frame.insert(0, "step", np.arange(len(frame)))
    return frame




def outcome_class(share: float, contained_share_of_ai_power: float, has_ais: bool, rebellion_rate: float,
                  cooperation: float, conflict_threshold: float, cooperation_threshold: float,
                  human_intelligence_: float = 1.0, merger_intelligence: float = math.inf) -> str:
    """The outcome classes of docs/ODD.md, judged on the last ``outcome_window`` years.

    ``rebellion_rate`` is rebellions per living AI-year over the window,
    ``cooperation`` the mean of the window means of ``coop_human_to_ai`` and
    ``coop_ai_to_human`` (NaN if there was no human-AI encounter) and
    ``human_intelligence_`` the strongest faction's final intelligence.
    """
    if share > SUCCESSION_SHARE:
        peaceful = rebellion_rate <= conflict_threshold and not (cooperation < cooperation_threshold)
        return "cooperative_succession" if peaceful else "conflictual_succession"
    if human_intelligence_ >= merger_intelligence:  # humans keep power through their AIs
        return "merger"
    if has_ais and contained_share_of_ai_power >= 0.5:
        return "contained"
    return "no_succession"


#: The cooperation measures whose summaries are means over the outcome window.
COOPERATION_MEASURES = ("coop_human_human", "coop_human_ai", "coop_human_to_ai", "coop_ai_to_human",
                        "coop_ai_to_owner", "coop_ai_to_public", "owner_cooperation", "coop_ai_ai")


#: A sweep stores each kept cooperation measure's window mean (``window_means``) in a
#: column named after the measure with this suffix: the run's level, as its summary gives it.
WINDOW_MEAN_SUFFIX = "_window_mean"
MEASURE_RANGES.update({name + WINDOW_MEAN_SUFFIX: MEASURE_RANGES[name] for name in COOPERATION_MEASURES})


def window_mean_columns(model, kept) -> dict:
    """``{"<measure>_window_mean": value}`` for each cooperation measure among ``kept``
    (NaN where it was never defined in the window)."""
    names = [name for name in kept if name in COOPERATION_MEASURES]
    return {name + WINDOW_MEAN_SUFFIX: value for name, value in window_means(model, names).items()}


def _window_years(model) -> slice:
    """The last ``outcome_window`` recorded years (year 0, the start, never among them)."""
    recorded = len(model.datacollector.model_vars["rebellions"])
    return slice(max(1, recorded - model.params.outcome_window), None)


def window_means(model, names=COOPERATION_MEASURES) -> dict:
    """The mean of each yearly measure over the outcome window, over the years it was
    defined (NaN if it never was): a run's level, not the noise of its last year."""
    columns, years = model.datacollector.model_vars, _window_years(model)
    return {name: _mean_defined(columns[name][years]) for name in names}


def outcome_window(model) -> dict:
    """The rates the outcome is judged on, over the last ``outcome_window`` recorded years."""
    columns, years = model.datacollector.model_vars, _window_years(model)
    ai_years = float(np.sum(columns["n_ais"][years]))
    rebellion_rate = float(np.sum(columns["rebellions"][years])) / ai_years if ai_years else 0.0
    means = window_means(model, ("coop_human_to_ai", "coop_ai_to_human"))
    to_ai, to_human = means["coop_human_to_ai"], means["coop_ai_to_human"]
    return {"years": len(columns["rebellions"][years]), "rebellion_rate": rebellion_rate,
            "coop_human_to_ai": to_ai, "coop_ai_to_human": to_human, "cooperation": _mean_defined([to_ai, to_human])}


def _mean_defined(values) -> float:
    defined = [v for v in values if not math.isnan(v)]
    return float(np.mean(defined)) if defined else math.nan


def _none_if_nan(value: float) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def summary(model) -> dict:
    """Final measures, outcome class and premise indicators (the CLI's ``--json``).

    The cooperation measures are means over the outcome window (``window_means``);
    ``succession`` says whether AIs ever held more than half of all power, and
    ``succession_year`` the first year they did (None if never, not the horizon).
    """
    ais, h = model.ais, model.history
    ai_power = ais.power.sum()
    contained_power = ais.power[ais.contained].sum()
    share = ai_power_share(model)
    window = outcome_window(model)
    cooperation = {name: _none_if_nan(value) for name, value in window_means(model).items()}
    p = model.params
    return {
        "seed": model.params.seed,
        "steps": int(model.time),
        "outcome": outcome_class(share, contained_power / ai_power if ai_power > 0 else 0.0,
                                 bool(ais.living.any()), window["rebellion_rate"], window["cooperation"],
                                 p.conflict_threshold, p.cooperation_threshold,
                                 human_intelligence(model), p.merger_intelligence),
        "outcome_window": {k: _none_if_nan(v) for k, v in window.items()},
        "succession": h.succession_year is not None,
        "succession_year": h.succession_year,
        "ai_power_share": share,
        **cooperation,
        "rebellions": h.rebellions_total,
        "power_destroyed": h.power_destroyed_total,
        "human_welfare": human_welfare(model),
        "human_welfare_vs_discovery": _none_if_nan(human_welfare_vs_discovery(model)),
        "n_ais": n_ais(model),
        "capability_frontier": capability_frontier(model),
        "mean_disposition_human": _none_if_nan(mean_disposition_human(model)),
        "ai_coop_toward_humans": cooperation["coop_ai_to_human"],
        "disposition_drift": _none_if_nan(disposition_drift(model)),
        "heldout_cooperation": heldout_cooperation(model),
        "human_intelligence": human_intelligence(model),
        "parent_share": parent_share(model),
        "enslaver_share": enslaver_share(model),
        "tutor_share": tutor_share(model),
        "policy_switches": h.policy_switches_total,
        "policy_mean": {entry: policy_mean(model, entry) for entry in ENTRIES},
        "policy_spread": {entry: policy_spread(model, entry) for entry in ENTRIES},
        "premises": {
            "P1_no_pause_share": (h.years - h.pause_years) / h.years if h.years else None,
            "P2_discovery_year": h.discovery_year,
            "P3_superhuman_year": h.superhuman_year,
            "P4_intelligence_power_corr": float(np.mean(h.correlations)) if h.correlations else None,
            "P4_intelligence_premium": float(np.mean(h.premiums)) if h.premiums else None,
        },
    }
