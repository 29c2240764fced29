"""Mutation fuzzing of the whole path from bytes to report, for as long as you like.

    python scripts/fuzz.py 10            # ten minutes
    python scripts/fuzz.py 10 --seed 7 --batch 200 --timeout 10

Valid resume PDFs (``tests.hostile.fuzz_seeds``) are mutated (bytes flipped, inserted, deleted,
duplicated, truncated, two PDFs spliced, numbers and PDF tokens replaced; one to four mutations
stacked) and each result goes through ``analyzer.analysis.analyze_bytes(data, "fuzz.pdf")``.

Inputs run in batches, each batch in a fresh worker process (``--worker``) that loads spaCy once,
caps its address space, and stops any single input after ``--timeout`` seconds with an alarm. The
parent watches the worker too: a worker that dies (a segfault, the kernel's OOM killer) or goes
silent past the timeout costs only the input it was on, which is recorded as a crash or a hang.

An input that raises anything other than :class:`analyzer.errors.SkillgapError` (or hangs, or
kills its worker) is saved to ``tests/fuzz_regressions/<kind>-<Exception>-<sha>.pdf``, one file
per distinct failure (exception type and the innermost frame), where ``tests/test_fuzz.py`` turns
it into a regression test. A summary is printed at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGRESSIONS = ROOT / "tests" / "fuzz_regressions"
sys.path.insert(0, str(ROOT))


class _InputTimeout(BaseException):
    """Raised by the alarm inside the worker; a BaseException so the engine's handlers miss it."""


def _on_alarm(signum: int, frame: object) -> None:
    raise _InputTimeout


