"""Material with vinhdanh's additions: its theme folder, Markdown extensions, styles and scripts."""

from __future__ import annotations

from importlib.resources import files as package_files
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from ..text import toc_slugify
from ..views.uris import CSS_URI, JS_URI, SEARCH_JS_URI

PACKAGE_FILES = package_files(__package__)
"""The theme and the site's scripts and styles, beside this module."""
THEME_DIR = Path(str(PACKAGE_FILES.joinpath("theme")))
"""vinhdanh's additions to Material's templates: search box, feed link, link previews."""


def material_index(config: MkDocsConfig) -> int:
    """Return where Material's templates sit among the theme's folders (after the site's overrides)."""
    dirs = [Path(d).resolve() for d in config.theme.dirs]
    material = Path(str(package_files("material").joinpath("templates"))).resolve()
    if material not in dirs:
        raise PluginError("vinhdanh needs the Material theme: set 'theme: name: material' in mkdocs.yml")
    return dirs.index(material)


def add_theme(config: MkDocsConfig, search: bool) -> None:
    """Add vinhdanh's templates, Markdown extensions, styles and scripts to the site's configuration."""
    config.extra_javascript.append(JS_URI)
    if search:
        config.extra_javascript.append(SEARCH_JS_URI)
    if str(THEME_DIR) not in config.theme.dirs:  # before Material's own, after the site's overrides
        config.theme.dirs.insert(material_index(config), str(THEME_DIR))
    for extension in ("toc", "attr_list", "md_in_html", "vinhdanh.mkdocs_plugin.figures"):
        if extension not in config.markdown_extensions:
            config.markdown_extensions.append(extension)
    # Python-Markdown's default slugify drops "đ"; ours writes it as "d".
    config.mdx_configs.setdefault("toc", {}).setdefault("slugify", toc_slugify)
    config.extra_css.insert(0, CSS_URI)


def static_files(config: MkDocsConfig) -> list[File]:
    """Return vinhdanh's stylesheet and scripts as files of the site."""
    return [File.generated(config, uri, content=PACKAGE_FILES.joinpath(uri).read_bytes())
            for uri in (CSS_URI, JS_URI, SEARCH_JS_URI)]


def extend_material(env: jinja2.Environment, config: MkDocsConfig) -> None:
    """Let the theme's templates extend Material's own, as "material/<name>"."""
    material = jinja2.FileSystemLoader(config.theme.dirs[material_index(config)])
    assert env.loader is not None  # MkDocs gives the theme's folders
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({"material": material})])
