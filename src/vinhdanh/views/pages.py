"""Catalogue → page sources (Markdown with HTML blocks) through Jinja templates.

Nothing here imports MkDocs: the plugin and `vinhdanh export` both use it.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from ..records.model import Collective, Exemplar, Person
from ..records.photos import PhotoCache, PhotoSet
from ..records.settings import NO_SETTINGS, Settings
from ..records.stories import Story
from .boards import board_pages
from .decisions import Decision, by_year, decisions_of, roll_csv
from .document_pages import attached, decision_search_data, document_pages, pdf_uri, published_documents
from .initiatives import initiative_pages
from .nomination_pages import nomination_pages, open_nominations
from .pagecache import PageCache
from .paging import NAMES_PER_PAGE, ROWS_PER_PAGE, Group, Pager, Part, cut, pager, span_label
from .portal_pages import portal_pages
from .relations import Award, Relations, kind_of
from .rendering import PageSource, inline_html
from .search import exemplar_search_data
from .stats_page import statistics_pages
from .uris import Links, letter_uri, page_uri, rendition_uri, roll_csv_uri

T = TypeVar("T")


@dataclass(frozen=True)
class Photo:
    """An exemplar photo copied into the site."""

    src: Path
    dest_uri: str


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
