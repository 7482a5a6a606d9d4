"""A throwaway site for the benchmarks: the repository's config with a synthetic catalogue."""

from __future__ import annotations

import re
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
# The largest of this process and its children (Pagefind's service).
print(max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
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


def plain_project(folder: Path, exported_from: Path) -> Path:
    """Write the same pages and stories for plain MkDocs + Material with its built-in search, without vinhdanh."""
    docs = folder / "content"
    shutil.copytree(exported_from.parent / "content", docs)
    subprocess.run([BIN / "vinhdanh", "-f", str(exported_from), "export", str(docs)], check=True,
                   stdout=subprocess.DEVNULL)
    # Edited as text: mkdocs.yml names Python functions (!!python/name) that a YAML round trip would lose.
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"  - vinhdanh:\n(      .*\n)*", "", config)
    config = config.replace("plugins:\n", "plugins:\n  - search\n", 1)  # what a user would otherwise run
    config = config.replace("extra_css:\n", "extra_css:\n  - assets/vinhdanh.css\n")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    # Profiles and detail pages out of the nav, as the plugin does.
    config += "not_in_nav: |\n" + "".join(f"  /{s}/*.md\n  /{s}/**/*.md\n  !/{s}/index.md\n" for s in
                                          ("ca-nhan", "tap-the", "nam", "danh-hieu", "don-vi", "phong-trao",
                                           "quyet-dinh"))
    path = folder / "mkdocs.yml"
    path.write_text(config, encoding="utf-8")
    return path


def largest_page_kb(site: Path) -> float:
    """Return the size of the largest HTML page of a built site, in KB."""
    return max(page.stat().st_size for page in site.rglob("*.html")) / 1024


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
