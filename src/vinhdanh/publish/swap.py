"""Build into a new folder and swap it in only when the build succeeded, one build at a time."""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> None:
    """Swap two directories in one step (Linux renameat2), or with two renames elsewhere."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 and renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return
    # Not Linux, or a file system without RENAME_EXCHANGE: a moment without `b` remains.
    parked = b.with_name(b.name + ".old")
    b.rename(parked)
    a.rename(b)
    parked.rename(a)


@contextlib.contextmanager
def one_build_at_a_time(site_dir: Path) -> Iterator[None]:
    """Hold the lock of site_dir (`.site.lock` beside it) for a whole build; wait, saying so, for another's.

    Two builds at once would each clear the other's folder as a leftover and swap in turn:
    the site published could be half of one. The lock is the kernel's (flock): a build that
    crashes or is killed releases it.
    """
    path = site_dir.with_name(f".{site_dir.name}.lock")
    with open(path, "a+", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip()
            print(f"Another build of {site_dir.name}/ is under way{f' (process {holder})' if holder else ''}: "
                  "waiting for it to finish…", file=sys.stderr, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        lock.truncate(0)
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        try:
            yield
        finally:
            lock.truncate(0)  # a build waiting next must not name this one once it is over


def make_readable(folder: Path) -> None:
    """Give every folder mode 0755 and every file 0644: the web server, another user, must read them all.

    mkdtemp makes the folder private to the builder, and a umask such as 077 would do the same
    to every file; this runs before the swap, so the live site is never unreadable, even for a moment.
    """
    os.chmod(folder, 0o755)
    for parent, folders, files in os.walk(folder):
        for name in folders:
            os.chmod(os.path.join(parent, name), 0o755)
        for name in files:
            os.chmod(os.path.join(parent, name), 0o644)


def build_site(config_file: Path, site_dir: Path, strict: bool = True) -> int:
    """Run `mkdocs build` into a fresh folder beside site_dir; swap it in on success.

    A failed, crashed or interrupted build leaves site_dir as it was; a second build waits for the first.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with one_build_at_a_time(site_dir):
        return _build_and_swap(config_file, site_dir, strict)


def _build_and_swap(config_file: Path, site_dir: Path, strict: bool) -> int:
    for stale in site_dir.parent.glob(f".{site_dir.name}.building-*"):  # left by an interrupted build
        shutil.rmtree(stale, ignore_errors=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), "--site-dir", str(fresh)]
    try:
        status = subprocess.run(command + (["--strict"] if strict else []), check=False).returncode
        if status == 0:
            make_readable(fresh)
    except KeyboardInterrupt:
        status = 130
    if status != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"The build failed: {site_dir.name}/ was left as it was.", file=sys.stderr)
        return status or 1
    if site_dir.exists():
        exchange(fresh, site_dir)
        shutil.rmtree(fresh)  # now the previous site
    else:
        fresh.rename(site_dir)
    print(f"Published {site_dir}")
    return 0
