"""`make run`: the whole local stack on its embedded defaults, stopped by Ctrl-C."""

from __future__ import annotations

import os
import re
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from core.platform.migrate import upgrade
from core.platform.paths import DATA_DIR, PROJECT_ROOT
from core.platform.settings import Settings, get_settings
from core.registration.terms import load_terms

SECRETS_EXAMPLE = PROJECT_ROOT / ".streamlit" / "secrets.example.toml"
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
RUN_DIR = DATA_DIR / ".run"
DEFAULT_APP_PORT, DEFAULT_IDP_PORT = 8501, 9400
ORDERLY_EXIT = (0, -signal.SIGINT, -signal.SIGTERM)


def ensure_secrets(path: Path = SECRETS_FILE) -> Path:
    """Write secrets.toml from the committed example, with a fresh cookie secret."""
    if not path.exists():
        text = SECRETS_EXAMPLE.read_text(encoding="utf-8")
        text = text.replace("change-me-cookie-secret", secrets.token_urlsafe(32))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        path.chmod(0o600)
        print(f"Wrote {path} with a new random cookie_secret")
    return path


def local_secrets(source: Path, target: Path, app_port: int, idp_port: int) -> Path:
    """A copy of the secrets whose local URLs use the chosen ports."""
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"localhost:8501\b", f"localhost:{app_port}", text)
    text = re.sub(r"localhost:9400\b", f"localhost:{idp_port}", text)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    target.chmod(0o600)
    return target


def streamlit_command(app_port: int, secrets_file: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "ui.server",
        "--server.port",
        str(app_port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--secrets.files",
        str(secrets_file),
    ]


def prepare_database(settings: Settings) -> None:
    """Check the Terms files and bring the schema up to date."""
    load_terms(settings.terms_dir)
    upgrade(settings.database_url)


def seed_demo_history_once(settings) -> None:
    """A fresh database gets ~2,000 demo applications so that every chart has data."""
    from sqlalchemy import func, select

    from core.platform.db import engine_for
    from core.platform.models import Application
    from local.seed import DEMO_PARTNER, seed_demo_partner, seed_history
    from local.seed_money import seed_demo_money

    engine = engine_for(settings.database_url)
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(Application)).scalar_one():
            return
    # The demo partner first: it is the first partner (GN-P-000001), as the README says.
    if seed_demo_partner(engine, load_terms(settings.terms_dir)):
        print(f"{DEMO_PARTNER} is an approved demo partner")
    summary = seed_history(engine, applications=2000, seed=1, terms=load_terms(settings.terms_dir))
    print(f"Seeded {summary.applications} demo applications for the dashboards")
    if seed_demo_money(engine):
        print(f"{DEMO_PARTNER} has a year of demo customers, discounts, credit and usage")


def provider_secrets_problem(path: Path) -> str | None:
    """Why ``path`` cannot be the app's secrets for an external provider (None: it can)."""
    from core.platform.production import read_secrets

    if not path.is_file():
        return f"{path} does not exist"
    try:
        auth = read_secrets([path]).get("auth")
    except ValueError as error:
        return f"{path} is not valid TOML: {error}"
    if not isinstance(auth, dict) or not {"redirect_uri", "cookie_secret"} <= auth.keys():
        return f"{path} needs an [auth] section with redirect_uri and cookie_secret"
    if not any(isinstance(v, dict) and "server_metadata_url" in v for v in auth.values()):
        return f"{path} names no provider ([auth.root], [auth.staff] with server_metadata_url)"
    return None


def worker_command(metrics_port: int) -> list[str]:
    """An outbox worker serving its Prometheus metrics on ``metrics_port``."""
    return [sys.executable, "-m", "core", "worker", "--metrics-port", str(metrics_port)]


