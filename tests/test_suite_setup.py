"""The README's test command on a fresh machine: without Chromium the browser tests are
skipped with a one-line reason, unless CI is set (then they fail)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ONE_BROWSER_TEST = ("tests/browser/test_seminar_browser.py::"
                    "test_students_submit_and_the_instructor_sees_finished_runs_by_scenario")


def run_browser_test(tmp_path, **env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_XDIST_WORKER")}
    return subprocess.run([sys.executable, "-m", "pytest", ONE_BROWSER_TEST, "-n", "0", "-q", "-p", "no:cacheprovider"],
                          cwd=ROOT, env={**environ, "CHROMIUM": str(tmp_path / "no-chromium"), **env},
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("ci", [None, "true"], ids=["fresh machine", "CI"])
def test_browser_tests_skip_without_chromium_unless_ci_is_set(tmp_path, ci):
    """Fails if a missing Chromium errors on a fresh machine (or passes silently in CI)."""
    result = run_browser_test(tmp_path, **({"CI": ci} if ci else {}))
    if ci:
        assert result.returncode == 1, result.stdout[-2000:]
        assert "CI is set but no Chromium at" in result.stdout
    else:
        assert result.returncode == 0, result.stdout[-2000:]
        reasons = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
        assert len(reasons) == 1 and "(apt-get install chromium): browser tests skipped" in reasons[0], reasons
