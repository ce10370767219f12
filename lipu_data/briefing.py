"""Print-ready briefings (no streamlit): a section, a school or programme fact sheet, or the whole report, as a PDF.

The content is built here from the data as plain JSON (every text a string, never markup), charts are rendered
to SVG by vl-convert (Vega-Lite without a browser), and Typst typesets the PDF from the template
`templates/briefing.typ`, which reads the JSON and places each string as literal text. Why these tools:
docs/briefings.md.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd

from lipu_data import metrics, profiles, provenance, tables
from lipu_data.derive import formula_inputs
from lipu_data.filters import mentions
from lipu_data.formatting import format_fact, format_period
from lipu_data.i18n import LANGUAGES, localized_names, pick, t
from lipu_data.model import Dataset
from lipu_data.section_charts import SectionFilters, prepare_chart, section_chart_plans
from lipu_data.section_content import section_content
from lipu_data.sitemap import PAGE_BY_KEY, PAGE_BY_SECTION, view_link

TEMPLATE = Path(__file__).with_name("templates") / "briefing.typ"
DEFAULT_BASE_URL = "http://localhost:8501"
# A4 at Typst's text width is about 16 cm; charts are drawn this wide in px and scaled to it.
CHART_WIDTH = 640
# China Standard Time: when a briefing was made, as its readers tell the time.
READERS_TIME = timezone(timedelta(hours=8), "UTC+8")


class BriefingRequestError(ValueError):
    """A briefing asked for something the data does not have (an unknown section, school, programme or level)."""


class BriefingError(RuntimeError):
    """A briefing could not be built (a missing font, a renderer error): the reason, for a reader."""


@dataclass(frozen=True)
class BriefingRequest:
    """Which briefing: `scope` is "section" (with `section` 1-7), "explorer" (a school and/or programme) or
    "report" (the whole report); filters are ids as in the URL; `base_url` is the live app's public address."""

    scope: str
    lang: str = "zh"
    section: int | None = None
    school: str | None = None
    program: str | None = None
    level: str | None = None
    base_url: str = DEFAULT_BASE_URL

    @property
    def page_key(self) -> str:
        if self.scope == "section":
            return PAGE_BY_SECTION[self.section].key
        return "explorer" if self.scope == "explorer" else "overview"

    @property
    def filters(self) -> SectionFilters:
        return SectionFilters(self.school, self.program, self.level)

    def link(self) -> str:
        """The live view this briefing shows, as the share box prints it."""
        page = PAGE_BY_KEY[self.page_key]
        params = {"lang": self.lang, "school": self.school, "program": self.program, "level": self.level}
        return view_link(self.base_url, page.url_path, {name: params[name] for name in ("lang", *page.filters)})

    def file_name(self, year: int) -> str:
        """A file name that says what the briefing of the `year` report holds (ids only: ASCII, safe everywhere)."""
        parts = [f"lipu-{year}", self.page_key if self.scope != "report" else "report",
                 *(value for value in (self.school, self.program, self.level) if value), self.lang]
        return "-".join(parts) + ".pdf"


def check_request(dataset: Dataset, request: BriefingRequest) -> None:
    """Raise BriefingRequestError naming what is unknown; filters a page does not have are refused too."""
    if request.lang not in LANGUAGES:
        raise BriefingRequestError(f"unknown language {request.lang!r} (use zh or en)")
    if request.scope == "section":
        if request.section not in PAGE_BY_SECTION:
            raise BriefingRequestError(f"unknown section {request.section!r} (use 1-7)")
    elif request.scope == "explorer":
        if not (request.school or request.program):
            raise BriefingRequestError("a fact sheet needs --school or --program")
    elif request.scope != "report":
        raise BriefingRequestError(f"unknown scope {request.scope!r}")
    known = {"school": set(dataset.schools["school_id"]), "program": set(dataset.programs["program_id"]),
             "level": set(dataset.levels["level_id"])}
    allowed = PAGE_BY_KEY[request.page_key].filters if request.scope != "report" else ()
    for param in ("school", "program", "level"):
        value = getattr(request, param)
        if value is None:
            continue
        if param not in allowed:
            raise BriefingRequestError(f"--{param} does not apply to {request.scope if request.scope != 'section' else f'section {request.section}'}")
        if value not in known[param]:
            raise BriefingRequestError(f"unknown {param} id {value!r}")


