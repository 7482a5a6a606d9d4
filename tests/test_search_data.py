"""What search and the feed are given, tested without a build or a browser."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as etree
from pathlib import Path

from vinhdanh.mkdocs_plugin.pagefind import spaced
from vinhdanh.records.checks import checked_catalogue
from vinhdanh.records.load import load
from vinhdanh.records.stories import Cover, Story
from vinhdanh.text import VIETNAM
from vinhdanh.views.feed import ATOM, FeedEntry, atom_feed
from vinhdanh.views.relations import Relations
from vinhdanh.views.search import exemplar_search_data, shadow_block, shadow_text, story_search_data, synonym_groups

GROUPS = [("VKSND", "Viện kiểm sát nhân dân"), ("CSTĐ", "Chiến sĩ thi đua")]


def test_shadow_adds_d_words_folded_and_the_other_spellings_of_abbreviations() -> None:
    html = "<p>Đồng chí Đào Đức Thắng, <b>VKSND</b> tỉnh Bắc Ninh, được tặng danh hiệu CSTĐ.</p>"
    words = shadow_text(html, GROUPS).split()
    assert {"dong", "dao", "duc"} <= set(words)
    assert {"vien", "kiem", "sat", "nhan", "dan", "chien", "si", "thi", "dua"} <= set(words)
    assert "tinh" not in words and "ninh" not in words  # Pagefind folds tones itself: no need to repeat


def test_shadow_leaves_out_what_search_does_not_index() -> None:
    html = ('<p>Đào Đức Thắng</p><table><thead data-pagefind-ignore><tr><th>Quyết định</th></tr></thead>'
            '<tr><td data-pagefind-ignore="all">72/QĐ-VKSTC ngày 07/03/2026</td><td>Đà Nẵng</td></tr></table>')
    words = shadow_text(html, GROUPS).split()
    assert {"dao", "duc", "da"} <= set(words)
    assert "qd" not in words and "dinh" not in words


def test_shadow_is_empty_for_a_page_without_d_or_abbreviations() -> None:
    assert shadow_text("<p>Hoàn thành xuất sắc nhiệm vụ</p>", GROUPS) == ""
    assert shadow_block("") == ""


def test_shadow_block_is_hidden_bracketed_and_escaped() -> None:
    assert shadow_block("dao <x>") == ('<div class="vd-search-data" hidden aria-hidden="true">'
                                       "⟦dao⟧ ⟦&lt;x&gt;⟧</div>")


def test_exemplar_search_data_gives_facets_sort_and_meta(records: Path) -> None:
    catalogue, _ = checked_catalogue(load(records))
    rel = Relations(catalogue)
    data = exemplar_search_data(rel, catalogue.people["nguyen-thi-thu-ha"], "anh/ca-nhan/ha-320.jpg")
    assert data.startswith('<div class="vd-search-data" hidden>')
    found = re.findall(r'data-pagefind-(\w+)="([^"]*)"', data)
    assert ("filter", "loai:Cá nhân") in found
    assert ("filter", "don_vi:Viện kiểm sát nhân dân tỉnh Bắc Ninh") in found  # the province now
    assert ("filter", "nam:2020") in found and ("filter", "danh_hieu:Chiến sĩ thi đua ngành Kiểm sát nhân dân") in found
    assert ("filter", "phong_trao:Phong trào thi đua năm 2020") in found
    assert ("meta", "danh_hieu:Chiến sĩ thi đua ngành Kiểm sát nhân dân (2020)") in found
    assert ("sort", "ngay:20210114") in found  # the decision's date
    assert ("meta", "image:anh/ca-nhan/ha-320.jpg") in found and ("meta", "image_alt:Nguyễn Thị Thu Hà") in found


def test_story_search_data_is_dated_in_vietnam_time(records: Path) -> None:
    catalogue, _ = checked_catalogue(load(records))
    late = Story("news/posts/a.md", "Tin", dt.datetime(2020, 12, 31, 20, 0, tzinfo=dt.UTC), has_time=True,
                 exemplars=("nguyen-thi-thu-ha",), movement="thi-dua-2020", cover=Cover("news/images/a.jpg", "Ảnh a"))
    found = re.findall(r'data-pagefind-(\w+)="([^"]*)"', story_search_data(Relations(catalogue), late))
    # 20:00 UTC on 31/12/2020 is already 2021 in Vietnam.
    assert ("filter", "nam:2021") in found and ("sort", "ngay:20210101") in found
    assert ("meta", "ngay:01/01/2021 03:00") in found
    assert ("filter", "don_vi:Viện kiểm sát nhân dân tỉnh Bắc Ninh") in found
    assert ("meta", "image:news/images/a.jpg") in found


def test_synonym_groups_include_each_titles_aliases(records: Path) -> None:
    catalogue, _ = checked_catalogue(load(records))
    assert ("Chiến sĩ thi đua ngành Kiểm sát nhân dân", "CSTĐ ngành") in synonym_groups(Relations(catalogue))


def test_atom_feed_is_valid_newest_first_and_reproducible() -> None:
    entries = [FeedEntry(f"Tin {n}", f"http://x/tin-{n}/", dt.datetime(2024, 1, n, 9, 0, tzinfo=VIETNAM),
                         summary="Tóm tắt", authors=("Minh Nhật",), categories=("Hội nghị",),
                         image="http://x/a.webp" if n == 2 else None) for n in (1, 2, 3)]
    feed = atom_feed(entries, "Trang", "http://x/", "http://x/news/feed.xml", limit=2)
    assert feed == atom_feed(list(reversed(entries)), "Trang", "http://x/", "http://x/news/feed.xml", limit=2)
    root = etree.fromstring(feed)
    ns = {"a": ATOM}
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
    assert [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)] == ["Tin 3", "Tin 2"]
    assert root.findtext("a:updated", namespaces=ns) == "2024-01-03T09:00:00+07:00"
    [enclosure] = root.findall("a:entry/a:link[@rel='enclosure']", ns)
    assert enclosure.get("type") == "image/webp"
    empty = etree.fromstring(atom_feed([], "Trang", "http://x/", "http://x/news/feed.xml"))
    assert empty.findall("a:entry", ns) == [] and empty.findtext("a:updated", namespaces=ns).startswith("2000-")


def test_a_result_without_photo_has_no_picture_rather_than_another_page_s(records: Path) -> None:
    catalogue, _ = checked_catalogue(load(records))
    rel = Relations(catalogue)
    found = re.findall(r'data-pagefind-(\w+)="([^"]*)"', exemplar_search_data(rel, catalogue.people["nguyen-thi-thu-ha"],
                                                                             None))
    assert ("meta", "image:") in found  # explicit: Pagefind would take the page's first <img>
    bare = Story("news/posts/b.md", "Tin", dt.datetime(2024, 1, 1, tzinfo=VIETNAM), images=("news/images/b.jpg",))
    assert ("meta", "image:news/images/b.jpg") in re.findall(r'data-pagefind-(\w+)="([^"]*)"',
                                                            story_search_data(rel, bare))
    without = Story("news/posts/c.md", "Tin", dt.datetime(2024, 1, 1, tzinfo=VIETNAM))
    assert ("meta", "image:") in re.findall(r'data-pagefind-(\w+)="([^"]*)"', story_search_data(rel, without))


def test_words_of_neighbouring_blocks_are_kept_apart_for_search() -> None:
    assert spaced("<dl><dt>Cấp</dt><dd>Cấp ngành</dd><dt>Đơn vị</dt><dd>Viện</dd></dl>") == (
        "<dl><dt>Cấp</dt> <dd>Cấp ngành</dd> <dt>Đơn vị</dt> <dd>Viện</dd> </dl>")
    assert spaced("<p><b>Hà</b><i>Nội</i></p>") == "<p><b>Hà</b><i>Nội</i></p>"  # inline: one word stays one
