"""Sweeps end to end: workers, executors, kill and resume, failures, bad files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from succession_sim.cli import main
from succession_sim.experiments import sweep
from succession_sim.experiments.analysis import final_rows
from succession_sim.experiments.design import load_experiment
from succession_sim.experiments.store import Store, StoreError
from succession_sim.scenario import ScenarioError
from tests.cli.test_cli import SLIDE_PIXELS, png_size

ROOT = Path(__file__).resolve().parents[2]
SMOKE = ROOT / "experiments" / "smoke.toml"


def write_experiment(tmp_path, body: str, name="exp.toml") -> Path:
    path = tmp_path / name
    path.write_text(body)
    return path


SLOW = """
title = "kill me"
scenario = "baseline"
replicates = 2
seed = 7
steps = 120
policies = ["parent", "enslaver"]
[set]
max_ais = 400
[design]
kind = "grid"
[design.parameters]
extraction = [0.3, 0.7]
[measures]
keep = ["ai_power_share", "coop_human_ai", "rebellions"]
every = 10
"""


@pytest.fixture(scope="module")
def smoke_serial(tmp_path_factory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("serial") / "sweep"
    result = sweep.run_sweep(SMOKE, out, workers=1)
    assert result.done == result.total == 24 and result.failed == 0
    return pd.read_parquet(out / "results.parquet")


def test_smoke_on_two_workers_equals_one_worker(smoke_serial, tmp_path):
    result = sweep.run_sweep(SMOKE, tmp_path / "sweep", workers=2)
    assert result.done == 24
    parallel = pd.read_parquet(tmp_path / "sweep" / "results.parquet")
    pd.testing.assert_frame_equal(smoke_serial, parallel)


def test_results_are_tidy(smoke_serial):
    frame = smoke_serial
    assert not frame.duplicated(["run_id", "step"]).any()
    assert set(frame["policy"]) == {"parent", "enslaver"}
    assert {"run_id", "policy", "step", "extraction", "oversight", "seed", "seed_entropy", "seed_spawn_key",
            "ai_power_share", "coop_human_ai"} <= set(frame.columns)
    # every 5 steps of 40, plus step 0: 9 rows per run
    assert (frame.groupby("run_id").size() == 9).all()
    # policies at the same point and replicate share the seed (common random numbers)
    seeds = frame.groupby(["point", "replicate"])["seed"].nunique()
    assert (seeds == 1).all()
    assert frame.groupby(["point", "replicate"]).ngroups == frame["seed"].nunique()


def test_a_run_stores_the_window_mean_of_each_kept_cooperation_measure(smoke_serial):
    """Fails if a sweep's cooperation level is the final year's value (the noise of one
    year) rather than the summary's mean over the outcome window, or if a run's stored
    window mean is not its own."""
    from succession_sim.experiments.design import load_experiment
    from succession_sim.model import SuccessionModel

    experiment = load_experiment(SMOKE)
    spec = experiment.runs()[5]
    model = SuccessionModel(experiment.scenario_for(spec))
    model.run()
    rows = smoke_serial[smoke_serial["run_id"] == spec.run_id]
    assert (rows["coop_human_ai_window_mean"] == model.summary()["coop_human_ai"]).all()
    final = rows[rows["step"] == rows["step"].max()]
    assert (final["coop_human_ai_window_mean"] != final["coop_human_ai"]).all()  # a level, not the last year
    assert not any(c.startswith("ai_power_share_") for c in smoke_serial.columns)  # not a cooperation measure


def test_dask_local_cluster_gives_the_same_data(smoke_serial, tmp_path):
    pytest.importorskip("dask.distributed")
    result = sweep.run_sweep(SMOKE, tmp_path / "sweep", workers=2, executor="dask")
    assert result.done == 24
    pd.testing.assert_frame_equal(smoke_serial, pd.read_parquet(tmp_path / "sweep" / "results.parquet"))


def test_rerun_one_run_from_the_store_gives_the_same_rows(smoke_serial, tmp_path):
    out = tmp_path / "sweep"
    sweep.run_sweep(SMOKE, out, workers=1)
    run_id = "p00003-r001-enslaver"
    again = sweep.rerun(out, run_id)
    stored = smoke_serial[smoke_serial["run_id"] == run_id].reset_index(drop=True)
    pd.testing.assert_frame_equal(stored, again)
    with pytest.raises(StoreError, match="no run 'nope'"):
        sweep.rerun(out, "nope")


SLOW_RUNS = 2 * 2 * 2  # points x replicates x policies


def test_killed_sweep_resumes_to_the_same_data(tmp_path):
    """Fails if a run killed mid-write is kept, a finished one is run again, or the resumed
    data differ from an uninterrupted sweep's. 8 slow runs (the reference sweep and the resume
    make them all twice) on 2 workers leave the kill, after 2 of them, partway: the two
    workers' runs finish about together, so 2 to 4 are done at the kill."""
    experiment = write_experiment(tmp_path, SLOW)
    reference = tmp_path / "reference"
    sweep.run_sweep(experiment, reference, workers=1)
    out = tmp_path / "killed"
    process = subprocess.Popen(
        [sys.executable, "-m", "succession_sim.cli", "sweep", str(experiment), "--out", str(out), "--workers", "2"],
        start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not (out / "runs").is_dir() or len(Store(out).done_ids()) < 2):
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    done_at_kill = len(Store(out).done_ids())
    assert 2 <= done_at_kill < SLOW_RUNS, "the sweep should have been killed partway"
    assert not (out / "results.parquet").exists()
    assert sweep.status(out).pending == SLOW_RUNS - done_at_kill

    resumed = sweep.resume_sweep(out, workers=1)
    assert resumed.ran_now == SLOW_RUNS - done_at_kill and resumed.done == SLOW_RUNS
    pd.testing.assert_frame_equal(pd.read_parquet(reference / "results.parquet"),
                                  pd.read_parquet(out / "results.parquet"))
    assert not [p for p in (out / "runs").iterdir() if p.name.startswith(".")]  # no half-written file


