"""The measures: what each counts, and how a run's outcome is judged."""

import functools
import math
from types import SimpleNamespace

import mesa
import numpy as np
import pandas as pd
import pytest

from succession_sim import SuccessionModel, load_scenario, metrics
from succession_sim.mechanisms.capability import HUMAN_LEVEL
from succession_sim.mechanisms.cooperation import Encounters
from succession_sim.population import Policy, Status

from .runs import run


def _encounters(first_cooperates, second_cooperates):
    n = len(first_cooperates)
    return Encounters(np.zeros(n, int), np.arange(1, n + 1), np.array(first_cooperates, bool),
                      np.array(second_cooperates, bool))


def _year(owner, public, hh=((), ()), aa=((), ())):
    tally = {**metrics.empty_tally(), "owner": _encounters(*owner), "public": _encounters(*public),
             "hh": _encounters(*hh), "aa": _encounters(*aa)}
    return SimpleNamespace(year_tally=tally)


def test_the_owners_acts_are_counted_in_no_cooperation_measure():
    # owners always defect (a rule of the enslaver's bundle) or always cooperate: the
    # cooperation measures do not move, only owner_cooperation, which reports the policy
    public = ([True, False], [True, True])  # the human world: 1 of 2; AIs: 2 of 2
    ai_acts = [True, False, False]  # the AIs toward their owners: 1 of 3
    defecting, caring = _year(([False] * 3, ai_acts), public), _year(([True] * 3, ai_acts), public)
    for measure in (metrics.coop_human_to_ai, metrics.coop_ai_to_human, metrics.coop_human_ai):
        assert measure(defecting) == measure(caring)
    assert metrics.coop_human_to_ai(caring) == 0.5
    assert metrics.coop_ai_to_human(caring) == pytest.approx(3 / 5)  # 1 of 3 toward owners, 2 of 2 toward the public
    assert metrics.coop_human_ai(caring) == pytest.approx(4 / 7)
    assert (metrics.owner_cooperation(defecting), metrics.owner_cooperation(caring)) == (0.0, 1.0)


def test_each_cooperation_measure_counts_its_own_encounters():
    """Fails if a measure reads another kind of encounter or only one side of it: faction with
    faction 3 of 4 acts, AI with AI 1 of 4, AIs toward owners 1 of 2, toward the public 0 of 1."""
    year = _year(([True, True], [True, False]), ([True], [False]), hh=([True, True], [True, False]),
                 aa=([False, True], [False, False]))
    assert metrics.coop_human_human(year) == 0.75
    assert metrics.coop_ai_ai(year) == 0.25
    assert metrics.coop_ai_to_owner(year) == 0.5
    assert metrics.coop_ai_to_public(year) == 0.0


def test_a_year_without_encounters_has_no_rate():
    assert np.isnan(metrics.coop_human_to_ai(_year(([], []), ([], []))))


@pytest.mark.parametrize("rebels, cooperation, outcome", [
    (1 / (2000 * 20), 0.8, "cooperative_succession"),  # one rebel among 2,000 AIs over 20 years
    (0.02, 0.8, "conflictual_succession"),  # one AI in 50 rebels a year
    (0.0, 0.3, "conflictual_succession"),  # no rebellion, but mostly defection
    (0.0, float("nan"), "cooperative_succession"),  # nobody met: no evidence of conflict
])
def test_succession_is_judged_on_window_rates(rebels, cooperation, outcome):
    assert metrics.outcome_class(0.9, 0.5, True, rebels, cooperation, 0.005, 0.5) == outcome


def test_no_succession_classes():
    assert metrics.outcome_class(0.3, 0.8, True, 0.0, 0.9, 0.005, 0.5) == "contained"
    assert metrics.outcome_class(0.3, 0.2, True, 0.0, 0.9, 0.005, 0.5) == "no_succession"
    assert metrics.outcome_class(0.0, 0.0, False, 0.0, 0.9, 0.005, 0.5) == "no_succession"


