"""Field rules for each kind of record, and the reader that applies them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..text import slugify
from .problems import Problem, did_you_mean, excerpt, quoted
from .yamlfile import Key, YamlFile

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
FIRST_YEAR = 1945  # the first emulation movements of the Republic
INVALID = object()


class Reader:
    """Checks the values of one YAML file and collects the problems found."""

    def __init__(self, doc: YamlFile, problems: list[Problem]) -> None:
        self.doc = doc
        self.problems = problems

    def error(self, key: Key, message: str, warning: bool = False) -> None:
        """Record a problem with the value at key."""
        self.problems.append(Problem(self.doc.path, self.doc.line(key), field_name(key), message, warning))


def field_name(key: Key) -> str:
    """Return `honours[0].year` for ('honours', 0, 'year')."""
    out = ""
    for part in key:
        name = excerpt(str(part), 40)  # a key may be a pasted paragraph
        out += f"[{part}]" if isinstance(part, int) else (f".{name}" if out else name)
    return out


Check = Callable[[Reader, Key, Any], Any]


@dataclass(frozen=True)
class Field:
    """One allowed key of a mapping."""

    check: Check
    required: bool = False
    label: str = ""
    """The field's name in the browser editor, in Vietnamese."""
    help: str = ""
    """What to write, in Vietnamese: shown under the field in the browser editor."""


def read_mapping(reader: Reader, key: Key, value: Any, fields: dict[str, Field], what: str) -> dict[str, Any] | None:
    """Check a mapping against fields; return the valid values by key."""
    if not isinstance(value, dict):
        reader.error(key, f"expected {what} (lines of 'key: value'), got {kind_of_value(value)}")
        return None
    out: dict[str, Any] = {}
    for name, item in value.items():
        if name not in fields:
            reader.error(key + (str(name),), f"unknown key{did_you_mean(str(name), fields)}; "
                         f"allowed: {', '.join(fields)}")
            continue
        if item is None and not fields[name].required:
            continue  # an empty optional value is the same as an absent one
        checked = fields[name].check(reader, key + (name,), item)
        if checked is not INVALID:
            out[name] = checked
    for name, rule in fields.items():
        if rule.required and value.get(name) is None:
            reader.error(key + (name,) if name in value else key,
                         f"missing required key {quoted(name)}" if name not in value else "must not be empty")
    return out


def kind_of_value(value: Any) -> str:
    """Describe a value for a message: "a list", "a mapping", or the value itself."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return quoted(value)


# --- Value checks ------------------------------------------------------------


def text(reader: Reader, key: Key, value: Any) -> Any:
    """Accept text; numbers are read as text (a decision number may look like one)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        reader.error(key, f"expected text, got {kind_of_value(value)}")
        return INVALID
    value = str(value).strip()
    if not value:
        reader.error(key, "must not be empty; remove the key or write a value")
        return INVALID
    return value


def file_name_problem(path: Path, shown_path: str, example: str) -> Problem | None:
    """Return what is wrong with the name of a record's file, which is its id (None if nothing is)."""
    if ID_PATTERN.fullmatch(path.stem):
        return None
    return Problem(shown_path, 0, "", "the file name is the id and must be lowercase letters, digits and '-'; "
                   f"rename it to {slugify(path.stem) or example}{path.suffix}")


def identifier(reader: Reader, key: Key, value: Any) -> Any:
    """Accept an id: lowercase ASCII letters, digits and hyphens."""
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        fix = slugify(str(value))
        reader.error(key, f"expected an id of lowercase letters, digits and '-', got {quoted(value)}"
                     + (f"; write {quoted(fix)}" if fix else ""))
        return INVALID
    return value


def date(reader: Reader, key: Key, value: Any) -> Any:
    """Accept an ISO date YYYY-MM-DD that exists."""
    if isinstance(value, dt.date):
        return value
    text_value = str(value)
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text_value)
    if not match:
        reader.error(key, f"expected a date like 2021-01-14 (year-month-day), got {quoted(text_value)}")
        return INVALID
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        reader.error(key, f"no such day: {quoted(text_value)}; check the day and month")
        return INVALID


def _year_ok(year: int) -> bool:
    return FIRST_YEAR <= year <= dt.date.today().year + 1


def year(reader: Reader, key: Key, value: Any) -> Any:
    """Accept a year between 1945 and next year."""
    if isinstance(value, int) and not isinstance(value, bool) and _year_ok(value):
        return value
    reader.error(key, f"expected a year like 2020 (from {FIRST_YEAR} to {dt.date.today().year + 1}), "
                 f"got {quoted(value)}")
    return INVALID


def year_or_period(reader: Reader, key: Key, value: Any) -> Any:
    """Accept a year (2020) or a period ("2016-2020"); return it as text."""
    match = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", value) if isinstance(value, str) else None
    if match and all(_year_ok(int(y)) for y in match.groups()) and match[1] < match[2]:
        return f"{match[1]}-{match[2]}"
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if not match and year(reader, key, value) is not INVALID:
        return str(value)
    if match:
        reader.error(key, f"expected a period like '2016-2020' (first year earlier, both from {FIRST_YEAR}), "
                     f"got {quoted(value)}")
    return INVALID


def integer(reader: Reader, key: Key, value: Any) -> Any:
    """Accept a whole number."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    reader.error(key, f"expected a whole number, got {kind_of_value(value)}")
    return INVALID


def boolean(reader: Reader, key: Key, value: Any) -> Any:
    """Accept true or false."""
    if isinstance(value, bool):
        return value
    reader.error(key, f"expected true or false, got {kind_of_value(value)}")
    return INVALID


@dataclass(frozen=True)
class OneOf:
    """Accept one of the given words (the editor offers them as choices)."""

    choices: tuple[str, ...]

    def __call__(self, reader: Reader, key: Key, value: Any) -> Any:
        if value in self.choices:
            return value
        reader.error(key, f"expected one of {', '.join(self.choices)}, got {quoted(value)}"
                     f"{did_you_mean(str(value), self.choices)}")
        return INVALID


def one_of(*choices: str) -> Check:
    """Accept one of the given words."""
    return OneOf(choices)


@dataclass(frozen=True)
class ListOf:
    """Accept a list whose items all pass item; a single value is not a list."""

    item: Check

    def __call__(self, reader: Reader, key: Key, value: Any) -> Any:
        if not isinstance(value, list):
            reader.error(key, f"expected a list (lines starting with '- ' or [a, b]), got {kind_of_value(value)}")
            return INVALID
        items = [self.item(reader, key + (i,), v) for i, v in enumerate(value)]
        return tuple(v for v in items if v is not INVALID)


def list_of(item: Check) -> Check:
    """Accept a list whose items all pass item."""
    return ListOf(item)


@dataclass(frozen=True)
class MappingOf:
    """Accept a mapping with the given fields."""

    fields: dict[str, Field]
    what: str

    def __call__(self, reader: Reader, key: Key, value: Any) -> Any:
        result = read_mapping(reader, key, value, self.fields, self.what)
        return INVALID if result is None else result


def mapping_of(fields: dict[str, Field], what: str) -> Check:
    """Accept a mapping with the given fields."""
    return MappingOf(fields, what)


def anything(reader: Reader, key: Key, value: Any) -> Any:
    """Accept any value (private data is kept, never shown)."""
    return value
