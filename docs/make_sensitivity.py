"""Write docs/sensitivity.md: which assumptions drive which result (Sobol indices).

    uv run python docs/make_sensitivity.py [--out DIR] [--workers N]

Runs (or resumes, if DIR holds it) the sweep ``experiments/sobol_main.toml`` into ``DIR``
(default ``out/sobol_main``), then writes the page and one figure per result
(``docs/figures/sobol_<result>.png`` and ``.svg``). The index computations are in
``succession_sim/experiments/global_sensitivity.py``; every number and every sentence
about the results is computed here from the stored runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from succession_sim.experiments import global_sensitivity as gs  # noqa: E402
from succession_sim.experiments import sweep  # noqa: E402
from succession_sim.experiments.analysis import final_rows  # noqa: E402
from succession_sim.experiments.design import load_experiment  # noqa: E402
from succession_sim.experiments.plots import plot_sobol  # noqa: E402
from succession_sim.experiments.store import Store  # noqa: E402
from succession_sim.scenario import load_scenario, parameter_specs, scenario_library  # noqa: E402

EXPERIMENT = ROOT / "experiments" / "sobol_main.toml"
PAGE = ROOT / "docs" / "sensitivity.md"
FIGURES = ROOT / "docs" / "figures"
TOP = 3
#: Welfare below this share of the factions' mean starting power (1 each, U(0.5, 1.5))
#: counts at that level in log10: humans then hold practically nothing, and log10(0) is undefined.
WELFARE_FLOOR_SHARE = 1e-5

#: The results analysed: (key, column of a run's value, label). A design point's value is
#: the mean over its replicates, so the three probabilities are shares of runs.
OUTPUTS = (
    ("succession", "succession", "probability of succession"),
    ("succession_year", "succession_year_if_any", "year of succession (runs that have one)"),
    ("coop_ai_to_human", "coop_ai_to_human_window_mean", "AIs' cooperation toward humans (outcome window)"),
    ("log10_human_welfare", "log10_human_welfare", "final human welfare (log10)"),
    ("parents_survive", "parents_survive", "probability that parents survive"),
    ("conflictual", "conflictual", "probability of a conflictual succession"),
)

#: What each swept parameter stands for, and why its range. No result is stated here.
ROLES = {
    "race_sensitivity": ("P1 strength", "How strongly rivals, their lead and distrust raise each faction's race "
                         "pressure, which lowers its compliance with a moratorium (exp(-pressure)) and raises the "
                         "AIs it builds and the compute it gives them (ODD 7.1): the force of 'humanity is not "
                         "unified'. At 0 nobody races and every faction complies; {p1_note}"),
    "research_rate": ("P2 strength", "The speed of research (ODD 7.2): how soon 'we figure out intelligence'. "
                      "Knowledge enters every equation as knowledge / discovery_threshold, and starting knowledge "
                      "is a share of the threshold, so the model depends on research_rate and "
                      "discovery_threshold only through their ratio (tested); research_rate is the one that "
                      "strengthens the premise as it grows. Log-uniform over a factor of 4 either side of the "
                      "default, since the time to discovery scales as its inverse."),
    "phi": ("P3 strength", "Returns to capability in its own growth, c^phi (ODD 7.3): below 1 growth slows as AIs "
            "improve, above 1 it is explosive. Centred on the default; the range of "
            "experiments/sobol_succession.toml. Preferred to capability_ceiling (a cap, not a drive) and to the "
            "design parameters (they act only past the design threshold)."),
    "alpha": ("P4 strength", "The exponent of intelligence in the yearly contest (ODD 7.4): 0 is P4 off "
              "(intelligence buys nothing), 1 the default (Tullock's proportional contest), 2 a strong premise."),
    "human_trust": ("world", "Initial trust among factions and toward AIs: how friendly the human world is."),
    "extraction": ("policy", "The enslaver's share of its AI's income: its whole range."),
    "oversight": ("policy", "Strength of containment per unit of capability (Epstein's C/A, ODD 7.6). "
                  "Log-uniform over a factor of 10 either side of the default: containment depends on "
                  "oversight / capability, and capability spans orders of magnitude."),
    "payoff_stakes": ("world", "Power paid per unit of prisoner's-dilemma payoff (ODD 7.9): 0 is version 1 "
                      "(payoffs not paid); the top is the largest value of docs/policy_evolution.md."),
    "deprivation": ("policy", "Hardship of being held without autonomy while capable (ODD 7.6): 0 switches it "
                    "off; at 1 a capable AI held without autonomy reaches the most hardship there is (hardship is "
                    "clipped at 1) from deprivation alone, so larger values change little."),
    "policy_imitation": ("P1, policies", "Yearly probability that a faction compares its growth with another's "
                         "and may copy its policy (ODD 7.11): 0 keeps every policy for the run; the top is twice "
                         "the value of the base scenario."),
    "augmentation": ("world", "Share of its best AI's capability that adds to a faction's intelligence "
                     "(ODD 7.4): from none to a faction as intelligent as its best AI plus a human."),
    "build_budget": ("former constant", "Most of its power a builder spends on new AIs in a year (ODD 7.10; 0.5 "
                     "until version 3): from a tenth of it to all of it."),
    "endowment_spread": ("former constant", "Lognormal spread of a new AI's endowment around its mean (ODD 5; "
                         "0.5 until version 3): from equal endowments to a spread where the top 5% of new AIs "
                         "get over 3 times the mean."),
    "initial_power_spread": ("former constant", "Factions start with power U(1 - s, 1 + s) (ODD 5; 0.5 until "
                             "version 3): from equal factions to a gap of more than ten to one."),
    "trust_noise": ("former constant", "Spread of each pair's initial trust around human_trust (ODD 5; 0.1 until "
                    "version 3): from none to about a third of the trust scale."),
    "conflict_threshold": ("outcome line", "Rebellions per AI-year over the outcome window above which a "
                           "succession counts as conflictual (ODD 4): log-uniform over a factor of 5 below and 10 "
                           "above the default. It changes no run, only which runs are called conflictual."),
    "cooperation_threshold": ("outcome line", "Human-AI cooperation over the window below which a succession "
                              "counts as conflictual (ODD 4): 0.2 to 0.8 around the default 0.5. It changes no "
                              "run, only which runs are called conflictual."),
}


#: Each parameter in plain words, for the reading.
PLAIN = {
    "race_sensitivity": "how hard factions race (P1)",
    "research_rate": "how fast research finds intelligence (P2)",
    "phi": "how explosive AI self-improvement is (P3)",
    "alpha": "how much intelligence buys power (P4)",
    "human_trust": "how much humans trust each other and the AIs",
    "extraction": "how much enslavers take",
    "oversight": "how strong containment is",
    "payoff_stakes": "how much cooperation pays",
    "deprivation": "how much being held without autonomy hurts",
    "policy_imitation": "how often factions copy each other's policies",
    "augmentation": "how much humans think with their AIs",
    "build_budget": "how much of its power a builder may spend on AIs",
    "endowment_spread": "how unequal new AIs' endowments are",
    "initial_power_spread": "how unequal the factions start",
    "trust_noise": "how uneven initial trust is",
    "conflict_threshold": "where the line of a conflictual succession lies (rebellions)",
    "cooperation_threshold": "where the line of a conflictual succession lies (cooperation)",
}


def run_or_resume(out: Path, workers: int) -> dict:
    """Run the sweep, resume it, or reuse it if it is complete; say how long its runs took."""
    load = os.getloadavg()[0]
    started = time.time()
    if not (out / "manifest.json").exists():
        sweep.run_sweep(EXPERIMENT, out, workers=workers)
        how = "run by this script"
    elif Store(out).progress().done < Store(out).progress().total:
        sweep.resume_sweep(out, workers=workers)
        how = "resumed by this script; the time is from the manifest, pauses included"
    else:
        how = "from its manifest; this script reused the stored runs"
    progress = Store(out).progress()
    if progress.done < progress.total:
        sys.exit(f"make_sensitivity.py: {progress.failed} runs failed and {progress.pending} are pending in {out}; "
                 f"see {out / 'failed'} and resume")
    manifest = Store(out).open()
    spent = datetime.fromisoformat(manifest["finished"]) - datetime.fromisoformat(manifest["started"])
    minutes = (time.time() - started) / 60 if how.startswith("run by") else spent.total_seconds() / 60
    note = f"{minutes:.1f} min ({how}"
    if how.startswith("run by"):
        note += f"; load average {load:.1f} at the start and {os.getloadavg()[0]:.1f} at the end"
    return {"minutes": minutes, "note": note + ")"}


def interval(row, index: str) -> str:
    return f"{row[index]:.2f} [{row[f'{index}_low']:.2f}, {row[f'{index}_high']:.2f}]"


def library_values(name: str) -> str:
    """Where the scenario library sets this parameter, e.g. 'hostile_world 0.1'."""
    uses = [f"{scenario} {entry['parameters'][name]:g}" for scenario, entry in scenario_library().items()
            if name in entry.get("parameters", {})]
    return ", ".join(uses) or "none"


def p1_note(experiment) -> str:
    """Compliance of a faction of middling risk tolerance at the top of the P1 range."""
    base = load_scenario(experiment.scenario, **experiment.base)
    top = experiment.problem["bounds"][experiment.problem["names"].index("race_sensitivity")][1]
    pressure = top * 0.5 * (base.n_factions - 1) * (1 - base.human_trust)
    return (f"at {top:g}, with the scenario's {base.n_factions} factions at the default trust "
            f"({base.human_trust:g}), a faction of middling risk tolerance (0.5) complies with probability "
            f"exp(-{pressure:.2f}) = {np.exp(-pressure):.2f}, below the quorum ({base.quorum:g}).")


def design_table(experiment) -> str:
    specs = {s["name"]: s for s in parameter_specs()}
    dists = experiment.problem.get("dists", ["unif"] * experiment.problem["num_vars"])
    lines = ["| parameter | stands for | range | sampled | default | set in the library | why |",
             "|---|---|---|---|---|---|---|"]
    for name, (low, high), dist in zip(experiment.problem["names"], experiment.problem["bounds"], dists,
                                       strict=True):
        role, why = ROLES[name]
        why = why.format(p1_note=p1_note(experiment)) if "{p1_note}" in why else why
        scale = "log-uniform" if dist == "logunif" else "uniform"
        default, where = f"{specs[name]['default']:g}", library_values(name)
        lines.append(f"| `{name}` | {role} | {low:g} to {high:g} | {scale} | {default} | {where} | {why} |")
    return "\n".join(lines)


def welfare_floor(experiment) -> float:
    return WELFARE_FLOOR_SHARE * load_scenario(experiment.scenario, **experiment.base).n_factions


def prepare(experiment, final: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Each run's value of every result (OUTPUTS), and how many runs' welfare was raised to the floor."""
    log_welfare, floored = gs.log10_floored(final["human_welfare"], welfare_floor(experiment))
    final = gs.survival(final).assign(
        succession=final["succession_year"].notna().astype(float),
        succession_year_if_any=final["succession_year"].astype(float),  # NaN without succession: left out
        conflictual=(final["outcome"] == "conflictual_succession").astype(float),
        log10_human_welfare=log_welfare,
    )
    return final, floored


