"""`python -m core cluster`: HAProxy in front of several app servers and outbox workers on PostgreSQL."""

from __future__ import annotations

import os
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
    seed_demo_history_once,
    streamlit_command,
    supervise,
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


def haproxy_config(public_port: int, backends: list[Backend], bind: str = "127.0.0.1") -> str:
    """The load balancer: sticky by cookie, websockets, health checks, failover."""
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
"""


def write_haproxy_config(path: Path, public_port: int, backends: list[Backend]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(haproxy_config(public_port, backends), encoding="utf-8")
    return path


def haproxy_command(config: Path) -> list[str]:
    binary = shutil.which("haproxy") or "/usr/sbin/haproxy"
    return [binary, "-f", str(config), "-db"]


def run(servers: int, workers: int) -> int:
    settings = get_settings()
    if settings.database_url.startswith("sqlite"):
        print(SQLITE_REFUSAL, file=sys.stderr)
        return 2
    if not (shutil.which("haproxy") or Path("/usr/sbin/haproxy").exists()):
        print("HAProxy is not installed: apt-get install haproxy", file=sys.stderr)
        return 2
    public_port = int(os.environ.get("APP_PORT", DEFAULT_APP_PORT))
    idp_port = int(os.environ.get("IDP_PORT", DEFAULT_IDP_PORT))
    smtp_port = int(os.environ.get("SMTP_PORT", "8025"))
    os.environ.setdefault("APP_BASE_URL", f"http://localhost:{public_port}")
    prepare_database(settings)
    seed_demo_history_once(settings)
    secrets_file = local_secrets(
        ensure_secrets(), RUN_DIR / "cluster-secrets.toml", app_port=public_port, idp_port=idp_port
    )
    backends = [
        Backend(f"app{n}", "127.0.0.1", public_port + 10 + n) for n in range(1, servers + 1)
    ]
    config = write_haproxy_config(RUN_DIR / "haproxy.cfg", public_port, backends)
    python = sys.executable
    commands: dict[str, list[str]] = {
        "openid-provider": [python, "-m", "core", "idp", "--port", str(idp_port)],
        "mail-catcher": [python, "-m", "core", "mailcatcher", "--port", str(smtp_port)],
    }
    for n in range(1, workers + 1):
        commands[f"outbox-worker-{n}"] = [python, "-m", "core", "worker"]
    for backend in backends:
        commands[backend.name] = streamlit_command(backend.port, secrets_file)
    commands["haproxy"] = haproxy_command(config)
    ports = ", ".join(str(b.port) for b in backends)
    return supervise(
        commands,
        f"GreenNode Partner Portal behind HAProxy: http://localhost:{public_port}  "
        f"(app servers on {ports}; {workers} outbox workers; Ctrl-C stops everything)",
    )
