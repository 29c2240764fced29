"""From claimed skills to each path's graded competencies, focus, gaps, suggestions and plan.

Every number used here is taxonomy data (``[scoring]``, README "How coverage is computed"):

- A piece of evidence weighs its section's weight (used at work > listed among skills > summary
  > course or certificate > anything else), halved-or-so for a misspelt match. A skill counts
  once, with its best evidence.
- A skill adds ``skill_ceiling × its weight`` to each competency it evidences (less through an
  implied parent), and a competency's strength is ``1 − Π(1 − contribution)``: one mention never
  shows it in full, several concrete skills used at work approach 1.
- A path's coverage is the weighted mean of its strengths; its focus the same over the
  competencies that distinguish it. The best fit is the path with the highest focus, and none
  when no focus reaches ``best_fit_min_focus``.
- A gap's suggestions start with the skills a newcomer learns first for it (``learn_first``),
  then the rest, direct links and Hot Technologies first; the plan orders the first suggestions
  of the gaps, core gaps first, each after the skills it ``requires``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from analyzer.report import (
    CompetencyResult,
    Evidence,
    Gap,
    PathResult,
    PlanStep,
    SkillFound,
    SuggestedSkill,
)
from skills import CareerPath, Scoring, Taxonomy

# Strengths, coverage and focus are reported to this many decimals.
DECIMALS = 4
# A match scoring below this is a fuzzy one (exact matches score 100, spacing variants 95).
FUZZY_BELOW = 95.0
# Sections where a skill is used rather than named: what "shown in work" means in a reason.
WORK_SECTIONS = frozenset({"experience", "projects", "volunteering"})
IMPORTANCE_RANK = {"core": 0, "important": 1, "nice": 2}
# How many competencies a reason names before it stops.
REASON_NAMES = 3


@dataclass(frozen=True)
class Contribution:
    """What one claimed skill adds to one competency, and whether it was used at work."""

    skill_id: str
    amount: float
    used: bool


def evidence_weight(evidence: Evidence, scoring: Scoring) -> float:
    """How much one piece of evidence shows ability: its section's weight, less for a fuzzy match."""
    weight = scoring.section_weights.get(evidence.section, scoring.other_section_weight)
    return weight * (scoring.fuzzy_factor if evidence.score < FUZZY_BELOW else 1.0)


def dated_use_factor(skill: SkillFound, scoring: Scoring, as_of: str | None) -> float:
    """How much a skill's use at work counts by its dates: in full when last used recently and
    for more than a few months, less when last used long ago or only briefly; 1 when undated."""
    if as_of is None or skill.last_used is None or skill.months is None:
        return 1.0
    years_since = (_month_number(as_of) - _month_number(skill.last_used)) / 12
    fading = scoring.stale_years - scoring.recent_years
    if years_since <= scoring.recent_years:
        recency = 1.0
    elif years_since >= scoring.stale_years or fading <= 0:
        recency = scoring.stale_factor
    else:
        recency = 1.0 - (1.0 - scoring.stale_factor) * (years_since - scoring.recent_years) / fading
    return recency * (scoring.brief_factor if skill.months < scoring.brief_months else 1.0)


def _month_number(text: str) -> int:
    year, month = text.split("-")
    return int(year) * 12 + int(month) - 1


def best_evidence(skill: SkillFound, scoring: Scoring, as_of: str | None = None) -> tuple[float, bool]:
    """A skill's weight (its best evidence's, use at work weighed by its dates) and whether any
    evidence is use at work."""
    dated = dated_use_factor(skill, scoring, as_of)
    weight = max(
        (
            evidence_weight(item, scoring) * (dated if item.section in WORK_SECTIONS else 1.0)
            for item in skill.evidence
        ),
        default=0.0,
    )
    return weight, any(item.section in WORK_SECTIONS for item in skill.evidence)


@lru_cache(maxsize=8)
def _links(taxonomy: Taxonomy) -> dict[str, dict[str, bool]]:
    """Every skill's competencies, each marked direct (True) or reached only through an implied
    parent (False); built once per taxonomy."""
    links: dict[str, dict[str, bool]] = {}
    for skill_id, skill in taxonomy.skills.items():
        reached = dict.fromkeys(skill.competencies, True)
        for member in taxonomy.implied_closure(skill_id)[1:]:
            for competency in taxonomy.skills[member].competencies:
                reached.setdefault(competency, False)
        links[skill_id] = reached
    return links


