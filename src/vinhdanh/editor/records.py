"""Files as the editor sees them, and the editor's saves written back in the record format.

Between the editor's page and this server, a record travels as JSON (the collections'
format is `json`, a story's front matter `json-frontmatter`): JSON keeps every value's
type, so a phone number "0912 345 678" or "0912345678" stays text, where YAML read by two
different libraries (YAML 1.2 in the browser, 1.1 here) would turn some of them into numbers.

Decap edits mappings; a few things it shows differently from the files: a list file
(units.yml…) is shown under one key, a record's `published` and a story's `draft` are
always shown (their defaults), and a story's exemplars are two lists, people and
collectives. Keys starting with `vinhdanh_` are the editor's own (the version the form
was made from, the unit's name beside a person's) and are never saved. What Decap saves
is written back as the project writes records (see `recordtext`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..project import Project
from ..records import schema as s
from ..records.fields import COLLECTIVE_FIELDS, MOVEMENT_FIELDS, PERSON_FIELDS, STORY_FIELDS, TITLE_FIELDS, UNIT_FIELDS
from ..records.load import LIST_FILES
from ..records.problems import Problem
from ..records.scaffold import free_path, story_stem
from ..records.stories import _FRONT_MATTER
from ..records.yamlfile import parse_yaml, read_yaml
from ..text import VIETNAM, nfc, slugify
from .recordtext import list_file_text, record_text, story_text

EDITOR_PREFIX = "vinhdanh_"
"""Keys the editor adds for itself; none is ever saved."""
HELPER_KEY = "vinhdanh_id"
"""Set by the editor's page on a new record: the file name the project would choose."""
VERSION_KEY = "vinhdanh_version"
"""The version of the file a form was made from: a save made from an older one is refused."""
UNIT_KEY = "vinhdanh_unit"
"""A person's or collective's unit by name, shown beside the name in lists and pickers."""
SEARCH_KEY = "vinhdanh_search"
"""Name and unit without marks, so that a search typed without diacritics finds them."""
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
KIND_NAMES = {"people": "hồ sơ cá nhân", "collectives": "hồ sơ tập thể", "stories": "tin bài",
              "units": "danh sách đơn vị", "titles": "danh sách danh hiệu", "movements": "danh sách phong trào",
              "photo": "ảnh"}
"""How messages and commits name a file of each kind."""


class SaveError(ValueError):
    """What the editor sent cannot be saved; the message says why, in Vietnamese."""


@dataclass
class Sent:
    """A save as the editor sent it: the data, a story's body, and the version its form was made from."""

    data: dict[str, Any]
    body: str = ""
    version: str | None = None


def authors_of(project: Project) -> dict[str, str]:
    """Return the news authors' names by id: the settings', else the blog's file (none when missing or broken)."""
    if not project.news:
        return {}
    if (names := project.settings.author_names()) is not None:
        return names
    path = project.docs / project.news.authors_file
    doc = read_yaml(path, str(path)) if path.exists() else None
    data = doc.data if doc is not None and not isinstance(doc, Problem) else None
    authors = data.get("authors") if isinstance(data, dict) else None
    if not isinstance(authors, dict):
        return {}
    return {str(k): str(v.get("name", k)) if isinstance(v, dict) else str(k) for k, v in authors.items()}


# --- Files → editor -------------------------------------------------------------------


def editor_data(kind: str, text: str, collective_ids: set[str]) -> tuple[dict[str, Any], str]:
    """Return a file as the editor shows it: its data, and a story's body ("" for records)."""
    text = nfc(text)
    if kind == "stories":
        return _story_for_editor(text, collective_ids)
    doc = parse_yaml(text, kind)
    data = None if isinstance(doc, Problem) else doc.data
    if kind in LIST_KEYS:
        items = data.get(LIST_KEYS[kind]) if isinstance(data, dict) else data
        return {LIST_KEYS[kind]: items if isinstance(items, list) else []}, ""
    data = dict(data) if isinstance(data, dict) else {}
    data.setdefault("published", True)
    return data, ""


def _story_for_editor(text: str, collective_ids: set[str]) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    doc = parse_yaml(match[1] or "", "story") if match else None
    if match is None or doc is None or isinstance(doc, Problem) or not isinstance(doc.data, dict):
        return {}, text  # Decap shows what it can; saving goes through the checks
    meta = dict(doc.data)
    meta.setdefault("draft", False)
    ids = meta.get("exemplars")
    if isinstance(ids, list):
        meta["exemplars"] = [i for i in ids if i not in collective_ids]
        meta[COLLECTIVES_KEY] = [i for i in ids if i in collective_ids]
    return meta, text[match.end():]


def editor_text(kind: str, data: dict[str, Any], body: str = "") -> str:
    """Return what the editor reads: JSON, or for a story JSON front matter and its Markdown."""
    as_json = json.dumps(data, ensure_ascii=False, default=str)
    return f"---\n{as_json}\n---\n{body}" if kind == "stories" else as_json


def to_editor(kind: str, text: str, collective_ids: set[str]) -> str:
    """Return a file's text as the editor reads it."""
    return editor_text(kind, *editor_data(kind, text, collective_ids))


# --- Editor → files -------------------------------------------------------------------


def read_sent(kind: str, raw: str) -> Sent:
    """Return what the editor sent for a file of kind, or raise SaveError."""
    body = ""
    if kind == "stories":
        match = _FRONT_MATTER.match(raw)
        if not match:
            raise SaveError("Tin bài gửi lên thiếu phần thông tin đầu bài; hãy tải lại trang và thử lại")
        raw, body = (match[1] or "").strip(), nfc(raw[match.end():]).lstrip("\n")
        raw = raw if raw.startswith("{") else "{" + raw + "}"
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        raise SaveError("Nội dung gửi lên không đọc được; hãy tải lại trang và thử lại")
    version = data.get(VERSION_KEY)
    data = {k: _nfc(v) for k, v in data.items() if not k.startswith(EDITOR_PREFIX)}
    return Sent(data, body, version if isinstance(version, str) else None)


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {nfc(str(k)): _nfc(v) for k, v in value.items() if not str(k).startswith(EDITOR_PREFIX)}
    return value


def file_text(kind: str, sent: Sent, current: str | None) -> str:
    """Return the file to write for a save (current: the file's text now, if any)."""
    if kind == "stories":
        meta = dict(sent.data)
        collectives = meta.pop(COLLECTIVES_KEY, None) or []
        if collectives:
            people = meta.get("exemplars") or []
            meta["exemplars"] = list(people) + [c for c in collectives if c not in people]
        return story_text(meta, sent.body, STORY_FIELDS, STORY_ORDER)
    if kind in LIST_KEYS:
        return list_file_text(sent.data.get(LIST_KEYS[kind]) or [], SCHEMAS[kind], LIST_KEYS[kind], current)
    return record_text(sent.data, SCHEMAS[kind], RECORD_ORDER)


def from_editor(kind: str, raw: str, current: str | None) -> str:
    """Return the file to write for what the editor sent."""
    return file_text(kind, read_sent(kind, raw), current)


def title_of(kind: str, data: dict[str, Any], path: str) -> str:
    """Return how a message names a record: its name or title, else its file name."""
    title = data.get("title" if kind == "stories" else "name")
    return str(title).strip() if title and kind not in LIST_KEYS else Path(path).name


# --- New files ------------------------------------------------------------------------

_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})")


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

