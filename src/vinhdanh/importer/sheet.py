"""A sheet as the importer reads it, whatever file it came from, and the refusal of a file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

MAX_ROWS = 20_000


class FileRefused(ValueError):
    """The file cannot be read as an honour list; the message says why and what to do."""


@dataclass
class Sheet:
    """One sheet's cells by 0-based (row, column), with merged ranges filled from their first cell."""

    name: str
    rows: Sequence[Sequence[object]]
    cover: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    """Cells inside a merged range → the range's first cell, which holds the value."""
    formulas: set[tuple[int, int]] = field(default_factory=set)

    def value(self, row: int, col: int) -> object:
        """Return the value shown in a cell, merged ranges included."""
        row, col = self.cover.get((row, col), (row, col))
        cells = self.rows[row]
        return cells[col] if col < len(cells) else ""

    def number(self, row: int) -> int:
        """Return the row number Excel and LibreOffice show: title, blank and hidden rows count.

        The readers give every row from the first (python-calamine from A1, even when the sheet's cells
        start lower; CSV one row per record, a cell broken over two lines staying one row, as Excel shows it).
        """
        return row + 1

    def merge(self, ranges: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
        """Record merged ranges, clipped to the cells that exist."""
        width = max((len(r) for r in self.rows), default=0)
        for (r0, c0), (r1, c1) in ranges:
            for r in range(r0, min(r1, len(self.rows) - 1) + 1):
                for c in range(c0, min(c1, width - 1) + 1):
                    if (r, c) != (r0, c0):
                        self.cover[(r, c)] = (r0, c0)
