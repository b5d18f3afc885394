"""What the portal asks of a standard OpenID provider, and how it reads the answer."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from core.platform.identity import identity_from_claims
from core.platform.oidc import (
    ClaimsRefused,
    discovery_findings,
    logout_url,
    merge_claims,
    portal_claims,
    provider_config,
)
from core.platform.production import provider_findings
from core.platform.settings import Settings

SETTINGS = Settings.from_env()
STANDARD = {
    "issuer": "https://id.greennode.example",
    "code_challenge_methods_supported": ["S256"],
    "userinfo_endpoint": "https://id.greennode.example/me",
    "end_session_endpoint": "https://id.greennode.example/session/end",
    "id_token_signing_alg_values_supported": ["RS256"],
}


def config(section: dict | None = None, name: str = "root"):
    return provider_config({name: section or {}}, name, SETTINGS)


def test_defaults_ask_for_a_fresh_sign_in_with_the_standard_scopes():
    root = config()
    assert root.prompt == "login"
    assert root.scope == "openid email profile"
    assert root.claims == SETTINGS.claims
    assert root.absent_as_none == frozenset({"partner_customer_of"})


def test_a_section_sets_prompt_extra_scopes_and_claim_names():
    root = config(
        {
            "client_kwargs": {"prompt": "consent"},
            "extra_scopes": ["greennode", "groups", "email"],
            "claims": {"account_class": "gn_tier", "groups": "roles", "unknown": "x"},
            "absent_claims_mean_none": [],
        }
    )
    assert root.prompt == "consent"
    assert root.scope == "openid email profile greennode groups"
    assert (root.claims.account_class, root.claims.groups) == ("gn_tier", "roles")
    assert root.absent_as_none == frozenset()


def test_an_explicit_scope_is_sent_as_written():
    assert config({"client_kwargs": {"scope": "openid gn"}}).scope == "openid gn"


def test_userinfo_adds_claims_and_the_id_token_wins_where_both_speak():
    merged = merge_claims(
        {"sub": "a", "iat": 1, "email": "token@x.example"},
        {"sub": "a", "email": "userinfo@x.example", "account_class": "enterprise"},
    )
    assert merged == {
        "sub": "a",
        "iat": 1,
        "email": "token@x.example",
        "account_class": "enterprise",
    }


@pytest.mark.parametrize(
    "answer",
    [{"sub": "b", "email": "x@y.example"}, {"email": "x@y.example"}, ["sub", "a"], "a", 3],
)
def test_a_userinfo_answer_about_another_subject_or_not_an_object_is_refused(answer):
    with pytest.raises(ClaimsRefused):
        merge_claims({"sub": "a"}, answer)


def test_claims_are_read_under_the_sections_names():
    root = config({"claims": {"account_class": "gn_tier", "groups": "roles"}})
    claims = portal_claims(
        {"sub": "a", "gn_tier": "enterprise", "account_class": "personal", "roles": ["x"]},
        root,
        SETTINGS,
    )
    assert claims["account_class"] == "enterprise"
    assert claims["groups"] == ["x"]


def test_an_absent_partner_customer_of_means_none_by_default():
    claims = portal_claims({"sub": "a"}, config(), SETTINGS)
    assert "partner_customer_of" in claims and claims["partner_customer_of"] is None
    strict = config({"absent_claims_mean_none": []})
    assert "partner_customer_of" not in portal_claims({"sub": "a"}, strict, SETTINGS)


def test_an_email_the_provider_has_not_verified_is_not_used():
    identity = identity_from_claims(
        {"sub": "a", "email": "a@acme.example", "email_verified": False}, SETTINGS
    )
    assert identity is not None
    assert identity.email == "" and identity.email_unverified
    verified = identity_from_claims(
        {"sub": "a", "email": "a@acme.example", "email_verified": True}, SETTINGS
    )
    assert verified.email == "a@acme.example" and not verified.email_unverified


def test_logout_url_carries_the_hint_the_client_and_the_portal_address():
    url = logout_url(
        STANDARD,
        client_id="portal",
        post_logout_redirect_uri="https://partners.greennode.example",
        id_token="eyJ.x.y",
        state="signed-out",
    )
    query = parse_qs(urlsplit(url).query)
    assert url.startswith("https://id.greennode.example/session/end?")
    assert query == {
        "client_id": ["portal"],
        "post_logout_redirect_uri": ["https://partners.greennode.example"],
        "state": ["signed-out"],
        "id_token_hint": ["eyJ.x.y"],
    }
    assert (
        logout_url({}, client_id="p", post_logout_redirect_uri="u", id_token=None, state="s")
        is None
    )


def test_a_standard_provider_passes_discovery():
    assert discovery_findings(STANDARD, config()) == ([], [])


@pytest.mark.parametrize(
    ("change", "problem", "warning"),
    [
        ({"code_challenge_methods_supported": ["plain"]}, "S256", None),
        ({"prompt_values_supported": ["none", "consent"]}, 'prompt="login"', None),
        ({"userinfo_endpoint": None}, "userinfo_endpoint", None),
        ({"end_session_endpoint": None}, None, "end_session_endpoint"),
        ({"id_token_signing_alg_values_supported": ["HS256"]}, "HS256", None),
    ],
)
def test_discovery_findings_name_what_is_missing(change, problem, warning):
    metadata = {k: v for k, v in {**STANDARD, **change}.items() if v is not None}
    problems, warnings = discovery_findings(metadata, config())
    assert (
        [p for p in problems if problem and problem in p] == problems if problem else not problems
    )
    if problem:
        assert len(problems) == 1 and "[auth.root]" in problems[0]
    assert len(warnings) == (1 if warning else 0)
    if warning:
        assert warning in warnings[0]


def test_a_supported_prompt_passes():
    metadata = {**STANDARD, "prompt_values_supported": ["none", "login", "consent"]}
    assert discovery_findings(metadata, config()) == ([], [])


@pytest.fixture
def discovery_server():
    documents: dict[str, dict] = {}

    class Discovery(BaseHTTPRequestHandler):
        def do_GET(self):
            body = json.dumps(documents.get(self.path, {})).encode()
            self.send_response(200 if self.path in documents else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Discovery)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", documents
    server.shutdown()


def test_check_production_reads_each_providers_discovery(discovery_server):
    base, documents = discovery_server
    documents["/root"] = {**STANDARD, "prompt_values_supported": ["none"]}
    documents["/staff"] = {k: v for k, v in STANDARD.items() if k != "end_session_endpoint"}
    secrets = {
        "auth": {
            "root": {"server_metadata_url": f"{base}/root"},
            "staff": {"server_metadata_url": f"{base}/staff"},
            "gone": {"server_metadata_url": f"{base}/missing"},
        }
    }
    found = provider_findings(secrets, SETTINGS)
    assert len(found.problems) == 1 and found.problems[0].startswith("[auth.root]")
    assert len(found.warnings) == 1 and found.warnings[0].startswith("[auth.staff]")
    assert len(found.unreachable) == 1 and found.unreachable[0].startswith("[auth.gone]")
