"""Photos, through Pillow: checked, turned upright, stripped of all metadata, resized.

Phones write GPS coordinates and camera details into every photo; nothing of that is
published. Each photo is published in a few widths for `srcset`, re-encoded from the
pixels alone. Results are cached by the source's content, so a rebuild redoes nothing.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import shutil
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

WIDTHS = (320, 640, 1280)
"""Published widths; a smaller original is published at its own width, never enlarged."""
MAX_BYTES = 40 * 1024 * 1024
MAX_PIXELS = 50_000_000
MAX_PUBLISHED_BYTES = 300 * 1024
"""A published JPEG or WebP is re-encoded at lower quality until it fits (phones on slow links)."""
FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
"""Accepted formats (MPO: the JPEG variant some cameras write) → published format."""
SUFFIXES = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
_VERSION = b"vinhdanh-photos-1"  # change when the processing changes, to refresh caches


@dataclass(frozen=True)
class Rendition:
    """One published size of a photo."""

    width: int
    height: int
    path: Path
    """The processed file, in the cache."""


@dataclass(frozen=True)
class PhotoSet:
    """The published sizes of one photo, smallest first."""

    renditions: tuple[Rendition, ...]
    suffix: str

    @property
    def largest(self) -> Rendition:
        """Return the widest rendition."""
        return self.renditions[-1]


def photo_problem(path: Path) -> str | None:
    """Return why path cannot be published as a photo, or None if it can."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        megabytes = size / 1024 / 1024
        return f"the file is {megabytes:.0f} MB, more than {MAX_BYTES // 1024 // 1024} MB; export a smaller copy"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind = image.format or "?"
                pixels = image.width * image.height
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "the image is too large to open safely; resize it below 50 megapixels"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return "not a readable image (damaged, or not a photo); export it again as JPEG or PNG"
    if kind not in FORMATS:
        return f"{kind} images are not supported; save it as JPEG, PNG or WebP"
    if pixels > MAX_PIXELS:
        return f"the image has {pixels / 1e6:.0f} megapixels; resize it below {MAX_PIXELS // 1_000_000}"
    return None


class PhotoCache:
    """Processed photos, kept in a folder (e.g. .cache/vinhdanh/photos) and reused."""

    def __init__(self, folder: Path, widths: tuple[int, ...] = WIDTHS) -> None:
        self.folder = folder
        self.widths = widths

    def photo(self, source: Path) -> PhotoSet:
        """Return the published sizes of source, processing it only if not cached."""
        data = source.read_bytes()
        key = hashlib.sha256(_VERSION + repr(self.widths).encode() + data).hexdigest()[:32]
        folder = self.folder / key
        if not folder.is_dir():
            self._process(data, folder)
        renditions = []
        for path in sorted(folder.iterdir(), key=lambda p: int(p.stem.split("x")[0])):
            width, height = (int(n) for n in path.stem.split("x"))
            renditions.append(Rendition(width, height, path))
        return PhotoSet(tuple(renditions), renditions[0].path.suffix)

    def _process(self, data: bytes, folder: Path) -> None:
        with Image.open(io.BytesIO(data)) as opened:
            target = FORMATS[opened.format or "JPEG"]
            if target == "JPEG":
                opened.draft("RGB", (max(self.widths), max(self.widths)))  # decode at a fraction of the size
            image = ImageOps.exif_transpose(opened)
            image = flattened(image) if target == "JPEG" else image.convert("RGBA")
        widths = sorted({w for w in self.widths if w < image.width} | {min(image.width, max(self.widths))})
        staging = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(staging, ignore_errors=True)  # left by an interrupted build
        staging.mkdir(parents=True)
        for width in widths:
            height = round(image.height * width / image.width)
            resized = image.resize((width, height), Image.Resampling.LANCZOS)
            resized.info = {}  # from the pixels alone: no EXIF (GPS, camera), XMP, ICC profile or comment
            (staging / f"{width}x{height}{SUFFIXES[target]}").write_bytes(_encode(resized, target))
        staging.rename(folder)  # whole or not at all, even if interrupted


def _encode(image: Image.Image, target: str) -> bytes:
    """Encode image; lower the quality step by step until it weighs at most MAX_PUBLISHED_BYTES."""
    for quality in (80, 72, 64, 56, 48):
        buffer = io.BytesIO()
        if target == "PNG":
            image.save(buffer, "PNG", optimize=True)
            return buffer.getvalue()
        options = {"optimize": True, "progressive": True, "subsampling": "4:2:0"} if target == "JPEG" else {}
        image.save(buffer, target, quality=quality, **options)
        if buffer.tell() <= MAX_PUBLISHED_BYTES:
            break
    return buffer.getvalue()


def flattened(image: Image.Image) -> Image.Image:
    """Return image as RGB, transparent parts on white."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


RASTER_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
_IMG = re.compile(r'<img\b([^>]*?) src="([^"]+)"([^>]*?)\s*/?>')


def sized_uri(uri: str, width: int) -> str:
    """Return the address of one size of an image: "a/b.jpg" → "a/b-640.jpg"."""
    stem, suffix = posixpath.splitext(uri)
    return f"{stem}-{width}{suffix}"


def add_srcset(html: str, base: str, images: dict[str, PhotoSet]) -> str:
    """Give each <img> whose source (relative to base) is in images its sizes and dimensions."""

    def rewrite(match: re.Match[str]) -> str:
        src = match[2]
        photos = images.get(posixpath.normpath(posixpath.join(base, src)))
        if photos is None or "srcset=" in match[0]:
            return match[0]
        srcset = ", ".join(f"{sized_uri(src, r.width) if r is not photos.largest else src} {r.width}w"
                           for r in photos.renditions)
        return (f'<img{match[1]} src="{src}"{match[3]} srcset="{srcset}" sizes="(max-width: 45em) 100vw, 36rem" '
                f'width="{photos.largest.width}" height="{photos.largest.height}">')

    return _IMG.sub(rewrite, html)


def image_size(path: Path) -> tuple[int, int] | None:
    """Return (width, height) read from the file header, or None if it is not an image."""
    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, UnidentifiedImageError):
        return None
