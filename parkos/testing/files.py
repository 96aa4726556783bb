"""Spreadsheets as users upload them, built in memory for tests."""

import csv
import io

import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile


def xlsx_bytes(headers, rows, title_row=None, notes=()):
    """A first sheet: an optional title line, note lines (单位：千元…), the header and the rows.
    A text cell starting with = is written as a formula, whose stored result xlsxwriter leaves
    at 0 and marks the workbook for recalculation, as a script-written file is."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"strings_to_numbers": False})
    sheet = book.add_worksheet()
    offset = 0
    if title_row:  # statistics-bureau sheets often start with a title line
        sheet.write(0, 0, title_row)
        offset = 2
    for line in notes:
        sheet.write_row(offset, 0, [line] if isinstance(line, str) else line)
        offset += 1
    sheet.write_row(offset, 0, headers)
    for i, row in enumerate(rows, offset + 1):
        for j, value in enumerate(row):
            if value is not None:
                sheet.write(i, j, value)
    book.close()
    return buffer.getvalue()


def csv_bytes(headers, rows, encoding="utf-8-sig"):
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(headers)
    writer.writerows(rows)
    return text.getvalue().encode(encoding)


def upload(name, content):
    return SimpleUploadedFile(name, content)
