"""Sign-in against an OpenID Certified provider (panva's oidc-provider), in Chromium.

The provider runs with the library's default claim behaviour: the ID token of
the code flow carries only `sub`, every other claim comes from its userinfo
endpoint behind the scope that names it; PKCE is required; `prompt` values it
does not know are refused. The portal is configured as a deployer would
configure it (tests/e2e/certified.py writes the secrets), with no prompt set.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from core.platform.db import engine_for, session_scope
from core.platform.migrate import upgrade
from core.platform.models import SignInSession
from tests.e2e import certified
from tests.e2e.journey import apply
from tests.e2e.stack import LiveStack, free_port

SIGN_OUT = "Sign out"
pytestmark = pytest.mark.skipif(certified.missing() is not None, reason=str(certified.missing()))


@pytest.fixture(scope="module")
def interop(tmp_path_factory) -> Iterator[tuple[LiveStack, certified.CertifiedProvider]]:
    workdir = tmp_path_factory.mktemp("interop")
    database_url = f"sqlite:///{workdir / 'partner.db'}"
    upgrade(database_url)
    app_port = free_port()
    provider = certified.CertifiedProvider(
        port=free_port(), app_url=f"http://localhost:{app_port}", workdir=workdir
    )
    live = LiveStack(workdir=workdir, database_url=database_url)
    try:
        provider.start()
        live.start_billing()
        live.start_mail()
        live.start_app(port=app_port, secrets_source=provider.secrets(workdir / "secrets.toml"))
        yield live, provider
    finally:
        live.stop()
        provider.stop()


@pytest.fixture
def provider(interop) -> Iterator[certified.CertifiedProvider]:
    """The provider with its defaults again after a test that changed them."""
    _, running = interop
    yield running
    options = running.options
    logout_registered = bool(options["clients"][0]["post_logout_redirect_uris"])
    if options["skew_seconds"] or options["omit_null_claims"] or not logout_registered:
        running.start()


@pytest.fixture
def app(interop) -> str:
    live, _ = interop
    return f"http://localhost:{live.app_ports[0]}"


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context(locale="en-US")
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


def cookie_json(name: str, value: str) -> dict:
    """What a Streamlit auth cookie holds (the signed JSON, read with the portal's secret)."""
    from streamlit.web.server.starlette.starlette_app_utils import decode_signed_value

    decoded = decode_signed_value(certified.COOKIE_SECRET, name, value.encode("latin-1"))
    assert decoded is not None, name
    return json.loads(decoded)


def sign_in(page: Page, app: str, email: str, *, staff: bool = False) -> None:
    """Through the provider's own login form (login and password), then its consent."""
    page.goto(app)
    button = "Partner team sign-in" if staff else "Sign in with root user account"
    page.get_by_role("button", name=button).click()
    page.wait_for_url("**/interaction/**")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    consent = page.get_by_role("button", name="Continue")
    consent.or_(page.get_by_role("button", name=SIGN_OUT)).first.wait_for()
    if consent.count():
        consent.click()
    page.wait_for_url(f"{app}/**")
    page.get_by_role("button", name=SIGN_OUT).wait_for()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name=SIGN_OUT).click()


def test_an_eligible_account_applies_with_claims_from_userinfo(page, app, provider, interop):
    live, _ = interop
    requests = []
    page.on("request", lambda r: requests.append(r.url) if "/auth?" in r.url else None)
    sign_in(page, app, "eligible@acme.example")
    authorize = dict(parse_qsl(urlsplit(requests[0]).query))
    assert authorize["prompt"] == "login"
    assert authorize["scope"] == "openid email profile greennode"
    assert authorize["code_challenge_method"] == "S256"
    # The company form is prefilled from claims only the userinfo answer carries.
    expect(page.get_by_text("Choose your language")).to_be_visible()
    apply(page)
    expect(page.get_by_text("Awaiting approval").first).to_be_visible()
    expect(page.get_by_text("your GreenNode sign-in")).to_be_visible()
    log = provider.log()
    userinfo = [entry for entry in log if entry["path"] == "/me"]
    assert [entry["status"] for entry in userinfo] == [200]
    assert userinfo[0]["authorization"] == "Bearer"
    assert userinfo[0]["response"]["account_class"] == "enterprise"
    # The ID token carried only the subject; the rest came from userinfo and is kept on the
    # server. No cookie carries a token or the account's claims.
    with session_scope(engine_for(live.database_url)) as session:
        row = session.exec(
            select(SignInSession).where(SignInSession.account_sub == "eligible@acme.example")
        ).one()
    id_token = json.loads(base64.urlsafe_b64decode(row.id_token.split(".")[1] + "=="))
    assert "email" not in id_token and "account_class" not in id_token
    assert row.claims["account_class"] == "enterprise"
    cookies = {
        c["name"]: cookie_json(c["name"], c["value"])
        for c in page.context.cookies(app)
        if c["name"].startswith("_streamlit_user")
    }
    assert set(cookies["_streamlit_user"]) <= {
        "sub",
        "iat",
        "nonce",
        "origin",
        "is_logged_in",
        "provider",
    }
    assert cookies.get("_streamlit_user_tokens", {}) == {}
    (live.workdir / "recorded.json").write_text(
        json.dumps({"authorization_request": requests[0], "userinfo": userinfo[0]}, indent=2)
    )


