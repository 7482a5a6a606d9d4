"""Merged cells and formulas of an OpenDocument spreadsheet, which python-calamine does not report."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ROW, _CELL, _COVERED, _SHEET = _TABLE + "table-row", _TABLE + "table-cell", _TABLE + "covered-table-cell", \
    _TABLE + "table"
_MAX_REPEAT = 1 << 20  # LibreOffice pads sheets with a row repeated a million times: count it, never loop it


@dataclass
class SheetLayout:
    """What a sheet's cells hide: merged ranges and formulas, by 0-based (row, column)."""

    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    formulas: set[tuple[int, int]] = field(default_factory=set)


class _Walker:
    """Follows row and column positions through repeated rows and cells."""

    def __init__(self) -> None:
        self.sheets: dict[str, SheetLayout] = {}
        self.layout = SheetLayout()
        self.row = self.col = 0
        self.row_repeat = 1

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == _SHEET:
            self.layout = self.sheets.setdefault(attrs.get(_TABLE + "name", ""), SheetLayout())
            self.row = 0
        elif tag == _ROW:
            self.col = 0
            self.row_repeat = min(int(attrs.get(_TABLE + "number-rows-repeated", "1") or 1), _MAX_REPEAT)
        elif tag in (_CELL, _COVERED):
            repeat = min(int(attrs.get(_TABLE + "number-columns-repeated", "1") or 1), _MAX_REPEAT)
            if tag == _CELL:
                self._note_cell(attrs)
            self.col += repeat

    def _note_cell(self, attrs: dict[str, str]) -> None:
        if _TABLE + "formula" in attrs:
            self.layout.formulas.add((self.row, self.col))
        rows = int(attrs.get(_TABLE + "number-rows-spanned", "1") or 1)
        cols = int(attrs.get(_TABLE + "number-columns-spanned", "1") or 1)
        if rows > 1 or cols > 1:
            self.layout.merged.append(((self.row, self.col), (self.row + rows - 1, self.col + cols - 1)))

    def end(self, tag: str) -> None:
        if tag == _ROW:
            self.row += self.row_repeat


def ods_layout(content_xml: bytes) -> dict[str, SheetLayout]:
    """Return each sheet's merged ranges and formula cells, read from content.xml."""
    head = content_xml[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise ValueError("content.xml declares entities")  # never in a real spreadsheet
    walker = _Walker()
    for event, element in ET.iterparse(io.BytesIO(content_xml), events=("start", "end")):
        if event == "start":
            walker.start(element.tag, dict(element.attrib))
        else:
            walker.end(element.tag)
            if element.tag == _ROW:
                element.clear()
    return walker.sheets
