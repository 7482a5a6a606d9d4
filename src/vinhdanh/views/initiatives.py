"""The initiatives index (`/sang-kien/`): every initiative of the published records, to be copied ("nhân rộng").

An initiative written on several records (same name, same year) is one initiative with
several authors. Each has a page of its own so that search finds it with its facets
(Pagefind filters belong to pages): type "Sáng kiến", year and level.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from ..records.model import Collective, Person
from ..text import fold, slugify, sort_key
from .paging import cut, pager, span_label
from .relations import Relations
from .search import _province, facet, hidden_data

LEVEL_NAMES = {"toan-quoc": "Toàn quốc", "nganh": "Cấp ngành", "co-so": "Cấp cơ sở", "": "Chưa ghi cấp"}
"""Levels, the highest first."""
KIND_LABEL = "Sáng kiến"
INITIATIVES_PER_PAGE = 300
"""Rows of one index page: about 140 KB of HTML (500 rows made 230 KB before the theme's own)."""


@dataclass(frozen=True)
class InitiativeEntry:
    """One initiative with all its authors."""

    slug: str
    name: str
    year: int
    level: str
    """co-so | nganh | toan-quoc, or "" when no record says."""
    authors: tuple[Person | Collective, ...]

    @property
    def units(self) -> list[str]:
        """Return the authors' current units, each once, in the authors' order."""
        return list(dict.fromkeys(author.unit for author in self.authors))

    @property
    def level_name(self) -> str:
        """Return the level as the site shows it."""
        return LEVEL_NAMES[self.level]


def gather(rel: Relations) -> list[InitiativeEntry]:
    """Return every initiative, newest year first, then in Vietnamese order of names."""
    found: dict[tuple[str, int], list[tuple[Person | Collective, str, str]]] = {}
    exemplars: list[Person | Collective] = [*rel.people, *rel.collectives]
    for exemplar in exemplars:
        for initiative in exemplar.initiatives:
            key = (" ".join(fold(initiative.name).split()), initiative.year)
            found.setdefault(key, []).append((exemplar, initiative.name, initiative.level))
    rank = list(LEVEL_NAMES)
    entries = []
    for (_, year), items in found.items():
        authors = tuple(sorted(dict.fromkeys(e for e, _, _ in items), key=_people_first))
        # Records may disagree on the level: the highest one written counts.
        level = min((level for _, _, level in items), key=rank.index)
        entries.append((items[0][1], year, level, authors))
    entries.sort(key=lambda item: (-item[1], sort_key(item[0])))
    slugs: set[str] = set()
    out = []
    for name, year, level, authors in entries:
        slug = base = f"{slugify(name) or 'sang-kien'}-{year}"
        number = 2
        while slug in slugs:
            slug, number = f"{base}-{number}", number + 1
        slugs.add(slug)
        out.append(InitiativeEntry(slug, name, year, level, authors))
    return out


def initiative_search_data(rel: Relations, entry: InitiativeEntry) -> str:
    """Return hidden Pagefind filters (type, year, level, unit), sort key and metadata for an initiative."""
    parts = [facet("filter", "loai", KIND_LABEL), facet("filter", "nam", entry.year),
             facet("filter", "cap_sang_kien", entry.level_name), facet("sort", "ngay", f"{entry.year}1231"),
             facet("meta", "danh_hieu", f"Sáng kiến {entry.level_name.lower()} năm {entry.year}")]
    for province in sorted({_province(rel, unit) for unit in entry.units}):
        parts.append(facet("filter", "don_vi", province))
    parts.append(facet("meta", "don_vi", ", ".join(rel.units[unit].short for unit in entry.units)))
    return hidden_data(parts)


def initiative_pages(rel: Relations, render: Callable[..., Any], uri: Callable[..., str]) -> Iterator[Any]:
    """Yield `/sang-kien/` (cut into pages when long) and a page per initiative."""
    entries = gather(rel)
    by_year: dict[int, list[InitiativeEntry]] = {}
    for entry in entries:
        by_year.setdefault(entry.year, []).append(entry)
    counts = {level: sum(e.level == level for e in entries) for level in LEVEL_NAMES}
    pages = cut(list(by_year.items()), INITIATIVES_PER_PAGE)
    for number, page in enumerate(pages, 1):
        yield render("initiatives.md", uri("initiative", None, number), number == 1, groups=page, total=len(entries),
                     counts=counts, pager=pager(pages, lambda n: uri("initiative", None, n),
                                                lambda p: span_label(p, lambda y: f"Năm {y}"), number))
    for entry in entries:
        page = render("initiative.md", uri("initiative", entry.slug), initiative=entry)
        yield replace(page, search_data=initiative_search_data(rel, entry))


def _people_first(author: Person | Collective) -> tuple[object, ...]:
    return (not isinstance(author, Person), author.sort_key)
