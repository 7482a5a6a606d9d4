"""The MkDocs plugin: a thin adapter that feeds the catalogue's pages to MkDocs."""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import unicodedata
from importlib.resources import files as package_files
from pathlib import Path
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .checks import checked_catalogue
from .feed import FeedEntry, atom_feed
from .links import escaping_links
from .load import load
from .pages import CSS_URI, SEARCH_JS_URI, PageSource, SiteRenderer, make_environment
from .pagefind import SearchIndexError, build_index
from .photos import RASTER_SUFFIXES, PhotoCache, PhotoSet, add_srcset, sized_uri
from .problems import CatalogueError
from .search import shadow_block, shadow_text, story_search_data, synonym_groups
from .stories import VIETNAM, Story, load_stories
from .text import format_date, format_datetime, nfc, toc_slugify

log = get_plugin_logger(__name__)


class VinhdanhConfig(base.Config):
    """Options of the `vinhdanh` plugin in mkdocs.yml."""

    exemplars = c.Type(str, default="exemplars")
    """The records folder, relative to mkdocs.yml."""
    overrides = c.Type(str, default="overrides/vinhdanh")
    """Folder of templates that replace the package's, relative to mkdocs.yml."""
    news = c.Type(str, default="news")
    """The blog's folder inside docs_dir (the blog plugin's `blog_dir`)."""
    search = c.Type(bool, default=True)
    """Build the Pagefind index and load the search box (Material's `search` plugin must be off)."""


