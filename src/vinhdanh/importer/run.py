"""Import one annex: read it, plan every row, check the result, and write it only when asked."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from ..project import Project
from ..records.checks import check
from ..records.load import Loaded
from .apply import FOLDERS, Staging
from .plan import Change, Planner
from .preview import planned
from .report import PROGRESS_FROM, print_plan, progress
from .sheet import FileRefused
from .workbook import read_sheets


def import_annex(file: Path, where: Project, options: dict[str, str | None], apply: bool,
                 out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Print what importing file would do (and do it with apply); return the exit status."""
    out, err = out or sys.stdout, err or sys.stderr
    label = str(file)
    loaded = where.read()  # the records, and the news whose links the checks follow
    errors = [p for p in check(loaded) if not p.warning]
    if errors:
        print(f"vinhdanh import: the records have {len(errors)} error(s); run `vinhdanh check`, fix them, and import "
              "again (nothing was written)", file=err)
        return 1
    try:
        sheets, notes = read_sheets(file)
    except FileRefused as refused:
        print(f"{label}: {refused}", file=err)
        print("Nothing was written.", file=err)
        return 1
    folders = {kind: where.exemplars / folder for kind, folder in FOLDERS.items()}
    plan = Planner(loaded.catalogue, label, progress).run(sheets, notes, options, folders)  # type: ignore[arg-type]
    print_plan(plan, loaded.catalogue, out)
    if plan.problems:
        return _failed([str(p) for p in plan.problems], err)
    changes = list(plan.changes.values())
    if not changes:
        print("Nothing to write: every honour in the file is already recorded.", file=out)
        return 0
    if not apply:
        problems = [str(p) for p in check(planned(loaded, where.exemplars, changes)) if not p.warning]
        if problems:
            return _failed(problems, err)
        print("Dry run: nothing written. Run again with --apply to write these changes.", file=out)
        return 0
    try:
        return _write(loaded, where, changes, label, out, err)
    except KeyboardInterrupt:  # before the records were touched: the swap itself holds Ctrl-C off
        print("Interrupted: nothing was written.", file=err)
        return 130


def _write(loaded: Loaded, where: Project, changes: list[Change], label: str, out: TextIO, err: TextIO) -> int:
    """Stage, check through the loader, and commit the changes; list the new records."""
    staging = Staging(where.exemplars)
    try:
        if len(changes) > PROGRESS_FROM and err.isatty():
            print(f"Writing and checking {len(changes):,} records…", file=err)
        problems = staging.write(changes)
        problems += [str(p) for p in staging.check(loaded, changes) if not p.warning]
        if problems:
            return _failed(problems, err)
        held = staging.commit(label)
    except OSError as error:
        return _failed([f"cannot write the records: {error}"], err)
    finally:
        staging.close()
    created = [c for c in changes if c.existing is None]
    print(f"Wrote {len(changes)} record(s), {len(created)} of them new:", file=out)
    for change in created:
        print(f"  {where.exemplars / FOLDERS[change.kind] / change.id}.yml  (add a photo, a summary, a story)",
              file=out)
    if held:
        print("Interrupted while writing: the import was completed first, so that no record is left half done.",
              file=err)
        return 128 + held[0]
    return 0


def _failed(problems: list[str], err: TextIO) -> int:
    for problem in problems:
        print(problem, file=err)
    print(f"{len(problems)} error(s); nothing was written. Fix them and run the import again.", file=err)
    return 1
