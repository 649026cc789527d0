"""Widgets drawn in the browser (anywidget): the time-series charts and the network.

The server sends data, not pictures: the charts get each year's new rows, the network a
small binary picture of positions, sizes and colours. Their JavaScript is in the ``.js``
files beside this one, with the chart library vendored under ``viz/static``; nothing is
fetched at run time.
"""

from .network import NetworkWidget, legend_entries, pack_picture
from .time_series import RunRows, TimeSeriesWidget

__all__ = ["NetworkWidget", "RunRows", "TimeSeriesWidget", "legend_entries", "pack_picture"]
