"""Catalogue → page sources (Markdown with HTML blocks) through Jinja templates.

Nothing here imports MkDocs: the plugin and `vinhdanh export` both use it.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import posixpath
import re
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup, escape

from .boards import board_pages
from .decisions import Decision, by_year, decision_slug, decisions_of, position_at_time, roll_csv
from .document_pages import attached, decision_search_data, document_pages, pdf_uri, published_documents
from .documents import KINDS as DOCUMENT_KINDS
from .documents import file_size
from .initiatives import LEVEL_NAMES, initiative_pages
from .model import Collective, Exemplar, Person
from .nomination_pages import nomination_pages, open_nominations
from .pagecache import PageCache
from .paging import NAMES_PER_PAGE, ROWS_PER_PAGE, Group, Pager, Part, cut, pager, span_label
from .photos import PhotoCache, PhotoSet
from .portal_pages import phone_uri, portal_pages
from .relations import Award, Relations, kind_of
from .search import exemplar_search_data
from .settings import NO_SETTINGS, Settings
from .stats_page import statistics_pages
from .stories import Story
from .text import format_date, initial, slugify

SECTIONS = {"person": "ca-nhan", "collective": "tap-the", "title": "danh-hieu",
            "unit": "don-vi", "year": "nam", "movement": "phong-trao", "search": "tim-kiem",
            "decision": "quyet-dinh", "nomination": "lay-y-kien",
            "initiative": "sang-kien", "board": "bang-vang",
            "stats": "thong-ke", "document": "van-ban"}
PAGES = {"contact": "lien-he.md", "english": "en.md"}
"""Pages alone in their folder: not index.md, which Material's navigation.indexes would make a section's page."""
CSS_URI = "assets/vinhdanh.css"
SEARCH_JS_URI = "assets/vinhdanh-search.js"
JS_URI = "assets/vinhdanh.js"  # keyboard fixes on every page
LEVELS = {"nha-nuoc": "Cấp Nhà nước", "chinh-phu": "Cấp Chính phủ", "nganh": "Cấp ngành", "co-so": "Cấp cơ sở"}
INITIATIVE_LEVELS = {"co-so": "cấp cơ sở", "nganh": "cấp ngành", "toan-quoc": "toàn quốc"}


# Python-Markdown parses raw HTML with html.parser, which made it the slowest step of a
# build: generated HTML is kept aside, a placeholder paragraph stands in for each block
# in the Markdown, and the HTML is put back after conversion (see `restore_html`).
T = TypeVar("T")

_PLACEHOLDER = "vinhdanhblock{}"
_PLACEHOLDER_LINE = re.compile(r"^vinhdanhblock(\d+)$", re.MULTILINE)
_PLACEHOLDER_HTML = re.compile(r"<p>vinhdanhblock(\d+)</p>")


@dataclass(frozen=True)
class PageSource:
    """One generated page, as MkDocs would read it from docs_dir."""

    src_uri: str
    markdown: str
    """Markdown with a placeholder paragraph for each of `html_blocks`."""
    in_nav: bool = False
    html_blocks: tuple[str, ...] = ()
    image: str | None = None
    """The page's picture for link previews: a profile's photo."""
    search_data: str = ""
    """Hidden Pagefind facets and metadata; only pages that have them are searched."""

    def inline(self) -> str:
        """Return self-contained Markdown, the HTML blocks in place, for any Markdown engine."""
        return inline_html(self.markdown, self.html_blocks)

    def restore_html(self, html: str) -> str:
        """Put the HTML blocks back into the page as converted from `markdown`."""
        return restore_html(html, self.html_blocks)


def inline_html(markdown: str, blocks: tuple[str, ...] | list[str]) -> str:
    """Return Markdown with its HTML blocks written in place of their placeholders."""
    return _PLACEHOLDER_LINE.sub(lambda m: blocks[int(m[1])], markdown)


def restore_html(html: str, blocks: tuple[str, ...]) -> str:
    """Put HTML blocks kept out of Markdown back in place of their placeholders."""
    return _PLACEHOLDER_HTML.sub(lambda m: blocks[int(m[1])], html) if blocks else html


@jinja2.pass_context
def keep_html(context: jinja2.runtime.Context, html: str) -> Markup:
    """Keep a block of HTML out of Markdown; return its placeholder (the `html` filter).

    The blocks go to the list of the render under way (`html_blocks` in its context), so that
    templates and macros rendered for one page never mix with another's.
    """
    blocks = context.get("html_blocks")
    if blocks is None:
        raise jinja2.TemplateRuntimeError("the 'html' filter needs 'html_blocks' in the template's context")
    blocks.append(str(html).strip())
    return Markup("\n\n" + _PLACEHOLDER.format(len(blocks) - 1) + "\n\n")


@dataclass(frozen=True)
class Photo:
    """An exemplar photo copied into the site."""

    src: Path
    dest_uri: str


def page_uri(kind: str, key: object = None, part: int = 1) -> str:
    """Return the source path of a generated page: ("person", "ha") → "ca-nhan/ha.md".

    Later pages of a long list sit below the first: ("title", "cstd", 2) → "danh-hieu/cstd/2.md".
    """
    if kind == "home":
        return "index.md"
    if kind in PAGES:
        return PAGES[kind]
    stem = f"{SECTIONS[kind]}/{key}" if key is not None else f"{SECTIONS[kind]}/index"
    return f"{stem}.md" if part == 1 else f"{stem.removesuffix('/index')}/{part}.md"


def letter_uri(kind: str, letter: str, part: int = 1) -> str:
    """Return the page of one letter of a long A–Z list: ("person", "Đ") → "ca-nhan/chu-cai/dd.md"."""
    key = letter_id(letter).removeprefix("chu-")
    return f"{SECTIONS[kind]}/chu-cai/{key}{'' if part == 1 else f'-{part}'}.md"


def roll_csv_uri(decision: Decision) -> str:
    """Return where a decision's roll is published as CSV, beside its page: "quyet-dinh/<slug>/<slug>.csv"."""
    return f"{SECTIONS['decision']}/{decision.slug}/{decision.slug}.csv"