class _Document:
    """The briefing's content as JSON blocks for the template, with its chart files and endnotes."""

    def __init__(self, dataset: Dataset, lang: str):
        self.dataset = dataset
        self.lang = lang
        self.blocks: list[dict] = []
        self.charts: dict[str, dict] = {}  # file name -> Vega-Lite spec
        self.figure_count = 0
        self.endnotes: list[dict] = []

    def add(self, kind: str, **fields) -> None:
        self.blocks.append({"type": kind, **fields})

    def heading(self, text: str, level: int = 1, outlined: bool = True) -> None:
        self.add("heading", text=text, level=level, outlined=outlined)

    def chart(self, spec: dict, title: str, summary: str, paragraphs: list[str]) -> None:
        self.figure_count += 1
        name = f"chart-{self.figure_count}.svg"
        self.charts[name] = spec
        source = t("chart_source", self.lang, paragraphs=", ".join(dict.fromkeys(paragraphs)),
                   **metrics.report_words(self.dataset, self.lang))
        self.add("chart", file=name, label=t("briefing_chart_n", self.lang, n=self.figure_count), title=title,
                 caption=summary, source=source)

    def table(self, header: list[str], rows: list[list[str]], widths: list[float]) -> None:
        self.add("table", header=header, rows=[[str(cell) for cell in row] for row in rows], widths=widths)

    def figures(self, facts: pd.DataFrame) -> None:
        """The figures with value, qualifier, kind and period, each with an endnote giving its source."""
        lang = self.lang
        rows = []
        for _, row in facts.iterrows():
            self.endnotes.append(self._endnote(row))
            rows.append([f"[{len(self.endnotes)}]", pick(row, "label", lang),
                         format_fact(row, self.dataset.unit_formats, lang),
                         t(f"qualifier_{row['qualifier']}", lang), provenance.kind_text(row, lang),
                         format_period(row["period"], lang)])
        self.table([t("briefing_note_ref", lang), t("label", lang), t("value", lang), t("qualifier", lang),
                    t("kind", lang), t("period", lang)], rows, [0.9, 4, 2.2, 1.6, 1.2, 1.4])

    def _endnote(self, row: pd.Series) -> dict:
        lang = self.lang
        if row["kind"] == "stated":
            return {"para": row["paragraph_id"], "text": f"“{row['quote']}”"}
        # The formula as a reader reads it: the figures' names, not their ids (as on the figure cards).
        names = formula_inputs(row["formula"])
        facts = self.dataset.facts.drop_duplicates("fact_id").set_index("fact_id")
        labels = {name: pick(facts.loc[name], "label", lang) for name in names if name in facts.index}
        inputs = [f"{labels[name]} = {format_fact(facts.loc[name], self.dataset.unit_formats, lang)}"
                  for name in names if name in labels]
        text = f"{t('formula', lang)}: {provenance.formula_text(row['formula'], labels)}"
        if inputs:
            text += f"; {t('inputs', lang)}: " + "; ".join(inputs)
        return {"para": row["paragraph_id"], "text": text}

    def flush_endnotes(self) -> None:
        """The sources of the figures listed since the last flush, as numbered notes."""
        if self.endnotes:
            start = sum(len(block["items"]) for block in self.blocks if block["type"] == "endnotes") + 1
            self.heading(t("briefing_sources", self.lang), level=2, outlined=False)
            self.add("endnotes", start=start, items=self.endnotes)
            self.endnotes = []

    def notes(self, notes: pd.DataFrame) -> None:
        if notes.empty:
            return
        self.heading(t("data_notes", self.lang), level=2, outlined=False)
        frame = tables.notes_frame(self.dataset, self.lang, notes)
        self.add("list", items=[f"{t(f'topic_{row.topic}', self.lang)}: {row.text}"
                                + (f" (¶{row.paragraph_id})" if row.paragraph_id else "") for row in frame.itertuples()])


def _filters_in_words(request: BriefingRequest, dataset: Dataset) -> str:
    return filters_in_words(dataset, request.page_key, request.lang,
                            {"school": request.school, "program": request.program, "level": request.level})


