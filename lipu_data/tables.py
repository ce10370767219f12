"""What pages and downloads show as tables: localized frames for charts, tables and notes (no streamlit)."""

from __future__ import annotations

import pandas as pd

from lipu_data.formatting import UnitFormats, chart_value, format_date, format_fact, format_period
from lipu_data.i18n import pick, t
from lipu_data.metrics import latest_by_metric, select_metrics
from lipu_data.model import Dataset
from lipu_data.provenance import fact_names, formula_text, kind_text


def chart_frame(facts: pd.DataFrame, lang: str, *, units: UnitFormats) -> pd.DataFrame:
    """Facts as a chart frame: label, value (plotted), value_text, kind, kind_text, qualifier, period_text."""
    rows = []
    for _, row in facts.iterrows():
        rows.append({
            "fact_id": row["fact_id"],
            "label": pick(row, "label", lang),
            "value": chart_value(row["value"], units[row["unit"]], lang),
            "value_text": format_fact(row, units, lang),
            "unit": row["unit"],
            "kind": row["kind"],
            "kind_text": kind_text(row, lang),
            "qualifier": row["qualifier"],
            "period": row["period"],
            "period_text": format_period(row["period"], lang),
            "paragraph_id": row["paragraph_id"],
        })
    columns = ["fact_id", "label", "value", "value_text", "unit", "kind", "kind_text", "qualifier", "period",
               "period_text", "paragraph_id"]
    return pd.DataFrame(rows, columns=columns)


def comparison_frame(facts: pd.DataFrame, metrics: tuple[str, ...], lang: str, *, units: UnitFormats) -> pd.DataFrame:
    """Every period of each metric, labelled by the metric's latest label without a '(2022, implied)' tail."""
    chosen = select_metrics(facts, metrics, latest=False)
    frame = chart_frame(chosen, lang, units=units)
    latest_labels = {row["metric"]: pick(row, "label", lang) for _, row in latest_by_metric(chosen).iterrows()}
    frame["label"] = [latest_labels[metric] for metric in chosen["metric"]]
    return frame


