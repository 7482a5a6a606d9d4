"""Benchmark the site build: `make bench` (options: --people N --collectives N).

Generates a synthetic catalogue, builds it with vinhdanh, then builds the same pages
(written out by `vinhdanh export`) with plain MkDocs + Material, and a catalogue a
fifth the size to check linear growth. The search index is left out of both builds
(`make bench-search` measures what it adds). Each build runs in its own process, so its
peak memory is its own. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from benchproject import BIN, ROOT, make_project, timed_build  # noqa: E402


def plain_project(folder: Path, exported_from: Path) -> Path:
    """Write the same pages as plain Markdown and a config without vinhdanh."""
    docs = folder / "content"
    shutil.copytree(ROOT / "content", docs)
    shutil.rmtree(docs / "news/posts")
    subprocess.run([BIN / "vinhdanh", "-f", str(exported_from), "export", str(docs)], check=True,
                   stdout=subprocess.DEVNULL)
    # Edited as text: mkdocs.yml names Python functions (!!python/name) that a YAML round trip would lose.
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"  - vinhdanh:\n(      .*\n)*", "", config)
    config = config.replace("extra_css:\n", "extra_css:\n  - assets/vinhdanh.css\n")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    # Profiles and detail pages out of the nav, as the plugin does.
    config += "not_in_nav: |\n" + "".join(f"  /{s}/*.md\n  !/{s}/index.md\n" for s in
                                          ("ca-nhan", "tap-the", "nam", "danh-hieu", "don-vi", "phong-trao",
                                           "quyet-dinh"))
    path = folder / "mkdocs.yml"
    path.write_text(config, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--collectives", type=int, default=1_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vinhdanh-bench-") as tmp:
        work = Path(tmp)
        results = {}
        for label, people, collectives in (("small", args.people // 5, args.collectives // 5),
                                           ("full", args.people, args.collectives)):
            (work / label).mkdir()
            config = make_project(work / label, people, collectives, search=False)
            seconds, rss, pages, _ = timed_build(config)
            results[label] = (seconds, rss, pages)
            print(f"vinhdanh  {people + collectives:>6} exemplars: {seconds:6.1f} s, {pages / seconds:6.0f} pages/s, "
                  f"peak RSS {rss:5.0f} MB, {pages} pages", flush=True)
        (work / "plain").mkdir()
        baseline, base_rss, base_pages, _ = timed_build(plain_project(work / "plain", work / "full" / "mkdocs.yml"))
        print(f"plain MkDocs, same pages: {baseline:6.1f} s, {base_pages / baseline:6.0f} pages/s, "
              f"peak RSS {base_rss:5.0f} MB, {base_pages} pages", flush=True)
    full, small = results["full"], results["small"]
    summary = {
        "exemplars": args.people + args.collectives, "pages": full[2], "build_s": round(full[0], 1),
        "pages_per_s": round(full[2] / full[0]), "baseline_s": round(baseline, 1),
        "ratio": round(full[0] / baseline, 3), "peak_rss_mb": round(full[1]),
        "small_exemplars": (args.people + args.collectives) // 5, "small_build_s": round(small[0], 1),
        "growth": round(full[0] / small[0], 2),
    }
    print(f"ratio to plain MkDocs: {summary['ratio']}; 5x the exemplars took {summary['growth']}x the time")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
