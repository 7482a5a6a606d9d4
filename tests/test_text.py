from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from vinhdanh.text import (
    fold,
    format_date,
    format_datetime,
    initial,
    name_sort_key,
    nfc,
    slugify,
    sort_key,
    split_name,
    toc_slugify,
)


@pytest.mark.parametrize(("text", "key"), [
    ("Nguyễn Hải Trâm", "nguyen hai tram"),
    ("Đào Đức Thắng", "dao duc thang"),
    ("Hoà", "hoa"), ("Hòa", "hoa"),
    (unicodedata.normalize("NFD", "Lê Thị Hằng"), "le thi hang"),
    ("Ðỗ Văn Hoà", "do van hoa"),  # U+00D0, the look-alike
    ("CSTĐ ngành", "cstd nganh"),
])
def test_fold_makes_search_keys(text: str, key: str) -> None:
    assert fold(text) == key


def test_nfc_composes_and_reads_eth_as_d_stroke() -> None:
    decomposed = unicodedata.normalize("NFD", "Thuý")
    assert len(decomposed) == 5
    assert nfc(decomposed) == "Thuý"
    assert nfc("Ðào ðức") == "Đào đức"


@pytest.mark.parametrize(("text", "slug"), [
    ("Đỗ Văn Hoà", "do-van-hoa"),
    ("VKSND khu vực 1 - Đắk Lắk", "vksnd-khu-vuc-1-dak-lak"),
    ("Quyết định số 38/QĐ-VKSTC ngày 24/7/2023", "quyet-dinh-so-38-qd-vkstc-ngay-24-7-2023"),
    ("Tập thể lao động xuất sắc", "tap-the-lao-dong-xuat-sac"),
    ("  Nguyễn!!  ", "nguyen"),
])
def test_slugify_keeps_d_stroke_as_d(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_toc_slugify_has_markdown_signature() -> None:
    assert toc_slugify("Đổi mới công tác", "_") == "doi_moi_cong_tac"


def test_plain_sorted_is_wrong_and_ours_is_right() -> None:
    words = ["Uyên", "Ánh", "Đức", "An", "Dũng", "Ăn", "Ân", "Bình", "Ý"]
    plain = sorted(words)
    assert plain.index("Ánh") > plain.index("Uyên") and plain[-1] == "Đức"
    assert sorted(words, key=sort_key) == ["An", "Ánh", "Ăn", "Ân", "Bình", "Dũng", "Đức", "Uyên", "Ý"]


def test_tones_order_ngang_huyen_hoi_nga_sac_nang() -> None:
    assert sorted(["bạ", "bá", "bã", "bả", "bà", "ba"], key=sort_key) == ["ba", "bà", "bả", "bã", "bá", "bạ"]


def test_letters_decide_before_tones() -> None:
    # "Hà Anh" vs "Ha Bình": letters of the first syllable tie, the second decides.
    assert sorted(["Hà Bình", "Ha Cường", "Há An"], key=sort_key) == ["Há An", "Hà Bình", "Ha Cường"]


def test_people_sort_by_given_then_middle_then_family() -> None:
    people = ["Nguyễn Văn Đức", "Trần Thị Ánh", "Lê Văn An", "Phạm Thị Uyên", "Đỗ Văn Bình", "Nguyễn Thị Ánh"]
    assert sorted(people, key=name_sort_key) == [
        "Lê Văn An", "Nguyễn Thị Ánh", "Trần Thị Ánh", "Đỗ Văn Bình", "Nguyễn Văn Đức", "Phạm Thị Uyên",
    ]


def test_compound_family_names() -> None:
    assert split_name("Tôn Nữ Thị Ninh") == ("Tôn Nữ", "Thị", "Ninh")
    assert split_name("Nguyễn Thị Thu Hà") == ("Nguyễn", "Thị Thu", "Hà")
    assert split_name("Âu Dương Phong", family_name="Âu Dương") == ("Âu Dương", "", "Phong")
    assert split_name("Lê Thị Thu Hà", given_name="Thu Hà") == ("Lê", "Thị", "Thu Hà")
    # "Tôn Nữ Thị Ninh" files under N, with the other Ninhs, by middle name then family.
    names = ["Tôn Nữ Thị Ninh", "Hoàng Văn Ninh", "Lê Minh"]
    assert sorted(names, key=name_sort_key) == ["Lê Minh", "Tôn Nữ Thị Ninh", "Hoàng Văn Ninh"]


def test_initial_is_a_vietnamese_letter() -> None:
    assert [initial(w) for w in ["Ánh", "Ân", "Ăn", "Đức", "ương", "dũng"]] == ["A", "Â", "Ă", "Đ", "Ư", "D"]


def test_dates_are_dd_mm_yyyy() -> None:
    assert format_date(dt.date(2021, 1, 4)) == "04/01/2021"
    assert format_datetime(dt.datetime(2021, 1, 14, 23, 2)) == "14/01/2021 23:02"
