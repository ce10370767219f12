"""Placeholder for the resources page (replaced by the app issue)."""

import streamlit as st

st.title("resources")
