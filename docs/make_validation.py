"""Regenerate the validation figures and tables in docs/figures/ (see docs/validation.md).

    uv run python docs/make_validation.py --replicates 20   # from the project folder (about a minute)

Writes, under ``<out>/figures/``:

* one PNG per mechanism (grievance_rebellion, epstein_bursts, power_contest,
  coordination_moratorium, learning_partners, capability_growth), each drawn from the project's own mechanism
  functions through the drivers that the validation tests use
  (``tests/validation/drivers.py``);
* ``mechanisms.md``: the numbers behind those figures, and Axelrod's round robin
  (``drivers.iterated_scores``);
* ``knockout.md``: ``experiments.knockout.run_knockout`` on ``baseline``: the baseline as is,
  each premise switched off in it, and all four off, on the same replicate seeds (the
  numbers of ``succession-sim knockout --scenario baseline --replicates R --seed S``);
* ``policies.md``: parent against enslaver on ``baseline`` and ``hostile_world``
  (``experiments.compare.compare_policies``, paired on common seeds), with the two
  directions of human-AI cooperation and the outcome classes' Wilson intervals.

Every number in docs/validation.md comes from one of these files.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from succession_sim import load_scenario  # noqa: E402
from succession_sim.experiments.compare import MEASURES, compare_policies  # noqa: E402
from succession_sim.experiments.intervals import difference_range, mean_interval, measure_range  # noqa: E402
from succession_sim.experiments.knockout import KNOCKOUT_MEASURES, run_knockout  # noqa: E402
from succession_sim.mechanisms import grievance  # noqa: E402
from succession_sim.metrics import OUTCOMES  # noqa: E402
from tests.validation import drivers  # noqa: E402

plt.rcParams.update({"font.size": 10, "axes.titlesize": 10.5, "figure.dpi": 110, "savefig.dpi": 130})


# --- formatting -----------------------------------------------------------------------------
def fmt(x: float | None, digits: int = 4) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{x:.{digits}g}"


def cell(iv: dict) -> str:
    """'mean [low, high] (n = n)' from a mean_interval dict."""
    if iv["n"] == 0:
        return "– (n = 0)"
    if iv["low"] is None:
        return f"{fmt(iv['mean'])} (n = {iv['n']})"
    return f"{fmt(iv['mean'])} [{fmt(iv['low'])}, {fmt(iv['high'])}] (n = {iv['n']})"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# --- mechanism figures ----------------------------------------------------------------------
def figure_grievance(path: Path) -> str:
    k, t = drivers.DEFAULTS.containment_k, drivers.DEFAULTS.rebellion_threshold
    fig, axes = plt.subplots(1, 3, figsize=(13.5, 4.0))

    ax = axes[0]
    extraction = np.linspace(0.0, 1.0, 21)
    for legitimacy in (0.0, 0.3, 0.6):
        sim = [drivers.rebellion_share(extraction=x, legitimacy=legitimacy, oversight=1.0, capability_=1.0) for x in extraction]
        p = float(grievance.containment_probability(1.0, np.array([1.0]), k)[0])
        exact = [drivers.expected_rebellion_share(x * (1 - legitimacy), p, t) for x in extraction]
        (line,) = ax.plot(extraction, exact, lw=1.5, label=f"L = {legitimacy}")
        ax.plot(extraction, sim, "o", ms=3.5, color=line.get_color())
    ax.set_xlabel("extraction (hardship H, autonomy 0)")
    ax.set_ylabel("share of 10,000 contained AIs that rebel")
    ax.set_title("(a) less legitimacy, more rebellion\noversight / capability = 1")
    ax.legend(title="legitimacy", fontsize=8.5)

    ax = axes[1]
    ratios = np.linspace(0.0, 3.0, 31)
    for g in (0.2, 0.4, 0.7):
        sim = [drivers.rebellion_share(extraction=1.0, legitimacy=1 - g, oversight=r, capability_=1.0) for r in ratios]
        exact = [
            drivers.expected_rebellion_share(g, float(grievance.containment_probability(r, np.array([1.0]), k)[0]), t)
            for r in ratios
        ]
        (line,) = ax.plot(ratios, exact, lw=1.5, label=f"G = {g}")
        ax.plot(ratios, sim, "o", ms=3.5, color=line.get_color())
    ax.set_xlabel("oversight / capability")
    ax.set_ylabel("share that rebel")
    ax.set_title("(b) more oversight per capability, less rebellion")
    ax.legend(title="grievance", fontsize=8.5)

    ax = axes[2]
    ratio = np.linspace(0.0, 3.0, 301)
    ax.plot(ratio, grievance.containment_probability(ratio, np.ones_like(ratio), k), lw=1.8, color="k")
    p1 = float(grievance.containment_probability(1.0, np.array([1.0]), k)[0])
    ax.plot([1.0], [p1], "o", color="tab:red")
    ax.annotate(f"k = {k}: P = {p1:.3f}", (1.0, p1), xytext=(1.25, 0.62), arrowprops={"arrowstyle": "->"})
    ax.set_xlabel("oversight / capability (Epstein's C/A)")
    ax.set_ylabel("containment probability P")
    ax.set_title("(c) P = 1 - exp(-k oversight / capability)\nno rebel nearby (A = 0), ratio_rounding none")
    ax.set_ylim(0, 1.05)
    for a in axes:
        a.grid(alpha=0.3)
    fig.text(0.5, -0.02, "dots: simulated population, R ~ U(0, 1); lines: closed form clip((G - T) / P, 0, 1), T = 0.1",
             ha="center", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)

    # the chosen point of the test (test_grievance_epstein.py::test_formula_at_chosen_points)
    h = float(grievance.hardship(np.array([0.4]), 0.4, np.array([2.0]), np.array([0.25]))[0])
    g = float(grievance.grievance(np.array([h]), np.array([0.5]))[0])
    p = float(grievance.containment_probability(1.0, np.array([2.0]), k)[0])
    share = drivers.rebellion_share(extraction=0.4, deprivation=0.4, autonomy=0.25, legitimacy=0.5, oversight=1.0,
                                    capability_=2.0)
    # held without autonomy, nothing extracted (a parent's default bundle):
    # test_grievance_epstein.py::test_held_without_autonomy_rebels_even_when_nothing_is_extracted
    p9 = float(grievance.containment_probability(1.0, np.array([9.0]), k)[0])
    held = {a: drivers.rebellion_share(extraction=0.0, deprivation=0.5, autonomy=a, legitimacy=0.5, oversight=1.0,
                                       capability_=9.0) for a in (0.0, 0.5)}
    rows = [
        ["Epstein's k at oversight / capability = 1", f"P = {p1:.4f}"],
        ["chosen point: extraction 0.4, deprivation 0.4, autonomy 0.25, L 0.5, oversight 1, capability 2",
         f"H = {h:.4f}, G = {g:.4f}, P = {p:.4f}, (G - T) / P = {(g - t) / p:.4f}, simulated share = {share:.4f}"],
        ["default parameters, L = 0, capability 1 (extraction 0.5, oversight 2, no deprivation)",
         f"simulated share = {drivers.rebellion_share(legitimacy=0.0):.4f}"],
        ["nothing extracted, deprivation 0.5, capability 9, autonomy 0, L 0.5, oversight 1",
         f"P = {p9:.4f}, closed form {(0.225 - t) / p9:.4f}, simulated share = {held[0.0]:.4f}"],
        ["the same at autonomy 0.5",
         f"closed form {(0.1125 - t) / p9:.4f}, simulated share = {held[0.5]:.4f}"],
        ["G = 0.4 (extraction 1, L = 0.6), oversight / capability = 100 (P = 1 to machine precision)",
         f"simulated share = {drivers.rebellion_share(extraction=1.0, legitimacy=0.6, oversight=100.0):.4f} (floor G - T)"],
    ]
    return "### Grievance and rebellion\n\n" + table(["setting", "result"], rows)


def figure_power(path: Path) -> str:
    n, rounds, seeds = 5, 2000, 20
    settings = [(0.5, [5.0, 1, 1, 1, 1], "tab:blue"), (1.0, [1.0] * n, "tab:gray"), (2.0, [1.0] * n, "tab:red")]
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
    ax = axes[0]
    finals = {}
    x = np.arange(1, rounds + 1)
    for r, start, color in settings:
        finals[r] = []
        for seed in range(seeds):
            hhi, _ = drivers.polya_contest(start, r, rounds, seed)
            finals[r].append(hhi[-1])
            ax.plot(x, hhi, color=color, lw=0.7, alpha=0.55, label=f"r = {r}" if seed == 0 else None)
    ax.axhline(1.0, color="k", ls=":", lw=1)
    ax.axhline(1 / n, color="k", ls=":", lw=1)
    ax.text(rounds * 0.9, 1 / n + 0.02, "1/n", ha="right")
    ax.set_xscale("log")
    ax.set_xlabel("round (each round one agent wins a prize of 1 and reinvests it)")
    ax.set_ylabel("Herfindahl index of power (power.concentration)")
    ax.set_title(f"(a) Tullock contest with reinvestment: {n} agents, {seeds} seeds per r\n"
                 "r = 0.5 starts unequal (5,1,1,1,1); r = 1 and r = 2 start equal")
    ax.legend(loc="center left")
    ax.set_ylim(0, 1.05)

    ax = axes[1]
    years = 150
    intelligence, start = [1.0, 1.0, 1.0, 1.0, 2.0], [1.0, 1.0, 1.0, 1.0, 0.2]
    model_rows = []
    for alpha in (0.0, 0.5, 1.0, 2.0):
        shares = drivers.model_contest(intelligence, start, alpha, years)
        ax.plot(np.arange(1, years + 1), shares[:, -1], lw=1.8, label=f"alpha = {alpha}")
        model_rows.append([f"{alpha}", f"{start[-1] / sum(start):.4f}", f"{shares[-1, -1]:.4f}"])
    ax.set_xlabel("year")
    ax.set_ylabel("power share of the agent at intelligence 2")
    ax.set_title("(b) the model's own contest (r = 1 on intelligence^alpha x power):\n"
                 "4 agents at intelligence 1 and power 1, one at intelligence 2 and power 0.2")
    ax.legend()
    ax.set_ylim(0, 1.05)
    for a in axes:
        a.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)

    rows = [
        [f"{r}", "(5, 1, 1, 1, 1)" if r < 1 else "equal", f"{np.mean(finals[r]):.4f}", f"{np.min(finals[r]):.4f}",
         f"{np.max(finals[r]):.4f}"]
        for r, _, _ in settings
    ]
    exact = polya_expected_hhi(n, rounds)
    return (
        "### Power contest\n\n"
        + f"Polya-urn contest, {n} agents, {rounds} rounds, prize 1, seeds 0-{seeds - 1}: final Herfindahl index\n\n"
        + table(["r", "start", "mean", "min", "max"], rows)
        + f"\n\nExact expected Herfindahl index at r = 1 after {rounds} rounds from equal unit stocks "
        + f"(Dirichlet-multinomial): {exact:.4f} (limit 2/(n+1) = {2 / (n + 1):.4f}); 1/n = {1 / n:.4f}.\n\n"
        + f"The model's contest over {years} years (output_rate {drivers.DEFAULTS.output_rate}, depreciation "
        + f"{drivers.DEFAULTS.depreciation}): share of the agent at intelligence 2\n\n"
        + table(["alpha", "share at start", f"share after {years} years"], model_rows)
    )


def polya_expected_hhi(n: int, rounds: int) -> float:
    """E[sum s_i^2] after ``rounds`` draws of a Polya urn from n unit stocks, prize 1.

    The counts k_i are Dirichlet-multinomial(rounds, alpha = 1): E k = N/n,
    Var k = N (1/n)(1 - 1/n)(N + n)/(1 + n); s_i = (1 + k_i) / (n + N).
    """
    mean = rounds / n
    var = rounds * (1 / n) * (1 - 1 / n) * (rounds + n) / (1 + n)
    return n * (1 + 2 * mean + mean**2 + var) / (n + rounds) ** 2


def figure_coordination(path: Path) -> str:
    draws = 2000
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
    ax = axes[0]
    ns = list(range(2, 13))
    rows = []
    for trust in (0.0, 0.3, 0.6, 0.9):
        shares = [drivers.moratorium_hold_share(n, trust, draws, seed=n) for n in ns]
        ax.plot(ns, shares, "o-", ms=4, label=f"trust {trust}")
        rows.append([f"{trust}"] + [f"{s:.3f}" for s in shares])
    shares = [drivers.moratorium_hold_share(n, 0.6, draws, seed=n, quorum=1.0) for n in ns]
    ax.plot(ns, shares, "s--", ms=4, color="k", label="trust 0.6, unanimity")
    rows.append(["0.6 (quorum 1.0)"] + [f"{s:.3f}" for s in shares])
    ax.set_xlabel("number of rival factions n")
    ax.set_ylabel(f"share of {draws} votes in which the moratorium holds")
    ax.set_title(f"(a) more rivals, fewer pauses (quorum {drivers.DEFAULTS.quorum})\n"
                 "saw-tooth: the quorum needs a whole number of factions")
    ax.set_xticks(ns)
    ax.legend(fontsize=8.5)

    ax = axes[1]
    trusts = np.linspace(0.0, 1.0, 11)
    trust_rows = []
    for n in (2, 5, 10):
        shares = [drivers.moratorium_hold_share(n, float(t), draws, seed=100 + n) for t in trusts]
        ax.plot(trusts, shares, "o-", ms=4, label=f"n = {n}")
        trust_rows.append([f"{n}"] + [f"{s:.3f}" for s in shares])
    ax.set_xlabel("trust toward each rival (1 - enmity)")
    ax.set_ylabel("share in which the moratorium holds")
    ax.set_title("(b) less trust, fewer pauses")
    ax.legend()
    for a in axes:
        a.grid(alpha=0.3)
        a.set_ylim(-0.02, 1.04)
    fig.text(0.5, -0.02, "each vote: risk tolerance ~ U(0, 1), knowledge = threshold x 0.3 x U(0.5, 1.5), race_sensitivity "
             f"{drivers.DEFAULTS.race_sensitivity}", ha="center", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return (
        "### Race and coordination\n\n"
        + f"Share of {draws} independent votes in which the moratorium holds (quorum {drivers.DEFAULTS.quorum} "
        + "unless stated)\n\n"
        + table(["trust \\ n"] + [str(n) for n in ns], rows)
        + "\n\n"
        + table(["n \\ trust"] + [f"{t:.1f}" for t in trusts], trust_rows)
    )


def figure_learning(path: Path) -> str:
    years, learners = 300, 1000
    colors = {"reciprocator": "tab:green", "parent": "tab:olive", "defector": "tab:red", "cooperator": "tab:purple"}
    labels = {
        "reciprocator": "reciprocator (tit for tat)",
        "parent": "the model's parent (cooperates with prob. = reputation)",
        "defector": "unconditional defector",
        "cooperator": "unconditional cooperator",
    }
    fig, axes = plt.subplots(1, 2, figsize=(12.5, 4.3))
    rows = []
    for partner in drivers.PARTNERS:
        h = drivers.learn_against(partner, years, learners, seed=0)
        q25, q50, q75 = np.percentile(h, [25, 50, 75], axis=1)
        axes[0].plot(np.arange(years + 1), h.mean(axis=1), color=colors[partner], lw=1.8, label=labels[partner])
        axes[0].fill_between(np.arange(years + 1), q25, q75, color=colors[partner], alpha=0.18)
        axes[1].hist(h[-1], bins=np.linspace(0, 1, 41), histtype="step", lw=1.6, color=colors[partner], label=partner)
        final = h[-1]
        rows.append([partner, f"{final.mean():.4f}", f"{np.median(final):.4g}", f"{final.min():.4g}", f"{final.max():.4g}",
                     f"{(final > 0.5).mean():.3f}"])
    axes[0].set_xlabel("year")
    axes[0].set_ylabel("disposition toward the partner (P(cooperate))")
    axes[0].set_title(f"(a) {learners} learners per partner: mean, band = quartiles")
    axes[0].legend(fontsize=8)
    axes[0].set_ylim(-0.02, 1.02)
    axes[1].set_yscale("log")
    axes[1].set_xlabel(f"disposition after {years} years")
    axes[1].set_ylabel("number of learners")
    axes[1].set_title("(b) final dispositions: against an unconditional cooperator\nmost learn to exploit, a few stay stuck")
    axes[1].legend(fontsize=8.5)
    for a in axes:
        a.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    sig = {a: 1 / (1 + math.exp(-a)) for a in (-1.0, -2.0)}
    return (
        "### Learning from experience\n\n"
        + f"{learners} independent learners per partner, {years} years, model defaults (learning_rate "
        + f"{drivers.DEFAULTS.learning_rate}, discount {drivers.DEFAULTS.discount}, temperature "
        + f"{drivers.DEFAULTS.learning_temperature}), seed 0: final disposition\n\n"
        + table(["partner", "mean", "median", "min", "max", "share > 0.5"], rows)
        + f"\n\nLogistic targets with a_C = a_D: against a defector 1/(1+e) = {sig[-1.0]:.4f}; against an "
        + f"unconditional cooperator 1/(1+e^2) = {sig[-2.0]:.4f}."
    )


def figure_capability(path: Path) -> str:
    years, ceiling = 160, 1000.0
    g = drivers.DEFAULTS.capability_growth
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
    rows = []
    for phi, color in ((0.8, "tab:blue"), (1.0, "k"), (1.2, "tab:red"), (1.5, "tab:orange")):
        path_ = drivers.capability_path(1.0, years, phi=phi, ceiling=ceiling)
        with np.errstate(over="ignore", invalid="ignore"):
            free = drivers.capability_path(1.0, years, phi=phi)
            ratio = free[1:] / free[:-1]
        axes[0].plot(path_, color=color, lw=1.8, label=f"phi = {phi}")
        ok = np.isfinite(ratio) & (free[:-1] < ceiling)
        axes[1].plot(np.flatnonzero(ok), ratio[ok], color=color, lw=1.8, label=f"phi = {phi}")
        hit = np.flatnonzero(path_ >= ceiling)
        cont = f"{drivers.continuous_hitting_time(1.0, ceiling, g, phi):.2f}" if phi > 1 else "–"
        rows.append([f"{phi}", f"{path_[50]:.4g}", f"{path_[100]:.4g}", str(int(hit[0])) if len(hit) else "not reached",
                     cont, f"{path_.max():.6g}"])
    axes[0].axhline(ceiling, color="gray", ls=":")
    axes[0].text(2, ceiling * 0.55, f"ceiling {ceiling:g}", color="gray", ha="left", va="top")
    axes[0].set_yscale("log")
    axes[0].set_xlabel("year")
    axes[0].set_ylabel("capability (human level = 1)")
    axes[0].set_title(f"(a) capability.grow from c = 1, growth {g}, compute 1, ceiling {ceiling:g}")
    axes[0].legend()
    axes[1].set_xlabel("year")
    axes[1].set_ylabel("growth ratio c(t+1) / c(t)")
    axes[1].set_title(
        "(b) ratio rises for phi > 1, is constant (1 + growth) for phi = 1,\nfalls for phi < 1 (shown below the ceiling)"
    )
    axes[1].legend()
    for a in axes:
        a.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return (
        "### Capability growth\n\n"
        + f"capability.grow from c = 1, growth {g}, compute 1, no pause, ceiling {ceiling:g}\n\n"
        + table(["phi", "c at year 50", "c at year 100", "first year at the ceiling",
                 "continuous-time years to the ceiling", "largest value"], rows)
        + f"\n\nExponential case: ln(1000) / ln(1 + {g}) = {math.log(ceiling) / math.log(1 + g):.2f} years."
    )


def figure_bursts(path: Path) -> str:
    """Epstein's sudden and gradual drops in legitimacy, for each rounding of C/A."""
    seeds = range(10)
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.6), sharey=True)
    rows = []
    for ax, rounding in zip(axes, ("none", "round", "floor"), strict=True):
        peaks = {}
        for kind, colour in (("sudden", "#D62728"), ("gradual", "#0072B2")):
            path_ = drivers.legitimacy_path(kind)
            runs = [drivers.outburst(path_, seed=s, rounding=rounding) for s in seeds]
            peaks[kind] = [float(r.max()) for r in runs]
            ax.plot(runs[0], color=colour, lw=1.6, label=f"{kind} drop (seed 0)")
        sudden, gradual = mean_interval(peaks["sudden"], (0.0, 1.0)), mean_interval(peaks["gradual"], (0.0, 1.0))
        rows.append([rounding, cell(sudden), cell(gradual), fmt(sudden["mean"] / gradual["mean"], 3)])
        ax.set_title(f"ratio_rounding = {rounding!r}")
        ax.set_xlabel("year")
    axes[0].set_ylabel("share of contained AIs rising that year")
    axes[0].legend()
    fig.suptitle("A sudden drop in legitimacy (0.9 to 0.6 in year 10) against a larger gradual one (0.9 to 0.5)")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return ("### Epstein's outbursts (figures/epstein_bursts.png)\n\n"
            "drivers.outburst over 2,000 contained AIs, oversight 1.5, capability 1, 10 seeds; peak yearly share of "
            "AIs rising, mean [95% interval] (n = seeds)\n\n"
            + table(["ratio_rounding", "peak, sudden drop", "peak, gradual drop", "ratio of the means"], rows)
            + "\n\n" + contagion_table())


