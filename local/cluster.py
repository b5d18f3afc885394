"""`python -m core cluster`: HAProxy in front of several app servers and outbox workers on PostgreSQL."""

from __future__ import annotations

import os
import secrets
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from core.platform.settings import get_settings
from local.devstack import (
    DEFAULT_APP_PORT,
    DEFAULT_IDP_PORT,
    RUN_DIR,
    ensure_secrets,
    local_secrets,
    prepare_database,
    provider_secrets_problem,
    seed_demo_history_once,
    standin_commands,
    streamlit_command,
    supervise,
    worker_command,
)

SQLITE_REFUSAL = (
    "The cluster needs PostgreSQL: its app servers and outbox workers are separate "
    "processes sharing one database, and SQLite allows one writer at a time on one "
    "machine's file. Set DATABASE_URL, e.g. "
    "DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/partner"
)


@dataclass(frozen=True)
class Backend:
    name: str
    host: str
    port: int


def haproxy_config(
    public_port: int,
    backends: list[Backend],
    bind: str = "127.0.0.1",
    metrics_port: int | None = None,
) -> str:
    """The load balancer: sticky by cookie, websockets, health checks, failover; with
    ``metrics_port``, HAProxy's own Prometheus exporter on that port (operators only)."""
    servers = "\n".join(
        f"    server {b.name} {b.host}:{b.port} check cookie {b.name}" for b in backends
    )
    return f"""global
    maxconn 4096

defaults
    mode http
    option httplog
    option forwardfor
    # A server that stops answering loses its clients to another one; a request cut
    # off by a server's death (a script the page was loading) is tried on another.
    option redispatch
    retries 3
    retry-on conn-failure empty-response
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    # Each browser tab keeps one websocket (/_stcore/stream) open for its session.
    timeout tunnel 1h

frontend portal
    bind {bind}:{public_port}
    # Never framed by another site, no content-type guessing, no address sent elsewhere.
    http-response set-header Content-Security-Policy "frame-ancestors 'none'"
    http-response set-header X-Content-Type-Options nosniff
    http-response set-header Referrer-Policy same-origin
    # An app server's own metrics are for operators on its host, not for the internet.
    http-request deny if {{ path_beg /_stcore/metrics }}
    default_backend app_servers

backend app_servers
    balance roundrobin
    # Sticky sessions: a tab's websocket and its reloads reach the same server.
    cookie GN_SERVER insert indirect nocache httponly
    option httpchk GET /_stcore/health
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
{servers}
""" + (_haproxy_metrics(bind, metrics_port) if metrics_port else "")


def _haproxy_metrics(bind: str, port: int) -> str:
    return f"""
frontend metrics
    bind {bind}:{port}
    no log
    http-request use-service prometheus-exporter if {{ path /metrics }}
    http-request return status 404
"""


