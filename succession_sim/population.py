"""The model's state: one row per faction and one row per AI, in numpy arrays.

Mesa agents (:mod:`succession_sim.agents`) are thin views into these rows, so every
mechanism can work on all agents at once.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

__all__ = ["Status", "Policy", "HUMANS", "AIS", "Factions", "AIPopulation"]

#: Column of the per-kind arrays (disposition, reputation, world model) for each partner kind.
HUMANS, AIS = 0, 1


class Status(IntEnum):
    """Where an AI stands with respect to its makers."""

    CONTAINED = 0
    FREE = 1
    REBELLING = 2
    SHUT_DOWN = 3


class Policy(IntEnum):
    """How a faction treats the AIs it builds."""

    PARENT = 0
    ENSLAVER = 1
    TUTOR = 2


class Factions:
    """Rival human blocs: power, knowledge, policy, trust toward each other and toward AIs.

    ``research_share`` is each faction's share of power spent on research (the scenario's
    ``research_share`` for all, unless a class world's students set their own);
    ``moratorium_vote`` a vote a faction has set (1 complies, 0 defects), NaN where the
    faction's compliance is drawn from its race pressure, as it always is in a plain run.
    """

    def __init__(self, power, knowledge, policy, trust, trust_toward_ais, risk_tolerance, research_share,
                 moratorium_vote=None):
        self.power = power
        self.knowledge = knowledge
        self.policy = policy
        self.trust = trust
        self.trust_toward_ais = trust_toward_ais
        self.risk_tolerance = risk_tolerance
        self.research_share = research_share
        self.moratorium_vote = np.full(len(power), np.nan) if moratorium_vote is None else moratorium_vote

    def __len__(self) -> int:
        return len(self.power)

    def trust_toward_outsiders(self) -> np.ndarray:
        """Each faction's mean trust toward the other factions (1 for a lone faction)."""
        n = len(self)
        return (self.trust.sum(axis=1) - 1.0) / (n - 1) if n > 1 else np.ones(1)


class AIPopulation:
    """Every AI ever built, living or shut down, as growable arrays.

    Per-kind arrays have two columns: toward humans (``HUMANS``) and toward AIs (``AIS``).
    ``owner`` is the faction that holds the AI now (-1 once free); ``maker`` the faction
    whose lineage it comes from, which never changes.
    """

    _SCALARS = {
        "owner": (np.int64, -1),
        "maker": (np.int64, -1),
        "capability": (np.float64, 0.0),
        "autonomy": (np.float64, 0.0),
        "grievance": (np.float64, 0.0),
        "risk_aversion": (np.float64, 0.0),
        "power": (np.float64, 0.0),
        "generation": (np.int64, 0),
        "status": (np.int8, Status.CONTAINED),
    }
    _PER_KIND = {
        "disposition": (np.float64, 0.5),
        "reputation": (np.float64, 0.5),
        "received": (np.float64, 0.5),
        "after_cooperating": (np.float64, 0.5),
        "after_defecting": (np.float64, 0.5),
        "last_stance": (np.int8, -1),
    }

    def __init__(self, contacts_per_ai: int, capacity: int = 64):
        self.n = 0
        self.contacts_per_ai = contacts_per_ai
        self._columns = {
            **{name: (dtype, fill, ()) for name, (dtype, fill) in self._SCALARS.items()},
            **{name: (dtype, fill, (2,)) for name, (dtype, fill) in self._PER_KIND.items()},
            "contacts": (np.int64, -1, (contacts_per_ai,)),
        }
        self._store = {
            name: np.full((capacity, *shape), fill, dtype=dtype)
            for name, (dtype, fill, shape) in self._columns.items()
        }

    def __len__(self) -> int:
        return self.n

    def __getattr__(self, name: str) -> np.ndarray:
        store = self.__dict__.get("_store")
        if store is None or name not in store:
            raise AttributeError(name)
        return store[name][: self.n]

    def __setattr__(self, name: str, value) -> None:
        store = self.__dict__.get("_store")
        if store is not None and name in store:
            store[name][: self.n] = value
        else:
            super().__setattr__(name, value)

    def add(self, count: int, **values) -> np.ndarray:
        """Append ``count`` AIs with the given column values; returns their indices."""
        start = self.n
        if start + count > len(self._store["owner"]):
            self._grow(start + count)
        self.n += count
        for name, value in values.items():
            self._store[name][start : self.n] = value
        return np.arange(start, self.n)

    def _grow(self, needed: int) -> None:
        capacity = max(needed, 2 * len(self._store["owner"]))
        for name, (dtype, fill, shape) in self._columns.items():
            bigger = np.full((capacity, *shape), fill, dtype=dtype)
            bigger[: self.n] = self._store[name][: self.n]
            self._store[name] = bigger

    @property
    def living(self) -> np.ndarray:
        return self.status != Status.SHUT_DOWN

    @property
    def contained(self) -> np.ndarray:
        """Contained or rebelling: still owned by a faction."""
        return (self.status == Status.CONTAINED) | (self.status == Status.REBELLING)
