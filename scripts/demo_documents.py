"""Write the demo's documents into exemplars/documents/: a YAML file each, and its "signed copy" as a PDF.

Each PDF is one A4 page drawn with Pillow in black and white, like a scan (about 20 KB), with
"BẢN MINH HỌA" across it; the text uses the DejaVu fonts (Debian's fonts-dejavu-core, which
Chromium brings). Run by scripts/make_demo.py, or alone: `.venv/bin/python scripts/demo_documents.py`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).parent))
from gen_catalogue import dump  # noqa: E402

FOLDER = Path(__file__).resolve().parent.parent / "exemplars" / "documents"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
TOP = "Viện trưởng Viện kiểm sát nhân dân tối cao"
# (id, kind, number, date, issuer, summary, published). Two are decisions the demo's honours cite: their
# summary and PDF go to the decision's page. The last is a draft: kept here, never published.
DOCUMENTS = [
    ("15-qd-vkstc-2021", "quyet-dinh", "15/QĐ-VKSTC", dt.date(2021, 1, 13), TOP,
     "Về việc tặng danh hiệu Chiến sĩ thi đua ngành Kiểm sát nhân dân, Cờ thi đua của ngành Kiểm sát nhân dân "
     "và Bằng khen của Viện trưởng Viện kiểm sát nhân dân tối cao năm 2020", True),
    ("549-qd-vkstc-2026", "quyet-dinh", "549/QĐ-VKSTC", dt.date(2026, 3, 13), TOP,
     "Về việc tặng Bằng khen và Kỷ niệm chương “Vì sự nghiệp Kiểm sát” năm 2025", True),
    ("09-kh-vkstc-2020", "ke-hoach", "09/KH-VKSTC", dt.date(2020, 1, 17), TOP,
     "Phát động phong trào thi đua năm 2020 trong ngành Kiểm sát nhân dân", True),
    ("21-kh-vkstc-2023", "ke-hoach", "21/KH-VKSTC", dt.date(2023, 3, 1), TOP,
     "Tổ chức thi đua chuyên đề “Chuyển đổi số trong ngành Kiểm sát”", True),
    ("12-hd-vkstc-2025", "huong-dan", "12/HD-VKSTC", dt.date(2025, 10, 15), "Vụ Thi đua – Khen thưởng, VKSND tối cao",
     "Hướng dẫn tổng kết công tác thi đua, khen thưởng năm 2025 và đăng ký thi đua năm 2026", True),
    ("35-tb-vkstc-2026", "thong-bao", "35/TB-VKSTC", dt.date(2026, 3, 20),
     "Hội đồng Thi đua – Khen thưởng VKSND tối cao",
     "Kết quả xét tặng danh hiệu thi đua và hình thức khen thưởng năm 2025", True),
    ("du-thao-ke-hoach-2027", "ke-hoach", "…/KH-VKSTC", dt.date(2026, 12, 1), TOP,
     "Dự thảo: phát động phong trào thi đua năm 2027", False),
]
KIND_TITLES = {"quyet-dinh": "QUYẾT ĐỊNH", "ke-hoach": "KẾ HOẠCH", "huong-dan": "HƯỚNG DẪN", "thong-bao": "THÔNG BÁO"}


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSerif-Bold.ttf" if bold else "DejaVuSerif.ttf"
    if not (FONTS / name).is_file():
        raise SystemExit(f"{FONTS / name} is missing: apt-get install fonts-dejavu-core")
    return ImageFont.truetype(str(FONTS / name), size)


def wrapped(draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Return text cut into lines no wider than width."""
    lines, line = [], ""
    for word in text.split():
        if line and draw.textlength(f"{line} {word}", font=face) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line]


def scan(path: Path, kind: str, number: str, date: dt.date, summary: str) -> None:
    """Draw the document's first page as a black-and-white A4 scan at 100 dpi; save it as PDF."""
    page = Image.new("1", (827, 1169), 1)
    draw = ImageDraw.Draw(page)
    small, body, bold = font(15), font(16), font(16, bold=True)
    draw.text((60, 60), "VIỆN KIỂM SÁT NHÂN DÂN", font=bold, fill=0)
    draw.text((95, 82), "TỐI CAO", font=bold, fill=0)
    draw.text((420, 60), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=bold, fill=0)
    draw.text((480, 82), "Độc lập - Tự do - Hạnh phúc", font=bold, fill=0)
    draw.text((70, 120), f"Số: {number}", font=body, fill=0)
    draw.text((440, 120), f"Hà Nội, ngày {date:%d} tháng {date:%m} năm {date:%Y}", font=small, fill=0)
    title = KIND_TITLES[kind]
    draw.text(((827 - draw.textlength(title, font=font(20, True))) / 2, 190), title, font=font(20, True), fill=0)
    y = 230
    for line in wrapped(draw, summary, bold, 640):
        draw.text(((827 - draw.textlength(line, font=bold)) / 2, y), line, font=bold, fill=0)
        y += 24
    for paragraph in ("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;",
                      "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết Luật Thi đua, khen thưởng;",
                      "Xét đề nghị của Hội đồng Thi đua – Khen thưởng,"):
        y += 14
        for line in wrapped(draw, paragraph, body, 680):
            draw.text((80, y), line, font=body, fill=0)
            y += 24
    draw.text((540, y + 80), "VIỆN TRƯỞNG", font=bold, fill=0)
    draw.text((520, y + 110), "(đã ký và đóng dấu)", font=small, fill=0)
    draw.text((250, 1060), "BẢN MINH HỌA — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ", font=small, fill=0)
    stamp = time.struct_time((date.year, date.month, date.day, 8, 0, 0, 0, 1, 0))  # the same bytes on every run
    page.save(path, "PDF", resolution=100.0, title=f"{KIND_TITLES[kind].title()} {number}", creationDate=stamp,
              modDate=stamp)


def main() -> None:
    shutil.rmtree(FOLDER, ignore_errors=True)
    FOLDER.mkdir(parents=True)
    for doc_id, kind, number, date, issuer, summary, published in DOCUMENTS:
        scan(FOLDER / f"{doc_id}.pdf", kind, number, date, summary)
        record: dict[str, object] = {"kind": kind, "number": number, "date": date, "by": issuer,
                                     "summary": summary, "file": f"documents/{doc_id}.pdf"}
        if not published:
            record["published"] = False
            record["private"] = {"note": "Chờ lãnh đạo Viện cho ý kiến trước khi ký."}
        dump(FOLDER / f"{doc_id}.yml", record)


if __name__ == "__main__":
    main()
