"""The pages of public nominations: `/lay-y-kien/`, one page per notice, and the home page's box."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from ..records.model import Collective, Person
from ..records.nominations import Nomination, Nominee, today_in_vietnam, visible
from .document_pages import notice_search_data
from .relations import Relations


@dataclass(frozen=True)
class ShownNominee:
    """A nominee as the notice shows it: from the record when there is one."""

    name: str
    position: str
    unit: str | None
    achievements: str
    """Markdown written for the notice; empty when the record's summary stands in."""
    summary: str
    record: Person | Collective | None


def shown_nominee(rel: Relations, nominee: Nominee) -> ShownNominee:
    """Return what the notice shows of a nominee; the notice's own fields win over the record's."""
    record: Person | Collective | None = None
    if nominee.person:
        record = rel.catalogue.people[nominee.person]
    elif nominee.collective:
        record = rel.catalogue.collectives[nominee.collective]
    position = nominee.position or (record.position if isinstance(record, Person) else "")
    return ShownNominee(name=record.name if record else nominee.name, position=position,
                        unit=nominee.unit or (record.unit if record else None), achievements=nominee.achievements,
                        summary=record.summary if record else "", record=record)


def open_nominations(rel: Relations) -> list[Nomination]:
    """Return the notices open for comment on the build day (Vietnam time)."""
    return visible(rel.catalogue, rel.now)[0]


def nomination_pages(rel: Relations, render: Callable[..., Any], uri: Callable[..., str]) -> Iterator[Any]:
    """Yield `/lay-y-kien/` and a page per posted notice; notices not posted yet appear nowhere."""
    open_, closed = visible(rel.catalogue, rel.now)
    yield render("nominations.md", uri("nomination"), True, open=open_, closed=closed)
    today = today_in_vietnam(rel.now)
    for notice in [*open_, *closed]:
        page = render("nomination.md", uri("nomination", notice.id), nomination=notice,
                      is_open=notice.status(today) == "open",
                      nominees=[shown_nominee(rel, n) for n in notice.nominees])
        yield replace(page, search_data=notice_search_data(rel, notice))  # found as a document ("Văn bản")
