"""Every select box, radio and multiselect keeps its value across a language switch, and a
money form keeps what was typed when its review step is left with Back."""

from __future__ import annotations

from tests.app.helpers import app_as, switch_language

ELIGIBLE = "eligible@acme.example"


def test_the_partner_type_survives_a_language_switch_and_the_form_submits(app_env):
    at = app_as(ELIGIBLE)
    at.selectbox(key="apply_company_partner_type").select("reseller").run()
    at = switch_language(at, "vi")
    assert at.selectbox(key="apply_company_partner_type").value == "reseller"
    at = switch_language(at, "en")
    assert at.selectbox(key="apply_company_partner_type").value == "reseller"
    at.checkbox(key="apply_accept").check()
    at.text_input(key="apply_company_business_phone").input("028 3822 1234").run()
    at.button(key="apply_submit").click().run()
    assert not at.exception, at.exception[0].stack_trace if at.exception else ""
    assert not [e.value for e in at.error], [e.value for e in at.error]
