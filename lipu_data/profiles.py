"""The explorer's directories and profiles: every school and programme, and what a header says about one (no streamlit)."""

from __future__ import annotations

import pandas as pd

from lipu_data.filters import paragraph_counts
from lipu_data.i18n import pick, t
from lipu_data.model import Dataset


def school_directory(dataset: Dataset, lang: str) -> pd.DataFrame:
    """Every school with its names, level, township ('not stated' where the report is silent) and the
    number of report paragraphs that mention it; columns are fixed (localize with `directory_table`)."""
    levels = dataset.levels.set_index("level_id")
    townships = dataset.townships.set_index("township_code")
    counts = paragraph_counts(dataset, "school_id")
    rows = []
    for _, row in dataset.schools.iterrows():
        township = row["township_code"]
        rows.append({
            "id": row["school_id"],
            "name": pick(row, "name", lang),
            "name_zh": row["name_zh"],
            "name_en": row["name_en"] or "",
            "level": pick(levels.loc[row["level"]], "name", lang) if row["level"] in levels.index else "",
            "township": pick(townships.loc[township], "name", lang) if isinstance(township, str)
            else t("township_unknown", lang),
            "mentions": counts.get(row["school_id"], 0),
        })
    return pd.DataFrame(rows, columns=["id", "name", "name_zh", "name_en", "level", "township", "mentions"])


def program_directory(dataset: Dataset, lang: str) -> pd.DataFrame:
    """Every program with its names, report section and the number of paragraphs about it (fixed columns)."""
    counts = paragraph_counts(dataset, "program_id")
    rows = []
    for _, row in dataset.programs.iterrows():
        rows.append({
            "id": row["program_id"],
            "name": pick(row, "name", lang),
            "name_zh": row["name_zh"],
            "name_en": row["name_en"] or "",
            "section": int(row["section"]),
            "mentions": counts.get(row["program_id"], 0),
        })
    return pd.DataFrame(rows, columns=["id", "name", "name_zh", "name_en", "section", "mentions"])


def directory_table(directory: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A school or program directory with localized headers and without the working columns."""
    headers = {"name_zh": t("name_zh", lang), "name_en": t("name_en", lang), "level": t("level", lang),
               "township": t("township", lang), "section": t("section", lang), "mentions": t("paragraph_count", lang)}
    return directory[[c for c in headers if c in directory]].rename(columns=headers)


def school_profile(dataset: Dataset, school_id: str, lang: str) -> dict[str, object]:
    """What the explorer's header says about a school: names, level, township and its evidence, aliases."""
    row = dataset.schools.set_index("school_id").loc[school_id]
    levels = dataset.levels.set_index("level_id")
    townships = dataset.townships.set_index("township_code")
    township = row["township_code"]
    aliases = row["aliases_zh"]
    return {
        "name_zh": row["name_zh"],
        "name_en": row["name_en"] or "",
        "name_en_official": bool(row["name_en_official"]) if pd.notna(row["name_en_official"]) else False,
        "level": pick(levels.loc[row["level"]], "name", lang) if row["level"] in levels.index else "",
        "township": pick(townships.loc[township], "name", lang) if isinstance(township, str) else "",
        "township_evidence": row["township_evidence"] if isinstance(row["township_evidence"], str) else "",
        "aliases": [a.strip() for a in aliases.split(";") if a.strip()] if isinstance(aliases, str) else [],
        "note_en": row["note_en"] if isinstance(row["note_en"], str) else "",
    }


def program_profile(dataset: Dataset, program_id: str, lang: str) -> dict[str, object]:
    """What the explorer's header says about a program: names, summary, report section and paragraph."""
    row = dataset.programs.set_index("program_id").loc[program_id]
    return {
        "name_zh": row["name_zh"],
        "name_en": row["name_en"] or "",
        "summary": pick(row, "summary", lang),
        "summary_zh": row["summary_zh"] or "",
        "section": int(row["section"]),
        "paragraph_id": row["paragraph_id"],
    }


def intersection_paragraphs(dataset: Dataset, found) -> list[str]:
    """For a school and a program together: only the paragraphs cited by rows concerning both (not every
    paragraph naming the school), in report order. `found` is a filters.Mentions."""
    cited: set[str] = set()
    for frame in (found.facts, found.projects, found.honours, found.events, found.school_programs):
        cited |= set(frame["paragraph_id"].dropna())
    return [pid for pid in dataset.paragraphs["paragraph_id"] if pid in cited]