def filters_in_words(dataset: Dataset, page_key: str, lang: str, chosen: dict[str, str | None]) -> str:
    """A page's filters as a reader says them: '学校：荔浦中学；项目：全部' (ids as in the URL)."""
    names = {"school": localized_names(dataset.schools, "school_id", lang),
             "program": localized_names(dataset.programs, "program_id", lang),
             "level": localized_names(dataset.levels, "level_id", lang)}
    separator = "；" if lang == "zh" else "; "
    colon = "：" if lang == "zh" else ": "
    parts = [f"{t(f'filter_{param}', lang)}{colon}{names[param].get(chosen.get(param) or '', t('filter_all', lang))}"
             for param in PAGE_BY_KEY[page_key].filters]
    return separator.join(parts) if parts else t("briefing_no_filters", lang)


def _meta(doc: _Document, request: BriefingRequest, generated: datetime, *, with_filters: bool = True) -> None:
    lang, dataset = request.lang, doc.dataset
    report = dataset.reports.iloc[0]
    rows = [[t("briefing_report", lang), f"{pick(report, 'title', lang)} · {pick(report, 'publisher', lang)}"]]
    if request.scope == "section":
        heading = _section_heading(dataset, request.section)
        if heading:
            rows.append([t("section_n", lang, n=request.section), heading])
    if with_filters:
        rows.append([t("briefing_filters", lang), _filters_in_words(request, dataset)])
    rows.append([t("briefing_generated", lang), generated.strftime("%Y-%m-%d %H:%M") + " (UTC+8)"])
    rows.append([t("briefing_link", lang), request.link()])
    doc.add("meta", rows=rows)


def _section_heading(dataset: Dataset, section: int) -> str:
    """The report's own heading of a section (newest report)."""
    paragraphs = dataset.paragraphs
    found = paragraphs[(paragraphs["year"] == metrics.latest_report_year(dataset)) & (paragraphs["section"] == section)
                       & (paragraphs["subsection"] == 0) & (paragraphs["role"] == "heading")]
    return str(found.iloc[0]["text"]) if not found.empty else ""


def _section_body(doc: _Document, request: BriefingRequest, section: int) -> None:
    """Everything a section page shows for the filters: charts, figures, measures, schools, honours, notes."""
    lang, dataset, chosen = request.lang, doc.dataset, request.filters
    content = section_content(dataset, section, chosen)  # what the page shows for these filters, row for row
    facts, programs, links, projects, honours = (content.facts, content.programs, content.links, content.projects,
                                                 content.honours)
    plans = section_chart_plans(dataset, section, chosen, lang)
    if facts.empty and not plans and not content.has_more_than_figures():
        doc.add("notice", text=t("briefing_nothing", lang))
        return
    if plans:
        doc.heading(t("charts", lang), level=2, outlined=False)
        for plan in plans:
            chart = prepare_chart(plan, lang, units=dataset.unit_formats)
            if chart is not None:
                doc.chart(chart.spec, chart.title, chart.summary, chart.paragraphs)
    if not facts.empty:
        doc.heading(t("key_figures", lang), level=2, outlined=False)
        doc.figures(facts)
    for heading, listed in ((t("measures", lang), programs), (t("related_measures", lang), content.related)):
        if not listed.empty:
            doc.heading(heading, level=2, outlined=False)
            doc.table([t("label", lang), t("briefing_summary", lang), "¶"],
                      [[pick(row, "name", lang), pick(row, "summary", lang), row["paragraph_id"]] for _, row in listed.iterrows()],
                      [2, 5, 1.4])
    if not content.points.empty:
        names = dict(zip(programs["program_id"], (pick(row, "name", lang) for _, row in programs.iterrows())))
        doc.table([t("measures", lang), t("label", lang), "¶"],
                  [[names.get(row["program_id"], ""), pick(row, "text", lang), row["paragraph_id"]]
                   for _, row in content.points.iterrows()], [2, 5, 1.4])
    if not links.empty:
        doc.heading(t("briefing_named_schools", lang), level=2, outlined=False)
        frame = tables.school_links_frame(dataset, links, lang)
        doc.table([t("filter_school", lang), t("role", lang), "¶"],
                  [[row.school, row.role, row.paragraph_id] for row in frame.itertuples()], [2, 4, 1.4])
    if not projects.empty:
        doc.heading(t("projects", lang), level=2, outlined=False)
        frame = tables.projects_frame(dataset, projects, lang)
        doc.table([t("projects", lang), t("township", lang), t("kind", lang), t("status", lang), "¶"],
                  [[row.name, row.township, row.kind_text, row.status_text, row.paragraph_id] for row in frame.itertuples()],
                  [4, 1.6, 1.4, 1.2, 1.4])
    if not honours.empty:
        doc.heading(t("honours", lang), level=2, outlined=False)
        doc.table([t("recipient", lang), t("honour", lang), t("scope", lang), "¶"],
                  [[pick(row, "recipient", lang), pick(row, "honour", lang), t(f"scope_{row['scope']}", lang),
                    row["paragraph_id"]] for _, row in honours.iterrows()], [2, 4, 1.2, 1.4])
    doc.flush_endnotes()
    cited = set(facts["paragraph_id"])
    notes = dataset.notes[dataset.notes["fact_id"].isin(set(facts["fact_id"]))
                          | (dataset.notes["paragraph_id"].isin(cited) & dataset.notes["fact_id"].isna())]
    doc.notes(notes)


