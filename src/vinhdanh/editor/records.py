"""Files as the editor sees them, and the editor's saves written back in the record format.

Decap edits mappings; a few things it shows differently from the files: a list file
(units.yml…) is shown under one key, a record's `published` and a story's `draft` are
always shown (their defaults), and a story's exemplars are two lists, people and
collectives. What Decap saves is written back as the project writes records: keys in the
documented order, empty values left out, dates and years unquoted, defaults omitted, and a
list file in the form it already had.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from .. import schema as s
from ..load import COLLECTIVE_FIELDS, LIST_FILES, MOVEMENT_FIELDS, PERSON_FIELDS, TITLE_FIELDS, UNIT_FIELDS
from ..problems import Problem
from ..project import Project
from ..scaffold import free_path, story_stem
from ..stories import _FRONT_MATTER, STORY_FIELDS, VIETNAM, post_date
from ..text import nfc, slugify
from ..yamlfile import YamlFile, parse_yaml, read_yaml

HELPER_KEY = "vinhdanh_id"
"""Set by the editor's page on a new record: the file name the project would choose. Never saved."""
COLLECTIVES_KEY = "exemplars_collectives"
"""A story's collectives, a list of their own in the editor; saved inside `exemplars`."""
LIST_KEYS = {key: key for key in LIST_FILES.values()}
"""Collections of the list files, and the key the editor shows each list under."""
RECORD_ORDER = ["name", "family_name", "given_name", "position", "unit", "members", "photo", "photo_credit",
                "summary", "honours", "initiatives", "story", "published", "private"]
STORY_ORDER = ["title", "date", "authors", "categories", "description", "cover", "exemplars", "movement", "draft",
               "slug", "pin", "readtime", "links", "hide", "template", "search", "tags"]
NOT_EDITED = {"slug", "pin", "readtime", "links", "hide", "template", "search", "tags"}
"""Story keys for MkDocs and Material, not offered to the press team (kept as they are)."""
SCHEMAS: dict[str, dict[str, s.Field]] = {
    "people": PERSON_FIELDS, "collectives": COLLECTIVE_FIELDS, "units": UNIT_FIELDS, "titles": TITLE_FIELDS,
    "movements": MOVEMENT_FIELDS, "stories": STORY_FIELDS,
}


class SaveError(ValueError):
    """What the editor sent cannot be read as a record; the message says why, in Vietnamese."""


def kind_of(project: Project, path: str) -> str | None:
    """Return which collection a file (relative to the site's folder) belongs to, or None."""
    target = (project.root / path).resolve()
    exemplars = project.exemplars.resolve()
    if target.parent == exemplars and target.name in LIST_FILES:
        return LIST_FILES[target.name]
    if target.parent.parent == exemplars and target.parent.name in ("people", "collectives") \
            and target.suffix in (".yml", ".yaml"):
        return target.parent.name
    news = project.news
    if news and target.suffix == ".md" and target.is_relative_to((project.docs / news.posts_dir).resolve()):
        return "stories"
    return None


def authors_of(project: Project) -> dict[str, str]:
    """Return the news authors' names by id (none when the file is missing or broken)."""
    if not project.news:
        return {}
    path = project.docs / project.news.authors_file
    doc = read_yaml(path, str(path)) if path.exists() else None
    data = doc.data if doc is not None and not isinstance(doc, Problem) else None
    authors = data.get("authors") if isinstance(data, dict) else None
    if not isinstance(authors, dict):
        return {}
    return {str(k): str(v.get("name", k)) if isinstance(v, dict) else str(k) for k, v in authors.items()}


# --- Files → editor -------------------------------------------------------------------


def to_editor(kind: str, text: str, collective_ids: set[str]) -> str:
    """Return a file's text as the editor should see it."""
    text = nfc(text)
    if kind == "stories":
        return _story_to_editor(text, collective_ids)
    doc = parse_yaml(text, kind)
    data = None if isinstance(doc, Problem) else doc.data
    if kind in LIST_KEYS and isinstance(data, list):
        return _dump({LIST_KEYS[kind]: data})
    if kind in ("people", "collectives") and isinstance(data, dict) and "published" not in data:
        return _dump({**data, "published": True})
    return text


def _story_to_editor(text: str, collective_ids: set[str]) -> str:
    match = _FRONT_MATTER.match(text)
    doc = parse_yaml(match[1] or "", "story") if match else None
    if doc is None or isinstance(doc, Problem) or not isinstance(doc.data, dict):
        return text  # Decap shows what it can; saving goes through the checks
    meta = dict(doc.data)
    meta.setdefault("draft", False)
    ids = meta.get("exemplars")
    if isinstance(ids, list):
        meta["exemplars"] = [i for i in ids if i not in collective_ids]
        meta[COLLECTIVES_KEY] = [i for i in ids if i in collective_ids]
    return f"---\n{_dump(meta)}---\n{text[match.end():]}"  # type: ignore[union-attr]


