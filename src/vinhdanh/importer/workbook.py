"""Open a spreadsheet safely and return its sheets as grids of cells.

The file is judged by its content, not its name. Zip containers (.xlsx, .ods) are checked
before anything is decompressed past a limit, then handed to python-calamine repacked from
the verified bytes, so the reader never sees more than was checked.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetVisibleEnum

from .cfb import SIGNATURE, CompoundFile, DamagedFile, biff_formulas
from .ods import ods_layout
from .sheet import MAX_ROWS, FileRefused, Sheet
from .textfile import text_sheet

MAX_FILE_BYTES = 64 << 20
MAX_UNZIPPED_BYTES = 128 << 20
MAX_RATIO = 200  # deflated XML of a real sheet shrinks 5 to 30 times; bombs, thousands of times
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
_RESAVE = "open it in Excel or LibreOffice and save it again as .xlsx"


def read_sheets(path: Path) -> tuple[list[Sheet], list[str]]:
    """Return the visible sheets of a file, and notes on the sheets left out; raise FileRefused."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileRefused(f"{size / 2**20:.0f} MB is too big for an honour list (at most "
                              f"{MAX_FILE_BYTES >> 20} MB); split the list into several files")
        data = path.read_bytes()
    except OSError as err:
        raise FileRefused(f"cannot read the file: {err.strerror or err}") from None
    if not data.strip():
        raise FileRefused("the file is empty")
    if data.startswith(b"PK\x03\x04"):
        return _zipped(data)
    if data.startswith(SIGNATURE):
        return _compound(data)
    if path.suffix.lower() in (".csv", ".txt", ".tsv"):
        return [text_sheet(data)], []
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
        raise FileRefused("this is a web page (HTML or XML) saved under a spreadsheet's name, as some systems "
                          f"export them; {_RESAVE}")
    raise FileRefused("not a spreadsheet: vinhdanh reads .xlsx, .xls, .ods, and .csv or .txt (UTF-8 or UTF-16) "
                      "files")


