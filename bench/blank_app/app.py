"""Baseline for benchmarks: the smallest root page (one title), served like the real app."""

import streamlit as st

st.title("Blank")
