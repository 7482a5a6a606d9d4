"""Results of reading files, kept while the files stay unchanged: `mkdocs serve` rereads only what was saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class FileCache:
    """Each function's result for each file, reused while the file's modification time and size are the same."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, Path], tuple[tuple[int, int], Any]] = {}

    def get(self, read: Callable[[Path], T], path: Path) -> T:
        """Return read(path), from the cache if path has not changed since."""
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        key = (read.__qualname__, path)
        entry = self._entries.get(key)
        if entry is None or entry[0] != stamp:
            entry = self._entries[key] = (stamp, read(path))
        return entry[1]  # type: ignore[no-any-return]


def read_with(cache: FileCache | None, read: Callable[[Path], T], path: Path) -> T:
    """Return read(path), through cache when there is one."""
    return cache.get(read, path) if cache else read(path)
