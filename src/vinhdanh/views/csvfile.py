"""CSV files the site offers for download, safe to open in a spreadsheet.

A cell that begins with `=`, `+`, `-` or `@` is a formula to Excel and LibreOffice, and
one that begins with a tab or a carriage return can hide one: a name written
`=HYPERLINK("http://…")` in a record would become a live link, or run a command (DDE), in
the spreadsheet of whoever opens the roll. As OWASP advises ("CSV Injection"), such a cell
is written with a leading `'`, which spreadsheets show as text, and every text cell is quoted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Return value as a spreadsheet should read it: text that could start a formula gets a leading "'"."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(rows: Iterable[Iterable[object]]) -> bytes:
    """Return rows as CSV in UTF-8 with a BOM (so that Excel reads Vietnamese), text quoted and made safe."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC)
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
