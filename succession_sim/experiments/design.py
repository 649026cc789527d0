"""Experiment files: a base scenario, a design over its parameters, and what to keep.

An experiment is a TOML file, kept under version control next to its results::

    title = "Parent vs enslaver across extraction and oversight"
    scenario = "baseline"            # a library name or a path to a scenario file
    replicates = 5
    seed = 20251126                  # the root seed
    steps = 100
    policies = ["parent", "enslaver"]   # run at every point, paired on the same seeds

    [set]                            # fixed overrides of the base scenario (optional)
    max_ais = 500

    [design]
    kind = "grid"                    # grid | lhs | sobol | morris | table
    [design.parameters]
    extraction = [0.1, 0.5, 0.9]     # grid: values; lhs/sobol/morris: [low, high]

    [measures]
    keep = ["ai_power_share", "coop_human_ai"]   # or "all" (the default)
    every = 10                       # every k steps (the last step is always kept) or "last"

``lhs`` takes ``n`` points; ``sobol`` takes ``n`` base samples (SALib's Saltelli scheme for
first-order and total indices gives n (d + 2) points for d parameters); ``morris`` takes
``n`` trajectories and ``levels`` (a whole number from 2 to 1000); ``table`` takes ``file``,
a UTF-8 CSV of points (one column per parameter, each named once, and one value per column
in every row; relative to the experiment file).
Every point is validated as a :class:`Scenario` before any run starts. A sweep holds at
most MAX_RUNS (1,000,000) runs: the design's size is counted before any point is built, so
a design too large to run is refused at once, also by ``--dry-run``.

An ``lhs`` or ``sobol`` range can be sampled uniformly on a log scale, for a parameter
whose plausible values span orders of magnitude::

    oversight = { low = 0.2, high = 20.0, scale = "log" }   # log-uniform; low > 0

``[low, high]`` is the same as ``{ low = ..., high = ..., scale = "linear" }``.

A ``sobol`` design can make the run's seed one of its factors, so that chance is measured
like any parameter and the estimators compare runs with the same history::

    [design]
    kind = "sobol"
    seed_as_factor = true

The design then samples one more column, ``seed``, uniform on [0, 1) and named so in the
SALib problem. Saltelli's matrices A and B each get their own seeds; every row AB_j takes
A's seed unless j is the seed. A run's seed comes from ``SeedSequence(root_seed,
spawn_key=(draw, replicate))``, with draw = the column's value times 2**32, instead of
(point, replicate). Each point keeps only its parameters.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..files import is_file, read_text, shown
from ..metrics import MODEL_REPORTERS
from ..scenario import (POLICIES, Scenario, ScenarioError, did_you_mean, load_scenario, parameter_specs,
                        scenario_parameters)
from .store import run_id

__all__ = ["Experiment", "RunSpec", "load_experiment", "DESIGNS", "MAX_RUNS", "MAX_LEVELS"]

DESIGNS = ("grid", "lhs", "sobol", "morris", "table")
_TOP_LEVEL = ("title", "description", "scenario", "replicates", "seed", "steps", "policies", "set", "design",
              "measures")
_DESIGN_KEYS = ("kind", "parameters", "n", "levels", "file", "seed_as_factor")
#: The column a ``seed_as_factor`` design adds to its SALib problem.
SEED_FACTOR = "seed"
_RANGE_KEYS = ("low", "high", "scale")
SCALES = ("linear", "log")
_MEASURES_KEYS = ("keep", "every")
#: Most runs one sweep may hold (points x replicates x policies).
MAX_RUNS = 1_000_000
#: Most levels of a morris design's grid.
MAX_LEVELS = 1000


@dataclass(frozen=True)
class RunSpec:
    """One run of a sweep: a design point, a replicate and a policy, with its seed."""

    run_id: str
    point: int
    replicate: int
    policy: str
    seed: int
    seed_entropy: int
    seed_spawn_key: tuple[int, int]


@dataclass
class Experiment:
    """A parsed, validated experiment file."""

    path: Path
    text: str
    title: str
    scenario: str
    base: dict[str, Any]
    design_kind: str
    points: list[dict[str, Any]]
    replicates: int
    seed: int
    steps: int
    policies: list[str]
    keep: list[str]
    every: int | None  # None: last step only
    problem: dict[str, Any] | None = field(default=None)  # SALib problem for sobol/morris
    seed_draws: list[int] | None = field(default=None)  # per point, with seed_as_factor
    #: The files the experiment reads besides itself: "scenario" (a scenario file, not a
    #: library name) and "table" (a table design's CSV), where they were read from.
    inputs: dict[str, Path] = field(default_factory=dict)

    @property
    def run_count(self) -> int:
        """How many runs the sweep holds (counted, not built)."""
        return len(self.points) * self.replicates * len(self.policies)

    @property
    def swept(self) -> list[str]:
        """Names of the parameters the design varies."""
        return list(self.points[0]) if self.points else []

    def scenario_for(self, spec: RunSpec) -> Scenario:
        return load_scenario(
            self.scenario, **{**self.base, **self.points[spec.point], "policy": spec.policy, "seed": spec.seed,
                              "steps": self.steps}
        )

    def runs(self) -> list[RunSpec]:
        """Every run, in a stable order; the seed depends on (point, replicate) only, so
        policies at the same point and replicate share it (common random numbers). With
        ``seed_draws``, on (the point's draw, replicate): points that share a draw share
        their seeds."""
        specs = []
        for point, replicate in itertools.product(range(len(self.points)), range(self.replicates)):
            key = (point if self.seed_draws is None else self.seed_draws[point], replicate)
            seq = np.random.SeedSequence(self.seed, spawn_key=key)
            seed = int(seq.generate_state(1, np.uint64)[0] >> np.uint64(1))
            for policy in self.policies:
                specs.append(RunSpec(run_id(point, replicate, policy), point, replicate, policy,
                                     seed, self.seed, key))
        return specs


def _fail(path: Path, message: str) -> None:
    raise ScenarioError(f"{path}: {message}")


def load_experiment(path: str | Path, inputs: dict[str, Path] | None = None) -> Experiment:
    """Parse and validate an experiment file; raises ScenarioError on any problem.

    ``inputs`` reads the scenario file or the table CSV from elsewhere than the file names
    (a sweep's stored copies: ``{"scenario": ..., "table": ...}``).
    """
    path = Path(path)
    inputs = dict(inputs or {})
    text = read_text(path, "experiment file", ScenarioError)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path}: not valid TOML ({exc})") from None
    _check_keys(path, data, _TOP_LEVEL, "")
    for key in ("title", "description", "scenario"):
        if key in data and not isinstance(data[key], str):
            _fail(path, f"{key!r} must be a string, got {data[key]!r}")
    scenario_name = data.get("scenario", "baseline")
    if is_file(path.parent / scenario_name):
        scenario_name = str(path.parent / scenario_name)
    if scenario_name.endswith(".toml") or is_file(scenario_name):  # a file, as load_scenario tells them apart
        scenario_name = str(inputs.setdefault("scenario", Path(scenario_name)))
    base = _fixed_overrides(path, data)
    replicates = _positive_int(path, data, "replicates", 1, maximum=MAX_RUNS)
    seed = _positive_int(path, data, "seed", 0, minimum=0)
    try:
        default_steps = load_scenario(scenario_name, **base).steps
    except ScenarioError as exc:
        _fail(path, str(exc))
    steps = _positive_int(path, data, "steps", default_steps)
    policies = _policies(path, data)
    design = _table(path, data, "design", default={"kind": "grid", "parameters": {}})
    _check_keys(path, design, _DESIGN_KEYS, "design")
    kind = design.get("kind")
    if kind not in DESIGNS:
        _fail(path, f"unknown design kind {kind!r}; choose one of {', '.join(DESIGNS)}")
    if kind == "table":
        inputs.setdefault("table", table_file(path, design))
    points, problem, seed_draws = _points(path, kind, design, seed, replicates * len(policies), inputs.get("table"))
    measures = _table(path, data, "measures")
    _check_keys(path, measures, _MEASURES_KEYS, "measures")
    keep, every = _measures(path, measures)

    experiment = Experiment(path, text, data.get("title", path.stem), scenario_name, base, kind, points,
                            replicates, seed, steps, policies, keep, every, problem, seed_draws,
                            {k: v for k, v in inputs.items() if k in ("scenario", "table")})
    file_parameters = scenario_parameters(scenario_name)  # read once: a design may have thousands of points
    for index, point in enumerate(points):  # fail before any run, naming the point
        try:
            Scenario.from_dict({**file_parameters, **base, **point, "steps": steps})
        except ScenarioError as exc:
            _fail(path, f"design point {index} {point}: {exc}")
    return experiment


def _table(path, data, key, default=None, name=None) -> dict:
    """The table ``key`` of ``data`` (empty or ``default`` if absent); fails on anything else.

    ``name`` is the table's full name in the file, e.g. ``design.parameters``.
    """
    value = data.get(key, {} if default is None else default)
    if not isinstance(value, dict):
        name = name or key
        _fail(path, f"{name!r} must be a table ([{name}] with one name = value per line), got {value!r}")
    return dict(value)


def _check_keys(path, table, allowed, where: str) -> None:
    """Refuse a key that is not in ``allowed``, naming the table and the closest allowed key."""
    for key in table:
        if key in allowed:
            continue
        place = f"in [{where}] " if where else ""
        if not where and key in _specs_by_name():
            _fail(path, f"top-level key {key!r} is a parameter: put it under [set] (fixed) "
                        "or [design.parameters] (swept)")
        _fail(path, f"unknown key {key!r} {place}(allowed: {', '.join(allowed)}){did_you_mean(key, allowed)}")


def _fixed_overrides(path, data) -> dict[str, Any]:
    """The [set] table: parameter names checked here, values with the base scenario."""
    base = _table(path, data, "set")
    for name in base:
        if name not in _specs_by_name():
            _fail(path, f"unknown parameter {name!r} in [set]{did_you_mean(name, _specs_by_name())}")
    return base


def _policies(path, data) -> list[str]:
    policies = data.get("policies", ["parent", "enslaver"])
    if isinstance(policies, str):
        policies = [policies]
    if (not isinstance(policies, list) or not policies or any(p not in POLICIES for p in policies)
            or len(set(policies)) != len(policies)):
        _fail(path, f"policies={policies!r}: give distinct values from {', '.join(POLICIES)}")
    return list(policies)


def _positive_int(path, data, key, default, minimum=1, maximum=2**63 - 1) -> int:
    value = data.get(key, default)
    if type(value) is not int or not minimum <= value <= maximum:
        _fail(path, f"{key}={value!r} must be an integer from {minimum} to {maximum}")
    return value


def _measures(path, measures) -> tuple[list[str], int | None]:
    keep = measures.get("keep", "all")
    if keep == "all":
        keep = list(MODEL_REPORTERS)
    if not isinstance(keep, list) or not all(isinstance(m, str) for m in keep):
        _fail(path, f"measures.keep={keep!r} must be \"all\" or a list of measure names")
    unknown = [m for m in keep if m not in MODEL_REPORTERS]
    if unknown:
        _fail(path, f"unknown measure(s) {', '.join(unknown)}; known: {', '.join(MODEL_REPORTERS)}")
    every = measures.get("every", 1)
    if every == "last":
        return list(keep), None
    if type(every) is not int or every < 1:
        _fail(path, f"measures.every={every!r} must be a whole number >= 1 or \"last\"")
    return list(keep), every


def _specs_by_name() -> dict[str, dict]:
    return {s["name"]: s for s in parameter_specs()}


def _check_names(path, names) -> dict[str, dict]:
    specs = _specs_by_name()
    for name in names:
        if name not in specs:
            _fail(path, f"unknown parameter {name!r} in [design.parameters]{did_you_mean(name, specs)}")
        if name in ("seed", "policy", "steps"):
            _fail(path, f"{name!r} is set by the experiment itself, not by the design")
    return specs


def _check_size(path, points: int, runs_per_point: int) -> None:
    """Refuse a design of more than MAX_RUNS runs, from its counted size, before it is built."""
    if points * runs_per_point > MAX_RUNS:
        _fail(path, f"the design has {points:,} points x {runs_per_point:,} runs per point (replicates x policies) "
                    f"= {points * runs_per_point:,} runs; a sweep may have at most {MAX_RUNS:,}")


def _points(path, kind, design, seed, runs_per_point, table=None) -> tuple[list[dict], dict | None, list[int] | None]:
    """The design's points, its SALib problem (sobol, morris) and its seed draws (with
    ``seed_as_factor``, else None); its size is checked before they are built."""
    parameters = _table(path, design, "parameters", name="design.parameters")
    specs = _check_names(path, parameters)
    seed_as_factor = design.get("seed_as_factor", False)
    if not isinstance(seed_as_factor, bool):
        _fail(path, f"design.seed_as_factor={seed_as_factor!r} must be true or false")
    if seed_as_factor and kind != "sobol":
        _fail(path, f"seed_as_factor is for sobol designs; this design is {kind!r}")
    if kind == "grid":
        for name, values in parameters.items():
            if not isinstance(values, list) or not values:
                _fail(path, f"grid parameter {name!r} needs a non-empty list of values")
        _check_size(path, math.prod(len(values) for values in parameters.values()), runs_per_point)
        names = list(parameters)
        return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*parameters.values())], None, None
    if kind == "table":
        return _table_points(path, table, specs, runs_per_point), None, None

    bounds, scales = [], []
    for name, value in parameters.items():
        low_high, scale = _range(path, kind, name, value)
        if specs[name]["type"] not in (int, float):
            _fail(path, f"{kind} can only vary numeric parameters; {name!r} is {specs[name]['type'].__name__}")
        bounds.append(low_high)
        scales.append(scale)
    if not bounds:
        _fail(path, f"a {kind} design needs at least one parameter range")
    n = design.get("n")
    if type(n) is not int or n < 1:
        _fail(path, f"{kind} design needs n, a whole number >= 1")
    levels = design.get("levels", 4)
    if kind == "morris" and (type(levels) is not int or not 2 <= levels <= MAX_LEVELS):
        _fail(path, f"design.levels={levels!r} must be a whole number from 2 to {MAX_LEVELS}")
    factors = len(bounds) + seed_as_factor
    # Saltelli's scheme without second order: n (d + 2) rows; Morris: n trajectories of d + 1
    _check_size(path, n * {"lhs": 1, "sobol": factors + 2, "morris": factors + 1}[kind], runs_per_point)
    names = list(parameters)
    if seed_as_factor:
        names.append(SEED_FACTOR)
        bounds.append([0.0, 1.0])
        scales.append("linear")
    problem = {"num_vars": len(bounds), "names": names, "bounds": bounds}
    if "log" in scales:  # SALib's name for a distribution uniform on the log scale
        problem["dists"] = ["logunif" if scale == "log" else "unif" for scale in scales]
    if kind == "lhs":
        from scipy.stats import qmc

        unit = qmc.LatinHypercube(d=len(bounds), seed=np.random.default_rng(seed)).random(n)
        log = np.array([scale == "log" for scale in scales])
        ends = np.array(bounds)
        ends[log] = np.log(ends[log])
        rows = qmc.scale(unit, ends[:, 0], ends[:, 1])
        rows[:, log] = np.exp(rows[:, log])
    else:
        rows = _salib_sample(path, kind, problem, n, design, seed)
    draws = None
    if seed_as_factor:
        draws = [int(u * 2**32) for u in rows[:, -1]]
        rows = rows[:, :-1]
    return [_typed_point(list(parameters), row, specs) for row in rows], problem, draws


def _range(path, kind, name, value) -> tuple[list[float], str]:
    """A swept parameter's [low, high] and scale, from ``[low, high]`` or ``{low, high, scale}``."""
    scale = "linear"
    if isinstance(value, dict):
        _check_keys(path, value, _RANGE_KEYS, f"design.parameters.{name}")
        scale = value.get("scale", "linear")
        if scale not in SCALES:
            _fail(path, f"{kind} parameter {name!r}: unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
        value = [value.get("low"), value.get("high")]
    if not (isinstance(value, list) and len(value) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value) and value[0] < value[1]):
        _fail(path, f"{kind} parameter {name!r} needs a range [low, high] with low < high, got {value!r}")
    if scale == "log" and kind not in ("lhs", "sobol"):
        _fail(path, f"{kind} parameter {name!r}: a log scale is available for lhs and sobol designs only")
    if scale == "log" and value[0] <= 0:
        _fail(path, f"{kind} parameter {name!r}: a log scale needs low > 0, got {value[0]!r}")
    return [float(v) for v in value], scale


def _salib_sample(path, kind, problem, n, design, seed) -> np.ndarray:
    try:
        from SALib.sample import morris, sobol
    except ImportError:
        _fail(path, f"the {kind} design needs SALib: install the extra, pip install 'succession-sim[sa]'")
    if kind == "sobol":
        return sobol.sample(problem, n, calc_second_order=False, seed=seed)
    return morris.sample(problem, n, num_levels=design.get("levels", 4), seed=seed)


def _typed_point(names, row, specs) -> dict[str, Any]:
    return {name: (int(round(v)) if specs[name]["type"] is int else float(v))
            for name, v in zip(names, row, strict=True)}


def table_file(path: Path, design: dict) -> Path:
    """The CSV a ``table`` design names, relative to the experiment file."""
    file = design.get("file")
    if not isinstance(file, str) or not file:
        _fail(path, f"a table design needs file = \"points.csv\" (a file name), got {file!r}")
    return path.parent / file


def _table_points(path, table: Path, specs, runs_per_point) -> list[dict]:
    try:
        lines = list(csv.reader(io.StringIO(read_text(table, "table file", ScenarioError), newline="")))
    except csv.Error as exc:
        _fail(path, f"table file {shown(table)} is not a CSV file ({exc})")
    header = lines[0] if lines else []
    numbered = [(number, row) for number, row in enumerate(lines[1:], start=2) if row]  # blank lines skipped
    rows = [row for _, row in numbered]
    if not rows:
        _fail(path, f"table file {shown(table)} has no points")
    twice = sorted({name for name in header if header.count(name) > 1})
    if twice:
        _fail(path, f"table file {shown(table)}: column {twice[0]!r} appears more than once; name each column once")
    for number, row in numbered:
        if len(row) != len(header):
            _fail(path, f"table file {shown(table)}: line {number} has {len(row)} values, the header "
                        f"has {len(header)} columns")
    _check_names(path, header)
    _check_size(path, len(rows), runs_per_point)
    from ..scenario import parse_value

    try:
        return [{name: parse_value(name, text) for name, text in zip(header, row, strict=True)} for row in rows]
    except ScenarioError as exc:
        _fail(path, f"{table.name}: {exc}")
