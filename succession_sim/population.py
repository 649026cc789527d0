"""The model's state: one row per faction and one row per AI, in numpy arrays.

Mesa agents (:mod:`succession_sim.agents`) are thin views into these rows, so every
mechanism can work on all agents at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum

import numpy as np

from .mechanisms.treatment import Bundles

__all__ = ["Status", "Policy", "PUBLIC", "HUMANS", "AIS", "OWNER", "PARTNER_KINDS", "Factions", "AIPopulation"]

#: Column of the per-kind arrays (disposition, reputation, world model) for each kind of
#: partner: the human world at large (``PUBLIC``, also called ``HUMANS``: every human but
#: the AI's owner), other AIs (``AIS``) and the faction that holds the AI (``OWNER``,
#: unused once the AI is free). The owner comes last so that v2 code indexing
#: ``HUMANS`` and ``AIS`` keeps its meaning.
PUBLIC, AIS, OWNER = 0, 1, 2
HUMANS = PUBLIC
PARTNER_KINDS = 3


class Status(IntEnum):
    """Where an AI stands with respect to its makers."""

    CONTAINED = 0
    FREE = 1
    REBELLING = 2
    SHUT_DOWN = 3


#: For each status code, whether an AI with that status is still owned by a faction.
_OWNED = np.array([status in (Status.CONTAINED, Status.REBELLING) for status in Status])


class Policy(IntEnum):
    """How a faction treats the AIs it builds."""

    PARENT = 0
    ENSLAVER = 1
    TUTOR = 2


class Factions:
    """Rival human blocs: power, knowledge, policy, trust toward each other and toward AIs.

    A faction's policy is a point: its own ``extraction``, ``reciprocity``,
    ``autonomy_cap``, ``release_autonomy`` and ``feedback`` (mechanisms/treatment).
    ``policy`` is the preset nearest that point, a label for measures, read by no rule.
    ``research_share`` is each faction's share of power spent on research (the scenario's
    ``research_share`` for all, unless a class world's students set their own);
    ``moratorium_vote`` a vote a faction has set (1 complies, 0 defects), NaN where the
    faction's compliance is drawn from its race pressure, as it always is in a plain run.
    """

    def __init__(self, power, knowledge, policy, trust, trust_toward_ais, risk_tolerance, point, research_share,
                 moratorium_vote=None):
        self.power = power
        self.knowledge = knowledge
        self.trust = trust
        self.trust_toward_ais = trust_toward_ais
        self.risk_tolerance = risk_tolerance
        self.research_share = research_share
        self.moratorium_vote = np.full(len(power), np.nan) if moratorium_vote is None else moratorium_vote
        self.hold(point, policy)

    @property
    def point(self) -> Bundles:
        """Each faction's five values."""
        return Bundles(self.extraction, self.reciprocity, self.autonomy_cap, self.release_autonomy, self.feedback)

    def hold(self, point: Bundles, policy: np.ndarray) -> None:
        """The factions take up new points, labelled by their nearest presets (the only way
        points change, so that the statistics below stay true)."""
        self._point_statistics = None
        self.policy = policy
        self.extraction = point.extraction
        self.reciprocity = point.reciprocity
        self.autonomy_cap = point.autonomy_cap
        self.release_autonomy = point.release_autonomy
        self.feedback = point.feedback

    def point_statistics(self) -> dict[str, np.ndarray]:
        """Mean and standard deviation over factions of each value, in the order of
        ``treatment.ENTRIES``; computed once per change of the points (reporters read them
        every year, and points change only when a faction copies or is mandated)."""
        if self._point_statistics is None:
            matrix = self.point.as_matrix()
            self._point_statistics = {"mean": matrix.mean(axis=0), "spread": matrix.std(axis=0)}
        return self._point_statistics

    def __len__(self) -> int:
        return len(self.power)

    def trust_toward_outsiders(self) -> np.ndarray:
        """Each faction's mean trust toward the other factions (1 for a lone faction)."""
        n = len(self)
        return (self.trust.sum(axis=1) - 1.0) / (n - 1) if n > 1 else np.ones(1)


class AIPopulation:
    """Every AI ever built, living or shut down, as growable arrays.

    Per-kind arrays have one column per kind of partner: the public (``PUBLIC`` =
    ``HUMANS``), AIs (``AIS``) and the owner (``OWNER``).
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
        self._masks: dict[str, np.ndarray] | None = None  # see unchanged()
        self._columns = {
            **{name: (dtype, fill, ()) for name, (dtype, fill) in self._SCALARS.items()},
            **{name: (dtype, fill, (PARTNER_KINDS,)) for name, (dtype, fill) in self._PER_KIND.items()},
            "contacts": (np.int64, -1, (contacts_per_ai,)),
        }
        self._store = {
            name: np.full((capacity, *shape), fill, dtype=dtype)
            for name, (dtype, fill, shape) in self._columns.items()
        }
        self._show_rows()

    def __len__(self) -> int:
        return self.n

    def _show_rows(self) -> None:
        """Make each column an attribute: a view of the store's first ``n`` rows, renewed
        whenever ``n`` or the store changes (a plain attribute is read far faster than
        one made on every read, and the model reads columns thousands of times a run)."""
        for name, column in self._store.items():
            self.__dict__[name] = column[: self.n]

    def __setattr__(self, name: str, value) -> None:
        store = self.__dict__.get("_store")
        if store is not None and name in store:
            store[name][: self.n] = value
        else:
            super().__setattr__(name, value)

    def __getstate__(self) -> dict:
        """A copy or pickle keeps the store only: views copied apart from it would go stale."""
        return {key: value for key, value in self.__dict__.items() if key not in self._store}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._show_rows()

    def add(self, count: int, **values) -> np.ndarray:
        """Append ``count`` AIs with the given column values; returns their indices."""
        start = self.n
        if start + count > len(self._store["owner"]):
            self._grow(start + count)
        self.n += count
        for name, value in values.items():
            self._store[name][start : self.n] = value
        self._show_rows()
        return np.arange(start, self.n)

    def _grow(self, needed: int) -> None:
        capacity = max(needed, 2 * len(self._store["owner"]))
        for name, (dtype, fill, shape) in self._columns.items():
            bigger = np.full((capacity, *shape), fill, dtype=dtype)
            bigger[: self.n] = self._store[name][: self.n]
            self._store[name] = bigger

    @contextmanager
    def unchanged(self) -> Iterator[None]:
        """A block in which no AI is added and no status changes (the year's record, the
        contest and the encounters): ``living`` and ``contained`` are computed once in it,
        not at every read, and are read-only there. Blocks may nest."""
        if self._masks is not None:
            yield
            return
        self._masks = {}
        try:
            yield
        finally:
            self._masks = None

    def _mask(self, name: str, compute) -> np.ndarray:
        if self._masks is None:
            return compute()
        if name not in self._masks:
            mask = compute()
            mask.setflags(write=False)
            self._masks[name] = mask
        return self._masks[name]

    @property
    def living(self) -> np.ndarray:
        return self._mask("living", lambda: self.status != Status.SHUT_DOWN)

    @property
    def contained(self) -> np.ndarray:
        """Contained or rebelling: still owned by a faction."""
        return self._mask("contained", lambda: _OWNED[self.status])
