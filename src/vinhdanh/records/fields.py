"""What each kind of file may hold: the fields of records, of stories' front matter and of the
news authors, each with the label and help the browser editor shows (in Vietnamese)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

from ..text import VIETNAM
from . import schema as s
from .problems import quoted

_TIMESTAMP = yaml.constructor.SafeConstructor.timestamp_regexp

F = s.Field
_ID_HELP = "Để trống: tạo tự động từ tên. Chữ thường không dấu, số và dấu '-'; không đổi sau khi đã dùng"
UNIT_FIELDS = {
    "id": F(s.identifier, True, "Mã đơn vị", _ID_HELP),
    "name": F(s.text, True, "Tên đầy đủ", "Ví dụ: Viện kiểm sát nhân dân tỉnh Bắc Ninh"),
    "short": F(s.text, False, "Tên ngắn", "Dùng trong danh sách, ví dụ: VKSND tỉnh Bắc Ninh; để trống: tên đầy đủ"),
    "parent": F(s.identifier, False, "Đơn vị cấp trên", "Để trống nếu là đơn vị cao nhất"),
    "valid_from": F(s.date, False, "Thành lập ngày", "Để trống nếu không rõ"),
    "valid_to": F(s.date, False, "Giải thể, sáp nhập ngày", "Để trống khi đơn vị còn hoạt động"),
    "successor": F(s.identifier, False, "Đơn vị kế thừa", "Đơn vị nhận lại nhiệm vụ sau khi giải thể, sáp nhập"),
}
TITLE_FIELDS = {
    "id": F(s.identifier, True, "Mã danh hiệu", _ID_HELP),
    "name": F(s.text, True, "Tên", "Ghi như trong văn bản, ví dụ: Chiến sĩ thi đua ngành Kiểm sát nhân dân"),
    "kind": F(s.one_of("title", "award"), True, "Loại", "Danh hiệu thi đua hay hình thức khen thưởng"),
    "for": F(s.one_of("individual", "collective", "both"), True, "Tặng cho", "Cá nhân, tập thể hay cả hai"),
    "level": F(s.one_of("nha-nuoc", "chinh-phu", "nganh", "co-so"), True, "Cấp", "Cấp khen thưởng"),
    "rank": F(s.integer, True, "Thứ bậc", "Số lớn hơn là cao quý hơn; dùng để sắp xếp các khen thưởng"),
    "aliases": F(s.list_of(s.text), False, "Tên khác", "Tên cũ, tên viết tắt (CSTĐ ngành…): tìm kiếm nhận ra"),
}
MOVEMENT_FIELDS = {
    "id": F(s.identifier, True, "Mã phong trào", _ID_HELP),
    "name": F(s.text, True, "Tên phong trào", "Ví dụ: Phong trào thi đua năm 2025"),
    "kind": F(s.one_of("annual", "thematic"), True, "Loại", "Thường xuyên hằng năm, hay theo đợt, chuyên đề"),
    "start": F(s.date, False, "Ngày phát động", ""),
    "end": F(s.date, False, "Ngày kết thúc", "Để trống nếu chưa kết thúc"),
    "launched_by": F(s.text, False, "Văn bản phát động", "Ví dụ: Kế hoạch số 09/KH-VKSTC ngày 17/01/2020"),
    "summary": F(s.text, False, "Tóm tắt", "Một đoạn văn ngắn về phong trào"),
}
HONOUR_FIELDS = {
    "title": F(s.identifier, True, "Danh hiệu, hình thức khen thưởng", "Chọn trong danh sách Danh hiệu"),
    "year": F(s.year_or_period, True, "Năm hoặc giai đoạn", "Năm đạt thành tích (2020) hoặc giai đoạn (2016-2020)"),
    "decision": F(s.text, False, "Số quyết định", "Ví dụ: 123/QĐ-VKSTC"),
    "date": F(s.date, False, "Ngày quyết định", ""),
    "by": F(s.text, False, "Cấp quyết định", "Ví dụ: Viện trưởng VKSND tối cao"),
    "unit": F(s.identifier, False, "Đơn vị khi được khen", "Để trống nếu là đơn vị hiện nay"),
    "movement": F(s.identifier, False, "Phong trào thi đua", "Nếu khen thưởng trong một phong trào"),
    "citation": F(s.text, False, "Thành tích", "Lý do khen thưởng, như trong quyết định"),
    "position": F(s.text, False, "Chức vụ khi được khen", "Như ghi trong quyết định, nếu khác chức vụ hiện nay"),
    "roll": F(s.integer, False, "Thứ tự trong quyết định",
              "Số thứ tự trong danh sách kèm theo quyết định; ghi khi nhập từ phụ lục, để trống: xếp theo tên"),
}
INITIATIVE_FIELDS = {
    "name": F(s.text, True, "Tên sáng kiến", ""),
    "year": F(s.year, True, "Năm công nhận", ""),
    "level": F(s.one_of("co-so", "nganh", "toan-quoc"), False, "Cấp công nhận", ""),
}
_EXEMPLAR_FIELDS = {
    "name": F(s.text, True, "Tên", "Ghi đúng như trong quyết định khen thưởng"),
    "unit": F(s.identifier, True, "Đơn vị hiện nay", "Chọn trong danh sách Đơn vị"),
    "photo": F(s.text, False, "Ảnh", "Ảnh JPEG, PNG hoặc WebP; khi đăng, ảnh được xoá thông tin máy ảnh, vị trí"),
    "photo_credit": F(s.text, False, "Tác giả ảnh", "Người chụp ảnh"),
    "summary": F(s.text, False, "Tóm tắt thành tích", "Một đoạn văn, hiện ở đầu trang hồ sơ"),
    "honours": F(s.list_of(s.mapping_of(HONOUR_FIELDS, "an honour")), False, "Khen thưởng",
                 "Mỗi quyết định khen thưởng một mục"),
    "initiatives": F(s.list_of(s.mapping_of(INITIATIVE_FIELDS, "an initiative")), False, "Sáng kiến", ""),
    "story": F(s.text, False, "Câu chuyện", "Bài viết về tấm gương, hiện cuối trang hồ sơ"),
    "published": F(s.boolean, False, "Công bố trên trang", "Bỏ chọn: hồ sơ được lưu nhưng không hiện trên trang"),
    "private": F(s.anything, False, "Thông tin nội bộ — không bao giờ công bố",
                 "Chỉ lưu trong hồ sơ; không hiện trên trang, không tìm kiếm được"),
}
PERSON_FIELDS = {
    **_EXEMPLAR_FIELDS,
    "family_name": F(s.text, False, "Họ", "Để trống: lấy chữ đầu của họ tên; ghi khi họ có hai chữ (Tôn Nữ)"),
    "given_name": F(s.text, False, "Tên gọi", "Để trống: lấy chữ cuối của họ tên"),
    "position": F(s.text, False, "Chức vụ", "Ví dụ: Kiểm sát viên trung cấp"),
}
COLLECTIVE_FIELDS = {**_EXEMPLAR_FIELDS,
                     "members": F(s.list_of(s.identifier), False, "Thành viên", "Các cá nhân của tập thể có hồ sơ")}


def post_date(reader: s.Reader, key: s.Key, value: Any) -> Any:
    """Accept a date, or a date and time (in Vietnam time unless a zone is written)."""
    written = value if isinstance(value, str) else ""
    if not _TIMESTAMP.match(written):  # only a timestamp is parsed again; any other text could be any YAML
        reader.error(key, f"expected a date like 2021-01-14 or a time like 2021-01-14 08:30:00, "
                     f"got {s.kind_of_value(value)}")
        return s.INVALID
    try:
        parsed = yaml.safe_load(written)
    except ValueError:
        reader.error(key, f"no such day or time: {quoted(value)}; check the day and month")
        return s.INVALID
    if isinstance(parsed, dt.datetime):
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=VIETNAM)
    if isinstance(parsed, dt.date):
        return dt.datetime.combine(parsed, dt.time(), VIETNAM)
    reader.error(key, f"expected a date like 2021-01-14 or a time like 2021-01-14 08:30:00, got {quoted(value)}")
    return s.INVALID


@dataclass(frozen=True)
class PlainText:
    """Accept text without markup characters: the theme prints these fields without escaping."""

    forbidden: tuple[str, ...]

    def __call__(self, reader: s.Reader, key: s.Key, value: Any) -> Any:
        text = s.text(reader, key, value)
        bad = [c for c in self.forbidden if text is not s.INVALID and c in text]
        if bad:
            reader.error(key, f"{bad[0]!r} is not allowed here (the text is shown as is); "
                         "write quotes as “ ” and leave out < and >")
            return s.INVALID
        return text


def plain_text(*forbidden: str) -> s.Check:
    """Accept text without the forbidden characters."""
    return PlainText(forbidden)


COVER_FIELDS = {
    "image": F(s.text, True, "Ảnh", "Ảnh JPEG, PNG hoặc WebP; khi đăng, ảnh được xoá thông tin máy ảnh, vị trí"),
    "alt": F(plain_text("<", ">"), False, "Chú thích ảnh", "Mô tả ảnh cho người không xem được ảnh"),
    "credit": F(plain_text("<", ">"), False, "Tác giả ảnh", "Người chụp ảnh"),
}
STORY_FIELDS = {
    "title": F(plain_text("<", ">"), True, "Tiêu đề", ""),
    "date": F(post_date, True, "Ngày giờ đăng", "Giờ Việt Nam; bài có ngày giờ sau này chỉ lên trang khi đến giờ"),
    "description": F(plain_text("<", ">", '"'), False, "Tóm tắt",
                     "Một hoặc hai câu, hiện ở danh sách tin và khi chia sẻ liên kết"),
    "authors": F(s.list_of(s.identifier), False, "Tác giả", ""),
    "categories": F(s.list_of(plain_text("<", ">", '"')), False, "Chuyên mục", "Ví dụ: Hội nghị, Gương điển hình"),
    "cover": F(s.mapping_of(COVER_FIELDS, "a cover (image, alt, credit)"), False, "Ảnh đại diện",
               "Hiện ở đầu bài và khi chia sẻ liên kết"),
    "exemplars": F(s.list_of(s.identifier), False, "Cá nhân, tập thể trong bài",
                   "Bài hiện thẻ hồ sơ của họ; hồ sơ của họ dẫn về bài"),
    "movement": F(s.identifier, False, "Phong trào thi đua", "Nếu bài thuộc một phong trào"),
    "draft": F(s.boolean, False, "Bản nháp", "Bỏ chọn khi bài đã sẵn sàng: bài lên trang vào ngày giờ đăng"),
    # Keys that MkDocs, Material and its blog plugin understand (not offered in the browser editor).
    "slug": F(s.identifier), "pin": F(s.boolean), "readtime": F(s.integer), "links": F(s.anything),
    "hide": F(s.anything), "template": F(s.text), "search": F(s.anything), "tags": F(s.list_of(s.text)),
}
AUTHOR_FIELDS = {"name": F(s.text, True), "description": F(s.text, True), "avatar": F(s.text, True),
                 "slug": F(s.identifier), "url": F(s.text)}
