"""What a production deployment must not run with; each problem names its setting."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from core.settings import Settings

DEV_COOKIE_SECRETS = {"change-me-cookie-secret", "", "changeme", "secret"}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}
MIN_SECRET_LENGTH = 32


def read_secrets(files: Iterable[Path]) -> dict[str, Any]:
    """Merge the TOML secrets files the way Streamlit does: later files win."""
    merged: dict[str, Any] = {}
    for path in files:
        if path.is_file():
            merged.update(tomllib.loads(path.read_text(encoding="utf-8")))
    return merged


def _providers(auth: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    providers = {k: v for k, v in auth.items() if isinstance(v, Mapping)}
    if "server_metadata_url" in auth:
        providers["default"] = auth
    return providers


def production_problems(settings: Settings, secrets: Mapping[str, Any]) -> list[str]:
    """Empty when the deployment is fit for production (or is not production)."""
    if not settings.is_production:
        return []
    problems = []
    auth = secrets.get("auth", {}) if isinstance(secrets.get("auth"), Mapping) else {}
    cookie = str(auth.get("cookie_secret", ""))
    if cookie in DEV_COOKIE_SECRETS or len(cookie) < MIN_SECRET_LENGTH:
        problems.append(
            "[auth] cookie_secret in .streamlit/secrets.toml is the development value or "
            f"shorter than {MIN_SECRET_LENGTH} characters: set a long random secret, "
            "the same on every app server"
        )
    for name, provider in _providers(auth).items():
        host = urlparse(str(provider.get("server_metadata_url", ""))).hostname or ""
        if host in LOCAL_HOSTS:
            problems.append(
                f"[auth.{name}] server_metadata_url points at the local demo OpenID provider "
                f"({host}): point it at the GreenNode identity provider"
            )
    redirect = urlparse(str(auth.get("redirect_uri", ""))).hostname or ""
    if redirect in LOCAL_HOSTS:
        problems.append("[auth] redirect_uri is a local address: use the portal's public URL")
    if settings.database_url.startswith("sqlite"):
        problems.append(
            "DATABASE_URL is the SQLite default: set it to the shared PostgreSQL database "
            "(postgresql+psycopg://user:password@host/db)"
        )
    if settings.smtp_host in LOCAL_HOSTS:
        problems.append("SMTP_HOST is the local mail catcher: set the real SMTP server")
    return problems
