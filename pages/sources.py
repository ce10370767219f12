"""Placeholder for the sources page (replaced by the app issue)."""

import streamlit as st

st.title("sources")
