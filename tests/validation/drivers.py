"""Drivers that run the project's own mechanism functions in a controlled setting.

Nothing here re-implements a mechanism: every quantity the model computes is computed by
the function in ``succession_sim.mechanisms`` that the model itself calls. A driver only
supplies inputs (a population, a partner, a loop over rounds) and collects the outputs.
The validation tests (``tests/validation/``) and the report script
(``docs/make_validation.py``) share these drivers, so every figure shows exactly what
the tests check.

Defaults are read from ``Scenario()`` so that a driver follows the model's defaults.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from succession_sim.mechanisms import capability, cooperation, coordination, grievance, learning, payoffs, power
from succession_sim.scenario import Scenario

DEFAULTS = Scenario()


# --- grievance and rebellion (Epstein 2002) ------------------------------------------------
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
) -> float:
    """Share of ``n`` contained AIs that rebel, R ~ U(risk_aversion_min, 1) as in the model.

    Every AI has the same hardship inputs, legitimacy and capability, so only its risk
    aversion differs (Epstein's R ~ U(0, 1)). Runs the model's stage-6 chain:
    hardship -> grievance -> containment_probability -> rebels. ``deprivation`` is 0
    unless given, so that hardship is Epstein's H = extraction.
    """
    rng = np.random.default_rng(seed)
    risk = rng.uniform(risk_aversion_min, 1.0, n)
    h = grievance.hardship(np.full(n, extraction), deprivation, np.full(n, capability_), np.full(n, autonomy))
    g = grievance.grievance(h, np.full(n, legitimacy))
    p = grievance.containment_probability(oversight, np.full(n, capability_), k)
    return float(grievance.rebels(g, risk, p, threshold).mean())


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


def model_contest(
    intelligence: Sequence[float],
    initial_power: Sequence[float],
    alpha: float,
    years: int,
    output_rate: float = DEFAULTS.output_rate,
    depreciation: float = DEFAULTS.depreciation,
) -> np.ndarray:
    """The model's own yearly contest (stage 4, without extraction), deterministic.

    power <- (1 - depreciation) * power + contest_shares(intelligence, power, alpha) * Y,
    Y = output_rate * total power. Returns the power shares after each year (years x n).
    """
    intel = np.array(intelligence, dtype=float)
    stock = np.array(initial_power, dtype=float)
    shares = np.empty((years, len(stock)))
    for t in range(years):
        income = power.contest_shares(intel, stock, alpha) * output_rate * stock.sum()
        stock = (1.0 - depreciation) * stock + income
        shares[t] = stock / stock.sum()
    return shares


# --- race pressure and the moratorium vote (Armstrong, Bostrom & Shulman 2016) --------------
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
    """Share of ``draws`` independent votes in which the moratorium holds.

    Each draw is a fresh world as the model initialises one: risk tolerance ~ U(0, 1),
    knowledge = threshold * initial_knowledge * U(0.5, 1.5); trust toward every rival is
    ``trust`` (the diagonal is 1). Runs race_pressure -> compliance_probability ->
    moratorium_holds.
    """
    rng = np.random.default_rng(seed)
    t = np.full((n_factions, n_factions), trust)
    np.fill_diagonal(t, 1.0)
    holds = 0
    for _ in range(draws):
        risk = rng.uniform(0.0, 1.0, n_factions)
        knowledge = threshold * initial_knowledge * rng.uniform(0.5, 1.5, n_factions)
        pressure = coordination.race_pressure(knowledge, t, risk, sensitivity, threshold)
        holds += coordination.moratorium_holds(coordination.compliance_probability(pressure), quorum, rng)
    return holds / draws


# --- learning from experience (model-based reinforcement) -----------------------------------
PARTNERS = ("reciprocator", "parent", "defector", "cooperator")


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
    last year, and in the first year), ``parent`` (the model's parent: cooperates with
    probability equal to the AI's reputation, which follows its stances at
    ``trust_learning``), ``defector`` (never cooperates), ``cooperator`` (always does).
    The year runs in the order of ``SuccessionModel._learn``: stance, partner's act,
    reputation, world model, advantage, disposition, last stance. Returns an array
    (years + 1) x learners, row 0 the initial disposition.
    """
    if partner not in PARTNERS:
        raise ValueError(f"unknown partner {partner!r}")
    p = DEFAULTS
    rng = np.random.default_rng(seed)
    start = np.full(learners, 0.5)
    received, after_c, after_d = start.copy(), start.copy(), start.copy()
    disposition = np.full(learners, initial_disposition)
    reputation = disposition.copy()
    last = np.full(learners, -1)
    met = np.ones(learners, dtype=bool)
    history = [disposition.copy()]
    for _ in range(years):
        stance = rng.random(learners) < disposition
        if partner == "reciprocator":
            observed = (last != 0).astype(float)
        elif partner == "parent":
            observed = (rng.random(learners) < reputation).astype(float)
        elif partner == "defector":
            observed = np.zeros(learners)
        else:
            observed = np.ones(learners)
        reputation = cooperation.follow(reputation, stance.astype(float), trust_learning)
        received, after_c, after_d = learning.update_world_model(received, after_c, after_d, last, observed, met, rate)
        advantage = learning.cooperation_advantage(
            received, after_c, after_d, disposition,
            R=p.payoff_reward, S=p.payoff_sucker, T=p.payoff_temptation, P=p.payoff_punishment, discount=discount,
        )
        disposition = learning.update_disposition(disposition, advantage, met, rate, temperature)
        last = stance.astype(int)
        history.append(disposition.copy())
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


def iterated_scores(players: Sequence[str], rounds: int, R=3.0, S=0.0, T=5.0, P=1.0, seed: int = 0) -> np.ndarray:
    """Scores of a round robin of fixed strategies over ``rounds`` rounds.

    The players are factions: each round is one ``cooperation.faction_acts`` (each acts
    with probability its trust, here always 0 or 1), the encounters are
    ``cooperation.faction_encounters`` (each pair once), each act is scored with
    ``payoffs.gain`` + P, and trust is updated with ``cooperation.update_trust`` at the
    strategies' own rates. Returns ``scores[i, j]``, what player i won against player j.
    """
    rng = np.random.default_rng(seed)
    start, gain_rate, loss_rate = (np.array([STRATEGIES[p][k] for p in players]) for k in range(3))
    n = len(players)
    trust = np.tile(start[:, None], (1, n))
    np.fill_diagonal(trust, 1.0)
    scores = np.zeros((n, n))
    for _ in range(rounds):
        actions = cooperation.faction_acts(trust, rng.random((n, n)))
        met = cooperation.faction_encounters(actions)
        scores[met.first, met.second] += payoffs.gain(met.first_cooperates, met.second_cooperates, R, S, T, P) + P
        scores[met.second, met.first] += payoffs.gain(met.second_cooperates, met.first_cooperates, R, S, T, P) + P
        trust = cooperation.update_trust(trust, actions.T, gain_rate[:, None], loss_rate[:, None])
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


def outburst(legitimacy: np.ndarray, *, seed: int, rounding: str, n: int = 2_000,
             contacts_per_ai: int = DEFAULTS.ai_contacts, oversight: float = 1.5,
             k: float = DEFAULTS.containment_k, threshold: float = DEFAULTS.rebellion_threshold) -> np.ndarray:
    """Share of the contained AIs that rise in each year, with everything but legitimacy fixed.

    ``n`` contained AIs of capability 1, Epstein's hardship H ~ U(0, 1) (as extraction,
    no deprivation) and risk aversion R ~ U(0, 1), linked as the model links them (each
    to ``contacts_per_ai`` earlier AIs, uniformly). Each year the model's own stage-6
    chain runs (``grievance.hardship`` -> ``grievance.grievance`` ->
    ``grievance.uprising``, which spreads along the links), and the next year its rebels
    are resolved with ``grievance.containment_probability`` counting the rebels near each:
    shut down or freed, they leave containment either way, as in the model.
    """
    rng = np.random.default_rng(seed)
    earlier = np.arange(n)
    contacts = np.floor(rng.random((n, contacts_per_ai)) * earlier[:, None]).astype(np.int64)
    contacts[0] = -1
    hardship = grievance.hardship(rng.uniform(0.0, 1.0, n), 0.0, np.ones(n), np.zeros(n))
    risk = rng.uniform(0.0, 1.0, n)
    capability_ = np.ones(n)
    contained = np.ones(n, dtype=bool)
    shares = np.zeros(len(legitimacy))
    for year, level in enumerate(legitimacy):
        who = np.flatnonzero(contained)
        g = grievance.grievance(hardship[who], np.full(len(who), level))
        rising = grievance.uprising(g, risk[who], capability_[who], who, contacts, np.zeros(n, dtype=bool),
                                    oversight=oversight, k=k, threshold=threshold, rounding=rounding)
        shares[year] = rising.mean() if len(who) else 0.0
        contained[who[rising]] = False  # shut down or escaped: out of containment
    return shares
