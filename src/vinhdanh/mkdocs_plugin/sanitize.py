"""The HTML of what users write, cleaned by an allowlist before it is published (nh3: Rust's ammonia).

`vinhdanh check` refuses scripts, handlers and `javascript:` links in Markdown with their
line (markup.py), for a clear message; this is the guarantee. Whatever Markdown and its
extensions make of a record's `story`, a nomination's `achievements`, a news story or a
hand-written page is parsed as a browser would parse it (comments, entities, `java\\tscript:`
and all) and written out again with only the elements and attributes below: no script,
style, frame, form, SVG or MathML, no `on…=` handler, no `style=`, and links only to
pages and files of the site, http(s), mailto: and tel:.

Not cleaned: the HTML blocks vinhdanh's templates write (rendering.py puts them back after
this step), where every value from the records is escaped by Jinja, and the site's own
templates (Material's, vinhdanh's, overrides/), which only its administrators edit.
"""

from __future__ import annotations

import nh3

TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    "var", "wbr", "article", "aside", "section", "nav", "header", "footer", "hgroup",
})
"""Text, lists, tables, figures, Material's admonitions (div) and collapsible blocks (details)."""
_EVERYWHERE = {"id", "class", "title", "lang", "dir", "role", "hidden", "translate"}
ATTRIBUTES = {
    "*": _EVERYWHERE,
    "a": {"href", "hreflang", "download"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "td": {"colspan", "rowspan", "headers", "data-label"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr", "data-label"},
    "col": {"span"}, "colgroup": {"span"}, "details": {"open"}, "time": {"datetime"},
    "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
    "abbr": {"title"},
}
PREFIXES = {"aria-", "data-pagefind-"}
"""Accessibility, and the marks search reads (`data-pagefind-ignore`, `-filter`, `-meta`, `-sort`)."""
URL_SCHEMES = {"http", "https", "mailto", "tel"}
"""Relative links (pages, photos, `#anchors`) pass; `javascript:`, `vbscript:`, `data:` and the rest do not."""

_CLEANER = nh3.Cleaner(
    tags=set(TAGS), clean_content_tags={"script", "style"}, attributes={k: set(v) for k, v in ATTRIBUTES.items()},
    attribute_filter=lambda _tag, name, value: None if name == "id" and value.startswith("__") else value,
    strip_comments=True, link_rel=None, generic_attribute_prefixes=set(PREFIXES), url_schemes=set(URL_SCHEMES))
"""Ids starting with `__` are Material's (`__config`, whose text its script reads as settings): a page may not
take one."""


def clean_html(html: str) -> str:
    """Return html with everything that could run, submit, style or load from elsewhere taken out."""
    return _CLEANER.clean(html)
