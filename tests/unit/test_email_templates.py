from datetime import UTC, datetime

import pytest
from jinja2 import UndefinedError

from core.messaging.emails import available_templates, build_message, render
from core.messaging.notices import AUDIENCES
from core.messaging.notifications import EMAIL_FOR_EVENT, EMAIL_FOR_STATE, email_context
from core.platform.locale import LANGUAGES, t
from core.platform.models import Application
from core.platform.settings import get_settings

APPLICANT_KINDS = {"terms_notice", "info_requested", "info_reminder", "info_expired"}
KINDS = sorted(set(EMAIL_FOR_EVENT.values()) | set(EMAIL_FOR_STATE.values()) | APPLICANT_KINDS)
EXTRA = {
    "terms_version": "2027-01",
    "terms_effective": "2027-01-01",
    "question": "Which <b>services</b> will you resell?",
    "answer_by_local": "Fri 11 Dec 2026, 15:30",
}
ITEM = {
    "application_id": 7,
    "company": "Acme <b>Việt Nam</b>",
    "due_local": "Tue 01 Dec 2026, 15:30",
    "assignee": "",
}
LINK = {
    "link_id": 7,
    "customer": "Mai <b>Retail</b>",
    "partner": "Sao Việt (GN-P-000001)",
    "due_local": "Tue 01 Dec 2026, 15:30",
    "assignee": "",
}
STAFF_CONTEXTS = {
    "overdue_alert": ITEM,
    "link_overdue_alert": LINK,
    "discount_overdue_alert": {
        "request_id": 7,
        "partner": "Sao <b>Việt</b> (GN-P-000001)",
        "groups": "Compute",
        "due_local": "Tue 01 Dec 2026, 15:30",
        "assignee": "",
    },
    "digest_reviewer": {
        "items": [{**ITEM, "overdue": True, "mine": False}],
        "total": 3,
        "more": 2,
        "links": [{**LINK, "overdue": False, "mine": True}],
        "discount_requests": [
            {
                "request_id": 7,
                "partner": "Sao <b>Việt</b>",
                "due_local": "x",
                "overdue": True,
                "mine": False,
            }
        ],
        "day": "2026-12-02",
    },
    "digest_manager": {
        "overdue": 4,
        "pending": 9,
        "links_pending": 2,
        "discounts_pending": 3,
        "links_overdue": 1,
        "oldest": {**ITEM, "assignee": "reviewer@greennode.example", "submitted_local": "x"},
        "day": "2026-12-02",
    },
}


def application(**overrides) -> Application:
    values = dict(
        id=7,
        account_sub="eligible@acme.example",
        state="rejected",
        email="eligible@acme.example",
        company="Acme <b>Việt Nam</b> & Co",
        language="vi",
        eligibility={},
        terms_version="2026-01",
        terms_sha256="0" * 64,
        terms_language="vi",
        terms_accepted_at=datetime(2026, 11, 26, 8, 30, tzinfo=UTC),
        submitted_at=datetime(2026, 11, 26, 8, 30, tzinfo=UTC),
        due_at=datetime(2026, 12, 1, 8, 30, tzinfo=UTC),
        calendar_version="holidays-test",
        decided_at=datetime(2026, 11, 27, 3, 0, tzinfo=UTC),
        decided_by="reviewer@greennode.example",
        reason_code="not_enterprise",
        decision_note="<script>alert('x')</script> Please upgrade to Enterprise first.",
    )
    values.update(overrides)
    return Application(**values)


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_exists_in_both_languages_and_renders_strictly(kind, language):
    assert (kind, language) in available_templates()
    context = {
        **email_context(application(language=language), get_settings(), "Nguyễn Văn An"),
        **EXTRA,
    }
    parts = render(kind, language, context)
    assert parts["subject"] and "\n" not in parts["subject"]
    assert "Nguyễn Văn An" in parts["text"]
    if kind != "terms_notice":
        assert "#7" in parts["text"] or "số 7" in parts["text"]


def test_a_missing_value_is_an_error_not_a_blank():
    context = email_context(application(), get_settings())
    del context["due_local"]
    with pytest.raises(UndefinedError):
        render("submitted", "en", context)


def test_typed_values_are_escaped_in_html_and_kept_in_text():
    context = email_context(application(language="en"), get_settings())
    parts = render("rejected", "en", context)
    assert "<script>" not in parts["html"]
    assert "&lt;script&gt;" in parts["html"]
    assert "&lt;b&gt;Việt Nam&lt;/b&gt; &amp; Co" in parts["html"]
    assert "<script>alert('x')</script>" in parts["text"]


