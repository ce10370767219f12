"""The peer dashboard for the interaction benchmark: the same report data as a dashboard written the ordinary way.

One script, rerun whole on every choice: a sidebar menu of ten links, three selectboxes (the labels and
option names the app shows in English), six metric cards, one Altair bar chart and a table of the facts
the filters leave. Data read with pandas and cached with st.cache_data. No fragments, no lazy tabs.
"""

from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

DATA = Path(__file__).resolve().parents[2] / "data"
SECTIONS = ["Overview", "Search", "Leadership", "Governance", "Levels", "Resources", "Teachers", "Safety",
            "Publicity", "Sources"]

st.set_page_config(page_title="Lipu education 2023", layout="wide")


@st.cache_data
def load(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)


facts = load("facts")
levels = load("levels").sort_values("sort_order", key=lambda s: s.astype(int))
schools = load("schools")
programs = load("programs")

with st.sidebar:
    st.header("Lipu education 2023")
    for section in SECTIONS:
        st.markdown(f"[{section}](?section={section.lower()})")

st.title("Lipu City education in 2023")
left, middle, right = st.columns(3)
level = left.selectbox("Education level", ["All", *levels["name_en"]])
school = middle.selectbox("School", ["All", *schools["name_en"]])
program = right.selectbox("Programme", ["All", *programs["name_en"]])

shown = facts
if level != "All":
    shown = shown[shown["level"] == levels.loc[levels["name_en"] == level, "level_id"].iloc[0]]
if school != "All":
    shown = shown[shown["school_id"] == schools.loc[schools["name_en"] == school, "school_id"].iloc[0]]
if program != "All":
    shown = shown[shown["program_id"] == programs.loc[programs["name_en"] == program, "program_id"].iloc[0]]
st.caption(f"{len(shown)} figures · Education level: {level} · School: {school} · Programme: {program}")

values = pd.to_numeric(shown["value"], errors="coerce")
cards = st.columns(6)
cards[0].metric("Figures", len(shown))
cards[1].metric("Stated", int((shown["kind"] == "stated").sum()))
cards[2].metric("Derived", int((shown["kind"] != "stated").sum()))
cards[3].metric("Programmes", shown["program_id"].nunique())
cards[4].metric("Schools named", shown.loc[shown["school_id"] != "", "school_id"].nunique())
cards[5].metric("Spending (10,000 yuan)", f"{values[shown['unit'] == 'wan_yuan'].sum():,.1f}")

by_program = (shown.merge(programs[["program_id", "name_en"]], on="program_id", how="left")
              .groupby("name_en", as_index=False).size().rename(columns={"name_en": "Programme", "size": "Figures"}))
st.altair_chart(
    alt.Chart(by_program).mark_bar().encode(
        x=alt.X("Figures:Q"), y=alt.Y("Programme:N", sort="-x"), tooltip=["Programme", "Figures"]),
    width="stretch",
)
st.dataframe(shown[["label_en", "value", "unit", "period", "level", "school_id", "program_id"]],
             hide_index=True, width="stretch")
