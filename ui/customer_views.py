"""Tables and the add-customers form of the partner's Customers page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.partners.customers import (
    MAX_ROWS,
    InviteRow,
    RowOutcome,
    cancel_invitation,
    end_link,
    invite_customers,
)
from core.platform.clock import local
from core.platform.directory import DirectoryUnavailable
from core.platform.errors import DomainError
from core.platform.identity import Identity
from core.platform.locale import format_date
from core.platform.models import CustomerLink, LinkState
from ui.context import T, account_directory, attempt, db, md_escape, settings
from ui.formatting import spreadsheet_safe
from ui.kept import kept

ROWS_KEY = "customers_rows"
REASONS_KEY = "customers_row_reasons"
RESULT_KEY = "customers_result"
CONFIRM_KEY = "customers_confirm"
FLASH_KEY = "customers_flash"


def _day(moment, lang: str) -> str:
    return format_date(local(moment).date(), lang) if moment else ""


def customers_frame(links: list[CustomerLink], lang: str) -> pd.DataFrame:
    """One row per link, in the reader's language: what the list shows and the CSV holds."""
    return pd.DataFrame(
        {
            T("customers.col.id"): [link.id for link in links],
            T("customers.friendly_name"): [link.friendly_name for link in links],
            T("customers.email"): [link.customer_email for link in links],
            T("customers.col.state"): [T(f"customers.state.{link.state}") for link in links],
            T("customers.col.since"): [
                _day(link.active_since or link.invited_at, lang) for link in links
            ],
            T("customers.col.expires"): [
                _day(link.expires_at if link.state == LinkState.INVITED else None, lang)
                for link in links
            ],
            T("customers.role"): [T(f"customers.role.{link.role}") for link in links],
            T("customers.col.customer"): [link.customer_company for link in links],
        }
    )


def customers_csv(frame: pd.DataFrame) -> bytes:
    return spreadsheet_safe(frame).to_csv(index=False).encode("utf-8-sig")


def _row_count() -> int:
    return st.session_state.setdefault(ROWS_KEY, 1)


def _add_row() -> None:
    st.session_state[ROWS_KEY] = min(_row_count() + 1, MAX_ROWS)


ROW_FIELDS = ("customers_email", "customers_name", "customers_role")


def _remove_row(index: int) -> None:
    """Take row ``index`` out of the form: the rows below move up with what was typed."""
    count = _row_count()
    reasons = st.session_state.get(REASONS_KEY, [])
    for i in range(index, count - 1):
        for field in ROW_FIELDS:
            st.session_state[f"{field}_{i}"] = st.session_state.get(f"{field}_{i + 1}")
    for field in ROW_FIELDS:
        st.session_state.pop(f"{field}_{count - 1}", None)
    st.session_state[REASONS_KEY] = reasons[:index] + reasons[index + 1 :]
    st.session_state[ROWS_KEY] = max(count - 1, 1)


def _submit(identity: Identity) -> None:
    """Invite every row; keep the refused rows on screen with their reasons."""
    count = _row_count()
    rows = [
        InviteRow(
            st.session_state.get(f"customers_email_{i}", "") or "",
            st.session_state.get(f"customers_name_{i}", "") or "",
            st.session_state.get(f"customers_role_{i}") or "partner",
        )
        for i in range(count)
    ]
    try:
        with db() as session:
            outcomes = invite_customers(
                session=session, identity=identity, rows=rows, directory=account_directory()
            )
    except DirectoryUnavailable as error:
        st.session_state[RESULT_KEY] = ("error", T(error.key))
        return
    except DomainError as error:
        st.session_state[RESULT_KEY] = ("error", T(error.key, **error.values))
        return
    _keep_refused([o for o in outcomes if not o.created])
    created = sum(o.created for o in outcomes)
    st.session_state[RESULT_KEY] = ("done", created, len(outcomes) - created)


def _keep_refused(refused: list[RowOutcome]) -> None:
    """The form again: the refused rows first, with what was typed; every other row empty."""
    default_role = settings().customer_roles[0]
    for i in range(_row_count()):
        st.session_state[f"customers_email_{i}"] = ""
        st.session_state[f"customers_name_{i}"] = ""
        st.session_state[f"customers_role_{i}"] = default_role
    for i, outcome in enumerate(refused):
        st.session_state[f"customers_email_{i}"] = outcome.row.email
        st.session_state[f"customers_name_{i}"] = outcome.row.friendly_name
        st.session_state[f"customers_role_{i}"] = outcome.row.role
    st.session_state[ROWS_KEY] = max(len(refused), 1)
    st.session_state[REASONS_KEY] = [o.reason for o in refused]


