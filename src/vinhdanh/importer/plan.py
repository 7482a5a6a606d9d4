"""From the rows of an annex to what would change in the records: the dry run's table."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..records.decision_refs import decision_slug, same_decision
from ..records.model import Catalogue, Collective, Honour, Person
from ..records.scaffold import unique_id
from ..text import canonical, format_date, slugify
from .cells import cell_text
from .fields import OPTION, Defaults, parse_options, sheet_defaults
from .resolve import Exemplars, Vocabulary, folded_name, name_key, today_unit
from .rows import MISSING, Row, RowProblem, RowReader, missing_everywhere
from .sheet import Sheet
from .table import Table, find_table

Progress = Callable[[Iterable[object], int, str], Iterator[object]]


@dataclass
class Step:
    """What happens to one row: a new honour, a new record, already recorded, or an error."""

    where: str
    action: str  # honour | new | skip | error
    kind: str = ""
    record: str = ""
    name: str = ""
    unit: str = ""
    title: str = ""
    note: str = ""


@dataclass
class Change:
    """The honours one record receives; a record that does not exist yet is created with them."""

    kind: str
    id: str
    existing: Person | Collective | None
    name: str = ""
    position: str = ""
    unit: str = ""
    honours: list[Honour] = field(default_factory=list)
    source: str = ""
    """Where the record was first read from: `FILE:SHEET:ROW`."""


@dataclass
class Plan:
    """Everything an import would do, and every reason it cannot."""

    label: str = ""
    """The file as named on the command line, which starts every row's place."""
    steps: list[Step] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    changes: dict[tuple[str, str], Change] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    decisions: Counter[tuple[str, object, str, str, str]] = field(default_factory=Counter)
    """How many rows each (decision, date, issuer, title, year) has."""
    sources: list[str] = field(default_factory=list)
    """Which values came from the sheet rather than the options."""

    def count(self, action: str) -> int:
        """Return how many rows have that action."""
        return sum(step.action == action for step in self.steps)


