"""The outbox against a real database and a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import func, select

from core.messaging.email_outbox import run_once
from core.platform.db import engine_for, session_scope
from core.platform.errors import NotYet
from core.platform.models import Application, OutboxMessage, OutboxStatus, State
from core.platform.paths import PROJECT_ROOT
from core.platform.settings import get_settings
from core.platform.workdays import CALENDAR_VERSION, due_at
from core.registration.applications import resend_email
from core.registration.records import record_event
from local.mailcatcher import caught
from tests.e2e.stack import free_port
from tests.factories import identity, submit, synthetic_identity, worker_process

NOW = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)


def smtp_settings(port: int, **changes):
    return get_settings().changed(smtp_port=port, outbox_backoff_seconds=0.0, **changes)


def drain(engine, settings, rounds: int = 50) -> None:
    """Run the worker until nothing is left waiting."""
    for _ in range(rounds):
        run_once(engine, settings)
        with session_scope(engine) as session:
            waiting = session.exec(
                select(func.count()).where(OutboxMessage.status == OutboxStatus.PENDING)
            ).one()
        if not waiting:
            return


def statuses(engine) -> Counter:
    with session_scope(engine) as session:
        return Counter(session.exec(select(OutboxMessage.status)).all())


def test_submission_sends_exactly_one_email_in_the_applicants_language(engine, mail_server):
    with session_scope(engine) as session:
        submit(session, identity("eligible@acme.example"), lang="vi", now=NOW)
    drain(engine, smtp_settings(mail_server.port))
    messages = caught(mail_server.directory)
    assert len(messages) == 1
    message = messages[0]
    assert message.recipient == "eligible@acme.example"
    assert message.message["Content-Language"] == "vi"
    assert message.subject == "Đăng ký đối tác GreenNode của bạn đang chờ phê duyệt"
    assert "15:30, 01/12/2026 (giờ Việt Nam)" in message.body("plain")
    assert message.message_id.startswith("<outbox-")
    assert statuses(engine) == Counter({OutboxStatus.SENT: 1})


def test_a_rolled_back_transaction_sends_nothing(engine, mail_server):
    who = identity("eligible@acme.example")
    with session_scope(engine) as session:
        submit(session, identity("eligible2@globex.example"), now=NOW)  # an unrelated account
    with session_scope(engine) as session:
        application = Application(
            account_sub="eligible2@globex.example",
            state=State.REJECTED,
            email=who.email,
            language="en",
            terms_version="2026-01",
            terms_sha256="0" * 64,
            terms_language="en",
            terms_accepted_at=NOW,
            submitted_at=NOW,
            due_at=due_at(NOW),
            calendar_version=CALENDAR_VERSION,
        )
        session.add(application)
        session.flush()
        record_event(session, application, "submitted", who, NOW)
        assert session.exec(select(func.count()).select_from(OutboxMessage)).one() == 2
        session.rollback()
    drain(engine, smtp_settings(mail_server.port))
    assert len(caught(mail_server.directory)) == 1  # only the unrelated, committed one


def test_smtp_down_then_up_delivers_every_email_exactly_once(engine, tmp_path):
    from local.mailcatcher import start

    port = free_port()  # nothing listens here yet
    settings = smtp_settings(port)
    for n in range(5):
        with session_scope(engine) as session:
            submit(session, synthetic_identity(n), now=NOW)
    run_once(engine, settings)
    with session_scope(engine) as session:
        waiting = session.exec(select(OutboxMessage)).all()
    assert len(waiting) == 5
    assert all(m.status == OutboxStatus.PENDING and m.last_error for m in waiting)
    controller = start(tmp_path / "mail", port=port)
    try:
        drain(engine, settings)
    finally:
        controller.stop()
    messages = caught(tmp_path / "mail")
    assert sorted(m.recipient for m in messages) == sorted(
        f"applicant{n}@company{n}.example" for n in range(5)
    )
    assert len({m.message_id for m in messages}) == 5
    assert statuses(engine) == Counter({OutboxStatus.SENT: 5})


def test_after_the_attempt_limit_a_message_is_failed_and_kept(engine):
    settings = smtp_settings(free_port(), outbox_max_attempts=2)
    with session_scope(engine) as session:
        submit(session, identity("eligible@acme.example"), now=NOW)
    run_once(engine, settings)
    run_once(engine, settings)
    with session_scope(engine) as session:
        (message,) = session.exec(select(OutboxMessage)).all()
    assert message.status == OutboxStatus.FAILED
    assert message.attempts == 2
    assert "Error" in message.last_error


def test_a_resend_after_a_crash_carries_the_same_message_id(engine, mail_server):
    settings = smtp_settings(mail_server.port)
    with session_scope(engine) as session:
        submit(session, identity("eligible@acme.example"), now=NOW)

    def crash_after_sending(message, recipient):
        from core.messaging.email_outbox import smtp_send

        smtp_send(settings, message, recipient)
        raise ConnectionResetError("worker died before recording the delivery")

    run_once(engine, settings, send=crash_after_sending)
    drain(engine, settings)
    ids = [m.message_id for m in caught(mail_server.directory)]
    assert len(ids) == 2 and ids[0] == ids[1]


@pytest.mark.scale
def test_two_worker_processes_deliver_200_messages_once_each(database_url, mail_server):
    engine = engine_for(database_url)
    for n in range(200):
        with session_scope(engine) as session:
            submit(session, synthetic_identity(n), now=NOW)
    workers = [
        worker_process(database_url, mail_server.port, EMAILS_PER_ADDRESS_PER_HOUR="1000")
        for _ in range(2)
    ]
    try:
        deadline = time.monotonic() + 180
        while statuses(engine)[OutboxStatus.SENT] < 200 and time.monotonic() < deadline:
            time.sleep(0.3)
    finally:
        for process in workers:
            process.terminate()
            process.wait(timeout=15)
    messages = caught(mail_server.directory)
    ids = Counter(m.message_id for m in messages)
    assert len(messages) == 200
    assert len(ids) == 200 and max(ids.values()) == 1
    assert statuses(engine) == Counter({OutboxStatus.SENT: 200})
    with session_scope(engine) as session:
        senders = Counter(
            claimed.split(":")[1] for claimed in session.exec(select(OutboxMessage.claimed_by))
        )
    assert set(senders) == {str(p.pid) for p in workers}, senders  # both delivered


def test_resend_is_limited_to_once_every_ten_minutes(engine):
    who = identity("eligible@acme.example")
    with session_scope(engine) as session:
        submit(session, who, now=NOW)
    with session_scope(engine) as session, pytest.raises(NotYet) as wait:
        resend_email(session=session, identity=who, now=NOW + timedelta(minutes=9))
    assert wait.value.available_at == NOW + timedelta(minutes=10)
    with session_scope(engine) as session:
        message = resend_email(session=session, identity=who, now=NOW + timedelta(minutes=10))
    assert message.kind == "submitted"
    with session_scope(engine) as session, pytest.raises(NotYet):
        resend_email(session=session, identity=who, now=NOW + timedelta(minutes=15))
    with session_scope(engine) as session:
        assert session.exec(select(func.count()).select_from(OutboxMessage)).one() == 2


def test_worker_process_stops_cleanly_on_sigterm(database_url, tmp_path):
    env = {**os.environ, "DATABASE_URL": database_url, "SMTP_PORT": str(free_port())}
    worker = subprocess.Popen(
        [sys.executable, "-m", "core", "worker", "--poll", "0.2"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    time.sleep(2)
    worker.send_signal(signal.SIGTERM)
    output, _ = worker.communicate(timeout=15)
    assert worker.returncode == 0, output
    assert "stopped" in output


def test_emails_follow_the_language_the_applicant_uses_now(engine, mail_server):
    from core.platform.accounts import set_language

    who = identity("eligible@acme.example")
    with session_scope(engine) as session:
        submit(session, who, lang="en", now=NOW)
    with session_scope(engine) as session:
        set_language(session=session, identity=who, language="vi")
    with session_scope(engine) as session:
        resend_email(session=session, identity=who, now=NOW + timedelta(minutes=11))
    drain(engine, smtp_settings(mail_server.port))
    languages = sorted(m.message["Content-Language"] for m in caught(mail_server.directory))
    assert languages == ["en", "vi"]
