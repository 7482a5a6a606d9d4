"""The MkDocs plugin: a thin adapter that feeds the catalogue's pages to MkDocs."""

from __future__ import annotations

from importlib.resources import files as package_files
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .checks import checked_catalogue
from .load import load
from .pages import CSS_URI, PageSource, SiteRenderer, make_environment
from .photos import image_size
from .problems import CatalogueError
from .text import toc_slugify

log = get_plugin_logger(__name__)


class VinhdanhConfig(base.Config):
    """Options of the `vinhdanh` plugin in mkdocs.yml."""

    exemplars = c.Type(str, default="exemplars")
    """The records folder, relative to mkdocs.yml."""
    overrides = c.Type(str, default="overrides/vinhdanh")
    """Folder of templates that replace the package's, relative to mkdocs.yml."""


class VinhdanhPlugin(BasePlugin[VinhdanhConfig]):
    """Render exemplar records into pages of the site."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check the records; set up anchors and styles."""
        root = Path(config.config_file_path).parent
        self.exemplars_dir = root / self.config.exemplars
        self.overrides_dir = root / self.config.overrides
        try:
            catalogue, warnings = checked_catalogue(load(self.exemplars_dir))
        except CatalogueError as err:
            for problem in err.problems:
                (log.warning if problem.warning else log.error)(str(problem))
            raise Abort(f"{err}: nothing was built. Fix them and build again (`vinhdanh check` lists them).")
        for problem in warnings:
            log.warning(str(problem))
        self.renderer = SiteRenderer(catalogue, make_environment(self.overrides_dir),
                                     directory_urls=config.use_directory_urls, photo_size=image_size,
                                     exemplars_dir=self.exemplars_dir)
        for extension in ("toc", "attr_list"):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        # Python-Markdown's default slugify drops "đ"; ours writes it as "d".
        config.mdx_configs.setdefault("toc", {}).setdefault("slugify", toc_slugify)
        config.extra_css.insert(0, CSS_URI)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages, photos and stylesheet as virtual files."""
        self.pages: dict[str, PageSource] = {}
        for page in self.renderer.pages():
            if files.get_file_from_path(page.src_uri):
                log.info(f"{page.src_uri}: the site's own page is used instead of the generated one")
                continue
            level = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=level))
            self.pages[page.src_uri] = page
        for photo in self.renderer.photos():
            files.append(File.generated(config, photo.dest_uri, abs_src_path=str(photo.src)))
        css = package_files("vinhdanh").joinpath(CSS_URI).read_text(encoding="utf-8")
        files.append(File.generated(config, CSS_URI, content=css))
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put back the HTML that was kept out of Markdown."""
        source = self.pages.get(page.file.src_uri)
        return source.restore_html(html) if source else html

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        """Rebuild when a record or a template override changes."""
        for folder in (self.exemplars_dir, self.overrides_dir):
            if folder.is_dir():
                server.watch(str(folder))
        return server
