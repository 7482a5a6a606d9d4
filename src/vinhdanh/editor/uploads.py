"""Photos sent by the editor: JPEG, PNG or WebP only, and never written over another photo."""

from __future__ import annotations

import base64
import binascii
import io
import re
import tempfile
import warnings
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from ..records.photos import MAX_BYTES, photo_problem
from ..records.problems_vi import message_vi
from ..records.scaffold import unique_id
from .paths import PathRefused, Target

SUFFIXES = {"JPEG": {".jpg", ".jpeg"}, "MPO": {".jpg", ".jpeg"}, "PNG": {".png"}, "WEBP": {".webp"}}
"""Formats accepted from the editor (MPO: the JPEG some cameras write), and their file names' endings."""


def decoded(asset: Any) -> bytes:
    """Return the bytes of an uploaded file as Decap sends it (base64), or raise PathRefused."""
    content = asset.get("content") if isinstance(asset, dict) else None
    if not isinstance(content, str) or asset.get("encoding", "base64") != "base64":
        raise PathRefused("Tệp tải lên không đọc được; hãy chọn lại tệp")
    if len(content) > MAX_BYTES * 4 // 3 + 4:
        raise PathRefused(f"Ảnh lớn hơn {MAX_BYTES // 1024 // 1024} MB; hãy xuất một bản nhỏ hơn")
    try:
        return base64.b64decode(content, validate=True)
    except (binascii.Error, ValueError):
        raise PathRefused("Tệp tải lên không đọc được; hãy chọn lại tệp") from None


def photo_refusal(target: Target, data: bytes) -> str | None:
    """Return why data cannot be this photo (not JPEG, PNG or WebP; damaged; too large), or None."""
    name = Path(target.path).name
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format or ""
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        kind = ""
    if kind not in SUFFIXES:
        return f"“{name}” không phải ảnh JPEG, PNG hay WebP; hãy lưu ảnh ở một trong ba dạng này rồi tải lên lại"
    if Path(name).suffix.lower() not in SUFFIXES[kind]:
        return f"“{name}” là ảnh {kind}, nhưng tên tệp lại có đuôi khác; hãy đổi đuôi tên tệp cho đúng"
    with tempfile.NamedTemporaryFile(suffix=Path(name).suffix) as file:
        file.write(data)
        file.flush()
        problem = photo_problem(Path(file.name))
    return f"“{name}”: {message_vi(problem)}" if problem else None


def free_target(target: Target, data: bytes) -> Target:
    """Return where to write an uploaded photo: its own name, or name-2, -3… when another photo has it."""
    folder, stem, suffix = target.file.parent, target.file.stem, target.file.suffix

    def taken(candidate: str) -> bool:
        existing = folder / f"{candidate}{suffix}"
        return existing.exists() and existing.read_bytes() != data

    free = unique_id(stem, taken)
    if free == stem:
        return target
    path = f"{target.path.rsplit('/', 1)[0]}/{free}{suffix}"
    return Target(path, target.kind, folder / f"{free}{suffix}")


def renamed_in(text: str, old: str, new: str) -> str:
    """Return text with each reference to the photo named old (as folder/old) pointing at new instead."""
    return re.sub(rf"(?<=/){re.escape(old)}(?![\w.-])", new.replace("\\", r"\\"), text)


def media_file(target: Target, shown: bytes | None = None) -> dict[str, Any]:
    """Return a photo as Decap's media library reads it; shown: what to send instead of the photo (a small copy)."""
    content = target.file.read_bytes() if shown is None else shown
    stat = target.file.stat()
    return {"id": f"{stat.st_mtime_ns:x}-{stat.st_size:x}", "content": base64.b64encode(content).decode("ascii"),
            "encoding": "base64", "path": target.path, "name": target.file.name}
