"""Tests that guard the data: every alias finds its own skill, every ambiguity rule its examples."""

from __future__ import annotations

import pytest

from analyzer import analyze_text
from skills import Skill, load_taxonomy

TAXONOMY = load_taxonomy()
AMBIGUOUS = [skill for skill in TAXONOMY.skills.values() if skill.ambiguous]


def test_every_alias_in_a_skills_list_is_found_as_its_own_skill() -> None:
    surfaces = [(skill.id, surface) for skill in TAXONOMY.skills.values() for surface in skill.surfaces]
    # One resume, one bullet per surface: bullets keep each surface on a line of its own.
    text = "SKILLS\n" + "\n".join(f"- {surface}" for _, surface in surfaces)
    report = analyze_text(text)
    found_on_line = {(evidence.line, skill.id) for skill in report.skills for evidence in skill.evidence}
    lost = [
        f"{surface!r} ({skill_id})"
        for line, (skill_id, surface) in enumerate(surfaces, start=2)
        if (line, skill_id) not in found_on_line
    ]
    assert not lost, f"{len(lost)} surfaces not found as their skill: {', '.join(lost[:40])}"


@pytest.mark.parametrize("skill", AMBIGUOUS, ids=lambda skill: skill.id)
def test_ambiguous_rule_has_examples_both_ways(skill: Skill) -> None:
    assert skill.ambiguous is not None
    assert skill.ambiguous.examples, "give at least one resume line where the name is a claim"
    assert skill.ambiguous.counterexamples, "give at least one resume line where it is not"


@pytest.mark.parametrize("skill", AMBIGUOUS, ids=lambda skill: skill.id)
def test_ambiguous_rule_counts_its_examples_and_not_its_counterexamples(skill: Skill) -> None:
    assert skill.ambiguous is not None
    for example in skill.ambiguous.examples:
        claimed = {found.id for found in analyze_text(example).skills}
        assert skill.id in claimed, f"not found in example: {example!r}"
    for counterexample in skill.ambiguous.counterexamples:
        claimed = {found.id for found in analyze_text(counterexample).skills}
        assert skill.id not in claimed, f"wrongly found in counterexample: {counterexample!r}"
