"""After the decision: every transition allowed and refused, against a real database."""

import shutil
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import func, select

from core.platform.db import session_scope
from core.platform.errors import DomainError, Forbidden, NotYet
from core.platform.models import Application, OutboxMessage, Partner, State
from core.platform.settings import get_settings
from core.registration.eligibility import ClaimsFactsSource
from core.registration.partnership import (
    accept_terms,
    decide_name_change,
    name_changes,
    partner_count,
    partners_overview,
    reapply,
    update_partner_profile,
    withdraw,
)
from core.registration.profile import ProfileInput, ProfileInvalid
from core.registration.records import events_of
from core.registration.terms import load_terms
from core.registration.terms_notices import notify_new_terms
from tests import factories
from tests.factories import applied, company_facts, current_terms, identity

NOW = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
APPLICANT = "eligible@acme.example"


def submitted(engine, email=APPLICANT, now=NOW) -> int:
    return applied(engine, email, now=now).id


def decided(engine, app_id, approve, now=NOW + timedelta(hours=2)):
    factories.decided(engine, app_id, approve=approve, reason_code="not_enterprise", now=now)


def do_reapply(engine, email=APPLICANT, now=NOW + timedelta(days=1), settings=None):
    terms = current_terms()
    with session_scope(engine, settings) as session:
        return reapply(
            session=session,
            identity=identity(email),
            facts_source=ClaimsFactsSource(get_settings().claims),
            terms=terms,
            accepted_sha256=terms.sha256,
            language="en",
            company=company_facts(identity(email)),
            now=now,
        )


def state_of(engine, app_id):
    with session_scope(engine) as session:
        return session.get(Application, app_id).state


def test_withdraw_a_pending_application(engine):
    app_id = submitted(engine)
    with session_scope(engine) as session:
        withdraw(session=session, identity=identity(APPLICANT), now=NOW + timedelta(hours=1))
    assert state_of(engine, app_id) == State.WITHDRAWN
    with session_scope(engine) as session:
        kinds = [e.kind for e in events_of(session, app_id)]
        emails = session.exec(select(OutboxMessage.kind)).all()
    assert kinds == ["submitted", "withdrawn"]
    assert sorted(emails) == ["submitted", "withdrawn"]


@pytest.mark.parametrize("approve", [True, False])
def test_withdraw_after_a_decision_is_refused_and_changes_nothing(engine, approve):
    app_id = submitted(engine)
    decided(engine, app_id, approve)
    with session_scope(engine) as session, pytest.raises(DomainError, match="cannot_withdraw"):
        withdraw(session=session, identity=identity(APPLICANT))
    assert state_of(engine, app_id) == (State.APPROVED if approve else State.REJECTED)


def test_withdraw_without_an_application_is_refused(engine):
    with session_scope(engine) as session, pytest.raises(DomainError, match="cannot_withdraw"):
        withdraw(session=session, identity=identity(APPLICANT))


def test_reapply_after_rejection_and_after_withdrawal(engine):
    first = submitted(engine)
    decided(engine, first, approve=False)
    second = do_reapply(engine)
    assert second.id != first and second.state == State.PENDING
    with session_scope(engine) as session:
        withdraw(session=session, identity=identity(APPLICANT), now=NOW + timedelta(days=2))
    third = do_reapply(engine, now=NOW + timedelta(days=3))
    assert third.state == State.PENDING


def test_reapply_while_pending_or_approved_is_refused(engine):
    app_id = submitted(engine)
    with pytest.raises(DomainError, match="cannot_reapply"):
        do_reapply(engine)
    decided(engine, app_id, approve=True)
    with pytest.raises(DomainError, match="cannot_reapply"):
        do_reapply(engine)


def test_reapply_cool_down_boundary(engine):
    week = get_settings().changed(reapply_cooldown_days=7)
    app_id = submitted(engine)
    decision_time = NOW + timedelta(hours=2)
    decided(engine, app_id, approve=False, now=decision_time)
    with pytest.raises(NotYet) as wait:
        do_reapply(
            engine, now=decision_time + timedelta(days=7) - timedelta(seconds=1), settings=week
        )
    assert wait.value.available_at == decision_time + timedelta(days=7)
    assert do_reapply(engine, now=decision_time + timedelta(days=7), settings=week).state == (
        State.PENDING
    )


def test_approval_creates_a_partner_with_a_stable_readable_id(engine):
    first = submitted(engine)
    second = submitted(engine, "eligible2@globex.example")
    decided(engine, first, approve=True)
    decided(engine, second, approve=True)
    with session_scope(engine) as session:
        codes = [p.partner_code for p in session.exec(select(Partner).order_by(Partner.id))]
    assert codes == ["GN-P-000001", "GN-P-000002"]


def test_profile_update_validates_every_field_and_saves_nothing_when_bad(engine):
    app_id = submitted(engine)
    decided(engine, app_id, approve=True)
    who = identity(APPLICANT)
    with session_scope(engine) as session, pytest.raises(ProfileInvalid) as invalid:
        update_partner_profile(
            session=session,
            identity=who,
            profile=ProfileInput(" x ", "not-an-email", "12345", "fr"),
        )
    assert set(invalid.value.problems) == {"company", "contact_email", "contact_phone", "language"}
    with session_scope(engine) as session:
        update_partner_profile(
            session=session,
            identity=who,
            profile=ProfileInput("  Acme   Việt Nam  ", "sales@acme.vn", "+84 912 345 678", "vi"),
            now=NOW + timedelta(days=1),
        )
    with session_scope(engine) as session:
        partner = session.exec(select(Partner)).one()
        kinds = [e.kind for e in events_of(session, app_id)]
    # The new name waits for the partner team; the contact details change at once.
    assert (partner.pending_company, partner.contact_email, partner.contact_phone) == (
        "Acme Việt Nam",
        "sales@acme.vn",
        "+84912345678",
    )
    assert partner.company != "Acme Việt Nam"
    assert kinds[-2:] == ["name_change_requested", "profile_updated"]


