"""How the command line presents itself, apart from what each command does: help that names every
value by a word, ``-h`` beside ``--help``, and the ids the shell completes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from typer.core import TyperCommand

from analyzer.errors import SkillgapError

if TYPE_CHECKING:
    from typer._click import Context, HelpFormatter, Parameter

    from skills import Taxonomy


# Both spellings everywhere: the sub-commands inherit them from the app's context.
HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}


def _argument_word(argument: Parameter) -> str:
    word = argument.metavar or (argument.name or "").upper()
    return f"{word}..." if argument.nargs != 1 else word


class WordsCommand(TyperCommand):
    """A command whose help names each argument by its word alone, "FILE" rather than "FILE <str>"
    or "{FILE}", in the usage line and in the list of arguments alike."""

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        options = [self.options_metavar] if self.options_metavar else []
        arguments = [param for param in self.get_params(ctx) if param.param_type_name == "argument"]
        return options + [_argument_word(argument) for argument in arguments]

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((_argument_word(param), record[1]))
            else:
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


def _taxonomy_for_completion(ctx: typer.Context) -> Taxonomy | None:
    """The taxonomy the command line names so far, for the shell's completion; None when it cannot
    be loaded, since completion prints nothing but candidates."""
    from skills import load_taxonomy

    try:
        return load_taxonomy(ctx.params.get("taxonomy") or ())
    except (SkillgapError, OSError):
        return None


def complete_path_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """The path ids ``--path`` can take that start as typed."""
    taxonomy = _taxonomy_for_completion(ctx)
    return [path_id for path_id in taxonomy.paths if path_id.startswith(incomplete)] if taxonomy else []


def complete_any_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """The path, competency and skill ids that start as typed, in order."""
    taxonomy = _taxonomy_for_completion(ctx)
    if taxonomy is None:
        return []
    ids = [*taxonomy.paths, *taxonomy.competencies, *taxonomy.skills]
    return sorted(item_id for item_id in set(ids) if item_id.startswith(incomplete))