@pytest.mark.parametrize(
    ("email", "reason"),
    [
        ("personal@home.example", "not classified as an Enterprise account"),
        ("iamuser@acme.example", "You signed in as an IAM user"),
        ("customer@client.example", "is a customer account of the partner"),
    ],
)
def test_ineligible_accounts_get_their_reasons(page, app, provider, email, reason):
    sign_in(page, app, email)
    expect(page.get_by_text(reason)).to_be_visible()
    expect(page.get_by_text("We could not verify your account information")).to_have_count(0)


def test_a_reviewer_gets_the_queue_with_groups_from_userinfo(page, app, provider):
    sign_in(page, app, "reviewer@greennode.example", staff=True)
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()


def provider_session(page: Page, provider: certified.CertifiedProvider) -> list[dict]:
    return [
        cookie
        for cookie in page.context.cookies(provider.issuer)
        if cookie["name"] == "_session" and cookie["value"]
    ]


def test_sign_out_ends_the_portals_and_the_providers_session(page, app, provider):
    sign_in(page, app, "eligible2@globex.example")
    assert provider_session(page, provider)
    sign_out(page)
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{app}/**")
    expect(page.get_by_text("signed out of the partner portal and of GreenNode")).to_be_visible()
    assert not provider_session(page, provider)
    ended = [e for e in provider.log() if e["path"] == "/session/end"]
    assert ended and "id_token_hint" in ended[0]["query"]
    assert ended[0]["query"]["post_logout_redirect_uri"] == app
    # The next sign-in asks for the password again.
    page.get_by_role("button", name="Sign in with root user account").click()
    page.wait_for_url("**/interaction/**")
    expect(page.locator("input[name=password]")).to_be_visible()


@pytest.mark.parametrize("skew", [-90, 90])
def test_a_provider_clock_off_by_90_seconds_signs_in_again_after_sign_out(
    page, app, provider, skew
):
    provider.start(skew_seconds=skew)
    sign_in(page, app, "sales@acme.example")
    sign_out(page)
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{app}/**")
    sign_in(page, app, "sales@acme.example")
    expect(page.get_by_text("no longer valid")).to_have_count(0)
    expect(page.get_by_text("did not complete")).to_have_count(0)
    expect(page.get_by_role("button", name=SIGN_OUT)).to_be_visible()


def test_a_provider_that_leaves_out_an_empty_claim(page, app, provider):
    provider.start(omit_null_claims=True)
    sign_in(page, app, "mistyped@initech.example")
    expect(page.get_by_text("Your account meets every requirement")).to_be_visible()
    expect(page.get_by_text("We could not verify your account information")).to_have_count(0)


def test_an_unregistered_logout_uri(page, app, provider):
    provider.start(register_logout_uri=False)
    sign_in(page, app, "eligible@acme.example")
    sign_out(page)
    # The provider refuses the redirect and says why; the portal's session ended first.
    expect(page.get_by_text("post_logout_redirect_uri not registered")).to_be_visible()
    page.goto(app)
    expect(page.get_by_role("button", name="Sign in with root user account")).to_be_visible()
    expect(page.get_by_role("button", name=SIGN_OUT)).to_have_count(0)
