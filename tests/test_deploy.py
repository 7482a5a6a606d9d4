"""`vinhdanh deploy`: the policy comes from the built site; the admin guide shows exactly what the command prints."""

from __future__ import annotations

import base64
import hashlib
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from vinhdanh.cli import main
from vinhdanh.publish.deploy import FINGERPRINTED, inline_script_hashes
from vinhdanh.publish.iis import IIS_FINGERPRINTED_FOLDERS

from .conftest import write
from .sitebuild import ROOT
from .webservers import vinhdanh_output

ADMIN_GUIDE = ROOT / "docs/admin-guide.md"


def guide_block(language: str, starting: str = "") -> str:
    """Return the admin guide's first fenced block in language that starts with `starting`."""
    guide = ADMIN_GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(rf"^```{language}\n(.*?)^```$", guide, re.MULTILINE | re.DOTALL)
    return next(block for block in blocks if block.startswith(starting))


def nginx_headers(config: str) -> dict[str, str]:
    return dict(re.findall(r'^\s*add_header ([\w-]+) "([^"]*)" always;', config, re.MULTILINE))


def sha256_source(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def test_the_admin_guide_shows_what_the_command_prints_for_the_demo_site(demo_site: Path) -> None:
    nginx = vinhdanh_output("deploy", "nginx", "--site-dir", str(demo_site))
    assert guide_block("nginx") == nginx, "docs/admin-guide.md's nginx block is out of date: put this in its place\n" + nginx
    script = vinhdanh_output("deploy", "script")
    assert guide_block("sh", "#!/bin/sh") == script, "docs/admin-guide.md's publish-site.sh is out of date:\n" + script


def test_the_policy_allows_each_inline_script_of_the_site_by_its_hash(demo_site: Path) -> None:
    policy = nginx_headers(vinhdanh_output("deploy", "nginx", "--site-dir", str(demo_site)))["Content-Security-Policy"]
    scripts = {body for page in demo_site.rglob("*.html") for body in
               re.findall(r"<script(?: data-md-scope=\"[^\"]*\")?>(.*?)</script>", page.read_text(encoding="utf-8"),
                          re.DOTALL)}
    assert len(scripts) == 3  # Material's: scope and storage, palette, the target of the address's #anchor
    assert set(re.findall(r"'sha256-[^']+'", policy)) == {sha256_source(script) for script in scripts}
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy


def test_hashes_are_those_the_browser_computes() -> None:
    page = ('<script>a()</script><script type="module">b()</script><script type="application/json">{}</script>'
            '<SCRIPT src="x.js"></SCRIPT><script type="text/javascript">\r\nc()\r\n</script>'
            '<script data-x="1 > 0">d("é")</script>')
    assert inline_script_hashes(page) == {sha256_source(s) for s in ("a()", "b()", "\nc()\n", 'd("é")')}


def test_what_the_policy_would_block_is_refused_with_file_and_line(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    banner = '<div class="banner" style="color: red">Tin mới</div>'
    write(tmp_path / "site", {
        "index.html": f"<p>\n{banner}\n<!-- <b style='x'> -->\n<script>var s = '<b onclick=x>';</script>\n"
                      '<a href="javascript:void(0)" onClick="go()">x</a>\n',
        "404.html": f"<html>\n{banner}\n</html>\n",
        "gioi-thieu/index.html": '<img alt="" src="https://example.org/a.png">\n<style>p {}</style>\n'
                                 '<link rel="stylesheet" href="//cdn.example.org/x.css"><a href="https://x.org">x</a>',
    })
    assert main(["deploy", "nginx", "--site-dir", str(tmp_path / "site")]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    site = tmp_path / "site"
    assert err.splitlines() == [
        f"{site}/404.html:2: style=: blocked by the Content-Security-Policy (style-src 'self'); give the element a "
        "class and style it in a stylesheet listed in extra_css (the same on 1 other page)",
        f"{site}/gioi-thieu/index.html:1: <img>: loads 'https://example.org/a.png' from another site, which the "
        "policy blocks and an offline intranet cannot reach; copy the file into the site",
        f"{site}/gioi-thieu/index.html:2: <style>: blocked by the Content-Security-Policy (style-src 'self'); move "
        "the rules into a stylesheet listed in extra_css",
        f"{site}/gioi-thieu/index.html:3: <link>: loads '//cdn.example.org/x.css' from another site, which the "
        "policy blocks and an offline intranet cannot reach; copy the file into the site",
        f"{site}/index.html:5: href=: a javascript: link, blocked by the Content-Security-Policy; remove it",
        f"{site}/index.html:5: onclick=: an inline event handler, blocked by the Content-Security-Policy; remove it",
        "6 error(s), 0 warning(s); fix them and run again.",
    ]


def test_no_site_and_bad_options_are_all_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deploy", "apache", "--site-dir", str(tmp_path), "--listen", "80;", "--www-dir", "www"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "--listen: expected a port like 80 or an address and port like 127.0.0.1:8080, got '80;'",
        "--www-dir: expected an absolute path of letters, digits and . _ - / like /var/www/vinhdanh, got 'www'",
        f"{tmp_path}: no built site here (index.html or 404.html is missing); run `vinhdanh build` first, "
        "or give --site-dir",
        "3 error(s), 0 warning(s); fix them and run again.",
    ]


def test_iis_web_config_sends_the_same_headers_as_nginx(demo_site: Path) -> None:
    nginx = vinhdanh_output("deploy", "nginx", "--site-dir", str(demo_site))
    config = ET.fromstring(vinhdanh_output("deploy", "iis", "--site-dir", str(demo_site)).encode("utf-8"))
    server = config.find("system.webServer")
    assert server is not None
    headers = {add.get("name"): add.get("value") for add in server.iterfind("httpProtocol/customHeaders/add")}
    cache = headers.pop("Cache-Control")
    assert headers == nginx_headers(nginx)
    assert f'set $vinhdanh_cache "{cache}";' in nginx
    long_cache = re.search(r'location ~ "[^"]+" \{\s+set \$vinhdanh_cache "([^"]+)";', nginx)
    assert long_cache
    locations = {location.get("path"): location.find(".//customHeaders/add") for location in config.iter("location")}
    assert {add.get("value") for add in locations.values() if add is not None} == {long_cache[1]}
    types = {m.get("fileExtension"): m.get("mimeType") for m in server.iterfind("staticContent/mimeMap")}
    assert {ext: types[ext] for ext in (".pagefind", ".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter")} == \
        dict.fromkeys((".pagefind", ".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter"), "application/octet-stream")
    error = server.find("httpErrors/error")
    assert error is not None and (error.get("statusCode"), error.get("path")) == ("404", "/404.html")


def test_iis_refuses_hidden_files_and_yaml(demo_site: Path) -> None:
    config = ET.fromstring(vinhdanh_output("deploy", "iis", "--site-dir", str(demo_site)).encode("utf-8"))
    filtering = config.find("system.webServer/security/requestFiltering")
    assert filtering is not None
    assert [add.get("sequence") for add in filtering.iterfind("denyUrlSequences/add")] == ["/."]
    assert {add.get("fileExtension"): add.get("allowed") for add in filtering.iterfind("fileExtensions/add")} == {
        ".yml": "false", ".yaml": "false"}


def test_iis_folders_hold_the_files_nginx_caches_for_a_year(demo_site: Path) -> None:
    files = {"/" + p.relative_to(demo_site).as_posix() for p in demo_site.rglob("*") if p.is_file()}
    in_folders = {f for f in files if any(f.startswith(f"/{folder}/") for folder in IIS_FINGERPRINTED_FOLDERS)}
    hashed = {f for f in files if re.match(FINGERPRINTED, f)}
    assert hashed - in_folders == {f for f in hashed if f.startswith("/pagefind/pagefind.")}  # the .pf_meta
    # The folders' other files: Material's lunr search, which this site (with Pagefind) never loads.
    assert all(f.startswith("/assets/javascripts/lunr/") for f in in_folders - hashed)
    assert not any("lunr" in p.read_text(encoding="utf-8") for p in demo_site.glob("*.html"))
