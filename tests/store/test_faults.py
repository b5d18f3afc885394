"""Faults injected into real processes: a worker killed mid-batch, SMTP refusing for a while."""

import signal
import subprocess
import time
from collections import Counter

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import func, select

from core.messaging.emails import message_id
from core.platform.db import engine_for, session_scope
from core.platform.models import OutboxMessage
from core.platform.settings import get_settings
from local.mailcatcher import _SaveToDirectory, caught
from tests.e2e.stack import free_port
from tests.factories import submit, synthetic_identity, worker_process

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
    return worker_process(
        database_url, port, OUTBOX_LEASE_SECONDS="2", OUTBOX_BACKOFF_SECONDS="0.2"
    )


def leased_by(engine, pid: int) -> set[int]:
    """Unsent messages a worker process holds a lease on."""
    with session_scope(engine) as session:
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.status == "pending")).all()
    return {r.id for r in rows if r.claimed_by and r.claimed_by.split(":")[1] == str(pid)}


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
        orphaned = leased_by(engine, first.pid)
        assert orphaned, "the killed worker held no unfinished lease: nothing was mid-batch"
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
    with session_scope(engine) as session:
        rows = session.exec(select(OutboxMessage)).all()
    expected = {r.id: message_id(r.id, r.event_id, get_settings().mail_from) for r in rows}
    assert set(per_id) == set(expected.values()), "an email was lost or is not from the outbox"
    assert all(r.status == "sent" for r in rows)
    # What the killed worker had leased but not finished, the second worker sent.
    assert all(r.claimed_by.split(":")[1] == str(second.pid) for r in rows if r.id in orphaned)
    # The one message the killed worker may have handed to SMTP without recording
    # it comes again, with the same Message-ID, and only from what it had leased.
    redelivered = {mid for mid, count in per_id.items() if count > 1}
    assert max(per_id.values()) <= 2
    assert len(redelivered) <= 1
    assert redelivered <= {expected[i] for i in orphaned}
