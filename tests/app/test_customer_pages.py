"""The Customers, invitation and customer-link pages, driven through Home.py with AppTest."""

from __future__ import annotations

from sqlmodel import select

from core.platform.db import engine_for, session_scope
from core.platform.models import CustomerLink, OutboxMessage
from tests.app.helpers import app_as, button_for, pick_desk_row, texts
from tests.factories import approved_partner
from ui.link_review import DESK as LINK_DESK

PARTNER = "partner@reseller.example"
NEW = "newcustomer@retail.example"
PARTNER_NAME = "Sao Việt Cloud Reseller JSC (GN-P-000001)"
# On the invitation the partner's name is quoted as its own words.
QUOTED_NAME = "“Sao Việt Cloud Reseller JSC” (GN-P-000001)"


def customers_page(email: str = PARTNER):
    at = app_as(email)
    return at.switch_page("pages/customers.py").run()


def add(at, *rows):
    """Fill the add-customers rows (adding rows as needed) and press Add customers."""
    for i, (email, name) in enumerate(rows):
        if i:
            at.button(key="customers_more").click().run()
        at.text_input(key=f"customers_email_{i}").input(email)
        at.text_input(key=f"customers_name_{i}").input(name)
    return at.button(key="customers_add").click().run()


def links(engine) -> list[CustomerLink]:
    with session_scope(engine) as session:
        return list(session.exec(select(CustomerLink).order_by(CustomerLink.id)))


def invite_new(app_env):
    engine = engine_for(app_env)
    approved_partner(engine, PARTNER)
    add(customers_page(), (NEW, "Mai Retail"))
    return engine


def test_a_partner_adds_customers_and_each_refused_row_keeps_its_reason(app_env):
    engine = engine_for(app_env)
    approved_partner(engine, PARTNER)
    at = customers_page()
    assert not at.exception
    assert "No customers yet" in texts(at)
    at = add(at, (NEW, "Mai Retail"), ("busycustomer@shop.example", "Busy shop"))
    shown = texts(at)
    assert "1 invitation sent" in shown
    assert "1 row was not added" in shown
    assert "The account already uses GreenNode services." in shown
    # The refused row stays on screen, the created one is gone from the form.
    assert at.text_input(key="customers_email_0").value == "busycustomer@shop.example"
    table = at.dataframe[0].value
    assert list(table["Customer email"]) == [NEW] and list(table["State"]) == ["Invited"]
    assert [link.state for link in links(engine)] == ["invited"]


def test_a_row_is_removed_with_its_button_and_the_rows_below_move_up(app_env):
    approved_partner(engine_for(app_env), PARTNER)
    at = customers_page()
    for i, email in enumerate(("a@one.example", "b@two.example", "c@three.example")):
        if i:
            at.button(key="customers_more").click().run()
        at.text_input(key=f"customers_email_{i}").input(email)
    at.selectbox(key="customers_role_1").set_value("managed_services").run()
    role_of_b = "managed_services"
    at.button(key="customers_remove_0").click().run()
    assert [at.text_input(key=f"customers_email_{i}").value for i in range(2)] == [
        "b@two.example",
        "c@three.example",
    ]
    assert at.selectbox(key="customers_role_0").value == role_of_b
    assert not [t for t in at.text_input if t.key == "customers_email_2"]
    at.button(key="customers_remove_1").click().run()
    at.button(key="customers_remove_0").click().run()
    # One empty row is left, and it cannot be removed.
    assert [t.key for t in at.text_input if t.key.startswith("customers_email_")] == [
        "customers_email_0"
    ]
    assert at.text_input(key="customers_email_0").value == ""
    assert at.button(key="customers_remove_0").disabled


def test_roles_survive_a_language_switch_and_the_rows_are_added(app_env):
    engine = engine_for(app_env)
    approved_partner(engine, PARTNER)
    at = customers_page()
    at.session_state["lang"] = "vi"
    at.run()
    at.text_input(key="customers_email_0").input(NEW).run()
    at.session_state["lang"] = "en"
    at.run()
    at.button(key="customers_add").click().run()
    assert "Choose one of the offered roles" not in texts(at)
    assert "1 invitation sent" in texts(at)
    assert [link.state for link in links(engine)] == ["invited"]


def test_the_list_filters_by_state_and_searches_ignoring_accents(app_env):
    invite_new(app_env)
    at = customers_page()
    at.text_input(key="customers_search").input("mai retail").run()
    assert len(at.dataframe[0].value) == 1
    at.text_input(key="customers_search").input("nobody").run()
    assert "No customer matches this filter." in texts(at)
    at.text_input(key="customers_search").input("").run()
    at.multiselect(key="customers_states").select("active").run()
    assert "No customer matches this filter." in texts(at)


def test_cancelling_an_invitation_asks_first(app_env):
    engine = invite_new(app_env)
    at = customers_page()
    at.button(key="customers_cancel").click().run()
    assert "Cancel the invitation to Mai Retail?" in texts(at)
    at.button(key="customers_no").click().run()
    assert [link.state for link in links(engine)] == ["invited"]
    at.button(key="customers_cancel").click().run()
    at.button(key="customers_yes").click().run()
    assert "Invitation cancelled." in texts(at)
    assert [link.state for link in links(engine)] == ["cancelled"]


