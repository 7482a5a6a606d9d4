"""Untrusted text, paths, and browsing offline."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

from vinhdanh.checks import check
from vinhdanh.load import load
from vinhdanh.stories import NewsRules, load_stories

from .browser import served
from .conftest import write
from .sitebuild import build_site, copy_project

PAYLOADS = ['<script>alert("x1")</script>', '<img src=x onerror=alert("x2")>', '"><svg onload=alert("x3")>',
            "javascript:alert('x4')", "'><iframe src=javascript:alert('x5')>"]


def test_plain_text_fields_are_escaped_everywhere(browser: Any, tmp_path: Path) -> None:
    p1, p2, p3, p4, p5 = PAYLOADS
    project = copy_project(tmp_path)
    person = project / "exemplars/people/nguyen-thi-thu-ha.yml"
    text = person.read_text(encoding="utf-8")
    q = json.dumps  # a JSON string is a YAML string, whatever quotes it holds
    text = text.replace("position: Kiểm sát viên trung cấp", f"position: {q(p2)}")
    text = text.replace("photo_credit: Hải Yến", f"photo_credit: {q(p4)}")
    text = re.sub(r"summary: .*\n(  .*\n)*", f"summary: {q(p1)}\n", text, count=1)
    text = text.replace("initiatives:\n", f"initiatives:\n- name: {q(p3)}\n  year: 2020\n")
    person.write_text(text, encoding="utf-8")
    write(project, {"exemplars/collectives/xss.yml": f"name: {q(p5)}\nunit: vksnd-tp-ha-noi\n"
                                                     "members: [nguyen-thi-thu-ha]\nhonours:\n"
                                                     "  - title: tap-the-ldxs\n    year: 2024\n"
                                                     f"    citation: {q(p1)}\n    decision: {q(p2)}\n"})
    units = project / "exemplars/units.yml"
    units.write_text(units.read_text(encoding="utf-8").replace("short: VKSND TP Hà Nội", f"short: {q(p3)}"),
                     encoding="utf-8")
    site = build_site(project)
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for raw in ('<script>alert("x1")', "<img src=x onerror", "<svg onload", "<iframe src=javascript"):
            assert raw not in html, (page, html[html.index(raw) - 200:html.index(raw) + 50])
    dialogs: list[str] = []
    with served(site) as url:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ["", "ca-nhan/", "ca-nhan/nguyen-thi-thu-ha/", "tap-the/xss/", "tap-the/", "nam/2024/",
                     "don-vi/vksnd-tp-ha-noi/", "danh-hieu/tap-the-ldxs/", f"tim-kiem/?q={quote('x1')}"]:
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            for link in page.query_selector_all("a[href^='javascript:']"):
                raise AssertionError(f"javascript: link on {path}: {link.get_attribute('href')}")
        page.goto(url + "ca-nhan/nguyen-thi-thu-ha/")
        assert page.locator(".vd-profile__position").inner_text() == p2
    assert dialogs == []


def test_active_content_in_markdown_is_refused(records: Path) -> None:
    person = records / "people/nguyen-thi-thu-ha.yml"
    person.write_text(person.read_text(encoding="utf-8") + "story: |\n  Câu chuyện.\n\n"
                      "  <script>alert(1)</script>\n  [bấm](javascript:alert(1))\n  <img src=x onerror=alert(1)>\n",
                      encoding="utf-8")
    docs = records.parent / "content"
    write(docs, {"news/posts/x.md": "---\ntitle: Tin <b>đậm</b>\ndate: 2024-01-01\n"
                                    "description: 'Mô tả \"có ngoặc\"'\n---\n\nMở đầu\n\n<!-- more -->\n\n"
                                    "<iframe src=\"https://example.com\"></iframe>\n<form action=\"/x\"></form>\n"})
    loaded = load(records)
    load_stories(docs, NewsRules(), loaded)
    base = str(records.parent) + "/"
    assert [str(p).replace(base, "") for p in check(loaded)] == [
        "content/news/posts/x.md:2: title: '<' is not allowed here (the text is shown as is); write quotes as "
        "“ ” and leave out < and >",
        "content/news/posts/x.md:4: description: '\"' is not allowed here (the text is shown as is); write quotes "
        "as “ ” and leave out < and >",
        "content/news/posts/x.md:11: <iframe> is not allowed in Markdown here; remove it",
        "content/news/posts/x.md:12: <form> is not allowed in Markdown here; remove it",
        "exemplars/people/nguyen-thi-thu-ha.yml:17: story: <script> is not allowed in Markdown here; remove it",
        "exemplars/people/nguyen-thi-thu-ha.yml:18: story: the link 'javascript:alert(1' is not a page or file; "
        "remove it",
        "exemplars/people/nguyen-thi-thu-ha.yml:19: story: the attribute onerror= runs a script; remove it",
    ]


def test_paths_that_escape_are_refused(records: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.jpg"
    outside.write_bytes(b"not for the site")
    (records / "photos").mkdir()
    os.symlink(outside, records / "photos/link.jpg")
    person = records / "people/nguyen-thi-thu-ha.yml"
    text = person.read_text(encoding="utf-8")
    for photo in ("/etc/passwd", "../../etc/passwd", "photos/link.jpg"):
        person.write_text(text.replace("summary:", f"photo: {photo}\nsummary:"), encoding="utf-8")
        [problem] = check(load(records))
        assert problem.field == "photo" and "is outside exemplars/" in problem.message, problem
    docs = records.parent / "content"
    write(docs, {"news/posts/x.md": "---\ntitle: Tin\ndate: 2024-01-01\ncover:\n  image: ../../../../secret.jpg\n"
                                    "---\n\nMở đầu\n\n<!-- more -->\n\n![Ảnh](/etc/passwd)\n"})
    person.write_text(text, encoding="utf-8")
    loaded = load(records)
    load_stories(docs, NewsRules(), loaded)
    assert [(p.line, p.field, p.message.split(";")[0]) for p in check(loaded)] == [
        (5, "cover.image", "'../../../../secret.jpg' is outside the content folder"),
        (12, "image", "'/etc/passwd' is outside the content folder"),
    ]


def test_browsing_makes_no_request_to_another_origin(browser: Any, demo_site: Path) -> None:
    with served(demo_site) as url:
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        story = next(demo_site.glob("news/2021/01/14/*/index.html")).parent.relative_to(demo_site).as_posix()
        for path in ["", "ca-nhan/nguyen-thi-thu-ha/", f"{story}/", "tim-kiem/?q=nguyen", "news/"]:
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
        assert len(requests) > 20
        assert [r for r in requests if not r.startswith(url) and not r.startswith("data:")] == []


def _texts(site: Path) -> Iterator[tuple[Path, bytes]]:
    """Yield every file's bytes, and the decompressed bytes of gzipped ones (Pagefind's index, sitemap)."""
    import gzip

    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            yield path, data
            if data[:2] == b"\x1f\x8b":
                yield path, gzip.decompress(data)


def test_nothing_private_or_unpublished_reaches_any_file(tmp_path: Path) -> None:
    from PIL import Image

    project = copy_project(tmp_path)
    records = project / "exemplars"
    for folder in ("people", "collectives"):
        for path in (records / folder).glob("*.yml"):
            record = yaml.safe_load(path.read_text(encoding="utf-8"))
            record["private"] = {**(record.get("private") or {}), "sentinel": f"zqs-private-{path.stem}"}
            path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    comment = {"comment": b"zqs-exif-comment"}
    Image.new("RGB", (400, 500), "green").save(records / "photos/zq-an.jpg", **comment)
    write(records, {"people/zq-an.yml": "name: Zqs Unpublished An\nunit: vksnd-tp-ha-noi\nphoto: photos/zq-an.jpg\n"
                                        "summary: zqs-unpublished-summary\npublished: false\n"})
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (21.0, 1.0, 42.0)})
    exif[0x010F] = "zqs-camera-make"
    Image.open(records / "photos/dao-duc-thang.jpg").save(records / "photos/dao-duc-thang.jpg", exif=exif, **comment)
    Image.new("RGB", (300, 200), "blue").save(project / "content/news/images/zq-draft.jpg", **comment)
    write(project, {"content/news/posts/zq-draft.md": "---\ntitle: Zqs draft title\ndate: 2024-01-01\n"
                                                      "draft: true\ncover:\n  image: ../images/zq-draft.jpg\n  alt: Ảnh\n"
                                                      "---\n\nzqs-draft-body\n\n<!-- more -->\n"})
    site = build_site(project)
    checked = 0
    for path, data in _texts(site):
        checked += 1
        for secret in (b"zqs-", b"Zqs", b"zq-an", b"zq-draft"):
            assert secret not in data, (path, secret)
        assert b"zq-" not in path.name.encode()
    assert checked > 300 and any(site.glob("pagefind/fragment/*"))
    assert (site / "anh/ca-nhan/dao-duc-thang-600.jpg").exists()  # the photo itself is published, clean
