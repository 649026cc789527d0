"""Serve the dashboard: the command behind ``succession-sim dashboard [--host H] [--port P]``.

Production mode (no auto-reload, no debugging helpers), no browser opened on the server,
no version check against PyPI, and Solara's usage telemetry off, so that the dashboard
works on a classroom network without internet.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["APP_PATH", "DEFAULT_HOST", "DEFAULT_PORT", "command", "environment", "serve"]

APP_PATH = Path(__file__).resolve().parent / "app.py"
DEFAULT_HOST = "localhost"
DEFAULT_PORT = 8765


def command(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, production: bool = True) -> list[str]:
    """The ``solara run`` command line for the dashboard."""
    args = [sys.executable, "-m", "solara", "run", str(APP_PATH), "--host", host, "--port", str(port),
            "--no-open", "--no-check-version"]
    return args + (["--production"] if production else [])


def environment() -> dict[str, str]:
    """The current environment with Solara's telemetry switched off (unless set otherwise)."""
    env = dict(os.environ)
    env.setdefault("SOLARA_TELEMETRY_MIXPANEL_ENABLE", "False")
    return env


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, production: bool = True):
    """Become the dashboard server: this process is replaced by ``solara run``, so a
    signal sent to it (Ctrl-C, ``kill``) reaches the server itself."""
    args = command(host, port, production)
    os.execve(args[0], args, environment())


if __name__ == "__main__":  # python viz/serve.py [HOST] [PORT]
    serve(*(sys.argv[1:2] or [DEFAULT_HOST]), *(int(a) for a in sys.argv[2:3]))