def test_failed_run_is_recorded_and_retried_on_resume(smoke_serial, tmp_path, monkeypatch):
    out = tmp_path / "sweep"
    real = sweep.execute_run

    def flaky(experiment, spec):
        if spec.run_id == "p00002-r001-parent":
            raise RuntimeError("simulated crash")
        return real(experiment, spec)

    monkeypatch.setattr(sweep, "execute_run", flaky)
    first = sweep.run_sweep(SMOKE, out, workers=1)
    assert (first.done, first.failed) == (23, 1)
    failure = Store(out).failed()["p00002-r001-parent"]
    assert "simulated crash" in failure["error"]

    monkeypatch.setattr(sweep, "execute_run", real)
    second = sweep.resume_sweep(out, workers=1)
    assert (second.done, second.failed, second.ran_now) == (24, 0, 1)
    pd.testing.assert_frame_equal(smoke_serial, pd.read_parquet(out / "results.parquet"))


def test_cli_sweep_status_report_and_resume_of_a_finished_sweep(tmp_path, capsys):
    out = tmp_path / "sweep"
    assert main(["sweep", str(SMOKE), "--out", str(out), "--workers", "1", "--csv"]) == 0
    assert "24 of 24 runs done" in capsys.readouterr().out
    assert (out / "results.csv").is_file()
    assert main(["status", str(out)]) == 0
    assert capsys.readouterr().out.strip() == "done 24, failed 0, pending 0 (of 24)"
    finished = Store(out).open()["finished"]
    time.sleep(1.1)  # the manifest's times are to the second
    assert main(["sweep", "--resume", str(out), "--workers", "1"]) == 0
    assert "(0 run now)" in capsys.readouterr().out
    assert Store(out).open()["finished"] == finished  # nothing ran, so the sweep finished when it did
    html = tmp_path / "report.html"
    assert main(["report", str(out), "--html", str(html)]) == 0
    printed = capsys.readouterr().out
    assert "Outcome-class shares" in printed and "Paired differences" in printed
    assert html.read_text().count("data:image/png;base64,") == 3
    pngs = sorted((out / "report").glob("*.png"))
    assert len(pngs) == 3
    for png in pngs:
        assert png_size(png) == SLIDE_PIXELS
        assert png.with_suffix(".svg").read_text().lstrip().startswith("<?xml")


def test_dry_run_runs_nothing(tmp_path, capsys):
    assert main(["sweep", str(SMOKE), "--out", str(tmp_path / "x"), "--dry-run"]) == 0
    assert "6 points x 2 replicates x 2 policies = 24 runs" in capsys.readouterr().out
    assert not (tmp_path / "x").exists()


