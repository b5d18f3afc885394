"""The company facts form: one field per fact, each with its own error beneath it."""

from __future__ import annotations

import streamlit as st

from core.platform.locale import has_text, t
from core.platform.phones import phone_for_reading
from core.registration.company import DESCRIPTION_MAX, FIELDS, WEBSITE_MAX, CompanyFacts
from ui.context import T, current_lang, settings
from ui.kept import kept

MAX_CHARS = {
    "legal_name": 200,
    "tax_code": 20,
    "website": WEBSITE_MAX,
    "business_phone": 30,
    "description": DESCRIPTION_MAX,
}


def partner_type_label(code: str, lang: str) -> str:
    """A configured partner type in the reader's language (its code if the catalogue lacks it)."""
    key = f"partner_type.{code}"
    return t(key, lang) if has_text(key) else code


def _forget_problem(problems_key: str, name: str) -> None:
    st.session_state.get(problems_key, {}).pop(name, None)


def company_fields(prefix: str, facts: CompanyFacts, problems_key: str) -> CompanyFacts:
    """Draw the form prefilled with ``facts``; returns what the applicant has typed.

    Problems from the last attempt (``problems_key`` in session state, field ->
    catalogue key) show under their field until that field changes.
    """
    problems = st.session_state.get(problems_key, {})
    lang = current_lang()
    types = settings().partner_types
    values: dict[str, str] = {}
    for name in FIELDS:
        key = kept(f"{prefix}_{name}")
        options = {"key": key, "on_change": _forget_problem, "args": (problems_key, name)}
        label = T(f"company.{name}")
        if name == "partner_type":
            current = facts.partner_type if facts.partner_type in types else None
            values[name] = (
                st.selectbox(
                    label,
                    types,
                    index=types.index(current) if current else None,
                    format_func=lambda code: partner_type_label(code, lang),
                    placeholder=T("company.partner_type_choose"),
                    **options,
                )
                or ""
            )
        elif name == "description":
            values[name] = st.text_area(
                label,
                value=facts.description,
                max_chars=MAX_CHARS[name],
                help=T("company.description_help", max=DESCRIPTION_MAX),
                **options,
            )
        else:
            values[name] = st.text_input(
                label,
                value=(
                    phone_for_reading(facts.business_phone)
                    if name == "business_phone"
                    else getattr(facts, name)
                ),
                max_chars=MAX_CHARS[name],
                help=T(f"company.{name}_help"),
                **options,
            )
        if name in problems:
            st.error(T(problems[name]), icon=":material/error:")
    return CompanyFacts(**values)
