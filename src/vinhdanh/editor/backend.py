"""Decap's local backend, answered here: the editor reads and writes files through this alone.

Decap's "proxy" backend sends each action as JSON ({action, params}). Reads come back as the
editor shows them (JSON, with each file's version and a person's unit by name); saves go
through `saving`. Only the editor's folders are reachable (`paths`), whatever a request says.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from ..filecache import FileCache
from ..project import Project
from ..text import fold, nfc
from ..yamlfile import YamlFile, read_yaml
from .commits import Repository
from .paths import EditablePaths, PathRefused, Target
from .records import LIST_KEYS, SEARCH_KEY, UNIT_KEY, VERSION_KEY, editor_data, editor_text
from .saving import Editor, Refused, Saves
from .thumbnails import PORTRAIT_WIDTH, STORY_WIDTH, Thumbnails
from .uploads import media_file
from .validate import Trial
from .versions import Versions, version_of

DATA_KINDS = frozenset({"people", "collectives", "stories", *LIST_KEYS})
READS = {"entriesByFolder", "entriesByFiles", "getEntry", "getMedia", "getMediaFile"}
WRITES = {"persistEntry", "persistMedia", "deleteFile", "deleteFiles"}


class Backend:
    """The files of one project as the editor reads and saves them."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.paths = EditablePaths(project)
        self.repository = Repository.of(project.root)
        self.versions = Versions()
        self.saves = Saves(project, self.paths, self.versions, Trial(project), self.repository)
        self.lock = threading.Lock()
        """One save at a time: its check, its writes and its commit."""
        self._read_cache = FileCache()
        self.thumbnails = Thumbnails(project.cache / "editor-thumbnails")

    def handle(self, request: dict[str, Any], editor: Editor) -> tuple[int, Any]:
        """Answer one request of Decap's proxy backend."""
        action, params = request.get("action"), request.get("params")
        params = params if isinstance(params, dict) else {}
        try:
            if action == "info":
                return 200, {"repo": self.project.root.name, "publish_modes": ["simple"],
                             "type": "local_git" if self.repository else "local_fs"}
            if action == "getDeployPreview":
                return 200, None
            if action in READS:
                return 200, self._read(str(action), params)
            if action in WRITES:
                with self.lock:
                    return 200, self.saves.handle(str(action), params, editor)
            raise Refused(422, "Trình biên tập không làm thao tác này")
        except PathRefused as refused:
            return 403, Refused(403, str(refused)).answer
        except Refused as refused:
            return refused.status, refused.answer

    # --- Reads --------------------------------------------------------------------------

    def _read(self, action: str, params: dict[str, Any]) -> Any:
        if action == "entriesByFolder":
            folder, kind = self.paths.folder(params.get("folder"))
            if kind not in DATA_KINDS:
                raise PathRefused("Thư mục này không chứa hồ sơ hay tin bài")
            return [self.entry(target) for target in self.paths.files_in(folder)]
        if action == "entriesByFiles":
            files = params.get("files")
            return [self.entry(self.paths.target(f.get("path") if isinstance(f, dict) else None, DATA_KINDS),
                               f.get("label")) for f in (files if isinstance(files, list) else [])]
        if action == "getEntry":
            return self.entry(self.paths.target(params.get("path"), DATA_KINDS), remember=True)
        if action == "getMedia":
            folder, kind = self.paths.folder(params.get("mediaFolder"))
            if kind != "photo":
                raise PathRefused("Thư mục này không chứa ảnh")
            width = STORY_WIDTH if folder.endswith("/images") else PORTRAIT_WIDTH
            return [media_file(t, self.thumbnails.of(t.file, width)) for t in self.paths.files_in(folder)]
        return media_file(self.paths.target(params.get("path"), frozenset({"photo"})))

    def entry(self, target: Target, label: Any = None, remember: bool = False) -> dict[str, Any]:
        """Return one file as Decap reads it (data None where the file does not exist)."""
        file: dict[str, Any] = {"path": target.path, **({"label": label} if isinstance(label, str) else {})}
        if not target.file.is_file():
            return {"data": None, "file": {**file, "id": None}}
        content = target.file.read_bytes()
        version = self.versions.served(content) if remember else version_of(content)
        data, body = self._editor_data(target)
        data = {**data, VERSION_KEY: version, **self._labels(target.kind, data)}
        return {"data": editor_text(target.kind, data, body), "file": {**file, "id": version}}

    def _editor_data(self, target: Target) -> tuple[dict[str, Any], str]:
        kind = target.kind
        if kind == "stories":  # shown with its people and collectives apart: not kept, collectives change
            collectives = {p.stem for p in (self.project.exemplars / "collectives").glob("*.y*ml")}
            return editor_data(kind, _text(target.file), collectives)
        return self._read_cache.get(lambda path: editor_data(kind, _text(path), set()), target.file)

    def _labels(self, kind: str, data: dict[str, Any]) -> dict[str, str]:
        """Return a record's unit by name and its search key without marks, for lists and pickers."""
        if kind not in ("people", "collectives"):
            return {}
        unit = self.unit_names().get(str(data.get("unit", "")), str(data.get("unit", "")))
        return {UNIT_KEY: unit, SEARCH_KEY: fold(f"{data.get('name', '')} {unit}")}

    def unit_names(self) -> dict[str, str]:
        """Return each unit's short name (or name) by id, as units.yml says now."""
        path = self.project.exemplars / "units.yml"
        return self._read_cache.get(_unit_names, path) if path.is_file() else {}


def _unit_names(path: Any) -> dict[str, str]:
    doc = read_yaml(path, str(path))
    data = doc.data if isinstance(doc, YamlFile) else None
    items = data.get("units") if isinstance(data, dict) else data
    return {str(u["id"]): nfc(str(u.get("short") or u.get("name") or u["id"]))
            for u in items or [] if isinstance(u, dict) and u.get("id")}


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")
