"""Plain-text tables for the terminal that fit a projector's width.

A table has key columns (left-aligned, e.g. the measure or the condition) and value
columns (right-aligned). Long headers wrap onto several lines. When the table is wider
than ``width`` the value columns are split into blocks, stacked one under the other,
each repeating the key columns, so that nothing is cut; ``width=None`` prints one block
however wide (the CLI's ``--wide``).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

__all__ = ["WIDTH", "format_interval", "format_number", "table"]

#: Columns of a projector terminal: what the CLI's tables fit by default.
WIDTH = 100
GAP = "  "


def format_number(value, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def format_interval(stat: dict, digits: int = 3, show_n: bool = True) -> str:
    """'mean [low, high] (n)' from an interval dict; '-' parts where it is not defined."""
    n = f" ({stat['n']})" if show_n else ""
    if stat["mean"] is None or (isinstance(stat["mean"], float) and math.isnan(stat["mean"])):
        return "-" + n
    mean = f"{stat['mean']:.{digits}f}"
    if stat["low"] is None or (isinstance(stat["low"], float) and math.isnan(stat["low"])):
        return mean + n
    return f"{mean} [{stat['low']:.{digits}f}, {stat['high']:.{digits}f}]" + n


def _column_width(header: str, cells: list[str]) -> int:
    """As wide as the widest cell; a longer header wraps at its spaces."""
    widest_cell = max((len(c) for c in cells), default=0)
    longest_word = max((len(w) for w in header.split()), default=0)
    return max(widest_cell, longest_word)


def _block(header: Sequence[str], rows: Sequence[Sequence[str]], columns: list[int], keys: int) -> list[str]:
    widths = {c: _column_width(header[c], [row[c] for row in rows]) for c in columns}
    wrapped = {c: textwrap.wrap(header[c], widths[c]) or [""] for c in columns}
    depth = max(len(lines) for lines in wrapped.values())
    # a header that wraps onto fewer lines sits at the bottom, next to its column
    headers = {c: [""] * (depth - len(lines)) + lines for c, lines in wrapped.items()}

    def line(cells: dict[int, str]) -> str:
        return GAP.join(cells[c].ljust(widths[c]) if c < keys else cells[c].rjust(widths[c]) for c in columns).rstrip()

    out = [line({c: headers[c][i] for c in columns}) for i in range(depth)]
    out.append("-" * (sum(widths.values()) + len(GAP) * (len(columns) - 1)))
    out += [line({c: row[c] for c in columns}) for row in rows]
    return out


def table(header: Sequence[str], rows: Sequence[Sequence[str]], keys: int = 1, width: int | None = WIDTH) -> str:
    """The table as text: one block if it fits ``width`` (or width is None), else stacked blocks."""
    values = list(range(keys, len(header)))
    if width is None:
        return "\n".join(_block(header, rows, list(range(len(header))), keys))
    key_width = sum(_column_width(header[c], [row[c] for row in rows]) + len(GAP) for c in range(keys))
    blocks, current, used = [], [], key_width
    for c in values:
        needed = _column_width(header[c], [row[c] for row in rows]) + len(GAP)
        if current and used + needed - len(GAP) > width:
            blocks.append(current)
            current, used = [], key_width
        current.append(c)
        used += needed
    blocks.append(current)
    return "\n\n".join("\n".join(_block(header, rows, [*range(keys), *block], keys)) for block in blocks)