def timeline_frame(events: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Events with a date bucket at the report's precision: year-only events form their own bucket."""
    rows = []
    for _, row in events.iterrows():
        date = str(row["date"])
        if row["date_precision"] == "year":
            text = f"{date}年（月份未注明）" if lang == "zh" else f"{date} (month not stated)"
            sort_key = f"{date}-00"
        else:
            text = format_date(date[:7], lang)
            sort_key = date
        rows.append({"event_id": row["event_id"], "title": pick(row, "title", lang), "date_text": text,
                     "date_full": format_date(date, lang), "date_sort": sort_key,
                     "month_known": row["date_precision"] != "year",
                     "paragraph_id": row["paragraph_id"], "quote": row["quote"]})
    return pd.DataFrame(rows, columns=["event_id", "title", "date_text", "date_full", "date_sort", "month_known",
                                       "paragraph_id", "quote"])


def projects_frame(dataset: Dataset, projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Projects with their school and township names ('not stated' where the report does not say)."""
    schools = dataset.schools.set_index("school_id")
    townships = dataset.townships.set_index("township_code")
    rows = []
    for _, row in projects.iterrows():
        school = row["school_id"]
        township = row["township_code"]
        rows.append({
            "project_id": row["project_id"],
            "name": pick(row, "name", lang),
            "school": pick(schools.loc[school], "name", lang) if isinstance(school, str) else "",
            "township_code": township if isinstance(township, str) else "",
            "township": pick(townships.loc[township], "name", lang) if isinstance(township, str)
            else t("township_unknown", lang),
            "kind_text": t(f"kind_{row['kind']}", lang),
            "status_text": t(f"status_{row['status']}", lang),
            "paragraph_id": row["paragraph_id"],
            "quote": row["quote"],
        })
    return pd.DataFrame(rows, columns=["project_id", "name", "school", "township_code", "township", "kind_text",
                                       "status_text", "paragraph_id", "quote"])


def honours_frame(honours: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Honours as a readable table."""
    return pd.DataFrame({
        t("recipient", lang): [pick(row, "recipient", lang) for _, row in honours.iterrows()],
        t("honour", lang): [pick(row, "honour", lang) for _, row in honours.iterrows()],
        t("scope", lang): [t(f"scope_{scope}", lang) for scope in honours["scope"]],
        t("year", lang): [str(year) if pd.notna(year) else "" for year in honours["year"]],
        t("source", lang): list(honours["quote"]),
        "paragraph_id": list(honours["paragraph_id"]),
    })


def facts_table(facts: pd.DataFrame, lang: str, all_facts: pd.DataFrame | None = None, *,
                units: UnitFormats) -> pd.DataFrame:
    """Facts as a readable, downloadable table with their provenance (a derived figure's formula written
    with the names of its inputs, looked up in `all_facts`, default `facts`)."""
    names = fact_names(facts if all_facts is None else all_facts, lang)
    return pd.DataFrame({
        "fact_id": list(facts["fact_id"]),
        t("label", lang): [pick(row, "label", lang) for _, row in facts.iterrows()],
        t("value", lang): [format_fact(row, units, lang) for _, row in facts.iterrows()],
        t("period", lang): [format_period(period, lang) for period in facts["period"]],
        t("kind", lang): [kind_text(row, lang) for _, row in facts.iterrows()],
        t("source", lang): [row["quote"] if row["kind"] == "stated" else formula_text(row["formula"], names)
                            for _, row in facts.iterrows()],
        "paragraph_id": list(facts["paragraph_id"]),
    })


def school_roles_frame(dataset: Dataset, links: pd.DataFrame, lang: str) -> pd.DataFrame:
    """School-program links as a table: school, program, role, source sentence, paragraph."""
    schools = dataset.schools.set_index("school_id")
    programs = dataset.programs.set_index("program_id")
    return pd.DataFrame({
        t("filter_school", lang): [pick(schools.loc[s], "name", lang) for s in links["school_id"]],
        t("filter_program", lang): [pick(programs.loc[p], "name", lang) for p in links["program_id"]],
        t("role", lang): [pick(row, "role", lang) for _, row in links.iterrows()],
        t("source", lang): list(links["quote"]),
        "paragraph_id": list(links["paragraph_id"]),
    })


def section_fact_counts(dataset: Dataset, lang: str) -> pd.DataFrame:
    """How many figures each section of each report holds, stated and derived."""
    facts = dataset.facts
    rows = []
    for (year, section), group in facts.groupby(["report_year", "section"], sort=True):
        rows.append({t("year", lang): int(year), "§": int(section),
                     t("stated", lang): int((group["kind"] == "stated").sum()),
                     t("derived", lang): int((group["kind"] == "derived").sum())})
    return pd.DataFrame(rows)


def school_links_frame(dataset: Dataset, links: pd.DataFrame, lang: str) -> pd.DataFrame:
    """School-program links with the school's level, for charts counting named schools by role."""
    schools = dataset.schools.set_index("school_id")
    levels = dataset.levels.set_index("level_id")
    return pd.DataFrame({
        "school_id": list(links["school_id"]),
        "school": [pick(schools.loc[s], "name", lang) for s in links["school_id"]],
        "role": [pick(row, "role", lang) for _, row in links.iterrows()],
        "level": [pick(levels.loc[schools.loc[s, "level"]], "name", lang) for s in links["school_id"]],
        "quote": list(links["quote"]),
        "paragraph_id": list(links["paragraph_id"]),
    })


def people_frame(dataset: Dataset, people: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Named people with role and school (English names are pinyin, unofficial)."""
    schools = dataset.schools.set_index("school_id")
    return pd.DataFrame({
        t("name_zh", lang): list(people["name_zh"]),
        t("name_en", lang): [name or "" for name in people["name_en"]],
        t("role", lang): [pick(row, "role", lang) for _, row in people.iterrows()],
        t("filter_school", lang): [pick(schools.loc[s], "name", lang) if isinstance(s, str) and s in schools.index
                                   else "" for s in people["school_id"]],
    })


def events_table(events: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Events as a readable table: date (at the report's precision), title, source sentence, paragraph."""
    frame = timeline_frame(events, lang).sort_values("date_sort", kind="stable")
    return pd.DataFrame({
        t("date", lang): list(frame["date_text"]),
        t("events", lang): list(frame["title"]),
        t("source", lang): list(frame["quote"]),
        "paragraph_id": list(frame["paragraph_id"]),
    })


def projects_table(dataset: Dataset, projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Projects as a readable table (localized headers, see `projects_frame`)."""
    frame = projects_frame(dataset, projects, lang)
    return pd.DataFrame({
        t("projects", lang): list(frame["name"]),
        t("filter_school", lang): list(frame["school"]),
        t("township", lang): list(frame["township"]),
        t("kind", lang): list(frame["kind_text"]),
        t("status", lang): list(frame["status_text"]),
        t("source", lang): list(frame["quote"]),
        "paragraph_id": list(frame["paragraph_id"]),
    })


def paragraph_citations(dataset: Dataset, paragraph_id: str, lang: str) -> pd.DataFrame:
    """Everything in the data that cites one paragraph: figures (with values), honours, events,
    projects, school roles, programs and notes; localized headers."""
    rows: list[tuple[str, str, str, str]] = []
    cited = dataset.facts[dataset.facts["paragraph_id"] == paragraph_id]
    names = fact_names(dataset.facts, lang) if (cited["kind"] == "derived").any() else {}
    for _, row in cited.iterrows():
        rows.append((t("facts", lang), pick(row, "label", lang),
                     format_fact(row, dataset.unit_formats, lang),
                     row["quote"] if row["kind"] == "stated" else formula_text(row["formula"], names)))
    for _, row in dataset.honours[dataset.honours["paragraph_id"] == paragraph_id].iterrows():
        rows.append((t("honours", lang), pick(row, "honour", lang), pick(row, "recipient", lang), row["quote"]))
    for _, row in dataset.events[dataset.events["paragraph_id"] == paragraph_id].iterrows():
        rows.append((t("events", lang), pick(row, "title", lang), format_date(str(row["date"]), lang), row["quote"]))
    projects = dataset.projects[dataset.projects["paragraph_id"] == paragraph_id]
    for _, row in projects_frame(dataset, projects, lang).iterrows():
        rows.append((t("projects", lang), row["name"], row["status_text"], row["quote"]))
    links = dataset.school_programs[dataset.school_programs["paragraph_id"] == paragraph_id]
    schools = dataset.schools.set_index("school_id")
    for _, row in links.iterrows():
        rows.append((t("role", lang), pick(schools.loc[row["school_id"]], "name", lang), pick(row, "role", lang),
                     row["quote"]))
    for _, row in dataset.programs[dataset.programs["paragraph_id"] == paragraph_id].iterrows():
        rows.append((t("programs", lang), pick(row, "name", lang), "", pick(row, "summary", lang)))
    for _, row in dataset.notes[dataset.notes["paragraph_id"] == paragraph_id].iterrows():
        rows.append((t("data_notes", lang), t(f"topic_{row['topic']}", lang), "", pick(row, "text", lang)))
    headers = [t("kind", lang), t("label", lang), t("value", lang), t("source", lang)]
    return pd.DataFrame(rows, columns=headers)


NOTE_TOPICS = ("oddity", "reading", "derivation")


def notes_frame(dataset: Dataset, lang: str, notes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Data notes (all, or the given rows) in topic order (oddity, reading, derivation) with their text in the
    reader's language and the figure each concerns (label, value, report section); fixed columns."""
    facts = dataset.facts.set_index("fact_id")
    order = {topic: i for i, topic in enumerate(NOTE_TOPICS)}
    notes = dataset.notes if notes is None else notes
    notes = notes.assign(_order=notes["topic"].map(order)).sort_values("_order", kind="stable")
    rows = []
    for _, row in notes.iterrows():
        fact_id = row["fact_id"] if isinstance(row["fact_id"], str) and row["fact_id"] in facts.index else ""
        fact = facts.loc[fact_id] if fact_id else None
        rows.append({
            "note_id": row["note_id"],
            "topic": row["topic"],
            "text": pick(row, "text", lang),
            "paragraph_id": row["paragraph_id"] if isinstance(row["paragraph_id"], str) else "",
            "fact_id": fact_id,
            "fact_label": pick(fact, "label", lang) if fact is not None else "",
            "fact_value": format_fact(fact, dataset.unit_formats, lang)
            if fact is not None else "",
            "fact_section": int(fact["section"]) if fact is not None else None,
        })
    return pd.DataFrame(rows, columns=["note_id", "topic", "text", "paragraph_id", "fact_id", "fact_label",
                                       "fact_value", "fact_section"])


def table_list(dataset: Dataset) -> pd.DataFrame:
    """The data tables and their row counts, in package order (name, rows)."""
    counts = dataset.row_counts()
    return pd.DataFrame({"name": list(counts), "rows": list(counts.values())})


def section_people(dataset: Dataset, honours: pd.DataFrame) -> pd.DataFrame:
    """People named in the given honours."""
    return dataset.people[dataset.people["person_id"].isin(honours["person_id"].dropna())]


# Column names of prepared frames, shown to readers in their language (ids keep their names).
DISPLAY_COLUMNS = {
    "label": "label", "value_text": "value", "period_text": "period", "kind_text": "kind", "paragraph_id": "paragraph",
    "school": "filter_school", "role": "role", "level": "level", "quote": "source", "name": "label",
    "township": "township", "status_text": "status", "title": "events", "date_full": "date", "date_text": "date",
    "measure": "label", "part": "recipient", "share_text": "share_of_total",
}


# Columns that hold ids: kept in downloads (a maintainer joins tables on them), never shown to readers.
ID_COLUMNS = ("id", "fact_id", "program_id", "school_id", "project_id", "event_id", "honour_id", "person_id",
              "note_id", "term_id", "township_code", "metric")


def without_ids(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as a reader sees it: without its id columns."""
    return frame.drop(columns=[column for column in ID_COLUMNS if column in frame.columns])


def display_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A prepared frame with reader-facing column names in the reader's language."""
    names = {column: t(key, lang) for column, key in DISPLAY_COLUMNS.items() if column in frame.columns}
    return frame.rename(columns=names)
