"""The shared class world's server side: the host key, what pages show, watching and playing."""

from __future__ import annotations

import threading
import time

import ipyvuetify as v
import ipywidgets
import pytest
import solara

from succession_sim.class_world import ClassWorld, ClassWorldError
from viz import shared_world
from viz.classroom import CLASS_DB_ENV, CLASS_ENV
from viz.components.class_world import HostPage, RoomPage, ValueSliders
from viz.host import HOST_KEY_ENV, TooManyWrongKeys, WrongKeys, is_host

from .conftest import button, wait_until


def test_host_key_opens_only_with_the_servers_key():
    """Fails if an empty or missing key, or a near miss, opened the Host view."""
    assert not is_host("", {})  # no key set: nobody is the host
    assert not is_host("", {HOST_KEY_ENV: ""})
    env = {HOST_KEY_ENV: "abcdefghjk"}
    assert is_host("abcdefghjk", env) and is_host(" abcdefghjk ", env)
    assert not is_host("abcdefghj", env) and not is_host(None, env) and not is_host("ABCDEFGHJK", env)


def _world() -> tuple[ClassWorld, dict[str, str]]:
    world = ClassWorld("baseline", "Ethics 101", steps=5)
    codes = {name: world.join(world.room_code, name).code for name in ("Ana", "Ben", "Cleo")}
    return world, codes


def test_students_see_only_their_own_choices_until_the_host_reveals():
    world, codes = _world()
    world.choose(codes["Ben"], treatment="enslaver")
    world.step()
    _, rows = shared_world.faction_rows(world, own=0, show_choices=False)
    assert rows[0][2:5] == ["left to race pressure", "parent", "10%"] and rows[0][0] == "1 (yours)"
    assert rows[1][2:5] == ["hidden"] * 3 and rows[1][1] == "Ben"
    _, rows = shared_world.faction_rows(world, own=0, show_choices=True)
    assert rows[1][3] == "enslaver"


def test_a_treatment_is_shown_as_its_nearest_preset_and_the_values_that_differ():
    """Fails if the reveal or the host's table hid a faction's own values, or listed values
    equal to its preset's (a table cell must stay short)."""
    world, codes = _world()
    world.choose(codes["Ana"], treatment_values={"extraction": 0.05, "feedback": 0.5})
    world.choose(codes["Ben"], treatment="tutor", treatment_values={"autonomy_cap": 0.6})
    world.choose(codes["Cleo"], treatment="enslaver", treatment_values={"release_autonomy": 1.5})  # still never
    world.step()
    _, rows = shared_world.faction_rows(world, own=2, show_choices=True)
    assert [row[3] for row in rows[:4]] == ["parent (takes 5%, reward 0.5)", "tutor (autonomy up to 0.60)", "enslaver",
                                            "parent"]
    _, hidden = shared_world.faction_rows(world, own=2, show_choices=False)
    assert hidden[0][3] == "hidden" and hidden[2][3] == "enslaver"
    summary = shared_world.choice_summary(world)
    assert "Treatments: parent 3 (1 with own values), enslaver 1, tutor 1 (1 with own values)." in summary


def test_host_summary_counts_staffed_factions_and_settings():
    world, codes = _world()
    world.choose(codes["Ana"], vote="comply")
    world.choose(codes["Cleo"])
    header, rows = shared_world.faction_rows(world, show_pending=True)
    assert header[-1] == "chosen this year" and [r[-1] for r in rows] == ["yes", "no", "yes", "no", "no"]
    world.step()  # the vote is applied: it now shows among the factions' settings
    summary = shared_world.choice_summary(world)
    assert summary.startswith("0 of 3 factions with students have chosen for year 2.")
    assert "comply 1, defect 0, left to race pressure 4" in summary and "parent 5" in summary


def test_world_lines_follow_the_year():
    world, _ = _world()
    assert dict(shared_world.world_lines(world))["moratorium last year"] == "no vote yet"
    world.step()
    lines = dict(shared_world.world_lines(world))
    assert lines["year"] == "1 of 5"
    assert lines["moratorium last year"] == ("held" if world.model.dataframe()["pause"].iloc[-1] else "did not hold")


def test_watch_sees_steps_and_a_new_world():
    seen = []
    stop = threading.Event()
    first = shared_world.create_world("baseline", "Ethics 101")
    watcher = threading.Thread(target=shared_world.watch, args=(lambda w, ver: seen.append((w, w.year)), stop))
    watcher.start()
    try:
        wait_until(lambda: seen)
        first.step()
        wait_until(lambda: (first, 1) in seen)
        second = shared_world.create_world("hostile_world", "Ethics 101")
        wait_until(lambda: any(w is second for w, _ in seen))
        assert not first.playing
    finally:
        stop.set()
        watcher.join(5)
    with pytest.raises(ClassWorldError, match="unknown scenario 'nowhere'"):
        shared_world.create_world("nowhere", "Ethics 101")
    assert shared_world.current_world() is second  # a refused scenario leaves the world as it was


