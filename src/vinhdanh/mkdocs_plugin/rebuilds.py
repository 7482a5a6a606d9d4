"""What `mkdocs serve` keeps from one rebuild to the next, so that saving a file rebuilds little.

MkDocs makes a new plugin for every rebuild, so this state lives in the module. With
`serve --dirty`, MkDocs rebuilds only the pages whose source file is newer than their
output: generated pages are written to files, and rewritten only when they change.
"""

from __future__ import annotations

import gc
import threading
import time
from pathlib import Path

import jinja2

from ..records.filecache import FileCache
from ..views.pagecache import PageCache
from ..views.rendering import PageSource
from .pagefind import SearchIndexer, SearchIndexError

SEARCH_DELAY = 3.0
"""Seconds without a rebuild before the preview's search is indexed again: saves come in bursts."""


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled by an earlier rebuild, reused while their source is the same (Jinja checks it)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class Rebuilds:
    """Records read, pages rendered, pages written and pages to search, kept between rebuilds."""

    def __init__(self) -> None:
        self.files = FileCache()
        self.pages = PageCache()
        self.templates = CompiledTemplates()
        """Compiling Material's templates and ours took a second of every rebuild."""
        self.search_pages: dict[str, tuple[str, str, str]] = {}
        """Searchable pages by URL: (url, title, content HTML), as last built."""
        self._written: dict[Path, tuple[str, tuple[str, ...]]] = {}
        self._lock = threading.Lock()
        self._indexing: threading.Thread | None = None
        self._wanted: tuple[Path, set[str]] | None = None
        self._building = False
        self._ended = 0.0

    def begin(self) -> None:
        """Keep Python's cycle collector out of the rebuild: with everything kept here, it took half a second."""
        with self._lock:
            self._building = True
        gc.disable()

    def end(self) -> None:
        """Collect garbage a moment after the rebuild, once the browser has had the page."""
        with self._lock:
            self._building = False
            self._ended = time.monotonic()
        timer = threading.Timer(2.0, self._collect)
        timer.daemon = True
        timer.start()

    def _wait_for_quiet(self, seconds: float) -> None:
        """Return once no rebuild is under way, and none ended in the last `seconds`."""
        while True:
            with self._lock:
                if not self._building and time.monotonic() - self._ended >= seconds:
                    return
            time.sleep(0.1)

    def _collect(self) -> None:
        with self._lock:
            if self._building:
                return  # the next rebuild's end collects
            gc.enable()
        gc.collect()

    def write_page(self, folder: Path, page: PageSource) -> bool:
        """Write a generated page's Markdown under folder, unless it is there and its HTML blocks unchanged.

        A change in the HTML kept out of the Markdown (a position in a profile, say) rewrites the
        file too, so that MkDocs sees a newer source and rebuilds the page. Return whether it was written.
        """
        path = folder / page.src_uri
        if self._written.get(path) == (page.markdown, page.html_blocks):
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
        self._written[path] = (page.markdown, page.html_blocks)
        return True

    def index_in_background(self, site_dir: Path, urls: set[str]) -> None:
        """Rebuild the search index of the served site after the pages; the preview says search may lag."""
        for url in set(self.search_pages) - urls:  # pages gone since (a record removed, say)
            del self.search_pages[url]
        with self._lock:
            self._wanted = (site_dir, urls)
            if self._indexing is None or not self._indexing.is_alive():
                self._indexing = threading.Thread(target=self._index, name="preview-search", daemon=True)
                self._indexing.start()

    def _index(self) -> None:
        """Index the latest pages; again if pages were saved meanwhile."""
        while True:
            self._wait_for_quiet(SEARCH_DELAY)
            with self._lock:
                if self._wanted is None:
                    return
                site_dir, _ = self._wanted
                self._wanted = None
                pages = list(self.search_pages.values())
            try:
                indexer = SearchIndexer(site_dir / "pagefind")
                for page in pages:
                    self._wait_for_quiet(0)  # a rebuild under way goes first: the page is what the writer waits for
                    indexer.add(*page)
                indexer.finish()
            except (SearchIndexError, OSError):
                pass  # the next save tries again; the preview's pages are what matters


REBUILDS = Rebuilds()
