"""The files a published image becomes: resized copies in modern formats and in the
original's, all without the camera's metadata (GPS position, serial numbers, comments), turned
the way the EXIF orientation says, and in sRGB. Pure: bytes in, bytes out; the same input
gives the same bytes (Pillow's encoders are deterministic; AVIF runs on one thread).

Which files exist, and their names, follow from the image's facts (site/image_files.py),
so a page can write its srcset before any of them is made. Each is named by a *label*
("480.avif", "1200x630.jpg", "as-is"); `make` makes any set of them from one decoding.
"""

from __future__ import annotations

import functools
import io
import warnings
from collections.abc import Iterable
from typing import Any

from vnu_site.io.write import digest
from vnu_site.model import ImageFacts
from vnu_site.site.image_files import AS_IS, SOCIAL, SOCIAL_LABEL, WIDTHS, fallback_format, label, plan_widths

__all__ = ["SOCIAL", "WIDTHS", "encode", "fallback_format", "make", "make_variants", "modern_formats", "plan_widths", "social_card"]

# How each format is written. Part of the cache's key for the files made (encoder_salt):
# a change here makes every variant again.
SETTINGS: dict[str, dict[str, Any]] = {
    "jpg": {"quality": 82, "optimize": True, "progressive": True},
    "png": {"optimize": True},
    # WebP serves the few browsers without AVIF: method 1 takes a third of method 4's time for
    # 10-15 % more bytes; AVIF's speed 9 half of speed 8's for 5 % more (bench/README.md).
    "webp": {"quality": 80, "method": 1},
    "avif": {"quality": 60, "speed": 9, "max_threads": 1},  # one thread: the worker pool is the parallelism
}
_SAVE_AS = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP", "avif": "AVIF", "gif": "GIF"}
_REDUCING_GAP = 3.0  # Pillow's shortcut for large reductions; from 3 on it looks the same as a plain resize


def modern_formats() -> tuple[str, ...]:
    """AVIF where this Pillow can write it, then WebP: the <source> types, best first."""
    from PIL import features

    return tuple(kind for kind, feature in (("avif", "avif"), ("webp", "webp")) if features.check(feature))


@functools.cache
def encoder_salt() -> str:
    """Changes when the bytes made could: our settings, Pillow's version, its codecs'."""
    import PIL
    from PIL import features

    codecs = [features.version(name) for name in ("avif", "webp", "jpg", "zlib", "littlecms2")]
    return digest(repr((SETTINGS, _REDUCING_GAP, SOCIAL, PIL.__version__, codecs)).encode())[:16]


def make(data: bytes, facts: ImageFacts, labels: Iterable[str], opened: Any = None) -> dict[str, bytes]:
    """label -> bytes for each label asked, decoding the image once (not at all when it comes
    `opened`, loaded: image_probe.inspect). The caller has probed it (it decodes, and is not
    a bomb)."""
    wanted = sorted(set(labels))
    made: dict[str, bytes] = {}
    if AS_IS in wanted:
        made[AS_IS] = as_is(data, facts)
    stills = [name for name in wanted if name != AS_IS]
    if not stills:
        return made
    image = upright(data, opened)
    asked = {int(name.partition(".")[0]) for name in stills if name != SOCIAL_LABEL}
    widths = plan_widths(image.width)
    if SOCIAL_LABEL in stills:  # from the largest variant: as sharp, and a smaller picture to crop
        asked.add(widths[-1])
    # Each width made from the next larger one (a third of the time from the original's); a
    # plain loop, no closure: a cycle would keep the pictures in memory until the collector ran.
    sized: dict[int, Any] = {image.width: image}
    chain = {w for w in widths if any(w >= width for width in asked if width in widths)}  # the way down to each width asked
    source = image
    for width in sorted(chain | asked, reverse=True):
        if width in chain:
            sized[width] = source = _resized(source, width)
        else:  # not one of the image's planned widths (make_variants' callers): from the original
            sized[width] = _resized(image, width)
    for name in stills:
        if name == SOCIAL_LABEL:
            made[name] = _social(sized[widths[-1]])
        else:
            width_text, _, kind = name.partition(".")
            made[name] = encode(sized[int(width_text)], kind)
    sized.clear()
    return made


def make_variants(data: bytes, kind: str, formats: tuple[str, ...]) -> dict[tuple[int, str], bytes]:
    """(width, format) -> bytes for every planned width in `formats` plus the fallback."""
    image = upright(data)
    alpha = image.mode == "RGBA"
    facts = ImageFacts(image.width, image.height, kind, alpha=alpha)
    labels = {label(width, target) for width in plan_widths(image.width) for target in (*formats, fallback_format(kind, alpha))}
    return {(int(name.split(".")[0]), name.split(".")[1]): made for name, made in make(data, facts, labels).items()}


