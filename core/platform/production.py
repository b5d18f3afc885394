"""What a production deployment must not run with; each problem names its setting."""

from __future__ import annotations

import math
import os
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from core.platform.hosts import is_local_host
from core.platform.oidc import discovery_findings, provider_config
from core.platform.paths import PROJECT_ROOT
from core.platform.settings import Settings

MIN_SECRET_LENGTH = 32
# A service credential shorter than this, or made for local use, is no credential.
MIN_TOKEN_LENGTH = 24
DEV_TOKEN_MARKERS = ("dev", "local", "test", "change-me")
# Below this many bits per character a secret is a pattern ("aaaa…", "abab…"), not random.
MIN_SECRET_ENTROPY_BITS = 3.0
KNOWN_EXAMPLE_SECRETS = frozenset(
    {
        "change-me-cookie-secret",
        "local-provider-accepts-any-secret",
        "changeme",
        "secret",
        "your-secret-here",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    }
)
DEMO_CLIENT_SECRET = "local-provider-accepts-any-secret"
STREAMLIT_CONFIG = PROJECT_ROOT / ".streamlit" / "config.toml"
STREAMLIT_ENV = {
    "server.enableXsrfProtection": "STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION",
    "server.enableCORS": "STREAMLIT_SERVER_ENABLE_CORS",
    "client.showErrorDetails": "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS",
}


def read_secrets(files: Iterable[Path]) -> dict[str, Any]:
    """Merge the TOML secrets files the way Streamlit does: later files win."""
    merged: dict[str, Any] = {}
    for path in files:
        if path.is_file():
            merged.update(tomllib.loads(path.read_text(encoding="utf-8")))
    return merged


def looks_random(secret: str) -> bool:
    if len(secret) < MIN_SECRET_LENGTH or secret.lower() in KNOWN_EXAMPLE_SECRETS:
        return False
    counts = Counter(secret)
    entropy = -sum(n / len(secret) * math.log2(n / len(secret)) for n in counts.values())
    return entropy >= MIN_SECRET_ENTROPY_BITS and not any(
        marker in secret.lower() for marker in ("change-me", "changeme", "example")
    )


