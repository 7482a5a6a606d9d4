"""Write the demo catalogue into exemplars/: fictional people, units' collectives, photos, documents.

Run again after changing it: `.venv/bin/python scripts/make_demo.py`. The output is
committed, so a fresh clone needs nothing but `make serve`.
"""

from __future__ import annotations

import random
import shutil
import sys
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

sys.path.insert(0, str(Path(__file__).parent))
import demo_documents  # noqa: E402
from gen_catalogue import COLLECTIVE_TITLES, DEEDS, INITIATIVES, PERSON_TITLES, dump, honours  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent / "exemplars"
MOVEMENTS = {2020: "thi-dua-2020", 2021: "thi-dua-2021-2025", 2022: "thi-dua-2021-2025",
             2023: "chuyen-de-chuyen-doi-so", 2024: "thi-dua-2021-2025", 2025: "chuyen-de-sap-xep-bo-may"}
YEARS = range(2019, 2026)

# (id, name, female, position, unit); two "Nguyễn Văn Hùng", names plain sorted() misorders.
PEOPLE = [
    ("nguyen-thi-thu-ha", "Nguyễn Thị Thu Hà", True, "Kiểm sát viên trung cấp", "vksnd-tinh-bac-ninh"),
    ("dao-duc-thang", "Đào Đức Thắng", False, "Kiểm sát viên cao cấp", "vksnd-tp-ha-noi"),
    ("tran-thi-anh", "Trần Thị Ánh", True, "Kiểm tra viên chính", "vu-thi-dua-khen-thuong"),
    ("le-van-an", "Lê Văn An", False, "Kiểm sát viên sơ cấp", "vksnd-khu-vuc-1-ha-noi"),
    ("pham-thi-uyen", "Phạm Thị Uyên", True, "Chuyên viên chính", "van-phong-vkstc"),
    ("do-van-hoa", "Đỗ Văn Hoà", False, "Phó Viện trưởng", "vksnd-tinh-thanh-hoa"),
    ("vu-thi-hoa", "Vũ Thị Hòa", True, "Kiểm sát viên trung cấp", "vksnd-tp-da-nang"),
    ("nguyen-van-hung", "Nguyễn Văn Hùng", False, "Kiểm sát viên trung cấp", "vksnd-tinh-dak-lak"),
    ("nguyen-van-hung-2", "Nguyễn Văn Hùng", False, "Trưởng phòng", "vksnd-tp-ho-chi-minh"),
    ("ton-nu-thi-ninh", "Tôn Nữ Thị Ninh", True, "Kiểm sát viên cao cấp", "vien-khoa-hoc-kiem-sat"),
    ("hoang-minh-duc", "Hoàng Minh Đức", False, "Kiểm tra viên", "phong-7-vks-thanh-hoa"),
    ("bui-thi-yen", "Bùi Thị Yến", True, "Thư ký nghiệp vụ", "vksnd-khu-vuc-1-dak-lak"),
    ("dang-quang-y", "Đặng Quang Ý", False, "Kiểm sát viên sơ cấp", "vksnd-tinh-bac-ninh"),
    ("ho-thi-ngoc-anh", "Hồ Thị Ngọc Ánh", True, "Chuyên viên", "truong-dai-hoc-kiem-sat"),
    ("ngo-duc-dat", "Ngô Đức Đạt", False, "Phó Trưởng phòng", "vksnd-tinh-thanh-hoa"),
    ("duong-thi-thuy", "Dương Thị Thuý", True, "Kiểm sát viên trung cấp", "vksnd-tp-ho-chi-minh"),
    ("ly-van-an", "Lý Văn Ân", False, "Kiểm tra viên chính", "vu-to-chuc-can-bo"),
    ("dinh-thi-hang", "Đinh Thị Hằng", True, "Kiểm sát viên cao cấp", "vksnd-tp-ha-noi"),
    ("luong-van-dung", "Lương Văn Dũng", False, "Viện trưởng", "vksnd-khu-vuc-1-ha-noi"),
    ("ta-thi-lan", "Tạ Thị Lan", True, "Kiểm tra viên", "vksnd-tp-da-nang"),
    ("mai-xuan-binh", "Mai Xuân Bình", False, "Kiểm sát viên trung cấp", "vksnd-tinh-dak-lak"),
    ("cao-thi-ngan", "Cao Thị Ngân", True, "Chuyên viên chính", "vu-thi-dua-khen-thuong"),
    ("doan-huu-cuong", "Đoàn Hữu Cường", False, "Phó Viện trưởng", "vksnd-tinh-bac-ninh"),
    ("huynh-thi-kim-oanh", "Huỳnh Thị Kim Oanh", True, "Kiểm sát viên trung cấp", "vksnd-tp-ho-chi-minh"),
    ("phan-thanh-long", "Phan Thành Long", False, "Kiểm tra viên", "vien-khoa-hoc-kiem-sat"),
    ("vo-thi-phuong", "Võ Thị Phương", True, "Kiểm sát viên sơ cấp", "vksnd-tp-da-nang"),
    ("nguyen-dinh-khanh", "Nguyễn Đình Khánh", False, "Trưởng phòng", "vksnd-tp-ha-noi"),
    ("le-thi-quyen", "Lê Thị Quyên", True, "Thư ký nghiệp vụ", "vksnd-tinh-thanh-hoa"),
    ("tran-cong-tuan", "Trần Công Tuấn", False, "Kiểm sát viên cao cấp", "vksnd-toi-cao"),
    ("pham-ngoc-mai", "Phạm Ngọc Mai", True, "Chuyên viên", "van-phong-vkstc"),
    ("dang-van-son", "Đặng Văn Sơn", False, "Kiểm sát viên trung cấp", "vksnd-khu-vuc-1-dak-lak"),
    ("ho-thi-nhung", "Hồ Thị Nhung", True, "Kiểm tra viên chính", "vksnd-tinh-bac-ninh"),
    ("ngo-quang-vinh", "Ngô Quang Vinh", False, "Phó Trưởng phòng", "vksnd-tp-ho-chi-minh"),
    ("dao-thi-tram", "Đào Thị Trâm", True, "Kiểm sát viên trung cấp", "vksnd-tinh-dak-lak"),
]
# Units at the time of older honours, for people whose unit was merged in 2025.
EARLIER_UNIT = {"vksnd-tinh-bac-ninh": "vksnd-tinh-bac-giang", "vksnd-tp-da-nang": "vksnd-tinh-quang-nam",
                "vksnd-tinh-dak-lak": "vksnd-tinh-phu-yen", "vksnd-khu-vuc-1-ha-noi": "vksnd-quan-hoan-kiem",
                "vksnd-khu-vuc-1-dak-lak": "vksnd-tinh-phu-yen", "vksnd-tp-ho-chi-minh": "vksnd-tinh-binh-duong"}