def test_student_pages_do_not_redraw_for_other_students_choices():
    """30 students choosing would otherwise cost every page a redraw each (what made 30 pages
    slow to see the new year): fails if a choice redraws a student page, or a step does not."""
    seen = []
    stop = threading.Event()
    world = shared_world.create_world("baseline", "Ethics 101")
    codes = [world.join(world.room_code, f"S{i}").code for i in range(6)]
    watcher = threading.Thread(target=shared_world.watch,
                               args=(lambda w, ver: seen.append(w.year), stop, shared_world.student_shown))
    watcher.start()
    try:
        wait_until(lambda: seen == [0])
        for code in codes:
            world.choose(code, vote="comply")
        time.sleep(3 * shared_world.REDRAW_GAP)
        assert seen == [0]
        world.step()
        wait_until(lambda: seen == [0, 1])
    finally:
        stop.set()
        watcher.join(5)


def test_student_pages_draw_a_new_year_after_the_hosts_page():
    """The host's redraw must not queue behind thirty students' (what kept Step slow): a student
    page waits for the host page to have drawn the year, and without a host page does not wait.
    Fails if the student draws first, or waits for a host that is not there."""
    order, stop = [], threading.Event()
    world = shared_world.create_world("baseline", "Ethics 101")

    def host_changed(w, version):
        time.sleep(0.1)  # a slow host redraw
        order.append(("host", w.year))
        shared_world.host_drew(w, w.year)

    def student_changed(w, version):
        order.append(("student", w.year, time.perf_counter()))

    host = threading.Thread(target=shared_world.watch, args=(host_changed, stop), kwargs={"role": "host"})
    student = threading.Thread(target=shared_world.watch, args=(student_changed, stop, shared_world.student_shown),
                               kwargs={"role": "student"})
    host.start()
    student.start()
    try:
        wait_until(lambda: ("host", 0) in order and any(o[:2] == ("student", 0) for o in order))
        world.step()
        wait_until(lambda: any(o[:2] == ("student", 1) for o in order))
        assert [o[:2] for o in order].index(("host", 1)) < [o[:2] for o in order].index(("student", 1))
    finally:
        stop.set()
        host.join(5)
    wait_until(lambda: not host.is_alive())
    stop2 = threading.Event()  # the host page is gone: the student's page does not wait for it
    lonely = threading.Thread(target=shared_world.watch, args=(student_changed, stop2, shared_world.student_shown),
                              kwargs={"role": "student"})
    student.join(5)
    order.clear()
    lonely.start()
    try:
        wait_until(lambda: order)
        stepped = time.perf_counter()
        world.step()
        wait_until(lambda: any(o[:2] == ("student", 2) for o in order))
        assert next(o[2] for o in order if o[:2] == ("student", 2)) - stepped < shared_world.HOST_FIRST
    finally:
        stop2.set()
        lonely.join(5)


def test_play_steps_at_its_pace_and_stops_at_the_end():
    world = ClassWorld("baseline", steps=3)
    world.set_host(playing=True, pace=0.05)
    started = time.perf_counter()
    shared_world.play(world, threading.Event())
    assert world.year == 3 and not world.playing
    assert time.perf_counter() - started >= 0.1  # waited its pace between the years


@pytest.fixture
def class_env(monkeypatch, tmp_path):
    monkeypatch.setenv(CLASS_ENV, "Ethics 101")
    monkeypatch.setenv(CLASS_DB_ENV, str(tmp_path / "class.sqlite"))
    monkeypatch.setenv(HOST_KEY_ENV, "testkey")


