"""sources/image_probe.py: what an image is, or why it cannot be published."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from vnu_site.sources.image_probe import MAX_PIXELS, ImageFacts, probe


def _encoded(size=(64, 48), kind="JPEG", orientation=None, **options) -> bytes:
    image = Image.new("RGB", size, (200, 40, 40))
    if orientation:
        exif = Image.Exif()
        exif[0x0112] = orientation
        options["exif"] = exif
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


@pytest.mark.parametrize(("kind", "name"), [("JPEG", "jpg"), ("PNG", "png"), ("GIF", "gif"), ("WEBP", "webp")])
def test_each_format_gives_its_size(kind, name):
    assert probe(_encoded(kind=kind)) == ImageFacts(64, 48, name)


def test_an_exif_orientation_that_turns_the_image_swaps_its_size():
    assert probe(_encoded(orientation=6)) == ImageFacts(48, 64, "jpg")
    assert probe(_encoded(orientation=3)) == ImageFacts(64, 48, "jpg")


def test_an_animated_gif_is_known_as_one():
    frames = [Image.new("RGB", (10, 10), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:])
    assert probe(out.getvalue()) == ImageFacts(10, 10, "gif", animated=True)


def test_a_truncated_file_is_damaged():
    data = _encoded(size=(400, 300), quality=95)
    said = probe(data[: len(data) // 2])
    assert isinstance(said, str) and said.startswith("is damaged and cannot be decoded (")
    assert said.endswith("); export it again from the original")


def test_something_else_is_not_an_image():
    assert probe(b"<svg xmlns='http://www.w3.org/2000/svg'/>") == "is not an image Pillow can read (JPEG, PNG, GIF, WebP or AVIF)"


def test_a_pixel_bomb_is_refused_from_its_header():
    """A PNG header claiming 30,000 x 30,000 pixels: refused before any pixel is decoded."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 30_000, 30_000, 8, 2, 0, 0, 0)
    bomb = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    said = probe(bomb)
    assert (
        said
        == (
            f"is 30000 x 30000 pixels, more than the {MAX_PIXELS // 1_000_000} million a page may show; "
            "resize it (2,000 pixels wide is plenty) and save it again"
        )
        or said == f"claims more than {MAX_PIXELS // 1_000_000} million pixels; resize it and save it again"
    )
