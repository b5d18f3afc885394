"""The local OpenID provider with the demo accounts, for development and tests."""

from __future__ import annotations

import oidc_provider_mock
from werkzeug.serving import make_server

from core.demo import demo_accounts


def make_app():
    users = [
        oidc_provider_mock.User(sub=a["sub"], claims={k: v for k, v in a.items() if k != "case"})
        for a in demo_accounts()
    ]
    return oidc_provider_mock.app(user_claims=users, require_nonce=False)


def serve(host: str, port: int) -> None:
    server = make_server(host, port, make_app(), threaded=True)
    print(
        f"Local OpenID provider on http://localhost:{port} with {len(demo_accounts())} demo accounts"
    )
    server.serve_forever()