def contributions(
    taxonomy: Taxonomy, skills: Sequence[SkillFound], as_of: str | None = None
) -> dict[str, list[Contribution]]:
    """For each competency, what each claimed skill adds to it, largest first."""
    scoring = taxonomy.scoring
    links = _links(taxonomy)
    found: dict[str, list[Contribution]] = {}
    for skill in skills:
        weight, used = best_evidence(skill, scoring, as_of)
        for competency, direct in links.get(skill.id, {}).items():
            amount = scoring.skill_ceiling * weight * (1.0 if direct else scoring.implied_factor)
            found.setdefault(competency, []).append(Contribution(skill.id, amount, used))
    for items in found.values():
        items.sort(key=lambda item: -item.amount)
    return found


def strength(items: Iterable[Contribution]) -> float:
    """Contributions combined so that they saturate: 1 − Π(1 − amount)."""
    remaining = 1.0
    for item in items:
        remaining *= 1.0 - item.amount
    return round(1.0 - remaining, DECIMALS)


def distinguishing_ids(taxonomy: Taxonomy, path: CareerPath) -> frozenset[str]:
    """The competencies that set a path apart: those it marks, or, when it marks none (a user's
    path), those it weighs more than every other path does."""
    marked = frozenset(entry.id for entry in path.competencies if entry.distinguishing)
    if marked:
        return marked
    others = [other for other in taxonomy.paths.values() if other.id != path.id]

    def weight_in(other: CareerPath, competency: str) -> float:
        return next((entry.weight for entry in other.competencies if entry.id == competency), 0.0)

    return frozenset(
        entry.id
        for entry in path.competencies
        if all(entry.weight > weight_in(other, entry.id) for other in others)
    )


@lru_cache(maxsize=8)
def _candidates(taxonomy: Taxonomy) -> dict[str, tuple[str, ...]]:
    """For each competency, every skill reaching it in suggestion order: what a newcomer learns
    first (``learn_first``), then direct links before implied ones, Hot Technologies first,
    then taxonomy order (most common first)."""
    index: dict[str, list[tuple[bool, bool, int, str]]] = {}
    for order, (skill_id, reached) in enumerate(_links(taxonomy).items()):
        hot = taxonomy.skills[skill_id].hot
        for competency, direct in reached.items():
            index.setdefault(competency, []).append((not direct, not hot, order, skill_id))
    ranked: dict[str, tuple[str, ...]] = {}
    for competency, entries in index.items():
        first = taxonomy.competencies[competency].learn_first if competency in taxonomy.competencies else ()
        rest = [entry[3] for entry in sorted(entries) if entry[3] not in first]
        ranked[competency] = (*first, *rest)
    return ranked


def shown_skills(taxonomy: Taxonomy, claimed: Iterable[str]) -> frozenset[str]:
    """The claimed skills and every skill they imply: none of them is worth suggesting."""
    return frozenset(chain.from_iterable(taxonomy.implied_closure(skill_id) for skill_id in claimed))


def gaps_closed(taxonomy: Taxonomy, gaps: Collection[str]) -> Counter[str]:
    """For every skill reaching one of the gaps, how many of them it would close."""
    candidates = _candidates(taxonomy)
    return Counter(chain.from_iterable(candidates.get(gap, ()) for gap in gaps))


def suggest_skills(
    taxonomy: Taxonomy, closes: Counter[str], competency: str, shown: frozenset[str]
) -> tuple[SuggestedSkill, ...]:
    """The skills to learn for ``competency``, in suggestion order, none the resume shows."""
    learn_first = taxonomy.competencies[competency].learn_first
    suggestions = []
    for skill_id in _candidates(taxonomy).get(competency, ()):
        if skill_id in shown:
            continue
        skill = taxonomy.skills[skill_id]
        suggestions.append(
            SuggestedSkill(skill.id, skill.name, closes[skill_id], skill.hot, skill_id in learn_first)
        )
        if len(suggestions) == taxonomy.scoring.suggestions:
            break
    return tuple(suggestions)


