"""Files that a browser would run: never published from the folders that users fill.

MkDocs copies every file of the docs folder that is not Markdown into the site as it is. An
HTML page, a script or an SVG image dropped into `content/` (a web page saved from a
browser, an "image" from an email) would be served from the site's own address, where its
scripts run with the site's rights. Such files are left out and named, as a warning: the
site still builds without them, and a page that links to one fails the build by its link.
Only the theme's files are published as they are: Material's, vinhdanh's, and the site's
own in `overrides/`, which only its administrators edit (a logo in SVG goes there).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from .links import Bounds, files_under, shown
from .problems import Problem

ACTIVE_SUFFIXES = frozenset({
    ".html", ".htm", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml", ".hta", ".htc",  # pages
    ".js", ".mjs", ".cjs", ".wasm", ".vbs",  # scripts
    ".svg", ".svgz", ".xml", ".xsl", ".xslt", ".xbl",  # XML, which may hold or style in scripts
    ".swf", ".jar", ".jnlp", ".php", ".asp", ".aspx", ".jsp",  # plug-ins and server pages
})
NEVER_PUBLISHED = ("this file type is never published (a browser would run what it holds as part of the site), "
                   "so the site is built without it: remove it; write pages in Markdown, and put the site's own "
                   "scripts and SVG images in overrides/ (or convert images to PNG or JPEG)")


def is_active(path: str) -> bool:
    """Return whether a file of the docs folder would run in a browser, by its name ("news/a.SVG": True)."""
    return PurePosixPath(path).suffix.lower() in ACTIVE_SUFFIXES


def active_files(docs: Path, repository: Path, records: Path) -> list[Problem]:
    """Return a warning for every file under docs that MkDocs would publish and a browser would run."""
    found = []
    for path in files_under(docs, Bounds.of(repository, records, docs), []):  # bad links: see links.py
        relative = path.relative_to(docs)
        if is_active(relative.as_posix()) and not any(part.startswith(".") for part in relative.parts):
            found.append(Problem(shown(path), 0, "", NEVER_PUBLISHED, warning=True))
    return found
