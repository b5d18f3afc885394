"""The local OpenID provider with the demo accounts, for development and tests."""

from __future__ import annotations

import warnings

from werkzeug.serving import make_server

from core.demo import demo_accounts


def make_app():
    # The demo provider's own dependencies warn about their future APIs.
    # Authlib installs an "always" filter for its own warnings when imported,
    # so it is imported first and then overruled.
    with warnings.catch_warnings():
        import authlib.deprecate  # noqa: F401

        warnings.simplefilter("ignore", DeprecationWarning)
        import oidc_provider_mock

        users = [
            oidc_provider_mock.User(
                sub=a["sub"], claims={k: v for k, v in a.items() if k != "case"}
            )
            for a in demo_accounts()
        ]
        return oidc_provider_mock.app(user_claims=users, require_nonce=False)


def serve(host: str, port: int) -> None:
    server = make_server(host, port, make_app(), threaded=True)
    count = len(demo_accounts())
    print(f"Local OpenID provider on http://localhost:{port} with {count} demo accounts")
    server.serve_forever()
