"""Public nominations: nominees for an honour published for comment before the council decides.

The list is made public for comment (Decree 98/2023/NĐ-CP, Art. 46, until 30/06/2025; since then Decree
152/2025/NĐ-CP details the law: the page cites the settings' legal basis). A notice is read from
`exemplars/nominations/<id>.yml`, shown while open (posted ≤ today ≤ deadline, Vietnam
time), archived after its deadline, and hidden before it is posted. It is never an honour:
nothing here reaches a profile, a year, a title or the statistics.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..text import VIETNAM, format_date
from . import schema as s
from .links import files_under
from .markup import active_content
from .model import Catalogue, Origin
from .problems import Problem, did_you_mean
from .yamlfile import YamlFile

F = s.Field
NOMINEE_FIELDS = {
    "person": F(s.identifier), "collective": F(s.identifier), "name": F(s.text), "position": F(s.text),
    "unit": F(s.identifier), "achievements": F(s.text),
}
NOMINATION_FIELDS = {
    "title": F(s.text, True), "award": F(s.identifier, True), "posted": F(s.date, True),
    "deadline": F(s.date, True), "council": F(s.text), "contact": F(s.text),
    "nominees": F(s.list_of(s.mapping_of(NOMINEE_FIELDS, "a nominee")), True),
}
MIN_WORKING_DAYS = 10
"""Fewer working days than this between posting and deadline leave too little time to comment."""


@dataclass(frozen=True)
class Nominee:
    """One nominee: a record (person or collective id) or someone written out by name."""

    person: str | None = None
    collective: str | None = None
    name: str = ""
    position: str = ""
    unit: str | None = None
    achievements: str = ""
    """Markdown."""
    index: int = 0
    """Its place in the file's list, for messages."""
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    """The line of each field, for problems found once every record is read."""


@dataclass(frozen=True)
class Nomination:
    """A notice asking for comments on nominees for one title or award."""

    id: str
    title: str
    award: str
    posted: dt.date
    deadline: dt.date
    council: str = ""
    contact: str = ""
    nominees: tuple[Nominee, ...] = ()
    origin: Origin = field(default=Origin("", 0), compare=False, repr=False)

    def status(self, today: dt.date) -> str:
        """Return "upcoming" (not posted yet), "open" (comments taken) or "closed"."""
        if today < self.posted:
            return "upcoming"
        return "open" if today <= self.deadline else "closed"


def working_days(start: dt.date, end: dt.date) -> int:
    """Return the Mondays to Fridays after start, up to and including end (public holidays not known)."""
    days = (end - start).days
    return sum((start + dt.timedelta(days=n)).weekday() < 5 for n in range(1, days + 1))


def read_nominations(root: Path, repository: Path, open_yaml: Callable[[Path], YamlFile | None],
                     problems: list[Problem], into: dict[str, Any]) -> None:
    """Read every exemplars/nominations/<id>.yml into `into`, collecting problems."""
    # A link out of the repository is reported and never read, as in the other folders of records.
    for path in files_under(root / "nominations", repository, problems, "*.y*ml", recursive=False):
        doc = open_yaml(path)
        if doc is None:
            continue
        reader = s.Reader(doc, problems)
        if problem := s.file_name_problem(path, doc.path, "a-notice"):
            problems.append(problem)
        values = s.read_mapping(reader, (), doc.data, NOMINATION_FIELDS, "a nomination")
        if values is None:
            continue
        nominees = tuple(_nominee(reader, index, v) for index, v in enumerate(values.get("nominees", ())))
        _check_dates(reader, values)
        if any(name not in values for name in ("title", "award", "posted", "deadline")):
            continue  # reported
        into[path.stem] = Nomination(
            id=path.stem, title=values["title"], award=values["award"], posted=values["posted"],
            deadline=values["deadline"], council=values.get("council", ""), contact=values.get("contact", ""),
            nominees=tuple(n for n in nominees if n is not None),
            origin=Origin(doc.path, 1, {name: doc.line((name,)) for name in values}))


