"""Controls: scenario picker, Step / Play / Reset, speed, seed, and one widget per parameter."""

from __future__ import annotations

import solara

from .. import limits
from ..session import SPEED_RANGE, Session
from .ui import Note, Prose, Section

__all__ = ["ScenarioPanel", "RunControls", "SeedBox", "ParameterPanel", "ParameterWidget", "ProjectorSwitch"]


@solara.component
def ScenarioPanel(session: Session):
    """Pick a scenario from models/; show its description and the seminar's questions."""
    name = session.scenario_name.value
    entry = session.library[name]
    solara.Select(label="Scenario", values=list(session.library), value=name, on_value=session.choose_scenario)
    with solara.Div(classes=["scenario-description"]):
        solara.Text(entry["title"], style={"font-weight": "600"}, classes=["scenario-title"])
        Prose(entry["description"])
        if entry["questions"]:
            solara.Text("Questions for the seminar", style={"font-weight": "600"})
            with solara.v.Html(tag="ul", class_="seminar-questions", style_="padding-left: 20px; margin-bottom: 4px"):
                for question in entry["questions"]:
                    solara.v.Html(tag="li", children=[question])
    for note in session.notes.value:
        Note(note, "warning")


@solara.component
def SeedBox(session: Session):
    """A text box for the seed: anything may be typed; a bad seed shows why, and Reset refuses it."""
    _, problem = limits.parse_seed(session.seed_text.value)
    solara.InputText(
        "Seed",
        value=session.seed_text,
        continuous_update=True,
        error=problem or False,
        message=f"a whole number from 0 to {limits.SEED_MAX:,}",
    )


@solara.component
def PendingChanges(session: Session):
    """Says which changed parameters wait for Reset."""
    changed = session.pending_changes(session.draft.value, session.seed_text.value, session.applied.value)
    if changed:
        names = ", ".join(changed[:4]) + (f" and {len(changed) - 4} more" if len(changed) > 4 else "")
        Note(f"Changed: {names}. Press Reset to start a run with them.", "info", classes=["pending-changes"])


@solara.component
def RunControls(session: Session):
    """Step, Play/Pause and Reset; the speed of Play; the seed; why a Reset was refused."""
    playing = session.playing.value
    finished = session.at_horizon.value
    with solara.Row(gap="8px"):
        solara.Button("Step", on_click=session.step, disabled=playing or finished, color="primary", outlined=True)
        solara.Button("Pause" if playing else "Play", on_click=session.toggle_play, disabled=finished and not playing,
                      color="primary")
        solara.Button("Reset", on_click=session.reset, color="primary", outlined=True)
    if session.message.value:
        Note(session.message.value, "error", classes=["reset-error"])
    if session.server_busy.value:
        Note("The server is busy: every student's run plays slower than its chosen speed, all by the same "
             "factor. Step still answers at once.", "warning", classes=["server-busy"])
    low, high, _ = SPEED_RANGE
    solara.SliderInt("Speed (years per second)", value=session.speed, min=low, max=high, thumb_label=True)
    SeedBox(session)
    PendingChanges(session)
    if finished:
        solara.Text("The run reached its horizon (steps). Raise steps and press Reset to run longer.",
                    style={"font-size": "0.85em"})


@solara.component
def ProjectorSwitch(session: Session):
    """Larger fonts and legends for a projected screen (also set by ``?projector=1`` in the link)."""
    solara.v.Switch(label="Projector mode", v_model=session.projector.value, on_v_model=session.projector.set,
                    color="primary", density="compact", hide_details=True, class_="projector-switch")


def _value_text(value) -> str:
    if isinstance(value, float):
        return f"{value:,.6g}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


@solara.component
def ParameterWidget(spec: limits.WidgetSpec, value, on_value):
    """The widget for one parameter: checkbox, select, slider or number box, with its meaning."""
    hint = f"{spec.meaning} [{spec.range_text()}]" if spec.range_text() else spec.meaning
    if spec.kind == "checkbox":
        solara.v.Checkbox(label=spec.name, v_model=bool(value), on_v_model=lambda raw: on_value(bool(raw)),
                          density="compact", hide_details=True, color="primary")
        solara.Text(spec.meaning, style={"font-size": "0.78em", "color": "#555", "margin-top": "-14px"})
    elif spec.kind == "select":
        solara.Select(label=spec.name, values=list(spec.choices), value=value, on_value=on_value)
        solara.Text(spec.meaning, style={"font-size": "0.78em", "color": "#555", "margin-top": "-14px"})
    elif spec.kind == "slider":
        solara.v.Slider(
            label=spec.name,
            v_model=value,
            on_v_model=lambda raw: on_value(spec.cast(raw)),
            min=spec.low,
            max=spec.high,
            step=spec.step,
            thumb_label=True,
            hint=f"= {_value_text(value)} · {hint}",
            persistent_hint=True,
            density="compact",
            class_="parameter-slider",
        )
    else:
        problem = spec.problem(value)
        NumberBox(spec, value, on_value, hint, problem)


@solara.component
def NumberBox(spec: limits.WidgetSpec, value, on_value, hint: str, problem: str | None):
    """A number box for a wide range; keeps what was typed and flags it when out of range."""
    text, set_text = solara.use_state(_value_text(value).replace(",", ""), key=f"{spec.name}-{value}")
    error = problem

    def commit(new_text: str):
        set_text(new_text)
        try:
            number = spec.cast(new_text.replace(",", "").replace("_", ""))
        except ValueError:
            return
        if spec.problem(number) is None:
            on_value(number)

    try:
        typed = spec.cast(text.replace(",", "").replace("_", ""))
        error = error or spec.problem(typed)
    except ValueError:
        error = f"{spec.name}: {text!r} is not a number"
    solara.InputText(spec.name, value=text, on_value=commit, error=error or False, message=hint)


@solara.component
def ParameterPanel(session: Session):
    """Every parameter of Scenario, grouped; the first two groups open."""
    draft = session.draft.value
    groups = solara.use_memo(limits.grouped_specs, [])
    for position, (title, specs) in enumerate(groups):
        with Section(title, open=position < 2):
            for spec in specs:
                ParameterWidget(spec, draft[spec.name], lambda value, name=spec.name: session.set_param(name, value))
