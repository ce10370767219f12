"""Shared fixtures for every test layer: the shipped data directory and a disposable copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lipu_data import DEFAULT_DATA_DIR


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The shipped data directory (read-only by convention: corrupt `data_copy` instead)."""
    return DEFAULT_DATA_DIR


@pytest.fixture
def data_copy(tmp_path: Path, data_dir: Path) -> Path:
    """A private copy of the whole data directory, safe to corrupt."""
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    return copy
