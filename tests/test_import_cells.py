"""Cells and names as they arrive from spreadsheets, read the way a person reads them."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from vinhdanh.importer.cells import bare_name, cell_text, clean, is_number, parse_date, parse_year
from vinhdanh.importer.resolve import canonical, loose
from vinhdanh.importer.table import header_key


@pytest.mark.parametrize(("value", "expected"), [
    (46037.0, dt.date(2026, 1, 15)), (46037, dt.date(2026, 1, 15)), ("15/01/2026", dt.date(2026, 1, 15)),
    ("15/1/2026", dt.date(2026, 1, 15)), ("15.01.2026", dt.date(2026, 1, 15)), ("2026-01-15", dt.date(2026, 1, 15)),
    ("ngày 15 tháng 01 năm 2026", dt.date(2026, 1, 15)), (dt.datetime(2026, 1, 15), dt.date(2026, 1, 15)),
])
def test_dates_come_as_excel_dates_serials_or_day_month_year_text(value: object, expected: dt.date) -> None:
    assert parse_date(value) == expected


def test_a_date_that_cannot_be_read_says_why() -> None:
    assert parse_date("15/01/26") == "the year of '15/01/26' has 2 digits; write it in full, like 15/01/2026"
    assert parse_date("31/02/2026") == "no such day: '31/02/2026'; check the day and the month (day/month/year)"
    assert parse_date("mười lăm") == "expected a date like 15/01/2026 (day/month/year), got 'mười lăm'"


def test_years_and_periods() -> None:
    assert [parse_year(v) for v in (2025, 2025.0, "2025", "Năm 2025", "2016 - 2020", "giai đoạn 2016–2020")] == [
        "2025", "2025", "2025", "2025", "2016-2020", "2016-2020"]
    assert isinstance(parse_year("20x5"), tuple) and isinstance(parse_year("2020-2016"), tuple)


def test_text_is_nfc_with_eth_as_d_stroke_and_spaces_collapsed() -> None:
    assert clean(unicodedata.normalize("NFD", "  Ðặng\u00a0Văn\n  Sơn\u200b ")) == "Đặng Văn Sơn"
    assert [cell_text(v) for v in (1.0, 2.5, 7, "", None, dt.date(2026, 1, 5))] == ["1", "2.5", "7", "", "", "05/01/2026"]
    assert [is_number(v) for v in (1.0, "07", "2.3", "I", "", 0)] == [True, True, True, False, False, False]


def test_header_names_ignore_case_marks_and_spaces() -> None:
    assert {header_key(h) for h in ("Họ và tên", "HỌ  VÀ TÊN", "Họ và  tên:", "ho va ten")} == {"hovaten"}


def test_units_written_with_the_usual_abbreviations_share_one_form() -> None:
    same = ["Văn phòng Viện kiểm sát nhân dân tối cao", "Văn phòng VKSND tối cao", "Văn phòng VKSNDTC",
            "văn phòng Viện KSND Tối cao", "Văn phòng VKSTC"]
    assert len({canonical(name) for name in same}) == 1
    assert canonical("VKSND TP. Hồ Chí Minh") == canonical("Viện kiểm sát nhân dân Thành phố Hồ Chí Minh")
    assert loose("VKSND Bắc Ninh") == loose("Viện kiểm sát nhân dân tỉnh Bắc Ninh")
    assert canonical("Viện Khoa học kiểm sát") != canonical("Viện kiểm sát")


@pytest.mark.parametrize(("written", "name"), [
    ("Ông Nguyễn Văn An", "Nguyễn Văn An"), ("Bà Lê Thị Bình", "Lê Thị Bình"), ("Đồng chí Trần Văn Cường", "Trần Văn Cường"),
    ("Đ/c Trần Văn Cường", "Trần Văn Cường"), ("Đ/C: Trần Văn Cường", "Trần Văn Cường"), ("đ/c. Trần Văn Cường", "Trần Văn Cường"),
    ("Đồng chí Thượng tá Nguyễn Văn An", "Nguyễn Văn An"), ("ĐỒNG CHÍ ĐẠI UÝ Lê Văn Dũng", "Lê Văn Dũng"),
    ("Đại úy Lê Văn Dũng", "Lê Văn Dũng"), ("Thiếu tướng: Phạm Văn Em", "Phạm Văn Em"), ("Trung tá. Phạm Văn Em", "Phạm Văn Em"),
    ("Thượng úy Vũ Văn Giang", "Vũ Văn Giang"), ("Trung úy Vũ Văn Giang", "Vũ Văn Giang"), ("Thiếu úy Vũ Văn Giang", "Vũ Văn Giang"),
    ("Đại tá Hồ Văn Hải", "Hồ Văn Hải"), ("Thiếu tá Hồ Văn Hải", "Hồ Văn Hải"), ("Trung tướng Hồ Văn Hải", "Hồ Văn Hải"),
    ("Đại tướng Hồ Văn Hải", "Hồ Văn Hải"), ("Thượng tướng Hồ Văn Hải", "Hồ Văn Hải"),
    ("Ông Ích Khiêm", "Ông Ích Khiêm"),  # Ông is also a family name
    ("Ông: Ích Khiêm", "Ích Khiêm"), ("Nguyễn Đại Tá", "Nguyễn Đại Tá"), ("Đồng chí", "Đồng chí"),
])
def test_forms_of_address_and_ranks_are_not_part_of_the_name(written: str, name: str) -> None:
    assert bare_name(written) == name
