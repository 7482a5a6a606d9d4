"""Benchmark what users run: `make bench` (options: --people N --collectives N --stories N --no-search-queries).

Generates a synthetic catalogue with stories and builds it with vinhdanh, search index
included; builds the same pages and stories (written out by `vinhdanh export`) with plain
MkDocs + Material and its built-in search, which is what a user would otherwise run; builds
a catalogue half the size to check linear growth; runs the search queries against both
sites in headless Chromium; and measures the preview loop (`scripts/bench_serve.py`).
Each build runs in its own process, so its peak memory (with Pagefind's) is its own.
The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from benchproject import largest_page_kb, make_project, plain_project, timed_build  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--collectives", type=int, default=1_000)
    parser.add_argument("--stories", type=int, default=2_000)
    parser.add_argument("--no-search-queries", action="store_true", help="skip the browser part")
    parser.add_argument("--no-serve", action="store_true", help="skip the preview loop")
    args = parser.parse_args()
    summary: dict[str, object] = {"exemplars": args.people + args.collectives, "stories": args.stories}
    with tempfile.TemporaryDirectory(prefix="vinhdanh-bench-") as tmp:
        work = Path(tmp)
        builds = {}
        for label, scale in (("half", 2), ("full", 1)):
            (work / label).mkdir()
            config = make_project(work / label, args.people // scale, args.collectives // scale, args.stories // scale)
            builds[label] = timed_build(config)
            seconds, rss, pages, _ = builds[label]
            print(f"vinhdanh, search included: {(args.people + args.collectives) // scale:>6} exemplars, "
                  f"{seconds:6.1f} s, {pages} pages, peak RSS {rss:5.0f} MB", flush=True)
        (work / "plain").mkdir()
        plain = plain_project(work / "plain", work / "full" / "mkdocs.yml")
        baseline, base_rss, base_pages, _ = timed_build(plain)
        print(f"plain MkDocs + Material with its search, same pages: {baseline:6.1f} s, {base_pages} pages, "
              f"peak RSS {base_rss:5.0f} MB", flush=True)
        full, half = builds["full"], builds["half"]
        summary.update({
            "pages": full[2], "build_s": round(full[0], 1), "baseline_s": round(baseline, 1),
            "ratio": round(full[0] / baseline, 3), "peak_rss_mb": round(full[1]), "baseline_rss_mb": round(base_rss),
            "half_build_s": round(half[0], 1), "growth_2x": round(full[0] / half[0], 2),
            "largest_page_kb": round(largest_page_kb(work / "full" / "site")),
            "baseline_largest_page_kb": round(largest_page_kb(work / "plain" / "site")),
        })
        if not args.no_search_queries:
            from bench_search import measure_queries

            summary.update(measure_queries(work / "full" / "site", work / "plain" / "site"))
    if not args.no_serve:
        run = subprocess.run([sys.executable, str(Path(__file__).parent / "bench_serve.py")], capture_output=True,
                             text=True, check=True)
        print(run.stdout, end="", flush=True)
        serve = json.loads(run.stdout.strip().splitlines()[-1])
        summary.update({key: value for key, value in serve.items() if key.startswith("serve_")})
    print(f"ratio to plain MkDocs + Material with its search: {summary['ratio']}; "
          f"twice the exemplars took {summary['growth_2x']}x the time")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
