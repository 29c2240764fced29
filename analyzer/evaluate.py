"""Score skill extraction against hand-written gold labels.

The evaluation directory holds ``gold/NAME.json`` (the labels) next to
``pdfs/NAME.pdf`` (or ``.txt`` / ``.md``), the resume they describe. Each
report produced by the analyzer is compared with its gold file and scored per
file and micro-averaged over all files.

Two true-positive counts are kept apart on purpose: precision asks "how many
of the *reported* skills were right?" while recall asks "how many of the
*gold* skills were found?". One reported skill may match several gold skills
(and several reported skills may match one), so the two counts differ and
mixing them would skew both numbers.

This module imports nothing else from ``analyzer`` so it can be used (and
tested) on its own, with any ``analyze`` callable.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class GoldFormatError(ValueError):
    """A gold file is not valid JSON or does not have the documented shape."""


RESUME_SUFFIXES: tuple[str, ...] = (".pdf", ".docx", ".txt", ".md", ".markdown", ".png", ".jpg", ".tif")

# Characters PDF text extraction leaves behind that change no meaning. A soft
# hyphen marks a possible word break, so whitespace right after it (a line
# break in the PDF, "Con\u00ad sul") goes with it.
_SOFT_HYPHEN_BREAK = re.compile("\u00ad\\s*")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_WHITESPACE = re.compile(r"\s+")
# Stripped only at the edges: "c++", "c#", ".net", "ci/cd" keep their inner
# and leading punctuation, but '"PyTorch",' or "Docker." lose the wrapping.
_EDGE_QUOTES = "\"'`\u2018\u2019\u201a\u201c\u201d\u201e\u00ab\u00bb"
_TRAILING_PUNCT = ".,;:!?"
_LEADING_BULLETS = "\u2022\u00b7\u25aa\u25cf\u2023\u25e6*"
_BRACKETS = {"(": ")", "[": "]", "{": "}", "<": ">"}


# --------------------------------------------------------------------------
# Normalization
# --------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Undo extraction noise but keep case, for text shown to people.

    NFKC turns ligatures (U+FB01 "fi") and odd spaces into plain ones; soft
    hyphens and zero-width characters are dropped because PDFs scatter them
    inside words.
    """
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    text = _SOFT_HYPHEN_BREAK.sub("", text)
    return _WHITESPACE.sub(" ", text).strip()


def normalize(text: str) -> str:
    """Reduce a skill string to the form used for every comparison.

    Matching must not depend on case, ligatures, hyphenation artifacts or
    punctuation that merely surrounds a term in running text.
    """
    return _strip_edges(clean_text(text).casefold())


def _balanced(text: str, opener: str, closer: str) -> bool:
    """True if brackets of one kind nest properly, so wrapping can go."""
    depth = 0
    for char in text:
        if char == opener:
            depth += 1
        elif char == closer:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _strip_bracket(text: str) -> str:
    """Remove one wrapping or unmatched bracket at an edge, if any.

    Brackets are only dropped when they do not pair with something inside,
    so "python (3.x)" stays whole while "(pytorch)" and "docker)" are cut.
    """
    first, last = text[0], text[-1]
    closer = _BRACKETS.get(first)
    if closer is not None:
        if last == closer and _balanced(text[1:-1], first, closer):
            return text[1:-1]
        if text.count(first) > text.count(closer):
            return text[1:]
    for opener, closer in _BRACKETS.items():
        if last == closer and text.count(closer) > text.count(opener):
            return text[:-1]
    return text


def _strip_edges(text: str) -> str:
    """Repeatedly strip surrounding quotes, brackets, bullets and trailing
    sentence punctuation until nothing more changes."""
    while text:
        previous = text
        text = text.strip(_EDGE_QUOTES).lstrip(_LEADING_BULLETS)
        text = text.rstrip(_TRAILING_PUNCT).strip()
        if text:
            text = _strip_bracket(text).strip()
        if text == previous:
            break
    return text


