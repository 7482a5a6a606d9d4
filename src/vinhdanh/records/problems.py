"""Problems found in the records, reported as `path:line: field: message`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the input, located precisely enough to fix it."""

    path: str
    """File as the user would type it, relative to the working directory."""
    line: int
    """1-based line; 0 when the problem concerns the whole file."""
    field: str
    """Dotted field path such as `honours[0].year`; empty for the whole file."""
    message: str
    """What is wrong and, where known, the fix."""
    warning: bool = False
    """Warnings are reported but only stop `mkdocs build --strict`."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return one_line(text)


EXCERPT_CHARS = 80
"""Longest excerpt of a value that a message quotes: enough to find it, never a whole file."""


def one_line(text: str) -> str:
    """Return text with line breaks and control characters escaped, so that a message stays one line."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """Return text on one line, cut to about limit characters with '…' where it was cut."""
    return one_line(text[:limit]) + ("…" if len(text) > limit else "")


def quoted(value: object, limit: int = EXCERPT_CHARS) -> str:
    """Return value as a message quotes it: its repr, on one line, cut to about limit characters.

    Values come from files written by anyone (a symlink to a system file, a pasted document):
    a message shows enough to find the value, never the whole of it.
    """
    if isinstance(value, str):
        head = value[:limit]
        shown = repr(head)
        while len(shown) > limit + 2:  # escapes (\x1b, \n) take several characters each
            head = head[: len(head) * 3 // 4]
            shown = repr(head)
        return shown + (f"… ({len(value):,} characters)" if len(head) < len(value) else "")
    try:
        shown = repr(value)
    except ValueError:  # an int too long to print
        return f"a {type(value).__name__} too long to show"
    return excerpt(shown, limit)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ' (did you mean 'x'?)' for the closest choice, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {quoted(close[0])}?)" if close else ""


class CatalogueError(Exception):
    """The records hold errors; nothing may be built from them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if not p.warning]
        super().__init__(f"{len(errors)} error(s) in the records")
