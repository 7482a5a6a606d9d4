"""Write fictional exemplar records: the demo catalogue and benchmark catalogues.

Every person here is invented; names are common Vietnamese names put together at random.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

from vinhdanh.text import slugify as slug

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đinh", "Lương", "Tạ", "Tôn Nữ", "Mai", "Cao", "Đoàn"]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Thành", "Xuân", "Hải", "Công", "Ngọc", "Đình"]
MIDDLE_F = ["Thị", "Thị Thu", "Thị Ngọc", "Thu", "Minh", "Thị Kim", "Hoài", "Thanh", "Diệu"]
GIVEN_M = ["Đức", "Dũng", "Hùng", "Thắng", "Bình", "Cường", "Đạt", "Hiếu", "Khánh", "Long", "Nam", "Phúc",
           "Quân", "Sơn", "Tâm", "Tuấn", "Vinh", "Ân", "Ý", "Định", "Hoà", "Thuỷ"]
GIVEN_F = ["Ánh", "Hà", "Hằng", "Lan", "Mai", "Ngân", "Nhung", "Oanh", "Phương", "Quyên", "Trâm", "Uyên",
           "Yến", "Thuý", "Hòa", "Ân", "Đào", "Ý", "Ngọc", "Ninh"]
POSITIONS = ["Kiểm sát viên sơ cấp", "Kiểm sát viên trung cấp", "Kiểm sát viên cao cấp", "Kiểm tra viên",
             "Kiểm tra viên chính", "Chuyên viên", "Chuyên viên chính", "Phó Trưởng phòng", "Trưởng phòng",
             "Phó Viện trưởng", "Viện trưởng", "Thư ký nghiệp vụ"]
DEEDS = ["giải quyết đúng thời hạn 100% số vụ án được phân công, không để xảy ra oan sai",
         "chủ trì xây dựng quy trình số hóa hồ sơ kiểm sát được nhân rộng trong toàn ngành",
         "tham gia nhiều phiên tòa rút kinh nghiệm, tranh tụng sắc bén, được đánh giá cao",
         "tích cực hướng dẫn kiểm sát viên trẻ, xây dựng tập thể đoàn kết, vững mạnh",
         "phát hiện và kiến nghị khắc phục nhiều vi phạm trong hoạt động tư pháp",
         "hoàn thành vượt mức các chỉ tiêu nghiệp vụ Quốc hội giao nhiều năm liền"]
COLLECTIVE_KINDS = ["Phòng Thực hành quyền công tố và kiểm sát điều tra án hình sự",
                    "Phòng Kiểm sát giải quyết các vụ, việc dân sự", "Phòng Kiểm sát thi hành án",
                    "Phòng Tổ chức cán bộ", "Văn phòng tổng hợp", "Phòng Thống kê tội phạm và công nghệ thông tin"]
INITIATIVES = ["Phần mềm quản lý án hình sự", "Mẫu biên bản kiểm sát điện tử", "Sổ tay tranh tụng tại phiên tòa",
               "Quy trình kiểm sát tạm giữ, tạm giam", "Bộ câu hỏi nghiệp vụ thi hành án dân sự"]
PERSON_TITLES = [("cstd-co-so", 6), ("bk-vien-truong-vkstc", 4), ("cstd-nganh", 3), ("lao-dong-tien-tien", 6),
                 ("knc-vi-su-nghiep-kiem-sat", 2), ("bk-thu-tuong", 1), ("cstd-toan-quoc", 1),
                 ("hc-lao-dong-hang-ba", 1)]
COLLECTIVE_TITLES = [("tap-the-ldxs", 6), ("tap-the-ldtt", 4), ("co-thi-dua-nganh", 2), ("bk-vien-truong-vkstc", 3),
                     ("bk-thu-tuong", 1), ("co-thi-dua-chinh-phu", 1), ("hc-lao-dong-hang-ba", 1)]
AUTHORITY = {"nha-nuoc": "Chủ tịch nước", "chinh-phu": "Thủ tướng Chính phủ", "nganh": "Viện trưởng VKSND tối cao",
             "co-so": "Viện trưởng VKSND cấp tỉnh"}
# The issuer's code in a decision number agrees with its signer: "…/QĐ-CTN" is the President's.
DECISION_SUFFIX = {"nha-nuoc": "CTN", "chinh-phu": "TTg", "nganh": "VKSTC", "co-so": "VKS"}
LEVELS = {"anh-hung-lao-dong": "nha-nuoc", "hc-lao-dong-hang-ba": "nha-nuoc", "cstd-toan-quoc": "chinh-phu",
          "co-thi-dua-chinh-phu": "chinh-phu", "bk-thu-tuong": "chinh-phu", "cstd-nganh": "nganh",
          "co-thi-dua-nganh": "nganh", "bk-vien-truong-vkstc": "nganh", "knc-vi-su-nghiep-kiem-sat": "nganh"}


def random_name(rng: random.Random) -> tuple[str, bool]:
    """Return a plausible full name and whether it is a woman's."""
    female = rng.random() < 0.5
    middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
    given = rng.choice(GIVEN_F if female else GIVEN_M)
    return f"{rng.choice(FAMILY)} {middle} {given}", female


