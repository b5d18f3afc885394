"""Logs are JSON lines: the event, its use case, the masked actor, the session and the duration."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time

import pytest

from core.platform.logs import JsonFormatter, log_context, mask_actor, timed
from core.platform.paths import PROJECT_ROOT


@pytest.fixture
def lines():
    """What a JSON-formatted logger writes, as parsed objects."""

    class Collect(logging.Handler):
        def __init__(self) -> None:
            super().__init__()
            self.setFormatter(JsonFormatter())
            self.written: list[str] = []

        def emit(self, record: logging.LogRecord) -> None:
            self.written.append(self.format(record))

    handler = Collect()
    logger = logging.getLogger("test.logs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger, handler.written
    logger.removeHandler(handler)


def test_a_line_is_one_json_object_with_its_context_and_duration(lines):
    logger, written = lines
    with (
        log_context(session="5f1c", actor=mask_actor("victim@bakery.example"), page="credits"),
        timed(logger, "action", use_case="top_up"),
    ):
        logger.warning("billing answered %d", 503)
    assert len(written) == 2 and all("\n" not in line for line in written)
    first, second = (json.loads(line) for line in written)
    assert first["event"] == "billing answered %d" and first["message"] == "billing answered 503"
    assert first["level"] == "warning" and first["session"] == "5f1c"
    assert second["event"] == "action" and second["use_case"] == "top_up"
    assert second["outcome"] == "ok" and second["duration_ms"] >= 0
    assert second["actor"] == "v***@b***" and second["page"] == "credits"
    assert "victim" not in "".join(written)


def test_a_failed_block_is_logged_as_an_error_and_raised(lines):
    logger, written = lines
    with pytest.raises(ValueError), timed(logger, "periodic_task", use_case="usage"):
        raise ValueError("quantity NaN")
    line = json.loads(written[-1])
    assert (line["level"], line["outcome"], line["use_case"]) == ("error", "error", "usage")


def test_account_ids_are_masked_addresses_or_short_digests():
    assert mask_actor("partner@reseller.example") == "p***@r***"
    opaque = mask_actor("4f0c2a51-9d7e-4b1a-8c3f-2e6d5a7b9c10")
    assert opaque.startswith("id:") and len(opaque) == 13 and "4f0c2a51" not in opaque
    assert mask_actor(None) is None


def test_the_worker_writes_only_json_lines(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'partner.db'}"}
    env.pop("APP_ENV", None)
    subprocess.run(
        [sys.executable, "-m", "core", "migrate"], cwd=PROJECT_ROOT, env=env, check=True,
        capture_output=True,
    )  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-m", "core", "worker", "--poll", "0.2"],
        cwd=PROJECT_ROOT,
        env={**env, "BILLING_URL": "http://127.0.0.1:9"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(6)
    worker.terminate()
    _, errors = worker.communicate(timeout=30)
    parsed = [json.loads(line) for line in errors.splitlines() if line.strip()]
    tasks = [line for line in parsed if line["event"] == "periodic_task"]
    assert {"usage_days_imported", "ledger_checked", "digests"} <= {t["use_case"] for t in tasks}
    assert all(isinstance(t["duration_ms"], float) for t in tasks)
    assert any(line["event"].startswith("outbox worker %s started") for line in parsed)


def test_a_worker_whose_metrics_port_is_taken_says_so_and_stops(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'partner.db'}"}
        env.pop("APP_ENV", None)
        result = subprocess.run(
            [sys.executable, "-m", "core", "worker", "--metrics-port", str(port)],
            cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    assert result.returncode == 2
    assert f"Cannot serve metrics on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr
