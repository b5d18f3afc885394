"""Settings are read once, typed and checked at start: a bad value stops the portal with
the variable's name and the reason, never later in the middle of a request."""

from __future__ import annotations

import subprocess
import sys

import pytest

from core.platform.paths import PROJECT_ROOT
from core.platform.settings import (
    CommissionTier,
    Settings,
    SettingsInvalid,
    get_settings,
    parse_tiers,
)


@pytest.fixture
def fresh_settings():
    get_settings.cache_clear()
    yield get_settings
    get_settings.cache_clear()


def test_the_defaults_are_the_local_stack(monkeypatch, fresh_settings):
    for name in ("APP_BASE_URL", "APP_PORT", "BILLING_URL", "BILLING_PORT", "COMMISSION_TIERS"):
        monkeypatch.delenv(name, raising=False)
    settings = fresh_settings()
    assert settings.app_base_url == "http://localhost:8501"
    assert not settings.app_base_url_set
    assert settings.billing_url == "http://127.0.0.1:8030"
    assert settings.commission_tiers[0] == CommissionTier(0, 500)


def test_values_are_parsed_once_from_the_environment(monkeypatch, fresh_settings):
    monkeypatch.setenv("APP_PORT", "9000")
    monkeypatch.setenv("REVIEWER_GROUPS", " a , b,,c ")
    monkeypatch.setenv("COMMISSION_TIERS", "0:4.5, 1000:7")
    monkeypatch.setenv("EMAILS_PER_ADDRESS_PER_HOUR", "4")
    monkeypatch.setenv("SUPPORT_EMAIL", "")  # empty counts as unset
    settings = fresh_settings()
    assert settings.app_base_url == "http://localhost:9000"
    assert settings.reviewer_groups == ("a", "b", "c")
    assert settings.commission_tiers == (CommissionTier(0, 450), CommissionTier(1000, 700))
    assert settings.emails_per_hour == 4
    assert settings.support.email == "partner-support@greennode.example"
    assert settings is fresh_settings()  # read once per process


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("COMMISSION_TIERS", "0:5,abc"),
        ("COMMISSION_TIERS", "10:5"),
        ("COMMISSION_TIERS", "0:5,0:8"),
        ("COMMISSION_TIERS", "0:101"),
        ("COMMISSION_TIERS", "0:5.001"),
        ("DIGEST_TIME", "25:00"),
        ("SMTP_PORT", "eighty"),
        ("SMTP_SECURITY", "tls1.3"),
        ("OUTBOX_MAX_ATTEMPTS", "0"),
        ("TOPUP_MIN_VND", "-1"),
        ("INVITATION_DAYS", "1.5"),
    ],
)
def test_a_bad_value_is_refused_at_start_naming_the_variable(
    monkeypatch, fresh_settings, name, value
):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsInvalid) as refused:
        fresh_settings()
    assert name in str(refused.value)


def test_minimum_above_maximum_is_refused(monkeypatch, fresh_settings):
    monkeypatch.setenv("TOPUP_MIN_VND", "600000000")
    with pytest.raises(SettingsInvalid, match="TOPUP_MIN_VND"):
        fresh_settings()


def test_a_variant_is_checked_like_the_environment():
    settings = Settings()
    assert settings.changed(commission_tiers="0:2").commission_tiers == (CommissionTier(0, 200),)
    assert settings.changed(app_base_url="https://p.example").app_base_url_set
    with pytest.raises(ValueError):
        settings.changed(digest_time="8:30pm")


def test_tiers_in_words():
    assert parse_tiers("0:5,50000000:8") == (
        CommissionTier(0, 500),
        CommissionTier(50_000_000, 800),
    )
    with pytest.raises(ValueError, match="start at 0"):
        parse_tiers("5:1")


def test_a_command_refuses_to_start_on_a_bad_setting():
    result = subprocess.run(
        [sys.executable, "-m", "core", "sla-due", "2026-12-01T09:00:00+07:00"],
        cwd=PROJECT_ROOT,
        env={"PATH": "/usr/bin:/bin", "DIGEST_TIME": "noon"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "DIGEST_TIME" in result.stderr
    assert "Traceback" not in result.stderr
