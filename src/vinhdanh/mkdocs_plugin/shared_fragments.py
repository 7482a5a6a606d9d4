"""Parts of Material's page that are the same on many pages, rendered once for all of them.

The navigation drawer and the tabs list the sections of the site, with links relative to
the page. On a page outside the navigation (a profile, a story, a page of a long list)
nothing in them is marked as the current page, so they come out the same on every such
page of one folder. At 10,000 profiles, rendering them again for each page was a fifth
of the build.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

from markupsafe import Markup


class SharedFragments:
    """Fragments of the theme by (name, folder), for the pages outside the navigation."""

    def __init__(self) -> None:
        self._fragments: dict[tuple[str, str, str], Markup] = {}
        self._nav: Any = None
        self._nav_pages: set[int] = set()
        self._folders_linked_below: set[str] = set()

    def __call__(self, name: str, page: Any, nav: Any, caller: Callable[[], str]) -> Markup:
        """Render the fragment (the body of a Jinja `call` block), or reuse it for a page in the same folder."""
        key = self._key(name, page, nav)
        if key is None:
            return Markup(caller())
        if key not in self._fragments:
            self._fragments[key] = Markup(caller())
        return self._fragments[key]

    def outside_navigation(self, page: Any, nav: Any) -> bool:
        """Return whether page is a page the navigation does not show (a profile, a page of a long list)."""
        if nav is not self._nav:  # a new build: its own navigation and fragments
            self._fragments.clear()
            self._nav = nav
            self._nav_pages = {id(p) for p in getattr(nav, "pages", ())}
            # Every folder some link of the navigation goes below (a set: with the news' pages, hundreds of links).
            self._folders_linked_below = {url.rsplit("/", depth)[0] for url in _urls(getattr(nav, "items", ()))
                                          for depth in range(1, url.count("/") + 1)}
        return not (page is None or getattr(page, "parent", None) is not None or id(page) in self._nav_pages)

    def _key(self, name: str, page: Any, nav: Any) -> tuple[str, str, str] | None:
        if not self.outside_navigation(page, nav):
            return None  # the navigation shows where this page is
        # Links are made relative to the page's folder, as MkDocs's `url` filter does (get_relative_url).
        head, tail = posixpath.split(page.url)
        if "." in tail or not page.url:  # ca-nhan/ha.html: relative to ca-nhan/, as for every page there
            return (name, "in", head)
        folder = page.url.rstrip("/")  # ca-nhan/ha/: the same as for ca-nhan/hung/, unless a link goes below
        if folder in self._folders_linked_below:
            return None
        return (name, "below", posixpath.dirname(folder))


def _urls(items: Any) -> list[str]:
    """Return the addresses of every item of the navigation, sections included."""
    urls = []
    for item in items:
        if getattr(item, "url", None) is not None:
            urls.append(item.url.lstrip("/"))
        urls += _urls(getattr(item, "children", None) or ())
    return urls
