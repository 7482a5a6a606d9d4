"""`vinhdanh import --apply` killed between two renames: the next command finishes it, or undoes it, byte for byte."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from vinhdanh.importer.run import import_annex
from vinhdanh.project import Project
from vinhdanh.records.journal import JOURNAL, TEST_PAUSE

from .annexes import write_annex
from .conftest import write
from .test_import import HUNG, UNITS

VINHDANH = Path(sys.executable).parent / "vinhdanh"
OPTIONS = ["--decision", "7/QĐ-VKSTC", "--date", "2026-01-15", "--title", "cstd-nganh", "--year", "2025"]


def files(root: Path) -> dict[str, bytes]:
    """Return every file under root, dotfiles included, by relative path."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def project(records: Path) -> Path:
    """Return a site folder (mkdocs.yml, docs/, exemplars/) whose records three rows of an annex change."""
    write(records, {"units.yml": UNITS, "people/nguyen-van-hung.yml": HUNG})
    root = records.parent
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: x\ntheme: material\nplugins:\n  - vinhdanh\n", encoding="utf-8")
    return root


@pytest.fixture
def annex(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = [["STT", "Họ và tên", "Đơn vị"], [1, "Nguyễn Văn Hùng", "VKSND TP HCM"], [2, "Lê Văn Mới", "vks-bac-ninh"],
            [3, "Trần Thị Ba", "vks-bac-ninh"]]
    return write_annex(tmp_path_factory.mktemp("annex") / "qd.csv", rows)


def vinhdanh(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(VINHDANH), *args], cwd=project, capture_output=True, text=True, check=False)


def completed(project: Path, annex: Path, tmp_path: Path) -> dict[str, bytes]:
    """Return the records as an import that was not interrupted leaves them (done on a copy)."""
    copy = tmp_path / "uninterrupted"
    shutil.copytree(project, copy)
    assert vinhdanh(copy, "import", str(annex), *OPTIONS, "--apply").returncode == 0
    return files(copy / "exemplars")


def paused(project: Path, annex: Path, renames: int, seconds: float = 60) -> subprocess.Popen[str]:
    """Start the import, and return it once it stands between two renames."""
    env = {**os.environ, TEST_PAUSE: str(renames), "VINHDANH_TEST_PAUSE_SECONDS": str(seconds)}
    process = subprocess.Popen([str(VINHDANH), "import", str(annex), *OPTIONS, "--apply"], cwd=project, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    line = process.stderr.readline()
    assert line == f"{TEST_PAUSE}: paused after {renames} rename(s)\n", line + process.stderr.read()
    return process


def staging_folders(project: Path) -> list[Path]:
    return list((project / ".cache/vinhdanh").glob("import-*"))


@pytest.mark.parametrize(("renames", "command"), [(0, "check"), (1, "check"), (2, "import"), (3, "check")])
def test_an_import_killed_between_two_renames_is_finished_by_the_next_command(
        project: Path, annex: Path, tmp_path: Path, renames: int, command: str) -> None:
    before, after = files(project / "exemplars"), completed(project, annex, tmp_path)
    process = paused(project, annex, renames)
    process.kill()  # SIGKILL: no handler, no cleanup
    process.communicate()
    half = files(project / "exemplars")
    assert JOURNAL in half and half != after and (half != before or renames == 0)
    run = vinhdanh(project, "check") if command == "check" else vinhdanh(project, "import", str(annex), *OPTIONS)
    assert run.returncode == 0, run.stderr
    assert run.stderr.startswith(f"exemplars/{JOURNAL}: the import of {annex} started at ")
    assert "was interrupted; it was finished: 3 record(s) written\n" in run.stderr
    assert files(project / "exemplars") == after
    assert staging_folders(project) == []
    if command == "import":
        assert "Nothing to write: every honour in the file is already recorded." in run.stdout
    assert vinhdanh(project, "check").stderr == ""  # said once


def test_an_import_that_cannot_be_finished_is_undone(project: Path, annex: Path) -> None:
    before = files(project / "exemplars")
    process = paused(project, annex, 1)
    process.kill()
    process.communicate()
    for staged in staging_folders(project)[0].glob("people/*.yml"):
        staged.unlink()  # the staged records are lost (a cleaned cache): what was renamed goes back
    run = vinhdanh(project, "check")
    assert run.returncode == 0, run.stderr
    assert "was interrupted; it was undone: the records are as they were before\n" in run.stderr
    assert files(project / "exemplars") == before


def test_a_record_changed_by_hand_since_the_interruption_stops_everything(project: Path, annex: Path) -> None:
    process = paused(project, annex, 1)
    process.kill()
    process.communicate()
    half = files(project / "exemplars")
    renamed = next(name for name, data in half.items() if name.startswith("people/") and b"7/Q" in data)
    (project / "exemplars" / renamed).write_bytes(half[renamed] + b"# edited\n")
    run = vinhdanh(project, "check")
    assert run.returncode == 1
    assert f"and exemplars/{renamed} has changed since; nothing was done: compare exemplars/{renamed} with " \
           in run.stderr
    assert files(project / "exemplars") == {**half, renamed: half[renamed] + b"# edited\n"}


def test_ctrl_c_while_records_are_swapped_lets_the_swap_finish(project: Path, annex: Path, tmp_path: Path) -> None:
    after = completed(project, annex, tmp_path)
    process = paused(project, annex, 1, seconds=1)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err == "Interrupted while writing: the import was completed first, so that no record is left half done.\n"
    assert "Wrote 3 record(s), 2 of them new:" in out
    assert files(project / "exemplars") == after and staging_folders(project) == []


def test_ctrl_c_before_the_swap_writes_nothing(project: Path, annex: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    before = files(project / "exemplars")

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("vinhdanh.importer.apply.Staging.check", interrupted)
    site = Project(project, project / "exemplars", project / "docs", project / "overrides")
    options = dict(zip([o.lstrip("-") for o in OPTIONS[::2]], OPTIONS[1::2]))
    assert import_annex(annex, site, options, apply=True) == 130  # type: ignore[arg-type]
    assert capsys.readouterr().err == "Interrupted: nothing was written.\n"
    assert files(project / "exemplars") == before and staging_folders(project) == []


def test_a_rename_that_fails_puts_back_those_done(project: Path, annex: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import vinhdanh.records.journal

    before = files(project / "exemplars")
    renames: list[Path] = []
    real = vinhdanh.records.journal._replace

    def second_fails(source: Path, target: Path) -> None:
        renames.append(target)
        if len(renames) == 2:
            raise PermissionError(13, "Permission denied", str(target))
        real(source, target)

    monkeypatch.setattr(vinhdanh.records.journal, "_replace", second_fails)
    site = Project(project, project / "exemplars", project / "docs", project / "overrides")
    options = dict(zip([o.lstrip("-") for o in OPTIONS[::2]], OPTIONS[1::2]))
    assert import_annex(annex, site, options, apply=True) == 1  # type: ignore[arg-type]
    assert capsys.readouterr().err == (f"cannot write the records: [Errno 13] Permission denied: '{renames[1]}'\n"
                                       "1 error(s); nothing was written. Fix them and run the import again.\n")
    assert files(project / "exemplars") == before and staging_folders(project) == []
