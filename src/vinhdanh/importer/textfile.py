"""An annex saved as text: CSV (comma or semicolon) or Excel's "Unicode Text" (UTF-16, tab-separated).

Excel saves "CSV UTF-8" with a BOM, plain "CSV" in the machine's code page (Windows-1258 in
Vietnam: refused with the fix), and "Unicode Text" as UTF-16 LE with a BOM and tabs.
"""

from __future__ import annotations

import codecs
import csv
import io

from .sheet import MAX_ROWS, FileRefused, Sheet

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def text_sheet(data: bytes) -> Sheet:
    """Return the one sheet of a text annex; raise FileRefused when it cannot be read."""
    text = _decode(data)
    if "\0" in text:
        raise FileRefused("not a text file, so not a CSV; vinhdanh reads .xlsx, .xls, .ods, .csv and .txt files")
    if text.count("\n") > MAX_ROWS:
        raise FileRefused(f"{text.count(chr(10)):,} lines; an honour list is refused past {MAX_ROWS:,} rows: "
                          "split it into several files")
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    rows: list[list[str]] = []
    try:
        for record in reader:  # one row per record, as Excel shows a cell broken over two lines: one row
            rows.append(record)
    except csv.Error as err:
        raise FileRefused(f"line {reader.line_num}: {err}; check the quotes on that line") from None
    return Sheet("", rows)


def _decode(data: bytes) -> str:
    """Return the text of UTF-8 (with or without BOM) or UTF-16 (LE or BE, with a BOM or by its zero bytes)."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is None:
        encoding = _utf16_without_bom(data[:4096]) or "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        if encoding.startswith("utf-16"):
            raise FileRefused("the file is not valid UTF-16 text (it is cut short, or not text); save it again "
                              "as 'Unicode Text' or 'CSV UTF-8'") from None
        line = data[: err.start].count(b"\n") + 1
        raise FileRefused(f"line {line} is not UTF-8 (Excel's plain 'CSV' saves Windows-1258); save it as "
                          "'CSV UTF-8 (Comma delimited)' or 'Unicode Text', or import the .xlsx") from None


def _utf16_without_bom(head: bytes) -> str | None:
    """Return the byte order of UTF-16 text that lost its BOM: ASCII letters leave every other byte zero."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if len(head) < 4 or max(even, odd) < len(head) // 4:
        return None
    return "utf-16-le" if odd > even else "utf-16-be"


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Return how the file separates cells: tabs when most lines have one, else what the sniffer finds."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if lines and sum("\t" in line for line in lines) * 2 > len(lines):
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",;")
    except csv.Error:
        return csv.excel