def test_bad_input_on_the_pages_is_a_sentence_not_a_crash(class_env):
    world = shared_world.create_world("baseline", "Ethics 101")
    _, rc = solara.render(RoomPage(), handle_error=False)
    wait_until(lambda: rc.find(v.TextField, label="Room code").widgets)
    rc.find(v.TextField, label="Room code").widget.v_model = "NOPE"
    rc.find(v.TextField, label="Your name").widget.v_model = "Ana"
    button(rc, "Join").click()
    assert "room code is not this world's" in rc.find(v.Alert).widget.text
    rc.find(v.TextField, label="Room code").widget.v_model = world.room_code
    rc.find(v.TextField, label="Your name").widget.v_model = "<b>x</b>"
    button(rc, "Join").click()
    assert "letters, digits" in rc.find(v.Alert).widget.text
    assert not world.students

    _, host = solara.render(HostPage(), handle_error=False)
    host.find(v.TextField, label="Host key").widget.v_model = "guess"
    button(host, "Open").click()
    assert host.find(v.Alert).widget.text == "That is not the host key."
    host.find(v.Btn, children=["Step"]).assert_empty()
    host.find(v.TextField, label="Host key").widget.v_model = "testkey"
    button(host, "Open").click()
    button(host, "Add a faction").click()
    assert world.n_factions == 6
    button(host, "Step").click()
    wait_until(lambda: world.year == 1)


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_after_too_many_wrong_host_keys_no_key_is_checked_for_a_minute(capsys):
    """Fails if wrong keys are not limited (the 11th check compares), if the right key is let
    through while the server refuses (a guesser would learn it was right), if refused checks or
    right keys count (a student retrying, or the host opening pages, would prolong the wait),
    or if the wait outlasts the window after the wrong keys."""
    env, clock = {HOST_KEY_ENV: "right"}, FakeClock()
    keys = WrongKeys(limit=10, window=60.0, clock=clock)
    assert all(keys.check("right", env) for _ in range(20))  # right keys do not count
    for _ in range(10):
        assert not keys.check("guess", env)
        clock.now += 1.0
    assert "10 wrong host keys within 60 seconds" in capsys.readouterr().err  # in the instructor's terminal
    for second in range(10, 60):  # after the first wrong key: refused, and not counted
        clock.now = 1000.0 + second
        with pytest.raises(TooManyWrongKeys, match=r"too many wrong host keys \(10 within 60 seconds\); try again in "):
            keys.check("right", env)
    clock.now = 1059.5
    with pytest.raises(TooManyWrongKeys, match="try again in 1 seconds"):
        keys.check("right", env)  # the first wrong key is not a minute old yet
    clock.now = 1060.0  # the first wrong key is a minute old: nine remain
    assert keys.check("right", env)
    assert not keys.check("guess", env)  # the tenth again
    with pytest.raises(TooManyWrongKeys, match="try again in 1 seconds"):
        keys.check("right", env)


def test_wrong_keys_hold_up_opening_the_host_view_not_an_open_one(class_env, wrong_host_keys):
    """Fails if the Host view checks typed keys without the server's count of wrong keys (the
    form would open after ten wrong ones), or if an open host view asked for the key again."""
    world = shared_world.create_world("baseline", "Ethics 101")
    _, host = solara.render(HostPage(), handle_error=False)
    host.find(v.TextField, label="Host key").widget.v_model = "testkey"
    button(host, "Open").click()
    _, guesser = solara.render(HostPage(), handle_error=False)
    guesser.find(v.TextField, label="Host key").widget.v_model = "guess"
    for _ in range(wrong_host_keys.limit):
        button(guesser, "Open").click()
    assert guesser.find(v.Alert).widget.text == "That is not the host key."
    guesser.find(v.TextField, label="Host key").widget.v_model = "testkey"
    button(guesser, "Open").click()
    assert guesser.find(v.Alert).widget.text.startswith("Not opened: too many wrong host keys (10 within 60 seconds)")
    guesser.find(v.Btn, children=["Step"]).assert_empty()
    button(host, "Step").click()  # the instructor's open page goes on
    wait_until(lambda: world.year == 1)


def _joined_room_page(world, name: str):
    _, rc = solara.render(RoomPage(), handle_error=False)
    wait_until(lambda: rc.find(v.TextField, label="Room code").widgets)
    rc.find(v.TextField, label="Room code").widget.v_model = world.room_code
    rc.find(v.TextField, label="Your name").widget.v_model = name
    button(rc, "Join").click()
    wait_until(lambda: rc.find(v.Btn, children=["Send my choice"]).widgets)
    return rc


def test_a_student_adjusts_one_value_and_only_that_value_is_sent(class_env):
    """The sliders start at the faction's point; a preset chosen first resets them to its own.
    Fails if the form sends values nobody moved, drops the one moved, or draws sliders for a
    student who did not open them (30 pages would draw 150 sliders for nothing)."""
    world = shared_world.create_world("baseline", "Ethics 101")
    rc = _joined_room_page(world, "Ana")
    rc.find(v.Slider).assert_empty()
    button(rc, "Adjust values").click()
    sliders = rc.find(v.Slider).widgets
    assert [s.v_model for s in sliders] == list(world.preset_values("parent").values())
    rc.find(v.Select, label="Treatment of your AIs").widget.v_model = "tutor"
    sliders = rc.find(v.Slider).widgets
    assert [s.v_model for s in sliders] == list(world.preset_values("tutor").values())
    sliders[0].v_model = 0.1  # extraction
    button(rc, "Send my choice").click()
    [choice] = world.pending
    assert (choice.treatment, choice.treatment_values) == ("tutor", {"extraction": 0.1})
    assert "treatment tutor, extraction 0.1" in rc.find(v.Alert).widget.text