def test_a_second_sweep_into_the_same_folder_is_refused(tmp_path):
    sweep.run_sweep(SMOKE, tmp_path / "s", workers=1)
    with pytest.raises(StoreError, match="already holds a sweep"):
        sweep.run_sweep(SMOKE, tmp_path / "s", workers=1)


def test_manifest_records_what_is_needed_to_reproduce(tmp_path):
    sweep.run_sweep(SMOKE, tmp_path / "s", workers=1)
    manifest = Store(tmp_path / "s").open()
    assert manifest["root_seed"] == 1 and manifest["runs"] == 24
    assert manifest["experiment"] == SMOKE.read_text()
    assert set(manifest["versions"]) == {"succession_sim", "mesa", "numpy", "python"}
    assert "git_commit" in manifest and "git_dirty" in manifest
    assert manifest["started"] and manifest["finished"]


BAD = [
    ('[design]\nkind = "grid"\n[design.parameters]\nwarp = [1, 2]\n', "unknown parameter 'warp'"),
    ('[design]\nkind = "grid"\n[design.parameters]\nextraction = [0.5, 2.0]\n', "extraction=2.0 is out of range"),
    ('[design]\nkind = "spiral"\n', "unknown design kind 'spiral'"),
    ('[design]\nkind = "lhs"\nn = 5\n[design.parameters]\nalpha = [2.0, 1.0]\n', "needs a range [low, high]"),
    ('[design]\nkind = "lhs"\n[design.parameters]\nalpha = [1.0, 2.0]\n', "needs n"),
    ('policies = ["parent", "tyrant"]\n', "policies="),
    ('replicates = 0\n', "replicates=0"),
    ('seed = -1\n', "seed=-1 must be an integer from 0"),
    ('colour = "red"\n', "unknown key 'colour' (allowed: title,"),
    ('[measures]\nkeep = ["happiness"]\n', "unknown measure(s) happiness"),
    ('alpha = 2\n', "top-level key 'alpha' is a parameter: put it under [set] (fixed) or [design.parameters]"),
    ('set = 3\n', "'set' must be a table ([set] with one name = value per line), got 3"),
    ('design = "grid"\n', "'design' must be a table ([design]"),
    ('measures = ["coop_human_ai"]\n', "'measures' must be a table ([measures]"),
    ('[design]\nkind = "grid"\nparameters = 3\n', "'design.parameters' must be a table ([design.parameters]"),
    ('[design]\nkind = "grid"\n[design.paramters]\nalpha = [1, 2]\n',
     "unknown key 'paramters' in [design] (allowed: kind, parameters, n, levels, file, seed_as_factor); "
     "did you mean 'parameters'?"),
    ('[design]\nkind = "sobol"\nn = 4\nseed_as_factor = "yes"\n[design.parameters]\nalpha = [1.0, 2.0]\n',
     "design.seed_as_factor='yes' must be true or false"),
    ('[design]\nkind = "lhs"\nn = 4\nseed_as_factor = true\n[design.parameters]\nalpha = [1.0, 2.0]\n',
     "seed_as_factor is for sobol designs; this design is 'lhs'"),
    ('[measures]\nkep = ["coop_human_ai"]\n', "unknown key 'kep' in [measures] (allowed: keep, every); did you mean 'keep'?"),
    ('[measures]\nkeep = "coop_human_ai"\n', "measures.keep='coop_human_ai' must be \"all\" or a list"),
    ('[set]\nalfa = 2\n', "unknown parameter 'alfa' in [set]; did you mean 'alpha'?"),
    ('title = 3\n', "'title' must be a string, got 3"),
    ('scenario = "atlantis"\n', "unknown scenario 'atlantis'"),
    ('policies = 3\n', "policies=3: give distinct values"),
    ('[design]\nkind = "table"\nfile = "missing.csv"\n', "does not exist"),
    # each design point is checked as a scenario, with the scenario's file and the fixed values
    ('[design]\nkind = "grid"\n[design.parameters]\nextraction = [0.2, 1.5]\n',
     "design point 1 {'extraction': 1.5}: extraction=1.5 is out of range; allowed: 0.0 to 1.0"),
]


