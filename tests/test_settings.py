"""The organisation's settings in mkdocs.yml: checked with the line of each value, defaults, the news authors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from vinhdanh.cli import main
from vinhdanh.editor.records import authors_of
from vinhdanh.mkdocs_plugin.config import VinhdanhConfig
from vinhdanh.mkdocs_plugin.project_config import load_project
from vinhdanh.records.settings import DEFAULT_LEGAL_BASIS, Agency, Contact, Organisation

from .conftest import write
from .sitebuild import ROOT

HEAD = """\
site_name: x
docs_dir: content
theme:
  name: material
markdown_extensions:
  - toc:
      slugify: !!python/name:vinhdanh.text.toc_slugify
plugins:
  - vinhdanh:
"""
SETTINGS = """\
organisation:
  name: Viện kiểm sát nhân dân tỉnh Bắc Ninh
  office: Phòng Tổ chức cán bộ
  address: Số 1 Lý Thái Tổ, Bắc Ninh
  phone: 0222 3821 000
  email: tckb@vks.bacninh.gov.vn
contact:
  name: Lê Thị Hồng
  position: Trưởng phòng
related:
  - name: VKSND tối cao
    url: https://vksndtc.gov.vn
authors:
  minh-nhat:
    name: Minh Nhật
    description: Phóng viên
    avatar: news/minh-nhat.png
