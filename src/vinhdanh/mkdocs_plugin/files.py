"""The files MkDocs would copy from the docs folder as they are: those a browser would run are left out."""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..records.active_files import is_active


def leave_out_active_files(files: Files, config: MkDocsConfig) -> list[str]:
    """Remove the docs folder's HTML, scripts, SVG… (see active_files); return their paths in the docs folder.

    A theme file of the same name, which the docs folder's copy hid, is published in its place.
    """
    docs = os.path.abspath(config.docs_dir) + os.sep
    left_out = [f for f in files if f.generated_by is None and f.abs_src_path and is_active(f.src_uri)
                and os.path.abspath(f.abs_src_path).startswith(docs)]
    for file in left_out:
        files.remove(file)
        if file.src_uri.endswith(".html") or file.src_uri in config.theme.static_templates:
            continue  # the theme's templates, which MkDocs renders rather than copies
        for folder in config.theme.dirs:
            if os.path.isfile(os.path.join(folder, file.src_uri)):
                files.append(File(file.src_uri, folder, config.site_dir, config.use_directory_urls))
                break
    return [file.src_uri for file in left_out]
