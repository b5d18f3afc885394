"""Hostile values reach the markdown source only as text, and never raise (AppTest)."""

import re
from contextlib import nullcontext

import pytest

from core.platform.db import engine_for, session_scope
from core.platform.errors import DomainError
from core.platform.identity import identity_from_claims
from core.platform.notes import clean_note
from core.platform.settings import get_settings
from core.registration.decisions import decide
from tests.app.helpers import app_as, pick_row
from tests.factories import identity, submit
from tests.hostile import BASE

ESCAPED = re.compile(r"\\.")
CODE_SPAN = re.compile(r"(`+) .*? \1")
MARKUP = re.compile(r"[<>\[\]*_`#|$:~]")
SHOWN = [v for v in BASE if v.strip() and "\x00" not in v and len(v) < 500]


def raw_markup_in_markdown(at, value: str) -> bool:
    """True when ``value`` (with markup characters) sits unescaped in a markdown element."""
    if not MARKUP.search(value) or len(value.strip()) < 3:
        return False  # a lone markup character also occurs in escaped text
    # Code spans and escaped characters (\\x) are text; what remains after dropping them is
    # markup. The browser test (tests/e2e/test_hostile_dom.py) checks what Chromium renders.
    unescaped = [ESCAPED.sub("", CODE_SPAN.sub("", str(element.value))) for element in at.markdown]
    return any(value in text for text in unescaped)


@pytest.mark.parametrize("value", SHOWN)
def test_a_hostile_rejection_note_is_shown_as_text(app_env, value):
    engine = engine_for(app_env)
    with session_scope(engine) as session:
        application, _ = submit(session, identity("eligible@acme.example"))
    try:
        expected = clean_note(value, required=True)
    except DomainError:
        expected = None
    with (
        session_scope(engine) as session,
        pytest.raises(DomainError) if expected is None else nullcontext(),
    ):
        decide(
            session=session,
            actor=identity("reviewer@greennode.example"),
            application_id=application.id,
            approve=False,
            reason_code="other",
            note=value,
        )
    at = app_as("eligible@acme.example")
    assert not at.exception
    if expected is None:
        assert "Awaiting approval" in next(m.value for m in at.info)
        return
    assert expected in [str(t.value) for t in at.text]
    assert not raw_markup_in_markdown(at, expected)


@pytest.mark.parametrize("value", SHOWN)
def test_hostile_identity_claims_are_shown_as_text_to_reviewers(app_env, value):
    claims = {
        **identity("eligible@acme.example").claims,
        "name": value,
        "company": value,
        "email": "hostile@acme.example",
    }
    who = identity_from_claims(claims, get_settings())
    with session_scope(engine_for(app_env)) as session:
        submit(session, who)
    at = pick_row(app_as("reviewer@greennode.example"))
    assert not at.exception
    assert not raw_markup_in_markdown(at, who.company)
    at.button(key="detail_reject").click().run()
    assert not at.exception
    assert not raw_markup_in_markdown(at, who.company)
    applicant = app_as(claims=claims)
    assert not applicant.exception