def prerequisites(taxonomy: Taxonomy, skill_id: str, known: Collection[str]) -> list[str]:
    """What to learn before a skill, deepest first, leaving out what is already known."""
    ordered: list[str] = []

    def visit(current: str, trail: frozenset[str]) -> None:
        for prerequisite in taxonomy.skills[current].requires:
            if prerequisite in known or prerequisite in ordered or prerequisite in trail:
                continue
            visit(prerequisite, trail | {prerequisite})
            ordered.append(prerequisite)

    visit(skill_id, frozenset({skill_id}))
    return ordered


def _names(names: Sequence[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def learning_plan(
    taxonomy: Taxonomy,
    competencies: Sequence[CompetencyResult],
    gaps: Sequence[Gap],
    shown: frozenset[str],
    learning: Collection[str] = (),
) -> tuple[PlanStep, ...]:
    """The next steps for one path: the first suggestion of each gap, core gaps first, each after
    the skills it requires that the resume does not show; a step names every gap it closes."""
    names = {item.id: item.name for item in competencies}
    open_gaps = {gap.id for gap in gaps}
    links = _links(taxonomy)
    steps: list[PlanStep] = []
    planned: set[str] = set(shown)
    closed: set[str] = set()
    ordered = sorted(gaps, key=lambda gap: (IMPORTANCE_RANK.get(gap.importance, 3), -gap.weight, gap.strength))
    for gap in ordered:
        if len(steps) >= taxonomy.scoring.plan_steps:
            break
        if gap.id in closed:
            continue
        target = next((s for s in _candidates(taxonomy).get(gap.id, ()) if s not in planned), None)
        if target is None:
            continue
        target_name = taxonomy.skills[target].name
        for skill_id in [*prerequisites(taxonomy, target, planned), target]:
            closes = tuple(c for c in links[skill_id] if c in open_gaps and c not in closed)
            if skill_id == target:
                state = f"{gap.importance} gap, now {gap.strength:.0%}"
                why = f"learn first for {names[gap.id]} ({state})"
                others = [names[c] for c in closes if c != gap.id]
            else:
                why = f"needed before {target_name}"
                others = [names[c] for c in closes]
            if others:
                why += f"; also counts for {_names(others)}"
            if skill_id in learning:
                why += "; you are already learning it"
            skill = taxonomy.skills[skill_id]
            requires = tuple(r for r in skill.requires if r not in shown)
            chosen_for = gap.id if skill_id == target else None
            steps.append(PlanStep(skill.id, skill.name, closes, why, requires, chosen_for))
            planned.add(skill_id)
            closed.update(closes)
    return tuple(steps)


def path_reason(path_name: str, competencies: Sequence[CompetencyResult], used: Mapping[str, bool]) -> str:
    """A line saying what the resume shows of what sets a path apart, and what it lacks."""
    own = [item for item in competencies if item.distinguishing]
    shown = sorted((item for item in own if item.covered), key=lambda item: -item.weight * item.strength)
    lacking = sorted((item for item in own if not item.covered), key=lambda item: -item.weight)
    at_work = [item.name for item in shown if used.get(item.id)]
    listed = [item.name for item in shown if not used.get(item.id)]
    parts = []
    if at_work:
        parts.append(f"{_names(at_work[:REASON_NAMES])} shown in work")
    if listed:
        parts.append(f"{_names(listed[:REASON_NAMES])} listed, not shown in work")
    if lacking:
        missing = [item.name for item in lacking[:REASON_NAMES]]
        parts.append(f"no {_names(missing, 'or')} shown yet")
    if not own:
        return f"{path_name} has no competencies marked as distinguishing it"
    reason = "; ".join(parts)
    return reason[0].upper() + reason[1:]


def path_result(
    taxonomy: Taxonomy,
    path: CareerPath,
    found: Mapping[str, Sequence[Contribution]],
    shown: frozenset[str],
    learning: Collection[str] = (),
    titles: int = 0,
) -> PathResult:
    """One path's graded competencies, coverage, focus, gaps, suggestions and plan, from what the
    claimed skills add to each competency (:func:`contributions`) and the skills the resume shows
    (:func:`shown_skills`), both the same for every path."""
    scoring = taxonomy.scoring
    own = distinguishing_ids(taxonomy, path)
    results = []
    used: dict[str, bool] = {}
    for entry in path.competencies:
        items = found.get(entry.id, [])
        graded = strength(items)
        used[entry.id] = any(item.used for item in items)
        results.append(
            CompetencyResult(
                id=entry.id,
                name=taxonomy.competencies[entry.id].name,
                importance=entry.importance,
                weight=entry.weight,
                strength=graded,
                covered=graded >= scoring.covered_threshold,
                skills=tuple(item.skill_id for item in items),
                distinguishing=entry.id in own,
            )
        )
    uncovered = [result for result in results if not result.covered]
    closes = gaps_closed(taxonomy, [result.id for result in uncovered])
    missing = tuple(
        Gap(
            id=result.id,
            name=result.name,
            importance=result.importance,
            weight=result.weight,
            strength=result.strength,
            suggested_skills=suggest_skills(taxonomy, closes, result.id, shown),
        )
        for result in sorted(uncovered, key=lambda r: (-r.weight, r.strength))
    )
    return PathResult(
        id=path.id,
        name=path.name,
        coverage=weighted_mean(results),
        competencies=tuple(results),
        missing=missing,
        focus=weighted_mean([result for result in results if result.distinguishing and _counts_for_focus(result)]),
        reason=path_reason(path.name, results, used),
        plan=learning_plan(taxonomy, results, missing, shown, learning),
        titles=titles,
    )


def _counts_for_focus(result: CompetencyResult) -> bool:
    """Nice-to-have competencies add to a focus when shown and never weigh it down: a speech or
    robotics specialist is no less focused for lacking the others."""
    return result.importance != "nice" or result.strength > 0


def weighted_mean(results: Sequence[CompetencyResult]) -> float:
    total = sum(result.weight for result in results)
    if not total:
        return 0.0
    return round(sum(result.weight * result.strength for result in results) / total, DECIMALS)


def path_results(
    taxonomy: Taxonomy,
    skills: Sequence[SkillFound],
    path_ids: Sequence[str] = (),
    learning: Collection[str] = (),
    titles: Mapping[str, int] | None = None,
    as_of: str | None = None,
) -> tuple[PathResult, ...]:
    """Results for the chosen paths (all of the taxonomy's paths when none are chosen);
    ``titles`` counts each path's role-title lines (:func:`analyzer.roles.role_titles`) and
    ``as_of`` (``YYYY-MM``) is the month dated use is weighed from."""
    chosen = path_ids or list(taxonomy.paths)
    titles = titles or {}
    found = contributions(taxonomy, skills, as_of)
    shown = shown_skills(taxonomy, (skill.id for skill in skills))
    return tuple(
        path_result(taxonomy, taxonomy.paths[path_id], found, shown, learning, titles.get(path_id, 0))
        for path_id in chosen
    )


def fit_rank(path: PathResult, paths: Sequence[PathResult], scoring: Scoring) -> float:
    """A path's rank for the best fit: its focus, plus the title bonus by its share of the role
    titles naming any of these paths."""
    titled = sum(other.titles for other in paths)
    return path.focus + (scoring.title_bonus * path.titles / titled if titled else 0.0)


def best_fit(paths: Sequence[PathResult], scoring: Scoring) -> tuple[str | None, str]:
    """The career path whose distinguishing competencies the resume shows most (role titles
    deciding between close ones), with the reason; None ("neither path yet") when no path's
    focus reaches the minimum, or the top two tie."""
    careers = [path for path in paths if path.kind == "career"]
    if not careers:
        return None, "no career path was analyzed"
    levels = ", ".join(f"{path.name} {path.focus:.0%}" for path in careers)
    qualified = [path for path in careers if path.focus >= scoring.best_fit_min_focus]
    if not qualified:
        return None, (
            f"Neither path yet: what sets each path apart is shown too little ({levels}; a fit needs "
            f"{scoring.best_fit_min_focus:.0%}). Programming and other shared ground count in "
            "coverage, not in the fit."
        )
    ranked = sorted(qualified, key=lambda path: (-fit_rank(path, careers, scoring), -path.coverage))
    top = ranked[0]
    if len(ranked) > 1 and fit_rank(ranked[1], careers, scoring) == fit_rank(top, careers, scoring):
        return None, f"No single fit: {top.name} and {ranked[1].name} are shown equally ({levels})."
    others = [path for path in careers if path is not top]
    against = f", against {', '.join(f'{p.name} {p.focus:.0%}' for p in others)}" if others else ""
    titled = f"; {top.titles} role title{'s' if top.titles != 1 else ''} name it" if top.titles else ""
    return top.id, f"{top.name}: what sets it apart is shown at {top.focus:.0%}{against}{titled}. {top.reason}."
