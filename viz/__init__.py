"""The Solara dashboard of succession-sim.

``viz/app.py`` is the page; ``viz/components/`` holds its parts; ``viz/session.py`` holds
one browser session's state (its own model); ``viz/live.py`` and ``viz/widgets/`` are the
year, network and charts that the browser draws from data the session sends each year;
``viz/panels.py`` says what the charts show; ``viz/pacing.py`` shares the server fairly
between playing sessions; ``viz/figures.py`` draws with matplotlib, on demand only;
``viz/portrayal.py`` and ``viz/layout.py`` say how agents look and where they sit.
"""
