"""Reading scans and photos by OCR with the system's Tesseract: words with their boxes, laid out.

Nothing is downloaded at run time: Tesseract and its language data come from the system's
packages (Debian: ``tesseract-ocr`` and ``tesseract-ocr-spa``/``-por``/``-deu``/``-fra``), and
PDF pages are rendered by poppler's ``pdftoppm`` (``poppler-utils``), which the same package
manager installs beside it. Neither is a Python dependency: without ``--ocr`` nothing here runs.

Tesseract's words keep their boxes; they become the same positioned fragments as a text PDF's,
so columns, sidebars and sections are found by :mod:`analyzer.layout` as for any PDF. Pages are
recognized by several Tesseract processes at once, each single-threaded (``OMP_THREAD_LIMIT=1``:
Tesseract's own threads only fight each other on a shared machine), each under its share of this
process's memory limit, and each ended with this process.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from analyzer.document import Line, normalize_text, strip_bullet
from analyzer.errors import DamagedDocumentError, ResourceLimitError, SkillgapError
from analyzer.layout import Fragment, reading_order, row_text

# Resolution pages are rendered at for OCR: Tesseract reads body text best at about 300 dpi.
RENDER_DPI = 300
# A scanned page is rendered at its scan's own resolution (within these bounds): scaling a 150 dpi
# scan up to 300 dpi invents soft edges that cost Tesseract more words than it gains.
MIN_RENDER_DPI = 150
# Points per inch: PDF coordinates are points, images are pixels at their resolution.
POINTS_PER_INCH = 72.0
# An image without a resolution in its metadata is taken to be at this one (phones say none).
ASSUMED_IMAGE_DPI = 300
# The most pixels one image (or rendered page) may hold: a letter page at 300 dpi holds 8.4 million;
# a hostile image declaring a billion would exhaust memory before Tesseract says a word.
MAX_IMAGE_PIXELS = 60_000_000
# TIFF tags: a frame's size, and EXIF's orientation (EXIF data is a TIFF directory).
TIFF_WIDTH_TAG = 256
TIFF_HEIGHT_TAG = 257
TIFF_X_RESOLUTION_TAG = 282
TIFF_RESOLUTION_UNIT_TAG = 296
# TIFF's resolution units: per inch, per centimetre.
TIFF_INCH, TIFF_CENTIMETRE = 2, 3
EXIF_ORIENTATION_TAG = 274
# Directory entries and frames read from a TIFF at most: real ones hold tens of tags and a few pages.
MAX_TIFF_TAGS = 512
MAX_TIFF_FRAMES = 1000
# The least memory one Tesseract process is given; with less, fewer run at once.
MIN_OCR_MEMORY = 512 * 1024**2
# Below this much address space left, no OCR process can start (Tesseract alone maps ~100 MiB).
MIN_CHILD_MEMORY = 64 * 1024**2
# Words Tesseract is less sure of than this (0-100) are specks, rules and noise, not text.
MIN_WORD_CONFIDENCE = 20.0
# Words shorter than this (in points) are specks of dust Tesseract read as a dot or a letter,
# however sure it is: the smallest printed letters of a resume stand 4 points or taller.
MIN_WORD_HEIGHT = 3.0
# A gap between words of one OCR line wider than this many line heights parts two fragments
# (columns, table cells), as a wide gap parts two text runs of a PDF.
FRAGMENT_GAP = 1.2
# OCR'd line heights (ascender to descender) are about this share larger than the font size.
LINE_HEIGHT_PER_POINT = 1.15
# Font sizes from OCR are rounded to this step, so lines set alike compare alike.
FONT_SIZE_STEP = 0.5
PAGE_MODES = ("missing", "all")
# Tesseract's commonest confusion in resumes: a capital I read as a small l after a capital
# ("Al", "Cl/CD", "OpenAl", "GenAl"), where English and the other supported languages never end a
# word in a capital and a small l.
_CAPITAL_I_AS_L = re.compile(r"(?<=[A-Z])l(?=s?(?:\b|/))")
# What Tesseract makes of a round bullet at the start of a line: a cent sign, a guillemet, a
# degree sign, a lone "e" or "o" before text.
_OCR_BULLET = re.compile(r"^\s*(?:[¢«°©®]|[eo](?=\s+[A-Z]))\s+")
INSTALL_HINT = (
    "install Tesseract (Debian/Ubuntu: sudo apt-get install tesseract-ocr poppler-utils; "
    "macOS: brew install tesseract poppler)"
)


class OcrUnavailableError(SkillgapError):
    """``--ocr`` was asked for but Tesseract (or a language, or pdftoppm) is not installed."""


@dataclass(frozen=True)
class OcrSettings:
    """How to OCR: which pages of a PDF (``missing``: those without text; ``all``), the Tesseract
    languages (``eng+spa``), and how many Tesseract processes at once (None: the cores)."""

    pages: str = "missing"
    languages: str = "eng"
    workers: int | None = None

    @property
    def cache_key(self) -> str:
        """What of these settings changes the text read: part of the text cache's key."""
        return f"ocr-{self.pages}-{self.languages}"


