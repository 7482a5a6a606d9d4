"""Find the honour list in a sheet the way a person does.

An annex starts with title rows (the agency, "DANH SÁCH …", "(Kèm theo Quyết định số …
ngày …)"), then a header row, numbered rows, headings between groups ("I. Tập thể",
"Chiến sĩ thi đua ngành"), and ends with "Danh sách này có 45 cá nhân./." and signatures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import fold
from .cells import cell_text, is_number
from .resolve import Vocabulary
from .sheet import Sheet

# Header cells, folded with everything but letters and digits removed.
COLUMNS: dict[str, set[str]] = {
    "stt": {"stt", "tt", "sott", "sothutu"},
    "name": {"hovaten", "hoten", "hotencanhan", "hovatencanhan", "tencanhan", "canhan"},
    "collective": {"tentapthe", "tapthe", "tentapthedonvi", "tapthedonvi", "tentapthededuockhen"},
    "either": {"tentapthecanhan", "tapthecanhan", "hotentapthecanhan", "tentapthehoaccanhan", "tapthehoaccanhan"},
    "position": {"chucvu", "chucdanh", "chucvuchucdanh", "chucdanhchucvu", "chucvuhientai"},
    "unit": {"donvi", "donvicongtac", "coquandonvi", "coquan", "noicongtac", "coquancongtac", "donvicongtachientai",
             "coquandonvicongtac"},
    "position_unit": {"chucvudonvi", "chucvudonvicongtac", "chucvuvadonvicongtac", "chucdanhdonvicongtac",
                      "chucvuchucdanhdonvicongtac"},
    "title": {"danhhieu", "danhhieuthidua", "hinhthuckhenthuong", "hinhthuc", "danhhieuhinhthuckhenthuong",
              "hinhthucdanhhieu", "danhhieukhenthuong", "khenthuong"},
    "year": {"nam", "namthanhtich", "namdatthanhtich", "namduockhen", "namkhenthuong"},
    "decision": {"soquyetdinh", "soqd", "quyetdinhso", "quyetdinh"},
    "date": {"ngayquyetdinh", "ngayqd", "ngayky", "ngaybanhanh"},
    "by": {"capquyetdinh", "nguoiky", "coquanquyetdinh", "capkhen", "thamquyen"},
    "citation": {"thanhtich", "tomtatthanhtich", "thanhtichdatduoc", "noidungthanhtich"},
}
_FIELD_OF = {variant: name for name, variants in COLUMNS.items() for variant in variants}
_NAME_FIELDS = ("name", "collective", "either")
HEADER_SEARCH_ROWS = 40

_DECISION = re.compile(r"quyet dinh so\s*:?\s*(?P<number>[^\s,;()]+)(?:\s*,)?(?:\s+ngay\s+(?P<date>\d{1,2}\s*[/.-]\s*"
                       r"\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}))?(?:\s+cua\s+(?P<by>[^()]+))?")
_YEAR_WORDS = re.compile(r"\bnam\s+(\d{4}(?:\s*-\s*\d{4})?)\b")
_CLOSING = re.compile(r"(?:danh sach (?:nay )?(?:co|gom)|tong (?:cong|so)\s*:?(?: co)?)\s*:?\s*(?=\d)")
# "04 tập thể và 04 cá nhân", "45 (bốn mươi lăm) cá nhân", "12 đồng chí", "4 tập thể, cá nhân" (a total).
_COUNT = re.compile(r"(\d+)\s*(?:\([^)]*\)\s*)?(ca nhan|tap the|nguoi|dong chi|don vi)?")
_NOUN_KIND = {"ca nhan": "person", "nguoi": "person", "dong chi": "person", "tap the": "collective",
              "don vi": "collective"}
_HEADING_NUMBER = re.compile(r"(?:[IVXLC]+|[A-Za-z])[.)]?")
_MARKER = re.compile(r"^(?:[IVXLC]+|[A-Z]|\d+)[.)/-]\s+|^(?:phan|muc)\s+[IVX\d]+[.:]?\s*", re.IGNORECASE)


def header_key(text: str) -> str:
    """Return a header cell as compared: folded, no spaces or punctuation."""
    return re.sub(r"[^a-z0-9]", "", fold(text))


def aligned_fold(text: str) -> str:
    """Fold text keeping one character per character, so positions in it are positions in text."""
    folded = fold(text).lower()
    if len(folded) == len(text):  # NFC Vietnamese folds letter for letter
        return folded
    return "".join((fold(ch) or " ")[0] for ch in text).lower()


@dataclass(frozen=True)
class Offer:
    """A value the title rows give, and the row they give it on."""

    value: str
    row: int


@dataclass
class Section:
    """What the headings above a row say: a title, a kind of exemplar, a unit."""

    title: str | None = None
    kind: str | None = None
    unit: str | None = None
    row: int = 0
    text: str = ""


@dataclass
class Entry:
    """One numbered row of the list."""

    row: int
    """0-based index in the sheet."""
    values: dict[str, object]
    section: Section


@dataclass
class Table:
    """The list found in one sheet."""

    sheet: Sheet
    columns: dict[str, tuple[int, str]]
    """Field → (column index, header as written)."""
    header_row: int
    entries: list[Entry] = field(default_factory=list)
    offers: dict[str, Offer] = field(default_factory=dict)
    """decision, date, by (from "Kèm theo Quyết định …"), title, year, kind (from "DANH SÁCH …")."""
    stated_count: tuple[dict[str, int], int] | None = None
    """({kind: count}, row) from "Danh sách này có 04 tập thể và 45 cá nhân"; kind "" counts every row."""
    unnumbered: list[int] = field(default_factory=list)
    """Rows with a name but no number, between numbered rows."""

    def header(self, name: str) -> str:
        """Return a column's header as written in the sheet."""
        return self.columns[name][1]


