"""Sign out ends the session on the server; a replayed cookie gets the sign-in page."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from core.platform.db import engine_for
from core.platform.demo import as_signed_in, demo_claims
from core.platform.paths import PROJECT_ROOT
from tests.app.helpers import texts
from tests.factories import applied

SIGNED_OUT = "You signed out of this session. Sign in again to continue."
EXPIRED = "Your session has expired. Sign in again to continue."


def browser_with(cookie: dict) -> AppTest:
    """A fresh browser session presenting ``cookie`` (st.user) to the portal."""
    at = AppTest.from_file(str(PROJECT_ROOT / "Home.py"), default_timeout=60)
    at.user = cookie
    return at.run()


def cookie_of(email: str, **claims) -> dict:
    return as_signed_in({**demo_claims(email), "nonce": "n-" + email, **claims})


def signed_in_pages(at: AppTest) -> bool:
    """The signed-in sidebar: who is signed in, and Sign out."""
    return "signout" in [button.key for button in at.button] and "Signed in as" in texts(at)


@pytest.mark.parametrize("email", ["manager@greennode.example", "eligible@acme.example"])
def test_a_cookie_saved_before_sign_out_brings_nothing_back(app_env, email):
    cookie = cookie_of(email)
    at = browser_with(cookie)
    assert signed_in_pages(at)
    at.button(key="signout").click().run()
    replay = browser_with(cookie)
    assert not replay.exception
    assert SIGNED_OUT in texts(replay)
    assert replay.button(key="signin_root")
    assert not signed_in_pages(replay)


def test_a_staff_cookie_older_than_12_hours_gets_the_sign_in_page(app_env):
    cookie = cookie_of("manager@greennode.example", iat=int(time.time()) - 13 * 3600)
    at = browser_with(cookie)
    assert EXPIRED in texts(at)
    assert at.button(key="signin_staff")


def test_the_status_page_lists_this_sign_in(app_env):
    applied(engine_for(app_env), "eligible@acme.example")
    at = browser_with(cookie_of("eligible@acme.example"))
    assert "Sign-in history" in [s.value for s in at.subheader]
    (history,) = [d.value for d in at.dataframe if "Signed in" in d.value.columns]
    assert list(history["Status"]) == ["This session"]
