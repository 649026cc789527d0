"""The Solara dashboard of succession-sim.

``viz/app.py`` is the page; ``viz/components/`` holds its parts; ``viz/session.py`` holds
one browser session's state (its own model); ``viz/figures.py`` draws with matplotlib;
``viz/portrayal.py`` and ``viz/layout.py`` say how agents look and where they sit.
"""