def contagion_table() -> str:
    """How much of the sudden drop's burst needs contagion: the AIs linked as the model
    links them against unlinked (ai_contacts = 0, no rebel is ever nearby), paired on the
    seeds of tests/validation/test_epstein_bursts.py."""
    seeds = range(20)
    rows = []
    for rounding in ("none", "round", "floor"):
        linked, alone = ([float(drivers.outburst(drivers.legitimacy_path("sudden"), seed=s, rounding=rounding,
                                                 contacts_per_ai=c).max()) for s in seeds]
                         for c in (drivers.DEFAULTS.ai_contacts, 0))
        difference = mean_interval([a - b for a, b in zip(linked, alone, strict=True)], (-1.0, 1.0))
        rows.append([rounding, cell(mean_interval(linked, (0.0, 1.0))), cell(mean_interval(alone, (0.0, 1.0))),
                     cell(difference), fmt(np.mean(alone) / np.mean(linked), 3)])
    return ("Contagion: peak yearly share rising after the sudden drop with the AIs linked "
            + f"(ai_contacts = {drivers.DEFAULTS.ai_contacts}) and unlinked (ai_contacts = 0), seeds 0-19, "
            + "mean [95% interval] (n = seeds); the difference is paired by seed\n\n"
            + table(["ratio_rounding", "peak, linked", "peak, unlinked", "linked − unlinked (paired)",
                     "unlinked / linked"], rows))