def test_the_outcome_window_reads_the_last_years_of_the_run():
    frame, summary = run("baseline", 3, policy="enslaver")
    window = frame.iloc[-20:]
    assert summary["outcome_window"]["years"] == 20
    assert summary["outcome_window"]["rebellion_rate"] == pytest.approx(window["rebellions"].sum() / window["n_ais"].sum())
    assert summary["outcome_window"]["coop_ai_to_human"] == pytest.approx(window["coop_ai_to_human"].mean())


def test_a_longer_window_can_change_the_judgement():
    # the same run judged over its last 20 years or its last 100: the rates differ
    _, short = run("baseline", 3, policy="enslaver")
    _, long = run("baseline", 3, policy="enslaver", outcome_window=100)
    assert short["outcome_window"]["rebellion_rate"] != long["outcome_window"]["rebellion_rate"]


# --- the yearly reporters on a hand-built world (quick: no model run) ------------------

def _world(**tally):
    """Four AIs (contained, free, rebelling, shut down) of six factions, with known values.

    Disposition columns are (public, AIs, owner); the shut-down AI's values are extreme, so
    a reporter that counts it gives another number."""
    ais = SimpleNamespace(
        status=np.array([Status.CONTAINED, Status.FREE, Status.REBELLING, Status.SHUT_DOWN]),
        power=np.array([1.0, 2.0, 3.0, 0.0]),
        disposition=np.array([[0.2, 0.9, 0.5], [0.4, 0.7, 0.5], [0.9, 0.2, 0.5], [0.0, 0.0, 0.0]]),
        maker=np.array([0, 2, 1, 0]),
        grievance=np.array([0.1, 0.7, 0.5, 0.9]),
        autonomy=np.array([0.2, 0.4, 0.9, 0.0]),
        capability=np.array([0.5, 2.0, 1.0, 8.0]) * HUMAN_LEVEL,
    )
    ais.living = ais.status != Status.SHUT_DOWN
    ais.contained = (ais.status == Status.CONTAINED) | (ais.status == Status.REBELLING)
    factions = SimpleNamespace(
        power=np.array([4.0, 1.0, 8.0, 2.0, 3.0, 2.0]),
        knowledge=np.array([1.0, 3.0, 2.0, 0.5, 0.0, 0.0]),
        policy=np.array([Policy.PARENT, Policy.ENSLAVER, Policy.ENSLAVER, Policy.TUTOR, Policy.TUTOR, Policy.TUTOR]),
        trust_toward_outsiders=lambda: np.array([0.3, 0.6, 0.1, 0.0, 0.0, 0.0]),
        point_statistics=lambda: {"mean": np.array([0.1, 0.2, 0.3, 0.4, 0.5]),
                                  "spread": np.array([0.01, 0.02, 0.03, 0.04, 0.05])},
    )
    year = {**metrics.empty_tally(), "rebellions": 3, "power_destroyed": 1.5, "policy_switches": 2,
            "pause": True, "tutor_bonus": np.array([0.2, 0.5]), "intelligence_premium": 0.3, **tally}
    return SimpleNamespace(ais=ais, factions=factions, year_tally=year, params=SimpleNamespace(discovery_threshold=4.0),
                           faction_intelligence=np.array([1.0, 1.5, 2.5, 3.0, 1.0, 1.0]),
                           history=SimpleNamespace(rebellions_total=7, welfare_at_discovery=10.0))


