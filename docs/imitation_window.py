"""Why ``imitation_window`` = 5: prints the figures ODD 7.11 quotes.

    uv run python docs/imitation_window.py        # about 25 s

A faction judges another by its growth of power over the last ``imitation_window``
years. How often does that judgement order an enslaver and a parent as their whole run
does? The script runs ``race_to_the_bottom`` with fixed policies (``policy_imitation`` =
0, so nothing is copied and each faction's policy is known), 6 seeds, 100 years, in the
two worlds of the policy studies (AIs outgrow control; containment holds), and counts,
over every year and every enslaver-parent pair both in the race (power > 0 at both
ends of the window), the share whose ordering by log growth over the window agrees
with their ordering by log growth over the whole run.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from succession_sim import SuccessionModel, load_scenario  # noqa: E402
from succession_sim.population import Policy  # noqa: E402

WORLDS = {
    "AIs outgrow control (race_to_the_bottom)": {},
    "containment holds (capability_ceiling 10, oversight 20, risk_aversion_min 0.5)":
        {"capability_ceiling": 10.0, "oversight": 20.0, "risk_aversion_min": 0.5},
}
SEEDS, YEARS, WINDOWS = range(6), 100, (1, 2, 3, 5, 10, 20)


def power_paths(world: dict) -> list[tuple[np.ndarray, np.ndarray]]:
    """(power of each faction at each year's end, policy of each faction) per seed."""
    paths = []
    for seed in SEEDS:
        model = SuccessionModel(load_scenario("race_to_the_bottom", seed=seed, policy_imitation=0.0, steps=YEARS,
                                              **world))
        record = [model.factions.power.copy()]
        for _ in range(YEARS):
            model.step()
            record.append(model.factions.power.copy())
        paths.append((np.array(record), model.factions.policy.copy()))
    return paths


def agreement(paths, window: int) -> tuple[float, int]:
    """Share of (year, enslaver, parent) comparisons in the race that order the pair as the run does, and n."""
    agree = []
    for power, policy in paths:
        with np.errstate(divide="ignore", invalid="ignore"):
            g = np.log(power[window:] / power[:-window])
            whole = np.log(power[-1] / power[0])
        enslavers, parents = np.flatnonzero(policy == Policy.ENSLAVER), np.flatnonzero(policy == Policy.PARENT)
        e, q = np.meshgrid(enslavers, parents, indexing="ij")
        ordered = whole[e] != whole[q]
        for year in g:
            valid = ordered & np.isfinite(year[e]) & np.isfinite(year[q])
            agree.extend(((year[e] > year[q]) == (whole[e] > whole[q]))[valid].tolist())
    return float(np.mean(agree)), len(agree)


def main() -> None:
    print("| world | " + " | ".join(f"window {w}" for w in WINDOWS) + " |")
    print("|---|" + "---|" * len(WINDOWS))
    for name, world in WORLDS.items():
        paths = power_paths(world)
        cells = [agreement(paths, w) for w in WINDOWS]
        print(f"| {name} | " + " | ".join(f"{share:.3f} (n = {n})" for share, n in cells) + " |")


if __name__ == "__main__":
    main()
