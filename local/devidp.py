"""The local OpenID provider with the demo accounts, for development and tests.

It is `oidc-provider-mock` behind a thin layer that requires PKCE S256, as
GreenNode's sign-in link does (`codeChallengeMethod=S256`): discovery
advertises S256, an authorization request without an S256 challenge is
refused with `invalid_request`, and a token request whose `code_verifier`
does not match the challenge with `invalid_grant`.
"""

from __future__ import annotations

import io
import json
import logging
import threading
import time
import warnings
from collections import deque
from urllib.parse import parse_qs, urlencode, urlsplit

from authlib.oauth2.rfc7636 import create_s256_code_challenge
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from core.platform.demo import demo_accounts

log = logging.getLogger("devidp")
DISCOVERY = "/.well-known/openid-configuration"
AUTHORIZE, TOKEN, PKCE_LOG = "/oauth2/authorize", "/oauth2/token", "/pkce/log"
CODE_LIFETIME = 600.0


class RequirePkceS256:
    """WSGI layer in front of the provider: S256 advertised, required and checked."""

    def __init__(self, app) -> None:
        self.app = app
        self._challenges: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()
        self.seen: deque[dict] = deque(maxlen=200)

    def __call__(self, environ, start_response):
        request = Request(environ)
        if request.path == DISCOVERY:
            return self._discovery(environ, start_response)
        if request.path == AUTHORIZE:
            return self._authorize(request, environ, start_response)
        if request.path == TOKEN and request.method == "POST":
            return self._token(request, environ, start_response)
        if request.path == PKCE_LOG:
            return Response(json.dumps(list(self.seen)), mimetype="application/json")(
                environ, start_response
            )
        return self.app(environ, start_response)

    def _record(self, **entry) -> None:
        entry["at"] = round(time.time(), 3)
        self.seen.append(entry)
        log.info("pkce %s", json.dumps(entry, sort_keys=True))

    def _discovery(self, environ, start_response):
        response = Response.from_app(self.app, environ)
        metadata = json.loads(response.get_data(as_text=True))
        metadata["code_challenge_methods_supported"] = ["S256"]
        return Response(json.dumps(metadata), mimetype="application/json")(environ, start_response)

    def _authorize(self, request: Request, environ, start_response):
        args = request.args
        method, challenge = args.get("code_challenge_method"), args.get("code_challenge", "")
        entry = {
            "event": "authorization_request",
            "client_id": args.get("client_id"),
            "code_challenge_method": method,
            "code_challenge": challenge,
        }
        if method != "S256" or not 43 <= len(challenge) <= 128:
            self._record(**entry, outcome="invalid_request")
            return self._refuse(args, environ, start_response)
        self._record(**entry, outcome="accepted")
        response = Response.from_app(self.app, environ, buffered=True)
        location = response.headers.get("Location", "")
        code = parse_qs(urlsplit(location).query).get("code", [""])[0]
        if code:
            now = time.monotonic()
            with self._lock:
                # Codes never exchanged expire; drop them rather than keep them forever.
                for stale in [
                    c for c, (_, at) in self._challenges.items() if now - at > CODE_LIFETIME
                ]:
                    del self._challenges[stale]
                self._challenges[code] = (challenge, now)
        return response(environ, start_response)

    @staticmethod
    def _refuse(args, environ, start_response):
        description = "PKCE with code_challenge_method=S256 is required"
        redirect_uri = args.get("redirect_uri")
        if not redirect_uri:
            body = {"error": "invalid_request", "error_description": description}
            return Response(json.dumps(body), 400, mimetype="application/json")(
                environ, start_response
            )
        query = {"error": "invalid_request", "error_description": description}
        if "state" in args:
            query["state"] = args["state"]
        separator = "&" if urlsplit(redirect_uri).query else "?"
        response = Response(
            status=302, headers={"Location": redirect_uri + separator + urlencode(query)}
        )
        return response(environ, start_response)

    def _token(self, request: Request, environ, start_response):
        body = request.get_data(cache=True)
        form = parse_qs(body.decode("utf-8", "replace"))
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        if form.get("grant_type", [""])[0] != "authorization_code":
            return self.app(environ, start_response)
        code = form.get("code", [""])[0]
        verifier = form.get("code_verifier", [""])[0]
        with self._lock:
            challenge, issued = self._challenges.pop(code, ("", 0.0))
        fresh = time.monotonic() - issued < CODE_LIFETIME
        matched = (
            bool(challenge and verifier)
            and fresh
            and (create_s256_code_challenge(verifier) == challenge)
        )
        self._record(
            event="token_request",
            code_challenge=challenge,
            verifier_sent=bool(verifier),
            outcome="verified" if matched else "invalid_grant",
        )
        if not matched:
            error = {"error": "invalid_grant", "error_description": "code_verifier does not match"}
            return Response(json.dumps(error), 400, mimetype="application/json")(
                environ, start_response
            )
        return self.app(environ, start_response)


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
        return RequirePkceS256(oidc_provider_mock.app(user_claims=users, require_nonce=False))


def serve(host: str, port: int) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    server = make_server(host, port, make_app(), threaded=True)
    count = len(demo_accounts())
    print(
        f"Local OpenID provider on http://localhost:{port} with {count} demo accounts (PKCE S256 required)"
    )
    server.serve_forever()
