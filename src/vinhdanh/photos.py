"""Photos of exemplars, read with Pillow."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, UnidentifiedImageError


def image_size(path: Path) -> tuple[int, int] | None:
    """Return (width, height) read from the file header, or None if it is not an image."""
    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, UnidentifiedImageError):
        return None
