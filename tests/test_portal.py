"""What an agency's portal owes its readers (Decree 42/2022/NĐ-CP): contact, a page in English, related agencies,
the organisation in every footer; the nominations page's legal basis. All from the settings in mkdocs.yml."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from vinhdanh.project import Project
from vinhdanh.records.checks import checked_catalogue
from vinhdanh.records.load import load
from vinhdanh.records.settings import DEFAULT_LEGAL_BASIS, Agency, Contact, Organisation, Settings

from .sitebuild import build_site, copy_project, drop_setting

GOLDEN = Path(__file__).parent / "golden"
SETTINGS = Settings(
    organisation=Organisation("Viện kiểm sát nhân dân tỉnh Bắc Ninh", "People's Procuracy of Bắc Ninh",
                              "Phòng Tổ chức cán bộ", "", "Số 1 Lý Thái Tổ, Bắc Ninh", "0222 3821 000",
                              "tckb@vks.bacninh.gov.vn"),
    contact=Contact("Lê Thị Hồng", "Trưởng phòng", "0222 3821 000", "tckb@vks.bacninh.gov.vn"),
    related=(Agency("VKSND tối cao", "https://vksndtc.gov.vn"), Agency("Trang <b>nội bộ</b>", "/noi-bo/")),
    legal_basis=("Luật Thi đua, khen thưởng số 06/2022/QH15", "Quy chế thi đua của đơn vị"))


def rendered(records: Path, settings: Settings) -> dict[str, str]:
    catalogue, _ = checked_catalogue(load(records))
    project = Project(records.parent, records, records.parent / "content", records.parent / "overrides",
                      settings=settings)
    return {page.src_uri: page.inline() for page in project.renderer(catalogue).pages()}


@pytest.mark.parametrize("uri", ["lien-he.md", "en.md"])
def test_contact_and_english_pages_match_golden(records: Path, uri: str) -> None:
    page = rendered(records, SETTINGS)[uri]
    golden = GOLDEN / f"portal__{uri}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(page, encoding="utf-8")
    assert page == golden.read_text(encoding="utf-8")


def test_the_pages_come_from_the_settings_and_escape_them(records: Path) -> None:
    pages = rendered(records, SETTINGS)
    contact = pages["lien-he.md"]
    assert '<a href="tel:02223821000">0222 3821 000</a>' in contact
    assert '<a href="mailto:tckb@vks.bacninh.gov.vn">' in contact
    assert "Lê Thị Hồng" in contact and "Trưởng phòng" in contact
    assert '<a href="/noi-bo/">Trang &lt;b&gt;nội bộ&lt;/b&gt;</a>' in contact
    english = pages["en.md"]
    assert english.startswith("---\ntitle: About this site\n")
    assert '<div lang="en" class="vd-english" markdown>' in english
    assert "People&#39;s Procuracy of Bắc Ninh" in english and '<span lang="vi">Lê Thị Hồng, Trưởng phòng</span>' in english
    # The nominations page cites what the settings give.
    basis = pages["lay-y-kien/index.md"]
    assert "<li>Luật Thi đua, khen thưởng số 06/2022/QH15;</li>\n<li>Quy chế thi đua của đơn vị.</li>" in basis


def test_without_an_organisation_there_is_no_contact_page_and_the_law_in_force_is_cited(records: Path) -> None:
    pages = rendered(records, Settings())
    assert "lien-he.md" not in pages and "en.md" not in pages
    nominations = pages["lay-y-kien/index.md"]
    assert all(law in nominations for law in DEFAULT_LEGAL_BASIS)
    assert "152/2025/NĐ-CP" in nominations and "98/2023" not in nominations


# --- The demo, built ------------------------------------------------------------------------------------------

def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_page_names_the_organisation_its_contact_and_related_agencies(demo_site: Path) -> None:
    pages = [p for p in demo_site.rglob("*.html") if p.name != "404.html"] + [demo_site / "404.html"]
    assert len(pages) > 60
    for page in pages:
        footer = read(page, "").split('<footer class="md-footer">', 1)[1]
        assert "<strong>Viện kiểm sát nhân dân tối cao</strong> · Vụ Thi đua – Khen thưởng (Vụ 16)" in footer, page
        assert 'Điện thoại: <a href="tel:02438255058">024 3825 5058</a>' in footer, page
        assert re.search(r'<a href="(?:[./]*lien-he/|\./)">Liên hệ</a> · <a href="(?:[./]*en/|\./)" hreflang="en" '
                         r'lang="en">English</a>', footer), page
        assert '<nav class="vd-footer vd-footer__related" aria-label="Liên kết đến cơ quan khác">' in footer, page
        assert "Dữ liệu minh họa, nhân vật hư cấu" in footer, page


def test_the_contact_page_names_the_official(demo_site: Path) -> None:
    page = read(demo_site, "lien-he/index.html")
    assert "<dt>Họ và tên</dt> <dd>Trần Minh Quân</dd>" in page
    assert "<dt>Chức vụ</dt> <dd>Phó Vụ trưởng Vụ Thi đua – Khen thưởng</dd>" in page
    assert '<li><a href="https://chinhphu.vn">Cổng Thông tin điện tử Chính phủ</a></li>' in page
    assert '<a href="../en/" hreflang="en" lang="en">About this site in English</a>' in page


def test_the_english_page_is_marked_english(demo_site: Path) -> None:
    page = read(demo_site, "en/index.html")
    content = page.split('<div class="vd-english" lang="en">', 1)[1]
    assert content.lstrip().startswith('<h1 id="about-this-site">About this site')
    assert "Department of Emulation and Commendation, Supreme People&#39;s Procuracy of Viet Nam." in content
    assert '<span lang="vi">điển hình tiên tiến</span>' in content
    assert "<title>About this site - " in page


def test_a_site_without_settings_builds_as_before(tmp_path: Path, records: Path) -> None:
    (tmp_path / "p").mkdir()
    project = copy_project(tmp_path / "p", records)
    for name in ("organisation", "contact", "related", "about_en", "footer", "legal_basis"):
        drop_setting(project, name)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      - Liên hệ: lien-he.md\n      - English: en.md\n", ""), encoding="utf-8")
    site = build_site(project)
    assert not (site / "lien-he").exists() and not (site / "en").exists()
    home = read(site, "index.html")
    assert "vd-footer" not in home and "md-copyright" in home
    assert "Nghị định số 152/2025/NĐ-CP" in read(site, "lay-y-kien/index.html")


def test_the_contact_page_is_searched_and_the_english_one_is_not(records: Path) -> None:
    catalogue, _ = checked_catalogue(load(records))
    project = Project(records.parent, records, records.parent / "content", records.parent / "overrides",
                      settings=SETTINGS)
    pages = {page.src_uri: page for page in project.renderer(catalogue).pages()}
    assert pages["lien-he.md"].search_data and not pages["en.md"].search_data


def test_legal_basis_items_end_with_one_mark(records: Path) -> None:
    settings = Settings(legal_basis=("Luật Thi đua, khen thưởng số 06/2022/QH15;", "Nghị định số 152/2025/NĐ-CP."))
    nominations = rendered(records, settings)["lay-y-kien/index.md"]
    assert "<li>Luật Thi đua, khen thưởng số 06/2022/QH15;</li>\n<li>Nghị định số 152/2025/NĐ-CP.</li>" in nominations
