"""Under `mkdocs serve --dirty`, a saved record or story shows after a rebuild that redoes little."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .sitebuild import copy_project


def serve_build(project: Path, site: Path) -> None:
    """Build as `mkdocs serve --dirty` does on every save."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)


def test_a_saved_record_and_story_show_and_unchanged_pages_are_not_rebuilt(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    project, site = copy_project(tmp_path), tmp_path / "served"
    monkeypatch.chdir(project)
    serve_build(project, site)
    untouched = site / "ca-nhan/dao-duc-thang/index.html"
    before = untouched.stat().st_mtime_ns
    record = project / "exemplars/people/nguyen-thi-thu-ha.yml"
    text = record.read_text(encoding="utf-8")
    assert "position: " in text
    record.write_text(text.replace("position: ", "position: Tổ trưởng zqsaved, ", 1), encoding="utf-8")
    story = next((project / "content/news/posts").glob("2026-03-10-*.md"))
    story.write_text(story.read_text(encoding="utf-8").replace("\n---\n", "\n---\n\nMở đầu mới zqstory.\n", 1),
                     encoding="utf-8")
    serve_build(project, site)
    assert "zqsaved" in (site / "ca-nhan/nguyen-thi-thu-ha/index.html").read_text(encoding="utf-8")
    assert "zqstory" in (site / "news/index.html").read_text(encoding="utf-8")  # the listing, rebuilt too
    assert untouched.stat().st_mtime_ns == before
    # The story was built again; the profiles it links to were not, and its links to them still resolve.
    story_dir = next(site.glob("news/2026/03/10/*/"))
    featured = re.findall(r'href="([^"]*ca-nhan/[^"]*)"', (story_dir / "index.html").read_text(encoding="utf-8"))
    assert featured and all((story_dir / link / "index.html").resolve().is_file() for link in featured)


def test_a_renamed_person_shows_on_every_list_that_names_them_and_other_lists_are_not_rebuilt(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project, site = copy_project(tmp_path), tmp_path / "served"
    monkeypatch.chdir(project)
    serve_build(project, site)
    lists = [site / "nam/2022/index.html", site / "danh-hieu/lao-dong-tien-tien/index.html",
             site / "don-vi/vksnd-tinh-bac-ninh/index.html", site / "ca-nhan/index.html"]
    assert all("Nguyễn Thị Thu Hà" in page.read_text(encoding="utf-8") for page in lists)
    elsewhere = [page for page in (site / "nam").glob("*/index.html")
                 if "Nguyễn Thị Thu Hà" not in page.read_text(encoding="utf-8")]
    assert elsewhere
    before = {page: page.stat().st_mtime_ns for page in elsewhere}
    record = project / "exemplars/people/nguyen-thi-thu-ha.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("name: Nguyễn Thị Thu Hà",
                                                                 "name: Nguyễn Thị Thu Hằng", 1), encoding="utf-8")
    serve_build(project, site)
    for page in lists:
        assert "Nguyễn Thị Thu Hằng" in page.read_text(encoding="utf-8"), page
    assert {page: page.stat().st_mtime_ns for page in elsewhere} == before
    # A unit renamed shows on every page that names it: the cache of pages starts again.
    units = project / "exemplars/units.yml"
    name = "Viện kiểm sát nhân dân tỉnh Bắc Ninh"
    assert name in units.read_text(encoding="utf-8")
    units.write_text(units.read_text(encoding="utf-8").replace(name, name + " zqunit", 1), encoding="utf-8")
    serve_build(project, site)
    assert "zqunit" in (site / "ca-nhan/nguyen-thi-thu-ha/index.html").read_text(encoding="utf-8")
    assert "zqunit" in (site / "don-vi/vksnd-tinh-bac-ninh/index.html").read_text(encoding="utf-8")
