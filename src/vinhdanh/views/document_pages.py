"""The documents section (`/van-ban/`): every published document by year, a page for each one that is not a
decision's, the signed copies beside them; and what search knows of documents, decisions and notices.

Search finds all three under the type "Văn bản" (Pagefind filters belong to pages), with their kind
("Loại văn bản"), year and, for decisions and notices, the titles they concern.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..records.documents import KINDS, Document
from ..text import format_date
from .paging import cut, pager, span_label
from .search import facet, hidden_data

if TYPE_CHECKING:
    from ..records.nominations import Nomination
    from .decisions import Decision
    from .relations import Relations

KIND_LABEL = "Văn bản"
DOCUMENTS_PER_PAGE = 300
"""Rows of one index page, as for initiatives: a decade of documents fits on one or two."""
NOTICE_KIND = "Thông báo lấy ý kiến"


def published_documents(rel: Relations) -> list[Document]:
    """Return the published documents, newest first (then by number)."""
    documents = [d for d in rel.catalogue.documents.values() if d.published]
    return sorted(documents, key=lambda d: (d.date, d.number), reverse=True)


def attached(documents: list[Document], decisions: list[Decision]) -> dict[str, Document]:
    """Return the documents that are decisions honours cite, by the decision's slug."""
    slugs = {decision.slug for decision in decisions}
    return {d.slug: d for d in documents if d.slug in slugs}


def pdf_uri(document: Document) -> str:
    """Return where a document's signed copy is published: "van-ban/<id>.pdf"."""
    return f"van-ban/{document.id}.pdf"


def document_pages(rel: Relations, decisions: list[Decision], render: Callable[..., Any],
                   uri: Callable[..., str]) -> Iterator[Any]:
    """Yield `/van-ban/` (cut into pages when long) and a page per document that is not a decision's."""
    documents = published_documents(rel)
    of_decisions = attached(documents, decisions)
    by_year: dict[int, list[Document]] = {}
    for document in documents:
        by_year.setdefault(document.date.year, []).append(document)
    pages = cut(list(by_year.items()), DOCUMENTS_PER_PAGE)
    for number, page in enumerate(pages, 1):
        yield render("documents.md", uri("document", None, number), number == 1, groups=page, total=len(documents),
                     decision_slugs=set(of_decisions),
                     pager=pager(pages, lambda n: uri("document", None, n),
                                 lambda p: span_label(p, lambda y: f"Năm {y}"), number))
    for document in documents:
        if document.slug not in of_decisions:
            page = render("document.md", uri("document", document.id), document=document)
            yield replace(page, search_data=document_search_data(document))


def document_search_data(document: Document) -> str:
    """Return hidden Pagefind filters, sort key and metadata for a document's page."""
    return hidden_data([facet("filter", "loai", KIND_LABEL), facet("filter", "van_ban", KINDS[document.kind]),
                    facet("filter", "nam", document.date.year), facet("sort", "ngay", f"{document.date:%Y%m%d}"),
                    facet("meta", "ngay", format_date(document.date))])


def decision_search_data(decision: Decision) -> str:
    """Return hidden Pagefind filters, sort key and metadata for a decision's page (its first, when cut)."""
    parts = [facet("filter", "loai", KIND_LABEL), facet("filter", "van_ban", KINDS["quyet-dinh"])]
    if decision.date:
        parts += [facet("filter", "nam", decision.date.year), facet("sort", "ngay", f"{decision.date:%Y%m%d}"),
                  facet("meta", "ngay", format_date(decision.date))]
    parts += [facet("filter", "danh_hieu", title.name) for title in decision.titles]
    return hidden_data(parts)


def notice_search_data(rel: Relations, notice: Nomination) -> str:
    """Return hidden Pagefind filters, sort key and metadata for a nominations notice."""
    return hidden_data([facet("filter", "loai", KIND_LABEL), facet("filter", "van_ban", NOTICE_KIND),
                    facet("filter", "nam", notice.posted.year), facet("sort", "ngay", f"{notice.posted:%Y%m%d}"),
                    facet("meta", "ngay", format_date(notice.posted)),
                    facet("filter", "danh_hieu", rel.titles[notice.award].name)])
