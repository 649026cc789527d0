"""The Learn card "Does it notice how it is treated?" (issue 19): an owner turns from
parent to enslaver, and the experience learner and the frozen imitator answer."""

from __future__ import annotations

import re

import ipyvuetify as v

from viz.learn import NOTICE, NOTICE_LEARNERS, notice_words

from .conftest import button, wait_until, with_class


def test_the_prose_states_no_numbers_the_run_does_not_give():
    # the only numbers in the card's prose are the lengths of the test the run plays
    for text in (NOTICE.says, NOTICE.model, NOTICE.off):
        assert set(re.findall(r"\d+(?:\.\d+)?", text)) <= {"20"}


def test_notice_card_runs_both_learners_and_says_how_fast_each_noticed(dashboard):
    session, rc = dashboard
    button(rc, "Learn").click()
    card = with_class(rc, v.Card, "lesson-notice")
    assert card.widgets[0].children[0].children == ["Does it notice how it is treated?"]
    card.find(v.Btn, children=["Run the mini-run"]).widget.click()
    wait_until(lambda: "notice" in session.mini_runs.value, timeout=120)
    run = session.mini_runs.value["notice"]
    assert len(run.labels) == len(NOTICE_LEARNERS)
    words = wait_until(lambda: [w.children[0] for w in with_class(rc, v.Card, "lesson-notice")
                                .find(v.Html, class_="mini-run-words").widgets])
    assert words == [notice_words(label, run.summaries[label]) for label in run.labels]
    experience, frozen = (run.summaries[label] for label in run.labels)
    assert experience["seed"] == frozen["seed"] == session.model.params.seed
    # the learner that keeps learning moves; the frozen imitator, deployed by mid-life, mostly does not
    assert experience["n_ais"] > 0 and experience["median_half_life"] is not None
    assert f"{experience['n_ais']} AIs" in words[0]