COLLECTIVES = [
    ("vu-16-vkstc", "Vụ Thi đua – Khen thưởng (Vụ 16), VKSND tối cao", "vu-thi-dua-khen-thuong"),
    ("phong-7-thanh-hoa", "Phòng Kiểm sát xét xử phúc thẩm án hình sự, VKSND tỉnh Thanh Hóa", "phong-7-vks-thanh-hoa"),
    ("vksnd-khu-vuc-1-ha-noi", "Viện kiểm sát nhân dân khu vực 1 – Hà Nội", "vksnd-khu-vuc-1-ha-noi"),
    ("phong-thong-ke-bac-ninh", "Phòng Thống kê tội phạm và công nghệ thông tin, VKSND tỉnh Bắc Ninh",
     "vksnd-tinh-bac-ninh"),
    ("phong-1-da-nang", "Phòng Thực hành quyền công tố và kiểm sát điều tra án hình sự, VKSND TP Đà Nẵng",
     "vksnd-tp-da-nang"),
    ("van-phong-tong-hop-dak-lak", "Văn phòng tổng hợp, VKSND tỉnh Đắk Lắk", "vksnd-tinh-dak-lak"),
    ("phong-9-hcm", "Phòng Kiểm sát giải quyết các vụ, việc dân sự, VKSND TP Hồ Chí Minh", "vksnd-tp-ho-chi-minh"),
    ("khoa-dao-tao-truong-dhks", "Khoa Nghiệp vụ kiểm sát, Trường Đại học Kiểm sát Hà Nội", "truong-dai-hoc-kiem-sat"),
    ("ban-bien-tap-tap-chi-kiem-sat", "Ban Biên tập Tạp chí Kiểm sát", "vien-khoa-hoc-kiem-sat"),
    ("phong-to-chuc-ha-noi", "Phòng Tổ chức cán bộ, VKSND TP Hà Nội", "vksnd-tp-ha-noi"),
    ("doan-thanh-nien-vkstc", "Đoàn Thanh niên Cộng sản Hồ Chí Minh VKSND tối cao", "van-phong-vkstc"),
]
PALETTE = [(222, 206, 190), (200, 214, 226), (214, 224, 206), (230, 214, 214), (216, 210, 228)]


