"""Every page and every use case against every identity: allowed or refused.

The matrix below is the specification; the README's "Access matrix" table is
rendered from it, and a test keeps the two equal.
"""

from __future__ import annotations

import shutil

import pytest
from sqlmodel import func, select
from streamlit.testing.v1 import AppTest

from core.money.ledger import grant_credit, own_balance, partner_balances, top_up
from core.money.reports import month_report
from core.partners.customer_review import LINKS, decide_link, link_queue, link_record
from core.partners.customers import (
    InviteRow,
    cancel_invitation,
    confirm_invitation,
    customers_of,
    decline_invitation,
    invite_customers,
)
from core.partners.discounts import discount_history, discount_queue, request_discounts
from core.platform.clock import utcnow
from core.platform.db import engine_for, session_scope
from core.platform.demo import as_signed_in, demo_claims
from core.platform.directory import DemoDirectory, account_from_record
from core.platform.errors import DomainError, Forbidden
from core.platform.identity import identity_from_claims
from core.platform.models import Application, CreditMovement, CustomerLink
from core.platform.paths import PROJECT_ROOT
from core.platform.settings import get_settings
from core.registration.assignment import assignment_load
from core.registration.decisions import decide
from core.registration.eligibility import ClaimsFactsSource
from core.registration.info_requests import answer_information, request_information
from core.registration.partnership import accept_terms, partners_overview, update_partner_profile
from core.registration.profile import ProfileInput
from core.registration.queue import application_record, queue_page
from core.registration.subject import APPLICATIONS
from core.review import workflow
from tests.app.helpers import texts
from tests.factories import applied, approved_partner, current_terms, identity
from ui.navigation import offered_pages

REFUSALS = (
    "This page is not available for your account.",
    "The partner area is for approved GreenNode partners.",
)
# Forgeries through the staff sign-in: only the groups claim is wrong.
EXAMPLE = {
    **demo_claims("eligible@acme.example"),
    "sub": "forger@acme.example",
    "email": "forger@acme.example",
    "provider": "staff",
}

