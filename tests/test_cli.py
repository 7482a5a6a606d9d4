from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from vinhdanh.cli import main, site_paths

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


def test_warnings_do_not_fail_check(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    person = records / "people/nguyen-thi-thu-ha.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("unit: vks-bac-ninh", "unit: vks-bac-giang"),
                      encoding="utf-8")
    assert main(["check", "--exemplars", str(records)]) == 0
    out, err = capsys.readouterr()
    assert err.startswith("warning: ") and "was dissolved on 30/06/2025" in err
    assert out.startswith("OK: ")


def test_exemplars_dir_comes_from_the_plugin_config(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/name:x.y\n"
                      "plugins:\n  - search\n  - vinhdanh:\n      exemplars: data/records\n", encoding="utf-8")
    assert site_paths(config).exemplars == tmp_path / "data/records"
    assert site_paths(config).docs == tmp_path / "docs"
    assert site_paths(tmp_path / "missing.yml").exemplars == tmp_path / "exemplars"


def test_console_script_checks_the_repository_data() -> None:
    run = subprocess.run([Path(sys.executable).parent / "vinhdanh", "check"], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("OK: ") and " units, " in run.stdout
