"""Excel out: every list exports what it shows, with formula injection neutralised, and each
file says who exported it and when (its author and comments, and every sheet's printed
header): a confidential list that leaves the park carries its exporter."""

import datetime as dt
import io
import re
from decimal import Decimal

import xlsxwriter
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from .audit import current_ip, current_user

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """A text cell that a spreadsheet will never evaluate (OWASP CSV-injection advice)."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def write_xlsx(sheets: list[tuple[str, list, list[list]]]) -> bytes:
    """Workbook bytes from (sheet name, header row, data rows); numbers stay numbers."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "remove_timezone": True,
        },
    )
    stamp = _export_stamp()
    book.set_properties({"title": "ParkOS", "author": stamp["user"], "comments": stamp["text"]})
    bold = book.add_format({"bold": True, "bg_color": "#EEF2F7", "border": 1})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    used: set[str] = set()
    for name, header, rows in sheets:
        sheet = book.add_worksheet(_sheet_name(name, used))
        sheet.freeze_panes(1, 0)
        sheet.set_header(f"&L&8{stamp['text'].replace('&', '&&')}")
        for col, title in enumerate(header):
            sheet.write_string(0, col, str(title), bold)
            sheet.set_column(col, col, max(10, min(40, len(str(title)) * 2 + 2)))
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row):
                _write(sheet, r, c, value, date_format)
    book.close()
    return buffer.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    """A name Excel accepts: at most 31 characters, none of []:*?/\\, and unique in the book
    (names come from data, such as a cluster scheme's)."""
    clean = re.sub(r"[\[\]:*?/\\]", "_", name).strip("'") or "Sheet"
    candidate, n = clean[:31], 1
    while candidate.lower() in used:
        n += 1
        candidate = f"{clean[: 31 - len(str(n)) - 1]}~{n}"
    used.add(candidate.lower())
    return candidate


def _export_stamp() -> dict:
    user = current_user.get()
    name = ""
    if user is not None and user.is_authenticated:
        name = f"{user.display_name}（{user.get_username()}）"
    when = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    text = _("Exported from ParkOS by %(user)s at %(time)s from %(address)s") % {
        "user": name or "—",
        "time": when,
        "address": current_ip.get() or "—",
    }
    return {"user": name, "text": text}


def _write(sheet, row, col, value, date_format):
    if value is None or value == "":
        return
    if isinstance(value, bool):
        sheet.write_string(row, col, "是" if value else "否")
    elif isinstance(value, int | float | Decimal):
        sheet.write_number(row, col, float(value))
    elif isinstance(value, dt.datetime):
        sheet.write_datetime(
            row, col, timezone.localtime(value) if timezone.is_aware(value) else value, date_format
        )
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), date_format)
    else:
        sheet.write_string(row, col, safe_text(str(value)))


def xlsx_response(filename: str, sheets) -> HttpResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(write_xlsx(sheets), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}-{stamp}.xlsx")
    return response