@dataclass(frozen=True)
class OcrPage:
    """One recognized page: its lines in reading order and Tesseract's mean word confidence."""

    lines: tuple[Line, ...]
    height: float
    confidence: float | None


def _tool(name: str, source: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise OcrUnavailableError(source, f"--ocr needs {name!r}, which is not installed: {INSTALL_HINT}")
    return path


def installed_languages(tesseract: str) -> set[str]:
    """The languages the installed Tesseract can read."""
    result = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    return {line.strip() for line in result.stdout.splitlines()[1:] if line.strip()}


def check_languages(settings: OcrSettings, tesseract: str, source: str) -> None:
    """Raise with the package to install when a requested language is not installed."""
    missing = [code for code in settings.languages.split("+") if code not in installed_languages(tesseract)]
    if missing:
        raise OcrUnavailableError(
            source,
            f"Tesseract has no {'+'.join(missing)!r} language data: install tesseract-ocr-{missing[0]} "
            "(Debian/Ubuntu) or pick --ocr-lang from 'tesseract --list-langs'",
        )


def require_ocr(settings: OcrSettings, source: str) -> None:
    """Check before any work that OCR can run as asked: Tesseract, its languages, pdftoppm."""
    if settings.pages not in PAGE_MODES:
        raise OcrUnavailableError(source, f"--ocr-pages must be one of {', '.join(PAGE_MODES)}")
    check_languages(settings, _tool("tesseract", source), source)
    _tool("pdftoppm", source)


def memory_shares(workers: int, source: str = "") -> tuple[int, int | None]:
    """How many OCR processes (Tesseract, pdftoppm) may run at once and the address space each
    gets: what this process (the reading child, under ``--max-memory``) leaves of its own limit,
    shared among them, so the reading and its OCR together stay within the limit. None: no limit.

    Raises :class:`ResourceLimitError` when the reading has already used the limit up.
    """
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, ValueError, OSError):
        return workers, None
    if soft == resource.RLIM_INFINITY:
        return workers, None
    left = soft - address_space_in_use()
    if left < MIN_CHILD_MEMORY:
        raise ResourceLimitError(source, "OCR ran out of memory (raise --max-memory)")
    workers = max(1, min(workers, left // MIN_OCR_MEMORY))
    return workers, left // workers


def address_space_in_use() -> int:
    """The bytes of address space this process holds (what ``RLIMIT_AS`` counts); 0 where the
    system does not say (only Linux enforces that limit anyway)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _child_setup(memory: int | None) -> None:
    """In each Tesseract process before it starts: its memory share, and death with its parent
    (a reading child stopped at the timeout must not leave OCR running)."""
    if memory:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)


def _environment() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def pdf_page_count(data: bytes, source: str, password: str = "") -> int:
    """How many pages a PDF has, as poppler's ``pdfinfo`` reads it."""
    pdfinfo = _tool("pdfinfo", source)
    with tempfile.TemporaryDirectory(prefix="skillgap-ocr-") as folder:
        pdf = Path(folder) / "input.pdf"
        pdf.write_bytes(data)
        secret = ["-upw", password] if password else []
        result = subprocess.run([pdfinfo, *secret, str(pdf)], capture_output=True, text=True, check=False)
    for line in result.stdout.splitlines():
        key, _, value = line.partition(":")
        if key == "Pages" and value.strip().isdigit():
            return int(value)
    raise DamagedDocumentError(source, "damaged PDF, its pages cannot be counted for OCR")


def render_pdf_pages(
    data: bytes, pages: Sequence[int], folder: Path, source: str, password: str = ""
) -> dict[int, tuple[Path, float]]:
    """Grey images of the given PDF pages (1-based) rendered by pdftoppm, with their resolution:
    the scan's own, within :data:`MIN_RENDER_DPI` and :data:`RENDER_DPI`.

    The images are PGM, not PNG: compressing a noisy 300 dpi page as PNG costs pdftoppm more time
    than Tesseract takes to read it.
    """
    pdftoppm = _tool("pdftoppm", source)
    pdf = folder / "input.pdf"
    pdf.write_bytes(data)
    _, memory = memory_shares(1, source)
    native = scan_resolutions(pdf, password)
    rendered: dict[int, tuple[Path, float]] = {}
    for page in pages:
        stem = folder / f"page-{page}"
        dpi = round(min(RENDER_DPI, max(MIN_RENDER_DPI, native.get(page, RENDER_DPI))))
        command = [pdftoppm, "-r", str(dpi), "-gray", "-singlefile", "-f", str(page), "-l", str(page)]
        if password:
            command += ["-upw", password]
        result = subprocess.run(
            [*command, str(pdf), str(stem)],
            capture_output=True,
            check=False,
            preexec_fn=lambda: _child_setup(memory),  # safe: this process runs no threads
        )
        image = stem.with_suffix(".pgm")
        if result.returncode != 0 or not image.exists():
            raise DamagedDocumentError(source, f"damaged PDF, page {page} cannot be rendered for OCR")
        rendered[page] = (image, float(dpi))
    return rendered


def scan_resolutions(pdf: Path, password: str = "") -> dict[int, float]:
    """The resolution of the largest image on each page (poppler's ``pdfimages -list``): a
    scanned page is one image at its scanner's resolution."""
    pdfimages = shutil.which("pdfimages")
    if pdfimages is None:
        return {}
    secret = ["-upw", password] if password else []
    result = subprocess.run([pdfimages, *secret, "-list", str(pdf)], capture_output=True, text=True, check=False)
    largest: dict[int, tuple[int, float]] = {}
    for row in result.stdout.splitlines()[2:]:
        fields = row.split()
        try:
            page, pixels, x_ppi = int(fields[0]), int(fields[3]) * int(fields[4]), float(fields[12])
        except (IndexError, ValueError):
            continue
        if pixels > largest.get(page, (0, 0.0))[0]:
            largest[page] = (pixels, x_ppi)
    return {page: ppi for page, (_, ppi) in largest.items()}


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, JPEG or TIFF (its first frame) from its header, without decoding it."""
    frames = image_frames(data)
    return frames[0] if frames else None


def image_frames(data: bytes) -> list[tuple[int, int]] | None:
    """Width and height of each frame of an image (a TIFF may hold several pages; the others hold
    one), from the headers alone; None when they cannot be read."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        return [(int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big"))]
    if data.startswith(b"\xff\xd8"):
        frame = _jpeg_frame(data)
        return [frame[:2]] if frame else None
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return _tiff_frames(data) or None
    if data[:2] == b"P5":  # the grey PGM pdftoppm renders pages as
        fields = re.sub(rb"#[^\n]*\n", b" ", data[2:64]).split()
        if len(fields) >= 2 and fields[0].isdigit() and fields[1].isdigit():
            return [(int(fields[0]), int(fields[1]))]
    return None


