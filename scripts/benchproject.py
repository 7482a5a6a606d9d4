"""A throwaway site for the benchmarks: the repository's config with a synthetic catalogue."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from gen_catalogue import synthetic_catalogue, synthetic_stories

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# Build in a child process and report its own peak RSS, and the plugin's log lines.
BUILD = """
import logging, resource, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.basicConfig(level=logging.INFO, format="%(message)s")
build(load_config(sys.argv[1]))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def make_project(folder: Path, people: int, collectives: int, stories: int = 0, search: bool = True) -> Path:
    """Write a project with a synthetic catalogue (and stories) and the repository's site config."""
    records = folder / "exemplars"
    written = synthetic_catalogue(records, people, collectives)
    for name in ("titles.yml", "movements.yml"):
        shutil.copy(ROOT / "exemplars" / name, records / name)
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.rmtree(folder / "content/news/posts")  # the demo's stories name the demo's people
    synthetic_stories(folder / "content", stories, written)
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not search:
        plugin = "  - vinhdanh:\n      exemplars: exemplars\n"
        assert plugin in config, "the benchmark expects mkdocs.yml's vinhdanh section as the repository has it"
        config = config.replace(plugin, plugin + "      search: false\n", 1)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder / "mkdocs.yml"


def timed_build(config: Path) -> tuple[float, float, int, str]:
    """Return (seconds, peak RSS in MB, pages built, log) for one build in its own process."""
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", BUILD, str(config)], capture_output=True, text=True,
                         env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(BIN)})
    seconds = time.perf_counter() - start
    if run.returncode:
        sys.exit(f"build of {config} failed:\n{run.stderr[-3000:]}")
    pages = sum(1 for _ in (config.parent / "site").rglob("index.html"))
    return seconds, int(run.stdout.split()[-1]) / 1024, pages, run.stderr
