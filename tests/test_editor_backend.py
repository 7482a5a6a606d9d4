"""The editor's local backend: only its folders, no save over another's, photos kept, commits as they should be."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from vinhdanh.editor.backend import Backend
from vinhdanh.editor.saving import Editor
from vinhdanh.project import Project
from vinhdanh.records.stories import NewsRules

from .conftest import write
from .editorsite import git

AN = Editor("Nguyễn Văn An", "tab-an")
BINH = Editor("Lê Thị Bình", "tab-binh")
PERSON = "exemplars/people/nguyen-thi-thu-ha.yml"


@pytest.fixture
def project(records: Path) -> Project:
    root = records.parent
    write(root, {"content/news/posts/.keep": "", "content/news/.authors.yml": "authors: {}\n",
                 "content/index.md": "# Trang chủ\n", "mkdocs.yml": "site_name: x\n", ".gitignore": ".cache/\n"})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Bắt đầu")
    return Project(root=root, exemplars=records, docs=root / "content", overrides=root / "overrides",
                   news=NewsRules())


@pytest.fixture
def backend(project: Project) -> Backend:
    return Backend(project)


def call(backend: Backend, action: str, editor: Editor = AN, **params: Any) -> tuple[int, Any]:
    return backend.handle({"action": action, "params": {"branch": "main", **params}}, editor)


def opened(backend: Backend, path: str, editor: Editor = AN) -> dict[str, Any]:
    status, entry = call(backend, "getEntry", editor, path=path)
    assert status == 200
    return json.loads(entry["data"])  # type: ignore[no-any-return]


def persist(backend: Backend, path: str, data: dict[str, Any], editor: Editor = AN, new: bool = False,
            assets: list[dict[str, Any]] | None = None) -> tuple[int, Any]:
    return call(backend, "persistEntry", editor, dataFiles=[{"slug": "x", "path": path, "raw": json.dumps(data)}],
                assets=assets or [], options={"newEntry": new, "collectionName": "people"})


def jpeg(colour: tuple[int, int, int] = (200, 30, 30), kind: str = "JPEG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 80), colour).save(out, kind)
    return out.getvalue()


def asset(path: Any, content: bytes) -> dict[str, Any]:
    return {"path": path, "content": base64.b64encode(content).decode(), "encoding": "base64"}


def tree(root: Path) -> dict[str, str]:
    """Return every file under root (git's folder included) with a hash of its bytes."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".cache" not in p.parts}


def test_records_are_read_as_json_with_their_version_and_unit(backend: Backend, project: Project) -> None:
    data = opened(backend, PERSON)
    content = (project.root / PERSON).read_bytes()
    assert data["vinhdanh_version"] == hashlib.sha256(content).hexdigest()[:24]
    assert data["private"]["phone"] == "0912 345 678" and data["honours"][0]["year"] == 2020
    assert data["vinhdanh_unit"] == "Viện kiểm sát nhân dân tỉnh Bắc Ninh"
    assert data["vinhdanh_search"] == "nguyen thi thu ha vien kiem sat nhan dan tinh bac ninh"
    status, listed = call(backend, "entriesByFolder", folder="exemplars/people", extension="yml", depth=1)
    assert status == 200 and [e["file"]["path"] for e in listed] == [PERSON]


def test_a_save_made_from_an_older_version_is_refused_and_names_what_changed(backend: Backend,
                                                                             project: Project) -> None:
    mine, theirs = opened(backend, PERSON, AN), opened(backend, PERSON, BINH)
    assert persist(backend, PERSON, {**theirs, "position": "Kiểm sát viên cao cấp"}, BINH)[0] == 200
    saved = (project.root / PERSON).read_text(encoding="utf-8")
    status, answer = persist(backend, PERSON, {**mine, "summary": "Bản của An."}, AN)
    assert status == 409
    message = answer["vinhdanh"]["errors"][0]["message"]
    assert message.startswith("Hồ sơ cá nhân “Nguyễn Thị Thu Hà” vừa được Lê Thị Bình lưu lúc ")
    assert "(đã đổi: Chức vụ)" in message and "chưa được ghi" in message
    assert (project.root / PERSON).read_text(encoding="utf-8") == saved  # Bình's save stands
    assert "Bản của An" not in saved


def test_the_same_tab_may_save_its_form_again(backend: Backend, project: Project) -> None:
    form = opened(backend, PERSON)
    assert persist(backend, PERSON, {**form, "position": "Một"})[0] == 200
    assert persist(backend, PERSON, {**form, "position": "Hai"})[0] == 200  # Decap keeps the first version
    assert "position: Hai" in (project.root / PERSON).read_text(encoding="utf-8")
    assert persist(backend, PERSON, {**form, "position": "Ba"}, BINH)[0] == 409  # another tab may not


def test_a_file_changed_by_hand_meanwhile_is_not_overwritten(backend: Backend, project: Project) -> None:
    form = opened(backend, PERSON)
    path = project.root / PERSON
    path.write_text(path.read_text(encoding="utf-8") + "photo_credit: Sửa tay\n", encoding="utf-8")
    status, answer = persist(backend, PERSON, {**form, "position": "Mới"})
    assert status == 409 and "(đã đổi: Tác giả ảnh)" in answer["error"]
    assert "Sửa tay" in path.read_text(encoding="utf-8")


def test_a_new_record_never_replaces_a_file_of_the_same_name(backend: Backend, project: Project) -> None:
    before = (project.root / PERSON).read_bytes()
    status, answer = persist(backend, PERSON, {"name": "Nguyễn Thị Thu Hà", "unit": "vks-bac-giang"}, new=True)
    assert status == 409 and "Bấm Lưu lần nữa" in answer["error"]
    assert (project.root / PERSON).read_bytes() == before


def test_a_photo_with_a_taken_name_gets_its_own_name_and_the_record_points_at_it(backend: Backend,
                                                                                 project: Project) -> None:
    photos = project.exemplars / "photos"
    photos.mkdir()
    theirs = jpeg((10, 10, 200))
    (photos / "chan-dung.jpg").write_bytes(theirs)
    form = opened(backend, PERSON)
    mine = jpeg((200, 10, 10))
    status, answer = persist(backend, PERSON, {**form, "photo": "photos/chan-dung.jpg"},
                             assets=[asset("exemplars/photos/chan-dung.jpg", mine)])
    assert status == 200, answer
    assert (photos / "chan-dung.jpg").read_bytes() == theirs and (photos / "chan-dung-2.jpg").read_bytes() == mine
    assert "photo: photos/chan-dung-2.jpg" in (project.root / PERSON).read_text(encoding="utf-8")
    assert answer["vinhdanh"]["reload"] is True
    assert "được lưu với tên “chan-dung-2.jpg”" in answer["vinhdanh"]["warnings"][0]["message"]
    # Straight into the media library, too.
    status, media = call(backend, "persistMedia", asset=asset("exemplars/photos/chan-dung.jpg", jpeg((0, 99, 0))),
                         options={"commitMessage": "x"})
    assert status == 200 and media["path"] == "exemplars/photos/chan-dung-3.jpg"
    assert (photos / "chan-dung.jpg").read_bytes() == theirs


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("anh.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "không thuộc các mục biên tập"),
    ("anh.gif", jpeg(kind="GIF"), "không thuộc các mục biên tập"),
    ("anh.jpg", b"<html><script>alert(1)</script></html>", "không phải ảnh JPEG, PNG hay WebP"),
    ("anh.jpg", jpeg(kind="GIF"), "không phải ảnh JPEG, PNG hay WebP"),
    ("anh.png", jpeg(), "là ảnh JPEG, nhưng tên tệp lại có đuôi khác"),
])
def test_only_jpeg_png_and_webp_photos_are_accepted(backend: Backend, project: Project, name: str,
                                                    content: bytes, expected: str) -> None:
    before = tree(project.root)
    status, answer = call(backend, "persistMedia", asset=asset(f"exemplars/photos/{name}", content),
                          options={"commitMessage": "x"})
    assert status in (403, 422) and expected in answer["error"]
    assert tree(project.root) == before


