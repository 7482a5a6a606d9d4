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
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ' (did you mean 'x'?)' for the closest choice, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class CatalogueError(Exception):
    """The records hold errors; nothing may be built from them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if not p.warning]
        super().__init__(f"{len(errors)} error(s) in the records")
