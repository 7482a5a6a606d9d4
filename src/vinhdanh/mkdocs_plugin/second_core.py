"""Half of the profiles done by a second process, on the machine's other core (`mkdocs build`).

MkDocs reads, converts and renders pages one after the other; at 10,000 exemplars that was
most of the build. Here every other profile is left empty while the pages are generated,
read and converted; once that is done, and before MkDocs renders any page, the build
process forks. The copy generates, reads, converts and renders those profiles straight
into the site folder and sends back what search needs of them; the build goes on with
the rest. In the build process those pages get an empty template, which MkDocs skips
without writing anything.

Only on Linux (fork() in a process with threads is not safe on macOS), for `mkdocs build`,
on big sites, and when every plugin is vinhdanh or one of Material's that does nothing
per page: another plugin's per-page hooks would run in the copy, and what they gathered
there would be lost."""

from __future__ import annotations

import logging
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from typing import Any

SPLIT_FROM = 1000
"""Profiles from which a second process is worth starting."""
ELSEWHERE_TEMPLATE = "vinhdanh-elsewhere.html"
"""An empty template (in the theme folder): MkDocs writes nothing for a page rendered to nothing."""
SAFE_PLUGINS = {"vinhdanh", "blog", "tags", "meta"}

Fragment = tuple[str, str, str]
"""What search needs of a page: (url, title, content HTML)."""


def can_split(plugin_names: Iterable[str], profiles: int) -> bool:
    """Return whether a build with these plugins and this many profiles is split in two."""
    return (sys.platform.startswith("linux") and profiles >= SPLIT_FROM
            and all(name.rsplit("/", 1)[-1] in SAFE_PLUGINS for name in plugin_names))


class FragmentSink:
    """Stands for the search indexer in the second process: what search needs goes back to the build."""

    def __init__(self, send: Callable[[Fragment], None]) -> None:
        self.send = send

    def add(self, url: str, title: str, content_html: str) -> None:
        self.send((url, title, content_html))


class _SkippedPages(logging.Filter):
    """Drops MkDocs's note about each page rendered elsewhere ("Generated empty output")."""

    def __init__(self, uris: set[str]) -> None:
        super().__init__()
        self.uris = uris

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Page skipped: '") and message.split("'")[1] in self.uris)


class SecondCore:
    """A forked copy of the build rendering some pages; their search fragments come back through a pipe."""

    def __init__(self, pages: list[Any], render: Callable[[Any, Callable[[Fragment], None]], None],
                 to_search: Callable[[Fragment], None] | None) -> None:
        """Fork now; the copy calls render(page, send) for each page, send(fragment) giving search its part."""
        read_end, write_end = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the copy: render, send, and leave without running anything of the parent's
            os.close(read_end)
            status = 0
            try:
                with os.fdopen(write_end, "wb") as stream:
                    for page in pages:
                        render(page, lambda fragment: pickle.dump(fragment, stream))
            except BaseException:
                traceback.print_exc()
                status = 1
            finally:
                os._exit(status)
        os.close(write_end)
        for page in pages:  # here, not in the copy: MkDocs skips them
            page.meta["template"] = ELSEWHERE_TEMPLATE
            page.meta["vinhdanh_elsewhere"] = True
        self._skipped = _SkippedPages({page.file.src_uri for page in pages})
        logging.getLogger("mkdocs.commands.build").addFilter(self._skipped)
        self._received = threading.Thread(target=self._receive, args=(read_end, to_search), daemon=True)
        self._received.start()

    @staticmethod
    def _receive(read_end: int, to_search: Callable[[Fragment], None] | None) -> None:
        with os.fdopen(read_end, "rb") as stream:
            while True:
                try:
                    fragment = pickle.load(stream)
                except EOFError:
                    return
                if to_search:
                    to_search(fragment)

    def finish(self) -> bool:
        """Wait for the copy; return whether it rendered every page."""
        self._received.join()
        _, status = os.waitpid(self._pid, 0)
        logging.getLogger("mkdocs.commands.build").removeFilter(self._skipped)
        return os.waitstatus_to_exitcode(status) == 0

    def cancel(self) -> None:
        """Stop the copy (the build failed)."""
        try:
            os.kill(self._pid, signal.SIGTERM)
            os.waitpid(self._pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        logging.getLogger("mkdocs.commands.build").removeFilter(self._skipped)
