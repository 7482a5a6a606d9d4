"""Run Pagefind (its binary comes from the `pagefind[bin]` wheel: nothing is downloaded)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path


class SearchIndexError(RuntimeError):
    """Pagefind failed; its own message is attached."""


def build_index(site_dir: Path) -> float:
    """Index site_dir into site_dir/pagefind/; return the seconds it took."""
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"],
                         capture_output=True, text=True, check=False)
    if run.returncode:
        raise SearchIndexError(f"Pagefind could not index {site_dir}:\n{run.stdout}{run.stderr}")
    return time.perf_counter() - start