def _jpeg_segments(data: bytes) -> Iterator[tuple[int, bytes]]:
    """A JPEG's marker segments before its image data: (marker, payload)."""
    offset = 2
    while offset + 4 <= len(data) and data[offset] == 0xFF:
        marker = data[offset + 1]
        length = int.from_bytes(data[offset + 2 : offset + 4], "big")
        yield marker, data[offset + 4 : offset + 2 + length]
        if marker == 0xDA:  # start of scan: entropy-coded data follows, no more headers
            return
        offset += 2 + length


def _jpeg_frame(data: bytes) -> tuple[int, int, int] | None:
    """A JPEG's width, height and number of colour components (1 grey, 3 colour, 4 CMYK)."""
    for marker, payload in _jpeg_segments(data):
        # Start-of-frame markers (baseline, progressive, ...) hold the size; C4, C8, CC do not.
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC) and len(payload) >= 6:
            height = int.from_bytes(payload[1:3], "big")
            width = int.from_bytes(payload[3:5], "big")
            return width, height, payload[5]
    return None


def jpeg_orientation(data: bytes) -> int:
    """The EXIF orientation of a JPEG (1: stored upright; 2-8: mirrored and/or turned, as phones
    store photos taken sideways and leave the turning to the viewer)."""
    for marker, payload in _jpeg_segments(data):
        if marker == 0xE1 and payload.startswith(b"Exif\x00\x00"):
            for tag, value in _tiff_tags(payload[6:], 0):
                if tag == EXIF_ORIENTATION_TAG and 1 <= value <= 8:
                    return value
    return 1