def _nominee(reader: s.Reader, index: int, values: dict[str, Any]) -> Nominee | None:
    key: s.Key = ("nominees", index)
    given = [name for name in ("person", "collective", "name") if name in values]
    if len(given) != 1:
        reader.error(key, "a nominee needs exactly one of 'person' (an id in people/), 'collective' (an id in "
                     f"collectives/) or 'name' (someone without a record); got {', '.join(given) or 'none'}")
        return None
    for line, message in active_content(values.get("achievements", "")):
        reader.error(key + ("achievements",), message)
        reader.problems[-1] = replace(reader.problems[-1], line=reader.doc.line(key + ("achievements",)) + line)
    if "name" in values and "unit" not in values:
        reader.error(key, "a nominee given by name needs 'unit', the id of the unit in units.yml")
    lines = {name: reader.doc.line(key + (name,)) for name in values}
    return Nominee(person=values.get("person"), collective=values.get("collective"), name=values.get("name", ""),
                   position=values.get("position", ""), unit=values.get("unit"),
                   achievements=values.get("achievements", ""), index=index, lines=lines)


def _check_dates(reader: s.Reader, values: dict[str, Any]) -> None:
    posted, deadline = values.get("posted"), values.get("deadline")
    if posted is None or deadline is None:
        return
    if deadline <= posted:
        reader.error(("deadline",), f"the deadline ({format_date(deadline)}) must come after the day the notice "
                     f"is posted ({format_date(posted)}); fix one of the dates")
    elif (days := working_days(posted, deadline)) < MIN_WORKING_DAYS:
        reader.error(("deadline",), f"only {days} working day(s) from {format_date(posted)} to "
                     f"{format_date(deadline)}; allow at least {MIN_WORKING_DAYS} for comments "
                     f"(the earliest such deadline is {format_date(earliest_deadline(posted))})", warning=True)


def earliest_deadline(posted: dt.date) -> dt.date:
    """Return the first day that leaves MIN_WORKING_DAYS working days after posted."""
    day, count = posted, 0
    while count < MIN_WORKING_DAYS:
        day += dt.timedelta(days=1)
        count += day.weekday() < 5
    return day


def check_nominations(cat: Catalogue) -> list[Problem]:
    """Return the problems of nominations with the rest of the catalogue: ids that must exist."""
    problems: list[Problem] = []
    for notice in cat.nominations.values():
        path = notice.origin.path
        title = cat.titles.get(notice.award)
        if title is None:
            problems.append(Problem(path, notice.origin.at("award"), "award", f"no title with id {notice.award!r} "
                                    f"in titles.yml{did_you_mean(notice.award, cat.titles)}; add it there or fix "
                                    "the id"))
        for nominee in notice.nominees:
            problems += _nominee_problems(cat, path, f"nominees[{nominee.index}]", nominee, title)
    return problems


def _nominee_problems(cat: Catalogue, path: str, where: str, nominee: Nominee, title: Any) -> list[Problem]:
    out = []
    for kind, table, folder in (("person", cat.people, "people/"), ("collective", cat.collectives, "collectives/")):
        ref = getattr(nominee, kind)
        if ref is None:
            continue
        line = nominee.lines[kind]
        record = table.get(ref)
        if record is None:
            out.append(Problem(path, line, f"{where}.{kind}", f"no {kind} with id {ref!r} in {folder}"
                               f"{did_you_mean(ref, table)}; fix the id, or write the nominee with 'name' and "
                               "'unit'"))
        elif not record.published:
            out.append(Problem(path, line, f"{where}.{kind}", f"{ref!r} is not published (published: false), so "
                               "the notice could not show it; publish the record or write the nominee with 'name'"))
        subject = "individual" if kind == "person" else "collective"
        if title is not None and title.for_ not in ("both", subject):
            out.append(Problem(path, line, f"{where}.{kind}", f"{title.name!r} is given only to "
                               f"{'collectives' if title.for_ == 'collective' else 'individuals'}; check the "
                               "award or the nominee"))
    if nominee.unit is not None and nominee.unit not in cat.units:
        out.append(Problem(path, nominee.lines["unit"], f"{where}.unit", f"no unit with id {nominee.unit!r} in "
                           f"units.yml{did_you_mean(nominee.unit, cat.units)}; add it there or fix the id"))
    return out


def today_in_vietnam(now: dt.datetime) -> dt.date:
    """Return the calendar day in Vietnam at the moment now (a UTC server builds on Vietnam's day)."""
    return now.astimezone(VIETNAM).date() if now.tzinfo else now.date()


def visible(cat: Catalogue, now: dt.datetime) -> tuple[list[Nomination], list[Nomination]]:
    """Return (open, closed) notices: open ones closing soonest first, the archive newest first."""
    today = today_in_vietnam(now)
    notices = list(cat.nominations.values())
    open_ = sorted((n for n in notices if n.status(today) == "open"), key=lambda n: (n.deadline, n.id))
    closed = sorted((n for n in notices if n.status(today) == "closed"), key=lambda n: (n.deadline, n.id),
                    reverse=True)
    return open_, closed
