"""Placeholder for the safety page (replaced by the app issue)."""

import streamlit as st

st.title("safety")
