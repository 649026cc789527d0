"""The interaction mechanism reproduces Axelrod's iterated prisoner's dilemma scores exactly.

Source: Axelrod, *The Evolution of Cooperation* (1984), with R, S, T, P = 3, 0, 5, 1 and
200 rounds per match, as in his computer tournaments (Axelrod 1980, "Effective choice in
the prisoner's dilemma", Journal of Conflict Resolution 24: 3-25,
doi:10.1177/002200278002400101). Fixed strategies are driven through the project's own
faction round (``cooperation.faction_acts``, ``faction_encounters``, ``update_trust``)
and scored with ``payoffs.gain``: see ``drivers.iterated_scores``.
"""

import numpy as np
import pytest

from .drivers import iterated_scores


@pytest.mark.parametrize("pair, expected", [
    (("TfT", "AllD"), (199, 204)),  # TfT is exploited once (S = 0, T = 5), then 199 rounds of P = 1 each
    (("TfT", "TfT"), (600, 600)),  # 200 rounds of R = 3
    (("AllC", "AllD"), (0, 1000)),  # 200 rounds of S = 0 against T = 5
])
def test_known_match_scores(pair, expected):
    scores = iterated_scores(pair, rounds=200)
    assert (scores[0, 1], scores[1, 0]) == expected


def test_round_robin_totals():
    """Round robin of TfT, AllC, AllD and Grudger, each pair once, 200 rounds, no self-play.

    By hand: every pair of "nice" strategies (TfT, AllC, Grudger) cooperates throughout,
    600 each. Against AllD, TfT and Grudger are exploited once and then defect: 199 for
    them, 5 + 199 = 204 for AllD; AllC is exploited every round: 0, and AllD 1000.

    =========  ====  ====  ====  =======  =====
    player      TfT  AllC  AllD  Grudger  total
    =========  ====  ====  ====  =======  =====
    TfT           -   600   199      600   1399
    AllC        600     -     0      600   1200
    AllD        204  1000     -      204   1408
    Grudger     600   600   199        -   1399
    =========  ====  ====  ====  =======  =====
    """
    scores = iterated_scores(("TfT", "AllC", "AllD", "Grudger"), rounds=200)
    expected = np.array([[0, 600, 199, 600], [600, 0, 0, 600], [204, 1000, 0, 204], [600, 600, 199, 0]])
    np.testing.assert_array_equal(scores, expected)
    np.testing.assert_array_equal(scores.sum(axis=1), [1399, 1200, 1408, 1399])

