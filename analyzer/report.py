"""The report: what a resume claims and how far it stands from each path, and its JSON form.

``Report.to_dict()`` is the JSON contract (``schema_version`` "2", see README): renderers and
scripts read this, never the stages before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from analyzer.experience import Experience

SCHEMA_VERSION = "2"
TOOL_NAME = "skillgap"


@dataclass(frozen=True)
class Evidence:
    """Where a skill is named: the text as written, its section, page and line, and how sure."""

    text: str
    section: str
    page: int
    line: int
    score: float
    line_text: str = ""
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "section": self.section,
            "page": self.page,
            "line": self.line,
            "score": self.score,
            "confidence": self.confidence,
            "line_text": self.line_text,
        }


@dataclass(frozen=True)
class SkillFound:
    """A taxonomy skill the resume names, with every piece of evidence."""

    id: str
    name: str
    kind: str
    evidence: tuple[Evidence, ...]
    # Months of dated experience entries that mention the skill (None: no dated experience
    # does), and the first and last of them as YYYY-MM.
    months: int | None = None
    first_used: str | None = None
    last_used: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "evidence": [item.to_dict() for item in self.evidence],
            "months": self.months,
            "first_used": self.first_used,
            "last_used": self.last_used,
        }


@dataclass(frozen=True)
class CompetencyResult:
    """One competency of a path: how strongly the resume shows it, and by which claimed skills
    (strongest evidence first). ``covered`` is ``strength`` reaching the taxonomy's threshold."""

    id: str
    name: str
    importance: str
    weight: float
    strength: float
    covered: bool
    skills: tuple[str, ...]
    distinguishing: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "importance": self.importance,
            "weight": _number(self.weight),
            "distinguishing": self.distinguishing,
            "strength": self.strength,
            "covered": self.covered,
            "skills": list(self.skills),
        }


@dataclass(frozen=True)
class SuggestedSkill:
    """A skill that would cover a gap; ``covers`` counts the path's gaps it would close, and
    ``foundational`` says it is one a newcomer learns first for the gap."""

    id: str
    name: str
    covers: int
    hot: bool
    foundational: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "covers": self.covers,
            "hot_technology": self.hot,
            "foundational": self.foundational,
        }


@dataclass(frozen=True)
class Gap:
    """A competency of a path that the resume does not show enough, with what to learn for it."""

    id: str
    name: str
    importance: str
    weight: float
    strength: float
    suggested_skills: tuple[SuggestedSkill, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "importance": self.importance,
            "weight": _number(self.weight),
            "strength": self.strength,
            "suggested_skills": [skill.to_dict() for skill in self.suggested_skills],
        }


@dataclass(frozen=True)
class PlanStep:
    """One step of a learning plan: a skill to learn, the gaps it closes and why it comes here.

    ``gap`` is the competency the step was chosen for; a prerequisite of a later step has none.
    """

    id: str
    name: str
    closes: tuple[str, ...]
    why: str
    requires: tuple[str, ...] = ()
    gap: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "closes": list(self.closes),
            "why": self.why,
            "gap": self.gap,
            "requires": list(self.requires),
        }


@dataclass(frozen=True)
class RequirementResult:
    """One requirement of a job posting against the resume.

    ``met`` says the resume shows the skill or one of its ``alternatives`` (or a skill implying
    one); ``strength`` grades it as a competency is graded; ``years`` is what the posting asks
    (None when it asks none) and ``years_met`` whether the resume's dated use reaches it (None
    when unknown). ``posting_evidence`` is the posting's line asking for it, ``evidence`` the
    resume's best evidence of the skill that meets it.
    """

    id: str
    name: str
    importance: str
    alternatives: tuple[str, ...]
    met: bool
    strength: float
    years: int | None
    years_met: bool | None
    posting_evidence: Evidence
    evidence: tuple[Evidence, ...] = ()
    met_by: str | None = None
    months: int | None = None
    # The alternatives' names, for renderers (the JSON names them by id).
    alternative_names: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "importance": self.importance,
            "alternatives": list(self.alternatives),
            "met": self.met,
            "met_by": self.met_by,
            "strength": self.strength,
            "years": self.years,
            "years_met": self.years_met,
            "months": self.months,
            "posting_evidence": self.posting_evidence.to_dict(),
            "evidence": [item.to_dict() for item in self.evidence],
        }


