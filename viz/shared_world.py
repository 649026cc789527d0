"""The shared class world on the server: the one world every page of a class reads, and
what its pages show of it.

Every browser session of the server process reads the same :class:`ClassWorld` (held
here, created by the host) and sends choices to it, as HubNet's clients talk to one
server model. Pages follow the world's version (:func:`watch`), or only its replacement
(:func:`watch_replacement`). The words and
tables the Host and Student views show are plain functions of the world, so they are
tested without a browser.
"""

from __future__ import annotations

import math
import threading
import time
import weakref
from collections import Counter

from succession_sim import metrics
from succession_sim.class_world import TREATMENTS, VOTES, ClassWorld, faction_table

__all__ = ["current_world", "create_world", "watch", "watch_replacement", "host_drew", "HOST_FIRST", "student_shown", "play", "REDRAW_GAP", "PACES", "world_lines", "faction_rows",
           "choice_summary", "treatment_words", "value_words", "VOTE_WORDS", "ENTRY_WORDS", "HOST_PATH", "ROOM_PATH"]

HOST_PATH, ROOM_PATH = "/host", "/room"
#: Seconds a page waits after a redraw before it redraws again, unless the year changed: 30
#: students choosing in the same second cost each page a few redraws, not thirty.
REDRAW_GAP = 0.2
#: Longest wait, in seconds, of a student page at a new year for the host's page to draw it
#: first: the host stepped and waits to see the year; the class sees it a moment later.
HOST_FIRST = 0.3
#: Seconds per year the host can choose for Play.
PACES = (1.0, 2.0, 5.0, 10.0, 30.0)
VOTE_WORDS = {"comply": "comply", "defect": "defect", "drawn": "left to race pressure"}
#: A treatment's values in the words of the handouts (what you take of your AIs' income, whether
#: you answer them in kind, how much autonomy you grant, whether you ever free them).
ENTRY_WORDS = {
    "extraction": "Share of your AIs' income you take",
    "reciprocity": "Chance you answer your AIs in kind (else you defect)",
    "autonomy_cap": "Most autonomy you grant",
    "release_autonomy": "Autonomy at which you free them (above 1: never)",
    "feedback": "Reward for cooperating with humans (times the chance overseers can judge it)",
}

_world: ClassWorld | None = None
_lock = threading.Lock()
_replaced = threading.Condition()  # notified when the host replaces the world
_host_drawn = threading.Condition()  # guards the two below
_host_year: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # world -> latest year a host page drew
_host_pages = 0  # host pages watching now


def current_world() -> ClassWorld | None:
    return _world


def create_world(scenario: str, class_name: str) -> ClassWorld:
    """A new shared world from a library scenario; it replaces the one before (which stops playing)."""
    global _world
    world = ClassWorld(scenario, class_name)  # ClassWorldError on a bad scenario, before anything changes
    with _lock:
        old, _world = _world, world
    with _replaced:
        _replaced.notify_all()
    if old is not None:
        old.set_host(playing=False)  # wakes the pages that watch it
    return world


def watch(on_change, stop: threading.Event, shown=None, role: str | None = None) -> None:
    """Call ``on_change(world, version)`` whenever the current world is replaced or moves, until
    ``stop``. ``shown(world)``, if given, is what the page shows: a move that leaves it equal
    (another student's choice, which changes nothing a student sees until the year turns)
    does not redraw the page. ``role="student"``: at a new year, wait up to HOST_FIRST for a
    host page to draw it (:func:`host_drew`), so that the host's redraw does not queue behind
    thirty students' on the server; ``role="host"``: a host page, which students wait for."""
    global _host_pages
    if role == "host":
        with _host_drawn:
            _host_pages += 1
    try:
        _watch(on_change, stop, shown, role == "student")
    finally:
        if role == "host":
            with _host_drawn:
                _host_pages -= 1
                _host_drawn.notify_all()


def _watch(on_change, stop: threading.Event, shown, after_host: bool) -> None:
    seen_world, seen_version, seen_shown, seen_year = None, -1, None, -1
    while not stop.is_set():
        world = _world
        if world is None:
            stop.wait(0.5)
            continue
        version = world.wait_for_change(seen_version if world is seen_world else -1, 0.5)
        if world is seen_world and version == seen_version:
            continue
        if after_host and world is seen_world and world.year != seen_year:
            _wait_for_host(world, world.year)
        now_shown = shown(world) if shown is not None else version
        new_world = world is not seen_world
        seen_world, seen_version = world, version
        if new_world or now_shown != seen_shown:
            seen_shown = now_shown
            seen_year = world.year
            on_change(world, version)
            year = world.year  # a new year is shown at once; other changes wait for the gap
            world.wait_for(lambda: world.year != year or world is not _world, REDRAW_GAP)


def host_drew(world: ClassWorld, year: int) -> None:
    """A host page has drawn ``year`` of ``world``: the students' pages may draw it now."""
    with _host_drawn:
        _host_year[world] = max(year, _host_year.get(world, -1))
        _host_drawn.notify_all()


def _wait_for_host(world: ClassWorld, year: int) -> None:
    with _host_drawn:
        _host_drawn.wait_for(lambda: not _host_pages or _host_year.get(world, -1) >= year, HOST_FIRST)


