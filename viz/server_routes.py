"""What the dashboard's web server answers besides the page: nothing that fetches, writes or tells.

Solara 1.58.2 mounts routes that a classroom network must not reach:

* ``/_solara/cdn/<path>``, its assets proxy. A path missing from the assets installed with
  ``solara-assets`` (under the environment's ``share/solara/cdn/``) is fetched from the CDN,
  with no timeout, and written into that folder; a path naming a folder deletes the folder
  first. Students' pages need only the installed files, so the proxy is replaced by a plain
  read-only file server over the same folder: a shipped file loads as before, anything
  else is a 404, and nothing is fetched, written or deleted.
* ``/resourcez``, server internals (threads, kernels, websockets, memory): removed in
  production mode.

:func:`close_open_routes` runs in the server process when it loads ``viz/app.py``, so it
holds for ``succession-sim dashboard`` and for ``solara run viz/app.py`` by hand alike;
``viz.serve.environment`` also switches Solara's proxy off, so its fetching route is never
mounted in the first place. A closed tab's session is released after
:data:`SESSION_CULL_TIMEOUT` (Solara's default keeps it 24 hours) unless the environment
sets ``SOLARA_KERNEL_CULL_TIMEOUT``.
"""

from __future__ import annotations

import os

__all__ = ["ASSETS_PATH", "DIAGNOSTIC_PATHS", "SESSION_CULL_TIMEOUT", "close_open_routes", "shipped_assets"]

#: Where pages load Solara's front end from (Solara's own path for its proxy).
ASSETS_PATH = "/_solara/cdn"
#: Routes that describe the server's internals, closed in production mode.
DIAGNOSTIC_PATHS = ("/resourcez",)
#: How long a session lives after its page disconnected without coming back (a closed tab
#: whose close message was lost, a laptop gone to sleep): long enough for a Wi-Fi blip.
SESSION_CULL_TIMEOUT = "30s"
CULL_TIMEOUT_ENV = "SOLARA_KERNEL_CULL_TIMEOUT"


def shipped_assets():
    """The folder of front-end files installed with solara-assets (Solara's proxy cache folder)."""
    import solara.server.settings

    return solara.server.settings.assets.proxy_cache_dir


def close_open_routes(app=None, production: bool | None = None) -> None:
    """Make Solara's Starlette ``app`` (the served one by default) safe to serve; idempotent.

    ``production`` defaults to Solara's mode setting (``solara run --production``).
    """
    import solara.server.settings
    from starlette.responses import PlainTextResponse
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    if app is None:
        from solara.server.starlette import app
    if production is None:
        production = solara.server.settings.main.mode == "production"
    closed = DIAGNOSTIC_PATHS if production else ()
    routes = app.router.routes
    routes[:] = [route for route in routes if getattr(route, "path", None) not in {*closed, ASSETS_PATH}]
    # ahead of the page's catch-all route, which would otherwise answer a closed path with the page
    routes[:0] = [Route(path, endpoint=lambda _request: PlainTextResponse("Not Found", status_code=404))
                  for path in closed]
    # StaticFiles answers only files inside the folder (no listing, no path out of it)
    routes.insert(0, Mount(ASSETS_PATH, app=StaticFiles(directory=shipped_assets(), check_dir=False)))
    if CULL_TIMEOUT_ENV not in os.environ:
        solara.server.settings.kernel.cull_timeout = SESSION_CULL_TIMEOUT
