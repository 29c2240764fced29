"""Build the labelled development corpus: resume PDFs and their gold labels.

Each resume is a TOML file in ``tests/corpus/resumes/``: the content (name,
contact line, main and side sections), a corpus layout and hand-written gold
labels.  ``python tests/corpus/build.py OUT_DIR`` renders every resume with
``tests/resume_pdf.py`` and writes::

    OUT_DIR/pdfs/NAME.pdf
    OUT_DIR/gold/NAME.json      # the gold format of the shared corpus README
    OUT_DIR/manifest.json       # name, layout, kind, language, focus, pages of every resume
    OUT_DIR/experience/NAME.json  # dated-entry labels, for resumes with an [experience] table
    OUT_DIR/postings/NAME.md, OUT_DIR/postings_gold/NAME.json  # job postings (tests/postings/)

the same layout ``skillgap eval OUT_DIR`` reads.  Output is deterministic.

``--docx`` and ``--scans`` also write each resume in other formats, one folder of the same layout
per variant under ``OUT_DIR/variants/``, so ``skillgap eval OUT_DIR/variants/VARIANT`` scores
it: ``docx_single``, ``docx_table`` (a layout table) and ``docx_textbox`` (the side sections in
a text box Word stores twice), by ``tests/resume_docx.py``; ``scan300_pdf``, ``scan300_png``,
``scan150_pdf``, ``scan150_png``, the PDF scanned at 300 and 150 dpi with the fixed rotation,
blur and speckles of ``tests/resume_scan.py`` (which needs poppler's ``pdftoppm``; score them
with ``skillgap eval --ocr``).

Gold labels are written by hand from the resume text, never from the tool's
output.  Building checks that every gold surface, variant and trap occurs in
the resume's text, so a typo in the labels fails loudly instead of silently
lowering recall.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``tests`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.postings.build import build_postings
from tests.resume_pdf import Resume, Section, render_resume

RESUME_DIR = Path(__file__).resolve().parent / "resumes"

# Corpus layout -> render_resume options.  A resume may name the column
# layout underneath with ``base`` and its ``heading_style``.
LAYOUTS: dict[str, dict[str, Any]] = {
    "single": {"layout": "single"},
    "two_column": {"layout": "two_column"},
    "sidebar_left": {"layout": "sidebar_left"},
    "sidebar_right": {"layout": "sidebar_right"},
    "skills_grid": {"layout": "single", "skills_grid": True},
    "dense": {"layout": "single", "font_size": 8.2, "leading": 9.5},
    "decorated": {"layout": "single", "heading_style": "spaced"},
    "multipage": {"layout": "single", "header_footer": True, "font_size": 11.0, "leading": 15.0},
}
KINDS = ("ml", "ai", "data", "swe", "nontech", "student")
# The language a resume is written in; a resume without the key is in English.
LANGUAGES = ("en", "es", "pt", "de", "fr")
DEFAULT_LANGUAGE = "en"
# Which career path the resume's own work points to (the shared corpus README's labels).
FOCUSES = ("ml_engineer", "ai_engineer", "none", "mixed")
_WHITESPACE = re.compile(r"\s+")


class CorpusError(ValueError):
    """A resume file is malformed or its labels do not fit its text."""


def _sections(items: list[dict[str, Any]]) -> tuple[Section, ...]:
    return tuple(
        Section(item["heading"], tuple(item["lines"]), int(item.get("columns", 0))) for item in items
    )


def _plain_text(resume: Resume) -> str:
    """All text of the resume, whitespace collapsed and bold markers removed."""
    parts = [resume.name, resume.contact]
    for section in resume.main + resume.side:
        parts.append(section.heading)
        parts.extend(line.replace("**", "") for line in section.lines)
    return _WHITESPACE.sub(" ", "\n".join(parts))


def load_resume(path: Path) -> tuple[Resume, dict[str, Any], dict[str, Any]]:
    """Return (content, render options, metadata with gold) for one file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    name = path.stem
    layout = data.get("layout")
    if layout not in LAYOUTS:
        raise CorpusError(f"{path.name}: unknown layout {layout!r}")
    if data.get("kind") not in KINDS:
        raise CorpusError(f"{path.name}: unknown kind {data.get('kind')!r}")
    language = data.get("language", DEFAULT_LANGUAGE)
    if language not in LANGUAGES:
        raise CorpusError(f"{path.name}: unknown language {language!r}")
    if data.get("focus") not in FOCUSES:
        raise CorpusError(f"{path.name}: focus must be one of {FOCUSES}, not {data.get('focus')!r}")
    resume = Resume(
        data["name"], data["contact"], _sections(data.get("main", [])), _sections(data.get("side", []))
    )
    options = dict(LAYOUTS[layout])
    if "base" in data:
        options["layout"] = data["base"]
    for key in ("heading_style", "font_size", "leading"):
        if key in data:
            options[key] = data[key]
    gold_in = data.get("gold", {})
    skills = gold_in.get("skills", {})
    traps = gold_in.get("traps", {})
    gold = {
        "skills": list(skills),
        "canonical": list(skills.values()),
        "surface_variants": gold_in.get("surface_variants", {}),
        "traps": list(traps),
        "trap_reasons": list(traps.values()),
        "borderline": gold_in.get("borderline", []),
        "notes": data.get("notes", ""),
    }
    _check(name, resume, gold)
    meta = {
        "name": name,
        "layout": layout,
        "kind": data["kind"],
        "language": language,
        "focus": data["focus"],
        "gold": gold,
        "experience": experience_label(name, resume, data),
    }
    return resume, options, meta


