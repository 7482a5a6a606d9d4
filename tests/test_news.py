"""News stories: validation, listings, drafts, the feed, cross-links, link previews, scaffolding."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest
from PIL import Image

from vinhdanh.records.checks import check
from vinhdanh.records.load import load
from vinhdanh.records.stories import NewsRules, load_stories

from .conftest import write
from .sitebuild import build_site, copy_project

GOOD = """\
---
title: Hội nghị tổng kết
date: 2021-01-14 14:30:00+07:00
authors: [minh-nhat]
categories: [Hội nghị]
description: Tóm tắt.
cover:
  image: ../images/a.jpg
  alt: Toàn cảnh hội nghị
  credit: Thiên Thanh
exemplars: [nguyen-thi-thu-ha]
movement: thi-dua-2020
---

Mở đầu.

<!-- more -->

![Phát biểu](../images/a.jpg "Ảnh: Thiên Thanh")
"""
AUTHORS = "authors:\n  minh-nhat:\n    name: Minh Nhật\n    description: Phóng viên\n    avatar: a.svg\n"
STORY = "content/news/posts/hoi-nghi.md"


@pytest.fixture
def news(records: Path) -> Path:
    docs = records.parent / "content"
    write(docs, {"news/.authors.yml": AUTHORS, "news/posts/hoi-nghi.md": GOOD})
    (docs / "news/images").mkdir()
    Image.new("RGB", (40, 30), "red").save(docs / "news/images/a.jpg")
    return docs


def story_problems(news: Path, old: str = "", new: str = "") -> list[str]:
    path = news / "news/posts/hoi-nghi.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    loaded = load(news.parent / "exemplars")
    load_stories(news, NewsRules(), loaded)
    base = str(news.parent) + "/"
    return [("warning: " if p.warning else "") + str(p).replace(base, "") for p in check(loaded)]


def test_a_valid_story_has_no_problem(news: Path) -> None:
    assert story_problems(news) == []


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("exemplars: [nguyen-thi-thu-ha]", "exemplars: [nguyen-thi-thu-hoa]",
     f"{STORY}:11: exemplars[0]: no exemplar with id 'nguyen-thi-thu-hoa' in people/ or collectives/ "
     "(did you mean 'nguyen-thi-thu-ha'?); add it there or fix the id"),
    ("movement: thi-dua-2020", "movement: thi-dua-2019",
     f"{STORY}:12: movement: no movement with id 'thi-dua-2019' in movements.yml (did you mean 'thi-dua-2020'?); "
     "add it there or fix the id"),
    ("title: Hội nghị tổng kết\n", "", f"{STORY}:2: missing required key 'title'"),
    ("date: 2021-01-14 14:30:00+07:00\n", "", f"{STORY}:2: missing required key 'date'"),
    ("2021-01-14 14:30:00+07:00", "2021-02-30",
     f"{STORY}:3: date: no such day or time: '2021-02-30'; check the day and month"),
    ("2021-01-14 14:30:00+07:00", "14/01/2021",
     f"{STORY}:3: date: expected a date like 2021-01-14 or a time like 2021-01-14 08:30:00, "
     "got '14/01/2021'"),
    ("  image: ../images/a.jpg", "  image: ../images/b.jpg",
     f"{STORY}:8: cover.image: image not found: content/news/images/b.jpg; the path is relative to the story's file"),
    ('![Phát biểu](../images/a.jpg', '![Phát biểu](../images/c.png',
     f"{STORY}:19: image: image not found: content/news/images/c.png; the path is relative to the story's file"),
    ('![Phát biểu](../images/a.jpg', '![Phát biểu](https://example.com/x.jpg',
     f"{STORY}:19: image: 'https://example.com/x.jpg' is outside the site, which must work offline; save the "
     "image under content/news/images/ and link to the file"),
    ("authors: [minh-nhat]", "authors: [minh-nhatt]",
     f"{STORY}:4: authors[0]: no author 'minh-nhatt' in news/.authors.yml (did you mean 'minh-nhat'?); "
     "add the author there or fix the id"),
    ("exemplars:", "exemplar:", f"{STORY}:11: exemplar: unknown key (did you mean 'exemplars'?); allowed: "
     "title, date, description, authors, categories, cover, exemplars, movement, draft, slug, pin, readtime, "
     "links, hide, template, search, tags"),
    ("2021-01-14 14:30:00+07:00\n", "2031-01-14 14:30:00+07:00\ndraft: false\n",
     f"{STORY}:4: draft: a story dated in the future is published on its date; remove 'draft: false' "
     "(the blog would publish it now)"),
    ('![Phát biểu]', '![]', f"warning: {STORY}:19: image: '../images/a.jpg' has no caption; write one between "
     "the brackets: ![Đồng chí … phát biểu](…)"),
    ("---\ntitle", "title", f"{STORY}:1: a story starts with front matter between two '---' lines (title, date, …); "
     "`vinhdanh new story` writes one"),
])
def test_each_story_mistake_is_reported(news: Path, old: str, new: str, expected: str) -> None:
    assert story_problems(news, old, new) == [expected]


def test_check_command_reports_story_errors(news: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (news.parent / "mkdocs.yml").write_text("site_name: x\ndocs_dir: content\ntheme: material\n"
                                            "plugins:\n  - vinhdanh\n  - blog:\n      blog_dir: news\n",
                                            encoding="utf-8")
    story_problems(news, "authors: [minh-nhat]", "authors: [ai-do]")
    run = subprocess.run([Path(sys.executable).parent / "vinhdanh", "check"], cwd=news.parent,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert run.stderr.splitlines()[0].startswith(f"{STORY}:4: authors[0]: no author 'ai-do'")


# --- The demo site --------------------------------------------------------------------------------------

def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def post_url(site: Path, slug: str) -> str:
    [page] = list(site.glob(f"news/*/*/*/{slug}/index.html"))
    return page.parent.relative_to(site).as_posix() + "/"


def test_listing_archive_and_categories(demo_site: Path) -> None:
    listing = read(demo_site, "news/index.html")
    assert listing.count('class="md-post md-post--excerpt"') == 8
    assert "Vụ Thi đua – Khen thưởng triển khai công tác năm 2021" in listing
    assert {p.parent.name for p in demo_site.glob("news/archive/*/index.html")} >= {"2021", "2022", "2025", "2026"}
    categories = {p.parent.name for p in demo_site.glob("news/category/*/index.html")}
    assert categories == {"hoi-nghi", "guong-dien-hinh", "khen-thuong", "phong-trao-thi-dua"}
    assert "14/01/2021 23:02" in read(demo_site, post_url(demo_site, "vu-thi-dua-khen-thuong-trien-khai-cong-tac-nam-2021") + "index.html")


def test_drafts_and_future_stories_are_not_published(demo_site: Path) -> None:
    everything = "\n".join(p.read_text(encoding="utf-8") for p in demo_site.rglob("*.html"))
    assert "Bản nháp — chuẩn bị kỷ niệm" not in everything and "Bài hẹn giờ đăng năm 2030" not in everything
    assert not list(demo_site.glob("news/2030/**/*")) and "Bản nháp —" not in everything


def test_figure_with_caption_and_credit(demo_site: Path) -> None:
    page = read(demo_site, post_url(demo_site, "vu-thi-dua-khen-thuong-trien-khai-cong-tac-nam-2021") + "index.html")
    assert re.search(r"<figure><img [^>]*src=\"../../../../images/hoi-nghi-2021-trao-co.jpg\"[^>]*>"
                     r"<figcaption>Phó Viện trưởng Nguyễn Hải Trâm trao Cờ thi đua dẫn đầu khối — Ảnh: Thiên Thanh"
                     r"</figcaption></figure>", page)
    assert '<p class="vd-lead">Chiều 14/01/2021' in page


def test_feed_is_valid_atom_with_absolute_links(demo_site: Path) -> None:
    feed = etree.parse(demo_site / "news/feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 8
    first = entries[0]
    assert first.find("a:title", ns).text == "Ba kiểm sát viên trẻ ở Đà Nẵng được tặng Bằng khen"
    assert first.find("a:published", ns).text == "2026-03-10T15:00:00+07:00"
    for entry in entries:
        link = entry.find("a:link[@rel='alternate']", ns).get("href")
        assert link.startswith("http://127.0.0.1:8000/news/20")
        assert (demo_site / link.removeprefix("http://127.0.0.1:8000/") / "index.html").exists()
    home = read(demo_site, "index.html")
    assert '<link rel="alternate feed" type="application/atom+xml" title="Tin bài" href="news/feed.xml">' in home


def test_cross_links_both_ways(demo_site: Path) -> None:
    story = post_url(demo_site, "nguoi-nu-kiem-sat-vien-doc-ky-tung-trang-ho-so")
    page = read(demo_site, story + "index.html")
    featured = page[page.index('class="vd-featured"'):]
    assert 'href="../../../../../ca-nhan/nguyen-thi-thu-ha/"' in featured
    profile = read(demo_site, "ca-nhan/nguyen-thi-thu-ha/index.html")
    assert "Tin bài liên quan" in profile and f'href="../../{story}"' in profile
    movement = read(demo_site, "phong-trao/chuyen-de-chuyen-doi-so/index.html")
    assert "Phát động thi đua chuyên đề" in movement and "Phòng Thống kê VKSND tỉnh Bắc Ninh" in movement
    home = read(demo_site, "index.html")
    news = home[home.index('id="tin-moi"'):home.index('id="khen-thuong-moi-nhat"')]
    titles = re.findall(r'<a href="news/[^"]+">([^<]+)</a>', news)
    assert titles[0] == "Ba kiểm sát viên trẻ ở Đà Nẵng được tặng Bằng khen" and len(titles) == 6


def test_open_graph_tags_on_stories_and_profiles(demo_site: Path) -> None:
    story = read(demo_site, post_url(demo_site, "vu-thi-dua-khen-thuong-trien-khai-cong-tac-nam-2021") + "index.html")
    assert '<meta property="og:type" content="article">' in story
    assert '<meta property="og:title" content="Vụ Thi đua – Khen thưởng triển khai công tác năm 2021">' in story
    assert '<meta property="og:image" content="http://127.0.0.1:8000/news/images/hoi-nghi-2021-phat-bieu.jpg">' in story
    assert '<meta name="twitter:card" content="summary_large_image">' in story
    profile = read(demo_site, "ca-nhan/nguyen-thi-thu-ha/index.html")
    assert '<meta property="og:image" content="http://127.0.0.1:8000/anh/ca-nhan/nguyen-thi-thu-ha-600.jpg">' in profile
    assert '<meta property="og:url" content="http://127.0.0.1:8000/ca-nhan/nguyen-thi-thu-ha/">' in profile


# --- Scaffolding and the whole workflow -------------------------------------------------------------------

def vinhdanh(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([Path(sys.executable).parent / "vinhdanh", *args], cwd=project, capture_output=True,
                          text=True, check=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def test_new_person_gets_a_unique_id_and_bad_input_writes_nothing(project: Path) -> None:
    first = vinhdanh(project, "new", "person", "Nguyễn Văn Hùng", "--unit", "vksnd-tp-ha-noi")
    assert first.returncode == 0 and first.stdout == "exemplars/people/nguyen-van-hung-3.yml\n"
    second = vinhdanh(project, "new", "person", "Nguyễn Văn Hùng", "--unit", "vksnd-tp-ha-noi")
    assert second.stdout == "exemplars/people/nguyen-van-hung-4.yml\n"
    assert vinhdanh(project, "check").returncode == 0
    before = sorted(project.rglob("*"))
    bad = vinhdanh(project, "new", "collective", "Phòng 1", "--unit", "vksnd-ha-noi")
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr == ("vinhdanh new collective: no unit with id 'vksnd-ha-noi' in units.yml (did you mean "
                          "'vksnd-tp-ha-noi'?); use --unit with an id from exemplars/units.yml\n")
    empty = vinhdanh(project, "new", "story", "  ")
    assert empty.returncode == 1 and "the title is empty" in empty.stderr
    assert sorted(project.rglob("*")) == before


def test_new_story_edited_and_undrafted_appears_everywhere(project: Path) -> None:
    made = vinhdanh(project, "new", "story", "Gương sáng Đào Đức Thắng")
    assert made.returncode == 0
    path = project / made.stdout.strip()
    assert path.parent == project / "content/news/posts" and path.name.endswith("-guong-sang-dao-duc-thang.md")
    text = path.read_text(encoding="utf-8")
    assert "draft: true" in text and vinhdanh(project, "check").returncode == 0
    site = build_site(project)
    assert "Gương sáng Đào Đức Thắng" not in read(site, "news/index.html")
    path.write_text(text.replace("draft: true            # delete this line to publish\n", "")
                    .replace("authors: []", "authors: [minh-nhat]").replace("categories: []", "categories: [Gương điển hình]")
                    .replace("exemplars: []", "exemplars: [dao-duc-thang, vu-16-vkstc]"), encoding="utf-8")
    site = build_site(project)
    title = "Gương sáng Đào Đức Thắng"
    assert title in read(site, "index.html")
    assert title in read(site, "news/category/guong-dien-hinh/index.html")
    assert title in read(site, "news/feed.xml")
    assert title in read(site, "ca-nhan/dao-duc-thang/index.html")
    assert title in read(site, "tap-the/vu-16-vkstc/index.html")


def test_serve_shows_drafts_and_future_stories_marked(project: Path) -> None:
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([Path(sys.executable).parent / "mkdocs", "serve", "--no-livereload", "-a",
                               f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent)})
    try:
        def get(path: str) -> str:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
                return response.read().decode("utf-8")

        deadline = time.monotonic() + 60
        while True:
            try:
                listing = get("news/")
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "mkdocs serve did not start"
                time.sleep(0.3)
        assert "Bản nháp — chuẩn bị kỷ niệm" in listing and "Bài hẹn giờ đăng năm 2030" in listing
        draft = get("news/2026/11/20/ban-nhap-chuan-bi-ky-niem-ngay-thanh-lap-nganh/")
        assert "Bản nháp — chưa đăng: bỏ dòng “draft: true” để đăng." in draft
        future = get("news/2030/01/14/bai-hen-gio-dang-nam-2030/")
        assert "Bản nháp — chưa đăng: bài được hẹn đăng ngày 14/01/2030 08:00." in future
    finally:
        server.terminate()
        server.wait(timeout=10)