def jpeg_resolution(data: bytes) -> float | None:
    """The resolution a JPEG declares (its JFIF density), when it is one a scan could have."""
    for marker, payload in _jpeg_segments(data):
        if marker == 0xE0 and payload.startswith(b"JFIF\x00") and len(payload) >= 12:
            units, density = payload[7], int.from_bytes(payload[8:10], "big")
            dpi = density if units == 1 else density * 2.54 if units == 2 else 0.0
            # Cameras write 72 dpi whatever they photographed: that says nothing about the page.
            return float(dpi) if dpi >= MIN_RENDER_DPI else None
    return None


def _tiff_tags(data: bytes, ifd: int | None) -> Iterator[tuple[int, int]]:
    """The (tag, value) pairs of one image file directory of a TIFF (``ifd`` its offset, None for
    the first): a SHORT or LONG value itself, or where a larger one (a RATIONAL) is stored."""
    order: Literal["little", "big"] = "little" if data[:2] == b"II" else "big"
    offset = int.from_bytes(data[4:8], order) if ifd in (None, 0) else ifd
    if offset is None or offset + 2 > len(data):
        return
    count = int.from_bytes(data[offset : offset + 2], order)
    for index in range(min(count, MAX_TIFF_TAGS)):
        entry = offset + 2 + 12 * index
        if entry + 12 > len(data):
            return
        tag = int.from_bytes(data[entry : entry + 2], order)
        kind = int.from_bytes(data[entry + 2 : entry + 4], order)
        value = data[entry + 8 : entry + 12]
        yield tag, int.from_bytes(value[:2], order) if kind == 3 else int.from_bytes(value, order)


def tiff_resolution(data: bytes) -> float | None:
    """The resolution a TIFF's first frame declares, in dots per inch, if it declares one."""
    order: Literal["little", "big"] = "little" if data[:2] == b"II" else "big"
    tags = dict(_tiff_tags(data, None))
    # The resolution is a fraction stored elsewhere: the entry holds where.
    at = tags.get(TIFF_X_RESOLUTION_TAG)
    if at is None or at + 8 > len(data):
        return None
    numerator, denominator = int.from_bytes(data[at : at + 4], order), int.from_bytes(data[at + 4 : at + 8], order)
    unit = tags.get(TIFF_RESOLUTION_UNIT_TAG, TIFF_INCH)
    if not denominator or unit not in (TIFF_INCH, TIFF_CENTIMETRE):
        return None
    dpi = numerator / denominator * (2.54 if unit == TIFF_CENTIMETRE else 1.0)
    return dpi if dpi >= MIN_RENDER_DPI else None


def _tiff_frames(data: bytes) -> list[tuple[int, int]]:
    """Width and height of every frame of a TIFF, following its chain of image file directories
    (a loop or a chain longer than :data:`MAX_TIFF_FRAMES` ends it)."""
    order: Literal["little", "big"] = "little" if data[:2] == b"II" else "big"
    frames: list[tuple[int, int]] = []
    offset = int.from_bytes(data[4:8], order)
    seen: set[int] = set()
    while 8 <= offset < len(data) - 2 and offset not in seen and len(frames) <= MAX_TIFF_FRAMES:
        seen.add(offset)
        size = dict(_tiff_tags(data, offset))
        if TIFF_WIDTH_TAG not in size or TIFF_HEIGHT_TAG not in size:
            break
        frames.append((size[TIFF_WIDTH_TAG], size[TIFF_HEIGHT_TAG]))
        count = int.from_bytes(data[offset : offset + 2], order)
        after = offset + 2 + 12 * count
        offset = int.from_bytes(data[after : after + 4], order) if after + 4 <= len(data) else 0
    return frames