def rendition_uri(exemplar: Exemplar, width: int, suffix: str) -> str:
    """Return where one size of an exemplar's photo is published: "anh/ca-nhan/ha-640.jpg"."""
    return f"anh/{SECTIONS[kind_of(exemplar)]}/{exemplar.id}-{width}{suffix}"


@functools.cache
def site_path(uri: str, directory_urls: bool) -> str:
    """Return where MkDocs publishes a source file, from the site root: "ca-nhan/ha.md" → "ca-nhan/ha/"."""
    stem, ext = posixpath.splitext(uri)
    if ext != ".md":
        return uri
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


class Links:
    """Relative links from one page, so the site works from any folder or from file://."""

    def __init__(self, from_uri: str, directory_urls: bool, url: str | None = None) -> None:
        """Links from the page whose source is from_uri, published at url (by default, where MkDocs puts it)."""
        self.directory_urls = directory_urls
        self.from_dir = posixpath.dirname(from_uri)
        self.up = "../" * (site_path(from_uri, directory_urls) if url is None else url).count("/")

    def to(self, uri: str) -> str:
        """Return a relative URL from this page to the file at uri."""
        return self.up + site_path(uri, self.directory_urls) or "./"

    def __call__(self, kind: str, key: object = None) -> str:
        return self.to(page_uri(kind, key))

    def md(self, kind: str, key: object = None) -> str:
        """Return a Markdown link target (a source path, which MkDocs checks and converts)."""
        return self.md_to(page_uri(kind, key))

    def md_to(self, uri: str) -> str:
        """Return a Markdown link target to any file of the docs folder, a story say."""
        return posixpath.relpath(uri, self.from_dir or ".")


def markdown_inline(value: object) -> Markup:
    """Escape text for a Markdown heading or paragraph: HTML and Markdown syntax."""
    text = str(escape(value))
    for char in "\\`*_[]()#!|{}":
        text = text.replace(char, "\\" + char)
    return Markup(text)


# Telex spellings give each letter of the alphabet a readable ASCII anchor.
_LETTER_IDS = {"Ă": "aw", "Â": "aa", "Đ": "dd", "Ê": "ee", "Ô": "oo", "Ơ": "ow", "Ư": "uw"}


def letter_id(letter: str) -> str:
    """Return the anchor of a letter group: "Ă" → "chu-aw"."""
    return "chu-" + (_LETTER_IDS.get(letter) or slugify(letter) or "khac")


def yaml_string(value: object) -> Markup:
    """Return a front-matter value, HTML-escaped: themes print title and description unescaped.

    A JSON string is valid YAML and needs no quoting rules of its own.
    """
    return Markup(json.dumps(str(escape(value)), ensure_ascii=False))


