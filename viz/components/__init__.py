"""Parts of the dashboard page: controls, network, charts, premises, compare, export."""
