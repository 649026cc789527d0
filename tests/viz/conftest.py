"""Shared helpers for the dashboard's component tests (no browser: ``solara.render``)."""

from __future__ import annotations

import time

import ipyvuetify as v
import pytest
import solara

from viz.app import Dashboard
from viz.session import Session


def wait_until(condition, timeout: float = 20.0, interval: float = 0.02):
    """Poll ``condition`` until it is truthy; fail with a clear message after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")


def year_text(rc) -> str:
    return rc.find(v.Html, class_="year-display").widget.children[0]


def button(rc, label: str):
    found = rc.find(v.Btn, children=[label])
    found.assert_single()
    return found.widget


@pytest.fixture
def dashboard():
    """A rendered dashboard with its own session; closes it afterwards."""
    session = Session()
    box, rc = solara.render(Dashboard(session), handle_error=False)
    yield session, rc
    session.pause()
    rc.close()
