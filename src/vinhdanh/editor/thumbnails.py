"""Small copies of photos for Decap's media library, which receives every photo of a folder at once.

Decap's local backend sends each photo of a folder whole, base64 in one JSON answer, when the
editor starts and whenever a form with a photo opens: 3,000 portraits would be hundreds of
megabytes each time. The library and the forms only show them small, so they get a small
JPEG instead, made once and kept in the project's cache (the photos themselves are sent
whole when one is asked for by name).
"""

from __future__ import annotations

import hashlib
import io
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from ..records.photos import flattened

PORTRAIT_WIDTH = 160
"""Portraits: shown about 150 px wide in a form (1–2 KB each)."""
STORY_WIDTH = 640
"""Photos of stories: shown in the story's preview beside its form."""
_VERSION = b"editor-thumbnails-1"


class Thumbnails:
    """Small copies of photos, by file, kept in memory and in a cache folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._memory: dict[tuple[str, int, int, int], bytes] = {}

    def of(self, file: Path, width: int) -> bytes:
        """Return a JPEG at most width wide showing file (the file itself if it cannot be read)."""
        stat = file.stat()
        key = (str(file), stat.st_mtime_ns, stat.st_size, width)
        if key in self._memory:
            return self._memory[key]
        kept = self.folder / (hashlib.sha256(_VERSION + repr(key).encode()).hexdigest()[:32] + ".jpg")
        if kept.is_file():
            data = kept.read_bytes()
        else:
            data = small_copy(file, width)
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = kept.with_suffix(".tmp")
            temporary.write_bytes(data)
            temporary.replace(kept)
        self._memory[key] = data
        return data


def small_copy(file: Path, width: int) -> bytes:
    """Return file as a JPEG at most width wide, upright, without its metadata."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(file) as opened:
                opened.draft("RGB", (width * 2, width * 2))  # JPEG: decode at a fraction of the size
                image = flattened(ImageOps.exif_transpose(opened))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return file.read_bytes()
    image.thumbnail((width, width * 2))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return buffer.getvalue()