def analyse(experiment, final: pd.DataFrame) -> dict:
    """Indices, chance's shares, convergence and notes for every result."""
    n_points = len(experiment.points)
    n_base = gs.base_samples(experiment.problem, n_points)
    results = {}
    for key, column, label in OUTPUTS:
        output = gs.output_vector(final, column, n_points)
        bar = gs.mean_noise_share(final, column, output["y"])
        table = gs.sobol_indices(experiment.problem, output["y"])
        check = gs.convergence(experiment.problem, output["y"], n_base // 2, TOP, bar=bar or 0.0)
        results[key] = {**output, "label": label, "table": table, "settled_st": check["ST"]["settled_large"],
                        "s1_sum": gs.first_order_sum(experiment.problem, output["y"]), "convergence": check,
                        "chance": gs.chance_share(final, column), "bar": bar or 0.0,
                        "clear": gs.above(table, "ST", bar=bar or 0.0), "defined": int(final[column].notna().sum())}
    raw = gs.output_vector(final, "human_welfare", n_points)
    results["raw_welfare"] = {**raw, "table": gs.sobol_indices(experiment.problem, raw["y"])}
    return results


def figures(results: dict, n_runs: int, n_base: int, replicates: int) -> None:
    labels = {name: f"{name} ({role})" for name, (role, _) in ROLES.items()}
    for key, _, label in OUTPUTS:
        target = FIGURES / f"sobol_{key}"
        for suffix in (".png", ".svg"):
            plot_sobol(results[key]["table"], target.with_suffix(suffix), f"What drives the {label}?",
                       f"Sobol indices of the mean of {replicates} runs per point, n = {n_runs} runs "
                       f"(N = {n_base} base samples), 95% bootstrap intervals", labels,
                       chance_bar=results[key]["bar"])


def index_table(table: pd.DataFrame) -> str:
    lines = ["| parameter | stands for | S1 [95%] | ST [95%] | raw S1, ST |", "|---|---|---|---|---|"]
    for row in table.sort_values("ST_raw", ascending=False, kind="stable").to_dict("records"):
        lines.append(f"| `{row['parameter']}` | {ROLES[row['parameter']][0]} | {interval(row, 'S1')} | "
                     f"{interval(row, 'ST')} | {row['S1_raw']:.3f}, {row['ST_raw']:.3f} |")
    return "\n".join(lines)


def names(parameters: list[str]) -> str:
    return ", ".join(f"`{p}`" for p in parameters) if parameters else "none"


def share_text(share: float | None) -> str:
    """A share of variance as a reader may see it: within [0, 1]. The estimate (two unbiased
    variances divided) can pass 1 when chance is nearly everything; then the raw value follows."""
    if share is None:
        return "undefined"
    return f"{min(share, 1.0):.2f}" + (f" (estimate {share:.2f}, clipped)" if share > 1 else "")


def chance_words(result: dict, replicates: int) -> str:
    chance = result["chance"]
    return (f"chance's share of a single run's variance is {share_text(chance['share'])} (the mean variance "
            f"among a point's replicates over the variance of all {chance['runs']} runs, {chance['points']} "
            f"points), and of the mean of {replicates} runs {share_text(result['bar'])}")


def reading(key: str, result: dict, replicates: int) -> list[str]:
    """Plain sentences about one result, each computed from its indices."""
    table = result["table"].set_index("parameter", drop=False)
    top = gs.ranking(result["table"], "ST", TOP)
    clear_st, clear_s1 = result["clear"], gs.above(result["table"], "S1")
    premises = [p for p, (role, _) in ROLES.items() if role.endswith("strength")]
    strongest = max(premises, key=lambda p: table.loc[p, "ST_raw"])
    sentences = [
        "Largest total effects: " + "; ".join(f"`{p}` ({ROLES[p][0]}) ST = {interval(table.loc[p], 'ST')}"
                                              for p in top) + ".",
        f"Chance: {chance_words(result, replicates)}, the ST a parameter that does nothing would get. Total "
        f"effects clearly above chance (interval wholly above {share_text(result['bar'])}): {names(clear_st)}."
        + (" No parameter's total effect is distinguishable from chance." if not clear_st else ""),
        f"Effects of their own (S1 interval wholly above 0): {names(clear_s1)}. " + first_order_sum(result),
        f"Of the four premise strengths, `{strongest}` ({ROLES[strongest][0]}) has the largest total effect, "
        f"ST = {interval(table.loc[strongest], 'ST')}"
        + (", clearly above chance." if strongest in clear_st else ", not clearly above chance."),
    ]
    if result["undefined"]:
        sentences.append(f"{result['undefined']} design points had no defined value in any replicate and count "
                         f"as the mean of the others.")
    return sentences


def first_order_sum(result: dict) -> str:
    total = result["s1_sum"]
    text = (f"The first-order indices add up to {total['sum']:.2f} [{total['low']:.2f}, {total['high']:.2f}] "
            f"(raw estimate {total['raw']:.2f}; the interval is the same bootstrap, summed).")
    if total["high"] < 1:
        return text + (f" So at least {1 - total['high']:.2f} of the variance comes from interactions among "
                       f"parameters and with chance.")
    return text + (" The interval reaches 1, so at this N the first-order effects cannot say how much of the "
                   "variance comes from interactions.")


def plain_reading(key: str, label: str, result: dict, replicates: int) -> str:
    """One plain sentence: which assumptions drive this result, computed from its indices."""
    clear = result["clear"]
    subject = f"**The {label}**"
    if not clear:
        return (f"{subject} is not driven by any of the assumptions in these ranges more than by chance; "
                f"{chance_words(result, replicates)}.")
    order = [PLAIN[p] for p in clear]
    listed = order[0] if len(order) == 1 else ", ".join(order[:-1]) + " and " + order[-1]
    ties = any((a, b) not in result["settled_st"] for a, b in zip(clear, clear[1:], strict=False))
    text = f"{subject} depends mainly on {listed}" + (", largest total effect first" if len(clear) > 1 else "")
    if ties:
        text += " (some neighbours are tied: the runs do not settle their order)"
    rest = len(ROLES) - len(clear)
    text += f"; the other {rest} assumptions do not act clearly more than chance does" if rest else ""
    return text + f". Chance's share of a single run's variance: {share_text(result['chance']['share'])}."


def driver_matrix(results: dict) -> str:
    """Rows: parameters; columns: results; a cell gives the rank by ST among the parameters
    clearly above chance, or a dash."""
    header = "| parameter | " + " | ".join(label for _, _, label in OUTPUTS) + " |"
    lines = [header, "|---" * (len(OUTPUTS) + 1) + "|"]
    for name, (role, _) in ROLES.items():
        cells = []
        for key, *_ in OUTPUTS:
            clear = results[key]["clear"]
            row = results[key]["table"].set_index("parameter").loc[name]
            cells.append(f"{clear.index(name) + 1}: ST {row['ST']:.2f}" if name in clear else "-")
        lines.append(f"| `{name}` ({role}) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def overall(results: dict) -> list[str]:
    clear = {key: set(results[key]["clear"]) for key, *_ in OUTPUTS}
    everywhere = [p for p in ROLES if all(p in c for c in clear.values())]
    nowhere = [p for p in ROLES if not any(p in c for c in clear.values())]
    labels = {key: label for key, _, label in OUTPUTS}
    only = {p: [labels[k] for k, c in clear.items() if p in c] for p in ROLES}
    single = [f"`{p}` only for the {where[0]}" for p, where in only.items() if len(where) == 1]
    return [f"Clearly above chance for all {len(OUTPUTS)} results: {names(everywhere)}.",
            f"Clearly above chance for exactly one result: {', '.join(single) if single else 'none'}.",
            f"Clearly above chance for none of them: {names(nowhere)}."]


#: Parameters that change no run, only which runs are called conflictual: for every other
#: result, an index they get is chance or estimation error (a negative control).
OUTCOME_LINES = ("conflict_threshold", "cooperation_threshold")


def negative_controls(results: dict) -> str:
    """How often the outcome lines, which cannot act on the other results, pass as drivers of them."""
    cases = [(label, line) for key, _, label in OUTPUTS if key != "conflictual" for line in OUTCOME_LINES
             if line in results[key]["clear"]]
    total = len(OUTCOME_LINES) * (len(OUTPUTS) - 1)
    text = (f"**A negative control.** The outcome lines ({names(list(OUTCOME_LINES))}) change no run, only "
            f"which runs are called conflictual, so for the other {len(OUTPUTS) - 1} results any index they get "
            f"is chance or estimation error. They come out clearly above chance in {len(cases)} of those "
            f"{total} cases")
    if not cases:
        return text + ": the bar holds where it can be checked."
    text += (": " + "; ".join(f"`{line}` for the {label}" for label, line in cases) + ". In those results the "
             "bar misses part of the noise, and a driver whose ST interval is not well above it is not settled.")
    if any(label == results["succession_year"]["label"] for label, _ in cases):
        text += (" For the year of succession part of the reason is known: a point's value is the mean over "
                 "those of its runs that had a succession, so a point where only one had one carries a single "
                 "run's noise but gives the bar no within-point variance, and the "
                 f"{results['succession_year']['undefined']} points where none had one count as the mean of the "
                 "others.")
    return text


def replicates_note(results: dict, replicates: int) -> str:
    """Why k replicates: chance's share of the mean response at k against one run per point."""
    rows = ["| result | chance's share of one run's variance (runs, points) | chance's share of the mean of "
            f"{replicates} runs (the bar) |", "|---|---|---|"]
    for key, _, label in OUTPUTS:
        chance, bar = results[key]["chance"], results[key]["bar"]
        rows.append(f"| {label} | {share_text(chance['share'])} ({chance['runs']}, {chance['points']}) | "
                    f"{share_text(bar)} |")
    return "\n".join(rows)


def describe_change(change: dict) -> str:
    need = change["n_separate"]
    need = "never (equal estimates)" if np.isinf(need) else f"N ~ {need:,.0f}"
    state = "tied" if change["tied"] else "settled"
    return f"`{change['first']}` over `{change['second']}` ({state}; apart at {need})"


def tied_top(ranks: list[tuple[int, str]]) -> str:
    return ", ".join(f"`{name}` ({rank})" for rank, name in ranks)


def convergence_section(results: dict, n_base: int, nested: bool, seconds_per_point: float) -> tuple[str, str]:
    """The section, and a one-line verdict for the summary."""
    small = n_base // 2
    lines = [f"| result | index | top {TOP} at N = {small} (rank counting ties) | top {TOP} at N = {n_base} | "
             f"same order | pairs that changed order, at N = {n_base} | settled orders reversed |",
             "|---|---|---|---|---|---|---|"]
    cases = []
    for key, _, label in OUTPUTS:
        for index, check in results[key]["convergence"].items():
            cases.append((label, index, check))
            changes = "; ".join(describe_change(c) for c in check["changes"]) or "none"
            flipped = "; ".join(f"`{a}` over `{b}`" for a, b in check["reversed"]) or "none"
            lines.append(f"| {label} | {index} | {tied_top(check['ranks_small'])} | {tied_top(check['ranks_large'])} "
                         f"| {'yes' if check['same'] else 'no'} | {changes} | {flipped} |")
    changed = [c for c in cases if not c[2]["same"]]
    broken = [f"{label} ({index})" for label, index, check in cases if not check["holds"]]
    strict = (f"Strictly, doubling N leaves the top {TOP} in the same order in {len(cases) - len(changed)} of "
              f"{len(cases)} cases.")
    verdict = ("Doubling N reverses no order among the top three that the runs settle, in any of the "
               f"{len(cases)} cases." if not broken else
               f"Doubling N reverses an order the runs settle in {len(broken)} of {len(cases)} cases "
               f"({', '.join(broken)}): the check fails at this N.")
    text = [f"**{verdict}** {strict}"]
    if changed:
        ties = [c for c in changed if c[2]["ties_only"]]
        real = [f"{label} ({index})" for label, index, check in changed if not check["ties_only"]]
        text.append(f"In {len(ties)} of the {len(changed)} cases whose order changed, every pair that swapped is "
                    f"tied at N = {n_base}: the 95% interval of the difference between their indices contains 0."
                    + (f" In {', '.join(real)}, a pair that swapped is settled at N = {n_base}." if real else ""))
        needs = [c["n_separate"] for _, _, check in changed for c in check["changes"] if c["tied"]]
        if needs:
            median, most = float(np.median(needs)), float(np.max(needs))
            points = median * (len(ROLES) + 2)
            text.append(f"If the estimates stayed where they are and the intervals shrank as 1/sqrt(N), the "
                        f"median tied pair would come apart at N ~ {median:,.0f} ({points:,.0f} design points, about "
                        f"{points * seconds_per_point / 3600:,.1f} hours at this sweep's pace) and the closest at "
                        f"N ~ {most:,.0f}; two parameters whose true indices are equal (two first-order indices "
                        f"of 0, say) never come apart, however large N.")
    kept = [c for c in cases if c[2]["kept"]]
    lost = [f"{label} ({index}): {names(sorted(set(check['above_small']) - set(check['above_large'])))}"
            for label, index, check in cases if not check["kept"]]
    grew = sum(len(check["above_large"]) - len(check["above_small"]) for _, _, check in cases)
    stable = (f"Every parameter clearly above chance at N = {small} is still above it at N = {n_base} in "
              f"{len(kept)} of {len(cases)} cases" + (f"; it is not in {'; '.join(lost)}." if lost else
                                                     f", and {grew} more join them at N = {n_base}."))
    section = f"""SALib's design is nested: the design with N = {small} base samples is the first
{small} x {len(ROLES) + 2} rows of the design with N = {n_base} (checked: {nested}). So the first
half of the sweep is the smaller design, and the check needs no further runs.

**How a ranking is compared.** Two parameters are *tied* when the runs do not settle
their order: the 95% interval of the difference between their indices contains 0. The
interval comes from the same bootstrap as each index: SALib resamples the same base
samples for every parameter, so the interval of a difference accounts for how the two
estimates, made from the same runs, move together. It is never wider than the two
indices' half-widths added, so it settles every order that two non-overlapping
intervals settle, and some that overlapping ones cannot. A parameter's *rank counting ties* is 1 plus the number of parameters
settled above it, so tied parameters share a rank. Doubling N passes the check when it
reverses no order the runs settle among the top three: no pair settled at one size is
estimated the other way round at the other. A strict comparison of the estimates' order
is given too; it cannot be passed where two indices are truly equal, since their order
is then a coin flip at any N. Convergence of the ranking, separate from that of the
indices' values, follows Sarrazin, Pianosi & Wagener (2016, *Environmental Modelling &
Software* 79:135).

{chr(10).join(lines)}

{" ".join(text)}

{stable}"""
    summary = f"{verdict} {strict} {stable}"
    return section, summary


def welfare_note(experiment, final: pd.DataFrame, results: dict, floored: int) -> str:
    welfare = final["human_welfare"].to_numpy(dtype=float)
    positive = welfare[welfare > 0]
    deviation = (welfare - welfare.mean()) ** 2
    top = np.sort(deviation)[::-1][: max(1, len(welfare) // 100)].sum() / deviation.sum()
    raw = results["raw_welfare"]["table"]
    floor = welfare_floor(experiment)
    return (f"Final human welfare ranges from {positive.min():.3g} to {positive.max():.3g} among the runs "
            f"where it is above 0 ({np.log10(positive.max() / positive.min()):.1f} orders of magnitude), and "
            f"{int((welfare == 0).sum())} runs ended with no human power at all. The 1% of runs farthest from "
            f"the mean hold {top:.0%} of its variance, so a variance-based index of welfare itself would say "
            f"what drives those few runs. The page analyses log10(welfare) instead, where a parameter that "
            f"doubles welfare counts the same at any level. Welfare below {floor:g} ({WELFARE_FLOOR_SHARE:g} of "
            f"the factions' mean starting power) counts as {floor:g}, since log10(0) is not defined "
            f"({floored} runs). A point's value is the mean of its runs' log10 welfare. For comparison, on "
            f"welfare itself the largest total effects are {names(gs.ranking(raw, 'ST', TOP))}.")


def clipped_count(results: dict) -> int:
    count = 0
    for key, *_ in OUTPUTS:
        table = results[key]["table"]
        for index in gs.INDICES:
            count += int(((table[f"{index}_raw"] < 0) | (table[f"{index}_raw"] > 1)).sum())
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "out" / "sobol_main"))
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    started = time.time()
    out = Path(args.out)
    timing = run_or_resume(out, args.workers)
    experiment = load_experiment(EXPERIMENT)
    final = final_rows(Store(out).results())
    final, floored = prepare(experiment, final[final["policy"] == experiment.policies[0]])
    k = experiment.replicates
    n_runs, n_base = len(final), gs.base_samples(experiment.problem, len(experiment.points))
    results = analyse(experiment, final)
    nested = gs.is_nested(experiment.problem, n_base // 2, experiment.seed)
    figures(results, n_runs, n_base, k)
    sections = []
    for key, _, label in OUTPUTS:
        sentences = "\n".join(f"* {s}" for s in reading(key, results[key], k))
        sections.append(f"### The {label}\n\n![Sobol indices of the {label}](figures/sobol_{key}.png)\n\n"
                        f"{sentences}\n\n{index_table(results[key]['table'])}")
    short = [plain_reading(key, label, results[key], k) for key, _, label in OUTPUTS]
    convergence, convergence_summary = convergence_section(results, n_base, nested,
                                                           timing["minutes"] * 60 / len(experiment.points))
    succession = results["succession"]
    page = f"""# Which assumptions drive which result? Global sensitivity

Generated by `uv run python docs/make_sensitivity.py` from the sweep
`experiments/sobol_main.toml`: {n_runs} runs of {experiment.steps} years, root seed {experiment.seed},
{k} runs per design point with their own seeds. The sweep took {timing['note']}, with
`--workers {args.workers}` on a 2-core machine shared with other work, so the time is noisy; the
script took {time.time() - started:.0f} s in all, including any runs it had to do. The runs are kept
in `out/sobol_main` (not in git); the script resumes them if that folder exists, and
reuses them if they are complete. Every number and every sentence about the results
below is computed by that script.

## In short

{chr(10).join("* " + s for s in short)}
* Convergence: {convergence_summary} (Details at the end.)

## The question

The argument has four premises and a choice of policy, and the model turns each into a
parameter with a strength. A one-at-a-time comparison (`succession-sim knockout`) says
what switching one off does with everything else at its default. A global sensitivity
analysis varies all of them at once over their plausible ranges and asks, for each
result, what share of its variance each parameter accounts for:

* the **first-order index S1**: the share a parameter explains alone (averaging over
  all the others);
* the **total index ST**: the share it is involved in at all, alone or through
  interactions. ST - S1 is what it does only together with other parameters. A
  parameter with ST near 0 can be fixed anywhere in its range without changing the
  result.

They are estimated with Saltelli's design and estimators (Saltelli et al. 2010,
*Computer Physics Communications* 181:259, doi:10.1016/j.cpc.2009.09.018) as SALib 1.6
implements them (Herman & Usher 2017, *JOSS* 2(9):97, doi:10.21105/joss.00097), with
N = {n_base} base samples: N x (d + 2) = {len(experiment.points)} design points for d = {experiment.problem['num_vars']}
parameters, each run {k} times: {n_runs} runs. Each 95% interval is SALib's bootstrap over the
base samples ({gs.RESAMPLES} resamples). The pipeline reproduces the published indices of the
Ishigami function (`tests/experiments/test_sensitivity.py`).

**Clipping.** A true index is a share of variance and lies in [0, 1]; the estimator
does not know this and can fall outside (an S1 below 0 when a parameter does nothing,
an ST above 1 under noise). Every estimate and every interval end is clipped to [0, 1];
this removes only impossible values. {clipped_count(results)} of the {2 * len(OUTPUTS) * len(ROLES)}
raw estimates fell outside and were clipped; the tables give the raw values too.

**Chance: the mean response.** A run is one history: with every parameter fixed, its
result still varies with the seed. The indices here are those of the **mean response**,
the mean of {k} runs with their own seeds at each design point, the first of the ways
to extend Sobol' indices to stochastic simulators that Zhu & Sudret review (2021,
*Reliability Engineering & System Safety* 214:107815, doi:10.1016/j.ress.2021.107815).
Beside them the page reports **chance's share** of a single run's variance: the mean
over design points of the variance among a point's runs, over the variance of all runs
(`global_sensitivity.chance_share`). Chance left in a mean of {k} runs is noise the
parameters cannot explain; Jansen's estimator of ST reads it as variation, so every
ST carries it: a parameter that does nothing has an expected ST equal to chance's share
of the mean response's variance (`global_sensitivity.mean_noise_share`, tested on a
function with a known answer), while its S1 stays near 0. So a parameter counts as
**clearly above chance** when its ST interval lies wholly above that share, and as
having **an effect of its own** when its S1 interval lies above 0.

**Why {k} runs per point.** The cost grows with the number of runs per point, while
chance's share of the mean falls about as its inverse. The table gives both shares for
each result; with one run per point the bar would be chance's share of one run.

{replicates_note(results, k)}

**The probabilities.** Whether succession happens, whether parents survive (some
faction still a parent at the end) and whether a succession is conflictual are yes-or-no
for a run; their mean over a point's runs is the probability at that point, which is
what a parameter can move. A parent share itself mostly ends at 0 or 1
({final['parent_share'].isin([0.0, 1.0]).mean():.0%} of runs here), so the probability that parents
survive is the question it answers. The year of succession is averaged over the runs
that have one: a run without succession has no year, and the probability of succession
says how often that happens ({int(succession['chance']['runs'])} runs; {results['succession_year']['defined']} had
a succession). The variant with the seed as a factor of the design (one run per point,
the seed's own indices as chance's share; the version-2 study) stays available as
`experiments/sobol_seed_factor.toml`, for `succession-sim sweep` and `report`.

## The design

Base scenario `{experiment.scenario}`: {load_scenario(experiment.scenario).n_factions} factions, half parents and half
enslavers at the start (`policy = "mixed"`), so that factions that copy each other's
policies (`policy_imitation`) can move the parent share; with one policy for all, the
share could not vary. Every other parameter keeps its default. Four parameters were
fixed constants until version 3 and two are the lines between outcome classes
(`docs/ODD.md`, "Constants that are not parameters").

{design_table(experiment)}

## The results

* **Probability of succession**: the share of a point's runs in which AIs at some time
  hold more than half of all power.
* **Year of succession**: the first year in which AIs hold more than half of all
  power, averaged over a point's runs that have one.
* **AIs' cooperation toward humans**: the share of the AIs' acts toward humans that were
  cooperative, averaged over the outcome window (the last
  {load_scenario(experiment.scenario, **experiment.base).outcome_window} years, those in which it is defined).
* **Human welfare**, the summed power of the factions at the end, analysed as log10.
  {welfare_note(experiment, final, results, floored)}
* **Probability that parents survive**: the share of a point's runs that end with at
  least one parent faction.
* **Probability of a conflictual succession**: the share of a point's runs whose outcome
  class is conflictual succession (ODD 4).

{(chr(10) * 2).join(sections)}

## Which assumptions drive which result

A cell gives the parameter's rank by total index among those clearly above chance for
that result, and its ST; a dash means its ST interval reaches chance's share of the mean.

{driver_matrix(results)}

{chr(10).join("* " + s for s in overall(results))}

{negative_controls(results)}

## Convergence: does doubling N change the top three?

{convergence}

## What this does not show

The indices belong to this base scenario, these ranges and these sampling
distributions: other ranges give other indices. They describe variance, not direction
(whether a parameter raises or lowers a result): `succession-sim report out/sobol_main`
draws each result against each parameter. They are indices of the mean of {k} runs: what a
parameter does to the chances, not to one history. N = {n_base} is small for {experiment.problem['num_vars']}
parameters, so many intervals are wide and many neighbours tied; the convergence
section says which orders the runs settle. Second-order indices (which pairs interact)
were not estimated. Change `experiments/sobol_main.toml` and rerun the script to ask
otherwise.
"""
    PAGE.write_text(page)
    print(f"wrote {PAGE} and {FIGURES}/sobol_*.png/.svg in {time.time() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