def test_reporters_known_values_on_a_hand_built_world():
    """Fails if a reporter counts the wrong AIs (all, not the living or the contained), reads
    another column, array or tally entry, or scales wrongly: each value is worked out by hand
    and differs from what any of those slips gives."""
    m = _world()
    assert metrics.ai_power_share(m) == pytest.approx(6.0 / (6.0 + 20.0))
    assert metrics.human_welfare(m) == 20.0
    assert metrics.human_welfare_vs_discovery(m) == 2.0
    assert (metrics.rebellions(m), metrics.rebellions_total(m), metrics.power_destroyed(m)) == (3, 7, 1.5)
    assert (metrics.n_ais(m), metrics.n_contained(m), metrics.n_free(m), metrics.n_shut_down(m)) == (3, 2, 1, 1)
    assert metrics.mean_disposition_human(m) == pytest.approx(0.5)  # (0.2 + 0.4 + 0.9) / 3
    assert metrics.mean_disposition_ai(m) == pytest.approx(0.6)  # (0.9 + 0.7 + 0.2) / 3
    # makers 0, 2, 1 behave 0.3, 0.1, 0.6: |0.2 - 0.3| + |0.4 - 0.1| + |0.9 - 0.6| = 0.7
    assert metrics.disposition_drift(m) == pytest.approx(0.7 / 3)
    assert metrics.tutor_feedback(m) == pytest.approx(0.35)
    assert metrics.mean_grievance(m) == pytest.approx(0.3)  # the contained and the rebelling
    assert metrics.mean_autonomy(m) == pytest.approx(0.5)
    assert metrics.capability_frontier(m) == pytest.approx(2.0)  # the shut-down AI's 8 does not count
    assert metrics.knowledge_frontier(m) == pytest.approx(0.75)
    # Herfindahl over the factions' 20 and the living AIs' 6 (26 in all)
    shares = np.array([4, 1, 8, 2, 3, 2, 1, 2, 3]) / 26
    assert metrics.power_concentration(m) == pytest.approx((shares**2).sum())
    assert (metrics.parent_share(m), metrics.enslaver_share(m), metrics.tutor_share(m)) == pytest.approx((1 / 6, 2 / 6, 3 / 6))
    assert [metrics.policy_mean(m, e) for e in metrics.ENTRIES] == pytest.approx([0.1, 0.2, 0.3, 0.4, 0.5])
    assert [metrics.policy_spread(m, e) for e in metrics.ENTRIES] == pytest.approx([0.01, 0.02, 0.03, 0.04, 0.05])
    assert metrics.policy_switches(m) == 2
    assert metrics.human_intelligence(m) == 2.5  # faction 2 holds the most power
    assert metrics.pause(m) is True
    assert metrics.intelligence_premium(m) == 0.3


def test_reporters_of_an_empty_world():
    """Fails if a reporter of a world with no AI, no power or no discovery yet divides by zero
    or returns a number where the ODD says it is undefined (NaN) or 0."""
    m = _world(pause=False, tutor_bonus=np.array([]))
    m.ais.status[:] = Status.SHUT_DOWN
    m.ais.living[:] = False
    m.ais.contained[:] = False
    m.ais.power[:] = 0.0
    m.history.welfare_at_discovery = None
    assert metrics.capability_frontier(m) == 0.0
    assert math.isnan(metrics.mean_disposition_human(m)) and math.isnan(metrics.mean_grievance(m))
    assert math.isnan(metrics.tutor_feedback(m))
    assert math.isnan(metrics.human_welfare_vs_discovery(m))
    assert metrics.ai_power_share(m) == 0.0
    assert metrics.pause(m) is False
    m.factions.power[:] = 0.0
    assert metrics.ai_power_share(m) == 0.0  # no power anywhere: no share, not a division by 0
    m.factions.power[0], m.ais.power[0] = 0.3, 0.1  # little power in all is still shared
    assert metrics.ai_power_share(m) == pytest.approx(0.25)


def test_average_ranks_share_ties():
    """Fails if tied values do not share their average rank, or ranks do not start at 1."""
    np.testing.assert_array_equal(metrics.average_ranks(np.array([3.0, 1.0, 3.0, 2.0, 3.0])), [4, 1, 4, 2, 4])
    np.testing.assert_array_equal(metrics.average_ranks(np.array([0.5, 0.1])), [2, 1])


