"""One numbered row → who, in which unit, and the honour the decision gives them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .cells import bare_name, cell_text
from .fields import FIELDS, Defaults, Invalid, Source, read_value, same, shown
from .resolve import Vocabulary
from .table import Entry, Table

_KIND_OF_COLUMN = {"name": "person", "collective": "collective"}
_KIND_FIELDS = ("name", "collective", "either")
_FIX_FORMULA = ("the cell holds a formula; replace formulas by their values (select the column, Copy, then "
                "Paste Special → Values) and import again")


@dataclass(frozen=True)
class RowProblem:
    """A mistake in one row: `FILE:SHEET:ROW: column: what is wrong, and the fix`."""

    where: str
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.column}: {self.message}" if self.column else f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Row:
    """What one row says, read and checked."""

    where: str
    number: int
    kind: str
    name: str
    unit: str | None
    unit_text: str
    position: str
    title: str
    year: str
    decision: str
    date: dt.date
    by: str
    citation: str
    order: int = 0
    """The row's place in the annex, counting the numbered rows of every sheet: the decision's roll keeps it."""


class RowReader:
    """Reads the numbered rows of one table against the sheet's decision values."""

    def __init__(self, table: Table, defaults: Defaults, vocabulary: Vocabulary, where: str,
                 reported: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        self.reported = reported
        """Fields whose absence was reported once for the whole file."""
        self.table = table
        self.defaults = defaults
        self.vocabulary = vocabulary
        self.where = where
        self.name_field = next(f for f in ("name", "collective", "either") if f in table.columns)

    def read(self, entry: Entry) -> tuple[Row | None, list[RowProblem]]:
        """Return the row's values, or the problems that stop it."""
        at = f"{self.where}:{self.table.sheet.number(entry.row)}"
        problems: list[RowProblem] = []

        def problem(field: str, message: str) -> None:
            column = self.table.header(field) if field in self.table.columns else field
            problems.append(RowProblem(at, column, message))

        for field, (col, _) in self.table.columns.items():
            origin = self.table.sheet.cover.get((entry.row, col), (entry.row, col))
            if field != "stt" and origin in self.table.sheet.formulas:
                problem(field, _FIX_FORMULA)
        for field, message in too_long(entry, self.kind_of(entry)):
            problem(field, message)
        if problems:
            return None, problems
        name = cell_text(entry.values.get(self.name_field))
        if not name:
            problem(self.name_field, "empty; write the name as in the decision, or delete the row")
        kind = self._kind(entry, problem)
        if kind == "person":
            name = bare_name(name)  # "Đồng chí Thượng tá Nguyễn Văn A": the record keeps the name alone
        unit, unit_text, position = self._unit_and_position(entry, problem)
        values = {field: self._agreed(field, entry, problem) for field in FIELDS}
        if kind and values["title"] and not self.vocabulary.gives(str(values["title"]), kind):
            title = self.vocabulary.catalogue.titles[str(values["title"])]
            problem("title" if "title" in self.table.columns else self.name_field,
                    f"{title.name!r} is not given to {'people' if kind == 'person' else 'collectives'}; "
                    "check the title or the column the name is in")
        if problems or not kind or any(values[f] is None for f in ("decision", "date", "title", "year")):
            return None, problems
        return Row(at, self.table.sheet.number(entry.row), kind, name, unit, unit_text,
                   position if kind == "person" else "", str(values["title"]), str(values["year"]),
                   str(values["decision"]), values["date"], str(values["by"] or ""),  # type: ignore[arg-type]
                   cell_text(entry.values.get("citation"))), []

    def kind_of(self, entry: Entry) -> str | None:
        """Return whether a row is a person or a collective, when the sheet says so."""
        # A heading "A. TẬP THỂ" says more than the column's name: annexes keep "Họ và tên" over both parts.
        offer = self.table.offers.get("kind")
        kind = entry.section.kind or _KIND_OF_COLUMN.get(self.name_field) or (offer.value if offer else None)
        title = self.defaults.values.get("title")
        title_id = entry.section.title or (title.value if title else None)
        if kind is None and title_id:
            given_to = self.vocabulary.catalogue.titles[str(title_id)].for_
            kind = {"individual": "person", "collective": "collective"}.get(given_to)
        return kind

    def _kind(self, entry: Entry, problem) -> str | None:  # type: ignore[no-untyped-def]
        kind = self.kind_of(entry)
        if kind is None:
            problem(self.name_field, "is this a person or a collective? The column holds both; put the rows under a "
                    "heading 'Cá nhân' or 'Tập thể', or use a column 'Họ và tên' or 'Tên tập thể'")
        return kind

    def _unit_and_position(self, entry: Entry, problem) -> tuple[str | None, str, str]:  # type: ignore[no-untyped-def]
        position = cell_text(entry.values.get("position"))
        text = cell_text(entry.values.get("unit"))
        if not text and "position_unit" in self.table.columns:
            combined = cell_text(entry.values.get("position_unit"))
            parts = [part.strip() for part in combined.split(",")]
            for cut in range(1, len(parts)):
                if len(self.vocabulary.unit_ids(", ".join(parts[cut:]))) == 1:
                    position, text = ", ".join(parts[:cut]), ", ".join(parts[cut:])
                    break
            else:
                if combined:
                    problem("position_unit", f"cannot find a unit of units.yml at the end of {combined!r}; write it "
                            "as 'Chức vụ, Đơn vị' with the unit's name as in units.yml")
                    return None, combined, position
        if text:
            found = self.vocabulary.unit(text)
            if found.id is None:
                problem("unit" if "unit" in self.table.columns else "position_unit", found.error)
            return found.id, text, position
        if entry.section.unit:
            return entry.section.unit, entry.section.text, position
        return None, "", position

    def _agreed(self, field: str, entry: Entry, problem) -> object:  # type: ignore[no-untyped-def]
        """Return the one value every source gives for a field, reporting disagreements and absence."""
        sources: list[Source] = []
        raw = entry.values.get(field)
        if field in self.table.columns and cell_text(raw):
            try:
                sources.append(Source(f"column {self.table.header(field)!r}", read_value(field, raw, self.vocabulary)))
            except Invalid as err:
                problem(field, str(err))
                return None
        if field == "title" and entry.section.title:
            row = self.table.sheet.number(entry.section.row)
            sources.append(Source(f"the heading on row {row}", entry.section.title))
        if field in self.defaults.values:
            sources.append(self.defaults.values[field])
        if not sources:
            if field != "by" and field not in self.reported:
                problem(field, _MISSING[field])
            return None
        first = sources[0]
        for other in sources[1:]:
            if not same(field, first.value, other.value):
                problem(field, f"{first.label} says {shown(field, first.value, self.vocabulary)!r} but {other.label} "
                        f"says {shown(field, other.value, self.vocabulary)!r}; correct one of them")
                return None
        return first.value


MAX_CELL = 1000
"""Characters in any cell read; a name, a unit or a position is much shorter (below)."""
_LIMITS = {"unit": (200, "a unit's name"), "position": (200, "a position"),
           "position_unit": (400, "a position and a unit")}
_NAME_LIMITS = {"person": (100, "a person's name"), "collective": (200, "a collective's name")}


def too_long(entry: Entry, kind: str | None) -> list[tuple[str, str]]:
    """Return (field, message) for each cell of the row longer than what it holds can be."""
    out = []
    for field, value in entry.values.items():
        if not isinstance(value, str):
            continue
        length = len(cell_text(value))
        if field in _KIND_FIELDS:
            limit, what = _NAME_LIMITS[kind or "collective"]
        else:
            limit, what = _LIMITS.get(field, (MAX_CELL, ""))
        if length > limit and what:
            out.append((field, f"{length:,} characters, more than {what} can have (at most {limit:,}); check that "
                        f"the cell holds only {what}, not a note or another column pasted into it"))
        elif length > limit:
            out.append((field, f"{length:,} characters, more than a cell of an honour list should hold (at most "
                        f"{limit:,}); check that the cell holds only what its column says, not a text pasted into it"))
    return out


def missing_everywhere(table: Table, defaults: Defaults) -> list[str]:
    """Return the required fields no option, title row, column or heading gives: reported once, not per row."""
    missing = []
    for field in ("decision", "date", "title", "year"):
        headings = field == "title" and any(entry.section.title for entry in table.entries)
        if field not in defaults.values and field not in table.columns and not headings:
            missing.append(field)
    return missing


MISSING = _MISSING = {
    "decision": "no decision number; give it with --decision 412/QĐ-VKSTC (or a column 'Số quyết định')",
    "date": "no decision date; give it with --date 2026-01-15 (or a column 'Ngày quyết định')",
    "title": "no title; give it with --title ID from titles.yml (or a column 'Danh hiệu', or a heading above the rows)",
    "year": "no achievement year; give it with --year 2025 (or a column 'Năm')",
}
