import subprocess
import sys

import pytest

from core.platform.paths import PROJECT_ROOT
from local.cli import main


@pytest.mark.parametrize(
    ("timestamp", "expected"),
    [
        ("2026-02-13T10:00:00+07:00", "2026-02-25T10:00:00+07:00"),  # Friday before Tết 2026
        ("2027-02-03T14:00:00+07:00", "2027-02-15T14:00:00+07:00"),  # across Tết 2027
        ("2026-08-21T09:15:00+07:00", "2026-08-25T09:15:00+07:00"),  # make-up Saturday
        ("2026-11-23T08:00:00+07:00", "2026-11-27T08:00:00+07:00"),  # Vietnam Cultural Day
        ("2026-11-29T10:00:00+07:00", "2026-12-03T00:00:00+07:00"),  # Sunday
        ("2026-11-29T23:30:00Z", "2026-12-03T06:30:00+07:00"),  # 23:30 UTC boundary
    ],
)
def test_sla_due_prints_the_local_due_time(capsys, timestamp, expected):
    assert main(["sla-due", timestamp]) == 0
    assert capsys.readouterr().out.strip() == expected


@pytest.mark.parametrize("timestamp", ["2026-02-13T10:00:00", "tomorrow", "2026-13-01T00:00:00Z"])
def test_sla_due_rejects_bad_timestamps_with_a_message(capsys, timestamp):
    assert main(["sla-due", timestamp]) == 2
    error = capsys.readouterr().err
    assert "offset" in error or "ISO-8601" in error


def test_module_entry_point_runs():
    result = subprocess.run(
        [sys.executable, "-m", "core", "sla-due", "2026-02-13T10:00:00+07:00"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == "2026-02-25T10:00:00+07:00"


def test_dev_with_provider_secrets_starts_everything_but_the_local_provider(tmp_path):
    from local.devstack import provider_secrets_problem, stack_commands

    secrets = tmp_path / "my-provider.toml"
    secrets.write_text(
        '[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\ncookie_secret = "x"\n'
        '[auth.root]\nserver_metadata_url = "https://id.example/.well-known/openid-configuration"\n'
    )
    assert provider_secrets_problem(secrets) is None
    commands = stack_commands(
        app_port=1, idp_port=2, smtp_port=3, billing_port=4, provider_secrets=secrets
    )
    assert set(commands) == {"mail-catcher", "billing-simulator", "outbox-worker", "app"}
    app = commands["app"]
    assert app[app.index("--secrets.files") + 1] == str(secrets.resolve())


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (None, "does not exist"),
        ("[auth", "not valid TOML"),
        ('[auth]\nredirect_uri = "x"\n', "redirect_uri and cookie_secret"),
        ('[auth]\nredirect_uri = "x"\ncookie_secret = "y"\n', "names no provider"),
    ],
)
def test_dev_refuses_provider_secrets_it_cannot_use(tmp_path, capsys, text, problem):
    path = tmp_path / "secrets.toml"
    if text is not None:
        path.write_text(text)
    assert main(["dev", "--provider-secrets", str(path)]) == 2
    assert problem in capsys.readouterr().err