def upright(data: bytes, opened: Any = None):
    """The first frame, turned as its EXIF orientation says, in sRGB, as RGB or RGBA, with
    nothing of the file's metadata left in it (Pillow would write some of it back)."""
    from PIL import Image, ImageOps

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with opened if opened is not None else Image.open(io.BytesIO(data)) as source:
            image = ImageOps.exif_transpose(source)  # a copy, turned; its EXIF is not carried over
    profile = image.info.get("icc_profile")
    alpha = image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in image.info
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):  # 16-bit grey: to 8 bits
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    if profile and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        image = _to_srgb(image, profile, "RGBA" if alpha else "RGB")
    image = image.convert("RGBA" if alpha else "RGB")
    image.info = {}
    return image


def _to_srgb(image, profile: bytes, mode: str):
    """Colours from the file's ICC profile (a phone's Display P3, a CMYK print file) to sRGB,
    so the files can go without it; as they are if the profile cannot be used."""
    from PIL import ImageCms

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        output = mode if image.mode in ("RGB", "RGBA") else "RGB"
        turned = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=output)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image
    return turned if turned is not None else image


def _resized(image, width: int):
    from PIL import Image

    if width == image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=_REDUCING_GAP)


def social_card(data: bytes) -> bytes:
    """A 1200x630 JPEG cropped from the middle of the image, for link previews."""
    return make(data, ImageFacts(1, 1, "jpg"), [SOCIAL_LABEL])[SOCIAL_LABEL]


def _social(image) -> bytes:
    from PIL import Image, ImageOps

    if image.mode == "RGBA":  # on white, as a page shows it
        backed = Image.new("RGB", image.size, (255, 255, 255))
        backed.paste(image, mask=image.getchannel("A"))
        image = backed
    return encode(ImageOps.fit(image, SOCIAL, Image.Resampling.LANCZOS), "jpg")


def encode(image, kind: str) -> bytes:
    """The image in one format, with no metadata at all (only pixels go in)."""
    if kind not in SETTINGS:
        raise ValueError(f"unknown image format '{kind}'")
    out = io.BytesIO()
    image = image.convert("RGB") if kind == "jpg" and image.mode != "RGB" else image
    image.save(out, _SAVE_AS[kind], **SETTINGS[kind])
    return out.getvalue()


# --- animations: published as they are, their metadata removed ------------------------


def as_is(data: bytes, facts: ImageFacts) -> bytes:
    """A GIF with its comments and application data (XMP) taken out, its pixels untouched;
    an animated PNG, WebP or AVIF written again, every frame, without its metadata."""
    if facts.format == "gif":
        try:
            return strip_gif(data)
        except ValueError:
            pass  # a GIF Pillow reads but we cannot walk: written again instead
    return _animation(data, facts.format)


def _animation(data: bytes, kind: str) -> bytes:
    from PIL import Image, ImageSequence

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Image.open(io.BytesIO(data)) as opened:
            frames, durations = [], []
            for frame in ImageSequence.Iterator(opened):
                durations.append(int(frame.info.get("duration", 100) or 100))
                still = frame.convert("RGBA")
                still.info = {}
                frames.append(still)
            loop = int(opened.info.get("loop", 0) or 0)
    out = io.BytesIO()
    options = {"save_all": True, "append_images": frames[1:], "duration": durations, "loop": loop}
    extra = {k: v for k, v in SETTINGS.get(kind, {}).items() if k != "optimize"} if kind in ("webp", "avif") else {}
    frames[0].save(out, _SAVE_AS[kind], **options, **extra)
    return out.getvalue()


_KEPT_APPLICATIONS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")  # how many times the animation plays


def strip_gif(data: bytes) -> bytes:
    """The GIF's blocks less comments, application extensions other than the loop count
    (XMP and ICC live there) and anything after its end. ValueError if it is not well formed."""
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        raise ValueError("not a GIF")
    packed = data[10]
    at = 13 + (3 << ((packed & 7) + 1) if packed & 0x80 else 0)
    kept = [data[:at]]
    while True:
        if at >= len(data):
            raise ValueError("no end")
        introducer = data[at]
        if introducer == 0x3B:  # trailer
            kept.append(b"\x3b")
            return b"".join(kept)
        if introducer == 0x2C:  # an image: descriptor, local colours, code size, data
            if at + 10 > len(data):
                raise ValueError("truncated image")
            local = data[at + 9]
            end = at + 10 + (3 << ((local & 7) + 1) if local & 0x80 else 0) + 1
            end = _sub_blocks(data, end)
            kept.append(data[at:end])
        elif introducer == 0x21:  # an extension
            if at + 2 > len(data):
                raise ValueError("truncated extension")
            kind = data[at + 1]
            end = _sub_blocks(data, at + 2)
            first = data[at + 3 : at + 3 + data[at + 2]] if at + 2 < len(data) else b""
            if kind in (0xF9, 0x01) or (kind == 0xFF and first in _KEPT_APPLICATIONS):
                kept.append(data[at:end])
        else:
            raise ValueError(f"unknown block {introducer:#x}")
        at = end


def _sub_blocks(data: bytes, at: int) -> int:
    """Where the sub-blocks that start at `at` end (after their empty one)."""
    while True:
        if at >= len(data):
            raise ValueError("truncated data")
        size = data[at]
        at += 1 + size
        if size == 0:
            return at
