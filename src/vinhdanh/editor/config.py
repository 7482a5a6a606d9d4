"""The Decap CMS configuration (config.yml), generated from the schema and the site's folders."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

import yaml

from ..project import Project
from ..records.fields import COLLECTIVE_FIELDS, MOVEMENT_FIELDS, PERSON_FIELDS, STORY_FIELDS, TITLE_FIELDS, UNIT_FIELDS
from .fields import MARKDOWN, decap_field, fields_of, relation
from .records import (
    COLLECTIVES_KEY,
    HELPER_KEY,
    LIST_KEYS,
    NOT_EDITED,
    RECORD_ORDER,
    SEARCH_KEY,
    STORY_ORDER,
    UNIT_KEY,
    authors_of,
)

API_PATH = "/api/v1"
"""Where the editor's server answers Decap's local backend."""
SUMMARY = f"{{{{name}}}} · {{{{{UNIT_KEY}}}}}"
"""A person or collective in lists: the name and the unit, to tell namesakes apart."""
SEARCHED = {"name": SEARCH_KEY, "widget": "hidden"}
"""The name (a story's title) and unit without marks, which the server adds to each file it sends.

It is the collections' `identifier_field`: Decap searches a collection by running a greedy fuzzy
match over the identifier, then the summary's fields, so the unmarked text must come first for
"hoa" to find "Hòa" (from the name, "h" would be matched in "Hòa" and the rest no longer follow).
The editor's page fills it in for a new record, whose identifier Decap requires."""


def editor_config(project: Project, base_url: str, branch: str) -> dict[str, Any]:
    """Return Decap's configuration for project, served at base_url, saving to the git branch."""
    api = base_url.rstrip("/") + API_PATH
    exemplars = _from_root(project, project.exemplars)
    collections = [_exemplars(project, "people"), _exemplars(project, "collectives")]
    if project.news:
        collections.append(_stories(project))
    collections += [_list_file(exemplars, kind) for kind in ("units", "titles", "movements")]
    return {
        "locale": "vi",
        # Decap's local ("proxy") backend, the list paged by vinhdanh-editor.js (PagedBackend).
        "backend": {"name": "vinhdanh", "proxy_url": api, "branch": branch},
        "site_url": base_url, "display_url": base_url,
        "media_folder": f"{exemplars}/photos", "public_folder": "photos",
        "omit_empty_optional_fields": True,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }


def config_yaml(config: dict[str, Any]) -> str:
    """Return the configuration as Decap reads it."""
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120)


def _from_root(project: Project, path: Path) -> str:
    """Return path as the local backend names it: relative to the site's folder."""
    return path.resolve().relative_to(project.root.resolve()).as_posix()


def _exemplars(project: Project, folder: str) -> dict[str, Any]:
    person = folder == "people"
    schema = PERSON_FIELDS if person else COLLECTIVE_FIELDS
    labels: dict[str, dict[str, Any]] = {"name": {"label": "Họ và tên" if person else "Tên tập thể"},
              "photo": {"label": "Ảnh chân dung" if person else "Ảnh tập thể"},
              "published": {"default": False}}
    return {
        "name": folder, "label": "Cá nhân" if person else "Tập thể",
        "label_singular": "hồ sơ cá nhân" if person else "hồ sơ tập thể",
        "description": "Hồ sơ điển hình tiên tiến: " + ("mỗi người một hồ sơ." if person else "phòng, đơn vị, tổ."),
        "folder": f"{_from_root(project, project.exemplars)}/{folder}", "extension": "yml", "format": "json",
        "create": True, "delete": True, "slug": f"{{{{fields.{HELPER_KEY}}}}}", "identifier_field": SEARCH_KEY,
        "summary": SUMMARY, "sortable_fields": ["name"],
        "media_folder": f"/{_from_root(project, project.exemplars)}/photos", "public_folder": "photos",
        "preview_path": ("ca-nhan" if person else "tap-the") + "/{{slug}}/", "editor": {"preview": False},
        "fields": [*fields_of(schema, [n for n in RECORD_ORDER if n in schema], labels), SEARCHED],
    }


def _stories(project: Project) -> dict[str, Any]:
    news = project.news
    assert news is not None
    posts = _from_root(project, project.docs / news.posts_dir)
    images = _from_root(project, project.docs / news.blog_dir / "images")
    authors = authors_of(project)
    overrides: dict[str, dict[str, Any]] = {
        "exemplars": {"label": "Cá nhân trong bài", **relation("people", multiple=True)},
        "draft": {"default": True},
        "authors": {"widget": "select", "multiple": True,
                    "options": [{"label": name, "value": key} for key, name in authors.items()]},
    }
    fields = fields_of(STORY_FIELDS, [n for n in STORY_ORDER if n not in NOT_EDITED and n in STORY_FIELDS], overrides)
    at = next(i for i, f in enumerate(fields) if f["name"] == "exemplars") + 1
    fields.insert(at, decap_field(COLLECTIVES_KEY, STORY_FIELDS["exemplars"], label="Tập thể trong bài",
                                  hint="Bài hiện thẻ hồ sơ của tập thể; hồ sơ dẫn về bài",
                                  **relation("collectives", multiple=True)))
    fields.append({"name": "body", "label": "Nội dung", **MARKDOWN, "required": True,
                   "hint": "Đoạn đầu hiện ở danh sách tin. Ảnh: nút + → Ảnh, ghi chú thích và tác giả ảnh"})
    return {
        "name": "stories", "label": "Tin bài", "label_singular": "tin bài",
        "description": "Tin bài mới được lưu là bản nháp: chỉ hiện ở bản xem trước cho đến khi bỏ chọn “Bản nháp”.",
        "folder": posts, "extension": "md", "format": "json-frontmatter", "frontmatter_delimiter": "---",
        "create": True, "delete": True,
        "slug": f"{{{{fields.{HELPER_KEY}}}}}", "identifier_field": SEARCH_KEY, "summary": "{{title}} ({{date}})",
        # The newest first: the list is read whole then (its pages hold the oldest files first).
        "sortable_fields": [{"field": "date", "default_sort": "desc"}, "title"],
        "media_folder": "/" + images, "public_folder": posixpath.relpath(images, posts),
        "fields": [*fields, SEARCHED],
    }


_LIST_LABELS = {"units": ("Đơn vị", "đơn vị", "Cây đơn vị, có lịch sử giải thể, sáp nhập."),
                "titles": ("Danh hiệu", "danh hiệu", "Danh hiệu thi đua và hình thức khen thưởng."),
                "movements": ("Phong trào", "phong trào", "Phong trào thi đua hằng năm và theo đợt.")}
_LIST_SCHEMAS = {"units": UNIT_FIELDS, "titles": TITLE_FIELDS, "movements": MOVEMENT_FIELDS}


def _list_file(exemplars: str, kind: str) -> dict[str, Any]:
    label, singular, description = _LIST_LABELS[kind]
    schema = _LIST_SCHEMAS[kind]
    order = ["name", "id"] + [name for name in schema if name not in ("name", "id")]
    fields = fields_of(schema, order, overrides={"id": {"required": False}})
    item = {"name": LIST_KEYS[kind], "label": label, "widget": "list", "label_singular": singular,
            "summary": "{{fields.name}}", "collapsed": True, "fields": fields}
    return {"name": kind, "label": label, "description": description, "delete": False, "format": "json",
            "editor": {"preview": False},
            "files": [{"name": kind, "label": label, "file": f"{exemplars}/{kind}.yml", "fields": [item]}]}