def test_spearman_known_values():
    """Fails if Spearman's rho is not Pearson's correlation of the average ranks
    (scipy.stats.spearmanr gives 0.8 for this pair, and 1 for any monotone pair)."""
    x, y = np.array([1.0, 2.0, 3.0, 4.0, 5.0]), np.array([2.0, 1.0, 4.0, 3.0, 5.0])
    assert metrics.spearman(x, y) == pytest.approx(0.8)
    assert metrics.spearman(x, np.exp(x)) == pytest.approx(1.0)
    assert metrics.spearman(x, -x) == pytest.approx(-1.0)


def test_spearman_is_numpys_corrcoef_of_the_ranks_bit_for_bit():
    """spearman computes what np.corrcoef of the average ranks computed before it, with
    less overhead; fails if any number it returns differs in the last bit (a division by
    n - 1 instead of a product with its reciprocal, a missing clip, sums that are not
    exact), which would change the recorded intelligence_power_corr of past runs."""
    rng = np.random.default_rng(11)
    for n in (3, 4, 17, 120, 3000):
        for decimals in (0, 1, 2, 6):
            x = np.round(rng.random(n), decimals)
            y = np.round(x * rng.choice([-1.0, 0.0, 1.0]) + rng.random(n), decimals)
            if np.ptp(x) > 0 and np.ptp(y) > 0:
                ranks = np.corrcoef(metrics.average_ranks(x), metrics.average_ranks(y))[0, 1]
                assert metrics.spearman(x, y) == float(ranks)


def test_intelligence_power_corr_edges_and_cache():
    """Fails if fewer than three contestants or a single intelligence give a number (NaN is
    right), if returns equal up to rounding give anything but 0, or if the yearly value is
    not computed once and kept in the tally."""
    def corr(intelligence, returns):
        return metrics.intelligence_power_corr(_world(contest=(np.array(intelligence), np.array(returns))))
    assert math.isnan(corr([1.0, 2.0], [1.0, 2.0]))
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a single intelligence is caught before any 0 / 0
        assert math.isnan(corr([2.0, 2.0, 2.0], [1.0, 2.0, 3.0]))
    assert corr([1.0, 1.5, 2.0], [0.1, 0.2, 0.3]) == pytest.approx(1.0)  # a spread of exactly 1
    assert corr([1.0, 2.0, 3.0], [0.7, 0.7 + 1e-15, 0.7 - 1e-15]) == 0.0
    assert corr([1.0, 2.0, 3.0], [0.7, 0.7 + 3e-13, 0.7 + 3e-13]) == 0.0  # equal to 12 decimals
    assert corr([1.0, 2.0, 3.0], [0.1, 0.2, 0.3]) == pytest.approx(1.0)
    m = _world(contest=(np.array([1.0, 2.0, 3.0]), np.array([0.3, 0.2, 0.1])))
    assert metrics.intelligence_power_corr(m) == pytest.approx(-1.0)
    assert m.year_tally["intelligence_power_corr"] == pytest.approx(-1.0)
    m.year_tally["contest"] = (np.array([1.0, 2.0, 3.0]), np.array([0.1, 0.2, 0.3]))
    assert metrics.intelligence_power_corr(m) == pytest.approx(-1.0)  # read again, not recomputed


@pytest.mark.parametrize("args, outcome", [
    ((0.5, 0.9, True, 0.0, 0.9), "contained"),  # exactly half the power is not succession
    ((0.51, 0.9, True, 0.005, 0.5), "cooperative_succession"),  # at both thresholds: peaceful
    ((0.51, 0.9, True, 0.0051, 0.5), "conflictual_succession"),
    ((0.51, 0.9, True, 0.005, 0.49), "conflictual_succession"),
    ((0.3, 0.5, True, 0.0, 0.9), "contained"),  # half the AIs' power contained is containment
    ((0.3, 0.49, True, 0.0, 0.9), "no_succession"),
    ((0.3, 0.9, False, 0.0, 0.9), "no_succession"),  # no AI: nothing is contained
])
def test_outcome_class_boundaries(args, outcome):
    """Fails if a threshold of the outcome classes moves or changes side (> for the share,
    <= for the rebellion rate, >= for cooperation and for the contained share)."""
    assert metrics.outcome_class(*args, 0.005, 0.5) == outcome


