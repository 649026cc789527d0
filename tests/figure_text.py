"""Where a figure's words land: the bounding box of every visible text, as the renderer draws it.

Used by the figure tests to check that no two texts overlap and that none runs off the
figure, at the size the figure is written at (matplotlib's ``get_window_extent``, no browser).
"""

from __future__ import annotations

from itertools import combinations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

#: Pixels two boxes may share before they count as overlapping (anti-aliasing, glyph padding).
TOLERANCE = 1.0


def _hidden_tick_labels(fig: Figure) -> set[int]:
    """Tick labels outside their axis's limits: matplotlib keeps them but does not draw them."""
    hidden = set()
    for axes in fig.get_axes():
        for axis in (axes.xaxis, axes.yaxis):
            low, high = sorted(axis.get_view_interval())
            margin = 1e-9 * (high - low)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - margin <= tick.get_loc() <= high + margin:
                    hidden.update({id(tick.label1), id(tick.label2)})
    return hidden


def text_boxes(fig: Figure) -> list[tuple[str, object]]:
    """(text, bounding box in pixels) of every text the figure draws."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # runs the layout engine and places the ticks
    renderer = canvas.get_renderer()
    hidden = _hidden_tick_labels(fig)
    drawn = [t for t in fig.findobj(Text)
             if t.get_visible() and t.get_text().strip() and id(t) not in hidden
             and (t.axes is None or t.axes.get_visible())]
    return [(t.get_text(), t.get_window_extent(renderer)) for t in drawn]


def text_collisions(fig: Figure) -> list[str]:
    """Every pair of texts whose boxes overlap, and every text that runs off the figure."""
    boxes = text_boxes(fig)
    width, height = fig.canvas.get_width_height()
    problems = []
    for text, box in boxes:
        if box.x0 < -TOLERANCE or box.y0 < -TOLERANCE or box.x1 > width + TOLERANCE or box.y1 > height + TOLERANCE:
            problems.append(f"{text!r} runs off the {width}x{height} figure ({box})")
    for (a, box_a), (b, box_b) in combinations(boxes, 2):
        overlap_x = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        overlap_y = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if overlap_x > TOLERANCE and overlap_y > TOLERANCE:
            problems.append(f"{a!r} overlaps {b!r}")
    return problems
