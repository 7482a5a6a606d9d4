"""Benchmark the browser editor as an officer uses it, at 3,000 people (make bench-editor).

Writes a synthetic site (3,000 people with a portrait each, 300 collectives, 200 stories) as
a git repository, starts `vinhdanh edit` on it, waits for the first preview, then drives the
editor in headless Chromium: the people's list, a search without and with diacritics, a
record opened, a record saved, and the picker of people in a story. Each is timed from the
action to what the officer waits for, three times; the median is printed, one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))
from benchproject import make_project  # noqa: E402

from tests.browser import ARGS, CHROMIUM  # noqa: E402
from tests.editorsite import NODE_MODULES, Running, editor_running, git  # noqa: E402

TARGETS = {"list": 2.0, "search without marks": 1.0, "search with marks": 1.0, "open": 1.0, "save": 2.0,
           "picker": 1.0}
"""Seconds the issue allows each step (the picker: as a search)."""


def add_portraits(project: Path, seed: int = 5) -> None:
    """Give every person a portrait (a JPEG of 600×800, as a phone photo cropped) and point the record at it."""
    rng = random.Random(seed)
    photos = project / "exemplars/photos"
    photos.mkdir(exist_ok=True)
    for record in sorted((project / "exemplars/people").glob("*.yml")):
        image = Image.new("RGB", (600, 800), tuple(rng.randrange(60, 200) for _ in range(3)))  # type: ignore[arg-type]
        ImageDraw.Draw(image).ellipse((150, 120, 450, 480), fill=tuple(rng.randrange(150, 255) for _ in range(3)))
        image.save(photos / f"{record.stem}.jpg", "JPEG", quality=85)
        with record.open("a", encoding="utf-8") as out:
            out.write(f"photo: photos/{record.stem}.jpg\nphoto_credit: Phòng Thi đua\n")


@contextmanager
def clock(times: list[float]) -> Iterator[None]:
    """Add the seconds the block takes to times."""
    start = time.perf_counter()
    yield
    times.append(time.perf_counter() - start)


def measure(page: Any, running: Running, person: tuple[str, str], runs: int) -> dict[str, list[float]]:
    """Time each step runs times, as an officer does it; return the seconds of each run."""
    base = running.base
    times: dict[str, list[float]] = {name: [] for name in [*TARGETS, "preview after save"]}
    cards = page.locator("a[href*='/collections/people/entries/']")
    stem, name = person
    shows_name = f"() => [...document.querySelectorAll('input')].some(e => e.value === {json.dumps(name)})"
    for run in range(runs):
        with clock(times["list"]):  # the editor opened afresh on the people's list
            page.goto(f"{base}admin/?r={run}#/collections/people")
            cards.first.wait_for()
        for step, term in (("search without marks", "nguyen van"), ("search with marks", "Nguyễn Văn")):
            page.goto(f"{base}admin/?r={run}#/collections/people")
            cards.first.wait_for()
            box = page.get_by_placeholder("Tìm kiếm tất cả")
            box.fill(term)
            with clock(times[step]):
                box.press("Enter")
                page.locator("a[href*='/entries/']").filter(has_text=re.compile("Nguyễn Văn")).first.wait_for()
        page.goto(f"{base}admin/?r={run}#/collections/people")
        card = page.locator(f"a[href$='/collections/people/entries/{stem}']")
        card.wait_for()  # on the list's first page (the rest comes as one scrolls)
        with clock(times["open"]):  # a name clicked in the list
            card.click()
            page.wait_for_function(shows_name)
        summary = f"Tóm tắt đo lúc {time.time():.0f}, lần {run}."
        page.get_by_label("Tóm tắt thành tích").fill(summary)
        with clock(times["save"]):
            page.get_by_role("button", name="Lưu", exact=True).first.click()
            page.get_by_role("menuitem", name="Lưu ngay").click()
            page.get_by_text("Đã lưu. Bản xem trước").first.wait_for()
        with clock(times["preview after save"]):  # and the officer looks at the preview (the machine settles)
            while summary not in _page(running, f"ca-nhan/{stem}/"):
                time.sleep(0.2)
        page.goto(f"{base}admin/?r={run}#/collections/stories/new")
        picker = page.get_by_label("Cá nhân trong bài").last
        picker.click()
        with clock(times["picker"]):
            picker.fill("tran thi")
            page.get_by_role("option").filter(has_text=" · ").first.wait_for()
    return times


def _page(running: Running, path: str) -> str:
    """Return a page of the preview, or "" while it is being rebuilt."""
    try:
        return running.read(path)
    except OSError:
        return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="vinhdanh-bench-editor-") as folder:
        project = Path(folder) / "site"
        project.mkdir()
        make_project(project, args.people, args.people // 10, args.people // 15)
        add_portraits(project)
        (project / ".gitignore").write_text(".cache/\nsite/\n", encoding="utf-8")
        git(project, "init", "-q", "-b", "main")
        git(project, "add", "-A")
        git(project, "commit", "-q", "-m", "Trang thử")
        records = sorted((project / "exemplars/people").glob("*.yml"))
        chosen = records[50]  # on the list's first page: an officer finds the others by search
        person = (chosen.stem, chosen.read_text(encoding="utf-8").split("\n", 1)[0].removeprefix("name: "))
        started = time.perf_counter()
        with editor_running(project, Path(folder) / "edit.log", preview_seconds=900) as running:
            ready = time.perf_counter() - started
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
                page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
                page.set_default_timeout(60_000)
                page.on("dialog", lambda dialog: dialog.accept())
                page.goto(running.address)
                page.get_by_label("Họ và tên người biên tập").fill("Người đo")
                page.get_by_role("button", name="Vào trình biên tập").click()
                page.get_by_role("button", name="Đăng nhập").click()
                page.get_by_text("Bộ sưu tập").wait_for()
                times = measure(page, running, person, args.runs)
                browser.close()
    result: dict[str, Any] = {"people": args.people, "editor_ready_s": round(ready, 1)}
    for name, values in times.items():
        median = statistics.median(values)
        result[name] = {"median_s": round(median, 2), "runs_s": [round(v, 2) for v in values]}
        if name in TARGETS:
            result[name] |= {"target_s": TARGETS[name], "met": median <= TARGETS[name]}
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    if not (NODE_MODULES / "decap-cms/dist/decap-cms.js").is_file():
        sys.exit("the editor is not installed: run `make edit` once (npm ci in editor/)")
    sys.exit(main())