def add_customers_form(identity: Identity) -> None:
    """Rows of email, friendly name and role; each refused row keeps its reason under it."""
    st.subheader(T("customers.add_heading"))
    st.caption(T("customers.add_help"))
    if result := st.session_state.pop(RESULT_KEY, None):
        if result[0] == "error":
            st.error(result[1])
        else:
            _, created, refused = result
            if created:
                st.success(T("customers.added", count=created))
            if refused:
                st.error(T("customers.refused_rows", count=refused))
    reasons = st.session_state.get(REASONS_KEY, [])
    roles = list(settings().customer_roles)
    role_names = {role: T(f"customers.role.{role}") for role in roles}
    count = _row_count()
    for i in range(count):
        email, name, role, remove = st.columns([3, 2, 2, 1], vertical_alignment="bottom")
        email.text_input(T("customers.email"), key=kept(f"customers_email_{i}"), max_chars=320)
        name.text_input(
            T("customers.friendly_name"), key=kept(f"customers_name_{i}"), max_chars=100
        )
        role.selectbox(
            T("customers.role"),
            roles,
            format_func=role_names.get,
            key=kept(f"customers_role_{i}"),
        )
        remove.button(
            T("customers.remove"),
            icon=":material/close:",
            key=f"customers_remove_{i}",
            help=T("customers.remove_row", row=i + 1),
            on_click=_remove_row,
            args=(i,),
            disabled=count == 1
            and not any(st.session_state.get(f"{field}_{i}") for field in ROW_FIELDS[:2]),
        )
        if i < len(reasons) and reasons[i]:
            st.error(T(f"customers.refusal.{reasons[i]}"), icon=":material/block:")
    more, submit, _ = st.columns([1, 1, 3])
    more.button(
        T("customers.add_row"),
        key="customers_more",
        on_click=_add_row,
        disabled=_row_count() >= MAX_ROWS,
    )
    submit.button(
        T("customers.add_submit"),
        type="primary",
        key="customers_add",
        on_click=_submit,
        args=(identity,),
    )


def manage_links(identity: Identity, links: list[CustomerLink]) -> None:
    """Cancel an invitation or end an active link, each after a confirmation."""
    manageable = [link for link in links if link.state in (LinkState.INVITED, LinkState.ACTIVE)]
    with st.expander(T("customers.manage"), expanded=bool(st.session_state.get(CONFIRM_KEY))):
        if not manageable:
            st.caption(T("customers.nothing_to_manage"))
        else:
            by_id = {link.id: link for link in manageable}
            picked = by_id[
                st.selectbox(
                    T("customers.choose"),
                    list(by_id),
                    format_func=lambda i: (
                        f"#{i} {by_id[i].friendly_name or by_id[i].customer_email} · "
                        f"{T(f'customers.state.{by_id[i].state}')}"
                    ),
                    key=kept("customers_pick"),
                )
            ]
            who = md_escape(picked.friendly_name or picked.customer_email)
            pending = st.session_state.get(CONFIRM_KEY)
            if picked.state == LinkState.INVITED:
                if st.button(T("customers.cancel"), key="customers_cancel"):
                    st.session_state[CONFIRM_KEY] = ("cancel", picked.id)
                    st.rerun()
            else:
                st.text_area(T("customers.end_reason"), key="customers_end_reason")
                if st.button(T("customers.end"), key="customers_end"):
                    st.session_state[CONFIRM_KEY] = ("end", picked.id)
                    st.rerun()
            if pending and pending[1] == picked.id:
                action, link_id = pending
                st.warning(T(f"customers.{action}_confirm", customer=who))
                yes, no, _ = st.columns([1, 1, 3])
                if yes.button(T("customers.confirm_yes"), type="primary", key="customers_yes"):
                    st.session_state.pop(CONFIRM_KEY, None)
                    outcome = attempt(f"{action}_customer_link")
                    with outcome as session:
                        if action == "cancel":
                            cancel_invitation(session=session, identity=identity, link_id=link_id)
                        else:
                            end_link(
                                session=session,
                                actor=identity,
                                link_id=link_id,
                                reason=st.session_state.get("customers_end_reason", ""),
                            )
                    if outcome.ok:
                        st.session_state[FLASH_KEY] = T(
                            "customers.cancelled" if action == "cancel" else "customers.ended"
                        )
                        st.rerun()
                if no.button(T("customers.confirm_no"), key="customers_no"):
                    st.session_state.pop(CONFIRM_KEY, None)
                    st.rerun()