def find_table(sheet: Sheet, vocabulary: Vocabulary) -> Table | None:
    """Return the list in a sheet, or None when no header row is found."""
    for row in range(min(len(sheet.rows), HEADER_SEARCH_ROWS)):
        columns = _header_columns(sheet, row)
        if any(f in columns for f in _NAME_FIELDS) and len(columns) >= 2:
            table = Table(sheet, columns, row)
            for above in range(row):
                _read_title_row(table, above, vocabulary)
            _read_body(table, vocabulary)
            return table
    return None


def _header_columns(sheet: Sheet, row: int) -> dict[str, tuple[int, str]]:
    columns: dict[str, tuple[int, str]] = {}
    for col, value in enumerate(sheet.rows[row]):
        text = cell_text(value)
        name = _FIELD_OF.get(header_key(text)) if text else None
        if name and name not in columns and (row, col) not in sheet.cover:
            columns[name] = (col, text)
    return columns


def row_text(sheet: Sheet, row: int) -> str:
    """Return the distinct texts of a row, merged cells once, joined by spaces."""
    texts: list[str] = []
    for col, value in enumerate(sheet.rows[row]):
        text = cell_text(value)
        if text and (row, col) not in sheet.cover and text not in texts:
            texts.append(text)
    return " ".join(texts)


def _read_title_row(table: Table, row: int, vocabulary: Vocabulary) -> None:
    text = row_text(table.sheet, row)
    folded = aligned_fold(text)
    if match := _DECISION.search(folded):
        for name in ("number", "date", "by"):
            if match[name]:
                value = text[match.start(name):match.end(name)].strip(" .,;")
                table.offers.setdefault("decision" if name == "number" else name, Offer(value, row))
    if "danh sach" in folded:
        titles = vocabulary.titles_in(text)
        if len(titles) == 1:
            table.offers.setdefault("title", Offer(next(iter(titles)), row))
        if years := _YEAR_WORDS.findall(folded):
            table.offers.setdefault("year", Offer(years[-1].replace(" ", ""), row))
        kind = _kind_in(folded)
        if kind:
            table.offers.setdefault("kind", Offer(kind, row))


def _kind_in(folded: str) -> str | None:
    """Return the kind a heading announces: "cá nhân" or "tập thể" (not both)."""
    person, collective = "ca nhan" in folded, "tap the" in folded
    return "person" if person and not collective else "collective" if collective and not person else None


