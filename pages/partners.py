"""Partner team: approved partners and the Terms version each has accepted."""

import pandas as pd
import streamlit as st

from core.platform.identity import Role
from core.registration.partnership import (
    decide_name_change,
    name_changes,
    partner_count,
    partners_overview,
)
from ui.context import (
    T,
    attempt,
    current_lang,
    db,
    md_escape,
    reader,
    require_role,
    terms_catalogue,
    through_home,
    today_local,
)
from ui.formatting import local_strings, show_table
from ui.kept import kept

through_home()

FLASH_KEY = "partners_flash"

actor = require_role(Role.REVIEWER, Role.MANAGER)
lang = current_lang()
st.title(T("nav.partners"))
st.caption(T("partners.caption"))
if flash := st.session_state.pop(FLASH_KEY, None):
    st.success(flash)

with db() as session:
    renaming = name_changes(session, actor)
if renaming:
    st.subheader(T("partners.name_changes"))
    st.caption(T("partners.name_changes_help"))
    for partner in renaming:
        with st.container(border=True, key=f"rename_{partner.id}"):
            st.markdown(
                T(
                    "partners.name_change",
                    code=partner.partner_code,
                    current=md_escape(partner.company),
                    new=md_escape(partner.pending_company),
                )
            )
            yes, no, _ = st.columns([2, 2, 3])
            for column, approve, label in ((yes, True, "approve"), (no, False, "refuse")):
                if column.button(
                    T(f"partners.name_{label}"),
                    key=f"rename_{label}_{partner.id}",
                    type="primary" if approve else "secondary",
                ):
                    outcome = attempt("decide_name_change")
                    with outcome as session:
                        decide_name_change(
                            session=session, actor=actor, partner_id=partner.id, approve=approve
                        )
                    if outcome.ok:
                        st.session_state[FLASH_KEY] = T(f"partners.name_{label}d")
                        st.rerun()
SHOWN = 1000
st.subheader(T("partners.list"))
search = st.text_input(
    T("partners.search"),
    key=kept("partners_search"),
    max_chars=200,
    placeholder=T("partners.search_placeholder"),
)
with db() as session:
    partners = partners_overview(session, actor, limit=SHOWN, search=search)
    total = partner_count(session, actor)
    matching = partner_count(session, actor, search) if search.strip() else total
if not partners:
    found_none = T("partners.no_match", count=total, total=reader().number(total))
    st.info(found_none if total else T("partners.none"))
    st.stop()
st.caption(
    T(
        "partners.count",
        shown=reader().number(len(partners)),
        total=reader().number(matching),
    )
)
current = terms_catalogue().current(lang, today_local()).version
frame = pd.DataFrame(partners)
show_table(
    pd.DataFrame(
        {
            T("col.partner_id"): frame["partner_code"],
            T("col.company"): frame["company"],
            T("col.contact_email"): frame["contact_email"],
            T("partner.since"): local_strings(frame["partner_since"], lang),
            T("col.terms_version"): frame["terms_version"],
            T("col.accepted"): local_strings(frame["terms_accepted_at"], lang),
            T("col.current"): frame["terms_version"] == current,
        }
    ),
    hide_index=True,
    width="stretch",
)
