"""The MkDocs plugin: a thin adapter that feeds the catalogue's pages to MkDocs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import os
import posixpath
import re
import unicodedata
from collections.abc import Callable
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .checks import check
from .feed import FeedEntry, atom_feed
from .listing import unique_heading_ids
from .load import shown
from .mkdocs_config import blog_plugin, give_blog_authors, project_from_config
from .mkdocs_files import leave_out_active_files
from .mkdocs_toc import with_lead_heading, with_title
from .model import Collective, Person
from .pagefind import SearchIndexer, SearchIndexError
from .pages import CSS_URI, JS_URI, SEARCH_JS_URI, PageSource, page_uri
from .photos import RASTER_SUFFIXES, PhotoSet, add_srcset, photo_problem, sized_uri
from .plugin_config import VinhdanhConfig
from .portal_pages import phone_uri, portal_globals
from .preview import BANNER_FILE, banner, banner_loader, previewable
from .rebuilds import REBUILDS
from .relations import kind_of
from .sanitize import clean_html
from .search import shadow_block, shadow_text, story_search_data, synonym_groups
from .second_core import Fragment, FragmentSink, SecondCore, can_split
from .shared_fragments import SharedFragments
from .stories import VIETNAM, Story, with_excerpt_break
from .text import format_date, format_datetime, nfc, toc_slugify

log = get_plugin_logger(__name__)
THEME_DIR = Path(str(package_files("vinhdanh").joinpath("theme")))
"""vinhdanh's additions to Material's templates: search box, feed link, link previews."""


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
        loaded = self.project.read(self.now, REBUILDS.files if self.serving else None)
        problems = check(loaded)
        errors = [p for p in problems if not p.warning or self.project.strict]
        self.left_out: set[str] = set()
        self.banner = ""
        if errors and self.serving:  # the preview goes on with what is right, and lists what is wrong
            for problem in errors:
                log.warning(str(problem))
            preview = previewable(loaded, problems, self.project.docs, self.last_good)
            loaded, self.left_out, self.banner = preview.loaded, preview.left_out, banner(preview.problems)
        elif errors:
            for problem in problems:
                log.error(str(problem))
            raise Abort(f"{len(errors)} error(s) in the records and stories: nothing was built. "
                        "Fix them and build again (`vinhdanh check` lists them).")
        else:
            self.last_good = loaded
            _report_notices(problems)
        self.stories: dict[str, Story] = loaded.catalogue.stories
        self.renderer = self.project.renderer(loaded.catalogue, self.now, REBUILDS.pages if self.serving else None)
        if self.serving:
            self.renderer.env.bytecode_cache = REBUILDS.templates
        self.synonyms = synonym_groups(self.renderer.rel)
        self.blog = blog_plugin(config)
        if self.blog:  # its future-date rule reads a time without a zone as UTC: ours replaces it
            self.blog.config.draft_if_future_date = False
        config.extra_javascript.append(JS_URI)
        if self.config.search:
            config.extra_javascript.append(SEARCH_JS_URI)
        if str(THEME_DIR) not in config.theme.dirs:  # before Material's own, after the site's overrides
            config.theme.dirs.insert(_material_index(config), str(THEME_DIR))
        for extension in ("toc", "attr_list", "md_in_html", "vinhdanh.figures"):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        # Python-Markdown's default slugify drops "đ"; ours writes it as "d".
        config.mdx_configs.setdefault("toc", {}).setdefault("slugify", toc_slugify)
        config.extra_css.insert(0, CSS_URI)
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
        news = self.project.news
        for uri, story in self.stories.items():
            if news and not news.is_shown(story, self.now) and (file := files.get_file_from_path(uri)):
                files.remove(file)
        if self.serving and news and (listing := files.get_file_from_path(f"{news.blog_dir}/index.md")):
            # Its file does not change when a story does: `serve --dirty` must still rebuild the listing,
            # so a fresh copy stands in for it (on disk: the blog copies it for each page of the listing).
            folder = self.project.cache / "listing"
            (folder / listing.src_uri).parent.mkdir(parents=True, exist_ok=True)
            (folder / listing.src_uri).write_text(listing.content_string, encoding="utf-8")
            files.remove(listing)
            files.append(File(listing.src_uri, str(folder), config.site_dir, config.use_directory_urls,
                              inclusion=listing.inclusion))
        for file in [f for f in files if self.left_out and shown(Path(f.abs_src_path or "")) in self.left_out]:
            files.remove(file)  # a story with errors, under `mkdocs serve`
        self.pages: dict[str, PageSource] = {}
        rel = self.renderer.rel
        exemplars: list[Person | Collective] = [*rel.people, *rel.collectives]
        # On a big site every other profile is rendered, read, converted and written by a second process (on_env).
        split = not self.serving and can_split(config.plugins.keys(), len(exemplars))
        self.deferred = {page_uri(kind_of(e), e.id): e for e in exemplars[1::2]} if split else {}
        for page in self.renderer.pages(later=self.deferred):
            if files.get_file_from_path(page.src_uri):
                log.info(f"{page.src_uri}: the site's own page is used instead of the generated one")
                self.deferred.pop(page.src_uri, None)
                continue
            level = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            if self.serving:  # a file on disk, rewritten only when it changes: `serve --dirty` skips the rest
                folder = self.project.cache / "pages"
                written = REBUILDS.write_page(folder, page)
                file = File(page.src_uri, str(folder), config.site_dir, config.use_directory_urls, inclusion=level)
                if not (written or page.in_nav) and os.path.exists(file.abs_dest_path):
                    # Served as last built: MkDocs need not even make it a page (at 3,000 profiles, a second of
                    # every rebuild). Links to it still resolve.
                    file.inclusion = InclusionLevel.EXCLUDED
                files.append(file)
            else:
                files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=level))
            self.pages[page.src_uri] = page
        for photo in self.renderer.photos():
            files.append(File.generated(config, photo.dest_uri, abs_src_path=str(photo.src)))
        for uri, content in self.renderer.downloads():  # decisions' rolls as CSV, beside their pages
            files.append(File.generated(config, uri, content=content))
        for uri, path in self.renderer.signed_copies():  # published documents' PDFs, checked (documents.py)
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        self._publish_news_images(files, config)
        for uri in (CSS_URI, JS_URI, SEARCH_JS_URI):
            files.append(File.generated(config, uri, content=package_files("vinhdanh").joinpath(uri).read_bytes()))
        return files

    def _publish_news_images(self, files: Files, config: MkDocsConfig) -> None:
        """Publish the news folder's photos stripped and resized; hold back those only unpublished stories show.

        A draft's photos may show what is not announced yet; every other image (author
        avatars, say) is published.
        """
        self.content_images: dict[str, PhotoSet] = {}
        news = self.project.news
        if not news:
            return
        shown = {image for story in self.stories.values() if news.is_shown(story, self.now) for image in story.images}
        held = {image for story in self.stories.values() for image in story.images} - shown
        for file in list(files):
            if not (file.src_uri.startswith(news.blog_dir + "/") and file.abs_src_path
                    and Path(file.src_uri).suffix.lower() in RASTER_SUFFIXES):
                continue
            files.remove(file)
            if file.src_uri in held:
                continue
            if problem := photo_problem(Path(file.abs_src_path)):
                log.info(f"{file.src_uri}: left out of the site: {problem}")
                continue
            photos = self.project.photo_cache().photo(Path(file.abs_src_path))
            files.append(File.generated(config, file.src_uri, abs_src_path=str(photos.largest.path)))
            for rendition in photos.renditions[:-1]:
                files.append(File.generated(config, sized_uri(file.src_uri, rendition.width),
                                            abs_src_path=str(rendition.path)))
            self.content_images[file.src_uri] = photos

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Give the blog each story's time as written (Vietnam time without a zone), and its order."""
        self.nav = nav  # the blog adds its pages to this same navigation
        # Pages left as last built (under `mkdocs serve`) are still pages of the site.
        self.page_urls = {"/" + file.url for file in files if file.is_documentation_page()}
        posts = getattr(getattr(self.blog, "blog", None), "posts", None)
        if not posts:
            return nav
        for post in posts:
            story = self.stories.get(post.file.src_uri)
            if story:  # the blog reads a time without a zone as UTC
                post.config.date["created"] = post.config.date.created = story.date
        order = lambda post: (post.config.pin, post.config.date.created)  # noqa: E731 - the blog's own order
        posts.sort(key=order, reverse=True)
        for view in self.blog._resolve_views(self.blog.blog):  # archive and category pages
            view.posts.sort(key=order, reverse=True)
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
        env.filters["date"] = _shown_date
        if self.serving:
            env.bytecode_cache = REBUILDS.templates
        env.globals["vinhdanh"] = {"search": self.config.search, "feed": self._feed_uri(), "preview": self.serving,
                                   "shared": self.shared_fragments, **portal_globals(self.project)}
        env.filters["tel"] = phone_uri
        material = jinja2.FileSystemLoader(config.theme.dirs[_material_index(config)])
        assert env.loader is not None  # MkDocs gives the theme's folders
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({"material": material})])
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
        if story and self.renderer.rel.is_live(story):
            self.feed_entries.append(FeedEntry(
                title=story.title, url=page.canonical_url or page.url, published=story.date,
                summary=story.description, authors=tuple(a.name for a in getattr(page, "authors", [])),
                categories=story.categories, image=page.meta["vinhdanh_og"]["image"] or None))
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
        feed_uri = self._feed_uri()
        if feed_uri:
            site_url = config.site_url or ""
            feed = atom_feed(self.feed_entries, config.site_name, site_url or "/", urljoin(site_url, feed_uri))
            path = Path(config.site_dir) / feed_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(feed)
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


def _report_notices(problems: list[Any]) -> None:
    """Log the notices about the records: they inform, and do not stop publishing."""
    for problem in problems:
        log.info(f"notice: {problem}")
    if problems:
        log.info(f"{len(problems)} notice(s) about the records: the site is built all the same "
                 "('strict: true' under the vinhdanh plugin makes them stop the build)")


def _material_index(config: MkDocsConfig) -> int:
    """Return where Material's templates sit among the theme's folders (after the site's overrides)."""
    dirs = [Path(d).resolve() for d in config.theme.dirs]
    material = Path(str(package_files("material").joinpath("templates"))).resolve()
    if material not in dirs:
        raise PluginError("vinhdanh needs the Material theme: set 'theme: name: material' in mkdocs.yml")
    return dirs.index(material)


def _page_dir(page: Page) -> str:
    """Return the folder of a page's address: links in converted HTML are relative to it."""
    return page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url)


def _shown_date(value: dt.date) -> str:
    """Return dd/mm/yyyy, with HH:MM in Vietnam time when the story gave a time (not midnight)."""
    if not isinstance(value, dt.datetime):
        return format_date(value)
    local = value.astimezone(VIETNAM)
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        return format_date(local.date())
    return format_datetime(local)
