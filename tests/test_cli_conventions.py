"""The command line as people expect it: -h, shell completion, values named by words, the same
name for the same thing in every command, and an example in every command's help."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from analyzer.cli import app
from tests.conftest import CliResult

Run = Callable[..., CliResult]

# A value named by a word ("FILE", "PATH_ID") or by the choices it takes ("table|json").
WORD = re.compile(r"[A-Z][A-Z_]*(\.\.\.)?|[a-z]+(\|[a-z]+)*")


def _commands() -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command and group of the app, as the words that call it and its click command."""

    def walk(command: Any, words: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
        yield words, command
        for name, sub_command in getattr(command, "commands", {}).items():
            yield from walk(sub_command, (*words, name))

    return walk(typer.main.get_command(app), ())


COMMANDS = [words for words, _ in _commands()]
LEAF_COMMANDS = [words for words, command in _commands() if not getattr(command, "commands", None)]


def _id(words: tuple[str, ...]) -> str:
    return " ".join(words) or "skillgap"


def _completion_env(**variables: str) -> dict[str, str]:
    return {**os.environ, "COLUMNS": "80", **variables}


@pytest.mark.parametrize("words", COMMANDS, ids=_id)
def test_dash_h_is_help_in_every_command(run_cli: Run, words: tuple[str, ...]) -> None:
    short, long = run_cli(*words, "-h"), run_cli(*words, "--help")
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout
    assert short.stdout.startswith(" ".join(("Usage: skillgap", *words)))


@pytest.mark.parametrize("words", [(), ("taxonomy",)], ids=_id)
def test_a_group_without_a_command_prints_its_help(run_cli: Run, words: tuple[str, ...]) -> None:
    result = run_cli(*words)
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == run_cli(*words, "--help").stdout


@pytest.mark.parametrize("words", COMMANDS, ids=_id)
def test_help_names_every_value_by_a_word(run_cli: Run, words: tuple[str, ...]) -> None:
    text = run_cli(*words, "--help").stdout
    assert not re.search(r"<[^>]*>|\{[^}]*\}|\b(TEXT|INTEGER|FLOAT|RANGE|PATH|BOOLEAN)\b", text), text


def test_every_option_and_argument_that_takes_a_value_declares_its_word() -> None:
    for words, command in _commands():
        for param in command.params:
            if getattr(param, "is_flag", False) or param.name in ("install_completion", "show_completion"):
                continue
            assert param.metavar and WORD.fullmatch(param.metavar), (_id(words), param.name, param.metavar)


def test_the_same_option_is_named_by_the_same_word_in_every_command() -> None:
    words_of: dict[str, set[str]] = {}
    for _, command in _commands():
        for param in command.params:
            # --format lists its own choices: a report's formats in analyze, the taxonomy's in export.
            if param.param_type_name == "option" and param.metavar and "--format" not in param.opts:
                words_of.setdefault(max(param.opts, key=len), set()).add(param.metavar)
    assert {"--taxonomy", "--timeout", "--output", "--as-of", "--job"} <= set(words_of)
    assert {flag: words for flag, words in words_of.items() if len(words) > 1} == {}


def test_the_resume_is_a_file_and_a_folder_is_a_dir_in_the_usage_line(run_cli: Run) -> None:
    commands = ("analyze", "batch", "eval")
    usage = {command: run_cli(command, "-h").stdout.splitlines()[0] for command in commands}
    assert usage == {
        "analyze": "Usage: skillgap analyze [OPTIONS] FILE",
        "batch": "Usage: skillgap batch [OPTIONS] DIR",
        "eval": "Usage: skillgap eval [OPTIONS] DIR",
    }


@pytest.mark.parametrize("words", COMMANDS, ids=_id)
def test_every_help_ends_with_an_example_of_its_command(run_cli: Run, words: tuple[str, ...]) -> None:
    last_line = run_cli(*words, "--help").stdout.rstrip().splitlines()[-1].strip()
    # The app's own example shows its most common command; every other one shows itself.
    expected = "Example: skillgap " + (" ".join(words) if words else "analyze")
    assert last_line.startswith(expected + " ")


@pytest.mark.parametrize("words", LEAF_COMMANDS, ids=_id)
def test_help_fits_80_columns(run_cli: Run, words: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = run_cli(*words, "--help").stdout.splitlines()
    assert max(map(len, lines)) <= 80


@pytest.mark.skipif(shutil.which("bash") is None, reason="the completion script is tested for bash")
def test_show_completion_prints_a_script_for_the_users_shell() -> None:
    # Through bash (kept alive by the trailing command), as a user's shell would run it.
    result = subprocess.run(
        ["bash", "-c", '"$0" -m analyzer --show-completion; true', sys.executable],
        check=False,
        capture_output=True,
        text=True,
        env=_completion_env(),
        timeout=60,
    )
    assert "_SKILLGAP_COMPLETE=complete_bash" in result.stdout
    assert "complete -o default -F _skillgap_completion skillgap" in result.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="the completion script is tested for bash")
def test_install_completion_writes_the_script_under_home(tmp_path: Path) -> None:
    result = subprocess.run(
        ["bash", "-c", '"$0" -m analyzer --install-completion; true', sys.executable],
        check=False,
        capture_output=True,
        text=True,
        env=_completion_env(HOME=str(tmp_path)),
        timeout=60,
    )
    assert "completion installed" in result.stdout, result.stderr
    assert "_SKILLGAP_COMPLETE" in (tmp_path / ".bash_completions" / "skillgap.sh").read_text()
    assert ".bash_completions/skillgap.sh" in (tmp_path / ".bashrc").read_text()


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("skillgap ana", ["analyze"]),
        ("skillgap taxonomy ", ["list", "show", "validate", "export"]),
        ("skillgap analyze cv.pdf --format ", ["table", "json", "markdown", "html"]),
        ("skillgap batch resumes/ --path ml_", ["ml_engineer"]),
        ("skillgap taxonomy show pytorch_li", ["pytorch_lightning"]),
        ("skillgap taxonomy show --taxonomy missing.toml pytorch_li", []),
    ],
)
def test_completion_offers_commands_choices_and_ids(typed: str, offered: list[str]) -> None:
    # What the installed script asks for on TAB: the words typed so far and the one being completed.
    words = typed.split(" ")
    result = subprocess.run(
        [sys.executable, "-m", "analyzer"],
        check=False,
        capture_output=True,
        text=True,
        env=_completion_env(
            _SKILLGAP_COMPLETE="complete_bash", COMP_WORDS=typed, COMP_CWORD=str(len(words) - 1)
        ),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == offered
