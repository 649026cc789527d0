"""The ``succession-sim`` command line: a thin layer over the library.

Every command exits 0 on success and, on bad input, prints one line starting with
``succession-sim: error:`` to stderr and exits 2 without writing any file.

Each command imports what it needs when it runs: ``--help``, ``scenarios`` and
``status`` never load numpy, pandas or Mesa, so they answer at once, and ``run`` loads
no plotting or dashboard code (``benchmarks/cli_startup.py`` times them).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
from pathlib import Path

from .console import WIDTH
from .errors import UserError
from .scenario import POLICIES, load_scenario, parse_value, scenario_library

__all__ = ["main"]

RUN_FORMATS = (".parquet", ".csv")
PLOT_FORMATS = (".png", ".svg", ".pdf")
#: Most paired replicates `compare` and `knockout` run (each keeps its yearly rows in memory).
MAX_REPLICATES = 10_000
#: Most worker processes a sweep starts on this machine.
MAX_WORKERS = 1024
#: The class board's file when --class comes without --class-db (the same as viz.classroom.DEFAULT_DB).
DEFAULT_CLASS_DB = "succession-classes.sqlite"


class UsageError(UserError):
    """Bad command-line input: reported in one line, exit code 2."""


# --- shared options ------------------------------------------------------------------

def _scenario_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", default="baseline", metavar="NAME|PATH",
                        help="a scenario from the library (see `scenarios`) or a TOML file (default: baseline)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", dest="overrides",
                        help="override a parameter, parsed by its type (true/false for booleans); repeatable")
    parser.add_argument("--seed", type=int, help="root seed (default: the scenario's)")
    parser.add_argument("--steps", type=int, help="years to run (default: the scenario's)")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    _wide_option(parser)


def _wide_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--wide", action="store_true",
                        help=f"show every column in one table (by default tables fit {WIDTH} columns)")


def _build_scenario(args):
    overrides = {}
    for item in args.overrides:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--set expects KEY=VALUE, got {item!r}")
        overrides[key.strip()] = parse_value(key.strip(), value)
    if args.seed is not None:
        overrides["seed"] = args.seed
    if args.steps is not None:
        overrides["steps"] = args.steps
    return load_scenario(args.scenario, **overrides)


def _check_replicates(replicates: int) -> None:
    if not 1 <= replicates <= MAX_REPLICATES:
        raise UsageError(f"--replicates {replicates} must be from 1 to {MAX_REPLICATES:,}")


def _check_output(path: str | None, formats: tuple[str, ...], option: str) -> Path | None:
    """Reject an output path before any work is done."""
    if path is None:
        return None
    target = Path(path)
    if target.suffix.lower() not in formats:
        raise UsageError(f"{option} {path!r}: the file name must end in {' or '.join(formats)}")
    if target.is_dir():
        raise UsageError(f"{option} {path!r} is a directory")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"{option} {path!r}: directory {str(parent)!r} does not exist")
    try:
        with tempfile.NamedTemporaryFile(dir=parent, prefix=".succession-sim-check-"):
            pass
    except OSError as exc:
        raise UsageError(f"{option} {path!r} is not writable ({exc.strerror})") from None
    return target


def _note(text: str) -> None:
    """Tell the user something they should know that is not an error (on stderr)."""
    print(f"succession-sim: note: {text}", file=sys.stderr)


def _jsonable(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


# --- commands --------------------------------------------------------------------------

def cmd_scenarios(args) -> None:
    library = scenario_library()
    if args.json:
        print(json.dumps({name: {k: e[k] for k in ("title", "description", "questions", "parameters")}
                          for name, e in library.items()}, indent=2))
        return
    width = max(map(len, library))
    for name, entry in library.items():
        print(f"{name:<{width}}  {entry['title']}")


def cmd_run(args) -> None:
    out = _check_output(args.out, RUN_FORMATS, "--out")
    if args.from_dir or args.run_id:
        _rerun_from_store(args, out)
        return
    scenario = _build_scenario(args)
    from .experiments.compare import run_one
    from .experiments.store import atomic_write

    summary, frame = run_one(scenario)
    if out is not None:
        if out.suffix.lower() == ".csv":
            atomic_write(out, lambda tmp: frame.to_csv(tmp, index=False))
        else:
            atomic_write(out, lambda tmp: frame.to_parquet(tmp, index=False))
    result = {"scenario": args.scenario, **summary}
    if args.json:
        print(json.dumps(_jsonable(result), indent=2))
        return
    from .cli_text import run_text

    print(run_text(args.scenario, scenario.seed, result, wide=args.wide))
    if out is not None:
        print(f"wrote {out}")


def _rerun_from_store(args, out) -> None:
    """``run --from DIR --run-id ID``: one run of a sweep again, from its recorded seed."""
    if not (args.from_dir and args.run_id):
        raise UsageError("--from DIR and --run-id ID go together")
    if args.overrides or args.seed is not None or args.steps is not None or args.scenario != "baseline":
        raise UsageError("--from takes the scenario, seed and steps from the sweep; drop --scenario/--set/--seed/--steps")
    from .experiments.store import atomic_write
    from .experiments.sweep import rerun

    rows = rerun(args.from_dir, args.run_id, on_note=_note)
    if out is not None:
        atomic_write(out, lambda tmp: rows.to_csv(tmp, index=False) if out.suffix.lower() == ".csv"
                     else rows.to_parquet(tmp, index=False))
    if args.json:
        print(rows.to_json(orient="records"))
    else:
        print(rows.to_string(index=False, line_width=None if args.wide else WIDTH))


def cmd_sweep(args) -> None:
    from tqdm import tqdm

    from .experiments import sweep

    if bool(args.experiment) == bool(args.resume):
        raise UsageError("give an EXPERIMENT.toml with --out DIR, or --resume DIR")
    if args.experiment and not args.out:
        raise UsageError("--out DIR is required with an experiment file")
    if args.dry_run:
        _dry_run(args.experiment or str(Path(args.resume) / "experiment.toml"))
        return
    if args.workers is not None and not 1 <= args.workers <= MAX_WORKERS:
        raise UsageError(f"--workers {args.workers} must be from 1 to {MAX_WORKERS}")
    if args.scheduler and args.executor != "dask":
        raise UsageError("--scheduler goes with --executor dask")
    workers = args.workers or os.cpu_count() or 1
    bar = tqdm(desc="runs", unit="run", disable=not sys.stderr.isatty(), file=sys.stderr)
    common = dict(workers=workers, executor=args.executor, scheduler=args.scheduler, csv=args.csv,
                  progress=bar.update, on_total=lambda n: bar.reset(total=n))
    out = args.resume or args.out
    try:
        if args.resume:
            result = sweep.resume_sweep(args.resume, on_note=_note, **common)
        else:
            result = sweep.run_sweep(args.experiment, args.out, **common)
    except KeyboardInterrupt:
        bar.close()
        print(f"succession-sim: interrupted; finished runs are kept. Continue with: succession-sim sweep --resume {out}",
              file=sys.stderr)
        raise SystemExit(130) from None
    bar.close()
    print(f"{result.done} of {result.total} runs done, {result.failed} failed, {result.pending} pending "
          f"({result.ran_now} run now); results in {Path(out) / 'results.parquet'}")
    if result.failed:
        print(f"failed runs are listed in {Path(out) / 'failed'}; rerun them with: succession-sim sweep --resume {out}")
        raise SystemExit(1)


def _dry_run(experiment_path: str) -> None:
    from .experiments.design import load_experiment

    experiment = load_experiment(experiment_path)
    print(f"{experiment.title}: {len(experiment.points)} points x {experiment.replicates} replicates x "
          f"{len(experiment.policies)} policies = {experiment.run_count} runs of {experiment.steps} years")
    for index, point in enumerate(experiment.points[:5]):
        print(f"  point {index}: " + ", ".join(f"{k}={v}" for k, v in point.items()))
    if len(experiment.points) > 5:
        print(f"  ... and {len(experiment.points) - 5} more points")


def cmd_status(args) -> None:
    from .experiments.store import Store

    result = Store(args.dir).progress()
    if args.json:
        print(json.dumps({"total": result.total, "done": result.done, "failed": result.failed,
                          "pending": result.pending}))
    else:
        print(f"done {result.done}, failed {result.failed}, pending {result.pending} (of {result.total})")


def cmd_report(args) -> None:
    html = _check_output(args.html, (".html",), "--html")
    from .experiments.report import build_report

    report = build_report(args.dir, html, measure=args.measure, on_note=_note)
    from .cli_text import sweep_report_text
    from .metrics import OUTCOMES

    print(sweep_report_text(report["tables"], report["swept"], report["measure"], OUTCOMES, wide=args.wide))
    for caption, path in report["figures"].items():
        print(f"figure: {path}\n        {caption}")
    if html is not None:
        print(f"wrote {html}")


def cmd_knockout(args) -> None:
    plot = _check_output(args.plot, PLOT_FORMATS, "--plot")
    _check_replicates(args.replicates)
    scenario = _build_scenario(args)
    from tqdm import tqdm

    from .experiments.knockout import CONDITIONS, KNOCKOUT_MEASURES, run_knockout
    from .experiments.store import atomic_write

    with tqdm(total=args.replicates * len(CONDITIONS), desc="runs", unit="run",
              disable=not sys.stderr.isatty(), file=sys.stderr) as bar:
        result = run_knockout(scenario, args.replicates, progress=bar.update)
    if plot is not None:
        from .experiments.plots import plot_knockout

        title = f"{args.scenario}: each premise switched off, {args.replicates} paired replicates"
        atomic_write(plot, lambda tmp: plot_knockout(result, tmp, title))
    if args.json:
        print(json.dumps(_jsonable({"scenario": args.scenario, "seed": scenario.seed, **result}), indent=2))
        return
    from .cli_text import knockout_text

    print(knockout_text(args.scenario, scenario.seed, result, KNOCKOUT_MEASURES, wide=args.wide))
    if plot is not None:
        print(f"wrote {plot}")


def cmd_dashboard(args) -> None:
    if not 1 <= args.port <= 65535:
        raise UsageError(f"--port {args.port} must be from 1 to 65535")
    try:
        from viz import serve
    except ImportError:
        raise UsageError("the dashboard (viz/) is not installed next to the package") from None
    serve.check_port(args.host, args.port)  # before the class board creates its file
    if args.class_db is not None and not args.class_name:
        print("succession-sim: warning: --class-db is used only with --class NAME; starting without a class board",
              file=sys.stderr)
    if args.class_name:
        from .classboard import ClassBoardError, open_class_board

        try:
            board = open_class_board(args.class_db or DEFAULT_CLASS_DB, args.class_name)  # checks the file, creates it if new
        except ClassBoardError as exc:
            raise UsageError(f"--class-db {exc}") from None
        os.environ["SUCCESSION_SIM_CLASS"] = board.class_name
        os.environ["SUCCESSION_SIM_CLASS_DB"] = str(board.path.resolve())
    announce = ()
    if args.class_name:  # the instructor's link, printed here only
        from viz.host import HOST_KEY_ENV, host_key, host_link, new_host_key

        # a key set in the environment is kept, so a restarted server keeps its instructor's link
        os.environ[HOST_KEY_ENV] = key = host_key() or new_host_key()
        announce = (f"instructor's page (names, CSV, clearing, showing the results; keep it private): "
                    f"{host_link(args.host, args.port, key)}",
                    f"shared class world: the Host view is http://{args.host}:{args.port}/host (the host key is the "
                    f"link's, after host=); students join at http://{args.host}:{args.port}/room")
    code = serve.serve(args.host, args.port, production=not args.dev, announce=announce)
    if code:
        raise SystemExit(code)


def cmd_compare(args) -> None:
    plot = _check_output(args.plot, PLOT_FORMATS, "--plot")
    _check_replicates(args.replicates)
    policies = [p.strip() for p in args.policies.split(",") if p.strip()]
    scenario = _build_scenario(args)
    from tqdm import tqdm

    from .experiments.compare import compare_policies
    from .experiments.store import atomic_write

    with tqdm(total=args.replicates * len(policies), desc="runs", unit="run",
              disable=not sys.stderr.isatty(), file=sys.stderr) as bar:
        result = compare_policies(scenario, policies, args.replicates, progress=bar.update)
    if plot is not None:
        from .experiments.plots import plot_comparison

        title = f"{args.scenario}: {' vs '.join(policies)}, {args.replicates} paired replicates"
        atomic_write(plot, lambda tmp: plot_comparison(result["series"], tmp, title))
    if args.json:
        print(json.dumps(_jsonable({"scenario": args.scenario, "seed": scenario.seed,
                                    **{k: v for k, v in result.items() if k != "series"}}), indent=2))
        return
    from .cli_text import comparison_text
    from .experiments.compare import MEASURES
    from .metrics import OUTCOMES

    print(comparison_text(args.scenario, scenario.seed, result, MEASURES, OUTCOMES, wide=args.wide))
    if plot is not None:
        print(f"wrote {plot}")


def cmd_adaptation(args) -> None:
    learners = [name.strip() for name in args.learners.split(",") if name.strip()] if args.learners else None
    scenario = _build_scenario(args)
    from .adaptation import adaptation

    result = adaptation(scenario, learners=learners, seeds=args.seeds, at=args.at, before=args.before,
                        after=args.after)
    if args.json:
        print(json.dumps(_jsonable({"scenario": args.scenario, **result}), indent=2))
        return
    from .cli_text import adaptation_text

    print(adaptation_text(args.scenario, result, wide=args.wide))


# --- entry point ---------------------------------------------------------------------------

class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="succession-sim",
                     description="Agent-based simulator of the succession from human to digital intelligence.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")

    p = commands.add_parser("scenarios", help="list the scenario library")
    p.add_argument("--json", action="store_true", help="print the library as JSON")
    p.set_defaults(func=cmd_scenarios)

    p = commands.add_parser("run", help="run one scenario and print its outcome and premise indicators")
    _scenario_options(p)
    p.add_argument("--out", metavar="FILE.parquet|FILE.csv", help="write the yearly time series")
    p.add_argument("--from", dest="from_dir", metavar="DIR", help="rerun one run of the sweep in DIR (with --run-id)")
    p.add_argument("--run-id", metavar="ID", help="the run to rerun, e.g. p00003-r001-parent")
    p.set_defaults(func=cmd_run)

    p = commands.add_parser("compare", help="run policies side by side on common random numbers")
    _scenario_options(p)
    p.add_argument("--policies", default="parent,enslaver", metavar="P1,P2",
                   help=f"comma-separated policies from {', '.join(POLICIES)} (default: parent,enslaver)")
    p.add_argument("--replicates", type=int, default=10, metavar="R", help="paired runs per policy (default: 10)")
    p.add_argument("--plot", metavar="FILE.png", help="write a figure of the measures over time (png, svg or pdf)")
    p.set_defaults(func=cmd_compare)

    p = commands.add_parser("dashboard", help="serve the interactive dashboard (Solara) in the browser")
    p.add_argument("--host", default="localhost",
                   help="address to listen on (default: localhost; 0.0.0.0 serves a classroom network)")
    p.add_argument("--port", type=int, default=8765, help="port (default: 8765)")
    p.add_argument("--dev", action="store_true", help="development mode: reload on code changes")
    p.add_argument("--class", dest="class_name", metavar="NAME",
                   help="a class board: students can submit their runs, and a Class results page shows them; "
                        "and a shared class world (/host for the instructor, /room for students)")
    p.add_argument("--class-db", metavar="FILE",  # no default here, so that a --class-db without --class shows
                   help=f"SQLite file for the class board, with --class (default: ./{DEFAULT_CLASS_DB})")
    p.set_defaults(func=cmd_dashboard)

    p = commands.add_parser("knockout", help="the scenario with each premise switched off, paired on seeds")
    _scenario_options(p)
    p.add_argument("--replicates", type=int, default=10, metavar="R", help="paired runs per condition (default: 10)")
    p.add_argument("--plot", metavar="FILE.png", help="write a figure of the table (png, svg or pdf)")
    p.set_defaults(func=cmd_knockout)

    p = commands.add_parser(
        "adaptation", help="how fast each learner notices a change of treatment: half-lives of its cooperation",
        description="Copies the AIs of a run in mid-life, lets each meet a partner who changes its treatment "
                    "(cooperate then defect, the reverse, an owner turning from parent to enslaver) and reports "
                    "the years until its cooperation toward that partner has moved halfway (docs/ODD.md, "
                    "'The adaptation measure').")
    _scenario_options(p)
    p.add_argument("--learners", metavar="L1,L2",
                   help="comma-separated learners (default: all: experience, imitation, imitation_prior, "
                        "frozen_imitation)")
    p.add_argument("--seeds", type=int, default=5, metavar="N", help="runs per learner, from the root seed (default: 5)")
    p.add_argument("--at", type=int, metavar="YEAR", help="the year whose AIs are tested (default: half of --steps)")
    p.add_argument("--before", type=int, default=20, metavar="YEARS", help="years of the first treatment (default: 20)")
    p.add_argument("--after", type=int, default=20, metavar="YEARS",
                   help="years after the switch within which a half-life counts (default: 20)")
    p.set_defaults(func=cmd_adaptation)

    p = commands.add_parser("sweep", help="run an experiment file (many runs) into a resumable store")
    p.add_argument("experiment", nargs="?", metavar="EXPERIMENT.toml", help="the experiment file")
    p.add_argument("--out", metavar="DIR", help="output folder (must not hold a sweep yet)")
    p.add_argument("--resume", metavar="DIR", help="continue the sweep in DIR: run what is missing or failed")
    p.add_argument("--workers", type=int, metavar="N", help="worker processes (default: the number of cores)")
    p.add_argument("--executor", choices=("local", "dask"), default="local",
                   help="local processes (default) or Dask (pip install 'succession-sim[dask]')")
    p.add_argument("--scheduler", metavar="ADDRESS", help="with --executor dask: an existing cluster, tcp://host:8786")
    p.add_argument("--dry-run", action="store_true", help="print the number of runs and the first points, run nothing")
    p.add_argument("--csv", action="store_true", help="also write results.csv")
    p.set_defaults(func=cmd_sweep)

    p = commands.add_parser("status", help="done, failed and pending runs of a sweep")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--json", action="store_true", help="print the counts as JSON")
    p.set_defaults(func=cmd_status)

    p = commands.add_parser("report", help="summaries and figures of a sweep")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--html", metavar="FILE", help="also write an HTML report bundling every figure and table")
    p.add_argument("--measure", default="coop_human_ai", help="the final measure for response and sensitivity plots")
    _wide_option(p)
    p.set_defaults(func=cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        args.func(args)
    except (UserError, RuntimeError) as exc:
        print(f"succession-sim: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("succession-sim: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader (e.g. `head`) went away: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # the machine, not the code: a full or read-only disk, a name too long
        from .files import os_problem

        print(f"succession-sim: error: {os_problem(exc)}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
