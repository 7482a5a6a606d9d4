"""Under `mkdocs serve --dirty`, a saved record or story shows after a rebuild that redoes little."""

from __future__ import annotations

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
