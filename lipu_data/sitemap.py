"""The app's pages: their public URL paths, script files and report sections, in menu order."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageInfo:
    """One page of the app. `url_path` is public (shared links use it) and must never change."""

    key: str
    script: str  # relative to the repository root
    url_path: str  # "" for the root
    section: int | None  # report section (1-7) the page presents, if any
    has_charts: bool  # draws a chart as it opens (the overview keeps its timeline chart behind an expander)


PAGES: tuple[PageInfo, ...] = (
    PageInfo("overview", "app.py", "", None, False),
    PageInfo("leadership", "pages/leadership.py", "leadership", 1, False),
    PageInfo("governance", "pages/governance.py", "governance", 2, True),
    PageInfo("levels", "pages/levels.py", "levels", 3, True),
    PageInfo("resources", "pages/resources.py", "resources", 4, True),
    PageInfo("teachers", "pages/teachers.py", "teachers", 5, True),
    PageInfo("safety", "pages/safety.py", "safety", 6, True),
    PageInfo("publicity", "pages/publicity.py", "publicity", 7, True),
    PageInfo("explorer", "pages/explorer.py", "explorer", None, False),
    PageInfo("sources", "pages/sources.py", "sources", None, False),
)

PAGE_BY_KEY = {page.key: page for page in PAGES}
