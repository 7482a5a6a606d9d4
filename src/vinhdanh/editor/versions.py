"""Two officers on one record: the later save is refused, never written over the earlier one.

Every file the editor reads is sent with its version (a hash of its bytes) inside the data,
so a form carries the version it was made from. A save whose version is no longer the
file's is refused, naming who saved in between, when, and which fields changed. The one
exception is the same browser tab saving again after its own save: Decap keeps the form's
first version, so the tab's successive saves are followed as a chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..records.problems import Problem
from ..records.stories import _FRONT_MATTER
from ..records.yamlfile import parse_yaml
from ..text import VIETNAM
from .records import KIND_NAMES, LIST_KEYS, SCHEMAS

KEPT = 2_000
"""How many versions of opened files are remembered, to name the fields that changed."""


def version_of(content: bytes | None) -> str | None:
    """Return the version of a file's bytes (None for a file that does not exist)."""
    return None if content is None else hashlib.sha256(content).hexdigest()[:24]


@dataclass
class Save:
    """Who saved a file through the editor, and when."""

    officer: str
    at: dt.datetime


class Versions:
    """What the editor has served and saved, kept while `vinhdanh edit` runs."""

    def __init__(self) -> None:
        self._texts: OrderedDict[str, bytes] = OrderedDict()
        self._chains: dict[tuple[str, str], dict[str | None, str | None]] = {}
        self._saves: dict[str, Save] = {}

    def served(self, content: bytes) -> str:
        """Remember a file's content as served to a form; return its version."""
        version = version_of(content)
        assert version is not None
        self._texts[version] = content
        self._texts.move_to_end(version)
        while len(self._texts) > KEPT:
            self._texts.popitem(last=False)
        return version

    def is_current(self, tab: str, path: str, base: str | None, now: str | None) -> bool:
        """Return whether a save made from base may replace the file at version now."""
        chain = self._chains.get((tab, path), {})
        seen = set()
        while base != now and base in chain and base not in seen:  # this tab's own saves since
            seen.add(base)
            base = chain[base]
        return base == now

    def saved(self, tab: str, path: str, base: str | None, new: str | None, officer: str) -> None:
        """Record that tab's save turned the file from base into new."""
        self._chains.setdefault((tab, path), {})[base] = new
        self._saves[path] = Save(officer, dt.datetime.now(VIETNAM))

    def refusal(self, kind: str, path: str, title: str, base: str | None, file: Path, root: Path) -> str:
        """Return the Vietnamese message that refuses a save made from base."""
        what = f"{KIND_NAMES.get(kind, 'tệp')} “{title}”"
        if base is None:
            return (f"Đã có {what} với tên tệp {Path(path).name}, vừa được tạo ở nơi khác. "
                    "Bấm Lưu lần nữa để lưu thành mục mới với tên tệp khác.")
        keep = ("Bản của bạn chưa được ghi, để không mất thay đổi của ai: hãy chép lại phần bạn vừa sửa, "
                "tải lại trang (F5) rồi sửa tiếp trên bản mới.")
        if not file.is_file():
            return f"{what[0].upper()}{what[1:]} vừa bị xoá sau khi bạn mở nó. {keep}"
        before = self._texts.get(base)
        changed = changed_fields(kind, before, file.read_bytes()) if before is not None else []
        fields = f" (đã đổi: {', '.join(changed)})" if changed else ""
        who = self._who(path, file, root)
        return f"{what[0].upper()}{what[1:]} vừa được {who} sau khi bạn mở nó{fields}. {keep}"

    def _who(self, path: str, file: Path, root: Path) -> str:
        at = dt.datetime.fromtimestamp(file.stat().st_mtime, VIETNAM)
        save = self._saves.get(path)
        if save and save.at >= at - dt.timedelta(seconds=2):  # the file is still as that save left it
            return f"{save.officer} lưu lúc {save.at:%H:%M ngày %d/%m/%Y}"
        author = _last_author(root, path)
        return f"sửa{' bởi ' + author if author else ''} lúc {at:%H:%M ngày %d/%m/%Y}"


def _last_author(root: Path, path: str) -> str:
    """Return who last committed path, where the file is as committed; "" otherwise."""
    if not (root / ".git").exists():
        return ""
    changed = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--", path],
                             capture_output=True, text=True, check=False).stdout.strip()
    if changed:
        return ""
    return subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%an", "--", path],
                          capture_output=True, text=True, check=False).stdout.strip()


def changed_fields(kind: str, before: bytes, after: bytes) -> list[str]:
    """Return the labels of what differs between two versions of a file, as the form names them."""
    old, new = _fields(kind, before), _fields(kind, after)
    if kind in LIST_KEYS:
        return [f"“{name}”" for name in _changed_items(old, new)]
    labels = {**{name: field.label for name, field in SCHEMAS.get(kind, {}).items()}, "body": "Nội dung"}
    return [labels.get(key) or key for key in dict.fromkeys([*old, *new]) if old.get(key) != new.get(key)]


def _fields(kind: str, content: bytes) -> dict[str, Any]:
    text = content.decode("utf-8", "replace")
    body = ""
    if kind == "stories" and (match := _FRONT_MATTER.match(text)):
        text, body = match[1] or "", text[match.end():]
    doc = parse_yaml(text, kind)
    data = None if isinstance(doc, Problem) else doc.data
    if kind in LIST_KEYS:
        items = data.get(LIST_KEYS[kind]) if isinstance(data, dict) else data
        return {str(i.get("id") or i.get("name")): i for i in items or [] if isinstance(i, dict)}
    fields = dict(data) if isinstance(data, dict) else {}
    return fields | ({"body": body.strip()} if kind == "stories" else {})


def _changed_items(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    keys = [k for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)]
    return [str((new.get(k) or old.get(k) or {}).get("name") or k) for k in keys]
