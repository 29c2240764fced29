"""How far a resume stands from one job posting: the posting's target, with a path's shape.

Each requirement is graded as a competency is (README "How coverage, best fit and the plan are
computed"): every resume skill that is the required skill, one of its alternatives, or implies one
adds its evidence weight (less through an implied parent), and the additions saturate,
``1 − Π(1 − addition)``. A requirement is met when any such skill is shown; one whose years the
resume's dated use falls short of counts ``years_short_factor`` of its strength. The target's
coverage is the mean of its requirements' strengths weighted by importance (posting data); the
missing requirements come must-haves first, each with what to learn, and the plan learns them in
that order, each after the skills it requires that the resume does not show.
"""

from __future__ import annotations

from collections.abc import Sequence

from analyzer.coverage import DECIMALS, IMPORTANCE_RANK, best_evidence, prerequisites, shown_skills
from analyzer.posting import JobTarget, Requirement, posting_vocabulary
from analyzer.report import (
    CompetencyResult,
    Gap,
    PathResult,
    PlanStep,
    PostingInfo,
    RequirementResult,
    SkillFound,
    SuggestedSkill,
)
from skills import Taxonomy

JOB_KIND = "job"
MONTHS_PER_YEAR = 12
# How many missing requirements a reason names.
REASON_NAMES = 3


def _grade(
    requirement: Requirement, taxonomy: Taxonomy, skills: Sequence[SkillFound], as_of: str | None
) -> RequirementResult:
    accepted = (requirement.skill_id, *requirement.alternatives)
    scoring = taxonomy.scoring
    remaining = 1.0
    best: tuple[float, SkillFound] | None = None
    months: list[int] = []
    unknown_months = False
    for skill in skills:
        reached = taxonomy.implied_closure(skill.id)
        if not any(item in reached for item in accepted):
            continue
        weight, _ = best_evidence(skill, scoring, as_of)
        direct = skill.id in accepted
        amount = weight * (1.0 if direct else scoring.implied_factor)
        remaining *= 1.0 - amount
        if best is None or amount > best[0]:
            best = (amount, skill)
        if skill.months is None:
            unknown_months = True
        else:
            months.append(skill.months)
    met = best is not None
    used_months = max(months, default=None)
    years_met: bool | None
    if requirement.years is None:
        years_met = None
    elif not met:
        years_met = False
    elif used_months is not None and used_months >= requirement.years * MONTHS_PER_YEAR:
        years_met = True
    else:
        years_met = None if unknown_months and used_months is None else False
    graded = 1.0 - remaining
    if years_met is False:
        graded *= posting_vocabulary().years_short_factor
    evidence = tuple(sorted(best[1].evidence, key=lambda item: -item.confidence)[:1]) if best else ()
    return RequirementResult(
        id=requirement.skill_id,
        name=requirement.name,
        importance=requirement.importance,
        alternatives=requirement.alternatives,
        met=met,
        strength=round(graded, DECIMALS),
        years=requirement.years,
        years_met=years_met,
        posting_evidence=requirement.evidence,
        evidence=evidence,
        met_by=best[1].id if best else None,
        months=used_months,
        alternative_names=tuple(taxonomy.skills[item].name for item in requirement.alternatives),
    )


def _reason(results: Sequence[RequirementResult], unscored: int) -> str:
    """A line: how many must-haves are met, which are missing, the rest, and how many of the
    posting's requirement lines name no skill the coverage could weigh."""
    if not results:
        return "The posting names no skill from the taxonomy"
    parts = []
    for importance, label in (
        ("core", "must-haves"),
        ("important", "other named skills"),
        ("nice", "nice-to-haves"),
    ):
        group = [item for item in results if item.importance == importance]
        if not group:
            continue
        met = sum(item.met for item in group)
        text = f"{met} of {len(group)} {label} shown"
        lacking = [item.name for item in group if not item.met][:REASON_NAMES]
        if importance == "core" and lacking:
            text += f" (missing {', '.join(lacking)})"
        parts.append(text)
    if unscored:
        parts.append(
            f"{unscored} requirement line{'s' if unscored > 1 else ''} naming no recognised skill, not scored"
        )
    return "; ".join(parts)


