"""Values a person chose or typed that must survive what reruns do to widgets.

Streamlit keeps a keyed widget's identity across a language switch while its options'
words change: the browser then shows the old words, and the next edit sends them back
as a value no option has, which empties the widget. A widget registered here has its
value set again, as the page's own, before every run: the browser is told the value in
the new words. (A form hidden behind its review step keeps what was typed with
Streamlit's own ``persist_state="page"``.)
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

REGISTRY = "_kept_keys"


def kept(key: str) -> str:
    """Register a select box, radio, multiselect or text input by its key; returns the key."""
    st.session_state.setdefault(REGISTRY, set()).add(key)
    return key


def forget(keys: Iterable[str]) -> None:
    """Empty these values (a form done with), so the next visit starts afresh."""
    for key in keys:
        st.session_state.pop(key, None)


def restore() -> None:
    """Before the page runs: every registered value becomes the page's own again."""
    for key in st.session_state.get(REGISTRY, ()):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