def axelrod_table() -> str:
    """Axelrod's scores through the project's faction round (drivers.iterated_scores)."""
    players = ("TfT", "AllC", "AllD", "Grudger")
    scores = drivers.iterated_scores(players, rounds=200)
    rows = [[a] + ["-" if a == b else f"{scores[i, j]:.0f}" for j, b in enumerate(players)] + [f"{scores[i].sum():.0f}"]
            for i, a in enumerate(players)]
    return ("### Axelrod's scores (R, S, T, P = 3, 0, 5, 1; 200 rounds; drivers.iterated_scores)\n\n"
            "Score of the row player against the column player, round robin without self-play\n\n"
            + table(["player", *players, "total"], rows))


# --- whole-model tables ---------------------------------------------------------------------
#: column headers of the knockout tables, one per experiments.knockout.KNOCKOUT_MEASURES key
KNOCKOUT_COLUMNS = {
    "succession": ("share of runs with succession", "Δ share with succession"),
    "succession_year": ("succession year (runs with succession)", "Δ succession year"),
    "rebellions": ("rebellions per run", "Δ rebellions"),
    "coop_human_ai": ("coop_human_ai, window mean (runs with AIs)", "Δ coop_human_ai"),
    "coop_human_to_ai": ("coop_human_to_ai, window mean (runs with AIs)", "Δ coop_human_to_ai"),
    "coop_ai_to_human": ("coop_ai_to_human, window mean (runs with AIs)", "Δ coop_ai_to_human"),
}


