"""Starting points: a dated draft story, a record skeleton with a unique id."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from ..text import VIETNAM, nfc, slugify
from .model import Catalogue
from .problems import did_you_mean, quoted


class ScaffoldError(ValueError):
    """The input cannot make a valid file; nothing was written."""


def unique_id(stem: str, taken: Callable[[str], bool]) -> str:
    """Return stem, or stem-2, stem-3… when taken(stem) says that one is used."""
    candidate, number = stem, 1
    while taken(candidate):
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def free_path(folder: Path, stem: str, suffix: str) -> Path:
    """Return folder/stem.suffix, or stem-2, stem-3… when that name is taken."""
    return folder / (unique_id(stem, lambda s: (folder / f"{s}{suffix}").exists()) + suffix)


def story_stem(title: str, when: dt.datetime) -> str:
    """Return the file name (without .md) of a story: its date, then its title as ASCII."""
    return f"{when:%Y-%m-%d}-{slugify(title)[:60].rstrip('-')}"


def new_story(posts_dir: Path, title: str, now: dt.datetime | None = None) -> Path:
    """Write a draft story dated now, with its front matter filled in; return its path."""
    title = nfc(title).strip()
    if not slugify(title):
        raise ScaffoldError("the title is empty; give the story a title in quotes: vinhdanh new story \"Tiêu đề\"")
    now = (now or dt.datetime.now(VIETNAM)).astimezone(VIETNAM).replace(microsecond=0)
    path = free_path(posts_dir, story_stem(title, now), ".md")
    posts_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(f"""---
title: {json.dumps(title, ensure_ascii=False)}
date: {now.isoformat(sep=" ")}
authors: []            # ids from news/.authors.yml
categories: []         # e.g. [Hội nghị]
description: Một hoặc hai câu tóm tắt, hiện ở danh sách tin và khi chia sẻ liên kết.
# cover:
#   image: ../images/ten-anh.jpg
#   alt: Mô tả ảnh
#   credit: Tên người chụp
exemplars: []          # ids of the people and collectives in the story
# movement: thi-dua-2025
draft: true            # delete this line to publish
---

Đoạn mở đầu: hiện trong danh sách tin.

<!-- more -->

Nội dung bài viết. Ảnh có chú thích và tác giả:

<!-- ![Chú thích ảnh](../images/ten-anh.jpg "Ảnh: Tên người chụp") -->
""", encoding="utf-8")
    return path


def new_exemplar(root: Path, kind: str, name: str, unit: str, catalogue: Catalogue) -> Path:
    """Write the skeleton of a person's or a collective's record; return its path."""
    name = " ".join(nfc(name).split())
    if not slugify(name):
        raise ScaffoldError("the name is empty; write it as in the decision, in quotes")
    if unit not in catalogue.units:
        raise ScaffoldError(f"no unit with id {quoted(unit)} in units.yml{did_you_mean(unit, catalogue.units)}; "
                            "use --unit with an id from exemplars/units.yml")
    folder = root / ("people" if kind == "person" else "collectives")
    folder.mkdir(parents=True, exist_ok=True)
    path = free_path(folder, slugify(name), ".yml")
    person_lines = "position: Chức vụ\n" if kind == "person" else "members: []           # ids of people\n"
    path.write_text(f"""name: {json.dumps(name, ensure_ascii=False)}
{person_lines}unit: {unit}
# photo: photos/{path.stem}.jpg
# photo_credit: Tên người chụp
summary: Một đoạn tóm tắt thành tích.
honours: []
#  - title: cstd-nganh
#    year: {dt.date.today().year - 1}
#    decision: 123/QĐ-VKSTC
#    date: {dt.date.today().isoformat()}
published: false       # true when the record is complete
""", encoding="utf-8")
    return path
