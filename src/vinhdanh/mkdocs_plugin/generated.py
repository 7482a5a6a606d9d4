"""The generated pages, photos, rolls and signed copies, added to MkDocs' files."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..records.model import Collective, Person
from ..views.pages import SiteRenderer
from ..views.rendering import PageSource
from .rebuilds import REBUILDS

log = get_plugin_logger(__name__)


def add_generated_files(files: Files, config: MkDocsConfig, renderer: SiteRenderer,
                        deferred: dict[str, Person | Collective], serving_dir: Path | None) -> dict[str, PageSource]:
    """Add every generated page and file to files; return the pages by source path.

    Pages in deferred are left to the second process. Under `mkdocs serve` (serving_dir given) the pages
    are files on disk, rewritten only when they change: `serve --dirty` skips the rest.
    """
    pages = {}
    for page in renderer.pages(later=deferred):
        if files.get_file_from_path(page.src_uri):
            log.info(f"{page.src_uri}: the site's own page is used instead of the generated one")
            deferred.pop(page.src_uri, None)
            continue
        level = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        if serving_dir:
            written = REBUILDS.write_page(serving_dir, page)
            file = File(page.src_uri, str(serving_dir), config.site_dir, config.use_directory_urls, inclusion=level)
            if not (written or page.in_nav) and os.path.exists(file.abs_dest_path):
                # Served as last built: MkDocs need not even make it a page (at 3,000 profiles, a second of
                # every rebuild). Links to it still resolve.
                file.inclusion = InclusionLevel.EXCLUDED
            files.append(file)
        else:
            files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=level))
        pages[page.src_uri] = page
    for photo in renderer.photos():
        files.append(File.generated(config, photo.dest_uri, abs_src_path=str(photo.src)))
    for uri, content in renderer.downloads():  # decisions' rolls as CSV, beside their pages
        files.append(File.generated(config, uri, content=content))
    for uri, path in renderer.signed_copies():  # published documents' PDFs, checked (documents.py)
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return pages
