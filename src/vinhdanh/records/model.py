"""The catalogue of exemplars: immutable records, as read from exemplars/."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..text import name_sort_key, sort_key, split_name


@dataclass(frozen=True)
class Origin:
    """Where a record was written, for messages."""

    path: str
    line: int
    field_lines: dict[str, int] = field(default_factory=dict, compare=False)
    """The line of each top-level field's value, so that a problem found later names it."""

    def at(self, name: str) -> int:
        """Return the line of the field name, or of the record where it is missing."""
        return self.field_lines.get(name, self.line)


@dataclass(frozen=True)
class Unit:
    """A unit of the organisation; units are renamed, merged and dissolved."""

    id: str
    name: str
    short: str
    parent: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    """The day the unit was dissolved or merged; None while it exists."""
    successor: str | None = None
    """The unit that took over its work."""
    origin: Origin = field(default=Origin("", 0), compare=False, repr=False)


@dataclass(frozen=True)
class Title:
    """An emulation title (danh hiệu) or a form of commendation (khen thưởng)."""

    id: str
    name: str
    kind: str  # title | award
    for_: str  # individual | collective | both
    level: str  # nha-nuoc | chinh-phu | nganh | co-so
    rank: int
    """Higher is more prestigious."""
    aliases: tuple[str, ...] = ()
    origin: Origin = field(default=Origin("", 0), compare=False, repr=False)


@dataclass(frozen=True)
class Movement:
    """An emulation movement (phong trào thi đua)."""

    id: str
    name: str
    kind: str  # annual | thematic
    start: dt.date | None = None
    end: dt.date | None = None
    launched_by: str = ""
    summary: str = ""
    origin: Origin = field(default=Origin("", 0), compare=False, repr=False)


@dataclass(frozen=True)
class Honour:
    """One title or award given to an exemplar by one decision."""

    title: str
    year: str
    """Achievement year "2020" or period "2016-2020"."""
    decision: str = ""
    date: dt.date | None = None
    by: str = ""
    unit: str | None = None
    """The unit at the time, when it differs from the current one."""
    movement: str | None = None
    citation: str = ""
    position: str = ""
    """The position held at the time, when it differs from the current one (people only)."""
    roll: int | None = None
    """Its place in the decision's list (the annex's order, written by the import): orders the decision's roll."""

    @property
    def last_year(self) -> int:
        """Return the year that ends the achievement period."""
        return int(self.year[-4:])


@dataclass(frozen=True)
class Initiative:
    """An initiative (sáng kiến) recognised at some level."""

    name: str
    year: int
    level: str = ""  # co-so | nganh | toan-quoc


@dataclass(frozen=True)
class Exemplar:
    """What people and collectives share."""

    id: str
    name: str
    unit: str
    photo: str | None = None
    """Path relative to exemplars/."""
    photo_credit: str = ""
    summary: str = ""
    honours: tuple[Honour, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    story: str = ""
    """Markdown."""
    published: bool = True
    private: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    """Never published; kept only so that the data stays in one file."""
    origin: Origin = field(default=Origin("", 0), compare=False, repr=False)


@dataclass(frozen=True)
class Person(Exemplar):
    """An individual exemplar."""

    family_name: str | None = None
    given_name: str | None = None
    position: str = ""

    @cached_property
    def sort_key(self) -> tuple[object, ...]:
        """Return the key filing this person by given name."""
        return name_sort_key(self.name, self.family_name, self.given_name) + (self.id,)

    @property
    def given(self) -> str:
        """Return the given name (tên)."""
        return split_name(self.name, self.family_name, self.given_name)[2]


@dataclass(frozen=True)
class Collective(Exemplar):
    """A collective exemplar: a unit, a department, a team."""

    members: tuple[str, ...] = ()
    """Ids of people."""

    @cached_property
    def sort_key(self) -> tuple[object, ...]:
        """Return the key filing this collective by its name."""
        return sort_key(self.name) + (self.id,)


@dataclass(frozen=True)
class Catalogue:
    """Everything read from exemplars/, checked and ready to render."""

    units: dict[str, Unit] = field(default_factory=dict)
    titles: dict[str, Title] = field(default_factory=dict)
    movements: dict[str, Movement] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    collectives: dict[str, Collective] = field(default_factory=dict)
    stories: dict[str, Any] = field(default_factory=dict)
    """News stories (vinhdanh.records.stories.Story) by source path."""
    nominations: dict[str, Any] = field(default_factory=dict)
    """Public notices of nominees (vinhdanh.records.nominations.Nomination) by id; never honours."""
    documents: dict[str, Any] = field(default_factory=dict)
    """Documents with their signed copies (vinhdanh.records.documents.Document) by id."""

    def summary(self) -> str:
        """Return a one-line count of what was loaded."""
        exemplars = [*self.people.values(), *self.collectives.values()]
        honours = sum(len(e.honours) for e in exemplars)
        unpublished = sum(not e.published for e in exemplars)
        return (
            f"{len(self.units)} units, {len(self.titles)} titles, {len(self.movements)} movements, "
            f"{len(self.people)} people, {len(self.collectives)} collectives, {honours} honours"
            + (f", {len(self.stories)} stories" if self.stories else "")
            + (f", {len(self.nominations)} nominations" if self.nominations else "")
            + (f", {len(self.documents)} documents" if self.documents else "")
            + (f" ({unpublished} record(s) unpublished)" if unpublished else "")
        )
