"""The configurations `vinhdanh deploy` writes, loaded unchanged into Debian's nginx and Apache httpd.

Each server serves the demo site from a release published by the generated publish-site.sh,
on a loopback port; the tests read the headers of every kind of response and browse
every kind of page through it in Chromium.
"""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from vinhdanh.publish.deploy import FINGERPRINTED, LONG_CACHE, REVALIDATE, site_policy

from .sitebuild import build_site, copy_project
from .webservers import APACHE, NGINX, apache_main, free_port, nginx_main, nginx_test, require, running, vinhdanh_output


@dataclass(frozen=True)
class Served:
    """A real server serving the demo site."""

    url: str
    site: Path
    headers: dict[str, str]
    """The security headers every response must carry."""
    root: Path
    """The server's root: the `current` link to the live release."""


def publish(script: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """Run the generated publish-site.sh on site."""
    return subprocess.run(["sh", str(script), str(site)], capture_output=True, text=True, check=False)


def start_server(kind: str, folder: Path, site: Path, www: Path, port: int) -> list[str]:
    """Write kind's configuration for site, check that it loads; return the command that runs it."""
    site_conf = folder / "site.conf"
    site_conf.write_text(vinhdanh_output("deploy", kind, "--site-dir", str(site), "--www-dir", str(www),
                                         "--listen", f"127.0.0.1:{port}"), encoding="utf-8")
    if kind == "nginx":
        main = nginx_main(folder, site_conf)
        check = nginx_test(main)
        assert check.returncode == 0 and "test is successful" in check.stderr, check.stderr
        return [str(NGINX), "-p", str(folder), "-c", str(main)]
    main = apache_main(folder, site_conf, port)
    check = subprocess.run([str(APACHE), "-t", "-f", str(main)], capture_output=True, text=True, check=False)
    assert check.returncode == 0 and "Syntax OK" in check.stderr, check.stderr
    return [str(APACHE), "-X", "-f", str(main)]


def publisher(folder: Path, *options: str) -> Path:
    """Write the generated publish-site.sh for folder/www into folder; return it."""
    script = folder / "publish-site.sh"
    script.write_text(vinhdanh_output("deploy", "script", "--www-dir", str(folder / "www"), *options),
                      encoding="utf-8")
    return script


@contextmanager
def serve(kind: str, folder: Path, site: Path, port: int | None = None) -> Iterator[Served]:
    """Publish site with publish-site.sh into folder/www, and serve it with kind ('nginx' or 'apache')."""
    require(NGINX if kind == "nginx" else APACHE, "nginx" if kind == "nginx" else "apache2")
    published = publish(publisher(folder), site)
    assert published.returncode == 0, published.stderr
    port = port or free_port()
    command = start_server(kind, folder, site, folder / "www", port)
    with running(command, port, folder / "error.log") as url:
        yield Served(url, site, site_policy(site).headers, folder / "www/current")


@pytest.fixture(scope="module", params=["nginx", "apache"])
def server(request: pytest.FixtureRequest, demo_site: Path, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[Served]:
    with serve(request.param, tmp_path_factory.mktemp(request.param), demo_site) as served:
        yield served


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """GET url with gzip accepted, redirects not followed; return status, headers and the body as sent."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with _OPENER.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def one(site: Path, pattern: str) -> str:
    """Return the path, from the site's root, of the first file matching pattern."""
    return sorted(site.glob(pattern))[0].relative_to(site).as_posix()


def test_every_kind_of_response_has_its_headers(server: Served) -> None:
    site = server.site
    cases = [  # path, status, Cache-Control, gzip (None: either, by size), the file sent
        ("ca-nhan/", 200, REVALIDATE, True, "ca-nhan/index.html"),
        ("khong-co-trang-nay/", 404, REVALIDATE, True, "404.html"),
        (one(site, "assets/javascripts/bundle.*.min.js"), 200, LONG_CACHE, True, None),
        (one(site, "assets/stylesheets/main.*.min.css"), 200, LONG_CACHE, True, None),
        ("assets/vinhdanh-search.js", 200, REVALIDATE, True, None),
        ("assets/vinhdanh.css", 200, REVALIDATE, True, None),
        ("assets/logo.svg", 200, REVALIDATE, None, None),
        ("news/feed.xml", 200, REVALIDATE, True, None),
        (one(site, "anh/ca-nhan/*.jpg"), 200, REVALIDATE, False, None),
        ("pagefind/pagefind.js", 200, REVALIDATE, True, None),
        ("pagefind/pagefind-entry.json", 200, REVALIDATE, None, None),
        (one(site, "pagefind/wasm.*.pagefind"), 200, REVALIDATE, False, None),  # compressed by Pagefind
        (one(site, "pagefind/*.pf_meta"), 200, LONG_CACHE, False, None),
        (one(site, "pagefind/fragment/*.pf_fragment"), 200, LONG_CACHE, False, None),
        (one(site, "pagefind/index/*.pf_index"), 200, LONG_CACHE, False, None),
        (one(site, "pagefind/filter/*.pf_filter"), 200, LONG_CACHE, False, None),
    ]
    for path, status, cache, compressed, sent in cases:
        got, headers, body = fetch(server.url + path)
        where = f"{path}: {headers}"
        assert got == status, where
        assert {name: headers.get(name) for name in server.headers} == server.headers, where
        assert headers["Cache-Control"] == cache, where
        assert "nosniff" in headers["X-Content-Type-Options"] and "frame-ancestors 'none'" in headers[
            "Content-Security-Policy"]
        gzipped = headers.get("Content-Encoding") == "gzip"
        assert compressed is None or gzipped == compressed, where
        assert (gzip.decompress(body) if gzipped else body) == (site / (sent or path)).read_bytes(), where
    status, headers, _ = fetch(server.url + "ca-nhan")
    assert (status, headers["Location"].removeprefix(server.url[:-1])) == (301, "/ca-nhan/")
    assert {name: headers.get(name) for name in server.headers} == server.headers
    assert fetch(server.url + "ca-nhan/")[1]["Content-Type"] == "text/html; charset=utf-8"


def test_hidden_files_and_yaml_are_never_served(server: Served) -> None:
    """Whatever lands in the server's folder (a repository copied whole, say), these stay private."""
    planted = {".git/config": "[core]", ".env": "SECRET=1", "foo.yml": "private: 1", "news/ban-nhap.YAML": "x: 1",
               "assets/.env": "SECRET=2", ".well-known/security.txt": "Contact: mailto:it@example.com"}
    for name, text in planted.items():
        (server.root / name).parent.mkdir(parents=True, exist_ok=True)
        (server.root / name).write_text(text, encoding="utf-8")
    not_found = (server.site / "404.html").read_bytes()
    try:
        for path in (".git/config", ".git/", ".env", "foo.yml", "news/ban-nhap.YAML", "%2egit/config",
                     "assets/.env"):
            status, headers, body = fetch(server.url + path)
            assert status == 404, path
            assert (gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body) == not_found, path
            assert {name: headers.get(name) for name in server.headers} == server.headers, path
        assert fetch(server.url + ".well-known/security.txt")[0] == 200
    finally:
        for name in (".git", ".env", "foo.yml", "news/ban-nhap.YAML", "assets/.env", ".well-known"):
            shutil.rmtree(server.root / name) if (server.root / name).is_dir() else (server.root / name).unlink()


VIOLATIONS = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));"""
# One page of each kind; the story is found in the site.
PAGES = ["", "ca-nhan/", "tap-the/", "ca-nhan/nguyen-thi-thu-ha/", "tap-the/vu-16-vkstc/", "nam/", "nam/2020/",
         "danh-hieu/", "danh-hieu/cstd-nganh/", "don-vi/", "don-vi/vksnd-tinh-bac-ninh/", "phong-trao/",
         "phong-trao/thi-dua-2020/", "news/", "news/category/hoi-nghi/", "news/archive/2021/", "gioi-thieu/"]


class Watched:
    """A Chromium page that records policy violations, errors and every response from the server."""

    def __init__(self, browser: Any, url: str) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.add_init_script(VIOLATIONS)
        self.url = url
        self.violations: list[str] = []
        self.errors: list[str] = []
        self.responses: list[Any] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", lambda r: self.responses.append(r) if r.url.startswith(url) else None)

    def visit(self, path: str, status: int = 200) -> None:
        response = self.page.goto(self.url + path)
        assert response.status == status, path
        self.collect()

    def collect(self) -> None:
        self.violations += self.page.evaluate("window.__violations.splice(0)")


def story_path(site: Path) -> str:
    return one(site, "news/2021/01/14/*/index.html").removesuffix("index.html")


def test_chromium_sees_no_policy_violation_on_any_kind_of_page(browser: Any, server: Served) -> None:
    watched = Watched(browser, server.url)
    for path in [*PAGES, story_path(server.site)]:
        watched.visit(path)
    watched.visit("khong-co-trang-nay/", status=404)
    assert watched.page.locator("h1").first.inner_text() == "Không tìm thấy trang"
    search_with_facets(watched)
    watched.visit("")  # the box in the header
    watched.page.locator("#vd-search-input").click()
    watched.page.keyboard.type("nguyen")
    watched.page.wait_for_selector("#vd-search-suggest .vd-result")
    watched.page.get_by_role("link", name="Tập thể", exact=True).first.click()  # a link, as visitors follow them
    watched.page.wait_for_url("**/tap-the/")
    watched.page.wait_for_load_state("networkidle")
    watched.collect()
    assert watched.violations == []
    assert watched.errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
    check_responses(watched.responses, server.headers, {"text/html", "text/css", "application/javascript",
                                                        "application/octet-stream", "image/jpeg", "application/json"})


def search_with_facets(watched: Watched) -> None:
    """Type a query on the search page, open the facets and choose one."""
    watched.visit("tim-kiem/")
    page = watched.page
    page.locator("#vd-search-page-input").fill("VKSND")
    page.wait_for_selector("#vd-search-page[data-state=done] .vd-result")
    page.locator(".vd-facets__open").click()
    page.locator("input[name=loai][value='Tập thể']").check()
    page.wait_for_selector("#vd-search-page[data-state=done] .vd-result")
    assert all("/tap-the/" in (a.get_attribute("href") or "") for a in page.query_selector_all(".vd-result__link"))
    page.wait_for_load_state("networkidle")
    watched.collect()


def check_responses(responses: list[Any], security: dict[str, str], kinds_seen: set[str]) -> None:
    """Every response carries the security headers, the cache rule of its name, and gzip where it helps."""
    kinds = set()
    for response in responses:
        headers = response.headers
        path = urlsplit(response.url).path
        where = f"{response.status} {response.url}"
        assert {name: headers.get(name.lower()) for name in security} == security, where
        assert headers["cache-control"] == (LONG_CACHE if re.match(FINGERPRINTED, path) else REVALIDATE), where
        kind = headers.get("content-type", "").split(";")[0].replace("text/javascript", "application/javascript")
        kinds.add(kind)
        if response.status in (200, 404) and kind in ("text/html", "text/css", "application/javascript",
                                                     "text/javascript"):
            assert headers.get("content-encoding") == "gzip", where
    assert kinds_seen <= kinds


def build_instant(project: Path, port: int) -> Path:
    """Build the demo site with Material's instant navigation, for http://127.0.0.1:port/."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "    - navigation.tabs\n" in text and "site_url: http://127.0.0.1:8000/\n" in text
    # Material swaps in only pages listed in the sitemap, whose addresses come from site_url, port included.
    config.write_text(text.replace("    - navigation.tabs\n", "    - navigation.instant\n    - navigation.tabs\n")
                      .replace(":8000/", f":{port}/"), encoding="utf-8")
    return build_site(project)


