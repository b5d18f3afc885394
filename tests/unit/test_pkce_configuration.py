"""The portal never signs in without PKCE S256; check-production refuses a provider without it."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from werkzeug.serving import make_server

from core.platform.paths import PROJECT_ROOT
from core.platform.production import provider_findings, read_secrets
from core.platform.settings import Settings
from local.devidp import make_app
from tests.e2e.stack import free_port

EXAMPLE = read_secrets([PROJECT_ROOT / ".streamlit" / "secrets.example.toml"])


@pytest.fixture(scope="module")
def local_provider() -> Iterator[str]:
    port = free_port()
    server = make_server("127.0.0.1", port, make_app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}/.well-known/openid-configuration"
    server.shutdown()


@pytest.fixture
def provider_without_pkce() -> Iterator[str]:
    class Discovery(BaseHTTPRequestHandler):
        def do_GET(self):
            body = json.dumps({"issuer": "http://127.0.0.1", "authorization_endpoint": "x"})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Discovery)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/.well-known/openid-configuration"
    server.shutdown()


def test_the_example_configuration_never_overrides_the_challenge_method():
    for name, section in EXAMPLE["auth"].items():
        if isinstance(section, dict):
            kwargs = section.get("client_kwargs", {})
            assert kwargs.get("code_challenge_method", "S256") == "S256", name
            assert "code_challenge_method" not in section, name


def test_streamlit_sign_in_uses_s256_with_the_local_provider(local_provider):
    from authlib.integrations import starlette_client
    from streamlit.web.server.starlette.starlette_auth_routes import (
        _create_streamlit_oauth_class,
    )

    oauth = _create_streamlit_oauth_class(starlette_client)()
    client = oauth.register(
        "root", client_id="greennode-partner-portal", server_metadata_url=local_provider
    )
    # Its own thread: a browser test earlier in the run may own this thread's event loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        metadata = pool.submit(asyncio.run, client.load_server_metadata()).result()
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert client.client_kwargs["code_challenge_method"] == "S256"


def auth_with(url: str) -> dict:
    return {"auth": {"root": {"server_metadata_url": url}, "staff": {"server_metadata_url": url}}}


def findings(url: str):
    return provider_findings(auth_with(url), Settings.from_env())


def test_a_provider_advertising_s256_passes(local_provider):
    found = findings(local_provider)
    assert (found.problems, found.warnings, found.unreachable) == ([], [], [])


def test_a_provider_without_s256_is_refused(provider_without_pkce):
    found = findings(provider_without_pkce)
    pkce = [problem for problem in found.problems if "S256" in problem]
    assert len(pkce) == 2 and not found.unreachable
    assert "[auth.root]" in pkce[0]


def test_an_unreachable_provider_is_a_warning_not_a_pass():
    url = f"http://127.0.0.1:{free_port()}/.well-known/openid-configuration"
    found = findings(url)
    assert not found.problems and len(found.unreachable) == 2
    assert "cannot check the identity provider now" in found.unreachable[0]


def test_check_production_exits_non_zero_on_a_warning(tmp_path, monkeypatch, capsys):
    from core.platform.settings import get_settings
    from local.cli import main

    secrets = tmp_path / "secrets.toml"
    # A public name that nothing answers for here: "cannot check now".
    url = "https://idp.greennode.example/.well-known/openid-configuration"
    secrets.write_text(
        "[auth]\nredirect_uri='https://partners.greennode.example/oauth2callback'\n"
        "cookie_secret='q3Zr8v1WbN0xk4TeY7mPs2LdHf9GcJuA6oRiE5tVn'\n"
        f"[auth.root]\nserver_metadata_url='{url}'\nclient_secret='issued-by-the-idp-1'\n"
    )
    for name, value in {
        "APP_ENV": "production",
        "DATABASE_URL": "postgresql+psycopg://portal@db.greennode.example/partner",
        "SMTP_HOST": "smtp.greennode.example",
        "APP_BASE_URL": "https://partners.greennode.example",
        "ACCOUNT_DIRECTORY_URL": "https://accounts.greennode.example/v1",
        "BILLING_URL": "https://billing.greennode.example/v1",
        "BILLING_TOKEN": "Zk3m9QpL2vX8rT5wN7bY4cH6",
        "ACCOUNT_DIRECTORY_TOKEN": "Qm8R2vK5tL9xW3nB7cY4pZ6d",
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    try:
        assert main(["check-production", "--secrets", str(secrets)]) == 2
    finally:
        get_settings.cache_clear()
    assert "WARNING (not a pass)" in capsys.readouterr().err
