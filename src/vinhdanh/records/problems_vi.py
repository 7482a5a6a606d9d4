"""Problems told in Vietnamese, for the people who fix them in the browser (editor and preview).

The checks speak English (the command line's convention); the editor and the preview's
banner show the same problems with each field's Vietnamese label and a Vietnamese
message. A message that no rule here knows is shown in English, marked as such: a test
feeds every kind of mistake the editor can make through this table.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import schema as s
from .problems import Problem

_KINDS = {"unit": "đơn vị", "title": "danh hiệu", "movement": "phong trào", "person": "cá nhân",
          "exemplar": "cá nhân hay tập thể"}
_DAY = r"'?(\d{4})-(\d{1,2})-(\d{1,2})'?"


def _date(year: str, month: str, day: str) -> str:
    return f"{int(day):02d}/{int(month):02d}/{year}"


def _dym(text: str | None) -> str:
    return f" (có phải là '{text}'?)" if text else ""


_Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]
_RULES: list[_Rule] = [(re.compile(pattern), render) for pattern, render in [
    (r"missing required key '(\w+)'", lambda m: "thiếu thông tin bắt buộc; hãy điền vào"),
    (r"must not be empty", lambda m: "không được để trống; hãy điền hoặc xoá trường này"),
    (rf"no such day: {_DAY}", lambda m: f"không có ngày {_date(*m.groups())}; hãy kiểm tra ngày và tháng"),
    (r"no such day or time: '(.*)'", lambda m: f"không có ngày giờ '{m[1]}'; hãy kiểm tra ngày và tháng"),
    (r"expected a date like .*, got '(.*)'",
     lambda m: f"ngày ghi theo dạng năm-tháng-ngày, như 2021-01-14; không nhận '{m[1]}'"),
    (r"expected a year like 2020 \(from (\d+) to (\d+)\), got (.*)",
     lambda m: f"năm phải từ {m[1]} đến {m[2]}, như 2020; không nhận {m[3]}"),
    (r"expected a period like .*got (.*)",
     lambda m: f"giai đoạn ghi như 2016-2020, năm đầu trước năm sau; không nhận {m[1]}"),
    (r"expected a whole number", lambda m: "phải là một số nguyên"),
    (r"expected true or false", lambda m: "chỉ chọn có hoặc không"),
    (r"expected one of (.*), got (.*?)(?: \(did you mean '(.*)'\?\))?$",
     lambda m: f"phải là một trong: {m[1]}; không nhận {m[2]}{_dym(m[3])}"),
    (r"expected an id of lowercase letters.*got '(.*?)'(?:; write '(.*)')?$",
     lambda m: f"mã chỉ gồm chữ thường không dấu, chữ số và dấu '-'; không nhận '{m[1]}'"
               + (f"; hãy ghi '{m[2]}'" if m[2] else "")),
    (r"expected text", lambda m: "phải là chữ"),
    (r"expected a list", lambda m: "phải là một danh sách"),
    (r"expected .* \(lines of 'key: value'\)", lambda m: "phải là một nhóm thông tin"),
    (r"unknown key(?: \(did you mean '(.*?)'\?\))?;", lambda m: f"trường này không có trong mẫu hồ sơ{_dym(m[1])}"),
    (r"key written twice", lambda m: "trường được ghi hai lần; giữ lại một"),
    (r"duplicate id '(.*)', first used at line (\d+)",
     lambda m: f"mã '{m[1]}' trùng với mục ở dòng {m[2]}; mỗi mục cần một mã riêng"),
    (r"no (\w+) with id '(.*?)' in .*?(?: \(did you mean '(.*)'\?\))?; add it",
     lambda m: f"không có {_KINDS.get(m[1], m[1])} mã '{m[2]}'{_dym(m[3])}; hãy chọn trong danh sách"),
    (r"'(.*)' is given only to (collectives|individuals)",
     lambda m: f"'{m[1]}' chỉ tặng cho {'tập thể' if m[2] == 'collectives' else 'cá nhân'}; hãy chọn danh hiệu khác"),
    (r"the same honour \((.*), (.*)\) is already listed as honours\[(\d+)\]",
     lambda m: f"khen thưởng này ({m[1]}, {m[2]}) đã có ở mục {int(m[3]) + 1}; hãy xoá một mục"),
    (r"'(.*)' is not part of the name '(.*)'", lambda m: f"'{m[1]}' không có trong tên '{m[2]}'; hãy chép từ tên"),
    (r"'(.*)' was dissolved on (\S+) but is still given as the current unit(?:; its successor is '(.*?)')?",
     lambda m: f"'{m[1]}' đã giải thể, sáp nhập ngày {m[2]} mà vẫn ghi là đơn vị hiện nay"
               + (f"; đơn vị kế thừa là '{m[3]}'" if m[3] else "") + " (đơn vị cũ ghi ở “Đơn vị khi được khen”)"),
    (r"a unit with a successor needs 'valid_to'",
     lambda m: "đơn vị có đơn vị kế thừa cần ghi ngày giải thể, sáp nhập"),
    (r"the unit tree loops: (.*?);", lambda m: f"cây đơn vị bị vòng: {m[1]}; một đơn vị cấp trên bị ghi sai"),
    (r"ends \((.*)\) before it starts \((.*)\)",
     lambda m: f"ngày kết thúc ({m[1]}) trước ngày phát động ({m[2]}); hãy sửa ngày"),
    (r"'(.)' is not allowed here", lambda m: f"không dùng ký tự {m[1]} ở đây; ngoặc kép viết “ ”, bỏ < và >"),
    # Documents and their signed PDF (documents.py), before the photos' rules on files.
    (r"is not named \.pdf", lambda m: "tệp văn bản đã ký phải là PDF (tên tệp có đuôi .pdf)"),
    (r"is .*, not a PDF", lambda m: "tệp không phải PDF; hãy lưu hoặc quét văn bản đã ký thành PDF"),
    (r"is a PDF cut short", lambda m: "tệp PDF bị thiếu phần cuối (chép chưa xong); hãy chép lại từ bản gốc"),
    (r"file not found: (\S+\.pdf)", lambda m: f"không tìm thấy tệp PDF {m[1]}; đường dẫn tính từ thư mục exemplars/"),
    (r"is outside exemplars/; put the PDF", lambda m: "tệp PDF phải nằm trong thư mục exemplars/documents/"),
    (r"is (\d+) MB, slow to open", lambda m: f"tệp PDF nặng {m[1]} MB, mở chậm; bản quét đen trắng thường dưới 5 MB"),
    (r"is already described by (\S+)", lambda m: f"văn bản này đã có ở tệp {m[1]}; hãy giữ một tệp"),
    (r"decision (\S+) is (dated|issued by) '(.*?)' in (\d+) honour\(s\) \(first at (.*?)\) but '(.*?)' here",
     lambda m: f"quyết định {m[1]} có {'ngày' if m[2] == 'dated' else 'cấp quyết định'} '{m[3]}' ở {m[4]} khen "
               f"thưởng (đầu tiên ở {m[5]}) nhưng ở đây là '{m[6]}'; hãy sửa cho khớp"),
    # The settings in mkdocs.yml (settings.py).
    (r"expected an e-mail address", lambda m: "địa chỉ thư điện tử không đúng dạng, ví dụ tdkt@vks.gov.vn"),
    (r"expected a phone number", lambda m: "số điện thoại không đúng dạng, ví dụ 024 3825 5058"),
    (r"expected an address starting with https://",
     lambda m: "địa chỉ trang phải bắt đầu bằng https://, http:// hoặc /"),
    (r"would be loaded from another server", lambda m: "ảnh tác giả phải là tệp trong thư mục nội dung của trang"),
    (r"the news authors are listed in", lambda m: "danh sách tác giả đang ghi ở hai nơi; hãy giữ một"),
    (r"a contact official needs the organisation", lambda m: "cần ghi cả thông tin cơ quan (organisation)"),
    (r"the file is (\d+) MB, more than (\d+) MB",
     lambda m: f"ảnh nặng {m[1]} MB, quá {m[2]} MB; hãy xuất một bản nhỏ hơn"),
    (r"too large to open safely|megapixels; resize", lambda m: "ảnh quá lớn; hãy thu nhỏ dưới 50 triệu điểm ảnh"),
    (r"not a readable image", lambda m: "tệp không phải ảnh đọc được (hỏng, hoặc không phải ảnh); hãy xuất lại JPEG"),
    (r"(\w+) images are not supported", lambda m: f"không nhận ảnh {m[1]}; hãy lưu thành JPEG, PNG hoặc WebP"),
    (r"file not found|image not found", lambda m: "không tìm thấy tệp ảnh; hãy tải ảnh lên lại"),
    (r"is outside", lambda m: "ảnh phải nằm trong thư mục ảnh của trang; hãy tải ảnh lên bằng nút chọn ảnh"),
    (r"has no caption", lambda m: "ảnh chưa có chú thích; hãy ghi chú thích cho ảnh"),
    (r"<(\w+)> is not allowed in Markdown", lambda m: f"không được dùng thẻ <{m[1]}> trong bài; hãy xoá"),
    (r"runs a script|is not a link to a page or file|is not a page or file",
     lambda m: "có đoạn mã hoặc liên kết không an toàn; hãy xoá"),
    (r"no author '(.*?)'", lambda m: f"không có tác giả '{m[1]}' trong danh sách tác giả"),
    (r"a story dated in the future is published on its date",
     lambda m: "bài hẹn giờ đăng sẽ tự lên trang vào ngày giờ đăng; bỏ dòng 'draft: false'"),
    (r"invalid YAML", lambda m: "tệp viết sai cú pháp YAML; hãy sửa theo dòng được chỉ"),
    (r"not UTF-8", lambda m: "tệp không lưu bằng mã UTF-8"),
    (r"the file name is the id.*rename it to (\S+)", lambda m: f"tên tệp không hợp lệ; hãy đổi thành {m[1]}"),
]]


def message_vi(message: str) -> str:
    """Return a problem's message in Vietnamese (in English, marked, where no rule knows it)."""
    for pattern, render in _RULES:
        if match := pattern.search(message):
            return render(match)
    return f"{message} (tiếng Anh)"


def knows(message: str) -> bool:
    """Return whether the message has a Vietnamese rendering."""
    return any(pattern.search(message) for pattern, _ in _RULES)


def field_label(field: str, fields: dict[str, s.Field]) -> str:
    """Return `honours[0].date` as the editor names it: "Khen thưởng › mục 1 › Ngày quyết định"."""
    parts: list[str] = []
    current: dict[str, s.Field] | None = fields
    check: s.Check | None = None
    for token in re.findall(r"\[(\d+)\]|([^.\[\]]+)", field):
        index, name = token
        if index:
            parts.append(f"mục {int(index) + 1}")
            check = check.item if isinstance(check, s.ListOf) else None
        else:
            rule = current.get(name) if current else None
            parts.append(rule.label if rule and rule.label else name)
            check = rule.check if rule else None
        current = check.fields if isinstance(check, s.MappingOf) else None
    return " › ".join(parts)


def describe(problem: Problem, fields: dict[str, s.Field] | None = None) -> str:
    """Return one line for the editor: the field's label, then what is wrong, in Vietnamese."""
    label = field_label(problem.field, fields or {}) if problem.field else ""
    where = f"{label}: " if label else ""
    return where + message_vi(problem.message)
