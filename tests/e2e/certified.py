"""panva's oidc-provider (OpenID Certified) as the portal's identity provider, for interop tests.

The provider program is tests/oidc/provider.mjs; its package is pinned in the
repository's package-lock.json and installed with `npm ci`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from core.platform.demo import DEMO_ACCOUNTS_FILE
from core.platform.paths import PROJECT_ROOT
from tests.e2e.stack import wait_for

PROGRAM = PROJECT_ROOT / "tests" / "oidc" / "provider.mjs"
PACKAGE = PROJECT_ROOT / "node_modules" / "oidc-provider" / "package.json"
ROOT_CLIENT = ("greennode-partner-portal", "interop-root-client-secret-0123456789")
COOKIE_SECRET = "interop-tests-cookie-secret-0123456789abcdef"
STAFF_CLIENT = ("greennode-partner-portal-staff", "interop-staff-client-secret-0123456789")


def missing() -> str | None:
    """Why the certified provider cannot run here (None when it can)."""
    if shutil.which("node") is None:
        return "Node.js is not installed (apt-get install nodejs)"
    if not PACKAGE.is_file():
        return "oidc-provider is not installed (npm ci)"
    return None


@dataclass
class CertifiedProvider:
    """One provider process on a fixed port; restarted with other options as a test needs."""

    port: int
    app_url: str
    workdir: Path
    process: subprocess.Popen | None = None
    options: dict = field(default_factory=dict)

    @property
    def issuer(self) -> str:
        return f"http://localhost:{self.port}"

    def start(
        self,
        *,
        skew_seconds: int = 0,
        omit_null_claims: bool = False,
        register_logout_uri: bool = True,
    ) -> None:
        self.stop()
        post_logout = [self.app_url] if register_logout_uri else []
        self.options = {
            "port": self.port,
            "accounts": str(DEMO_ACCOUNTS_FILE),
            "skew_seconds": skew_seconds,
            "omit_null_claims": omit_null_claims,
            "clients": [
                {
                    "client_id": client_id,
                    "client_secret": secret,
                    "redirect_uris": [f"{self.app_url}/oauth2callback"],
                    "post_logout_redirect_uris": post_logout,
                }
                for client_id, secret in (ROOT_CLIENT, STAFF_CLIENT)
            ],
        }
        log = open(self.workdir / f"oidc-provider-{self.port}.log", "a")  # noqa: SIM115
        self.process = subprocess.Popen(
            ["node", str(PROGRAM), json.dumps(self.options)],
            cwd=PROJECT_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for(f"http://127.0.0.1:{self.port}/.well-known/openid-configuration", timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def log(self) -> list[dict]:
        """Every request the provider answered since it started."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/test/log", timeout=5) as r:
            return json.loads(r.read())

    def secrets(self, path: Path) -> Path:
        """The portal's secrets for this provider, as a deployer would write them."""
        discovery = f"{self.issuer}/.well-known/openid-configuration"
        sections = []
        for name, (client_id, secret), scopes in (
            ("root", ROOT_CLIENT, '["greennode"]'),
            ("staff", STAFF_CLIENT, '["groups"]'),
        ):
            sections.append(
                f"[auth.{name}]\nclient_id = {json.dumps(client_id)}\n"
                f"client_secret = {json.dumps(secret)}\n"
                f"server_metadata_url = {json.dumps(discovery)}\n"
                f"extra_scopes = {scopes}\n"
            )
        path.write_text(
            "[auth]\n"
            f'redirect_uri = "{self.app_url}/oauth2callback"\n'
            f"cookie_secret = {json.dumps(COOKIE_SECRET)}\n\n" + "\n".join(sections),
            encoding="utf-8",
        )
        return path
