"""Real MkDocs builds of the demo site and of other catalogues."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from vinhdanh.text import name_sort_key

from .sitebuild import ROOT, broken_links, build_site, copy_project


def demo_records(folder: str) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "exemplars" / folder).glob("*.yml")}


def test_every_published_profile_exists_and_unpublished_do_not(demo_site: Path) -> None:
    for section, folder in (("ca-nhan", "people"), ("tap-the", "collectives")):
        for record_id, record in demo_records(folder).items():
            page = demo_site / section / record_id / "index.html"
            assert page.exists() == record.get("published", True), page
    assert len(list((demo_site / "ca-nhan").glob("*/index.html"))) >= 30


def test_no_private_or_unpublished_data_in_any_file(demo_site: Path) -> None:
    secrets = {"Nguyễn Văn Chưa Công Bố", "nguyen-van-chua-cong-bo", "Chờ Hội đồng Thi đua"}
    for records in (demo_records("people"), demo_records("collectives")):
        for record in records.values():
            secrets |= {str(value) for value in (record.get("private") or {}).values()}
    assert len(secrets) > 30
    for path in demo_site.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="ignore")
            found = [s for s in secrets if s in text or s.encode("unicode_escape").decode() in text]
            assert not found, f"{path}: {found}"


def test_a_to_z_is_in_vietnamese_order_by_given_name(demo_site: Path) -> None:
    page = (demo_site / "ca-nhan/index.html").read_text(encoding="utf-8")
    names = [html.unescape(n) for n in re.findall(r'<li><a href="[^"]+/">([^<]+)</a>', page)]
    assert len(names) == 34
    assert names == sorted(names, key=name_sort_key)
    # Hand-checked: Ánh before Ân before B; Đức after Dũng; Ý last; the two Hùng together.
    assert names.index("Hồ Thị Ngọc Ánh") < names.index("Lý Văn Ân") < names.index("Mai Xuân Bình")
    assert names.index("Lương Văn Dũng") < names.index("Hoàng Minh Đức") < names.index("Nguyễn Thị Thu Hà")
    assert names[-1] in ("Đặng Quang Ý", "Bùi Thị Yến") and names.count("Nguyễn Văn Hùng") == 2
    letters = re.findall(r'<h2 id="(chu-[a-z]+)"', page)
    assert letters[:3] == ["chu-a", "chu-aa", "chu-b"] and "chu-dd" in letters


def test_internal_links_and_images_resolve(demo_site: Path) -> None:
    assert broken_links(demo_site) == []


def test_every_html_block_is_put_back(demo_site: Path) -> None:
    leaks = [p for p in demo_site.rglob("*.html") if "vinhdanhblock" in p.read_text(encoding="utf-8")]
    assert leaks == []
    assert '<table class="vd-honours">' in (demo_site / "ca-nhan/nguyen-thi-thu-ha/index.html").read_text("utf-8")


def test_profiles_stay_out_of_the_navigation(demo_site: Path) -> None:
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    assert 'href="ca-nhan/"' in home
    nav = home[home.index('<nav class="md-nav md-nav--primary'):]
    nav = nav[: nav.index("</nav>")]
    assert "nguyen-thi-thu-ha" not in nav


def test_heading_anchors_keep_d_stroke_as_d(demo_site: Path) -> None:
    page = (demo_site / "gioi-thieu/index.html").read_text(encoding="utf-8")
    assert 'id="doi-tuong-duoc-ton-vinh"' in page and 'id="cach-tra-cuu"' in page


def test_dissolved_unit_shows_its_successor(demo_site: Path) -> None:
    page = (demo_site / "don-vi/vksnd-tinh-bac-giang/index.html").read_text(encoding="utf-8")
    assert "Hoạt động đến ngày 30/06/2025" in page and 'href="../../don-vi/vksnd-tinh-bac-ninh/"' in page


def test_offline_theme_no_google_fonts(demo_site: Path) -> None:
    for page in demo_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_another_catalogue_builds_strict(records: Path, tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    site = build_site(copy_project(tmp_path / "p", records))
    assert (site / "ca-nhan/nguyen-thi-thu-ha/index.html").exists()
    assert broken_links(site) == []


def test_empty_catalogue_builds_strict(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    project = tmp_path / "p"
    project.mkdir()
    site = build_site(copy_project(project, tmp_path / "empty"))
    assert "<p>0 cá nhân, xếp theo tên" in (site / "ca-nhan/index.html").read_text(encoding="utf-8")
    assert broken_links(site) == []


def test_bad_records_abort_with_every_error_and_no_traceback(records: Path, tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    copy_project(project, records)
    person = project / "exemplars/people/nguyen-thi-thu-ha.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("position", "postion")
                      .replace("cstd-nganh", "cstd-ngnah"), encoding="utf-8")
    run = subprocess.run([Path(sys.executable).parent / "mkdocs", "build", "--strict"], cwd=project,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert "exemplars/people/nguyen-thi-thu-ha.yml:2: postion: unknown key (did you mean 'position'?)" in run.stderr
    assert "exemplars/people/nguyen-thi-thu-ha.yml:6: honours[0].title: no title with id 'cstd-ngnah'" in run.stderr
    assert "2 error(s) in the records and stories: nothing was built." in run.stdout + run.stderr
    assert not (project / "site").exists()


def test_notices_inform_without_failing_a_strict_build_unless_the_site_asks(records: Path,
                                                                          tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    copy_project(project, records)
    person = project / "exemplars/people/nguyen-thi-thu-ha.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("unit: vks-bac-ninh", "unit: vks-bac-giang"),
                      encoding="utf-8")
    mkdocs = [Path(sys.executable).parent / "mkdocs", "build", "--strict"]
    run = subprocess.run(mkdocs, cwd=project, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert ("notice: exemplars/people/nguyen-thi-thu-ha.yml:3: unit: 'vks-bac-giang' was dissolved on 30/06/2025"
            in run.stderr)
    assert "1 notice(s) about the records: the site is built all the same" in run.stderr
    profile = (project / "site/ca-nhan/nguyen-thi-thu-ha/index.html").read_text(encoding="utf-8")
    assert "(đến 30/06/2025; nay là" in profile  # the profile says what the unit became
    publish = subprocess.run([Path(sys.executable).parent / "vinhdanh", "build"], cwd=project,
                             capture_output=True, text=True, check=False)
    assert publish.returncode == 0 and (project / "site/ca-nhan/nguyen-thi-thu-ha/index.html").exists()

    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - vinhdanh:\n", "  - vinhdanh:\n      strict: true\n"),
                      encoding="utf-8")
    run = subprocess.run(mkdocs, cwd=project, capture_output=True, text=True, check=False)
    assert run.returncode == 1 and "was dissolved on 30/06/2025" in run.stderr
    assert "1 error(s) in the records and stories: nothing was built." in run.stdout + run.stderr
    assert "Traceback" not in run.stderr


def test_export_writes_the_same_pages_for_another_engine(tmp_path: Path) -> None:
    run = subprocess.run([Path(sys.executable).parent / "vinhdanh", "export", str(tmp_path / "out")], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "out/ca-nhan/nguyen-thi-thu-ha.md").read_text(encoding="utf-8").startswith("---\ntitle: ")
    assert (tmp_path / "out/anh/ca-nhan/nguyen-thi-thu-ha-600.jpg").exists()
    assert (tmp_path / "out/anh/ca-nhan/nguyen-thi-thu-ha-320.jpg").exists()
    assert (tmp_path / "out/assets/vinhdanh.css").exists()
    assert (tmp_path / "out/van-ban/21-kh-vkstc-2023.pdf").read_bytes() == (
        ROOT / "exemplars/documents/21-kh-vkstc-2023.pdf").read_bytes()
    assert not (tmp_path / "out/van-ban/du-thao-ke-hoach-2027.pdf").exists()


def test_two_builds_are_byte_identical(demo_site: Path, tmp_path: Path) -> None:
    """Everything but Pagefind's filter files (same data, in a varying order) is reproduced exactly."""
    import gzip

    again = build_site(copy_project(tmp_path))
    varying = ("pagefind/filter/", "pagefind/pagefind-entry.json", ".pf_meta")

    def files(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    first, second = files(demo_site), files(again)
    stable = {k for k in first if not any(v in k for v in varying)}
    assert stable == {k for k in second if not any(v in k for v in varying)}
    assert [k for k in sorted(stable) if first[k] != second[k]] == []

    def filter_bytes(files: dict[str, bytes]) -> list[list[int]]:
        return sorted(sorted(gzip.decompress(v)) for k, v in files.items() if k.startswith("pagefind/filter/"))

    assert filter_bytes(first) == filter_bytes(second)


def test_the_demo_builds_with_properdocs(tmp_path: Path) -> None:
    """ProperDocs, the maintained fork of MkDocs 1.x, builds the same site: the way out when MkDocs stops."""
    import os

    properdocs = os.environ.get("VINHDANH_PROPERDOCS")
    if not properdocs or not Path(properdocs).exists():
        pytest.skip("ProperDocs is not installed here (`make test` installs it in .venv-properdocs)")
    project = copy_project(tmp_path)
    run = subprocess.run([Path(properdocs).resolve(), "build", "--strict", "-f", "mkdocs.yml"], cwd=project, capture_output=True,
                         text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, run.stderr
    site = project / "site"
    assert "Nguyễn Thị Thu Hà" in (site / "ca-nhan/nguyen-thi-thu-ha/index.html").read_text(encoding="utf-8")
    assert list(site.glob("news/2021/01/14/*/index.html")) and (site / "pagefind/pagefind.js").exists()
    assert broken_links(site) == []
