"""Browser tests: the dashboard served by Solara and driven in a real Chromium.

``playwright install`` cannot download a browser here, so the Debian Chromium is used
(``apt-get install chromium``; ``.ci/run`` installs it). Without it the browser tests are
skipped with a one-line reason, so the README's test command passes on a fresh machine;
when ``CI`` is set they fail instead, so CI cannot pass without having run them.
The Solara server runs in this process (pytest-ipywidgets' ``solara_server``), on the
plugin's port (``PORT`` + 100, 18865 by default) or on a free port if that one is taken.
Under pytest-xdist each worker that runs browser tests starts its own server, on a free port.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
import solara.server.settings
from solara.server.starlette import ServerStarlette

#: The Chromium the tests drive (the CHROMIUM environment variable names another one).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
APP = "viz.app"
ROOT = Path(__file__).resolve().parents[2]

solara.server.settings.telemetry.mixpanel_enable = False  # no calls home from the test server


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives the dashboard in a real Chromium (playwright)")


def missing_chromium_reason(executable: str = CHROMIUM) -> str | None:
    """Why the browser tests cannot run here, or None when Chromium is installed."""
    if os.access(executable, os.X_OK):
        return None
    return f"no Chromium at {executable} (apt-get install chromium): browser tests skipped"


@pytest.fixture(scope="session", autouse=True)
def chromium_installed():
    """Skip every browser test without Chromium, unless CI is set: then fail them."""
    reason = missing_chromium_reason()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {reason.split(':')[0]}; .ci/run installs it", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch the system Chromium (the playwright-managed browsers are not installed)."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def _port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def solara_server(pytestconfig):
    """pytest-ipywidgets' server, moved to a free port when its usual one is taken."""
    host = pytestconfig.getoption("--solara-host")
    port = pytestconfig.getoption("--solara-port")
    # xdist workers would race for the one usual port: each takes a free one
    if os.environ.get("PYTEST_XDIST_WORKER") or not _port_is_free(host, port):
        port = free_port(host if host != "localhost" else "127.0.0.1")
    server = ServerStarlette(port, host)
    try:
        server.serve_threaded()
        server.wait_until_serving()
        yield server
    finally:
        server.stop_serving()


@pytest.fixture
def dashboard_url(solara_server, solara_app):
    """The dashboard app mounted on the test server; its URL."""
    with solara_app(APP):
        yield solara_server.base_url


@pytest.fixture
def new_page(browser, dashboard_url):
    """Open the dashboard in a fresh browser context (a new session); closes them afterwards."""
    contexts = []

    def open_page(query: str = "", before_load=None):
        """``before_load(page)``, if given, runs before the page is loaded (e.g. to route its requests)."""
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(30_000)
        contexts.append(context)
        page = context.new_page()
        if before_load is not None:
            before_load(page)
        page.goto(dashboard_url + query)
        page.locator(".year-display").wait_for()
        return page

    yield open_page
    for context in contexts:
        context.close()
