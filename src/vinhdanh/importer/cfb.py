"""Just enough of Microsoft's Compound File format to read one stream (.xls, encrypted .xlsx).

python-calamine reads the cells; it does not say which hold formulas or whether a file is
encrypted. Those answers are in the container itself, read here with bounds on every loop.
"""

from __future__ import annotations

import struct

SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFE
_FREE = 0xFFFFFFFF


class DamagedFile(ValueError):
    """The container does not hold together."""


class CompoundFile:
    """A read-only view of a compound file held in memory."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(SIGNATURE) or len(data) < 512:
            raise DamagedFile("not a compound file")
        self.data = data
        self.sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
        self.mini_sector = 1 << struct.unpack_from("<H", data, 0x20)[0]
        if self.sector not in (512, 4096) or self.mini_sector != 64:
            raise DamagedFile("unexpected sector sizes")
        self.sector_count = max(0, (len(data) - self.sector) // self.sector)
        self.fat = self._read_fat()
        first_dir, = struct.unpack_from("<I", data, 0x30)
        self.mini_cutoff, first_minifat = struct.unpack_from("<II", data, 0x38)
        self.entries = self._directory(self._chain_bytes(first_dir))
        self.minifat = list(struct.unpack(f"<{len(raw) // 4}I", raw)) if (
            raw := self._chain_bytes(first_minifat) if first_minifat < _END else b"") else []

    def _sector_bytes(self, number: int) -> bytes:
        if number >= self.sector_count:
            raise DamagedFile(f"sector {number} is past the end of the file")
        start = (number + 1) * self.sector
        return self.data[start:start + self.sector]

    def _read_fat(self) -> list[int]:
        difat = list(struct.unpack_from("<109I", self.data, 0x4C))
        next_difat, difat_count = struct.unpack_from("<II", self.data, 0x44)
        per_sector = self.sector // 4 - 1
        for _ in range(min(difat_count, self.sector_count)):
            if next_difat >= _END:
                break
            values = struct.unpack(f"<{per_sector + 1}I", self._sector_bytes(next_difat))
            difat += values[:-1]
            next_difat = values[-1]
        fat: list[int] = []
        for number in difat:
            if number < _END:
                fat += struct.unpack(f"<{self.sector // 4}I", self._sector_bytes(number))
        return fat

    def _chain(self, start: int, table: list[int]) -> list[int]:
        chain, seen = [], set()
        while start < _END:
            if start in seen or start >= len(table):
                raise DamagedFile("a broken sector chain")
            seen.add(start)
            chain.append(start)
            start = table[start]
        return chain

    def _chain_bytes(self, start: int) -> bytes:
        return b"".join(self._sector_bytes(n) for n in self._chain(start, self.fat))

    @staticmethod
    def _directory(raw: bytes) -> dict[str, tuple[int, int]]:
        entries: dict[str, tuple[int, int]] = {}
        for offset in range(0, len(raw) - 127, 128):
            length, kind = struct.unpack_from("<HB", raw, offset + 0x40)
            if kind not in (1, 2, 5) or not 2 <= length <= 64:
                continue
            name = raw[offset:offset + length - 2].decode("utf-16-le", errors="replace")
            start, size = struct.unpack_from("<IQ", raw, offset + 0x74)
            entries.setdefault(name if kind != 5 else "\0root", (start, size))
        return entries

    def has(self, name: str) -> bool:
        """Return whether a stream or storage of that name exists."""
        return name in self.entries

    def stream(self, name: str) -> bytes:
        """Return the bytes of a stream, from the big or the mini sectors."""
        start, size = self.entries[name]
        if size >= self.mini_cutoff:
            return self._chain_bytes(start)[:size]
        root_start, _ = self.entries["\0root"]
        mini_stream = self._chain_bytes(root_start)
        parts = []
        for number in self._chain(start, self.minifat):
            at = number * self.mini_sector
            parts.append(mini_stream[at:at + self.mini_sector])
        return b"".join(parts)[:size]


_BOF, _BOUNDSHEET, _FORMULA, _FILEPASS = 0x0809, 0x0085, 0x0006, 0x002F


def biff_formulas(workbook: bytes) -> tuple[bool, dict[str, set[tuple[int, int]]]]:
    """Scan a BIFF8 workbook stream: (encrypted?, {sheet name: {(row, col) of formula cells}})."""
    names: dict[int, str] = {}
    found: dict[str, set[tuple[int, int]]] = {}
    sheet = ""
    pos = 0
    while pos + 4 <= len(workbook):
        kind, length = struct.unpack_from("<HH", workbook, pos)
        body = workbook[pos + 4:pos + 4 + length]
        if kind == _FILEPASS:
            return True, {}
        if kind == _BOUNDSHEET and len(body) >= 8:
            names[struct.unpack_from("<I", body)[0]] = _short_string(body[6:])
        elif kind == _BOF:
            sheet = names.get(pos, sheet)
        elif kind == _FORMULA and len(body) >= 4:
            row, col = struct.unpack_from("<HH", body)
            found.setdefault(sheet, set()).add((row, col))
        pos += 4 + length
    return False, found


def _short_string(raw: bytes) -> str:
    """Decode BIFF8's ShortXLUnicodeString: a count, a flag, then 8- or 16-bit characters."""
    if len(raw) < 2:
        return ""
    count, wide = raw[0], raw[1] & 1
    return raw[2:2 + count * 2].decode("utf-16-le", "replace") if wide else raw[2:2 + count].decode("latin-1")
