"""Hostile files: refused quickly and by name; nothing outside the repository is read, published or echoed."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import struct
import subprocess
import sys
import time
import zlib
from importlib.resources import files as package_files
from pathlib import Path

import pytest
from PIL import Image

from vinhdanh.cli import main
from vinhdanh.records.active_files import NEVER_PUBLISHED
from vinhdanh.records.checks import check
from vinhdanh.records.load import load
from vinhdanh.records.problems import quoted
from vinhdanh.records.stories import NewsRules, load_stories
from vinhdanh.records.yamlfile import MAX_BYTES, MAX_DEPTH, MAX_NODES

from .conftest import PERSON, write
from .sitebuild import copy_project, drop_setting

P = "exemplars/people/nguyen-thi-thu-ha.yml"
VINHDANH = Path(sys.executable).parent / "vinhdanh"
LAUGHS = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
NEXT = dt.date.today().year + 1
SECRET = "root:x:0:0:zqs-secret-sentinel:/root:/bin/bash\n"


def problems_in(records: Path) -> list[str]:
    """Return every problem as printed, with paths relative to records' parent."""
    base = str(records.parent) + "/"
    return [("warning: " if p.warning else "") + str(p).replace(base, "") for p in check(load(records))]


def with_person(records: Path, text: str) -> list[str]:
    (records / "people/nguyen-thi-thu-ha.yml").write_text(text, encoding="utf-8")
    return problems_in(records)


# --- YAML: aliases, limits, tags, encodings -----------------------------------------------------------

def test_billion_laughs_is_refused_before_anything_is_expanded(records: Path) -> None:
    text = PERSON + "  notes:\n" + "".join(f"    {line}\n" for line in LAUGHS.splitlines())
    assert len(text.encode()) < 1200
    start = time.perf_counter()
    assert with_person(records, text) == [
        f"{P}:15: YAML anchors ('&a0') are not allowed in records; write the value out where it is needed "
        "(text that starts with '&' goes in quotes)",
    ]
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize("where", ["record", "story", "authors"])
def test_an_alias_is_refused_at_its_line(records: Path, where: str) -> None:
    message = "YAML aliases are not allowed in records; write the value out (text that starts with '*' goes in quotes)"
    docs = records.parent / "content"
    story = "---\ntitle: Tin\ndate: 2024-01-01\n---\n\nMở đầu.\n\n<!-- more -->\n"
    authors = "authors:\n  minh-nhat:\n    name: Minh Nhật\n    description: Phóng viên\n    avatar: a.svg\n"
    if where == "record":
        expected = f"{P}:4: {message}"
        (records / "people/nguyen-thi-thu-ha.yml").write_text(
            PERSON.replace("summary: Hoàn thành xuất sắc nhiệm vụ.", "summary: *tom-tat"), encoding="utf-8")
    elif where == "story":
        expected = f"content/news/posts/x.md:2: {message}"
        story = story.replace("title: Tin", "title: *tieu-de")
    else:
        expected = f"content/news/.authors.yml:4: {message}"
        authors = authors.replace("description: Phóng viên", "description: *phong-vien")
    write(docs, {"news/posts/x.md": story, "news/.authors.yml": authors})
    loaded = load(records)
    load_stories(docs, NewsRules(), loaded)
    base = str(records.parent) + "/"
    assert [str(p).replace(base, "") for p in check(loaded)] == [expected]


def test_a_path_too_long_for_the_file_system_is_not_found(records: Path) -> None:
    long = "x" * 3000
    docs = records.parent / "content"
    write(docs, {"news/posts/x.md": f"---\ntitle: Tin\ndate: 2024-01-01\ncover:\n  image: {long}\n---\n\nMở đầu.\n"})
    assert with_person(records, PERSON.replace("summary:", f"photo: {long}\nsummary:")) == [
        f"{P}:4: photo: file not found: exemplars/{'x' * 80}…; the path is relative to exemplars/"]
    loaded = load(records)
    load_stories(docs, NewsRules(), loaded)
    assert [(p.path.rsplit("/", 1)[-1], p.field) for p in loaded.problems if "not found" in p.message] == [
        ("nguyen-thi-thu-ha.yml", "photo"), ("x.md", "cover.image")]


