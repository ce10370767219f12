"""Downloads made for spreadsheets (no streamlit): CSV that Excel opens right, and .xlsx workbooks of typed cells.

Bureau staff open downloads in Excel, mostly on Chinese Windows. Excel reads a CSV without a byte order mark
in the system's code page, which garbles Chinese, so the spreadsheet CSV starts with the UTF-8 BOM. A cell
beginning with = + - @ (or a tab or carriage return) is taken as a formula by spreadsheets, so such text cells
get a leading apostrophe (OWASP, "CSV Injection"). The .xlsx files hold typed cells (numbers as numbers, text
as text) and never a formula, whatever a text begins with. The canonical data package (package_zip) stays the
plain UTF-8 CSV files of data/.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Mapping

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter

from .model import Dataset, TABLES

BOM = "\ufeff"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
README_SHEET = "README"
# Excel's limit on a cell's text; longer text would make the workbook fail to open.
_CELL_TEXT_LIMIT = 32767
_COLUMN_WIDTH_LIMIT = 60


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would read as a formula, prefixed with an apostrophe; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_for_excel(frame: pd.DataFrame) -> bytes:
    """`frame` as CSV for spreadsheets: UTF-8 with a byte order mark, text cells neutralised (numbers stay numbers)."""
    text_columns = [column for column in frame.columns if not pd.api.types.is_numeric_dtype(frame[column])
                    and not pd.api.types.is_bool_dtype(frame[column])]
    safe = frame.copy()
    for column in text_columns:
        safe[column] = safe[column].map(neutralise)
    safe.columns = [neutralise(str(column)) for column in safe.columns]
    # CRLF, as Excel writes; it also makes the writer quote a cell holding a lone carriage return.
    return (BOM + safe.to_csv(index=False, lineterminator="\r\n")).encode("utf-8")


def _typed(value: object) -> object:
    """A cell value openpyxl writes as its type: None for missing, int/float/bool, else text."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return value
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value if not isinstance(value, float) or math.isfinite(value) else str(value)
    return str(value)[:_CELL_TEXT_LIMIT]


def _write_row(sheet, row_number: int, values: Iterable[object]) -> None:
    for column_number, value in enumerate(values, start=1):
        cell: Cell = sheet.cell(row=row_number, column=column_number)
        value = _typed(value)
        cell.value = value
        if isinstance(value, str):
            # openpyxl reads text beginning with '=' as a formula: the type is set back to text explicitly.
            cell.data_type = "s"


def _add_sheet(workbook: Workbook, title: str, frame: pd.DataFrame) -> None:
    sheet = workbook.create_sheet(title=title[:31])
    _write_row(sheet, 1, [str(column) for column in frame.columns])
    for row_number, row in enumerate(frame.itertuples(index=False), start=2):
        _write_row(sheet, row_number, row)
    sheet.freeze_panes = "A2"
    for position, column in enumerate(frame.columns, start=1):
        longest = max([len(str(column)), *(len(str(value)) for value in frame[column].head(200))])
        sheet.column_dimensions[get_column_letter(position)].width = min(_COLUMN_WIDTH_LIMIT, longest + 2)


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame], readme: list[str] | None = None) -> bytes:
    """A workbook with one sheet per frame (typed cells, no formula), after a README sheet if given."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    if readme is not None:
        sheet = workbook.create_sheet(title=README_SHEET)
        for row_number, line in enumerate(readme, start=1):
            _write_row(sheet, row_number, [line])
        sheet.column_dimensions["A"].width = 110
    for title, frame in sheets.items():
        _add_sheet(workbook, title, frame)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_xlsx(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """One table as a workbook of one sheet."""
    return xlsx_bytes({sheet: frame})


def table_xlsx_download(dataset: Dataset, name: str) -> Callable[[], bytes]:
    """What a table's Excel download button calls on a click: that table of `dataset` as a workbook."""
    return lambda: table_xlsx(dataset.table(name), sheet=name)


def package_readme(descriptions: Mapping[str, str], package_readme_text: str) -> list[str]:
    """The README sheet's lines: the data package's README, then one line per table sheet."""
    lines = package_readme_text.rstrip().splitlines()
    lines += ["", "Sheets / 工作表:"]
    lines += [f"{name}: {descriptions.get(name, '')}".rstrip(": ") for name in TABLES]
    return lines


def dataset_workbook(dataset: Dataset, descriptions: Mapping[str, str], package_readme_text: str) -> bytes:
    """The whole data package as one workbook: a README sheet, then one sheet per table (typed cells)."""
    return xlsx_bytes({name: dataset.table(name) for name in TABLES},
                      readme=package_readme(descriptions, package_readme_text))
