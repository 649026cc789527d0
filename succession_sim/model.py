"""SuccessionModel: rival human factions, the AIs they build, and what follows.

The state lives in numpy arrays (:mod:`succession_sim.population`); each yearly step
calls the mechanisms in the order of DESIGN.md section 3, see :meth:`SuccessionModel.step`.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from mesa import DataCollector, Model

from . import metrics
from .agents import AIAgent, Faction
from .mechanisms import capability, cooperation, coordination, grievance, learning, power, research
from .population import AIS, HUMANS, AIPopulation, Factions, Policy, Status
from .scenario import Scenario

__all__ = ["SuccessionModel"]

#: With P2 off, AIs stay narrow: capability below human level.
NARROW_CEILING = 0.99


class SuccessionModel(Model):
    """Rival factions research, build and treat AIs as parents or enslavers; 1 step = 1 year."""

    def __init__(self, scenario: Scenario | None = None, **overrides):
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
        trust = np.clip(p.human_trust + rng.normal(0.0, 0.1, size=(n, n)), 0.0, 1.0)
        np.fill_diagonal(trust, 1.0)
        policy = np.full(n, {"parent": Policy.PARENT, "tutor": Policy.TUTOR}.get(p.policy, Policy.ENSLAVER))
        if p.policy == "mixed":
            policy[rng.permutation(n)[: round(p.parent_fraction * n)]] = Policy.PARENT
        knowledge = p.discovery_threshold * p.initial_knowledge * rng.uniform(0.5, 1.5, n)
        self.factions = Factions(
            power=rng.uniform(0.5, 1.5, n),
            knowledge=research.cap_knowledge(knowledge, p.discovery_threshold, p.premise_discovery),
            policy=policy,
            trust=trust,
            trust_toward_ais=np.full(n, p.human_trust),
            risk_tolerance=rng.uniform(0.0, 1.0, n),
        )
        #: share of a contained AI's income each faction takes, by its policy
        self.extraction_rate = np.array([0.0, p.extraction, p.tutor_extraction])[policy]
        self.learner = learning.LEARNERS[p.learning]
        self.learning_settings = learning.Settings(
            rate=p.learning_rate, temperature=p.learning_temperature, discount=p.discount,
            R=p.payoff_reward, S=p.payoff_sucker, T=p.payoff_temptation, P=p.payoff_punishment,
        )
        self.ais = AIPopulation(p.ai_contacts, capacity=max(64, p.initial_ais))
        self.network = nx.complete_graph(n)
        self.faction_agents = [Faction(self, i) for i in range(n)]
        self.ai_agents: list[AIAgent] = []

        self.year_tally = metrics.empty_tally()
        self.history = metrics.History()
        if p.initial_ais:
            if p.premise_discovery:
                self.factions.knowledge = np.maximum(self.factions.knowledge, p.discovery_threshold)
            owners = np.arange(p.initial_ais) % n
            caps = research.new_capability(p.discovery_threshold, p.discovery_threshold, p.new_ai_capability)
            self._create_ais(owners, np.minimum(caps * rng.uniform(0.5, 1.5, p.initial_ais), self.ceiling))
        self.history.note_start(self)
        self.datacollector = DataCollector(model_reporters=metrics.MODEL_REPORTERS)
        self.datacollector.collect(self)

    # ------------------------------------------------------------------------------
    def step(self) -> None:
        """One year, in the order of DESIGN.md section 3."""
        self.year_tally = metrics.empty_tally()
        self._resolve_rebellions()
        pause = self._coordinate()  # 1. P1: moratorium vote
        self._research(pause)  # 2. P2: knowledge, discovery, new AIs
        self._grow_capability(pause)  # 3. P3: capability growth, successors
        self._contest()  # 4. P4: output shared by intelligence^alpha x power
        self._interact()  # 5. prisoner's dilemma, trust, learning
        self._grievance_and_autonomy()  # 6. rebellion (Epstein), parents grant autonomy
        self.history.note_year(self)  # 7. record
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
            holds = coordination.moratorium_holds(
                coordination.compliance_probability(self.race_pressure), p.quorum, self.rng
            )
        else:
            holds = coordination.authority_enforces(p.enforcement, self.rng)
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
                rate=p.research_rate, share=p.research_share, exponent=p.research_exponent,
                ai_help=p.ai_research_help, spillover=p.spillover, pause=pause,
            ),
            p.discovery_threshold,
            p.premise_discovery,
        )
        can_build = f.knowledge >= p.discovery_threshold
        if not can_build.any():
            return
        room = max(p.max_ais - int(ais.living.sum()), 0)
        builds = research.ai_builds(can_build, self.race_pressure, p.build_rate, pause, room, self.rng)
        if builds.sum() > room:  # keep a random subset of the requested AIs that fits
            builds = self.rng.multivariate_hypergeometric(builds, room)
        owners = np.repeat(np.arange(len(f)), builds)
        if len(owners):
            caps = research.new_capability(f.knowledge[owners], p.discovery_threshold, p.new_ai_capability)
            self._create_ais(owners, np.minimum(caps, self.ceiling), endow_from_owner=True)

    # --- 3. capability --------------------------------------------------------------
    def _grow_capability(self, pause: float) -> None:
        p, ais = self.params, self.ais
        if not len(ais):
            return
        owned = ais.contained
        compute = ais.living.astype(float)  # the shut down do not grow
        compute[owned] += self.race_pressure[ais.owner[owned]]
        ais.capability = capability.grow(
            ais.capability, compute, growth=p.capability_growth, phi=p.phi,
            pause=np.where(owned, pause, 1.0), ceiling=self.ceiling,
        )
        designers = self._within_cap(
            capability.designers(ais.capability, ais.living, p.design_threshold, p.design_rate, self.rng)
        )
        if len(designers):
            self._create_successors(designers)

    # --- 4. power -------------------------------------------------------------------
    def _contest(self) -> None:
        p, f, ais = self.params, self.factions, self.ais
        living = np.flatnonzero(ais.living)
        intelligence = np.concatenate([np.full(len(f), capability.HUMAN_LEVEL), ais.capability[living]])
        strength = np.concatenate([f.power, ais.power[living]])
        income = power.contest_shares(intelligence, strength, self.alpha) * p.output_rate * strength.sum()
        powered = strength > 0  # return on power is undefined for an agent without power
        self.year_tally["contest"] = (intelligence[powered], income[powered] / strength[powered])
        n = len(f)
        owner = ais.owner[living]
        rate = np.where(ais.contained[living], self.extraction_rate[np.maximum(owner, 0)], 0.0)
        kept, taken = power.extract(income[n:], np.where(rate > 0, owner, -1), rate, n)
        f.power = (1.0 - p.depreciation) * f.power + income[:n] + taken
        ais.power[living] = (1.0 - p.depreciation) * ais.power[living] + kept

    # --- 5. interaction -------------------------------------------------------------
    def _interact(self) -> None:
        p, f, ais, rng = self.params, self.factions, self.ais, self.rng
        actions, f.trust = cooperation.faction_round(f.trust, p.trust_learning, rng)
        if len(f) > 1:
            self.year_tally["hh_actions"] = actions[~np.eye(len(f), dtype=bool)]
            self.year_tally["faction_conduct"] = actions.sum(axis=1) / (len(f) - 1)
        if not len(ais):
            return
        living = ais.living
        stance = (rng.random((len(ais), 2)) < ais.disposition) & living[:, None]
        met, received = np.zeros((len(ais), 2)), np.zeros((len(ais), 2))
        faction_met, faction_received = np.zeros(len(f)), np.zeros(len(f))
        human_ai_actions, ai_to_human_actions = [], []

        def human_encounters(ai_index, faction_index, human_cooperates):
            ai_cooperates = stance[ai_index, HUMANS]
            met[:, HUMANS] += np.bincount(ai_index, minlength=len(ais))
            received[:, HUMANS] += np.bincount(ai_index, weights=human_cooperates, minlength=len(ais))
            faction_met[:] += np.bincount(faction_index, minlength=len(f))
            faction_received[:] += np.bincount(faction_index, weights=ai_cooperates, minlength=len(f))
            human_ai_actions.extend([human_cooperates, ai_cooperates])
            ai_to_human_actions.append(ai_cooperates)

        # with the owner: a parent or tutor answers the AI's conduct, an enslaver always defects
        owned = np.flatnonzero(ais.contained)
        owner = ais.owner[owned]
        owner_cares = (f.policy[owner] != Policy.ENSLAVER) & (rng.random(len(owned)) < ais.reputation[owned, HUMANS])
        human_encounters(owned, owner, owner_cares)
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
        public_trust = attitude * ais.reputation[alive, HUMANS]
        human_encounters(alive, met_faction, rng.random(len(alive)) < public_trust)
        # with linked AIs, as autonomy allows
        ai_ai_actions = []
        for slot in range(ais.contacts_per_ai):
            partner = ais.contacts[:, slot]
            pairs = np.flatnonzero((partner >= 0) & living & living[np.maximum(partner, 0)])
            a, b = pairs, partner[pairs]
            meet = rng.random(len(a)) < ais.autonomy[a] * ais.autonomy[b]
            a, b = a[meet], b[meet]
            a_cooperates = stance[a, AIS] & (rng.random(len(a)) < ais.reputation[b, AIS])
            b_cooperates = stance[b, AIS] & (rng.random(len(b)) < ais.reputation[a, AIS])
            for own, other_cooperates in ((a, b_cooperates), (b, a_cooperates)):
                met[:, AIS] += np.bincount(own, minlength=len(ais))
                received[:, AIS] += np.bincount(own, weights=other_cooperates, minlength=len(ais))
            ai_ai_actions.extend([a_cooperates, b_cooperates])

        self.year_tally["ha_actions"] = np.concatenate(human_ai_actions)
        self.year_tally["ai_to_human_actions"] = np.concatenate(ai_to_human_actions)
        self.year_tally["aa_actions"] = np.concatenate(ai_ai_actions) if ai_ai_actions else np.array([], bool)
        saw = faction_met > 0
        f.trust_toward_ais = np.where(
            saw, cooperation.follow(f.trust_toward_ais, faction_received / np.maximum(faction_met, 1), p.trust_learning),
            f.trust_toward_ais,
        )
        self._learn(stance, met, received)

    def _draw_other_faction(self, owner: np.ndarray) -> np.ndarray:
        """A random faction for each AI, never its own owner (unless it is the only one)."""
        n = len(self.factions)
        owned = (owner >= 0) & (n > 1)
        drawn = self.rng.integers(0, n - owned)
        return drawn + (owned & (drawn >= owner))

    def _learn(self, stance, met, received) -> None:
        """Reputations follow stances; every AI updates its world model, then its learner
        updates its dispositions (mechanisms/learning: experience, imitation, imitation_prior)."""
        p, ais = self.params, self.ais
        did_meet = met > 0
        share_received = received / np.maximum(met, 1)
        ais.reputation = np.where(did_meet, cooperation.follow(ais.reputation, stance, p.trust_learning), ais.reputation)
        human_behaviour = self._observed_human_behaviour(share_received[:, HUMANS], did_meet[:, HUMANS])
        tutored = self._tutored()
        tutor_bonus = self._tutor_bonus(tutored)
        self.year_tally["tutor_bonus"] = tutor_bonus[tutored]
        new = {name: getattr(ais, name).copy() for name in ("received", "after_cooperating", "after_defecting", "disposition")}
        for kind in (HUMANS, AIS):
            seen = learning.Seen(met=did_meet[:, kind], received=share_received[:, kind],
                                 human_behaviour=human_behaviour,
                                 bonus=tutor_bonus if kind == HUMANS else np.zeros(len(ais)))
            world = learning.perceive(
                learning.WorldModel(ais.received[:, kind], ais.after_cooperating[:, kind], ais.after_defecting[:, kind]),
                ais.last_stance[:, kind], seen, p.learning_rate,
            )
            new["disposition"][:, kind] = self.learner.learn(ais.disposition[:, kind], world, seen, self.learning_settings)
            new["received"][:, kind], new["after_cooperating"][:, kind], new["after_defecting"][:, kind] = (
                world.received, world.after_cooperating, world.after_defecting)
        for name, values in new.items():
            setattr(ais, name, values)
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

    def _tutored(self) -> np.ndarray:
        """Contained AIs whose owner is a tutor."""
        ais = self.ais
        return ais.contained & (self.factions.policy[np.maximum(ais.owner, 0)] == Policy.TUTOR)

    def _tutor_bonus(self, tutored: np.ndarray) -> np.ndarray:
        """The tutor's reward-model bonus for cooperating with humans: tutor_feedback * P,
        since overseers can only reward what they can still evaluate."""
        p, ais = self.params, self.ais
        oversight = grievance.containment_probability(p.oversight, ais.capability, p.containment_k)
        return np.where(tutored, p.tutor_feedback * oversight, 0.0)

    # --- 6. grievance, rebellion, autonomy --------------------------------------------
    def _grievance_and_autonomy(self) -> None:
        p, f, ais = self.params, self.factions, self.ais
        if not len(ais):
            return
        contained = np.flatnonzero(ais.status == Status.CONTAINED)
        owner = ais.owner[contained]
        hardship = grievance.hardship(self.extraction_rate[owner], ais.autonomy[contained])
        ais.grievance[contained] = grievance.grievance(hardship, ais.received[contained, HUMANS])
        risk = grievance.containment_probability(p.oversight, ais.capability[contained], p.containment_k)
        rising = grievance.rebels(ais.grievance[contained], ais.risk_aversion[contained], risk, p.rebellion_threshold)
        self._start_rebellions(contained[rising])

        # parents and tutors grant autonomy; a tutor only up to its cap, and only a parent frees
        policy = f.policy[owner]
        raised = contained[(policy != Policy.ENSLAVER) & ~rising]
        target = grievance.autonomy_target(ais.reputation[raised, HUMANS], ais.capability[raised])
        target = np.where(f.policy[ais.owner[raised]] == Policy.TUTOR, np.minimum(target, p.tutor_autonomy_cap), target)
        ais.autonomy[raised] = grievance.grow_autonomy(ais.autonomy[raised], target, p.autonomy_rate)
        parented = raised[f.policy[ais.owner[raised]] == Policy.PARENT]
        self._free(parented[ais.autonomy[parented] >= p.release_autonomy])

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
        ais.received[others, HUMANS] *= shock[ais.owner[others]]

    def _resolve_rebellions(self) -> None:
        """Last year's rebels are shut down with probability P, otherwise they escape."""
        p, ais = self.params, self.ais
        rebels = np.flatnonzero(ais.status == Status.REBELLING)
        if not len(rebels):
            return
        caught = self.rng.random(len(rebels)) < grievance.containment_probability(
            p.oversight, ais.capability[rebels], p.containment_k
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
        sigma = 0.5
        return self.params.ai_seed_power * self.rng.lognormal(-sigma**2 / 2, sigma, count)

    def _create_ais(self, owners: np.ndarray, capabilities: np.ndarray, endow_from_owner: bool = False) -> None:
        p, f = self.params, self.factions
        endowment = self._endowments(len(owners))
        if endow_from_owner:
            # a faction spends at most half its power on the AIs it builds this year
            wanted = np.bincount(owners, weights=endowment, minlength=len(f))
            scale = np.minimum(1.0, 0.5 * f.power / np.maximum(wanted, 1e-12))
            endowment = endowment * scale[owners]
            f.power = f.power - np.bincount(owners, weights=endowment, minlength=len(f))
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
        p, ais = self.params, self.ais
        endowment = np.minimum(self._endowments(len(designers)), 0.5 * ais.power[designers])
        ais.power[designers] -= endowment
        owner = ais.owner[designers]
        self._add_ais(
            len(designers),
            owner=owner,
            maker=ais.maker[designers],
            status=np.where(owner >= 0, Status.CONTAINED, Status.FREE),
            autonomy=ais.autonomy[designers],
            capability=np.minimum(ais.capability[designers] * (1.0 + p.design_gain), self.ceiling),
            power=endowment,
            generation=ais.generation[designers] + 1,
            risk_aversion=self.rng.uniform(p.risk_aversion_min, 1.0, len(designers)),
            disposition=capability.inherit(ais.disposition[designers], p.inherit_noise, self.rng),
            reputation=ais.reputation[designers],
        )

    def _add_ais(self, count: int, **values) -> None:
        """Append AIs, link each to its owner and to a few existing AIs, make their agents."""
        ais, n_f = self.ais, len(self.factions)
        # each new AI links to AIs made before it (earlier ones in this batch included)
        earlier = len(ais) + np.arange(count)
        contacts = np.floor(self.rng.random((count, ais.contacts_per_ai)) * earlier[:, None]).astype(np.int64)
        contacts[earlier == 0] = -1
        indices = ais.add(count, contacts=contacts, **values)
        owners = ais.owner[indices]
        self.network.add_nodes_from(n_f + indices)
        self.network.add_edges_from((n_f + k, o) for k, o in zip(indices.tolist(), owners.tolist(), strict=False) if o >= 0)
        self.network.add_edges_from(
            (n_f + k, n_f + j) for k, row in zip(indices.tolist(), contacts.tolist(), strict=False) for j in row if j >= 0
        )
        self.ai_agents.extend(AIAgent(self, int(k)) for k in indices)