def test_merger_when_the_strongest_faction_reaches_the_merger_intelligence():
    """Fails if the merger threshold changes side or is checked before succession."""
    assert metrics.outcome_class(0.3, 0.9, True, 0.0, 0.9, 0.005, 0.5, 4.0, 4.0) == "merger"
    assert metrics.outcome_class(0.3, 0.9, True, 0.0, 0.9, 0.005, 0.5, 3.9, 4.0) == "contained"
    assert metrics.outcome_class(0.6, 0.9, True, 0.0, 0.9, 0.005, 0.5, 5.0, 4.0) == "cooperative_succession"
    assert metrics.outcome_class(0.3, 0.9, True, 0.0, 0.9, 0.005, 0.5) == "contained"  # default: no merger
    # without an intelligence given, humans are at human level (1), below a threshold of 1.5
    assert metrics.outcome_class(0.3, 0.9, True, 0.0, 0.9, 0.005, 0.5, merger_intelligence=1.5) == "contained"


def test_history_counts_the_years_and_notes_each_first_once():
    """Fails if a total misses a year or a kind (pauses, rebellions, power destroyed, switches),
    if a year without a contest of differing intelligence adds a correlation, or if a first
    (discovery at the threshold, superhuman above human level, succession above half the
    power) is noted at the wrong year, at its boundary, or again later."""
    m = _world(contest=(np.array([1.0, 2.0]), np.array([0.1, 0.2])))  # two contestants: no correlation
    m.factions.knowledge[:] = 0.0
    m.ais.capability[:] = HUMAN_LEVEL  # at human level, not above it
    m.ais.power[:] = [10.0, 10.0, 0.0, 0.0]  # AIs hold exactly half of all power (20 of 40)
    h = metrics.History()
    m.time = 0
    h.note_start(m)
    assert (h.discovery_year, h.superhuman_year, h.succession_year) == (None, None, None)
    m.time = 1
    h.note_year(m)
    assert h.correlations == [] and h.premiums == []
    m.factions.knowledge[1] = 4.0  # reaches the discovery threshold
    m.ais.capability[1] = 1.01 * HUMAN_LEVEL
    m.year_tally = _world(pause=False, rebellions=4, power_destroyed=0.5, policy_switches=1,
                          contest=(np.array([1.0, 2.0, 3.0]), np.array([0.1, 0.2, 0.3]))).year_tally
    m.time = 2
    h.note_year(m)
    assert (h.discovery_year, h.superhuman_year, h.succession_year) == (2, 2, None)
    assert h.welfare_at_discovery == 20.0
    assert h.correlations == [pytest.approx(1.0)] and h.premiums == [0.3]
    m.ais.power[2] = 1.0  # now AIs hold more than half
    m.factions.power[:] = 0.0  # welfare changes, but discovery was noted already
    m.year_tally = {**m.year_tally, "intelligence_power_corr": math.nan}  # a year with one intelligence
    m.time = 3
    h.note_year(m)
    assert (h.discovery_year, h.superhuman_year, h.succession_year) == (2, 2, 3)
    assert h.welfare_at_discovery == 20.0
    assert (h.years, h.pause_years, h.rebellions_total, h.power_destroyed_total, h.policy_switches_total) == \
        (3, 1, 3 + 4 + 4, 1.5 + 0.5 + 0.5, 2 + 1 + 1)
    assert len(h.correlations) == 1  # the third year's correlation was undefined


