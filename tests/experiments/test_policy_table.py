"""Who wins where: p-values of paired leads and Holm's correction across a table."""

import numpy as np
import pytest
from scipy import stats

from succession_sim.experiments.intervals import mean_interval
from succession_sim.experiments.policy_table import holm, paired_p_value


def test_paired_p_value_is_scipys_paired_t_test():
    """Fails if the p-value is one-sided, uses the wrong degrees of freedom or the wrong sd."""
    rng = np.random.default_rng(0)
    a, b = rng.normal(1.0, 1.0, 12), rng.normal(0.4, 1.0, 12)
    expected = stats.ttest_rel(a, b).pvalue
    assert paired_p_value(mean_interval(list(a - b))) == pytest.approx(expected, rel=1e-10)
    assert paired_p_value(mean_interval([0.3])) is None
    assert paired_p_value(mean_interval([0.2, 0.2, 0.2])) < 1e-12  # the same lead in every pair


def test_holm_known_example():
    """Holm (1979) by hand: m = 4 at 0.05, thresholds 0.0125, 0.0167, 0.025, 0.05. Fails
    if the procedure does not step down, or keeps going after the first p it cannot reject."""
    assert holm([0.01, 0.04, 0.03, 0.005]) == [True, False, False, True]  # 0.03 >= 0.025 stops it
    assert holm([0.001, 0.012, 0.02, 0.04]) == [True, True, True, True]
    assert holm([0.2, 0.001]) == [False, True]
    assert holm([]) == []
