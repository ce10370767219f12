"""The data the app serves (streamlit): the last version of data/ that passed validation, and caches keyed on it.

Every session reads one validated, read-only Dataset; whatever is derived from it (cards, charts, search index,
briefings) is cached across sessions per data version by `cached_on_data`, so an edited data/ shows on the next
page view and nothing derived from the old files outlives them.
"""

from __future__ import annotations

import datetime
import functools
import inspect
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st
from streamlit.logger import get_logger

from lipu_data import spreadsheets
from lipu_data.load import load_dataset
from lipu_data.model import DEFAULT_DATA_DIR, DESCRIPTOR_NAME, DataValidationError, Dataset, Problem
from lipu_data.package_zip import README as PACKAGE_README
from lipu_data.package_zip import Package, read_package

DATA_DIR_ENV = "LIPU_DATA_DIR"


def data_dir() -> Path:
    """The data directory: LIPU_DATA_DIR if set (tests and benchmarks), else the shipped data/."""
    return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)


def _data_stamp(directory: Path) -> tuple[tuple[str, float], ...]:
    """File names and modification times, so an edited data/ is reloaded without a restart."""
    stamp = []
    for path in directory.rglob("*"):
        try:
            if path.is_file():
                stamp.append((path.name, path.stat().st_mtime))
        except OSError:
            continue  # removed while we looked, or unreadable: the next page view sees the folder as it is
    return tuple(sorted(stamp))


LOGGER = get_logger(__name__)


@dataclass(frozen=True)
class DataVersion:
    """One version of the data that passed validation: the dataset, its package files (for downloads) and
    the stamp of the files it was read from."""

    dataset: Dataset
    package: Package
    stamp: tuple[tuple[str, float], ...]

    @property
    def key(self) -> tuple:
        """What identifies this version in a cache key: the data directory and the stamp of its files."""
        return str(self.dataset.data_dir), self.stamp

    @property
    def as_of(self) -> str:
        """When its files were last changed (UTC), as a reader sees the version."""
        newest = max((mtime for _, mtime in self.stamp), default=0.0)
        return datetime.datetime.fromtimestamp(newest, datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")

    @functools.cached_property
    def workbook(self) -> bytes:
        """The whole package as one .xlsx workbook (built on the first download of this version)."""
        return spreadsheets.dataset_workbook(self.dataset, self.package.table_descriptions(), PACKAGE_README)


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_dataset(directory: str, stamp: tuple[tuple[str, float], ...]) -> DataVersion | DataValidationError:
    # One validated, read-only Dataset shared by every session: frames are never mutated by pages. A failure
    # is cached too, so a bad edit is validated (and logged) once, not on every page run of every visitor.
    try:
        return DataVersion(load_dataset(directory), read_package(directory), stamp)
    except DataValidationError as error:
        LOGGER.error("data in %s failed validation (%d problem(s)); the app keeps serving the last valid "
                     "version, if any:\n%s", directory, len(error.problems), "\n".join(map(str, error.problems)))
        return error
    except Exception as error:  # noqa: BLE001 - an edit the validator did not foresee must not take pages down
        LOGGER.exception("data in %s could not be loaded; the app keeps serving the last valid version, if any",
                         directory)
        # The page names only the kind of failure: an exception's text may hold absolute paths.
        return DataValidationError([Problem(DESCRIPTOR_NAME, None, None,
                                            f"the data could not be loaded ({type(error).__name__}); see the server log")])


# The last version that passed, per data directory: served while a newer edit fails validation.
_LAST_GOOD: dict[str, DataVersion] = {}
_LAST_GOOD_LOCK = threading.Lock()


def served_version() -> tuple[DataVersion, bool]:
    """The data version the app shows and whether it is stale (the files on disk changed and fail validation).

    Raises DataValidationError only when no version of this directory ever passed (nothing to fall back on).
    """
    directory = data_dir()
    outcome = _cached_dataset(str(directory), _data_stamp(directory))
    with _LAST_GOOD_LOCK:
        if isinstance(outcome, DataVersion):
            _LAST_GOOD[str(directory)] = outcome
            return outcome, False
        good = _LAST_GOOD.get(str(directory))
    if good is None:
        raise outcome
    return good, True


def workbook_download(version: DataVersion) -> Callable[[], bytes]:
    """What the workbook's download button calls on a click: the version's workbook (built then, on
    Streamlit's download thread, rather than on every run of the page)."""
    return lambda: version.workbook


Result = TypeVar("Result")


def cached_on_data(*, max_entries: int, shared: bool = False) -> Callable[[Callable[..., Result]], Callable[..., Result]]:
    """Decorator: `fn(_data, *args)`, computed once per data version and arguments and shared by every session.

    `_data` is the DataVersion the caller holds (a page's `context.version`); its `key` is the cache key's data
    part, so no cached function takes a version tuple of its own, and a result is always computed from the very
    version it is filed under. Like every argument named with a leading "_", `_data` is not hashed: pass rows
    as `_rows` together with what identifies them (their fact ids), so a block uses the rows it is given without
    hashing a frame on every run. `shared` caches the object itself (st.cache_resource: callers only read it)
    rather than a copy per call (st.cache_data).
    """
    def decorate(fn: Callable[..., Result]) -> Callable[..., Result]:
        first = next(iter(inspect.signature(fn).parameters))
        if not first.startswith("_"):
            raise TypeError(f"{fn.__qualname__}: the data version argument must be named with a leading '_'")

        # functools.wraps keeps the function's module, name, source and signature: Streamlit names the cache
        # by them and skips the "_" arguments by the signature's names. The version key is a keyword argument.
        @functools.wraps(fn)
        def keyed(*args: Any, data_key: tuple, **kwargs: Any) -> Result:
            return fn(*args, **kwargs)

        cache = st.cache_resource if shared else st.cache_data
        cached = cache(show_spinner=False, max_entries=max_entries)(keyed)

        @functools.wraps(fn)
        def call(data: DataVersion, *args: Any, **kwargs: Any) -> Result:
            return cached(data, *args, data_key=data.key, **kwargs)

        call.clear = cached.clear  # type: ignore[attr-defined]
        return call

    return decorate
