"""207 hostile values into every free-text input and identity claim: refused or kept exactly."""

from collections import Counter

import pytest
from sqlmodel import select

from core.platform.accounts import sync_account
from core.platform.clock import utcnow
from core.platform.db import session_scope
from core.platform.errors import DomainError
from core.platform.identity import identity_from_claims
from core.platform.models import Account, Application
from core.platform.notes import clean_note
from core.platform.settings import get_settings
from core.registration.decisions import decide
from core.registration.partnership import update_partner_profile
from core.registration.profile import ProfileInput, ProfileInvalid
from core.registration.queue import QueueFilter, queue_page
from tests.factories import identity, submit, synthetic_identity
from tests.hostile import HOSTILE

REVIEWER = "reviewer@greennode.example"


def snapshot(engine) -> list[tuple]:
    with session_scope(engine) as session:
        return sorted(
            (a.id, a.state, a.decision_note, a.company, a.email)
            for a in session.exec(select(Application)).all()
        )


@pytest.mark.scale
@pytest.mark.parametrize("approve", [False, True], ids=["reject-note", "approve-note"])
def test_decision_notes(engine, approve):
    outcome = Counter()
    for n, value in enumerate(HOSTILE):
        with session_scope(engine) as session:
            application, _ = submit(session, synthetic_identity(n))
        before = [row for row in snapshot(engine) if row[0] != application.id]
        try:
            expected = clean_note(value, required=not approve)
        except DomainError:
            expected = None
        with session_scope(engine) as session:
            try:
                decide(
                    session=session,
                    actor=identity(REVIEWER),
                    application_id=application.id,
                    approve=approve,
                    reason_code=None if approve else "other",
                    note=value,
                )
            except DomainError as refused:
                assert expected is None, (value, refused.key)
                outcome["refused"] += 1
            else:
                outcome["stored"] += 1
        with session_scope(engine) as session:
            stored = session.get(Application, application.id)
        if expected is None:
            assert stored.state == "pending" and stored.decision_note is None
        else:
            assert stored.decision_note == (expected or None)
        assert [row for row in snapshot(engine) if row[0] != application.id] == before
    assert outcome["refused"] > 0 and outcome["stored"] > 0
    assert sum(outcome.values()) == len(HOSTILE)


@pytest.mark.scale
def test_profile_fields(engine):
    with session_scope(engine) as session:
        application, _ = submit(session, identity("eligible@acme.example"))
    with session_scope(engine) as session:
        decide(
            session=session, actor=identity(REVIEWER), application_id=application.id, approve=True
        )
    partner_identity = identity("eligible@acme.example")
    good = ProfileInput("Acme Partner JSC", "sales@acme.vn", "0912345678", "en")
    outcome = Counter()
    for value in HOSTILE:
        for field in ("company", "contact_email", "contact_phone"):
            attempt = ProfileInput(**{**good.__dict__, field: value})
            with session_scope(engine) as session:
                try:
                    saved = update_partner_profile(
                        session=session, identity=partner_identity, profile=attempt
                    )
                except ProfileInvalid as invalid:
                    assert set(invalid.problems) == {field}
                    outcome["refused"] += 1
                    continue
            outcome["stored"] += 1
            if field == "company":
                assert (saved.pending_company or saved.company) == " ".join(value.split())
    assert outcome["refused"] > 0 and outcome["stored"] > 0


def test_search_box_never_raises_and_never_widens(engine):
    for n in range(5):
        with session_scope(engine) as session:
            submit(session, synthetic_identity(n))
    with session_scope(engine) as session:
        queue = queue_page(session, identity(REVIEWER), utcnow()).rows
    for value in HOSTILE:
        with session_scope(engine) as session:
            found = queue_page(
                session, identity(REVIEWER), utcnow(), QueueFilter(search=value)
            ).rows
        assert set(found["id"]) <= set(queue["id"])
        if value.strip() in ("%", "_", "%_%", "\\"):
            assert found.empty  # wildcards are matched literally


@pytest.mark.scale
def test_identity_claims_name_and_company(engine):
    base = identity("eligible@acme.example").claims
    for n, value in enumerate(HOSTILE):
        claims = {**base, "sub": f"claims{n}@hostile.example", "name": value, "company": value}
        who = identity_from_claims(claims, get_settings())
        assert who is not None
        assert "\x00" not in who.company and len(who.company) <= 300
        with session_scope(engine) as session:
            account = sync_account(session=session, identity=who)
        with session_scope(engine) as session:
            stored = session.get(Account, claims["sub"])
        assert (stored.display_name, stored.company) == (who.name, who.company)
        assert account.company == who.company
