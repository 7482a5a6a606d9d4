"""Where each generated page is, and relative links between them.

A page is named by its source path in the docs folder ("ca-nhan/ha.md"), as MkDocs names files;
`site_path` tells where MkDocs publishes it.
"""

from __future__ import annotations

import functools
import posixpath
from typing import TYPE_CHECKING

from ..records.model import Exemplar
from ..text import slugify
from .relations import kind_of

if TYPE_CHECKING:
    from .decisions import Decision

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


# Telex spellings give each letter of the alphabet a readable ASCII anchor.
_LETTER_IDS = {"Ă": "aw", "Â": "aa", "Đ": "dd", "Ê": "ee", "Ô": "oo", "Ơ": "ow", "Ư": "uw"}


def letter_id(letter: str) -> str:
    """Return the anchor of a letter group: "Ă" → "chu-aw"."""
    return "chu-" + (_LETTER_IDS.get(letter) or slugify(letter) or "khac")
