"""The local provider requires PKCE S256 (its own layer over oidc-provider-mock)."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from werkzeug.test import Client

from local.devidp import make_app

REDIRECT = "http://localhost:8501/oauth2callback"


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


@pytest.fixture
def provider() -> Client:
    return Client(make_app())


def authorize_query(**changes) -> str:
    params = {
        "response_type": "code",
        "client_id": "greennode-partner-portal",
        "redirect_uri": REDIRECT,
        "scope": "openid email profile",
        "state": "st4te",
        "nonce": "n0nce",
        **changes,
    }
    return urlencode({k: v for k, v in params.items() if v is not None})


def code_for(provider: Client, challenge: str, sub="eligible@acme.example") -> str:
    query = authorize_query(code_challenge=challenge, code_challenge_method="S256")
    response = provider.post(f"/oauth2/authorize?{query}", data={"sub": sub})
    assert response.status_code == 302
    return parse_qs(urlsplit(response.headers["Location"]).query)["code"][0]


def token(provider: Client, code: str, verifier: str | None):
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT,
        "client_id": "greennode-partner-portal",
        "client_secret": "any",
    }
    if verifier is not None:
        form["code_verifier"] = verifier
    return provider.post("/oauth2/token", data=form)


def test_discovery_advertises_s256_only(provider):
    metadata = provider.get("/.well-known/openid-configuration").get_json()
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert metadata["authorization_endpoint"].endswith("/oauth2/authorize")


@pytest.mark.parametrize(
    "pkce",
    [
        {},
        {"code_challenge_method": "plain", "code_challenge": "x" * 50},
        {"code_challenge_method": "S256"},
        {"code_challenge_method": "S256", "code_challenge": "short"},
        {"code_challenge": "x" * 50},
    ],
)
def test_an_authorization_request_without_an_s256_challenge_is_refused(provider, pkce):
    for method in ("get", "post"):
        response = getattr(provider, method)(
            f"/oauth2/authorize?{authorize_query(**pkce)}", data={"sub": "eligible@acme.example"}
        )
        assert response.status_code == 302
        query = parse_qs(urlsplit(response.headers["Location"]).query)
        assert query["error"] == ["invalid_request"]
        assert query["state"] == ["st4te"]
        assert "code" not in query


def test_a_matching_verifier_gets_tokens(provider):
    verifier = secrets.token_urlsafe(48)
    response = token(provider, code_for(provider, s256(verifier)), verifier)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "id_token" in response.get_json()
    log = provider.get("/pkce/log").get_json()
    assert [e["outcome"] for e in log] == ["accepted", "verified"]
    assert log[0]["code_challenge_method"] == "S256"


@pytest.mark.parametrize("verifier", [None, "", "tampered-" + "x" * 40])
def test_a_missing_or_wrong_verifier_is_invalid_grant(provider, verifier):
    code = code_for(provider, s256(secrets.token_urlsafe(48)))
    response = token(provider, code, verifier)
    assert response.status_code == 400
    assert response.get_json()["error"] == "invalid_grant"


def test_a_code_is_checked_once(provider):
    verifier = secrets.token_urlsafe(48)
    code = code_for(provider, s256(verifier))
    assert token(provider, code, verifier).status_code == 200
    assert token(provider, code, verifier).get_json()["error"] == "invalid_grant"


def test_the_users_api_still_works(provider):
    response = provider.put(
        "/users/new@acme.example",
        data=json.dumps({"email": "new@acme.example"}),
        content_type="application/json",
    )
    assert response.status_code in (200, 204)
