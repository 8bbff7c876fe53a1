"""Images the tests make: a photo with EXIF (orientation, GPS, camera), a transparent PNG,
an animated GIF with a comment, a damaged file, a decompression bomb."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

GPS = {1: "N", 2: (21.0, 2.0, 0.0), 3: "E", 4: (105.0, 47.0, 0.0)}


def photo(size=(2000, 1200), orientation: int | None = None, gps: bool = True, kind: str = "JPEG") -> bytes:
    """A photo-like picture (gradients and lines) with a camera's metadata."""
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image.paste((200, 60, 30), (width // 4, height // 4, width // 2, height // 2))
    for x in range(0, width, 37):
        image.putpixel((x, (x * 7) % height), (255, 255, 0))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x0110] = "Model 7"
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = GPS
    out = io.BytesIO()
    options = {"quality": 90} if kind == "JPEG" else {}
    image.save(out, kind, exif=exif, **options)
    return out.getvalue()


def transparent_png(size=(700, 500)) -> bytes:
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    image.paste((20, 90, 200, 255), (50, 50, size[0] - 50, size[1] - 50))
    out = io.BytesIO()
    image.save(out, "PNG", exif=_gps_exif())
    return out.getvalue()


def animated_gif(size=(40, 30), comment: bytes = b"secret place") -> bytes:
    frames = [Image.new("P", size, colour) for colour in (1, 2, 3)]
    for frame in frames:
        frame.putpalette([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255] + [0] * 744)
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=120, loop=0, comment=comment)
    return out.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that says it is width x height and holds almost nothing: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def damaged(data: bytes) -> bytes:
    """The first half of a file, as a broken upload leaves it."""
    return data[: len(data) // 2]


def _gps_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x8825] = GPS
    return exif


def metadata_of(data: bytes) -> list[str]:
    """What a published file still carries besides pixels (should be nothing)."""
    found = []
    with Image.open(io.BytesIO(data)) as image:
        if image.getexif():
            found.append(f"EXIF {dict(image.getexif())}")
        found += [key for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "dpi") if image.info.get(key)]
    for marker in (b"Exif", b"GPS", b"Model 7", b"secret place", b"xpacket"):
        if marker in data:
            found.append(f"bytes {marker!r}")
    return found
