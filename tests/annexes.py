"""Write the same annex as .xlsx (openpyxl), .xls (xlwt), .ods (by hand: a zip of XML) and .csv."""

from __future__ import annotations

import csv
import datetime as dt
import io
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

Merge = tuple[int, int, int, int]
"""First row, first column, last row, last column; 0-based, inclusive."""


@dataclass(frozen=True)
class Formula:
    """A cell computed by a formula (`=A7+1`), with the value a spreadsheet program would cache."""

    expression: str
    cached: object = None


def write_annex(path: Path, rows: list[list[object]], merges: list[Merge] = (), sheet: str = "Phụ lục",
                hidden: set[int] = frozenset()) -> Path:
    """Write rows (None: an empty cell; merged cells but the first are None) in the format of path's suffix.

    hidden: 0-based rows hidden in the sheet (a CSV has no hidden rows: they are written as any other).
    """
    writer = {".xlsx": _xlsx, ".xls": _xls, ".ods": _ods, ".csv": _csv}[path.suffix]
    writer(path, rows, list(merges), sheet, hidden=set(hidden))
    return path


def _xlsx(path: Path, rows: list[list[object]], merges: list[Merge], sheet: str, hidden: set[int]) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(r, c, "=" + value.expression if isinstance(value, Formula) else value)
    for r0, c0, r1, c1 in merges:
        ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    for r in hidden:
        ws.row_dimensions[r + 1].hidden = True
    book.save(path)


def _xls(path: Path, rows: list[list[object]], merges: list[Merge], sheet: str, hidden: set[int]) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    dates = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    starts = {(m[0], m[1]): m for m in merges}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, Formula):
                value = xlwt.Formula(value.expression)
            if (r, c) in starts:
                r0, c0, r1, c1 = starts[(r, c)]
                ws.write_merge(r0, r1, c0, c1, value)
            elif isinstance(value, dt.date):
                ws.write(r, c, value, dates)
            else:
                ws.write(r, c, value)
    for r in hidden:
        ws.row(r).hidden = True
    book.save(str(path))


_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
_MIME = "application/vnd.oasis.opendocument.spreadsheet"


def _ods_cell(value: object, span: str) -> str:
    formula = ""
    if isinstance(value, Formula):
        formula = f' table:formula="of:={escape(value.expression, {chr(34): "&quot;"})}"'
        value = value.cached
    if value is None:
        return f"<table:table-cell{span}{formula}/>"
    if isinstance(value, dt.date):
        kind = f'office:value-type="date" office:date-value="{value.isoformat()}"'
    elif isinstance(value, (int, float)):
        kind = f'office:value-type="float" office:value="{value}"'
    else:
        kind = 'office:value-type="string"'
    return f"<table:table-cell{span}{formula} {kind}><text:p>{escape(str(value))}</text:p></table:table-cell>"


def _ods(path: Path, rows: list[list[object]], merges: list[Merge], sheet: str, hidden: set[int] = frozenset(),
         manifest_extra: str = "") -> None:
    starts = {(m[0], m[1]): m for m in merges}
    covered = {(r, c) for r0, c0, r1, c1 in merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - set(starts)
    body: list[str | int] = []  # a number: that many blank rows
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            if (r, c) in covered:
                cells.append("<table:covered-table-cell/>")
                continue
            span = ""
            if (r, c) in starts:
                r0, c0, r1, c1 = starts[(r, c)]
                span = f' table:number-rows-spanned="{r1 - r0 + 1}" table:number-columns-spanned="{c1 - c0 + 1}"'
            cells.append(_ods_cell(value, span))
        visibility = ' table:visibility="collapse"' if r in hidden else ""
        if not visibility and all(v is None for v in row) and not any((r, c) in covered for c in range(len(row))):
            blanks = body.pop() + 1 if body and isinstance(body[-1], int) else 1  # LibreOffice writes them once
            body.append(blanks)
            continue
        body.append(f"<table:table-row{visibility}>" + "".join(cells) + "</table:table-row>")
    # LibreOffice pads every sheet with one row repeated to the end of the sheet.
    body.append(1048000)
    body = [f'<table:table-row table:number-rows-repeated="{b}"><table:table-cell/></table:table-row>'
            if isinstance(b, int) else b for b in body]
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} office:version="1.3">'
               f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">'
               + "".join(body) + "</table:table></office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
                f'manifest:media-type="{_MIME}"/><manifest:file-entry manifest:full-path="content.xml" '
                f'manifest:media-type="text/xml">{manifest_extra}</manifest:file-entry></manifest:manifest>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), _MIME)  # first and stored, as the format asks
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)


def encrypted_ods(path: Path) -> Path:
    """Write an .ods whose manifest says its content is encrypted, as LibreOffice's 'Save with password' does."""
    _ods(path, [["x"]], [], "Sheet1", manifest_extra='<manifest:encryption-data manifest:checksum-type="SHA1/1K" '
         'manifest:checksum="AAAA"/>')
    return path


def _csv(path: Path, rows: list[list[object]], merges: list[Merge], sheet: str, hidden: set[int]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([["" if v is None else v for v in row] for row in rows])


def compound_file(path: Path, streams: dict[str, bytes]) -> Path:
    """Write a minimal compound file (the container of .xls and of password-protected .xlsx)."""
    sector = 512
    data_sectors: list[bytes] = []
    entries = [("Root Entry", 5, 0xFFFFFFFE, 0)]
    for name, content in streams.items():
        content = content.ljust(max(4096, -(-len(content) // sector) * sector), b"\0")  # no mini stream
        entries.append((name, 2, len(data_sectors), len(content)))
        data_sectors += [content[i:i + sector] for i in range(0, len(content), sector)]
    fat_at, dir_at = len(data_sectors), len(data_sectors) + 1
    fat = []
    for _, _kind, first, size in entries[1:]:
        fat += [first + i + 1 for i in range(size // sector - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFD, 0xFFFFFFFE]  # the FAT sector itself, then the directory's one sector
    fat_sector = struct.pack(f"<{sector // 4}I", *(fat + [0xFFFFFFFF] * (sector // 4 - len(fat))))
    directory = b""
    for index, (name, kind, first, size) in enumerate(entries):
        encoded = (name + "\0").encode("utf-16-le")
        child = 1 if index == 0 and len(entries) > 1 else 0xFFFFFFFF
        right = index + 1 if 0 < index < len(entries) - 1 else 0xFFFFFFFF
        directory += (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                      + struct.pack("<III", 0xFFFFFFFF, right, child) + b"\0" * 36
                      + struct.pack("<IQ", first, size))
    directory = directory.ljust(sector, b"\0")
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHH", 0x3E, 3, 0xFFFE, 9)
              + struct.pack("<H", 6) + b"\0" * 10 + struct.pack("<IIIIIIII", 1, dir_at, 0, 4096, 0xFFFFFFFE, 0,
                                                                   0xFFFFFFFE, 0)
              + struct.pack("<109I", fat_at, *([0xFFFFFFFF] * 108)))
    path.write_bytes(header + b"".join(data_sectors) + fat_sector + directory)
    return path


def write_text_annex(path: Path, rows: list[list[object]], encoding: str, delimiter: str) -> Path:
    """Write rows as text: Excel's 'Unicode Text' is encoding 'utf-16' (LE, with a BOM) and tabs, lines ending CRLF."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(
        [["" if v is None else v for v in row] for row in rows])
    path.write_bytes(out.getvalue().encode(encoding))
    return path
