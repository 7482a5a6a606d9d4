"""Append honours to a record as its author would have typed them; write new records.

Records are edited as text, never re-dumped: comments, key order, quoting and line endings
stay as they were, and the new honour copies the indentation of the ones already there.
The result is re-read by the project's loader before it replaces anything (see apply.py).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from ..records.model import Honour
from ..records.yamlfile import YamlFile, parse_yaml

KEY_ORDER = ("title", "year", "decision", "date", "by", "roll", "unit", "position", "movement", "citation")
_ITEM = re.compile(r"^(?P<indent>[ ]*)-(?P<gap>[ ]+)(?P<rest>.*)$")
_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*:")


class EditError(ValueError):
    """The record's layout is one this editor does not handle; nothing is changed."""


def read_record_text(path: Path) -> tuple[bytes, str, bytes]:
    """Return a record's bytes, its text as written (not normalised: edits touch only new lines), its BOM."""
    raw = path.read_bytes()
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    return raw, raw[len(bom):].decode("utf-8"), bom


# Text that YAML reads back as the same text when written plain: words, digits and the punctuation of
# names, units and decision numbers; anything else goes through the YAML emitter (which quotes it).
_PLAIN = re.compile(r"[^\W_][\w .,/()–-]*(?<! )")
_NOT_TEXT = re.compile(r"[-+]?[\d._]+|(?:true|false|yes|no|on|off|null|y|n)", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def scalar(value: object) -> str:
    """Return a value written as YAML: plain when that reads back the same, quoted otherwise."""
    if isinstance(value, str) and _PLAIN.fullmatch(value) and not _NOT_TEXT.fullmatch(value):
        return value
    return yaml.safe_dump(value, allow_unicode=True, width=1 << 20).removesuffix("\n...\n").rstrip("\n")


def honour_fields(honour: Honour) -> dict[str, object]:
    """Return the keys an honour is written with, in the usual order; empty ones left out."""
    values: dict[str, object] = {
        "title": honour.title, "year": int(honour.year) if honour.year.isdigit() else honour.year,
        "decision": honour.decision, "date": honour.date, "by": honour.by, "roll": honour.roll, "unit": honour.unit,
        "position": honour.position, "movement": honour.movement, "citation": honour.citation,
    }
    return {key: value for key, value in values.items() if value}


def _block_item(honour: Honour, dash: str, keys: str) -> list[str]:
    lines: list[str] = []
    for key, value in honour_fields(honour).items():
        text = value.isoformat() if key == "date" else scalar(value)  # type: ignore[attr-defined]
        lines.append(f"{dash if not lines else keys}{key}: {text}")
    return lines


def _flow_item(honour: Honour) -> str:
    fields = {k: (v.isoformat() if k == "date" else v) for k, v in honour_fields(honour).items()}  # type: ignore[attr-defined]
    return yaml.safe_dump(fields, allow_unicode=True, default_flow_style=True, sort_keys=False,
                          width=1 << 20).strip()


def append_honours(text: str, honours: list[Honour]) -> str:
    """Return the record's text with honours appended to its list, in the file's own style."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()
    doc = parse_yaml(text, "record")
    if not isinstance(doc, YamlFile) or not isinstance(doc.data, dict):  # a Problem: the loader reported it already
        raise EditError("the record does not parse")
    if "honours" not in doc.data:
        return _join(lines + ["honours:"] + _items(lines, None, honours), newline)
    key_row = doc.lines[("honours",)] - 1
    head, _, value = lines[key_row].partition(":")
    value = value.split(" #", 1)[0].strip()
    if value == "[]":
        rest = lines[key_row].partition(":")[2]
        lines[key_row] = head + ":" + rest.replace("[] " if "[] " in rest else "[]", "", 1).rstrip()
        value = ""
    if value.startswith("[") and value.endswith("]"):
        close = lines[key_row].rindex("]")
        items = ", ".join(_flow_item(h) for h in honours)
        lines[key_row] = lines[key_row][:close] + ", " + items + lines[key_row][close:]
        return _join(lines, newline)
    if value:
        raise EditError("its 'honours' is not a list of lines starting with '- '")
    end = _block_end(lines, key_row)
    return _join(lines[:end] + _items(lines, (key_row, end), honours) + lines[end:], newline)


def _block_end(lines: list[str], key_row: int) -> int:
    """Return the index after the last line of the list under the key on key_row."""
    column = len(lines[key_row]) - len(lines[key_row].lstrip())
    last = key_row
    for index in range(key_row + 1, len(lines)):
        stripped = lines[index].strip()
        indent = len(lines[index]) - len(lines[index].lstrip())
        if not stripped or (stripped.startswith("#") and indent <= column):
            continue
        if indent > column or (indent == column and (stripped == "-" or stripped.startswith("- "))):
            last = index
            continue
        break
    return last + 1


def _items(lines: list[str], block: tuple[int, int] | None, honours: list[Honour]) -> list[str]:
    """Write the honours as list items, indented like the list's items (or the file's other lists)."""
    rows = range(block[0] + 1, block[1]) if block else range(len(lines))
    first = next((m for i in rows if (m := _ITEM.match(lines[i]))), None)
    if first is None and block:
        first = next((m for line in lines if (m := _ITEM.match(line))), None)
    dash = first["indent"] + "-" + first["gap"] if first else "  - "
    if first is not None and first["rest"].startswith("{"):
        return [dash + _flow_item(h) for h in honours]
    keys = " " * len(dash)
    return [line for honour in honours for line in _block_item(honour, dash, keys)]


def _join(lines: list[str], newline: str) -> str:
    return newline.join(lines) + newline


def new_record(kind: str, name: str, position: str, unit: str, honours: list[Honour], source: str) -> str:
    """Return the text of a new, published record holding what the decision says."""
    lines = [f"# Created by `vinhdanh import` from {source}: add a photo, a summary and a story.",
             f"name: {scalar(name)}"]
    if kind == "person" and position:
        lines.append(f"position: {scalar(position)}")
    lines += [f"unit: {unit}", "honours:"]
    lines += [line for honour in honours for line in _block_item(honour, "  - ", "    ")]
    lines.append("published: true   # a decision is public")
    return _join(lines, "\n")
