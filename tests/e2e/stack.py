"""Start the real processes (provider, app, ...) on free local ports for browser tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from core.platform.paths import PROJECT_ROOT
from local.devstack import SECRETS_EXAMPLE, local_secrets, streamlit_command

if TYPE_CHECKING:
    from tests.pg import ThrowawayCluster


# Debian's Chromium, headless, with nothing that reaches beyond this machine.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status < 500:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s")


@dataclass
class LiveStack:
    workdir: Path
    database_url: str
    env: dict[str, str] = field(default_factory=dict)
    processes: list[subprocess.Popen] = field(default_factory=list)
    idp_port: int = 0
    smtp_port: int = 0
    mail_dir: Path | None = None
    app_ports: list[int] = field(default_factory=list)
    app_processes: dict[int, subprocess.Popen] = field(default_factory=dict)
    public_port: int | None = None
    billing_url: str = ""

    def _env(self) -> dict[str, str]:
        # The credential the portal presents to the billing simulator, which requires it.
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "BILLING_TOKEN": "billing-simulator-credential-for-tests",
            **self.env,
        }
        env.pop("APP_ENV", None)
        return env

    def _spawn(self, command: list[str], name: str) -> subprocess.Popen:
        log = open(self.workdir / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=self._env(), stdout=log, stderr=subprocess.STDOUT
        )
        self.processes.append(process)
        return process

    def start_idp(self) -> str:
        self.idp_port = free_port()
        self._spawn([sys.executable, "-m", "core", "idp", "--port", str(self.idp_port)], "idp")
        wait_for(f"http://127.0.0.1:{self.idp_port}/.well-known/openid-configuration")
        return f"http://localhost:{self.idp_port}"

    def start_mail(self) -> Path:
        """The mail catcher, and one outbox worker delivering to it."""
        self.smtp_port = free_port()
        self.mail_dir = self.workdir / "mail"
        self.env.update(SMTP_PORT=str(self.smtp_port), MAIL_DIR=str(self.mail_dir))
        self._spawn(
            [sys.executable, "-m", "core", "mailcatcher", "--port", str(self.smtp_port)], "mail"
        )
        self.start_worker()
        return self.mail_dir

    def start_billing(self) -> str:
        """The billing simulator, on its own port and store; workers deliver top-ups to it."""
        port = free_port()
        self.billing_url = f"http://127.0.0.1:{port}"
        self.env.update(BILLING_URL=self.billing_url)
        command = [sys.executable, "-m", "core", "billing-sim", "--port", str(port)]
        self._spawn([*command, "--store", str(self.workdir / "billing.db")], "billing")
        wait_for(f"{self.billing_url}/")  # the page; the API wants the credential
        return self.billing_url

    def start_worker(self) -> subprocess.Popen:
        name = f"worker-{len(self.processes)}"
        return self._spawn([sys.executable, "-m", "core", "worker", "--poll", "0.3"], name)

    def start_app(
        self,
        public_port: int | None = None,
        *,
        port: int | None = None,
        secrets_source: Path = SECRETS_EXAMPLE,
    ) -> str:
        """One app server; ``public_port`` makes it answer for another's address,
        as servers behind one load balancer share one public URL. ``secrets_source``
        names its identity providers (the local one by default)."""
        port = port or free_port()
        secrets_file = local_secrets(
            secrets_source,
            self.workdir / f"secrets-{port}.toml",
            public_port or port,
            self.idp_port,
        )
        self.env.setdefault("APP_BASE_URL", f"http://localhost:{public_port or port}")
        self._run_app(port, secrets_file)
        self.app_ports.append(port)
        return f"http://localhost:{port}"

    def _run_app(self, port: int, secrets_file: Path) -> None:
        process = self._spawn(streamlit_command(port, secrets_file), f"app-{port}")
        self.app_processes[port] = process
        wait_for(f"http://127.0.0.1:{port}/_stcore/health")

    def kill_app(self, port: int, sig: int = signal.SIGKILL) -> None:
        """Lose one app server at once, as a crashed host would."""
        process = self.app_processes[port]
        process.send_signal(sig)
        process.wait(timeout=30)

    def restart_app(self, port: int) -> None:
        """Start the lost server again on its own port, with its own secrets file."""
        if self.app_processes[port].poll() is None:
            self.kill_app(port, signal.SIGTERM)
        self._run_app(port, self.workdir / f"secrets-{port}.toml")

    def start_load_balancer(self, servers: int = 2) -> str:
        """HAProxy with the portal's own configuration in front of ``servers`` app servers."""
        from local.cluster import Backend, haproxy_command, write_haproxy_config

        self.public_port = free_port()
        for _ in range(servers):
            self.start_app(public_port=self.public_port)
        backends = [
            Backend(f"app{n}", "127.0.0.1", port) for n, port in enumerate(self.app_ports, 1)
        ]
        config = write_haproxy_config(self.workdir / "haproxy.cfg", self.public_port, backends)
        self._spawn(haproxy_command(config), "haproxy")
        wait_for(f"http://127.0.0.1:{self.public_port}/_stcore/health")
        return f"http://localhost:{self.public_port}"

    def port_of(self, backend_name: str) -> int:
        """The app server HAProxy's sticky cookie value (app1, app2, …) names."""
        return self.app_ports[int(backend_name.removeprefix("app")) - 1]

    def logs(self) -> str:
        return "\n".join(
            f"== {path.name}\n{path.read_text()[-4000:]}" for path in self.workdir.glob("*.log")
        )

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@contextmanager
def stack_on_own_cluster(workdir: Path) -> Iterator[tuple[LiveStack, ThrowawayCluster]]:
    """A migrated PostgreSQL cluster of the test's own, and a stack (not yet started) on it."""
    from core.platform.migrate import upgrade
    from tests.pg import throwaway_cluster

    with throwaway_cluster() as cluster:
        upgrade(cluster.url)
        live = LiveStack(workdir=workdir, database_url=cluster.url)
        try:
            yield live, cluster
        finally:
            live.stop()
