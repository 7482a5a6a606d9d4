"""Stage the changed records, check them with the project's loader and checks, then swap them in.

Every new or changed file is first written into a staging folder beside the records (same
file system), read back with `load()` and checked, together with the untouched records,
by the same `check()` as `vinhdanh check`. Only a catalogue without errors is committed,
through the journal (vinhdanh.records.journal): all the records are put in place, or none, even
when the process is killed between two renames.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..records.checks import check
from ..records.journal import Move, commit, digest
from ..records.load import Loaded, load, shown
from ..records.model import Catalogue, Collective, Person
from ..records.problems import Problem
from .plan import Change
from .yamledit import EditError, append_honours, new_record, read_record_text

FOLDERS = {"person": "people", "collective": "collectives"}


@dataclass
class StagedFile:
    """One record's new text, written in the staging folder, and where it goes."""

    target: Path
    staged: Path
    original: bytes | None
    """The record's bytes as read; None for a new record."""


class Staging:
    """A staging folder on the records' file system, removed when done."""

    def __init__(self, root: Path) -> None:
        self.root = root
        base = root.parent / ".cache" / "vinhdanh"
        try:
            base.mkdir(parents=True, exist_ok=True)
            self.dir = Path(tempfile.mkdtemp(prefix="import-", dir=base))
        except OSError:
            self.dir = Path(tempfile.mkdtemp(prefix="vinhdanh-import-"))
        self.files: list[StagedFile] = []

    def close(self) -> None:
        """Remove the staging folder and all it holds."""
        shutil.rmtree(self.dir, ignore_errors=True)

    def write(self, changes: list[Change]) -> list[str]:
        """Write each changed record into the staging folder; return the edits that could not be made."""
        problems = []
        for change in changes:
            target = self.root / FOLDERS[change.kind] / f"{change.id}.yml"
            staged = self.dir / FOLDERS[change.kind] / f"{change.id}.yml"
            staged.parent.mkdir(parents=True, exist_ok=True)
            if change.existing is None:
                text, original = new_record(change.kind, change.name, change.position, change.unit, change.honours,
                                            change.source), None
                staged.write_bytes(text.encode("utf-8"))
            else:
                target = Path(change.existing.origin.path)  # as shown: relative to the working directory
                original, text, bom = read_record_text(target)
                try:
                    edited = append_honours(text, change.honours)
                except EditError as err:
                    problems.append(f"{shown(target)}: {err}; add the honour by hand")
                    continue
                staged.write_bytes(bom + edited.encode("utf-8"))
                self._link_photo(change.existing)
            self.files.append(StagedFile(target, staged, original))
        return problems

    def _link_photo(self, record: Person | Collective) -> None:
        """Give the staged record its photo, so the loader checks it where it expects it."""
        if not record.photo:
            return
        source, copy = self.root / record.photo, self.dir / record.photo
        if copy.exists() or not source.is_file():
            return
        copy.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, copy)
        except OSError:
            shutil.copyfile(source, copy)

    def check(self, loaded: Loaded, changes: list[Change]) -> list[Problem]:
        """Return every problem of the catalogue as it would be after the import."""
        staged = load(self.dir)
        here, there = shown(self.dir), shown(self.root)

        def real(path: str) -> str:
            return there + path[len(here):] if path.startswith(here) else path

        replaced = {str(f.target) for f in self.files} | {shown(f.target) for f in self.files}
        cat = loaded.catalogue
        merged = Loaded(
            Catalogue(cat.units, cat.titles, cat.movements, {**cat.people, **staged.catalogue.people},
                      {**cat.collectives, **staged.catalogue.collectives}, cat.stories),
            [r for r in loaded.references if r.path not in replaced]
            + [dataclasses.replace(r, path=real(r.path)) for r in staged.references],
            list(loaded.problems) + [dataclasses.replace(p, path=real(p.path)) for p in staged.problems],
            loaded.person_files | staged.person_files,
            [m for m in loaded.decisions if m.path not in replaced]
            + [dataclasses.replace(m, path=real(m.path)) for m in staged.decisions],
        )
        return check(merged) + _unexpected(staged.catalogue, changes, real)

    def commit(self, source: str) -> list[int]:
        """Put every staged file in place, or none, through the journal; return the signals held off meanwhile."""
        backups = self.dir / ".backup"
        moves = []
        for item in self.files:
            current = item.target.read_bytes() if item.target.exists() else None
            if current != item.original:
                raise OSError(f"{shown(item.target)} changed while importing; run the import again")
            backup = None
            if current is not None:
                backup = backups / item.target.parent.name / item.target.name
                backup.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(item.target, backup)
                shutil.copymode(item.target, item.staged)
            target = os.path.relpath(item.target.absolute(), self.root.absolute())
            moves.append(Move(target, str(item.staged.absolute()), str(backup.absolute()) if backup else None,
                              digest(current) if current is not None else None, digest(item.staged.read_bytes())))
        return commit(self.root, moves, source, self.dir)


def _unexpected(staged: Catalogue, changes: list[Change], real) -> list[Problem]:  # type: ignore[no-untyped-def]
    """Report staged records that do not read back as the record plus its new honours (an editing fault)."""
    problems = []
    for change in changes:
        records: dict = staged.people if change.kind == "person" else staged.collectives
        record = records.get(change.id)
        if record is None:
            continue  # the loader's problem says why
        old = change.existing
        expected = (dataclasses.replace(old, honours=old.honours + tuple(change.honours)) if old is not None else None)
        if old is not None and record != expected or old is None and (
                record.name, record.unit, record.honours, record.published) != (
                change.name, change.unit, tuple(change.honours), True):
            problems.append(Problem(real(record.origin.path), 0, "", "appending the honour would change what the "
                                    "record says; add the honour by hand"))
    return problems
