"""Overview page (the root URL). Placeholder until the app issue lands."""

import streamlit as st

st.title("荔浦市 2023 年度教育工作情况")
