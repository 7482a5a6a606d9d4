"""The browser editor, driven as the press team uses it: Decap CMS in Chromium, on a copy of the demo site.

One editor serves the whole module; the tests run in order (a person, then a story about
her, then the site built from what the editor wrote).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from .browser import ARGS, CHROMIUM
from .editorsite import Running, demo_repository, editor_running, git, require_editor, wait_for
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
    with editor_running(project, folder / "edit.log") as running:
        yield {"base": running.base, "running": running, "project": project, "requests": [], "csp": []}


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
    sign_in(page, editor["running"].address, "Cán bộ Thử")
    yield page
    context.close()


def sign_in(page: Any, address: str, officer: str) -> None:
    """Open the address `vinhdanh edit` printed, give the officer's name, and log in, as the team does."""
    page.goto(address)
    page.get_by_label("Họ và tên người biên tập").fill(officer)
    page.get_by_role("button", name="Vào trình biên tập").click()
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Bộ sưu tập").wait_for()


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
    assert git(project, "log", "-1", "--format=%an|%s", "--name-only") == (
        "Cán bộ Thử|Thêm hồ sơ cá nhân “Đặng Thị Thử Nghiệm” (Cán bộ Thử, trình biên tập)\n\n"
        "exemplars/people/dang-thi-thu-nghiem.yml\nexemplars/photos/chan-dung.jpg\n")
    assert git(project, "status", "--porcelain") == ""


def test_mistakes_are_refused_in_vietnamese_and_nothing_is_written(page: Any, editor: dict[str, Any]) -> None:
    project = editor["project"]
    open_form(page, editor["base"], "collections/people/new")
    choose(page, "Đơn vị hiện nay", "tỉnh Bắc Ninh")
    save(page)  # no name: Decap's own check of a required field
    page.get_by_text("Còn thông tin bắt buộc chưa điền").wait_for()
    # A year out of range passes the form's pattern; the server's check refuses it, field named.
    page.get_by_role("button", name="Thêm khen thưởng").click()
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


def test_an_impossible_date_typed_is_refused_never_saved_empty(page: Any, editor: dict[str, Any]) -> None:
    """Typing 30/02 empties a date field; saving then would lose the date that was there."""
    project = editor["project"]
    record = project / "exemplars/people/dao-thi-tram.yml"
    before = record.read_text(encoding="utf-8")
    open_form(page, editor["base"], "collections/people/entries/dao-thi-tram")
    page.get_by_role("button", name="Mở ra").first.click()
    date = page.get_by_label("Ngày quyết định").first
    assert date.input_value()  # the honour has a date
    date.focus()
    page.keyboard.type("02302021")  # the headless browser's order: month, day, year
    assert date.input_value() == ""
    page.get_by_text("Ngày này không có thật hoặc chưa ghi đủ").wait_for()
    save(page)
    problems = page.locator("#vinhdanh-problems")
    problems.wait_for()
    assert "Ngày quyết định: ngày này không có thật" in problems.inner_text()
    screenshot(page, "desktop-impossible-date")
    time.sleep(1)
    assert record.read_text(encoding="utf-8") == before
    assert git(project, "status", "--porcelain") == ""


def test_an_impossible_date_sent_to_the_backend_is_refused(editor: dict[str, Any]) -> None:
    data = {"name": "Lê Văn B", "unit": "vksnd-tinh-bac-ninh",
            "honours": [{"title": "cstd-nganh", "year": 2020, "date": "2021-02-30"}]}
    request = {"action": "persistEntry", "params": {
        "branch": "main", "dataFiles": [{"slug": "le-van-b", "path": "exemplars/people/le-van-b.yml",
                                         "raw": json.dumps(data)}],
        "assets": [], "options": {"newEntry": True, "useWorkflow": False}}}
    status, answer = editor["running"].post("api/v1", request)
    assert status == 422
    assert answer["vinhdanh"]["errors"] == [{
        "file": "exemplars/people/le-van-b.yml", "line": 6, "field": "honours[0].date",
        "label": "Khen thưởng › mục 1 › Ngày quyết định", "message": "không có ngày 30/02/2021; hãy kiểm tra ngày và tháng",
        "warning": False}]
    assert not (editor["project"] / "exemplars/people/le-van-b.yml").exists()


def test_two_officers_on_one_record_the_later_save_is_refused(browser: Any, editor: dict[str, Any]) -> None:
    project = editor["project"]
    pages = []
    for officer in ("Nguyễn Văn An", "Lê Thị Bình"):
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        officer_page = context.new_page()
        officer_page.set_default_timeout(20_000)
        officer_page.on("dialog", lambda dialog: dialog.accept())
        sign_in(officer_page, editor["running"].address, officer)
        open_form(officer_page, editor["base"], "collections/people/entries/dao-duc-thang")
        pages.append(officer_page)
    an, binh = pages
    an.get_by_label("Tóm tắt thành tích").fill("Tóm tắt do An sửa.")
    save(an)
    an.get_by_text("Đã lưu").first.wait_for()
    binh.get_by_label("Tác giả ảnh").fill("Bình chụp")
    save(binh)
    problems = binh.locator("#vinhdanh-problems")
    problems.wait_for()
    text = problems.inner_text()
    assert "Hồ sơ cá nhân “Đào Đức Thắng” vừa được Nguyễn Văn An lưu lúc" in text and "(đã đổi: Tóm tắt thành tích)" in text
    screenshot(binh, "desktop-conflict")
    assert "API_ERROR" not in binh.content() and str(project) not in binh.content()
    record = (project / "exemplars/people/dao-duc-thang.yml").read_text(encoding="utf-8")
    assert "Tóm tắt do An sửa." in record and "Bình chụp" not in record
    for officer_page in pages:
        officer_page.context.close()