HOSTILE = [".git/config", ".git/hooks/pre-commit", "../outside.yml", "/etc/passwd", "exemplars/people/../../x.yml",
           "exemplars\\people\\x.yml", "exemplars/people/.hidden.yml", "exemplars/people/x.yml/", "mkdocs.yml",
           "content/index.md", "exemplars/people/sub/x.yml", "exemplars/people/X Y.yml", "exemplars/photos/a.html",
           "C:/Windows/x.yml", "exemplars/people/x.yml\x00.jpg", "", 42]


@pytest.mark.parametrize("path", HOSTILE)
def test_nothing_outside_the_editor_folders_is_read_or_written(backend: Backend, project: Project,
                                                               path: Any) -> None:
    before = tree(project.root)
    for action, params in [
        ("persistEntry", {"dataFiles": [{"slug": "x", "path": path, "raw": '{"name": "x"}'}], "assets": [],
                          "options": {}}),
        ("persistEntry", {"dataFiles": [{"slug": "x", "path": PERSON, "raw": json.dumps(opened(backend, PERSON))}],
                          "assets": [asset(path, jpeg())], "options": {}}),
        ("persistMedia", {"asset": asset(path, jpeg()), "options": {}}),
        ("deleteFile", {"path": path}), ("deleteFiles", {"paths": [path]}),
        ("getEntry", {"path": path}), ("getMediaFile", {"path": path}), ("getMedia", {"mediaFolder": path}),
        ("entriesByFolder", {"folder": path, "extension": "yml", "depth": 1}),
        ("entriesByFiles", {"files": [{"path": path}]}),
    ]:
        status, answer = call(backend, action, **params)
        assert status == 403, (action, answer)
        assert "Trình biên tập" in answer["error"] or "không" in answer["error"]
        assert str(project.root) not in json.dumps(answer, ensure_ascii=False)
    assert tree(project.root) == before


