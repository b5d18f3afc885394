"""The userinfo call at sign-in: an odd answer from the provider ends the sign-in, saying why."""

from __future__ import annotations

import asyncio
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from core.platform.oidc import ClaimsRefused
from ui.oidc_routes import _userinfo


@pytest.fixture
def provider():
    answer = {"status": 200, "type": "application/json", "body": "{}"}
    seen: list[str] = []

    class Provider(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.startswith("/.well-known"):
                status, kind = 200, "application/json"
                body = json.dumps({"userinfo_endpoint": f"{base}/me", "issuer": base})
            else:
                seen.append(self.headers.get("Authorization", ""))
                status, kind, body = answer["status"], answer["type"], answer["body"]
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    base = f"http://127.0.0.1:{server.server_port}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base, answer, seen
    server.shutdown()


def call(base: str):
    from authlib.integrations import starlette_client
    from streamlit.web.server.starlette.starlette_auth_routes import (
        _create_streamlit_oauth_class,
    )

    client = _create_streamlit_oauth_class(starlette_client)().register(
        "root", client_id="portal", server_metadata_url=f"{base}/.well-known/openid-configuration"
    )
    token = {"access_token": "access-1", "token_type": "Bearer"}
    # Its own thread: a browser test earlier in the run may own this thread's event loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _userinfo(client, token)).result()


def test_the_userinfo_answer_is_asked_with_the_access_token(provider):
    base, answer, seen = provider
    answer["body"] = json.dumps({"sub": "a", "email": "a@acme.example"})
    assert call(base) == {"sub": "a", "email": "a@acme.example"}
    assert seen == ["Bearer access-1"]


@pytest.mark.parametrize(
    ("status", "kind", "body", "why"),
    [
        (200, "text/html", "<html>maintenance</html>", "text/html, not JSON"),
        (200, "application/jwt", "eyJ.e30.sig", "not JSON"),
        (200, "application/json", "{not json", "not valid JSON"),
        (401, "application/json", "{}", "HTTP 401"),
        (500, "application/json", "{}", "HTTP 500"),
    ],
)
def test_an_odd_userinfo_answer_ends_the_sign_in(provider, status, kind, body, why):
    base, answer, _ = provider
    answer.update(status=status, type=kind, body=body)
    with pytest.raises(ClaimsRefused, match=why):
        call(base)
