"""Mesa agents: thin views into the model's arrays (one row each).

The mechanisms update all agents at once, so these classes hold only an index and read
their state from :class:`~succession_sim.population.Factions` and
:class:`~succession_sim.population.AIPopulation`.
"""

from __future__ import annotations

from mesa import Agent

from .population import AIS, HUMANS, OWNER, Policy, Status

__all__ = ["Faction", "AIAgent"]


class Faction(Agent):
    """A human bloc (nation, lab, alliance): power, knowledge, a policy toward its AIs."""

    def __init__(self, model, index: int):
        super().__init__(model)
        self.index = index

    @property
    def power(self) -> float:
        return float(self.model.factions.power[self.index])

    @property
    def knowledge(self) -> float:
        return float(self.model.factions.knowledge[self.index])

    @property
    def policy(self) -> str:
        return Policy(int(self.model.factions.policy[self.index])).name.lower()

    @property
    def trust_toward_ais(self) -> float:
        return float(self.model.factions.trust_toward_ais[self.index])


class AIAgent(Agent):
    """A designed mind: capability (human level = 1.0), dispositions, autonomy, status."""

    def __init__(self, model, index: int):
        super().__init__(model)
        self.index = index

    def _get(self, column: str):
        return getattr(self.model.ais, column)[self.index]

    @property
    def creator(self) -> int | None:
        """Index of the owning faction, or None once the AI is free."""
        owner = int(self._get("owner"))
        return None if owner < 0 else owner

    @property
    def status(self) -> Status:
        return Status(int(self._get("status")))

    @property
    def capability(self) -> float:
        return float(self._get("capability"))

    @property
    def power(self) -> float:
        return float(self._get("power"))

    @property
    def autonomy(self) -> float:
        return float(self._get("autonomy"))

    @property
    def grievance(self) -> float:
        return float(self._get("grievance"))

    @property
    def risk_aversion(self) -> float:
        return float(self._get("risk_aversion"))

    @property
    def generation(self) -> int:
        return int(self._get("generation"))

    @property
    def disposition_toward_humans(self) -> float:
        return float(self._get("disposition")[HUMANS])

    @property
    def disposition_toward_owner(self) -> float:
        """Toward the faction that holds it (unused once the AI is free)."""
        return float(self._get("disposition")[OWNER])

    @property
    def disposition_toward_ais(self) -> float:
        return float(self._get("disposition")[AIS])
