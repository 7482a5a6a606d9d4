"""News listings: one heading id per story, even when two stories share a title.

Material's blog renders each story's excerpt on its own, so two stories called "Hội nghị
tổng kết" on one listing page get the same heading id: the page is invalid HTML and the
second entry of its table of contents leads to the first story.
"""

from __future__ import annotations

import re
from collections import Counter

_HEADING_ID = re.compile(r'<h2 id="([^"]+)"')
_FRAGMENT_LINK = re.compile(r'href="#([^"]+)"')


def unique_heading_ids(html: str) -> str:
    """Number the second and later headings of one id (x_2, x_3…) and the links to them.

    Each table of contents on the page lists the stories in page order, so the n-th link
    to an id, counted within each run of links, goes to its n-th heading.
    """
    totals = Counter(_HEADING_ID.findall(html))
    repeated = {key for key, count in totals.items() if count > 1}
    if not repeated:
        return html
    headings: Counter[str] = Counter()
    links: Counter[str] = Counter()

    def heading(match: re.Match[str]) -> str:
        headings[match[1]] += 1
        return _numbered('<h2 id="{}"', match, headings[match[1]], repeated)

    def link(match: re.Match[str]) -> str:
        links[match[1]] += 1
        number = (links[match[1]] - 1) % totals[match[1]] + 1 if match[1] in repeated else 1
        return _numbered('href="#{}"', match, number, repeated)

    return _FRAGMENT_LINK.sub(link, _HEADING_ID.sub(heading, html))


def _numbered(pattern: str, match: re.Match[str], number: int, repeated: set[str]) -> str:
    if number == 1 or match[1] not in repeated:
        return match[0]
    return pattern.format(f"{match[1]}_{number}")