# name: (claims or None, whether the account is an approved partner)
IDENTITIES: dict[str, tuple[dict | None, bool]] = {
    "signed out": (None, False),
    "eligible applicant": (demo_claims("eligible2@globex.example"), False),
    "approved partner": (demo_claims("eligible@acme.example"), True),
    "personal account": (demo_claims("personal@home.example"), False),
    "IAM sub-user": (demo_claims("iamuser@acme.example"), False),
    "partner's customer": (demo_claims("customer@client.example"), False),
    "invited customer": (demo_claims("knowncustomer@bakery.example"), False),
    "reviewer": (demo_claims("reviewer@greennode.example"), False),
    "manager": (demo_claims("manager@greennode.example"), False),
    "finance": (demo_claims("finance@greennode.example"), False),
    "forged groups (look-alike)": ({**EXAMPLE, "groups": ["partner-reviewers-x"]}, False),
    "forged groups (wrong case)": ({**EXAMPLE, "groups": ["PARTNER-MANAGERS"]}, False),
    "forged groups (not a list)": ({**EXAMPLE, "groups": {"partner-reviewers": True}}, False),
    "forged roles claim": ({**EXAMPLE, "roles": ["reviewer", "manager"]}, False),
    "staff without groups claim": (
        {k: v for k, v in demo_claims("manager@greennode.example").items() if k != "groups"},
        False,
    ),
    "staff groups via customer sign-in": (
        {**demo_claims("manager@greennode.example"), "provider": "root"},
        False,
    ),
    "groups as a string": (
        {**demo_claims("reviewer@greennode.example"), "groups": "partner-reviewers"},
        False,
    ),
    "same email, other sub": (
        {**demo_claims("eligible@acme.example"), "sub": "look-alike-sub"},
        False,
    ),
}
CUSTOMERS = {
    "eligible applicant",
    "invited customer",
    "personal account",
    "IAM sub-user",
    "partner's customer",
    "forged groups (look-alike)",
    "forged groups (wrong case)",
    "forged groups (not a list)",
    "forged roles claim",
    "staff without groups claim",
    "staff groups via customer sign-in",
    "groups as a string",
    "same email, other sub",
}
SIGNED_IN = set(IDENTITIES) - {"signed out"}
# page: who may use it (pages in the local-tools section only on local defaults)
PAGES: dict[str, set[str]] = {
    "sign_in.py": {"signed out"},
    "apply.py": CUSTOMERS | {"approved partner"},
    "status.py": CUSTOMERS | {"approved partner"},
    "partner.py": {"approved partner"},
    "customers.py": {"approved partner"},
    # Any customer account reaches it (and reads "no invitation"); only an invited one sees it.
    "invitation.py": CUSTOMERS | {"approved partner"},
    "review_queue.py": {"reviewer", "manager"},
    "customer_links.py": {"reviewer", "manager"},
    "partners.py": {"reviewer", "manager"},
    "finance.py": {"finance"},
    "credits.py": {"approved partner"},
    "discounts.py": {"approved partner"},
    "reports.py": {"approved partner", "reviewer", "manager", "finance"},
    "discount_requests.py": {"reviewer", "manager"},
    "metrics.py": {"manager"},
    "outbox.py": {"manager"},
    "mailbox.py": SIGNED_IN,
}
# Reachable, and explained on the page, but not in the menu: a partner has nothing to apply
# for, and an account that no partner invited has no invitation to answer.
NOT_IN_MENU: dict[str, set[str]] = {
    name: {"invitation.py"} for name in CUSTOMERS - {"invited customer"}
} | {"approved partner": {"apply.py", "invitation.py"}}
# use case: who may call it
USE_CASES: dict[str, set[str]] = {
    "queue_page": {"reviewer", "manager"},
    "application_record": {"reviewer", "manager"},
    "assign": {"reviewer", "manager"},
    "assignment_load": {"reviewer", "manager"},
    "request_information": {"reviewer", "manager"},
    # Only an applicant asked a question may answer, and only on their own application.
    "answer_information": set(),
    "decide": {"reviewer", "manager"},
    "partners_overview": {"reviewer", "manager"},
    "update_partner_profile": {"approved partner"},
    "accept_terms": {"approved partner"},
    # A partner sees and changes only its own customers; a customer only its own invitation.
    "invite_customers": {"approved partner"},
    "customers_of": {"approved partner"},
    "cancel_invitation": {"approved partner"},
    "confirm_invitation": {"invited customer"},
    "decline_invitation": {"invited customer"},
    "link_queue": {"reviewer", "manager"},
    "link_record": {"reviewer", "manager"},
    "assign_link": {"reviewer", "manager"},
    "decide_link": {"reviewer", "manager"},
    # Money: finance grants; a partner sees and moves only its own.
    "grant_credit": {"finance"},
    "partner_balances": {"finance"},
    "top_up": {"approved partner"},
    "own_balance": {"approved partner"},
    "request_discounts": {"approved partner"},
    "discount_queue": {"reviewer", "manager"},
    "discount_history": {"approved partner", "reviewer", "manager"},
    # A partner's report is its own; the partner team and finance open any partner's.
    "month_report": {"approved partner", "reviewer", "manager", "finance"},
}


def who(name: str):
    claims, _ = IDENTITIES[name]
    return identity_from_claims(claims, get_settings()) if claims else None


def render_matrix() -> str:
    columns = list(IDENTITIES)
    header = "| page or use case | " + " | ".join(columns) + " |"
    rule = "| --- |" + " --- |" * len(columns)
    rows = [
        f"| `{name}` | " + " | ".join("✓" if c in allowed else "✗" for c in columns) + " |"
        for name, allowed in [*PAGES.items(), *USE_CASES.items()]
    ]
    return "\n".join([header, rule, *rows])


def test_the_readme_carries_this_matrix():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert render_matrix() in readme


@pytest.mark.parametrize("name", list(IDENTITIES))
def test_navigation_offers_exactly_the_allowed_pages(name):
    state = "approved" if IDENTITIES[name][1] else None
    link = "invited" if name == "invited customer" else None
    offered = {
        spec.path.removeprefix("pages/")
        for spec in offered_pages(
            who(name), application_state=state, settings=get_settings(), customer_link=link
        )
    }
    allowed = {page for page, names in PAGES.items() if name in names}
    assert offered == allowed - NOT_IN_MENU.get(name, set())


@pytest.mark.parametrize(
    ("state", "offered"),
    [
        (None, True),
        ("pending", False),
        ("approved", False),
        ("rejected", True),
        ("withdrawn", True),
    ],
)
def test_become_a_partner_is_offered_only_to_those_who_may_apply(state, offered):
    pages = offered_pages(
        who("eligible applicant"), application_state=state, settings=get_settings()
    )
    assert any(spec.path == "pages/apply.py" for spec in pages) is offered