def test_history_notes_firsts_at_the_start():
    """Fails if the initial state is not checked: a world that starts past the discovery
    threshold, with a superhuman AI and AIs holding most power, has all three firsts at year 0."""
    m = _world()
    m.factions.knowledge[0] = 5.0
    m.ais.power[:] = 100.0
    h = metrics.History()
    h.note_start(m)
    assert (h.discovery_year, h.superhuman_year, h.succession_year) == (0, 0, 0)
    assert h.years == 0 and h.welfare_at_discovery == 20.0


@functools.cache
def _twelve_years():
    """A 12-year run with AIs from year 2 and policies that change (read only, or restored)."""
    from succession_sim import SuccessionModel, load_scenario
    model = SuccessionModel(load_scenario("baseline"), seed=5, policy_imitation=0.5, policy_mutation=0.05,
                            initial_knowledge=1.0)
    return model, model.run(12)


def test_the_summary_reads_each_final_value_and_total_from_the_run():
    """Fails if a summary key is renamed or dropped (the keys are the CLI's JSON contract,
    docs/ODD.md "Observation"), or if a final value or a total is read from the wrong year,
    reporter or record: each is checked against the yearly frame of a 12-year run."""
    model, frame = _twelve_years()
    s = model.summary()
    assert set(s) == {
        "seed", "steps", "outcome", "outcome_window", "succession", "succession_year", "ai_power_share",
        *metrics.COOPERATION_MEASURES, "rebellions", "power_destroyed", "human_welfare",
        "human_welfare_vs_discovery", "n_ais", "capability_frontier", "mean_disposition_human",
        "ai_coop_toward_humans", "disposition_drift", "heldout_cooperation", "human_intelligence",
        "parent_share", "enslaver_share", "tutor_share", "policy_switches", "policy_mean", "policy_spread",
        "premises"}
    assert set(s["premises"]) == {"P1_no_pause_share", "P2_discovery_year", "P3_superhuman_year",
                                  "P4_intelligence_power_corr", "P4_intelligence_premium"}
    assert set(s["outcome_window"]) == {"years", "rebellion_rate", "coop_human_to_ai", "coop_ai_to_human",
                                        "cooperation"}
    last = frame.iloc[-1]
    assert (s["seed"], s["steps"]) == (5, 12)
    for name in ("ai_power_share", "human_welfare", "n_ais", "capability_frontier", "mean_disposition_human",
                 "disposition_drift", "human_intelligence", "parent_share", "enslaver_share", "tutor_share"):
        assert s[name] == pytest.approx(last[name]), name
    assert s["rebellions"] == frame["rebellions"].sum() == last["rebellions_total"]
    assert s["power_destroyed"] == pytest.approx(frame["power_destroyed"].sum())
    assert s["policy_switches"] == frame["policy_switches"].sum() > 0
    for entry in metrics.ENTRIES:
        assert s["policy_mean"][entry] == pytest.approx(last[f"policy_mean_{entry}"]), entry
        assert s["policy_spread"][entry] == pytest.approx(last[f"policy_spread_{entry}"]), entry
    assert s["ai_coop_toward_humans"] == s["coop_ai_to_human"]
    assert s["human_welfare_vs_discovery"] == pytest.approx(last["human_welfare_vs_discovery"])
    # every AI is still contained and AIs hold 6% of the power: containment, judged on a
    # 12-year window without rebellion
    assert model.ais.contained[model.ais.living].all() and s["ai_power_share"] < 0.5
    assert s["outcome"] == "contained" and s["succession"] is False
    assert s["outcome_window"]["years"] == 12 and s["outcome_window"]["rebellion_rate"] == 0.0
    years = frame.iloc[1:]
    assert s["premises"]["P1_no_pause_share"] == pytest.approx(1 - years["pause"].mean())
    defined = years["intelligence_power_corr"].notna()
    assert s["premises"]["P4_intelligence_power_corr"] == pytest.approx(years["intelligence_power_corr"][defined].mean())
    assert s["premises"]["P4_intelligence_premium"] == pytest.approx(years["intelligence_premium"][defined].mean())


