"""Read an uploaded .xlsx or .csv (UTF-8 or GBK) into a header row and data rows."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook


class FileError(Exception):
    """The file as a whole cannot be read; nothing row-specific to say."""


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list]]  # (spreadsheet row number, cells)


def _decode(raw: bytes) -> str:
    # Excel on a Chinese Windows saves CSV as GBK; GB 18030 is its superset.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileError(_("The CSV file is neither UTF-8 nor GBK text."))


def _is_blank(cells) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def read_table(name: str, raw: bytes) -> Table:
    lower = name.lower()
    if lower.endswith(".csv"):
        grid = list(csv.reader(io.StringIO(_decode(raw))))
    elif lower.endswith((".xlsx", ".xlsm", ".xls")):
        try:
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(raw))
            grid = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
        except Exception as exc:
            raise FileError(
                _("The spreadsheet cannot be opened: %(error)s") % {"error": exc}
            ) from exc
    else:
        raise FileError(_("Only .xlsx and .csv files can be imported."))
    # The header is the first row with two or more cells: statistics-bureau sheets often open
    # with a one-cell title line.
    filled = [i for i, cells in enumerate(grid) if not _is_blank(cells)]
    if not filled:
        raise FileError(_("The file is empty."))
    start = next((i for i in filled if sum(not _is_blank([c]) for c in grid[i]) >= 2), filled[0])
    headers = [str(h).strip() if h is not None else "" for h in grid[start]]
    rows = [
        (start + 2 + offset, list(cells))
        for offset, cells in enumerate(grid[start + 1 :])
        if not _is_blank(cells)
    ]
    return Table(headers=headers, rows=rows)
