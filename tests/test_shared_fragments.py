"""The navigation and tabs, rendered once per folder for pages outside the navigation, are the same as Material's."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from vinhdanh.mkdocs_plugin.shared_fragments import SharedFragments

from .sitebuild import build_site, copy_project


def test_every_page_is_the_same_as_without_shared_fragments(demo_site: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SharedFragments, "_key", lambda *args: None)  # every fragment rendered for its page
    plain = build_site(copy_project(tmp_path))
    pages = sorted(p.relative_to(demo_site) for p in demo_site.rglob("*.html"))
    assert pages == sorted(p.relative_to(plain) for p in plain.rglob("*.html"))
    different = [str(p) for p in pages if (demo_site / p).read_bytes() != (plain / p).read_bytes()]
    assert not different
    assert any(p.parts[0] == "ca-nhan" for p in pages)  # profiles: the pages that share


def _page(url: str, parent: object = None) -> SimpleNamespace:
    return SimpleNamespace(url=url, parent=parent)


def test_pages_share_a_fragment_only_in_the_same_folder_and_outside_the_navigation() -> None:
    home = _page("")
    nav = SimpleNamespace(pages=[home], items=[home, SimpleNamespace(url="nam/", children=None)])
    shared = SharedFragments()
    rendered: list[str] = []

    def fragment(page: SimpleNamespace) -> str:
        return str(shared("nav", page, nav, caller=lambda: rendered.append(page.url) or page.url))

    assert fragment(_page("ca-nhan/a/")) == fragment(_page("ca-nhan/b/")) == "ca-nhan/a/"
    assert fragment(_page("ca-nhan/a.html")) == fragment(_page("ca-nhan/b.html")) == "ca-nhan/a.html"
    assert fragment(_page("tap-the/c/")) == "tap-the/c/"       # another folder
    assert fragment(_page("x/")) == "x/"                       # not the home page's fragment
    assert fragment(home) == fragment(home) == ""             # in the navigation: rendered each time
    assert fragment(_page("news/a/", parent=object())) == "news/a/"  # below a section of the navigation
    assert fragment(_page("nam/")) == "nam/"
    assert rendered == ["ca-nhan/a/", "ca-nhan/a.html", "tap-the/c/", "x/", "", "", "news/a/", "nam/"]
    # A new build brings a new navigation: nothing is reused from the last one.
    nav2 = SimpleNamespace(pages=[], items=[])
    assert str(shared("nav", _page("ca-nhan/z/"), nav2, caller=lambda: "fresh")) == "fresh"
