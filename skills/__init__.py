"""The AI and ML engineer skill taxonomies: shipped data, its model and its loader."""

from skills.taxonomy import (
    AmbiguityRule,
    CareerPath,
    Competency,
    PathCompetency,
    Scoring,
    Skill,
    Taxonomy,
    load_taxonomy,
)

__all__ = [
    "AmbiguityRule",
    "CareerPath",
    "Competency",
    "PathCompetency",
    "Scoring",
    "Skill",
    "Taxonomy",
    "load_taxonomy",
]
