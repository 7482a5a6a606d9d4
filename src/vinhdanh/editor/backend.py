"""Decap's local backend, answered here: the editor reads and writes files through this alone.

Decap's "proxy" backend sends each action as JSON ({action, params}). Reads come back as the
editor shows them (JSON, with each file's version and a person's unit by name); saves go
through `saving`. Only the editor's folders are reachable (`paths`), whatever a request says.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from ..project import Project
from ..records.filecache import FileCache
from ..records.yamlfile import YamlFile, read_yaml
from ..text import fold, nfc
from .commits import Repository
from .paths import EditablePaths, PathRefused, Target
from .records import SEARCH_KEY, UNIT_KEY, VERSION_KEY, editor_data, editor_text
from .saving import DATA_KINDS, Editor, Refused, Saves
from .thumbnails import PORTRAIT_WIDTH, STORY_WIDTH, Thumbnails
from .uploads import media_file
from .validate import Change, Trial
from .versions import Versions, version_of

LISTED = ("name", "unit", "published")
"""What a person or collective carries in a folder's list: its summary and its picker label."""
LIBRARY_SIZE = 200
"""Photos the media library lists, the latest first. Decap turns each into a blob in the page, about a
millisecond apiece: 3,000 portraits would hold the editor up for seconds each time it opens. A photo
further down is still shown in the form that uses it (Decap asks for it by name)."""
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
        self._listed: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {}
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

    def warm_up(self) -> None:
        """Read what the editor asks for first (every list, the latest photos) and make the copy saves are tried
        on, so that the first list and the first save are as fast as the next ones."""
        try:
            for folder, (kind, _) in self.paths.folders.items():
                self._read("getMedia" if kind == "photo" else "entriesByFolder",
                           {"folder": folder, "mediaFolder": folder})
            with self.lock:
                self.saves.trial.verdict(Change())
        except (OSError, ValueError, PathRefused):
            pass  # a head start only: the requests themselves meet and report the same trouble

    # --- Reads --------------------------------------------------------------------------

    def _read(self, action: str, params: dict[str, Any]) -> Any:
        if action == "entriesByFolder":
            folder, kind = self.paths.folder(params.get("folder"))
            if kind not in DATA_KINDS:
                raise PathRefused("Thư mục này không chứa hồ sơ hay tin bài")
            context = self._context()
            return [self.listed(target, context) for target in self.paths.files_in(folder)]
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
            latest = sorted(self.paths.files_in(folder), key=lambda t: t.file.stat().st_mtime, reverse=True)
            return [self._photo(t) for t in latest[:LIBRARY_SIZE]]
        return self._photo(self.paths.target(params.get("path"), frozenset({"photo"})))

    def _photo(self, target: Target) -> dict[str, Any]:
        """Return a photo as the media library shows it: a small copy (the editor only ever shows it)."""
        width = STORY_WIDTH if target.path.rsplit("/", 2)[-2] == "images" else PORTRAIT_WIDTH
        return media_file(target, self.thumbnails.of(target.file, width))

    def entry(self, target: Target, label: Any = None, remember: bool = False) -> dict[str, Any]:
        """Return one file as Decap reads it to edit it (data None where the file does not exist)."""
        file: dict[str, Any] = {"path": target.path, **({"label": label} if isinstance(label, str) else {})}
        if not target.file.is_file():
            return {"data": None, "file": {**file, "id": None}}
        content = target.file.read_bytes()
        version = self.versions.served(content) if remember else version_of(content)
        data, body = self._editor_data(target)
        data = {**data, VERSION_KEY: version, **self._labels(target.kind, data)}
        return {"data": editor_text(target.kind, data, body), "file": {**file, "id": version}}

    def listed(self, target: Target, context: tuple[Any, ...]) -> dict[str, Any]:
        """Return one file as a folder's list gives it, kept while the file and the units stay unchanged.

        A person or collective in a list carries only what lists, searches and pickers show: Decap
        asks for the whole folder whenever the editor starts, a form opens or a search is made, and
        reads each file again (getEntry) to edit it. At 3,000 people that is 1.3 MB, not 4 MB.
        """
        stat = target.file.stat()
        key = (stat.st_mtime_ns, stat.st_size, context)
        kept = self._listed.get(target.path)
        if kept and kept[0] == key:
            return kept[1]
        data, body = self._editor_data(target)
        if target.kind in ("people", "collectives"):
            data = {name: data[name] for name in LISTED if name in data}
        entry = {"data": editor_text(target.kind, {**data, **self._labels(target.kind, data)}, body),
                 "file": {"path": target.path, "id": f"{stat.st_mtime_ns:x}-{stat.st_size:x}"}}
        self._listed[target.path] = (key, entry)
        return entry

    def _context(self) -> tuple[Any, ...]:
        """Return what a list's entries depend on besides their file: the units' names, the collectives."""
        stamps = []
        for path in (self.project.exemplars / "units.yml", self.project.exemplars / "collectives"):
            stat = path.stat() if path.exists() else None
            stamps.append((stat.st_mtime_ns, stat.st_size) if stat else None)
        return tuple(stamps)

    def _editor_data(self, target: Target) -> tuple[dict[str, Any], str]:
        kind = target.kind
        if kind == "stories":  # shown with its people and collectives apart: not kept, collectives change
            collectives = {p.stem for p in (self.project.exemplars / "collectives").glob("*.y*ml")}
            return editor_data(kind, _text(target.file), collectives)
        return self._read_cache.get(lambda path: editor_data(kind, _text(path), set()), target.file)

    def _labels(self, kind: str, data: dict[str, Any]) -> dict[str, str]:
        """Return a record's unit by name and the search key without marks, for lists, searches and pickers."""
        if kind == "stories":
            return {SEARCH_KEY: fold(str(data.get("title", "")))}
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