def _keys(texts: Iterable[str]) -> frozenset[str]:
    """Normalized, non-empty comparison keys; an empty key would match
    every other empty key and so must never count as a match."""
    return frozenset(key for key in map(normalize, texts) if key)


def _contains_words(haystack: str, needle: str) -> bool:
    """True if ``needle`` occurs in ``haystack`` as whole words, so that
    "excel" is not found inside "excellent communication"."""
    pattern = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
    return re.search(pattern, haystack) is not None


# --------------------------------------------------------------------------
# Gold labels
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Gold:
    """The labels for one resume.

    ``skills`` and ``traps`` keep their (cleaned) original spelling because
    they are shown in reports; ``canonical``, ``variants`` and
    ``borderline_surfaces`` are stored normalized because they are only ever
    compared.
    """

    skills: tuple[str, ...]
    canonical: tuple[str, ...]
    variants: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    traps: tuple[str, ...] = ()
    trap_reasons: tuple[str, ...] = ()
    borderline_surfaces: frozenset[str] = frozenset()
    notes: str = ""

    def keys_for(self, index: int) -> frozenset[str]:
        """Every normalized spelling that identifies gold skill ``index``."""
        canonical = self.canonical[index]
        variants = self.variants.get(canonical, ())
        return _keys((self.skills[index], canonical, *variants))


def _require_str_list(data: Mapping[str, Any], key: str, path: Path) -> list[str]:
    """Read an optional list-of-strings key; missing or null means empty."""
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise GoldFormatError(f"{path}: '{key}' must be a list of strings")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise GoldFormatError(f"{path}: '{key}[{index}]' must be a string")
    return value


def _read_variants(data: Mapping[str, Any], path: Path) -> dict[str, tuple[str, ...]]:
    """Read ``surface_variants`` keyed by normalized canonical name."""
    raw = data.get("surface_variants")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise GoldFormatError(f"{path}: 'surface_variants' must be an object")
    variants: dict[str, tuple[str, ...]] = {}
    for name, spellings in raw.items():
        if not isinstance(spellings, list) or not all(isinstance(item, str) for item in spellings):
            raise GoldFormatError(f"{path}: 'surface_variants[{name!r}]' must be a list of strings")
        key = normalize(name)
        variants[key] = variants.get(key, ()) + tuple(spellings)
    return variants


def _read_borderline(data: Mapping[str, Any], path: Path) -> frozenset[str]:
    """Collect normalized surfaces and canonicals of borderline entries.

    A plain string entry is accepted too: hand-written gold files use it and
    its meaning is unambiguous.
    """
    raw = data.get("borderline")
    if raw is None:
        return frozenset()
    if not isinstance(raw, list):
        raise GoldFormatError(f"{path}: 'borderline' must be a list")
    texts: list[str] = []
    for index, entry in enumerate(raw):
        if isinstance(entry, str):
            texts.append(entry)
        elif isinstance(entry, dict):
            for key in ("surface", "canonical"):
                value = entry.get(key)
                if value is not None and not isinstance(value, str):
                    raise GoldFormatError(f"{path}: 'borderline[{index}].{key}' must be a string")
                texts.append(value or "")
        else:
            raise GoldFormatError(f"{path}: 'borderline[{index}]' must be an object or a string")
    return _keys(texts)


def _read_canonical(data: Mapping[str, Any], skills: list[str], path: Path) -> tuple[str, ...]:
    """Read ``canonical``; when absent, each skill is its own canonical."""
    if data.get("canonical") is None:
        return tuple(normalize(skill) for skill in skills)
    canonical = _require_str_list(data, "canonical", path)
    if len(canonical) != len(skills):
        raise GoldFormatError(
            f"{path}: 'canonical' has {len(canonical)} entries but 'skills' "
            f"has {len(skills)}; they must be parallel lists"
        )
    return tuple(normalize(name) for name in canonical)


