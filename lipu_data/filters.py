"""Pure filters over the loaded tables: rows by criteria, the filters a page offers, everything about a school or program."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .model import Dataset


def filter_rows(
    frame: pd.DataFrame,
    *,
    school: str | None = None,
    program: str | None = None,
    level: str | None = None,
    section: int | None = None,
    period: str | None = None,
    kind: str | None = None,
) -> pd.DataFrame:
    """Rows of any table whose columns equal every criterion given (None = no filter); the original index is kept.

    Criteria map to columns: school -> school_id, program -> program_id, level -> level,
    section -> section, period -> period, kind -> kind. A criterion on a column the table lacks leaves no
    row (a level chosen on a page leaves none of its projects, which have no level); an unknown value gives an
    empty frame.
    """
    criteria = {"school_id": school, "program_id": program, "level": level, "section": section,
                "period": period, "kind": kind}
    keep = pd.Series(True, index=frame.index)
    for column, wanted in criteria.items():
        if wanted is None:
            continue
        if column not in frame:
            return frame.iloc[0:0]
        keep &= (frame[column] == wanted).fillna(False).astype(bool)
    return frame[keep]


def facts_for_school(dataset: Dataset, school_id: str) -> pd.DataFrame:
    """Every fact the report ties to `school_id`."""
    return filter_rows(dataset.facts, school=school_id)


def metric_series(facts: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The facts of one metric ordered by period, then report year (for year-over-year comparisons)."""
    rows = facts[facts["metric"] == metric]
    return rows.sort_values(["period", "report_year"], kind="stable")


@dataclass(frozen=True)
class Mentions:
    """Everything the data says about one school or program (see `mentions`)."""

    facts: pd.DataFrame
    projects: pd.DataFrame
    honours: pd.DataFrame
    events: pd.DataFrame
    school_programs: pd.DataFrame
    programs: pd.DataFrame
    schools: pd.DataFrame
    people: pd.DataFrame
    notes: pd.DataFrame
    paragraph_ids: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """True when nothing at all was found."""
        return not self.paragraph_ids and not any(self.counts.values())


def _matching(frame: pd.DataFrame, school: str | None, program: str | None) -> pd.Series:
    keep = pd.Series(True, index=frame.index)
    if school is not None:
        keep &= (frame["school_id"] == school).fillna(False).astype(bool)
    if program is not None:
        keep &= (frame["program_id"] == program).fillna(False).astype(bool)
    return keep


def _school_names(name_zh: str | None, aliases: str | None) -> list[str]:
    """Every name the report uses for one school: its name and its `;`-separated aliases."""
    names = [name_zh] if name_zh else []
    if isinstance(aliases, str):
        names += [alias.strip() for alias in aliases.split(";") if alias.strip()]
    return names


def _names(schools: pd.DataFrame) -> list[str]:
    """Every name the report uses for the given school rows."""
    return [name for name_zh, aliases in zip(schools["name_zh"], schools["aliases_zh"])
            for name in _school_names(name_zh, aliases)]


def mentions(dataset: Dataset, *, school: str | None = None, program: str | None = None) -> Mentions:
    """Everything about a school and/or a program (both given: rows concerning both).

    - facts, projects, honours, events: rows whose school_id/program_id match;
    - school_programs: the participation rows that match;
    - programs: for a school, the programs it takes part in (school_programs) plus the program
      itself if given; schools: for a program, its participating schools plus the school if given;
    - people: people of the school, and recipients of the selected honours;
    - notes: notes on the selected facts or paragraphs;
    - paragraph_ids: every paragraph those rows cite, the program's own paragraph, and every
      paragraph whose text names the school (name_zh or an alias), in report order;
    - counts: number of rows per category above, and of paragraphs.
    With neither school nor program given, everything is empty.
    """
    if school is None and program is None:
        return _empty(dataset)
    facts = dataset.facts[_matching(dataset.facts, school, program)]
    projects = dataset.projects[_matching(dataset.projects, school, program)]
    honours = dataset.honours[_matching(dataset.honours, school, program)]
    events = dataset.events[_matching(dataset.events, school, program)]
    school_programs = dataset.school_programs[_matching(dataset.school_programs, school, program)]

    program_ids = set(school_programs["program_id"]) | ({program} if program is not None else set())
    programs = dataset.programs[dataset.programs["program_id"].isin(program_ids)]
    school_ids = set(school_programs["school_id"]) | ({school} if school is not None else set())
    schools = dataset.schools[dataset.schools["school_id"].isin(school_ids)]

    person_ids = set(honours["person_id"].dropna())
    in_people = dataset.people["person_id"].isin(person_ids)
    if school is not None:
        in_people |= (dataset.people["school_id"] == school).fillna(False).astype(bool)
    people = dataset.people[in_people]

    cited: set[str] = set()
    for frame in (facts, projects, honours, events, school_programs):
        cited |= set(frame["paragraph_id"].dropna())
    if program is not None:
        cited |= set(dataset.programs.loc[dataset.programs["program_id"] == program, "paragraph_id"].dropna())
    paragraphs = dataset.paragraphs
    if school is not None:
        names = _names(dataset.schools[dataset.schools["school_id"] == school])
        for paragraph_id, text in zip(paragraphs["paragraph_id"], paragraphs["text"]):
            if any(name in text for name in names):
                cited.add(paragraph_id)
    paragraph_ids = [pid for pid in paragraphs["paragraph_id"] if pid in cited]

    notes = dataset.notes[
        dataset.notes["fact_id"].isin(set(facts["fact_id"])) | dataset.notes["paragraph_id"].isin(cited)
    ]
    return _mentions(facts, projects, honours, events, school_programs, programs, schools, people, notes, paragraph_ids)


