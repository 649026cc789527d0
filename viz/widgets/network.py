"""The network in the browser: positions, sizes and colours computed here, drawn on a canvas there."""

from __future__ import annotations

from pathlib import Path

import anywidget
import numpy as np
import traitlets
from matplotlib.colors import to_hex, to_rgb

from .. import layout, portrayal
from ..portrayal import KIND_CODES, NodeKind
from ..snapshot import NetworkPicture

__all__ = ["NetworkWidget", "pack_picture", "legend_entries"]

HERE = Path(__file__).resolve().parent
#: How network.js finds the colour of each kind of line in the legend (portrayal.LINE_LEGEND's order).
LINE_NAMES = ("trust", "owner", "contact")


def _rgb_bytes(colours: np.ndarray) -> bytes:
    return np.round(255 * np.asarray(colours, dtype=float).reshape(-1, 3)).astype(np.uint8).tobytes()


def pack_picture(picture: NetworkPicture) -> bytes:
    """``picture`` in the binary layout that network.js reads (described at its top)."""
    powers = np.concatenate([picture.faction_power, picture.ai_power])
    top = float(powers.max()) if len(powers) and powers.max() > 0 else 1.0
    n, m = len(picture.faction_xy), len(picture.ai_xy)
    contacts = picture.contact_rows
    faction_kind = np.full(n, KIND_CODES[NodeKind.FACTION])
    parts = [
        np.array([n, m, len(contacts), 0], dtype="<i4"),
        np.column_stack([picture.faction_xy, picture.faction_power / top]).astype("<f4"),
        np.asarray(picture.faction_trust, dtype="<f4"),
        np.column_stack([picture.ai_xy.reshape(-1, 2), picture.ai_power / top]).astype("<f4"),
        picture.ai_owner.astype("<i2"),
        contacts.astype("<i2"),
    ]
    colours = [
        _rgb_bytes(portrayal.node_colours(faction_kind, picture.faction_policy)),
        _rgb_bytes(portrayal.node_colours(picture.ai_kind, picture.ai_policy)),
        (picture.ai_kind == KIND_CODES[NodeKind.REBELLING_AI]).astype(np.uint8).tobytes(),
    ]
    return b"".join(part.tobytes() for part in parts) + b"".join(colours)


def legend_entries(policies) -> list[dict]:
    """The legend: factions and AIs of the policies in the run, then the three kinds of line."""
    shapes = {"s": "square", "o": "circle"}
    entries = [{"label": label, "shape": shapes[marker], "colour": to_hex(colour), "ring": ringed}
               for label, marker, colour, ringed in portrayal.legend_entries(sorted(set(policies)))]
    return entries + [{"label": label, "shape": "line", "colour": to_hex((*to_rgb(line[0]), line[1]), keep_alpha=True),
                       "width": line[2], "line": name, "dash": list(portrayal.LINE_DASHES.get(line, ()))}
                      for name, (label, line) in zip(LINE_NAMES, portrayal.LINE_LEGEND, strict=True)]


class NetworkWidget(anywidget.AnyWidget):
    """Factions (squares) and AIs (circles), sized by power; the picture is one binary trait."""

    _esm = (HERE / "network.js").read_text()
    _css = (HERE / "network.css").read_text()
    picture = traitlets.Bytes(b"").tag(sync=True)
    year = traitlets.Int(0).tag(sync=True)
    legend = traitlets.List().tag(sync=True)
    label_radius = traitlets.Float(1.4).tag(sync=True)  # faction labels sit just outside their disc of AIs
    view_limit = traitlets.Float(layout.VIEW_LIMIT).tag(sync=True)
    projector = traitlets.Bool(False).tag(sync=True)