@dataclass(frozen=True)
class PostingInfo:
    """Where a job target came from: the posting's file, title and hash; its degree lines and the
    requirement lines that name no skill of the taxonomy, (text, importance) each, never scored."""

    path: str
    title: str
    sha256: str
    degrees: tuple[tuple[str, str], ...] = ()
    unscored: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "sha256": self.sha256,
            "degrees": [{"text": text, "importance": importance} for text, importance in self.degrees],
            "unscored": [{"text": text, "importance": importance} for text, importance in self.unscored],
        }


@dataclass(frozen=True)
class PathResult:
    """How far the resume stands from one path.

    ``coverage`` is the weighted mean of the competencies' strengths; ``focus`` the same over the
    competencies that distinguish the path, which decide the best fit; ``titles`` counts the
    resume's lines naming one of the path's role titles.
    """

    id: str
    name: str
    coverage: float
    competencies: tuple[CompetencyResult, ...]
    missing: tuple[Gap, ...]
    focus: float = 0.0
    reason: str = ""
    plan: tuple[PlanStep, ...] = ()
    kind: str = "career"
    titles: int = 0
    # A job posting's target only: its requirements and where the posting came from.
    requirements: tuple[RequirementResult, ...] = ()
    posting: PostingInfo | None = None

    def to_dict(self) -> dict[str, Any]:
        job = (
            {
                "posting": self.posting.to_dict() if self.posting else None,
                "requirements": [item.to_dict() for item in self.requirements],
            }
            if self.kind == "job"
            else {}
        )
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "coverage": self.coverage,
            "focus": self.focus,
            "titles": self.titles,
            "reason": self.reason,
            "competencies": [item.to_dict() for item in self.competencies],
            "missing": [gap.to_dict() for gap in self.missing],
            "plan": [step.to_dict() for step in self.plan],
            **job,
        }


@dataclass(frozen=True)
class Source:
    """The analyzed input."""

    path: str
    sha256: str
    pages: int
    format: str
    # Whether some of the text was recognized by OCR.
    ocr: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "pages": self.pages,
            "format": self.format,
            "ocr": self.ocr,
        }


@dataclass(frozen=True)
class Report:
    """Everything skillgap concluded about one resume."""

    tool_version: str
    taxonomy_version: str
    source: Source
    skills: tuple[SkillFound, ...]
    learning: tuple[SkillFound, ...]
    paths: tuple[PathResult, ...]
    best_fit: str | None
    warnings: tuple[str, ...]
    best_fit_reason: str = ""
    # The month "present" stands for (YYYY-MM), and the dated entries as of that month.
    as_of: str | None = None
    experience: Experience | None = None

    def path(self, path_id: str) -> PathResult:
        """The result for one path id; KeyError if the report has no such path."""
        for result in self.paths:
            if result.id == path_id:
                return result
        raise KeyError(path_id)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract, as plain data."""
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {
                "name": TOOL_NAME,
                "version": self.tool_version,
                "taxonomy_version": self.taxonomy_version,
            },
            "source": self.source.to_dict(),
            "skills": [skill.to_dict() for skill in self.skills],
            "learning": [skill.to_dict() for skill in self.learning],
            "paths": [path.to_dict() for path in self.paths],
            "best_fit": self.best_fit,
            "best_fit_reason": self.best_fit_reason,
            "warnings": list(self.warnings),
            "as_of": self.as_of,
            "experience": self.experience.to_dict() if self.experience else None,
        }


def _number(value: float) -> float | int:
    """Whole weights print as integers, as the taxonomy writes them."""
    return int(value) if float(value).is_integer() else value
