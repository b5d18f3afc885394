"""Where the applicant's application stands, with its history and support."""

import streamlit as st

from core.applications import events_of, latest_application
from core.i18n import format_moment
from core.models import State
from ui.context import T, current_lang, db, require_applicant, settings

identity = require_applicant()
lang = current_lang()
st.title(T("status.heading"))

with db() as session:
    application = latest_application(session, identity.sub)
    events = events_of(session, application.id) if application else []

if application is None:
    st.info(T("status.none"))
    st.page_link("pages/apply.py", label=T("status.start"), icon="🤝")
    st.stop()

st.subheader(T("status.application", id=application.id))
state_line = f"**{T('state.' + application.state)}**"
decided = format_moment(application.decided_at, lang) if application.decided_at else ""
if application.state == State.PENDING:
    st.info(
        f"{state_line}\n\n" + T("status.pending_body", due=format_moment(application.due_at, lang))
    )
elif application.state == State.APPROVED:
    st.success(f"{state_line}\n\n" + T("status.approved_body", decided=decided))
elif application.state == State.REJECTED:
    st.error(f"{state_line}\n\n" + T("status.rejected_body", decided=decided))
    if application.decision_note:
        st.markdown(T("status.reason"))
        st.text(application.decision_note)
else:
    st.warning(f"{state_line}\n\n" + T("status.withdrawn_body", decided=decided))

left, middle, right = st.columns(3)
left.metric(T("status.submitted"), format_moment(application.submitted_at, lang))
middle.metric(T("status.due"), format_moment(application.due_at, lang))
right.metric(T("status.terms"), f"{application.terms_version} ({application.terms_language})")

st.subheader(T("status.timeline"))
for event in events:
    st.markdown(f"- {format_moment(event.at, lang)} — {T('event.' + event.kind)}")

st.subheader(T("support.heading"))
support = settings().support
st.markdown(T("support.body", email=support.email, phone=support.phone, url=support.url))
st.button(T("signout.button"), key="status_signout", on_click=st.logout)
