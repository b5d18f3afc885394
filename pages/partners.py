"""Partner team: approved partners and the Terms version each has accepted."""

import pandas as pd
import streamlit as st

from core.platform.identity import Role
from core.registration.partnership import partner_count, partners_overview
from ui.context import T, current_lang, db, require_role, terms_catalogue, through_home, today_local
from ui.formatting import local_strings, show_table

through_home()

actor = require_role(Role.REVIEWER, Role.MANAGER)
lang = current_lang()
st.title(T("nav.partners"))
st.caption(T("partners.caption"))
SHOWN = 1000
with db() as session:
    partners = partners_overview(session, actor, limit=SHOWN)
    total = partner_count(session, actor)
if not partners:
    st.info(T("partners.none"))
    st.stop()
st.caption(T("partners.count", shown=f"{len(partners):,}", total=f"{total:,}"))
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
