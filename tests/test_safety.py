"""Untrusted text, paths, and browsing offline."""

from __future__ import annotations

import html.parser
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

from vinhdanh.records.checks import check
from vinhdanh.records.load import load
from vinhdanh.records.stories import NewsRules, load_stories

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


# Markdown that `vinhdanh check` lets through (markup.py reads HTML tags and inline links), but a browser
# would run: the sanitiser (sanitize.py) is what keeps it out of the site.
PAST_THE_CHECK = """\
Đoạn mở đầu <!--><img src=x onerror=alert("zqs-1")>--> có bình luận.

Đoạn có thuộc tính
{: onclick="alert('zqs-2')" style="color: red" data-x="zqs-2b" }

Liên kết [tham chiếu][js], [vb][vb], [dữ liệu][dl], [thực thể](&#106;avascript:alert('zqs-6')),
[hex](&#x6A;avascript:alert('zqs-7')), [tab](java&#9;script:alert('zqs-8')), [hoa](JaVaScRiPt&colon;alert('zqs-9')).

[js]: javascript:alert('zqs-3')
[vb]: vbscript:msgbox("zqs-4")
[dl]: data:text/html;base64,PHNjcmlwdD5hbGVydCgienFzLTUiKTwvc2NyaXB0Pg==
"""
# A hand-written page is not checked at all: raw active HTML, and what the site legitimately shows.
HAND_WRITTEN = """\
# Giới thiệu

<script>alert("zqs-10")</script>
<svg onload="alert('zqs-11')"><circle r="5"/></svg>
<iframe src="javascript:alert('zqs-12')"></iframe>
<p style="background: url(zqs-13)">Có style.</p>
<form action="https://example.com/zqs-14"><input name="q"></form>
<a href="JAVA&#x0A;SCRIPT:alert('zqs-15')">xuống dòng</a> <a href="vbscript:zqs-16">vb</a>
<div id="__config">{"base": "zqs-17"}</div>
<style>body { background: url(zqs-18) }</style>
<object data="zqs-19.swf"></object><embed src="zqs-20.swf">

{PAST_THE_CHECK}

## Mục có bảng

!!! note "Ghi chú"
    Nội dung ghi chú.

| Năm | Số |
|-----|----|
| 2024 | 3 |

<span class="vd-muted" data-pagefind-ignore aria-label="nhãn">Giữ nguyên</span>

![Lễ trao Bằng khen](news/images/trao-bang-khen.jpg "Ảnh: Hải Yến")
"""
STORY = """\
---
title: Tin có mã độc
date: 2024-05-06 09:30:00+07:00
description: Bài thử.
---

{PAST_THE_CHECK}
<!-- more -->

Phần sau.
"""


class _Attributes(html.parser.HTMLParser):
    """Collect, from a page, every attribute value and script or style text that holds a payload's marker."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.inside: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [f"<{tag} {name}={value!r}>" for name, value in attrs
                       if value and "zqs" in value and name not in ("title", "alt")]  # text, shown as text
        self.found += [f"<{tag} id=__config>" for name, value in attrs if (name, value, tag) == (
            "id", "__config", "div")]
        self.inside = tag if tag in ("script", "style") else None

    def handle_data(self, data: str) -> None:
        if self.inside and "zqs" in data:
            self.found.append(f"<{self.inside}>{data}")


def test_what_users_write_is_sanitised_where_it_becomes_html(browser: Any, records: Path, tmp_path: Path) -> None:
    person = records / "people/nguyen-thi-thu-ha.yml"
    story = "".join(f"  {line}\n" if line else "\n" for line in PAST_THE_CHECK.splitlines())
    person.write_text(person.read_text(encoding="utf-8") + "story: |\n" + story, encoding="utf-8")
    (tmp_path / "p").mkdir()
    project = copy_project(tmp_path / "p", records)
    write(project, {"content/news/posts/2024-05-06-ma-doc.md": STORY.replace("{PAST_THE_CHECK}", PAST_THE_CHECK),
                    "content/gioi-thieu.md": HAND_WRITTEN.replace("{PAST_THE_CHECK}", PAST_THE_CHECK)})
    site = build_site(project)
    pages = {path: path.read_text(encoding="utf-8") for path in site.rglob("*.html")}
    for path, text in pages.items():
        finder = _Attributes()
        finder.feed(text)
        assert finder.found == [], path
        assert not re.search(r"(?i)<(iframe|object|embed|form|svg)\b[^>]*>\s*(<circle|<input)?[^<]*zqs", text), path
    shown = {name: pages[site / name / "index.html"] for name in ("gioi-thieu", "ca-nhan/nguyen-thi-thu-ha")}
    shown["story"] = next(text for path, text in pages.items() if "ma-doc" in str(path))
    shown["listing"] = pages[site / "news/index.html"]
    for name, text in shown.items():  # the text stays, as text
        assert "Đoạn mở đầu" in text and "Đoạn có thuộc tính" in text and ">tham chiếu</a>" in text, name
    page = shown["gioi-thieu"]
    assert '<div class="admonition note">' in page and '<p class="admonition-title">Ghi chú</p>' in page
    assert "<table>" in page and 'class="headerlink"' in page and 'id="muc-co-bang"' in page
    assert '<span class="vd-muted" data-pagefind-ignore="" aria-label="nhãn">Giữ nguyên</span>' in page
    assert re.search(r'<figure[^>]*><img [^>]*loading="lazy"', page) and "<figcaption" in page
    dialogs: list[str] = []
    with served(site) as url:
        tab = browser.new_page()
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ["gioi-thieu/", "ca-nhan/nguyen-thi-thu-ha/", "news/"]:
            tab.goto(url + path)
            tab.wait_for_load_state("networkidle")
            tab.get_by_text("Đoạn có thuộc tính").first.click()
            for link in tab.locator("article a:not([href])").all():
                link.click()
    assert dialogs == []


def test_the_sites_own_html_is_kept_whole(demo_site: Path) -> None:
    """Charts, search marks and forms come from vinhdanh's templates, not from users: never cleaned."""
    stats = (demo_site / "thong-ke/index.html").read_text(encoding="utf-8")
    assert re.search(r'<svg [^>]*class="vd-chart__svg"[^>]*role="img"', stats) and "<text" in stats
    profile = (demo_site / "ca-nhan/nguyen-thi-thu-ha/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-filter=" in profile and 'srcset="' in profile and 'loading="lazy"' in profile
    search = (demo_site / "tim-kiem/index.html").read_text(encoding="utf-8")
    assert '<form class="vd-search-page__form"' in search and '<input id="vd-search-page-input"' in search
    assert search.count('id="__config"') == 1
