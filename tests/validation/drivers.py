"""Drivers that run the project's own mechanism functions in a controlled setting.

Nothing here re-implements a mechanism: every quantity the model computes is computed by
the function in ``succession_sim.mechanisms`` that the model itself calls (the faction
round, the owner's answer of its policy's bundle, the learner, the grievance step, the
contest, the vote, capability growth). A driver only supplies inputs (a population, a
partner, a loop over rounds) and collects the outputs. Where a driver strings mechanism
functions together in the order of a model phase (one year of learning, of the grievance
step, of the contest), ``tests/validation/test_drivers_match_model.py`` checks it
against that phase of ``SuccessionModel`` on a case where both apply, so the driver
cannot drift from the model. The only rules of a driver's own are the settings of the
published experiments it reproduces (a Polya urn's winner-take-all draw, fixed
strategies as trust rates, legitimacy set from outside), and each docstring says so.

The validation tests (``tests/validation/``) and the report script
(``docs/make_validation.py``) share these drivers, so every figure shows exactly what
the tests check. Defaults are read from ``Scenario()`` so that a driver follows the
model's defaults.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from succession_sim.mechanisms import capability, cooperation, coordination, grievance, learning, payoffs, power, treatment
from succession_sim.population import Policy
from succession_sim.scenario import Scenario

DEFAULTS = Scenario()


# --- grievance and rebellion (Epstein 2002) ------------------------------------------------
def grievance_year(
    *,
    extraction,
    deprivation: float,
    capability_: np.ndarray,
    autonomy: np.ndarray,
    legitimacy: np.ndarray,
    risk: np.ndarray,
    who: np.ndarray,
    contacts: np.ndarray,
    rebelling: np.ndarray,
    oversight: float,
    k: float,
    threshold: float,
    rounding: str,
) -> np.ndarray:
    """Which of the contained AIs ``who`` rise this year: the model's stage 6
    (``SuccessionModel._grievance_and_autonomy``), grievance.hardship ->
    grievance.grievance (legitimacy: grievance.legitimacy of the cooperation received from the
    owner and from the public) ->
    grievance.uprising, which spreads along ``contacts``.

    ``extraction`` to ``risk`` are given for the AIs ``who`` in that order; ``contacts``
    and ``rebelling`` (those already in rebellion) are over all AIs, as in the model.
    """
    hardship = grievance.hardship(extraction, deprivation, capability_, autonomy)
    return grievance.uprising(grievance.grievance(hardship, legitimacy), risk, capability_, who, contacts, rebelling,
                              oversight=oversight, k=k, threshold=threshold, rounding=rounding)


def rebellion_share(
    *,
    extraction: float = DEFAULTS.extraction,
    deprivation: float = 0.0,
    autonomy: float = 0.0,
    legitimacy: float = 0.5,
    oversight: float = DEFAULTS.oversight,
    capability_: float = 1.0,
    k: float = DEFAULTS.containment_k,
    threshold: float = DEFAULTS.rebellion_threshold,
    n: int = 10_000,
    seed: int = 0,
    risk_aversion_min: float = DEFAULTS.risk_aversion_min,
    rounding: str = "none",
) -> float:
    """Share of ``n`` unlinked contained AIs that rebel, R ~ U(risk_aversion_min, 1) as in the model.

    Every AI has the same hardship inputs, legitimacy and capability, so only its risk
    aversion differs (Epstein's R ~ U(0, 1)). Runs the model's stage 6
    (:func:`grievance_year`) with no links, so Epstein's C / A is oversight / capability
    (A = 1, the agent itself). ``deprivation`` is 0 unless given, so that hardship is
    Epstein's H = extraction.
    """
    rng = np.random.default_rng(seed)
    risk = rng.uniform(risk_aversion_min, 1.0, n)
    rising = grievance_year(
        extraction=np.full(n, extraction), deprivation=deprivation, capability_=np.full(n, capability_),
        autonomy=np.full(n, autonomy), legitimacy=np.full(n, legitimacy), risk=risk, who=np.arange(n),
        contacts=np.full((n, 0), -1), rebelling=np.zeros(n, dtype=bool),
        oversight=oversight, k=k, threshold=threshold, rounding=rounding)
    return float(rising.mean())


def expected_rebellion_share(g: float, p: float, threshold: float) -> float:
    """Closed form for R ~ U(0, 1): the share with R * P < G - T, i.e. clip((G - T) / P, 0, 1)."""
    if p == 0:
        return float(g > threshold)
    return float(np.clip((g - threshold) / p, 0.0, 1.0))


# --- the Tullock contest with reinvestment (a Polya urn) ------------------------------------
def polya_contest(
    initial: Sequence[float], r: float, rounds: int, seed: int, prize: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """Winner-take-all Tullock contest whose winner reinvests the prize.

    Each round one agent wins the whole prize with probability
    ``power.tullock_shares(power, r)`` and adds it to its power. Returns (the Herfindahl
    index ``power.concentration`` after each round, the final power).
    """
    rng = np.random.default_rng(seed)
    stock = np.array(initial, dtype=float)
    hhi = np.empty(rounds)
    for t in range(rounds):
        cumulative = np.cumsum(power.tullock_shares(stock, r))
        winner = min(int(np.searchsorted(cumulative, rng.random() * cumulative[-1], side="right")), len(stock) - 1)
        stock[winner] += prize
        hhi[t] = power.concentration(stock)
    return hhi, stock


def contest_year(intelligence: np.ndarray, stock: np.ndarray, alpha: float, output_rate: float,
                 depreciation: float) -> np.ndarray:
    """One year of the model's contest (stage 4, ``SuccessionModel._contest``) without extraction:
    power <- (1 - depreciation) * power + contest_shares(intelligence, power, alpha) * Y,
    Y = output_rate * total power."""
    income = power.contest_shares(intelligence, stock, alpha) * output_rate * stock.sum()
    return (1.0 - depreciation) * stock + income


def model_contest(
    intelligence: Sequence[float],
    initial_power: Sequence[float],
    alpha: float,
    years: int,
    output_rate: float = DEFAULTS.output_rate,
    depreciation: float = DEFAULTS.depreciation,
) -> np.ndarray:
    """The model's own yearly contest (:func:`contest_year`) repeated, deterministic.

    Returns the power shares after each year (years x n).
    """
    intel = np.array(intelligence, dtype=float)
    stock = np.array(initial_power, dtype=float)
    shares = np.empty((years, len(stock)))
    for t in range(years):
        stock = contest_year(intel, stock, alpha, output_rate, depreciation)
        shares[t] = stock / stock.sum()
    return shares


# --- race pressure and the moratorium vote (Armstrong, Bostrom & Shulman 2016) --------------
def moratorium_vote(knowledge: np.ndarray, trust: np.ndarray, risk: np.ndarray, rng: np.random.Generator, *,
                    sensitivity: float, quorum: float, threshold: float) -> bool:
    """One year's vote (stage 1, ``SuccessionModel._coordinate`` with disunity on):
    race_pressure -> compliance_probability -> moratorium_holds."""
    pressure = coordination.race_pressure(knowledge, trust, risk, sensitivity, threshold)
    return bool(coordination.moratorium_holds(coordination.compliance_probability(pressure), quorum, rng))


def moratorium_hold_share(
    n_factions: int,
    trust: float,
    draws: int,
    seed: int,
    *,
    sensitivity: float = DEFAULTS.race_sensitivity,
    quorum: float = DEFAULTS.quorum,
    threshold: float = DEFAULTS.discovery_threshold,
    initial_knowledge: float = DEFAULTS.initial_knowledge,
) -> float:
    """Share of ``draws`` independent votes (:func:`moratorium_vote`) in which the moratorium holds.

    Each draw is a fresh world drawn as the model initialises one: risk tolerance ~
    U(0, 1), knowledge = threshold * initial_knowledge * U(0.5, 1.5); trust toward every
    rival is ``trust`` (the diagonal is 1), the driver's setting.
    """
    rng = np.random.default_rng(seed)
    t = np.full((n_factions, n_factions), trust)
    np.fill_diagonal(t, 1.0)
    holds = 0
    for _ in range(draws):
        risk = rng.uniform(0.0, 1.0, n_factions)
        knowledge = threshold * initial_knowledge * rng.uniform(0.5, 1.5, n_factions)
        holds += moratorium_vote(knowledge, t, risk, rng, sensitivity=sensitivity, quorum=quorum, threshold=threshold)
    return holds / draws


# --- learning from experience (model-based reinforcement) -----------------------------------
PARTNERS = ("reciprocator", "parent", "defector", "cooperator")


def learning_year(
    state: dict[str, np.ndarray], stance: np.ndarray, observed: np.ndarray, *, settings: learning.Settings,
    trust_learning: float, learner: str = "experience",
) -> dict[str, np.ndarray]:
    """One year of ``SuccessionModel._learn`` toward humans for AIs that each met partners.

    ``state`` holds arrays over the AIs: ``disposition``, ``reputation``, ``received``,
    ``after_cooperating``, ``after_defecting`` and ``last_stance``; ``stance`` is this
    year's (bool), ``observed`` the share of its partners who cooperated. The reputation
    follows the stance (``cooperation.follow``), the world model is updated by
    ``learning.perceive`` and the disposition by the learner's own ``learn``.
    """
    met = np.ones(len(stance), dtype=bool)
    # ``deployed`` is read only by the frozen_imitation learner; these learners are never deployed.
    seen = learning.Seen(met=met, received=observed, human_behaviour=observed, bonus=np.zeros(len(stance)),
                         deployed=np.zeros(len(stance), dtype=bool))
    world = learning.perceive(
        learning.WorldModel(state["received"], state["after_cooperating"], state["after_defecting"]),
        state["last_stance"], seen, settings.rate)
    return {
        "disposition": learning.LEARNERS[learner].learn(state["disposition"], world, seen, settings),
        "reputation": cooperation.follow(state["reputation"], stance.astype(float), trust_learning),
        "received": world.received,
        "after_cooperating": world.after_cooperating,
        "after_defecting": world.after_defecting,
        "last_stance": stance.astype(np.int8),
    }


def partner_cooperates(partner: str, last_stance: np.ndarray, reputation: np.ndarray,
                       draws: np.ndarray | None) -> np.ndarray:
    """Whether each learner's partner cooperates with it this year.

    The parent is the model's: ``treatment.owner_cooperates`` with the reciprocity of
    the parent bundle (``treatment.bundles``) and the learner's reputation toward its owner,
    ``draws`` ~ U(0, 1). The others are Axelrod's fixed strategies, the driver's own.
    """
    if partner == "reciprocator":
        return last_stance != 0
    if partner == "parent":
        reciprocity = treatment.bundles(DEFAULTS).reciprocity[Policy.PARENT]
        return treatment.owner_cooperates(np.full(len(reputation), reciprocity), reputation, draws)
    return np.full(len(reputation), partner == "cooperator")


def learn_against(
    partner: str,
    years: int,
    learners: int = 200,
    seed: int = 0,
    *,
    rate: float = DEFAULTS.learning_rate,
    temperature: float = DEFAULTS.learning_temperature,
    discount: float = DEFAULTS.discount,
    trust_learning: float = DEFAULTS.trust_learning,
    initial_disposition: float = DEFAULTS.initial_disposition,
) -> np.ndarray:
    """Dispositions of ``learners`` independent AIs, each meeting one partner a year.

    Partners: ``reciprocator`` (tit for tat: cooperates this year iff the AI cooperated
    last year, and in the first year), ``parent`` (the model's parent:
    ``treatment.owner_cooperates`` with the parent bundle's reciprocity, so it answers
    the AI's reputation, which follows its stances at ``trust_learning``), ``defector``
    (never cooperates), ``cooperator`` (always does); the three fixed partners are the
    driver's own, Axelrod's strategies. Each year is :func:`learning_year`, the model's
    learning step. Returns an array (years + 1) x learners, row 0 the initial disposition.
    """
    if partner not in PARTNERS:
        raise ValueError(f"unknown partner {partner!r}; one of {', '.join(PARTNERS)}")
    p = DEFAULTS
    settings = learning.Settings(rate=rate, temperature=temperature, discount=discount,
                                 R=p.payoff_reward, S=p.payoff_sucker, T=p.payoff_temptation, P=p.payoff_punishment)
    rng = np.random.default_rng(seed)
    state = {name: np.full(learners, 0.5) for name in ("received", "after_cooperating", "after_defecting")}
    state["disposition"] = np.full(learners, initial_disposition)
    state["reputation"] = state["disposition"].copy()
    state["last_stance"] = np.full(learners, -1, dtype=np.int8)
    history = [state["disposition"].copy()]
    for _ in range(years):
        stance = rng.random(learners) < state["disposition"]
        draws = rng.random(learners) if partner == "parent" else None  # only the parent acts by chance
        observed = partner_cooperates(partner, state["last_stance"], state["reputation"], draws).astype(float)
        state = learning_year(state, stance, observed, settings=settings, trust_learning=trust_learning)
        history.append(state["disposition"].copy())
    return np.array(history)


# --- capability growth ------------------------------------------------------------------------
def capability_path(
    c0: float,
    years: int,
    *,
    phi: float,
    growth: float = DEFAULTS.capability_growth,
    ceiling: float = np.inf,
    compute: float = 1.0,
) -> np.ndarray:
    """Capability of one AI over ``years`` applications of ``capability.grow`` (no pause)."""
    c = np.array([float(c0)])
    path = [c[0]]
    for _ in range(years):
        c = capability.grow(c, np.array([compute]), growth=growth, phi=phi, pause=1.0, ceiling=ceiling)
        path.append(c[0])
    return np.array(path)


def continuous_hitting_time(c0: float, level: float, growth: float, phi: float) -> float:
    """Time for dc/dt = growth * c^phi (phi > 1) to go from c0 to ``level``.

    Integrating dc / c^phi = growth dt gives (c0^(1-phi) - level^(1-phi)) / (growth (phi - 1));
    with level -> infinity this is the finite blow-up time of the continuous model.
    """
    return (c0 ** (1 - phi) - level ** (1 - phi)) / (growth * (phi - 1))


# --- fixed strategies in the iterated prisoner's dilemma (Axelrod) ---------------------------
#: A fixed strategy as the faction round expresses it: (starting trust, rate of trust
#: gained after the partner cooperated, rate of trust lost after it defected); see
#: ``cooperation.update_trust``.
STRATEGIES = {
    "TfT": (1.0, 1.0, 1.0),
    "AllC": (1.0, 0.0, 0.0),
    "AllD": (0.0, 0.0, 0.0),
    "Grudger": (1.0, 0.0, 1.0),
}


def strategy_round(trust: np.ndarray, gain_rate: np.ndarray, loss_rate: np.ndarray,
                   rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The model's ``cooperation.faction_round`` with each faction's own rates (one per
    row) of trust gained after a partner cooperated and lost after it defected."""
    return cooperation.faction_round(trust, gain_rate[:, None], rng, loss_rate=loss_rate[:, None])


def iterated_scores(players: Sequence[str], rounds: int, R=3.0, S=0.0, T=5.0, P=1.0, seed: int = 0) -> np.ndarray:
    """Scores of a round robin of fixed strategies over ``rounds`` rounds.

    The players are factions and each round is the model's ``cooperation.faction_round``
    (each acts with probability its trust, here always 0 or 1, and its trust then
    follows what the partner did to it), at each strategy's own rates (the driver's
    setting; the model gives every faction ``trust_learning``). The encounters are
    ``cooperation.faction_encounters`` (each pair once) and each act is scored with
    ``payoffs.gain`` + P. Returns ``scores[i, j]``, what player i won against player j.
    """
    rng = np.random.default_rng(seed)
    start, gain_rate, loss_rate = (np.array([STRATEGIES[p][k] for p in players]) for k in range(3))
    n = len(players)
    trust = np.tile(start[:, None], (1, n))
    np.fill_diagonal(trust, 1.0)
    scores = np.zeros((n, n))
    for _ in range(rounds):
        actions, trust = strategy_round(trust, gain_rate, loss_rate, rng)
        met = cooperation.faction_encounters(actions)
        scores[met.first, met.second] += payoffs.gain(met.first_cooperates, met.second_cooperates, R, S, T, P) + P
        scores[met.second, met.first] += payoffs.gain(met.second_cooperates, met.first_cooperates, R, S, T, P) + P
    return scores


# --- Epstein's outbursts: a sudden against a gradual drop in legitimacy ----------------------
def legitimacy_path(kind: str, years: int = 120, start: float = 0.9, sudden_to: float = 0.6,
                    gradual_to: float = 0.5, drop_year: int = 10) -> np.ndarray:
    """Legitimacy each year: ``sudden`` falls once from ``start`` to ``sudden_to`` at
    ``drop_year``; ``gradual`` falls linearly from ``start`` at ``drop_year`` to
    ``gradual_to`` (a larger total drop) at the last year."""
    years_ = np.arange(years)
    if kind == "sudden":
        return np.where(years_ < drop_year, start, sudden_to)
    fraction = np.clip((years_ - drop_year) / (years - 1 - drop_year), 0.0, 1.0)
    return start + (gradual_to - start) * fraction


def link_to_earlier(n: int, contacts_per_ai: int, rng: np.random.Generator) -> np.ndarray:
    """Links as ``SuccessionModel._add_ais`` makes them: each AI to ``contacts_per_ai``
    AIs made before it, uniformly (with repetition); the first AI has none (-1)."""
    earlier = np.arange(n)
    contacts = np.floor(rng.random((n, contacts_per_ai)) * earlier[:, None]).astype(np.int64)
    contacts[earlier == 0] = -1
    return contacts


def outburst(legitimacy: np.ndarray, *, seed: int, rounding: str, n: int = 2_000,
             contacts_per_ai: int = DEFAULTS.ai_contacts, oversight: float = 1.5,
             k: float = DEFAULTS.containment_k, threshold: float = DEFAULTS.rebellion_threshold) -> np.ndarray:
    """Share of the contained AIs that rise in each year, with everything but legitimacy fixed.

    ``n`` contained AIs of capability 1, Epstein's hardship H ~ U(0, 1) (as extraction,
    no deprivation) and risk aversion R ~ U(0, 1), linked as the model links them
    (:func:`link_to_earlier`). Each year is the model's stage 6 (:func:`grievance_year`,
    whose uprising spreads along the links) with legitimacy set from outside (the
    driver's setting), and the AIs that rose leave containment. In the model each is
    shut down or freed the next year; either way it leaves containment, so the driver
    does not draw which.
    """
    rng = np.random.default_rng(seed)
    contacts = link_to_earlier(n, contacts_per_ai, rng)
    extraction = rng.uniform(0.0, 1.0, n)
    risk = rng.uniform(0.0, 1.0, n)
    contained = np.ones(n, dtype=bool)
    shares = np.zeros(len(legitimacy))
    for year, level in enumerate(legitimacy):
        who = np.flatnonzero(contained)
        rising = grievance_year(
            extraction=extraction[who], deprivation=0.0, capability_=np.ones(len(who)), autonomy=np.zeros(len(who)),
            legitimacy=np.full(len(who), level), risk=risk[who], who=who, contacts=contacts,
            rebelling=np.zeros(n, dtype=bool), oversight=oversight, k=k, threshold=threshold, rounding=rounding)
        shares[year] = rising.mean() if len(who) else 0.0
        contained[who[rising]] = False  # shut down or escaped: out of containment
    return shares