def watch_replacement(on_change, stop: threading.Event) -> None:
    """Call ``on_change(world)`` with the current world and whenever the host replaces it, until
    ``stop``: for a page part that shows nothing that changes within a world, which then sleeps
    through the year's choices and steps instead of waking at each of them (30 students' choices
    would wake 30 such parts 30 times a year)."""
    seen = object()
    while not stop.is_set():
        with _replaced:
            _replaced.wait_for(lambda: _world is not seen, 0.5)
            world = _world
        if world is not seen:
            seen = world
            on_change(world)


def student_shown(world: ClassWorld) -> tuple:
    """What a student's page shows of the world besides its own form: the year, whether choices
    are revealed, who has joined, the world's size and whether it has ended."""
    return world.year, world.reveal, len(world.students), world.n_factions, world.finished


def play(world: ClassWorld, stop: threading.Event) -> None:
    """Step the world at its pace while it plays (the host's Play); stops on Pause, the end or ``stop``."""
    while world.playing and not stop.is_set():
        started = time.perf_counter()
        if not world.step():
            break
        stop.wait(max(world.pace - (time.perf_counter() - started), 0.05))


def _share(value: float) -> str:
    return "-" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{100 * value:.0f}%"


def world_lines(world: ClassWorld) -> list[tuple[str, str]]:
    """The shared world's state, in words everyone sees."""
    model = world.model
    last = model.datacollector.model_vars
    paused = bool(last["pause"][-1]) if world.year else False
    return [
        ("year", f"{world.year} of {world.params.steps}"),
        ("moratorium last year", ("held" if paused else "did not hold") if world.year else "no vote yet"),
        ("AIs' share of all power", _share(metrics.ai_power_share(model))),
        ("living AIs", str(metrics.n_ais(model))),
        ("rebellions so far", str(metrics.rebellions_total(model))),
        ("human welfare (power of all factions)", f"{metrics.human_welfare(model):.2f}"),
    ]


def value_words(entry: str, value: float) -> str:
    """One value of a treatment, short enough for a table cell (every release above 1 is "never frees")."""
    if entry == "extraction":
        return f"takes {_share(value)}"
    if entry == "reciprocity":
        return f"answers in kind {_share(value)}"
    if entry == "autonomy_cap":
        return f"autonomy up to {value:.2f}"
    if entry == "release_autonomy":
        return "never frees" if value > 1.0 else f"frees at {value:.2f}"
    return f"reward {value:g}"


def treatment_words(world: ClassWorld, settings: dict) -> str:
    """A faction's treatment, compactly: its nearest preset, and the values in which it differs
    from that preset (as shown: a difference too small to show is none)."""
    preset = world.preset_values(settings["treatment"])
    own = [value_words(entry, value) for entry, value in settings["treatment_values"].items()
           if value_words(entry, value) != value_words(entry, preset[entry])]
    return settings["treatment"] + (f" ({', '.join(own)})" if own else "")


def faction_rows(world: ClassWorld, own: int | None = None, show_choices: bool = True,
                 show_pending: bool = False) -> tuple[list[str], list[list[str]]]:
    """One row per faction: students, its settings (hidden for others unless ``show_choices``),
    power, knowledge, AIs held; ``show_pending`` adds whether it has chosen for the coming year."""
    table = faction_table(world.model)
    chosen = world.chosen_factions()
    header = ["faction", "students", "vote", "treatment", "research", "power", "knowledge", "AIs held"]
    header += ["chosen this year"] if show_pending else []
    rows = []
    for i in range(world.n_factions):
        settings = world.settings(i)
        visible = show_choices or i == own
        row = [f"{i + 1}" + (" (yours)" if i == own else ""), ", ".join(world.members(i)) or "-",
               VOTE_WORDS[settings["vote"]] if visible else "hidden",
               treatment_words(world, settings) if visible else "hidden",
               _share(settings["research_share"]) if visible else "hidden",
               f"{table['power'][i]:.2f}", f"{table['knowledge'][i]:.1f}", str(table["ais_held"][i])]
        rows.append(row + (["yes" if i in chosen else "no"] if show_pending else []))
    return header, rows


def choice_summary(world: ClassWorld) -> str:
    """How many staffed factions have chosen for the coming year, the factions' votes, and their
    treatments (nearest presets, and how many of each hold values of their own: the table shows which)."""
    staffed = {s.faction for s in world.students.values()}
    chosen = world.chosen_factions() & staffed
    settings = [world.settings(i) for i in range(world.n_factions)]
    votes = Counter(s["vote"] for s in settings)
    treatments = Counter(s["treatment"] for s in settings)
    adjusted = Counter(s["treatment"] for s in settings if treatment_words(world, s) != s["treatment"])
    return (f"{len(chosen)} of {len(staffed)} factions with students have chosen for year {world.year + 1}. "
            f"Votes: " + ", ".join(f"{VOTE_WORDS[v]} {votes[v]}" for v in VOTES) + ". "
            "Treatments: " + ", ".join(f"{t} {treatments[t]}" + (f" ({adjusted[t]} with own values)"
                                                                  if adjusted[t] else "")
                                       for t in TREATMENTS) + ".")