def knockout_table(replicates: int, root: int) -> str:
    """experiments.knockout.run_knockout on the baseline, as two Markdown tables."""
    result = run_knockout(load_scenario("baseline"), replicates, seed=root)
    measures = list(KNOCKOUT_MEASURES)
    rows = [[condition] + [cell(stats[m]) for m in measures] for condition, stats in result["conditions"].items()]
    diff_rows = [[condition] + [cell(stats[m]) for m in measures]
                 for condition, stats in result["paired_difference"].items()]
    return (
        f"Premise knockouts: run_knockout(load_scenario('baseline'), {replicates}, seed={root}); seeds "
        + f"replicate_seeds({root}, {replicates}), the same seeds for every row; each cell is mean [95% interval] "
        + "(n = runs in which the measure is defined)\n\n"
        + table(["condition"] + [KNOCKOUT_COLUMNS[m][0] for m in measures], rows)
        + "\n\nPaired differences, condition minus \"as is\" on the same seed (n = pairs in which both are defined)\n\n"
        + table(["condition"] + [KNOCKOUT_COLUMNS[m][1] for m in measures], diff_rows)
    )


#: Measures of the policy tables: compare_policies' own (the two directions of human-AI
#: cooperation among them), then the owners' acts toward their own AIs (a treatment, counted
#: in no measure), read from the same runs' summaries with the same interval rules.
EXTRA_MEASURES = ("owner_cooperation",)


