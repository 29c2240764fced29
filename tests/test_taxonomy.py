"""The taxonomy: shipped data that holds together, and user files layered on top of it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analyzer import analyze_text
from analyzer.errors import TaxonomyError
from skills import load_taxonomy
from skills.taxonomy import CONTEXT_SIGNALS, IMPORTANCE_LEVELS, SKILL_KINDS, surface_key

# Pinned so that a broken or truncated data file fails here; raise them as the data grows.
MIN_SKILLS = 2500
MIN_ALIASES = 5700


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def test_shipped_taxonomy_is_versioned(taxonomy) -> None:
    assert taxonomy.version and taxonomy.version != "unversioned"


def test_both_paths_from_the_seed_are_shipped(taxonomy) -> None:
    assert {path.name for path in taxonomy.paths.values()} == {"AI Engineer", "ML Engineer"}


def test_shipped_counts_are_pinned(taxonomy) -> None:
    aliases = sum(len(skill.aliases) for skill in taxonomy.skills.values())
    assert len(taxonomy.skills) >= MIN_SKILLS
    assert aliases >= MIN_ALIASES


def test_every_path_competency_has_an_importance_and_positive_weight(taxonomy) -> None:
    for path in taxonomy.paths.values():
        assert path.competencies
        for entry in path.competencies:
            assert entry.importance in IMPORTANCE_LEVELS and entry.weight > 0


def test_ml_engineer_weighs_math_and_data_more_than_ai_engineer(taxonomy) -> None:
    def weight(path_id: str, competency: str) -> float:
        entries = {entry.id: entry.weight for entry in taxonomy.paths[path_id].competencies}
        return entries.get(competency, 0.0)

    for competency in ("math_statistics", "data_pipelines"):
        assert weight("ml_engineer", competency) > weight("ai_engineer", competency)


def test_every_competency_of_every_path_can_be_covered_by_some_skill(taxonomy) -> None:
    evidenced = {cid for skill in taxonomy.skills.values() for cid in skill.competencies}
    for path in taxonomy.paths.values():
        assert {entry.id for entry in path.competencies} <= evidenced


def test_no_surface_belongs_to_two_skills(taxonomy) -> None:
    owners: dict[str, str] = {}
    for skill in taxonomy.skills.values():
        for surface in skill.surfaces:
            assert owners.setdefault(surface_key(surface), skill.id) == skill.id, surface


def test_no_surface_is_two_other_skills_joined_by_a_slash(taxonomy) -> None:
    # "HTML/CSS" or "C/C++" as one skill's alias would hide the other skill the resume claims;
    # a skill whose own name joins two ("CI/CD") is one thing by that name.
    owners = {surface_key(surface): skill.id for skill in taxonomy.skills.values() for surface in skill.surfaces}
    for skill in taxonomy.skills.values():
        if "/" in skill.name:
            continue
        for surface in skill.surfaces:
            parts = [part.strip() for part in surface.split("/")]
            part_owners = {owners.get(surface_key(part)) for part in parts}
            assert len(parts) == 1 or None in part_owners or len(part_owners) == 1, surface


def test_skill_kinds_and_context_rules_are_known(taxonomy) -> None:
    for skill in taxonomy.skills.values():
        assert skill.kind in SKILL_KINDS
        if skill.ambiguous:
            assert skill.ambiguous.needs <= CONTEXT_SIGNALS
            assert skill.ambiguous.surfaces <= set(skill.surfaces)


@pytest.mark.parametrize("surface", ["Go", "R", "C", "Spark", "Swift", "Rust", "AI", "ML"])
def test_ambiguous_names_carry_a_context_rule(taxonomy, surface: str) -> None:
    owner = next(skill for skill in taxonomy.skills.values() if surface in skill.surfaces)
    assert owner.ambiguous is not None and surface in owner.ambiguous.surfaces


# Names AI and ML engineer resumes carry today that the taxonomy once lacked (issue 12).
RECENT_NAMES = [
    "LoRA", "QLoRA", "Qdrant", "Weaviate", "Milvus", "Chroma", "pgvector", "Groq", "Together AI",
    "Fireworks AI", "Mistral", "Anthropic", "Amazon Bedrock", "CrewAI", "AutoGen", "LangGraph",
    "Google ADK", "Semantic Kernel", "Tavily", "Ragas", "DeepEval", "LangSmith", "Render", "Vercel",
    "Supabase", "Railway", "Modal", "Oracle", "ZooKeeper", "Perforce", "Eigen", "Dlib", "Ceres Solver",
    "Falcon", "Rancher", "QGIS", "WPF",
]


@pytest.mark.parametrize("name", RECENT_NAMES)
def test_a_name_resumes_carry_today_is_found_in_a_skills_list(taxonomy, name: str) -> None:
    found = analyze_text(f"SKILLS\nPython, {name}, Docker\n").skills
    assert any(name in taxonomy.skills[skill.id].surfaces for skill in found), [skill.name for skill in found]


def test_user_file_adds_a_path_and_a_skill(tmp_path: Path) -> None:
    extra = tmp_path / "data_engineer.toml"
    extra.write_text(
        'version = "team-1"\n'
        '[[competency]]\nid = "orchestration"\nname = "Orchestration"\n'
        '[[path]]\nid = "data_engineer"\nname = "Data Engineer"\n'
        'competencies = [{ id = "orchestration", importance = "core", weight = 3 },'
        ' { id = "data_pipelines", importance = "core", weight = 3 }]\n'
        '[[skill]]\nid = "orbital_flow"\nname = "Orbital Flow"\nkind = "platform"\n'
        'aliases = []\ncompetencies = ["orchestration"]\n'
    )
    taxonomy = load_taxonomy([extra])
    assert "data_engineer" in taxonomy.paths
    assert taxonomy.skills["orbital_flow"].competencies == ("orchestration",)
    assert taxonomy.version.endswith("+team-1")


def test_user_file_overrides_a_skill_by_id(tmp_path: Path, taxonomy) -> None:
    python = taxonomy.skills["python"]
    extra = tmp_path / "override.toml"
    extra.write_text(
        f'[[skill]]\nid = "python"\nname = "Python"\nkind = "language"\n'
        f'aliases = ["Py"]\ncompetencies = {list(python.competencies)!r}\n'.replace("'", '"')
    )
    assert load_taxonomy([extra]).skills["python"].aliases == ("Py",)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            '[[skill]]\nid = "x1"\nname = "X1"\nkind = "tool"\ncompetencies = ["nope"]\n',
            "unknown competency 'nope'",
        ),
        (
            '[[skill]]\nid = "x1"\nname = "X1"\nkind = "gadget"\ncompetencies = ["programming"]\n',
            "unknown kind",
        ),
        (
            '[[skill]]\nid = "x1"\nname = "X1"\nkind = "tool"\naliases = ["Python"]\ncompetencies = ["programming"]\n',
            "alias 'Python' of 'x1' is already claimed by 'python'",
        ),
        ('[[path]]\nid = "p1"\nname = "P1"\ncompetencies = []\n', "a path needs at least one competency"),
        (
            '[[skill]]\nid = "x1"\nname = "X1"\nkind = "tool"\ncompetencies = ["programming"]\nimplies = ["zz"]\n',
            "implies unknown skill 'zz'",
        ),
        ("[[skill]\n", "not valid TOML"),
        ('[[skill]]\nid = "x1"\n\n[[skill]]\nid = "x1"\n', "line 5"),
    ],
)
def test_invalid_user_files_are_reported_with_their_place(tmp_path: Path, body: str, message: str) -> None:
    extra = tmp_path / "bad.toml"
    extra.write_text(body)
    with pytest.raises(TaxonomyError) as raised:
        load_taxonomy([extra])
    assert str(raised.value).startswith(str(extra))
    assert message in str(raised.value)


def test_a_missing_user_file_is_a_taxonomy_error(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="taxonomy file not found"):
        load_taxonomy([tmp_path / "nope.toml"])


# Loads and validates the taxonomy in a fresh interpreter whose home and cache directory are empty
# (and writable, so that a write would show), then prints the analyzer modules that were imported.
_LOAD_AND_VALIDATE = """
import json, sys
import skills
from skills.taxonomy import check_taxonomy
skills.load_taxonomy()
taxonomy, problems = check_taxonomy([sys.argv[1]])
assert taxonomy is not None and not problems, problems
import skills.inspect
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] == "analyzer")))
"""


@pytest.fixture(scope="module")
def fresh_load(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Path]:
    """(analyzer modules imported, the home directory) after loading and validating a taxonomy."""
    root = tmp_path_factory.mktemp("fresh_load")
    extra = root / "extra.toml"
    extra.write_text('version = "team-1"\n[[competency]]\nid = "orchestration"\nname = "Orchestration"\n')
    home = root / "home"
    (home / ".cache").mkdir(parents=True)
    environment = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    completed = subprocess.run(
        [sys.executable, "-c", _LOAD_AND_VALIDATE, str(extra)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=home,
        check=False,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout), home


def test_loading_and_validating_a_taxonomy_writes_nothing(fresh_load: tuple[list[str], Path]) -> None:
    _, home = fresh_load
    assert [path.relative_to(home) for path in home.rglob("*")] == [Path(".cache")]


def test_the_taxonomy_package_imports_nothing_of_the_engine_but_its_errors(
    fresh_load: tuple[list[str], Path],
) -> None:
    modules, _ = fresh_load
    assert modules == ["analyzer", "analyzer.errors"]