def _check(name: str, resume: Resume, gold: dict[str, Any]) -> None:
    """Every labelled string must be in the text: surfaces and variants
    exactly, traps and borderline surfaces ignoring case."""
    text = _plain_text(resume)
    lowered = text.lower()
    canonical = set(gold["canonical"])
    for surface in gold["skills"]:
        if surface not in text:
            raise CorpusError(f"{name}: gold skill {surface!r} is not in the text")
    for key, spellings in gold["surface_variants"].items():
        if key not in canonical:
            raise CorpusError(f"{name}: surface_variants key {key!r} is not a canonical name")
        for spelling in spellings:
            if spelling not in text:
                raise CorpusError(f"{name}: variant {spelling!r} is not in the text")
    for label in gold["traps"] + [item["surface"] for item in gold["borderline"]]:
        if label.lower() not in lowered:
            raise CorpusError(f"{name}: {label!r} (trap or borderline) is not in the text")
    if len(set(map(str.lower, gold["skills"]))) != len(gold["skills"]):
        raise CorpusError(f"{name}: a gold skill is listed twice")
    if len(canonical) != len(gold["canonical"]):
        raise CorpusError(f"{name}: two gold skills share a canonical name")


# Experience labels: ``[experience]`` holds ``as_of`` and ``entries``, each
# ``[section, title, org, start, end, precision, date_text]`` with "" for a
# missing title, org or an open end; ``[experience.skills]`` maps a skill's
# canonical name to the indices of the experience entries that mention it.
# Total months and months per skill are counted from those labels here (the
# rules of the shared corpus's experience README), never from the tool.
EXPERIENCE_AS_OF = "2026-12"
ENTRY_SECTIONS = ("experience", "projects", "education", "volunteering")


def _month(text: str) -> int:
    year, month = text.split("-")
    return int(year) * 12 + int(month) - 1


def _months(entry: dict[str, Any], as_of: int) -> set[int]:
    end = as_of if entry["end"] is None else _month(entry["end"])
    return set(range(_month(entry["start"]), min(end, as_of) + 1))


def experience_label(name: str, resume: Resume, data: dict[str, Any]) -> dict[str, Any] | None:
    """The experience label of one resume in the shared corpus's format, or None without one."""
    table = data.get("experience")
    if table is None:
        return None
    text = _plain_text(resume)
    as_of_text = table.get("as_of", EXPERIENCE_AS_OF)
    as_of = _month(as_of_text)
    entries = []
    for row in table["entries"]:
        section, title, org, start, end, precision, date_text = row
        if section not in ENTRY_SECTIONS or precision not in ("month", "year"):
            raise CorpusError(f"{name}: bad experience entry {row!r}")
        if _WHITESPACE.sub(" ", date_text) not in text:
            raise CorpusError(f"{name}: date {date_text!r} is not in the text")
        if end and _month(end) < _month(start):
            raise CorpusError(f"{name}: entry {row!r} ends before it starts")
        entries.append(
            {
                "section": section,
                "title": title or None,
                "org": org or None,
                "start": start,
                "end": end or None,
                "precision": precision,
                "date_text": date_text,
            }
        )
    total: set[int] = set()
    for entry in entries:
        if entry["section"] == "experience":
            total |= _months(entry, as_of)
    skills_months = {}
    for skill, indices in table.get("skills", {}).items():
        if any(entries[index]["section"] != "experience" for index in indices):
            raise CorpusError(f"{name}: skill {skill!r} is credited to an entry that is not experience")
        skills_months[skill] = len(set().union(*(_months(entries[index], as_of) for index in indices)))
    return {
        "as_of": as_of_text,
        "entries": entries,
        "total_months": len(total),
        "skills_months": skills_months,
        "notes": table.get("notes", ""),
    }


def _page_count(pdf: bytes) -> int:
    """Pages of a reportlab PDF, from its page tree."""
    return max((int(count) for count in re.findall(rb"/Count (\d+)", pdf)), default=0)


