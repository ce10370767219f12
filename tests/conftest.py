"""Shared fixtures for every test layer: the shipped data directory, its loaded dataset, and a disposable copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lipu_data import DEFAULT_DATA_DIR, Dataset, load_dataset


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The shipped data directory (read-only by convention: corrupt `data_copy` instead)."""
    return DEFAULT_DATA_DIR


@pytest.fixture(scope="session")
def dataset(data_dir: Path) -> Dataset:
    """The shipped data, loaded and validated once per run (shared: tests must not modify its frames)."""
    return load_dataset(data_dir)


@pytest.fixture(scope="session")
def facts(dataset: Dataset):
    """The shipped facts table."""
    return dataset.facts


@pytest.fixture
def data_copy(tmp_path: Path, data_dir: Path) -> Path:
    """A private copy of the whole data directory, safe to corrupt."""
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    return copy


@pytest.fixture(scope="session")
def units(dataset: Dataset):
    """How the shipped units show on screen (units.csv), as the formatting functions take them."""
    return dataset.unit_formats
