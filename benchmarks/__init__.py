"""Benchmarks that drive the Streamlit pages; outside core/, which imports no Streamlit."""
