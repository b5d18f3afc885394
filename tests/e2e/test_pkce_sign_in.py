"""Sign-in through the real flow in Chromium: PKCE S256 used, and each way around it refused."""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from playwright.sync_api import Page, Route, expect

from tests.e2e.journey import sign_in

INCOMPLETE = "Your sign-in did not complete"
RECORDED = []  # authorization request URLs the browser sent, for the README and the note


def pkce_log(stack) -> list[dict]:
    with urllib.request.urlopen(f"http://127.0.0.1:{stack.idp_port}/pkce/log", timeout=5) as r:
        return json.loads(r.read())


def app_url(stack) -> str:
    return f"http://localhost:{stack.app_ports[0]}"


def test_sign_in_sends_an_s256_challenge_and_a_matching_verifier(page: Page, stack):
    before = len(pkce_log(stack))
    page.on(
        "request",
        lambda request: (
            RECORDED.append(request.url) if "/oauth2/authorize" in request.url else None
        ),
    )
    sign_in(page, app_url(stack), "eligible@acme.example")
    authorize = next(u for u in RECORDED if "code_challenge" in u)
    query = dict(parse_qsl(urlsplit(authorize).query))
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43
    print("\nauthorization request:", authorize)
    seen = pkce_log(stack)[before:]
    token = [e for e in seen if e["event"] == "token_request"]
    assert [e["outcome"] for e in token] == ["verified"]
    assert token[0]["code_challenge"] == query["code_challenge"]


def rewrite(change):
    """A route handler for the portal's /auth/login: the redirect it answers with is
    rewritten on its way to the browser, as an attacker in the middle would."""

    def handle(route: Route) -> None:
        response = route.fetch(max_redirects=0)
        location = response.headers["location"]
        parts = urlsplit(location)
        query = change(dict(parse_qsl(parts.query)))
        headers = {
            **response.headers,
            "location": urlunsplit(parts._replace(query=urlencode(query))),
        }
        route.fulfill(response=response, headers=headers)

    return handle


def without_challenge(query: dict) -> dict:
    return {k: v for k, v in query.items() if not k.startswith("code_challenge")}


def plain(query: dict) -> dict:
    return {**query, "code_challenge_method": "plain", "code_challenge": "x" * 64}


def tampered(query: dict) -> dict:
    # Valid S256 shape, but not the hash of the verifier the portal will send.
    return {**query, "code_challenge": "A" * 43}


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        (without_challenge, ("authorization_request", "invalid_request")),
        (plain, ("authorization_request", "invalid_request")),
        (tampered, ("token_request", "invalid_grant")),
    ],
    ids=["missing challenge", "plain", "tampered verifier"],
)
def test_each_way_around_pkce_is_refused_and_explained(page: Page, stack, change, refusal):
    before = len(pkce_log(stack))
    page.route("**/auth/login**", rewrite(change))
    page.goto(app_url(stack))
    page.get_by_role("button", name="Sign in with root user account").click()
    if refusal[0] == "token_request":
        page.wait_for_url("**/oauth2/authorize**")
        page.get_by_role("button", name="eligible2@globex.example", exact=True).click()
    expect(page.get_by_text(INCOMPLETE)).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Sign in with root user account")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    expect(page.get_by_text("Traceback")).to_have_count(0)
    outcomes = [(e["event"], e["outcome"]) for e in pkce_log(stack)[before:]]
    assert refusal in outcomes
    assert ("token_request", "verified") not in outcomes


def test_denying_at_the_provider_returns_to_the_sign_in_page_with_a_message(page: Page, stack):
    page.goto(app_url(stack))
    page.get_by_role("button", name="Sign in with root user account").click()
    page.wait_for_url("**/oauth2/authorize**")
    page.get_by_role("button", name="Deny").click()
    expect(page.get_by_text(INCOMPLETE)).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
