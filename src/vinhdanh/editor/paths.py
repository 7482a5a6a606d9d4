"""The files the editor may read and write: its collections and their photo folders, nothing else.

Every path the browser sends is checked here before anything touches the disk. A path is
relative, with forward slashes, no dot segment and no hidden file; it must lie directly in
one of the editor's folders, have a name the project itself would give, and stay inside
that folder once links are followed. Anything else is refused with one Vietnamese sentence
that names no folder of the machine.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..project import Project
from ..records.load import LIST_FILES

RECORD_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.ya?ml")
STORY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\.md")
PHOTO_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\.(?:jpe?g|png|webp)", re.IGNORECASE)
LONGEST = 240


class PathRefused(ValueError):
    """A path outside what the editor may touch; the message says so in Vietnamese."""


@dataclass(frozen=True)
class Target:
    """A checked path: as the browser names it (relative to the site's folder) and on disk."""

    path: str
    kind: str
    """people, collectives, stories, units, titles, movements, or photo."""
    file: Path


class EditablePaths:
    """The editor's folders in one project, and the check every path goes through."""

    def __init__(self, project: Project) -> None:
        self.root = project.root.resolve()
        exemplars = self._relative(project.exemplars)
        docs = self._relative(project.docs)
        self.folders: dict[str, tuple[str, re.Pattern[str]]] = {
            _join(exemplars, "people"): ("people", RECORD_NAME),
            _join(exemplars, "collectives"): ("collectives", RECORD_NAME),
            _join(exemplars, "photos"): ("photo", PHOTO_NAME),
        }
        if project.news:
            self.folders[_join(docs, project.news.posts_dir)] = ("stories", STORY_NAME)
            self.folders[_join(docs, f"{project.news.blog_dir}/images")] = ("photo", PHOTO_NAME)
        self.list_files = {_join(exemplars, name): kind for name, kind in LIST_FILES.items()}

    def _relative(self, folder: Path) -> str:
        inside = folder.resolve().relative_to(self.root).as_posix()
        return "" if inside == "." else inside

    def target(self, path: object, kinds: frozenset[str] | None = None) -> Target:
        """Return path checked, or raise PathRefused; kinds limits what it may be (photos only, say)."""
        name = _clean(path)
        folder, _, base = name.rpartition("/")
        if name in self.list_files:
            kind = self.list_files[name]
        elif folder in self.folders and self.folders[folder][1].fullmatch(base):
            kind = self.folders[folder][0]
        else:
            raise PathRefused(f"Trình biên tập không mở tệp “{_shown(name)}”: tệp này không thuộc các mục biên tập")
        if kinds is not None and kind not in kinds:
            raise PathRefused(f"Tệp “{_shown(name)}” không dùng được ở đây")
        file = self.root / name
        if not _stays_inside(file, (self.root / folder) if folder else self.root):
            raise PathRefused(f"Tệp “{_shown(name)}” trỏ ra ngoài thư mục của trang; trình biên tập không mở nó")
        return Target(name, kind, file)

    def folder(self, path: object) -> tuple[str, str]:
        """Return a folder the editor lists (checked) and what it holds."""
        name = _clean(path).rstrip("/")
        if name not in self.folders:
            raise PathRefused(f"Trình biên tập không liệt kê thư mục “{_shown(name)}”")
        return name, self.folders[name][0]

    def files_in(self, folder: str) -> list[Target]:
        """Return the editor's files in one of its folders, sorted by name (hidden and other files left out)."""
        kind, names = self.folders[folder]
        directory = self.root / folder
        if not directory.is_dir():
            return []
        with os.scandir(directory) as entries:
            found = sorted((e.name, e.is_symlink()) for e in entries if names.fullmatch(e.name) and e.is_file())
        # Only a link can lead out of the folder: the others are not resolved (3,000 files on each list).
        return [Target(f"{folder}/{name}", kind, directory / name) for name, link in found
                if not link or _stays_inside(directory / name, directory)]


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def _clean(path: object) -> str:
    """Return path if it is a plain relative path; raise PathRefused otherwise."""
    if not isinstance(path, str) or not path or len(path) > LONGEST:
        raise PathRefused("Đường dẫn tệp không hợp lệ")
    parts = path.split("/")
    if ("\\" in path or ":" in parts[0] or any(ord(c) < 32 or c == "\x7f" for c in path)
            or any(part in ("", "..") or part.startswith(".") for part in parts)):
        raise PathRefused(f"Đường dẫn “{_shown(path)}” không hợp lệ: chỉ dùng được tệp trong các mục biên tập")
    return path


def _stays_inside(file: Path, folder: Path) -> bool:
    """Return whether file, links followed, is still in folder (which itself may be a link)."""
    try:
        return file.resolve().parent == folder.resolve()
    except (OSError, RuntimeError):
        return False


def _shown(path: str) -> str:
    """Return at most the end of a path, printable, for a message."""
    text = "".join(c if c.isprintable() else "?" for c in path)
    return text if len(text) <= 60 else "…" + text[-59:]