def paragraph_counts(dataset: Dataset, by: str) -> dict[str, int]:
    """How many paragraphs mention each school (`by="school_id"`) or program (`by="program_id"`),
    counted as `mentions(...).counts["paragraphs"]` counts them, for all ids in one pass over the
    tables (calling mentions() per id scans every table once per id)."""
    cited: dict[str, set[str]] = {}
    for frame in (dataset.facts, dataset.projects, dataset.honours, dataset.events, dataset.school_programs):
        for key, paragraph_id in zip(frame[by], frame["paragraph_id"]):
            if isinstance(key, str) and isinstance(paragraph_id, str):
                cited.setdefault(key, set()).add(paragraph_id)
    if by == "program_id":
        for key, paragraph_id in zip(dataset.programs["program_id"], dataset.programs["paragraph_id"]):
            if isinstance(paragraph_id, str):
                cited.setdefault(key, set()).add(paragraph_id)
    else:
        texts = dataset.paragraphs["text"]
        ids = dataset.paragraphs["paragraph_id"]
        holders: dict[str, list[str]] = {}
        for school_id, name_zh, aliases in zip(dataset.schools["school_id"], dataset.schools["name_zh"],
                                               dataset.schools["aliases_zh"]):
            for name in _school_names(name_zh, aliases):
                holders.setdefault(name, []).append(school_id)
        for name, school_ids in holders.items():  # one vectorized scan per distinct name
            found = set(ids[texts.str.contains(name, regex=False)])
            for school_id in school_ids:
                cited.setdefault(school_id, set()).update(found)
    return {key: len(paragraph_ids) for key, paragraph_ids in cited.items()}


def _mentions(*frames: pd.DataFrame | list[str]) -> Mentions:
    *tables, paragraph_ids = frames
    names = ("facts", "projects", "honours", "events", "school_programs", "programs", "schools", "people", "notes")
    counts = {name: len(table) for name, table in zip(names, tables)}
    counts["paragraphs"] = len(paragraph_ids)
    return Mentions(*tables, paragraph_ids=list(paragraph_ids), counts=counts)


def _empty(dataset: Dataset) -> Mentions:
    tables = [dataset.facts, dataset.projects, dataset.honours, dataset.events, dataset.school_programs,
              dataset.programs, dataset.schools, dataset.people, dataset.notes]
    return _mentions(*(table.iloc[0:0] for table in tables), [])


@dataclass(frozen=True)
class FilterOptions:
    """The ids a page's filters offer, in display order."""

    schools: list[str]
    programs: list[str]
    levels: list[str]


def filter_options(dataset: Dataset, facts: pd.DataFrame, *extra: pd.DataFrame) -> FilterOptions:
    """Schools, programs and levels that narrow what a page shows (ids present in its facts or tables)."""
    frames = (facts, *extra)
    schools = set().union(*(set(f["school_id"].dropna()) for f in frames if "school_id" in f))
    programs = set().union(*(set(f["program_id"].dropna()) for f in frames if "program_id" in f))
    levels = set(facts["level"].dropna())
    return FilterOptions(
        schools=[s for s in dataset.schools["school_id"] if s in schools],
        programs=[p for p in dataset.programs["program_id"] if p in programs],
        levels=[lv for lv in dataset.levels["level_id"] if lv in levels],
    )
