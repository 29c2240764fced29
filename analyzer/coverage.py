"""From claimed skills to each path's competency coverage, gaps and what to learn for them.

A competency is covered when a claimed skill evidences it, directly or through a parent the skill
implies (PyTorch → deep learning). A path's coverage is the weight of its covered competencies
over its total weight. Suggestions for a gap are ranked by how many of the path's gaps a skill
would close, then by O*NET's Hot Technology flag, then by the taxonomy's own order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from itertools import chain

from analyzer.report import CompetencyResult, Gap, PathResult, SkillFound, SuggestedSkill
from skills import CareerPath, Taxonomy

# Below this coverage no path is called a fit.
BEST_FIT_MIN_COVERAGE = 0.10
# Coverage is reported to this many decimals; ties are judged on the rounded values.
COVERAGE_DECIMALS = 4
MAX_SUGGESTIONS = 5


def competency_evidence(taxonomy: Taxonomy, skill_ids: Sequence[str]) -> dict[str, list[str]]:
    """For each competency, the claimed skills that evidence it (each claimed skill once)."""
    covering: dict[str, list[str]] = {}
    for skill_id in skill_ids:
        for member in taxonomy.implied_closure(skill_id):
            for competency in taxonomy.skills[member].competencies:
                holders = covering.setdefault(competency, [])
                if skill_id not in holders:
                    holders.append(skill_id)
    return covering


@lru_cache(maxsize=8)
def _reach(taxonomy: Taxonomy) -> dict[str, frozenset[str]]:
    """Every skill's competencies, its implied parents' included; built once per taxonomy."""
    return {
        skill_id: frozenset(
            competency
            for member in taxonomy.implied_closure(skill_id)
            for competency in taxonomy.skills[member].competencies
        )
        for skill_id in taxonomy.skills
    }


@lru_cache(maxsize=8)
def _candidates(taxonomy: Taxonomy) -> dict[str, tuple[str, ...]]:
    """For each competency, every skill reaching it: Hot Technologies first, then in taxonomy
    order (the tie-break among suggestions closing as many gaps)."""
    index: dict[str, list[tuple[bool, int, str]]] = {}
    for order, (skill_id, reached) in enumerate(_reach(taxonomy).items()):
        for competency in reached:
            index.setdefault(competency, []).append((not taxonomy.skills[skill_id].hot, order, skill_id))
    return {competency: tuple(entry[2] for entry in sorted(entries)) for competency, entries in index.items()}


def gaps_closed(taxonomy: Taxonomy, gaps: Collection[str]) -> Counter[str]:
    """For every skill reaching one of the gaps, how many of them it would close."""
    candidates = _candidates(taxonomy)
    return Counter(chain.from_iterable(candidates.get(gap, ()) for gap in gaps))


def suggest_skills(
    taxonomy: Taxonomy, closes: Counter[str], competency: str, claimed: AbstractSet[str]
) -> tuple[SuggestedSkill, ...]:
    """The skills that would cover ``competency``, most valuable first: those closing the most
    gaps (``closes``, from :func:`gaps_closed`), then Hot Technologies, then taxonomy order."""
    skill_ids: Sequence[str] = _candidates(taxonomy).get(competency, ())
    if not claimed.isdisjoint(skill_ids):
        skill_ids = [skill_id for skill_id in skill_ids if skill_id not in claimed]
    # A stable sort keeps the Hot-then-taxonomy order among skills closing as many gaps.
    ranked = sorted(skill_ids, key=closes.__getitem__, reverse=True)[:MAX_SUGGESTIONS]
    suggestions = []
    for skill_id in ranked:
        skill = taxonomy.skills[skill_id]
        suggestions.append(SuggestedSkill(skill.id, skill.name, closes[skill_id], skill.hot))
    return tuple(suggestions)


def path_result(taxonomy: Taxonomy, path: CareerPath, skills: Sequence[SkillFound]) -> PathResult:
    """One path's coverage, competencies and gaps for the claimed skills."""
    claimed = [skill.id for skill in skills]
    covering = competency_evidence(taxonomy, claimed)
    claimed_ids = frozenset(claimed)
    results = []
    for entry in path.competencies:
        holders = tuple(covering.get(entry.id, ()))
        results.append(
            CompetencyResult(
                id=entry.id,
                name=taxonomy.competencies[entry.id].name,
                importance=entry.importance,
                weight=entry.weight,
                covered=bool(holders),
                skills=holders,
            )
        )
    total = sum(result.weight for result in results)
    covered = sum(result.weight for result in results if result.covered)
    closes = gaps_closed(taxonomy, [result.id for result in results if not result.covered])
    missing = tuple(
        Gap(
            id=result.id,
            name=result.name,
            importance=result.importance,
            weight=result.weight,
            suggested_skills=suggest_skills(taxonomy, closes, result.id, claimed_ids),
        )
        for result in sorted(results, key=lambda r: -r.weight)
        if not result.covered
    )
    return PathResult(
        id=path.id,
        name=path.name,
        coverage=round(covered / total, COVERAGE_DECIMALS) if total else 0.0,
        competencies=tuple(results),
        missing=missing,
    )


def path_results(
    taxonomy: Taxonomy, skills: Sequence[SkillFound], path_ids: Sequence[str] = ()
) -> tuple[PathResult, ...]:
    """Results for the chosen paths (all of the taxonomy's paths when none are chosen)."""
    chosen = path_ids or list(taxonomy.paths)
    return tuple(path_result(taxonomy, taxonomy.paths[path_id], skills) for path_id in chosen)


def best_fit(paths: Sequence[PathResult]) -> str | None:
    """The path with the highest coverage; None when none reaches the minimum or the top ties."""
    ranked = sorted(paths, key=lambda path: -path.coverage)
    if not ranked or ranked[0].coverage < BEST_FIT_MIN_COVERAGE:
        return None
    if len(ranked) > 1 and ranked[1].coverage == ranked[0].coverage:
        return None
    return ranked[0].id
