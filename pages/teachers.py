"""Placeholder for the teachers page (replaced by the app issue)."""

import streamlit as st

st.title("teachers")
