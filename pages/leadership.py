"""Placeholder for the leadership page (replaced by the app issue)."""

import streamlit as st

st.title("leadership")
