"""Status-page email controls, the managers' outbox view and the local mailbox."""

from datetime import timedelta

from sqlmodel import select, update

from core.platform.db import engine_for, session_scope
from core.platform.models import OutboxMessage, OutboxStatus
from tests.app.helpers import app_as, apply_now, texts


def submit_through_the_page(email: str):
    at = app_as(email)
    apply_now(at)
    return at


def test_resend_waits_ten_minutes_and_says_when(app_env):
    at = submit_through_the_page("eligible@acme.example")
    assert "Your email is on its way" in texts(at)
    at.button(key="status_resend").click().run()
    assert "You can ask for it again from" in texts(at)
    engine = engine_for(app_env)
    with session_scope(engine) as session:
        message = session.exec(select(OutboxMessage)).one()
        session.exec(
            update(OutboxMessage).values(
                created_at=message.created_at - timedelta(minutes=11),
                status=OutboxStatus.SENT,
                sent_at=message.created_at,
            )
        )
        session.commit()
    at.button(key="status_resend").click().run()
    assert "the email is on its way again" in texts(at)
    assert "Last email sent:" in texts(at)
    with session_scope(engine) as session:
        assert len(session.exec(select(OutboxMessage)).all()) == 2


def test_manager_sees_failed_emails_with_their_error(app_env):
    submit_through_the_page("eligible2@globex.example")
    with session_scope(engine_for(app_env)) as session:
        session.exec(
            update(OutboxMessage).values(
                status=OutboxStatus.FAILED, attempts=8, last_error="SMTPRecipientsRefused: 550"
            )
        )
        session.commit()
    at = app_as("manager@greennode.example")
    at.switch_page("pages/outbox.py").run()
    assert not at.exception
    frame = at.dataframe[0].value
    assert list(frame["last error"]) == ["SMTPRecipientsRefused: 550"]


def test_mailbox_lists_caught_messages(app_env, mail_server, monkeypatch):
    import smtplib
    from email.message import EmailMessage

    from core.platform.settings import get_settings

    monkeypatch.setenv("MAIL_DIR", str(mail_server.directory))
    get_settings.cache_clear()
    message = EmailMessage()
    message["Subject"] = "Hello <b>there</b>"
    message["From"], message["To"] = "a@example.com", "b@example.com"
    message.set_content("plain body")
    message.add_alternative("<p>html <script>alert(1)</script> body</p>", subtype="html")
    with smtplib.SMTP("127.0.0.1", mail_server.port) as client:
        client.send_message(message)
    staff = app_as("manager@greennode.example")
    staff.switch_page("pages/mailbox.py").run()
    assert not staff.exception
    assert "Hello <b>there</b>" in staff.selectbox(key="mailbox_pick").options[0]
    assert "(Vietnam time)" in staff.selectbox(key="mailbox_pick").options[0]  # not UTC
    applicant = app_as("eligible@acme.example")
    applicant.switch_page("pages/mailbox.py").run()
    assert not applicant.exception
    assert "No email caught yet." in texts(applicant)  # b@example.com's mail is not theirs


def test_mailbox_shows_an_applicant_only_mail_written_to_their_own_sub(
    app_env, mail_server, monkeypatch
):
    """Another sub with the same email claim reads nothing; HTML arrives sanitised."""

    from core.messaging.email_outbox import run_once
    from core.platform.demo import demo_claims
    from core.platform.settings import get_settings

    monkeypatch.setenv("MAIL_DIR", str(mail_server.directory))
    get_settings.cache_clear()
    submit_through_the_page("eligible@acme.example")
    settings = get_settings().changed(smtp_port=mail_server.port)
    assert run_once(engine_for(app_env), settings).sent == 1

    owner = app_as("eligible@acme.example")
    owner.switch_page("pages/mailbox.py").run()
    assert not owner.exception
    assert len(owner.selectbox(key="mailbox_pick").options) == 1
    html = [str(h.proto.body) for h in owner.get("html")]
    assert html and all("<style" not in h and "<form" not in h for h in html)

    look_alike = app_as(claims={**demo_claims("eligible@acme.example"), "sub": "look-alike"})
    look_alike.switch_page("pages/mailbox.py").run()
    assert not look_alike.exception
    assert "No email caught yet." in texts(look_alike)


def test_caught_html_loses_styles_forms_and_scripts(tmp_path):
    from email.message import EmailMessage

    from local.mailcatcher import read

    message = EmailMessage()
    message["Message-ID"] = "<outbox-7.event-3@greennode.example>"
    message.set_content("plain")
    message.add_alternative(
        "<style>*{display:none}</style><p>Hi<br>there</p>"
        "<form action='https://evil.example'><input type=password></form>"
        "<img src=x onerror=alert(1)><script>alert(2)</script>",
        subtype="html",
    )
    path = tmp_path / "1-a.eml"
    path.write_bytes(message.as_bytes())
    caught = read(path)
    assert caught.outbox_id == 7
    safe = caught.safe_html()
    assert "<p>Hi<br>there</p>" in safe
    for banned in ("<style", "display:none", "<form", "<input", "onerror", "<script", "alert"):
        assert banned not in safe
