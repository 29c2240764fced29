"""Terminal views of the taxonomy for ``skillgap taxonomy list`` and ``show``."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from skills.inspect import counts, skills_per_competency
from skills.taxonomy import Taxonomy


def render_taxonomy_list(taxonomy: Taxonomy, console: Console) -> None:
    """Version, totals, the paths with their weighted competencies, and skills per competency."""
    size = counts(taxonomy)
    console.print(Text(f"taxonomy {taxonomy.version}", style="bold"))
    if taxonomy.sources:
        console.print(f"user files: {', '.join(taxonomy.sources)}")
    console.print(
        f"{size.paths} paths, {size.competencies} competencies, {size.skills} skills, "
        f"{size.aliases} aliases, {size.ambiguity_rules} ambiguity rules, {size.onet_links} O*NET links"
    )
    per_competency = skills_per_competency(taxonomy)
    for path in taxonomy.paths.values():
        table = Table(title=f"{path.name} ({path.id})", title_justify="left", box=box.SIMPLE_HEAD)
        table.add_column("Competency")
        table.add_column("Id")
        table.add_column("Importance")
        table.add_column("Weight", justify="right")
        table.add_column("Skills", justify="right")
        for entry in path.competencies:
            table.add_row(
                taxonomy.competencies[entry.id].name,
                entry.id,
                entry.importance,
                f"{entry.weight:g}",
                str(per_competency.get(entry.id, 0)),
            )
        console.print(table)


def render_item(kind: str, data: dict[str, Any], console: Console) -> None:
    """One path, competency or skill, field by field."""
    console.print(Text(f"{kind} {data['id']}", style="bold"))
    for key, value in data.items():
        if key == "id" or value in ([], "", None):
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            console.print(f"{key}:")
            for entry in value:
                console.print("  " + ", ".join(f"{k}={v}" for k, v in entry.items()))
        elif isinstance(value, dict):
            console.print(f"{key}:")
            for sub_key, sub_value in value.items():
                if sub_value not in ([], ""):
                    console.print(f"  {sub_key}: {_plain(sub_value)}")
        else:
            console.print(f"{key}: {_plain(value)}")


def _plain(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
