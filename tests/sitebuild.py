"""Build a copy of the repository's site in a temporary folder, as `make site` would."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent


def copy_project(target: Path, exemplars: Path | None = None) -> Path:
    """Copy mkdocs.yml, content/, overrides/ and the records to target.

    With other records than the demo's, the demo's stories go too, as when an
    organisation adopts the tool.
    """
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("content", "overrides"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copytree(exemplars or ROOT / "exemplars", target / "exemplars")
    if exemplars:
        shutil.rmtree(target / "content/news/posts")
    return target


def drop_setting(project: Path, name: str) -> Path:
    """Remove one of the vinhdanh plugin's settings (and what is indented under it) from project's mkdocs.yml.

    Tests that write their own `news/.authors.yml` drop the demo's `authors`: a site lists its authors in one place.
    """
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(rf"^      {name}:.*\n(?:^        .*\n|^\s*\n)*", "", text, count=1, flags=re.MULTILINE)
    config.write_text(text, encoding="utf-8")
    return project


def build_site(project: Path) -> Path:
    """Run a real, strict MkDocs build of project; return the site folder."""
    config = load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(project / "site"))
    # As `mkdocs build` does: MkDocs keeps plugins between loads in one process, and a serve
    # started by an earlier test must not leave them previewing drafts.
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return project / "site"


_LINK = re.compile(r'(?:href|src)="([^"]+)"')


def broken_links(site: Path) -> list[str]:
    """Return every relative link or image in site's HTML that points to no file."""
    broken = []
    for page in site.rglob("*.html"):
        for target in _LINK.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            base = site if parts.path.startswith("/") else page.parent
            path = (base / unquote(parts.path).lstrip("/")).resolve()
            if path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{page.relative_to(site)} → {target}")
    return broken


def _scripts_module(name: str) -> Any:
    """Import one of scripts/ (a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# A story with a photo and its caption, about the catalogue's person with a photo.
STORY = """\
---
title: Trao Bằng khen cho {name}
date: 2024-05-06 09:30:00+07:00
authors: [hai-yen]
categories: [Khen thưởng]
description: Lễ trao Bằng khen tại đơn vị.
exemplars: [{id}]
---

Lễ trao Bằng khen diễn ra trang trọng.

<!-- more -->

![{name} nhận Bằng khen](../images/trao-bang-khen.jpg "Ảnh: Hải Yến")

Đơn vị tiếp tục phát huy thành tích.
"""


def build_second_catalogue(root: Path) -> Path:
    """Build a synthetic catalogue (30 people, 6 collectives, 5 stories, one photo) in root; return its site."""
    gen = _scripts_module("gen_catalogue")
    records = root / "records"
    written = gen.synthetic_catalogue(records, 30, 6, seed=5)
    for name in ("titles.yml", "movements.yml"):
        shutil.copy(ROOT / "exemplars" / name, records / name)
    with_photo = sorted(written)[0]
    (records / "photos").mkdir()
    shutil.copy(ROOT / "exemplars/photos/cao-thi-ngan.jpg", records / "photos/chan-dung.jpg")
    with (records / "people" / f"{with_photo}.yml").open("a", encoding="utf-8") as record:
        record.write("photo: photos/chan-dung.jpg\n")
    (root / "project").mkdir()
    project = copy_project(root / "project", records)
    gen.synthetic_stories(project / "content", 4, written)
    (project / "content/news/posts/2024-05-06-bang-khen.md").write_text(
        STORY.format(name=written[with_photo][0], id=with_photo), encoding="utf-8")
    return build_site(project)
