"""Build a copy of the repository's site in a temporary folder, as `make site` would."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
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


def build_site(project: Path) -> Path:
    """Run a real, strict MkDocs build of project; return the site folder."""
    config = load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(project / "site"))
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