class VinhdanhPlugin(BasePlugin[VinhdanhConfig]):
    """Render exemplar records into pages of the site, and link them with the news."""

    serving = False
    """True under `mkdocs serve`, where drafts are shown."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check the records and stories; set up anchors, figures and styles."""
        root = Path(config.config_file_path).parent
        self.exemplars_dir = root / self.config.exemplars
        self.overrides_dir = root / self.config.overrides
        loaded = load(self.exemplars_dir, repository=root)
        load_stories(Path(config.docs_dir), self.config.news, loaded, repository=root)
        # MkDocs would publish a page that is a link to a file of the machine: refuse before it reads one.
        loaded.problems += escaping_links(root, self.exemplars_dir,
                                          [config.docs_dir, self.overrides_dir, config.theme.custom_dir])
        try:
            catalogue, warnings = checked_catalogue(loaded)
        except CatalogueError as err:
            for problem in err.problems:
                (log.warning if problem.warning else log.error)(str(problem))
            raise Abort(f"{err}: nothing was built. Fix them and build again (`vinhdanh check` lists them).")
        for problem in warnings:
            log.warning(str(problem))
        self.stories: dict[str, Story] = catalogue.stories
        self.photo_cache = PhotoCache(root / ".cache" / "vinhdanh" / "photos")
        self.renderer = SiteRenderer(catalogue, make_environment(self.overrides_dir),
                                     directory_urls=config.use_directory_urls, photo_cache=self.photo_cache,
                                     exemplars_dir=self.exemplars_dir)
        self.synonyms = synonym_groups(self.renderer.rel)
        if self.config.search:
            config.extra_javascript.append(SEARCH_JS_URI)
        for extension in ("toc", "attr_list", "md_in_html", "vinhdanh.figures"):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        # Python-Markdown's default slugify drops "đ"; ours writes it as "d".
        config.mdx_configs.setdefault("toc", {}).setdefault("slugify", toc_slugify)
        config.extra_css.insert(0, CSS_URI)
        self.feed_entries: list[FeedEntry] = []
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
        self._publish_content_images(files, config)
        for uri in (CSS_URI, SEARCH_JS_URI):
            files.append(File.generated(config, uri, content=package_files("vinhdanh").joinpath(uri).read_bytes()))
        return files

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether the site is being served: drafts are shown then."""
        self.serving = command == "serve"

    def _publish_content_images(self, files: Files, config: MkDocsConfig) -> None:
        """Publish each photo of the news folder that a published story shows, stripped and resized.

        Photos of drafts and unused files stay out of the site: they may show what is not announced yet.
        """
        self.content_images: dict[str, PhotoSet] = {}
        now = dt.datetime.now(VIETNAM)
        shown = {image for story in self.stories.values() if self.serving or story.is_live(now)
                 for image in story.images}
        for file in list(files):
            if not (file.src_uri.startswith(self.config.news + "/") and file.abs_src_path
                    and Path(file.src_uri).suffix.lower() in RASTER_SUFFIXES):
                continue
            files.remove(file)
            if file.src_uri not in shown:
                continue
            photos = self.photo_cache.photo(Path(file.abs_src_path))
            files.append(File.generated(config, file.src_uri, abs_src_path=str(photos.largest.path)))
            for rendition in photos.renditions[:-1]:
                files.append(File.generated(config, sized_uri(file.src_uri, rendition.width),
                                            abs_src_path=str(rendition.path)))
            self.content_images[file.src_uri] = photos

    def _add_srcset(self, html: str, page: Page) -> str:
        """Give story images their smaller sizes (srcset) and their dimensions."""
        # Links in converted HTML are relative to the page's address, not to its source file.
        base = page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url)
        return add_srcset(html, base, self.content_images)

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Normalise every page to NFC; give each story its lead and cover, and its exemplars below."""
        markdown = nfc(markdown)  # pages saved on macOS or pasted from Word may be decomposed
        story = self.stories.get(page.file.src_uri)
        if story is None:
            return markdown
        head, tail = self.renderer.story_parts(story)
        return f"{head}\n\n{markdown}\n\n{tail}"

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put back the HTML kept out of Markdown; add what search needs to searchable pages."""
        uri = page.file.src_uri
        source = self.pages.get(uri)
        if source:
            html = source.restore_html(html)
        if uri in self.stories:
            html = self._add_srcset(html, page)
        if not (self.config.search and self._searchable(uri)):
            return html
        story = self.stories.get(uri)
        data = story_search_data(self.renderer.rel, story) if story else source.search_data if source else ""
        # Heading permalinks ("¶") would otherwise end up in result titles.
        html = html.replace('class="headerlink"', 'class="headerlink" data-pagefind-ignore')
        return html + data + shadow_block(shadow_text(html, self.synonyms))

    def _searchable(self, uri: str) -> bool:
        """Return whether search indexes the page: profiles, stories and hand-written pages."""
        if uri in self.pages:
            return bool(self.pages[uri].search_data)
        return uri in self.stories or not uri.startswith(self.config.news + "/")

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Publish NFC only; mark the content of searchable pages for Pagefind (nav, header, footer are not)."""
        if not unicodedata.is_normalized("NFC", output):  # titles read from decomposed front matter
            output = nfc(output)
        if self.config.search and self._searchable(page.file.src_uri):
            output = output.replace('<article class="md-content__inner md-typeset">',
                                    '<article class="md-content__inner md-typeset" data-pagefind-body>', 1)
        return output

    @event_priority(-100)  # after the blog plugin, whose date filter this replaces
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Show dates as dd/mm/yyyy, with the time where there is one."""
        env.filters["date"] = _shown_date
        return env

    def on_page_context(self, context: dict, /, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
        """Describe the page for link previews (Open Graph) and collect stories for the feed."""
        story = self.stories.get(page.file.src_uri)
        source = self.pages.get(page.file.src_uri)
        image = story.cover.image if story and story.cover else source.image if source else None
        site_url = config.site_url or ""
        description = page.meta.get("description") or config.site_description or ""
        if source:  # generated front matter is HTML-escaped already (see pages.yaml_string)
            description = html.unescape(description)
        page.meta["vinhdanh_og"] = {
            "type": "article" if story else "profile" if source and source.image else "website",
            "title": page.title, "description": description,
            "url": page.canonical_url or "", "image": urljoin(site_url, image) if image and site_url else "",
        }
        if story and story.is_live(dt.datetime.now(VIETNAM)):
            self.feed_entries.append(FeedEntry(
                title=story.title, url=page.canonical_url or page.url, published=story.date,
                summary=story.description, authors=tuple(a.name for a in getattr(page, "authors", [])),
                categories=story.categories, image=page.meta["vinhdanh_og"]["image"] or None))
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the Atom feed of the news, then build the search index over the finished site."""
        site_url = config.site_url or ""
        feed_uri = f"{self.config.news}/feed.xml"
        feed = atom_feed(self.feed_entries, config.site_name, site_url or "/", urljoin(site_url, feed_uri))
        path = Path(config.site_dir) / feed_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(feed)
        if self.config.search:
            try:
                seconds = build_index(Path(config.site_dir))
            except SearchIndexError as err:
                raise PluginError(str(err)) from None
            log.info(f"Pagefind indexed the site in {seconds:.1f} s")

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        """Rebuild when a record or a template override changes."""
        for folder in (self.exemplars_dir, self.overrides_dir):
            if folder.is_dir():
                server.watch(str(folder))
        return server


def _shown_date(value: dt.date) -> str:
    """Return dd/mm/yyyy, with HH:MM in Vietnam time when the story gave a time.

    The blog plugin turns a date alone into midnight UTC: that stays a date alone.
    """
    if not isinstance(value, dt.datetime):
        return format_date(value)
    if value.tzinfo in (None, dt.timezone.utc) and (value.hour, value.minute, value.second) == (0, 0, 0):
        return format_date(value.date())
    return format_datetime(value.astimezone(VIETNAM))
