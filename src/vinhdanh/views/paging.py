"""Long lists cut into pages a phone can open: whole groups where they fit, big groups in parts.

A page of 500 honours or 800 names weighs about 150–220 KB of HTML, under the 300 KB
that a page may weigh at 10,000 exemplars; a smaller list stays on one page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K")
T = TypeVar("T")

ROWS_PER_PAGE = 500
"""Honours in one table page."""
NAMES_PER_PAGE = 800
"""Names in one page of an A–Z list (a line each)."""


@dataclass(frozen=True)
class Group(Generic[K, T]):
    """A run of items under one heading (a year, a title, a letter); `part` > 0 when the run is cut."""

    key: K
    items: list[T]
    part: int = 0
    offset: int = 0
    """How many items of the run come before these (numbered lists go on counting)."""


@dataclass(frozen=True)
class Part:
    """One page of a long list, as the pager shows it."""

    number: int
    label: str
    count: int
    uri: str
    """Source path of the page."""


@dataclass(frozen=True)
class Pager:
    """The pages of a long list, and which one this is."""

    parts: tuple[Part, ...]
    current: int

    def __bool__(self) -> bool:
        return len(self.parts) > 1


def cut(groups: Sequence[tuple[K, list[T]]], limit: int) -> list[list[Group[K, T]]]:
    """Return pages of whole groups of at most limit items; a larger group fills pages of its own."""
    pages: list[list[Group[K, T]]] = []
    size = limit  # start a new page at once
    for key, items in groups:
        if len(items) > limit:
            pages += [[Group(key, items[i:i + limit], i // limit + 1, i)] for i in range(0, len(items), limit)]
            size = limit
            continue
        if size + len(items) > limit:
            pages.append([])
            size = 0
        pages[-1].append(Group(key, items))
        size += len(items)
    return pages or [[]]


def pager(pages: list[list[Group[K, T]]], uri: Callable[[int], str], label: Callable[[list[Group[K, T]]], str],
          current: int) -> Pager:
    """Return the pager shown on page `current` (1-based) of pages."""
    parts = tuple(Part(n, label(page), sum(len(g.items) for g in page), uri(n)) for n, page in enumerate(pages, 1))
    return Pager(parts, current)


def span_label(page: list[Group[K, T]], name: Callable[[K], str] = str) -> str:
    """Return "2025 – 2023", "2024 (phần 2)" or "2024": what a page of groups covers."""
    if not page:
        return ""
    first, last = page[0], page[-1]
    if first.part:
        return f"{name(first.key)} (phần {first.part})"
    return name(first.key) if first.key == last.key else f"{name(first.key)} – {name(last.key)}"
