import dataclasses

import pytest

from core.production import production_problems, read_secrets
from core.settings import PROJECT_ROOT, get_settings

EXAMPLE = read_secrets([PROJECT_ROOT / ".streamlit" / "secrets.example.toml"])
GOOD = {
    "auth": {
        "redirect_uri": "https://partner.greennode.example/oauth2callback",
        "cookie_secret": "k" * 48,
        "root": {
            "server_metadata_url": "https://signin.greennode.example/.well-known/openid-configuration"
        },
        "staff": {
            "server_metadata_url": "https://signin.greennode.example/.well-known/openid-configuration"
        },
    }
}


def production(**changes):
    values = {
        "environment": "production",
        "database_url": "postgresql+psycopg://portal@db/partner",
        "smtp_host": "smtp.greennode.example",
        **changes,
    }
    return dataclasses.replace(get_settings(), **values)


def test_development_defaults_are_not_checked():
    assert production_problems(get_settings(), EXAMPLE) == []


def test_a_clean_production_deployment_passes():
    assert production_problems(production(), GOOD) == []


def test_the_committed_example_is_refused_naming_each_setting():
    problems = production_problems(production(database_url="sqlite:///data/partner.db"), EXAMPLE)
    text = "\n".join(problems)
    assert "cookie_secret" in text
    assert "[auth.root] server_metadata_url" in text
    assert "[auth.staff] server_metadata_url" in text
    assert "DATABASE_URL" in text


@pytest.mark.parametrize(
    ("change", "setting"),
    [
        ({"cookie_secret": "short"}, "cookie_secret"),
        ({"cookie_secret": "change-me-cookie-secret"}, "cookie_secret"),
        (
            {
                "root": {
                    "server_metadata_url": "http://127.0.0.1:9400/.well-known/openid-configuration"
                }
            },
            "[auth.root]",
        ),
    ],
)
def test_each_development_value_is_refused(change, setting):
    secrets = {"auth": {**GOOD["auth"], **change}}
    assert any(setting in problem for problem in production_problems(production(), secrets))


def test_local_mail_catcher_is_refused():
    problems = production_problems(production(smtp_host="127.0.0.1"), GOOD)
    assert any("SMTP_HOST" in problem for problem in problems)
