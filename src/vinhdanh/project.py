"""A site's folders and publishing rules, read once: the plugin and the command line share them.

Nothing here imports MkDocs: `vinhdanh.mkdocs_plugin.project_config` fills a Project from mkdocs.yml.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from .records.active_files import active_files
from .records.filecache import FileCache
from .records.journal import finish_interrupted
from .records.links import escaping_links
from .records.load import Loaded, load
from .records.model import Catalogue
from .records.photos import PhotoCache
from .records.problems import Problem
from .records.settings import NO_SETTINGS, Settings
from .records.stories import NewsRules, load_stories
from .text import VIETNAM
from .views.pagecache import PageCache
from .views.pages import SiteRenderer
from .views.relations import Relations
from .views.rendering import make_environment


@dataclass(frozen=True)
class Project:
    """Where a site keeps its records, pages and news, and how strictly it publishes."""

    root: Path
    """The folder of mkdocs.yml."""
    exemplars: Path
    docs: Path
    overrides: Path
    """The folder of templates that replace the package's."""
    news: NewsRules | None = None
    """The blog's folders and draft rules; None for a site without news (or records checked alone)."""
    strict: bool = False
    """Treat notices about the records (warnings) as errors."""
    theme: Path | None = None
    """Material's custom_dir: published like the docs folder."""
    directory_urls: bool = True
    settings: Settings = NO_SETTINGS
    """The organisation's settings (the plugin's options in mkdocs.yml); checked, their problems inside."""

    @property
    def cache(self) -> Path:
        """Return the folder of files worth keeping between builds (processed photos)."""
        return self.root / ".cache" / "vinhdanh"

    def photo_cache(self) -> PhotoCache:
        """Return the cache of processed photos."""
        return PhotoCache(self.cache / "photos")

    def read(self, now: dt.datetime | None = None, cache: FileCache | None = None) -> Loaded:
        """Read the records and the news stories, collecting every problem; through cache if given."""
        interrupted = finish_interrupted(self.exemplars)  # an import killed between two renames: end it first
        if isinstance(interrupted, str):
            print(interrupted, file=sys.stderr)
        loaded = load(self.exemplars, repository=self.root, cache=cache)
        if isinstance(interrupted, Problem):
            loaded.problems.append(interrupted)
        loaded.problems += self.settings.problems
        if self.news:
            names = self.settings.author_names()
            where = f"{self.settings.source} (the vinhdanh plugin's 'authors')"
            authors = (names, where) if names is not None else None
            load_stories(self.docs, self.news, loaded, now, repository=self.root, authors=authors)
            # MkDocs would publish a page that is a link to a file of the machine: refuse before it reads one.
            # (A folder named outside the project, as the editor's trial copies do, is not the project's.)
            published = [f for f in (self.docs, self.overrides, self.theme)
                         if f and Path(f).absolute().is_relative_to(self.root.absolute())]
            loaded.problems += escaping_links(self.root, self.exemplars, published)
        if self.docs != self.exemplars:  # a site, not records checked alone
            loaded.problems += active_files(self.docs, self.root, self.exemplars)
        return loaded

    def renderer(self, catalogue: Catalogue, now: dt.datetime | None = None,
                 cache: PageCache | None = None) -> SiteRenderer:
        """Return the renderer of the pages of a checked catalogue (under `mkdocs serve`, reusing unchanged ones)."""
        rel = Relations(catalogue, now or dt.datetime.now(VIETNAM),
                        future_is_draft=self.news.future_is_draft if self.news else True)
        return SiteRenderer(rel, make_environment(self.overrides), self.photo_cache(),
                            exemplars_dir=self.exemplars, directory_urls=self.directory_urls, cache=cache,
                            settings=self.settings)
