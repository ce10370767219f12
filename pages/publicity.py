"""Placeholder for the publicity page (replaced by the app issue)."""

import streamlit as st

st.title("publicity")
