"""The table of contents MkDocs builds from Markdown headings, completed with one written in HTML."""

from __future__ import annotations

import re
from html import escape

from mkdocs.structure.toc import AnchorLink, TableOfContents

_LEAD_HEADING = re.compile(r'<h1 id="([^"]+)">(.*?)</h1>', re.DOTALL)


def with_lead_heading(toc: TableOfContents, html: str) -> TableOfContents:
    """Head the table of contents with an h1 written in HTML (a profile's name, beside the photo).

    Material's skip link goes to the first entry: without this it would skip the name. The
    other entries become its children, which Material's sidebar shows as before.
    """
    if any(item.level == 1 for item in toc) or not (match := _LEAD_HEADING.search(html)):
        return toc
    lead = AnchorLink(re.sub(r"<[^>]+>", "", match[2]), match[1], 1)
    lead.children = list(toc)
    return TableOfContents([lead])


def with_title(html: str, title: str) -> str:
    """Start a page with its title as an h1 that has an id, unless it has an h1 already.

    Material would add a plain <h1> (no id: nothing to skip to) to a story, whose title is
    in its front matter.
    """
    return html if "<h1" in html else f'<h1 id="vd-tieu-de">{escape(title)}</h1>\n{html}'
