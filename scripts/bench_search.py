"""Benchmark search: `make bench-search` (options: --people N --collectives N --stories N).

Generates 10,000 exemplars and 2,000 stories, builds the site (Pagefind), and the same
pages with plain MkDocs + Material and its built-in search; then, in headless Chromium, runs each
query cold (a fresh browser context, so nothing is cached) against both, measuring the
bytes the search fetched (on the wire, served gzip-compressed as by the nginx block of
docs/admin-guide.md) and the time from opening the page to the first result shown.
The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))
from benchproject import make_project, plain_project, timed_build  # noqa: E402

from tests.browser import QuietHandler, chromium, served  # noqa: E402

QUERIES = ["nguyen van hung", "tran thi ha", "dao duc", "le thi thu", "ton nu thi ninh",    # names, no diacritics
           "chien si thi dua nganh", "lao dong tien tien", "bang khen thu tuong",        # titles
           "vksnd bac ninh", "khu vuc 3 ha noi", "da nang",                                # units
           "so hoa ho so", "phien toa rut kinh nghiem", "tong ket thi dua"]                 # words from stories


class GzipHandler(QuietHandler):
    """Serves files gzip-compressed where a web server would (the admin guide's nginx block does)."""

    COMPRESSED = (".html", ".js", ".css", ".json", ".wasm", ".svg", ".xml")

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.suffix in self.COMPRESSED and path.is_file() and accepts_gzip):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def measure(browser, url: str, wait_for: str, counted: str, result: str) -> tuple[float, int, bool]:
    """Open url in a fresh context; return (ms to the first result or to "none found", bytes on the wire
    for matching requests, whether a result was shown)."""
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("requestfinished", lambda request: requests.append(request) if re.search(counted, request.url) else None)
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(wait_for, timeout=120_000)
    elapsed = (time.perf_counter() - start) * 1000
    found = page.query_selector(result) is not None
    page.wait_for_load_state("networkidle")
    size = sum(request.sizes()["responseBodySize"] for request in requests)
    context.close()
    return elapsed, size, found


def measure_queries(ours_site: Path, builtin_site: Path) -> dict[str, object]:
    """Run every query cold against both sites; return the medians and the misses."""
    rows = []
    with served(ours_site, GzipHandler) as ours, served(builtin_site, GzipHandler) as builtin, \
            chromium() as browser:
        for query in QUERIES:
            our_ms, our_bytes, our_found = measure(browser, f"{ours}tim-kiem/?q={quote(query)}",
                                                   ".vd-result, #vd-search-page[data-state=done]", r"/pagefind/",
                                                   ".vd-result")
            # Material shows "Không có kết quả…" when lunr finds nothing (it cannot fold accents).
            their_ms, their_bytes, their_found = measure(
                browser, f"{builtin}?q={quote(query)}",
                ".md-search-result__item, .md-search-result__meta:has-text('Không')", r"/search/",
                ".md-search-result__item")
            rows.append((our_bytes / 1024, our_ms, their_bytes / 1024, their_ms, our_found, their_found))
            print(f"{query!r:32} ours {our_bytes / 1024:7.0f} KB {our_ms:6.0f} ms{'' if our_found else ' NONE'} | "
                  f"built-in {their_bytes / 1024:7.0f} KB {their_ms:6.0f} ms{'' if their_found else ' NONE'}",
                  flush=True)
    return {
        "search_median_kb": round(statistics.median(r[0] for r in rows)),
        "search_median_first_ms": round(statistics.median(r[1] for r in rows)),
        "builtin_search_median_kb": round(statistics.median(r[2] for r in rows)),
        "builtin_search_median_first_ms": round(statistics.median(r[3] for r in rows)),
        "search_queries_without_result": sum(not r[4] for r in rows),
        "builtin_queries_without_result": sum(not r[5] for r in rows),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--collectives", type=int, default=0)
    parser.add_argument("--stories", type=int, default=2_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vinhdanh-bench-search-") as tmp:
        work = Path(tmp)
        (work / "ours").mkdir()
        config = make_project(work / "ours", args.people, args.collectives, args.stories)
        seconds, _, pages, _ = timed_build(config)
        print(f"build with Pagefind: {seconds:.1f} s ({pages} pages)", flush=True)
        (work / "builtin").mkdir()
        builtin_s, _, _, _ = timed_build(plain_project(work / "builtin", config))
        print(f"plain MkDocs + Material with its search: {builtin_s:.1f} s", flush=True)
        summary = {"exemplars": args.people + args.collectives, "stories": args.stories, "pages": pages,
                   "build_s": round(seconds, 1), "builtin_build_s": round(builtin_s, 1),
                   **measure_queries(work / "ours" / "site", work / "builtin" / "site")}
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