def _providers(auth: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    providers = {k: v for k, v in auth.items() if isinstance(v, Mapping)}
    if "server_metadata_url" in auth:
        providers["default"] = auth
    return providers


def _https_public(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme == "https" and not is_local_host(parsed.hostname or "")


def _auth_problems(auth: Mapping[str, Any]) -> list[str]:
    problems = []
    if not looks_random(str(auth.get("cookie_secret", ""))):
        problems.append(
            "[auth] cookie_secret in .streamlit/secrets.toml is a known example, a pattern or "
            f"shorter than {MIN_SECRET_LENGTH} characters: set a long random secret "
            "(python -c 'import secrets; print(secrets.token_urlsafe(48))'), "
            "the same on every app server"
        )
    if not _https_public(str(auth.get("redirect_uri", ""))):
        problems.append(
            "[auth] redirect_uri must be the portal's public https:// address "
            "(https://partners.example.com/oauth2callback)"
        )
    for name, provider in _providers(auth).items():
        if not _https_public(str(provider.get("server_metadata_url", ""))):
            problems.append(
                f"[auth.{name}] server_metadata_url must be the GreenNode identity provider's "
                "public https:// discovery URL, not a local or private address"
            )
        if str(provider.get("client_secret", "")) == DEMO_CLIENT_SECRET:
            problems.append(
                f"[auth.{name}] client_secret is the local demo value: use the secret "
                "the identity provider issued for this client"
            )
    return problems


def streamlit_options(path: Path = STREAMLIT_CONFIG) -> dict[str, Any]:
    """The security-relevant Streamlit options: config.toml, overridden by the environment."""
    config = tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    server, client = config.get("server", {}), config.get("client", {})
    options = {
        "server.enableXsrfProtection": server.get("enableXsrfProtection", True),
        "server.enableCORS": server.get("enableCORS", True),
        "client.showErrorDetails": client.get("showErrorDetails", "full"),
    }
    for key, env in STREAMLIT_ENV.items():
        if env in os.environ:
            options[key] = os.environ[env]
    return options


def _is_off(value: Any) -> bool:
    return str(value).strip().lower() in ("false", "0", "none", "off", "no")


def _config_problems(options: Mapping[str, Any]) -> list[str]:
    problems = []
    for key in ("server.enableXsrfProtection", "server.enableCORS"):
        if _is_off(options[key]):
            problems.append(f"{key} is off in .streamlit/config.toml: keep it on (true)")
    if not _is_off(options["client.showErrorDetails"]):
        problems.append(
            'client.showErrorDetails must be "none" in .streamlit/config.toml: '
            "error details would show tracebacks to users"
        )
    return problems


def production_problems(
    settings: Settings, secrets: Mapping[str, Any], options: Mapping[str, Any] | None = None
) -> list[str]:
    """Empty when the deployment is fit for production (or is not production)."""
    if not settings.is_production:
        return []
    auth = secrets.get("auth", {}) if isinstance(secrets.get("auth"), Mapping) else {}
    problems = _auth_problems(auth)
    problems += _config_problems(options if options is not None else streamlit_options())
    if not settings.app_base_url_set or not _https_public(settings.app_base_url):
        problems.append(
            "APP_BASE_URL must be set to the portal's public https:// address (emails link to it)"
        )
    if settings.database_url.startswith("sqlite"):
        problems.append(
            "DATABASE_URL is the SQLite default: set it to the shared PostgreSQL database "
            "(postgresql+psycopg://user:password@host/db)"
        )
    if is_local_host(settings.smtp_host):
        problems.append(
            "SMTP_HOST is the local mail catcher or a local address: set the real SMTP server"
        )
    if not _https_public(settings.account_directory_url):
        problems.append(
            "ACCOUNT_DIRECTORY_URL must be the GreenNode account service's https:// address: "
            "without it, customer accounts are checked against the demo accounts file"
        )
    if not _https_public(settings.billing_url):
        problems.append(
            "BILLING_URL must be GreenNode billing's https:// address: it is the local "
            "billing simulator otherwise"
        )
    for name, token in (
        ("BILLING_TOKEN", settings.billing_token),
        ("ACCOUNT_DIRECTORY_TOKEN", settings.account_directory_token),
    ):
        if len(token) < MIN_TOKEN_LENGTH or token.lower().startswith(DEV_TOKEN_MARKERS):
            problems.append(
                f"{name} must be the credential GreenNode issued to the portal "
                f"(at least {MIN_TOKEN_LENGTH} characters): the service refuses calls without it"
            )
    if settings.smtp_password and settings.smtp_security.lower() not in ("starttls", "ssl"):
        problems.append(
            "SMTP_PASSWORD is set but SMTP_SECURITY is not starttls or ssl: "
            "the password would cross the network in plain text"
        )
    return problems


def fetch_discovery(url: str, timeout: float = 5.0) -> Mapping[str, Any]:
    import httpx

    response = httpx.get(url, timeout=timeout, follow_redirects=False)
    response.raise_for_status()
    return response.json()


@dataclass(frozen=True)
class ProviderFindings:
    """What each provider's discovery says: problems refuse, warnings inform, and a
    provider that could not be asked now (``unreachable``) has not passed."""

    problems: list[str]
    warnings: list[str]
    unreachable: list[str]


def provider_findings(
    secrets: Mapping[str, Any], settings: Settings, fetch=fetch_discovery
) -> ProviderFindings:
    """Each provider's discovery against what the portal asks of it (core.platform.oidc).

    Streamlit sends an S256 challenge only when the provider advertises it, so a
    provider that does not would silently drop PKCE; a provider that does not
    accept the configured prompt refuses every sign-in; without a userinfo
    endpoint a standard provider's ID token carries only `sub`.
    """
    auth = secrets.get("auth", {}) if isinstance(secrets.get("auth"), Mapping) else {}
    found = ProviderFindings([], [], [])
    for name, provider in _providers(auth).items():
        url = str(provider.get("server_metadata_url", ""))
        try:
            metadata = fetch(url)
            if not isinstance(metadata, Mapping):
                raise ValueError("not a JSON object")
        except Exception as error:  # network, HTTP status, not JSON: all "cannot check now"
            found.unreachable.append(
                f"[auth.{name}] cannot check the identity provider now: {url} did not answer "
                f"({type(error).__name__}); run check-production again"
            )
            continue
        problems, warnings = discovery_findings(metadata, provider_config(auth, name, settings))
        found.problems.extend(problems)
        found.warnings.extend(warnings)
    return found
