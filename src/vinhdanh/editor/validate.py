"""What the editor saves, checked by the rules of `vinhdanh check` before anything is written.

A save is tried on a copy of the records and the content folder, then the whole catalogue
is checked as the build checks it. The save is refused when it brings an error: one in the
files it writes, or a new one elsewhere (deleting a unit still in use, say). Mistakes
already present in other files, made outside the editor, do not block it.

The copy is made of hard links and kept between saves, in step with the real folders: a
save changes a few links, and the files read for the previous check are not read again
(a save at 3,000 people is checked in a few tenths of a second rather than two seconds).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..project import Project
from ..records.checks import check
from ..records.filecache import FileCache
from ..records.problems import Problem

SKIPPED = {".cache", "node_modules", ".git"}
"""Folders inside the content folders that are not the project's pages or records."""


@dataclass
class Change:
    """Files an editor's action writes and deletes, by path relative to the site's folder (checked paths)."""

    writes: dict[str, bytes] = field(default_factory=dict)
    deletes: list[str] = field(default_factory=list)

    def touched(self) -> set[str]:
        """Return every path the change writes or deletes."""
        return set(self.writes) | set(self.deletes)


@dataclass
class Verdict:
    """The problems a change would bring: errors refuse it, warnings are shown."""

    errors: list[Problem]
    warnings: list[Problem]


class Trial:
    """A hard-linked copy of a project's records and content, where changes are tried before they are made."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.folder = project.cache / "editor-check"
        self.copy = replace(project, root=self.folder, exemplars=self.folder / _inside(project, project.exemplars),
                            docs=self.folder / _inside(project, project.docs))
        self._copy_cache = FileCache()
        self._real_cache = FileCache()

    def verdict(self, change: Change) -> Verdict:
        """Check the catalogue as it would be after change; return the problems the change brings."""
        self._follow()
        try:
            self._apply(change)
            after = [_relative(p, self.folder) for p in check(self.copy.read(cache=self._copy_cache))]
        finally:
            self._undo(change)
        touched = change.touched()
        mine = [p for p in after if p.path in touched]
        elsewhere = [p for p in after if p.path not in touched and not p.warning]
        if elsewhere:  # only those the change brings: compare with the records as they are
            now = check(self.project.read(cache=self._real_cache))
            before = {_key(p) for p in (_relative(p, self.project.root) for p in now)}
            elsewhere = [p for p in elsewhere if _key(p) not in before]
        return Verdict([p for p in mine if not p.warning] + elsewhere, [p for p in mine if p.warning])

    def _sources(self) -> list[Path]:
        return sorted({self.project.exemplars, self.project.docs})

    def _follow(self) -> None:
        """Bring the copy in step with the real folders: link what is new or replaced, remove what is gone."""
        for source in self._sources():
            target = self.folder / _inside(self.project, source)
            real, copy = _inodes(source), _inodes(target)
            for inside, inode in real.items():
                if copy.get(inside) != inode:
                    _link(source / inside, target / inside)
            for inside in copy.keys() - real.keys():
                (target / inside).unlink()

    def _apply(self, change: Change) -> None:
        for path, data in change.writes.items():
            target = self.folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # a hard link to the real file: never write through it
            target.write_bytes(data)
        for path in change.deletes:
            (self.folder / path).unlink(missing_ok=True)

    def _undo(self, change: Change) -> None:
        for path in change.touched():
            copy, real = self.folder / path, self.project.root / path
            copy.unlink(missing_ok=True)
            if real.is_file():
                _link(real, copy)


def _inodes(folder: Path) -> dict[str, int]:
    """Return the files under folder (caches, installed packages and git's folder left out) and their inodes.

    Read from the folders' listings alone: no file is opened or stat'ed, and 6,000 files take a few
    milliseconds. A file of the copy is up to date when it is the same inode as the real one.
    """
    found: dict[str, int] = {}
    pending = [(folder, "")]
    while pending:
        directory, prefix = pending.pop()
        try:
            entries = list(os.scandir(directory))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in SKIPPED:
                    pending.append((Path(entry.path), f"{prefix}{entry.name}/"))
            else:
                found[f"{prefix}{entry.name}"] = entry.inode()
    return found


def _link(real: Path, copy: Path) -> None:
    """Make copy the same file as real: a hard link (a copy where the file system has none)."""
    copy.unlink(missing_ok=True)
    copy.parent.mkdir(parents=True, exist_ok=True)
    if real.is_symlink():  # as it is: the checks name links that lead out of the site's folder
        os.symlink(os.readlink(real), copy)
        return
    try:
        os.link(real, copy)
    except OSError:
        shutil.copy2(real, copy)


def _key(problem: Problem) -> tuple[str, str, str]:
    return problem.path, problem.field, problem.message


def _relative(problem: Problem, root: Path) -> Problem:
    """Return problem with its path relative to root (the site's folder, or the trial copy)."""
    path = Path(problem.path)
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return replace(problem, path=absolute.resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        return problem


def _inside(project: Project, path: Path) -> Path:
    return path.resolve().relative_to(project.root.resolve())
