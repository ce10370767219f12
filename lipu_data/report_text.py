"""The report's text and terms: paragraph search, translations, marked quotes, headings and the glossary (no streamlit)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from lipu_data.i18n import pick
from lipu_data.markdown import escape_markdown
from lipu_data.model import Dataset


_WHITESPACE = re.compile(r"\s+")


def term_forms(terms: pd.DataFrame) -> dict[str, list[str]]:
    """Term id -> its Chinese forms (the report's form first), as labels and paragraphs may write it."""
    forms = {}
    for term_id, term_zh, others in zip(terms["term_id"], terms["term_zh"], terms["forms_zh"]):
        extra = [form.strip() for form in others.split(";") if form.strip()] if isinstance(others, str) else []
        forms[term_id] = [term_zh, *extra]
    return forms


def terms_used(text: str, terms: pd.DataFrame) -> list[str]:
    """The ids of the terms a Chinese text uses (whitespace aside), in table order."""
    compact = _WHITESPACE.sub("", str(text))
    return [term_id for term_id, forms in term_forms(terms).items()
            if any(_WHITESPACE.sub("", form) in compact for form in forms)]


def search_key(text: str) -> str:
    """Text as search compares it: case-folded, all whitespace removed (the report spaces digits)."""
    return _WHITESPACE.sub("", str(text)).casefold()


def search_paragraphs(paragraphs: pd.DataFrame, query: str, translations: pd.DataFrame | None = None,
                      terms: pd.DataFrame | None = None) -> pd.DataFrame:
    """Paragraphs matching the query (case- and whitespace-insensitive) in either language: in their text,
    in their English translation, or through a glossary term (its Chinese forms, English rendering or a
    variant) whose paragraphs they are. All paragraphs for an empty query."""
    wanted = search_key(query or "")
    if not wanted:
        return paragraphs
    english = dict(zip(translations["paragraph_id"], translations["text_en"])) if translations is not None else {}
    via_terms: set[str] = set()
    if terms is not None:
        for row in terms.itertuples():
            words = [row.term_zh, row.forms_zh, row.term_en, row.variants_en]
            if any(isinstance(word, str) and wanted in search_key(word) for word in words):
                via_terms.update(part for part in str(row.paragraph_ids).split(";") if part)
    return paragraphs[[wanted in search_key(text) or wanted in search_key(english.get(pid, "")) or pid in via_terms
                       for pid, text in zip(paragraphs["paragraph_id"], paragraphs["text"])]]


@dataclass(frozen=True)
class GlossaryEntry:
    """One term as a reader sees it: the report's word, its English rendering, the definition in the
    reader's language, and the paragraphs that use it."""

    term_id: str
    term_zh: str
    term_en: str
    definition: str
    paragraph_ids: tuple[str, ...]


def glossary(terms: pd.DataFrame, lang: str, term_ids: list[str] | None = None) -> list[GlossaryEntry]:
    """The glossary (all terms, or the given ids in that order) in the reader's language."""
    by_id = {row["term_id"]: row for _, row in terms.iterrows()}
    chosen = list(by_id) if term_ids is None else [term_id for term_id in term_ids if term_id in by_id]
    return [GlossaryEntry(term_id, by_id[term_id]["term_zh"], by_id[term_id]["term_en"],
                          pick(by_id[term_id], "definition", lang),
                          tuple(part for part in str(by_id[term_id]["paragraph_ids"]).split(";") if part))
            for term_id in chosen]


def search_glossary(entries: list[GlossaryEntry], terms: pd.DataFrame, query: str) -> list[GlossaryEntry]:
    """Glossary entries whose Chinese or English forms or definitions contain the query (both languages)."""
    wanted = search_key(query or "")
    if not wanted:
        return entries
    rows = {row.term_id: row for row in terms.itertuples()}
    def matches(entry: GlossaryEntry) -> bool:
        row = rows[entry.term_id]
        words = (row.term_zh, row.forms_zh, row.term_en, row.variants_en, row.definition_zh, row.definition_en)
        return any(isinstance(word, str) and wanted in search_key(word) for word in words)
    return [entry for entry in entries if matches(entry)]


def glossary_link(term_id: str, lang: str) -> str:
    """The relative link that opens a term in the glossary on /sources."""
    return f"sources?{urlencode({'lang': lang, 'term': term_id})}"


def terms_markdown(text_zh: str, terms: pd.DataFrame | None, lang: str) -> str:
    """Markdown defining the terms a Chinese text uses, one line each, linked to the glossary (escaped);
    empty when it uses none."""
    if terms is None or terms.empty:
        return ""
    lines = []
    for entry in glossary(terms, lang, terms_used(text_zh, terms)):
        name = entry.term_zh if lang == "zh" else f"{entry.term_en} ({entry.term_zh})"
        lines.append(f"[{escape_markdown(name)}]({glossary_link(entry.term_id, lang)}): {escape_markdown(entry.definition)}")
    return "  \n".join(lines)


def paragraph_translations(dataset: Dataset) -> dict[str, str]:
    """Paragraph id -> its unofficial English translation."""
    table = dataset.paragraph_translations
    return dict(zip(table["paragraph_id"], table["text_en"]))


def paragraph_quotes(dataset: Dataset) -> dict[str, list[str]]:
    """The quotes of stated facts, per paragraph (what the report text marks as figures)."""
    stated = dataset.facts[dataset.facts["kind"] == "stated"]
    quotes: dict[str, list[str]] = {}
    for pid, quote in zip(stated["paragraph_id"], stated["quote"]):
        if isinstance(quote, str) and quote:
            quotes.setdefault(pid, []).append(quote)
    return quotes


def paragraph_location(dataset: Dataset, paragraph_id: str) -> list[str]:
    """The headings a paragraph stands under: its section's, then its subsection's (if any)."""
    paragraphs = dataset.paragraphs
    row = paragraphs.set_index("paragraph_id").loc[paragraph_id]
    same_year = paragraphs[(paragraphs["year"] == row["year"]) & (paragraphs["role"] == "heading")
                           & (paragraphs["section"] == row["section"])]
    headings = []
    for subsection in (0, row["subsection"]) if row["subsection"] else (0,):
        found = same_year[same_year["subsection"] == subsection]
        if not found.empty and found.iloc[0]["paragraph_id"] != paragraph_id:
            headings.append(found.iloc[0]["text"])
    return headings