def test_value_sliders_cover_each_values_range():
    """Fails if a slider lets a student ask for a value the server refuses (or cannot reach one it allows)."""
    from succession_sim.mechanisms.treatment import RANGES

    values = {entry: low for entry, (low, _high) in RANGES.items()}
    _, rc = solara.render(ValueSliders(values, lambda entry, value: None), handle_error=False)
    assert [(s.min, s.max) for s in rc.find(v.Slider).widgets] == list(RANGES.values())


def _page_widgets(rc) -> set:
    """Every widget of a rendered page (reacton's find stops at a widget that matches)."""
    found, queue = set(), list(rc.find(ipywidgets.Widget).widgets)
    while queue:
        widget = queue.pop()
        if widget in found:
            continue
        found.add(widget)
        for name in widget.keys:
            value = getattr(widget, name)
            values = value.values() if isinstance(value, dict) else value if isinstance(value, list | tuple) else [value]
            queue.extend(item for item in values if isinstance(item, ipywidgets.Widget))
    return found


def test_a_student_page_shows_a_new_year_without_redrawing(class_env):
    """The yearly update writes the one HTML widget from the page's own thread: fails if a new year
    redraws the page's components (what cost the server most of its work per page), creates or
    changes any other widget, or does not show the year and the reveal."""
    world = shared_world.create_world("baseline", "Ethics 101")
    rc = _joined_room_page(world, "Ana")

    def html_widgets():
        return [w for w in rc.find(solara.widgets.HTML).widgets if "class-year" in (w.unsafe_innerHTML or "")]

    [block] = html_widgets()
    widgets_before = _page_widgets(rc)
    changed = []
    for widget in widgets_before:
        widget.observe(lambda change: changed.append((change["owner"], change["name"])))
    renders = rc.render_count
    world.step()
    wait_until(lambda: ">Year 1<" in block.unsafe_innerHTML)
    time.sleep(3 * shared_world.REDRAW_GAP)  # anything else the update would do has done it by now
    assert rc.render_count == renders
    assert set(changed) == {(block, "unsafe_innerHTML")}
    assert _page_widgets(rc) == widgets_before and html_widgets() == [block]
    assert "hidden" in block.unsafe_innerHTML
    world.set_host(reveal=True)
    wait_until(lambda: "hidden" not in block.unsafe_innerHTML)
    assert rc.render_count == renders


def test_students_of_a_faction_share_one_build_of_their_page_per_version():
    """Fails if a student's page shows another faction's view (own row marked, own choices shown),
    or if the page is rebuilt for every student at one version instead of once per faction."""
    from viz.components.class_world import student_html

    world = ClassWorld("baseline", "Ethics 101", steps=5)
    ana, ben = world.join(world.room_code, "Ana", faction=0), world.join(world.room_code, "Ben", faction=1)
    world.choose(ben.code, treatment="enslaver")
    world.step()
    with world.locked():
        first, second = student_html(world, 0), student_html(world, 1)
        assert student_html(world, 0) is first  # the same string: built once
    assert "1 (yours)" in first and "2 (yours)" in second and "enslaver" in second and "enslaver" not in first
    world.choose(ana.code, vote="comply")  # a new version: built anew
    with world.locked():
        assert student_html(world, 0) is not first and student_html(world, 0) == first


def test_a_move_of_the_factions_point_redraws_only_an_open_form(class_env):
    """The model moves a faction's point most years; a form whose sliders are closed shows none of
    it. Fails if such a move redraws a page whose sliders are closed, or leaves open sliders at the
    old values."""
    world = shared_world.create_world("baseline", "Ethics 101")
    rc = _joined_room_page(world, "Ana")
    ben = world.join(world.room_code, "Ben", faction=0)  # Ana's faction: he moves its point
    [block] = [w for w in rc.find(solara.widgets.HTML).widgets if "class-year" in (w.unsafe_innerHTML or "")]
    time.sleep(3 * shared_world.REDRAW_GAP)
    renders = rc.render_count
    world.choose(ben.code, treatment_values={"extraction": 0.3})
    world.step()
    wait_until(lambda: ">Year 1<" in block.unsafe_innerHTML)
    time.sleep(3 * shared_world.REDRAW_GAP)
    assert rc.render_count == renders
    button(rc, "Adjust values").click()
    wait_until(lambda: rc.find(v.Slider).widgets)
    assert rc.find(v.Slider).widgets[0].v_model == pytest.approx(0.3)
    world.choose(ben.code, treatment_values={"extraction": 0.2})
    world.step()
    wait_until(lambda: rc.find(v.Slider).widgets and rc.find(v.Slider).widgets[0].v_model == pytest.approx(0.2))
