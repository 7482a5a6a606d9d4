"""Documents (exemplars/documents/<id>.yml and their signed PDF): checked, shown at /van-ban/ or on their decision's
page, the PDF published only for a published document, and found by search under "Văn bản"."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from vinhdanh.project import Project
from vinhdanh.records import documents as documents_module
from vinhdanh.records.checks import check, checked_catalogue
from vinhdanh.records.documents import file_size, pdf_problem
from vinhdanh.records.load import load

from .conftest import write
from .sitebuild import ROOT, build_site, copy_project

GOLDEN = Path(__file__).parent / "golden"
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")
"""The smallest file a PDF reader opens: a header, a catalogue, a trailer and the end mark."""
DECISION = """\
kind: quyet-dinh
number: 123/QĐ-VKSTC
date: 2021-01-14
by: Viện trưởng VKSND tối cao
summary: Về việc tặng danh hiệu Chiến sĩ thi đua ngành năm 2020
file: documents/123-qd-vkstc-2021.pdf
"""
PLAN = """\
kind: ke-hoach
number: 09/KH-VKSTC
date: 2020-01-17
by: Viện trưởng Viện kiểm sát nhân dân tối cao
summary: Phát động phong trào thi đua năm 2020 <b>trong ngành</b>
file: documents/ke-hoach.pdf
"""
DRAFT = PLAN.replace("09/KH", "10/KH").replace("ke-hoach.pdf", "du-thao.pdf") + "published: false\n"
D = "exemplars/documents"


@pytest.fixture
def records_with_documents(records: Path) -> Path:
    """The small catalogue, its decision 123/QĐ-VKSTC described, a plan and an unpublished draft."""
    person = records / "people/nguyen-thi-thu-ha.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("    date: 2021-01-14\n",
                      "    date: 2021-01-14\n    by: Viện trưởng VKSND tối cao\n"), encoding="utf-8")
    write(records, {"documents/123-qd-vkstc-2021.yml": DECISION, "documents/ke-hoach-2020.yml": PLAN,
                    "documents/du-thao.yml": DRAFT})
    for name in ("123-qd-vkstc-2021.pdf", "ke-hoach.pdf", "du-thao.pdf"):
        (records / "documents" / name).write_bytes(PDF)
    return records


def problems(records: Path) -> list[str]:
    base = str(records.parent) + "/"
    return [("warning: " if p.warning else "") + str(p).replace(base, "") for p in check(load(records))]


def test_documents_are_read_with_their_signed_copies(records_with_documents: Path) -> None:
    catalogue, warnings = checked_catalogue(load(records_with_documents))
    assert warnings == []
    plan = catalogue.documents["ke-hoach-2020"]
    assert (plan.kind, plan.number, plan.date.isoformat(), plan.file, plan.size, plan.published) == (
        "ke-hoach", "09/KH-VKSTC", "2020-01-17", "documents/ke-hoach.pdf", len(PDF), True)
    assert plan.title == "Kế hoạch số 09/KH-VKSTC"
    assert catalogue.documents["123-qd-vkstc-2021"].slug == "123-qd-vkstc-2021"
    assert not catalogue.documents["du-thao"].published
    assert catalogue.summary().endswith("2 honours, 3 documents")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("summary: Về việc tặng danh hiệu Chiến sĩ thi đua ngành năm 2020\n", "",
     f"{D}/123-qd-vkstc-2021.yml:1: missing required key 'summary'"),
    ("kind: quyet-dinh", "kind: quyet-dihn",
     f"{D}/123-qd-vkstc-2021.yml:1: kind: expected one of quyet-dinh, chi-thi, nghi-quyet, thong-tu, ke-hoach, "
     "huong-dan, thong-bao, cong-van, bao-cao, quy-che, khac, got 'quyet-dihn' (did you mean 'quyet-dinh'?)"),
    ("documents/123-qd-vkstc-2021.pdf", "documents/khong-co.pdf",
     f"{D}/123-qd-vkstc-2021.yml:6: file: file not found: exemplars/documents/khong-co.pdf; the path is relative "
     "to exemplars/"),
    ("documents/123-qd-vkstc-2021.pdf", "documents/123-qd-vkstc-2021.yml",
     f"{D}/123-qd-vkstc-2021.yml:6: file: 'documents/123-qd-vkstc-2021.yml' is not named .pdf; the signed copy is "
     "published as a PDF file"),
    ("documents/123-qd-vkstc-2021.pdf", "../../etc/passwd.pdf",
     f"{D}/123-qd-vkstc-2021.yml:6: file: '../../etc/passwd.pdf' is outside exemplars/; put the PDF under "
     "exemplars/documents/"),
    ("date: 2021-01-14", "date: 2021-01-15",
     f"{D}/123-qd-vkstc-2021.yml:3: date: decision 123/QĐ-VKSTC is dated '14/01/2021' in 1 honour(s) (first at "
     "exemplars/people/nguyen-thi-thu-ha.yml:9) but '15/01/2021' here; correct it here or in the honours"),
    ("by: Viện trưởng VKSND tối cao", "by: Chủ tịch nước",
     f"{D}/123-qd-vkstc-2021.yml:4: by: decision 123/QĐ-VKSTC is issued by 'Viện trưởng VKSND tối cao' in 1 "
     "honour(s) (first at exemplars/people/nguyen-thi-thu-ha.yml:10) but 'Chủ tịch nước' here; correct it here or in "
     "the honours"),
])
def test_each_mistake_in_a_document_names_its_line(records_with_documents: Path, old: str, new: str,
                                                   expected: str) -> None:
    path = records_with_documents / "documents/123-qd-vkstc-2021.yml"
    path.write_text(DECISION.replace(old, new), encoding="utf-8")
    assert problems(records_with_documents) == [expected]


@pytest.mark.parametrize(("content", "what"), [
    (b"PK\x03\x04word/document.xml", "is a Word or Excel file (.docx, .xlsx) or a ZIP archive, not a PDF; save or "
     "scan the signed document as PDF"),
    (b"\xff\xd8\xff\xe0JFIF", "is a JPEG photo, not a PDF; save or scan the signed document as PDF"),
    (b"Quyet dinh 123", "is not a PDF, not a PDF; save or scan the signed document as PDF"),
    (PDF[:60], "is a PDF cut short (it does not end with %%EOF): copy the file again from the original"),
])
def test_a_file_that_is_not_a_whole_pdf_is_refused_by_its_bytes(records_with_documents: Path, content: bytes,
                                                                what: str) -> None:
    (records_with_documents / "documents/123-qd-vkstc-2021.pdf").write_bytes(content)
    assert problems(records_with_documents) == [
        f"{D}/123-qd-vkstc-2021.yml:6: file: documents/123-qd-vkstc-2021.pdf {what}"]


def test_a_pdf_may_start_after_a_few_bytes_and_end_with_a_line_break(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"\r\n" + PDF + b"\r\n\r\n")
    assert pdf_problem(path) is None
    path.write_bytes(b"x" * 2000 + PDF)
    assert pdf_problem(path) == "is not a PDF, not a PDF; save or scan the signed document as PDF"


def test_a_document_given_twice_and_a_file_named_wrong(records_with_documents: Path) -> None:
    write(records_with_documents, {"documents/ban-sao.yml": DECISION, "documents/Kế hoạch.yml": PLAN})
    assert problems(records_with_documents) == [
        f"{D}/Kế hoạch.yml: the file name is the id and must be lowercase letters, digits and '-'; rename it to "
        "ke-hoach.yml",
        f"{D}/ban-sao.yml:2: number: 123/QĐ-VKSTC of 2021 is already described by {D}/123-qd-vkstc-2021.yml; keep one "
        "of the two files",
        f"{D}/ke-hoach-2020.yml:2: number: 09/KH-VKSTC of 2020 is already described by {D}/Kế hoạch.yml; keep one of "
        "the two files",
    ]


def test_a_large_file_is_a_notice(records_with_documents: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents_module, "LARGE_FILE", 100)
    assert problems(records_with_documents) == [
        f"warning: {D}/123-qd-vkstc-2021.yml:6: file: documents/123-qd-vkstc-2021.pdf is 0 MB, slow to open on an "
        "intranet; a scan at 150–200 dpi in black and white is usually under 5 MB",
        f"warning: {D}/du-thao.yml:6: file: documents/du-thao.pdf is 0 MB, slow to open on an intranet; a scan at "
        "150–200 dpi in black and white is usually under 5 MB",
        f"warning: {D}/ke-hoach-2020.yml:6: file: documents/ke-hoach.pdf is 0 MB, slow to open on an intranet; a scan "
        "at 150–200 dpi in black and white is usually under 5 MB",
    ]


def test_sizes_are_written_the_vietnamese_way() -> None:
    assert [file_size(n) for n in (120, 18_400, 999_000, 1_250_000, 31_000_000)] == [
        "1 KB", "18 KB", "999 KB", "1,2 MB", "31,0 MB"]


# --- Pages ------------------------------------------------------------------------------------------------------

def rendered(records: Path) -> dict[str, str]:
    catalogue, _ = checked_catalogue(load(records))
    renderer = Project(records.parent, records, records.parent / "content", records.parent / "overrides").renderer(
        catalogue)
    pages = {page.src_uri: page for page in renderer.pages()}
    rendered.copies = renderer.signed_copies()  # type: ignore[attr-defined]
    rendered.search = {uri: page.search_data for uri, page in pages.items()}  # type: ignore[attr-defined]
    return {uri: page.inline() for uri, page in pages.items()}


@pytest.mark.parametrize("uri", ["van-ban/index.md", "van-ban/ke-hoach-2020.md", "quyet-dinh/123-qd-vkstc-2021.md"])
def test_document_pages_match_golden(records_with_documents: Path, uri: str) -> None:
    page = rendered(records_with_documents)[uri]
    golden = GOLDEN / ("documents__" + uri.replace("/", "__"))
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(page, encoding="utf-8")
    assert page == golden.read_text(encoding="utf-8")


def test_a_decisions_document_goes_to_its_page_and_drafts_nowhere(records_with_documents: Path) -> None:
    pages = rendered(records_with_documents)
    index = pages["van-ban/index.md"]
    assert '<a class="vd-nowrap" href="../quyet-dinh/123-qd-vkstc-2021/">123/QĐ-VKSTC</a>' in index
    assert '<a class="vd-nowrap" href="../van-ban/ke-hoach-2020/">09/KH-VKSTC</a>' in index
    assert "van-ban/123-qd-vkstc-2021.md" not in pages  # the decision's page is its page
    decision = pages["quyet-dinh/123-qd-vkstc-2021.md"]
    assert "<strong>Trích yếu:</strong> Về việc tặng danh hiệu Chiến sĩ thi đua ngành năm 2020" in decision
    assert ('<a href="../../van-ban/123-qd-vkstc-2021.pdf" type="application/pdf" download>Tải bản đã ký (PDF, 1 KB)'
            '</a>') in decision
    assert "Phát động phong trào thi đua năm 2020 &lt;b&gt;trong ngành&lt;/b&gt;" in index  # escaped
    assert not any("10/KH-VKSTC" in text or "du-thao" in text for text in pages.values())
    assert [(uri, path.name) for uri, path in rendered.copies] == [  # type: ignore[attr-defined]
        ("van-ban/123-qd-vkstc-2021.pdf", "123-qd-vkstc-2021.pdf"), ("van-ban/ke-hoach-2020.pdf", "ke-hoach.pdf")]


def test_documents_decisions_and_notices_are_searched_as_documents(records_with_documents: Path) -> None:
    rendered(records_with_documents)
    search = rendered.search  # type: ignore[attr-defined]
    assert 'data-pagefind-filter="loai:Văn bản"' in search["van-ban/ke-hoach-2020.md"]
    assert 'data-pagefind-filter="van_ban:Kế hoạch"' in search["van-ban/ke-hoach-2020.md"]
    assert 'data-pagefind-filter="van_ban:Quyết định"' in search["quyet-dinh/123-qd-vkstc-2021.md"]
    assert 'data-pagefind-meta="ngay:14/01/2021"' in search["quyet-dinh/123-qd-vkstc-2021.md"]
    assert search["van-ban/index.md"] == "" and search["quyet-dinh/index.md"] == ""
    # The roll is not searched: a name finds the profile, not every decision that lists it.
    assert '<div class="vd-table" data-pagefind-ignore>' in rendered(records_with_documents)[
        "quyet-dinh/123-qd-vkstc-2021.md"]


# --- The demo, built and searched ----------------------------------------------------------------------------

def test_the_demo_publishes_its_documents_and_not_the_draft(demo_site: Path) -> None:
    folder = ROOT / "exemplars/documents"
    published = sorted(p.name for p in (demo_site / "van-ban").glob("*.pdf"))
    assert published == sorted(p.name for p in folder.glob("*.pdf") if p.stem != "du-thao-ke-hoach-2027")
    for name in published:
        assert (demo_site / "van-ban" / name).read_bytes() == (folder / name).read_bytes()
        assert pdf_problem(demo_site / "van-ban" / name) is None
    everything = "".join(p.read_text(encoding="utf-8", errors="replace") for p in demo_site.rglob("*")
                         if p.is_file() and p.suffix in (".html", ".xml", ".json", ".csv", ".js"))
    assert "Dự thảo" not in everything and "du-thao" not in everything and "Chờ lãnh đạo Viện" not in everything
    assert not list(demo_site.rglob("*.yml"))
    decision = (demo_site / "quyet-dinh/15-qd-vkstc-2021/index.html").read_text(encoding="utf-8")
    assert "<strong>Trích yếu:</strong> Về việc tặng danh hiệu Chiến sĩ thi đua ngành Kiểm sát nhân dân" in decision
    assert 'href="../../van-ban/15-qd-vkstc-2021.pdf" type="application/pdf" download' in decision


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    yield tab
    tab.close()


def results(page: Any, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_selector("#vd-search-page[data-state=done]")
    return [t.inner_text() for t in page.query_selector_all(".vd-result__title")]


def test_search_finds_documents_by_number_and_summary_without_marks(page: Any, site_url: str) -> None:
    assert results(page, f"{site_url}tim-kiem/?q={quote('21/KH-VKSTC')}")[0] == "Kế hoạch số 21/KH-VKSTC"
    assert "Kế hoạch số 21/KH-VKSTC" in results(page, f"{site_url}tim-kiem/?q={quote('chuyen doi so')}")[:5]
    found = results(page, f"{site_url}tim-kiem/?q={quote('vi su nghiep kiem sat 2025')}")[:5]
    assert "Quyết định số 549/QĐ-VKSTC" in found


def test_the_documents_facet_lists_documents_decisions_and_notices(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}tim-kiem/?loai={quote('Văn bản')}")
    page.wait_for_selector("#vd-search-page[data-state=done] input[name=van_ban]")
    kinds = {b.get_attribute("value") for b in page.query_selector_all("input[name=van_ban]")}
    assert kinds == {"Quyết định", "Kế hoạch", "Hướng dẫn", "Thông báo", "Thông báo lấy ý kiến"}
    page.locator("input[name=van_ban][value='Kế hoạch']").check()
    page.wait_for_selector("#vd-search-page[data-state=done]")
    titles = [t.inner_text() for t in page.query_selector_all(".vd-result__title")]
    assert sorted(titles) == ["Kế hoạch số 09/KH-VKSTC", "Kế hoạch số 21/KH-VKSTC"]


def test_a_site_adopting_the_tool_without_documents_has_an_empty_section(tmp_path: Path, records: Path) -> None:
    (tmp_path / "p").mkdir()
    site = build_site(copy_project(tmp_path / "p", records))
    assert "Chưa có văn bản nào được công bố." in (site / "van-ban/index.html").read_text(encoding="utf-8")
    assert not list((site / "van-ban").glob("*.pdf"))
