"""Write examples/quyet-dinh-412.xlsx: the annex of a fictional decision, for the guides and the tests.

Its people are the demo catalogue's (exemplars/), written as an office writes them: title
rows in merged cells, a header with the usual names, units with abbreviations, two
"Nguyễn Văn Hùng" told apart by unit, a unit merged over two rows, two people not yet in
the records, the closing count and the signature. Run: `.venv/bin/python scripts/make_example_annex.py`.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side

TARGET = Path(__file__).resolve().parent.parent / "examples" / "quyet-dinh-412.xlsx"
PEOPLE = [
    ("Nguyễn Thị Thu Hà", "Kiểm sát viên trung cấp", "VKSND tỉnh Bắc Ninh"),
    ("Đào Đức Thắng", "Kiểm sát viên cao cấp", "Viện KSND TP Hà Nội"),
    ("Nguyễn Văn Hùng", "Kiểm sát viên trung cấp", "VKSND tỉnh Đắk Lắk"),
    ("Nguyễn Văn Hùng", "Phó Viện trưởng", "VKSND TP. Hồ Chí Minh"),
    ("Tôn Nữ Thị Ninh", "Kiểm sát viên cao cấp", "Viện Khoa học kiểm sát"),
    ("Đỗ Văn Hoà", "Phó Viện trưởng", "VKSND tỉnh Thanh Hóa"),
    ("Phùng Thị Lệ", "Kiểm sát viên sơ cấp", None),  # the unit cell above is merged over this row
    ("Trịnh Minh Khôi", "Chuyên viên chính", "Văn phòng VKSND tối cao"),
]


def main() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Phụ lục"
    bold, thin = Font(bold=True), Side(style="thin")
    rows = [
        ["VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO"],
        [],
        ["DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA NGÀNH KIỂM SÁT NHÂN DÂN NĂM 2025"],
        ["(Kèm theo Quyết định số 412/QĐ-VKSTC ngày 15/01/2026 của Viện trưởng Viện kiểm sát nhân dân tối cao)"],
        [],
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác"],
        *[[number, name, position, unit] for number, (name, position, unit) in enumerate(PEOPLE, start=1)],
        [],
        [f"Danh sách này có {len(PEOPLE)} cá nhân./."],
        [None, None, "VIỆN TRƯỞNG"],
        [None, None, "(đã ký)"],
    ]
    for row in rows:
        sheet.append(row)
    for line in (1, 3, 4, len(PEOPLE) + 8):
        sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=4)
        sheet.cell(line, 1).alignment = Alignment(horizontal="center" if line != len(PEOPLE) + 8 else "left",
                                                  wrap_text=True)
        sheet.cell(line, 1).font = bold
    sheet.merge_cells(start_row=12, start_column=4, end_row=13, end_column=4)  # Thanh Hóa, for two people
    for row in sheet.iter_rows(min_row=6, max_row=6 + len(PEOPLE), max_col=4):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.font = bold if cell.row == 6 else Font()
    for column, width in zip("ABCD", (6, 26, 26, 34)):
        sheet.column_dimensions[column].width = width
    book.properties.creator = "Vụ Thi đua – Khen thưởng (dữ liệu minh họa)"
    TARGET.parent.mkdir(exist_ok=True)
    book.save(TARGET)
    print(TARGET)


if __name__ == "__main__":
    main()
