"""Shared helpers for the dashboard's component tests (no browser: ``solara.render``)."""

from __future__ import annotations

import time

import ipyvuetify as v
import pytest
import solara

from viz.app import Dashboard
from viz.session import Session


def wait_until(condition, timeout: float = 120.0, interval: float = 0.02):
    """Poll ``condition`` until it is truthy; fail with a clear message after ``timeout`` seconds.

    A condition, not a sleep: it returns as soon as the condition holds, so the long
    timeout costs nothing; 20 s failed three compare and export tests at load 10 on 2 cores.
    """
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


@pytest.fixture(autouse=True)
def wrong_host_keys(monkeypatch):
    """A fresh count of wrong host keys for each test (the server's is one per process)."""
    from viz import host

    keys = host.WrongKeys()
    monkeypatch.setattr(host, "WRONG_KEYS", keys)
    return keys


@pytest.fixture
def dashboard():
    """A rendered dashboard with its own session; closes it afterwards."""
    session = Session()
    box, rc = solara.render(Dashboard(session), handle_error=False)
    yield session, rc
    session.pause()
    rc.close()


def with_class(rc, widget_type, name: str):
    """The single widget of ``widget_type`` whose classes include ``name``, as a finder to search inside."""
    from reacton.find import Finder

    found = [w for w in rc.find(widget_type).widgets if name in (getattr(w, "class_", None) or "").split()]
    assert len(found) == 1, f"expected one {widget_type.__name__} with class {name!r}, found {len(found)}"
    return Finder(found)


def texts(finder) -> list[str]:
    """Every plain string shown in text elements (spans, paragraphs, table cells) under ``finder``."""
    return [child for tag in ("span", "p", "td", "th") for widget in finder.find(v.Html, tag=tag).widgets
            for child in widget.children if isinstance(child, str)]


@pytest.fixture
def class_board(monkeypatch, tmp_path):
    """The server collects runs for a class: the two environment variables, a fresh SQLite file."""
    from viz.classroom import CLASS_DB_ENV, CLASS_ENV

    path = tmp_path / "class.sqlite"
    monkeypatch.setenv(CLASS_ENV, "Ethics 101")
    monkeypatch.setenv(CLASS_DB_ENV, str(path))
    return "Ethics 101", path