def build_corpus(out_dir: Path, resume_dir: Path = RESUME_DIR) -> list[dict[str, Any]]:
    """Render every resume into ``out_dir`` and return the manifest rows."""
    out_dir = Path(out_dir)
    (out_dir / "pdfs").mkdir(parents=True, exist_ok=True)
    (out_dir / "gold").mkdir(parents=True, exist_ok=True)
    manifest: list[dict[str, Any]] = []
    for path in sorted(resume_dir.glob("*.toml")):
        resume, options, meta = load_resume(path)
        pdf = render_resume(resume, **options)
        (out_dir / "pdfs" / f"{meta['name']}.pdf").write_bytes(pdf)
        gold_json = json.dumps(meta["gold"], indent=1, ensure_ascii=False) + "\n"
        (out_dir / "gold" / f"{meta['name']}.json").write_text(gold_json, encoding="utf-8")
        _write_experience(out_dir, meta["name"], meta["experience"])
        row = {key: meta[key] for key in ("name", "layout", "kind", "language", "focus")}
        manifest.append({**row, "pages": _page_count(pdf)})
    manifest_json = json.dumps(manifest, indent=1) + "\n"
    (out_dir / "manifest.json").write_text(manifest_json, encoding="utf-8")
    return manifest


def _write_experience(out_dir: Path, name: str, label: dict[str, Any] | None) -> None:
    if label is None:
        return
    folder = out_dir / "experience"
    folder.mkdir(exist_ok=True)
    text = json.dumps(label, indent=1, ensure_ascii=False) + "\n"
    (folder / f"{name}.json").write_text(text, encoding="utf-8")


DOCX_VARIANTS = ("docx_single", "docx_table", "docx_textbox")
SCAN_VARIANTS = ("scan300_pdf", "scan300_png", "scan150_pdf", "scan150_png")


def _variant_bytes(variant: str, resume: Resume, pdf: bytes, seed: int) -> tuple[str, bytes]:
    if variant in DOCX_VARIANTS:
        from tests.resume_docx import render_resume_docx

        return ".docx", render_resume_docx(resume, variant.removeprefix("docx_"))
    from tests.resume_scan import scan_pdf, scan_png

    dpi = int(variant[4:7])
    if variant.endswith("_png"):
        return ".png", scan_png(pdf, dpi, seed)
    return ".pdf", scan_pdf(pdf, dpi, seed)


def build_variants(
    out_dir: Path, variants: tuple[str, ...], resume_dir: Path = RESUME_DIR, only: int | None = None
) -> None:
    """Write ``out_dir/variants/VARIANT`` for each variant: the resumes in that format, with the
    same gold, experience labels and manifest. ``only`` keeps the first resumes (a quick subset)."""
    for variant in variants:
        folder = Path(out_dir) / "variants" / variant
        (folder / "pdfs").mkdir(parents=True, exist_ok=True)
        (folder / "gold").mkdir(parents=True, exist_ok=True)
        manifest: list[dict[str, Any]] = []
        for seed, path in enumerate(sorted(resume_dir.glob("*.toml"))[:only]):
            resume, options, meta = load_resume(path)
            pdf = render_resume(resume, **options)
            suffix, data = _variant_bytes(variant, resume, pdf, seed)
            (folder / "pdfs" / f"{meta['name']}{suffix}").write_bytes(data)
            gold_json = json.dumps(meta["gold"], indent=1, ensure_ascii=False) + "\n"
            (folder / "gold" / f"{meta['name']}.json").write_text(gold_json, encoding="utf-8")
            _write_experience(folder, meta["name"], meta["experience"])
            row = {key: meta[key] for key in ("name", "layout", "kind", "language", "focus")}
            manifest.append({**row, "pages": _page_count(pdf)})
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


USAGE = "usage: python tests/corpus/build.py OUT_DIR [--docx] [--scans] [--only N]"


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    variants: tuple[str, ...] = ()
    only = None
    if "--only" in args:
        at = args.index("--only")
        only = int(args[at + 1])
        del args[at : at + 2]
    if "--docx" in args:
        args.remove("--docx")
        variants += DOCX_VARIANTS
    if "--scans" in args:
        args.remove("--scans")
        variants += SCAN_VARIANTS
    if args and args[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    if len(args) != 1 or args[0].startswith("-"):
        print(USAGE, file=sys.stderr)
        return 2
    try:
        manifest = build_corpus(Path(args[0]))
        build_variants(Path(args[0]), variants, only=only)
    except CorpusError as exc:
        print(f"build.py: error: {exc}", file=sys.stderr)
        return 1
    postings = build_postings(Path(args[0]))
    made = f"wrote {len(manifest)} resumes and {postings} job postings to {args[0]}"
    print(made + (f" and variants {', '.join(variants)}" if variants else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
