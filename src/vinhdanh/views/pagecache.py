"""Generated pages kept between the rebuilds of `mkdocs serve`, re-rendered only when what they show changed.

A page is kept with the inputs it was rendered from (the records it lists, its pager, its
unit's people...). Units, titles, movements and the site's template overrides appear on
nearly every page: when one of them changes, every page is rendered again. `mkdocs build`
renders everything, always.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import jinja2

if TYPE_CHECKING:
    from .relations import Relations

T = TypeVar("T")


class PageCache:
    """Pages rendered by the last build, by source path, with the inputs they were rendered from."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[object, Any]] = {}
        self._shared: tuple[object, ...] = ()

    def start(self, rel: Relations, env: jinja2.Environment) -> None:
        """Begin a build: if units, titles, movements or templates changed, forget every page."""
        shared = (tuple(rel.units.values()), tuple(rel.titles.values()), tuple(rel.movements.values()),
                  templates_stamp(env))
        if shared != self._shared:
            self._pages.clear()
            self._shared = shared

    def page(self, uri: str, inputs: object, render: Callable[[], T]) -> T:
        """Return the page (or file) rendered from the same inputs last time, or render it now."""
        entry = self._pages.get(uri)
        if entry and entry[0] == inputs:
            return entry[1]
        page = render()
        self._pages[uri] = (inputs, page)
        return page


def templates_stamp(env: jinja2.Environment) -> tuple[tuple[str, int], ...]:
    """Return the site's template overrides with their modification times."""
    stamp = []
    for loader in getattr(env.loader, "loaders", ()):
        if isinstance(loader, jinja2.FileSystemLoader):
            for folder in loader.searchpath:
                stamp += [(str(p), p.stat().st_mtime_ns) for p in sorted(Path(folder).glob("*.md"))]
    return tuple(stamp)
