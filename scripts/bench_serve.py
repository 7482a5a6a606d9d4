"""Benchmark the preview loop: how long after saving a story or a record the served page shows it.

Starts `make serve`'s command (`mkdocs serve --dirty`) on a synthetic site (default 3,000
people, 300 collectives, 200 stories), saves a story, then a person's record, then the same
record again, and polls the served page until the change shows. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from benchproject import BIN, make_project  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, marker: str, limit: float = 300) -> float:
    """Return the seconds until the page at url contains marker."""
    start = time.perf_counter()
    while marker not in fetch(url):
        if time.perf_counter() - start > limit:
            sys.exit(f"{url} never showed {marker!r}")
        time.sleep(0.05)
    return time.perf_counter() - start


def saved(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=3_000)
    parser.add_argument("--collectives", type=int, default=300)
    parser.add_argument("--stories", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vinhdanh-serve-") as tmp:
        config = make_project(Path(tmp), args.people, args.collectives, args.stories)
        root, port = config.parent, free_port()
        base = f"http://127.0.0.1:{port}/"
        server = subprocess.Popen([BIN / "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}", "-f", str(config)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(BIN)})
        try:
            first = wait_for(base, "</html>", limit=900)
            print(f"first build served after {first:.1f} s", flush=True)
            time.sleep(2)  # let the first search index settle
            newest = sorted((root / "content/news/posts").glob("*.md"))[-1]
            saved(newest, "\n---\n", "\n---\n\nĐoạn mới zqstory.\n")
            person = sorted((root / "exemplars/people").glob("*.yml"))[0]
            text = person.read_text(encoding="utf-8")
            profile = base + f"ca-nhan/{person.stem}/"
            results: dict[str, float] = {}
            # The newest story: its new first paragraph shows in the news listing.
            results["serve_story_s"] = round(wait_for(base + "news/", "zqstory"), 2)
            time.sleep(1)
            saved(person, "name: ", "summary: Tóm tắt mới zqrecord.\nname: ") if "summary:" not in text else \
                saved(person, "summary: ", "summary: Tóm tắt mới zqrecord. ")
            results["serve_record_s"] = round(wait_for(profile, "zqrecord"), 2)
            time.sleep(1)
            saved(person, "zqrecord", "zqagain")
            results["serve_record_again_s"] = round(wait_for(profile, "zqagain"), 2)
        finally:
            server.terminate()
            server.wait(timeout=30)
    results["serve_refresh_s"] = max(results.values())
    print(json.dumps({"exemplars": args.people + args.collectives, "stories": args.stories, **results}))


if __name__ == "__main__":
    main()
