"""Placeholder for the governance page (replaced by the app issue)."""

import streamlit as st

st.title("governance")
