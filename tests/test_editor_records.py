"""What the editor shows and what it saves: the record format kept, defaults and list files as they were."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vinhdanh.editor.records import from_editor, new_record_stem, new_story_stem, to_editor
from vinhdanh.records.checks import check
from vinhdanh.records.load import load
from vinhdanh.records.yamlfile import YamlFile, parse_yaml
from vinhdanh.text import nfc

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
    assert json.loads(shown)["published"] in (True, False)
    saved = from_editor(kind, shown, text)
    assert data(saved) == data(nfc(text))  # some demo records are saved decomposed on purpose


@pytest.mark.parametrize("name", ["units", "titles", "movements"])
def test_a_list_file_is_edited_under_one_key_and_saved_in_its_own_form(name: str) -> None:
    text = (ROOT / f"exemplars/{name}.yml").read_text(encoding="utf-8")
    shown = to_editor(name, text, set())
    assert list(json.loads(shown)) == [name]
    saved = from_editor(name, shown, text)
    assert data(saved) == data(text)
    assert saved.startswith("#") == text.startswith("#")  # the file's explanations are kept
    mapping = f"{name}:\n- id: a\n  name: A\n"
    assert from_editor(name, shown, mapping).startswith(f"{name}:\n")


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
    sent = {"units": [{"name": "Phòng Đào tạo"}, {"name": "Phòng Đào tạo"}, {"id": "giu-nguyen", "name": "X"}]}
    saved = from_editor("units", json.dumps(sent), "- id: old\n  name: Old\n")
    assert [u["id"] for u in data(saved)] == ["phong-dao-tao", "phong-dao-tao-2", "giu-nguyen"]


def test_a_save_is_written_as_the_project_writes_records() -> None:
    sent = {"name": " Lê Thị Đào ", "vinhdanh_id": "le-thi-dao", "vinhdanh_version": "abc", "vinhdanh_unit": "X",
            "position": "", "unit": "vks-bac-ninh", "photo": "photos/le-thi-dao.jpg",
            "honours": [{"title": "cstd-nganh", "year": "2020", "date": "2021-01-14", "citation": ""}],
            "initiatives": [], "published": True,
            "private": {"birth_date": "1980-05-01", "phone": "0912 345 678"}, "story": "Đoạn một.\n\nĐoạn hai."}
    assert from_editor("people", json.dumps(sent), None) == """\
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


@pytest.mark.parametrize("phone", ["0912345678", "0123456", "0912 345 678", "+84 912 345 678", "1e3", "yes"])
def test_text_stays_text_both_ways(phone: str, tmp_path: Path) -> None:
    """A phone number keeps its leading 0 when the editor shows a record and when it saves it."""
    written = from_editor("people", json.dumps({"name": "Lê Văn A", "unit": "u", "private": {"phone": phone}}), None)
    assert data(written)["private"]["phone"] == phone
    assert json.loads(to_editor("people", written, set()))["private"]["phone"] == phone
    by_hand = f"name: Lê Văn A\nunit: u\nprivate:\n  phone: {phone}\n"  # written without quotes
    if phone != "yes":  # YAML reads this one as a truth value, as written
        assert json.loads(to_editor("people", by_hand, set()))["private"]["phone"] == phone


def test_a_story_keeps_people_and_collectives_together_and_leaves_ready_stories_without_draft() -> None:
    text = "---\ntitle: Tin\ndate: 2021-01-14 08:30:00\nexemplars: [ha, phong-1]\n---\n\nBài.\n"
    shown = to_editor("stories", text, {"phong-1"})
    assert shown.startswith("---\n{") and shown.endswith("\n---\n\nBài.\n")
    meta = json.loads(shown.split("\n---\n")[0].removeprefix("---\n"))
    assert meta["exemplars"] == ["ha"] and meta["exemplars_collectives"] == ["phong-1"] and meta["draft"] is False
    # Decap sends JSON front matter without its outer braces, between the same lines.
    sent = "---\n" + json.dumps(meta, indent=2)[1:-1].strip("\n") + "\n---\n\nBài.\n"
    assert from_editor("stories", sent, text) == "---\ntitle: Tin\ndate: 2021-01-14 08:30:00\nexemplars:\n- ha\n" \
        "- phong-1\n---\n\nBài.\n"
    assert "draft: true\n---" in from_editor("stories", sent.replace('"draft": false', '"draft": true'), text)


def test_new_records_are_named_as_vinhdanh_new_names_them(tmp_path: Path) -> None:
    folder = tmp_path / "people"
    folder.mkdir()
    assert new_record_stem(folder, "Đỗ Văn Đức") == "do-van-duc"
    (folder / "do-van-duc.yml").write_text("name: x\n", encoding="utf-8")
    assert new_record_stem(folder, "Đỗ  Văn Đức") == "do-van-duc-2"
    assert new_story_stem(tmp_path, "Hội nghị: Đảng ủy!", "2026-03-10 08:00:00") == "2026-03-10-hoi-nghi-dang-uy"
