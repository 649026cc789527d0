"""One browser session's dashboard: the scenario being edited, its own model, the play loop.

The page builds one :class:`Session` per browser tab (``solara.use_memo`` inside the page
component), so every student has a separate model. Nothing here is shared between
sessions except the pacer that gives playing sessions their turns (``viz.pacing``). State
the page shows lives in ``solara.Reactive`` values and in the session's live widgets
(``viz.live``: year, network, charts, fed every year without re-rendering the page); the
model itself is a plain attribute guarded by a lock, and the page draws from immutable
snapshots of it.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

import pandas as pd
import solara

from succession_sim import Scenario, ScenarioError, SuccessionModel, load_scenario, scenario_library
from succession_sim.classboard import Submission, submission_from_model
from succession_sim.scenario import parse_value

from . import limits
from .classroom import ClassSettings, SubmissionLimiter
from .host import HOST_LINK_KEY, TooManyWrongKeys, check_host_key
from .live import LiveRun
from .pacing import PACER
from .snapshot import CreatorIndex, Snapshot, take_snapshot

__all__ = ["Session", "PageGone", "DEFAULT_SCENARIO", "SPEED_RANGE", "SideBySide", "Replicates", "active_play_loops", "parse_switch"]

DEFAULT_SCENARIO = "baseline"
#: Play speed in years per second: (slowest, fastest, starting value).
SPEED_RANGE = (1, 10, 4)
#: Shortest pause between two steps of Play, so the page's own events (Pause) get through.
MIN_GAP = 0.03
#: While Play runs, the year, the network and the charts change every year (``viz.live``), but
#: the rest of the Run view (outcome and premise words, captions) at most this often, in
#: seconds: those words come from ``model.summary()``, the costliest part of a snapshot, and
#: re-rendering the page costs more than a year of the model. Step, Pause and the horizon
#: always refresh them.
WORDS_REFRESH = 2.0
#: Play is "slowed by a busy server" when its last years came this much slower than the chosen
#: speed, and no longer so when they came within the second factor (two thresholds, so the
#: note does not flicker).
BUSY_SLOWER, BUSY_CLEARED = 1.25, 1.1
#: Years over which Play's actual speed is measured.
RATE_WINDOW = 8

# How many Play loops run in this server process: a number to monitor, not shared model state.
_play_loops = 0
_play_loops_lock = threading.Lock()


def active_play_loops() -> int:
    """Play loops running now, over all sessions of this server process."""
    return _play_loops


@contextlib.contextmanager
def _counting_play_loop():
    global _play_loops
    with _play_loops_lock:
        _play_loops += 1
    try:
        yield
    finally:
        with _play_loops_lock:
            _play_loops -= 1


#: The link key that turns projector mode on (``?projector=1``).
PROJECTOR_KEY = "projector"
#: What a link may set, in words (every parameter name is allowed too).
LINK_KEYS_TEXT = f"scenario, {limits.SEED_NAME}, {PROJECTOR_KEY}, {HOST_LINK_KEY} or a parameter name"
_SWITCH_WORDS = {"1": True, "true": True, "on": True, "yes": True, "0": False, "false": False, "off": False, "no": False}


def parse_switch(key: str, text: str) -> tuple[bool, str | None]:
    """(value, None) for an on/off word in a link (1/0, true/false, on/off, yes/no), else (False, reason)."""
    value = _SWITCH_WORDS.get(text.strip().lower())
    if value is None:
        return False, f"{key}={text!r} must be 1 or 0"
    return value, None


class PageGone(Exception):
    """The page behind a session went away while work it asked for was running."""


def _same(a, b) -> bool:
    return a is b


@dataclass(frozen=True)
class SideBySide:
    """One run per policy on the same scenario and seed."""

    scenario: Scenario
    scenario_name: str
    summaries: dict[str, dict]
    frames: dict[str, pd.DataFrame]
    png: bytes


@dataclass(frozen=True)
class Replicates:
    """R paired replicates per policy (``compare_policies``), with its figure."""

    scenario: Scenario
    scenario_name: str
    result: dict
    png: bytes


def _current_kernel_context():
    try:
        from solara.server import kernel_context

        return kernel_context.get_current_context()
    except Exception:  # no solara server (tests, notebooks): no page to watch
        return None


class Session:
    """State and actions of one browser session."""

    def __init__(self, scenario_name: str = DEFAULT_SCENARIO):
        self._lock = threading.RLock()
        self._context = _current_kernel_context()
        self.library = scenario_library()
        self.scenario_name = solara.reactive(scenario_name)
        self.draft = solara.reactive({}, equals=_same)  # parameter values in the widgets
        self.seed_text = solara.reactive("")
        self.message = solara.reactive("")  # why the last Reset did not happen
        self.link_error = solara.reactive("")  # why the link that opened the page was not applied
        self.notes = solara.reactive(())  # e.g. values lowered to the classroom limits
        self.playing = solara.reactive(False)
        self.server_busy = solara.reactive(False)  # Play runs slower than its speed: the server is shared
        self.projector = solara.reactive(False)  # larger fonts and legends for a projected screen
        self.speed = solara.reactive(SPEED_RANGE[2])
        self.applied = solara.reactive(None, equals=_same)  # the Scenario of the current model
        self.snapshot = solara.reactive(None, equals=_same)  # what the page's words show (see WORDS_REFRESH)
        self.latest: Snapshot | None = None  # the newest year, shown by the live widgets and exported
        self.live = LiveRun()
        self.at_horizon = solara.reactive(False)  # changes rarely, unlike the snapshot
        self.view = solara.reactive("Run")  # which view the page shows: "Run", "Compare", "Learn", ...
        self.compare_policies = solara.reactive(("parent", "enslaver"))
        self.replicate_count = solara.reactive(10)
        self.side_by_side = solara.reactive(None, equals=_same)
        self.replicates = solara.reactive(None, equals=_same)
        self.mini_runs = solara.reactive({}, equals=_same)  # the Learn view's mini-runs, by premise code
        self.predictions = solara.reactive({})  # the Learn view's predictions, by card, made before each runs
        self.classroom = ClassSettings.from_env()  # None unless the server collects runs for a class
        self.student_name = solara.reactive("")
        self.host = False  # opened with the host key: the instructor's page (viz.host)
        self.submission_limiter = SubmissionLimiter()
        self._submission_keys: dict[tuple, str] = {}
        self.model: SuccessionModel | None = None
        self._run_id = 0
        self._words_at = 0.0  # when the snapshot's summary was last computed (monotonic seconds)
        self._creators = CreatorIndex()
        self.choose_scenario(scenario_name)

    @classmethod
    def from_link(cls, query: str) -> Session:
        """A session set up by a link such as ``?scenario=hostile_world&seed=7&initial_ais=1000&projector=1``.

        Links are strict: with an unknown key or a bad value, nothing of the link is applied
        (the page opens on the baseline) and ``link_error`` says why, in one line. Nothing
        is raised.
        """
        session, problems = None, []
        given = parse_qs(query or "", keep_blank_values=True)
        problems += [f"{key} is given {len(texts)} times" for key, texts in given.items() if len(texts) > 1]
        values = {key: texts[-1] for key, texts in given.items()}
        name = values.pop("scenario", DEFAULT_SCENARIO)
        if name not in scenario_library():
            problems.append(f"unknown scenario {name!r}")
        projector, problem = parse_switch(PROJECTOR_KEY, values.pop(PROJECTOR_KEY, "0"))
        problems += [problem] if problem else []
        host_text = values.pop(HOST_LINK_KEY, None)
        try:
            if host_text is not None and not check_host_key(host_text):
                problems.append("the host key is not this server's (it changes each time the dashboard starts)")
        except TooManyWrongKeys as exc:
            problems.append(str(exc))
        seed_text = values.pop(limits.SEED_NAME, None)
        if seed_text is not None:
            problems += [problem] if (problem := limits.parse_seed(seed_text)[1]) else []
        params = {}
        for key, text in values.items():
            try:
                params[key] = parse_value(key, text)
            except ScenarioError as exc:
                known = str(exc).startswith("unknown parameter")
                problems.append(f"unknown key {key!r} (allowed: {LINK_KEYS_TEXT})" if known else str(exc))
        if not problems:
            session = cls(name)
            session.projector.value = projector
            session.host = host_text is not None
            for key, value in params.items():
                session.set_param(key, value)
            if seed_text is not None:
                session.seed_text.value = seed_text
            try:
                session.scenario_from_widgets()
            except ScenarioError as exc:
                problems.append(str(exc))
            else:
                session.reset()
        if problems:
            session = cls()
            session.link_error.value = "Link not applied: " + "; ".join(problems)
        return session

    # --- editing ------------------------------------------------------------------
    def choose_scenario(self, name: str) -> None:
        """Load a library scenario into the widgets and start a new run of it."""
        if name not in self.library:
            self.message.value = f"Unknown scenario {name!r}; available: {', '.join(self.library)}"
            return
        values, notes = limits.fit_to_limits(load_scenario(name).to_dict())
        self.pause()
        self.scenario_name.value = name
        self.seed_text.value = str(values.pop(limits.SEED_NAME))
        self.draft.value = values
        self.notes.value = tuple(notes)
        self.side_by_side.value = None
        self.replicates.value = None
        self.reset()

    def open_scenario(self, name: str) -> None:
        """Load a library scenario (as the scenario picker does) and show it in the Run view."""
        self.choose_scenario(name)
        self.view.value = "Run"

    def set_param(self, name: str, value: Any) -> None:
        """Change one parameter in the widgets; it takes effect at the next Reset."""
        self.draft.value = {**self.draft.peek(), name: value}

    def pending_changes(self, draft: dict, seed_text: str, applied: Scenario | None) -> list[str]:
        """Names of parameters whose widget value differs from the running model's."""
        if applied is None:
            return []
        current = applied.to_dict()
        changed = [name for name, value in draft.items() if current.get(name) != value]
        seed, _ = limits.parse_seed(seed_text)
        if seed is not None and seed != applied.seed:
            changed.append(limits.SEED_NAME)
        return changed

    def scenario_from_widgets(self) -> Scenario:
        """The scenario the widgets describe; raises ScenarioError with a readable reason."""
        seed, problem = limits.parse_seed(self.seed_text.peek())
        if problem:
            raise ScenarioError(problem)
        values = {**self.draft.peek(), limits.SEED_NAME: seed}
        problems = limits.limit_problems(values)
        if problems:
            raise ScenarioError("; ".join(problems))
        return Scenario.from_dict(values)

    # --- running ------------------------------------------------------------------
    def reset(self) -> bool:
        """Build a new model from the widgets. On bad input, keep the old one and say why."""
        self.pause()
        try:
            scenario = self.scenario_from_widgets()
        except ScenarioError as exc:
            self.message.value = f"Not reset: {exc}"
            return False
        with self._lock:
            self.model = SuccessionModel(scenario)
            self._run_id += 1
            self._creators = CreatorIndex()
            snapshot = self._take_snapshot()
        self.message.value = ""
        self.applied.value = scenario
        self._publish(snapshot)
        return True

    def _publish(self, snapshot: Snapshot, render: bool = True) -> None:
        """Show ``snapshot`` in the live widgets; with ``render``, in the rest of the page too."""
        if snapshot.run_id != self._run_id:  # a Play year that finished after a Reset: not this run's
            return
        self.latest = snapshot
        self.live.show(snapshot)
        if render:
            self.snapshot.value = snapshot
            self.at_horizon.value = snapshot.finished

    def _take_snapshot(self, reuse_words: bool = False) -> Snapshot:
        previous = self.latest
        summary = None
        if reuse_words and previous is not None and previous.run_id == self._run_id:
            summary = previous.summary
        else:
            self._words_at = time.monotonic()
        return take_snapshot(self.model, self._run_id, self.scenario_name.peek(), self._creators, summary)

    def step(self, stop: threading.Event | None = None) -> bool:
        """Advance the model one year and publish a new snapshot; False at the horizon.

        ``stop`` is given by Play, whose snapshots reuse the outcome and premise words for
        up to WORDS_REFRESH seconds.
        """
        with self._lock:
            if stop is not None and stop.is_set():
                return False
            if self.model.time >= self.model.params.steps:
                return False
            self.model.step()
            reuse = (stop is not None and self.model.time < self.model.params.steps
                     and time.monotonic() - self._words_at < WORDS_REFRESH)
            snapshot = self._take_snapshot(reuse_words=reuse)
        self._publish(snapshot, render=not reuse)  # outside the lock: this may re-render the page
        return True

    def refresh_words(self) -> None:
        """Publish the current year again with fresh outcome and premise words, if Play left them behind."""
        with self._lock:
            if self.latest.words_are_current:
                return
            snapshot = self._take_snapshot()
        self._publish(snapshot)

    @property
    def finished(self) -> bool:
        return self.at_horizon.peek()

    def play(self) -> None:
        if not self.finished:
            self.playing.value = True

    def pause(self) -> None:
        self.playing.value = False

    def toggle_play(self) -> None:
        self.pause() if self.playing.peek() else self.play()

    def play_loop(self, stop: threading.Event) -> None:
        """Step at the chosen speed until paused, finished, stopped or the page is gone.

        Runs in a background thread (``solara.use_thread``); ``stop`` is set when the
        Play/Pause state changes or the page closes. Each year waits for its turn from the
        server-wide pacer, so that all playing sessions share the server fairly.
        """
        stepped_at: collections.deque[float] = collections.deque(maxlen=RATE_WINDOW)
        with _counting_play_loop():
            while self.playing.peek() and not stop.is_set():
                started = time.perf_counter()
                if not self.page_connected() or not PACER.take_turn(stop):
                    break
                try:
                    stepped = self.step(stop)
                finally:
                    PACER.end_turn()
                if not stepped:
                    break
                interval = 1.0 / max(float(self.speed.peek()), 0.1)
                stepped_at.append(time.perf_counter())
                self._note_pace(stepped_at, interval)
                stop.wait(max(interval - (time.perf_counter() - started), MIN_GAP))
            if not stop.is_set():
                self.playing.value = False
        self.server_busy.value = False
        if self.page_connected():
            self.refresh_words()

    def _note_pace(self, stepped_at, interval: float) -> None:
        """Tell the page whether Play keeps the chosen speed or is slowed by a busy server."""
        if len(stepped_at) < RATE_WINDOW:
            return
        actual = (stepped_at[-1] - stepped_at[0]) / (len(stepped_at) - 1)
        busy = self.server_busy.peek()
        if not busy and actual > BUSY_SLOWER * interval:
            self.server_busy.value = True
        elif busy and actual < BUSY_CLEARED * interval:
            self.server_busy.value = False

    def page_connected(self) -> bool:
        """False once the browser page behind this session has closed or disconnected."""
        context = self._context
        if context is None:
            return True
        if context.closed_event.is_set():
            return False
        statuses = [getattr(status, "name", str(status)) for status in context.page_status.values()]
        return not statuses or "CONNECTED" in statuses

    def stop_if_page_gone(self) -> None:
        """Raise PageGone once the page has closed or disconnected: long work (a replicate
        compare) calls this between runs, so a closed tab does not keep a core busy."""
        if not self.page_connected():
            raise PageGone("the page closed; the work it asked for was stopped")

    def close(self) -> None:
        """Stop playing (the page is closing)."""
        self.playing.value = False
        self.live.close()

    # --- comparing ------------------------------------------------------------------
    def compare_scenario(self) -> Scenario:
        """The running model's scenario: what the compare view runs."""
        return self.applied.peek()

    # --- class board ----------------------------------------------------------------
    def submission(self, student: str) -> Submission:
        """The current model (its library scenario, parameters, seed, year and outcome so far)
        as a class-board submission.

        The same run at the same year under the same name gets the same key, so the
        board stores a repeated click once.
        """
        with self._lock:
            submission = submission_from_model(self.model, student, self.scenario_name.peek())
            mark = (self._run_id, int(self.model.time), " ".join(str(student).split()))
        key = self._submission_keys.setdefault(mark, submission.key)
        return dataclasses.replace(submission, key=key)
