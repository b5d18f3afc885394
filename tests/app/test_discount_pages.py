"""The partner's Discounts page and the partner team's Discount requests page, with AppTest."""

from __future__ import annotations

from sqlmodel import select

from core.platform.db import engine_for, session_scope
from core.platform.models import CustomerDiscount, DiscountRequest
from tests.app.helpers import app_as, pick_desk_row, texts
from tests.factories import partner_with_customers
from ui.discount_views import DESK as REQUEST_DESK

PARTNER = "partner@reseller.example"
REVIEWER = "reviewer@greennode.example"
WHY = "Forty retail customers moving their shops to GreenNode compute next year."


def discounts_page(lang: str = "en"):
    at = app_as(PARTNER)
    at.session_state["lang"] = lang
    return at.switch_page("pages/discounts.py").run()


def requested(app_env):
    engine = engine_for(app_env)
    partner_with_customers(engine, PARTNER)
    at = discounts_page()
    at.multiselect(key="discounts_groups").select("compute").select("storage").run()
    at.text_area(key="discounts_why").input(WHY)
    at.button(key="discounts_send").click().run()
    return engine, at


def test_a_partner_requests_discounts_and_sees_it_waiting(app_env):
    engine, at = requested(app_env)
    assert not at.exception
    assert "Request sent. GreenNode decides within 3 working days." in texts(at)
    assert "Your request for Compute, Storage waits for a decision" in texts(at)
    with session_scope(engine) as session:
        assert session.exec(select(DiscountRequest.state)).all() == ["pending"]


def test_a_reviewer_approves_one_group_and_the_partner_gives_a_customer_a_discount(app_env):
    engine, _ = requested(app_env)
    staff = app_as(REVIEWER).switch_page("pages/discount_requests.py").run()
    assert not staff.exception
    pick_desk_row(staff, REQUEST_DESK)
    assert WHY in texts(staff)
    staff.button(key="detail_approve").click().run()
    staff.text_input(key="discreq_max_compute").input("15")
    staff.button(key="decide_confirm").click().run()
    assert "Decision recorded; the partner is emailed." in texts(staff)

    at = discounts_page()
    assert list(at.dataframe[0].value["Maximum"]) == ["15%"]
    at.text_input(key="discounts_percent").input("20")
    at.button(key="discounts_save").click().run()
    assert "Your maximum on this service group is 15%." in texts(at)
    at.text_input(key="discounts_percent").input("12,5")
    at.button(key="discounts_save").click().run()
    assert "Compute 12.5%" in texts(at)
    with session_scope(engine) as session:
        assert session.exec(select(CustomerDiscount.discount_bp)).all() == [1250]
    history = at.dataframe[-1].value
    assert list(history["Old → new"]) == ["0% → 12.5%"]
    # One customer's history, and one with none.
    at.selectbox(key="discounts_history_customer").select(2).run()
    assert "No discounts set yet." in texts(at)


def test_the_discounts_page_in_vietnamese(app_env):
    engine = engine_for(app_env)
    partner_with_customers(engine, PARTNER)
    at = discounts_page("vi")
    assert not at.exception
    assert "Chưa có mức giảm giá nào được duyệt" in texts(at)
    at.button(key="discounts_send").click().run()
    assert "Hãy chọn ít nhất một nhóm dịch vụ trong danh sách." in texts(at)


def test_a_reviewer_takes_a_discount_request(app_env):
    engine, _ = requested(app_env)
    staff = app_as(REVIEWER).switch_page("pages/discount_requests.py").run()
    staff.query_params["request"] = "1"
    staff.run()
    staff.button(key="discreq_assign_me").click().run()
    with session_scope(engine) as session:
        assert session.exec(select(DiscountRequest.assigned_to)).all() == [REVIEWER]
    staff.segmented_control(key="discreq_owner").set_value("unassigned").run()
    assert "No discount request is waiting for a decision." in texts(staff)