def load_gold(path: Path) -> Gold:
    """Load and validate one gold file.

    Mistakes in hand-written labels would otherwise surface as silently wrong
    scores, so shape errors raise ``GoldFormatError`` (a ``ValueError``)
    naming the file and key.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GoldFormatError(f"{path}: not valid JSON ({exc})") from exc
    except UnicodeDecodeError as exc:
        raise GoldFormatError(f"{path}: not UTF-8 text ({exc})") from exc
    if not isinstance(data, dict):
        raise GoldFormatError(f"{path}: top level must be a JSON object")
    skills = _require_str_list(data, "skills", path)
    for index, skill in enumerate(skills):
        if not normalize(skill):
            raise GoldFormatError(f"{path}: 'skills[{index}]' is empty")
    notes = data.get("notes") or ""
    if not isinstance(notes, str):
        raise GoldFormatError(f"{path}: 'notes' must be a string")
    return Gold(
        skills=tuple(clean_text(skill) for skill in skills),
        canonical=_read_canonical(data, skills, path),
        variants=_read_variants(data, path),
        traps=tuple(clean_text(t) for t in _require_str_list(data, "traps", path)),
        trap_reasons=tuple(_require_str_list(data, "trap_reasons", path)),
        borderline_surfaces=_read_borderline(data, path),
        notes=notes,
    )


# --------------------------------------------------------------------------
# Scoring one report
# --------------------------------------------------------------------------


def _ratio(numerator: int, denominator: int) -> float:
    """A fraction that is perfect (1.0) when there was nothing to get wrong."""
    return numerator / denominator if denominator else 1.0


def _f1(precision: float, recall: float) -> float:
    """Harmonic mean, 0.0 when both inputs are 0."""
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


@dataclass(frozen=True)
class FileScore:
    """The outcome for one resume.

    ``reported_tp`` counts reported skills that matched gold (precision side);
    ``found`` and ``misses`` list gold skills (recall side).
    """

    name: str
    reported_tp: int = 0
    false_positives: tuple[str, ...] = ()
    found: tuple[str, ...] = ()
    misses: tuple[str, ...] = ()
    borderline: tuple[str, ...] = ()
    trap_hits: tuple[str, ...] = ()
    error: str | None = None

    @property
    def precision(self) -> float:
        return _ratio(self.reported_tp, self.reported_tp + len(self.false_positives))

    @property
    def recall(self) -> float:
        return _ratio(len(self.found), len(self.found) + len(self.misses))

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view with the derived numbers spelled out."""
        return {
            "name": self.name,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "reported_tp": self.reported_tp,
            "fp": len(self.false_positives),
            "gold_found": len(self.found),
            "fn": len(self.misses),
            "false_positives": list(self.false_positives),
            "found": list(self.found),
            "misses": list(self.misses),
            "borderline": list(self.borderline),
            "trap_hits": list(self.trap_hits),
            "error": self.error,
        }


@dataclass(frozen=True)
class _Reported:
    """One reported skill, reduced to what scoring needs."""

    label: str
    keys: frozenset[str]  # name, id and evidence: used for matching gold
    surfaces: frozenset[str]  # name and evidence: compared with traps
    evidence: frozenset[str]


def _evidence_texts(skill: Mapping[str, Any]) -> list[str]:
    """The ``text`` of each evidence item, skipping malformed items."""
    evidence = skill.get("evidence") or []
    if not isinstance(evidence, list):
        return []
    return [
        item["text"] for item in evidence if isinstance(item, Mapping) and isinstance(item.get("text"), str)
    ]


def _reported(skill: Mapping[str, Any]) -> _Reported:
    """Gather the strings that may identify a reported skill.

    The name, the id (underscores read as spaces) and every evidence text
    all count, because the analyzer may canonicalize differently from the
    gold author while still pointing at the right words.
    """
    name = str(skill.get("name") or "")
    skill_id = str(skill.get("id") or "").replace("_", " ")
    texts = _evidence_texts(skill)
    label = clean_text(name or skill_id) or "?"
    if texts:
        label = f'{label} ("{clean_text(texts[0])}")'
    return _Reported(
        label=label,
        keys=_keys((name, skill_id, *texts)),
        surfaces=_keys((name, *texts)),
        evidence=_keys(texts),
    )


