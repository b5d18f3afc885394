import pytest

from core.platform.paths import PROJECT_ROOT
from core.platform.production import production_problems, read_secrets
from core.platform.settings import get_settings

EXAMPLE = read_secrets([PROJECT_ROOT / ".streamlit" / "secrets.example.toml"])
GOOD = {
    "auth": {
        "redirect_uri": "https://partner.greennode.example/oauth2callback",
        "cookie_secret": "q3Zr8v1WbN0xk4TeY7mPs2LdHf9GcJuA6oRiE5tVn",
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
        "app_base_url": "https://partners.greennode.example",
        "app_base_url_set": True,
        "account_directory_url": "https://accounts.greennode.example/v1",
        "billing_url": "https://billing.greennode.example/v1",
        "billing_token": "Zk3m9QpL2vX8rT5wN7bY4cH6",
        "account_directory_token": "Qm8R2vK5tL9xW3nB7cY4pZ6d",
        **changes,
    }
    return get_settings().changed(**values)


def test_development_defaults_are_not_checked():
    assert production_problems(get_settings(), EXAMPLE) == []


SAFE_OPTIONS = {
    "server.enableXsrfProtection": True,
    "server.enableCORS": True,
    "client.showErrorDetails": "none",
}


def test_a_clean_production_deployment_passes():
    assert production_problems(production(), GOOD, SAFE_OPTIONS) == []


def test_the_committed_streamlit_config_is_fit_for_production():
    assert production_problems(production(), GOOD) == []


@pytest.mark.parametrize("environment", ["production", "Production", "PROD", "prod"])
def test_production_is_recognised_whatever_its_spelling(environment):
    assert production(environment=environment).is_production


def metadata(url: str) -> dict:
    return {"server_metadata_url": url}


@pytest.mark.parametrize(
    ("change", "setting"),
    [
        ({"cookie_secret": "a" * 64}, "cookie_secret"),
        ({"cookie_secret": "ab" * 32}, "cookie_secret"),
        ({"cookie_secret": "change-me-cookie-secret" + "x" * 20}, "cookie_secret"),
        ({"cookie_secret": EXAMPLE["auth"]["cookie_secret"]}, "cookie_secret"),
        ({"redirect_uri": "http://partner.greennode.example/oauth2callback"}, "redirect_uri"),
        ({"redirect_uri": "https://10.0.0.5/oauth2callback"}, "redirect_uri"),
        ({"root": metadata("https://127.0.0.2/.well-known/openid-configuration")}, "[auth.root]"),
        ({"root": metadata("https://localhost./.well-known/openid-configuration")}, "[auth.root]"),
        (
            {"staff": metadata("https://[::ffff:127.0.0.1]/.well-known/openid-configuration")},
            "[auth.staff]",
        ),
        ({"staff": metadata("https://idp.corp.local/.well-known/x")}, "[auth.staff]"),
        ({"staff": metadata("https://169.254.169.254/latest")}, "[auth.staff]"),
        (
            {
                "root": {
                    **GOOD["auth"]["root"],
                    "client_secret": "local-provider-accepts-any-secret",
                }
            },
            "client_secret",
        ),
    ],
)
def test_each_weak_or_local_value_is_refused(change, setting):
    secrets = {"auth": {**GOOD["auth"], **change}}
    problems = production_problems(production(), secrets, SAFE_OPTIONS)
    assert any(setting in problem for problem in problems), problems


@pytest.mark.parametrize(
    ("changes", "setting"),
    [
        ({"smtp_host": "127.0.0.2"}, "SMTP_HOST"),
        ({"smtp_host": "localhost."}, "SMTP_HOST"),
        ({"smtp_host": "::ffff:127.0.0.1"}, "SMTP_HOST"),
        ({"smtp_password": "hunter2", "smtp_security": "none"}, "SMTP_PASSWORD"),
        ({"app_base_url_set": False}, "APP_BASE_URL"),
        ({"app_base_url": "http://partners.greennode.example"}, "APP_BASE_URL"),
        ({"account_directory_url": ""}, "ACCOUNT_DIRECTORY_URL"),
        ({"account_directory_url": "http://127.0.0.1:9000"}, "ACCOUNT_DIRECTORY_URL"),
        ({"billing_url": "http://127.0.0.1:8030"}, "BILLING_URL"),
        ({"billing_token": ""}, "BILLING_TOKEN"),
        ({"billing_token": "short"}, "BILLING_TOKEN"),
        ({"billing_token": "dev-only-billing-token-123456"}, "BILLING_TOKEN"),
        ({"account_directory_token": ""}, "ACCOUNT_DIRECTORY_TOKEN"),
    ],
)
def test_each_weak_setting_is_refused(changes, setting):
    problems = production_problems(production(**changes), GOOD, SAFE_OPTIONS)
    assert any(setting in problem for problem in problems), problems


def test_smtp_password_over_starttls_passes():
    settings = production(smtp_password="hunter2", smtp_security="starttls")
    assert production_problems(settings, GOOD, SAFE_OPTIONS) == []


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("server.enableXsrfProtection", False),
        ("server.enableCORS", "false"),
        ("client.showErrorDetails", "full"),
        ("client.showErrorDetails", True),
    ],
)
def test_unsafe_streamlit_options_are_refused(option, value):
    problems = production_problems(production(), GOOD, {**SAFE_OPTIONS, option: value})
    assert any(option in problem for problem in problems), problems


def test_streamlit_options_from_the_environment_override_the_file(monkeypatch):
    from core.platform.production import streamlit_options

    monkeypatch.setenv("STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION", "false")
    problems = production_problems(production(), GOOD, streamlit_options())
    assert any("enableXsrfProtection" in problem for problem in problems)


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
