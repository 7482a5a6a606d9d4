"""Every kind of mistake is told in Vietnamese in the editor and the preview; the preview keeps going."""

from __future__ import annotations

from pathlib import Path

from vinhdanh.mkdocs_plugin.preview import banner, previewable
from vinhdanh.project import Project
from vinhdanh.records.checks import check
from vinhdanh.records.load import load
from vinhdanh.records.problems_vi import field_label, knows, message_vi
from vinhdanh.records.stories import NewsRules

from .conftest import write

MISTAKES = {
    "people/sai-nhieu.yml": """\
        name: Lê Văn Sai
        postion: Kiểm sát viên
        family_name: Trần
        unit: vks-khong-co
        photo: photos/khong-co.jpg
        published: có
        honours:
          - title: cstd-nganh
            year: 20x0
            date: 2021-02-30
            movement: thi-dua-1999
          - title: tap-the-ldxs
            year: "2020-2016"
          - title: cstd-ngnah
            year: 2099
            date: 14/01/2021
          - {title: bk-vien-truong, year: 2020}
          - {title: bk-vien-truong, year: 2020}
        initiatives:
          - {name: Sáng kiến, year: 2020, level: tinh}
        story: <script>alert(1)</script>
        """,
    "people/Nguyễn Văn Đức.yml": "name: Nguyễn Văn Đức\nunit: vks-bac-ninh\nname: lặp\n",
    "people/hong.yml": "name: [a\n",
    "collectives/tap-the.yml": "name: Phòng A\nunit: vks-bac-giang\nmembers: [khong-co-ai]\n",
}
STORY = """\
---
title: Tin <b>đậm</b>
date: 2021-13-01
authors: [ai-do]
description: Có "ngoặc"
exemplars: [khong-co]
cover:
  alt: thiếu ảnh
---

![](../images/khong-co.jpg)

![Chú thích](https://example.com/anh.jpg)

<iframe src="x"></iframe>
"""


def test_every_mistake_the_checks_find_has_a_vietnamese_message(records: Path) -> None:
    root = records.parent
    write(records, MISTAKES)
    write(records, {"units.yml": (records / "units.yml").read_text(encoding="utf-8")
                    + "- id: vong-a\n  name: A\n  parent: vong-b\n  successor: vks-bac-ninh\n"
                    "- id: vong-b\n  name: B\n  parent: vong-a\n- id: vks-bac-ninh\n  name: Lặp\n",
                    "movements.yml": "- id: m\n  name: M\n  kind: annual\n  start: 2020-05-01\n  end: 2020-01-01\n"})
    write(root, {"content/news/posts/2021-01-01-tin.md": STORY, "content/news/.authors.yml": "authors: {}\n"})
    project = Project(root=root, exemplars=records, docs=root / "content", overrides=root / "o", news=NewsRules())
    problems = check(project.read())
    assert len(problems) > 25
    unknown = [p.message for p in problems if not knows(p.message)]
    assert unknown == []


def test_messages_and_fields_read_as_the_editor_names_them() -> None:
    from vinhdanh.records.fields import PERSON_FIELDS

    assert field_label("honours[2].date", PERSON_FIELDS) == "Khen thưởng › mục 3 › Ngày quyết định"
    assert field_label("private.phone", PERSON_FIELDS) == "Thông tin nội bộ — không bao giờ công bố › phone"
    assert message_vi("no such day: '2021-02-30'; check the day and month") == \
        "không có ngày 30/02/2021; hãy kiểm tra ngày và tháng"
    assert message_vi("something new") == "something new (tiếng Anh)"


def test_the_preview_shows_a_broken_record_as_it_last_was_and_lists_the_problem(records: Path) -> None:
    good = load(records)
    assert check(good) == []
    person = records / "people/nguyen-thi-thu-ha.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("2021-01-14", "2021-02-30"), encoding="utf-8")
    write(records, {"people/moi.yml": "name: Người Mới\nunit: vks-bac-ninh\n",
                    "people/hong.yml": "name: Hỏng\nunit: vks-khong-co\n",
                    "collectives/nhom.yml": "name: Nhóm\nunit: vks-bac-ninh\nmembers: [hong]\n"})
    now = load(records)
    preview = previewable(now, check(now), records.parent, good)
    people = preview.loaded.catalogue.people
    assert people["nguyen-thi-thu-ha"].honours[0].date.isoformat() == "2021-01-14"  # as it last was right
    assert "moi" in people and "hong" not in people  # new and right: shown; never right: left out
    assert "nhom" not in preview.loaded.catalogue.collectives  # it names the record left out
    assert check(preview.loaded) == []
    html = banner(preview.problems)
    assert "Bản xem trước: 2 lỗi" in html and "<script" not in html
    assert "Khen thưởng › mục 1 › Ngày quyết định: không có ngày 30/02/2021" in html


def test_mistakes_in_documents_and_settings_have_vietnamese_messages(records: Path) -> None:
    from vinhdanh.records.settings import read_settings

    pdf = b"%PDF-1.4\n%%EOF\n"
    decision = ("kind: quyet-dinh\nnumber: 123/QĐ-VKSTC\ndate: 2021-01-15\nby: Chủ tịch nước\nsummary: Về việc\n"
                "file: documents/{}\n")
    write(records, {"people/nguyen-thi-thu-ha.yml": (records / "people/nguyen-thi-thu-ha.yml").read_text("utf-8")
                    .replace("    date: 2021-01-14\n", "    date: 2021-01-14\n    by: Viện trưởng VKSND tối cao\n"),
                    "documents/a.yml": decision.format("a.pdf"), "documents/b.yml": decision.format("b.docx"),
                    "documents/c.yml": decision.format("c.pdf"), "documents/d.yml": decision.format("khong-co.pdf"),
                    "documents/e.yml": decision.format("../../x.pdf"), "documents/f.yml": decision.format("f.pdf")})
    (records / "documents/a.pdf").write_bytes(pdf)
    (records / "documents/c.pdf").write_bytes(b"PK\x03\x04")
    (records / "documents/f.pdf").write_bytes(pdf[:9])
    problems = [p.message for p in check(load(records))]
    config = records.parent / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    settings = read_settings(config, {
        "organisation": {"name": "A", "phone": "gọi", "email": "x"}, "related": [{"name": "B", "url": "b.vn"}],
        "authors": {"a": {"name": "A", "description": "B", "avatar": "https://x.vn/a.png"}}}, records.parent)
    problems += [p.message for p in settings.problems]
    assert len(problems) >= 12
    assert [m for m in problems if not knows(m)] == []
    assert message_vi("decision 1/QĐ is dated '14/01/2021' in 2 honour(s) (first at a.yml:9) but '15/01/2021' here; "
                      "correct it here or in the honours") == (
        "quyết định 1/QĐ có ngày '14/01/2021' ở 2 khen thưởng (đầu tiên ở a.yml:9) nhưng ở đây là '15/01/2021'; hãy sửa "
        "cho khớp")
