"""Page sources and the Jinja environment that renders them: templates, filters and globals.

Python-Markdown parses raw HTML with html.parser, which made it the slowest step of a build:
generated HTML is kept aside, a placeholder paragraph stands in for each block in the Markdown,
and the HTML is put back after conversion (see `restore_html`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..records.decision_refs import decision_slug
from ..records.documents import KINDS as DOCUMENT_KINDS
from ..records.documents import file_size
from ..text import format_date, initial
from .decisions import position_at_time
from .document_pages import pdf_uri
from .initiatives import LEVEL_NAMES
from .portal_pages import phone_uri
from .relations import kind_of
from .stats import HONOUR_LEVELS
from .uris import letter_id, roll_csv_uri

INITIATIVE_LEVELS = {"co-so": "cấp cơ sở", "nganh": "cấp ngành", "toan-quoc": "toàn quốc"}

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


def markdown_inline(value: object) -> Markup:
    """Escape text for a Markdown heading or paragraph: HTML and Markdown syntax."""
    text = str(escape(value))
    for char in "\\`*_[]()#!|{}":
        text = text.replace(char, "\\" + char)
    return Markup(text)


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
    loaders: list[jinja2.BaseLoader] = [jinja2.PackageLoader("vinhdanh.views", "templates")]
    if override_dir and override_dir.is_dir():
        loaders.insert(0, jinja2.FileSystemLoader(override_dir))
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(date=format_date, html=keep_html, md=markdown_inline, num=thousands, initial=initial,
                       letter_id=letter_id, yaml=yaml_string, tel=phone_uri)
    env.globals.update(LEVEL_NAMES=LEVEL_NAMES, LEVELS=HONOUR_LEVELS, INITIATIVE_LEVELS=INITIATIVE_LEVELS,
                       kind_of=kind_of, decision_slug=decision_slug, position_at_time=position_at_time,
                       roll_csv_uri=roll_csv_uri, DOCUMENT_KINDS=DOCUMENT_KINDS, pdf_uri=pdf_uri, file_size=file_size)
    return env
