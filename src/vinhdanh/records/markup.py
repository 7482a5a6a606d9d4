"""Active content in Markdown written by users: found and refused, with its line.

Records' `story` and the press team's stories are Markdown: formatting, links and
images are welcome, but nothing that runs or submits — scripts, event handlers,
`javascript:` links, frames, forms, embedded objects. Nor markup so tangled that
converting it would take minutes (see `markup_work`).
"""

from __future__ import annotations

import html.parser
import re

from .problems import excerpt, quoted

FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
                  "button", "textarea", "select", "style", "link", "meta", "base", "svg", "math"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}
_BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)
# An autolink holds no '<': without it in the class, each '<a:' would scan to the end of the line.
_MARKDOWN_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|<([a-z][a-z0-9+.-]*:[^<>\s]*)>", re.IGNORECASE)
MARKUP_WORK_LIMIT = 2_000_000
"""What converting one text may cost at worst (see markup_work): about a second on the loaded 2-core
development machine for the costliest patterns measured ('[' runs, unclosed CDATA sections); the
demo's stories score at most 2,100, a long story of 50 paragraphs with links about 200,000."""
_PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*\n)")
_MARKUP_START = re.compile(r"<[A-Za-z!/?]")
_CLOSED_MARKUP = re.compile(r"""</?[A-Za-z][^<>"']*(?:(?:"[^"<]*"|'[^'<]*')[^<>"']*)*>|<!--[^<]*?-->""")


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
                self.found.append((line, f"the attribute {excerpt(name, 40)}= runs a script; remove it"))
            elif name in URL_ATTRIBUTES and value and _BAD_SCHEME.match(value):
                self.found.append((line, f"{name}={quoted(value.strip(), 30)} is not a link to a page or file; "
                                         "remove it"))

    handle_startendtag = handle_starttag


def markup_work(text: str) -> tuple[int, int]:
    """Return how many characters converting text may scan at worst, and the line of its heaviest paragraph.

    Python-Markdown scans the rest of a paragraph for each '[' and '<' (a 20 KB paragraph
    of '[' takes minutes), and Python's HTML parser, ours and Python-Markdown's, the rest
    of the text for each tag it cannot close. Real stories stay ten times below
    MARKUP_WORK_LIMIT or more; a crafted one is refused before either parser sees it.
    """
    work, heaviest, heaviest_at, offset = 0, 0, 0, 0
    for part in _PARAGRAPH_BREAK.split(text):
        paragraph = (part.count("[") + part.count("<")) * len(part)
        work += paragraph
        if paragraph > heaviest:
            heaviest, heaviest_at = paragraph, offset
        offset += len(part)
    for match in _MARKUP_START.finditer(text):
        if not _CLOSED_MARKUP.match(text, match.start()):
            work += len(text) - match.start()
    return work, text.count("\n", 0, heaviest_at) + 1


def active_content(markdown: str) -> list[tuple[int, str]]:
    """Return (1-based line, message) for everything in markdown that could run or submit."""
    work, line = markup_work(markdown)
    if work > MARKUP_WORK_LIMIT:
        return [(line, "too many '[' and '<' for the length of the text (converting it would take minutes); "
                       "write '\\[' and '&lt;' for those that are text, or split the paragraph")]
    finder = _Finder()
    try:
        finder.feed(markdown)
        finder.close()
    except AssertionError:  # Python's HTML parser gives up on some declarations, such as '<![foo['
        finder.found.append((finder.getpos()[0], "HTML that cannot be read (a '<!' declaration); remove it"))
    found = finder.found
    for number, text in enumerate(markdown.splitlines(), start=1):
        for match in _MARKDOWN_TARGET.finditer(text):
            target = match[1] if match[1] is not None else match[2]
            if target and _BAD_SCHEME.match(target):
                found.append((number, f"the link {quoted(target, 30)} is not a page or file; remove it"))
    return sorted(set(found))
