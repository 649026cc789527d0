"""How agents look: colour by kind of node (an Enum) and by policy (the model's ``Policy`` Enum).

A faction is a square in its policy's colour; an AI held by a faction is a circle in a
lighter tint of its owner's policy colour; free AIs are blue, rebelling AIs red with a
black ring. Colours are Okabe-Ito, readable with colour-blindness and on a projector.
"""

from __future__ import annotations

from enum import Enum

import numpy as np
from matplotlib.colors import to_rgb

from succession_sim.population import Policy, Status

__all__ = [
    "NodeKind",
    "POLICY_COLOURS",
    "KIND_COLOURS",
    "REBEL_RING",
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


#: Colour of each policy (factions, and the compare charts' lines); keyed by the model's Enum.
POLICY_COLOURS: dict[Policy, str] = {
    Policy.PARENT: "#009E73",
    Policy.ENSLAVER: "#E69F00",
    **({Policy.TUTOR: "#CC79A7"} if hasattr(Policy, "TUTOR") else {}),
}
#: Colours of AI kinds that do not depend on a policy.
KIND_COLOURS: dict[NodeKind, str] = {NodeKind.FREE_AI: "#0072B2", NodeKind.REBELLING_AI: "#D62728"}
#: Edge colour of the ring drawn around rebelling AIs.
REBEL_RING = "#000000"
#: For a scenario-level policy that is not a faction policy (``mixed``) or a policy added later.
OTHER_COLOURS = ("#56B4E9", "#F0E442", "#999999")
#: Held AIs are drawn in their owner's colour mixed this much with white.
HELD_TINT = 0.45

KIND_CODES = {kind: code for code, kind in enumerate(NodeKind)}


def policy_name(policy: Policy | int) -> str:
    return Policy(int(policy)).name.lower()


def policy_colour(policy: Policy | int | str) -> str:
    """Colour of a policy given as the Enum, its value, or its name (``"parent"``)."""
    if isinstance(policy, str):
        member = Policy.__members__.get(policy.upper())
        if member is None:
            return OTHER_COLOURS[sum(map(ord, policy)) % len(OTHER_COLOURS)]
        policy = member
    member = Policy(int(policy))
    return POLICY_COLOURS.get(member, OTHER_COLOURS[int(member) % len(OTHER_COLOURS)])


def _tint(colour: str, amount: float) -> tuple[float, float, float]:
    r, g, b = to_rgb(colour)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def node_colour(kind: NodeKind, policy: int) -> tuple[float, float, float]:
    """RGB colour of a node of ``kind`` whose faction (owner, for an AI) has ``policy`` (-1: none)."""
    if kind in KIND_COLOURS:
        return to_rgb(KIND_COLOURS[kind])
    base = policy_colour(policy) if policy >= 0 else "#999999"
    return _tint(base, HELD_TINT) if kind is NodeKind.HELD_AI else to_rgb(base)


def node_colours(kind_codes: np.ndarray, policies: np.ndarray) -> np.ndarray:
    """(m, 3) RGB colours for nodes given as kind codes and policy values."""
    kinds = list(NodeKind)
    if not len(kind_codes):
        return np.empty((0, 3))
    return np.array([node_colour(kinds[k], int(p)) for k, p in zip(kind_codes, policies, strict=True)])


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
