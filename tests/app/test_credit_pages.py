"""The finance page (grants) and the partner's Credits page (top-ups), with AppTest."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from core.money.billing import BillingRefused, deliver_due
from core.money.ledger import balance, customer_account, partner_account
from core.partners.customers import InviteRow, confirm_invitation, invite_customers
from core.platform.clock import utcnow
from core.platform.db import engine_for, session_scope
from core.platform.directory import DemoDirectory
from core.platform.models import BillingDelivery, CreditMovement, UsageImport
from core.platform.settings import get_settings
from core.registration.eligibility import ClaimsFactsSource
from tests.app.helpers import app_as, texts
from tests.factories import approved_partner, identity

PARTNER = "partner@reseller.example"
CUSTOMER = "knowncustomer@bakery.example"


def with_active_customer(app_env):
    engine = engine_for(app_env)
    approved_partner(engine, PARTNER)
    with session_scope(engine) as session:
        (outcome,) = invite_customers(
            session=session,
            identity=identity(PARTNER),
            rows=[InviteRow(CUSTOMER, "Hùng Bakery")],
            directory=DemoDirectory(),
        )
    with session_scope(engine) as session:
        confirm_invitation(
            session=session,
            identity=identity(CUSTOMER),
            link_id=outcome.link_id,
            directory=DemoDirectory(),
            facts_source=ClaimsFactsSource(get_settings().claims),
        )
    return engine, outcome.link_id


def grant_on_page(amount: str, reference: str = "INV-2026-0042", partner_id: int | None = 1):
    at = app_as("finance@greennode.example")
    if partner_id is not None:
        at.selectbox(key="finance_partner").select(partner_id)
    at.text_input(key="finance_amount").input(amount)
    at.text_input(key="finance_reference").input(reference)
    return at.button(key="finance_review_button").click().run()


def balances(engine, link_id):
    with session_scope(engine) as session:
        return balance(session, partner_account(1)), balance(session, customer_account(link_id))


def movements(engine) -> int:
    with session_scope(engine) as session:
        return len(session.exec(select(CreditMovement)).all())


def test_finance_lands_on_partner_credit_and_grants_after_a_review(app_env):
    engine, link_id = with_active_customer(app_env)
    at = grant_on_page("5.000.000")
    assert not at.exception
    assert "Grant **5,000,000 VND** to" in texts(at) and "INV-2026-0042" in texts(at)
    assert movements(engine) == 0  # nothing until confirmed
    at.button(key="finance_confirm").click().run()
    assert "5,000,000 VND granted to" in texts(at)
    assert balances(engine, link_id) == (5_000_000, 0)
    assert list(at.dataframe[0].value["Balance (VND)"]) == ["5,000,000"]


def test_a_fractional_or_negative_grant_is_refused_on_the_form(app_env):
    engine, _ = with_active_customer(app_env)
    assert "without decimals" in texts(grant_on_page("1000.5"))
    assert "more than 0 VND" in texts(grant_on_page("-100"))
    assert movements(engine) == 0


def test_a_grant_above_the_limit_is_refused_at_review_with_the_limit_written_out(app_env):
    engine, _ = with_active_customer(app_env)
    at = grant_on_page("999.999.999.999.999.999")
    assert not at.exception
    assert "A single grant is at most 10,000,000,000 VND" in texts(at)
    assert not [b for b in at.button if b.key == "finance_confirm"]
    assert movements(engine) == 0


def test_the_partner_tops_up_a_customer_after_a_confirmation(app_env):
    engine, link_id = with_active_customer(app_env)
    grant_on_page("2.000.000").button(key="finance_confirm").click().run()
    at = app_as(PARTNER).switch_page("pages/credits.py").run()
    assert not at.exception
    at.session_state["lang"] = "en"
    at.run()
    at.text_input(key="credits_amount").input("750,000")
    at.button(key="credits_review_button").click().run()
    assert "Your balance goes from 2,000,000 to 1,250,000 VND." in texts(at)
    assert movements(engine) == 1  # the grant only, until confirmed
    at.button(key="credits_confirm").click().run()
    assert "750,000 VND topped up for Hùng Bakery." in texts(at)
    assert balances(engine, link_id) == (1_250_000, 750_000)


def test_a_top_up_over_the_balance_is_refused_and_nothing_moves(app_env):
    engine, link_id = with_active_customer(app_env)
    grant_on_page("200.000").button(key="finance_confirm").click().run()
    at = app_as(PARTNER).switch_page("pages/credits.py").run()
    at.session_state["lang"] = "vi"
    at.run()
    assert at.metric[0].value == "200.000 VND"
    at.text_input(key="credits_amount").input("300.000")
    at.button(key="credits_review_button").click().run()
    # Refused at Review, before any Confirm, with the balance in the reader's format.
    assert "Số dư tín dụng của bạn là 200.000 VND" in texts(at)
    assert not [b for b in at.button if b.key == "credits_confirm"]
    assert balances(engine, link_id) == (200_000, 0)


def partner_reviewing(app_env, amount: str, language: str = "en"):
    engine, link_id = with_active_customer(app_env)
    grant_on_page("72.000.000").button(key="finance_confirm").click().run()
    at = app_as(PARTNER).switch_page("pages/credits.py").run()
    at.session_state["lang"] = language
    at.run()
    at.text_input(key="credits_amount").input(amount)
    at.text_input(key="credits_note").input("March invoice")
    return engine, link_id, at.button(key="credits_review_button").click().run()


def test_a_top_up_beyond_the_limits_is_refused_at_review_with_the_limits_formatted(app_env):
    engine, link_id, at = partner_reviewing(app_env, "500.000.001", language="vi")
    assert "từ 100.000 đến 500.000.000 VND" in texts(at), texts(at)
    assert "-428" not in texts(at)
    assert not [b for b in at.button if b.key == "credits_confirm"]
    at.text_input(key="credits_amount").input("99.999")
    at.button(key="credits_review_button").click().run()
    assert "từ 100.000 đến 500.000.000 VND" in texts(at)
    assert not [b for b in at.button if b.key == "credits_confirm"]
    assert balances(engine, link_id) == (72_000_000, 0)


def test_back_from_the_top_up_review_keeps_what_was_typed(app_env):
    _, _, at = partner_reviewing(app_env, "750.000")
    assert [b for b in at.button if b.key == "credits_confirm"]
    at.button(key="credits_back").click().run()
    assert at.text_input(key="credits_amount").value == "750.000"
    assert at.text_input(key="credits_note").value == "March invoice"
    # Once a top-up is made, the form starts afresh.
    at.button(key="credits_review_button").click().run()
    at.button(key="credits_confirm").click().run()
    assert at.text_input(key="credits_amount").value == ""


def test_a_grant_needs_a_chosen_partner_and_a_reference_at_review(app_env):
    engine, _ = with_active_customer(app_env)
    at = grant_on_page("5.000.000", partner_id=None)
    assert at.selectbox(key="finance_partner").value is None  # nothing pre-selected
    assert "Choose the partner to grant credit to." in texts(at)
    assert not [b for b in at.button if b.key == "finance_confirm"]
    at = grant_on_page("5.000.000", reference="")
    assert "Enter the invoice or payment reference" in texts(at)
    assert not [b for b in at.button if b.key == "finance_confirm"]
    assert movements(engine) == 0


def test_back_from_the_grant_review_keeps_partner_amount_and_reference(app_env):
    approved_partner(engine_for(app_env), "eligible@acme.example")  # a second partner
    engine, _ = with_active_customer(app_env)
    at = grant_on_page("5.000.000", partner_id=2)
    assert [b for b in at.button if b.key == "finance_confirm"]
    at.button(key="finance_back").click().run()
    assert at.selectbox(key="finance_partner").value == 2
    assert at.text_input(key="finance_amount").value == "5.000.000"
    assert at.text_input(key="finance_reference").value == "INV-2026-0042"
    assert movements(engine) == 0


def test_a_top_up_shows_pending_until_billing_confirms_and_finance_resends_a_failed_one(app_env):
    engine, _ = with_active_customer(app_env)
    grant_on_page("1.000.000").button(key="finance_confirm").click().run()
    at = app_as(PARTNER).switch_page("pages/credits.py").run()
    at.session_state["lang"] = "en"
    at.text_input(key="credits_amount").input("250000")
    at.button(key="credits_review_button").click().run()
    at.button(key="credits_confirm").click().run()
    table = at.dataframe[0].value
    assert list(table["Of which pending at billing (VND)"]) == ["250,000"]

    class Refusing:
        def apply_credit(self, **_):
            raise BillingRefused("HTTP 400: unknown customer")

    deliver_due(engine, "w1", billing=Refusing(), settings=get_settings())
    finance = app_as("finance@greennode.example")
    assert "HTTP 400: unknown customer" in " ".join(finance.dataframe[1].value["Last error"])
    finance.button(key="finance_retry").click().run()
    assert "will be sent again, with the same key" in texts(finance)
    with session_scope(engine) as session:
        assert session.exec(select(BillingDelivery.status)).all() == ["pending"]


def test_finance_sees_the_usage_rows_billing_sent_that_were_held_aside(app_env):
    engine = engine_for(app_env)
    approved_partner(engine, PARTNER)
    at = app_as("finance@greennode.example")
    assert "Every row of billing's usage so far was valid." in texts(at)
    with session_scope(engine) as session:
        session.add(
            UsageImport(
                day=date(2026, 11, 30),
                rows=12,
                imported_at=utcnow(),
                held=2,
                held_rows=[
                    {"reason": "quantity: Input should be a finite number", "row": "{}"},
                    {"reason": "service_group: not a GreenNode service group", "row": "x"},
                ],
            )
        )
    at = app_as("finance@greennode.example")
    assert not at.exception
    frame = next(f.value for f in at.dataframe if "Rows held aside" in f.value.columns)
    assert list(frame["Rows held aside"]) == [2] and list(frame["Day"]) == ["30 Nov 2026"]
    assert frame["Why"][0] == "quantity: not a usable value; service_group: not a usable value"


def test_the_same_top_up_again_asks_first_and_is_made_only_when_ticked(app_env):
    engine, link_id = with_active_customer(app_env)
    grant_on_page("2.000.000").button(key="finance_confirm").click().run()
    at = app_as(PARTNER).switch_page("pages/credits.py").run()
    at.session_state["lang"] = "en"
    at.run()
    for _ in range(2):
        at.text_input(key="credits_amount").input("100,000")
        at.button(key="credits_review_button").click().run()
        if not at.checkbox:
            at.button(key="credits_confirm").click().run()
    assert "A top-up of 100,000 VND to Hùng Bakery was made at" in texts(at)
    assert "make another?" in texts(at)
    at.button(key="credits_confirm").click().run()  # not ticked: refused, nothing moves
    assert "To make another, tick" in texts(at)
    assert balances(engine, link_id) == (1_900_000, 100_000)
    at.checkbox(key="credits_again").check().run()
    at.button(key="credits_confirm").click().run()
    assert "100,000 VND topped up for Hùng Bakery." in texts(at)
    assert balances(engine, link_id) == (1_800_000, 200_000)
