"""What the editor saves, checked by the rules of `vinhdanh check` before anything is written.

A save is tried on a copy of the records and the content folder (hard links: a few
milliseconds even with thousands of files), then the whole catalogue is checked as the
build checks it. The save is refused when it brings an error: one in the files it writes,
or a new one elsewhere (deleting a unit still in use, say). Mistakes already present in
other files, made outside the editor, do not block it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..checks import check
from ..problems import Problem
from ..project import Project


@dataclass
class Change:
    """Files an editor's action writes and deletes, by path relative to the site's folder."""

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


def verdict(project: Project, change: Change) -> Verdict:
    """Check the catalogue as it would be after change; return the problems the change brings."""
    with _overlay(project, change) as trial:
        after = [_relative(p, trial.root) for p in check(trial.read())]
    touched = change.touched()
    mine = [p for p in after if p.path in touched]
    elsewhere = [p for p in after if p.path not in touched and not p.warning]
    if elsewhere:  # only those the change brings: compare with the records as they are
        before = {_key(p) for p in (_relative(p, project.root) for p in check(project.read()))}
        elsewhere = [p for p in elsewhere if _key(p) not in before]
    return Verdict([p for p in mine if not p.warning] + elsewhere, [p for p in mine if p.warning])


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


class _overlay:  # noqa: N801 - used as a context manager, like a function
    """A trial copy of the project's records and content with change applied."""

    def __init__(self, project: Project, change: Change) -> None:
        self.project = project
        self.change = change
        self.folder: Path | None = None

    def __enter__(self) -> Project:
        project = self.project
        project.cache.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix="editor-check-", dir=project.cache))
        root = self.folder
        for source in {project.exemplars, project.docs}:
            if source.is_dir():
                _link_tree(source, root / source.resolve().relative_to(project.root.resolve()))
        for path, data in self.change.writes.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # a hard link to the real file: never write through it
            target.write_bytes(data)
        for path in self.change.deletes:
            (root / path).unlink(missing_ok=True)
        return replace(project, root=root, exemplars=root / _inside(project, project.exemplars),
                       docs=root / _inside(project, project.docs), overrides=project.overrides)

    def __exit__(self, *exc: object) -> None:
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)


def _inside(project: Project, path: Path) -> Path:
    return path.resolve().relative_to(project.root.resolve())


def _link_tree(source: Path, target: Path) -> None:
    """Copy a folder as hard links (a real copy where the file system has none)."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link, ignore=shutil.ignore_patterns(".cache", "node_modules"))
