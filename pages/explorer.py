"""Placeholder for the explorer page (replaced by the app issue)."""

import streamlit as st

st.title("explorer")
