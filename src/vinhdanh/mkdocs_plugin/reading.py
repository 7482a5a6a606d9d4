"""The records and stories read and checked for a build: errors stop `mkdocs build`; under
`mkdocs serve` the preview goes on with what is right and lists what is wrong."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from mkdocs.exceptions import Abort
from mkdocs.plugins import get_plugin_logger

from ..project import Project
from ..records.checks import check
from ..records.load import Loaded
from ..records.problems import Problem
from .preview import banner, previewable
from .rebuilds import REBUILDS

log = get_plugin_logger(__name__)


@dataclass
class Checked:
    """What a build shows: the records, and under `mkdocs serve` what was left out and the banner."""

    loaded: Loaded
    good: bool
    """Read without errors: the preview falls back on these records later."""
    left_out: set[str] = field(default_factory=set)
    banner: str = ""


def read_checked(project: Project, now: dt.datetime, serving: bool, last_good: Any) -> Checked:
    """Read and check the records and stories; raise Abort on errors unless serving."""
    loaded = project.read(now, REBUILDS.files if serving else None)
    problems = check(loaded)
    errors = [p for p in problems if not p.warning or project.strict]
    if errors and serving:  # the preview goes on with what is right, and lists what is wrong
        for problem in errors:
            log.warning(str(problem))
        preview = previewable(loaded, problems, project.docs, last_good)
        return Checked(preview.loaded, False, preview.left_out, banner(preview.problems))
    if errors:
        for problem in problems:
            log.error(str(problem))
        raise Abort(f"{len(errors)} error(s) in the records and stories: nothing was built. "
                    "Fix them and build again (`vinhdanh check` lists them).")
    report_notices(problems)
    return Checked(loaded, True)


def report_notices(problems: list[Problem]) -> None:
    """Log the notices about the records: they inform, and do not stop publishing."""
    for problem in problems:
        log.info(f"notice: {problem}")
    if problems:
        log.info(f"{len(problems)} notice(s) about the records: the site is built all the same "
                 "('strict: true' under the vinhdanh plugin makes them stop the build)")