def test_the_invited_customer_lands_on_the_invitation_and_confirms(app_env):
    engine = invite_new(app_env)
    at = app_as(NEW)
    assert not at.exception
    # The account service says this customer reads Vietnamese: so did its email, so does
    # the screen until they choose.
    assert "Lời mời từ đối tác" in texts(at)
    at.session_state["lang"] = "en"
    at.run()
    assert "A partner invites you" in texts(at) and QUOTED_NAME in texts(at)
    button_for(at, "invitation_confirm_").click().run()
    assert "GreenNode will review the link within 3 working days" in texts(at)
    assert [link.state for link in links(engine)] == ["confirmed"]


def test_the_invitation_in_vietnamese_and_declining_it(app_env):
    engine = invite_new(app_env)
    at = app_as(NEW)
    at.session_state["lang"] = "vi"
    at.run()
    assert "Lời mời từ đối tác" in texts(at) and "đề nghị đăng ký tài khoản" in texts(at)
    button_for(at, "invitation_decline_").click().run()
    assert "Bạn đã từ chối lời mời" in texts(at)
    assert [link.state for link in links(engine)] == ["declined"]
    with session_scope(engine) as session:
        told = session.exec(
            select(OutboxMessage.recipient).where(OutboxMessage.kind == "notice")
        ).all()
    assert told == [NEW, PARTNER]


def test_a_reviewer_approves_and_the_customer_cannot_apply_naming_the_partner(app_env):
    engine = invite_new(app_env)
    button_for(app_as(NEW), "invitation_confirm_").click().run()
    at = app_as("reviewer@greennode.example").switch_page("pages/customer_links.py").run()
    assert not at.exception
    assert list(at.dataframe[0].value["Partner"]) == [PARTNER_NAME]
    pick_desk_row(at, LINK_DESK)
    assert at.query_params["link"] == str(links(engine)[0].id)
    assert "When confirmed" in " ".join(at.dataframe[1].value.columns)
    at.button(key="detail_reject").click().run()
    assert "Reject customer link #1 (Mai Retail Co., Ltd)?" in texts(at)
    at.button(key="decide_confirm").click().run()
    assert "Choose a reason for the rejection." in texts(at)
    assert [link.state for link in links(engine)] == ["confirmed"]
    at.button(key="decide_cancel").click().run()
    at.button(key="detail_approve").click().run()
    at.button(key="decide_confirm").click().run()
    assert "Customer link approved." in texts(at)
    assert [link.state for link in links(engine)] == ["active"]

    apply = app_as(NEW)
    apply.session_state["lang"] = "en"
    apply.switch_page("pages/apply.py").run()
    assert f"customer account of the partner {PARTNER_NAME}" in texts(apply)
    assert "apply_submit" not in [button.key for button in apply.button]


def test_the_partner_ends_an_active_link_with_a_reason(app_env):
    engine = engine_for(app_env)
    approved_partner(engine, PARTNER)
    add(customers_page(), ("knowncustomer@bakery.example", "Bakery"))
    button_for(app_as("knowncustomer@bakery.example"), "invitation_confirm_").click().run()
    assert [link.state for link in links(engine)] == ["active"]
    at = customers_page()
    at.text_area(key="customers_end_reason").input("short").run()
    at.button(key="customers_end").click().run()
    at.button(key="customers_yes").click().run()
    assert "The reason must be 10 to 500 characters long." in texts(at)
    assert [link.state for link in links(engine)] == ["active"]
    at.text_area(key="customers_end_reason").input("Our contract with the bakery ended.").run()
    at.button(key="customers_end").click().run()
    at.button(key="customers_yes").click().run()
    assert "Customer link ended." in texts(at)
    assert [link.state for link in links(engine)] == ["ended"]


def test_the_customer_list_downloads_as_a_neutralised_csv(app_env):
    engine = engine_for(app_env)
    approved_partner(engine, PARTNER)
    add(customers_page(), (NEW, "=HYPERLINK(1)"))
    at = customers_page()
    assert not at.exception
    from ui.customer_views import customers_csv, customers_frame

    csv = customers_csv(customers_frame(links(engine), "en")).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in csv and "\n=HYPERLINK" not in csv


def test_a_reviewer_takes_a_customer_link_and_finds_it_under_mine(app_env):
    engine = invite_new(app_env)
    button_for(app_as(NEW), "invitation_confirm_").click().run()
    at = app_as("reviewer@greennode.example").switch_page("pages/customer_links.py").run()
    at.query_params["link"] = str(links(engine)[0].id)
    at.run()
    at.button(key="link_assign_me").click().run()
    assert links(engine)[0].assigned_to == "reviewer@greennode.example"
    at.segmented_control(key="links_owner").set_value("mine").run()
    assert list(at.dataframe[0].value["Assigned to"]) == ["reviewer@greennode.example"]
    at.segmented_control(key="links_owner").set_value("unassigned").run()
    assert "No customer link is waiting for a decision." in texts(at)


def test_two_partners_invite_the_same_account_and_the_customer_chooses_one(app_env):
    engine = invite_new(app_env)
    approved_partner(engine, "eligible@acme.example")
    add(customers_page("eligible@acme.example"), (NEW, "Mai Retail"))
    at = app_as(NEW)
    assert not at.exception
    at.session_state["lang"] = "en"
    at.run()
    assert "2 partners have invited your account" in texts(at)
    assert QUOTED_NAME in texts(at) and "(GN-P-000002)" in texts(at)
    second = [b for b in at.button if b.key and b.key.startswith("invitation_confirm_")][1]
    second.click().run()
    assert [link.state for link in links(engine)] == ["declined", "confirmed"]
    assert "2 partners have invited" not in texts(app_as(NEW))
