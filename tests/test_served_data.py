"""The cache helper: results are shared per data version and arguments, and computed from what the caller gives."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from lipu_data.served_data import cached_on_data


@dataclass(frozen=True)
class Version:
    """Stands in for a DataVersion: what the helper reads of it is its key."""

    key: tuple
    value: int


calls: list[tuple] = []


@cached_on_data(max_entries=8)
def _doubled(_data: Version, _rows: list[int], row_ids: tuple[int, ...], factor: int) -> list[int]:
    calls.append((_data.key, row_ids, factor))
    return [_data.value * factor * row for row in _rows]


def test_a_result_is_computed_once_per_version_and_arguments():
    """The same version and arguments reuse the result; another version or argument computes anew."""
    _doubled.clear()
    calls.clear()
    first, second = Version(("data", 1), 1), Version(("data", 2), 10)
    assert _doubled(first, [1, 2], (1, 2), 2) == [2, 4]
    assert _doubled(first, [1, 2], (1, 2), 2) == [2, 4]
    assert _doubled(second, [1, 2], (1, 2), 2) == [20, 40]
    assert _doubled(first, [1, 2], (1, 2), 3) == [3, 6]
    assert len(calls) == 3


def test_arguments_named_with_an_underscore_are_not_part_of_the_key():
    """Rows passed as `_rows` are used, not hashed: the ids given with them are the key."""
    _doubled.clear()
    calls.clear()
    version = Version(("data", 1), 1)
    assert _doubled(version, [5], (7,), 1) == [5]
    assert _doubled(version, [6], (7,), 1) == [5]  # same ids, same version: the cached result
    assert len(calls) == 1


def test_the_version_argument_must_not_be_hashed():
    """A cached function whose first argument is not underscore-named is refused when it is defined."""
    with pytest.raises(TypeError):
        @cached_on_data(max_entries=1)
        def hashed(data, lang):  # noqa: ARG001
            return lang
