"""The shared class world's pages: the Host view (``/host``) and the Student view (``/room``).

Both exist only on a server started with ``--class NAME``. The Host view asks for the host
key printed at start-up; it creates the world, advances it and decides whether students
see each other's choices. A student joins with the room code on the host's screen, takes a
faction and sets its vote, treatment (a preset, and if they like its values) and research
each year. The Host view redraws when the one world moves (``viz.shared_world.watch``); a
student's page writes each new year into one HTML widget from its own thread (:func:`Joined`).
Nothing a page sends can stop the server: refused input comes back as a sentence on that page.
"""

from __future__ import annotations

import html
import sqlite3
import threading
import weakref

import solara

from succession_sim.class_world import TREATMENTS, ClassWorldError, store_on_board
from succession_sim.classboard import MAX_NAME, SubmissionError
from succession_sim.mechanisms.treatment import ENTRIES, RANGES
from succession_sim.scenario import scenario_library

from .. import shared_world
from ..classroom import ClassSettings
from ..host import TooManyWrongKeys, check_host_key
from .ui import Note, Prose

__all__ = ["HostPage", "RoomPage", "HostView", "StudentView"]

RESEARCH_SHARES = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0)


def use_world(role: str | None = None):
    """The current shared world, its version (redrawn whenever it moves), and a function that
    redraws at once. ``role``: see ``shared_world.watch``."""
    state, set_state = solara.use_state((shared_world.current_world(), -1))

    def follow(stop):
        shared_world.watch(lambda world, version: set_state((world, version)), stop, role=role)

    def refresh():  # after this page's own action: redraw now, not when the watcher wakes
        world = shared_world.current_world()
        set_state((world, world.version if world is not None else -1))

    solara.use_thread(follow, dependencies=[], intrusive_cancel=False)
    return (*state, refresh)


def table_html(header: list[str], rows: list[list[str]], classes: list[str]) -> str:
    """A small table as one HTML string, every cell escaped (names are the students' own text)."""
    cell = "padding: 2px 10px 2px 0; text-align: left"
    head = "".join(f'<th style="{cell}">{html.escape(str(name))}</th>' for name in header)
    body = "".join("<tr>" + "".join(f'<td style="{cell}">{html.escape(str(value))}</td>' for value in row) + "</tr>"
                   for row in rows)
    return (f'<table class="{" ".join(["plain-table", *classes])}" style="border-collapse: collapse; '
            f'font-size: 0.9em; margin: 4px 0"><tr style="border-bottom: 1px solid #ccc">{head}</tr>{body}</table>')


def measures_html(world) -> str:
    """The shared world's year and state (call with the world locked)."""
    lines = shared_world.world_lines(world)
    return (f'<div class="class-year" style="font-size: 1.6em; font-weight: 600">Year {world.year}</div>'
            + table_html(["", ""], [[label, value] for label, value in lines[1:]], ["world-measures"]))


@solara.component
def HtmlBlock(content: str):
    """Tables and lines as one widget: a page redraws one value a year, not one widget per cell
    (every widget of a page costs the server some work whenever any part of the page redraws)."""
    solara.HTML(tag="div", unsafe_innerHTML=content)


@solara.component
def Measures(world, version: int):
    """The shared world's state (``version`` makes it redraw when the world moves: the fast
    renderer skips a component whose arguments did not change)."""
    with world.locked():
        HtmlBlock(measures_html(world))


