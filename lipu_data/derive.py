"""Derived figures: a safe evaluator for fact formulas, and recomputation of every derived fact."""

from __future__ import annotations

import ast
import functools
import math
import operator
import re
from collections.abc import Mapping

import pandas as pd

_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos}
_FORMULA_STRAY = re.compile(r"[^a-z0-9_.+\-*/() ]")


@functools.lru_cache(maxsize=65536)
def _parse(formula: str) -> tuple[ast.expr, tuple[str, ...]]:
    """The checked expression tree of `formula` and the fact ids it uses, in reading order."""
    if not isinstance(formula, str) or not formula.strip():
        raise ValueError("formula is empty")
    # Only what an expression needs: Python's parser would also accept a '#' comment (which breaks out of the
    # code span a formula is shown in), line breaks and other characters that never belong in arithmetic.
    stray = _FORMULA_STRAY.search(formula)
    if stray:
        raise ValueError(f"formula {formula[:60]!r}: {stray.group()!r} is not allowed "
                         "(only fact ids, numbers, + - * /, parentheses and spaces)")
    try:
        tree = ast.parse(formula.strip(), mode="eval")
    except SyntaxError as error:
        raise ValueError(f"formula {formula!r} is not valid arithmetic: {error.msg}") from None
    names: list[str] = []
    _check_node(tree.body, formula, names)
    return tree.body, tuple(dict.fromkeys(names))


def _check_node(node: ast.AST, formula: str, names: list[str]) -> None:
    # Whitelisting node types (rather than blacklisting) is what makes eval-free evaluation safe.
    # Left before right keeps `names` in reading order.
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        _check_node(node.left, formula, names)
        _check_node(node.right, formula, names)
    elif isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        _check_node(node.operand, formula, names)
    elif isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise ValueError(f"formula {formula!r}: only numbers are allowed as constants, not {node.value!r}")
    elif isinstance(node, ast.Name):
        names.append(node.id)
    else:
        raise ValueError(
            f"formula {formula!r}: {type(node).__name__} is not allowed "
            "(only numbers, fact ids, + - * /, unary minus and parentheses)"
        )


def formula_inputs(formula: str) -> list[str]:
    """The fact ids a formula refers to, in order of first appearance, without repeats."""
    return list(_parse(formula)[1])


def evaluate_formula(formula: str, values: Mapping[str, float]) -> float:
    """Evaluate `formula` with fact ids looked up in `values`; ValueError on anything unsafe or unknown."""

    def walk(node: ast.expr) -> float:
        if isinstance(node, ast.BinOp):
            left, right = walk(node.left), walk(node.right)
            if isinstance(node.op, ast.Div) and right == 0:
                raise ValueError(f"formula {formula!r} divides by zero")
            return _BINARY[type(node.op)](left, right)
        if isinstance(node, ast.UnaryOp):
            return _UNARY[type(node.op)](walk(node.operand))
        if isinstance(node, ast.Constant):
            return float(node.value)
        name = node.id  # _check_node admits only Names beyond this point
        if name not in values:
            raise ValueError(f"formula {formula!r} refers to unknown fact {name!r}")
        value = values[name]
        if value is None or (isinstance(value, float) and math.isnan(value)):
            raise ValueError(f"formula {formula!r} uses fact {name!r}, which has no value")
        return float(value)

    return walk(_parse(formula)[0])


def written_decimals(cell: str) -> int:
    """Decimals as written in a CSV cell: '21.48' -> 2, '468' -> 0, '1.50' -> 2."""
    text = str(cell).strip()
    if "e" in text.lower():
        return 0
    _, dot, decimals = text.partition(".")
    return len(decimals) if dot else 0


def matches_at_precision(computed: float, written: str) -> bool:
    """Whether `computed` rounds to the number written in `written` at its written decimals.

    Compared as a distance (half a unit in the last written place) so that binary floating point
    cannot flip a value sitting exactly on a rounding boundary.
    """
    stated = float(written)
    half_unit = 0.5 * 10.0 ** -written_decimals(written)
    return abs(computed - stated) <= half_unit + 1e-9 * max(1.0, abs(stated))


def recompute_derived(facts: pd.DataFrame) -> pd.Series:
    """Recompute every derived fact from the values of its inputs; indexed like `facts`, NaN elsewhere.

    Inputs are taken at their recorded values (derived inputs too), so each formula is checked on
    its own. A formula that cannot be evaluated gives NaN.
    """
    values = {
        fact_id: (None if pd.isna(value) else float(value))
        for fact_id, value in zip(facts["fact_id"], facts["value"])
    }
    result = pd.Series(math.nan, index=facts.index, dtype="float64")
    derived = facts["kind"] == "derived"
    for index, formula in facts.loc[derived, "formula"].items():
        try:
            result[index] = evaluate_formula(formula, values)
        except ValueError:
            pass
    return result