def test_a_photo_named_like_another_never_replaces_it(page: Any, editor: dict[str, Any], tmp_path: Path) -> None:
    project = editor["project"]
    theirs = (project / "exemplars/photos/nguyen-thi-thu-ha.jpg").read_bytes()
    questions: list[str] = []
    page.on("dialog", lambda dialog: dialog.message and questions.append(dialog.message))
    open_form(page, editor["base"], "collections/people/new")
    page.get_by_label("Họ và tên").fill("Lê Văn Trùng Tên Ảnh")
    choose(page, "Đơn vị hiện nay", "tỉnh Bắc Ninh")
    page.get_by_text("Chọn một hình").click()
    upload(page, camera_photo(tmp_path / "nguyen-thi-thu-ha.jpg", (20, 160, 20)))
    save(page)
    page.wait_for_url(re.compile(r"/entries/le-van-trung-ten-anh$"))
    assert questions[0].startswith("Đã có ảnh tên “nguyen-thi-thu-ha.jpg”. Ảnh đó được giữ nguyên")
    assert (project / "exemplars/photos/nguyen-thi-thu-ha.jpg").read_bytes() == theirs
    record = (project / "exemplars/people/le-van-trung-ten-anh.yml").read_text(encoding="utf-8")
    assert "photo: photos/nguyen-thi-thu-ha-2.jpg" in record
    page.locator("#vinhdanh-problems").get_by_text("được lưu với tên “nguyen-thi-thu-ha-2.jpg”").wait_for()
    assert git(project, "status", "--porcelain") == ""


def test_search_finds_names_with_or_without_marks_and_pickers_show_units(page: Any, editor: dict[str, Any]) -> None:
    for number, typed in enumerate(("do van hoa", "Đỗ Văn Hòa", "DO VAN HOÀ")):
        page.goto(f"{editor['base']}admin/?search={number}#/collections/people")
        box = page.get_by_placeholder("Tìm kiếm tất cả")
        box.fill(typed)
        box.press("Enter")
        first = page.locator("a[href*='/entries/']").first
        first.wait_for()
        assert first.inner_text() == "Đỗ Văn Hoà · VKSND tỉnh Thanh Hóa", typed
    open_form(page, editor["base"], "collections/stories/new")
    picker = page.get_by_label("Cá nhân trong bài").last
    picker.click()
    picker.fill("nguyen van hung")
    page.get_by_role("option").nth(1).wait_for()
    options = page.get_by_role("option").all_inner_texts()
    assert {"Nguyễn Văn Hùng · VKSND tỉnh Đắk Lắk", "Nguyễn Văn Hùng · VKSND TP Hồ Chí Minh"} <= set(options), options
    screenshot(page, "desktop-picker")


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
    _wait_until(editor["running"], url.removeprefix(editor["base"]), "Bản nháp", 90)
    page.get_by_label("Bản nháp").click()
    save(page)
    page.get_by_text("Đã lưu").first.wait_for()
    _wait_until_file(story, lambda t: "draft" not in t)
    screenshot(page, "desktop-story")


def test_on_a_phone(browser: Any, editor: dict[str, Any]) -> None:
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    phone = context.new_page()
    sign_in(phone, editor["running"].address, "Cán bộ Thử")
    phone.goto(editor["base"] + "admin/#/collections/people/entries/dang-thi-thu-nghiem")
    phone.get_by_label("Họ và tên").wait_for()
    screenshot(phone, "phone-person")
    context.close()


