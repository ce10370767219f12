"""Baseline for benchmarks: the smallest sub-page (one title), served at /sub like the real sub-pages."""

import streamlit as st

st.title("Blank sub-page")