def standin_commands(
    *,
    idp_port: int | None,
    smtp_port: int,
    billing_port: int,
    billing_store: Path | None = None,
) -> dict[str, list[str]]:
    """The local stand-ins for GreenNode's services: the OpenID provider (unless
    ``idp_port`` is None: sign-in elsewhere), the mail catcher and the billing simulator.
    The account directory's stand-in is the demo accounts file, read in process."""
    python = sys.executable
    commands = {}
    if idp_port is not None:
        commands["openid-provider"] = [python, "-m", "core", "idp", "--port", str(idp_port)]
    billing = [python, "-m", "core", "billing-sim", "--port", str(billing_port)]
    if billing_store is not None:
        billing += ["--store", str(billing_store)]
    return commands | {
        "mail-catcher": [python, "-m", "core", "mailcatcher", "--port", str(smtp_port)],
        "billing-simulator": billing,
    }


def stack_commands(
    *,
    app_port: int,
    idp_port: int,
    smtp_port: int,
    billing_port: int,
    provider_secrets: Path | None = None,
    metrics_port: int = 9464,
) -> dict[str, list[str]]:
    """Every process of the local stack; the local provider only without ``provider_secrets``."""
    if provider_secrets is None:
        secrets_file = local_secrets(
            ensure_secrets(), RUN_DIR / "secrets.toml", app_port=app_port, idp_port=idp_port
        )
    else:
        secrets_file = provider_secrets.resolve()
    standins = standin_commands(
        idp_port=idp_port if provider_secrets is None else None,
        smtp_port=smtp_port,
        billing_port=billing_port,
    )
    return standins | {
        "outbox-worker": worker_command(metrics_port),
        "app": streamlit_command(app_port, secrets_file),
    }


def run(provider_secrets: Path | None = None) -> int:
    """The whole local stack; with ``provider_secrets``, sign-in at that file's providers."""
    if provider_secrets is not None and (problem := provider_secrets_problem(provider_secrets)):
        print(f"Cannot start: {problem}", file=sys.stderr)
        return 2
    app_port = int(os.environ.get("APP_PORT", DEFAULT_APP_PORT))
    idp_port = int(os.environ.get("IDP_PORT", DEFAULT_IDP_PORT))
    smtp_port = int(os.environ.get("SMTP_PORT", "8025"))
    billing_port = int(os.environ.get("BILLING_PORT", "8030"))
    metrics_port = int(os.environ.get("METRICS_PORT", "9464"))
    os.environ.setdefault("APP_PORT", str(app_port))
    # The credential the app and worker present to the billing simulator, new each run.
    os.environ.setdefault("BILLING_TOKEN", secrets.token_urlsafe(24))
    get_settings.cache_clear()
    settings = get_settings()
    prepare_database(settings)
    seed_demo_history_once(settings)
    commands = stack_commands(
        app_port=app_port,
        idp_port=idp_port,
        smtp_port=smtp_port,
        billing_port=billing_port,
        provider_secrets=provider_secrets,
        metrics_port=metrics_port,
    )
    if provider_secrets is not None:
        print(f"Signing in at the providers in {provider_secrets}; no local provider is started")
    return supervise(
        commands,
        f"GreenNode Partner Portal: http://localhost:{app_port}  (Ctrl-C stops everything)",
    )


def supervise(commands: dict[str, list[str]], banner: str) -> int:
    """Start every command, print the banner, and stop them all when one ends or on Ctrl-C."""
    processes: dict[str, subprocess.Popen] = {}

    def _stop(*_):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    try:
        for name, command in commands.items():
            processes[name] = subprocess.Popen(command, cwd=PROJECT_ROOT)
            time.sleep(0.3)
        print(f"\n{banner}\n")
        while True:
            for name, process in processes.items():
                if process.poll() is not None:
                    if process.returncode in ORDERLY_EXIT:
                        return 0  # Ctrl-C reached the children first
                    print(f"{name} stopped with exit code {process.returncode}; stopping the rest")
                    return process.returncode
            time.sleep(0.5)
    except KeyboardInterrupt:
        return 0
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
