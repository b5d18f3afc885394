"""Faults injected into real processes: a worker killed mid-batch, SMTP refusing for a while."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import func, select

from core.db import engine_for, session_scope
from core.mailcatcher import _SaveToDirectory, caught
from core.models import OutboxMessage
from core.settings import PROJECT_ROOT
from tests.e2e.stack import free_port
from tests.factories import submit, synthetic_identity

pytestmark = pytest.mark.scale


class SlowCatcher(_SaveToDirectory):
    """Takes a while per message, so that a worker can be killed in the middle of a batch."""

    async def handle_DATA(self, server, session, envelope):
        time.sleep(0.15)
        return await super().handle_DATA(server, session, envelope)


def sent(engine) -> int:
    with session_scope(engine) as session:
        return session.exec(select(func.count()).where(OutboxMessage.status == "sent")).one()


def worker(database_url: str, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SMTP_PORT": str(port),
        "OUTBOX_LEASE_SECONDS": "2",
        "OUTBOX_BACKOFF_SECONDS": "0.2",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "core", "worker", "--poll", "0.2"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_until(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_worker_killed_mid_batch_is_finished_by_another(database_url, tmp_path):
    engine = engine_for(database_url)
    total = 30
    for n in range(total):
        with session_scope(engine) as session:
            submit(session, synthetic_identity(n))
    port = free_port()
    controller = Controller(SlowCatcher(tmp_path / "mail"), hostname="127.0.0.1", port=port)
    controller.start()
    first = second = None
    try:
        first = worker(database_url, port)
        assert wait_until(lambda: sent(engine) >= 5, 60), "first worker delivered nothing"
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        killed_at = sent(engine)
        assert killed_at < total, "the batch finished before the kill"
        second = worker(database_url, port)
        assert wait_until(lambda: sent(engine) == total, 90), f"stuck at {sent(engine)}"
    finally:
        for process in (first, second):
            if process and process.poll() is None:
                process.terminate()
                process.wait(timeout=10)
        controller.stop()
    messages = caught(tmp_path / "mail")
    per_id = Counter(m.message_id for m in messages)
    assert len(per_id) == total, "an email was lost"
    assert {m.recipient for m in messages} == {
        f"applicant{n}@company{n}.example" for n in range(total)
    }
    # A message the killed worker had handed over but not recorded may arrive
    # twice; if it does, both copies carry the same Message-ID.
    assert len(messages) - total == sum(c - 1 for c in per_id.values())
    assert len(messages) - total <= 1
