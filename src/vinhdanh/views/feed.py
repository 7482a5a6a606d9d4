"""The Atom feed of the news, built from stories' front matter (no git history needed)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as etree
from dataclasses import dataclass

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedEntry:
    """One published story, as the feed shows it."""

    title: str
    url: str
    """Absolute URL of the story."""
    published: dt.datetime
    summary: str = ""
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    image: str | None = None
    """Absolute URL of the cover."""


def atom_feed(entries: list[FeedEntry], title: str, site_url: str, feed_url: str, limit: int = 30) -> bytes:
    """Return an Atom document of the newest entries; the same input gives the same bytes."""
    etree.register_namespace("", ATOM)
    newest = sorted(entries, key=lambda e: (e.published, e.url), reverse=True)[:limit]
    feed = etree.Element(f"{{{ATOM}}}feed", {"xml:lang": "vi"})
    _text(feed, "title", title)
    _text(feed, "id", feed_url)
    etree.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=feed_url, type="application/atom+xml")
    etree.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=site_url, type="text/html")
    # The newest story's time, not the build's, so that a rebuild changes nothing.
    _text(feed, "updated", (newest[0].published if newest else dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
          .isoformat())
    for item in newest:
        entry = etree.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "title", item.title)
        _text(entry, "id", item.url)
        etree.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=item.url, type="text/html")
        _text(entry, "published", item.published.isoformat())
        _text(entry, "updated", item.published.isoformat())
        for name in item.authors:
            _text(etree.SubElement(entry, f"{{{ATOM}}}author"), "name", name)
        for category in item.categories:
            etree.SubElement(entry, f"{{{ATOM}}}category", term=category)
        if item.summary:
            _text(entry, "summary", item.summary)
        if item.image:
            etree.SubElement(entry, f"{{{ATOM}}}link", rel="enclosure", href=item.image, type=_image_type(item.image))
    return etree.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _text(parent: etree.Element, tag: str, text: str) -> None:
    etree.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _image_type(url: str) -> str:
    suffix = url.lower().rsplit(".", 1)[-1]
    return {"png": "image/png", "webp": "image/webp"}.get(suffix, "image/jpeg")
