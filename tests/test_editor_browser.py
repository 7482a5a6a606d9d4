"""The browser editor, driven as the press team uses it: Decap CMS in Chromium, on a copy of the demo site.

One editor serves the whole module; the tests run in order (a person, then a story about
her, then the site built from what the editor wrote).
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from .editorsite import demo_repository, editor_running, git, require_editor, wait_for
from .sitebuild import build_site

SHOTS = Path(__file__).resolve().parent.parent / "test-results"
PERSON = """\
name: Đặng Thị Thử Nghiệm
position: Kiểm sát viên sơ cấp
unit: vksnd-tinh-bac-ninh
photo: photos/chan-dung.jpg
photo_credit: Thiên Thanh
summary: Hoàn thành xuất sắc nhiệm vụ năm 2025.
honours:
- title: cstd-nganh
  year: 2025
  decision: 99/QĐ-VKSTC
  date: 2026-01-15
  citation: Có nhiều sáng kiến trong công tác kiểm sát.
"""


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Start the editor on a git copy of the demo site; yield its address, folder and recorded requests."""
    require_editor()
    folder = tmp_path_factory.mktemp("editor")
    project = demo_repository(folder / "site")
    with editor_running(project, folder / "edit.log") as base:
        yield {"base": base, "project": project, "requests": [], "csp": []}


@pytest.fixture(scope="module")
def page(browser: Any, editor: dict[str, Any]) -> Iterator[Any]:
    """A logged-in editor page that records every request and every blocked one."""
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.on("request", lambda request: editor["requests"].append(request.url))
    page.on("dialog", lambda dialog: dialog.accept())  # leaving a refused form: "discard the changes?"
    page.on("console", lambda message: "Content Security Policy" in message.text and editor["csp"].append(message.text))
    page.goto(editor["base"] + "admin/")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Bộ sưu tập").wait_for()
    yield page
    context.close()


def open_form(page: Any, base: str, route: str) -> None:
    """Load the editor afresh at route (#/collections/…), as a bookmark would."""
    open_form.count = getattr(open_form, "count", 0) + 1  # type: ignore[attr-defined]
    page.goto(f"{base}admin/?visit={open_form.count}#/{route}")  # type: ignore[attr-defined]
    page.locator("form, [class*=ControlPane]").first.wait_for()


def choose(page: Any, label: str, text: str) -> None:
    """Pick, in a list field (relation), the first record whose name contains text."""
    box = page.get_by_label(label).last
    box.click()
    box.fill(text)
    page.get_by_role("option").first.wait_for()
    page.keyboard.press("Enter")


def upload(page: Any, photo: Path) -> None:
    """Choose a photo from the computer in the open media library, and use it."""
    page.locator("input[type=file]").set_input_files(str(photo))
    page.get_by_role("button", name="Lấy những cái đã chọn").click()


def save(page: Any) -> None:
    """Press Lưu, then Lưu ngay, as the editor's toolbar offers."""
    page.get_by_role("button", name="Lưu", exact=True).first.click()
    page.get_by_role("menuitem", name="Lưu ngay").click()