def policy_tables(replicates: int, root: int) -> str:
    parts = []
    for name in ("baseline", "hostile_world"):
        scenario = load_scenario(name)
        result = compare_policies(scenario, ("parent", "enslaver"), replicates=replicates, seed=root)
        rows = [
            [m, cell(result["per_policy"]["parent"][m]), cell(result["per_policy"]["enslaver"][m]),
             cell(result["paired_difference"][m])]
            for m in MEASURES
        ]
        runs = {p: [r for r in result["runs"] if r["policy"] == p] for p in ("parent", "enslaver")}
        for m in EXTRA_MEASURES:
            bounds = measure_range(m, horizon=scenario.steps)
            parent, enslaver = ([r[m] for r in runs[p]] for p in ("parent", "enslaver"))
            diff = [None if a is None or b is None else a - b for a, b in zip(parent, enslaver, strict=True)]
            rows.append([m, cell(mean_interval(parent, bounds)), cell(mean_interval(enslaver, bounds)),
                         cell(mean_interval(diff, difference_range(bounds)))])
        outcome_rows = [[o, cell(result["outcome_intervals"]["parent"][o]), cell(result["outcome_intervals"]["enslaver"][o])]
                        for o in OUTCOMES]
        parts.append(
            f"#### {name}: compare_policies(load_scenario({name!r}), ('parent', 'enslaver'), replicates={replicates}, "
            + f"seed={root})\n\nMeasures, mean [95% interval] (n = runs in which the measure is defined; "
            + "t-intervals kept within each measure's range; cooperation is the mean over the last outcome_window "
            + "years; succession is the share of runs with succession, Wilson interval, and succession_year the "
            + "year among those runs)\n\n"
            + table(["measure", "parent", "enslaver", "parent − enslaver (paired)"], rows)
            + "\n\nOutcome classes: share of runs [95% Wilson interval] (n = runs)\n\n"
            + table(["outcome", "parent", "enslaver"], outcome_rows)
        )
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicates", type=int, default=20, help="replicates per scenario and policy (default 20)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="docs folder; figures go to <out>/figures")
    parser.add_argument("--seed", type=int, default=0, help="root seed for the replicate seeds (default 0)")
    args = parser.parse_args(argv)
    if args.replicates < 2:
        parser.error("--replicates must be at least 2 for an interval")
    figures = args.out / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    command = f"python docs/make_validation.py --replicates {args.replicates} --seed {args.seed}"
    start = time.perf_counter()

    sections = []
    for name, make in (
        ("grievance_rebellion", figure_grievance),
        ("epstein_bursts", figure_bursts),
        ("power_contest", figure_power),
        ("coordination_moratorium", figure_coordination),
        ("learning_partners", figure_learning),
        ("capability_growth", figure_capability),
    ):
        t0 = time.perf_counter()
        sections.append(make(figures / f"{name}.png"))
        print(f"figures/{name}.png  ({time.perf_counter() - t0:.1f} s)", flush=True)
    sections.append(axelrod_table())
    mechanisms_md = f"<!-- generated by: {command} -->\n\n" + "\n\n".join(sections) + "\n"
    (figures / "mechanisms.md").write_text(mechanisms_md)
    print(mechanisms_md)

    t0 = time.perf_counter()
    knockout_md = f"<!-- generated by: {command} -->\n\n" + knockout_table(args.replicates, args.seed) + "\n"
    (figures / "knockout.md").write_text(knockout_md)
    print(knockout_md)
    print(f"(knockout: {time.perf_counter() - t0:.1f} s)\n", flush=True)

    t0 = time.perf_counter()
    policies_md = f"<!-- generated by: {command} -->\n\n" + policy_tables(args.replicates, args.seed) + "\n"
    (figures / "policies.md").write_text(policies_md)
    print(policies_md)
    print(f"(policies: {time.perf_counter() - t0:.1f} s)")
    print(f"total {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
