"""The editor's configuration is generated from the schema: it cannot drift from the rules the checks apply."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from vinhdanh.editor.config import config_yaml, editor_config
from vinhdanh.editor.fields import CHOICE_LABELS, decap_field
from vinhdanh.editor.records import COLLECTIVES_KEY, NOT_EDITED, RECORD_ORDER, SCHEMAS, SEARCH_KEY, STORY_ORDER
from vinhdanh.mkdocs_plugin.project_config import load_project
from vinhdanh.records import schema as s
from vinhdanh.records.load import LIST_FILES

from .sitebuild import ROOT

RELABELLED = {("people", "name"), ("people", "photo"), ("collectives", "name"), ("collectives", "photo"),
              ("stories", "exemplars")}
"""Fields the schema shares between kinds, named for each in the form ("Họ và tên", "Tên tập thể")."""


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    return yaml.safe_load(config_yaml(editor_config(load_project(ROOT / "mkdocs.yml"), "http://127.0.0.1:8000/",
                                                    "main")))


def collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == name)


def fields_of(config: dict[str, Any], name: str) -> dict[str, dict[str, Any]]:
    found = collection(config, name)
    fields = found["fields"] if "fields" in found else found["files"][0]["fields"][0]["fields"]
    return {f["name"]: f for f in fields}


def test_collections_are_labelled_in_vietnamese_and_point_at_the_records(config: dict[str, Any]) -> None:
    labels = {c["name"]: c["label"] for c in config["collections"]}
    assert labels == {"people": "Cá nhân", "collectives": "Tập thể", "stories": "Tin bài", "units": "Đơn vị",
                      "titles": "Danh hiệu", "movements": "Phong trào"}
    assert collection(config, "people")["folder"] == "exemplars/people"
    assert collection(config, "stories")["folder"] == "content/news/posts"
    assert collection(config, "stories")["media_folder"] == "/content/news/images"
    assert collection(config, "stories")["public_folder"] == "../images"
    assert collection(config, "people")["media_folder"] == "/exemplars/photos"
    assert collection(config, "units")["files"][0]["file"] == "exemplars/units.yml"
    assert config["locale"] == "vi" and config["backend"]["proxy_url"] == "http://127.0.0.1:8000/api/v1"
    assert config["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}


@pytest.mark.parametrize("name", ["people", "collectives", "units", "titles", "movements", "stories"])
def test_every_field_of_the_schema_is_in_the_form_with_its_rules(config: dict[str, Any], name: str) -> None:
    schema = SCHEMAS[name]
    form = fields_of(config, name)
    expected = {k for k in schema if not (name == "stories" and k in NOT_EDITED)}
    assert set(form) - {"body", COLLECTIVES_KEY, SEARCH_KEY} == expected
    for key in expected:
        field, rule = form[key], schema[key]
        assert field["label"] == rule.label or (name, key) in RELABELLED
        assert field.get("hint", "") == rule.help
        assert field["required"] is (rule.required and key != "id")  # ids are made from the name
        if isinstance(rule.check, s.OneOf):
            assert [o["value"] for o in field["options"]] == list(rule.check.choices)
        if isinstance(rule.check, s.ListOf) and isinstance(rule.check.item, s.MappingOf):
            parts = {f["name"]: f for f in field["fields"]}
            assert set(parts) == set(rule.check.item.fields)
            assert all(parts[k]["required"] is r.required for k, r in rule.check.item.fields.items())


def test_every_field_has_a_vietnamese_label_and_every_choice_a_name() -> None:
    for name, schema in SCHEMAS.items():
        for key, rule in schema.items():
            if name == "stories" and key in NOT_EDITED:
                continue
            assert rule.label, f"{name}.{key}"
            for check in (rule.check, getattr(rule.check, "item", None)):
                if isinstance(check, s.MappingOf):
                    assert all(part.label for part in check.fields.values()), f"{name}.{key}"
                if isinstance(check, s.OneOf):
                    assert set(check.choices) <= set(CHOICE_LABELS), f"{name}.{key}"
    assert set(RECORD_ORDER) >= set(SCHEMAS["people"]) | set(SCHEMAS["collectives"])
    assert set(STORY_ORDER) >= set(SCHEMAS["stories"])


def test_ids_are_chosen_from_lists_not_typed(config: dict[str, Any]) -> None:
    person = fields_of(config, "people")
    assert person["unit"]["widget"] == "relation" and person["unit"]["value_field"] == "units.*.id"
    honour = {f["name"]: f for f in person["honours"]["fields"]}
    assert {honour[k]["collection"] for k in ("title", "unit", "movement")} == {"titles", "units", "movements"}
    assert fields_of(config, "collectives")["members"] | {"multiple": True} == fields_of(config, "collectives")["members"]
    story = fields_of(config, "stories")
    assert story["exemplars"]["collection"] == "people" and story[COLLECTIVES_KEY]["collection"] == "collectives"
    assert [o["value"] for o in story["authors"]["options"]] == ["minh-nhat", "thien-thanh", "hai-yen"]
    assert fields_of(config, "units")["parent"]["collection"] == "units"


def test_a_new_field_without_a_label_stops_the_generator() -> None:
    with pytest.raises(ValueError, match="has no label"):
        decap_field("rank", s.Field(s.integer, True))
    with pytest.raises(ValueError, match="no editor widget"):
        decap_field("odd", s.Field(lambda reader, key, value: value, False, "Lạ"))


def test_the_list_files_keep_their_names() -> None:
    assert LIST_FILES == {"units.yml": "units", "titles.yml": "titles", "movements.yml": "movements"}


def test_the_editor_is_never_part_of_the_site(demo_site: Path) -> None:
    assert not (demo_site / "admin").exists()
    assert not any("decap" in p.name.lower() for p in demo_site.rglob("*"))