def test_submitted_email_carries_the_due_time_in_local_time():
    context = email_context(application(language="en", state="pending"), get_settings())
    parts = render("submitted", "en", context)
    assert "due by Tue 01 Dec 2026, 15:30 (Vietnam time)" in parts["text"]
    vi = render("submitted", "vi", email_context(application(state="pending"), get_settings()))
    assert "15:30, 01/12/2026 (giờ Việt Nam)" in vi["text"]
    assert "chờ phê duyệt" in vi["subject"]


def test_message_has_text_and_html_and_a_stable_id():
    context = email_context(application(language="en"), get_settings())
    message = build_message(
        kind="rejected",
        language="en",
        context=context,
        sender="GreenNode <partners@greennode.example>",
        recipient="eligible@acme.example",
        msg_id="<outbox-1.event-2@greennode.example>",
        created_at=datetime(2026, 11, 27, 3, 0, tzinfo=UTC),
    )
    assert message["Message-ID"] == "<outbox-1.event-2@greennode.example>"
    assert message.get_body(("plain",)) is not None
    assert message.get_body(("html",)) is not None


def test_a_note_keeps_its_line_breaks_in_html_and_stays_escaped():
    context = {
        **email_context(application(language="en"), get_settings()),
        "note": "First line <b>\nSecond line",
    }
    html = render("rejected", "en", context)["html"]
    assert "First line &lt;b&gt;<br>\nSecond line" in html
    assert "First line <b>\nSecond line" in render("rejected", "en", context)["text"]


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("kind", sorted(STAFF_CONTEXTS))
def test_partner_team_emails_render_in_both_languages_and_escape_company_names(kind, language):
    context = {
        "name": "Vũ Hải Giang",
        "queue_url": "http://localhost:8501/review_queue",
        "links_url": "http://localhost:8501/customer_links",
        "discounts_url": "http://localhost:8501/discount_requests",
        **STAFF_CONTEXTS[kind],
    }
    parts = render(kind, language, context)
    assert parts["subject"] and "Vũ Hải Giang" in parts["text"]
    assert "<b>" not in parts["html"] and "&lt;b&gt;" in parts["html"]
    opens = {
        "link_overdue_alert": "customer_links?link=7",
        "discount_overdue_alert": "discount_requests",
    }.get(kind, "review_queue?application=7")
    assert opens in parts["html"]
    if kind == "digest_reviewer":
        assert "customer_links?link=7" in parts["html"] and "discount_requests" in parts["html"]


def test_the_welcome_email_names_the_partner_id_and_the_next_steps():
    context = {
        **email_context(application(language="en", state="approved"), get_settings()),
        "partner_code": "GN-P-000042",
    }
    parts = render("approved", "en", context)
    assert "GN-P-000042" in parts["text"] and "Next steps" in parts["text"]
    vi = render("approved", "vi", {**context, "language": "vi"})
    assert "GN-P-000042" in vi["text"] and "Các bước tiếp theo" in vi["text"]


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize(
    ("event", "audience"),
    [(event, audience) for event, audiences in AUDIENCES.items() for audience in audiences],
)
def test_every_customer_link_email_exists_in_both_languages_and_escapes(event, audience, language):
    values = {
        "partner": "Sao <b>Việt</b> (GN-P-000001)",
        "customer": "Mai Retail",
        "customer_email": "newcustomer@retail.example",
        "friendly": "Mai",
        "role": "Partner",
        "expires": "x",
        "due": "y",
        "reason": "z",
        "note": "",
    }
    key = f"mail.link.{event}.{audience}"
    context = {
        "name": "Phan Thị Mai",
        "subject": t(f"{key}.subject", language, **values),
        "paragraphs": t(f"{key}.body", language, **values).split("\n\n"),
        "note": "<i>ended</i>",
        "action_url": "http://localhost:8501",
        "support_email": "s@example",
        "support_phone": "1900",
    }
    parts = render("notice", language, context)
    assert parts["subject"] and "Phan Thị Mai" in parts["text"]
    assert "<b>" not in parts["html"] and "<i>" not in parts["html"]
    assert "newcustomer@retail.example" in parts["text"] or "Sao <b>Việt</b>" in parts["text"]