def test_instant_navigation_needs_nothing_more_from_the_policy(browser: Any, demo_site: Path, tmp_path: Path) -> None:
    require(NGINX, "nginx")
    port = free_port()
    instant_site = build_instant(copy_project(tmp_path), port)
    assert site_policy(instant_site).headers == site_policy(demo_site).headers
    with serve("nginx", tmp_path, instant_site, port) as served:
        watched = Watched(browser, served.url)
        page = watched.page
        watched.visit("")
        page.wait_for_load_state("networkidle")  # Material fetches the sitemap, to know its own pages
        page.evaluate("window.__same_document = true")
        for link, url in (("Cá nhân", "**/ca-nhan/"), ("Nguyễn Thị Thu Hà", "**/ca-nhan/nguyen-thi-thu-ha/"),
                          ("Tin bài", "**/news/"), ("Tìm kiếm", "**/tim-kiem/")):
            page.get_by_role("link", name=link, exact=True).first.click()
            page.wait_for_url(url)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.__same_document") is True, link  # no page was reloaded
        page.go_back()
        page.wait_for_url("**/news/")
        watched.collect()
        assert watched.violations == []
        check_responses(watched.responses, served.headers, {"text/html", "text/xml"})  # pages, the sitemap


def second_release(site: Path, folder: Path) -> Path:
    """Copy site as the next release would differ: every page changed, Material's bundle under a new name."""
    release = folder / "release-b"
    shutil.copytree(site, release)
    bundle = one(release, "assets/javascripts/bundle.*.min.js")
    renamed = re.sub(r"\.[0-9a-f]{8}\.", ".0123abcd.", bundle)
    (release / bundle).rename(release / renamed)
    for page in release.rglob("*.html"):
        text = page.read_text(encoding="utf-8").replace(Path(bundle).name, Path(renamed).name)
        page.write_text(text + "<!-- release b -->\n", encoding="utf-8")
    return release