def portrait(path: Path, rng: random.Random, people: int = 1) -> None:
    """Draw a soft placeholder portrait (silhouettes on a studio background)."""
    width, height = (1200, 800) if people > 1 else (600, 800)
    image = Image.new("RGB", (width, height), rng.choice(PALETTE))
    draw = ImageDraw.Draw(image)
    for y in range(height):  # gentle vertical light
        shade = int(40 * y / height)
        draw.line([(0, y), (width, y)], fill=tuple(max(0, c - shade) for c in image.getpixel((0, 0))))
    for i in range(people):
        cx = width * (i + 1) // (people + 1)
        scale = 1.0 if people == 1 else 0.55
        head, body = int(120 * scale), int(260 * scale)
        top = height - int(560 * scale)
        suit = rng.choice([(40, 52, 84), (60, 64, 70), (32, 70, 60)])
        draw.ellipse([cx - body, top + int(300 * scale), cx + body, top + int(800 * scale)], fill=suit)
        draw.ellipse([cx - head, top, cx + head, top + int(2.4 * head)], fill=(236, 204, 176))
        draw.ellipse([cx - head - 6, top - 14, cx + head + 6, top + int(1.1 * head)], fill=(34, 30, 28))
    image.filter(ImageFilter.GaussianBlur(1.2)).save(path, "JPEG", quality=82, optimize=True)


NEWS_IMAGES = ROOT.parent / "content" / "news" / "images"


def scene(path: Path, rng: random.Random, kind: str) -> None:
    """Draw a simple event photo: a hall with a red backdrop, a speaker, an award or a group."""
    width, height = 1200, 675
    image = Image.new("RGB", (width, height), (226, 220, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width, 380], fill=(168, 28, 26))                      # backdrop
    draw.rectangle([160, 70, 1040, 150], fill=(236, 190, 60))                   # banner
    draw.polygon([(600, 190), (615, 235), (662, 235), (624, 262), (638, 308), (600, 280), (562, 308),
                  (576, 262), (538, 235), (585, 235)], fill=(250, 214, 90))      # star
    draw.rectangle([0, 380, width, height], fill=(120, 86, 64))                 # floor

    def person(x: int, y: int, scale: float, suit: tuple[int, int, int]) -> None:
        head, body = int(34 * scale), int(70 * scale)
        draw.ellipse([x - body, y + int(60 * scale), x + body, y + int(260 * scale)], fill=suit)
        draw.ellipse([x - head, y, x + head, y + int(2.3 * head)], fill=(234, 200, 170))
        draw.ellipse([x - head - 3, y - 6, x + head + 3, y + head], fill=(32, 28, 26))

    if kind == "speech":
        draw.rectangle([520, 360, 680, 560], fill=(96, 52, 30))                 # podium
        person(600, 250, 1.2, (40, 52, 84))
    elif kind == "award":
        person(470, 250, 1.3, (40, 52, 84))
        person(730, 250, 1.3, (60, 64, 70))
        draw.rectangle([560, 300, 640, 430], fill=(200, 30, 30))                # flag
        draw.line([(640, 280), (640, 560)], fill=(90, 60, 30), width=8)
    else:
        for row, y in enumerate((260, 330)):
            for i in range(9):
                person(140 + i * 115 + row * 50, y, 0.9, rng.choice([(40, 52, 84), (60, 64, 70), (30, 70, 60)]))
    for i in range(14):                                                         # audience
        person(60 + i * 85, 560, 0.8, (50, 50, 60))
    image.filter(ImageFilter.GaussianBlur(1.5)).save(path, "JPEG", quality=80, optimize=True)


def news_images(rng: random.Random) -> None:
    """Draw the photos used by the demo stories."""
    shutil.rmtree(NEWS_IMAGES, ignore_errors=True)
    NEWS_IMAGES.mkdir(parents=True)
    for name, kind in [("hoi-nghi-2021-phat-bieu", "speech"), ("hoi-nghi-2021-trao-co", "award"),
                       ("hoi-nghi-2021-luu-niem", "group"), ("dai-hoi-thi-dua", "group"),
                       ("trao-bang-khen", "award"), ("phien-toa-rut-kinh-nghiem", "speech"),
                       ("chuyen-doi-so", "speech"), ("sap-xep-bo-may", "group"), ("tong-ket-2025", "award")]:
        scene(NEWS_IMAGES / f"{name}.jpg", rng, kind)