def camera_photo(path: Path, colour: tuple[int, int, int]) -> Path:
    """Write a JPEG as a phone would: EXIF with the camera and GPS position, and a comment."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825)[2] = (21.0, 1.0, 40.0)
    Image.new("RGB", (1600, 1200), colour).save(path, "JPEG", quality=90, exif=exif, comment=b"zqsentinelcomment")
    return path


def screenshot(page: Any, name: str, full_page: bool = False) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"editor-{name}.png"), full_page=full_page)


def test_the_editor_speaks_vietnamese_and_loads_nothing_from_elsewhere(page: Any, editor: dict[str, Any]) -> None:
    for name in ("Cá nhân", "Tập thể", "Tin bài", "Đơn vị", "Danh hiệu", "Phong trào"):
        assert page.get_by_role("link", name=name, exact=True).count() == 1, name
    page.get_by_role("link", name="Cá nhân", exact=True).click()
    page.get_by_text("Nguyễn Thị Thu Hà").wait_for()
    screenshot(page, "desktop-list")
    base = editor["base"].rstrip("/")
    assert [u for u in editor["requests"] if not (u.startswith(base + "/") or u.startswith(("blob:", "data:")))] == []
    assert {u.split("?")[0] for u in editor["requests"]} >= {base + "/admin/decap/decap-cms.js", base + "/api/v1"}
    assert editor["csp"] == []


def test_a_person_with_an_honour_and_a_photo(page: Any, editor: dict[str, Any], tmp_path: Path) -> None:
    open_form(page, editor["base"], "collections/people/new")
    page.get_by_label("Họ và tên").fill("Đặng Thị Thử Nghiệm")
    page.get_by_label("Chức vụ").fill("Kiểm sát viên sơ cấp")
    choose(page, "Đơn vị hiện nay", "tỉnh Bắc Ninh")
    page.get_by_text("Chọn một hình").click()
    upload(page, camera_photo(tmp_path / "chan-dung.jpg", (180, 40, 40)))
    page.get_by_label("Tác giả ảnh").fill("Thiên Thanh")
    page.get_by_label("Tóm tắt thành tích").fill("Hoàn thành xuất sắc nhiệm vụ năm 2025.")
    page.get_by_role("button", name="Thêm khen thưởng").click()
    choose(page, "Danh hiệu, hình thức khen thưởng", "Chiến sĩ thi đua ngành")
    page.get_by_label("Năm hoặc giai đoạn").fill("2025")
    page.get_by_label("Số quyết định").fill("99/QĐ-VKSTC")
    page.get_by_label("Ngày quyết định").fill("2026-01-15")
    page.get_by_label("Thành tích").last.fill("Có nhiều sáng kiến trong công tác kiểm sát.")
    page.get_by_label("Công bố trên trang").click()
    screenshot(page, "desktop-person", full_page=True)
    save(page)
    page.wait_for_url(re.compile(r"/entries/dang-thi-thu-nghiem$"))
    project = editor["project"]
    record = project / "exemplars/people/dang-thi-thu-nghiem.yml"
    assert record.read_text(encoding="utf-8") == PERSON
    assert (project / "exemplars/photos/chan-dung.jpg").is_file()
    assert git(project, "log", "-1", "--format=%s") == "Thêm hồ sơ cá nhân “dang-thi-thu-nghiem” (trình biên tập)\n"
    assert git(project, "status", "--porcelain") == ""


def test_mistakes_are_refused_in_vietnamese_and_nothing_is_written(page: Any, editor: dict[str, Any]) -> None:
    project = editor["project"]
    open_form(page, editor["base"], "collections/people/new")
    choose(page, "Đơn vị hiện nay", "tỉnh Bắc Ninh")
    save(page)  # no name: Decap's own check of a required field
    page.get_by_text("Còn thông tin bắt buộc chưa điền").wait_for()
    # An impossible day cannot even be typed: the date field keeps nothing.
    page.get_by_role("button", name="Thêm khen thưởng").click()
    date = page.get_by_label("Ngày quyết định")
    date.fill("2021-02-30")
    assert date.input_value() == ""
    # A year out of range passes the form's pattern; the server's check refuses it, field named.
    page.get_by_label("Họ và tên").fill("Lê Văn Sai Năm")
    choose(page, "Danh hiệu, hình thức khen thưởng", "Chiến sĩ thi đua ngành")
    page.get_by_label("Năm hoặc giai đoạn").fill("2099")
    save(page)
    problems = page.locator("#vinhdanh-problems")
    problems.wait_for()
    text = problems.inner_text()
    assert "Chưa lưu" in text and "Khen thưởng › mục 1 › Năm hoặc giai đoạn" in text and "năm phải từ 1945" in text
    screenshot(page, "desktop-refused")
    assert not list((project / "exemplars/people").glob("le-van-sai-nam*"))
    assert git(project, "status", "--porcelain") == ""


def test_an_impossible_date_sent_to_the_backend_is_refused(editor: dict[str, Any]) -> None:
    raw = "name: Lê Văn B\nunit: vksnd-tinh-bac-ninh\nhonours:\n- title: cstd-nganh\n  year: 2020\n  date: 2021-02-30\n"
    request = {"action": "persistEntry", "params": {
        "branch": "main", "entry": {"slug": "le-van-b", "path": "exemplars/people/le-van-b.yml", "raw": raw},
        "assets": [], "options": {"commitMessage": "x", "useWorkflow": False}}}
    answer = _post(editor["base"] + "api/v1", request)
    assert answer["status"] == 422
    assert answer["body"]["vinhdanh"]["errors"] == [{
        "file": "exemplars/people/le-van-b.yml", "line": 6, "field": "honours[0].date",
        "label": "Khen thưởng › mục 1 › Ngày quyết định", "message": "không có ngày 30/02/2021; hãy kiểm tra ngày và tháng",
        "warning": False}]
    assert not (editor["project"] / "exemplars/people/le-van-b.yml").exists()


def test_a_story_featuring_her_is_a_draft_until_ready(page: Any, editor: dict[str, Any], tmp_path: Path) -> None:
    open_form(page, editor["base"], "collections/stories/new")
    page.get_by_label("Tiêu đề").fill("Gương sáng Đặng Thị Thử Nghiệm")
    page.get_by_label("Tóm tắt").fill("Một kiểm sát viên trẻ ở Bắc Ninh.")
    choose(page, "Cá nhân trong bài", "Thử Nghiệm")
    page.locator("[data-slate-editor]").click()
    page.keyboard.type("Chị là kiểm sát viên trẻ nhất của đơn vị.")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Chèn ảnh").click()
    page.get_by_role("menuitem", name="Ảnh").click()
    page.get_by_text("Chọn một hình").last.click()
    upload(page, camera_photo(tmp_path / "phien-toa.jpg", (40, 90, 160)))
    page.get_by_label("Chú thích ảnh").last.fill("Chị Nghiệm tại phiên tòa rút kinh nghiệm")
    page.get_by_label("Tác giả ảnh").last.fill("Hải Yến")
    save(page)
    page.wait_for_url(re.compile(r"/entries/\d{4}-\d\d-\d\d-guong-sang-dang-thi-thu-nghiem$"))
    project = editor["project"]
    [story] = (project / "content/news/posts").glob("*-guong-sang-dang-thi-thu-nghiem.md")
    text = story.read_text(encoding="utf-8")
    assert "exemplars:\n- dang-thi-thu-nghiem\ndraft: true\n---\n" in text
    assert text.endswith('![Chị Nghiệm tại phiên tòa rút kinh nghiệm](../images/phien-toa.jpg "Ảnh: Hải Yến")\n')
    editor["story"] = story
    # The preview shows the draft, marked as such.
    url = editor["base"] + f"news/{story.stem[:4]}/{story.stem[5:7]}/{story.stem[8:10]}/{story.stem[11:]}/"
    _wait_until(url, "Bản nháp", 90)
    page.get_by_label("Bản nháp").click()
    save(page)
    page.get_by_text("Đã lưu").first.wait_for()
    _wait_until_file(story, lambda t: "draft" not in t)
    screenshot(page, "desktop-story")


def test_on_a_phone(browser: Any, editor: dict[str, Any]) -> None:
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    phone = context.new_page()
    phone.goto(editor["base"] + "admin/")
    phone.get_by_role("button", name="Đăng nhập").click()
    phone.goto(editor["base"] + "admin/#/collections/people/entries/dang-thi-thu-nghiem")
    phone.get_by_label("Họ và tên").wait_for()
    screenshot(phone, "phone-person")
    context.close()


def test_the_built_site_shows_what_the_editor_wrote(editor: dict[str, Any]) -> None:
    project = editor["project"]
    check = subprocess.run([sys.executable, "-m", "vinhdanh.cli", "check"], cwd=project, capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stderr
    site = build_site(project)
    profile = (site / "ca-nhan/dang-thi-thu-nghiem/index.html").read_text(encoding="utf-8")
    assert "Đặng Thị Thử Nghiệm" in profile and "Chiến sĩ thi đua ngành" in profile
    assert "Gương sáng Đặng Thị Thử Nghiệm" in profile  # the story, among the related news
    [story_page] = site.glob("news/*/*/*/guong-sang-dang-thi-thu-nghiem/index.html")
    story = story_page.read_text(encoding="utf-8")
    assert "ca-nhan/dang-thi-thu-nghiem/" in story and "Chị Nghiệm tại phiên tòa rút kinh nghiệm — Ảnh: Hải Yến" in story
    photos = [*site.glob("**/chan-dung*.jpg"), *site.glob("**/phien-toa*.jpg")]
    assert len(photos) >= 2
    for path in photos:
        with Image.open(path) as image:
            assert not image.getexif() and "comment" not in image.info, path
        assert b"zqsentinel" not in path.read_bytes() and b"PhoneMaker" not in path.read_bytes()


def test_the_preview_lists_mistakes_made_outside_the_editor(editor: dict[str, Any]) -> None:
    project = editor["project"]
    record = project / "exemplars/people/dang-thi-thu-nghiem.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("2026-01-15", "2026-02-30"), encoding="utf-8")
    _wait_until(editor["base"], "không có ngày 30/02/2026", 90)
    with urllib.request.urlopen(editor["base"] + "ca-nhan/dang-thi-thu-nghiem/") as response:
        page = response.read().decode("utf-8")
    assert "Bản xem trước: 1 lỗi" in page and "Đặng Thị Thử Nghiệm" in page  # as it last was right


def _post(url: str, data: dict[str, Any]) -> dict[str, Any]:
    import json

    request = urllib.request.Request(url, json.dumps(data).encode(), {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as response:
            return {"status": response.status, "body": json.load(response)}
    except urllib.error.HTTPError as err:
        return {"status": err.code, "body": json.load(err)}


def _wait_until(url: str, text: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        wait_for(url, seconds)
        with urllib.request.urlopen(url) as response:
            if text in response.read().decode("utf-8"):
                return
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} never appeared at {url}")
        time.sleep(1)


def _wait_until_file(path: Path, condition: Any, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition(path.read_text(encoding="utf-8")):
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} never changed as expected")
        time.sleep(0.5)
