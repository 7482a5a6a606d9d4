"""The record format as the project writes it, for what the editor saves.

Keys in the documented order, empty values left out, dates and years unquoted, defaults
omitted, Markdown as `|` blocks, and a list file in the form it already had (a bare list,
or the list under its one key) with the comment lines it starts with.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from ..records import schema as s
from ..records.fields import post_date
from ..text import slugify


def record_text(data: dict[str, Any], fields: dict[str, s.Field], order: list[str]) -> str:
    """Return a person's or collective's file."""
    data = typed(cleaned(data), fields)
    if data.get("published") is True:
        del data["published"]  # the default
    return dump(ordered(data, order))


def story_text(meta: dict[str, Any], body: str, fields: dict[str, s.Field], order: list[str]) -> str:
    """Return a story's file: its front matter, then its Markdown."""
    meta = typed(cleaned(meta), fields)
    if meta.get("draft") is False:
        del meta["draft"]  # no key: published on its date (`draft: false` would publish a future story now)
    return f"---\n{dump(ordered(meta, order))}---\n\n{body.lstrip(chr(10))}"


def list_file_text(items: list[Any], fields: dict[str, s.Field], key: str, current: str | None) -> str:
    """Return units.yml, titles.yml or movements.yml in the form the file has now."""
    rows = [typed(item, fields) for item in cleaned(items) if isinstance(item, dict)]
    _fill_ids(rows)
    rows = [ordered(row, list(fields)) for row in rows]
    keeps_key = bool(current) and re.search(rf"^{key}:", current or "", re.MULTILINE) is not None
    return _leading_comments(current or "") + dump({key: rows} if keeps_key else rows)


def cleaned(value: Any) -> Any:
    """Return value without empty values (an empty field is no field), text trimmed."""
    if isinstance(value, dict):
        out = {k: cleaned(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [v for v in (cleaned(item) for item in value) if v not in (None, "", [], {})]
    if isinstance(value, str):
        return value.strip() if "\n" not in value.strip() else value.strip() + "\n"
    return value


def _fill_ids(items: list[dict[str, Any]]) -> None:
    """Give each item without an id one made from its name, unique in the file."""
    taken = {item["id"] for item in items if isinstance(item.get("id"), str)}
    for item in items:
        if item.get("id") or not slugify(str(item.get("name", ""))):
            continue
        stem = candidate = slugify(str(item["name"]))
        number = 1
        while candidate in taken:
            number += 1
            candidate = f"{stem}-{number}"
        item["id"] = candidate
        taken.add(candidate)


def _leading_comments(text: str) -> str:
    """Return the comment lines a file starts with (a list file's explanations)."""
    lines = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(lines)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?")


def typed(data: Any, fields: dict[str, s.Field]) -> Any:
    """Return data with dates and years as the values they are, so that they are written unquoted."""
    if not isinstance(data, dict):
        return data
    return {name: _typed_value(value, fields[name].check) if name in fields else value
            for name, value in data.items()}


def _typed_value(value: Any, check: s.Check) -> Any:
    if isinstance(check, s.ListOf) and isinstance(value, list):
        return [_typed_value(item, check.item) for item in value]
    if isinstance(check, s.MappingOf):
        return typed(value, check.fields)
    if check is s.anything and isinstance(value, dict):  # private: its date of birth
        return {k: _as_date(v) if k.endswith("_date") else v for k, v in value.items()}
    if check is s.date:
        return _as_date(value)
    if check is post_date and isinstance(value, str) and (m := _DATETIME.fullmatch(value.strip())):
        return dt.datetime.fromisoformat(f"{m[1]} {m[2]}:{m[3]}:{m[4] or '00'}")
    if check in (s.year, s.year_or_period) and isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if check is s.year_or_period and isinstance(value, str):
        return re.sub(r"\s*[-–]\s*", "-", value.strip())
    return value


def _as_date(value: Any) -> Any:
    if isinstance(value, str) and _DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return value  # an impossible day: the checks name it
    return value


def ordered(data: dict[str, Any], order: list[str]) -> dict[str, Any]:
    """Return data with the keys of order first, in that order."""
    known = [k for k in order if k in data]
    return {k: data[k] for k in known + [k for k in data if k not in order]}


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes text with line breaks as `|` blocks, as people write Markdown in records.

    Text that a YAML reader could take for something else ("0123", "yes", "1_000") is quoted,
    as the safe dumper does for YAML 1.1, the version the project reads.
    """


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(data: Any) -> str:
    """Return data as YAML in the project's style."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
