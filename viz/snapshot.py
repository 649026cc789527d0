"""What the page draws after each step: an immutable copy of the parts of the model it shows.

Components render from a :class:`Snapshot`, never from the live model, so a step running
in the play thread cannot change data under a drawing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from succession_sim import Scenario, SuccessionModel
from succession_sim.population import Status

from . import layout, portrayal
from .panels import YEAR

__all__ = ["MAX_DRAWN_AIS", "NetworkPicture", "YearlyTable", "Snapshot", "CreatorIndex", "take_snapshot"]

#: The network shows at most this many AIs: the most powerful living ones.
MAX_DRAWN_AIS = 300


@dataclass(frozen=True)
class NetworkPicture:
    """Positions, kinds, powers and links of the nodes to draw."""

    faction_xy: np.ndarray
    faction_policy: np.ndarray  # Policy value of each faction
    faction_power: np.ndarray
    faction_trust: np.ndarray  # (n, n), symmetric mean of the two directions
    ai_xy: np.ndarray
    ai_kind: np.ndarray  # NodeKind code: held, free or rebelling
    ai_policy: np.ndarray  # Policy value of the owner (-1 for a free AI)
    ai_power: np.ndarray
    ai_owner: np.ndarray  # faction holding each drawn AI (-1: none)
    contact_rows: np.ndarray  # (k, 2) contacts between drawn AIs, as rows of ai_xy
    n_living: int
    n_shut_down: int
    n_rebelling: int

    @property
    def n_drawn(self) -> int:
        return len(self.ai_xy)


@dataclass(frozen=True)
class YearlyTable:
    """The model's yearly reporters up to one year, read from its data collector without a copy.

    Mesa's DataCollector keeps one list per reporter and, during a run, only appends to
    them; so the first ``rows`` values of each list stay this year's whatever the model does
    next. Building a DataFrame every year cost more than the model's step.
    """

    columns: dict[str, list]  # model.datacollector.model_vars
    rows: int

    @property
    def names(self) -> list[str]:
        return [YEAR, *self.columns]

    def values(self, name: str, start: int = 0) -> list:
        """The column ``name`` from row ``start`` on (YEAR: the years)."""
        if name == YEAR:
            return list(range(start, self.rows))
        return self.columns[name][start:self.rows]

    def last_row(self) -> dict[str, float]:
        """The reporters of this snapshot's year, by name."""
        return {YEAR: self.rows - 1, **{name: values[self.rows - 1] for name, values in self.columns.items()}}

    def frame(self) -> pd.DataFrame:
        """The table as ``model.dataframe()`` gave it at this year."""
        frame = pd.DataFrame({name: values[:self.rows] for name, values in self.columns.items()})
        frame.insert(0, YEAR, np.arange(self.rows))
        return frame


@dataclass(frozen=True)
class Snapshot:
    """One moment of one run, as the page shows it."""

    run_id: int
    scenario_name: str
    params: Scenario
    year: int
    table: YearlyTable
    summary: dict
    network: NetworkPicture

    @functools.cached_property
    def frame(self) -> pd.DataFrame:
        """One row per year so far, made when first asked for (words, exports), not every year."""
        return self.table.frame()

    @property
    def horizon(self) -> int:
        return self.params.steps

    @property
    def finished(self) -> bool:
        return self.year >= self.horizon

    @property
    def words_are_current(self) -> bool:
        """False while Play reuses an earlier year's summary (see ``Session.step``)."""
        return self.summary["steps"] == self.year


class CreatorIndex:
    """The faction each AI comes from, which places a free AI in its creator's sector.

    The model records it as ``ais.maker``; without that column, it is read once per AI
    from the edge to its creator in ``model.network``, which stays after the AI is freed.
    """

    def __init__(self):
        self.creators = np.empty(0, dtype=np.int64)

    def update(self, model: SuccessionModel) -> np.ndarray:
        try:
            return model.ais.maker
        except AttributeError:
            pass
        n_f, seen, total = len(model.factions), len(self.creators), len(model.ais)
        if total > seen:
            graph = model.network
            new = [next((u for u in graph.adj[n_f + k] if u < n_f), -1) for k in range(seen, total)]
            self.creators = np.concatenate([self.creators, np.asarray(new, dtype=np.int64)])
        return self.creators


def network_picture(model: SuccessionModel, creators: np.ndarray, cap: int = MAX_DRAWN_AIS) -> NetworkPicture:
    """The nodes and links to draw: every faction, and the ``cap`` most powerful living AIs."""
    factions, ais = model.factions, model.ais
    n = len(factions)
    faction_xy = layout.faction_positions(n)
    living = np.flatnonzero(ais.living)
    drawn = living
    if len(living) > cap:
        drawn = np.sort(living[np.argpartition(-ais.power[living], cap - 1)[:cap]])
    status, owner = ais.status[drawn], ais.owner[drawn]
    ai_xy = layout.ai_positions(drawn, creators[drawn], status == Status.FREE, n)
    owned = owner >= 0
    position = np.full(len(ais), -1, dtype=np.int64)
    position[drawn] = np.arange(len(drawn))
    partner = position[np.maximum(ais.contacts[drawn], 0)]
    linked = (ais.contacts[drawn] >= 0) & (partner >= 0)
    rows, cols = np.nonzero(linked)
    policy = np.asarray(factions.policy, dtype=np.int64)
    return NetworkPicture(
        faction_xy=faction_xy,
        faction_policy=policy.copy(),
        faction_power=factions.power.copy(),
        faction_trust=(factions.trust + factions.trust.T) / 2.0,
        ai_xy=ai_xy,
        ai_kind=portrayal.ai_kinds(status),
        ai_policy=np.where(owned, policy[np.maximum(owner, 0)], -1),
        ai_power=ais.power[drawn].copy(),
        ai_owner=np.where(owned, owner, -1).astype(np.int64),
        contact_rows=np.column_stack([rows, partner[rows, cols]]).astype(np.int64),
        n_living=len(living),
        n_shut_down=int((ais.status == Status.SHUT_DOWN).sum()),
        n_rebelling=int((ais.status == Status.REBELLING).sum()),
    )


def take_snapshot(model: SuccessionModel, run_id: int, scenario_name: str, creators: CreatorIndex,
                  summary: dict | None = None) -> Snapshot:
    """Copy what the page shows out of ``model`` (call it with the session's lock held).

    ``summary`` reuses an earlier ``model.summary()`` (it then describes an earlier year).
    """
    return Snapshot(
        run_id=run_id,
        scenario_name=scenario_name,
        params=model.params,
        year=int(model.time),
        table=YearlyTable(model.datacollector.model_vars, int(model.time) + 1),
        summary=model.summary() if summary is None else summary,
        network=network_picture(model, creators.update(model)),
    )
