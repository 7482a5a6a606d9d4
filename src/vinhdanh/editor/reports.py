"""Problems as the editor's page lists them: each with the field as the form names it, in Vietnamese."""

from __future__ import annotations

from typing import Any

from ..records import schema as s
from ..records.problems import Problem
from ..records.problems_vi import describe, message_vi
from .paths import EditablePaths, PathRefused
from .records import SCHEMAS


def problem_items(paths: EditablePaths, problems: list[Problem], saved: set[str]) -> list[dict[str, Any]]:
    """Return problems as the page lists them; one in a file the save does not touch names that file."""
    return [_item(paths, problem, saved) for problem in problems]


def refusal_details(paths: EditablePaths, problems: list[Problem], saved: set[str], title: str) -> dict[str, Any]:
    """Return the answer to a refused save: a title, each problem, and a one-line summary."""
    items = problem_items(paths, problems, saved)
    summary = "; ".join((f"{i['label']}: " if i["label"] else "") + i["message"] for i in items)
    return {"title": title, "errors": items, "summary": f"{len(items)} lỗi — {summary}"}


def _item(paths: EditablePaths, problem: Problem, saved: set[str]) -> dict[str, Any]:
    try:
        kind = paths.target(problem.path).kind
    except PathRefused:
        kind = ""
    fields = _fields(kind)
    label = describe(problem, fields).removesuffix(message_vi(problem.message)).removesuffix(": ")
    if not problem.field and problem.line and kind == "stories":
        label = f"Nội dung, dòng {problem.line}"
    if problem.path not in saved:
        label = problem.path + (f" › {label}" if label else "")
    return {"file": problem.path, "line": problem.line, "field": problem.field, "label": label,
            "message": message_vi(problem.message), "warning": problem.warning}


def _fields(kind: str) -> dict[str, s.Field]:
    schema = SCHEMAS.get(kind, {})
    if kind in ("units", "titles", "movements"):
        return {kind: s.Field(s.list_of(s.mapping_of(schema, kind)), label="Mục")}
    return schema