def _suggestions(
    taxonomy: Taxonomy, requirement: RequirementResult, shown: frozenset[str]
) -> tuple[SuggestedSkill, ...]:
    """What to learn for a missing requirement: the skill itself, then its alternatives."""
    limit = taxonomy.scoring.suggestions
    found = []
    for skill_id in (requirement.id, *requirement.alternatives)[:limit]:
        if skill_id in shown or skill_id not in taxonomy.skills:
            continue
        skill = taxonomy.skills[skill_id]
        found.append(SuggestedSkill(skill.id, skill.name, 1, skill.hot, skill_id == requirement.id))
    return tuple(found)


def _plan(taxonomy: Taxonomy, missing: Sequence[Gap], shown: frozenset[str]) -> tuple[PlanStep, ...]:
    """The missing requirements to learn, must-haves first, each after what it requires."""
    steps: list[PlanStep] = []
    planned: set[str] = set(shown)
    for gap in missing:
        if len(steps) >= taxonomy.scoring.plan_steps:
            break
        if not gap.suggested_skills or gap.id in planned:
            continue
        label = {"core": "a must-have", "important": "named in the duties", "nice": "a nice-to-have"}[
            gap.importance
        ]
        for skill_id in [*prerequisites(taxonomy, gap.id, planned), gap.id]:
            skill = taxonomy.skills[skill_id]
            why = f"{label} of this posting" if skill_id == gap.id else f"needed before {gap.name}"
            requires = tuple(item for item in skill.requires if item not in shown)
            steps.append(
                PlanStep(
                    skill.id,
                    skill.name,
                    (gap.id,) if skill_id == gap.id else (),
                    why,
                    requires,
                    gap.id if skill_id == gap.id else None,
                )
            )
            planned.add(skill_id)
    return tuple(steps)


def job_result(
    target: JobTarget, taxonomy: Taxonomy, skills: Sequence[SkillFound], as_of: str | None = None
) -> PathResult:
    """The resume against one posting: graded requirements, coverage, missing must-haves first
    with what to learn, and a plan.

    ``as_of`` (``YYYY-MM``) is the month dated use is weighed from.
    """
    weights = posting_vocabulary().weights
    results = [_grade(item, taxonomy, skills, as_of) for item in target.requirements]
    shown = shown_skills(taxonomy, (skill.id for skill in skills))
    competencies = tuple(
        CompetencyResult(
            id=item.id,
            name=item.name,
            importance=item.importance,
            weight=weights[item.importance],
            strength=item.strength,
            covered=item.met,
            skills=(item.met_by,) if item.met_by else (),
            distinguishing=item.importance == "core",
        )
        for item in results
    )
    missing = tuple(
        Gap(
            item.id,
            item.name,
            item.importance,
            weights[item.importance],
            item.strength,
            _suggestions(taxonomy, item, shown),
        )
        for item in sorted(results, key=lambda item: IMPORTANCE_RANK[item.importance])
        if not item.met
    )
    total = sum(weights[item.importance] for item in results)
    coverage = (
        round(sum(weights[item.importance] * item.strength for item in results) / total, DECIMALS)
        if total
        else 0.0
    )
    core = [item for item in results if item.importance == "core"]
    focus = round(sum(item.strength for item in core) / len(core), DECIMALS) if core else coverage
    return PathResult(
        id=target.id,
        name=target.title or target.source,
        coverage=coverage,
        competencies=competencies,
        missing=missing,
        focus=focus,
        reason=_reason(results, len(target.unscored)),
        plan=_plan(taxonomy, missing, shown),
        kind=JOB_KIND,
        requirements=tuple(results),
        posting=PostingInfo(
            target.source,
            target.title,
            target.sha256,
            tuple((item.text, item.importance) for item in target.degrees),
            tuple((item.text, item.importance) for item in target.unscored),
        ),
    )