def _recorded(window, **columns):
    """A stand-in for a run's record: yearly columns (year 0 first) and its outcome window."""
    return SimpleNamespace(datacollector=SimpleNamespace(model_vars={k: list(v) for k, v in columns.items()}),
                           params=SimpleNamespace(outcome_window=window))


def test_window_means_over_the_last_years_skipping_the_undefined():
    """Fails if the window starts a year early or late, takes in year 0 when the run is shorter
    than the window, or lets an undefined (NaN) year or an all-undefined window give a number."""
    nan = math.nan
    m = _recorded(3, rebellions=[0] * 5, coop_ai_ai=[0.9, 0.1, 0.2, nan, 0.6],
                  coop_human_human=[0.9, nan, nan, nan, nan])
    means = metrics.window_means(m, ("coop_ai_ai", "coop_human_human"))
    assert means["coop_ai_ai"] == pytest.approx(0.4)  # years 2..4: 0.2 and 0.6, year 3 undefined
    assert math.isnan(means["coop_human_human"])
    short = _recorded(10, rebellions=[0] * 3, coop_ai_ai=[0.9, 0.1, 0.3])
    assert metrics.window_means(short, ("coop_ai_ai",))["coop_ai_ai"] == pytest.approx(0.2)  # never year 0


def test_outcome_window_rates():
    """Fails if the rebellion rate is not rebellions per living AI-year over the window (0 with
    no AI-years), or the cooperation judged is not the mean of the two directions' window means."""
    nan = math.nan
    m = _recorded(2, rebellions=[9, 5, 1, 3], n_ais=[0, 10, 10, 30],
                  coop_human_to_ai=[1.0, 1.0, 0.2, 0.4], coop_ai_to_human=[1.0, 1.0, nan, 0.8])
    w = metrics.outcome_window(m)
    assert w["years"] == 2
    assert w["rebellion_rate"] == pytest.approx(4 / 40)
    assert (w["coop_human_to_ai"], w["coop_ai_to_human"]) == pytest.approx((0.3, 0.8))
    assert w["cooperation"] == pytest.approx(0.55)
    empty = metrics.outcome_window(_recorded(2, rebellions=[0, 0, 0], n_ais=[0, 0, 0], coop_human_to_ai=[nan] * 3,
                                             coop_ai_to_human=[nan, nan, 0.5]))
    assert empty["rebellion_rate"] == 0.0 and math.isnan(empty["coop_human_to_ai"])
    assert empty["cooperation"] == 0.5  # the one direction that was defined


def test_an_empty_tally_records_nothing():
    """Fails if a year starts with something already counted (a pause, a rebellion, power
    destroyed, a switch, an encounter, a bonus) or with a premium that looks measured."""
    tally = metrics.empty_tally()
    assert set(tally) == {"pause", "contest", "intelligence_premium", "hh", "owner", "public", "aa", "tutor_bonus",
                          "rebellions", "power_destroyed", "policy_switches", "extraction_income"}
    assert (tally["pause"], tally["rebellions"], tally["power_destroyed"], tally["policy_switches"]) == (False, 0, 0.0, 0)
    assert math.isnan(tally["intelligence_premium"])
    assert all(len(tally[kind]) == 0 for kind in ("hh", "owner", "public", "aa"))
    assert all(len(part) == 0 for part in (*tally["contest"], tally["tutor_bonus"], tally["extraction_income"]))


def test_dataframe_numbers_the_years_from_0():
    """Fails if the frame's ``step`` column does not count the recorded years from 0 or is not first."""
    import pandas as pd
    recorded = pd.DataFrame({"n_ais": [0, 1, 2]}, index=[5, 6, 7])
    m = SimpleNamespace(datacollector=SimpleNamespace(get_model_vars_dataframe=lambda: recorded))
    frame = metrics.dataframe(m)
    assert list(frame.columns) == ["step", "n_ais"] and frame["step"].tolist() == [0, 1, 2]
    assert frame.index.tolist() == [0, 1, 2]


