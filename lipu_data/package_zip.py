"""The downloadable data: each table's original CSV bytes and the whole data package as one zip (no streamlit).

A `Package` is the package's files read once into memory: a running app keeps offering the version it shows
(the last that passed validation) even after the files on disk change.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .model import DESCRIPTOR_NAME, TABLES
from .validate import contained_path

PACKAGE_FOLDER = "lipu-education-data"
# Fixed timestamp inside the zip, so the same data gives the same bytes (the archive diffs cleanly).
ZIP_DATE = (2024, 1, 1, 0, 0, 0)

README = """\
Lipu City education report: data package
=========================================

What is here
- datapackage.json: the Frictionless Data Package descriptor (licence, sources, one schema per table).
- *.csv: the data tables (UTF-8, comma separated, header row). Ids are stable ASCII slugs.
- report/: the report text, verbatim, oddities included.

How to read it
- facts.csv holds every figure. kind=stated rows carry the verbatim quote from the paragraph
  paragraph_id of paragraphs.csv; kind=derived rows carry the formula over other fact ids.
- qualifier=at_least means the report gives a lower bound ("多", "超"); estimate means a derived
  figure resting on an assumption (see notes.csv).
- English names of schools and people are translations or pinyin, not official names
  (schools.csv name_en_official).

荔浦市教育局年度教育工作情况报告的数据包：datapackage.json 描述每张表；
facts.csv 中每个报告原数附原文引文（quote），每个推算数附公式（formula）；notes.csv 为数据说明。
"""



def _descriptor(data_dir: Path) -> dict:
    return json.loads((data_dir / DESCRIPTOR_NAME).read_text(encoding="utf-8"))


def package_files(data_dir: str | Path) -> list[tuple[str, Path]]:
    """(path inside the package, file) for the descriptor, every listed resource and source text.

    Only paths inside data/ (relative, no '..', no symbolic link out): the validator reports any other, and
    the zip never carries it, so an edit cannot publish a file of the server or a name that escapes the
    folder the archive is unpacked into.
    """
    base = Path(data_dir)
    descriptor = _descriptor(base)
    relative = [DESCRIPTOR_NAME]
    relative += [resource.get("path") for resource in descriptor.get("resources", [])]
    relative += [source.get("path") for source in descriptor.get("sources", []) if source.get("path")]
    files = []
    for path in dict.fromkeys(item for item in relative if isinstance(item, str)):
        file = contained_path(base, path)[0]
        if file is not None and file.is_file():
            files.append((path, file))
    return files


@dataclass(frozen=True, eq=False)
class Package:
    """A data package's files as read at one moment: the descriptor and (path inside the package, bytes)."""

    descriptor: dict
    files: dict[str, bytes] = field(repr=False)

    def _table_path(self, name: str) -> str:
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}; tables are {', '.join(TABLES)}")
        listed = {resource.get("name"): resource.get("path") for resource in self.descriptor.get("resources", [])}
        path = listed.get(name)
        return path if path in self.files else f"{name}.csv"

    def table_bytes(self, name: str) -> bytes:
        """The original bytes of one table's CSV file (not re-serialized: the download is the file itself)."""
        return self.files[self._table_path(name)]

    def table_file_name(self, name: str) -> str:
        """The file name of a table (e.g. facts.csv), for downloads."""
        return Path(self._table_path(name)).name

    def table_descriptions(self, lang: str = "en") -> dict[str, str]:
        """Each table's one-line description from datapackage.json in `lang` (`description_zh` for Chinese, falling
        back to `description`; empty where none is given)."""
        keys = ("description_zh", "description") if lang == "zh" else ("description",)
        listed = {resource.get("name"): next((resource[key] for key in keys if resource.get(key)), "")
                  for resource in self.descriptor.get("resources", [])}
        return {name: listed.get(name, "") for name in TABLES}

    @cached_property
    def zip_bytes(self) -> bytes:
        """The whole package as zip bytes: README.txt, datapackage.json, every table and the report text, each a
        plain relative name inside one folder."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path, content in [("README.txt", README.encode("utf-8")), *self.files.items()]:
                info = zipfile.ZipInfo(f"{PACKAGE_FOLDER}/{path}", date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, content)
        return buffer.getvalue()


def read_package(data_dir: str | Path) -> Package:
    """The package's files of `data_dir`, read now (only paths inside it: see package_files)."""
    base = Path(data_dir)
    return Package(_descriptor(base), {path: file.read_bytes() for path, file in package_files(base)})


def build_zip(data_dir: str | Path) -> bytes:
    """The whole data package of `data_dir` as zip bytes, as it is on disk now."""
    return read_package(data_dir).zip_bytes


def table_bytes(data_dir: str | Path, name: str) -> bytes:
    """The original bytes of one table's CSV file in `data_dir`."""
    return read_package(data_dir).table_bytes(name)