class Planner:
    """Matches each row to a record, never guessing, and collects the changes."""

    def __init__(self, catalogue: Catalogue, label: str, progress: Progress) -> None:
        self.catalogue = catalogue
        self.label = label
        self.progress = progress
        self.vocabulary = Vocabulary(catalogue)
        self.exemplars = Exemplars(catalogue)
        self.plan = Plan(label)
        self.seen: dict[tuple[str, ...], str] = {}
        self.new_ids: dict[tuple[str, str, str], str] = {}
        self.taken = {*catalogue.people, *catalogue.collectives}
        self.decisions = {decision_slug(h.decision, h.date): (h, e) for e in
                          [*catalogue.people.values(), *catalogue.collectives.values()]
                          for h in e.honours if h.decision}
        self.checked: set[tuple[str, object, str]] = set()
        self.placed = 0
        """Numbered rows met so far, in every sheet: the place in the roll of the next one."""

    def run(self, sheets: list[Sheet], notes: list[str], options: dict[str, str | None],
            folders: dict[str, Path]) -> Plan:
        """Plan the import of every sheet that holds a list."""
        self.folders = folders
        self.plan.notes += notes
        self.options, problems = parse_options(options, self.vocabulary)
        self.plan.problems += [RowProblem(self.label, "", p) for p in problems]
        tables = []
        for sheet in sheets:
            table = find_table(sheet, self.vocabulary)
            if table is None:
                if any(any(str(v).strip() for v in row) for row in sheet.rows):
                    self.plan.notes.append(f"sheet {sheet.name!r} skipped: no header row (such as "
                                           "'STT | Họ và tên | Chức vụ | Đơn vị') in its first rows")
            else:
                tables.append(table)
        if not tables:
            self.plan.problems.append(RowProblem(self.label, "", "no list found: no sheet has a header row naming "
                                                 "its columns, such as 'STT | Họ và tên | Chức vụ | Đơn vị'"))
        for table in tables:
            self._table(table)
        return self.plan

    def _where(self, table: Table) -> str:
        return f"{self.label}:{table.sheet.name}" if table.sheet.name else self.label

    def _table(self, table: Table) -> None:
        where = self._where(table)
        defaults, disagreements = sheet_defaults(table, self.options, self.vocabulary)
        for row, name, message in disagreements:
            self.plan.problems.append(RowProblem(f"{where}:{table.sheet.number(row)}", name, message))
        missing = missing_everywhere(table, defaults)
        self.plan.problems += [RowProblem(where, name, MISSING[name]) for name in missing]
        self._describe(table, defaults)
        for row in table.unnumbered:
            column = table.header("stt") if "stt" in table.columns else "STT"
            self.plan.problems.append(RowProblem(f"{where}:{table.sheet.number(row)}", column,
                                                 "a name but no number; number the row, or delete it if it is not "
                                                 "in the decision"))
        reader = RowReader(table, defaults, self.vocabulary, where, set(missing))
        for entry in self.progress(table.entries, len(table.entries), "rows"):
            read, problems = reader.read(entry)  # type: ignore[arg-type]
            self.placed += 1
            self.plan.problems += problems
            if read is None:
                name = cell_text(entry.values.get(reader.name_field))  # type: ignore[attr-defined]
                self.plan.steps.append(Step(f"{where}:{table.sheet.number(entry.row)}", "error",  # type: ignore[attr-defined]
                                            name=name))
                continue
            self._place(dataclasses.replace(read, order=self.placed))
        self._check_count(table, where, [reader.kind_of(entry) for entry in table.entries])

    def _describe(self, table: Table, defaults: Defaults) -> None:
        for name, source in defaults.offered.items():
            value = source.value
            shown = format_date(value) if name == "date" else (  # type: ignore[arg-type]
                self.catalogue.titles[str(value)].name if name == "title" else value)
            sheet = f" of sheet {table.sheet.name!r}" if table.sheet.name else ""
            row_number = table.sheet.number(table.offers[name].row)
            self.plan.sources.append(f"{OPTION[name]} {shown}  (row {row_number}{sheet})")

    def _check_count(self, table: Table, where: str, kinds: list[str | None]) -> None:
        """Compare the closing line's counts with the numbered rows of each kind (read or not)."""
        if not table.stated_count:
            return
        stated, row = table.stated_count
        for kind, count in stated.items():
            read = sum(k == kind for k in kinds) if kind else len(kinds)
            if count != read:
                what = {"person": " people", "collective": " collectives"}.get(kind, "")
                self.plan.problems.append(RowProblem(
                    f"{where}:{table.sheet.number(row)}", "", f"the list says it has {count}{what} but {read} "
                    f"numbered rows{' of' + what if what else ''} were read; look for a row without its number in "
                    "the first column, or a row too many"))

    def _place(self, row: Row) -> None:
        """Match a row to a record (or a new one) and plan its honour."""
        self.plan.decisions[(row.decision, row.date, row.by, row.title, row.year)] += 1
        if row.unit is None and (row.kind == "person" or not self.exemplars.namesakes(row.kind, row.name)):
            self._error(row, "Đơn vị", "no unit: matching needs the name and the unit; add a column 'Đơn vị' or a "
                        "heading naming the unit above the rows")
            return
        candidates = self.exemplars.match(row.kind, row.name, row.unit)
        if len(candidates) > 1 and row.position:  # namesakes in one unit: the position may tell them apart
            same_position = [c for c in candidates if folded_name(getattr(c, "position", "")) == folded_name(
                row.position)]
            candidates = same_position if len(same_position) == 1 else candidates
        if len(candidates) > 1:
            described = [(c.id, filter(None, [getattr(c, "position", ""), self.catalogue.units[c.unit].short]))
                         for c in candidates]
            listed = "; ".join(f"{key} ({', '.join(parts)})" for key, parts in described)
            self._error(row, "", f"{row.name!r} in {row.unit_text!r} may be any of {len(candidates)} records: "
                        f"{listed}; write the unit, or the position, as in one of these records")
            return
        if not self._decision_agrees(row):
            return
        if candidates:
            self._existing(row, candidates[0])
        else:
            self._new(row)

    def _decision_agrees(self, row: Row) -> bool:
        slug = decision_slug(row.decision, row.date)
        known = self.decisions.get(slug)
        if known is None:
            return True
        honour, exemplar = known
        clash = "date" if honour.date != row.date else "by" if (
            honour.by and row.by and canonical(honour.by) != canonical(row.by)) else ""
        if not clash:
            return True
        if (slug, clash, row.where.rsplit(":", 1)[0]) not in self.checked:
            self.checked.add((slug, clash, row.where.rsplit(":", 1)[0]))
            given = format_date(honour.date) if clash == "date" and honour.date else honour.by
            self._error(row, clash, f"the records already give decision {honour.decision} the {clash} {given!r} "
                        f"({exemplar.origin.path}); correct {OPTION[clash]} (or the sheet), or the record")
        else:
            self.plan.steps.append(Step(row.where, "error"))
        return False

    def _error(self, row: Row, column: str, message: str) -> None:
        self.plan.problems.append(RowProblem(row.where, column, message))
        self.plan.steps.append(Step(row.where, "error", row.kind, "", row.name, row.unit or "", row.title))

    def _repeat(self, row: Row, record: str) -> bool:
        key = (row.kind, record, row.title, row.year, decision_slug(row.decision, row.date))
        if key in self.seen:
            self._error(row, "", f"repeats {self.seen[key]} (the same honour for the same record); delete one row")
            return True
        self.seen[key] = row.where
        return False

    def _existing(self, row: Row, record: Person | Collective) -> None:
        if self._repeat(row, record.id):
            return
        # The same title in the same year from another decision is another honour (a second Bằng khen).
        held = [(i, h) for i, h in enumerate(record.honours) if (h.title, h.year) == (row.title, row.year)]
        step = Step(row.where, "honour", row.kind, record.id, row.name, row.unit or record.unit, row.title)
        unnumbered = next((i for i, h in held if not h.decision), None)
        if any(same_decision(h.decision, h.date, row.decision, row.date) for _, h in held):
            step.action = "skip"
        elif unnumbered is not None:
            self._error(row, "", f"{record.id} holds {row.title} for {row.year} without a decision number "
                        f"(honours[{unnumbered}] in {record.origin.path}): if it is this one, write 'decision: "
                        f"{row.decision}' there; if not, write its own number; then import again")
            return
        else:
            change = self.plan.changes.setdefault((row.kind, record.id), Change(row.kind, record.id, record))
            position = row.position if row.position and row.position != getattr(record, "position", "") else ""
            change.honours.append(self._honour(row, record.unit, position))
            step.note = "" if record.published else "record unpublished"
        self.plan.steps.append(step)

    def _new(self, row: Row) -> None:
        assert row.unit is not None
        unit_now = today_unit(self.catalogue, row.unit)
        key = (row.kind, name_key(row.name), unit_now)
        record = self.new_ids.get(key)
        if record is None:
            folder = self.folders[row.kind]
            stem = slugify(row.name) or "khong-ten"
            record = unique_id(stem, lambda s: s in self.taken or (folder / f"{s}.yml").exists())
            self.taken.add(record)
            self.new_ids[key] = record
            self.plan.changes[(row.kind, record)] = Change(row.kind, record, None, row.name, row.position, unit_now,
                                                           source=row.where)
        if self._repeat(row, record):
            return
        self.plan.changes[(row.kind, record)].honours.append(self._honour(row, unit_now, ""))
        self.plan.steps.append(Step(row.where, "new", row.kind, record, row.name, row.unit, row.title,
                                    self._new_note(row)))

    def _new_note(self, row: Row) -> str:
        """Name the records a new one may be confused with: namesakes elsewhere, look-alikes in its unit."""
        units = self.catalogue.units
        notes = []
        if namesakes := self.exemplars.namesakes(row.kind, row.name):
            notes.append("namesake of " + ", ".join(f"{n.id} ({units[n.unit].short})" for n in namesakes))
        if alikes := self.exemplars.look_alikes(row.kind, row.name, row.unit):
            # Only a suggestion: a mark of difference is a different person until the annex says otherwise.
            notes.append("did you mean " + " or ".join(f"{a.id} ({a.name}, {units[a.unit].short})"
                                                        for a in alikes) + "?")
        return "; ".join(notes)

    def _honour(self, row: Row, unit_now: str, position: str) -> Honour:
        return Honour(title=row.title, year=row.year, decision=row.decision, date=row.date, by=row.by,
                      unit=row.unit if row.unit != unit_now else None,
                      movement=self.options.get("movement"), citation=row.citation,  # type: ignore[arg-type]
                      position=position, roll=row.order)
