"""Rendering half the generated pages in a second process gives the same site and the same search index."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

import vinhdanh.mkdocs_plugin.second_core
from vinhdanh.mkdocs_plugin.second_core import can_split

from .sitebuild import build_site, copy_project

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the second process is for Linux")


def test_a_split_build_writes_the_same_pages_and_indexes_them_all(demo_site: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vinhdanh.mkdocs_plugin.second_core, "SPLIT_FROM", 0)  # the demo is small: split it all the same
    split = build_site(copy_project(tmp_path))
    pages = sorted(p.relative_to(demo_site) for p in demo_site.rglob("*.html"))
    assert pages == sorted(p.relative_to(split) for p in split.rglob("*.html"))
    assert [str(p) for p in pages if (demo_site / p).read_bytes() != (split / p).read_bytes()] == []
    # Every searchable page reached Pagefind, those rendered by the second process too.
    fragments = lambda site: len(list((site / "pagefind/fragment").iterdir()))  # noqa: E731
    assert fragments(split) == fragments(demo_site) > 50


def test_a_failure_in_the_second_process_fails_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    import mkdocs.commands.build

    monkeypatch.setattr(vinhdanh.mkdocs_plugin.second_core, "SPLIT_FROM", 0)
    parent, build_page = os.getpid(), mkdocs.commands.build._build_page

    def failing_in_the_copy(page, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            raise RuntimeError("disk full")
        return build_page(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs.commands.build, "_build_page", failing_in_the_copy)
    with pytest.raises(Abort):
        build_site(copy_project(tmp_path))
    assert "the second process rendering pages stopped with an error" in caplog.text


def test_only_big_sites_with_known_plugins_are_split() -> None:
    assert can_split(["vinhdanh", "material/blog"], 5000)
    assert not can_split(["vinhdanh", "material/blog"], 10)
    assert not can_split(["vinhdanh", "material/blog", "rss"], 5000)  # its per-page hooks would run in the copy
