"""Signed-out visitors: what the portal is, sign in, sign up."""

import streamlit as st

from ui.context import T, language_picker, settings, through_home
from ui.sign_in_flow import begin_sign_in, show_sign_in_notice

through_home()

st.title(T("signin.heading"))
show_sign_in_notice()
language_picker("main")
st.write(T("signin.intro"))
st.button(
    T("signin.button"), type="primary", key="signin_root", on_click=begin_sign_in, args=("root",)
)
st.markdown(T("signin.signup", url=settings().signup_url))
st.divider()
st.button(T("signin.staff"), key="signin_staff", on_click=begin_sign_in, args=("staff",))
