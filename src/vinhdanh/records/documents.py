"""Documents (văn bản): each with its number, date, issuer, summary (trích yếu) and the signed copy as a PDF.

An officer writes one file per document, `exemplars/documents/<id>.yml`, and puts the signed
PDF beside it. A document whose number and year are those of a decision that honours cite
gives that decision's page (`/quyet-dinh/<slug>/`) its summary and file; any other document
(a plan, an announcement, a decision that honours no one) has a page of its own under
`/van-ban/`. The PDF is checked to be one (its first bytes) and whole (its last), and is
published only for a published document.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..text import canonical, format_date
from . import schema as s
from .decision_refs import Mention, decision_slug
from .filecache import FileCache, read_with
from .links import Bounds, files_under, is_file, shown, within
from .model import Origin
from .problems import Problem, excerpt, quoted
from .yamlfile import YamlFile

KINDS = {
    "quyet-dinh": "Quyết định", "chi-thi": "Chỉ thị", "nghi-quyet": "Nghị quyết", "thong-tu": "Thông tư",
    "ke-hoach": "Kế hoạch", "huong-dan": "Hướng dẫn", "thong-bao": "Thông báo", "cong-van": "Công văn",
    "bao-cao": "Báo cáo", "quy-che": "Quy chế", "khac": "Văn bản",
}
"""The kinds of document, and how a page names each: "Kế hoạch số 09/KH-VKSTC"."""
F = s.Field
DOCUMENT_FIELDS = {
    "kind": F(s.one_of(*KINDS), True, "Loại văn bản", "Quyết định, kế hoạch, thông báo…"),
    "number": F(s.text, True, "Số, ký hiệu", "Ví dụ: 412/QĐ-VKSTC"),
    "date": F(s.date, True, "Ngày ban hành", ""),
    "by": F(s.text, True, "Cơ quan, người ban hành", "Ví dụ: Viện trưởng VKSND tối cao"),
    "summary": F(s.text, True, "Trích yếu", "Ví dụ: Về việc tặng danh hiệu Chiến sĩ thi đua ngành năm 2025"),
    "file": F(s.text, False, "Tệp văn bản đã ký (PDF)", "Đường dẫn từ thư mục exemplars/, ví dụ: "
              "documents/412-qd-vkstc-2026.pdf"),
    "published": F(s.boolean, False, "Công bố trên trang", "Bỏ chọn: văn bản được lưu nhưng không hiện trên trang"),
    "private": F(s.anything, False, "Ghi chú nội bộ — không bao giờ công bố", ""),
}
LARGE_FILE = 30_000_000
"""A signed copy larger than this is slow to fetch on an intranet: a notice suggests a lighter scan."""
_OTHER_FORMATS = ((b"PK\x03\x04", "a Word or Excel file (.docx, .xlsx) or a ZIP archive"),
                  (b"\xd0\xcf\x11\xe0", "an old Word or Excel file (.doc, .xls)"), (b"\xff\xd8\xff", "a JPEG photo"),
                  (b"\x89PNG", "a PNG image"), (b"{\\rtf", "an RTF document"), (b"II*\x00", "a TIFF scan"),
                  (b"MM\x00*", "a TIFF scan"))


@dataclass(frozen=True)
class Document:
    """One document, as its file describes it."""

    id: str
    kind: str
    number: str
    date: dt.date
    by: str
    summary: str
    file: str | None = None
    """The signed copy, relative to exemplars/."""
    size: int = 0
    """The signed copy's size in bytes."""
    published: bool = True
    origin: Origin = field(default=Origin("", 0), compare=False, repr=False)

    @property
    def slug(self) -> str:
        """Return the slug of the decision it would be: its number in the year it was signed."""
        return decision_slug(self.number, self.date)

    @property
    def title(self) -> str:
        """Return how a page names it: "Kế hoạch số 09/KH-VKSTC"."""
        return f"{KINDS[self.kind]} số {self.number}"


def pdf_problem(path: Path) -> str | None:
    """Return why the file is not a whole PDF, or None; read are its first and last kilobyte only."""
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(1024)
            stream.seek(max(0, size - 1024))
            tail = stream.read()
    except OSError as err:
        return f"cannot be read ({err.strerror or err}); check the file's permissions"
    if b"%PDF-" not in head:  # readers accept a header within the first kilobyte
        what = next((name for magic, name in _OTHER_FORMATS if head.startswith(magic)), "not a PDF")
        return f"is {what}, not a PDF; save or scan the signed document as PDF"
    if b"%%EOF" not in tail:
        return "is a PDF cut short (it does not end with %%EOF): copy the file again from the original"
    return None