def _report_skills(report: Mapping[str, Any]) -> list[_Reported]:
    """Extract reported skills, rejecting a report of the wrong shape."""
    if not isinstance(report, Mapping):
        raise TypeError(f"report must be a mapping, got {type(report).__name__}")
    skills = report.get("skills") or []
    if not isinstance(skills, list) or not all(isinstance(skill, Mapping) for skill in skills):
        raise TypeError("report 'skills' must be a list of objects")
    return [_reported(skill) for skill in skills]


def _trap_hit(item: _Reported, gold: Gold, is_false_positive: bool) -> str | None:
    """Name the trap a reported skill fell into, if any.

    An exact match with a trap always counts. Containment (the evidence is
    a word sequence inside a trap, like "Excel" in "Excel at teamwork")
    counts only for false positives: a real skill may share words with a
    trap elsewhere in the resume.
    """
    for trap in gold.traps:
        key = normalize(trap)
        if not key:
            continue
        if key in item.surfaces:
            return f"{item.label} [trap: {trap}]"
        if is_false_positive and any(_contains_words(key, text) for text in item.evidence):
            return f"{item.label} [trap: {trap}]"
    return None


def score_report(name: str, report: Mapping[str, Any], gold: Gold) -> FileScore:
    """Compare one analyzer report with its gold labels.

    Raises ``TypeError`` if the report does not have the contract's shape.
    """
    gold_keys = [gold.keys_for(i) for i in range(len(gold.skills))]
    matched: set[int] = set()
    reported_tp = 0
    false_positives: list[str] = []
    borderline: list[str] = []
    trap_hits: list[str] = []
    for item in _report_skills(report):
        hits = {i for i, keys in enumerate(gold_keys) if keys & item.keys}
        matched |= hits
        is_false_positive = False
        if hits:
            reported_tp += 1
        elif item.keys & gold.borderline_surfaces:
            borderline.append(item.label)
        else:
            is_false_positive = True
            false_positives.append(item.label)
        trap = _trap_hit(item, gold, is_false_positive)
        if trap is not None:
            trap_hits.append(trap)
    return FileScore(
        name=name,
        reported_tp=reported_tp,
        false_positives=tuple(false_positives),
        found=tuple(s for i, s in enumerate(gold.skills) if i in matched),
        misses=tuple(s for i, s in enumerate(gold.skills) if i not in matched),
        borderline=tuple(borderline),
        trap_hits=tuple(trap_hits),
    )


def _failed(name: str, gold: Gold, error: str) -> FileScore:
    """A score for a file the analyzer could not process: every gold skill
    is missed, so a crash can never look like a good result."""
    return FileScore(name=name, misses=gold.skills, error=error)