# --- Editor → files -------------------------------------------------------------------


def from_editor(kind: str, text: str, current: str | None) -> str:
    """Return the file to write for what the editor saved (current: the file's text now, if any)."""
    if kind == "stories":
        return _story_from_editor(text)
    data = _parse(text)
    if kind in LIST_KEYS:
        return _list_from_editor(kind, data, current)
    data = _typed(_cleaned(data), SCHEMAS[kind])
    if data.get("published") is True:
        del data["published"]  # the default
    return _dump(_ordered(data, RECORD_ORDER))


def _parse(text: str) -> dict[str, Any]:
    doc = parse_yaml(nfc(text), "editor")
    if isinstance(doc, Problem) or not isinstance(doc.data, dict):
        raise SaveError("Nội dung gửi lên không đọc được; hãy tải lại trang và thử lại")
    return doc.data


def _list_from_editor(kind: str, data: dict[str, Any], current: str | None) -> str:
    items = [_typed(item, SCHEMAS[kind]) for item in _cleaned(data).get(LIST_KEYS[kind], [])]
    _fill_ids(items)
    items = [_ordered(item, list(SCHEMAS[kind])) for item in items]
    comments = _leading_comments(current or "")
    current_doc = parse_yaml(current, kind) if current else None
    keeps_key = isinstance(current_doc, YamlFile) and isinstance(current_doc.data, dict)
    return comments + _dump({LIST_KEYS[kind]: items} if keeps_key else items)


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


def _story_from_editor(text: str) -> str:
    match = _FRONT_MATTER.match(nfc(text))
    if not match:
        raise SaveError("Tin bài gửi lên thiếu phần thông tin đầu bài; hãy tải lại trang và thử lại")
    meta = _typed(_cleaned(_parse(match[1] or "")), STORY_FIELDS)
    collectives = meta.pop(COLLECTIVES_KEY, [])
    if collectives:
        meta["exemplars"] = list(meta.get("exemplars", [])) + [c for c in collectives
                                                                if c not in meta.get("exemplars", [])]
    if meta.get("draft") is False:
        del meta["draft"]  # no key: published on its date (`draft: false` would publish a future story now)
    body = nfc(text[match.end():]).lstrip("\n")
    return f"---\n{_dump(_ordered(meta, STORY_ORDER))}---\n\n{body}"


def _cleaned(value: Any) -> Any:
    """Return value without the editor's helper key and without empty values (an empty field is no field)."""
    if isinstance(value, dict):
        out = {k: _cleaned(v) for k, v in value.items() if k != HELPER_KEY}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [v for v in (_cleaned(item) for item in value) if v not in (None, "", [], {})]
    if isinstance(value, str):
        return value.strip() if "\n" not in value.strip() else value.strip() + "\n"
    return value


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?")


def _typed(data: Any, fields: dict[str, s.Field]) -> Any:
    """Return data with dates and years as the values they are, so that they are written unquoted."""
    if not isinstance(data, dict):
        return data
    return {name: _typed_value(value, fields[name].check) if name in fields else value
            for name, value in data.items()}


def _typed_value(value: Any, check: s.Check) -> Any:
    if isinstance(check, s.ListOf) and isinstance(value, list):
        return [_typed_value(item, check.item) for item in value]
    if isinstance(check, s.MappingOf):
        return _typed(value, check.fields)
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


def _ordered(data: dict[str, Any], order: list[str]) -> dict[str, Any]:
    known = [k for k in order if k in data]
    return {k: data[k] for k in known + [k for k in data if k not in order]}


class _Dumper(yaml.SafeDumper):
    """Writes text with line breaks as `|` blocks, as people write Markdown in records."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def new_record_stem(folder: Path, name: str) -> str:
    """Return the id (file name) of a new person or collective called name, as `vinhdanh new` chooses it."""
    if not slugify(name):
        raise SaveError("Tên cần ít nhất một chữ cái hoặc chữ số")
    return free_path(folder, slugify(nfc(name)), ".yml").stem


def new_story_stem(folder: Path, title: str, date: str) -> str:
    """Return the file name of a new story, as `vinhdanh new story` chooses it."""
    when = _DATETIME.match(date or "")
    if not slugify(title):
        raise SaveError("Tiêu đề cần ít nhất một chữ cái hoặc chữ số")
    moment = dt.datetime.fromisoformat(f"{when[1]} 00:00") if when else dt.datetime.now(VIETNAM)
    return free_path(folder, story_stem(nfc(title), moment), ".md").stem
