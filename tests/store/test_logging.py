"""Personal data stays out of logs: no bound parameters, no full addresses."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text
from sqlalchemy.exc import StatementError

from core.platform.db import engine_for
from core.platform.logs import mask_address


def test_engines_hide_bound_parameters_in_errors(tmp_path):
    engine = engine_for(f"sqlite:///{tmp_path / 'x.db'}")
    assert engine.hide_parameters
    with pytest.raises(StatementError) as failure, engine.connect() as connection:
        connection.execute(
            text("SELECT * FROM missing WHERE email = :e"), {"e": "victim@y.example"}
        )
    assert "victim@y.example" not in str(failure.value)


@pytest.mark.parametrize(
    ("address", "masked"),
    [("victim@y.example", "v***@y***"), ("x@z", "x***@z***"), ("no-at-sign", "***")],
)
def test_addresses_are_masked(address, masked):
    assert mask_address(address) == masked


def test_the_worker_logs_a_failure_without_the_address(engine, caplog):
    from core.messaging.email_outbox import run_once
    from core.platform.db import session_scope
    from core.platform.settings import get_settings
    from tests.factories import identity, submit

    with session_scope(engine) as session:
        submit(session, identity("eligible@acme.example"))

    def refuse(message, recipient):
        raise ConnectionRefusedError(f"cannot reach {recipient}")

    settings = get_settings().changed(outbox_backoff_seconds=0.0)
    with caplog.at_level(logging.WARNING, logger="outbox"):
        assert run_once(engine, settings, send=refuse).retried == 1
    assert caplog.records
    assert "eligible@acme.example" not in caplog.text
    assert "e***@a***" in caplog.text