# --------------------------------------------------------------------------
# Scoring a directory
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class EvalResult:
    """Scores for every file plus micro-averages over all of them.

    Micro-averaging sums counts before dividing, so files with many skills
    weigh more; that matches how often a user meets each kind of error.
    """

    files: tuple[FileScore, ...]

    @property
    def reported_tp(self) -> int:
        return sum(f.reported_tp for f in self.files)

    @property
    def false_positive_count(self) -> int:
        return sum(len(f.false_positives) for f in self.files)

    @property
    def found_count(self) -> int:
        return sum(len(f.found) for f in self.files)

    @property
    def miss_count(self) -> int:
        return sum(len(f.misses) for f in self.files)

    @property
    def micro_precision(self) -> float:
        return _ratio(self.reported_tp, self.reported_tp + self.false_positive_count)

    @property
    def micro_recall(self) -> float:
        return _ratio(self.found_count, self.found_count + self.miss_count)

    @property
    def micro_f1(self) -> float:
        return _f1(self.micro_precision, self.micro_recall)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view, for saving results and comparing runs."""
        return {
            "files": [f.to_dict() for f in self.files],
            "micro": {
                "precision": self.micro_precision,
                "recall": self.micro_recall,
                "f1": self.micro_f1,
                "reported_tp": self.reported_tp,
                "fp": self.false_positive_count,
                "gold_found": self.found_count,
                "fn": self.miss_count,
            },
        }


def _resume_for(directory: Path, name: str) -> Path | None:
    """The resume a gold file describes, trying each supported suffix."""
    for suffix in RESUME_SUFFIXES:
        candidate = directory / "pdfs" / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def find_cases(directory: Path) -> list[tuple[str, Path, Path]]:
    """List ``(name, resume, gold)`` for every gold file with a resume.

    Gold files without a resume are skipped: labels may be written before
    the resume is added. A missing ``gold/`` folder is almost certainly a
    wrong path, so it raises instead of evaluating nothing.
    """
    directory = Path(directory)
    gold_dir = directory / "gold"
    if not gold_dir.is_dir():
        raise FileNotFoundError(
            f"{directory} has no gold/ folder; expected gold/NAME.json labels "
            f"next to pdfs/NAME.pdf (or .txt/.md) resumes"
        )
    cases: list[tuple[str, Path, Path]] = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        resume = _resume_for(directory, gold_path.stem)
        if resume is not None:
            cases.append((gold_path.stem, resume, gold_path))
    return cases


def _describe(exc: Exception) -> str:
    """``str(exc)``, or the exception type when the message is empty."""
    return str(exc) or type(exc).__name__


def evaluate(directory: Path, analyze: Callable[[Path], Mapping[str, Any]]) -> EvalResult:
    """Run ``analyze`` on every case in ``directory`` and score the reports.

    All gold files are loaded first so a labelling mistake fails fast,
    before any slow analysis. A failure of ``analyze`` (or a malformed
    report) on one resume is recorded for that file and the run goes on.
    """
    cases = [(name, resume, load_gold(gold_path)) for name, resume, gold_path in find_cases(directory)]
    scores: list[FileScore] = []
    for name, resume, gold in cases:
        try:
            scores.append(score_report(name, analyze(resume), gold))
        except Exception as exc:  # noqa: BLE001 - one bad resume must not end the run
            scores.append(_failed(name, gold, _describe(exc)))
    return EvalResult(files=tuple(scores))


# --------------------------------------------------------------------------
# Text output
# --------------------------------------------------------------------------

_HEADER = ("file", "P", "R", "F1", "tp", "fp", "found", "fn")


def _row(name: str, p: float, r: float, f1: float, counts: tuple[int, ...], width: int) -> str:
    """One aligned table row."""
    numbers = "".join(f"{count:>7d}" for count in counts)
    return f"{name:<{width}}  {p:>6.3f} {r:>6.3f} {f1:>6.3f}{numbers}"


def _file_row(score: FileScore, width: int) -> str:
    """The table row for one file; an error replaces the numbers' meaning."""
    counts = (
        score.reported_tp,
        len(score.false_positives),
        len(score.found),
        len(score.misses),
    )
    row = _row(score.name, score.precision, score.recall, score.f1, counts, width)
    return f"{row}  ERROR: {score.error}" if score.error is not None else row


def _details(score: FileScore) -> list[str]:
    """The error lines for one file, or nothing if it was perfect."""
    sections = (
        ("error", (score.error,) if score.error is not None else ()),
        ("false positive", score.false_positives),
        ("miss", score.misses),
        ("trap hit", score.trap_hits),
        ("borderline", score.borderline),
    )
    lines = [f"  {label}: {item}" for label, items in sections for item in items]
    return [f"{score.name}:", *lines] if lines else []


def load_groups(directory: Path, key: str = "layout") -> dict[str, str]:
    """Each resume's group (its layout, say) from ``DIR/manifest.json``, when the folder has one."""
    manifest = directory / "manifest.json"
    try:
        rows = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(rows, list):
        return {}
    groups = {}
    for row in rows:
        if isinstance(row, dict) and key in row and ("name" in row or "file" in row):
            name = row.get("name") or Path(str(row["file"])).stem
            groups[str(name)] = str(row[key])
    return groups


