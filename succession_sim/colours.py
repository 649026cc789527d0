"""One colour per policy, everywhere: the dashboard, the CLI's figures and the sweep reports.

Okabe-Ito colours, which stay apart under the common colour-blindnesses and on a
projector. Blue and red are left to the dashboard's free and rebelling AIs.
"""

from __future__ import annotations

__all__ = ["POLICY_COLOURS", "OTHER_POLICY_COLOUR", "policy_colour"]

#: Colour of each policy, by the name a scenario uses (``policy = "parent"``).
POLICY_COLOURS = {
    "parent": "#009E73",  # bluish green
    "enslaver": "#E69F00",  # orange
    "tutor": "#CC79A7",  # reddish purple
    "mixed": "#56B4E9",  # sky blue
}
#: For a policy added to the model but not yet given a colour here.
OTHER_POLICY_COLOUR = "#999999"


def policy_colour(policy: str) -> str:
    """The colour of ``policy`` (a name such as ``"parent"``; case does not matter)."""
    return POLICY_COLOURS.get(str(policy).lower(), OTHER_POLICY_COLOUR)
