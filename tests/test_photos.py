"""Photos: checked, upright, stripped of metadata, resized, cached."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from vinhdanh.records.checks import check
from vinhdanh.records.load import load
from vinhdanh.records.photos import PhotoCache

P = "exemplars/people/nguyen-thi-thu-ha.yml"


def camera_photo(path: Path) -> None:
    """Write a 6000×4000 JPEG of about 20 MB, as a phone would: EXIF with GPS and orientation, ICC, comment."""
    scene = Image.radial_gradient("L").resize((6000, 4000)).convert("RGB")
    noisy = Image.blend(scene, Image.effect_noise((6000, 4000), 64).convert("RGB"), 0.5)
    exif = Image.Exif()
    exif[0x0112] = 6                      # orientation: rotate 90° to display
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (21.0, 1.0, 42.0), 3: "E", 4: (105.0, 51.0, 9.0)})
    noisy.save(path, "JPEG", quality=98, exif=exif, icc_profile=b"\0" * 128, comment=b"zqsentinelcomment")


def test_a_camera_photo_is_published_small_upright_and_clean(tmp_path: Path) -> None:
    source = tmp_path / "camera.jpg"
    camera_photo(source)
    assert source.stat().st_size > 18_000_000
    photos = PhotoCache(tmp_path / "cache").photo(source)
    assert [(r.width, r.height) for r in photos.renditions] == [(320, 480), (640, 960), (1280, 1920)]  # upright
    largest = photos.largest.path.read_bytes()
    assert len(largest) <= 300 * 1024
    for rendition in photos.renditions:
        with Image.open(rendition.path) as image:
            assert not image.getexif() and "icc_profile" not in image.info and "comment" not in image.info
            assert image.format == "JPEG"
        data = rendition.path.read_bytes()
        assert b"Exif" not in data and b"PhoneMaker" not in data and b"zqsentinelcomment" not in data


def test_processed_photos_are_cached_by_content(tmp_path: Path) -> None:
    source = tmp_path / "a.png"
    Image.new("RGBA", (900, 600), (200, 30, 30, 128)).save(source)
    cache = PhotoCache(tmp_path / "cache")
    first = cache.photo(source)
    stamps = [r.path.stat().st_mtime_ns for r in first.renditions]
    again = cache.photo(source)
    assert again == first and [r.path.stat().st_mtime_ns for r in again.renditions] == stamps
    assert first.suffix == ".png" and [r.width for r in first.renditions] == [320, 640, 900]
    Image.new("RGBA", (900, 600), "blue").save(source)
    assert cache.photo(source) != first


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.write_bytes(b"\xff\xd8\xff\xe0 truncated"),
     "not a readable image (damaged, or not a photo); export it again as JPEG or PNG"),
    (lambda p: Image.new("RGB", (10, 10)).save(p, "BMP"), "BMP images are not supported; save it as JPEG, PNG or WebP"),
    (lambda p: Image.new("1", (8000, 7000)).save(p, "PNG"), "the image has 56 megapixels; resize it below 50"),
    (lambda p: p.write_bytes(b"\0" * (41 * 1024 * 1024)), "the file is 41 MB, more than 40 MB; export a smaller copy"),
])
def test_photos_that_cannot_be_published(records: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    (records / "photos").mkdir()
    make(records / "photos/ha.jpg")
    person = records / "people/nguyen-thi-thu-ha.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("summary:", "photo: photos/ha.jpg\nsummary:"),
                      encoding="utf-8")
    base = str(records.parent) + "/"
    assert [str(p).replace(base, "") for p in check(load(records))] == [f"{P}:4: photo: photos/ha.jpg: {message}"]


def test_profile_images_have_sizes_and_alt_text(demo_site: Path) -> None:
    page = (demo_site / "ca-nhan/nguyen-thi-thu-ha/index.html").read_text(encoding="utf-8")
    assert ('<img class="vd-avatar" src="../../anh/ca-nhan/nguyen-thi-thu-ha-600.jpg" '
            'srcset="../../anh/ca-nhan/nguyen-thi-thu-ha-320.jpg 320w, ../../anh/ca-nhan/nguyen-thi-thu-ha-600.jpg 600w" '
            'sizes="9rem" alt="Nguyễn Thị Thu Hà" loading="lazy" decoding="async" width="600" height="800">') in page
    story = next(demo_site.glob("news/2021/01/14/*/index.html")).read_text(encoding="utf-8")
    assert 'hoi-nghi-2021-trao-co-320.jpg 320w' in story and 'width="1200" height="675"' in story


def test_no_published_image_keeps_metadata(demo_site: Path) -> None:
    for path in [*demo_site.rglob("*.jpg"), *demo_site.rglob("*.png"), *demo_site.rglob("*.webp")]:
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert not {"icc_profile", "comment", "xmp", "exif"} & set(image.info), path
        assert b"Exif\0\0" not in io.BytesIO(path.read_bytes()).getvalue(), path
