"""The downloadable data: each table's original CSV bytes and the whole data package as one zip (no streamlit)."""

from __future__ import annotations

import io
import json
import zipfile
from functools import lru_cache
from pathlib import Path

from .model import DESCRIPTOR_NAME, TABLES

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

荔浦市教育局《荔浦市 2023 年度教育工作情况》的数据包：datapackage.json 描述每张表；
facts.csv 中每个报告原数附原文引文（quote），每个推算数附公式（formula）；notes.csv 为数据说明。
"""


def _descriptor(data_dir: Path) -> dict:
    return json.loads((data_dir / DESCRIPTOR_NAME).read_text(encoding="utf-8"))


def table_paths(data_dir: str | Path) -> dict[str, Path]:
    """Each table's file, as datapackage.json lists it, in TABLES order."""
    base = Path(data_dir)
    listed = {resource["name"]: base / resource["path"] for resource in _descriptor(base)["resources"]}
    return {name: listed.get(name, base / f"{name}.csv") for name in TABLES}


def table_bytes(data_dir: str | Path, name: str) -> bytes:
    """The original bytes of one table's CSV file (not re-serialized: the download is the file itself)."""
    if name not in TABLES:
        raise KeyError(f"unknown table {name!r}; tables are {', '.join(TABLES)}")
    return table_paths(data_dir)[name].read_bytes()


def table_file_name(data_dir: str | Path, name: str) -> str:
    """The file name of a table (e.g. facts.csv), for downloads."""
    return table_paths(data_dir)[name].name


def package_files(data_dir: str | Path) -> list[tuple[str, Path]]:
    """(path inside the package, file) for the descriptor, every listed resource and source text."""
    base = Path(data_dir)
    descriptor = _descriptor(base)
    relative = [DESCRIPTOR_NAME]
    relative += [resource["path"] for resource in descriptor.get("resources", [])]
    relative += [source["path"] for source in descriptor.get("sources", []) if source.get("path")]
    return [(path, base / path) for path in dict.fromkeys(relative) if (base / path).is_file()]


def build_zip(data_dir: str | Path) -> bytes:
    """The whole data package as zip bytes: datapackage.json, every table, the report text and a README."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        entries = [("README.txt", README.encode("utf-8"))]
        entries += [(path, file.read_bytes()) for path, file in package_files(data_dir)]
        for path, content in entries:
            info = zipfile.ZipInfo(f"{PACKAGE_FOLDER}/{path}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def _stamp(data_dir: Path) -> tuple[tuple[str, float], ...]:
    return tuple(sorted((str(p.relative_to(data_dir)), p.stat().st_mtime) for p in data_dir.rglob("*") if p.is_file()))


@lru_cache(maxsize=4)
def _cached_zip(data_dir: str, stamp: tuple[tuple[str, float], ...]) -> bytes:
    del stamp  # part of the cache key only: an edited file changes it
    return build_zip(data_dir)


def cached_zip(data_dir: str | Path) -> bytes:
    """build_zip, cached per data directory and file modification times."""
    base = Path(data_dir)
    return _cached_zip(str(base), _stamp(base))


def table_descriptions(data_dir: str | Path, lang: str = "en") -> dict[str, str]:
    """Each table's one-line description from datapackage.json in `lang` (`description_zh` for Chinese, falling
    back to `description`; empty where none is given)."""
    keys = ("description_zh", "description") if lang == "zh" else ("description",)
    listed = {resource["name"]: next((resource[key] for key in keys if resource.get(key)), "")
              for resource in _descriptor(Path(data_dir))["resources"]}
    return {name: listed.get(name, "") for name in TABLES}
