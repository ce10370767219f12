"""Placeholder for the levels page (replaced by the app issue)."""

import streamlit as st

st.title("levels")
