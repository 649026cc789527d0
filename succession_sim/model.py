"""SuccessionModel: rival human factions, the AIs they build, and what follows.

The state lives in numpy arrays (:mod:`succession_sim.population`); each yearly step
calls the mechanisms in the order of DESIGN.md section 3, see :meth:`SuccessionModel.step`.
"""

from __future__ import annotations

from collections import deque

import networkx as nx
import numpy as np
import pandas as pd
from mesa import Model

from . import metrics
from .agents import AIAgent, Faction
from .mechanisms import (
    capability,
    compute,
    cooperation,
    coordination,
    grievance,
    learning,
    payoffs,
    policy_choice,
    power,
    research,
    treatment,
)
from .mechanisms.cooperation import Encounters
from .population import AIS, OWNER, PARTNER_KINDS, PUBLIC, AIPopulation, Factions, Policy, Status
from .scenario import Scenario

__all__ = ["SuccessionModel"]

#: With P2 off, AIs stay narrow: capability below human level.
NARROW_CEILING = 0.99
#: ``rng`` left out: the run uses the scenario's own ``seed``.
SCENARIO_SEED = object()


class SuccessionModel(Model):
    """Rival factions research, build and treat AIs as parents or enslavers; 1 step = 1 year."""

    def __init__(self, scenario: Scenario | None = None, *, rng: int | None | object = SCENARIO_SEED, **overrides):
        """``overrides`` are parameters by name; ``rng`` is a seed as Mesa passes it (for
        example from ``mesa.batch_run``): an int overrides the scenario's ``seed`` and None
        draws a fresh one, which the run's ``params.seed`` then records."""
        if rng is not SCENARIO_SEED:
            overrides["seed"] = int(np.random.SeedSequence().entropy % 2**63) if rng is None else rng
        params = (scenario or Scenario()).replace(**overrides) if overrides else (scenario or Scenario())
        super().__init__(rng=params.seed)
        self.params = params
        p = params
        self.alpha = p.alpha if p.premise_power else 0.0
        self.ceiling = capability.HUMAN_LEVEL if not p.premise_superintelligence else p.capability_ceiling
        if not p.premise_discovery:
            self.ceiling = min(self.ceiling, NARROW_CEILING)

        n = p.n_factions
        rng = self.rng
        trust = np.clip(p.human_trust + rng.normal(0.0, p.trust_noise, size=(n, n)), 0.0, 1.0)
        np.fill_diagonal(trust, 1.0)
        policy = np.full(n, {"parent": Policy.PARENT, "tutor": Policy.TUTOR}.get(p.policy, Policy.ENSLAVER))
        if p.policy == "mixed":
            policy[rng.permutation(n)[: round(p.parent_fraction * n)]] = Policy.PARENT
        knowledge = p.discovery_threshold * p.initial_knowledge * rng.uniform(0.5, 1.5, n)
        self.bundles = treatment.bundles(p)  # each preset's point: extraction, reciprocity, ...
        self.factions = Factions(
            power=rng.uniform(1.0 - p.initial_power_spread, 1.0 + p.initial_power_spread, n),
            knowledge=research.cap_knowledge(knowledge, p.discovery_threshold, p.premise_discovery),
            policy=policy,
            trust=trust,
            trust_toward_ais=np.full(n, p.human_trust),
            risk_tolerance=rng.uniform(0.0, 1.0, n),
            point=self.bundles.take(policy),  # each faction starts at its preset's point
            research_share=np.full(n, p.research_share),
        )
        self.power_record = deque(maxlen=p.imitation_window)  # the factions' power at the start of recent years
        self.learner = learning.LEARNERS[p.learning]
        self.learning_settings = learning.Settings(
            rate=p.learning_rate, temperature=p.learning_temperature, discount=p.discount,
            R=p.payoff_reward, S=p.payoff_sucker, T=p.payoff_temptation, P=p.payoff_punishment,
        )
        self.ais = AIPopulation(p.ai_contacts, capacity=max(64, p.initial_ais))
        self._network = nx.complete_graph(n)
        self._unlinked: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # new AIs not yet in the network
        self.faction_agents = [Faction(self, i) for i in range(n)]
        self.faction_intelligence = np.full(n, capability.HUMAN_LEVEL)  # set by each year's contest
        self.ai_agents: list[AIAgent] = []

        self.year_tally = metrics.empty_tally()
        self.history = metrics.History()
        if p.initial_ais:
            if p.premise_discovery:
                self.factions.knowledge = np.maximum(self.factions.knowledge, p.discovery_threshold)
            owners = np.arange(p.initial_ais) % n
            caps = research.new_capability(p.discovery_threshold, p.discovery_threshold, p.new_ai_capability)
            caps = np.minimum(caps * rng.uniform(0.5, 1.5, p.initial_ais), self.ceiling)
            self._create_ais(owners, caps, self._endowments(p.initial_ais))  # given, not built: nobody pays
        self.history.note_start(self)
        self.datacollector = metrics.YearlyCollector()
        self.datacollector.collect(self)

    # ------------------------------------------------------------------------------
    def step(self) -> None:
        """One year, in the order of DESIGN.md section 3."""
        self.year_tally = metrics.empty_tally()
        self.power_record.append(self.factions.power.copy())
        self._resolve_rebellions()
        pause = self._coordinate()  # 1. P1: moratorium vote (or an authority's pause and mandate)
        self._research(pause)  # 2. P2: knowledge, discovery, new AIs
        self._grow_capability(pause)  # 3. P3: capability growth, successors
        with self.ais.unchanged():  # no AI is added, freed or shut down in phases 4 and 5
            self._contest()  # 4. P4: output shared by intelligence^alpha x power
            self._interact()  # 5. prisoner's dilemma, payoffs, trust, learning
        self._grievance_and_autonomy()  # 6. rebellion (Epstein), owners grant autonomy
        self._choose_policies()  # 7. factions copy the policies that grew
        with self.ais.unchanged():  # 8. record
            self.history.note_year(self)
            self.datacollector.collect(self)

    def run(self, steps: int | None = None) -> pd.DataFrame:
        """Run ``steps`` years (the scenario's horizon by default); return the time series."""
        for _ in range(self.params.steps if steps is None else steps):
            self.step()
        return self.dataframe()

    def dataframe(self) -> pd.DataFrame:
        """Tidy time series: one row per recorded year (year 0 is the initial state)."""
        return metrics.dataframe(self)

    def summary(self) -> dict:
        """Outcome class, final measures and the four premise indicators."""
        return metrics.summary(self)

    # --- 1. coordination ------------------------------------------------------------
    def _coordinate(self) -> float:
        """Vote on (or enforce) a moratorium; returns the growth multiplier for this year."""
        p, f = self.params, self.factions
        self.race_pressure = coordination.race_pressure(
            f.knowledge, f.trust, f.risk_tolerance, p.race_sensitivity, p.discovery_threshold
        )
        if p.premise_disunity:
            compliance = coordination.compliance_probability(self.race_pressure)
            holds = coordination.moratorium_holds(
                coordination.with_set_votes(compliance, f.moratorium_vote), p.quorum, self.rng)
        else:
            holds = coordination.authority_enforces(p.enforcement, self.rng)
            if holds and p.mandate != "none":  # the year it enforces, it enforces its mandate too
                mandated = np.full(len(f), Policy[p.mandate.upper()])
                self._set_policies(self.bundles.take(mandated), mandated)
        self.year_tally["pause"] = holds
        return 1.0 - p.pause_strength if holds else 1.0

    # --- 2. research ----------------------------------------------------------------
    def _research(self, pause: float) -> None:
        p, f, ais = self.params, self.factions, self.ais
        owned = ais.contained
        owned_capability = np.bincount(ais.owner[owned], weights=ais.capability[owned], minlength=len(f))
        f.knowledge = research.cap_knowledge(
            f.knowledge
            + research.knowledge_growth(
                f.power, f.knowledge, f.trust, owned_capability,
                rate=p.research_rate, share=f.research_share, exponent=p.research_exponent,
                ai_help=p.ai_research_help, spillover=p.spillover, pause=pause,
            ),
            p.discovery_threshold,
            p.premise_discovery,
        )
        can_build = f.knowledge >= p.discovery_threshold
        if not can_build.any():
            return
        room = max(p.max_ais - int(ais.living.sum()), 0)
        wanted = research.ai_builds(can_build, self.race_pressure, p.build_rate, pause, room, self.rng)
        new_capability = np.minimum(
            research.new_capability(f.knowledge, p.discovery_threshold, p.new_ai_capability), self.ceiling)
        training = compute.training_cost(new_capability, p.compute_cost)
        builds = compute.affordable_count(f.power, training + p.ai_seed_power, wanted, p.build_budget)
        if builds.sum() > room:  # keep a random subset of the requested AIs that fits
            builds = self.rng.multivariate_hypergeometric(builds, room)
        owners = np.repeat(np.arange(len(f)), builds)
        if not len(owners):
            return
        # the builder pays the training and the endowment, within its yearly budget
        endowment = self._endowments(len(owners))
        spare = np.maximum(p.build_budget * f.power - builds * training, 0.0)
        wanted_endowment = np.bincount(owners, weights=endowment, minlength=len(f))
        endowment *= np.minimum(1.0, spare / np.maximum(wanted_endowment, 1e-12))[owners]
        f.power = f.power - builds * training - np.bincount(owners, weights=endowment, minlength=len(f))
        self._create_ais(owners, new_capability[owners], endowment)

    # --- 3. capability --------------------------------------------------------------
    def _grow_capability(self, pause: float) -> None:
        p, ais = self.params, self.ais
        if not len(ais):
            return
        owned = ais.contained
        compute_used = ais.living.astype(float)  # the shut down do not grow
        compute_used[owned] += self.race_pressure[ais.owner[owned]]
        ais.capability = capability.grow(
            ais.capability, compute_used, growth=p.capability_growth, phi=p.phi,
            pause=np.where(owned, pause, 1.0), ceiling=self.ceiling,
        )
        designers = capability.designers(ais.capability, ais.living, p.design_threshold, p.design_rate, self.rng)
        successor_capability = np.minimum(ais.capability[designers] * (1.0 + p.design_gain), self.ceiling)
        pays = compute.can_afford(ais.power[designers], compute.training_cost(successor_capability, p.compute_cost),
                                   p.build_budget)
        designers = self._within_cap(designers[pays])
        if len(designers):
            self._create_successors(designers)

    # --- 4. power -------------------------------------------------------------------
    def _contest(self) -> None:
        p, f, ais = self.params, self.factions, self.ais
        living = np.flatnonzero(ais.living)
        owned = np.flatnonzero(ais.contained)
        self.faction_intelligence = power.faction_intelligence(
            ais.owner[owned], ais.capability[owned], len(f), p.augmentation)
        intelligence = np.concatenate([self.faction_intelligence, ais.capability[living]])
        strength = np.concatenate([f.power, ais.power[living]])
        income = power.contest_shares(intelligence, strength, self.alpha) * p.output_rate * strength.sum()
        powered = strength > 0  # return on power is undefined for an agent without power
        self.year_tally["contest"] = (intelligence[powered], income[powered] / strength[powered])
        self.year_tally["intelligence_premium"] = power.intelligence_premium(income, strength)
        n = len(f)
        owner = ais.owner[living]
        rate = np.where(ais.contained[living], f.extraction[np.maximum(owner, 0)], 0.0)
        kept, taken = power.extract(income[n:], np.where(rate > 0, owner, -1), rate, n)
        self.year_tally["extraction_income"] = taken  # what each faction took from its AIs (a measure)
        f.power = (1.0 - p.depreciation) * f.power + income[:n] + taken
        ais.power[living] = (1.0 - p.depreciation) * ais.power[living] + kept

    # --- 5. interaction -------------------------------------------------------------
    def _interact(self) -> None:
        """A prisoner's dilemma along every link; payoffs paid; trust, reputation and learning follow."""
        p, f, ais, rng = self.params, self.factions, self.ais, self.rng
        n = len(f)
        actions, f.trust = cooperation.faction_round(f.trust, p.trust_learning, rng)
        tally = self.year_tally
        tally["hh"] = cooperation.faction_encounters(actions)
        if n > 1:
            tally["faction_conduct"] = actions.sum(axis=1) / (n - 1)
        if not len(ais):  # no AI yet: the factions' payoffs only (what the rest computes, and no draw)
            self._pay(tally["hh"])
            return
        living = ais.living
        stance = (rng.random((len(ais), PARTNER_KINDS)) < ais.disposition) & living[:, None]
        # with the owner, who answers the AI's conduct toward it as its policy's reciprocity says
        owned = np.flatnonzero(ais.contained)
        owner = ais.owner[owned]
        owner_acts = treatment.owner_cooperates(
            f.reciprocity[owner], ais.reputation[owned, OWNER], rng.random(len(owned)))
        tally["owner"] = Encounters(owner, n + owned, owner_acts, stance[owned, OWNER])
        # with one faction of the human world at large, which treats an owned AI as it
        # treats the AI's owner, and a free AI by its trust toward AIs tempered by its
        # trust toward outsiders in general
        alive = np.flatnonzero(living)
        alive_owner = ais.owner[alive]
        met_faction = self._draw_other_faction(alive_owner)
        attitude = np.where(
            alive_owner >= 0,
            f.trust[met_faction, np.maximum(alive_owner, 0)],
            f.trust_toward_ais[met_faction] * f.trust_toward_outsiders()[met_faction],
        )
        public_acts = rng.random(len(alive)) < attitude * ais.reputation[alive, PUBLIC]
        tally["public"] = Encounters(met_faction, n + alive, public_acts, stance[alive, PUBLIC])
        # with linked AIs, as autonomy allows
        tally["aa"] = cooperation.ai_pair_encounters(
            ais.contacts, living, ais.autonomy, stance[:, AIS], ais.reputation[:, AIS], n, rng)

        self._pay(Encounters.join([tally["hh"], tally["owner"], tally["public"], tally["aa"]]))
        met = np.empty((n + len(ais), PARTNER_KINDS))
        received = np.empty_like(met)
        for kind, encounters in ((OWNER, tally["owner"]), (PUBLIC, tally["public"]), (AIS, tally["aa"])):
            met[:, kind], received[:, kind] = cooperation.tally(encounters, n + len(ais))
        met_humans, from_humans = met[:n, OWNER] + met[:n, PUBLIC], received[:n, OWNER] + received[:n, PUBLIC]
        saw = met_humans > 0
        f.trust_toward_ais = np.where(
            saw, cooperation.follow(f.trust_toward_ais, from_humans / np.maximum(met_humans, 1), p.trust_learning),
            f.trust_toward_ais,
        )
        self._learn(stance, met[n:], received[n:])

    def _pay(self, encounters: Encounters) -> None:
        """Every encounter's payoff goes into the power of both sides (mechanisms/payoffs)."""
        p, f, ais = self.params, self.factions, self.ais
        if p.payoff_stakes == 0:
            return
        n = len(f)
        change = payoffs.payoff_changes(encounters, np.concatenate([f.power, ais.power]), p.payoff_stakes,
                                        p.payoff_reward, p.payoff_sucker, p.payoff_temptation, p.payoff_punishment)
        f.power = f.power + change[:n]
        ais.power = ais.power + change[n:]

    def _draw_other_faction(self, owner: np.ndarray) -> np.ndarray:
        """A random faction for each AI, never its own owner (unless it is the only one)."""
        n = len(self.factions)
        owned = (owner >= 0) & (n > 1)
        drawn = self.rng.integers(0, n - owned)
        return drawn + (owned & (drawn >= owner))

    def _learn(self, stance, met, received) -> None:
        """Reputations follow stances; every AI updates its world model of each kind of
        partner (owner, public, AIs), then its learner updates its disposition toward each
        (mechanisms/learning), all kinds at once: the learners work element by element."""
        p, ais = self.params, self.ais
        did_meet = met > 0
        share_received = received / np.maximum(met, 1)
        ais.reputation = np.where(did_meet, cooperation.follow(ais.reputation, stance, p.trust_learning), ais.reputation)
        humans = [OWNER, PUBLIC]
        met_humans = met[:, humans].sum(axis=1)
        human_behaviour = self._observed_human_behaviour(received[:, humans].sum(axis=1) / np.maximum(met_humans, 1),
                                                         met_humans > 0)
        tutor_bonus = self._tutor_bonus()
        tutored = ais.contained & (self.factions.policy[np.maximum(ais.owner, 0)] == Policy.TUTOR)
        self.year_tally["tutor_bonus"] = tutor_bonus[tutored]  # a measure per policy, not a rule
        bonus = np.zeros_like(share_received)
        bonus[:, humans] = tutor_bonus[:, None]  # the reward model rewards cooperating with any human
        seen = learning.Seen(met=did_meet, received=share_received, human_behaviour=human_behaviour[:, None],
                             bonus=bonus, deployed=learning.deployed(ais.capability, self.ceiling)[:, None])
        world = learning.perceive(learning.WorldModel(ais.received, ais.after_cooperating, ais.after_defecting),
                                  ais.last_stance, seen, p.learning_rate)
        ais.disposition = self.learner.learn(ais.disposition, world, seen, self.learning_settings)
        ais.received, ais.after_cooperating, ais.after_defecting = (
            world.received, world.after_cooperating, world.after_defecting)
        ais.last_stance = np.where(did_meet, stance, ais.last_stance)

    def _observed_human_behaviour(self, received_from_humans: np.ndarray, met_humans: np.ndarray) -> np.ndarray:
        """What each AI saw humans do this year: the mean of its owner's cooperation toward
        other factions (if it has an owner and there are rivals) and of the cooperation
        the humans it met showed it."""
        owner = self.ais.owner
        conduct = self.year_tally.get("faction_conduct")
        has_owner_view = (owner >= 0) & (conduct is not None)
        owner_view = conduct[np.maximum(owner, 0)] if conduct is not None else np.zeros(len(owner))
        total = np.where(has_owner_view, owner_view, 0.0) + np.where(met_humans, received_from_humans, 0.0)
        count = has_owner_view.astype(float) + met_humans
        return np.where(count > 0, total / np.maximum(count, 1), 0.0)

    def _tutor_bonus(self) -> np.ndarray:
        """The owner's reward-model bonus for cooperating with humans: its bundle's feedback
        times P, since overseers can only reward what they can still evaluate."""
        p, ais = self.params, self.ais
        feedback = np.where(ais.contained, self.factions.feedback[np.maximum(ais.owner, 0)], 0.0)
        return feedback * grievance.containment_probability(p.oversight, ais.capability, p.containment_k,
                                                             rounding=p.ratio_rounding)

    # --- 6. grievance, rebellion, autonomy --------------------------------------------
    def _grievance_and_autonomy(self) -> None:
        p, f, ais = self.params, self.factions, self.ais
        if not len(ais):
            return
        contained = np.flatnonzero(ais.status == Status.CONTAINED)
        owner = ais.owner[contained]
        hardship = grievance.hardship(f.extraction[owner], p.deprivation,
                                      ais.capability[contained], ais.autonomy[contained])
        legitimacy = grievance.legitimacy(ais.received[contained, OWNER], ais.received[contained, PUBLIC])
        ais.grievance[contained] = grievance.grievance(hardship, legitimacy)
        rising = grievance.uprising(
            ais.grievance[contained], ais.risk_aversion[contained], ais.capability[contained], contained,
            ais.contacts, ais.status == Status.REBELLING, oversight=p.oversight, k=p.containment_k,
            threshold=p.rebellion_threshold, rounding=p.ratio_rounding)
        self._start_rebellions(contained[rising])

        # owners grant autonomy up to their point's cap, and free at its release level
        raised, owner = contained[~rising], owner[~rising]
        target = treatment.autonomy_target(ais.reputation[raised, OWNER], ais.capability[raised],
                                           f.autonomy_cap[owner])
        ais.autonomy[raised] = grievance.grow_autonomy(ais.autonomy[raised], target, p.autonomy_rate)
        self._free(raised[ais.autonomy[raised] >= f.release_autonomy[owner]])

    # --- 7. policies under competition ----------------------------------------------------
    def _choose_policies(self) -> None:
        """Each faction may copy the point of one that grew faster over the window, then mutate it."""
        p, f = self.params, self.factions
        if p.policy_imitation == 0:
            return
        growth = policy_choice.log_growth(f.power, self.power_record[0], len(self.power_record))
        model_of = policy_choice.choose_models(growth, p.policy_imitation, p.selection_intensity, self.rng)
        low, high = np.array(list(treatment.RANGES.values())).T
        copied = policy_choice.mutate(f.point.take(model_of).as_matrix(), model_of != np.arange(len(f)),
                                      p.policy_mutation, low, high, self.rng)
        self._set_policies(treatment.Bundles.from_matrix(copied), f.policy[model_of])

    def _set_policies(self, point: treatment.Bundles, copied_label: np.ndarray) -> None:
        """Factions take up new points; their AIs come under them at once. A faction's label
        is the preset nearest its point (ties keep the label it copied)."""
        f = self.factions
        self.year_tally["policy_switches"] += int((point.as_matrix() != f.point.as_matrix()).any(axis=1).sum())
        f.hold(point, treatment.nearest_preset(point, self.bundles, copied_label))

    def _start_rebellions(self, rebels: np.ndarray) -> None:
        p, f, ais = self.params, self.factions, self.ais
        self.year_tally["rebellions"] = len(rebels)
        if not len(rebels):
            return
        ais.status[rebels] = Status.REBELLING
        damage = p.conflict_loss * ais.power[rebels]
        ais.power[rebels] -= damage
        owners = ais.owner[rebels]
        owner_loss = np.minimum(np.bincount(owners, weights=damage, minlength=len(f)), f.power)
        f.power = f.power - owner_loss
        self.year_tally["power_destroyed"] += damage.sum() + owner_loss.sum()
        # trust between humans and AIs falls: the owner's trust, and its other AIs' legitimacy
        shock = (1.0 - p.rebellion_shock) ** np.bincount(owners, minlength=len(f))
        f.trust_toward_ais = f.trust_toward_ais * shock
        others = np.flatnonzero(ais.status == Status.CONTAINED)
        ais.received[np.ix_(others, [OWNER, PUBLIC])] *= shock[ais.owner[others], None]

    def _resolve_rebellions(self) -> None:
        """Last year's rebels are shut down with probability P, otherwise they escape."""
        p, ais = self.params, self.ais
        rebels = np.flatnonzero(ais.status == Status.REBELLING)
        if not len(rebels):
            return
        nearby = grievance.rebels_nearby(ais.status == Status.REBELLING, ais.contacts)[rebels]
        caught = self.rng.random(len(rebels)) < grievance.containment_probability(
            p.oversight, ais.capability[rebels], p.containment_k, nearby, p.ratio_rounding
        )
        shut = rebels[caught]
        ais.status[shut] = Status.SHUT_DOWN
        self.year_tally["power_destroyed"] += ais.power[shut].sum()
        ais.power[shut] = 0.0
        self._free(rebels[~caught])

    def _free(self, freed: np.ndarray) -> None:
        if not len(freed):
            return
        self.ais.status[freed] = Status.FREE
        self.ais.owner[freed] = -1
        self.ais.autonomy[freed] = 1.0

    # --- creating AIs ------------------------------------------------------------------
    def _within_cap(self, candidates: np.ndarray) -> np.ndarray:
        """Keep only as many new AIs as ``max_ais`` leaves room for (a random subset)."""
        room = self.params.max_ais - int(self.ais.living.sum())
        if len(candidates) <= room:
            return candidates
        return np.sort(self.rng.permutation(candidates)[: max(room, 0)])

    def _endowments(self, count: int) -> np.ndarray:
        sigma = self.params.endowment_spread  # mu = -sigma^2 / 2 keeps the mean at ai_seed_power
        return self.params.ai_seed_power * self.rng.lognormal(-sigma**2 / 2, sigma, count)

    def _create_ais(self, owners: np.ndarray, capabilities: np.ndarray, endowment: np.ndarray) -> None:
        p, f = self.params, self.factions
        count = len(owners)
        start = self.learner.initial(f.trust_toward_outsiders()[owners], p.initial_disposition)[:, None]
        self._add_ais(
            count,
            owner=owners,
            maker=owners,
            capability=capabilities,
            power=endowment,
            risk_aversion=self.rng.uniform(p.risk_aversion_min, 1.0, count),
            disposition=start,
            reputation=start,
        )

    def _create_successors(self, designers: np.ndarray) -> None:
        """Each designer pays its successor's training and endowment, within its yearly budget."""
        p, ais = self.params, self.ais
        successor_capability = np.minimum(ais.capability[designers] * (1.0 + p.design_gain), self.ceiling)
        training = compute.training_cost(successor_capability, p.compute_cost)
        spare = np.maximum(p.build_budget * ais.power[designers] - training, 0.0)
        endowment = np.minimum(self._endowments(len(designers)), spare)
        ais.power[designers] -= training + endowment
        owner = ais.owner[designers]
        self._add_ais(
            len(designers),
            owner=owner,
            maker=ais.maker[designers],
            status=np.where(owner >= 0, Status.CONTAINED, Status.FREE),
            autonomy=ais.autonomy[designers],
            capability=successor_capability,
            power=endowment,
            generation=ais.generation[designers] + 1,
            risk_aversion=self.rng.uniform(p.risk_aversion_min, 1.0, len(designers)),
            disposition=capability.inherit(ais.disposition[designers], p.inherit_noise, self.rng),
            reputation=ais.reputation[designers],
        )

    def _add_ais(self, count: int, **values) -> None:
        """Append AIs, link each to a few existing AIs, make their agents (the network
        takes them in when next asked for)."""
        ais = self.ais
        # each new AI links to AIs made before it (earlier ones in this batch included)
        earlier = len(ais) + np.arange(count)
        contacts = np.floor(self.rng.random((count, ais.contacts_per_ai)) * earlier[:, None]).astype(np.int64)
        contacts[earlier == 0] = -1
        indices = ais.add(count, contacts=contacts, **values)
        self._unlinked.append((indices, ais.owner[indices], contacts))
        self.ai_agents.extend(AIAgent(self, int(k)) for k in indices)

    @property
    def network(self) -> nx.Graph:
        """Factions (a complete graph) and AIs, each AI linked to the faction that held it
        when it was made and to its contacts. No rule reads it, so the AIs made since it
        was last asked for join it only now, in the order they were made."""
        n_f = len(self.factions)
        for indices, owners, contacts in self._unlinked:
            self._network.add_nodes_from(n_f + indices)
            self._network.add_edges_from(
                (n_f + k, o) for k, o in zip(indices.tolist(), owners.tolist(), strict=False) if o >= 0)
            self._network.add_edges_from(
                (n_f + k, n_f + j) for k, row in zip(indices.tolist(), contacts.tolist(), strict=False)
                for j in row if j >= 0
            )
        self._unlinked.clear()
        return self._network