def main() -> None:
    rng = random.Random(2021)
    news_images(random.Random(14))
    for folder in ("people", "collectives", "photos"):
        shutil.rmtree(ROOT / folder, ignore_errors=True)
        (ROOT / folder).mkdir(parents=True)
    for index, (pid, name, female, position, unit) in enumerate(PEOPLE):
        record: dict[str, object] = {"name": name}
        if name.startswith("Tôn Nữ"):
            record["family_name"] = "Tôn Nữ"
        record.update(position=position, unit=unit)
        if index % 3 != 2:
            portrait(ROOT / "photos" / f"{pid}.jpg", rng)
            record.update(photo=f"photos/{pid}.jpg", photo_credit=rng.choice(["Thiên Thanh", "Minh Nhật", "Hải Yến"]))
        record["summary"] = (f"{'Chị' if female else 'Anh'} {name.split()[-1]} {rng.choice(DEEDS)}; "
                             f"{rng.choice(DEEDS)}.")
        earlier = EARLIER_UNIT.get(unit)
        record["honours"] = honours(rng, PERSON_TITLES, YEARS, [unit], MOVEMENTS)
        for honour in record["honours"]:  # type: ignore[union-attr]
            if earlier and int(honour["year"]) < 2025:
                honour["unit"] = earlier
        if rng.random() < 0.4:
            record["initiatives"] = [{"name": rng.choice(INITIATIVES), "year": rng.choice(YEARS),
                                      "level": rng.choice(["co-so", "nganh"])}]
        if index < 4:
            record["story"] = STORY.format(given=name.split()[-1], pronoun_lower="chị" if female else "anh")
        record["private"] = {"birth_date": f"19{rng.randint(70, 95)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                             "phone": f"09{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"}
        dump(ROOT / "people" / f"{pid}.yml", record)
    # One record saved decomposed (NFD), as text from macOS often is: loading normalises it.
    nfd = ROOT / "people" / "dinh-thi-hang.yml"
    nfd.write_text(unicodedata.normalize("NFD", nfd.read_text(encoding="utf-8")), encoding="utf-8")
    dump(ROOT / "people" / "nguyen-van-chua-cong-bo.yml", {
        "name": "Nguyễn Văn Chưa Công Bố", "position": "Kiểm sát viên", "unit": "vksnd-tp-ha-noi",
        "summary": "Hồ sơ đang chờ quyết định khen thưởng; chưa được đăng.",
        "honours": [{"title": "cstd-co-so", "year": 2025}], "published": False,
        "private": {"note": "Chờ Hội đồng Thi đua – Khen thưởng họp xét."}})
    people_by_unit: dict[str, list[str]] = {}
    for pid, _, _, _, unit in PEOPLE:
        people_by_unit.setdefault(unit, []).append(pid)
    for index, (cid, name, unit) in enumerate(COLLECTIVES):
        record = {"name": name, "unit": unit}
        if index % 2 == 0:
            portrait(ROOT / "photos" / f"{cid}.jpg", rng, people=rng.randint(3, 5))
            record.update(photo=f"photos/{cid}.jpg", photo_credit="Thiên Thanh")
        members = people_by_unit.get(unit, [])
        if members:
            record["members"] = members
        record["summary"] = f"Tập thể đoàn kết, {rng.choice(DEEDS)}."
        record["honours"] = honours(rng, COLLECTIVE_TITLES, YEARS, [unit], MOVEMENTS)
        dump(ROOT / "collectives" / f"{cid}.yml", record)
    demo_documents.main()  # documents/: their YAML, and their signed copies as PDF


STORY = """\
Vào ngành từ những năm đầu sau khi tốt nghiệp, {pronoun_lower} {given} chọn cho mình cách làm việc
giản dị: đọc kỹ từng trang hồ sơ, nghe kỹ từng lời khai và không để một chi tiết nào bị bỏ sót.

### Những vụ án khó

Nhiều vụ án phức tạp, kéo dài qua nhiều giai đoạn tố tụng đã được giải quyết dứt điểm nhờ
sự kiên trì của {pronoun_lower} cùng đồng nghiệp. Tại các phiên tòa rút kinh nghiệm, phần tranh
luận của {pronoun_lower} luôn chặt chẽ, có lý, có tình.

> "Mỗi hồ sơ là số phận của một con người, không được phép làm qua loa."

### Lan tỏa trong tập thể

Ngoài giờ, {pronoun_lower} {given} dành thời gian hướng dẫn các kiểm sát viên trẻ, chia sẻ kinh nghiệm
viết cáo trạng và chuẩn bị đề cương xét hỏi.
"""

if __name__ == "__main__":
    main()
