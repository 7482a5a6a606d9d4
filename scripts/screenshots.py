"""Take screenshots of the built site in headless Chromium: light/dark, desktop/phone.

Usage: .venv/bin/python scripts/screenshots.py [site-dir] [out-dir] [page ...]
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def serve(folder: Path) -> http.server.ThreadingHTTPServer:
    """Serve folder on a free port of 127.0.0.1 in a background thread."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "screenshots")
    pages = sys.argv[3:] or ["", "ca-nhan/", "ca-nhan/nguyen-thi-thu-ha/", "tap-the/vu-16-vkstc/", "nam/2024/",
                             "don-vi/vksnd-tinh-bac-giang/", "news/", "tim-kiem/?q=kiem+sat", "404.html",
                             "news/2021/01/14/vu-thi-dua-khen-thuong-trien-khai-cong-tac-nam-2021/"]
    out.mkdir(parents=True, exist_ok=True)
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_port}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for scheme in ("light", "dark"):
            for name, viewport in (("desktop", {"width": 1280, "height": 900}),
                                   ("phone", {"width": 390, "height": 844})):
                page = browser.new_page(viewport=viewport, color_scheme=scheme)
                for path in pages:
                    page.goto(base + path)
                    page.wait_for_timeout(600)  # Material slides the tabs in; search fills its results
                    slug = path.strip("/").replace("/", "_").replace("?", "_") or "home"
                    page.screenshot(path=str(out / f"{slug}-{name}-{scheme}.png"), full_page=name == "desktop")
                page.close()
        browser.close()
    server.shutdown()
    print(f"screenshots in {out}/")


if __name__ == "__main__":
    main()