def thousands(value: int) -> str:
    """Return 15860 as "15.860", the Vietnamese way."""
    return f"{value:,}".replace(",", ".")


def make_environment(override_dir: Path | None = None) -> jinja2.Environment:
    """Return the Jinja environment; a site's overrides/vinhdanh/ templates win."""
    loaders: list[jinja2.BaseLoader] = [jinja2.PackageLoader("vinhdanh", "templates")]
    if override_dir and override_dir.is_dir():
        loaders.insert(0, jinja2.FileSystemLoader(override_dir))
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(date=format_date, html=keep_html, md=markdown_inline, num=thousands, initial=initial,
                       letter_id=letter_id, yaml=yaml_string, tel=phone_uri)
    env.globals.update(LEVEL_NAMES=LEVEL_NAMES, LEVELS=LEVELS, INITIATIVE_LEVELS=INITIATIVE_LEVELS, kind_of=kind_of,
                       decision_slug=decision_slug, position_at_time=position_at_time, roll_csv_uri=roll_csv_uri,
                       DOCUMENT_KINDS=DOCUMENT_KINDS, pdf_uri=pdf_uri, file_size=file_size)
    return env


class SiteRenderer:
    """Renders every generated page of a catalogue."""

    def __init__(self, rel: Relations, env: jinja2.Environment, photo_cache: PhotoCache,
                 exemplars_dir: Path = Path("exemplars"), directory_urls: bool = True,
                 cache: PageCache | None = None, settings: Settings = NO_SETTINGS) -> None:
        self.rel = rel
        self.settings = settings
        """The organisation's settings: the contact and English pages, the nominations' legal basis."""
        self.cache = cache
        """Under `mkdocs serve`, the pages of the last rebuild."""
        self.env = env
        self.directory_urls = directory_urls
        self.exemplars_dir = exemplars_dir
        self.photo_cache = photo_cache
        self._photo_sets: dict[tuple[str, str], PhotoSet] = {}

    def photos(self) -> list[Photo]:
        """Return every published size of the photos of published exemplars."""
        return [Photo(r.path, rendition_uri(e, r.width, photos.suffix))
                for e in [*self.rel.people, *self.rel.collectives] if (photos := self.photo_set(e))
                for r in photos.renditions]

    def photo_set(self, exemplar: Exemplar) -> PhotoSet | None:
        """Return the published sizes of an exemplar's photo."""
        if not exemplar.photo:
            return None
        key = (kind_of(exemplar), exemplar.id)
        if key not in self._photo_sets:
            self._photo_sets[key] = self.photo_cache.photo(self.exemplars_dir / exemplar.photo)
        return self._photo_sets[key]

    def pages(self, later: Container[str] = ()) -> Iterator[PageSource]:
        """Yield every page: browse pages (in the nav) first, then the rest.

        Profiles whose source path is in `later` are yielded empty, to be rendered with profile() later.
        """
        rel = self.rel
        yield self.render("home.md", page_uri("home"), True, nominations=open_nominations(rel))
        yield from self.az_pages("person", rel.people_by_letter, heading="Cá nhân điển hình tiên tiến",
                                 noun="cá nhân", total=len(rel.people))
        yield from self.az_pages("collective", rel.collectives_by_letter, heading="Tập thể điển hình tiên tiến",
                                 noun="tập thể", total=len(rel.collectives))
        for kind, template in (("year", "years.md"), ("title", "titles.md"), ("unit", "units.md"),
                               ("movement", "movements.md")):
            yield self.render(template, page_uri(kind), True)
        yield self.render("decisions.md", page_uri("decision"), True, groups=by_year(self.decisions))
        yield self.render("search.md", page_uri("search"), True)
        yield from nomination_pages(rel, self.render, page_uri)
        yield from initiative_pages(rel, self.render, page_uri)
        yield from board_pages(rel, self._render_board, page_uri)
        yield from statistics_pages(rel, self.render, page_uri)
        yield from portal_pages(self.settings, self.render, page_uri)
        yield from document_pages(rel, self.decisions, self.render, page_uri)
        if self.cache is not None:
            self.cache.start(rel, self.env)
        exemplars: list[Person | Collective] = [*rel.people, *rel.collectives]
        for exemplar in exemplars:
            uri = page_uri(kind_of(exemplar), exemplar.id)
            yield PageSource(uri, "") if uri in later else self.profile(exemplar)
        year_groups, title_groups = rel.group_by_year, rel.group_by_title
        for year, awards in rel.by_year.items():
            yield from self.list_pages("year.md", "year", year, title_groups(awards), lambda t: t.name, year=year)
        for title in rel.titles.values():
            yield from self.list_pages("title.md", "title", title.id, year_groups(rel.by_title.get(title.id, [])),
                                       _year_name, title=title)
        for unit in rel.units.values():
            yield from self.list_pages("unit.md", "unit", unit.id, year_groups(rel.by_unit.get(unit.id, [])),
                                       _year_name, unit=unit)
        for movement in rel.movements.values():
            yield from self.list_pages("movement.md", "movement", movement.id,
                                       year_groups(rel.by_movement.get(movement.id, [])), _year_name, movement=movement)
        yield from self._decision_pages()

    def _decision_pages(self) -> Iterator[PageSource]:
        """Yield each decision's roll, with the document that describes it; search indexes its first page."""
        documents = attached(published_documents(self.rel), self.decisions)
        for decision in self.decisions:
            groups = [((title, kind, len(kinds) > 1), awards)
                      for title, kinds in decision.roll() for kind, awards in kinds]
            parts = self.list_pages("decision.md", "decision", decision.slug, groups, lambda key: key[0].name,
                                    decision=decision, document=documents.get(decision.slug))
            yield dataclasses.replace(next(parts), search_data=decision_search_data(decision))
            yield from parts

    @functools.cached_property
    def decisions(self) -> list[Decision]:
        """Return the decisions behind the published honours, newest first."""
        return decisions_of(self.rel)

    def downloads(self) -> list[tuple[str, bytes]]:
        """Return the files published beside the pages: each decision's roll as CSV."""
        return [(uri, self._cached(uri, d, functools.partial(roll_csv, self.rel, d)))
                for d in self.decisions for uri in [roll_csv_uri(d)]]

    def signed_copies(self) -> list[tuple[str, Path]]:
        """Return the published documents' signed copies (PDF): where each is published, and its file."""
        return [(pdf_uri(d), self.exemplars_dir / d.file) for d in published_documents(self.rel) if d.file]

    def profile(self, exemplar: Person | Collective) -> PageSource:
        """Render a profile (under `mkdocs serve`, only if what it shows has changed)."""
        uri = page_uri(kind_of(exemplar), exemplar.id)
        inputs = self.rel.profile_inputs(exemplar) + (self.photo_set(exemplar),)
        return self._cached(uri, inputs, lambda: self.render("profile.md", uri, exemplar=exemplar,
                                                             is_person=isinstance(exemplar, Person)))

    def _render_board(self, template: str, uri: str, in_nav: bool = False, **context: Any) -> PageSource:
        """Render a page of the honour boards: what it shows is its context, and the portraits."""
        render = functools.partial(self.render, template, uri, in_nav, **context)
        return self.cache.page(uri, (template, context, self._all_photos), render) if self.cache else render()

    @functools.cached_property
    def _all_photos(self) -> tuple[PhotoSet | None, ...]:
        """Every exemplar's photo sizes, looked up once per build for the boards' pages."""
        return tuple(self.photo_set(e) for e in [*self.rel.people, *self.rel.collectives])

    def _cached(self, uri: str, inputs: object, render: Callable[[], T]) -> T:
        return self.cache.page(uri, inputs, render) if self.cache is not None else render()

    def list_pages(self, template: str, kind: str, key: object, groups: list[tuple[Any, list[Award]]],
                   name: Callable[[Any], str], **context: Any) -> Iterator[PageSource]:
        """Yield the pages of one list of honours, cut where it is long; `awards` is each page's share."""
        pages = cut(groups, ROWS_PER_PAGE)
        # What a page of the list shows: its share of the honours, the pager (made from all of them), the
        # list's own record, and what the templates show besides (a unit's people, a movement's stories).
        shown = self.rel.list_inputs(kind, key)
        inputs = (template, groups, context, shown, tuple(self.photo_set(e) for e in shown if isinstance(e, Exemplar)))
        for number, page in enumerate(pages, 1):
            uri = page_uri(kind, key, number)
            yield self._cached(uri, inputs, functools.partial(
                self.render, template, uri, groups=page, awards=[award for group in page for award in group.items],
                pager=pager(pages, lambda n: page_uri(kind, key, n), lambda p: span_label(p, name), number),
                **context))

    def az_pages(self, kind: str, letters: list[tuple[str, list[Any]]], **context: Any) -> Iterator[PageSource]:
        """Yield an A–Z list: one page, or, when long, an index of letters and a page (or more) per letter."""
        index_uri = page_uri(kind)
        index: list[tuple[str, int, str, tuple[Part, ...]]]
        if sum(len(group) for _, group in letters) <= NAMES_PER_PAGE:
            index = [(letter, len(group), index_uri, ()) for letter, group in letters]
            yield self.render("az.md", index_uri, True, groups=[Group(letter, group) for letter, group in letters],
                              letters=index, letter=None, pager=Pager((), 1), **context)
            return
        cuts = {letter: cut([(letter, group)], NAMES_PER_PAGE) for letter, group in letters}
        pagers = {letter: [pager(pages, functools.partial(letter_uri, kind, letter), _names_label, number)
                           for number in range(1, len(pages) + 1)] for letter, pages in cuts.items()}
        index = [(letter, len(group), letter_uri(kind, letter), pagers[letter][0].parts) for letter, group in letters]
        yield self.render("az.md", index_uri, True, groups=[], letters=index, letter=None, pager=Pager((), 1),
                          **context)
        for letter, pages in cuts.items():
            for number, page in enumerate(pages, 1):
                uri, shown = letter_uri(kind, letter, number), dict(groups=page, letters=index, letter=letter,
                                                                    pager=pagers[letter][number - 1], **context)
                photos = tuple(self.photo_set(e) for group in page for e in group.items)
                yield self._cached(uri, (shown, photos), functools.partial(self.render, "az.md", uri, **shown))

    def render(self, template: str, uri: str, in_nav: bool = False, **context: Any) -> PageSource:
        """Render the page at uri (a source path) through its template."""
        links = Links(uri, self.directory_urls)
        blocks: list[str] = []
        body = self.env.get_template(template).render(
            rel=self.rel, link=links, photo=lambda e: self._photo(e, links), html_blocks=blocks, this_uri=uri,
            settings=self.settings, **context)
        exemplar: Person | Collective | None = context.get("exemplar")
        if exemplar is None:
            return PageSource(uri, body, in_nav, tuple(blocks))
        photos = self.photo_set(exemplar)
        image = rendition_uri(exemplar, photos.largest.width, photos.suffix) if photos else None
        thumbnail = rendition_uri(exemplar, photos.renditions[0].width, photos.suffix) if photos else None
        search_data = exemplar_search_data(self.rel, exemplar, thumbnail)
        return PageSource(uri, body, in_nav, tuple(blocks), image, search_data)

    def story_parts(self, story: Story, url: str) -> tuple[str, str]:
        """Return the Markdown that goes before and after a story's own text; url: where the blog publishes it.

        Their HTML is written in place: the blog renders a story's excerpt on its own, from Markdown.
        """
        links = Links(story.src_uri, self.directory_urls, url)
        blocks: list[str] = []
        context = dict(rel=self.rel, link=links, photo=lambda e: self._photo(e, links), story=story,
                       featured=self.rel.featured(story), html_blocks=blocks)
        template = self.env.get_template("story.md")
        head, tail = template.render(part="head", **context), template.render(part="tail", **context)
        return inline_html(head, blocks), inline_html(tail, blocks)

    def _photo(self, exemplar: Exemplar, links: Links) -> dict[str, object] | None:
        photos = self.photo_set(exemplar)
        if not photos:
            return None
        uris = [(rendition_uri(exemplar, r.width, photos.suffix), r.width) for r in photos.renditions]
        return {"url": links.to(uris[-1][0]), "uri": uris[0][0], "width": photos.largest.width,
                "height": photos.largest.height, "srcset": ", ".join(f"{links.to(u)} {w}w" for u, w in uris)}


def _year_name(year: object) -> str:
    return f"Năm {year}"


def _names_label(page: list[Group[str, Any]]) -> str:
    """Return "Nguyễn Thị Ánh – Trần Văn Bình": the first and last names on a page of an A–Z list."""
    names = [item.name for group in page for item in group.items]
    return f"{names[0]} – {names[-1]}" if names else ""