def write_haproxy_config(
    path: Path, public_port: int, backends: list[Backend], metrics_port: int | None = None
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(haproxy_config(public_port, backends, metrics_port=metrics_port), "utf-8")
    return path


def haproxy_command(config: Path) -> list[str]:
    binary = shutil.which("haproxy") or "/usr/sbin/haproxy"
    return [binary, "-f", str(config), "-db"]


def answers(url: str, timeout: float = 5.0) -> str | None:
    """Why ``url`` did not answer (None: it answered, whatever its status)."""
    import httpx

    try:
        httpx.get(url, timeout=timeout, follow_redirects=False)
    except httpx.HTTPError as error:
        return type(error).__name__
    return None


def external_problems(provider_secrets: Path) -> list[str]:
    """Why the cluster cannot run on GreenNode's own services (empty: it can)."""
    from core.platform.production import provider_findings, read_secrets

    problems = []
    for name in ("BILLING_URL", "ACCOUNT_DIRECTORY_URL"):
        url = os.environ.get(name, "")
        if not url:
            problems.append(f"{name} is not set")
        elif why := answers(url):
            problems.append(f"{name} {url} did not answer ({why})")
    if problem := provider_secrets_problem(provider_secrets):
        return [*problems, problem]
    findings = provider_findings(read_secrets([provider_secrets]), get_settings())
    return [*problems, *findings.problems, *findings.unreachable]


def run(
    servers: int,
    workers: int,
    *,
    external: bool = False,
    provider_secrets: Path | None = None,
    run_dir: Path | None = None,
) -> int:
    """What `make run` runs, behind HAProxy: the stand-ins for GreenNode's services
    included; ``external``: GreenNode's own services, each checked before anything starts."""
    run_dir = run_dir or RUN_DIR
    settings = get_settings()
    if settings.database_url.startswith("sqlite"):
        print(SQLITE_REFUSAL, file=sys.stderr)
        return 2
    if not (shutil.which("haproxy") or Path("/usr/sbin/haproxy").exists()):
        print("HAProxy is not installed: apt-get install haproxy", file=sys.stderr)
        return 2
    if external:
        provider_secrets = provider_secrets or Path(".streamlit/secrets.toml")
        if problems := external_problems(provider_secrets):
            for problem in problems:
                print(f"Cannot start on external services: {problem}", file=sys.stderr)
            return 2
    public_port = int(os.environ.get("APP_PORT", DEFAULT_APP_PORT))
    idp_port = int(os.environ.get("IDP_PORT", DEFAULT_IDP_PORT))
    smtp_port = int(os.environ.get("SMTP_PORT", "8025"))
    billing_port = int(os.environ.get("BILLING_PORT", "8030"))
    metrics_port = int(os.environ.get("METRICS_PORT", "9464"))
    os.environ.setdefault("APP_BASE_URL", f"http://localhost:{public_port}")
    commands: dict[str, list[str]] = {}
    if external:
        secrets_file = provider_secrets.resolve()
    else:
        # The credential app servers and workers present to the billing simulator.
        os.environ.setdefault("BILLING_TOKEN", secrets.token_urlsafe(24))
        os.environ["BILLING_URL"] = f"http://127.0.0.1:{billing_port}"
        get_settings.cache_clear()
        settings = get_settings()
        # The local provider's secrets with a cookie secret of the cluster's own, kept
        # in its run directory (every app server shares it; a restart keeps sessions).
        secrets_file = local_secrets(
            ensure_secrets(run_dir / "secrets-source.toml"),
            run_dir / "cluster-secrets.toml",
            public_port,
            idp_port,
        )
        commands |= standin_commands(
            idp_port=idp_port,
            smtp_port=smtp_port,
            billing_port=billing_port,
            billing_store=run_dir / "billing-sim.db",
        )
    prepare_database(settings)
    if not external:
        seed_demo_history_once(settings)
    backends = [
        Backend(f"app{n}", "127.0.0.1", public_port + 10 + n) for n in range(1, servers + 1)
    ]
    haproxy_metrics = metrics_port + workers
    config = write_haproxy_config(
        run_dir / "haproxy.cfg", public_port, backends, metrics_port=haproxy_metrics
    )
    for n in range(1, workers + 1):
        commands[f"outbox-worker-{n}"] = worker_command(metrics_port + n - 1)
    for backend in backends:
        commands[backend.name] = streamlit_command(backend.port, secrets_file)
    commands["haproxy"] = haproxy_command(config)
    ports = ", ".join(str(b.port) for b in backends)
    scraped = ", ".join(str(metrics_port + n) for n in range(workers + 1))
    services = "GreenNode's services" if external else "local stand-ins"
    return supervise(
        commands,
        f"GreenNode Partner Portal behind HAProxy: http://localhost:{public_port}  "
        f"(app servers on {ports}; {workers} outbox workers; {services}; "
        f"Prometheus metrics on {scraped}; Ctrl-C stops everything)",
    )
