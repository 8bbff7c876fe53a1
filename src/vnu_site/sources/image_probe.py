"""What an image file is: its format and its size as shown (after the EXIF orientation),
or why it cannot be published. Read once per file version (the result is cached by the
file's size and time), in a worker.

The pixel count is checked from the header before anything is decoded: a small file that
claims 50,000 x 50,000 pixels (a "decompression bomb") is refused at once instead of
taking gigabytes of memory, and so is an animation whose frames hold too many between
them. Then the whole image is decoded (every frame), so a truncated or corrupt file is an
error where it is named, not a broken picture on the site.
"""

from __future__ import annotations

import io
import warnings
from typing import Any

from vnu_site.model import ImageFacts

MAX_PIXELS = 40_000_000  # 8,000 x 5,000: more than any camera a newsroom uses, far less than a bomb
MAX_ANIMATION_PIXELS = 200_000_000  # every frame's pixels: 200 frames of 1,000 x 1,000
FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "AVIF": "avif"}
_TRANSPOSED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
__all__ = ["MAX_ANIMATION_PIXELS", "MAX_PIXELS", "ImageFacts", "inspect", "probe"]  # ImageFacts lives in the model: the cache keeps it


def probe(data: bytes) -> ImageFacts | str:
    """The image's facts, or what is wrong with it (a sentence for an editor)."""
    facts, image = inspect(data)
    if image is not None:
        image.close()
    return facts


def inspect(data: bytes) -> tuple[ImageFacts | str, Any]:
    """probe, and the decoded image (a still's first frame, loaded: a PIL image the caller
    closes) for whoever makes its variants next, so it is decoded once; None for an
    animation or a file with something wrong."""
    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow warns about odd files; the errors below say what matters
        image = None
        try:
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
            width, height = image.size
            if width < 1 or height < 1:
                return _refused(image, "is an image with no pixels")
            if width * height > MAX_PIXELS:
                return _refused(
                    image,
                    f"is {width} x {height} pixels, more than the {MAX_PIXELS // 1_000_000} million a page may show; "
                    "resize it (2,000 pixels wide is plenty) and save it again",
                )
            kind = FORMATS[image.format or ""]
            orientation = image.getexif().get(0x0112, 1) if kind in ("jpg", "webp", "png", "avif") else 1
            frames = getattr(image, "n_frames", 1)
            alpha = image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in image.info
            if frames > 1 and frames * width * height > MAX_ANIMATION_PIXELS:
                return _refused(
                    image,
                    f"is an animation of {frames} frames of {width} x {height} pixels, more than a page may show; "
                    "make it shorter or smaller, or publish it as a video",
                )
            for frame in range(frames):  # decodes it all: a truncated or corrupt file fails here
                image.seek(frame)
                image.load()
        except UnidentifiedImageError:
            return _refused(image, "is not an image Pillow can read (JPEG, PNG, GIF, WebP or AVIF)")
        except Image.DecompressionBombError:
            return _refused(image, f"claims more than {MAX_PIXELS // 1_000_000} million pixels; resize it and save it again")
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError, MemoryError) as error:
            return _refused(image, f"is damaged and cannot be decoded ({_reason(error)}); export it again from the original")
    if orientation in _TRANSPOSED:
        width, height = height, width
    facts = ImageFacts(width, height, kind, animated=frames > 1, alpha=alpha)
    if frames > 1:
        return _refused(image, facts)
    return facts, image


def _refused(image: Any, said: ImageFacts | str) -> tuple[ImageFacts | str, None]:
    if image is not None:
        image.close()
    return said, None


def _reason(error: BaseException) -> str:
    text = str(error).strip().rstrip(".") or type(error).__name__
    return text[:120]
