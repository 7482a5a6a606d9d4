"""The dry run's table, the counts, and the progress bar."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TextIO

from ..records.model import Catalogue
from ..text import format_date
from .plan import Plan

PROGRESS_FROM = 300
"""Files with more rows than this show a progress bar (on a terminal only)."""
_ACTIONS = {"honour": "new honour", "skip": "already recorded", "error": "error"}


def progress(items: Iterable[object], total: int, unit: str) -> Iterator[object]:
    """Yield items, drawing a progress bar on stderr when it is a terminal and there are many."""
    if total <= PROGRESS_FROM or not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, total=total, unit=f" {unit}", file=sys.stderr, leave=False, dynamic_ncols=True)


def print_plan(plan: Plan, catalogue: Catalogue, out: TextIO) -> None:
    """Print the decision, one line per row, and the counts."""
    for line in _decisions(plan, catalogue):
        print(line, file=out)
    if plan.sources:
        print("Taken from the sheet, as no option gave them:", file=out)
    for source in plan.sources:
        print(f"  {source}", file=out)
    for note in plan.notes:
        print(f"Note: {note}", file=out)
    if plan.steps:
        print(file=out)
        _table(plan, catalogue, out)
    print(file=out)
    print(counts(plan), file=out)


def _decisions(plan: Plan, catalogue: Catalogue) -> list[str]:
    titles: dict[tuple[str, object, str], list[str]] = {}
    for (number, date, by, title, year), count in plan.decisions.items():
        titles.setdefault((number, date, by), []).append(f"{catalogue.titles[title].name} {year} ({count})")
    lines = []
    for (number, date, by), given in titles.items():
        when = f" of {format_date(date)}" if date else ""  # type: ignore[arg-type]
        lines.append(f"Decision {number}{when}" + (f", {by}" if by else "") + ": " + "; ".join(given))
    return lines


def _table(plan: Plan, catalogue: Catalogue, out: TextIO) -> None:
    rows = [("ROW", "ACTION", "RECORD", "NAME", "UNIT", "TITLE")]
    for step in plan.steps:
        action = _ACTIONS.get(step.action) or f"new {step.kind}"
        unit = catalogue.units[step.unit].short if step.unit in catalogue.units else ""
        where = step.where[len(plan.label) + 1:] if step.where.startswith(plan.label + ":") else step.where
        rows.append((where, action, step.record, step.name, unit,
                     step.title + (f" — {step.note}" if step.note else "")))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[5], file=out)


def counts(plan: Plan) -> str:
    """Return the counts line: new honours, new records, already recorded, errors."""
    new_records = Counter(change.kind for change in plan.changes.values() if change.existing is None)
    parts = [f"{plan.count('honour') + plan.count('new')} new honour(s)"]
    if new_records:
        made = [f"{new_records[k]} {'person' if k == 'person' else 'collective'}{'' if new_records[k] == 1 else 's'}"
                for k in ("person", "collective") if new_records[k]]
        parts.append(f"{' and '.join(made)} to create")
    parts.append(f"{plan.count('skip')} already recorded")
    parts.append(f"{plan.count('error')} row(s) with errors")
    return f"{len(plan.steps)} row(s): " + ", ".join(parts) + "."
