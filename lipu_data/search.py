"""One search over everything the app shows (no streamlit): figures, schools, programmes, terms and paragraphs, in
both languages whatever the reader's, each hit with the view that shows it; and names in links resolved to ids.

The index is plain rows built once per data version; a query is a substring match over each row's normalized text
(exact, so a figure's value or a report phrase is found as written), then, only when that finds little, a fuzzy
match of names (rapidfuzz) for typos ("vocatonal centre").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz, process

from lipu_data import metrics
from lipu_data.formatting import format_fact
from lipu_data.model import Dataset
from lipu_data.sitemap import PAGE_BY_SECTION

KINDS = ("figure", "school", "program", "term", "paragraph")
MAX_QUERY = 100  # characters of a query: a search is a few words (a longer one from a link is cut, the box takes no more)
FUZZY_MIN_SCORE = 80
_SPACE = re.compile(r"\s+")


def normalize(text: object) -> str:
    """Text as search compares it: case-folded, whitespace removed (the report spaces digits: "2023 年")."""
    return _SPACE.sub("", str(text or "")).casefold()


@dataclass(frozen=True)
class SearchIndex:
    """One row per thing a reader can find: kind, id, names (zh, en), the normalized text searched, and the view
    that shows it (page path and query parameters); and every name, case-folded, with its row, for typo matches."""

    rows: pd.DataFrame
    names: list[str]
    name_rows: list[int]


@dataclass(frozen=True)
class Hit:
    kind: str
    item_id: str
    name_zh: str
    name_en: str
    detail_zh: str
    detail_en: str
    url_path: str
    params: tuple[tuple[str, str], ...]
    score: float

    def name(self, lang: str) -> str:
        return (self.name_zh if lang == "zh" else self.name_en) or self.name_zh or self.name_en

    def detail(self, lang: str) -> str:
        return (self.detail_zh if lang == "zh" else self.detail_en) or self.detail_zh


def build_index(dataset: Dataset) -> SearchIndex:
    """Every figure (labels, values as both languages write them, quote), school (names, aliases), programme
    (names, summaries), glossary term (forms, renderings, definitions) and paragraph of the newest report (text and
    its English translation), with the view that shows each."""
    rows = []
    for _, fact in metrics.latest_by_metric(dataset.facts).iterrows():
        values = [format_fact(fact, dataset.unit_formats, lang) for lang in ("zh", "en")]
        params = (("program", fact["program_id"]),) if isinstance(fact["program_id"], str) and fact["program_id"] else ()
        rows.append(("figure", fact["fact_id"], fact["label_zh"], fact["label_en"] or "", values[0], values[1],
                     PAGE_BY_SECTION[int(fact["section"])].url_path if int(fact["section"]) in PAGE_BY_SECTION else "", params,
                     " ".join([fact["label_zh"], fact["label_en"] or "", *values, str(fact["quote"] or "")]),
                     [fact["label_zh"], fact["label_en"] or ""]))
    for _, school in dataset.schools.iterrows():
        aliases = [a.strip() for a in str(school["aliases_zh"] or "").split(";") if a.strip()]
        names = [school["name_zh"], school["name_en"] or "", *aliases]
        rows.append(("school", school["school_id"], school["name_zh"], school["name_en"] or "", "、".join(aliases),
                     "; ".join(aliases), "explorer", (("school", school["school_id"]),), " ".join(names), names))
    for _, program in dataset.programs.iterrows():
        names = [program["name_zh"], program["name_en"] or ""]
        rows.append(("program", program["program_id"], program["name_zh"], program["name_en"] or "",
                     program["summary_zh"] or "", program["summary_en"] or "", "explorer",
                     (("program", program["program_id"]),),
                     " ".join([*names, program["summary_zh"] or "", program["summary_en"] or ""]), names))
    for _, term in dataset.terms.iterrows():
        forms = [term["term_zh"], *(form.strip() for form in str(term["forms_zh"] or "").split(";") if form.strip())]
        english = [term["term_en"], *(form.strip() for form in str(term["variants_en"] or "").split(";") if form.strip())]
        rows.append(("term", term["term_id"], term["term_zh"], term["term_en"], term["definition_zh"],
                     term["definition_en"], "sources", (("term", term["term_id"]),),
                     " ".join([*forms, *english, term["definition_zh"], term["definition_en"]]), [*forms, *english]))
    translations = dict(zip(dataset.paragraph_translations["paragraph_id"], dataset.paragraph_translations["text_en"]))
    year = metrics.latest_report_year(dataset)
    for _, paragraph in dataset.paragraphs[dataset.paragraphs["year"] == year].iterrows():
        text = str(paragraph["text"])
        translation = str(translations.get(paragraph["paragraph_id"], "") or "")
        rows.append(("paragraph", paragraph["paragraph_id"], f"¶{paragraph['paragraph_id']}", f"¶{paragraph['paragraph_id']}",
                     text, translation or text, "sources", (("para", paragraph["paragraph_id"]),),
                     " ".join([text, translation]), []))
    frame = pd.DataFrame(rows, columns=["kind", "item_id", "name_zh", "name_en", "detail_zh", "detail_en", "url_path",
                                        "params", "text", "names"])
    frame["key"] = frame["text"].map(normalize)
    # Names keep their spaces for typo matches: WRatio compares words, which a typo leaves mostly intact.
    pairs = [(str(name).casefold(), position) for position, names in enumerate(frame["names"]) for name in names if name]
    return SearchIndex(frame, [name for name, _ in pairs], [position for _, position in pairs])


def _hit(row, score: float) -> Hit:
    return Hit(row.kind, row.item_id, row.name_zh, row.name_en, row.detail_zh, row.detail_en, row.url_path,
               tuple(row.params), score)


def search(index: SearchIndex, query: str, limit: int = 50) -> list[Hit]:
    """What a query finds, best first: names that equal it, then names that contain it, then any text that
    contains it (figures before schools, programmes and paragraphs); fuzzy name matches when exact ones are few."""
    wanted = normalize(query[:MAX_QUERY])
    if not wanted:
        return []
    rows = index.rows
    found: dict[tuple[str, str], Hit] = {}
    kind_rank = {kind: position for position, kind in enumerate(KINDS)}
    for row in rows[rows["key"].str.contains(wanted, regex=False)].itertuples():
        names = [normalize(name) for name in row.names]
        score = 300 if wanted in names else 200 if any(wanted in name for name in names) else 100
        found[(row.kind, row.item_id)] = _hit(row, score - kind_rank[row.kind])
    if len(found) < 3 and len(wanted) >= 2:
        typed = query[:MAX_QUERY].casefold().strip()
        for name, score, position in process.extract(typed, index.names, scorer=fuzz.WRatio, limit=10,
                                                     score_cutoff=FUZZY_MIN_SCORE):
            row = next(rows.iloc[[index.name_rows[position]]].itertuples())
            if (row.kind, row.item_id) not in found:
                # Below every exact hit (at least 97); among typo matches the closer spelling first.
                found[(row.kind, row.item_id)] = _hit(row, score / 2 + fuzz.ratio(typed, name) / 1000)
    return sorted(found.values(), key=lambda hit: (-hit.score, kind_rank[hit.kind]))[:limit]


def resolve_name(dataset: Dataset, param: str, value: str) -> list[str]:
    """The ids a name in a link may mean: a school, programme or level given by its Chinese or English name or
    (schools) an alias, compared case- and space-insensitively. One id: resolve it; several: let the reader
    choose; none: unknown."""
    wanted = normalize(value)
    if not wanted:
        return []
    table, id_column = {"school": (dataset.schools, "school_id"), "program": (dataset.programs, "program_id"),
                        "level": (dataset.levels, "level_id")}[param]
    matches = []
    for _, row in table.iterrows():
        names = [row["name_zh"], row["name_en"]]
        if param == "school":
            names += [a for a in str(row["aliases_zh"] or "").split(";")]
        if wanted in {normalize(name) for name in names if isinstance(name, str) and name.strip()}:
            matches.append(row[id_column])
    return matches


__all__ = ["Hit", "KINDS", "MAX_QUERY", "SearchIndex", "build_index", "normalize", "resolve_name", "search"]
