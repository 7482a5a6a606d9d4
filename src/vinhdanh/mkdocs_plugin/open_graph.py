"""What a page tells link previews (Open Graph), and a story's entry in the news feed."""

from __future__ import annotations

import html
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from ..records.stories import Story
from ..views.feed import FeedEntry
from ..views.rendering import PageSource


def open_graph(page: Page, config: MkDocsConfig, story: Story | None, source: PageSource | None) -> dict[str, str]:
    """Return the page's type, title, description, address and picture for link previews."""
    image = story.cover.image if story and story.cover else source.image if source else None
    site_url = config.site_url or ""
    description = page.meta.get("description") or config.site_description or ""
    if source:  # generated front matter is HTML-escaped already (see rendering.yaml_string)
        description = html.unescape(description)
    return {
        "type": "article" if story else "profile" if source and source.image else "website",
        "title": page.title or "", "description": description,
        "url": page.canonical_url or "", "image": urljoin(site_url, image) if image and site_url else "",
    }


def feed_entry(page: Page, story: Story) -> FeedEntry:
    """Return a published story's entry in the Atom feed, with the picture its link preview shows."""
    return FeedEntry(title=story.title, url=page.canonical_url or page.url, published=story.date,
                     summary=story.description, authors=tuple(a.name for a in getattr(page, "authors", [])),
                     categories=story.categories, image=page.meta["vinhdanh_og"]["image"] or None)
