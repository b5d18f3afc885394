"""The alerting rules operators load: valid for Prometheus, and each alert fires when it should."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from core.platform.paths import PROJECT_ROOT

OPS = PROJECT_ROOT / "ops"
pytestmark = pytest.mark.skipif(
    not shutil.which("promtool"),
    reason="promtool is not installed (apt-get install prometheus; .ci/run does)",
)


def promtool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["promtool", *args], cwd=OPS, capture_output=True, text=True, timeout=120, check=False
    )


def test_promtool_accepts_the_rules():
    checked = promtool("check", "rules", "alerts.yml")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "SUCCESS: 8 rules found" in checked.stdout


def test_each_alert_fires_on_its_figures_and_not_before():
    tested = promtool("test", "rules", "alerts.test.yml")
    assert tested.returncode == 0, tested.stdout + tested.stderr
