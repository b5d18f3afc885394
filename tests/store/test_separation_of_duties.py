"""Nobody decides, takes on or sets limits for what concerns an account they sign in with.

One rule in the review workflow (core.review.duties), for applications, customer
links, discount requests and maximums; a person's staff sign-in and customer
sign-in are two subjects with one address (SQLite and PostgreSQL).
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from core.partners.customer_review import LINKS, decide_link
from core.partners.customers import confirm_invitation
from core.partners.discounts import (
    REQUESTS,
    change_maximum,
    decide_request,
    request_discounts,
    request_events,
)
from core.platform.accounts import sync_account
from core.platform.db import session_scope
from core.platform.demo import demo_claims
from core.platform.directory import DemoDirectory
from core.platform.identity import identity_from_claims
from core.platform.models import DiscountRequestEvent
from core.registration.decisions import decide
from core.registration.eligibility import ClaimsFactsSource
from core.registration.partnership import decide_name_change, update_partner_profile
from core.registration.profile import ProfileInput
from core.registration.subject import APPLICATIONS
from core.review import workflow
from core.review.duties import ConcernsOwnAccount
from core.review.workflow import AlreadyDecided
from tests.factories import applied, identity, partner_with_customers, settings

PARTNER = "partner@reseller.example"
REVIEWER = "reviewer@greennode.example"
WHY = "Forty retail customers moving their shops to GreenNode compute in 2027."


def staff_login_of(email: str, sub: str):
    """The same person's staff sign-in: another subject, the same address, reviewer groups."""
    claims = {**demo_claims(REVIEWER), "sub": sub, "email": email, "provider": "staff"}
    return identity_from_claims(claims, settings())


@pytest.fixture
def partnership(engine):
    _, invited = partner_with_customers(engine, PARTNER)
    with session_scope(engine) as session:
        confirm_invitation(
            session=session,
            identity=identity("newcustomer@retail.example"),
            link_id=invited,
            directory=DemoDirectory(),
            facts_source=ClaimsFactsSource(settings().claims),
        )
        request = request_discounts(
            session=session, identity=identity(PARTNER), groups=("compute",), justification=WHY
        )
    for who in (staff_login_of(PARTNER, "staff-tuan"), identity(REVIEWER)):
        with session_scope(engine) as session:
            sync_account(session=session, identity=who)
    return engine, invited, request.id


def test_a_partners_own_discount_request_maximum_and_link_are_refused(partnership):
    engine, link_id, request_id = partnership
    own = staff_login_of(PARTNER, "staff-tuan")
    attempts = [
        lambda s: decide_request(
            session=s, actor=own, request_id=request_id, maximums={"compute": "100"}
        ),
        lambda s: workflow.assign(
            session=s, subject=REQUESTS, actor=own, row_id=request_id, assignee=own.sub, seen=None
        ),
        lambda s: change_maximum(
            session=s, actor=own, partner_id=1, group="compute", maximum="100"
        ),
        lambda s: decide_link(session=s, actor=own, link_id=link_id, approve=True),
        lambda s: workflow.assign(
            session=s, subject=LINKS, actor=own, row_id=link_id, assignee=own.sub, seen=None
        ),
    ]
    for attempt in attempts:
        with session_scope(engine) as session, pytest.raises(ConcernsOwnAccount):
            attempt(session)
    # Nor can a colleague hand it to them.
    with session_scope(engine) as session, pytest.raises(ConcernsOwnAccount):
        workflow.assign(
            session=session,
            subject=REQUESTS,
            actor=identity(REVIEWER),
            row_id=request_id,
            assignee=own.sub,
            seen=None,
        )


def test_the_customer_of_a_link_cannot_decide_it_either(partnership):
    engine, link_id, _ = partnership
    customer_at_work = staff_login_of("newcustomer@retail.example", "staff-mai")
    with session_scope(engine) as session, pytest.raises(ConcernsOwnAccount):
        decide_link(session=session, actor=customer_at_work, link_id=link_id, approve=True)


def test_an_applicant_with_a_staff_sign_in_cannot_decide_their_application(engine):
    application = applied(engine, "eligible@acme.example")
    own = staff_login_of("eligible@acme.example", "staff-an")
    with session_scope(engine) as session, pytest.raises(ConcernsOwnAccount):
        decide(session=session, actor=own, application_id=application.id, approve=True)
    with session_scope(engine) as session, pytest.raises(ConcernsOwnAccount):
        workflow.assign(
            session=session,
            subject=APPLICATIONS,
            actor=own,
            row_id=application.id,
            assignee=own.sub,
            seen=None,
        )


def test_a_colleague_decides_and_the_request_keeps_its_history(partnership):
    engine, link_id, request_id = partnership
    reviewer = identity(REVIEWER)
    with session_scope(engine) as session:
        workflow.assign(
            session=session,
            subject=REQUESTS,
            actor=reviewer,
            row_id=request_id,
            assignee=reviewer.sub,
            seen=None,
        )
        decide_request(
            session=session, actor=reviewer, request_id=request_id, maximums={"compute": "10"}
        )
        decide_link(session=session, actor=reviewer, link_id=link_id, approve=True)
    with session_scope(engine) as session:
        kinds = [e.kind for e in request_events(session, reviewer, request_id)]
        assert kinds == ["requested", "assigned", "approved"]
        assert session.exec(select(DiscountRequestEvent)).all()[-1].data["decision"] == {
            "compute": 1000
        }
    # The second decision is told who decided first, on every kind of row.
    with session_scope(engine) as session, pytest.raises(AlreadyDecided) as first:
        decide_link(
            session=session,
            actor=identity("reviewer2@greennode.example"),
            link_id=link_id,
            approve=False,
            reason_code="other",
            note="Duplicate of an earlier link.",
        )
    assert (first.value.outcome, first.value.decided_by) == ("approved", REVIEWER)


def test_a_partners_own_new_company_name_is_refused(partnership):
    engine, _, _ = partnership
    with session_scope(engine) as session:
        update_partner_profile(
            session=session,
            identity=identity(PARTNER),
            profile=ProfileInput("Sao Việt Cloud Group", PARTNER, "0912345678", "en"),
        )
    with session_scope(engine) as session, pytest.raises(ConcernsOwnAccount):
        decide_name_change(
            session=session,
            actor=staff_login_of(PARTNER, "staff-tuan"),
            partner_id=1,
            approve=True,
        )
    with session_scope(engine) as session:
        approved = decide_name_change(
            session=session, actor=identity(REVIEWER), partner_id=1, approve=True
        )
    assert approved.company == "Sao Việt Cloud Group"
