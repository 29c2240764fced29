"""The taxonomy model and its loader.

The shipped data lives in ``skills/data`` as TOML: ``taxonomy.toml`` (version),
``competencies.toml``, ``paths.toml`` and ``skills/*.toml``. A user's taxonomy file uses the same
tables (``[[skill]]``, ``[[competency]]``, ``[[path]]``, optional ``version``) and adds to or
overrides the shipped data by id. Everything here is plain data: no code runs from a file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from analyzer.errors import TaxonomyError

SKILL_KINDS = frozenset(
    {
        "language",
        "framework",
        "library",
        "tool",
        "platform",
        "cloud_service",
        "database",
        "method",
        "concept",
        "practice",
    }
)
# Reads one TOML text into its tables.
TomlParser = Callable[[str], dict[str, Any]]

IMPORTANCE_LEVELS = ("core", "important", "nice")
CONTEXT_SIGNALS = frozenset({"skills_section", "list", "cue"})
# The keys each table may have: anything else is a typo that would silently do nothing.
TABLE_KEYS = {
    "skill": frozenset(
        {"id", "name", "kind", "aliases", "competencies", "implies", "requires", "onet", "ambiguous"}
    ),
    "competency": frozenset({"id", "name", "description", "learn_first"}),
    "path": frozenset({"id", "name", "description", "competencies", "titles"}),
}
PATH_COMPETENCY_KEYS = frozenset({"id", "importance", "weight", "distinguishing"})
TOP_LEVEL_KEYS = frozenset({"version", "skill", "competency", "path", "scoring"})
RULE_KEYS = frozenset(
    {
        "surfaces",
        "needs",
        "cues_before",
        "cues_after",
        "reject_before",
        "reject_after",
        "examples",
        "counterexamples",
    }
)
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*$")


@dataclass(frozen=True)
class AmbiguityRule:
    """When an ambiguous surface ("Go", "R", "Spark") counts as a claim of the skill.

    The surfaces match only with their exact case. ``needs`` lists context signals of which one
    must hold (none listed: exact case is enough); a veto word next to the mention always wins.
    """

    surfaces: frozenset[str]
    needs: frozenset[str]
    cues_before: frozenset[str] = frozenset()
    cues_after: frozenset[str] = frozenset()
    reject_before: frozenset[str] = frozenset()
    reject_after: frozenset[str] = frozenset()
    # Resume lines where an ambiguous surface is and is not a claim: documentation for curators,
    # and test cases that every rule must pass.
    examples: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skill:
    """A concrete skill a resume can claim: a language, library, tool, service, method or concept."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    competencies: tuple[str, ...]
    implies: tuple[str, ...] = ()
    # Skills worth knowing before this one (Python before PyTorch): the learning plan's order.
    requires: tuple[str, ...] = ()
    onet_code: str | None = None
    hot: bool = False
    ambiguous: AmbiguityRule | None = None

    @property
    def surfaces(self) -> tuple[str, ...]:
        """Every form the skill is written in: its name first, then its aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Competency:
    """Something a path asks of a person, evidenced by skills."""

    id: str
    name: str
    description: str
    # The foundational, widely used skills a newcomer learns first for it, in that order.
    learn_first: tuple[str, ...] = ()


@dataclass(frozen=True)
class PathCompetency:
    """A competency as one path weighs it; ``distinguishing`` marks what sets the path apart
    from the other paths (shared ground such as programming is not)."""

    id: str
    importance: str
    weight: float
    distinguishing: bool = False


@dataclass(frozen=True)
class CareerPath:
    """A career path: a named, weighted set of competencies."""

    id: str
    name: str
    description: str
    competencies: tuple[PathCompetency, ...]
    # Role titles that present a person as on this path ("machine learning engineer").
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scoring:
    """The numbers of the advice: how evidence becomes a competency's strength, when a competency
    counts as covered, when a path is the best fit, and how many suggestions and plan steps.

    Shipped in ``scoring.toml``; a user file's ``[scoring]`` table overrides it key by key.
    """

    # How much a mention in each section shows ability (used at work beats listed beats named in
    # passing); sections not named weigh ``other_section_weight``.
    section_weights: Mapping[str, float]
    other_section_weight: float
    # A fuzzy (misspelt) match counts this much of an exact one.
    fuzzy_factor: float
    # A competency reached only through a skill's implied parent counts this much of a direct link.
    implied_factor: float
    # The most one skill adds to a competency's strength: no single mention shows it in full.
    skill_ceiling: float
    # A competency is covered from this strength on.
    covered_threshold: float
    # A path is the best fit only when its distinguishing competencies reach this strength.
    best_fit_min_focus: float
    # Among paths that qualify, role titles naming a path ("Machine Learning Engineer") add up to
    # this much to its rank, by their share of the titles naming any path.
    title_bonus: float
    # Dated use at work: last used within recent_years of the report's as_of counts in full,
    # stale_years or more before it counts stale_factor (linearly between); used fewer than
    # brief_months months counts brief_factor more.
    recent_years: int
    stale_years: int
    stale_factor: float
    brief_months: int
    brief_factor: float
    suggestions: int
    plan_steps: int


SCORING_FRACTIONS = (
    "other_section_weight",
    "fuzzy_factor",
    "implied_factor",
    "skill_ceiling",
    "covered_threshold",
    "best_fit_min_focus",
    "title_bonus",
    "stale_factor",
    "brief_factor",
)
SCORING_COUNTS = ("suggestions", "plan_steps", "recent_years", "stale_years", "brief_months")
SCORING_KEYS = frozenset({"section_weights", *SCORING_FRACTIONS, *SCORING_COUNTS})


@dataclass(frozen=True, eq=False)
class Taxonomy:
    """The merged taxonomy. Skills keep file order, which breaks ties between suggestions.

    Compared and hashed by identity: loaded once, it keys the caches built from it.
    """

    version: str
    competencies: Mapping[str, Competency]
    paths: Mapping[str, CareerPath]
    skills: Mapping[str, Skill]
    scoring: Scoring
    sources: tuple[str, ...] = field(default=())

    def implied_closure(self, skill_id: str) -> tuple[str, ...]:
        """The skill and every skill it implies, transitively, each once, nearest first."""
        seen: list[str] = []
        pending = [skill_id]
        while pending:
            current = pending.pop(0)
            if current in seen or current not in self.skills:
                continue
            seen.append(current)
            pending.extend(self.skills[current].implies)
        return tuple(seen)


@dataclass
class _Draft:
    """Tables gathered from files before they are checked and frozen into a Taxonomy."""

    version: str = ""
    competencies: dict[str, tuple[dict[str, Any], _Place]] = field(default_factory=dict)
    paths: dict[str, tuple[dict[str, Any], _Place]] = field(default_factory=dict)
    skills: dict[str, tuple[dict[str, Any], _Place]] = field(default_factory=dict)
    scoring: dict[str, Any] = field(default_factory=dict)
    scoring_places: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    problems: list[TaxonomyError] = field(default_factory=list)

    def problem(self, place: object, message: str) -> None:
        self.problems.append(TaxonomyError(str(place), message))


def shipped_files() -> list[tuple[str, str]]:
    """(name, TOML text) of every shipped data file, in load order."""
    data = resources.files("skills") / "data"
    names = ["taxonomy.toml", "scoring.toml", "competencies.toml", "paths.toml"]
    files = [(name, (data / name).read_text(encoding="utf-8")) for name in names]
    skill_dir = data / "skills"
    for entry in sorted(skill_dir.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".toml"):
            files.append((f"skills/{entry.name}", entry.read_text(encoding="utf-8")))
    return files


def shipped_translations() -> list[tuple[str, str]]:
    """(name, TOML text) of every shipped translation file: skill names in other languages."""
    folder = resources.files("skills") / "data" / "translations"
    return [
        (f"translations/{entry.name}", entry.read_text(encoding="utf-8"))
        for entry in sorted(folder.iterdir(), key=lambda item: item.name)
        if entry.name.endswith(".toml")
    ]


def _gather_translations(draft: _Draft, name: str, text: str, parse_toml: TomlParser) -> None:
    """Add a language's names of skills ("aprendizaje automático") to those skills' aliases.

    They are aliases like any other, so the same checks apply: no alias may belong to two skills.
    """
    try:
        data = parse_toml(text)
    except tomllib.TOMLDecodeError as exc:
        draft.problem(name, f"not valid TOML ({exc})")
        return
    aliases = data.get("aliases", {})
    if not isinstance(aliases, dict):
        draft.problem(name, "[aliases] must be a table of skill id = [names]")
        return
    for skill_id, names in aliases.items():
        if skill_id not in draft.skills:
            draft.problem(name, f"[aliases] names unknown skill {skill_id!r}")
            continue
        if not isinstance(names, list) or not all(isinstance(item, str) for item in names):
            draft.problem(name, f"[aliases] {skill_id!r} must be a list of strings")
            continue
        item, place = draft.skills[skill_id]
        draft.skills[skill_id] = ({**item, "aliases": [*item.get("aliases", []), *names]}, place)


def check_taxonomy(
    extra_files: Iterable[str | Path] = (), *, parse_toml: TomlParser = tomllib.loads
) -> tuple[Taxonomy | None, list[TaxonomyError]]:
    """The merged taxonomy and every problem found in it, each naming its file and place.

    The taxonomy is None when any problem was found. ``skillgap taxonomy validate`` reports the
    whole list; :func:`load_taxonomy` raises the first. ``parse_toml`` reads a file's text (the
    engine passes one that remembers parsed files; this package itself writes nothing).
    """
    draft = _Draft()
    for name, text in shipped_files():
        _gather(draft, name, text, parse_toml)
    for name, text in shipped_translations():
        _gather_translations(draft, name, text, parse_toml)
    for extra in extra_files:
        name = str(extra)
        try:
            text = Path(extra).read_text(encoding="utf-8")
        except FileNotFoundError:
            draft.problem(name, "taxonomy file not found")
            continue
        except (OSError, UnicodeDecodeError) as exc:
            draft.problem(name, f"cannot read taxonomy file ({exc.__class__.__name__})")
            continue
        _gather(draft, name, text, parse_toml)
        draft.sources.append(name)
    taxonomy = _freeze(draft)
    return (None if draft.problems else taxonomy), draft.problems


@lru_cache(maxsize=8)
def _load_cached(extra_files: tuple[str, ...], parse_toml: TomlParser) -> Taxonomy:
    taxonomy, problems = check_taxonomy(extra_files, parse_toml=parse_toml)
    if taxonomy is None:
        raise problems[0]
    return taxonomy


def load_taxonomy(
    extra_files: Iterable[str | Path] = (), *, parse_toml: TomlParser = tomllib.loads
) -> Taxonomy:
    """The shipped taxonomy, with the given user files layered on top (later files win by id).

    Loaded once per distinct list of files (and ``parse_toml``, see :func:`check_taxonomy`) and
    kept in memory, so callers may ask for it freely.
    Raises :class:`TaxonomyError` naming the file and the place of the first problem found.

    >>> load_taxonomy().paths["ml_engineer"].name
    'ML Engineer'
    """
    return _load_cached(tuple(str(Path(extra)) for extra in extra_files), parse_toml)


@dataclass(frozen=True)
class _Place:
    """Where an item is defined; the line is looked up only when an error needs it."""

    file: str
    text: str = field(repr=False)
    table: str
    item_id: str
    occurrence: int = 1

    def __str__(self) -> str:
        pattern = rf'^[ \t]*id[ \t]*=[ \t]*["\']{re.escape(self.item_id)}["\']'
        matches = list(re.finditer(pattern, self.text, flags=re.MULTILINE))
        if len(matches) < self.occurrence:
            return f"{self.file}: [[{self.table}]] {self.item_id!r}"
        line = self.text.count("\n", 0, matches[self.occurrence - 1].start()) + 1
        return f"{self.file}: line {line}, [[{self.table}]] {self.item_id!r}"


def _gather(draft: _Draft, name: str, text: str, parse_toml: TomlParser) -> None:
    try:
        data = parse_toml(text)
    except tomllib.TOMLDecodeError as exc:
        draft.problem(name, f"not valid TOML ({exc})")
        return
    unknown = set(data) - TOP_LEVEL_KEYS
    if unknown:
        draft.problem(name, f"unknown top-level key(s): {', '.join(sorted(unknown))}")
    if "version" in data:
        if isinstance(data["version"], str):
            # A user file's version is appended, so a report says which layers produced it.
            draft.version = f"{draft.version}+{data['version']}" if draft.version else data["version"]
        else:
            draft.problem(name, "version must be a string")
    if "scoring" in data:
        _gather_scoring(draft, name, data["scoring"])
    for table, target in (
        ("competency", draft.competencies),
        ("path", draft.paths),
        ("skill", draft.skills),
    ):
        items = data.get(table, [])
        if not isinstance(items, list):
            draft.problem(name, f"[[{table}]] must be an array of tables")
            continue
        seen_here: dict[str, int] = {}
        for index, item in enumerate(items):
            item_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item_id, str) or not _ID_PATTERN.match(item_id):
                draft.problem(name, f"[[{table}]] number {index + 1}: missing or malformed id {item_id!r}")
                continue
            seen_here[item_id] = seen_here.get(item_id, 0) + 1
            place = _Place(name, text, table, item_id, occurrence=seen_here[item_id])
            if seen_here[item_id] > 1:
                draft.problem(place, f"duplicate id {item_id!r} in this file")
                continue
            unknown_keys = set(item) - TABLE_KEYS[table]
            if unknown_keys:
                draft.problem(place, f"unknown key(s): {', '.join(sorted(unknown_keys))}")
            target[item_id] = (item, place)


def _gather_scoring(draft: _Draft, name: str, table: Any) -> None:
    if not isinstance(table, dict):
        draft.problem(name, "[scoring] must be a table")
        return
    for key, value in table.items():
        if key not in SCORING_KEYS:
            draft.problem(name, f"[scoring]: unknown key {key!r}")
        elif key == "section_weights":
            if not isinstance(value, dict) or not all(_is_fraction(weight) for weight in value.values()):
                draft.problem(name, "[scoring] section_weights must map section ids to numbers in [0, 1]")
                continue
            draft.scoring[key] = {**draft.scoring.get(key, {}), **value}
            draft.scoring_places[key] = name
        elif key in SCORING_COUNTS and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            draft.problem(name, f"[scoring] {key} must be a whole number of at least 1")
        elif key in SCORING_FRACTIONS and not _is_fraction(value):
            draft.problem(name, f"[scoring] {key} must be a number in [0, 1]")
        else:
            draft.scoring[key] = value
            draft.scoring_places[key] = name


def _is_fraction(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float) and 0 <= value <= 1


def _build_scoring(draft: _Draft) -> Scoring:
    missing = sorted(SCORING_KEYS - set(draft.scoring))
    if missing:
        # The taxonomy is refused; the missing values only stand in until then.
        draft.problem("scoring.toml", f"[scoring] lacks {', '.join(missing)}")
    # Any: the fields are named by data (SCORING_FRACTIONS, SCORING_COUNTS), which no checker follows.
    numbers: dict[str, Any] = {
        **{key: float(draft.scoring.get(key, 0.0)) for key in SCORING_FRACTIONS},
        **{key: int(draft.scoring.get(key, 1)) for key in SCORING_COUNTS},
    }
    weights = {section: float(weight) for section, weight in draft.scoring.get("section_weights", {}).items()}
    return Scoring(section_weights=weights, **numbers)


def _strings(value: Any, place: _Place, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TaxonomyError(str(place), f"{key} must be a list of strings")
    return tuple(value)


def _required_str(item: Mapping[str, Any], key: str, place: _Place) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise TaxonomyError(str(place), f"missing or empty {key!r}")
    return value


def _build_rule(raw: Any, skill: Skill, place: _Place) -> AmbiguityRule:
    if not isinstance(raw, dict):
        raise TaxonomyError(str(place), "ambiguous must be a table")
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise TaxonomyError(str(place), f"unknown key(s) in ambiguous: {', '.join(sorted(unknown))}")
    surfaces = _strings(raw.get("surfaces"), place, "ambiguous.surfaces")
    if not surfaces:
        raise TaxonomyError(str(place), "ambiguous.surfaces must name at least one surface")
    for surface in surfaces:
        if surface not in skill.surfaces:
            raise TaxonomyError(str(place), f"ambiguous surface {surface!r} is not the name or an alias")
    needs = _strings(raw.get("needs"), place, "ambiguous.needs")
    for need in needs:
        if need not in CONTEXT_SIGNALS:
            known = ", ".join(sorted(CONTEXT_SIGNALS))
            raise TaxonomyError(str(place), f"unknown context signal {need!r} (known: {known})")

    def words(key: str) -> frozenset[str]:
        return frozenset(word.casefold() for word in _strings(raw.get(key), place, f"ambiguous.{key}"))

    return AmbiguityRule(
        surfaces=frozenset(surfaces),
        needs=frozenset(needs),
        cues_before=words("cues_before"),
        cues_after=words("cues_after"),
        reject_before=words("reject_before"),
        reject_after=words("reject_after"),
        examples=_strings(raw.get("examples"), place, "ambiguous.examples"),
        counterexamples=_strings(raw.get("counterexamples"), place, "ambiguous.counterexamples"),
    )


def _build_skill(item: Mapping[str, Any], place: _Place) -> Skill:
    kind = _required_str(item, "kind", place)
    if kind not in SKILL_KINDS:
        raise TaxonomyError(str(place), f"unknown kind {kind!r} (known: {', '.join(sorted(SKILL_KINDS))})")
    onet = item.get("onet") or {}
    if not isinstance(onet, dict):
        raise TaxonomyError(str(place), 'onet must be a table like { code = "43232605", hot = true }')
    skill = Skill(
        id=item["id"],
        name=_required_str(item, "name", place),
        kind=kind,
        aliases=_strings(item.get("aliases"), place, "aliases"),
        competencies=_strings(item.get("competencies"), place, "competencies"),
        implies=_strings(item.get("implies"), place, "implies"),
        requires=_strings(item.get("requires"), place, "requires"),
        onet_code=str(onet["code"]) if "code" in onet else None,
        hot=bool(onet.get("hot", False)),
    )
    if "ambiguous" in item:
        skill = Skill(**{**skill.__dict__, "ambiguous": _build_rule(item["ambiguous"], skill, place)})
    return skill


def _build_path(item: Mapping[str, Any], place: _Place) -> CareerPath:
    entries = item.get("competencies")
    if not isinstance(entries, list) or not entries:
        raise TaxonomyError(str(place), "a path needs at least one competency")
    weighted = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise TaxonomyError(str(place), "each path competency is a table with an id")
        unknown = set(entry) - PATH_COMPETENCY_KEYS
        if unknown:
            raise TaxonomyError(str(place), f"{entry['id']!r}: unknown key(s): {', '.join(sorted(unknown))}")
        distinguishing = entry.get("distinguishing", False)
        if not isinstance(distinguishing, bool):
            raise TaxonomyError(str(place), f"distinguishing of {entry['id']!r} must be true or false")
        importance = entry.get("importance", "important")
        if importance not in IMPORTANCE_LEVELS:
            raise TaxonomyError(str(place), f"importance {importance!r} is not one of {IMPORTANCE_LEVELS}")
        weight = entry.get("weight", 1)
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
            raise TaxonomyError(str(place), f"weight of {entry['id']!r} must be a positive number")
        weighted.append(
            PathCompetency(
                id=entry["id"], importance=importance, weight=float(weight), distinguishing=distinguishing
            )
        )
    return CareerPath(
        id=item["id"],
        name=_required_str(item, "name", place),
        description=str(item.get("description", "")),
        competencies=tuple(weighted),
        titles=_strings(item.get("titles"), place, "titles"),
    )


def _build_all(
    draft: _Draft, items: Mapping[str, tuple[dict[str, Any], _Place]], build: Any
) -> dict[str, Any]:
    built = {}
    for item_id, (item, place) in items.items():
        try:
            built[item_id] = build(item, place)
        except TaxonomyError as problem:
            draft.problems.append(problem)
    return built


def _build_competency(item: Mapping[str, Any], place: _Place) -> Competency:
    return Competency(
        id=item["id"],
        name=_required_str(item, "name", place),
        description=str(item.get("description", "")),
        learn_first=_strings(item.get("learn_first"), place, "learn_first"),
    )


def _freeze(draft: _Draft) -> Taxonomy:
    competencies = _build_all(draft, draft.competencies, _build_competency)
    paths = _build_all(draft, draft.paths, _build_path)
    skills = _build_all(draft, draft.skills, _build_skill)
    places = {sid: place for sid, (_, place) in draft.skills.items()}
    path_places = {pid: place for pid, (_, place) in draft.paths.items()}
    competency_places = {cid: place for cid, (_, place) in draft.competencies.items()}
    for place, message in validate_references(
        competencies, paths, skills, places, path_places, competency_places
    ):
        draft.problem(place, message)
    return Taxonomy(
        version=draft.version or "unversioned",
        competencies=competencies,
        paths=paths,
        skills=skills,
        scoring=_build_scoring(draft),
        sources=tuple(draft.sources),
    )


def surface_key(surface: str) -> str:
    """How two surfaces are compared for collisions: case and spacing do not tell them apart."""
    return " ".join(surface.casefold().split())


def validate_references(
    competencies: Mapping[str, Competency],
    paths: Mapping[str, CareerPath],
    skills: Mapping[str, Skill],
    skill_places: Mapping[str, _Place],
    path_places: Mapping[str, _Place],
    competency_places: Mapping[str, _Place] | None = None,
) -> list[tuple[object, str]]:
    """Every cross-reference problem as (place, message), in file order.

    Places are turned into text only for problems: finding a line number costs a search.
    """
    problems: list[tuple[object, str]] = []
    owners: dict[str, str] = {}
    for skill in skills.values():
        place = skill_places.get(skill.id, skill.id)
        if not skill.competencies:
            problems.append((place, f"skill {skill.id!r} evidences no competency"))
        for cid in skill.competencies:
            if cid not in competencies:
                problems.append((place, f"skill {skill.id!r}: unknown competency {cid!r}"))
        for parent in skill.implies:
            if parent not in skills:
                problems.append((place, f"skill {skill.id!r}: implies unknown skill {parent!r}"))
        for prerequisite in skill.requires:
            if prerequisite not in skills:
                problems.append((place, f"skill {skill.id!r}: requires unknown skill {prerequisite!r}"))
        if _requires_itself(skill.id, skills):
            problems.append((place, f"skill {skill.id!r}: its requires lead back to itself"))
        for surface in skill.surfaces:
            key = surface_key(surface)
            owner = owners.setdefault(key, skill.id)
            if owner != skill.id:
                problems.append((place, f"alias {surface!r} of {skill.id!r} is already claimed by {owner!r}"))
    for path in paths.values():
        place = path_places.get(path.id, path.id)
        for entry in path.competencies:
            if entry.id not in competencies:
                problems.append((place, f"path {path.id!r}: unknown competency {entry.id!r}"))
    for competency in competencies.values():
        place = (competency_places or {}).get(competency.id, competency.id)
        for skill_id in competency.learn_first:
            if skill_id not in skills:
                problems.append((place, f"competency {competency.id!r}: learn_first names unknown skill {skill_id!r}"))
            elif competency.id not in _reached(skill_id, skills):
                problems.append(
                    (place, f"competency {competency.id!r}: learn_first skill {skill_id!r} does not evidence it")
                )
    return problems


def _reached(skill_id: str, skills: Mapping[str, Skill]) -> set[str]:
    """The competencies a skill evidences, through the skills it implies too."""
    reached: set[str] = set()
    seen: set[str] = set()
    pending = [skill_id]
    while pending:
        current = pending.pop()
        if current in seen or current not in skills:
            continue
        seen.add(current)
        reached.update(skills[current].competencies)
        pending.extend(skills[current].implies)
    return reached


def _requires_itself(skill_id: str, skills: Mapping[str, Skill]) -> bool:
    seen: set[str] = set()
    pending = list(skills[skill_id].requires)
    while pending:
        current = pending.pop()
        if current == skill_id:
            return True
        if current in seen or current not in skills:
            continue
        seen.add(current)
        pending.extend(skills[current].requires)
    return False
