"""The editor's saves: checked, written whole or not at all, and committed with who made them.

A save names its files; each path is checked first (`paths`). A form made from a version
of a file that has changed since is refused (`versions`); so is a photo that is not JPEG,
PNG or WebP, and a save that brings an error to the catalogue (`validate`). A photo whose
name another photo already has is written under a new name, and the saved record points
at it. Only then are the files written, each to a temporary file renamed into place, and
committed: those files alone, with the officer as author and the record's title in the
message.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..project import Project
from .commits import Repository
from .paths import EditablePaths, Target
from .records import KIND_NAMES, LIST_KEYS, SaveError, editor_data, file_text, read_sent, title_of
from .reports import problem_items, refusal_details
from .uploads import decoded, free_target, media_file, photo_refusal, renamed_in
from .validate import Change, Trial
from .versions import Versions, version_of

DATA_KINDS = frozenset({"people", "collectives", "stories", *LIST_KEYS})
PHOTO = frozenset({"photo"})


@dataclass(frozen=True)
class Editor:
    """Who sends a request: the name the officer gave, and the browser tab."""

    officer: str
    tab: str


class Refused(Exception):
    """A request answered with an error: its status and the Vietnamese answer."""

    def __init__(self, status: int, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.answer = {"error": message, "vinhdanh": details or {"title": "Chưa lưu", "errors": [
            {"file": "", "line": 0, "field": "", "label": "", "message": message, "warning": False}]}}


@dataclass
class _File:
    """One data file of a save: where, what the editor sent, and the file as it is now."""

    target: Target
    text: str
    title: str
    current: bytes | None


class Saves:
    """Carries out persistEntry, persistMedia, deleteFile and deleteFiles; one at a time (the caller locks)."""

    def __init__(self, project: Project, paths: EditablePaths, versions: Versions, trial: Trial,
                 repository: Repository | None) -> None:
        self.project, self.paths, self.versions, self.trial, self.repository = (
            project, paths, versions, trial, repository)

    def handle(self, action: str, params: dict[str, Any], editor: Editor) -> Any:
        """Carry out one saving action; raise Refused (nothing written) when it cannot be done."""
        try:
            if action == "persistEntry":
                return self._persist_entry(params, editor)
            if action == "persistMedia":
                return self._persist_media(params, editor)
            paths = params.get("paths") if action == "deleteFiles" else [params.get("path")]
            return self._delete(paths if isinstance(paths, list) else [], editor)
        except SaveError as err:
            raise Refused(422, str(err)) from None

    def _persist_entry(self, params: dict[str, Any], editor: Editor) -> Any:
        new = bool((params.get("options") or {}).get("newEntry"))
        sent = params.get("dataFiles") or [params.get("entry")]
        files = [self._data_file(item, new, editor) for item in (sent if isinstance(sent, list) else [])]
        if not files:
            raise Refused(422, "Không có gì để lưu")
        writes, renamed = self._photos(params.get("assets") or [])
        for file in files:
            for old, fresh in renamed.items():
                file.text = renamed_in(file.text, old, fresh)
            writes[file.target.path] = file.text.encode("utf-8")
        warnings = self._checked(Change(writes=writes), "Chưa lưu: hãy sửa rồi lưu lại")
        self._write(writes, [])
        for file in files:
            self.versions.saved(editor.tab, file.target.path, version_of(file.current),
                                version_of(writes[file.target.path]), editor.officer)
        first = files[0]
        verb = "Thêm" if first.current is None else "Sửa"
        commit = self._commit(list(writes), f"{verb} {KIND_NAMES[first.target.kind]} “{first.title}”", editor)
        notes = [f"Ảnh “{old}” trùng tên với một ảnh đã có; ảnh của bạn được lưu với tên “{fresh}”"
                 for old, fresh in renamed.items()] + ([commit] if commit else [])
        return {"message": "Đã lưu", "vinhdanh": {
            "title": "Đã lưu; lưu ý:", "warnings": warnings + [_note(n) for n in notes], "reload": bool(renamed)}}

    def _data_file(self, item: Any, new: bool, editor: Editor) -> _File:
        if not isinstance(item, dict) or not isinstance(item.get("raw"), str):
            raise Refused(422, "Nội dung gửi lên không đọc được; hãy tải lại trang và thử lại")
        if item.get("newPath") not in (None, item.get("path")):
            raise Refused(422, "Trình biên tập không đổi tên tệp của một mục đã có")
        target = self.paths.target(item.get("path"), DATA_KINDS)
        current = target.file.read_bytes() if target.file.is_file() else None
        sent = read_sent(target.kind, item["raw"])
        title = title_of(target.kind, sent.data, target.path)
        base = None if new else sent.version
        if not self.versions.is_current(editor.tab, target.path, base, version_of(current)):
            message = self.versions.refusal(target.kind, target.path, title, base, target.file, self.project.root)
            raise Refused(409, message, {"title": "Chưa lưu: mục này vừa được sửa ở nơi khác",
                                         "errors": [_note(message, False)]})
        text = file_text(target.kind, sent, current.decode("utf-8", "replace") if current is not None else None)
        return _File(target, text, title, current)

    def _photos(self, assets: list[Any]) -> tuple[dict[str, bytes], dict[str, str]]:
        """Return the photos of a save by path (renamed where the name is taken), and the renames."""
        writes: dict[str, bytes] = {}
        renamed: dict[str, str] = {}
        refusals = []
        for asset in assets if isinstance(assets, list) else []:
            target = self.paths.target(asset.get("path") if isinstance(asset, dict) else None, PHOTO)
            data = decoded(asset)
            if refusal := photo_refusal(target, data):
                refusals.append(refusal)
                continue
            free = free_target(target, data)
            if free.path != target.path:
                renamed[target.file.name] = free.file.name
            writes[free.path] = data
        if refusals:
            raise Refused(422, "; ".join(refusals), {"title": "Chưa lưu ảnh", "errors": [_note(r, False)
                                                                                      for r in refusals]})
        return writes, renamed

    def _persist_media(self, params: dict[str, Any], editor: Editor) -> Any:
        asset = params.get("asset")
        writes, renamed = self._photos([asset])
        [path] = writes
        self._write(writes, [])
        self._commit([path], f"Tải lên ảnh “{Path(path).name}”", editor)
        return media_file(self.paths.target(path, PHOTO))

    def _delete(self, paths: list[Any], editor: Editor) -> Any:
        targets = [self.paths.target(path, DATA_KINDS | PHOTO) for path in paths]
        if not targets:
            raise Refused(422, "Không có gì để xoá")
        self._checked(Change(deletes=[t.path for t in targets]), "Chưa xoá được")
        first = targets[0]
        title = first.file.name
        if first.kind != "photo" and first.file.is_file():
            title = title_of(first.kind, editor_data(first.kind, first.file.read_text("utf-8", "replace"), set())[0],
                             first.path)
        self._write({}, [t.path for t in targets])
        self._commit([t.path for t in targets], f"Xoá {KIND_NAMES[first.kind]} “{title}”", editor)
        return {"message": "Đã xoá"}

    def _checked(self, change: Change, title: str) -> list[dict[str, Any]]:
        """Try change on the catalogue; raise Refused with every error it brings; return its warnings."""
        verdict = self.trial.verdict(change)
        if verdict.errors:
            details = refusal_details(self.paths, verdict.errors, change.touched(), title)
            raise Refused(422, details["summary"], details)
        return problem_items(self.paths, verdict.warnings, change.touched())

    def _write(self, writes: dict[str, bytes], deletes: list[str]) -> None:
        for path, data in writes.items():
            write_atomically(self.paths.target(path).file, data)
        for path in deletes:
            self.paths.target(path).file.unlink(missing_ok=True)

    def _commit(self, paths: list[str], subject: str, editor: Editor) -> str | None:
        """Commit the files of a save; return a note for the officer if git refused."""
        if not self.repository:
            return None
        failure = self.repository.commit(paths, f"{subject} ({editor.officer}, trình biên tập)", editor.officer)
        if failure:
            print(f"vinhdanh edit: the save was written but not committed: {failure}", flush=True)
            return "Đã ghi tệp nhưng chưa ghi được vào lịch sử git; hãy báo người quản trị"
        return None


def write_atomically(file: Path, data: bytes) -> None:
    """Write file whole or not at all: a temporary file beside it, flushed to disk, renamed over it."""
    file.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, file.stat().st_mode & 0o777 if file.exists() else 0o644)
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _note(message: str, warning: bool = True) -> dict[str, Any]:
    return {"file": "", "line": 0, "field": "", "label": "", "message": message, "warning": warning}
