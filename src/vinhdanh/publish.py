"""Build into a new folder and swap it in only when the build succeeded."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
import tempfile
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


def build_site(config_file: Path, site_dir: Path, strict: bool = True) -> int:
    """Run `mkdocs build` into a fresh folder beside site_dir; swap it in on success.

    A failed, crashed or interrupted build leaves site_dir as it was.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    for stale in site_dir.parent.glob(f".{site_dir.name}.building-*"):  # left by an interrupted build
        shutil.rmtree(stale, ignore_errors=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), "--site-dir", str(fresh)]
    try:
        status = subprocess.run(command + (["--strict"] if strict else []), check=False).returncode
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
    os.chmod(site_dir, 0o755)  # mkdtemp makes it private to the builder; the web server must read it
    print(f"Published {site_dir}")
    return 0