@pytest.fixture(scope="module")
def partnership_template(tmp_path_factory, sqlite_template):
    """eligible@acme.example is an approved partner; eligible2 has a pending application;
    the partner invited knowncustomer (waiting) and newcustomer (confirmed, awaiting approval),
    and has an active customer and credit. Built once; each test gets a copy."""
    path = tmp_path_factory.mktemp("partnership") / "partner.db"
    shutil.copy(sqlite_template, path)
    engine = engine_for(f"sqlite:///{path}")
    ids = build_partnership(engine)
    engine.dispose()  # closes the WAL: the file alone holds everything
    return path, ids


@pytest.fixture
def partnership(app_env, partnership_template):
    path, ids = partnership_template
    shutil.copy(path, app_env.removeprefix("sqlite:///"))
    return (engine_for(app_env), *ids)


def build_partnership(engine):
    approved_partner(engine, reviewer="reviewer2@greennode.example")
    pending_id = applied(engine, "eligible2@globex.example").id
    with session_scope(engine) as session:
        invited, waiting = (
            o.link_id
            for o in invite_customers(
                session=session,
                identity=who("approved partner"),
                rows=[InviteRow("knowncustomer@bakery.example"), InviteRow(NEW_CUSTOMER)],
                directory=DemoDirectory(),
            )
        )
    with session_scope(engine) as session:
        confirm_invitation(
            session=session,
            identity=identity(NEW_CUSTOMER),
            link_id=waiting,
            directory=DemoDirectory(),
            facts_source=ClaimsFactsSource(get_settings().claims),
        )
    # A third customer, active at once, with credit on the partner's balance to top it up.
    directory = MatrixDirectory()
    with session_scope(engine) as session:
        (topped,) = invite_customers(
            session=session,
            identity=who("approved partner"),
            rows=[InviteRow(ACTIVE_CUSTOMER["email"])],
            directory=directory,
        )
    with session_scope(engine) as session:
        confirm_invitation(
            session=session,
            identity=identity_from_claims(
                {**demo_claims("knowncustomer@bakery.example"), **ACTIVE_CUSTOMER},
                get_settings(),
            ),
            link_id=topped.link_id,
            directory=directory,
            facts_source=ClaimsFactsSource(get_settings().claims),
        )
    with session_scope(engine) as session:
        grant_credit(
            session=session,
            actor=who("finance"),
            partner_id=1,
            amount=5_000_000,
            reference="INV-2026-0001",
            idempotency_key="matrix-first-grant",
        )
    assert topped.link_id == TOPPED
    return pending_id, invited, waiting


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("name", list(IDENTITIES))
def test_each_page_reached_directly_allows_or_refuses(partnership, page, name):
    claims, _ = IDENTITIES[name]
    at = AppTest.from_file(str(PROJECT_ROOT / "pages" / page), default_timeout=60)
    at.user = as_signed_in(claims) if claims else {"is_logged_in": False}
    at.run()
    assert not at.exception
    refused = any(refusal in texts(at) for refusal in REFUSALS)
    if page == "sign_in.py":
        assert at.button(key="signin_root")  # harmless to anyone
    else:
        assert refused == (name not in PAGES[page]), (page, name)


NEW_CUSTOMER = "newcustomer@retail.example"
ACTIVE_CUSTOMER = {"sub": "matrix-shop@shop.example", "email": "matrix-shop@shop.example"}
TOPPED = 3


class MatrixDirectory(DemoDirectory):
    """The demo directory and one more verified GreenNode customer."""

    def lookup(self, email):
        if email == ACTIVE_CUSTOMER["email"]:
            return account_from_record(
                {**demo_claims("knowncustomer@bakery.example"), **ACTIVE_CUSTOMER}
            )
        return super().lookup(email)


