"""Active content in Markdown written by users: found and refused, with its line.

Records' `story` and the press team's stories are Markdown: formatting, links and
images are welcome, but nothing that runs or submits — scripts, event handlers,
`javascript:` links, frames, forms, embedded objects.
"""

from __future__ import annotations

import html.parser
import re

from .problems import quoted

FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
                  "button", "textarea", "select", "style", "link", "meta", "base", "svg", "math"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}
_BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)
_MARKDOWN_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|<([a-z][a-z0-9+.-]*:[^>\s]*)>", re.IGNORECASE)


class _Finder(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in FORBIDDEN_TAGS:
            self.found.append((line, f"<{tag}> is not allowed in Markdown here; remove it"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"the attribute {name}= runs a script; remove it"))
            elif name in URL_ATTRIBUTES and value and _BAD_SCHEME.match(value):
                self.found.append((line, f"{name}={quoted(value.strip(), 30)} is not a link to a page or file; "
                                         "remove it"))

    handle_startendtag = handle_starttag


def active_content(markdown: str) -> list[tuple[int, str]]:
    """Return (1-based line, message) for everything in markdown that could run or submit."""
    finder = _Finder()
    finder.feed(markdown)
    finder.close()
    found = finder.found
    for number, line in enumerate(markdown.splitlines(), start=1):
        for match in _MARKDOWN_TARGET.finditer(line):
            target = match[1] if match[1] is not None else match[2]
            if target and _BAD_SCHEME.match(target):
                found.append((number, f"the link {quoted(target, 30)} is not a page or file; remove it"))
    return sorted(set(found))