def check_image(data: bytes, source: str, max_pages: int | None = None) -> list[tuple[int, int]]:
    """The size of each frame of an image, refusing one whose header is unreadable, a frame of more
    than :data:`MAX_IMAGE_PIXELS`, or more frames (pages of a TIFF) than ``max_pages``."""
    frames = image_frames(data)
    if not frames:
        raise DamagedDocumentError(source, "damaged image: its header gives no size (truncated?)")
    if max_pages is not None and len(frames) > max_pages:
        raise ResourceLimitError(source, f"has more than {max_pages} pages (raise --max-pages)")
    for width, height in frames:
        if width <= 0 or height <= 0:
            raise DamagedDocumentError(source, "damaged image: it has no pixels")
        if width * height > MAX_IMAGE_PIXELS:
            raise ResourceLimitError(
                source, f"image too large ({width} x {height} pixels; at most {MAX_IMAGE_PIXELS:,} are read)"
            )
    return frames


def recognize(images: Sequence[tuple[Path, float | None]], settings: OcrSettings, source: str) -> list[str]:
    """Tesseract's TSV output for each image, several processes at once within the limits."""
    tesseract = _tool("tesseract", source)
    check_languages(settings, tesseract, source)
    wanted = settings.workers or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)
    workers, memory = memory_shares(max(1, min(wanted, len(images))), source)
    outputs: list[str | None] = [None] * len(images)
    running: dict[int, subprocess.Popen[bytes]] = {}
    queue = list(range(len(images)))
    try:
        while queue or running:
            while queue and len(running) < workers:
                index = queue.pop(0)
                image, dpi = images[index]
                resolution = ["--dpi", str(round(dpi))] if dpi else []
                command = [tesseract, str(image), "stdout", "-l", settings.languages, *resolution, "--psm", "3", "tsv"]
                running[index] = subprocess.Popen(
                    command,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    env=_environment(),
                    preexec_fn=lambda: _child_setup(memory),  # noqa: PLW1509 - this process runs no threads
                )
            index, process = next(iter(running.items()))
            output, _ = process.communicate()
            del running[index]
            if process.returncode != 0:
                if process.returncode in (-signal.SIGKILL, -signal.SIGSEGV, -signal.SIGABRT):
                    raise ResourceLimitError(source, "OCR ran out of memory (raise --max-memory)")
                raise DamagedDocumentError(source, "damaged image: Tesseract cannot read it")
            outputs[index] = output.decode("utf-8", "replace")
    finally:
        for process in running.values():
            process.kill()
            process.wait()
    return [output or "" for output in outputs]


@dataclass(frozen=True)
class _Word:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    confidence: float
    line: tuple[int, int, int, int]


