"""Publishing as the press team writes: no excerpt marker, local times, overrides, images, the blog's rules."""

from __future__ import annotations

import datetime as dt
import re
from importlib.resources import files as package_files
from pathlib import Path

import pytest
from PIL import Image

from vinhdanh.records.stories import with_excerpt_break
from vinhdanh.text import VIETNAM

from .conftest import write
from .sitebuild import broken_links, build_site, copy_project, drop_setting

AUTHORS = """\
authors:
  minh-nhat:
    name: Minh Nhật
    description: Phóng viên
    avatar: news/authors/minh-nhat.jpg
"""


def story(title: str, date: str, body: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\nauthors: [minh-nhat]\n{extra}---\n\n{body}"


def ago(hours: float) -> str:
    """Return Vietnam wall-clock time, `hours` ago, written without a zone."""
    return f"{dt.datetime.now(VIETNAM) - dt.timedelta(hours=hours):%Y-%m-%d %H:%M:%S}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site with stories written naturally, an author photo, a draft's photo, and overrides of every template."""
    from .conftest import COLLECTIVE, MOVEMENTS, PERSON, TITLES, UNITS

    root = tmp_path_factory.mktemp("publishing")
    records = write(root / "records", {"units.yml": UNITS, "titles.yml": TITLES, "movements.yml": MOVEMENTS,
                                       "people/nguyen-thi-thu-ha.yml": PERSON, "collectives/phong-tdkt.yml": COLLECTIVE})
    (root / "p").mkdir()
    project = drop_setting(copy_project(root / "p", records), "authors")
    news = project / "content/news"
    write(news, {
        ".authors.yml": AUTHORS,
        "posts/khong-ngat.md": story("Bài không có dấu ngắt", "2024-05-06 09:30:00",
                                     "Đoạn mở đầu của bài.\n\nĐoạn thứ hai chỉ có trong bài.\n",
                                     "exemplars: [nguyen-thi-thu-ha]\n"),
        "posts/mui-gio-utc.md": story("Bài ghi múi giờ UTC", "2024-05-06 03:00:00+00:00", "Giờ UTC.\n"),
        "posts/chi-ngay.md": story("Bài chỉ ghi ngày", "2024-05-06", "Chỉ có ngày.\n"),
        "posts/vua-dang.md": story("Bài vừa đăng giờ Việt Nam", ago(2), "Vừa đăng.\n"),
        "posts/nhap.md": story("Bài nháp có ảnh", "2024-05-01", "![Ảnh chưa công bố](../images/nhap.jpg)\n",
                               "draft: true\n"),
    })
    (news / "authors").mkdir(exist_ok=True)
    (news / "images").mkdir(exist_ok=True)
    Image.new("RGB", (60, 60), "navy").save(news / "authors/minh-nhat.jpg")
    Image.new("RGB", (80, 60), "red").save(news / "images/nhap.jpg")
    # An override of every template, each calling a documented macro that keeps HTML out of Markdown.
    templates = package_files("vinhdanh.views").joinpath("templates")
    for template in templates.iterdir():
        if template.name.startswith("_"):
            continue
        text = template.read_text(encoding="utf-8")
        if "_macros.md" not in text:
            text = '{% import "_macros.md" as m with context %}\n' + text
        # A story's head is shown in listings too: HTML links there would point elsewhere.
        cards = "{{ m.exemplar_cards(rel.people) }}" if template.name != "story.md" else \
            "{% if part == 'tail' %}{{ m.exemplar_cards(featured) }}{% endif %}"
        write(project / "overrides/vinhdanh", {template.name: f"{text}\n\n{cards}\n"})
    # A site's own main.html replaces nothing of vinhdanh's.
    write(project / "overrides", {"main.html": '{% extends "base.html" %}\n'
                                               '{% block announce %}Thông báo riêng của đơn vị{% endblock %}\n'})
    return build_site(project)


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def story_page(site: Path, slug: str) -> str:
    [page] = site.glob(f"news/*/*/*/{slug}/index.html")
    return page.read_text(encoding="utf-8")


def test_listing_shows_the_first_paragraph_of_a_story_without_marker(site: Path) -> None:
    listing = read(site, "news/index.html")
    assert "Đoạn mở đầu của bài." in listing and "Đoạn thứ hai chỉ có trong bài." not in listing
    assert "Đoạn thứ hai chỉ có trong bài." in story_page(site, "bai-khong-co-dau-ngat")


def test_a_time_without_zone_is_vietnam_time_and_sorts_as_such(site: Path) -> None:
    assert "06/05/2024 09:30" in story_page(site, "bai-khong-co-dau-ngat")
    assert "06/05/2024 10:00" in story_page(site, "bai-ghi-mui-gio-utc")  # 03:00 UTC, shown in Vietnam time
    assert re.search(r"06/05/2024(?! \d)", story_page(site, "bai-chi-ghi-ngay"))
    listing = read(site, "news/index.html")
    order = [listing.index(t) for t in ("Bài ghi múi giờ UTC", "Bài không có dấu ngắt", "Bài chỉ ghi ngày")]
    assert order == sorted(order)
    feed = read(site, "news/feed.xml")
    assert "<published>2024-05-06T09:30:00+07:00</published>" in feed


def test_a_story_dated_earlier_today_in_vietnam_is_published_wherever_the_build_runs(site: Path) -> None:
    # Read as UTC, its time would still be hours ahead on a UTC machine: the blog would hold it back.
    assert "Bài vừa đăng giờ Việt Nam" in read(site, "news/index.html")


def test_every_template_override_gets_its_html_back(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert not [p for p in pages if "vinhdanhblock" in p.read_text(encoding="utf-8")]
    for path in ("index.html", "ca-nhan/index.html", "ca-nhan/nguyen-thi-thu-ha/index.html", "nam/2020/index.html",
                 "danh-hieu/cstd-nganh/index.html", "don-vi/vks-bac-ninh/index.html", "tim-kiem/index.html",
                 "phong-trao/thi-dua-2020/index.html"):
        assert '<ul class="vd-cards"' in read(site, path), path
    assert '<ul class="vd-cards"' in story_page(site, "bai-khong-co-dau-ngat")


def test_images_of_the_news_folder_are_published_but_a_drafts(site: Path) -> None:
    assert (site / "news/authors/minh-nhat.jpg").is_file()
    assert 'src="authors/minh-nhat.jpg"' in read(site, "news/index.html")
    assert not list(site.rglob("nhap*.jpg"))
    assert broken_links(site) == []


def test_a_sites_own_main_html_keeps_search_feed_and_previews(site: Path) -> None:
    home = read(site, "index.html")
    assert "Thông báo riêng của đơn vị" in home
    assert 'id="vd-search-input"' in home and 'rel="alternate feed"' in home and 'property="og:title"' in home


@pytest.mark.parametrize("future_is_draft", [True, False])
def test_the_blogs_own_future_rule_decides_for_the_story_and_its_image(records: Path, tmp_path: Path,
                                                                        future_is_draft: bool) -> None:
    (tmp_path / "p").mkdir()
    project = drop_setting(copy_project(tmp_path / "p", records), "authors")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "draft_if_future_date: true", f"draft_if_future_date: {str(future_is_draft).lower()}"), encoding="utf-8")
    write(project / "content/news", {".authors.yml": AUTHORS, "posts/tuong-lai.md": story(
        "Bài hẹn năm 2031", "2031-01-14 08:00:00", "![Lễ kỷ niệm](../images/tuong-lai.jpg)\n")})
    (project / "content/news/images").mkdir(exist_ok=True)
    (project / "content/news/authors").mkdir(exist_ok=True)
    Image.new("RGB", (60, 60), "navy").save(project / "content/news/authors/minh-nhat.jpg")
    Image.new("RGB", (80, 60), "red").save(project / "content/news/images/tuong-lai.jpg")
    site = build_site(project)
    published = not future_is_draft
    assert ("Bài hẹn năm 2031" in read(site, "news/index.html")) is published
    assert (site / "news/images/tuong-lai.jpg").is_file() is published
    assert broken_links(site) == []


@pytest.mark.parametrize(("body", "expected"), [
    ("Mở đầu.\nvẫn mở đầu.\n\nThân bài.", "Mở đầu.\nvẫn mở đầu.\n\n<!-- more -->\n\nThân bài."),
    ("## Tiêu đề\n\n![Ảnh](a.jpg)\n\nMở đầu.\n\nThân.", "## Tiêu đề\n\n![Ảnh](a.jpg)\n\nMở đầu.\n\n<!-- more -->\n\nThân."),
    ("Mở đầu.\n\n<!-- more -->\n\nThân.", "Mở đầu.\n\n<!-- more -->\n\nThân."),
    ("![Ảnh](a.jpg)", "<!-- more -->\n\n![Ảnh](a.jpg)"),
])
def test_excerpt_break_goes_after_the_first_paragraph(body: str, expected: str) -> None:
    assert with_excerpt_break(body) == expected