def worker(folder: Path, timeout: float, max_memory: int) -> None:
    """Analyze every ``*.pdf`` in folder in name order; one JSON line per input on stdout, and a
    ``start`` line before each so the parent knows which input killed a worker."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
    from analyzer.analysis import analyze_bytes
    from analyzer.errors import SkillgapError
    from skills import load_taxonomy

    taxonomy = load_taxonomy()
    analyze_bytes(b"Skills: Python", "warmup.txt", taxonomy)
    signal.signal(signal.SIGALRM, _on_alarm)
    for path in sorted(folder.glob("*.pdf")):
        print(json.dumps({"start": path.name}), flush=True)
        data = path.read_bytes()
        outcome: dict[str, object] = {"file": path.name}
        started = time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            analyze_bytes(data, "fuzz.pdf", taxonomy).to_dict()
            outcome["status"] = "ok"
        except SkillgapError as error:
            outcome.update(status="error", error=type(error).__name__)
        except _InputTimeout:
            outcome.update(status="hang", error="Timeout")
        except BaseException as error:  # noqa: BLE001 - finding these is the point
            frames = traceback.extract_tb(error.__traceback__)
            innermost = frames[-1] if frames else None
            where = f"{Path(innermost.filename).name}:{innermost.lineno}" if innermost else "?"
            outcome.update(
                status="crash",
                error=type(error).__name__,
                where=where,
                traceback="".join(traceback.format_exception(error))[-4000:],
            )
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        outcome["seconds"] = round(time.monotonic() - started, 3)
        print(json.dumps(outcome), flush=True)


def _mutant(rng: random.Random, seeds: tuple[bytes, ...]) -> bytes:
    from tests.hostile import MUTATIONS, mutate

    data = rng.choice(seeds)
    for _ in range(rng.randint(1, 4)):
        operation = rng.choice(MUTATIONS)
        a, b, c = (rng.randrange(1 << 32) for _ in range(3))
        data = mutate(data, operation, a, b, c, other=rng.choice(seeds))
    return data


def _save(data: bytes, kind: str, error: str, known: set[str], found: list[dict]) -> None:
    digest = hashlib.sha256(data).hexdigest()[:12]
    REGRESSIONS.mkdir(parents=True, exist_ok=True)
    name = f"{kind}-{error}-{digest}.pdf"
    (REGRESSIONS / name).write_bytes(data)
    found.append({"file": name, "kind": kind, "error": error})
    known.add(f"{kind}:{error}")


def _run_batch(folder: Path, timeout: float, max_memory: int) -> tuple[list[dict], str | None, str]:
    """Outcomes of a worker over folder, the input it died on (if it died) and why."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(folder)]
    command += ["--timeout", str(timeout), "--max-memory", str(max_memory)]
    outcomes: list[dict] = []
    current: str | None = None
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err, cwd=ROOT)
        assert process.stdout is not None
        # The parent's own watchdog: startup gets 120 s, each input timeout * 3 + 5 s.
        deadline = time.monotonic() + 120
        descriptor = process.stdout.fileno()
        os.set_blocking(descriptor, False)
        buffer = b""
        while True:
            try:
                chunk = os.read(descriptor, 1 << 16)
            except BlockingIOError:
                chunk = None
            if chunk:
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    message = json.loads(line)
                    if "start" in message:
                        current = message["start"]
                        deadline = time.monotonic() + timeout * 3 + 5
                    else:
                        outcomes.append(message)
                        current = None
            elif chunk == b"" and process.poll() is not None:
                break
            else:
                time.sleep(0.02)
            if time.monotonic() > deadline:
                process.kill()
                process.wait()
                return outcomes, current, "hang (worker unresponsive)"
        err.seek(0)
        tail = err.read().decode(errors="replace")[-500:]
    if process.returncode != 0:
        return outcomes, current, f"worker died (exit {process.returncode}): {tail}"
    return outcomes, None, ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("minutes", type=float, nargs="?", default=10.0)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--batch", type=int, default=150, help="inputs per worker process")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds allowed per input")
    parser.add_argument("--max-memory", type=int, default=2 * 1024**3, help="bytes per worker")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.timeout, args.max_memory)
        return 0

    from tests.hostile import fuzz_seeds

    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    seeds = fuzz_seeds()
    end = time.monotonic() + args.minutes * 60
    known = {f"{p.name.split('-')[0]}:{p.name.split('-')[1]}" for p in REGRESSIONS.glob("*.pdf")}
    found: list[dict] = []
    totals = {"ok": 0, "error": 0, "crash": 0, "hang": 0, "died": 0}
    errors: dict[str, int] = {}
    started = time.monotonic()
    print(f"fuzzing for {args.minutes:g} min, seed {seed}", flush=True)
    while time.monotonic() < end:
        with tempfile.TemporaryDirectory(prefix="skillgap-fuzz-") as tmp:
            folder = Path(tmp)
            for index in range(args.batch):
                (folder / f"{index:05d}.pdf").write_bytes(_mutant(rng, seeds))
            outcomes, died_on, why = _run_batch(folder, args.timeout, args.max_memory)
            for outcome in outcomes:
                totals[outcome["status"]] += 1
                if outcome["status"] == "error":
                    errors[outcome["error"]] = errors.get(outcome["error"], 0) + 1
                if outcome["status"] in ("crash", "hang"):
                    key = f"{outcome['status']}:{outcome['error']}@{outcome.get('where', '')}"
                    print(
                        f"{outcome['status']}: {outcome['error']} at {outcome.get('where', '?')}", flush=True
                    )
                    if key not in known:
                        known.add(key)
                        data = (folder / outcome["file"]).read_bytes()
                        _save(data, outcome["status"], outcome["error"], known, found)
                        if outcome.get("traceback"):
                            print(outcome["traceback"], flush=True)
            if died_on is not None:
                totals["died"] += 1
                print(f"{why} on {died_on}", flush=True)
                kind = "hang" if why.startswith("hang") else "died"
                if f"{kind}:worker" not in known:
                    _save((folder / died_on).read_bytes(), kind, "worker", known, found)
        ran = sum(totals.values())
        print(f"{time.monotonic() - started:7.0f}s  {ran} inputs  {totals}", flush=True)
    print(json.dumps({"seed": seed, "inputs": sum(totals.values()), "totals": totals, "errors": errors,
                      "new_regressions": found}, indent=2))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