@pytest.mark.parametrize("body, message", BAD)
def test_bad_experiment_files_fail_before_any_run(tmp_path, capsys, body, message):
    path = write_experiment(tmp_path, body)
    with pytest.raises(ScenarioError) as error:
        load_experiment(path)
    assert message in str(error.value)
    assert main(["sweep", str(path), "--out", str(tmp_path / "out")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_lhs_sobol_morris_and_table_designs(tmp_path):
    lhs = load_experiment(write_experiment(tmp_path, '[design]\nkind = "lhs"\nn = 7\n[design.parameters]\n'
                                                     'alpha = [0.5, 2.0]\nn_factions = [2, 9]\n'))
    assert len(lhs.points) == 7
    assert all(0.5 <= p["alpha"] <= 2.0 and type(p["n_factions"]) is int for p in lhs.points)
    # Latin hypercube: one point in each of the 7 strata of every parameter
    strata = sorted(int((p["alpha"] - 0.5) / 1.5 * 7) for p in lhs.points)
    assert strata == list(range(7))
    pytest.importorskip("SALib")
    sobol = load_experiment(write_experiment(tmp_path, '[design]\nkind = "sobol"\nn = 8\n[design.parameters]\n'
                                                       'alpha = [0.5, 2.0]\nextraction = [0.1, 0.9]\n', "s.toml"))
    assert len(sobol.points) == 8 * (2 + 2)  # SALib Saltelli scheme without second order: N (d + 2)
    morris = load_experiment(write_experiment(tmp_path, '[design]\nkind = "morris"\nn = 3\n[design.parameters]\n'
                                                        'alpha = [0.5, 2.0]\nextraction = [0.1, 0.9]\n', "m.toml"))
    assert len(morris.points) == 3 * (2 + 1)  # r trajectories of d + 1 points
    (tmp_path / "points.csv").write_text("alpha,premise_power\n1.5,true\n0.5,false\n")
    table = load_experiment(write_experiment(tmp_path, '[design]\nkind = "table"\nfile = "points.csv"\n', "t.toml"))
    assert table.points == [{"alpha": 1.5, "premise_power": True}, {"alpha": 0.5, "premise_power": False}]


def test_sobol_sweep_reports_indices(tmp_path):
    pytest.importorskip("SALib")
    path = write_experiment(tmp_path, 'replicates = 1\nsteps = 30\npolicies = ["parent"]\n[set]\nmax_ais = 100\n'
                                      '[design]\nkind = "sobol"\nn = 4\n[design.parameters]\n'
                                      'alpha = [0.5, 2.0]\nhuman_trust = [0.1, 0.9]\n'
                                      '[measures]\nkeep = ["coop_human_human", "ai_power_share"]\nevery = "last"\n')
    out = tmp_path / "sobol"
    assert sweep.run_sweep(path, out, workers=1).done == 16
    from succession_sim.experiments.report import build_report

    report = build_report(out, measure="coop_human_human")
    index = report["tables"]["sensitivity"]
    assert list(index["parameter"]) == ["alpha", "human_trust"]
    assert {"S1", "S1_conf", "ST", "ST_conf"} <= set(index.columns)
    assert (out / "report" / "sobol_coop_human_human.png").is_file()


def test_a_sobol_design_with_the_seed_as_a_factor_shares_seeds_within_a_base_sample(tmp_path):
    """Saltelli's rows per base sample are A, AB_1 .. AB_d, B; with the seed as the last
    factor, A and every AB_j that changes a parameter share A's seed, while AB_seed takes
    B's, so a parameter's indices compare runs with the same random numbers."""
    pytest.importorskip("SALib")
    body = ('replicates = 2\nsteps = 30\npolicies = ["parent"]\n[set]\nmax_ais = 100\n'
            '[design]\nkind = "sobol"\nn = 4\nseed_as_factor = true\n[design.parameters]\n'
            'alpha = [0.5, 2.0]\nhuman_trust = [0.1, 0.9]\n'
            '[measures]\nkeep = ["coop_human_human"]\nevery = "last"\n')
    experiment = load_experiment(write_experiment(tmp_path, body))
    assert experiment.problem["names"] == ["alpha", "human_trust", "seed"]
    assert all(set(point) == {"alpha", "human_trust"} for point in experiment.points)  # the seed is no parameter
    rows = 3 + 2  # A, AB_alpha, AB_human_trust, AB_seed, B
    assert len(experiment.points) == 4 * rows
    seeds = {(spec.point, spec.replicate): spec.seed for spec in experiment.runs()}
    for sample in range(4):
        a, ab_alpha, ab_trust, ab_seed, b = range(sample * rows, (sample + 1) * rows)
        for replicate in range(2):
            assert seeds[a, replicate] == seeds[ab_alpha, replicate] == seeds[ab_trust, replicate]
            assert seeds[ab_seed, replicate] == seeds[b, replicate] != seeds[a, replicate]
        assert seeds[a, 0] != seeds[a, 1]  # replicates of a point still differ
        assert experiment.points[ab_seed] == experiment.points[a]  # AB_seed changes the seed alone
    assert len({seeds[sample * rows, 0] for sample in range(4)}) == 4  # base samples differ
    out = tmp_path / "sobol"
    assert sweep.run_sweep(write_experiment(tmp_path, body), out, workers=1).done == 4 * rows * 2
    frame = final_rows(Store(out).results())
    for sample in range(4):  # A and AB_seed share every parameter: their runs differ by the seed alone
        a, ab_seed = frame[frame["point"] == sample * rows], frame[frame["point"] == sample * rows + 3]
        assert set(a["seed"]).isdisjoint(ab_seed["seed"])
    from succession_sim.experiments.report import build_report

    index = build_report(out, measure="coop_human_human")["tables"]["sensitivity"]
    assert list(index["parameter"]) == ["alpha", "human_trust", "seed"]


@pytest.mark.parametrize("body, message", [
    ('alpha = { low = 0.5, high = 2.0, scale = "log" }', None),
    ('alpha = { low = 0.0, high = 2.0, scale = "log" }', "log scale needs low > 0"),
    ('alpha = { low = 0.5, high = 2.0, scale = "cubic" }', "unknown scale 'cubic'"),
    ('alpha = { low = 0.5, hgh = 2.0 }', "unknown key 'hgh'"),
    ('alpha = { low = 2.0, high = 0.5 }', "low < high"),
])
def test_log_scale_ranges(tmp_path, body, message):
    pytest.importorskip("SALib")
    path = tmp_path / "exp.toml"
    path.write_text(f'[design]\nkind = "sobol"\nn = 8\n[design.parameters]\n{body}\nextraction = [0.1, 0.9]\n')
    if message:
        with pytest.raises(ScenarioError, match=message):
            load_experiment(path)
        return
    e = load_experiment(path)
    assert e.problem["dists"] == ["logunif", "unif"]
    alpha = np.array([p["alpha"] for p in e.points])
    assert ((0.5 <= alpha) & (alpha <= 2.0)).all()


def test_log_scale_in_lhs_and_not_in_morris(tmp_path):
    path = tmp_path / "lhs.toml"
    path.write_text('[design]\nkind = "lhs"\nn = 10\n[design.parameters]\n'
                    'discovery_threshold = { low = 0.1, high = 1000.0, scale = "log" }\n')
    # a Latin hypercube in log10 space: one point in each tenth of [-1, 3]
    strata = sorted(int((np.log10(p["discovery_threshold"]) + 1) / 0.4) for p in load_experiment(path).points)
    assert strata == list(range(10))
    path.write_text('[design]\nkind = "morris"\nn = 3\n[design.parameters]\n'
                    'discovery_threshold = { low = 0.1, high = 1000.0, scale = "log" }\n')
    with pytest.raises(ScenarioError, match="lhs and sobol designs only"):
        load_experiment(path)


@pytest.mark.parametrize("path", sorted((ROOT / "experiments").glob("*.toml")), ids=lambda p: p.stem)
def test_every_shipped_experiment_is_valid(path):
    experiment = load_experiment(path)
    assert experiment.runs() and experiment.title


def test_policy_competition_gives_the_same_numbers_on_one_and_two_workers(tmp_path):
    # imitation, augmentation and the policies' spread draw from each run's own generator
    path = tmp_path / "race.toml"
    path.write_text('title = "race"\nscenario = "race_to_the_bottom"\nreplicates = 2\nseed = 4\nsteps = 60\n'
                    'policies = ["mixed"]\n[set]\naugmentation = 0.3\n[design]\nkind = "grid"\n'
                    '[design.parameters]\nselection_intensity = [0.0, 200.0]\n'
                    '[measures]\nkeep = ["parent_share", "policy_switches", "ai_power_share"]\nevery = 10\n')
    serial = sweep.run_sweep(path, tmp_path / "one", workers=1)
    parallel = sweep.run_sweep(path, tmp_path / "two", workers=2)
    assert serial.done == parallel.done == 4
    one, two = (pd.read_parquet(tmp_path / name / "results.parquet") for name in ("one", "two"))
    pd.testing.assert_frame_equal(one, two)
    assert one["policy_switches"].sum() > 0  # the policies did move
