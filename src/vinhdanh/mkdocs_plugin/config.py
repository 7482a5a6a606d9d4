"""The options of the `vinhdanh` plugin in mkdocs.yml: the records' folders, and the organisation's settings."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..records.problems import did_you_mean


def _setting() -> c.Optional:
    """An option whose value vinhdanh.records.settings checks, with the line of mkdocs.yml in its messages."""
    return c.Optional(c.Type(object))


class VinhdanhConfig(base.Config):
    """Options of the `vinhdanh` plugin in mkdocs.yml."""

    exemplars = c.Type(str, default="exemplars")
    """The records folder, relative to mkdocs.yml."""
    overrides = c.Type(str, default="overrides/vinhdanh")
    """Folder of templates that replace the package's, relative to mkdocs.yml."""
    search = c.Type(bool, default=True)
    """Build the Pagefind index and load the search box (Material's `search` plugin must be off)."""
    strict = c.Type(bool, default=False)
    """Stop the build on notices about the records too (a current unit that was dissolved, say)."""
    news = c.Deprecated(message="the news folder is the blog plugin's 'blog_dir'; remove 'news:' from the "
                        "vinhdanh plugin's options")
    # The organisation's settings (records/settings.py): the footer, contact and English pages, the
    # nominations' legal basis, the news authors.
    organisation = _setting()
    """The agency that owns the site and the office that runs it: name, office, address, phone, email."""
    contact = _setting()
    """The official who answers for the site: name, position (phone and email: the office's by default)."""
    footer = _setting()
    """A line shown at the foot of every page."""
    about_en = _setting()
    """Markdown in English for the page about the organisation in English (/en/)."""
    related = _setting()
    """Related agencies' sites: a list of name and url."""
    legal_basis = _setting()
    """The laws cited by the nominations page."""
    authors = _setting()
    """The news authors, as Material's blog describes them (instead of news/.authors.yml)."""

    def _validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        """Validate as MkDocs does; answer an unknown option with the closest known one."""
        failed, warnings = super()._validate()
        known = [key for key, _ in self._schema]
        return failed, [(key, f"{message}{did_you_mean(key, known)}" if message.startswith("Unrecognised") else
                         message) for key, message in warnings]
