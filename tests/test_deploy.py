"""The README's nginx headers, served exactly, block nothing the site needs."""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .sitebuild import ROOT


def readme_headers() -> dict[str, str]:
    """Return the headers the README's nginx block adds to every response."""
    block = (ROOT / "README.md").read_text(encoding="utf-8").split("```nginx", 1)[1].split("```", 1)[0]
    return dict(re.findall(r'^\s*add_header ([\w-]+) "([^"]*)" always;', block, re.MULTILINE))


@contextmanager
def served_with(folder: Path, headers: dict[str, str]) -> Iterator[str]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            for name, value in headers.items():
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    Handler.extensions_map = {**Handler.extensions_map, ".wasm": "application/wasm"}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def inline_script_hashes(site: Path) -> set[str]:
    hashes = set()
    for page in site.rglob("*.html"):
        for attributes, body in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>",
                                           page.read_text(encoding="utf-8"), re.DOTALL):
            if "application/json" not in attributes:
                hashes.add("'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'")
    return hashes


def test_the_policy_allows_exactly_the_inline_scripts(demo_site: Path) -> None:
    policy = readme_headers()["Content-Security-Policy"]
    allowed = set(re.findall(r"'sha256-[^']+'", policy))
    assert inline_script_hashes(demo_site) == allowed, "update the hashes in the README's nginx block"


def test_no_violation_on_the_main_pages(browser: Any, demo_site: Path) -> None:
    headers = readme_headers()
    assert {"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} <= set(headers)
    story = next(demo_site.glob("news/2021/01/14/*/index.html")).parent.relative_to(demo_site).as_posix()
    with served_with(demo_site, headers) as url:
        page: Any = browser.new_page()
        page.add_init_script("""window.__violations = [];
            document.addEventListener('securitypolicyviolation',
                e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));""")
        seen: list[str] = []
        for path in ["", "ca-nhan/", "ca-nhan/nguyen-thi-thu-ha/", f"{story}/", "news/", "tim-kiem/?q=dao+duc+thang"]:
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            if path.startswith("tim-kiem"):
                page.wait_for_selector("#vd-search-page[data-state=done] .vd-result")
            if path == "":
                page.keyboard.press("/")
                page.keyboard.type("nguyen")
                page.wait_for_selector("#vd-search-suggest .vd-result")
            seen += page.evaluate("window.__violations")
        assert seen == []
