"""Symbolic links and special files in the site's folders: nothing outside the repository is read.

A link under exemplars/, content/ or overrides/ that resolves outside the repository (the
folder of mkdocs.yml) would publish, or quote in an error, a file of the machine that builds
the site: `content/x.md` pointing at a system file becomes a page. Such a link is refused by
name and its target is never opened. Links that stay inside the repository are followed, as
MkDocs follows them, except, in the published folders (docs_dir, theme overrides), links
that would publish the records as they are (`private:` fields included), a hidden folder
(`.git`) or a folder that holds the link itself (the whole repository, over and over).
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from .problems import Problem


def shown(path: Path) -> str:
    """Return path as the user would type it: relative to the working directory if inside it.

    No link is followed: a link is named as the link, never as what it points to.
    """
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def resolved(path: Path) -> Path | None:
    """Return path with every link followed, or None if it cannot be (a loop of links, a NUL character)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return None


def within(folder: Path, written: str) -> Path | None:
    """Return the file that a path written in a record or story names, relative to folder.

    None if it leaves folder (`../../etc/passwd`, an absolute path, a link pointing out)
    or cannot be a path at all.
    """
    if Path(written).is_absolute():
        return None
    target = resolved(folder / written)
    return target if target and target.is_relative_to(_real(folder)) else None


def is_file(path: Path) -> bool:
    """Return whether path is a file; False, not an error, for a name too long for the file system."""
    try:
        return path.is_file()
    except OSError:  # ENAMETOOLONG: a path written in a record may be any length
        return False


@functools.lru_cache(maxsize=64)
def _real(folder: Path) -> Path:
    """Return folder with its links followed; the records' and docs' folders are asked for once per file."""
    return folder.resolve()


@dataclass(frozen=True)
class Bounds:
    """Where links under a folder may lead."""

    repository: Path
    """The folder of mkdocs.yml, resolved: nothing outside it is read."""
    records: Path | None = None
    """For a published folder: the records, resolved, which no link may lead into."""
    top: Path | None = None
    """For a published folder: the folder itself, resolved, which no link may lead above."""

    @classmethod
    def of(cls, repository: Path, records: Path | None = None, top: Path | None = None) -> Bounds:
        """Return the bounds with every path resolved."""
        return cls(repository.resolve(), records and resolved(records), top and resolved(top))


_LINK_OUT = ("a symbolic link to outside the repository: it is not read; copy the file into the repository "
             "instead (links may only point inside it)")
_INTO_RECORDS = ("a symbolic link into the records: they would be published as they are, private fields "
                 "included; remove it (the site shows records as pages)")
_HIDDEN = ("a symbolic link into a hidden folder of the repository (.git, .cache, …): it would be published; "
           "remove it")
_ABOVE = ("a symbolic link to a folder that holds this one: everything in it would be published, over and "
          "over; remove it")


def link_problem(path: Path, bounds: Bounds) -> Problem | None:
    """Return the problem with path if it is a link it may not be, a broken link or a special file."""
    real = resolved(path)
    if real is None:
        return Problem(shown(_culprit(path, bounds.repository)), 0, "",
                       "a symbolic link that cannot be followed (a loop of links); remove it")
    message = None
    if not real.is_relative_to(bounds.repository):
        path, message = _culprit(path, bounds.repository), _LINK_OUT
    elif bounds.records and (real.is_relative_to(bounds.records) or bounds.records.is_relative_to(real)):
        message = _INTO_RECORDS
    elif bounds.top and bounds.top.is_relative_to(real):
        message = _ABOVE
    elif bounds.top and any(part.startswith(".") for part in real.relative_to(bounds.repository).parts):
        message = _HIDDEN
    if message:
        return Problem(shown(path), 0, "", message)
    try:
        mode = path.stat().st_mode
    except OSError:
        return Problem(shown(path), 0, "", "a symbolic link to nothing (its target is missing); "
                       "remove the link or restore its target")
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return Problem(shown(path), 0, "", "not a regular file (a device or pipe): it is not read; remove it")
    return None


def _culprit(path: Path, repository: Path) -> Path:
    """Return the link that takes path out of repository: path itself or a folder above it."""
    for candidate in reversed((path, *path.parents)):
        if candidate.is_symlink():
            real = resolved(candidate)
            if real is None or not real.is_relative_to(repository):
                return candidate
    return path


def files_under(folder: Path, bounds: Bounds | Path, problems: list[Problem], pattern: str = "*",
                recursive: bool = True) -> list[Path]:
    """Return the files under folder whose name matches pattern, sorted, reading none of them.

    bounds is a Bounds, or the repository alone. Links that leave the bounds, broken links
    and special files are reported in problems and left out; links to folders within the
    bounds are followed, each folder once.
    """
    bounds = bounds if isinstance(bounds, Bounds) else Bounds.of(bounds)
    if not folder.exists() and not folder.is_symlink():
        return []
    if problem := link_problem(folder, Bounds(bounds.repository)):  # the folder, or one above it, may be a link
        problems.append(problem)
        return []
    if not folder.is_dir():
        return [folder] if fnmatch(folder.name, pattern) else []
    return sorted(_walk(folder, bounds, problems, pattern, recursive, set()))


def _walk(folder: Path, bounds: Bounds, problems: list[Problem], pattern: str, recursive: bool,
          seen: set[Path]) -> Iterator[Path]:
    real = resolved(folder)
    if real is None or real in seen:  # a link to a folder already walked
        return
    seen.add(real)
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            path = folder / entry.name
            if (entry.is_symlink() or not (entry.is_file() or entry.is_dir())) and (
                    problem := link_problem(path, bounds)):
                problems.append(problem)
            elif entry.is_dir():
                if recursive:
                    yield from _walk(path, bounds, problems, pattern, recursive, seen)
            elif fnmatch(entry.name, pattern):
                yield path


def escaping_links(repository: Path, records: Path, published: Iterable[Path | str | None]) -> list[Problem]:
    """Return a problem for every link, broken link or special file the build may not read.

    That is under records (exemplars/) and under the published folders (docs_dir, theme
    overrides; None is skipped).
    """
    problems: list[Problem] = []
    files_under(records, Bounds.of(repository), problems)
    for folder in dict.fromkeys(Path(f) for f in published if f):
        files_under(folder, Bounds.of(repository, records, folder), problems)
    return list(dict.fromkeys(problems))  # overrides/vinhdanh/ lies inside overrides/