def _unzip(data: bytes) -> dict[str, bytes]:
    """Return every member of a zip, refusing bombs before decompressing past the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRefused(f"the file is damaged (not a readable zip container); {_RESAVE}") from None
    declared = sum(info.file_size for info in infos)
    bomb = next((i for i in infos if i.file_size > 1 << 20 and i.file_size > MAX_RATIO * max(i.compress_size, 1)),
                None)
    if len(infos) > 10_000 or declared > MAX_UNZIPPED_BYTES or bomb:
        raise FileRefused(f"refused: the file would unpack to {declared / 2**20:,.0f} MB"
                          + (f" ({bomb.filename} shrunk {bomb.file_size // max(bomb.compress_size, 1):,} times)"
                             if bomb else "")
                          + f"; a real honour list unpacks to a few MB (limit {MAX_UNZIPPED_BYTES >> 20} MB)")
    if any(info.flag_bits & 1 for info in infos):
        raise FileRefused("the file is encrypted (protected by a password); remove the password and save again")
    members, total = {}, 0
    try:
        for info in infos:
            with archive.open(info) as member:  # stops at the declared size and checks the CRC
                members[info.filename] = member.read(MAX_UNZIPPED_BYTES - total + 1)
            total += len(members[info.filename])
            if total > MAX_UNZIPPED_BYTES:
                raise FileRefused(f"refused: the file unpacks past {MAX_UNZIPPED_BYTES >> 20} MB")
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, OSError, EOFError):
        raise FileRefused(f"the file is damaged (a part of it does not unpack); {_RESAVE}") from None
    return members


def _repack(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _zipped(data: bytes) -> tuple[list[Sheet], list[str]]:
    members = _unzip(data)
    if "xl/workbook.xml" in members:
        formulas = _xlsx_formulas(members)
        return _calamine(_repack(members), lambda name: ([], formulas.get(name, set())))
    if members.get("mimetype", b"").strip() == _ODS or "content.xml" in members and _ODS in members.get(
            "META-INF/manifest.xml", b""):
        if b"encryption-data" in members.get("META-INF/manifest.xml", b""):
            raise FileRefused("the file is encrypted (protected by a password); remove the password and save again")
        try:
            layouts = ods_layout(members.get("content.xml", b""))
        except (ET.ParseError, ValueError):
            raise FileRefused(f"the file is damaged (its content.xml does not parse); {_RESAVE}") from None
        return _calamine(_repack(members), lambda name: (layouts[name].merged, layouts[name].formulas)
                         if name in layouts else ([], set()))
    if "xl/workbook.bin" in members:
        raise FileRefused("this is a binary Excel workbook (.xlsb); open it in Excel and save it as .xlsx")
    raise FileRefused("a zip archive, not a spreadsheet: vinhdanh reads .xlsx, .xls, .ods and .csv files")


def _compound(data: bytes) -> tuple[list[Sheet], list[str]]:
    try:
        container = CompoundFile(data)
        if container.has("EncryptedPackage") or container.has("EncryptionInfo"):
            raise FileRefused("the file is encrypted (protected by a password); open it in Excel, remove the "
                              "password (File → Info → Protect Workbook), save, and import again")
        stream = next((name for name in ("Workbook", "Book") if container.has(name)), None)
        if stream is None:
            raise FileRefused("an Office document but not a spreadsheet (a Word or PowerPoint file?)")
        encrypted, formulas = biff_formulas(container.stream(stream))
    except DamagedFile as err:
        raise FileRefused(f"the file is damaged ({err}); {_RESAVE}") from None
    if encrypted:
        raise FileRefused("the file is encrypted (protected by a password); open it in Excel, remove the password, "
                          "save, and import again")
    return _calamine(data, lambda name: ([], formulas.get(name, set())))


Layout = Callable[[str], tuple[list[tuple[tuple[int, int], tuple[int, int]]], set[tuple[int, int]]]]


def _calamine(data: bytes, layout_of: Layout) -> tuple[list[Sheet], list[str]]:
    """Read every visible sheet with python-calamine; layout_of(name) gives (merges, formulas) it cannot."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets, notes = [], []
        for meta in workbook.sheets_metadata:
            if meta.visible != SheetVisibleEnum.Visible:
                notes.append(f"sheet {meta.name!r} skipped: it is hidden")
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            if sheet.total_height > MAX_ROWS:
                raise FileRefused(f"sheet {meta.name!r} has {sheet.total_height:,} rows; an honour list is refused "
                                  f"past {MAX_ROWS:,} rows: split it into several files")
            grid = Sheet(meta.name, sheet.to_python(skip_empty_area=False))
            merges, formulas = layout_of(meta.name)
            grid.merge(list(sheet.merged_cell_ranges or merges))
            grid.formulas = formulas
            sheets.append(grid)
    except FileRefused:
        raise
    except PasswordError:
        raise FileRefused("the file is encrypted (protected by a password); remove the password and save again") \
            from None
    except (CalamineError, ValueError, OverflowError) as err:
        raise FileRefused(f"the file cannot be read ({err}); {_RESAVE}") from None
    return sheets, notes


_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _xlsx_formulas(members: dict[str, bytes]) -> dict[str, set[tuple[int, int]]]:
    """Return the formula cells of each sheet of an .xlsx, by sheet name."""
    try:
        rels = {rel.get("Id"): rel.get("Target", "") for rel in
                ET.fromstring(members.get("xl/_rels/workbook.xml.rels", b"<r/>")).iter() if rel.get("Id")}
        found = {}
        for sheet in ET.fromstring(members["xl/workbook.xml"]).iter():
            if not sheet.tag.endswith("}sheet"):
                continue
            target = rels.get(sheet.get(_NS_REL), "").lstrip("/")
            xml = members.get(target if target.startswith("xl/") else "xl/" + target, b"")
            if re.search(rb"<(?:\w+:)?f[\s>/]", xml):
                found[sheet.get("name", "")] = _formula_cells(xml)
        return found
    except ET.ParseError:
        raise FileRefused(f"the file is damaged (its XML does not parse); {_RESAVE}") from None


def _formula_cells(xml: bytes) -> set[tuple[int, int]]:
    cells = set()
    for _, element in ET.iterparse(io.BytesIO(xml)):
        if element.tag.endswith("}c") and any(child.tag.endswith("}f") for child in element):
            if match := _CELL_REF.fullmatch(element.get("r", "")):
                col = 0
                for letter in match[1]:
                    col = col * 26 + ord(letter) - 64
                cells.add((int(match[2]) - 1, col - 1))
        if element.tag.endswith("}row"):
            element.clear()
    return cells
