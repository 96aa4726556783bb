"""Read an uploaded .xlsx or .csv (UTF-8 or GBK) into a header row and data rows."""

import csv
import io
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from xml.etree import ElementTree

from django.conf import settings
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook


class FileError(Exception):
    """The file as a whole cannot be read; nothing row-specific to say."""


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list]]  # (spreadsheet row number, cells)
    # The lines above the header (a title, 单位：千元, 填报日期…): (row number, their text).
    notes: list[tuple[int, str]] = field(default_factory=list)
    # (row number, column index) → why a formula cell's value cannot be trusted.
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)


def _decode(raw: bytes) -> str:
    # Excel on a Chinese Windows saves CSV as GBK; GB 18030 is its superset.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileError(_("The CSV file is neither UTF-8 nor GBK text."))


def _is_blank(cells) -> bool:
    if cells and cells[0] is not None and not (isinstance(cells[0], str) and not cells[0].strip()):
        return False  # the common row, without walking its cells
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


# 单位：千元, 填报日期：2024-03-31 — a statement, with its colon outside any bracket.
STATEMENT = re.compile(r"^[^（(]*[:：]")


def _is_header(cells) -> bool:
    """Two or more filled cells that are not all statements like 单位：千元."""
    filled = [str(c).strip() for c in cells if not _is_blank([c])]
    return len(filled) >= 2 and not all(STATEMENT.match(text) for text in filled)


NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
CELL_REF = re.compile(r"([A-Z]+)(\d+)")
MISSING, NOT_RECALCULATED = "missing", "stale"


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def untrusted_formulas(raw: bytes) -> dict[tuple[int, int], str]:
    """The formula cells of an .xlsx's first sheet whose stored value is not a spreadsheet's
    own result: no value at all, or a workbook that asks to be recalculated when opened
    (written by a program, not saved by Excel or WPS, so every stored result may be stale).
    Calamine reads stored results only, so these would otherwise come in as blanks or zeros."""
    try:
        book = zipfile.ZipFile(io.BytesIO(raw))
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        first = workbook.find("m:sheets/m:sheet", NS)
        rel_id = first.get(f"{{{NS['r']}}}id")
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
        target = next(r.get("Target") for r in rels if r.get("Id") == rel_id)
        sheet = book.read(target.lstrip("/") if target.startswith("/") else f"xl/{target}")
    except (KeyError, StopIteration, AttributeError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}
    if b"<f" not in sheet:  # no formulas: the common case, and a large sheet's fast path
        return {}
    calc = workbook.find("m:calcPr", NS)
    recalculate = calc is not None and calc.get("fullCalcOnLoad") in ("1", "true")
    found = {}
    for _event, cell in ElementTree.iterparse(io.BytesIO(sheet)):
        if cell.tag != f"{{{NS['m']}}}c":
            continue
        if cell.find("m:f", NS) is not None:
            value = cell.find("m:v", NS)
            reason = MISSING if value is None or not (value.text or "").strip() else None
            if reason or recalculate:
                letters, number = CELL_REF.match(cell.get("r")).groups()
                found[(int(number), _column_index(letters))] = reason or NOT_RECALCULATED
        cell.clear()
    return found


UNPACKED_RATIO = 50  # a workbook unpacks to 5-10 times its size; a zip bomb to thousands


def _refuse_a_bomb(raw: bytes) -> None:
    """A workbook whose parts unpack to more than UNPACKED_RATIO times the largest upload is
    refused before anything inflates it (calamine, or the formula scan beside it, which would
    go on inflating a file calamine had already refused)."""
    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(raw)).infolist())
    except zipfile.BadZipFile:
        return  # not a zip: calamine says what it is not
    limit = settings.PARKOS_IMPORT_MAX_BYTES * UNPACKED_RATIO
    if unpacked > limit:
        raise FileError(
            _(
                "The spreadsheet unpacks to more than %(limit)d MB, which no sheet of data "
                "does. Save it again in Excel or WPS, or split it."
            )
            % {"limit": limit // 2**20}
        )


def read_table(name: str, raw: bytes) -> Table:
    lower = name.lower()
    formulas = {}
    if lower.endswith(".csv"):
        grid = list(csv.reader(io.StringIO(_decode(raw))))
    elif lower.endswith((".xlsx", ".xlsm", ".xls")):
        if not lower.endswith(".xls"):
            _refuse_a_bomb(raw)
        # The formula scan inflates the sheet's XML again (0.15 s for 100,000 rows); calamine
        # and zlib both let go of the interpreter while they work, so it runs beside calamine.
        with ThreadPoolExecutor(max_workers=1) as beside:
            scan = None if lower.endswith(".xls") else beside.submit(untrusted_formulas, raw)
            try:
                workbook = CalamineWorkbook.from_filelike(io.BytesIO(raw))
                grid = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
            except Exception as exc:
                raise FileError(
                    _("The spreadsheet cannot be opened: %(error)s") % {"error": exc}
                ) from exc
            formulas = scan.result() if scan else {}
    else:
        raise FileError(_("Only .xlsx and .csv files can be imported."))
    # The header is the first row with two or more cells that are not statements: statistics
    # bureau sheets open with a title line and a unit line (单位：千元  填报日期：…).
    blank = list(map(_is_blank, grid))
    filled = [i for i, empty in enumerate(blank) if not empty]
    if not filled:
        raise FileError(_("The file is empty."))
    start = next((i for i in filled if _is_header(grid[i])), filled[0])
    notes = [
        (i + 1, " ".join(str(c).strip() for c in grid[i] if not _is_blank([c])))
        for i in filled
        if i < start
    ]
    headers = [str(h).strip() if h is not None else "" for h in grid[start]]
    rows = [  # the reader's own lists, not copies (100,000 rows: 0.1 s)
        (start + 2 + offset, cells)
        for offset, cells in enumerate(grid[start + 1 :])
        if not blank[start + 1 + offset]
    ]
    return Table(headers=headers, rows=rows, notes=notes, formulas=formulas)