def _read_body(table: Table, vocabulary: Vocabulary) -> None:
    sheet, columns = table.sheet, table.columns
    stt = columns.get("stt", (None, ""))[0]
    name_col = next(columns[f][0] for f in _NAME_FIELDS if f in columns)
    section = Section()
    pending: list[int] = []
    start = table.header_row + 1
    while start < len(sheet.rows) and _is_column_numbers(sheet, start):
        start += 1
    for row in range(start, len(sheet.rows)):
        text = row_text(sheet, row)
        if not text:
            if stt is None and table.entries:
                break  # without numbers, a blank row ends the list
            continue
        # A number computed by a formula may have no value saved with it (files written by programs).
        numbered = stt is not None and (is_number(sheet.value(row, stt)) or sheet.cover.get((row, stt), (row, stt))
                                        in sheet.formulas)
        if not numbered and (match := _CLOSING.search(folded := aligned_fold(text))):
            table.stated_count = (_counts(folded[match.end():]), row)
            break
        has_name = bool(cell_text(sheet.value(row, name_col)))
        if numbered or (stt is None and has_name and not _is_heading(table, row, text, vocabulary)):
            table.unnumbered += pending
            pending = []
            values = {f: sheet.value(row, col) for f, (col, _) in columns.items()}
            table.entries.append(Entry(row, values, section))
        elif _is_heading(table, row, text, vocabulary):
            section = _heading(section, row, text, vocabulary)
        elif has_name:
            pending.append(row)


def _counts(folded: str) -> dict[str, int]:
    """Return the counts a closing line states, by kind: {"collective": 4, "person": 4}, or {"": 8} for all."""
    counts = [(int(m[1]), m[2]) for m in _COUNT.finditer(folded)]
    by_kind = {_NOUN_KIND[noun]: count for count, noun in counts if noun}
    if len(counts) > 1 and len(by_kind) == len(counts):
        return by_kind
    count, noun = counts[0]
    # "4 tập thể, cá nhân" counts both kinds together.
    kind = _kind_in(folded) if noun in ("ca nhan", "tap the") else _NOUN_KIND.get(noun or "")
    return {kind or "": count}


def _is_column_numbers(sheet: Sheet, row: int) -> bool:
    """Return whether a row under the header only numbers the columns: 1 2 3 … or (1) (2) … or A B C."""
    cells = [cell_text(v) for v in sheet.rows[row] if cell_text(v)]
    return len(cells) >= 2 and all(re.fullmatch(r"\(?(\d{1,2}|[A-Z])\)?", c) for c in cells)


def _is_heading(table: Table, row: int, text: str, vocabulary: Vocabulary) -> bool:
    """Return whether a row is a heading: a numbering marker, or a title, kind or unit alone."""
    stt = table.columns.get("stt")
    if stt and _HEADING_NUMBER.fullmatch(cell_text(table.sheet.value(row, stt[0]))):
        return True
    core = _MARKER.sub("", text)
    return bool(vocabulary.titles_in(core) or _kind_in(fold(core)) or vocabulary.unit_ids(core))


def _heading(section: Section, row: int, text: str, vocabulary: Vocabulary) -> Section:
    """Return what the rows below a heading are: the heading's title, kind or unit replaces the previous one."""
    core = _MARKER.sub("", text).strip(" .:")
    titles = vocabulary.titles_in(core)
    title = next(iter(titles)) if len(titles) == 1 else None
    kind = _kind_in(fold(core))
    units = vocabulary.unit_ids(core) if not titles and not kind else set()
    unit = next(iter(units)) if len(units) == 1 else None
    if title:
        return Section(title, section.kind, section.unit, row, text)
    if kind:
        # A title announced for the other kind does not carry over ("A. Tập thể … B. Cá nhân").
        kept = section.title if section.title and vocabulary.gives(section.title, kind) else None
        return Section(kept, kind, None, row, text)
    if unit:
        return Section(section.title, section.kind, unit, row, text)
    return Section(section.title, section.kind, section.unit, row, text)