def body_of(url: str) -> tuple[int, bytes]:
    status, headers, body = fetch(url)
    return status, gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body


class Visitors:
    """Threads that read pages and files again and again; each response must be whole, from one release."""

    def __init__(self, url: str, versions: dict[str, dict[str, bytes]], count: int = 4) -> None:
        self.url = url
        self.versions = versions
        """path → {release name: the file's bytes in that release}"""
        self.failures: list[str] = []
        self.seen: Counter[tuple[str, str]] = Counter()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.read) for _ in range(count)]

    def __enter__(self) -> Visitors:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def read(self) -> None:
        while not self.stop.is_set():
            for path, versions in self.versions.items():
                status, body = body_of(self.url + path)
                release = next((name for name, content in versions.items() if content == body), "")
                if status != 200 or not release:
                    self.failures.append(f"{path}: {status}, {len(body)} bytes, from no release")
                self.seen[(path, release)] += 1
                if path == "":  # then the home page's script, as a browser asks for it
                    script = re.search(rb'src="(assets/javascripts/bundle[^"]+)"', body)
                    if script is None or body_of(self.url + script[1].decode())[0] != 200:
                        self.failures.append(f"the script of release {release!r}'s home page: not served")


def test_publishing_switches_releases_while_visitors_read(demo_site: Path, tmp_path: Path) -> None:
    require(NGINX, "nginx")
    releases = {"a": demo_site, "b": second_release(demo_site, tmp_path)}
    script = publisher(tmp_path, "--keep", "3")
    assert publish(script, demo_site).returncode == 0
    paths = ["", "ca-nhan/nguyen-thi-thu-ha/", "assets/vinhdanh.css", "pagefind/pagefind-entry.json",
             one(demo_site, "anh/ca-nhan/*.jpg"), "news/"]
    versions = {path: {name: (site / path / "index.html" if path.endswith("/") or not path else site / path)
                       .read_bytes() for name, site in releases.items()} for path in paths}
    port = free_port()
    with running(start_server("nginx", tmp_path, demo_site, tmp_path / "www", port), port,
                 tmp_path / "error.log") as url:
        old_bundle = one(demo_site, "assets/javascripts/bundle.*.min.js")
        assert publish(script, releases["b"]).returncode == 0
        assert body_of(url) == (200, versions[""]["b"])
        # A page opened just before the switch still gets its script, carried over from the last release.
        assert body_of(url + old_bundle) == (200, (demo_site / old_bundle).read_bytes())
        with Visitors(url, versions) as visitors:
            for name in "abababab":
                published = publish(script, releases[name])
                assert published.returncode == 0, published.stderr
                time.sleep(0.1)
        assert visitors.failures == []
        assert visitors.seen[("", "a")] > 4 and visitors.seen[("", "b")] > 4  # both were live while visitors read
        assert len(list((tmp_path / "www/releases").iterdir())) == 3  # --keep 3
        half = tmp_path / "half"
        half.mkdir()
        (half / "index.html").write_text("<p>half</p>", encoding="utf-8")
        refused = publish(script, half)
        assert (refused.returncode, refused.stderr) == (1, f"{half}: not a built site (index.html or 404.html is "
                                                           "missing)\n")
        assert body_of(url) == (200, versions[""]["b"])
