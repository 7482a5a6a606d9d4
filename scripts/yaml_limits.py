"""Measure where the YAML limits sit: big realistic files, and files at the limits.

Prints, for each file, its size, its number of values, the time to read it with
`vinhdanh.records.yamlfile` and the memory it took. The last line is one JSON object.
The limits (MAX_BYTES, MAX_NODES, MAX_DEPTH in src/vinhdanh/records/yamlfile.py) must sit far
above the realistic files and keep the files at the limits cheap.
"""

from __future__ import annotations

import json
import random
import time
import tracemalloc

import yaml

from vinhdanh.records.yamlfile import MAX_BYTES, MAX_NODES, YamlFile, parse_yaml

WORDS = ["kiểm", "sát", "viên", "thực", "hành", "quyền", "công", "tố", "hồ", "sơ", "vụ", "án", "phiên", "tòa",
         "rút", "kinh", "nghiệm", "đơn", "vị", "tập", "thể", "hoàn", "thành", "xuất", "sắc", "nhiệm", "được",
         "giao", "chuyển", "đổi", "số", "sáng", "kiến", "nghiệp", "tranh", "tụng"]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def big_person(rng: random.Random) -> str:
    """A person with a long career: 60 honours with citations, 30 initiatives, a 5,000-word story."""
    record = {
        "name": "Tôn Nữ Thị Diệu Hằng", "position": "Kiểm sát viên cao cấp", "unit": "vksnd-tinh-bac-ninh",
        "photo": "photos/ton-nu-thi-dieu-hang.jpg", "photo_credit": "Thiên Thanh", "summary": sentence(rng, 80),
        "honours": [{"title": "cstd-nganh", "year": 1980 + i // 2, "decision": f"{100 + i}/QĐ-VKSTC",
                     "date": f"{1981 + i // 2}-01-{10 + i % 15}", "by": "Viện trưởng VKSND tối cao",
                     "unit": "vksnd-tinh-bac-giang", "movement": f"thi-dua-{1980 + i // 2}",
                     "citation": sentence(rng, 40)} for i in range(60)],
        "initiatives": [{"name": sentence(rng, 10), "year": 1990 + i, "level": "nganh"} for i in range(30)],
        "story": "\n\n".join(sentence(rng, 100) for _ in range(50)),
        "private": {"phone": "0912 345 678", "birth_date": "1960-05-01", "notes": sentence(rng, 50)},
    }
    return yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)


def sector_units(rng: random.Random, count: int = 3000) -> str:
    """units.yml for a whole sector: units with every field, a third of them dissolved with a successor."""
    units = []
    for i in range(count):
        unit = {"id": f"vksnd-khu-vuc-{i}-tinh-bac-ninh", "name": f"Viện kiểm sát nhân dân khu vực {i} tỉnh Bắc Ninh",
                "short": f"VKSND KV{i} Bắc Ninh", "parent": "vksnd-tinh-bac-ninh",
                "valid_from": "2025-07-01"}
        if i % 3 == 0:
            unit.update(valid_to="2025-06-30", successor="vksnd-tinh-bac-ninh")
        units.append(unit)
    return yaml.safe_dump(units, allow_unicode=True, sort_keys=False, width=100)


def count_values(text: str) -> int:
    """Return the number of YAML nodes (every scalar, list and mapping, keys included)."""
    pending = [yaml.compose(text, Loader=yaml.CSafeLoader)]
    count = 0
    while pending:
        node = pending.pop()
        count += 1
        if isinstance(node, yaml.MappingNode):
            pending += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            pending += node.value
    return count


def measure(name: str, text: str) -> dict[str, object]:
    """Parse text once for the time, once under tracemalloc for the memory (which slows it down)."""
    start = time.perf_counter()
    doc = parse_yaml(text, name)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    parse_yaml(text, name)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    row = {"file": name, "bytes": len(text.encode("utf-8")), "seconds": round(seconds, 3),
           "peak_mb": round(peak / 1e6, 1)}
    row["result"] = f"{count_values(text):,} values" if isinstance(doc, YamlFile) else str(doc)
    print(f"{name:<28} {row['bytes']:>11,} bytes {row['seconds']:>7} s {row['peak_mb']:>7} MB  {row['result']}")
    return row


def main() -> None:
    rng = random.Random(5)
    rows = [measure("big person record", big_person(rng)), measure("units.yml, 3,000 units", sector_units(rng))]
    # The cheapest values per byte ("- 1" lines) up to each limit: the worst a file can do within them.
    rows.append(measure("MAX_NODES small values", "- 1\n" * (MAX_NODES - 1)))
    rows.append(measure("MAX_BYTES of long text", "- " + "x" * (MAX_BYTES - 100) + "\n"))
    rows.append(measure("past MAX_NODES", "- 1\n" * (MAX_NODES + 1)))
    rows.append(measure("MAX_BYTES of small values", "- 1\n" * (MAX_BYTES // 4)))
    laughs = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
    rows.append(measure("billion laughs", laughs))
    print(json.dumps({"limits": {"bytes": MAX_BYTES, "nodes": MAX_NODES}, "files": rows}, ensure_ascii=False))


if __name__ == "__main__":
    main()
