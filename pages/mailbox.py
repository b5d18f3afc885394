"""Local mail catcher's messages, for trying the portal on its embedded defaults."""

import streamlit as st

from core.messaging.outbox import outbox_ids_for
from core.platform.locale import format_moment
from local.mailcatcher import caught
from ui.context import T, current_identity, current_lang, db, md_escape, settings, through_home
from ui.kept import kept

through_home()

identity = current_identity()
if not settings().uses_local_defaults or identity is None:
    st.error(T("error.forbidden"))
    st.stop()

st.title(T("nav.mailbox"))
st.caption(T("mailbox.caption", directory=str(settings().mail_dir)))
messages = caught(settings().mail_dir)
if not identity.is_staff:
    # Even locally, an applicant sees only the mail written to their own verified
    # account (sub), not whatever shares an email claim with it.
    with db() as session:
        own = outbox_ids_for(session, identity.sub)
    messages = [m for m in messages if m.outbox_id in own]
if not messages:
    st.info(T("mailbox.empty"))
    st.stop()

lang = current_lang()
labels = {
    m.path.name: f"{format_moment(m.received, lang)} · {m.recipient} · {m.subject}"
    for m in messages
}
chosen = st.selectbox(
    T("mailbox.pick"), list(labels), format_func=labels.get, key=kept("mailbox_pick")
)
message = next(m for m in messages if m.path.name == chosen)
st.text(
    f"{T('mailbox.from')}: {message.message['From']}\n"
    f"{T('mailbox.to')}: {message.recipient}\n"
    f"{T('mailbox.subject')}: {message.subject}"
)
st.caption(f"Message-ID: {md_escape(message.message_id)}")
html_tab, text_tab = st.tabs(["HTML", T("mailbox.text")])
with html_tab:
    st.html(message.safe_html())
with text_tab:
    st.text(message.body("plain"))