@solara.component
def HostView(settings: ClassSettings):
    """The instructor's screen: create the world, run it, reveal choices, store the run."""
    key_ok, set_key_ok = solara.use_state(False)
    typed, set_typed = solara.use_state("")
    message, set_message = solara.use_state(None)
    scenario, set_scenario = solara.use_state("baseline")
    world, version, refresh = use_world(role="host")
    # the students' pages wait for this one to have drawn the year (after the widgets are updated)
    solara.use_effect(lambda: shared_world.host_drew(world, world.year) if world is not None else None,
                      [world, version])
    scenarios = solara.use_memo(lambda: list(scenario_library()), [])  # read from files once, not every year
    playing = world is not None and world.playing

    def play_loop(stop):
        if playing:
            shared_world.play(world, stop)

    solara.use_thread(play_loop, dependencies=[world, playing], intrusive_cancel=False)

    def open_host():
        try:
            opened = check_host_key(typed)
        except TooManyWrongKeys as exc:
            set_message(f"Not opened: {exc}.")
            return
        set_key_ok(opened)
        set_message(None if opened else "That is not the host key.")

    if not key_ok:
        with solara.Card(f"Host view: {settings.name}"):
            Prose("Type the host key that `succession-sim dashboard --class` printed when it started.")
            solara.v.TextField(label="Host key", type="password", v_model=typed, on_v_model=set_typed,
                               class_="host-key", density="compact", variant="outlined")
            solara.Button("Open", color="primary", classes=["open-host"], on_click=open_host)
            if message:
                Note(message, "error")
        return

    def act(action, *args, **kwargs):
        try:
            action(*args, **kwargs)
            set_message(None)
        except ClassWorldError as exc:
            set_message(str(exc))
        refresh()  # the host sees its own action at once

    def store():
        try:
            stored = store_on_board(settings.board(), world)
            set_message(None if stored else "This world is on the class board already.")
        except (SubmissionError, sqlite3.Error, OSError) as exc:  # a locked or full disk must not end the room
            set_message(f"Not stored: {exc}")

    with solara.Card(f"Shared world: {settings.name}"):
        with solara.Row(gap="8px", style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.Select("Scenario", values=scenarios, value=scenario, on_value=set_scenario)
            solara.Button("Create a new world", color="primary", outlined=world is not None, classes=["create-world"],
                          on_click=lambda: act(shared_world.create_world, scenario, settings.name))
        if message:
            Note(message, "error", classes=["host-message"])
        if world is None:
            Prose("Create a world; students then open `/room` on this server and join with its room code.")
            return
        solara.Text(f"Room code: {world.room_code}", classes=["room-code"],
                    style={"font-size": "2em", "font-weight": "700", "letter-spacing": "0.1em"})
        solara.Text(f"{world.scenario}, {world.n_factions} factions, seed {world.params.seed}")
        with solara.Row(gap="8px", style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.Button("Step", color="primary", classes=["host-step"], disabled=world.finished,
                          on_click=lambda: act(world.step))
            solara.Button("Pause" if playing else "Play", color="primary", outlined=True, classes=["host-play"],
                          disabled=world.finished, on_click=lambda: act(world.set_host, playing=not playing))
            solara.Select("Seconds per year", values=[str(p) for p in shared_world.PACES], value=str(world.pace),
                          on_value=lambda v: act(world.set_host, pace=float(v)))
            solara.Button("Add a faction", outlined=True, disabled=world.year > 0, classes=["add-faction"],
                          on_click=lambda: act(world.add_faction))
        with solara.Row(gap="16px", style={"flex-wrap": "wrap"}):
            solara.Switch(label="Step when everyone has chosen", value=world.when_all_chose,
                          on_value=lambda v: act(world.set_host, when_all_chose=v), classes=["when-all-chose"])
            solara.Switch(label="Students see each other's choices", value=world.reveal,
                          on_value=lambda v: act(world.set_host, reveal=v), classes=["reveal"])
        solara.Button("Store this run on the class board", outlined=True, classes=["store-world"],
                      disabled=world.stored or world.year == 0, on_click=store)
        if world.stored:
            Note("Stored on the class board, with who chose what each year.", "success")
    Measures(world, version)
    with world.locked():
        summary = shared_world.choice_summary(world)
        header, rows = shared_world.faction_rows(world, show_pending=True)
    solara.Text(summary, classes=["choice-summary"])
    HtmlBlock(table_html(header, rows, ["host-factions"]))


@solara.component
def JoinForm(world, on_joined):
    room, set_room = solara.use_state("")
    name, set_name = solara.use_state("")
    code, set_code = solara.use_state("")
    message, set_message = solara.use_state(None)

    def join():
        try:
            on_joined(world.join(room, name).code)
        except ClassWorldError as exc:
            set_message(str(exc))

    def rejoin():
        try:
            on_joined(world.student(code).code)
        except ClassWorldError as exc:
            set_message(str(exc))

    with solara.Card("Join the class world"):
        with solara.Row(gap="8px", style={"flex-wrap": "wrap"}):
            solara.v.TextField(label="Room code", v_model=room, on_v_model=lambda t: set_room(t or ""),
                               class_="room-code-input", density="compact", variant="outlined")
            solara.v.TextField(label="Your name", v_model=name, on_v_model=lambda t: set_name(t or ""),
                               attributes={"maxlength": str(MAX_NAME)}, class_="student-name",
                               density="compact", variant="outlined")
            solara.Button("Join", color="primary", on_click=join, classes=["join"])
        with solara.Row(gap="8px"):
            solara.v.TextField(label="Or your own code, to come back", v_model=code,
                               on_v_model=lambda t: set_code(t or ""), density="compact", variant="outlined")
            solara.Button("Come back", outlined=True, on_click=rejoin)
        if message:
            Note(message, "error", classes=["join-message"])


@solara.component
def Options(label: str, name: str, options: dict, value, on_value):
    """A choice among ``options`` (value -> words) in one field: one widget, however many options
    (every widget of a page costs the server some work each time any part of it redraws)."""
    solara.v.Select(label=label, items=[{"title": words, "value": option} for option, words in options.items()],
                    v_model=value, on_v_model=on_value, class_=f"{name}-choice", density="compact",
                    variant="outlined", hide_details=True, style_="margin-bottom: 10px")


def form_settings(world, faction: int, values: bool = True) -> tuple:
    """The faction's settings as the choice form reads them (call with the world locked): vote,
    treatment, research share and, with ``values``, the point's values as (entry, value) pairs, else
    None (a tuple, so that the form redraws only when it changes: the model moves a faction's
    point most years, which a form without its sliders open need not redraw for)."""
    settings = world.settings(faction)
    return (settings["vote"], settings["treatment"], settings["research_share"],
            tuple(settings["treatment_values"].items()) if values else None)


@solara.component
def ValueSliders(values: dict, on_value):
    """One slider per treatment value (``treatment.ENTRIES``), within its range, labelled in words."""
    for entry in ENTRIES:
        low, high = RANGES[entry]
        solara.Text(f"{shared_world.ENTRY_WORDS[entry]}: {values[entry]:.2f}", style={"font-size": "0.9em"})
        solara.SliderFloat("", value=values[entry], min=low, max=high, step=(high - low) / 100,
                           on_value=lambda value, entry=entry: on_value(entry, value), thumb_label=False)


def edits_start_from(world, changed: dict, point: dict) -> dict:
    """The treatment values a student's edits apply to: the preset they chose, else the faction's point."""
    return world.preset_values(changed["treatment"]) if "treatment" in changed else point


@solara.component
def ChoiceForm(world, code: str, faction: int, current: tuple, finished: bool, adjusting: bool, set_adjusting):
    """The faction's choice: the form shows its settings (``current``, from :func:`form_settings`,
    with the point's values while ``adjusting``), with what the student changed on top; only what
    differs from the faction's settings when it is sent is sent. Its treatment's values are behind
    "Adjust values" (no sliders drawn for a student who does not open them); choosing a preset
    resets them to the preset's. It redraws only when what it shows changes, not every year (its
    widgets stay, so no click is lost)."""
    vote, treatment, research_share, point = current
    settings = {"vote": vote, "treatment": treatment, "research_share": research_share}
    made_on = current[:3]  # edits and the last message hold while the vote, treatment and research do
    edits, set_edits = solara.use_state((made_on, {}))  # (the settings they were made on, field -> value)
    message, set_message = solara.use_state((made_on, None))
    changed = edits[1] if edits[0] == made_on else {}
    shown = {**settings, **changed}

    def edit(name):
        return lambda value: set_edits((made_on, {**changed, name: value}))

    def choose_preset(preset):  # a preset's own values replace any adjusted ones
        kept = {name: value for name, value in changed.items() if name not in ENTRIES}
        set_edits((made_on, {**kept, "treatment": preset}))

    def send():
        with world.locked():  # against the faction's settings now, which the model may have moved
            now_vote, now_treatment, now_research, now_point = form_settings(world, faction)
            now_point = dict(now_point)
            base = edits_start_from(world, changed, now_point)
        now = {"vote": now_vote, "research_share": now_research}
        sent = {name: changed[name] for name in ("vote", "research_share")
                if name in changed and changed[name] != now[name]}
        if "treatment" in changed and (changed["treatment"] != now_treatment or base != now_point):
            sent["treatment"] = changed["treatment"]
        own = {entry: changed[entry] for entry in ENTRIES if entry in changed and changed[entry] != base[entry]}
        words = [f"{name} {value}" for name, value in sent.items()] + [f"{e} {v:g}" for e, v in own.items()]
        try:
            world.choose(code, **sent, treatment_values=own or None)
            set_message((made_on, ("success", f"Sent: {', '.join(words) or 'keep everything as it is'}.")))
        except ClassWorldError as exc:
            set_message((made_on, ("error", str(exc))))

    with solara.Card("Your faction's choice (it applies from the next year)"):
        Options("Moratorium vote", "vote", shared_world.VOTE_WORDS, shown["vote"], edit("vote"))
        Options("Treatment of your AIs", "treatment", {t: t for t in TREATMENTS}, shown["treatment"], choose_preset)
        solara.Button("Hide the values" if adjusting else "Adjust values", text=True, classes=["adjust-values"],
                      on_click=lambda: set_adjusting(not adjusting))
        if adjusting and point is not None:
            base = edits_start_from(world, changed, dict(point))
            ValueSliders({entry: changed.get(entry, base[entry]) for entry in ENTRIES},
                         lambda entry, value: edit(entry)(value))
        shares = sorted({*RESEARCH_SHARES, settings["research_share"]})
        Options("Research: share of your power", "research", {share: f"{100 * share:g}%" for share in shares},
                shown["research_share"], edit("research_share"))
        solara.Button("Send my choice", color="primary", classes=["send-choice"], on_click=send, disabled=finished)
        if message[0] == made_on and message[1]:
            Note(message[1][1], message[1][0], classes=["choice-message"])


@solara.component
def StudentView():
    """A student's screen: join, then their faction's part of the shared world (:func:`Joined`).
    It redraws only when the host replaces the world, not at each move of it."""
    world, set_world = solara.use_state(shared_world.current_world())
    code, set_code = solara.use_state(None)
    solara.use_thread(lambda stop: shared_world.watch_replacement(set_world, stop), dependencies=[],
                      intrusive_cancel=False)
    if world is None:
        Prose("The host has not created the world yet. This page shows it as soon as there is one.")
        return
    if code is None or code not in world.students:  # not joined, or the host made a new world
        JoinForm(world, set_code)
        return
    Joined(world, code)


def student_html(world, faction: int) -> str:
    """What a student of ``faction`` sees of the world as one HTML string (call with the world
    locked): its year and state, and the factions (others' choices hidden until the host reveals
    them). Every student of a faction sees the same at one version of the world, so it is built
    once per faction and version: thirty pages at a new year build it once per faction, not thirty times."""
    with _student_html_lock:
        version, built = _student_html.get(world, (None, {}))
        if version != world.version:
            version, built = world.version, {}
            _student_html[world] = (version, built)
        if faction not in built:
            header, rows = shared_world.faction_rows(world, own=faction, show_choices=world.reveal)
            built[faction] = measures_html(world) + table_html(header, rows, ["student-factions"]) + (
                "" if world.reveal else
                '<div style="color: #555">The host has not revealed the other factions&#x27; choices.</div>')
        return built[faction]


_student_html = weakref.WeakKeyDictionary()  # world -> (its version, faction -> student_html)
_student_html_lock = threading.Lock()


def form_state(world, faction: int, adjusting: bool) -> tuple:
    """What the choice form shows of the world (call with the world locked): the faction's
    settings (:func:`form_settings`, the point's values only while the student adjusts them) and
    whether the world has ended."""
    return form_settings(world, faction, values=adjusting), world.finished


@solara.component
def Joined(world, code: str):
    """A joined student's page: the shared world's state and the factions in one HTML widget, and
    their faction's choice. At a new year (or a reveal, a join) the page's own thread writes the
    new HTML into that widget: no component redraws, so the server's work per page is building
    (:func:`student_html`) and sending one string. The form redraws only when the faction's
    settings change or the world ends, not for other students' choices, and keeps its widgets
    (no click is lost)."""
    faction = world.students[code].faction
    adjusting, set_adjusting = solara.use_state(False)  # the treatment's sliders are open
    adjusting_now = solara.use_ref(False)  # the same, for the page's thread
    adjusting_now.current = adjusting
    with world.locked():
        first_html = solara.use_memo(lambda: student_html(world, faction), [])
        form = form_state(world, faction, adjusting)
    _shown_form, set_form = solara.use_state(form)  # the thread sets it when the form's part changes: a redraw
    block = solara.use_ref(None)  # the world's HTML widget, which the page's thread updates

    def shown(now):
        if now is not world:
            return None
        with now.locked():
            return shared_world.student_shown(now), form_settings(now, faction, values=adjusting_now.current)

    def show(now, _version):  # in the page's own thread: new content in the one widget, no redraw
        if now is not world:  # the host replaced the world: StudentView shows the join form
            return
        with world.locked():
            content, now_form = student_html(world, faction), form_state(world, faction, adjusting_now.current)
        if block.current is not None:
            block.current.unsafe_innerHTML = content
        set_form(now_form)  # a redraw only if the faction's settings or the end changed

    student = world.students[code]
    solara.Text(f"{student.name}, faction {faction + 1}. Your own code, to come back: {code}",
                classes=["student-line"])
    html = solara.HTML(tag="div", unsafe_innerHTML=first_html)  # its content is the thread's from now on
    solara.use_effect(lambda: setattr(block, "current", solara.get_widget(html)), [])  # before the thread starts
    solara.use_thread(lambda stop: shared_world.watch(show, stop, shown, role="student"), dependencies=[],
                      intrusive_cancel=False)
    ChoiceForm(world, code, faction, *form, adjusting, set_adjusting)


@solara.component
def ClassWorldPage(host: bool):
    """The Host or Student view, on a server that runs a class."""
    settings = solara.use_memo(ClassSettings.from_env, [])
    solara.Title("succession-sim class world")
    with solara.Column(style={"max-width": "1000px", "padding": "12px"}):
        if settings is None:
            Note("This server does not run a class: start it with succession-sim dashboard --class NAME.", "info")
        elif host:
            HostView(settings)
        else:
            StudentView()


@solara.component
def HostPage():
    ClassWorldPage(host=True)


@solara.component
def RoomPage():
    ClassWorldPage(host=False)
