"""Baseline for the interaction benchmark: a title and one selectbox whose choice reruns the script."""

import streamlit as st

st.title("Blank select")
choice = st.selectbox("Level", ["All", "preschool", "primary", "junior", "senior"], key="filter_level")
st.write(f"Chosen: {choice}")
