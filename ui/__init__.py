"""Streamlit glue shared by Home.py and the pages: identity, language, guards."""
