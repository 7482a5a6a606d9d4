"""All or nothing across processes: an import's renames are written down before the first one.

`vinhdanh import --apply` stages every changed record, then writes this journal in the
records' folder (`exemplars/.import-journal.json`: each staged file, its target, and the
fingerprints of the target before and after), flushed to disk, and only then renames the
staged files into place one by one. A process killed between two renames leaves the
journal behind; the next command that reads the records (import, check, build, serve,
edit) finishes the renames, which are idempotent, or, when it cannot, puts every record
back as it was; and says so. While the journal exists its writer holds a lock on it, so a
reader waits for a live import instead of finishing it under its feet. Ctrl-C, SIGTERM
and SIGHUP are held off while records are swapped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from .links import shown
from .problems import Problem

JOURNAL = ".import-journal.json"
LOCK_WAIT = 30.0
"""Seconds a reader waits for a live import to finish its renames (a few milliseconds, usually)."""
TEST_PAUSE = "VINHDANH_TEST_PAUSE_AFTER_RENAMES"
"""Tests only: stop after that many renames (for VINHDANH_TEST_PAUSE_SECONDS), so that they can kill the process."""


@dataclass(frozen=True)
class Move:
    """One record to put in place: the staged file, its target, and both versions' fingerprints."""

    target: str
    """Relative to the records' folder."""
    staged: str
    backup: str | None
    """A copy of the target as it was; None for a new record."""
    before: str | None
    """SHA-256 of the target before the import; None when it did not exist."""
    after: str


