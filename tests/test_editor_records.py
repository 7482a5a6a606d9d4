"""What the editor shows and what it saves: the record format kept, defaults and list files as they were."""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from vinhdanh.checks import check
from vinhdanh.editor import api
from vinhdanh.editor.records import from_editor, new_record_stem, new_story_stem, to_editor
from vinhdanh.load import load
from vinhdanh.project import Project
from vinhdanh.stories import NewsRules
from vinhdanh.text import nfc
from vinhdanh.yamlfile import YamlFile, parse_yaml

from .conftest import write
from .sitebuild import ROOT


def data(text: str) -> Any:
    doc = parse_yaml(text, "t")
    assert isinstance(doc, YamlFile)
    return doc.data


@pytest.mark.parametrize("path", sorted([*(ROOT / "exemplars").glob("people/*.yml"),
                                         *(ROOT / "exemplars").glob("collectives/*.yml")]), ids=lambda p: p.stem)
def test_every_demo_record_comes_back_unchanged(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    kind = path.parent.name
    shown = to_editor(kind, text, set())
    assert data(shown)["published"] in (True, False)
    saved = from_editor(kind, shown, text)
    assert data(saved) == data(nfc(text))  # some demo records are saved decomposed on purpose


@pytest.mark.parametrize("name", ["units", "titles", "movements"])
def test_a_list_file_is_edited_under_one_key_and_saved_in_its_own_form(name: str) -> None:
    text = (ROOT / f"exemplars/{name}.yml").read_text(encoding="utf-8")
    shown = to_editor(name, text, set())
    assert list(data(shown)) == [name]
    saved = from_editor(name, shown, text)
    assert data(saved) == data(text)
    assert saved.startswith("#") == text.startswith("#")  # the file's explanations are kept
    mapping = "units:\n- id: a\n  name: A\n"
    assert from_editor(name, "units:\n- id: a\n  name: A\n" if name == "units" else shown, mapping).startswith(
        f"{name}:\n")


def test_a_list_file_under_one_key_reads_as_the_list_itself(records: Path, tmp_path: Path) -> None:
    as_list = load(records)
    for name in ("units", "titles", "movements"):
        path = records / f"{name}.yml"
        path.write_text(f"# Giải thích\n{name}:\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    as_mapping = load(records)
    assert as_mapping.problems == [] and check(as_mapping) == []
    assert as_mapping.catalogue == as_list.catalogue
    (records / "units.yml").write_text("units: []\nother: []\n", encoding="utf-8")
    assert "under one key 'units:'" in str(load(records).problems[0])


def test_new_list_items_get_ids_from_their_names() -> None:
    saved = from_editor("units", "units:\n- name: Phòng Đào tạo\n- name: Phòng Đào tạo\n- id: giu-nguyen\n"
                        "  name: X\n", "- id: old\n  name: Old\n")
    assert [u["id"] for u in data(saved)] == ["phong-dao-tao", "phong-dao-tao-2", "giu-nguyen"]


def test_a_save_is_written_as_the_project_writes_records() -> None:
    raw = """name: ' Lê Thị Đào '
vinhdanh_id: le-thi-dao
position: ''
unit: vks-bac-ninh
photo: photos/le-thi-dao.jpg
honours:
- title: cstd-nganh
  year: '2020'
  date: '2021-01-14'
  citation: ''
initiatives: []
published: true
private:
  birth_date: '1980-05-01'
  phone: 0912 345 678
story: "Đoạn một.\\n\\nĐoạn hai."
"""
    assert from_editor("people", raw, None) == """\
name: Lê Thị Đào
unit: vks-bac-ninh
photo: photos/le-thi-dao.jpg
honours:
- title: cstd-nganh
  year: 2020
  date: 2021-01-14
story: |
  Đoạn một.

  Đoạn hai.
private:
  birth_date: 1980-05-01
  phone: 0912 345 678
"""


def test_a_story_keeps_people_and_collectives_together_and_leaves_ready_stories_without_draft() -> None:
    text = "---\ntitle: Tin\ndate: 2021-01-14 08:30:00\nexemplars: [ha, phong-1]\n---\n\nBài.\n"
    shown = to_editor("stories", text, {"phong-1"})
    meta = data(shown.split("---")[1])
    assert meta["exemplars"] == ["ha"] and meta["exemplars_collectives"] == ["phong-1"] and meta["draft"] is False
    assert from_editor("stories", shown, text) == "---\ntitle: Tin\ndate: 2021-01-14 08:30:00\nexemplars:\n- ha\n" \
        "- phong-1\n---\n\nBài.\n"
    draft = shown.replace("draft: false", "draft: true")
    assert "draft: true\n---" in from_editor("stories", draft, text)


def test_new_records_are_named_as_vinhdanh_new_names_them(tmp_path: Path) -> None:
    folder = tmp_path / "people"
    folder.mkdir()
    assert new_record_stem(folder, "Đỗ Văn Đức") == "do-van-duc"
    (folder / "do-van-duc.yml").write_text("name: x\n", encoding="utf-8")
    assert new_record_stem(folder, "Đỗ  Văn Đức") == "do-van-duc-2"
    assert new_story_stem(tmp_path, "Hội nghị: Đảng ủy!", "2026-03-10 08:00:00") == "2026-03-10-hoi-nghi-dang-uy"


# --- The local backend's checks (decap-server replaced by a recorder) -------------------


@pytest.fixture
def project(records: Path) -> Project:
    root = records.parent
    write(root, {"content/news/posts/.keep": "", "content/news/.authors.yml": "authors: {}\n"})
    return Project(root=root, exemplars=records, docs=root / "content", overrides=root / "overrides",
                   news=NewsRules())


class Recorder:
    """Stands in for decap-server: keeps what it would have written."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []

    def __call__(self, request: dict[str, Any]) -> tuple[int, Any]:
        self.requests.append(request)
        return 200, {"message": "entry persisted"}


def persist(path: str, raw: str, assets: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"action": "persistEntry", "params": {"branch": "main", "entry": {"slug": "x", "path": path, "raw": raw},
                                                 "assets": assets or [], "options": {"commitMessage": "m"}}}


def test_a_valid_save_goes_on_in_the_record_format(project: Project) -> None:
    forward = Recorder()
    raw = "name: Trần Văn Bình\nunit: vks-bac-ninh\nvinhdanh_id: tran-van-binh\npublished: true\n"
    status, _ = api.handle(project, persist("exemplars/people/tran-van-binh.yml", raw), forward)
    assert status == 200
    assert forward.requests[0]["params"]["entry"]["raw"] == "name: Trần Văn Bình\nunit: vks-bac-ninh\n"


def test_a_title_for_collectives_is_refused_on_a_person(project: Project) -> None:
    forward = Recorder()
    raw = "name: Trần Văn Bình\nunit: vks-bac-ninh\nhonours:\n- title: tap-the-ldxs\n  year: 2020\n"
    status, answer = api.handle(project, persist("exemplars/people/tran-van-binh.yml", raw), forward)
    assert status == 422 and forward.requests == []
    [problem] = answer["vinhdanh"]["errors"]
    assert problem["label"] == "Khen thưởng › mục 1 › Danh hiệu, hình thức khen thưởng"
    assert problem["message"] == "'Tập thể lao động xuất sắc' chỉ tặng cho tập thể; hãy chọn danh hiệu khác"


def test_removing_a_unit_still_in_use_is_refused_and_names_who_uses_it(project: Project) -> None:
    units = (project.exemplars / "units.yml").read_text(encoding="utf-8")
    without = to_editor("units", units, set()).replace("- id: vks-bac-ninh\n  name: Viện kiểm sát nhân dân tỉnh "
                                                       "Bắc Ninh\n  parent: vks-toi-cao\n", "")
    status, answer = api.handle(project, persist("exemplars/units.yml", without), Recorder())
    assert status == 422
    files = {p["file"] for p in answer["vinhdanh"]["errors"]}
    assert "exemplars/people/nguyen-thi-thu-ha.yml" in files
    assert all("không có đơn vị mã 'vks-bac-ninh'" in p["message"] for p in answer["vinhdanh"]["errors"]
               if p["field"] == "unit")


def test_a_damaged_photo_is_refused(project: Project) -> None:
    bad = {"path": "exemplars/photos/hong.jpg", "content": base64.b64encode(b"not a photo").decode(),
           "encoding": "base64"}
    raw = "name: Trần Văn Bình\nunit: vks-bac-ninh\nphoto: photos/hong.jpg\n"
    status, answer = api.handle(project, persist("exemplars/people/tran-van-binh.yml", raw, [bad]), Recorder())
    assert status == 422
    assert "không phải ảnh đọc được" in answer["vinhdanh"]["errors"][0]["message"]
    good = io.BytesIO()
    Image.new("RGB", (40, 30)).save(good, "JPEG")
    fine = {**bad, "content": base64.b64encode(good.getvalue()).decode()}
    assert api.handle(project, persist("exemplars/people/tran-van-binh.yml", raw, [fine]), Recorder())[0] == 200


def test_reads_come_back_as_the_editor_shows_them(project: Project) -> None:
    text = (project.exemplars / "units.yml").read_text(encoding="utf-8")

    def forward(request: dict[str, Any]) -> tuple[int, Any]:
        return 200, {"data": text, "file": {"path": "exemplars/units.yml", "id": "1"}}

    status, answer = api.handle(project, {"action": "getEntry", "params": {"path": "exemplars/units.yml"}}, forward)
    assert status == 200 and list(data(answer["data"])) == ["units"]