def rename(engine, name, who=APPLICANT):
    with session_scope(engine) as session:
        update_partner_profile(
            session=session,
            identity=identity(who),
            profile=ProfileInput(name, "sales@acme.vn", "+84 912 345 678", "en"),
        )


def decide_name(engine, approve, who="reviewer@greennode.example"):
    with session_scope(engine) as session:
        return decide_name_change(
            session=session, actor=identity(who), partner_id=1, approve=approve
        )


def test_a_new_company_name_is_used_only_once_the_partner_team_approves(engine):
    app_id = submitted(engine)
    decided(engine, app_id, approve=True)
    with session_scope(engine) as session:
        before = session.exec(select(Partner)).one().company
    rename(engine, "GreenNode Security Team - verify at https://evil.example")
    with session_scope(engine) as session:
        waiting = name_changes(session, identity("reviewer@greennode.example"))
        assert [(p.company, p.pending_company) for p in waiting] == [
            (before, "GreenNode Security Team - verify at https://evil.example")
        ]
        with pytest.raises(Forbidden):
            name_changes(session, identity(APPLICANT))
    assert decide_name(engine, approve=False).company == before  # refused: the name stays
    rename(engine, "Acme Cloud Việt Nam")
    assert decide_name(engine, approve=True).company == "Acme Cloud Việt Nam"
    with pytest.raises(DomainError, match=r"partners\.no_name_change"):
        decide_name(engine, approve=True)
    with session_scope(engine) as session:
        kinds = [e.kind for e in events_of(session, app_id)]
    assert [k for k in kinds if k.startswith("name_change")] == [
        "name_change_requested",
        "name_change_refused",
        "name_change_requested",
        "name_change_approved",
    ]


@pytest.mark.parametrize("email", ["eligible2@globex.example", "reviewer@greennode.example"])
def test_only_the_partner_may_edit_the_profile(engine, email):
    app_id = submitted(engine)
    decided(engine, app_id, approve=True)
    profile = ProfileInput("Other Co", "a@b.vn", "0912345678", "en")
    with session_scope(engine) as session, pytest.raises((DomainError, Forbidden)):
        update_partner_profile(session=session, identity=identity(email), profile=profile)


def test_new_terms_version_is_noticed_once_and_accepted(engine, tmp_path):
    app_id = submitted(engine)
    decided(engine, app_id, approve=True)
    source = get_settings().terms_dir
    for path in source.glob("*.md"):
        shutil.copy(path, tmp_path / path.name)
        text = path.read_text().replace("version: 2026-01", "version: 2026-11")
        text = text.replace("effective: 2026-01-01", "effective: 2026-11-20")
        (tmp_path / path.name.replace("2026-01", "2026-11")).write_text(text + "\nAddendum.\n")
    catalogue = load_terms(tmp_path)
    with session_scope(engine) as session:
        assert notify_new_terms(session=session, catalogue=catalogue, now=NOW) == 1
    with session_scope(engine) as session:
        assert notify_new_terms(session=session, catalogue=catalogue, now=NOW) == 0
        notices = session.exec(
            select(OutboxMessage).where(OutboxMessage.kind == "terms_notice")
        ).all()
    assert len(notices) == 1
    assert notices[0].context["terms_version"] == "2026-11"
    new = catalogue.current("en", date(2026, 11, 26))
    with session_scope(engine) as session, pytest.raises(DomainError, match="terms_changed"):
        accept_terms(session=session, identity=identity(APPLICANT), terms=new, accepted_sha256="x")
    with session_scope(engine) as session:
        accept_terms(
            session=session, identity=identity(APPLICANT), terms=new, accepted_sha256=new.sha256
        )
    with session_scope(engine) as session:
        overview = partners_overview(session, identity("manager@greennode.example"))
        assert notify_new_terms(session=session, catalogue=catalogue, now=NOW) == 0
    assert overview[0]["terms_version"] == "2026-11"
    with session_scope(engine) as session, pytest.raises(Forbidden):
        partners_overview(session, identity(APPLICANT))


def test_demo_history_approvals_are_partners_like_real_ones(engine):
    from local.seed import seed_history

    seed_history(engine, applications=300, seed=3, terms=load_terms(get_settings().terms_dir))
    manager = identity("manager@greennode.example")
    with session_scope(engine) as session:
        approved = session.exec(
            select(func.count()).select_from(Application).where(Application.state == "approved")
        ).one()
        assert approved > 100
        assert partner_count(session, manager) == approved
        newest = partners_overview(session, manager, limit=5)
    assert len(newest) == 5
    assert len({p["partner_code"] for p in newest}) == 5
    # A real approval after the demo history gets the next partner number.
    app = applied(engine, "eligible@acme.example")
    decided(engine, app.id, approve=True)
    with session_scope(engine) as session:
        assert partners_overview(session, manager, limit=1)[0]["partner_code"] == (
            f"GN-P-{approved + 1:06d}"
        )