_DECISIONS: dict[tuple[str, int], tuple[str, dt.date]] = {}


def _decision(level: str, year: int, number: int, date: dt.date) -> tuple[str, dt.date]:
    """Return the one decision of a level for a year's achievements, as an office issues them.

    The random number and date drawn for the first honour make the decision; a number already
    used that signing year moves on, since numbers are unique within a year.
    """
    if (level, year) not in _DECISIONS:
        used = {(n, d.year) for n, d in _DECISIONS.values()}
        suffix = DECISION_SUFFIX[level]
        while (f"{number}/QĐ-{suffix}", date.year) in used:
            number += 1
        _DECISIONS[(level, year)] = (f"{number}/QĐ-{suffix}", date)
    return _DECISIONS[(level, year)]


def honours(rng: random.Random, table: list[tuple[str, int]], years: range, units: list[str],
            movements: dict[int, str]) -> list[dict[str, object]]:
    """Return 1–5 honours with distinct (title, year)."""
    out: list[dict[str, object]] = []
    seen = set()
    titles = [t for t, w in table for _ in range(w)]
    for _ in range(rng.randint(1, 5)):
        title, year = rng.choice(titles), rng.choice(years)
        if (title, year) in seen:
            continue
        seen.add((title, year))
        level = LEVELS.get(title, "co-so")
        day = rng.randint(5, 28)
        number, date = _decision(level, year, rng.randint(10, 999), dt.date(year + 1, rng.randint(1, 4), day))
        honour: dict[str, object] = {"title": title, "year": year, "decision": number, "date": date,
                                     "by": AUTHORITY[level]}
        if year in movements:
            honour["movement"] = movements[year]
        if rng.random() < 0.3:
            honour["citation"] = f"Đã có thành tích xuất sắc: {rng.choice(DEEDS)}."
        out.append(honour)
    return sorted(out, key=lambda h: (-int(str(h["year"])), str(h["title"])))