def _explorer_body(doc: _Document, request: BriefingRequest) -> None:
    """A school's or programme's fact sheet: who or what it is, then everything the report says about it."""
    lang, dataset = request.lang, doc.dataset
    found = mentions(dataset, school=request.school, program=request.program)
    both = bool(request.school and request.program)
    paragraph_ids = profiles.intersection_paragraphs(dataset, found) if both else found.paragraph_ids
    if request.school:
        profile = profiles.school_profile(dataset, request.school, lang)
        rows = [[t("name_zh", lang), profile["name_zh"]],
                [t("english_name", lang), profile["name_en"] + ("" if profile["name_en_official"]
                                                                  else f" ({t('unofficial_name', lang)})")],
                [t("level", lang), profile["level"]],
                [t("township", lang), profile["township"] or t("township_unknown", lang)]]
        if profile["aliases"]:
            rows.append([t("aliases", lang), "、".join(profile["aliases"])])
        doc.add("meta", rows=rows)
    if request.program:
        profile = profiles.program_profile(dataset, request.program, lang)
        doc.add("meta", rows=[[t("name_zh", lang), profile["name_zh"]], [t("name_en", lang), profile["name_en"]],
                              [t("section_n", lang, n=profile["section"]), profile["summary"]]])
    if not paragraph_ids:
        doc.add("notice", text=t("briefing_nothing", lang))
        return
    if not found.facts.empty:
        doc.heading(t("key_figures", lang), level=2, outlined=False)
        doc.figures(found.facts)
    if not found.projects.empty:
        doc.heading(t("projects", lang), level=2, outlined=False)
        frame = tables.projects_frame(dataset, found.projects, lang)
        doc.table([t("projects", lang), t("township", lang), t("status", lang), "¶"],
                  [[row.name, row.township, row.status_text, row.paragraph_id] for row in frame.itertuples()],
                  [4, 1.6, 1.2, 1.4])
    if not found.honours.empty:
        doc.heading(t("honours", lang), level=2, outlined=False)
        doc.table([t("recipient", lang), t("honour", lang), "¶"],
                  [[pick(row, "recipient", lang), pick(row, "honour", lang), row["paragraph_id"]]
                   for _, row in found.honours.iterrows()], [2, 4, 1.4])
    if not found.events.empty:
        doc.heading(t("events", lang), level=2, outlined=False)
        frame = tables.timeline_frame(found.events, lang)
        doc.table([t("date", lang), t("events", lang), "¶"],
                  [[row.date_full, row.title, row.paragraph_id] for row in frame.itertuples()], [1.6, 4, 1.4])
    if not found.school_programs.empty:
        doc.heading(t("role", lang), level=2, outlined=False)
        frame = tables.school_links_frame(dataset, found.school_programs, lang)
        programs = localized_names(dataset.programs, "program_id", lang)
        doc.table([t("filter_school", lang), t("filter_program", lang), t("role", lang), "¶"],
                  [[row.school, programs.get(program, program), row.role, row.paragraph_id]
                   for row, program in zip(frame.itertuples(), found.school_programs["program_id"])], [2, 2, 3, 1.4])
    doc.flush_endnotes()
    if not both:
        doc.notes(found.notes)
    doc.heading(t("source_sentences", lang), level=2, outlined=False)
    texts = dataset.paragraphs.set_index("paragraph_id")["text"]
    doc.add("source_text", items=[{"id": pid, "text": texts[pid], "heading": False} for pid in paragraph_ids])


