"""Decap's local backend, between the editor and decap-server: files translated, saves checked first.

Every request of Decap's proxy backend passes here. Reads go to decap-server and come back
as the editor should see them (records.to_editor). Saves and deletions are first written
in the record format (records.from_editor) and tried (validate.verdict): one that brings an
error is refused, with each problem in Vietnamese and its field's label, and nothing is
written; one that passes goes on to decap-server, which writes and commits it.
"""

from __future__ import annotations

import base64
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import schema as s
from ..photos import photo_problem
from ..problems import Problem
from ..problems_vi import describe, message_vi
from ..project import Project
from .records import SCHEMAS, SaveError, from_editor, kind_of, to_editor
from .validate import Change, verdict

Forward = Callable[[dict[str, Any]], tuple[int, Any]]
"""Sends a request to decap-server; returns its status and JSON answer."""
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".heic", ".bmp"}


def handle(project: Project, request: dict[str, Any], forward: Forward) -> tuple[int, Any]:
    """Answer one request of Decap's proxy backend."""
    action = str(request.get("action"))
    params = request.get("params") or {}
    warnings: list[dict[str, Any]] = []
    try:
        if action in ("persistEntry", "persistMedia", "deleteFile", "deleteFiles"):
            refusal, warnings = _tried(project, action, params)
            if refusal:
                return 422, refusal
    except SaveError as err:
        return 422, {"error": str(err), "vinhdanh": {"title": "Chưa lưu", "errors": [{"message": str(err)}]}}
    status, answer = forward(request)
    if status == 200 and action in ("entriesByFolder", "entriesByFiles", "getEntry"):
        answer = _for_editor(project, answer)
    if status == 200 and warnings and isinstance(answer, dict):
        answer = {**answer, "vinhdanh": {"title": "Đã lưu; lưu ý:", "warnings": warnings}}
    return status, answer


def _for_editor(project: Project, answer: Any) -> Any:
    collectives = {p.stem for p in (project.exemplars / "collectives").glob("*.y*ml")}
    entries = answer if isinstance(answer, list) else [answer]
    for entry in entries:
        path = (entry.get("file") or {}).get("path") if isinstance(entry, dict) else None
        kind = kind_of(project, path) if path else None
        if kind and isinstance(entry.get("data"), str):
            entry["data"] = to_editor(kind, entry["data"], collectives)
    return answer


def _tried(project: Project, action: str, params: dict[str, Any]) -> tuple[dict[str, Any] | None, list[Any]]:
    """Rewrite a save in the record format and try it; return the refusal (None to let it through) and warnings."""
    change = Change()
    kinds: dict[str, str] = {}
    if action == "persistEntry":
        for data_file in params.get("dataFiles") or [params.get("entry") or {}]:
            path = data_file.get("newPath") or data_file.get("path", "")
            kind = kind_of(project, path)
            if kind:
                current = project.root / path
                data_file["raw"] = from_editor(kind, data_file.get("raw", ""),
                                               current.read_text(encoding="utf-8") if current.is_file() else None)
                kinds[path] = kind
            change.writes[path] = data_file.get("raw", "").encode("utf-8")
    for asset in params.get("assets") or ([params["asset"]] if params.get("asset") else []):
        change.writes[asset["path"]] = base64.b64decode(asset.get("content", ""))
    change.deletes = list(params.get("paths") or ([params["path"]] if action == "deleteFile" else []))
    problems = _photo_problems(change)
    found = verdict(project, change) if not problems else None
    problems = problems or (found.errors if found else [])
    warnings = [_item(project, p, kinds) for p in (found.warnings if found else [])]
    if not problems:
        return None, warnings
    items = [_item(project, p, kinds) for p in problems]
    title = "Chưa xoá được" if action.startswith("delete") else "Chưa lưu: hãy sửa rồi lưu lại"
    summary = "; ".join((f"{i['label']}: " if i["label"] else "") + i["message"] for i in items)
    return {"error": f"{len(items)} lỗi — {summary}", "vinhdanh": {"title": title, "errors": items}}, []


def _photo_problems(change: Change) -> list[Problem]:
    """Check every uploaded image as the build will (damaged, too large, not a photo format)."""
    problems = []
    for path, data in change.writes.items():
        if Path(path).suffix.lower() not in IMAGE_SUFFIXES:
            continue
        with tempfile.NamedTemporaryFile(suffix=Path(path).suffix) as file:
            file.write(data)
            file.flush()
            problem = photo_problem(Path(file.name))
        if problem:
            problems.append(Problem(path, 0, "", problem))
    return problems


def _item(project: Project, problem: Problem, kinds: dict[str, str]) -> dict[str, Any]:
    """Return a problem as the editor's page lists it."""
    kind = kinds.get(problem.path) or kind_of(project, problem.path) or ""
    fields = _fields(kind)
    label = describe(problem, fields).removesuffix(message_vi(problem.message)).removesuffix(": ")
    if not problem.field and problem.line and kind == "stories":
        label = f"Nội dung, dòng {problem.line}"
    if problem.path not in kinds:
        label = f"{problem.path}" + (f" › {label}" if label else "")
    return {"file": problem.path, "line": problem.line, "field": problem.field, "label": label,
            "message": message_vi(problem.message), "warning": problem.warning}


def _fields(kind: str) -> dict[str, s.Field]:
    schema = SCHEMAS.get(kind, {})
    if kind in ("units", "titles", "movements"):
        return {kind: s.Field(s.list_of(s.mapping_of(schema, kind)), label="Mục")}
    return schema


def json_body(data: Any) -> bytes:
    """Return data as the UTF-8 JSON Decap reads."""
    return json.dumps(data, ensure_ascii=False).encode("utf-8")