def _checked_pdf(path: Path) -> tuple[str | None, int]:
    return pdf_problem(path), path.stat().st_size


def read_documents(root: Path, repository: Path, open_yaml: Callable[[Path], YamlFile | None],
                   problems: list[Problem], into: dict[str, Any], cache: FileCache | None = None) -> None:
    """Read every exemplars/documents/<id>.yml into `into`, collecting problems."""
    folder = root / "documents"
    for path in files_under(folder, Bounds.of(repository), problems, "*.y*ml", recursive=False):
        doc = open_yaml(path)
        if doc is None:
            continue
        reader = s.Reader(doc, problems)
        if problem := s.file_name_problem(path, doc.path, "a-document"):
            problems.append(problem)
        values = s.read_mapping(reader, (), doc.data, DOCUMENT_FIELDS, "a document")
        if values is None or any(name not in values for name in ("kind", "number", "date", "by", "summary")):
            continue  # reported
        size = _check_file(reader, root, values, cache)
        into[path.stem] = Document(
            id=path.stem, kind=values["kind"], number=values["number"], date=values["date"], by=values["by"],
            summary=values["summary"], file=values.get("file"), size=size, published=values.get("published", True),
            origin=Origin(doc.path, 1, {name: doc.line((name,)) for name in values}))


def _check_file(reader: s.Reader, root: Path, values: dict[str, Any], cache: FileCache | None) -> int:
    """Check the signed copy named by `file`; return its size, or 0 (and drop it) when it cannot be published."""
    written = values.get("file")
    if written is None:
        return 0
    target = within(root, written)
    problem = None
    if target is None:
        problem = f"{quoted(written)} is outside exemplars/; put the PDF under exemplars/documents/"
    elif not written.lower().endswith(".pdf"):
        problem = f"{quoted(written)} is not named .pdf; the signed copy is published as a PDF file"
    elif not is_file(target):
        problem = f"file not found: {shown(root)}/{excerpt(written)}; the path is relative to exemplars/"
    else:
        found, size = read_with(cache, _checked_pdf, target)
        if found is None:
            if size > LARGE_FILE:
                reader.error(("file",), f"{excerpt(written)} is {size / 1e6:.0f} MB, slow to open on an intranet; "
                             "a scan at 150–200 dpi in black and white is usually under 5 MB", warning=True)
            return size
        problem = f"{excerpt(written)} {found}"
    reader.error(("file",), problem)
    values.pop("file")
    return 0


def check_documents(documents: dict[str, Document], mentions: list[Mention]) -> list[Problem]:
    """Return documents given twice (the same number in the same year), and decisions dated or issued otherwise
    than by the honours that cite them."""
    problems = []
    first: dict[str, Document] = {}
    cited: dict[str, list[Mention]] = {}
    for mention in mentions:
        cited.setdefault(decision_slug(mention.number, mention.date), []).append(mention)
    for document in sorted(documents.values(), key=lambda d: d.origin.path):
        if (other := first.setdefault(document.slug, document)) is not document:
            problems.append(Problem(document.origin.path, document.origin.at("number"), "number",
                                    f"{document.number} of {document.date.year} is already described by "
                                    f"{other.origin.path}; keep one of the two files"))
        problems += _against_honours(document, sorted(cited.get(document.slug, []), key=lambda m: (m.path, m.line)))
    return problems


def _against_honours(document: Document, mentions: list[Mention]) -> list[Problem]:
    """Return a problem for the date or issuer of a document that the honours citing it give otherwise."""

    problems = []
    for name, key, written, line in (("date", lambda v: v, format_date, "date_line"),
                                     ("by", canonical, str, "by_line")):
        given = [m for m in mentions if getattr(m, name)]
        if not given:
            continue
        counts = Counter(key(getattr(m, name)) for m in given)
        usual = counts.most_common(1)[0][0]
        if key(getattr(document, name)) != usual:
            example = next(m for m in given if key(getattr(m, name)) == usual)
            what = "dated" if name == "date" else "issued by"
            theirs, mine = written(getattr(example, name)), written(getattr(document, name))
            problems.append(Problem(document.origin.path, document.origin.at(name), name,
                                    f"decision {document.number} is {what} {theirs!r} in {counts[usual]} honour(s) "
                                    f"(first at {example.path}:{getattr(example, line)}) but {mine!r} here; correct "
                                    "it here or in the honours"))
    return problems


def file_size(size: int) -> str:
    """Return a size as Vietnamese readers write it: "18 KB", "1,2 MB"."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1e6:.1f} MB".replace(".", ",")
