"""The outcome in words: the rule with the run's thresholds, and the window's numbers."""

from succession_sim import Scenario, SuccessionModel
from viz import words


def test_the_rule_names_the_runs_thresholds():
    rule = words.outcome_rule(Scenario(outcome_window=30, conflict_threshold=0.002, cooperation_threshold=0.6))
    assert "last 30 years" in rule and "at most 2 of every 1,000 AIs" in rule and "at least 60%" in rule


def test_the_text_gives_the_window_numbers_behind_the_class():
    model = SuccessionModel(Scenario(seed=1, policy="enslaver"))
    model.run()
    summary = model.summary()
    text = words.outcome_text(summary)
    window = summary["outcome_window"]
    assert f"last {window['years']} years" in text
    assert f"{1000 * window['rebellion_rate']:.1f} of every 1,000 AIs" in text
    assert words.OUTCOME_NAMES[summary["outcome"]] in words.outcome_headline(summary, finished=True)


def test_a_merger_says_how_intelligent_the_strongest_faction_is():
    model = SuccessionModel(Scenario(seed=0, augmentation=1.0))
    model.run()
    summary = model.summary()
    assert summary["outcome"] == "merger"
    assert f"{summary['human_intelligence']:.1f} times human level" in words.outcome_text(summary)