"""
STORY = "---\ntitle: Tin\ndate: 2024-01-02\nauthors: [minh-nhat]\n---\n\nNội dung.\n"


def site(root: Path, records: Path, settings: str, authors_file: str | None = None) -> Path:
    """Write a site around records whose plugin options are settings; return its mkdocs.yml."""
    config = HEAD + textwrap.indent(settings, " " * 6) + "  - blog:\n      blog_dir: news\n"
    files = {"mkdocs.yml": config, "content/index.md": "# Trang chủ\n", "content/news/posts/tin.md": STORY,
             "content/news/minh-nhat.png": "not read"}
    if authors_file is not None:
        files["content/news/.authors.yml"] = authors_file
    write(root, files)
    return root / "mkdocs.yml"


def check_errors(config: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(config.parent)
    status = main(["check"])
    lines = capsys.readouterr().err.splitlines()
    assert status == (1 if lines else 0)
    return lines[:-1]


def test_settings_are_read_with_their_defaults(records: Path) -> None:
    project = load_project(site(records.parent, records, SETTINGS))
    settings = project.settings
    assert settings.problems == ()
    assert settings.organisation == Organisation("Viện kiểm sát nhân dân tỉnh Bắc Ninh", "", "Phòng Tổ chức cán bộ", "",
                                                 "Số 1 Lý Thái Tổ, Bắc Ninh", "0222 3821 000",
                                                 "tckb@vks.bacninh.gov.vn")
    # The official's phone and e-mail are the office's unless given.
    assert settings.contact == Contact("Lê Thị Hồng", "Trưởng phòng", "0222 3821 000", "tckb@vks.bacninh.gov.vn")
    assert settings.related == (Agency("VKSND tối cao", "https://vksndtc.gov.vn"),)
    assert settings.legal_basis == DEFAULT_LEGAL_BASIS
    assert "152/2025/NĐ-CP" in " ".join(DEFAULT_LEGAL_BASIS) and "98/2023" not in " ".join(DEFAULT_LEGAL_BASIS)
    assert settings.author_names() == {"minh-nhat": "Minh Nhật"}
    assert authors_of(project) == {"minh-nhat": "Minh Nhật"}


def test_a_site_without_settings_keeps_the_blogs_authors_file(records: Path) -> None:
    authors = "authors:\n  hai-yen:\n    name: Hải Yến\n    description: Biên tập viên\n    avatar: a.png\n"
    project = load_project(site(records.parent, records, "exemplars: exemplars\n", authors))
    assert project.settings.organisation is None and project.settings.author_names() is None
    assert project.settings.legal_basis == DEFAULT_LEGAL_BASIS
    assert authors_of(project) == {"hai-yen": "Hải Yến"}


@pytest.mark.parametrize("old, new, expected", [
    ("  name: Viện kiểm sát nhân dân tỉnh Bắc Ninh\n", "", "mkdocs.yml:10: organisation: missing required key 'name'"),
    ("  address:", "  adress:", "mkdocs.yml:13: organisation.adress: unknown key (did you mean 'address'?); "
     "allowed: name, name_en, office, office_en, address, phone, email"),
    ("0222 3821 000", "gọi tổng đài", "mkdocs.yml:14: organisation.phone: expected a phone number like "
     "'024 3825 5058', got 'gọi tổng đài'"),
    ("tckb@vks.bacninh.gov.vn", "tckb at vks", "mkdocs.yml:15: organisation.email: expected an e-mail address like "
     "tdkt@vks.gov.vn, got 'tckb at vks'"),
    ("  position: Trưởng phòng\n", "", "mkdocs.yml:16: contact: missing required key 'position'"),
    ("https://vksndtc.gov.vn", "vksndtc.gov.vn", "mkdocs.yml:21: related[0].url: expected an address starting with "
     "https://, http:// or /, got 'vksndtc.gov.vn'"),
    ("https://vksndtc.gov.vn", "//vksndtc.gov.vn", "mkdocs.yml:21: related[0].url: expected an address starting with "
     "https://, http:// or /, got '//vksndtc.gov.vn'"),
    ("news/minh-nhat.png", "news/khong-co.png", "mkdocs.yml:26: authors.minh-nhat.avatar: file not found: "
     "content/news/khong-co.png; the path is relative to the docs folder"),
    ("news/minh-nhat.png", "https://x.vn/a.png", "mkdocs.yml:26: authors.minh-nhat.avatar: 'https://x.vn/a.png' "
     "would be loaded from another server, which the intranet may not reach; put the picture in the docs folder "
     "and give its path"),
    ("related:\n", "legal_basis: Luật Thi đua, khen thưởng\nrelated:\n", "mkdocs.yml:19: legal_basis: expected a list "
     "(lines starting with '- ' or [a, b]), got 'Luật Thi đua, khen thưởng'"),
    ("related:\n", "about_en: <script>alert(1)</script>\nrelated:\n",
     "mkdocs.yml:19: about_en: <script> is not allowed in Markdown here; remove it"),
])
def test_each_mistake_in_the_settings_names_its_line_in_mkdocs_yml(
        records: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        old: str, new: str, expected: str) -> None:
    assert old in SETTINGS
    config = site(records.parent, records, SETTINGS.replace(old, new, 1))
    assert check_errors(config, capsys, monkeypatch) == [expected]


def test_a_contact_official_needs_the_organisation(records: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    config = site(records.parent, records, SETTINGS[SETTINGS.index("contact:"):])
    assert check_errors(config, capsys, monkeypatch) == [
        "mkdocs.yml:10: contact: a contact official needs the organisation too: add 'organisation:' with its name, "
        "address, phone and e-mail"]


def test_authors_are_listed_in_one_place(records: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    authors = "authors:\n  minh-nhat:\n    name: Minh Nhật\n    description: Phóng viên\n    avatar: a.png\n"
    config = site(records.parent, records, SETTINGS, authors)
    assert check_errors(config, capsys, monkeypatch) == [
        "content/news/.authors.yml: the news authors are listed in mkdocs.yml (the vinhdanh plugin's 'authors') "
        "too; keep one list: move any author missing there, then delete this file"]
    (config.parent / "content/news/.authors.yml").unlink()
    (config.parent / "content/news/posts/tin.md").write_text(STORY.replace("minh-nhat", "minh-nhatt"), "utf-8")
    assert check_errors(config, capsys, monkeypatch) == [
        "content/news/posts/tin.md:4: authors[0]: no author 'minh-nhatt' in mkdocs.yml (the vinhdanh plugin's "
        "'authors') (did you mean 'minh-nhat'?); add the author there or fix the id"]


def test_an_unknown_option_is_answered_with_the_closest_one() -> None:
    config = VinhdanhConfig()
    config.load_dict({"organization": {"name": "x"}})
    failed, warnings = config.validate()
    assert failed == []
    assert warnings == [("organization", "Unrecognised configuration name: organization (did you mean "
                                         "'organisation'?)")]


def test_the_demo_settings_are_valid_and_name_its_authors() -> None:
    project = load_project(ROOT / "mkdocs.yml")
    assert project.settings.problems == ()
    assert project.settings.organisation and project.settings.contact
    assert list(authors_of(project)) == ["minh-nhat", "thien-thanh", "hai-yen"]
    assert not (ROOT / "content/news/.authors.yml").exists()


def test_settings_are_read_in_nfc(records: Path) -> None:
    import unicodedata

    config = site(records.parent, records, unicodedata.normalize("NFD", SETTINGS.replace("Lê Thị", "Lê Thị Ðào")))
    settings = load_project(config).settings
    assert settings.organisation and settings.organisation.name == "Viện kiểm sát nhân dân tỉnh Bắc Ninh"
    assert unicodedata.is_normalized("NFC", settings.organisation.address)
    assert settings.contact and settings.contact.name == "Lê Thị Đào Hồng"