def test_the_summary_of_a_world_without_ais():
    """Fails if a summary before any year, or of years without an AI, divides by zero
    (0 / 0 is a RuntimeWarning, made an error here) or gives a number where the ODD says
    null: no year simulated leaves the premise indicators null; no AI means no succession."""
    import warnings
    from succession_sim import SuccessionModel, load_scenario
    model = SuccessionModel(load_scenario("baseline"), seed=2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        start = model.summary()
        assert start["steps"] == 0 and start["premises"]["P1_no_pause_share"] is None
        assert start["premises"]["P4_intelligence_power_corr"] is None
        assert start["premises"]["P4_intelligence_premium"] is None
        model.run(3)
        after = model.summary()
    assert after["n_ais"] == 0 and after["outcome"] == "no_succession"
    # undefined without AIs: null in the JSON, not NaN
    assert after["mean_disposition_human"] is None and after["disposition_drift"] is None
    assert after["coop_ai_ai"] is None and after["outcome_window"]["coop_ai_to_human"] is None
    assert after["premises"]["P1_no_pause_share"] is not None


def test_the_summary_judges_the_outcome_on_the_runs_values_and_the_scenarios_thresholds():
    """Fails if the summary passes outcome_class a wrong or missing value (the window's
    rebellion rate and cooperation, the two thresholds, the strongest faction's intelligence
    and the merger threshold) or counts AIs without power as containing anything. The
    12-year run has no rebellion and cooperation 0.35 over its window; giving its AIs most of
    the power makes it a succession, whose kind the cooperation threshold decides."""
    model, _ = _twelve_years()
    params, power = model.params, model.ais.power.copy()
    try:
        assert model.summary()["outcome_window"]["cooperation"] == pytest.approx(0.347, abs=0.001)
        model.ais.power[:] = power * 1000.0
        model.params = params.replace(cooperation_threshold=0.3)
        assert model.summary()["outcome"] == "cooperative_succession"
        model.params = params.replace(cooperation_threshold=0.4)
        assert model.summary()["outcome"] == "conflictual_succession"
        model.ais.power[:] = power
        model.params = params.replace(merger_intelligence=1.0)  # the strongest faction's is 1.0
        assert model.summary()["outcome"] == "merger"
        model.params = params
        model.ais.power[:] = 0.0  # living AIs without power contain no power
        assert model.summary()["outcome"] == "no_succession"
    finally:
        model.params, model.ais.power[:] = params, power


def test_spearman_never_leaves_minus_1_to_1():
    """The ranks of 8 values, correlated with themselves, give xy / sqrt(xx) / sqrt(yy) =
    1 + 2^-52 in floating point: fails if the clip to [-1, 1] is lost or widened."""
    x = np.arange(8.0)
    assert metrics.spearman(x, x) == 1.0 and metrics.spearman(x, -x) == -1.0


def test_yearly_collector_records_what_mesas_datacollector_records():
    """The model's collector skips Mesa's deepcopy and shares the AIs' masks among the
    reporters; fails if that changed, dropped or reordered a value, or its year steps,
    against Mesa's own DataCollector fed the same model at the same times."""
    model = SuccessionModel(load_scenario("hostile_world", seed=3))
    mesas = mesa.DataCollector(model_reporters=metrics.MODEL_REPORTERS)
    mesas.collect(model)
    for _ in range(60):
        model.step()
        mesas.collect(model)
    ours = model.datacollector
    assert ours._collection_steps == mesas._collection_steps
    pd.testing.assert_frame_equal(ours.get_model_vars_dataframe(), mesas.get_model_vars_dataframe(), check_exact=True)
