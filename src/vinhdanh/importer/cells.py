"""Cell values as they arrive from spreadsheets: text, numbers, dates and years, cleaned."""

from __future__ import annotations

import datetime as dt
import functools
import re

from ..records.schema import FIRST_YEAR
from ..text import fold, nfc
from .resolve import name_key

# Spaces Word and Excel leave behind: no-break, figure, narrow no-break; zero-width ones vanish.
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u200b": None, "\ufeff": None,
                         "\u200c": None, "\u200d": None})
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel counts a 29/02/1900 that never was)


@functools.lru_cache(maxsize=65536)  # annexes repeat the same positions and units thousands of times
def clean(value: str) -> str:
    """Return text in NFC with Ð read as Đ, every run of spaces and line breaks made one space."""
    return " ".join(nfc(value).translate(_SPACES).split())


def cell_text(value: object) -> str:
    """Return what a person reads in the cell: 1.0 is "1", a date is dd/mm/yyyy."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    return clean(str(value))


_DMY = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2,4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{2,4})")


def parse_date(value: object) -> dt.date | str:
    """Return the date in a cell, or what is wrong with it (a message ending in the fix)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466 and float(value).is_integer():  # an Excel serial day
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        return f"expected a date like 15/01/2026, got the number {cell_text(value)!r}"
    text = cell_text(value)
    folded = fold(text)
    if match := _YMD.fullmatch(text):
        year, month, day = match.groups()
    elif match := (_DMY.fullmatch(text) or _WORDS.fullmatch(folded)):
        day, month, year = match.groups()
    else:
        return f"expected a date like 15/01/2026 (day/month/year), got {text!r}"
    if len(year) != 4:
        return f"the year of {text!r} has {len(year)} digits; write it in full, like 15/01/2026"
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return f"no such day: {text!r}; check the day and the month (day/month/year)"


_YEAR = re.compile(r"(?:nam\s*)?(\d{4})")
_PERIOD = re.compile(r"(?:giai doan\s*)?(\d{4})\s*[-–—]\s*(\d{4})")


def parse_year(value: object) -> str | tuple[str]:
    """Return "2025" or "2016-2020" as the records write them, or (what is wrong,)."""
    text = cell_text(value)
    folded = fold(text)
    last_year = dt.date.today().year + 1
    if match := _PERIOD.fullmatch(folded):
        first, last = (int(y) for y in match.groups())
        if FIRST_YEAR <= first < last <= last_year:
            return f"{first}-{last}"
    elif (match := _YEAR.fullmatch(folded)) and FIRST_YEAR <= int(match[1]) <= last_year:
        return match[1]
    return (f"expected a year like 2025 or a period like 2016-2020 (from {FIRST_YEAR} to {last_year}), "
            f"got {text!r}",)


_NUMBERED = re.compile(r"\d+(?:\.\d+)*\.?")


def is_number(value: object) -> bool:
    """Return whether a cell holds a row number: 7, 7.0, "7", "07", "2.3"."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value).is_integer() and value > 0
    return bool(_NUMBERED.fullmatch(cell_text(value)))


# What annexes write before a person's name: forms of address and ranks of the armed forces, police and
# military procuracies. Compared as names are (no case, one tone placement: "Đại uý" is "Đại úy").
_ADDRESS = ("Đồng chí", "Đ/c", "Ông", "Bà", "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá",
            "Thượng tá", "Trung tá", "Thiếu tá", "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy", "Chuẩn úy",
            "Thượng sĩ", "Trung sĩ", "Hạ sĩ")


_ADDRESS_WORDS = tuple(tuple(name_key(word) for word in form.split()) for form in _ADDRESS)
_FIRST_WORDS = {form[0] for form in _ADDRESS_WORDS}


def bare_name(name: str) -> str:
    """Return a person's name without what precedes it: "Đồng chí Thượng tá Nguyễn Văn A" → "Nguyễn Văn A".

    "Ông" is also a family name (Ông Ích Khiêm): it is taken for "Mr" only before three words or more, or
    when a period or colon follows it.
    """
    words = name.split()
    while True:
        if not words or name_key(words[0].rstrip(".:")) not in _FIRST_WORDS:  # most names: one look-up
            return " ".join(words)
        for form in _ADDRESS_WORDS:
            head = words[:len(form)]
            if tuple(name_key(w.rstrip(".:")) for w in head) != form:
                continue
            rest = len(words) - len(form)
            marked = head[-1][-1] in ".:"
            if rest >= {"ông": 3, "bà": 2}.get(form[0], 1) or (marked and rest >= 1):
                words = words[len(form):]
                break
        else:
            return " ".join(words)
