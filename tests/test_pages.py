"""Golden tests of the rendered Markdown. Update with: UPDATE_GOLDEN=1 make test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vinhdanh.project import Project
from vinhdanh.records.checks import checked_catalogue
from vinhdanh.records.load import load
from vinhdanh.records.model import Catalogue
from vinhdanh.views.pages import SiteRenderer
from vinhdanh.views.rendering import markdown_inline
from vinhdanh.views.uris import Links

from .conftest import write

GOLDEN = Path(__file__).parent / "golden"


def renderer(records: Path, catalogue: Catalogue, overrides: Path | None = None) -> SiteRenderer:
    """Return the renderer of a catalogue read from records (an exemplars/ folder)."""
    root = records.parent
    return Project(root, records, root / "content", overrides or root / "overrides").renderer(catalogue)


@pytest.fixture
def pages(records: Path) -> dict[str, str]:
    write(records, {
        "people/tran-thi-anh.yml": "name: Trần Thị Ánh\nunit: vks-bac-ninh\nhonours:\n"
                                    "  - {title: bk-vien-truong, year: 2016-2020, decision: 9/QĐ-VKSTC}\n",
        "people/do-van-hoa.yml": "name: Đỗ Văn Hoà\nposition: Kiểm tra viên <b>chính</b>\nunit: vks-toi-cao\n"
                                 "summary: 'Giỏi & tận tâm <script>alert(1)</script>'\n",
        "people/an-private.yml": "name: Ẩn Danh\nunit: vks-toi-cao\npublished: false\nhonours:\n"
                                 "  - {title: cstd-nganh, year: 2020, decision: 123/QĐ-VKSTC, date: 2021-01-14}\n",
        "people/le-van-an.yml": "name: Lê Văn An\nposition: Kiểm sát viên trung cấp\nunit: vks-bac-ninh\nhonours:\n"
                                "  - {title: cstd-nganh, year: 2020, decision: 123/QĐ-VKSTC, date: 2021-01-14,\n"
                                "     position: Kiểm sát viên sơ cấp, unit: vks-bac-giang}\n",
        "collectives/phong-kiem-sat.yml": "name: Phòng Kiểm sát <b>1</b>\nunit: vks-bac-ninh\nhonours:\n"
                                          "  - {title: bk-vien-truong, year: 2020, decision: 123/QĐ-VKSTC, "
                                          "date: 2021-01-14}\n",
    })
    catalogue, _ = checked_catalogue(load(records))
    return {page.src_uri: page.inline() for page in renderer(records, catalogue).pages()}


@pytest.mark.parametrize("uri", ["ca-nhan/nguyen-thi-thu-ha.md", "tap-the/phong-tdkt.md", "ca-nhan/index.md",
                                 "nam/2020.md", "danh-hieu/cstd-nganh.md", "don-vi/vks-bac-giang.md",
                                 "phong-trao/thi-dua-2020.md", "index.md", "quyet-dinh/index.md",
                                 "quyet-dinh/123-qd-vkstc-2021.md", "bang-vang/2020.md", "thong-ke/index.md",
                                 "sang-kien/index.md"])
def test_page_matches_golden(pages: dict[str, str], uri: str) -> None:
    golden = GOLDEN / uri.replace("/", "__")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(pages[uri], encoding="utf-8")
    assert pages[uri] == golden.read_text(encoding="utf-8")


def test_every_kind_of_page_is_generated(pages: dict[str, str]) -> None:
    assert set(pages) == {
        "index.md", "ca-nhan/index.md", "tap-the/index.md", "nam/index.md", "danh-hieu/index.md",
        "don-vi/index.md", "phong-trao/index.md", "tim-kiem/index.md",
        "ca-nhan/nguyen-thi-thu-ha.md", "ca-nhan/tran-thi-anh.md", "ca-nhan/do-van-hoa.md", "tap-the/phong-tdkt.md",
        "nam/2020.md", "danh-hieu/cstd-nganh.md", "danh-hieu/tap-the-ldxs.md", "danh-hieu/bk-vien-truong.md",
        "don-vi/vks-toi-cao.md", "don-vi/vks-bac-giang.md", "don-vi/vks-bac-ninh.md", "phong-trao/thi-dua-2020.md",
        "ca-nhan/le-van-an.md", "tap-the/phong-kiem-sat.md", "quyet-dinh/index.md", "quyet-dinh/123-qd-vkstc-2021.md",
        "quyet-dinh/9-qd-vkstc.md", "lay-y-kien/index.md", "sang-kien/index.md",
        "bang-vang/index.md", "bang-vang/2020.md", "thong-ke/index.md", "van-ban/index.md",
    }


def test_unpublished_and_private_data_appear_nowhere(pages: dict[str, str]) -> None:
    everything = "\n".join(pages.values())
    assert "Ẩn Danh" not in everything and "an-private" not in everything
    assert "0912 345 678" not in everything


def test_text_from_records_is_escaped(pages: dict[str, str]) -> None:
    page = pages["ca-nhan/do-van-hoa.md"]
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Kiểm tra viên &lt;b&gt;chính&lt;/b&gt;" in page


def test_a_to_z_files_people_by_given_name(pages: dict[str, str]) -> None:
    page = pages["ca-nhan/index.md"]
    order = [page.index(name) for name in ("Trần Thị Ánh", "Nguyễn Thị Thu Hà", "Đỗ Văn Hoà")]
    assert order == sorted(order)
    assert "{: #chu-a }" in page and "{: #chu-h }" in page


def test_links_are_relative_to_the_page() -> None:
    links = Links("ca-nhan/ha.md", directory_urls=True)
    assert links("unit", "vks") == "../../don-vi/vks/"
    assert links("home") == "../../"
    assert links.to("anh/ca-nhan/ha.jpg") == "../../anh/ca-nhan/ha.jpg"
    assert links.md("unit", "vks") == "../don-vi/vks.md"
    assert Links("index.md", directory_urls=True)("person") == "ca-nhan/"
    flat = Links("ca-nhan/ha.md", directory_urls=False)
    assert flat("unit", "vks") == "../don-vi/vks.html" and flat("person") == "../ca-nhan/index.html"
    assert Links("index.md", directory_urls=True)("home") == "./"


def test_markdown_inline_escapes_html_and_markdown() -> None:
    assert markdown_inline("a_b *c* <i>") == "a\\_b \\*c\\* &lt;i&gt;"


def test_site_templates_override_the_package(records: Path, tmp_path: Path) -> None:
    write(tmp_path / "overrides", {"home.md": "# Trang riêng {{ rel.people|length }}\n"})
    catalogue, _ = checked_catalogue(load(records))
    assert next(renderer(records, catalogue, tmp_path / "overrides").pages()).markdown == "# Trang riêng 1"


def test_html_is_kept_out_of_markdown_and_put_back(pages: dict[str, str], records: Path) -> None:
    catalogue, _ = checked_catalogue(load(records))
    page = next(p for p in renderer(records, catalogue).pages() if p.src_uri == "nam/2020.md")
    assert "<table" not in page.markdown and "\n\nvinhdanhblock0\n\n" in page.markdown
    assert page.restore_html("<h2>x</h2>\n<p>vinhdanhblock0</p>") == "<h2>x</h2>\n" + page.html_blocks[0]
    assert page.inline() == pages["nam/2020.md"]


def test_decision_roll_groups_titles_and_kinds_and_keeps_the_position_at_the_time(pages: dict[str, str]) -> None:
    page = pages["quyet-dinh/123-qd-vkstc-2021.md"]
    assert page.index("## Chiến sĩ thi đua ngành") < page.index("## Bằng khen")  # by rank
    row = next(line for line in page.splitlines() if "Lê Văn An" in line)
    assert "Kiểm sát viên sơ cấp" in row and "trung cấp" not in row  # the position then, not now
    assert "Viện kiểm sát nhân dân tỉnh Bắc Giang" in page  # the unit then
    assert "Ẩn Danh" not in page and "Phòng Kiểm sát &lt;b&gt;1&lt;/b&gt;" in page
    assert 'href="../../quyet-dinh/123-qd-vkstc-2021/123-qd-vkstc-2021.csv" download' in page
    assert ('<a href="../../quyet-dinh/123-qd-vkstc-2021/"><span class="vd-nowrap">123/QĐ-VKSTC</span> ngày '
            '14/01/2021</a>') in pages[
        "ca-nhan/nguyen-thi-thu-ha.md"]


def test_decision_roll_is_a_csv_excel_reads_in_vietnamese(records: Path) -> None:
    write(records, {"people/an-private.yml": "name: Ẩn Danh\nunit: vks-toi-cao\npublished: false\nhonours:\n"
                    "  - {title: cstd-nganh, year: 2020, decision: 123/QĐ-VKSTC, date: 2021-01-14}\n"})
    catalogue, _ = checked_catalogue(load(records))
    downloads = dict(renderer(records, catalogue).downloads())
    data = downloads["quyet-dinh/123-qd-vkstc-2021/123-qd-vkstc-2021.csv"]
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines() == [  # text quoted, so that no cell is read as a formula
        '"STT","Tập thể, cá nhân","Chức vụ","Đơn vị","Danh hiệu","Năm","Số quyết định","Ngày quyết định",'
        '"Cấp quyết định"',
        '1,"Nguyễn Thị Thu Hà","Kiểm sát viên trung cấp","Viện kiểm sát nhân dân tỉnh Bắc Giang",'
        '"Chiến sĩ thi đua ngành Kiểm sát nhân dân","2020","123/QĐ-VKSTC","14/01/2021",""',
    ]
