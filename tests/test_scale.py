"""Scale: synthetic data 10x the report (harness/make_scaled_data.py) is valid and loads 10x the facts."""

from __future__ import annotations

import pytest

from harness.make_scaled_data import make_scaled_data
from lipu_data import load_dataset
from lipu_data.load import load_facts
from lipu_data.validate import validate_data_dir

FACTOR = 10


@pytest.fixture(scope="module")
def scaled_dir(tmp_path_factory):
    return make_scaled_data(FACTOR, tmp_path_factory.mktemp("scaled") / "data")


def test_scaled_data_validates_without_problems(scaled_dir):
    """The generator's output passes every rule of the validator (nothing to excuse at 10x)."""
    problems = validate_data_dir(scaled_dir)
    assert problems == [], "\n".join(str(problem) for problem in problems[:20])


def test_scaled_data_has_ten_times_the_facts(scaled_dir, data_dir):
    """load_facts on the 10x directory returns exactly 10 times the shipped facts, ids unique."""
    facts = load_facts(scaled_dir)
    assert len(facts) == FACTOR * len(load_facts(data_dir))
    assert facts["fact_id"].is_unique


def test_scaled_data_spans_ten_report_years(scaled_dir):
    """Each copy is a report year of its own, so year-over-year views see FACTOR years."""
    dataset = load_dataset(scaled_dir)
    assert sorted(dataset.reports["year"]) == list(range(2023, 2023 + FACTOR))
    assert set(dataset.facts["report_year"]) == set(range(2023, 2023 + FACTOR))


def test_generator_refuses_the_shipped_data_dir(data_dir):
    """Synthetic data is never written into data/."""
    with pytest.raises(ValueError):
        make_scaled_data(2, data_dir)


def test_section_programs_are_the_newest_reports_only(scaled_dir, dataset):
    """With ten reports, a section page's programs are the newest report's: as many as one report has, not ten times."""
    from lipu_data import metrics

    scaled = load_dataset(scaled_dir)
    programs = metrics.section_programs(scaled, 2)
    years = scaled.paragraphs.set_index("paragraph_id")["year"]
    assert len(programs) == len(metrics.section_programs(dataset, 2)) > 0
    assert set(programs["paragraph_id"].map(years)) == {metrics.latest_report_year(scaled)}


def test_overview_lists_only_the_newest_reports_events(scaled_dir, dataset, monkeypatch):
    """With ten reports, the overview's timeline lists the newest report's events under that year."""
    from lipu_data import metrics, served_data
    from lipu_data.i18n import t
    from tests.apptest_helpers import open_page

    monkeypatch.setenv(served_data.DATA_DIR_ENV, str(scaled_dir))
    scaled = load_dataset(scaled_dir)
    year = metrics.latest_report_year(scaled)
    at = open_page("overview", lang="en")
    assert not at.exception
    assert t("timeline", "en", year=year) in [header.value for header in at.header]
    [listing] = [element.value for element in at.markdown if element.value.startswith("- **")]
    assert len(listing.split("\n")) == len(dataset.events)
