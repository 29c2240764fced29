"""Terminal views of the taxonomy for ``skillgap taxonomy list`` and ``show``."""

from __future__ import annotations

import sys
from typing import Any

from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from skills.inspect import counts, skills_per_competency
from skills.taxonomy import Taxonomy

# A competency's name wraps, but never narrower than this; on a screen too narrow for the table,
# its details stand this far in under its id.
MIN_NAME_WIDTH = 12
NARROW_INDENT = 4


def render_taxonomy_list(taxonomy: Taxonomy, console: Console) -> None:
    """Version, totals, the paths with their weighted competencies, and skills per competency.

    Ids are what users type (``--path``, ``taxonomy show``), so they are never cut or wrapped: the
    names wrap instead, and where even that cannot fit, each competency takes two lines."""
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
        rows = [
            (
                taxonomy.competencies[entry.id].name,
                entry.id,
                entry.importance,
                f"{entry.weight:g}",
                per_competency.get(entry.id, 0),
            )
            for entry in path.competencies
        ]
        table = _competency_table(f"{path.name} ({path.id})", rows)
        unbounded = console.options.update_width(sys.maxsize)
        if Measurement.get(console, unbounded, table).minimum <= console.width:
            console.print(table)
        else:
            console.print(Text(f"{path.name} ({path.id})", style="italic"))
            for name, competency_id, importance, weight, skills in rows:
                console.print(Text(f"  {competency_id}", style="bold"), overflow="ignore", crop=False)
                details = Text(f"{name}: {importance}, weight {weight}, {skills} skills")
                console.print(Padding(details, (0, 0, 0, NARROW_INDENT)))
        console.print()


def _competency_table(title: str, rows: list[tuple[str, str, str, str, int]]) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("Competency", min_width=MIN_NAME_WIDTH, overflow="fold")
    table.add_column("Id", no_wrap=True, min_width=max((len(row[1]) for row in rows), default=0))
    table.add_column("Importance", no_wrap=True)
    table.add_column("Weight", justify="right", no_wrap=True)
    table.add_column("Skills", justify="right", no_wrap=True)
    for name, competency_id, importance, weight, skills in rows:
        table.add_row(name, competency_id, importance, weight, str(skills))
    return table


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
