"""Compare policies: one run each on the same seed side by side, and R replicates of each."""

from __future__ import annotations

import pandas as pd
import solara
import solara.lab

from succession_sim import SuccessionModel
from succession_sim.cli_text import DIGITS
from succession_sim.console import format_interval
from succession_sim.experiments.compare import MEASURES, compare_policies
from succession_sim.metrics import OUTCOMES
from succession_sim.scenario import parameter_specs

from .. import limits
from ..figures import PROJECTOR_SLIDE, SLIDE, policy_overlay_png, replicates_png
from ..session import Replicates, Session, SideBySide
from ..words import MEASURE_WORDS, OUTCOME_NAMES, card_rows
from .download import DownloadButton
from .ui import Note, Prose, Table

__all__ = ["CompareView", "run_side_by_side", "run_replicates"]

POLICY_CHOICES = next(tuple(s["choices"]) for s in parameter_specs() if s["name"] == "policy")


def _describe(scenario, name: str, seed_words: str | None = None) -> str:
    """The scenario in one line; ``seed_words`` replaces "seed N" when the runs use other seeds."""
    return (
        f"{name}, {seed_words or f'seed {scenario.seed}'}, {scenario.steps} years, {scenario.n_factions} factions, "
        f"initial_ais {scenario.initial_ais:,}, max_ais {scenario.max_ais:,}"
    )


def _replicate_seeds_words(scenario) -> str:
    """Replicates run on seeds spawned from the scenario's seed, never on that seed itself."""
    return f"root seed {scenario.seed} (each replicate's seed is spawned from it)"


def _slide(session: Session):
    """The figures' size: larger fonts in projector mode (they are drawn when run)."""
    return PROJECTOR_SLIDE if session.projector.peek() else SLIDE


def run_side_by_side(session: Session) -> SideBySide:
    """Run each chosen policy once on the running model's scenario and seed."""
    scenario, name = session.compare_scenario(), session.scenario_name.peek()
    summaries, frames = {}, {}
    for policy in session.compare_policies.peek():
        model = SuccessionModel(scenario.replace(policy=policy))
        frames[policy] = model.run()
        summaries[policy] = model.summary()
    png = policy_overlay_png(frames, title=f"Same seed, different policy: {_describe(scenario, name)}",
                             size=_slide(session))
    return SideBySide(scenario, name, summaries, frames, png)


def run_replicates(session: Session, progress=None) -> Replicates:
    """``compare_policies`` with R paired replicates (R capped at MAX_REPLICATES)."""
    scenario, name = session.compare_scenario(), session.scenario_name.peek()
    count = max(1, min(int(session.replicate_count.peek()), limits.MAX_REPLICATES))

    def progress_while_the_page_is_open() -> None:
        session.stop_if_page_gone()  # a closed tab's compare stops at the next run
        if progress:
            progress()

    result = compare_policies(scenario, policies=session.compare_policies.peek(), replicates=count,
                              progress=progress_while_the_page_is_open)
    png = replicates_png(result, title=f"{count} paired replicates per policy: "
                                      f"{_describe(scenario, name, _replicate_seeds_words(scenario))}",
                         size=_slide(session))
    return Replicates(scenario, name, result, png)


@solara.component
def PolicyCard(policy: str, summary: dict):
    """One policy's run: its outcome, and one number per measure saying which years it covers."""
    window = summary["outcome_window"]["years"]
    with solara.Card(f"policy: {policy}", classes=[f"policy-card-{policy}"]):
        solara.Text(OUTCOME_NAMES[summary["outcome"]], style={"font-weight": "600", "font-size": "1.1em", "display": "block"},
                    classes=["policy-outcome"])
        solara.Text(f"The outcome is judged on the final year's power and on the last {window} years' cooperation "
                    "and rebellions, shown below.", style={"font-size": "0.9em", "display": "block"})
        Table(["measure", "value"], [list(row) for row in card_rows(summary)], classes=["policy-card-table"])


@solara.component
def PolicyPickers(session: Session, disabled: bool):
    first, second = session.compare_policies.value

    def choose(position: int, policy: str):
        chosen = list(session.compare_policies.peek())
        chosen[position] = policy
        session.compare_policies.value = tuple(chosen)

    with solara.Row(gap="12px"):
        solara.Select("First policy", values=list(POLICY_CHOICES), value=first, on_value=lambda p: choose(0, p),
                      disabled=disabled)
        solara.Select("Second policy", values=list(POLICY_CHOICES), value=second, on_value=lambda p: choose(1, p),
                      disabled=disabled)