def _report_body(doc: _Document, request: BriefingRequest) -> None:
    """The whole report: the seven sections, the schools and programmes, the data notes and the full text."""
    lang, dataset = request.lang, doc.dataset
    for section, page in sorted(PAGE_BY_SECTION.items()):
        doc.add("pagebreak")
        doc.heading(t(f"page_{page.key}", lang))
        heading = _section_heading(dataset, section)
        if heading:
            doc.add("paragraph", text=heading)
        _section_body(doc, BriefingRequest("section", lang, section, base_url=request.base_url), section)
    doc.add("pagebreak")
    doc.heading(t("schools", lang))
    schools = profiles.school_directory(dataset, lang)
    doc.table([t("name_zh", lang), t("name_en", lang), t("level", lang), t("township", lang), t("paragraph_count", lang)],
              [[row.name_zh, row.name_en, row.level, row.township, row.mentions] for row in schools.itertuples()],
              [2.4, 3, 1.4, 1.4, 1])
    doc.heading(t("programs", lang))
    programs = profiles.program_directory(dataset, lang)
    doc.table([t("name_zh", lang), t("name_en", lang), t("section", lang), t("paragraph_count", lang)],
              [[row.name_zh, row.name_en, row.section, row.mentions] for row in programs.itertuples()], [3, 4, 1, 1])
    doc.add("pagebreak")
    doc.heading(t("data_notes", lang))
    frame = tables.notes_frame(dataset, lang)
    doc.add("list", items=[f"{t(f'topic_{row.topic}', lang)}: {row.text}" + (f" (¶{row.paragraph_id})" if row.paragraph_id else "")
                           for row in frame.itertuples()])
    doc.add("pagebreak")
    doc.heading(t("report_text", lang))
    year = metrics.latest_report_year(dataset)
    paragraphs = dataset.paragraphs[dataset.paragraphs["year"] == year]
    doc.add("source_text", items=[{"id": row.paragraph_id, "text": row.text, "heading": row.role == "heading"}
                                  for row in paragraphs.itertuples()])


def briefing_document(dataset: Dataset, request: BriefingRequest, generated: datetime | None = None) -> tuple[dict, dict[str, dict]]:
    """The briefing's content (JSON for the template) and its charts (file name -> Vega-Lite spec)."""
    check_request(dataset, request)
    generated = (generated or datetime.now(READERS_TIME)).astimezone(READERS_TIME)
    lang = request.lang
    doc = _Document(dataset, lang)
    report = dataset.reports.iloc[0]
    if request.scope == "report":
        title = pick(report, "title", lang)
        cover = {"title": title, "subtitle": t("briefing_report_subtitle", lang),
                 "publisher": pick(report, "publisher", lang),
                 "generated": generated.strftime("%Y-%m-%d %H:%M") + " (UTC+8)"}
        _report_body(doc, request)
    else:
        cover = None
        if request.scope == "section":
            title = t(f"page_{request.page_key}", lang)
        else:
            names = [localized_names(table, column, lang)[value] for table, column, value in
                     ((dataset.schools, "school_id", request.school), (dataset.programs, "program_id", request.program)) if value]
            title = " · ".join(names)
        doc.heading(title)
        _meta(doc, request, generated)
        if request.scope == "section":
            _section_body(doc, request, request.section)
        else:
            _explorer_body(doc, request)
    content = {
        "lang": lang,
        "title": title,
        "header": t("app_title", lang, **metrics.report_words(dataset, lang)),
        "cover": cover,
        "outline": request.scope == "report",
        "strings": {"contents": t("briefing_contents", lang), "live_view": t("briefing_live_view", lang),
                    "print_note": t("briefing_made_by", lang)},
        "blocks": doc.blocks,
        "link": request.link(),
    }
    return content, doc.charts


