"""How agents look: colour by kind of node (an Enum) and by policy (the model's ``Policy`` Enum).

A faction is a square in its policy's colour; an AI held by a faction is a circle in a
lighter tint of its owner's policy colour; free AIs are blue, rebelling AIs red with a
black ring. Colours are Okabe-Ito, readable with colour-blindness and on a projector.
"""

from __future__ import annotations

import functools
from enum import Enum

import numpy as np
from matplotlib.colors import to_rgb

from succession_sim import colours
from succession_sim.population import Policy, Status

__all__ = [
    "NodeKind",
    "POLICY_COLOURS",
    "KIND_COLOURS",
    "REBEL_RING",
    "TRUST_LINE",
    "OWNER_LINE",
    "CONTACT_LINE",
    "LINE_LEGEND",
    "LINE_DASHES",
    "policy_colour",
    "policy_name",
    "node_colours",
    "ai_kinds",
]


class NodeKind(Enum):
    """What a node of the network is."""

    FACTION = "faction"
    HELD_AI = "AI held by its maker"
    FREE_AI = "free AI"
    REBELLING_AI = "rebelling AI"


#: Colour of each policy, keyed by the model's Enum (the colours themselves: succession_sim.colours).
POLICY_COLOURS: dict[Policy, str] = {policy: colours.policy_colour(policy.name) for policy in Policy}
#: Colours of AI kinds that do not depend on a policy.
KIND_COLOURS: dict[NodeKind, str] = {NodeKind.FREE_AI: "#0072B2", NodeKind.REBELLING_AI: "#D62728"}
#: Edge colour of the ring drawn around rebelling AIs.
REBEL_RING = "#000000"
#: The network's lines as (colour, opacity, width in pixels), and their legend labels.
TRUST_LINE = ("#4D4D4D", 0.6, 2.0)  # drawn fainter where trust is lower
OWNER_LINE = ("#737373", 0.35, 0.6)
CONTACT_LINE = ("#0072B2", 0.2, 0.6)
#: Dash pattern (on, off, in line widths) of a kind of line: the owner lines are dashed, so the
#: legend's two grey lines (trust, owner) no longer look the same.
LINE_DASHES = {OWNER_LINE: (4.0, 3.0)}
LINE_LEGEND = (
    ("trust between factions (darker: more)", TRUST_LINE),
    ("AI to the faction that holds it", OWNER_LINE),
    ("contact between two AIs", CONTACT_LINE),
)
#: Held AIs are drawn in their owner's colour mixed this much with white.
HELD_TINT = 0.45

KIND_CODES = {kind: code for code, kind in enumerate(NodeKind)}


def policy_name(policy: Policy | int) -> str:
    return Policy(int(policy)).name.lower()


def policy_colour(policy: Policy | int | str) -> str:
    """Colour of a policy given as the Enum, its value, or its name (``"parent"``, or ``"mixed"``)."""
    return colours.policy_colour(policy if isinstance(policy, str) else Policy(int(policy)).name)


def _tint(colour: str, amount: float) -> tuple[float, float, float]:
    r, g, b = to_rgb(colour)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def node_colour(kind: NodeKind, policy: int) -> tuple[float, float, float]:
    """RGB colour of a node of ``kind`` whose faction (owner, for an AI) has ``policy`` (-1: none)."""
    if kind in KIND_COLOURS:
        return to_rgb(KIND_COLOURS[kind])
    base = policy_colour(policy) if policy >= 0 else "#999999"
    return _tint(base, HELD_TINT) if kind is NodeKind.HELD_AI else to_rgb(base)


@functools.lru_cache(maxsize=1)
def _colour_table() -> np.ndarray:
    """RGB of every (kind, policy) pair; column 0 is "no policy" (-1), column p + 1 policy p."""
    policies = [-1, *(int(p) for p in Policy)]
    return np.array([[node_colour(kind, p) for p in policies] for kind in NodeKind])


def node_colours(kind_codes: np.ndarray, policies: np.ndarray) -> np.ndarray:
    """(m, 3) RGB colours for nodes given as kind codes and policy values (a table look-up)."""
    if not len(kind_codes):
        return np.empty((0, 3))
    return _colour_table()[np.asarray(kind_codes, dtype=np.int64), np.asarray(policies, dtype=np.int64) + 1]


def ai_kinds(status: np.ndarray) -> np.ndarray:
    """Kind code of each AI from its status: held (contained), free or rebelling."""
    codes = np.full(len(status), KIND_CODES[NodeKind.HELD_AI])
    codes[status == Status.FREE] = KIND_CODES[NodeKind.FREE_AI]
    codes[status == Status.REBELLING] = KIND_CODES[NodeKind.REBELLING_AI]
    return codes


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def legend_entries(policies: list[int]) -> list[tuple[str, str, tuple, bool]]:
    """(label, marker, colour, ringed) for the policies present in a run, then the AI kinds."""
    entries = [(f"faction: {policy_name(p)}", "s", node_colour(NodeKind.FACTION, p), True) for p in policies]
    entries += [(f"AI held by {_article(policy_name(p))} {policy_name(p)}", "o", node_colour(NodeKind.HELD_AI, p), False)
                for p in policies]
    entries.append(("free AI", "o", node_colour(NodeKind.FREE_AI, -1), False))
    entries.append(("rebelling AI (ringed)", "o", node_colour(NodeKind.REBELLING_AI, -1), True))
    return entries
