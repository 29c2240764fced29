"""Looking into a taxonomy: counts, one item in full, and the whole thing as plain data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from analyzer.errors import UnknownTaxonomyIdError
from skills.taxonomy import Skill, Taxonomy


@dataclass(frozen=True)
class Counts:
    """The size of a taxonomy, as ``skillgap taxonomy list`` shows it."""

    paths: int
    competencies: int
    skills: int
    aliases: int
    ambiguity_rules: int
    onet_links: int


def counts(taxonomy: Taxonomy) -> Counts:
    skills = taxonomy.skills.values()
    return Counts(
        paths=len(taxonomy.paths),
        competencies=len(taxonomy.competencies),
        skills=len(taxonomy.skills),
        aliases=sum(len(skill.aliases) for skill in skills),
        ambiguity_rules=sum(1 for skill in skills if skill.ambiguous),
        onet_links=sum(1 for skill in skills if skill.onet_code),
    )


def skills_per_competency(taxonomy: Taxonomy) -> dict[str, int]:
    """How many skills evidence each competency directly."""
    tally = dict.fromkeys(taxonomy.competencies, 0)
    for skill in taxonomy.skills.values():
        for competency in skill.competencies:
            tally[competency] = tally.get(competency, 0) + 1
    return tally


def skill_dict(skill: Skill) -> dict[str, Any]:
    """A skill as plain data; the export format's skill entry."""
    data: dict[str, Any] = {
        "id": skill.id,
        "name": skill.name,
        "kind": skill.kind,
        "aliases": list(skill.aliases),
        "competencies": list(skill.competencies),
        "implies": list(skill.implies),
    }
    if skill.onet_code:
        data["onet"] = {"code": skill.onet_code, "hot_technology": skill.hot}
    if skill.ambiguous:
        rule = skill.ambiguous
        data["ambiguous"] = {
            "surfaces": sorted(rule.surfaces),
            "needs": sorted(rule.needs),
            "cues_before": sorted(rule.cues_before),
            "cues_after": sorted(rule.cues_after),
            "reject_before": sorted(rule.reject_before),
            "reject_after": sorted(rule.reject_after),
            "examples": list(rule.examples),
            "counterexamples": list(rule.counterexamples),
        }
    return data


def export(taxonomy: Taxonomy) -> dict[str, Any]:
    """The whole merged taxonomy as one JSON-ready object."""
    return {
        "version": taxonomy.version,
        "paths": [
            {
                "id": path.id,
                "name": path.name,
                "description": path.description,
                "competencies": [
                    {"id": entry.id, "importance": entry.importance, "weight": entry.weight}
                    for entry in path.competencies
                ],
            }
            for path in taxonomy.paths.values()
        ],
        "competencies": [
            {"id": item.id, "name": item.name, "description": item.description}
            for item in taxonomy.competencies.values()
        ],
        "skills": [skill_dict(skill) for skill in taxonomy.skills.values()],
    }


def describe(taxonomy: Taxonomy, item_id: str) -> tuple[str, dict[str, Any]]:
    """('path' | 'competency' | 'skill', its data with its links) for an id."""
    if item_id in taxonomy.paths:
        path = taxonomy.paths[item_id]
        return "path", next(entry for entry in export(taxonomy)["paths"] if entry["id"] == path.id)
    if item_id in taxonomy.competencies:
        competency = taxonomy.competencies[item_id]
        return "competency", {
            "id": competency.id,
            "name": competency.name,
            "description": competency.description,
            "paths": [
                {"id": path.id, "importance": entry.importance, "weight": entry.weight}
                for path in taxonomy.paths.values()
                for entry in path.competencies
                if entry.id == item_id
            ],
            "skills": [skill.id for skill in taxonomy.skills.values() if item_id in skill.competencies],
        }
    if item_id in taxonomy.skills:
        data = skill_dict(taxonomy.skills[item_id])
        data["implied_by"] = [skill.id for skill in taxonomy.skills.values() if item_id in skill.implies]
        return "skill", data
    raise UnknownTaxonomyIdError(item_id, "no path, competency or skill has this id")
