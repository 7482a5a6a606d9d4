"""The MkDocs plugin: a thin adapter that feeds the catalogue's pages to MkDocs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..records.load import shown
from ..records.model import Collective, Person
from ..records.photos import add_srcset
from ..records.stories import Story, with_excerpt_break
from ..text import VIETNAM, nfc
from ..views.feed import FeedEntry
from ..views.portal_pages import phone_uri, portal_globals
from ..views.relations import kind_of
from ..views.search import shadow_block, shadow_text, story_search_data, synonym_groups
from ..views.uris import page_uri
from .config import VinhdanhConfig
from .files import leave_out_active_files
from .generated import add_generated_files
from .listing import unique_heading_ids
from .material import add_theme, extend_material, static_files
from .news import leave_out_unshown_stories, order_posts, publish_news_images, shown_date, write_feed
from .open_graph import feed_entry, open_graph
from .pagefind import SearchIndexer, SearchIndexError
from .preview import BANNER_FILE, banner_loader
from .project_config import blog_plugin, give_blog_authors, project_from_config
from .reading import read_checked
from .rebuilds import REBUILDS
from .sanitize import clean_html
from .second_core import Fragment, FragmentSink, SecondCore, can_split
from .shared_fragments import SharedFragments
from .toc import with_lead_heading, with_title

log = get_plugin_logger(__name__)


class VinhdanhPlugin(BasePlugin[VinhdanhConfig]):
    """Render exemplar records into pages of the site, and link them with the news."""

    serving = False
    """True under `mkdocs serve`, where drafts are shown."""
    last_good: Any = None
    """Under `mkdocs serve`, the last records read without errors (the plugin lives across rebuilds)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether the site is being served: drafts are shown then."""
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check the records and stories; add the theme, anchors, figures and styles."""
        if self.serving:
            REBUILDS.begin()
        self.project = project_from_config(config, self.config, self.serving)
        self.now = dt.datetime.now(VIETNAM)
        checked = read_checked(self.project, self.now, self.serving, self.last_good)
        loaded, self.left_out, self.banner = checked.loaded, checked.left_out, checked.banner
        if checked.good:
            self.last_good = loaded
        self.stories: dict[str, Story] = loaded.catalogue.stories
        self.renderer = self.project.renderer(loaded.catalogue, self.now, REBUILDS.pages if self.serving else None)
        if self.serving:
            self.renderer.env.bytecode_cache = REBUILDS.templates
        self.synonyms = synonym_groups(self.renderer.rel)
        self.blog = blog_plugin(config)
        if self.blog:  # its future-date rule reads a time without a zone as UTC: ours replaces it
            self.blog.config.draft_if_future_date = False
        add_theme(config, self.config.search)
        self.feed_entries: list[FeedEntry] = []
        self.shared_fragments = SharedFragments()
        self.deferred: dict[str, Person | Collective] = {}
        """Profiles the second process renders, reads, converts and writes (`mkdocs build` of a big site)."""
        self.second_core: SecondCore | None = None
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Start Pagefind beside the build: it indexes each page as soon as it is written."""
        # Under `mkdocs serve`, search is indexed after the pages, in the background (see on_post_build).
        self.indexer = SearchIndexer(Path(config.site_dir) / "pagefind") if self.config.search and not self.serving \
            else None

    def on_build_error(self, *, error: Exception) -> None:
        """Stop Pagefind: a failed build writes no index."""
        if self.serving:
            REBUILDS.end()
        if core := getattr(self, "second_core", None):
            core.cancel()
            self.second_core = None
        indexer: SearchIndexer | None = getattr(self, "indexer", None)
        if indexer:
            indexer.cancel()
            self.indexer = None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages, photos and stylesheet as virtual files; leave out unpublished stories."""
        leave_out_active_files(files, config)  # named by the checks, as warnings (active_files.py)
        give_blog_authors(self.blog, self.project.settings)  # before the blog reads a story's authors
        leave_out_unshown_stories(files, config, self.project, self.stories, self.now, self.serving)
        for file in [f for f in files if self.left_out and shown(Path(f.abs_src_path or "")) in self.left_out]:
            files.remove(file)  # a story with errors, under `mkdocs serve`
        rel = self.renderer.rel
        exemplars: list[Person | Collective] = [*rel.people, *rel.collectives]
        # On a big site every other profile is rendered, read, converted and written by a second process (on_env).
        split = not self.serving and can_split(config.plugins.keys(), len(exemplars))
        self.deferred = {page_uri(kind_of(e), e.id): e for e in exemplars[1::2]} if split else {}
        self.pages = add_generated_files(files, config, self.renderer, self.deferred,
                                         self.project.cache / "pages" if self.serving else None)
        self.content_images = publish_news_images(files, config, self.project, self.stories, self.now)
        for file in static_files(config):
            files.append(file)
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Give the blog each story's time as written (Vietnam time without a zone), and its order."""
        self.nav = nav  # the blog adds its pages to this same navigation
        # Pages left as last built (under `mkdocs serve`) are still pages of the site.
        self.page_urls = {"/" + file.url for file in files if file.is_documentation_page()}
        order_posts(self.blog, self.stories)
        return nav

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Normalise every page to NFC; give each story its lead and cover, an excerpt, its exemplars below."""
        if page.file.src_uri in self.deferred:
            return ""  # the second process converts it
        markdown = nfc(markdown)  # pages saved on macOS or pasted from Word may be decomposed
        story = self.stories.get(page.file.src_uri)
        if story is None:
            return markdown
        head, tail = self.renderer.story_parts(story, page.url)
        # The blog looks for the excerpt break in page.markdown, before this hook's result is kept.
        page.markdown = f"{head}\n\n{with_excerpt_break(markdown)}\n\n{tail}"
        return page.markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put back the HTML kept out of Markdown; add what search needs to searchable pages."""
        uri = page.file.src_uri
        if uri in self.deferred:
            page.present_anchor_ids = None  # not known here: links to its anchors are not checked
            return ""
        html = clean_html(html)  # what users wrote (sanitize.py); the templates' HTML blocks come back below
        source = self.pages.get(uri)
        if source:
            html = source.restore_html(html)
            # Its text is in the page now: at 10,000 profiles, keeping it too took 200 MB to the end of the build.
            self.pages[uri] = dataclasses.replace(source, markdown="", html_blocks=())
        story = self.stories.get(uri)
        if story:
            html = with_title(add_srcset(html, _page_dir(page), self.content_images), page.title or story.title)
        if source or story:  # the skip link goes to the first heading of the table of contents
            page.toc = with_lead_heading(page.toc, html)
        if not (self.config.search and self._searchable(uri)):
            return html
        page.meta["vinhdanh_searchable"] = True  # given to Pagefind once rendered (on_post_page)
        data = story_search_data(self.renderer.rel, story) if story else source.search_data if source else ""
        # Heading permalinks ("¶") would otherwise end up in result titles.
        html = html.replace('class="headerlink"', 'class="headerlink" data-pagefind-ignore')
        return html + data + shadow_block(shadow_text(html, self.synonyms))

    def _searchable(self, uri: str) -> bool:
        """Return whether search indexes the page: profiles, stories and hand-written pages."""
        if uri in self.pages:
            return bool(self.pages[uri].search_data)
        news = self.project.news
        return uri in self.stories or not (news and uri.startswith(news.blog_dir + "/"))

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Publish NFC only; give search the content of searchable pages; one heading id per story on a listing."""
        if page.meta.get("vinhdanh_elsewhere"):  # rendered by the second process (second_core.py)
            page.content = None
            return output
        if not unicodedata.is_normalized("NFC", output):  # titles read from decomposed front matter
            output = nfc(output)
        news = self.project.news
        if news and page.file.src_uri.startswith(news.blog_dir + "/") and page.file.src_uri not in self.stories:
            output = unique_heading_ids(output)
        if page.meta.get("vinhdanh_searchable"):
            fragment = ("/" + page.url, nfc(page.title or ""), nfc(page.content or ""))
            if self.indexer:
                self.indexer.add(*fragment)
            elif self.serving and self.config.search:
                REBUILDS.search_pages[fragment[0]] = fragment
        if page.file.src_uri in self.pages:  # written: MkDocs would keep every profile's HTML to the end
            page.content = None
        if self.serving:  # the problems, on every page of the preview
            loader = banner_loader(page.url)
            output = re.sub(r"(<body[^>]*>)", lambda m: m[1] + loader, output, count=1)
        return output

    @event_priority(-100)  # after the blog plugin, whose date filter this replaces
    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Show dates as dd/mm/yyyy; give the theme what it needs; let it extend Material's own templates."""
        env.filters["date"] = shown_date
        if self.serving:
            env.bytecode_cache = REBUILDS.templates
        env.globals["vinhdanh"] = {"search": self.config.search, "feed": self._feed_uri(), "preview": self.serving,
                                   "shared": self.shared_fragments,
                                   **portal_globals(self.project.settings, self.project.directory_urls)}
        env.filters["tel"] = phone_uri
        extend_material(env, config)
        if self.deferred:  # every other page is converted, and the environment is ready: fork
            self._start_second_core(env, config, files)
        return env

    def _start_second_core(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> None:
        """Fork a copy of the build that reads, converts and renders the deferred pages (second_core.py)."""
        from mkdocs.commands.build import _build_page, _populate_page  # what MkDocs does with each page

        doc_files = files.documentation_pages()
        pages = [f.page for f in doc_files if f.src_uri in self.deferred and f.page is not None]

        def render(page: Page, send: Callable[[Fragment], None]) -> None:  # in the copy
            source = self.pages[page.file.src_uri] = self.renderer.profile(self.deferred.pop(page.file.src_uri))
            page.file.content_string = source.markdown
            self.indexer = FragmentSink(send)  # type: ignore[assignment]  # search is the parent's
            _populate_page(page, config, files)
            _build_page(page, config, doc_files, self.nav, env)

        indexer = self.indexer
        self.second_core = SecondCore(pages, render, (lambda fragment: indexer.add(*fragment)) if indexer else None)

    def _feed_uri(self) -> str | None:
        return f"{self.project.news.blog_dir}/feed.xml" if self.project.news else None

    def _describe_page(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                       nav: Navigation) -> TemplateContext:
        """Describe the page for link previews (Open Graph) and collect stories for the feed."""
        if page.meta.get("vinhdanh_elsewhere"):
            return context
        story = self.stories.get(page.file.src_uri)
        page.meta["vinhdanh_og"] = open_graph(page, config, story, self.pages.get(page.file.src_uri))
        if story and self.renderer.rel.is_live(story):
            self.feed_entries.append(feed_entry(page, story))
        return context

    @event_priority(-110)  # after the blog plugin converted its listing's excerpts (at -100)
    def _clean_excerpts(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        """Clean the excerpts on a news listing: the blog converts them from the stories' Markdown on its own."""
        excerpts: list[Any] = context.get("posts") or []  # type: ignore[assignment]  # the blog's Excerpt pages
        for excerpt in excerpts:
            if excerpt.content:
                excerpt.content = clean_html(excerpt.content)
        return context

    on_page_context = CombinedEvent(_describe_page, _clean_excerpts)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the Atom feed of the news, then build the search index over the finished site."""
        if feed_uri := self._feed_uri():
            write_feed(self.feed_entries, config, feed_uri)
        if self.serving and self.config.search:
            REBUILDS.index_in_background(Path(config.site_dir), self.page_urls)
        if self.serving:
            (Path(config.site_dir) / BANNER_FILE).write_text(self.banner, encoding="utf-8")
            REBUILDS.end()
        if self.second_core:
            core, self.second_core = self.second_core, None
            if not core.finish():
                raise PluginError("the second process rendering pages stopped with an error (above)")
        if self.indexer:
            indexer, self.indexer = self.indexer, None
            try:
                seconds = indexer.finish()
            except SearchIndexError as err:
                raise PluginError(str(err)) from None
            log.info(f"Pagefind indexed {indexer.pages} pages while the site was built ({seconds:.1f} s)")

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when a record or a template override changes."""
        for folder in (self.project.exemplars, self.project.overrides):
            if folder.is_dir():
                server.watch(str(folder))
        return server


def _page_dir(page: Page) -> str:
    """Return the folder of a page's address: links in converted HTML are relative to it."""
    return page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url)
