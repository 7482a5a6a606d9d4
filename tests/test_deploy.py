"""The README's nginx headers, served exactly, block nothing the site needs."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

from .browser import QuietHandler, served
from .sitebuild import ROOT


def readme_headers() -> dict[str, str]:
    """Return the headers the README's nginx block adds to every response."""
    block = (ROOT / "README.md").read_text(encoding="utf-8").split("```nginx", 1)[1].split("```", 1)[0]
    return dict(re.findall(r'^\s*add_header ([\w-]+) "([^"]*)" always;', block, re.MULTILINE))


def with_headers(headers: dict[str, str]) -> type[QuietHandler]:
    """Return a request handler that adds headers to every response, as nginx's add_header does."""

    class Handler(QuietHandler):
        def end_headers(self) -> None:
            for name, value in headers.items():
                self.send_header(name, value)
            super().end_headers()

    return Handler


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
    with served(demo_site, with_headers(headers)) as url:
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
                page.focus("#vd-search-input")
                page.keyboard.type("nguyen")
                page.wait_for_selector("#vd-search-suggest .vd-result")
            seen += page.evaluate("window.__violations")
        assert seen == []