def by_group(result: EvalResult, groups: Mapping[str, str]) -> dict[str, EvalResult]:
    """Micro-averaged results per group of files (files without a group are left out)."""
    grouped: dict[str, list[FileScore]] = {}
    for score in result.files:
        if score.name in groups:
            grouped.setdefault(groups[score.name], []).append(score)
    return {group: EvalResult(tuple(scores)) for group, scores in sorted(grouped.items())}


def format_groups(grouped: Mapping[str, EvalResult], label: str = "layout") -> str:
    """One line per group: its micro precision, recall and F1, files and false positives."""
    width = max([len(label), *(len(group) for group in grouped)])
    lines = [f"{label:<{width}}  {'P':>6} {'R':>6} {'F1':>6} {'files':>6} {'fp':>5}"]
    for group, result in grouped.items():
        lines.append(
            f"{group:<{width}}  {result.micro_precision:6.3f} {result.micro_recall:6.3f} "
            f"{result.micro_f1:6.3f} {len(result.files):6d} {result.false_positive_count:5d}"
        )
    return "\n".join(lines) + "\n"


# The manifest fields that group resumes for per-group figures, in the order they are printed.
GROUP_FIELDS: tuple[str, ...] = ("layout", "kind", "language")
# Kinds of resume that claim (next to) no skills: their F1 says little, their false positives say
# everything.
NON_TECHNICAL_KINDS = frozenset({"non-tech"})


def grouped_results(directory: Path, result: EvalResult) -> dict[str, dict[str, EvalResult]]:
    """Per manifest field that any resume has (layout, kind, language), the results per value."""
    grouped = {}
    for field_name in GROUP_FIELDS:
        groups = load_groups(directory, field_name)
        if groups:
            grouped[field_name] = by_group(result, groups)
    return grouped


def format_grouped(grouped: Mapping[str, Mapping[str, EvalResult]]) -> str:
    """One table per field; non-technical kinds are told by their false positives (``fp``)."""
    tables = [format_groups(results, label) for label, results in grouped.items()]
    non_technical = [
        (kind, results)
        for kind, results in grouped.get("kind", {}).items()
        if kind in NON_TECHNICAL_KINDS
    ]
    for kind, results in non_technical:
        per_file = ", ".join(f"{score.name} {len(score.false_positives)}" for score in results.files)
        tables.append(
            f"{kind}: {results.false_positive_count} false positives in {len(results.files)} resumes"
            f" ({per_file})\n"
        )
    return "\n".join(tables)


def grouped_to_dict(grouped: Mapping[str, Mapping[str, EvalResult]]) -> dict[str, Any]:
    """``by_layout``, ``by_kind``, ``by_language``: each group's micro figures and counts."""
    return {
        f"by_{field_name}": {
            group: {
                "precision": result.micro_precision,
                "recall": result.micro_recall,
                "f1": result.micro_f1,
                "files": len(result.files),
                "false_positives": result.false_positive_count,
            }
            for group, result in results.items()
        }
        for field_name, results in grouped.items()
    }


def format_result(result: EvalResult, *, details: bool = True) -> str:
    """Render a plain-text table, then optionally what went wrong per file.

    ``tp`` counts reported skills that matched (precision side); ``found``
    and ``fn`` count gold skills found and missed (recall side).
    """
    width = max([len("MICRO"), len(_HEADER[0]), *(len(f.name) for f in result.files)])
    header = f"{_HEADER[0]:<{width}}  " + " ".join(f"{h:>6}" for h in _HEADER[1:4])
    header += "".join(f"{h:>7}" for h in _HEADER[4:])
    lines = [header]
    lines += [_file_row(score, width) for score in result.files]
    micro_counts = (
        result.reported_tp,
        result.false_positive_count,
        result.found_count,
        result.miss_count,
    )
    lines.append(
        _row(
            "MICRO",
            result.micro_precision,
            result.micro_recall,
            result.micro_f1,
            micro_counts,
            width,
        )
    )
    if details:
        for score in result.files:
            block = _details(score)
            if block:
                lines += ["", *block]
    return "\n".join(lines) + "\n"
