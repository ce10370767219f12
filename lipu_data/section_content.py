"""What a section page shows for its filters (no streamlit): one answer for the page and its PDF briefing.

Each section page and the section's briefing narrow the same tables the same way, so a PDF never says more or
less than the page it was made from. The rules of what a filter hides live here, once:
- figures, projects: narrowed by school, programme and level;
- schools named, honours: by school and programme; a chosen level hides them (they carry no level);
- measures (programmes) and their listed points: by programme; a chosen school or level hides them, since a
  measure belongs to a programme, not to one school or level.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lipu_data import filters, metrics, tables
from lipu_data.model import Dataset
from lipu_data.section_charts import SectionFilters, section_links, section_projects
from lipu_data.sitemap import PAGE_BY_SECTION


@dataclass(frozen=True)
class SectionContent:
    """The rows of each table a section page shows for its filters."""

    facts: pd.DataFrame
    programs: pd.DataFrame  # the section's measures
    points: pd.DataFrame  # the points those measures list (program_points.csv)
    related: pd.DataFrame  # programmes of other sections the page lists as related (page_items.csv)
    links: pd.DataFrame  # schools the section names, with their roles
    projects: pd.DataFrame
    honours: pd.DataFrame
    people: pd.DataFrame  # people named in those honours

    @property
    def paragraph_ids(self) -> list[str]:
        """Every paragraph the content comes from, figures first, each once."""
        frames = (self.facts, self.links, self.projects, self.honours, self.programs, self.related)
        return list(dict.fromkeys(pid for frame in frames for pid in frame["paragraph_id"]))

    def has_more_than_figures(self) -> bool:
        return not (self.programs.empty and self.related.empty and self.links.empty and self.projects.empty
                    and self.honours.empty)


def section_options(dataset: Dataset, section: int) -> filters.FilterOptions:
    """The schools, programmes and levels a section page offers: ids its figures or other rows mention."""
    return filters.filter_options(dataset, metrics.section_facts(dataset, section), section_links(dataset, section),
                                section_projects(dataset, section), metrics.section_rows(dataset, dataset.honours, section),
                                metrics.section_programs(dataset, section))


def headline_metrics(dataset: Dataset) -> dict[str, tuple[str, ...]]:
    """The overview's headline figures (page_items.csv): page key -> its metrics, pages in menu order."""
    items = dataset.page_items[dataset.page_items["item"] == "headline"].sort_values("position", kind="stable")
    by_page = {page_key: tuple(rows["ref"]) for page_key, rows in items.groupby("page", sort=False)}
    return {page.key: by_page[page.key] for page in PAGE_BY_SECTION.values() if page.key in by_page}


def related_programs(dataset: Dataset, page_key: str) -> pd.DataFrame:
    """The programmes page_items.csv lists as related to a page, in its order."""
    items = dataset.page_items[(dataset.page_items["page"] == page_key) & (dataset.page_items["item"] == "related_program")]
    order = list(items.sort_values("position", kind="stable")["ref"])
    programs = dataset.programs.set_index("program_id", drop=False)
    return programs.loc[[program_id for program_id in order if program_id in programs.index]].reset_index(drop=True)


def section_content(dataset: Dataset, section: int, chosen: SectionFilters) -> SectionContent:
    """Everything a section page shows for the chosen filters (see the module docstring for the rules)."""
    by_school_program = {"school": chosen.school, "program": chosen.program}
    facts = filters.filter_rows(metrics.section_facts(dataset, section), **by_school_program, level=chosen.level)
    projects = filters.filter_rows(section_projects(dataset, section), **by_school_program, level=chosen.level)
    links = filters.filter_rows(section_links(dataset, section), **by_school_program)
    honours = filters.filter_rows(metrics.section_rows(dataset, dataset.honours, section), **by_school_program)
    programs = filters.filter_rows(metrics.section_programs(dataset, section), program=chosen.program)
    related = related_programs(dataset, PAGE_BY_SECTION[section].key)
    if chosen.level:
        links, honours = links.iloc[0:0], honours.iloc[0:0]
    if chosen.school or chosen.level:
        programs, related = programs.iloc[0:0], related.iloc[0:0]
    points = dataset.program_points[dataset.program_points["program_id"].isin(programs["program_id"])]
    return SectionContent(facts=facts, programs=programs, points=points.sort_values(["program_id", "position"], kind="stable"),
                          related=related, links=links, projects=projects, honours=honours,
                          people=tables.section_people(dataset, honours))
