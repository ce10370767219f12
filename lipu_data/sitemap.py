"""The app's pages: their public URL paths, script files and report sections, in menu order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode


@dataclass(frozen=True)
class PageInfo:
    """One page of the app. `url_path` is public (shared links use it) and must never change."""

    key: str
    script: str  # relative to the repository root
    url_path: str  # "" for the root
    section: int | None  # report section (1-7) the page presents, if any
    has_charts: bool  # draws a chart as it opens (the overview keeps its timeline chart behind an expander)
    filters: tuple[str, ...] = ()  # the filter parameters the page offers, in its filter bar's order
    # A section page lists its measures open (a page that is mostly measures) or folded behind one expander
    # (a page of figures, whose measures are a click away and cost nothing until opened).
    measures_open: bool = False


PAGES: tuple[PageInfo, ...] = (
    PageInfo("overview", "app.py", "", None, False),
    PageInfo("search", "pages/search.py", "search", None, False),
    PageInfo("leadership", "pages/leadership.py", "leadership", 1, False, ("program",), measures_open=True),
    PageInfo("governance", "pages/governance.py", "governance", 2, True, ("school", "program"), measures_open=True),
    PageInfo("levels", "pages/levels.py", "levels", 3, True, ("school", "program", "level")),
    PageInfo("resources", "pages/resources.py", "resources", 4, True, ("school", "program", "level")),
    PageInfo("teachers", "pages/teachers.py", "teachers", 5, True, ("school", "program")),
    PageInfo("safety", "pages/safety.py", "safety", 6, True, ("program",), measures_open=True),
    PageInfo("publicity", "pages/publicity.py", "publicity", 7, True, ("school", "program")),
    PageInfo("explorer", "pages/explorer.py", "explorer", None, False, ("school", "program")),
    PageInfo("sources", "pages/sources.py", "sources", None, False),
)

PAGE_BY_KEY = {page.key: page for page in PAGES}
PAGE_BY_SECTION = {page.section: page for page in PAGES if page.section is not None}  # report section -> its page


def page_of_script(script_file: str) -> PageInfo:
    """The registry entry of a page script, found from its own `__file__`: a page never writes its key again."""
    path = Path(script_file).resolve()
    for page in PAGES:
        if path.parts[-len(Path(page.script).parts):] == Path(page.script).parts:
            return page
    raise KeyError(f"{script_file} is not a page of lipu_data/sitemap.py")


def view_link(base: str, url_path: str, params: dict[str, str | None]) -> str:
    """The public link of a view: base address, page path and the parameters in sorted order (empty ones
    dropped), as the share box and the PDF briefings print it."""
    query = urlencode({name: params[name] for name in sorted(params) if params[name]})
    path = f"{base.rstrip('/')}/{url_path}" if url_path else f"{base.rstrip('/')}/"
    return f"{path}?{query}" if query else path
