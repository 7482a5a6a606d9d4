"""Honour boards (`/bang-vang/`, `/bang-vang/<year>/`): each year's highest honours as a wall of portraits.

A board holds the honours of one year at state, government and sector level (grassroots
titles such as "Lao động tiên tiến" go to hundreds of people a year and would bury the
rest), each exemplar once with its highest honour of the year: people first, then
collectives, each by rank of the title, then in Vietnamese name order.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

from ..records.model import Person
from .paging import cut, pager, span_label
from .relations import Award, Relations

BOARD_LEVELS = ("nha-nuoc", "chinh-phu", "nganh")
"""Levels of the titles a board shows."""
KIND_NAMES = {"person": "Cá nhân", "collective": "Tập thể"}
CARDS_PER_PAGE = 60
"""Portraits on one page: 10 rows of 6 on a wide screen; a year of 300 is cut into 5 pages."""


def board(rel: Relations, awards: list[Award]) -> list[Award]:
    """Return a year's board: each exemplar's highest honour of the year, people first, by rank then name."""
    best: dict[tuple[bool, str], Award] = {}
    for award in awards:
        if award.title.level not in BOARD_LEVELS:
            continue
        key = (isinstance(award.exemplar, Person), award.exemplar.id)
        if key not in best or award.title.rank > best[key].title.rank:
            best[key] = award
    return sorted(best.values(), key=lambda a: (not isinstance(a.exemplar, Person), -a.title.rank,
                                                a.exemplar.sort_key))


def boards(rel: Relations) -> dict[int, list[Award]]:
    """Return the board of every year that has one, newest first."""
    out = {year: board(rel, awards) for year, awards in sorted(rel.by_year.items(), reverse=True)}
    return {year: cards for year, cards in out.items() if cards}


def board_pages(rel: Relations, render: Callable[..., Any], uri: Callable[..., str]) -> Iterator[Any]:
    """Yield `/bang-vang/` and each year's board, cut into pages when long."""
    every = boards(rel)
    yield render("boards.md", uri("board"), True, boards=every)
    for year, cards in every.items():
        people = [a for a in cards if isinstance(a.exemplar, Person)]
        groups = [(kind, items) for kind, items in (("person", people), ("collective", cards[len(people):])) if items]
        pages = cut(groups, CARDS_PER_PAGE)
        for number, page in enumerate(pages, 1):
            yield render("board.md", uri("board", year, number), year=year, groups=page, total=len(cards),
                         pager=pager(pages, functools.partial(uri, "board", year),
                                     lambda p: span_label(p, KIND_NAMES.__getitem__), number))