def chart_svg(spec: dict, width: int = CHART_WIDTH) -> str:
    """A chart's Vega-Lite spec drawn as SVG, `width` px wide (a page's charts fill their container instead)."""
    import vl_convert

    # The PDF prints the title above the picture, with its number; the chart's own would say it twice.
    return vl_convert.vegalite_to_svg({**{key: value for key, value in spec.items() if key != "title"}, "width": width})


# A chart image is drawn this wide (px), its explanation wrapped to fit, and doubled in PNG for sharp screens.
IMAGE_WIDTH = 720
IMAGE_SCALE = 2


def explained_chart(spec: dict, *, title: str, filters: str, source: str, link: str) -> dict:
    """A chart's spec that carries its own explanation inside the picture: the title, then the filters applied,
    the source line (report and paragraphs) and the link to the live view, as lines under the title. A picture
    forwarded alone in a chat group still says what it shows and where it comes from."""
    from lipu_data.chart_fit import TITLE_TEXT, TextSize, wrap_text

    small = TextSize(12, 7)
    subtitle = [line for text in (filters, source, link) for line in wrap_text(text, IMAGE_WIDTH - 40, small)]
    explained = {key: value for key, value in spec.items() if key != "title"}
    explained["title"] = {"text": wrap_text(title, IMAGE_WIDTH - 40, TITLE_TEXT), "subtitle": subtitle,
                          "subtitleFontSize": 12, "subtitleColor": "#444444", "subtitlePadding": 6,
                          "anchor": "start", "offset": 12}
    explained["width"] = IMAGE_WIDTH
    explained["padding"] = 16  # a picture, unlike a page's chart, has no margin around it
    return explained


def chart_image(spec: dict, image_format: str) -> bytes:
    """An explained chart (see `explained_chart`) as PNG or SVG bytes; BriefingError if it cannot be drawn."""
    import vl_convert

    try:
        if image_format == "png":
            return vl_convert.vegalite_to_png(spec, scale=IMAGE_SCALE)
        return vl_convert.vegalite_to_svg(spec).encode("utf-8")
    except Exception as error:  # vl-convert reports a bad spec as a plain exception
        raise BriefingError(f"chart renderer failed: {error}") from error


# Any typesetter warning about fonts ("unknown font family", "no font could be found", …) means glyphs would be
# missing or substituted: the briefing is refused rather than printed with empty boxes.
_FONT_WARNING = re.compile(r"font", re.IGNORECASE)


def typeset(content: dict, charts: dict[str, dict]) -> bytes:
    """The PDF of a briefing's content: charts to SVG, a QR code of the link, Typst over the template."""
    import segno
    import typst

    with tempfile.TemporaryDirectory(prefix="lipu-briefing-") as folder:
        work = Path(folder)
        (work / "briefing.typ").write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
        (work / "data.json").write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        try:
            for name, spec in charts.items():
                (work / name).write_text(chart_svg(spec), encoding="utf-8")
        except Exception as error:  # vl-convert reports a bad spec as a plain exception
            raise BriefingError(f"chart renderer failed: {error}") from error
        segno.make(content["link"], error="m").save(work / "qr.png", kind="png", scale=6, border=2)
        try:
            pdf, warnings = typst.compile_with_warnings(str(work / "briefing.typ"), root=str(work))
        except typst.TypstError as error:
            raise BriefingError(f"typesetting failed: {error.message if hasattr(error, 'message') else error}") from error
        missing = [str(warning.message) for warning in warnings if _FONT_WARNING.search(str(warning.message))]
        if missing:
            raise BriefingError("font missing: " + "; ".join(missing) + " (install fonts-noto-cjk)")
        return pdf


def build_briefing(dataset: Dataset, request: BriefingRequest, generated: datetime | None = None) -> bytes:
    """The briefing PDF's bytes; BriefingRequestError for an unknown id, BriefingError when it cannot be built."""
    content, charts = briefing_document(dataset, request, generated)
    return typeset(content, charts)