def digest(data: bytes) -> str:
    """Return the fingerprint the journal keeps of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def _digest_of(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except FileNotFoundError:
        return None


def commit(exemplars: Path, moves: list[Move], source: str, staging: Path) -> list[int]:
    """Put every staged file in place, or none; return the signals held off meanwhile (the caller reports them)."""
    flush_all()  # the staged files and backups are on disk before the journal names them
    path = exemplars / JOURNAL
    with signals_held(deliver=False) as caught:
        fd = _write_journal(path, {"exemplars": str(exemplars.resolve()), "source": source, "pid": os.getpid(),
                                   "started": dt.datetime.now().isoformat(timespec="seconds"),
                                   "staging": str(staging.absolute()), "moves": [asdict(m) for m in moves]})
        try:
            try:
                _forward(exemplars, moves, pause=True)
            except OSError:
                _back(exemplars, moves)  # should this fail too, the journal stays: the next command ends it
                _close_journal(path)
                raise
            _close_journal(path)
        finally:
            os.close(fd)  # releases the lock
    return caught


def finish_interrupted(exemplars: Path) -> Problem | str | None:
    """Finish (or undo) an import that was interrupted; return what was done, a problem, or None if none was."""
    path = exemplars / JOURNAL
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    except OSError as err:
        return Problem(shown(path), 0, "", f"cannot read the journal of an interrupted import: {err.strerror}")
    try:
        if not _lock(fd, LOCK_WAIT):
            return Problem(shown(path), 0, "", "an import is writing the records in another process; run again once "
                           "it has finished")
        if not _still_there(fd, path):
            return None  # the import finished while we waited for it
        with os.fdopen(os.dup(fd), "rb") as stream:
            journal = json.loads(stream.read())
        if journal.get("exemplars") != str(exemplars.resolve()):
            return None  # a copy of the folder (the editor's trial copies): the records it names are not these
        return _complete(exemplars, path, journal)
    except (ValueError, KeyError, TypeError) as err:
        return Problem(shown(path), 0, "", f"the journal of an interrupted import cannot be read ({err}); check the "
                       "records with git, then delete this file")
    finally:
        os.close(fd)


def _complete(exemplars: Path, path: Path, journal: dict[str, object]) -> Problem | str:
    moves = [Move(**m) for m in journal["moves"]]  # type: ignore[attr-defined]
    records = exemplars.resolve()
    if any(not (records / m.target).resolve().is_relative_to(records) for m in moves):
        return Problem(shown(path), 0, "", "this journal names files outside the records, so it was not written by "
                       "vinhdanh; check the records with git, then delete it")
    states = [_state(exemplars, m) for m in moves]
    forward = all(s in ("after", "before") for s in states)
    back = all(s in ("after", "before", "before-unstaged") for s in states) and all(
        m.before is None or (m.backup and _digest_of(Path(m.backup)) == m.before)
        for m, s in zip(moves, states) if s == "after")
    what = f"the import of {journal['source']} started at {journal['started']} was interrupted"
    if not forward and not back:
        move, state = next((m, s) for m, s in zip(moves, states) if s not in ("after", "before"))
        record = shown(exemplars / move.target)
        why = f"{record} has changed since" if state == "changed" else f"the staged copy of {record} is gone"
        return Problem(shown(path), 0, "", f"{what}, and {why}; nothing was done: compare {record} with "
                       f"{move.staged} and {move.backup}, keep the right one, then delete this file")
    with signals_held(deliver=True):
        try:
            (_forward if forward else _back)(exemplars, moves)
            _close_journal(path)
        except OSError as err:
            return Problem(shown(path), 0, "", f"{what}, and it cannot be finished: {err}; fix that and run again")
    staging = Path(str(journal["staging"]))
    if staging.name.startswith(("import-", "vinhdanh-import-")):  # only ever a folder the import made
        shutil.rmtree(staging, ignore_errors=True)
    done = f"finished: {len(moves)} record(s) written" if forward else "undone: the records are as they were before"
    return f"{shown(path)}: {what}; it was {done}"


def _state(exemplars: Path, move: Move) -> str:
    now = _digest_of(exemplars / move.target)
    if now == move.after:
        return "after"
    if now == move.before:  # a staged file is used only whole, as written (a power cut may have truncated it)
        return "before" if _digest_of(Path(move.staged)) == move.after else "before-unstaged"
    return "changed"


def _forward(exemplars: Path, moves: list[Move], pause: bool = False) -> None:
    """Rename each staged file over its target, skipping those already there."""
    if pause:
        _pause_for_tests(0)
    for done, move in enumerate(moves, start=1):
        target = exemplars / move.target
        if pause or _digest_of(target) != move.after:
            target.parent.mkdir(parents=True, exist_ok=True)
            _replace(Path(move.staged), target)
        if pause:
            _pause_for_tests(done)
    _flush_folders(exemplars, moves)


def _back(exemplars: Path, moves: list[Move]) -> None:
    """Put every target back as it was: a copy of its backup, or no file for a new record."""
    for move in reversed(moves):
        target = exemplars / move.target
        if _digest_of(target) == move.before:
            continue
        if move.backup is None:
            target.unlink(missing_ok=True)
        else:
            beside = target.with_name(f".{target.name}.import-tmp")
            shutil.copyfile(move.backup, beside)  # a copy: undoing twice finds the backup again
            os.replace(beside, target)
    _flush_folders(exemplars, moves)


def _replace(source: Path, target: Path) -> None:
    """Rename source over target atomically, through a copy beside target across file systems."""
    try:
        os.replace(source, target)
    except OSError:
        beside = target.with_name(f".{target.name}.import-tmp")
        shutil.copyfile(source, beside)
        os.replace(beside, target)


def _write_journal(path: Path, content: dict[str, object]) -> int:
    """Write the journal whole (a temporary file renamed), flushed, and locked; return its locked descriptor."""
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        _lock(fd, 0)  # held from before the journal can be seen until it is gone
        os.write(fd, json.dumps(content, ensure_ascii=False, indent=1).encode("utf-8"))
        os.fsync(fd)
        os.replace(temporary, path)
        _flush_folder(path.parent)
    except BaseException:
        os.close(fd)
        temporary.unlink(missing_ok=True)
        raise
    return fd


def _close_journal(path: Path) -> None:
    path.unlink()
    _flush_folder(path.parent)


def _still_there(fd: int, path: Path) -> bool:
    """Return whether the file open on fd is still the journal (its writer deletes it once done)."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def _lock(fd: int, wait: float) -> bool:
    """Take the journal's lock, waiting up to wait seconds; True where the system has no such locks."""
    try:
        import fcntl
    except ImportError:  # Windows: the journal alone keeps the records whole
        return True
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


def flush_all() -> None:
    """Write every file waiting in memory to disk (one call for thousands of staged records)."""
    if hasattr(os, "sync"):
        os.sync()


def _flush_folder(folder: Path) -> None:
    """Make a folder's renames and deletions durable, where the system allows opening a folder."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _flush_folders(exemplars: Path, moves: list[Move]) -> None:
    for folder in {(exemplars / m.target).parent for m in moves}:
        _flush_folder(folder)


@contextlib.contextmanager
def signals_held(deliver: bool) -> Iterator[list[int]]:
    """Hold off Ctrl-C, SIGTERM and SIGHUP; afterwards deliver the first one caught, or leave it to the caller."""
    caught: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield caught  # only the main thread receives signals
        return
    names = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {number: signal.signal(number, lambda number, _frame: caught.append(number)) for number in names}
    try:
        yield caught
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if deliver and caught:
            signal.raise_signal(caught[0])


def _pause_for_tests(done: int) -> None:
    if os.environ.get(TEST_PAUSE) == str(done):
        print(f"{TEST_PAUSE}: paused after {done} rename(s)", file=sys.stderr, flush=True)
        time.sleep(float(os.environ.get("VINHDANH_TEST_PAUSE_SECONDS", "60")))
