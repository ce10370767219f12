"""Derivations: the safe formula evaluator, written precision, and recomputation of every derived fact."""

from __future__ import annotations

import csv

import pytest

from lipu_data import evaluate_formula, formula_inputs, load_dataset, recompute_derived, written_decimals
from lipu_data.derive import matches_at_precision


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("a + b", 5.0),
        ("a - b * 2", -4.0),
        ("(a - b) * 2", -2.0),
        ("-a + 10", 8.0),
        ("100 * b / a", 150.0),
        ("a * 10000 / 4", 5000.0),
    ],
)
def test_evaluate_formula_arithmetic(formula, expected):
    """Numbers, fact ids, + - * /, unary minus and parentheses evaluate with the usual precedence."""
    assert evaluate_formula(formula, {"a": 2.0, "b": 3.0}) == pytest.approx(expected)


@pytest.mark.parametrize(
    "formula",
    [
        "__import__('os')",
        "a.real",
        "abs(a)",
        "a ** 2",
        "a // 2",
        "a % 2",
        "(lambda: 1)()",
        "[a][0]",
        "'text'",
        "a if b else 1",
        "a < b",
        "True + a",
        "a +",
        "",
    ],
)
def test_evaluate_formula_rejects_unsafe_or_invalid(formula):
    """Calls, attributes, other operators, strings and syntax errors raise ValueError, never run."""
    with pytest.raises(ValueError):
        evaluate_formula(formula, {"a": 2.0, "b": 3.0})


def test_evaluate_formula_unknown_name():
    """A fact id missing from the values raises ValueError naming it."""
    with pytest.raises(ValueError, match="missing_fact"):
        evaluate_formula("a + missing_fact", {"a": 1.0})


def test_evaluate_formula_division_by_zero():
    """Division by zero is a ValueError with a clear message, not ZeroDivisionError."""
    with pytest.raises(ValueError, match="divides by zero"):
        evaluate_formula("a / (b - b)", {"a": 1.0, "b": 2.0})


def test_formula_inputs_in_reading_order_without_repeats():
    """formula_inputs lists each fact id once, in the order it first appears."""
    assert formula_inputs("100 * (beta - alpha) / alpha + gamma") == ["beta", "alpha", "gamma"]


@pytest.mark.parametrize(("cell", "decimals"), [("21.48", 2), ("468", 0), ("1.50", 2), ("1666.71325", 5), ("0.5", 1)])
def test_written_decimals(cell, decimals):
    """Decimals are counted as written in the CSV cell, trailing zeros included."""
    assert written_decimals(cell) == decimals


def test_precision_is_the_written_one():
    """A computed 21.4763 matches "21.48" (2 decimals) and "21.5" (1 decimal) but not "21.47"."""
    assert matches_at_precision(21.4763, "21.48")
    assert matches_at_precision(21.4763, "21.5")
    assert not matches_at_precision(21.4763, "21.47")


def test_every_derived_fact_recomputes(data_dir):
    """Each derived fact's formula, evaluated on its inputs, gives its value at the written precision."""
    facts = load_dataset(data_dir).facts
    with open(data_dir / "facts.csv", encoding="utf-8", newline="") as handle:
        written = {row["fact_id"]: row["value"] for row in csv.DictReader(handle)}
    computed = recompute_derived(facts)
    derived = facts["kind"] == "derived"
    assert derived.any()
    for index in facts.index[derived]:
        fact_id = facts.at[index, "fact_id"]
        assert matches_at_precision(computed[index], written[fact_id]), (fact_id, computed[index], written[fact_id])


def test_recompute_derived_leaves_stated_facts_empty(data_dir):
    """recompute_derived is NaN for stated facts, which have no formula."""
    facts = load_dataset(data_dir).facts
    computed = recompute_derived(facts)
    assert computed[facts["kind"] == "stated"].isna().all()
