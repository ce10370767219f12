"""Reference for the interaction benchmark: app.py beside it, whose choice 'preschool' also draws one small bar
chart; timed against app.py, it is the framework's own cost of a choice that brings a chart. It sits in the
same directory so that it is served with the same .streamlit/config.toml."""

import pandas as pd
import streamlit as st

st.title("Blank select")
choice = st.selectbox("Level", ["All", "preschool", "primary", "junior", "senior"], key="filter_level")
st.write(f"Chosen: {choice}")
if choice == "preschool":
    st.vega_lite_chart(pd.DataFrame({"x": ["a", "b", "c"], "y": [1, 2, 3]}),
                       {"mark": "bar", "encoding": {"y": {"field": "x", "type": "nominal"},
                                                    "x": {"field": "y", "type": "quantitative"}}},
                       width="stretch")
