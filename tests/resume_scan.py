"""Turn resume PDFs into scans, as a flatbed or a phone would, for the OCR tests and the corpus.

Each page is rendered by poppler's ``pdftoppm`` (the renderer skillgap's OCR uses) in grey at the
given resolution, then degraded the same way every time:

- rotated by :data:`ROTATION_DEGREES` (1.5°; its sign alternates with the seed, the same for
  every page of a resume), paper filling the corners, as a sheet lies slightly askew on the glass;
- blurred by a Gaussian of :data:`BLUR_POINTS` (0.25 pt, so 1 px at 300 dpi and 0.5 px at 150),
  as a scanner's optics soften edges;
- speckled: :data:`SPECKLE_SHARE` (0.2%) of the pixels, chosen by a ``random.Random(seed)``, set
  to black and as many to white (dust and dropped-out toner);
- a grey paper tone: white becomes :data:`PAPER_GREY`.

Pages are stacked into one tall image for a PNG (one photo of the whole resume), or kept as
pages of an image-only PDF (a scanner's output) or of a multi-page TIFF (a fax or a document
scanner's), at the resolution they were rendered at. A phone photo is a JPEG stored sideways (or
mirrored) with the EXIF orientation that tells viewers how to turn it upright.
"""

from __future__ import annotations

import io
import random
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageFilter

ROTATION_DEGREES = 1.5
BLUR_POINTS = 0.25
SPECKLE_SHARE = 0.002
PAPER_GREY = 242


def _pages(pdf: bytes, dpi: int) -> list[Image.Image]:
    with tempfile.TemporaryDirectory(prefix="skillgap-scan-") as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(source), str(Path(folder) / "page")], check=True
        )
        return [Image.open(path).convert("L") for path in sorted(Path(folder).glob("page*.png"))]


def degrade(page: Image.Image, dpi: int, seed: int, angle: float = ROTATION_DEGREES) -> Image.Image:
    """One page scanned: askew, soft, speckled, on grey paper (see the module's docstring)."""
    page = page.point(lambda value: value * PAPER_GREY // 255)
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=PAPER_GREY)
    page = page.filter(ImageFilter.GaussianBlur(BLUR_POINTS * dpi / 72))
    chooser = random.Random(seed)
    pixels = page.load()
    width, height = page.size
    for _ in range(int(width * height * SPECKLE_SHARE)):
        pixels[chooser.randrange(width), chooser.randrange(height)] = 0
        pixels[chooser.randrange(width), chooser.randrange(height)] = 255
    return page


def scanned_pages(pdf: bytes, dpi: int, seed: int) -> list[Image.Image]:
    angle = ROTATION_DEGREES if seed % 2 == 0 else -ROTATION_DEGREES
    return [degrade(page, dpi, seed * 1000 + index, angle) for index, page in enumerate(_pages(pdf, dpi))]


def scan_pdf(pdf: bytes, dpi: int, seed: int = 0) -> bytes:
    """An image-only PDF of the scanned pages, as a scanner writes one."""
    pages = scanned_pages(pdf, dpi, seed)
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return out.getvalue()


def scan_png(pdf: bytes, dpi: int, seed: int = 0) -> bytes:
    """One PNG of the scanned pages stacked top to bottom, with its resolution recorded."""
    pages = scanned_pages(pdf, dpi, seed)
    sheet = Image.new("L", (max(page.width for page in pages), sum(page.height for page in pages)), PAPER_GREY)
    top = 0
    for page in pages:
        sheet.paste(page, (0, top))
        top += page.height
    out = io.BytesIO()
    sheet.save(out, "PNG", dpi=(dpi, dpi))
    return out.getvalue()


def scan_tiff(pdf: bytes, dpi: int, seed: int = 0) -> bytes:
    """A multi-page TIFF of the scanned pages, one frame per page."""
    pages = scanned_pages(pdf, dpi, seed)
    out = io.BytesIO()
    pages[0].save(out, "TIFF", dpi=(dpi, dpi), save_all=True, append_images=pages[1:], compression="tiff_lzw")
    return out.getvalue()


# The turn (or mirror) that stores an upright photo so that each EXIF orientation turns it back.
_STORED_AS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def photo_jpeg(pdf: bytes, dpi: int, orientation: int, seed: int = 0) -> bytes:
    """The first scanned page as a colour JPEG stored turned as a phone stores it, with the EXIF
    orientation (2-8) that turns it upright."""
    page = scanned_pages(pdf, dpi, seed)[0].convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    page.transpose(_STORED_AS[orientation]).save(out, "JPEG", quality=90, dpi=(dpi, dpi), exif=exif)
    return out.getvalue()
