"""Mutation fuzzing of the path from bytes to report: anything but a SkillgapError is a bug.

Valid generated resume PDFs are mutated (bytes flipped, inserted, deleted, duplicated, a PDF
truncated or spliced onto another, numbers and PDF tokens replaced) and analyzed in-process with
``analyze_bytes(data, "fuzz.pdf")``. ``scripts/fuzz.py`` runs the same mutations for as long as
you like and keeps what it finds in ``tests/fuzz_regressions/``, which the last test replays.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.analysis import analyze_bytes
from analyzer.errors import SkillgapError
from skills import load_taxonomy
from tests.hostile import MUTATIONS, fuzz_seeds, mutate

REGRESSIONS = Path(__file__).parent / "fuzz_regressions"
# Known hangs: inputs the engine only leaves when something stops it (see the xfail reasons).
PER_INPUT_SECONDS = 10.0
TAXONOMY = load_taxonomy()

operations = st.lists(
    st.tuples(
        st.sampled_from(MUTATIONS),
        st.integers(0, 2**32),
        st.integers(0, 2**32),
        st.integers(0, 2**32),
        st.integers(0, len(fuzz_seeds()) - 1),
    ),
    min_size=1,
    max_size=4,
)


class InputTimeout(BaseException):
    """Raised by the alarm; a BaseException so that no handler in the engine swallows it."""


def _alarm(signum: int, frame: object) -> None:
    raise InputTimeout


def analyze_within(data: bytes, seconds: float = PER_INPUT_SECONDS) -> None:
    """Analyze data; a SkillgapError is a fine answer, anything else (or a hang) fails."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        analyze_bytes(data, "fuzz.pdf", TAXONOMY).to_dict()
    except SkillgapError:
        pass
    except InputTimeout:
        pytest.fail(f"analysis of a {len(data)}-byte input did not end within {seconds:g} s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(seed=st.integers(0, len(fuzz_seeds()) - 1), steps=operations)
def test_mutated_resume_pdfs_give_a_report_or_a_skillgap_error(seed: int, steps: list) -> None:
    seeds = fuzz_seeds()
    data = seeds[seed]
    for operation, a, b, c, other in steps:
        data = mutate(data, operation, a, b, c, other=seeds[other])
    analyze_within(data)


def test_the_seeds_are_valid_resumes() -> None:
    for data in fuzz_seeds():
        assert analyze_bytes(data, "seed.pdf", TAXONOMY).skills


# Regression files that still fail, with what breaks; the others must pass.
KNOWN_BROKEN: dict[str, str] = {}


def _regression_params() -> list:
    params = []
    for path in sorted(REGRESSIONS.glob("*.pdf")):
        marks = ()
        if path.name in KNOWN_BROKEN:
            marks = (pytest.mark.xfail(strict=True, reason=KNOWN_BROKEN[path.name]),)
        params.append(pytest.param(path, id=path.name, marks=marks))
    return params


@pytest.mark.parametrize("path", _regression_params())
def test_a_kept_fuzz_input_gives_a_report_or_a_skillgap_error(path: Path) -> None:
    analyze_within(path.read_bytes())
