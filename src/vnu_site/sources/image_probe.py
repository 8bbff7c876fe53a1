"""What an image file is: its format and its size as shown (after the EXIF orientation),
or why it cannot be published. Read once per file version (the result is cached by the
file's size and time), in a worker.

The pixel count is checked from the header before anything is decoded: a small file that
claims 50,000 x 50,000 pixels (a "decompression bomb") is refused at once instead of
taking gigabytes of memory. Then the whole image is decoded, so a truncated or corrupt
file is an error where it is named, not a broken picture on the site.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

MAX_PIXELS = 40_000_000  # 8,000 x 5,000: more than any camera a newsroom uses, far less than a bomb
FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "AVIF": "avif"}
_TRANSPOSED = {5, 6, 7, 8}  # EXIF orientations that swap width and height


@dataclass(frozen=True)
class ImageFacts:
    width: int  # as shown: after the EXIF orientation is applied
    height: int
    format: str  # "jpg", "png", "gif", "webp" or "avif"
    animated: bool = False


def probe(data: bytes) -> ImageFacts | str:
    """The image's facts, or what is wrong with it (a sentence for an editor)."""
    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow warns about odd files; the errors below say what matters
        try:
            with Image.open(io.BytesIO(data), formats=list(FORMATS)) as image:
                width, height = image.size
                if width < 1 or height < 1:
                    return "is an image with no pixels"
                if width * height > MAX_PIXELS:
                    return (
                        f"is {width} x {height} pixels, more than the {MAX_PIXELS // 1_000_000} million a page may show; "
                        "resize it (2,000 pixels wide is plenty) and save it again"
                    )
                kind = FORMATS[image.format or ""]
                orientation = image.getexif().get(0x0112, 1) if kind in ("jpg", "webp", "png", "avif") else 1
                frames = getattr(image, "n_frames", 1)
                image.load()  # decodes it all: a truncated or corrupt file fails here
        except UnidentifiedImageError:
            return "is not an image Pillow can read (JPEG, PNG, GIF, WebP or AVIF)"
        except Image.DecompressionBombError:
            return f"claims more than {MAX_PIXELS // 1_000_000} million pixels; resize it and save it again"
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError, MemoryError) as error:
            return f"is damaged and cannot be decoded ({_reason(error)}); export it again from the original"
    if orientation in _TRANSPOSED:
        width, height = height, width
    return ImageFacts(width, height, kind, animated=frames > 1)


def _reason(error: BaseException) -> str:
    text = str(error).strip().rstrip(".") or type(error).__name__
    return text[:120]