LINK_CALLS = {
    "invite_customers": lambda session, actor, invited, waiting: invite_customers(
        session=session,
        identity=actor,
        rows=[InviteRow("newcustomer2@retail.example")],
        directory=DemoDirectory(),
    ),
    "customers_of": lambda session, actor, invited, waiting: customers_of(session, actor),
    "cancel_invitation": lambda session, actor, invited, waiting: cancel_invitation(
        session=session, identity=actor, link_id=invited
    ),
    "confirm_invitation": lambda session, actor, invited, waiting: confirm_invitation(
        session=session,
        identity=actor,
        link_id=invited,
        directory=DemoDirectory(),
        facts_source=ClaimsFactsSource(get_settings().claims),
    ),
    "decline_invitation": lambda session, actor, invited, waiting: decline_invitation(
        session=session, identity=actor, link_id=invited
    ),
    "link_queue": lambda session, actor, invited, waiting: link_queue(session, actor),
    "link_record": lambda session, actor, invited, waiting: link_record(session, actor, waiting),
    "grant_credit": lambda session, actor, invited, waiting: grant_credit(
        session=session,
        actor=actor,
        partner_id=1,
        amount=1_000_000,
        reference="INV-2026-0042",
        idempotency_key=f"matrix-grant-{actor.sub}",
    ),
    "partner_balances": lambda session, actor, invited, waiting: partner_balances(session, actor),
    "top_up": lambda session, actor, invited, waiting: top_up(
        session=session,
        identity=actor,
        link_id=TOPPED,
        amount=100_000,
        note="",
        idempotency_key=f"matrix-topup-{actor.sub}",
    ),
    "own_balance": lambda session, actor, invited, waiting: own_balance(session, actor),
    "request_discounts": lambda session, actor, invited, waiting: request_discounts(
        session=session,
        identity=actor,
        groups=["compute"],
        justification="Forty retail customers moving to GreenNode compute next year.",
    ),
    "discount_queue": lambda session, actor, invited, waiting: discount_queue(session, actor),
    "discount_history": lambda session, actor, invited, waiting: discount_history(session, actor),
    "month_report": lambda session, actor, invited, waiting: month_report(
        session, actor, utcnow().date(), partner_id=1
    ),
    "assign_link": lambda session, actor, invited, waiting: workflow.assign(
        session=session,
        subject=LINKS,
        actor=actor,
        row_id=waiting,
        assignee=actor.sub if actor else None,
        seen=None,
    ),
    "decide_link": lambda session, actor, invited, waiting: decide_link(
        session=session, actor=actor, link_id=waiting, approve=True
    ),
}


def call(use_case: str, actor, engine, pending_id: int, invited: int, waiting: int):
    now = utcnow()
    with session_scope(engine) as session:
        if use_case in LINK_CALLS:
            return LINK_CALLS[use_case](session, actor, invited, waiting)
        if use_case == "queue_page":
            return queue_page(session, actor, now)
        if use_case == "application_record":
            return application_record(session, actor, pending_id)
        if use_case == "assign":
            return workflow.assign(
                session=session,
                subject=APPLICATIONS,
                actor=actor,
                row_id=pending_id,
                assignee=actor.sub if actor else None,
                seen=None,
            )
        if use_case == "assignment_load":
            return assignment_load(session, actor, now)
        if use_case == "request_information":
            return request_information(
                session=session,
                actor=actor,
                application_id=pending_id,
                question="Which services will you resell first?",
            )
        if use_case == "answer_information":
            return answer_information(
                session=session, identity=actor, answer="We resell compute and storage."
            )
        if use_case == "decide":
            return decide(session=session, actor=actor, application_id=pending_id, approve=True)
        if use_case == "partners_overview":
            return partners_overview(session, actor)
        if use_case == "update_partner_profile":
            profile = ProfileInput("Acme Partner JSC", "sales@acme.vn", "0912345678", "en")
            return update_partner_profile(session=session, identity=actor, profile=profile)
        if use_case == "accept_terms":
            terms = current_terms()
            return accept_terms(
                session=session, identity=actor, terms=terms, accepted_sha256=terms.sha256
            )
    raise AssertionError(use_case)


@pytest.mark.parametrize("use_case", list(USE_CASES))
@pytest.mark.parametrize("name", sorted(SIGNED_IN))
def test_each_use_case_allows_or_refuses(partnership, use_case, name):
    engine, pending_id, invited, waiting = partnership
    actor = who(name)
    if name in USE_CASES[use_case]:
        call(use_case, actor, engine, pending_id, invited, waiting)
        return
    with pytest.raises((Forbidden, DomainError)):
        call(use_case, actor, engine, pending_id, invited, waiting)
    with session_scope(engine) as session:
        assert session.get(Application, pending_id).state == "pending"
        assert len(session.exec(select(Application)).all()) == 2
        links = session.exec(select(CustomerLink).order_by(CustomerLink.id)).all()
        assert [(link.state, link.assigned_to) for link in links] == [
            ("invited", None),
            ("confirmed", None),
            ("active", None),
        ]
        assert session.exec(select(func.count()).select_from(CreditMovement)).one() == 1
