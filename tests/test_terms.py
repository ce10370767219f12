"""Terminology guards: where a text the app can show uses a term of the report, neither language says more
than the term means (上线 is not admission; 脱贫户、监测户 are not "poverty-registered")."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import lipu_data
from lipu_data import report_text
from lipu_data.i18n import STRINGS

ROOT = Path(__file__).resolve().parent.parent

# Per term: words that say something else, per language. A Chinese text using the term may not use the
# zh words; the English text beside it may not use the en words.
FORBIDDEN: dict[str, dict[str, tuple[str, ...]]] = {
    "cut_off": {"zh": ("录取",), "en": (r"\badmission", r"\badmitted\b", r"\bpass(es|ed|ing)?\b", r"\bpass rate")},
    "tier1": {"zh": ("重点",), "en": (r"\btop[- ]tier", r"\bfirst[- ]class")},
    "tuopinhu": {"zh": ("贫困户", "建档立卡"), "en": (r"poverty[- ]registered", r"registered poor", r"\bpoor households")},
    "jiancehu": {"zh": ("贫困户", "建档立卡"), "en": (r"poverty[- ]registered", r"registered poor", r"\bpoor households")},
    "demonstration_kindergarten": {"zh": ("模范园",), "en": (r"\bmodel kindergarten",)},
    "most_beautiful_teacher": {"zh": ("优秀教师奖",), "en": (r"\bbest teacher", r"\bmost outstanding teacher")},
    "region": {"zh": ("省级",), "en": (r"\bprovincial\b", r"\bprovince\b")},
    "person_times": {"zh": ("人数",), "en": (r"\bstudents aided\b(?! \()", r"\bnumber of students\b")},
    # 第一梯队 is a group, not a rank: the report gives Lipu's rate no position.
    "top_group": {"zh": ("第一名", "排名第一"), "en": (r"\bfirst place", r"\branked first", r"\bNo\. ?1\b", r"\btop of\b")},
}


def _pairs_from_data(dataset) -> list[tuple[str, str, str]]:
    """(where, zh, en) for every bilingual text of data/ the app shows."""
    columns = {"facts": ("fact_id", ("label", "note")), "programs": ("program_id", ("name", "summary")),
               "honours": ("honour_id", ("honour", "recipient")), "events": ("event_id", ("title",)),
               "school_programs": ("school_id", ("role",)), "people": ("person_id", ("role",)),
               "notes": ("note_id", ("text",)), "levels": ("level_id", ("name",)), "schools": ("school_id", ("name",))}
    pairs = []
    for table, (key, fields) in columns.items():
        frame = dataset.table(table)
        for _, row in frame.iterrows():
            for field in fields:
                zh, en = row.get(f"{field}_zh"), row.get(f"{field}_en")
                if isinstance(zh, str) and isinstance(en, str):
                    pairs.append((f"{table}.csv {row[key]} {field}", zh, en))
    return pairs


def _pairs_from_code() -> list[tuple[str, str, str]]:
    """(where, zh, en) of the interface: i18n STRINGS, the report content the pages show as data (chart titles and
    tabs, share groups and parts, programme points), and `zh if lang == "zh" else en` literals in the pages."""
    pairs = [(f"i18n {key}", value["zh"], value["en"]) for key, value in STRINGS.items()]
    dataset = lipu_data.load_dataset()
    for table, columns in (("charts", ("title", "tab")), ("chart_metrics", ("group", "part")),
                           ("program_points", ("text",))):
        frame = dataset.table(table)
        for column in columns:
            pairs += [(f"{table}.csv {column}", a, b) for a, b in zip(frame[f"{column}_zh"], frame[f"{column}_en"]) if a and b]
    for path in sorted((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.IfExp) and isinstance(node.body, ast.Constant) and isinstance(node.orelse, ast.Constant)
                    and isinstance(node.body.value, str) and "lang" in ast.unparse(node.test)):
                pairs.append((f"{path.name}:{node.lineno}", node.body.value, node.orelse.value))
    return pairs


@pytest.fixture(scope="module")
def dataset():
    return lipu_data.load_dataset()


@pytest.fixture(scope="module")
def all_pairs(dataset):
    return _pairs_from_data(dataset) + _pairs_from_code()


def _term_forms(dataset) -> dict[str, list[str]]:
    return report_text.term_forms(dataset.terms)


def violations(pairs, forms: dict[str, list[str]], lang: str) -> list[str]:
    """Texts using a term whose `lang` side uses a word FORBIDDEN for that term."""
    found = []
    for where, zh, en in pairs:
        for term_id, words in FORBIDDEN.items():
            if not any(form in zh for form in forms[term_id]):
                continue
            text = zh if lang == "zh" else en
            for word in words[lang]:
                if re.search(word, text, flags=re.IGNORECASE):
                    found.append(f"{where}: {term_id} but {text!r} says {word!r}")
    return found


def test_every_guarded_term_is_in_the_table(dataset):
    """The guards name terms that exist in terms.csv (a renamed term cannot silently disable its guard)."""
    assert set(FORBIDDEN) <= set(dataset.terms["term_id"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_text_says_more_than_its_term(dataset, all_pairs, lang):
    """No label, summary, role, note or interface string using a term says what the term does not mean,
    in either language (e.g. no English label of a 上线 figure says admission/admitted)."""
    assert violations(all_pairs, _term_forms(dataset), lang) == []


@pytest.mark.parametrize("lang, pair", [
    ("en", ("test", "高考一本上线人数", "Gaokao first-tier admissions")),
    ("en", ("test", "其中脱贫户、监测户学生受助人次", "Of whom poverty-registered students")),
    ("zh", ("test", "高考一本上线录取人数", "Gaokao candidates reaching the first-tier cut-off")),
])
def test_guard_catches_a_wrong_label(dataset, lang, pair):
    """The guard fails on a label that says admission for 上线 or poverty-registered for 脱贫户、监测户."""
    assert violations([pair], _term_forms(dataset), lang)


def test_guard_sees_chart_titles():
    """Chart titles and tab labels (charts.csv, shared by the pages and the PDF briefings) and the share chart's
    parts are among the texts guarded."""
    guarded = {where for where, _, _ in _pairs_from_code()}
    assert {"charts.csv title", "charts.csv tab", "chart_metrics.csv part"} <= guarded
