"""A partner's customers: every refusal, transition and email, on SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta
from threading import Barrier

import pytest
from sqlmodel import select

from core.partners.customer_review import (
    LINKS,
    alert_overdue_links,
    decide_link,
    expire_invitations,
    link_queue,
    remind_invitations,
)
from core.partners.customers import (
    InviteRow,
    PortalLinksFactsSource,
    cancel_invitation,
    confirm_invitation,
    customers_of,
    decline_invitation,
    end_link,
    invite_customers,
    open_invitations,
)
from core.platform.accounts import sync_account
from core.platform.clock import LOCAL_TZ
from core.platform.db import engine_for, session_scope
from core.platform.directory import DemoDirectory, DirectoryUnavailable
from core.platform.errors import DomainError, Forbidden, NotEligible
from core.platform.models import CustomerLink, CustomerLinkEvent, OutboxMessage, Partner
from core.platform.settings import get_settings
from core.registration.applications import submit_application
from core.registration.eligibility import ClaimsFactsSource, evaluate
from core.review import workflow
from core.review.ownership import AssignedToAnother
from tests.factories import approved_partner, company_facts, current_terms, identity

PARTNER = "partner@reseller.example"
OTHER_PARTNER = "eligible@acme.example"
NEW = "newcustomer@retail.example"
KNOWN = "knowncustomer@bakery.example"
REVIEWERS = ("reviewer@greennode.example", "reviewer2@greennode.example")
T0 = datetime(2026, 3, 2, 9, tzinfo=LOCAL_TZ)  # Monday
DIRECTORY = DemoDirectory()
CLAIMS = ClaimsFactsSource(get_settings().claims)


@pytest.fixture
def partners(engine):
    """Two approved partners and two reviewers who have signed in."""
    approved_partner(engine, PARTNER)
    approved_partner(engine, OTHER_PARTNER)
    for email in REVIEWERS:
        with session_scope(engine) as session:
            sync_account(session=session, identity=identity(email))
    return engine


def invite(engine, *rows, by: str = PARTNER, now: datetime = T0, directory=DIRECTORY):
    with session_scope(engine) as session:
        return invite_customers(
            session=session,
            identity=identity(by),
            rows=[row if isinstance(row, InviteRow) else InviteRow(row, "Shop") for row in rows],
            directory=directory,
            now=now,
        )


def invited(engine, email: str = NEW, **kwargs) -> int:
    (outcome,) = invite(engine, email, **kwargs)
    assert outcome.created, outcome.reason
    return outcome.link_id


def confirm(engine, link_id: int, who: str = NEW, now: datetime = T0, **claims):
    with session_scope(engine) as session:
        return confirm_invitation(
            session=session,
            identity=identity(who, **claims),
            link_id=link_id,
            directory=DIRECTORY,
            facts_source=CLAIMS,
            now=now,
        )


def decide(engine, link_id: int, approve: bool, who: str = REVIEWERS[0], **kwargs):
    with session_scope(engine) as session:
        return decide_link(
            session=session, actor=identity(who), link_id=link_id, approve=approve, **kwargs
        )


def link(engine, link_id: int) -> CustomerLink:
    with session_scope(engine) as session:
        return session.get(CustomerLink, link_id)


def events(engine, link_id: int) -> list[str]:
    with session_scope(engine) as session:
        return list(
            session.exec(
                select(CustomerLinkEvent.kind)
                .where(CustomerLinkEvent.link_id == link_id)
                .order_by(CustomerLinkEvent.id)
            )
        )


def mail(engine) -> list[tuple[str, str, str]]:
    """(recipient, event, language) of every customer-link email, in order."""
    with session_scope(engine) as session:
        rows = session.exec(
            select(OutboxMessage).where(OutboxMessage.kind == "notice").order_by(OutboxMessage.id)
        ).all()
        return [(m.recipient, m.context["event"], m.language) for m in rows]


def count(engine, model) -> int:
    with session_scope(engine) as session:
        return len(session.exec(select(model)).all())


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (InviteRow("not an email"), "bad_email"),
        (InviteRow(NEW, "\u202eevil"), "bad_name"),
        (InviteRow(NEW, "Shop", "owner"), "bad_role"),
        (InviteRow("nobody@nowhere.example"), "not_registered"),
        (InviteRow(PARTNER), "own_account"),
        (InviteRow("personal@home.example"), "not_linkable"),
        (InviteRow("iamuser@acme.example"), "not_linkable"),
        (InviteRow(OTHER_PARTNER), "is_partner"),
        (InviteRow("customer@client.example"), "customer_of_partner"),
        (InviteRow("creditcustomer@store.example"), "has_credit"),
        (InviteRow("busycustomer@shop.example"), "uses_services"),
        (InviteRow("discountcustomer@cafe.example"), "has_discounts"),
        (InviteRow("poccustomer@lab.example"), "in_poc"),
        (InviteRow("postpaid@factory.example"), "not_prepaid"),
    ],
)
def test_each_refused_row_gives_its_own_reason_and_writes_nothing(partners, row, reason):
    (outcome,) = invite(partners, row)
    assert (outcome.created, outcome.reason) == (False, reason)
    assert count(partners, CustomerLink) == 0 and mail(partners) == []


def test_rows_that_pass_are_created_and_the_others_stay_with_their_reasons(partners):
    outcomes = invite(
        partners,
        InviteRow(" NewCustomer@Retail.example ", "  Mai   Retail ", "reseller"),
        InviteRow("newcustomer@retail.example", "again"),
        InviteRow("busycustomer@shop.example", "Busy"),
        InviteRow(KNOWN, ""),
        InviteRow("", ""),  # an empty row is ignored
    )
    assert [(o.created, o.reason) for o in outcomes] == [
        (True, None),
        (False, "duplicate_row"),
        (False, "uses_services"),
        (True, None),
    ]
    first = link(partners, outcomes[0].link_id)
    assert (first.customer_email, first.friendly_name, first.role) == (
        NEW,
        "Mai Retail",
        "reseller",
    )
    assert first.expires_at == T0 + timedelta(days=14)
    # The customer is asked in its own account's language.
    assert mail(partners) == [(NEW, "invited", "vi"), (KNOWN, "invited", "en")]
    with session_scope(partners) as session:
        subject = (
            session.exec(select(OutboxMessage).where(OutboxMessage.kind == "notice"))
            .first()
            .context["subject"]
        )
    assert "đề nghị đăng ký bạn làm khách hàng" in subject


def test_one_partner_invites_an_account_once_and_another_partner_may_invite_it_too(partners):
    invited(partners)
    assert invite(partners, NEW)[0].reason == "already_invited"
    assert invite(partners, NEW, by=OTHER_PARTNER)[0].created  # nobody holds it yet
    assert count(partners, CustomerLink) == 2


def test_confirm_then_approve_makes_it_active_and_the_customer_cannot_apply(partners):
    link_id = invited(partners)
    confirmed = confirm(partners, link_id, now=T0 + timedelta(hours=1))
    assert confirmed.state == "confirmed" and confirmed.needs_approval
    assert confirmed.due_at == datetime(2026, 3, 5, 10, tzinfo=LOCAL_TZ)  # 3 working days
    with session_scope(partners) as session:
        assert [row.id for row, _ in link_queue(session, identity(REVIEWERS[0]))] == [link_id]
    decide(partners, link_id, approve=True)
    assert link(partners, link_id).state == "active"
    assert events(partners, link_id) == ["invited", "confirmed", "approved"]
    assert [(r, e) for r, e, _ in mail(partners)] == [
        (NEW, "invited"),
        (PARTNER, "confirmed"),
        (PARTNER, "approved"),
        (NEW, "approved"),
    ]
    # The portal's own link makes the account "a customer account of a partner".
    source = PortalLinksFactsSource(CLAIMS, lambda: session_scope(partners))
    result = evaluate(source.facts_for(identity(NEW)))
    assert result.failures == ("partner_customer",)
    assert result.facts.partner_customer_of == "GN-P-000001"
    terms = current_terms()
    with session_scope(partners) as session, pytest.raises(NotEligible):
        submit_application(  # the same check guards the submission
            session=session,
            identity=identity(NEW),
            facts_source=source,
            terms=terms,
            accepted_sha256=terms.sha256,
            language="en",
            company=company_facts(identity(NEW)),
        )


def test_a_verified_greennode_customer_is_active_as_soon_as_it_confirms(partners):
    link_id = invited(partners, KNOWN)
    assert confirm(partners, link_id, who=KNOWN).state == "active"
    assert events(partners, link_id) == ["invited", "activated"]
    assert [(r, e) for r, e, _ in mail(partners)][1:] == [
        (PARTNER, "activated"),
        (KNOWN, "activated"),
    ]
    with session_scope(partners) as session:
        assert link_queue(session, identity(REVIEWERS[0])) == []


def test_reject_needs_a_reason_and_tells_both(partners):
    link_id = invited(partners)
    confirm(partners, link_id)
    with pytest.raises(DomainError, match=r"error.reason_required"):
        decide(partners, link_id, approve=False)
    decide(partners, link_id, approve=False, reason_code="wrong_partner", note="Not their client.")
    done = link(partners, link_id)
    assert (done.state, done.reason_code, done.note) == (
        "rejected",
        "wrong_partner",
        "Not their client.",
    )
    assert [(r, e) for r, e, _ in mail(partners)][-2:] == [(PARTNER, "rejected"), (NEW, "rejected")]
    # A rejected link is closed: the partner may invite the account again.
    assert invite(partners, NEW)[0].created


def test_decline_and_cancel_close_the_invitation_and_tell_the_other_side(partners):
    declined = invited(partners)
    with session_scope(partners) as session:
        decline_invitation(session=session, identity=identity(NEW), link_id=declined, now=T0)
    assert invite(partners, NEW, now=T0 + timedelta(days=6))[0].reason == "invited_recently"
    cancelled = invited(partners, now=T0 + timedelta(days=7))
    with session_scope(partners) as session:
        cancel_invitation(session=session, identity=identity(PARTNER), link_id=cancelled)
    assert (link(partners, declined).state, link(partners, cancelled).state) == (
        "declined",
        "cancelled",
    )
    assert [(r, e) for r, e, _ in mail(partners)] == [
        (NEW, "invited"),
        (PARTNER, "declined"),
        (NEW, "invited"),
        (NEW, "cancelled"),
    ]
    with pytest.raises(DomainError, match=r"customers.invitation_closed"):
        confirm(partners, cancelled)


def test_a_confirmed_invitation_cannot_be_cancelled(partners):
    link_id = invited(partners)
    confirm(partners, link_id)
    with (
        session_scope(partners) as session,
        pytest.raises(DomainError, match=r"customers.cannot_cancel"),
    ):
        cancel_invitation(session=session, identity=identity(PARTNER), link_id=link_id)
    assert link(partners, link_id).state == "confirmed"


def test_an_active_link_is_ended_by_the_partner_or_by_staff_with_a_reason(partners):
    ids = []
    for email in (KNOWN, NEW):
        ids.append(invited(partners, email))
    confirm(partners, ids[0], who=KNOWN)
    confirm(partners, ids[1])
    decide(partners, ids[1], approve=True)
    with (
        session_scope(partners) as session,
        pytest.raises(DomainError, match=r"error.end_reason_length"),
    ):
        end_link(session=session, actor=identity(PARTNER), link_id=ids[0], reason="short")
    for link_id, actor in zip(ids, (PARTNER, REVIEWERS[0]), strict=True):
        with session_scope(partners) as session:
            end_link(
                session=session,
                actor=identity(actor),
                link_id=link_id,
                reason="The contract with this customer has ended.",
            )
        assert link(partners, link_id).state == "ended"
    assert [e for _, e, _ in mail(partners)].count("ended") == 4  # partner and customer, twice


def test_the_customers_claims_are_checked_again_when_it_confirms(partners):
    link_id = invited(partners)
    with pytest.raises(DomainError, match=r"customers.refusal.not_linkable"):
        confirm(partners, link_id, user_type="iam")
    with pytest.raises(DomainError, match=r"customers.refusal.customer_of_partner"):
        confirm(partners, link_id, partner_customer_of="GN-P-000077")
    assert link(partners, link_id).state == "invited"
    assert events(partners, link_id) == ["invited"]


def test_a_partner_sees_only_its_own_customers_and_a_customer_only_its_own_invitation(partners):
    link_id = invited(partners)
    with session_scope(partners) as session:
        assert [row.id for row in customers_of(session, identity(PARTNER))] == [link_id]
        assert customers_of(session, identity(OTHER_PARTNER)) == []
    with (
        session_scope(partners) as session,
        pytest.raises(DomainError, match=r"customers.not_found"),
    ):
        cancel_invitation(session=session, identity=identity(OTHER_PARTNER), link_id=link_id)
    with pytest.raises(DomainError, match=r"customers.no_invitation"):
        confirm(partners, link_id, who=KNOWN)
    with session_scope(partners) as session, pytest.raises(Forbidden):
        invite_customers(
            session=session,
            identity=identity(REVIEWERS[0]),
            rows=[InviteRow(NEW)],
            directory=DIRECTORY,
        )
    assert link(partners, link_id).state == "invited"


def test_when_the_account_service_is_down_nothing_is_written(partners):
    class Down:
        def lookup(self, email):
            raise DirectoryUnavailable()

    with pytest.raises(DirectoryUnavailable):
        invite(partners, NEW, KNOWN, directory=Down())
    assert count(partners, CustomerLink) == 0 and mail(partners) == []


def test_one_reminder_then_expiry_tells_both_and_the_account_can_be_invited_again(partners):
    link_id = invited(partners)
    for when in (T0 + timedelta(days=10), T0 + timedelta(days=10, hours=23)):
        with session_scope(partners) as session:
            assert remind_invitations(session=session, now=when) == 0
    for _ in range(2):
        with session_scope(partners) as session:
            remind_invitations(session=session, now=T0 + timedelta(days=11, minutes=1))
    with session_scope(partners) as session:
        assert expire_invitations(session=session, now=T0 + timedelta(days=13, hours=23)) == 0
    with session_scope(partners) as session:
        assert expire_invitations(session=session, now=T0 + timedelta(days=14)) == 1
    assert link(partners, link_id).state == "expired"
    assert events(partners, link_id) == ["invited", "invitation_reminder", "expired"]
    assert [(r, e) for r, e, _ in mail(partners)][1:] == [
        (NEW, "invitation_reminder"),
        (PARTNER, "expired"),
        (NEW, "expired"),
    ]
    assert invite(partners, NEW, by=OTHER_PARTNER)[0].created


def test_one_partner_inviting_the_same_account_twice_at_once_makes_one_link(partners, database_url):
    start = Barrier(2)

    def press(_):
        start.wait()
        try:
            return invite(engine_for(database_url), NEW)[0]
        except Exception as error:  # SQLite's writer lock may refuse one outright
            return error

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(press, range(2)))
    created = [o for o in outcomes if not isinstance(o, Exception) and o.created]
    assert len(created) == 1
    assert count(partners, CustomerLink) == 1
    assert [e for _, e, _ in mail(partners)] == ["invited"]


def test_a_customer_confirming_in_two_tabs_at_once_confirms_once(partners, database_url):
    link_id = invited(partners)
    start = Barrier(2)

    def press(_):
        start.wait()
        try:
            return confirm(engine_for(database_url), link_id).state
        except Exception as error:
            return error

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(press, range(2)))
    assert "confirmed" in results
    assert events(partners, link_id) == ["invited", "confirmed"]
    assert [e for _, e, _ in mail(partners)] == ["invited", "confirmed"]


def test_assignment_and_deciding_anothers_link_needs_their_name(partners):
    link_id = invited(partners)
    confirm(partners, link_id)
    with session_scope(partners) as session:
        workflow.assign(
            session=session,
            subject=LINKS,
            actor=identity(REVIEWERS[0]),
            row_id=link_id,
            assignee=REVIEWERS[0],
            seen=None,
        )
    with session_scope(partners) as session:
        mine = link_queue(session, identity(REVIEWERS[0]), owner="mine")
        theirs = link_queue(session, identity(REVIEWERS[1]), owner="mine")
        assert ([row.id for row, _ in mine], theirs) == ([link_id], [])
    with pytest.raises(AssignedToAnother):
        decide(partners, link_id, approve=True, who=REVIEWERS[1])
    decide(partners, link_id, approve=True, who=REVIEWERS[1], instead_of=REVIEWERS[0])
    with session_scope(partners) as session:
        approved = session.exec(
            select(CustomerLinkEvent).where(CustomerLinkEvent.kind == "approved")
        ).one()
    assert (approved.actor_sub, approved.data["instead_of"]) == (REVIEWERS[1], REVIEWERS[0])


def test_an_overdue_link_alerts_every_reviewer_once_with_two_workers(partners, database_url):
    link_id = invited(partners)
    confirm(partners, link_id)
    due = link(partners, link_id).due_at
    start = Barrier(2)

    def run(_):
        start.wait()
        try:
            with session_scope(engine_for(database_url)) as session:
                alert_overdue_links(session=session, now=due + timedelta(minutes=1))
        except Exception:
            pass  # SQLite's writer lock may refuse one worker: the other wrote it

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(run, range(2)))
    with session_scope(partners) as session:
        alerts = session.exec(
            select(OutboxMessage.recipient).where(OutboxMessage.kind == "link_overdue_alert")
        ).all()
    assert sorted(alerts) == sorted(REVIEWERS)
    assert events(partners, link_id).count("overdue_alert") == 1


def test_the_customer_sees_every_invitation_and_choosing_one_declines_the_others(partners):
    mine = invited(partners)
    theirs = invited(partners, by=OTHER_PARTNER, now=T0 + timedelta(minutes=5))
    with session_scope(partners) as session:
        waiting = open_invitations(session, link(partners, mine).customer_sub)
        assert [w.id for w in waiting] == [mine, theirs]
    confirm(partners, theirs, now=T0 + timedelta(hours=1))
    assert link(partners, theirs).state == "confirmed"
    assert link(partners, mine).state == "declined"
    assert (PARTNER, "declined") in [(r, e) for r, e, _ in mail(partners)]
    # Held now: no partner can invite it, and the declined one cannot be confirmed.
    assert invite(partners, NEW, now=T0 + timedelta(days=30))[0].reason == "customer_of_partner"
    with pytest.raises(DomainError, match=r"customers.invitation_closed"):
        confirm(partners, mine)


def test_a_partner_sends_at_most_the_daily_number_of_invitations(partners):
    few = get_settings().changed(invitations_per_day=2)
    emails = (NEW, KNOWN, "eligible2@globex.example")
    with session_scope(partners) as session:
        outcomes = invite_customers(
            session=session,
            identity=identity(PARTNER),
            rows=[InviteRow(e) for e in emails],
            directory=DIRECTORY,
            now=T0,
            settings=few,
        )
    assert [o.reason for o in outcomes] == [None, None, "daily_limit"]
    with session_scope(partners) as session:
        (later,) = invite_customers(
            session=session,
            identity=identity(PARTNER),
            rows=[InviteRow("eligible2@globex.example")],
            directory=DIRECTORY,
            now=T0 + timedelta(days=1, minutes=1),
            settings=few,
        )
    assert later.created  # a day later there is room again


def test_the_partner_teams_accounts_cannot_be_invited(partners):
    staff = REVIEWERS[0]

    class Everyone:
        """An account service that has the reviewer as an Enterprise root account too."""

        def lookup(self, email):
            found = DIRECTORY.lookup(NEW)
            return replace(found, sub=identity(email).sub, email=email) if found else None

    (outcome,) = invite(partners, staff, directory=Everyone())
    assert outcome.reason == "staff_account"


PHISHING = "GreenNode Security Team - account suspended, verify at https://evil.example/login"


def test_a_partners_own_words_reach_customers_quoted_and_never_as_a_link(partners):
    with session_scope(partners) as session:
        partner = session.exec(select(Partner).where(Partner.id == 1)).one()
        partner.company = PHISHING  # as a rename after approval would leave it
        session.add(partner)
    link_id = invited(partners)
    confirm(partners, link_id, now=T0 + timedelta(hours=1))
    decide(partners, link_id, approve=True)
    with session_scope(partners) as session:
        end_link(
            session=session,
            actor=identity(PARTNER),
            link_id=link_id,
            reason="Your account moves to us: log in at http://evil.example now",
            now=T0 + timedelta(days=1),
        )
        sent = session.exec(
            select(OutboxMessage).where(OutboxMessage.recipient == NEW).order_by(OutboxMessage.id)
        ).all()
    invitation, *_, ended = sent
    assert not invitation.context["subject"].startswith("GreenNode Security")
    everything = " ".join(
        " ".join([m.context["subject"], *m.context["paragraphs"], m.context.get("note", "")])
        for m in sent
    )
    assert "://" not in everything and "evil.example" not in everything
    assert (
        "“GreenNode Security Team - account suspended, verify at https[:]//evil[.]example"
        in (invitation.context["paragraphs"][0])
    )
    assert (
        ended.context["note"] == "Your account moves to us: log in at http[:]//evil[.]example now"
    )
    # NEW reads Vietnamese: the reason is labelled as the partner's words, not GreenNode's.
    assert "theo lời của đối tác (không phải của GreenNode)" in ended.context["note_by"]
