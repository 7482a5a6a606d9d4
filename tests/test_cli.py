from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from vinhdanh.cli import main
from vinhdanh.mkdocs_plugin.project_config import ConfigError, load_project

ROOT = Path(__file__).resolve().parent.parent


def test_check_ok_prints_a_one_line_summary(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--exemplars", str(records)]) == 0
    out, err = capsys.readouterr()
    assert out == "OK: 3 units, 3 titles, 1 movements, 1 people, 1 collectives, 2 honours\n"
    assert err == ""


def test_check_lists_every_error_and_exits_1(records: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(records.parent)
    person = records / "people/nguyen-thi-thu-ha.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("position", "postion")
                      .replace("year: 2020", "year: 20x0"), encoding="utf-8")
    assert main(["check", "--exemplars", "exemplars"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "exemplars/people/nguyen-thi-thu-ha.yml:2: postion: unknown key (did you mean 'position'?); allowed: name, "
        "unit, photo, photo_credit, summary, honours, initiatives, story, published, private, family_name, "
        "given_name, position",
        "exemplars/people/nguyen-thi-thu-ha.yml:7: honours[0].year: expected a year like 2020 "
        f"(from 1945 to {__import__('datetime').date.today().year + 1}), got '20x0'",
        "2 error(s), 0 warning(s); fix them and run again.",
    ]


def test_warnings_do_not_fail_check_unless_strict(records: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(records.parent)
    person = records / "people/nguyen-thi-thu-ha.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("unit: vks-bac-ninh", "unit: vks-bac-giang"),
                      encoding="utf-8")
    assert main(["check", "--exemplars", "exemplars"]) == 0
    out, err = capsys.readouterr()
    # The notice names the line of the value at fault, `unit:` (line 3), not the record's first line.
    assert err == ("warning: exemplars/people/nguyen-thi-thu-ha.yml:3: unit: 'vks-bac-giang' was dissolved on "
                   "30/06/2025 but is still given as the current unit; its successor is 'vks-bac-ninh' (keep the "
                   "old one in honours[].unit)\n")
    assert out.startswith("OK: ")
    assert main(["check", "--strict", "--exemplars", "exemplars"]) == 1
    assert capsys.readouterr().err.endswith("0 error(s), 1 warning(s); fix them all (strict) and run again.\n")


def test_folders_and_draft_rules_come_from_the_plugins_own_config(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\ntheme: material\nmarkdown_extensions:\n  - toc:\n"
                      "      slugify: !!python/name:vinhdanh.text.toc_slugify\n"
                      "plugins:\n  - vinhdanh:\n      exemplars: data/records\n      strict: true\n"
                      "  - blog:\n      blog_dir: tin-tuc\n      post_dir: '{blog}/bai'\n"
                      "      draft_if_future_date: false\n", encoding="utf-8")
    project = load_project(config)
    assert (project.root, project.exemplars, project.docs) == (tmp_path, tmp_path / "data/records", tmp_path / "docs")
    assert project.strict
    assert project.news is not None
    assert (project.news.blog_dir, project.news.posts_dir, project.news.authors_file) == (
        "tin-tuc", "tin-tuc/bai", "tin-tuc/.authors.yml")
    assert not project.news.future_is_draft and not project.news.drafts_shown


def test_a_missing_or_unfit_config_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ConfigError, match="missing.yml: file not found"):
        load_project(tmp_path / "missing.yml")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert main(["-f", str(tmp_path / "mkdocs.yml"), "check"]) == 1
    assert capsys.readouterr().err == (f"vinhdanh: {tmp_path / 'mkdocs.yml'}: the vinhdanh plugin is not listed "
                                       "under 'plugins:'; add '- vinhdanh'\n")


def test_console_script_checks_the_repository_data() -> None:
    run = subprocess.run([Path(sys.executable).parent / "vinhdanh", "check"], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("OK: ") and " units, " in run.stdout


def test_version_comes_from_the_package_metadata(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == f"vinhdanh {version('vinhdanh')}\n"
    run = subprocess.run([Path(sys.executable).parent / "vinhdanh", "--version"], capture_output=True, text=True,
                         check=False)
    assert (run.returncode, run.stdout) == (0, f"vinhdanh {version('vinhdanh')}\n")