class _Dumper(yaml.SafeDumper):
    """Writes multi-line text as a literal block, and a value used twice twice, as a person would."""

    def ignore_aliases(self, data: object) -> bool:
        return True  # records refuse anchors and aliases


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def dump(path: Path, data: object) -> None:
    """Write YAML the way an officer would: block style, Vietnamese kept as is."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100),
                    encoding="utf-8")


PROVINCES = ["Hà Nội", "Huế", "Cao Bằng", "Điện Biên", "Hà Tĩnh", "Lai Châu", "Lạng Sơn", "Nghệ An", "Quảng Ninh",
             "Thanh Hóa", "Sơn La", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên",
             "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
             "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau",
             "An Giang"]


def synthetic_catalogue(root: Path, people: int, collectives: int, seed: int = 7) -> dict[str, tuple[str, str]]:
    """Write a large random catalogue: 34 provinces, 10 regional units each, people and collectives."""
    rng = random.Random(seed)
    units = [{"id": "vksnd-toi-cao", "name": "Viện kiểm sát nhân dân tối cao", "short": "VKSND tối cao"}]
    for province in PROVINCES:
        pid = "vksnd-" + slug(province)
        units.append({"id": pid, "name": f"Viện kiểm sát nhân dân {province}", "short": f"VKSND {province}",
                      "parent": "vksnd-toi-cao"})
        for n in range(1, 11):
            units.append({"id": f"{pid}-kv-{n}", "name": f"Viện kiểm sát nhân dân khu vực {n} – {province}",
                          "short": f"VKSND khu vực {n} – {province}", "parent": pid,
                          "valid_from": dt.date(2025, 7, 1)})
    dump(root / "units.yml", units)
    unit_ids = [u["id"] for u in units]
    movements = {2020: "thi-dua-2020", 2021: "thi-dua-2021-2025", 2023: "chuyen-de-chuyen-doi-so"}
    years = range(2015, 2026)
    person_ids = []
    shorts = {u["id"]: u["short"] for u in units}
    written: dict[str, tuple[str, str]] = {}
    for index in range(people):
        name, female = random_name(rng)
        pid = f"{slug(name)}-{index}"
        person_ids.append(pid)
        unit_id = rng.choice(unit_ids)
        written[pid] = (name, shorts[unit_id])
        dump(root / "people" / f"{pid}.yml", {
            "name": name, **({"family_name": "Tôn Nữ"} if name.startswith("Tôn Nữ") else {}),
            "position": rng.choice(POSITIONS), "unit": unit_id,
            "summary": f"{'Chị' if female else 'Anh'} {name.split()[-1]} {rng.choice(DEEDS)}.",
            "honours": honours(rng, PERSON_TITLES, years, unit_ids, movements),
        })
    for index in range(collectives):
        unit = rng.choice(units)
        dump(root / "collectives" / f"tap-the-{index}.yml", {
            "name": f"{rng.choice(COLLECTIVE_KINDS)}, {unit['short']}", "unit": unit["id"],
            "members": rng.sample(person_ids, k=min(len(person_ids), rng.randint(0, 6))),
            "summary": f"Tập thể {rng.choice(DEEDS)}.",
            "honours": honours(rng, COLLECTIVE_TITLES, years, unit_ids, movements),
        })
    return written


CATEGORIES = ["Hội nghị", "Gương điển hình", "Khen thưởng", "Phong trào thi đua"]
HEADLINES = ["{name}: tận tụy với từng hồ sơ", "Khen thưởng {name} vì thành tích xuất sắc",
             "Gặp gỡ {name}, gương sáng của {unit}", "{unit} tổng kết thi đua năm {year}",
             "Hội nghị sơ kết phong trào thi đua tại {unit}"]


def synthetic_stories(docs: Path, count: int, people: dict[str, tuple[str, str]], seed: int = 11) -> None:
    """Write count stories under docs/news/posts about random people (id → (name, unit short))."""
    rng = random.Random(seed)
    posts = docs / "news" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    ids = sorted(people)
    for index in range(count):
        featured = rng.sample(ids, k=min(len(ids), rng.randint(1, 3)))
        name, unit = people[featured[0]]
        year = rng.randint(2015, 2025)
        when = dt.datetime(year, rng.randint(1, 12), rng.randint(1, 28), rng.randint(7, 20), rng.choice([0, 15, 30]))
        title = rng.choice(HEADLINES).format(name=name, unit=unit, year=year)
        paragraphs = [f"{name} {rng.choice(DEEDS)}." for _ in range(2)] + [
            f"Tập thể {unit} {rng.choice(DEEDS)}; {rng.choice(DEEDS)}." for _ in range(3)]
        (posts / f"{when:%Y-%m-%d}-{index}.md").write_text(
            "---\n" + yaml.safe_dump({
                "title": title, "authors": [rng.choice(["minh-nhat", "thien-thanh", "hai-yen"])],
                "categories": [rng.choice(CATEGORIES)], "description": paragraphs[0], "exemplars": featured,
            }, allow_unicode=True, sort_keys=False) + f"date: {when:%Y-%m-%d %H:%M:%S}+07:00\n---\n\n"
            + paragraphs[0] + "\n\n<!-- more -->\n\n" + "\n\n".join(paragraphs[1:]) + "\n",
            encoding="utf-8")