def test_a_link_out_of_a_folder_is_not_followed(backend: Backend, project: Project, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yml"
    secret.write_text("name: bí mật\n", encoding="utf-8")
    os.symlink(secret, project.exemplars / "people/lien-ket.yml")
    assert call(backend, "getEntry", path="exemplars/people/lien-ket.yml")[0] == 403
    status, listed = call(backend, "entriesByFolder", folder="exemplars/people", extension="yml", depth=1)
    assert "lien-ket" not in json.dumps(listed)
    assert persist(backend, "exemplars/people/lien-ket.yml", {"name": "Ghi đè", "unit": "vks-bac-ninh"})[0] == 403
    assert secret.read_text(encoding="utf-8") == "name: bí mật\n"


def test_a_save_commits_only_its_files_by_the_officer_with_the_record_s_title(backend: Backend,
                                                                              project: Project) -> None:
    (project.root / "content/index.md").write_text("# Đang sửa tay\n", encoding="utf-8")  # not the editor's
    form = opened(backend, PERSON)
    assert persist(backend, PERSON, {**form, "position": "Kiểm sát viên cao cấp"})[0] == 200
    log = git(project.root, "log", "-1", "--format=%an%n%s", "--name-only")
    assert log == ("Nguyễn Văn An\nSửa hồ sơ cá nhân “Nguyễn Thị Thu Hà” (Nguyễn Văn An, trình biên tập)\n\n"
                   f"{PERSON}\n")
    assert git(project.root, "status", "--porcelain") == " M content/index.md\n"


def test_deleting_a_photo_in_use_is_refused(backend: Backend, project: Project) -> None:
    photos = project.exemplars / "photos"
    photos.mkdir()
    (photos / "ha.jpg").write_bytes(jpeg())
    form = opened(backend, PERSON)
    assert persist(backend, PERSON, {**form, "photo": "photos/ha.jpg"})[0] == 200
    status, answer = call(backend, "deleteFiles", paths=["exemplars/photos/ha.jpg"], options={"commitMessage": "x"})
    assert status == 422 and answer["vinhdanh"]["title"] == "Chưa xoá được"
    assert (photos / "ha.jpg").is_file()


def test_every_answer_is_in_vietnamese_without_the_machine_s_folders(backend: Backend, project: Project) -> None:
    answers = [call(backend, "unpublishedEntries"), call(backend, "persistEntry", dataFiles=[{"path": PERSON}]),
               call(backend, "persistEntry", dataFiles=[{"slug": "x", "path": PERSON, "raw": "{không phải JSON"}]),
               call(backend, "persistMedia", asset={"path": "exemplars/photos/a.jpg", "content": "!!"})]
    for status, answer in answers:
        assert status >= 400
        text = json.dumps(answer, ensure_ascii=False)
        assert "API_ERROR" not in text and str(project.root) not in text and "/tmp" not in text
        assert any(c in answer["error"] for c in "ảạãàáđêôơư"), answer["error"]


def test_the_check_at_save_time_still_names_fields_in_vietnamese(backend: Backend, project: Project) -> None:
    raw = {"name": "Trần Văn Bình", "unit": "vks-bac-ninh", "honours": [{"title": "tap-the-ldxs", "year": 2020}]}
    status, answer = persist(backend, "exemplars/people/tran-van-binh.yml", raw, new=True)
    assert status == 422
    [problem] = answer["vinhdanh"]["errors"]
    assert problem["label"] == "Khen thưởng › mục 1 › Danh hiệu, hình thức khen thưởng"
    assert problem["message"] == "'Tập thể lao động xuất sắc' chỉ tặng cho tập thể; hãy chọn danh hiệu khác"
    assert not (project.root / "exemplars/people/tran-van-binh.yml").exists()


def test_removing_a_unit_still_in_use_is_refused_and_names_who_uses_it(backend: Backend, project: Project) -> None:
    units = opened(backend, "exemplars/units.yml")
    units["units"] = [u for u in units["units"] if u["id"] != "vks-bac-ninh"]
    status, answer = persist(backend, "exemplars/units.yml", units)
    assert status == 422
    assert "exemplars/people/nguyen-thi-thu-ha.yml" in {p["file"] for p in answer["vinhdanh"]["errors"]}
    assert subprocess.run(["git", "-C", str(project.root), "diff", "--quiet"]).returncode == 0
