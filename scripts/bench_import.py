"""Benchmark `vinhdanh import`: `make bench-import` (options: --rows N --people N).

Writes a synthetic catalogue (2,000 people and 200 collectives: a decade of one
organisation) and an .xlsx annex of 5,000 rows — two in five name people already in the
records (by name and unit), the rest new people — then times the dry run, the --apply
and a second --apply (which must change nothing), each in its own process as a user
runs it. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from benchproject import BIN, ROOT  # noqa: E402
from gen_catalogue import random_name, synthetic_catalogue  # noqa: E402

from vinhdanh.text import fold  # noqa: E402

TARGET_SECONDS = 5.0


def write_annex(path: Path, people: dict[str, tuple[str, str]], rows: int, seed: int = 3) -> None:
    """Write an annex: title rows, a header, rows of known people (unique by name and unit) and new ones."""
    import openpyxl

    rng = random.Random(seed)
    by_key: dict[tuple[str, str], list[str]] = {}
    for pid, (name, unit) in people.items():
        by_key.setdefault((fold(name), unit), []).append(pid)
    known = [people[ids[0]] for ids in by_key.values() if len(ids) == 1][: rows * 2 // 5]
    units = sorted({unit for _, unit in people.values()})
    taken = set(by_key)
    lines = list(known)
    while len(lines) < rows:
        name, _ = random_name(rng)
        name += " " + rng.choice(["Anh", "Bình", "Châu", "Duy", "Giang", "Khoa", "Linh", "Nhân", "Sang", "Trung"])
        unit = rng.choice(units)
        if (fold(name), unit) not in taken:
            taken.add((fold(name), unit))
            lines.append((name, unit))
    rng.shuffle(lines)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Phụ lục")
    sheet.append(["VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO"])
    sheet.append(["DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ NĂM 2026"])
    sheet.append(["(Kèm theo Quyết định số 5000/QĐ-VKSTC ngày 20/11/2026 của Viện trưởng VKSND tối cao)"])
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác"])
    for number, (name, unit) in enumerate(lines, start=1):
        sheet.append([number, name, "Kiểm sát viên", unit])
    sheet.append([f"Danh sách này có {rows} cá nhân./."])
    book.save(path)


def timed(project: Path, annex: Path, *args: str) -> tuple[float, float, str]:
    """Return (wall seconds, CPU seconds, last line printed) of one import in its own process.

    CPU time is given too: on a shared machine the wall time mostly measures the neighbours.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run = subprocess.run([BIN / "vinhdanh", "import", str(annex), *args], cwd=project, capture_output=True,
                         text=True, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode:
        sys.exit(f"import failed:\n{run.stderr[-3000:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu, run.stdout.splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--people", type=int, default=2000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vinhdanh-bench-import-"))
    try:
        records = folder / "exemplars"
        people = synthetic_catalogue(records, args.people, args.people // 10)
        for name in ("titles.yml", "movements.yml"):
            shutil.copy(ROOT / "exemplars" / name, records / name)
        (folder / "mkdocs.yml").write_text("site_name: bench\nplugins:\n  - vinhdanh\n", encoding="utf-8")
        (folder / "docs").mkdir()  # MkDocs refuses a configuration whose docs folder is missing
        annex = folder / "quyet-dinh-5000.xlsx"
        write_annex(annex, people, args.rows)
        load = os.getloadavg()[0]
        dry, dry_cpu, summary = timed(folder, annex)
        print(f"dry run, {args.rows:,} rows, {args.people:,} people in the records: {dry:.2f} s "
              f"({dry_cpu:.2f} s CPU) — {summary}")
        applied, applied_cpu, _ = timed(folder, annex, "--apply")
        print(f"--apply: {applied:.2f} s ({applied_cpu:.2f} s CPU)")
        again, again_cpu, summary = timed(folder, annex, "--apply")
        print(f"second --apply: {again:.2f} s ({again_cpu:.2f} s CPU) — {summary}")
        print(json.dumps({"rows": args.rows, "people": args.people, "dry_run_s": round(dry, 2),
                          "dry_run_cpu_s": round(dry_cpu, 2), "apply_s": round(applied, 2),
                          "apply_cpu_s": round(applied_cpu, 2), "second_apply_s": round(again, 2),
                          "load_average": round(load, 1), "target_s": TARGET_SECONDS, "met": dry <= TARGET_SECONDS}))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