def _words(tsv: str) -> dict[int, list[_Word]]:
    """Recognized words per page (1-based, as Tesseract counts pages of a multi-page TIFF)."""
    pages: dict[int, list[_Word]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        try:
            if row["level"] != "5" or not (row.get("text") or "").strip():
                continue
            confidence = float(row["conf"])
            left, top = int(row["left"]), int(row["top"])
            width, height = int(row["width"]), int(row["height"])
            page = int(row["page_num"])
            line = (page, int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        except (KeyError, ValueError, TypeError):
            continue
        text = _CAPITAL_I_AS_L.sub("I", row["text"])
        pages.setdefault(page, []).append(_Word(text, left, top, left + width, top + height, confidence, line))
    return pages


def _fragments(words: list[_Word], scale: float) -> list[Fragment]:
    """Words as positioned runs of text: one per OCR line, split where words stand far apart."""
    by_line: dict[tuple[int, int, int, int], list[_Word]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word)
    fragments: list[Fragment] = []
    for line_words in by_line.values():
        line_words.sort(key=lambda word: word.left)
        # The tallest word spans ascender to descender (most lines hold one), which follows the
        # font size; a single word's box follows its letters ("wax" is short, "Lying" tall).
        height = max(word.bottom - word.top for word in line_words)
        size = round(height * scale / LINE_HEIGHT_PER_POINT / FONT_SIZE_STEP) * FONT_SIZE_STEP
        run = [line_words[0]]
        for word in line_words[1:]:
            if word.left - run[-1].right > FRAGMENT_GAP * height:
                fragments.append(_fragment(run, scale, size))
                run = []
            run.append(word)
        fragments.append(_fragment(run, scale, size))
    return fragments


def _fragment(words: list[_Word], scale: float, size: float) -> Fragment:
    return Fragment(
        text=" ".join(word.text for word in words),
        x0=min(word.left for word in words) * scale,
        top=min(word.top for word in words) * scale,
        x1=max(word.right for word in words) * scale,
        bottom=max(word.bottom for word in words) * scale,
        font_size=size,
    )


def page_lines(
    words: list[_Word], page: int, dpi: float, width_pixels: float
) -> tuple[list[Line], float | None]:
    """A page's OCR'd words as lines in reading order, and the mean confidence of the words kept."""
    from analyzer.pdf import join_word_breaks

    scale = POINTS_PER_INCH / dpi
    kept = [
        word
        for word in words
        if word.confidence >= MIN_WORD_CONFIDENCE and (word.bottom - word.top) * scale >= MIN_WORD_HEIGHT
    ]
    rows = reading_order(_fragments(kept, scale), width_pixels * scale)
    raw = [row_text(row) for row in rows]
    lines: list[Line] = []
    for row, text in zip(rows, join_word_breaks(raw), strict=True):
        content, bulleted = strip_bullet(normalize_text(_OCR_BULLET.sub("• ", text, count=1)))
        if not content:
            continue
        lines.append(
            Line(
                text=content,
                page=page,
                number=len(lines) + 1,
                x0=min(fragment.x0 for fragment in row),
                top=min(fragment.top for fragment in row),
                x1=max(fragment.x1 for fragment in row),
                bottom=max(fragment.bottom for fragment in row),
                font_size=max(fragment.font_size for fragment in row),
                item_start=bulleted,
            )
        )
    confidence = statistics.fmean(word.confidence for word in kept) if kept else None
    return lines, confidence


def _png_dpi(path: Path) -> float | None:
    """The resolution a PNG declares (its pHYs chunk), if any."""
    data = path.read_bytes()[:4096]
    at = data.find(b"pHYs")
    if at < 0 or at + 13 > len(data):
        return None
    per_metre = int.from_bytes(data[at + 4 : at + 8], "big")
    return per_metre * 0.0254 if data[at + 12] == 1 and per_metre else None


def ocr_images(
    images: Mapping[int, tuple[Path, float | None]], settings: OcrSettings, source: str
) -> list[OcrPage]:
    """Each image (keyed by its page number, with its resolution when known) read by OCR into an
    :class:`OcrPage`, in page order. A multi-page TIFF gives one page per frame, numbered on."""
    numbers = sorted(images)
    outputs = recognize([images[number] for number in numbers], settings, source)
    pages: list[OcrPage] = []
    for number, tsv in zip(numbers, outputs, strict=True):
        path, given = images[number]
        resolution = given or ASSUMED_IMAGE_DPI
        words = _words(tsv)
        for frame, (width, height) in enumerate(image_frames(path.read_bytes()) or [(0, 0)], start=1):
            lines, confidence = page_lines(words.get(frame, []), number + frame - 1, resolution, width or 2550)
            pages.append(OcrPage(tuple(lines), (height or 3300) * POINTS_PER_INCH / resolution, confidence))
    return pages


def ocr_pdf_pages(
    data: bytes, pages: Sequence[int], settings: OcrSettings, source: str, password: str = ""
) -> list[OcrPage]:
    """The given pages of a PDF rendered and read by OCR."""
    _tool("tesseract", source)  # say what is missing before rendering anything
    with tempfile.TemporaryDirectory(prefix="skillgap-ocr-") as folder:
        return ocr_images(render_pdf_pages(data, pages, Path(folder), source, password), settings, source)


def ocr_image(data: bytes, settings: OcrSettings, source: str, max_pages: int | None = None) -> list[OcrPage]:
    """A PNG, JPEG or TIFF resume read by OCR, one page per frame of a multi-page TIFF (at most
    ``max_pages``); a photo stored sideways is turned upright first, as its EXIF data says."""
    check_image(data, source, max_pages)
    _tool("tesseract", source)
    with tempfile.TemporaryDirectory(prefix="skillgap-ocr-") as folder:
        image = Path(folder) / "input"
        image.write_bytes(data)
        dpi: float | None = None
        if data.startswith(b"\x89PNG"):
            dpi = _png_dpi(image)
        elif data[:4] in (b"II*\x00", b"MM\x00*"):
            dpi = tiff_resolution(data)
        elif data.startswith(b"\xff\xd8"):
            dpi = jpeg_resolution(data)
            if jpeg_orientation(data) != 1:
                image = upright_jpeg(data, Path(folder), source)
                dpi = dpi or ASSUMED_IMAGE_DPI
        return ocr_images({1: (image, dpi)}, settings, source)


# How each EXIF orientation maps a stored JPEG onto the upright page: the PDF transformation
# (a, b, c, d, e, f) of the image's unit square, in terms of the stored width w and height h
# (orientations 5-8 swap them on the page).
_ORIENTATION_MATRICES: dict[int, Callable[[int, int], tuple[int, ...]]] = {
    1: lambda w, h: (w, 0, 0, h, 0, 0),
    2: lambda w, h: (-w, 0, 0, h, w, 0),  # mirrored left to right
    3: lambda w, h: (-w, 0, 0, -h, w, h),  # upside down
    4: lambda w, h: (w, 0, 0, -h, 0, h),  # mirrored top to bottom
    5: lambda w, h: (0, -w, -h, 0, h, w),  # mirrored along the main diagonal
    6: lambda w, h: (0, -w, h, 0, 0, w),  # turned a quarter counter-clockwise: turn it clockwise
    7: lambda w, h: (0, w, h, 0, 0, 0),  # mirrored along the other diagonal
    8: lambda w, h: (0, w, -h, 0, h, 0),  # turned a quarter clockwise: turn it counter-clockwise
}


def upright_jpeg(data: bytes, folder: Path, source: str) -> Path:
    """A JPEG turned upright as its EXIF orientation says, as a grey PGM image of the same pixels.

    Tesseract reads pixels as stored, so a phone photo taken sideways reads as garbage. The JPEG
    is not decoded here: it is placed, still compressed, on a one-page PDF whose transformation
    turns it, and pdftoppm (which OCR needs anyway) renders that page at one pixel per pixel.
    """
    frame = _jpeg_frame(data)
    if frame is None:
        raise DamagedDocumentError(source, "damaged image: its header gives no size (truncated?)")
    width, height, components = frame
    page_width, page_height = (height, width) if jpeg_orientation(data) >= 5 else (width, height)
    matrix = " ".join(map(str, _ORIENTATION_MATRICES[jpeg_orientation(data)](width, height)))
    colours = {1: "/DeviceGray", 4: "/DeviceCMYK"}.get(components, "/DeviceRGB")
    # Adobe's CMYK JPEGs store their inks inverted.
    adobe = components == 4 and any(marker == 0xEE for marker, _ in _jpeg_segments(data))
    decode = " /Decode [1 0 1 0 1 0 1 0]" if adobe else ""
    content = f"q {matrix} cm /Photo Do Q".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {page_width} {page_height}] "
        "/Resources << /XObject << /Photo 4 0 R >> >> /Contents 5 0 R >>".encode(),
        f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace {colours} "
        f"/BitsPerComponent 8{decode} /Filter /DCTDecode /Length {len(data)} >>\nstream\n".encode()
        + data
        + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    table = len(pdf)
    pdf += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    pdf += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    pdf += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{table}\n%%EOF\n".encode()
    wrapped = folder / "upright.pdf"
    wrapped.write_bytes(bytes(pdf))
    # At 72 dpi one unit of the page (one pixel of the photo) is one pixel of the image.
    stem = folder / "upright"
    _, memory = memory_shares(1, source)
    result = subprocess.run(
        [_tool("pdftoppm", source), "-r", "72", "-gray", "-singlefile", str(wrapped), str(stem)],
        capture_output=True,
        check=False,
        preexec_fn=lambda: _child_setup(memory),  # safe: this process runs no threads
    )
    image = stem.with_suffix(".pgm")
    if result.returncode != 0 or not image.exists():
        raise DamagedDocumentError(source, "damaged image: the photo cannot be turned upright for OCR")
    return image


def confidence_warning(pages: Sequence[OcrPage]) -> str:
    """The warning every OCR'd report carries: the text was recognized, with what confidence."""
    confidences = [page.confidence for page in pages if page.confidence is not None]
    mean = statistics.fmean(confidences) if confidences else 0.0
    return f"read by OCR (mean word confidence {mean:.0f}%): skills in misread words may be missing"
