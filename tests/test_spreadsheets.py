"""Spreadsheet downloads: CSV with a byte order mark and neutralised formula cells, .xlsx of typed cells (never a
formula), one workbook for the whole data package; the canonical data package stays plain UTF-8 CSV."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from lipu_data import package_zip, spreadsheets
from lipu_data.package_zip import read_package
from lipu_data.served_data import DataVersion
from lipu_data.i18n import t
from tests.apptest_helpers import new_app, open_page

FORMULAS = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"https://evil.example\")"]
FRAME = pd.DataFrame({"text": [*FORMULAS, "学校"], "number": [1.5, -2.0, 3.0, 4.0, 5.0, 6.0, 7.0, -8.25],
                      "count": pd.array([1, 2, None, 4, 5, 6, 7, 8], dtype="Int64")})


def test_csv_for_excel_starts_with_a_byte_order_mark():
    """The spreadsheet CSV begins with the UTF-8 BOM, so Excel on Chinese Windows reads 学校 right."""
    data = spreadsheets.csv_for_excel(FRAME)
    assert data.startswith(b"\xef\xbb\xbf")
    assert "学校" in data.decode("utf-8-sig")


def test_csv_for_excel_neutralises_formula_cells_but_not_numbers():
    """Text cells beginning with = + - @ tab or CR get a leading apostrophe; negative numbers stay numbers."""
    header, *rows = csv.reader(io.StringIO(spreadsheets.csv_for_excel(FRAME).decode("utf-8-sig"), newline=""))
    assert [row[0] for row in rows[: len(FORMULAS)]] == ["'" + value for value in FORMULAS]
    assert [float(row[1]) for row in rows] == list(FRAME["number"])


def cells(data: bytes, sheet: str | None = None) -> list[openpyxl.cell.cell.Cell]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    worksheet = book[sheet] if sheet else book.worksheets[0]
    return [cell for row in worksheet.iter_rows() for cell in row]


def no_formula_in(data: bytes) -> bool:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return not any(b"<f>" in archive.read(name) or b"<f " in archive.read(name)
                   for name in archive.namelist() if name.startswith("xl/worksheets/"))


def test_table_xlsx_cells_are_typed_and_never_formulas():
    """Text beginning with '=' is a text cell holding exactly that text; numbers are numbers; missing is empty."""
    data = spreadsheets.table_xlsx(FRAME)
    by_position = {(cell.row, cell.column): cell for cell in cells(data)}
    # XML stores a carriage return as a line feed: compared as such (validation keeps controls out of data).
    assert [by_position[(row, 1)].value for row in range(2, 2 + len(FORMULAS))] == [
        value.replace("\r", "\n") for value in FORMULAS]
    assert all(by_position[(row, 1)].data_type == "s" for row in range(2, 2 + len(FORMULAS)))
    assert by_position[(2, 2)].value == 1.5 and by_position[(2, 2)].data_type == "n"
    assert by_position[(4, 3)].value is None and by_position[(5, 3)].value == 4
    assert no_formula_in(data)


@pytest.fixture(scope="module")
def workbook(dataset, data_dir) -> bytes:
    return DataVersion(dataset, read_package(data_dir), ()).workbook


def test_workbook_has_a_readme_and_a_sheet_per_table(workbook, dataset):
    """One workbook for the data package: a README sheet first, then one sheet per table with all its rows."""
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    assert book.sheetnames == [spreadsheets.README_SHEET, *dataset.row_counts()]
    for name, count in dataset.row_counts().items():
        assert book[name].max_row == count + 1, name
    assert any("facts" in str(cell.value) for cell in book[spreadsheets.README_SHEET]["A"])
    assert no_formula_in(workbook)


def test_workbook_cells_keep_their_types(workbook, dataset):
    """Facts' values are numbers, years integers, names text, exactly as in the data."""
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    sheet = book["facts"]
    header = [cell.value for cell in sheet[1]]
    first = [cell.value for cell in sheet[2]]
    row = dataset.facts.iloc[0]
    assert first[header.index("report_year")] == int(row["report_year"])
    assert first[header.index("label_zh")] == row["label_zh"]
    values = [cell.value for cell in sheet["I"][1:]]
    assert header[8] == "value"
    assert all(value is None or isinstance(value, (int, float)) for value in values)


def test_data_package_zip_stays_plain_utf8_csv(data_dir):
    """The canonical zip carries data/'s CSV files byte for byte: no BOM, nothing neutralised."""
    archive = zipfile.ZipFile(io.BytesIO(read_package(data_dir).zip_bytes))
    facts = archive.read(f"{package_zip.PACKAGE_FOLDER}/facts.csv")
    assert facts == (data_dir / "facts.csv").read_bytes()
    assert not facts.startswith(b"\xef\xbb\xbf")


def button_ids(at) -> list[str]:
    return [button.proto.id for button in at.get("download_button")]


def test_sources_offers_the_workbook_beside_the_zip():
    """/sources' tables tab offers the whole package as a zip and as one Excel workbook."""
    at = new_app("sources", params={"lang": "en"})
    at.session_state["sources_tabs_en"] = t("tables", "en")
    at.run()
    assert not at.exception
    assert any(key.endswith("-download_package") for key in button_ids(at))
    assert any(key.endswith("-download_workbook") for key in button_ids(at))


def test_sources_offers_each_table_as_csv_and_excel(dataset):
    """Each table of the package is offered as its original CSV and as an Excel file."""
    at = new_app("sources", params={"lang": "en"})
    at.session_state["sources_tabs_en"] = t("tables", "en")
    at.run()
    for name in dataset.row_counts():
        assert any(key.endswith(f"-download_table_{name}") for key in button_ids(at)), name
        assert any(key.endswith(f"-download_table_xlsx_{name}") for key in button_ids(at)), name


def test_table_xlsx_download_is_the_table(dataset):
    """The callable behind a table's Excel button gives that table: its header and every row."""
    data = spreadsheets.table_xlsx_download(dataset, "levels")()
    sheet = openpyxl.load_workbook(io.BytesIO(data))["levels"]
    assert [cell.value for cell in sheet[1]] == list(dataset.levels.columns)
    assert sheet.max_row == len(dataset.levels) + 1


def test_every_table_block_offers_csv_and_excel():
    """A chart's 'Show data' table offers the spreadsheet CSV and an Excel file."""
    at = open_page("levels", lang="en", opened=("show_data_kindergarten_tiers",))
    assert not at.exception
    ids = button_ids(at)
    assert any(key.endswith("-download_kindergarten_tiers") for key in ids)
    assert any(key.endswith("-download_xlsx_kindergarten_tiers") for key in ids)