def test_limits_of_size_values_and_depth(records: Path) -> None:
    person = records / "people/nguyen-thi-thu-ha.yml"
    person.write_text(PERSON + "story: " + "Câu chuyện dài. " * (MAX_BYTES // 16), encoding="utf-8")
    assert problems_in(records) == [
        f"{P}: the file is larger than 4 MB, far more than any record; check that it is the right file"]
    person.write_text(PERSON, encoding="utf-8")
    units = records / "units.yml"
    original = units.read_text(encoding="utf-8")
    units.write_text(original + "- id: u\n  name: U\n" * (MAX_NODES // 5), encoding="utf-8")
    start = time.perf_counter()
    [problem] = [p for p in problems_in(records) if p.startswith("exemplars/units.yml")]
    assert problem.endswith(f"more than {MAX_NODES:,} values in one file, far more than any record; split the file "
                            "or check that it is the right one")
    assert time.perf_counter() - start < 5
    units.write_text(original, encoding="utf-8")
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    assert with_person(records, PERSON.replace("phone: ", f"phone: {deep}\n  fax: ")) == [
        f"{P}:13: values nested more than {MAX_DEPTH} levels deep, far more than any record; "
        "check the brackets and indentation"]


@pytest.mark.parametrize("nesting", ["[" * 5000, "- " * 5000 + "x", "{a: " * 5000, "[" * 990 + "]" * 990])
def test_five_thousand_levels_of_nesting_are_refused_cleanly(records: Path, nesting: str) -> None:
    [problem] = with_person(records, PERSON.replace("summary: Hoàn", f"summary:\n  {nesting}\nx: Hoàn"))
    assert problem.startswith(f"{P}:5: ")
    assert "nest" in problem and len(problem) < 200


def test_tags_that_build_objects_are_refused_and_never_run(records: Path, tmp_path: Path) -> None:
    ran = tmp_path / "ran"
    text = PERSON.replace("summary: Hoàn", f"summary: !!python/object/apply:os.system ['touch {ran}']\nx: Hoàn")
    assert with_person(records, text) == [
        f"{P}:4: invalid YAML: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'; write plain text, numbers, lists and 'key: value' "
        "lines only"]
    assert not ran.exists()
    assert with_person(records, PERSON.replace("unit: vks", "unit: !!python/name:os.system\nx: vks", 1))[0].startswith(
        f"{P}:3: invalid YAML: could not determine a constructor for the tag")


@pytest.mark.parametrize(("value", "expected"), [
    ("!!int abc", "this value cannot be read as int: 'abc'"),
    ("!!timestamp 2021-13-45", "this value cannot be read as timestamp: '2021-13-45'"),
    ("9" * 5000, f"this value cannot be read as int: {quoted('9' * 5000)}"),
])
def test_values_that_cannot_be_read_are_errors_at_their_line(records: Path, value: str, expected: str) -> None:
    assert with_person(records, PERSON.replace("year: 2020", f"year: {value}")) == [
        f"{P}:7: invalid YAML: {expected}; remove the tag, or put the value in quotes if it is text"]


def test_bytes_that_are_not_utf8_and_control_characters(records: Path) -> None:
    person = records / "people/nguyen-thi-thu-ha.yml"
    person.write_bytes(PERSON.encode("utf-8").replace(b"vks-bac-ninh", b"vks-b\xe1c-ninh", 1))
    assert problems_in(records) == [f"{P}:3: the file is not UTF-8; save it as 'UTF-8' in the editor"]
    person.write_text(PERSON.replace("Hoàn thành", "Hoàn\x00thành"), encoding="utf-8")
    assert problems_in(records) == [
        f"{P}:4: invalid YAML: the character U+0000 is not allowed in YAML text; remove it (it often comes "
        "from copying out of another program)"]


# --- Messages quote a short excerpt, on one line -----------------------------------------------------------

def test_long_values_are_quoted_short_and_on_one_line(records: Path) -> None:
    document = "".join(f"dòng {i}: một tài liệu dài\n" for i in range(300))
    problems = with_person(records, PERSON.replace("unit: vks-bac-ninh", f"unit: {json.dumps(document)}")
                           .replace("year: 2020", f"year: {'20x0 ' * 3000}"))
    assert len(problems) == 2
    for problem in problems:
        assert "\n" not in problem and len(problem) < 400, problem
    assert problems[1] == f"{P}:7: honours[0].year: expected a year like 2020 (from 1945 to {NEXT}), got " + \
        quoted("20x0 " * 3000)[:82] + "… (14,999 characters)"
    assert problems[0].startswith(f"{P}:3: unit: expected an id of lowercase letters, digits and '-', got "
                                  "'dòng 0: một tài liệu dài\\ndòng 1: một tài liệu dài\\ndòng 2: m")
    assert f"… ({len(document):,} characters)" in problems[0]
    # A whole document pasted as a record reads as one text: quoted short.
    pasted = document.replace(": ", " – ")
    [problem] = with_person(records, pasted)
    assert problem.startswith(f"{P}:1: expected a record (lines of 'key: value'), "
                              "got 'dòng 0 – một tài liệu dài ")
    assert problem.endswith(f"… ({len(pasted) - 1:,} characters)") and len(problem) < 200


def test_a_key_that_is_a_paragraph_is_named_short(records: Path) -> None:
    key = "Một đoạn văn rất dài được dán nhầm vào chỗ của tên trường " * 10
    [problem] = with_person(records, PERSON + f"{key}: x\n")
    assert problem.startswith(f"{P}:14: Một đoạn văn rất dài được dán nhầm vào c…: unknown key; "
                              "allowed: name,")


# --- Syntax errors at the line where the construct opened (issue 13, item 5) --------------------------

@pytest.mark.parametrize(("old", "new", "expected"), [
    ("position: Kiểm sát viên trung cấp", "position: [Kiểm sát viên trung cấp",
     "2: invalid YAML: the '[' after 'position:' opens a list that is never closed (the parser stopped at "
     "line 3); end the list with ']', or put the whole value in quotes if it is text"),
    ("position: Kiểm sát viên trung cấp", "position: {Kiểm sát viên: trung cấp",
     "2: invalid YAML: the '{' after 'position:' opens a mapping that is never closed (the parser stopped at "
     "line 3); end it with '}', or put the whole value in quotes if it is text"),
    ("summary: Hoàn thành xuất sắc nhiệm vụ.", 'summary: "Hoàn thành xuất sắc nhiệm vụ.',
     "4: invalid YAML: the text opened with '\"' after 'summary:' runs on to line 13, where the parser stopped: "
     "a closing '\"' is missing, or one inside the text closes it; write quotes inside the text as “ ”"),
    ("summary: Hoàn thành xuất sắc nhiệm vụ.", 'summary: "Hoàn thành "xuất sắc" nhiệm vụ."',
     "4: invalid YAML: the text opened with '\"' after 'summary:' ends before its line does: a '\"' inside it "
     "closes it; write quotes inside the text as “ ”"),
    ("summary: Hoàn thành xuất sắc nhiệm vụ.", "summary: 'Hoàn thành xuất sắc nhiệm vụ.",
     "4: invalid YAML: the \"'\" after 'summary:' opens a text that is never closed (the file ends before it is "
     "closed); end the text with \"'\""),
    ("    decision: 123/QĐ-VKSTC", "    decision: [123/QĐ-VKSTC",
     "8: invalid YAML: the '[' after 'decision:' opens a list that is never closed (the parser stopped at "
     "line 9); end the list with ']', or put the whole value in quotes if it is text"),
    ("summary: Hoàn thành xuất sắc nhiệm vụ.", "summary: Hoàn thành xuất sắc\nnhiệm vụ.",
     "5: invalid YAML: this line is not 'key: value'; if it continues the text above, indent it like that "
     "text, or join the two lines"),
])
def test_syntax_errors_name_the_line_where_the_construct_opened(records: Path, old: str, new: str,
                                                                 expected: str) -> None:
    assert old in PERSON
    assert with_person(records, PERSON.replace(old, new)) == [f"{P}:{expected}"]


def test_an_unclosed_bracket_in_a_story_is_counted_from_the_file(records: Path) -> None:
    docs = records.parent / "content"
    write(docs, {"news/posts/x.md": "---\ntitle: Tin\ndate: 2024-01-01\ncategories: [Hội nghị\n"
                                    "description: Tóm tắt.\n---\n\nMở đầu.\n\n<!-- more -->\n"})
    loaded = load(records)
    load_stories(docs, NewsRules(), loaded)
    assert [p.line for p in check(loaded)] == [4]
    assert "the '[' after 'categories:' opens a list that is never closed" in check(loaded)[0].message


# --- Links and special files ------------------------------------------------------------------------------

@pytest.fixture
def project(records: Path, tmp_path: Path) -> Path:
    """A site with the small catalogue, and a secret file beside it, outside the repository."""
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    folder = tmp_path / "site-repo"
    folder.mkdir()
    return copy_project(folder, records)


def run_check(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    monkeypatch.chdir(project)
    status = main(["check"])
    out, err = capsys.readouterr()
    return status, out + err


LINK_OUT = "a symbolic link to outside the repository: it is not read; copy the file into the repository instead " \
           "(links may only point inside it)"


def test_a_record_linked_to_a_system_file_is_refused_unread(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    os.symlink(project.parent / "secret.txt", project / "exemplars/people/x.yml")
    # A pipe outside: reading it would wait for ever, so the check finishing shows it is not opened.
    os.mkfifo(project.parent / "pipe")
    os.symlink(project.parent / "pipe", project / "exemplars/people/y.yml")
    os.mkfifo(project / "exemplars/people/z.yml")
    status, output = run_check(project, monkeypatch, capsys)
    assert status == 1
    assert output.splitlines() == [
        f"exemplars/people/x.yml: {LINK_OUT}",
        f"exemplars/people/y.yml: {LINK_OUT}",
        "exemplars/people/z.yml: not a regular file (a device or pipe): it is not read; remove it",
        "3 error(s), 0 warning(s); fix them and run again.",
    ]


def test_a_nomination_notice_linked_out_of_the_repository_is_refused_unread(
        project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "exemplars/nominations").mkdir(exist_ok=True)
    os.mkfifo(project.parent / "notice-pipe")  # reading it would wait for ever
    os.symlink(project.parent / "notice-pipe", project / "exemplars/nominations/lay-y-kien.yml")
    status, output = run_check(project, monkeypatch, capsys)
    assert status == 1
    assert output.splitlines() == [
        f"exemplars/nominations/lay-y-kien.yml: {LINK_OUT}",
        "1 error(s), 0 warning(s); fix them and run again.",
    ]


def test_links_out_of_pages_and_overrides_are_refused_by_check_and_build(
        project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    run = subprocess.run([VINHDANH, "build"], cwd=project, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    before = sorted(p.relative_to(project) for p in (project / "site").rglob("*"))
    outside = project.parent / "outside"
    write(outside, {"page.md": f"# Trang\n\n{SECRET}"})
    os.symlink(project.parent / "secret.txt", project / "content/x.md")
    os.symlink(outside, project / "content/thu-muc")
    (project / "overrides/partials").mkdir(parents=True, exist_ok=True)
    os.symlink(project.parent / "secret.txt", project / "overrides/partials/secret.html")
    status, output = run_check(project, monkeypatch, capsys)
    assert status == 1 and output.splitlines() == [
        f"content/thu-muc: {LINK_OUT}", f"content/x.md: {LINK_OUT}", f"overrides/partials/secret.html: {LINK_OUT}",
        "3 error(s), 0 warning(s); fix them and run again.",
    ]
    run = subprocess.run([VINHDANH, "build"], cwd=project, capture_output=True, text=True, check=False)
    assert run.returncode == 1 and f"content/x.md: {LINK_OUT}" in run.stderr
    assert "zqs-secret" not in run.stderr + run.stdout and "Traceback" not in run.stderr
    assert sorted(p.relative_to(project) for p in (project / "site").rglob("*")) == before
    # MkDocs alone, through the plugin: no site at all.
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", "other"], cwd=project,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1 and f"content/thu-muc: {LINK_OUT}" in run.stderr and "zqs-secret" not in run.stderr
    assert not (project / "other").exists()


def test_links_inside_the_repository_still_work(project: Path) -> None:
    write(project, {"notes/gioi-thieu-them.md": "# Giới thiệu thêm\n\nzqs-inside-link\n"})
    os.symlink("../notes/gioi-thieu-them.md", project / "content/them.md")
    os.symlink("../notes", project / "content/ghi-chu")
    (project / "exemplars/photos").mkdir()
    Image.new("RGB", (300, 400), "green").save(project / "exemplars/photos/ha.jpg")
    os.symlink("ha.jpg", project / "exemplars/photos/anh.jpg")
    person = project / "exemplars/people/nguyen-thi-thu-ha.yml"
    person.write_text(PERSON.replace("summary:", "photo: photos/anh.jpg\nsummary:"), encoding="utf-8")
    run = subprocess.run([VINHDANH, "build"], cwd=project, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert "zqs-inside-link" in (project / "site/them/index.html").read_text(encoding="utf-8")
    assert (project / "site/ghi-chu/gioi-thieu-them/index.html").exists()
    assert "anh/ca-nhan/nguyen-thi-thu-ha-300.jpg" in (project / "site/ca-nhan/nguyen-thi-thu-ha/index.html").read_text(
        encoding="utf-8")


# --- Photos -----------------------------------------------------------------------------------------------

def huge_png(path: Path, side: int = 40_000) -> None:
    """Write a side × side black-and-white PNG: a few hundred KB that would take 1.6 billion pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    compressor = zlib.compressobj(9)
    rows = (b"\0" + bytes(side // 8)) * 1000
    pixels = b"".join(compressor.compress(rows) for _ in range(side // 1000)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


def test_a_40000_pixel_square_png_is_refused_cleanly(records: Path) -> None:
    (records / "photos").mkdir()
    huge_png(records / "photos/bom.png")
    assert (records / "photos/bom.png").stat().st_size < 400_000
    start = time.perf_counter()
    assert with_person(records, PERSON.replace("summary:", "photo: photos/bom.png\nsummary:")) == [
        f"{P}:4: photo: photos/bom.png: the image is too large to open safely; resize it below 50 megapixels"]
    assert time.perf_counter() - start < 2


def test_published_links_into_records_hidden_folders_or_loops_are_refused(
        project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    os.symlink("../exemplars/people", project / "content/ho-so")  # would publish private: fields as they are
    os.symlink("../../exemplars/people/nguyen-thi-thu-ha.yml", project / "content/news/ha.yml")
    os.symlink("../..", project / "content/news/goc")  # the repository: records, .git and all
    os.symlink("..", project / "content/news/len")  # content/ itself, inside itself: a loop
    write(project, {".git/config": "[remote]\n"})
    os.symlink("../.git/config", project / "overrides/git.txt")
    status, output = run_check(project, monkeypatch, capsys)
    into = "a symbolic link into the records: they would be published as they are, private fields included; " \
           "remove it (the site shows records as pages)"
    above = "a symbolic link to a folder that holds this one: everything in it would be published, over and over; " \
            "remove it"
    assert status == 1 and output.splitlines() == [
        f"content/ho-so: {into}", f"content/news/goc: {into}", f"content/news/ha.yml: {into}",
        f"content/news/len: {above}",
        "overrides/git.txt: a symbolic link into a hidden folder of the repository (.git, .cache, …): it would be "
        "published; remove it",
        "5 error(s), 0 warning(s); fix them and run again."]


# --- Markup that would take minutes to convert --------------------------------------------------------

@pytest.mark.parametrize("run", ["[" * 20000, "![x](" * 20000, "<a " * 10000, "<a b='>' " * 5000, "<!--" * 40000,
                                 "<![CDATA[ > " * 5000])
def test_markup_that_would_take_minutes_to_convert_is_refused_quickly(records: Path, run: str) -> None:
    docs = records.parent / "content"
    write(docs, {"news/posts/x.md": "---\ntitle: Tin\ndate: 2024-01-01\n---\n\nMở đầu.\n\n<!-- more -->\n\n"
                                    f"Đoạn một.\n\n{run}\n"})
    person = records / "people/nguyen-thi-thu-ha.yml"
    person.write_text(PERSON + "story: |\n  Đoạn một.\n\n  " + run + "\n", encoding="utf-8")
    start = time.perf_counter()
    loaded = load(records)
    load_stories(docs, NewsRules(), loaded)
    problems = [(p.path.rsplit("/", 1)[-1], p.line, p.message.split(" (")[0]) for p in check(loaded)]
    assert time.perf_counter() - start < 3
    assert ("x.md", 12, "too many '[' and '<' for the length of the text") in problems
    assert ("nguyen-thi-thu-ha.yml", 17, "too many '[' and '<' for the length of the text") in problems


def test_html_that_the_parser_cannot_read_is_an_error(records: Path) -> None:
    assert with_person(records, PERSON + "story: |\n  Đoạn một.\n  <![foo[ x ]]>\n") == [
        f"{P}:16: story: HTML that cannot be read (a '<!' declaration); remove it"]


def test_a_linked_news_folder_is_named_by_its_link(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    outside = project.parent / "tin-ngoai"
    write(outside, {"posts/x.md": f"---\ntitle: {SECRET}date: 2024-01-01\n---\n", ".authors.yml": SECRET})
    shutil.rmtree(project / "content/news")
    os.symlink(outside, project / "content/news")
    drop_setting(project, "authors")  # this site keeps them in the news folder (its .authors.yml)
    status, output = run_check(project, monkeypatch, capsys)
    assert status == 1 and output.splitlines() == [
        f"content/news: {LINK_OUT}", "1 error(s), 0 warning(s); fix them and run again."]


# --- Files a browser would run ------------------------------------------------------------------------------

ACTIVE = {"content/trang.html": "<script>zqs-active-1</script>", "content/news/images/anh.svg":
          '<svg xmlns="http://www.w3.org/2000/svg" onload="zqs-active-2"/>', "content/thu-vien/a.js": "zqs-active-3",
          "content/news/images/b.SVGZ": "zqs-active-4", "content/c.xhtml": "<x>zqs-active-5</x>",
          "content/d.xml": '<?xml-stylesheet href="x.xsl"?><x>zqs-active-6</x>', "content/e.htm": "zqs-active-7",
          "content/f.mjs": "zqs-active-8", "content/g.swf": "zqs-active-9",
          "exemplars/photos/h.svg": "<svg>zqs-active-10</svg>", "exemplars/photos/i.html": "zqs-active-11"}


def test_html_scripts_and_svg_in_content_folders_are_never_published(
        project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    material = Path(str(package_files("material").joinpath("templates")))
    bundle = sorted((material / "assets/javascripts").glob("bundle.*.min.js"))[0]
    shadow = f"content/assets/javascripts/{bundle.name}"  # would hide Material's own script
    write(project, {**ACTIVE, shadow: "zqs-active-12"})
    status, output = run_check(project, monkeypatch, capsys)
    warned = sorted(line.split(": ")[1] for line in output.splitlines() if line.startswith("warning: "))
    assert warned == sorted(name for name in [*ACTIVE, shadow] if name.startswith("content/"))
    assert status == 0 and f"warning: content/trang.html: {NEVER_PUBLISHED}" in output.splitlines()
    run = subprocess.run([VINHDANH, "build"], cwd=project, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert f"notice: content/trang.html: {NEVER_PUBLISHED}" in run.stderr
    site = project / "site"
    for path in site.rglob("*"):
        if path.is_file():
            assert b"zqs-active" not in path.read_bytes(), path
    assert (site / "assets/javascripts" / bundle.name).read_bytes() == bundle.read_bytes()
    for own in ("assets/vinhdanh.js", "assets/vinhdanh-search.js", "assets/vinhdanh.css", "assets/logo.svg",
                "pagefind/pagefind.js"):
        assert (site / own).stat().st_size > 0, own
    assert list(site.glob("assets/stylesheets/main.*.min.css"))


def test_a_page_linking_to_a_file_left_out_fails_the_build_by_its_link(project: Path) -> None:
    write(project, {"content/trang.html": "<p>Trang</p>", "content/gioi-thieu.md": "# Giới thiệu\n\n[Trang](trang.html)\n"})
    run = subprocess.run([VINHDANH, "build"], cwd=project, capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert "'gioi-thieu.md' contains a link 'trang.html', but the target is not found" in run.stderr
