"""The decision's values for each row: from the options, the title rows, headings and columns.

Every source that gives a value must agree with the others; nothing is filled in by guess.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..text import canonical, format_date, slugify
from .cells import cell_text, clean, parse_date, parse_year
from .resolve import Vocabulary
from .table import Offer, Table

FIELDS = ("decision", "date", "by", "title", "year")
OPTION = {"decision": "--decision", "date": "--date", "by": "--by", "title": "--title", "year": "--year"}


class Invalid(ValueError):
    """A value that cannot be read; the message says why and the fix."""


def read_value(name: str, raw: object, vocabulary: Vocabulary) -> object:
    """Return a value as the records hold it (title id, "2025", a date, text), or raise Invalid."""
    if name == "title":
        found = vocabulary.title(cell_text(raw))
        if found.id is None:
            raise Invalid(found.error)
        return found.id
    if name == "year":
        year = parse_year(raw)
        if isinstance(year, tuple):
            raise Invalid(year[0])
        return year
    if name == "date":
        date = parse_date(raw)
        if isinstance(date, str):
            raise Invalid(date)
        return date
    return cell_text(raw)


def same(name: str, a: object, b: object) -> bool:
    """Return whether two values of a field mean the same: decision numbers and issuers as written by people."""
    if name == "decision":
        return slugify(str(a)) == slugify(str(b))
    if name == "by":
        return canonical(str(a)) == canonical(str(b))
    return a == b


def shown(name: str, value: object, vocabulary: Vocabulary) -> str:
    """Return a value as a person would write it."""
    if isinstance(value, dt.date):
        return format_date(value)
    if name == "title":
        return vocabulary.catalogue.titles[str(value)].name
    return str(value)


@dataclass(frozen=True)
class Source:
    """Where a value came from, for messages: "--date", "row 3 of the sheet", "column 'Năm'"."""

    label: str
    value: object


@dataclass
class Defaults:
    """The decision's values for a whole sheet: options first, else what its title rows offer."""

    values: dict[str, Source] = field(default_factory=dict)
    offered: dict[str, Source] = field(default_factory=dict)
    """The values taken from the sheet because no option gave them (shown in the report)."""


def sheet_defaults(table: Table, options: dict[str, object], vocabulary: Vocabulary) -> tuple[Defaults, list[
        tuple[int, str, str]]]:
    """Return a sheet's decision values and the disagreements: [(row, field, message)]."""
    defaults, problems = Defaults(), []
    for name in FIELDS:
        option = options.get(name)
        offer: Offer | None = table.offers.get(name)
        offered = None
        if offer is not None:
            try:
                offered = read_value(name, offer.value, vocabulary)
            except Invalid:
                offered = None  # the title rows are prose; an unreadable aside is no offer
        if option is not None:
            defaults.values[name] = Source(OPTION[name], option)
            if offer is not None and offered is not None and not same(name, option, offered):
                problems.append((offer.row, name, f"the sheet says {shown(name, offered, vocabulary)!r} but "
                                 f"{OPTION[name]} says {shown(name, option, vocabulary)!r}; correct one of them"))
        elif offered is not None and offer is not None:
            source = Source(f"row {table.sheet.number(offer.row)} of the sheet", offered)
            defaults.values[name] = defaults.offered[name] = source
    return defaults, problems


def parse_options(raw: dict[str, str | None], vocabulary: Vocabulary) -> tuple[dict[str, object], list[str]]:
    """Check the command's options; return their values and the problems, as `--option: message`."""
    values: dict[str, object] = {}
    problems = []
    for name in FIELDS:
        text = raw.get(name)
        if text is None:
            continue
        try:
            values[name] = read_value(name, clean(text), vocabulary)
        except Invalid as err:
            problems.append(f"{OPTION[name]}: {err}")
        if name in ("decision", "by") and not clean(text):
            problems.append(f"{OPTION[name]}: must not be empty")
            values.pop(name, None)
    movement = raw.get("movement")
    if movement is not None:
        if movement in vocabulary.catalogue.movements:
            values["movement"] = movement
        else:
            problems.append(f"--movement: no movement with id {movement!r} in movements.yml; use an id from there")
    return values, problems