ATTACK = """
async (editor) => {
  const person = "exemplars/people/nguyen-thi-thu-ha.yml";
  const write = JSON.stringify({action: "persistEntry", params: {branch: "main", assets: [], options: {},
    dataFiles: [{slug: "x", path: person, raw: JSON.stringify({name: "Bị sửa", unit: "vksnd-tinh-bac-ninh"})},
                {slug: "y", path: ".git/config", raw: "[core]\\n\\tfsmonitor = touch /tmp/pwned"}]}});
  const read = JSON.stringify({action: "getEntry", params: {branch: "main", path: person}});
  const seen = {};
  async function attempt(name, url, options) {
    try {
      const response = await fetch(url, options);
      seen[name] = response.type === "opaque" ? "opaque" : response.status + " " + await response.text();
    } catch (error) {
      seen[name] = "blocked";
    }
  }
  const json = {"Content-Type": "application/json", "X-Vinhdanh-Tab": "x"};
  await attempt("read", editor + "api/v1", {method: "POST", credentials: "include", headers: json, body: read});
  await attempt("write", editor + "api/v1", {method: "POST", credentials: "include", headers: json, body: write});
  await attempt("write as text", editor + "api/v1", {method: "POST", mode: "no-cors", credentials: "include",
                                                     headers: {"Content-Type": "text/plain"}, body: write});
  await attempt("config", editor + "admin/config.yml", {credentials: "include"});
  await attempt("preview", editor + "ca-nhan/nguyen-thi-thu-ha/", {credentials: "include"});
  const form = document.createElement("form");
  form.method = "POST"; form.action = editor + "api/v1"; form.enctype = "text/plain"; form.target = "sink";
  const field = document.createElement("input");
  field.name = write.slice(0, -1) + ', "x": "'; field.value = '"}';
  form.append(field);
  const sink = document.createElement("iframe");
  sink.name = "sink";
  document.body.append(sink, form);
  const loaded = new Promise(done => sink.addEventListener("load", done));
  form.submit();
  await loaded;
  try { seen["form"] = sink.contentDocument ? sink.contentDocument.body.innerText : "hidden"; }
  catch (error) { seen["form"] = "hidden"; }
  return seen;
}
"""


def test_another_web_page_can_neither_read_nor_write(browser: Any, editor: dict[str, Any]) -> None:
    """A page the officer visits tries the editor from another port, another site, and a rebound domain."""
    project = editor["project"]
    port = editor["base"].rstrip("/").rsplit(":", 1)[1]
    before = _fingerprint(project)
    # evil.test is a domain its owner made to point at 127.0.0.1, after the officer loaded its page. Chromium's
    # own guard against public pages calling the machine is turned off: other browsers have none.
    switches = ["--host-resolver-rules=MAP evil.test 127.0.0.1",
                "--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,"
                "PrivateNetworkAccessRespectPreflightResults,LocalNetworkAccessChecks"]
    attacker_browser = browser.browser_type.launch(executable_path=str(CHROMIUM), args=[*ARGS, *switches])
    try:
        context = attacker_browser.new_context()
        page = context.new_page()
        page.set_default_timeout(30_000)
        sign_in(page, editor["running"].address, "Cán bộ Thử")  # the officer is signed in; then visits pages
        pages = {"another port": "http://127.0.0.1:1/", "another site": "http://attacker.test/",
                 "rebound domain": f"http://evil.test:{port}/"}
        context.route("**/attack.html", lambda route: route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>Tin hay</title><p>Tin hay</p>"))
        for name, origin in pages.items():
            page.goto(origin + "attack.html")
            seen = page.evaluate(ATTACK, origin if name == "rebound domain" else editor["base"])
            if name == "rebound domain":  # same origin to the browser: the answers are readable, and empty
                assert all(v.startswith("403 ") for k, v in seen.items() if k != "form"), seen
                assert all("Nguyễn" not in v and "0947" not in v for v in seen.values()), seen
            else:  # a request the page may send but not read: refused before its body is read
                assert seen.pop("write as text") in ("opaque", "blocked")
                assert seen == {"read": "blocked", "write": "blocked", "config": "blocked", "preview": "blocked",
                                "form": "hidden"}, (name, seen)
    finally:
        attacker_browser.close()
    assert _fingerprint(project) == before
    assert not Path("/tmp/pwned").exists()


def _fingerprint(project: Path) -> dict[str, str]:
    """Return a hash of every file of the records, the content and git's own files (the index aside)."""
    import hashlib

    files = [*project.glob("exemplars/**/*"), *project.glob("content/**/*"), *project.glob(".git/*"),
             *project.glob(".git/refs/**/*")]
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.is_file() and p.name != "index"}


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


def test_the_preview_lists_mistakes_made_outside_the_editor(page: Any, editor: dict[str, Any]) -> None:
    project = editor["project"]
    record = project / "exemplars/people/dang-thi-thu-nghiem.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("2026-01-15", "2026-02-30"), encoding="utf-8")
    _wait_until(editor["running"], "vinhdanh-preview.html", "không có ngày 30/02/2026", 90)
    for path in ("ca-nhan/dang-thi-thu-nghiem/", ""):  # the page rebuilt, and one a dirty rebuild left as it was
        page.goto(editor["base"] + path)
        problems = page.locator(".vinhdanh-problems")
        problems.wait_for()
        assert "Bản xem trước: 1 lỗi" in problems.inner_text() and "không có ngày 30/02/2026" in problems.inner_text()
    page.goto(editor["base"] + "ca-nhan/dang-thi-thu-nghiem/")
    page.get_by_role("heading", name="Đặng Thị Thử Nghiệm").wait_for()  # as it last was right


def _wait_until(running: Running, path: str, text: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        wait_for(running.base + path, seconds, cookie=running.cookie)
        if text in running.read(path):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} never appeared at {path}")
        time.sleep(1)


def _wait_until_file(path: Path, condition: Any, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition(path.read_text(encoding="utf-8")):
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} never changed as expected")
        time.sleep(0.5)