@solara.component
def CompareView(session: Session):
    """Both halves of the compare tab; results stay in the session when the tab is left."""
    scenario = session.applied.value
    policies = session.compare_policies.value
    side = session.side_by_side.value
    reps = session.replicates.value
    count = session.replicate_count.value
    same = len(set(policies)) < len(policies)

    def side_by_side_job():
        session.side_by_side.value = run_side_by_side(session)

    def replicates_job():
        runs = len(session.compare_policies.peek()) * max(1, min(int(session.replicate_count.peek()), limits.MAX_REPLICATES))
        done = [0]

        def tick():
            done[0] += 1
            replicate_task.progress = 100.0 * done[0] / runs

        session.replicates.value = run_replicates(session, progress=tick)

    pair_task = solara.lab.use_task(side_by_side_job, dependencies=None)
    replicate_task = solara.lab.use_task(replicates_job, dependencies=None)
    busy = pair_task.pending or replicate_task.pending

    Prose(
        f"Runs the scenario of the current run ({_describe(scenario, session.scenario_name.value)}) "
        "under two policies. Change parameters on the left and press Reset to compare another world."
    )
    PolicyPickers(session, disabled=busy)
    if same:
        Note("Choose two different policies.", "error")

    with solara.Card("Same seed, side by side"):
        solara.Button("Run side by side", on_click=pair_task, disabled=busy or same, color="primary")
        if pair_task.pending:
            solara.ProgressLinear(True)
        if pair_task.error:
            Note(f"The runs failed: {pair_task.exception}", "error")
        if side is not None:
            solara.Text(f"{_describe(side.scenario, side.scenario_name)}", style={"color": "#444"})
            with solara.Columns([1] * len(side.summaries)):
                for policy, summary in side.summaries.items():
                    PolicyCard(policy, summary)
            solara.Image(side.png, width="100%")
            DownloadButton("Side by side (PNG, 16:9 slide)", f"succession-{side.scenario_name}-side-by-side.png",
                           lambda: side.png, "image/png")

    with solara.Card("Replicates: the distribution of outcomes"):
        solara.SliderInt("Replicates per policy", value=session.replicate_count, min=1, max=limits.MAX_REPLICATES,
                         disabled=busy)
        solara.Button(f"Run {count} replicates of each", on_click=replicate_task, disabled=busy or same,
                      color="primary")
        if replicate_task.pending:
            solara.ProgressLinear(replicate_task.progress or True)
        if replicate_task.error:
            Note(f"The replicates failed: {replicate_task.exception}", "error")
        if reps is not None:
            ReplicateResults(reps)


def _interval(stat: dict, measure: str = "") -> str:
    """'mean [low, high] (n)', as the CLI's compare prints it."""
    return format_interval(stat, DIGITS.get(measure, 3))


def measure_rows(result: dict) -> tuple[list[str], list[list[str]]]:
    """Header and rows: per measure, each policy's mean [95% interval] (n runs) and the paired
    difference of the first two policies, from ``compare_policies``' result (as the CLI shows it)."""
    policies = result["policies"]
    paired = "paired_difference" in result
    header = ["measure", *policies, *([f"paired difference ({policies[0]} - {policies[1]})"] if paired else [])]
    rows = []
    for measure in MEASURES:
        cells = [_interval(result["per_policy"][p][measure], measure) for p in policies]
        if paired:
            cells.append(_interval(result["paired_difference"][measure], measure))
        rows.append([MEASURE_WORDS[measure], *cells])
    return header, rows


def outcome_rows(result: dict) -> tuple[list[str], list[list[str]]]:
    """Header and rows: per outcome class, each policy's share of runs [95% Wilson interval] (n runs)."""
    policies = result["policies"]
    rows = [[OUTCOME_NAMES[o], *(_interval(result["outcome_intervals"][p][o]) for p in policies)] for o in OUTCOMES]
    return ["outcome: share of runs", *policies], rows


@solara.component
def ReplicateResults(reps: Replicates):
    """Each measure's means with 95% intervals and n, the paired difference, the outcome shares,
    the figure and the downloads."""
    result = reps.result
    runs = pd.DataFrame(result["runs"])
    solara.Text(f"{result['replicates']} paired replicates per policy (same seeds for each policy): "
                f"{_describe(reps.scenario, reps.scenario_name, _replicate_seeds_words(reps.scenario))}",
                style={"color": "#444"}, classes=["replicates-caption"])
    solara.Text("Each cell: mean [95% interval] (n runs). The paired difference is taken replicate by replicate, "
                "on the same seeds.", style={"color": "#444", "display": "block"})
    Table(*measure_rows(result), classes=["replicate-measures"])
    Table(*outcome_rows(result), classes=["outcome-counts"])
    solara.Image(reps.png, width="100%")
    with solara.Row(gap="8px"):
        DownloadButton("Replicates (PNG, 16:9 slide)", f"succession-{reps.scenario_name}-replicates.png",
                       lambda: reps.png, "image/png")
        DownloadButton("Replicate summaries (CSV)", f"succession-{reps.scenario_name}-replicates.csv",
                       lambda: runs.drop(columns=["premises"], errors="ignore").to_csv(index=False), "text/csv")
