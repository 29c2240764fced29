"""Speed and memory of skillgap against its own floors, as ratios measured in one run.

    pip install '.[test]'            # reportlab draws the generated resumes
    python benchmarks/bench.py       # about 6 minutes on 2 cores
    python benchmarks/bench.py --files 100 --memory-files 100,500   # quicker

Prints one line per measurement with the ratio and the goal it is checked against:

- batch, one worker, against bare pdfminer.six text extraction of the same files (goal ≤ 1.3×);
- batch, two workers, against one worker (goal ≥ 1.7× faster on a 2-core machine);
- a --resume rerun of a finished folder against the first run (goal < 10 %);
- a rerun with a changed taxonomy, text cache warm, against the first run (goal ≥ 5× faster);
- peak memory of a batch over the small and the large folder (goal: flat);
- `skillgap analyze` of one PDF against its dependencies' floor: a process that imports spaCy,
  builds a blank English pipeline and extracts the PDF's text with pdfminer.six (goal ≤ 1.3×);
- `skillgap --help` and `--version` (goal < 0.5 s);
- recognizing a PDF without a text layer (goal: milliseconds);
- reading a generated page of 5,000 small fragments (how some PDFs set CJK text), the whole
  analysis in one process, against pdfminer.six's own ``extract_text`` of it (goal ≤ 3×).
- OCR seconds per page of a scanned resume at 300 and 150 dpi, on one core (goal ≤ 5 s; needs
  the system's tesseract and pdftoppm).
- both engines, local and Dask (a local cluster; needs ``pip install '.[dask]'``), on the same 600
  generated PDFs with 2 workers each: files per second per worker, CPU seconds per file and what
  of it is overhead beyond the per-file work, bytes per JSONL row, and the per-file stages (PDF
  read, matching, the rest of the report) in CPU time. ``--skip`` everything else to run only
  this (about 15 minutes on 2 busy cores); the README's "Large runs" figures come from it.

Timings are the best of a few repetitions, alternating the compared commands, so that other
load on a shared machine disturbs both sides alike. Nothing here is a test: it only reports.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.resume_pdf import LAYOUTS, Resume, Section, image_only_pdf, render_resume

SKILL_SETS = (
    "Python, PyTorch, scikit-learn, Docker, Kubernetes, AWS SageMaker, MLflow",
    "Python, LangChain, OpenAI API, FastAPI, PostgreSQL, pgvector, React",
    "SQL, pandas, Tableau, Airflow, dbt, Snowflake, statistics",
    "Java, Spring Boot, Kafka, Redis, Terraform, GitHub Actions, Go",
)
FLOOR_SCRIPT = """
import sys
import spacy
spacy.blank("en")
from pdfminer.high_level import extract_text
extract_text(sys.argv[1])
"""
BARE_EXTRACTION = """
import sys
from pathlib import Path
from pdfminer.high_level import extract_text
for path in sorted(Path(sys.argv[1]).glob("*.pdf")):
    extract_text(path)
"""
PEAK_MEMORY = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=False, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def make_resume(index: int) -> Resume:
    """A realistic two-page resume: about 700 words, skills in a list and inside sentences."""
    skills = SKILL_SETS[index % len(SKILL_SETS)]
    names = skills.split(", ")
    bullets = tuple(
        f"• Led project {index}-{n}: built {names[n % len(names)]} services used by {n * 1000 + index} "
        f"customers with {names[(n + 3) % len(names)]}, improving latency by {n % 40 + 5}% and cost by {n % 30 + 3}%."
        for n in range(40)
    )
    return Resume(
        name=f"Candidate {index}",
        contact=f"candidate{index}@example.com | +1 555 {index:04d}",
        main=(
            Section("Summary", (f"Engineer with {index % 9 + 2} years of experience building products.",)),
            Section("Experience", bullets),
            Section("Education", ("B.S. Computer Science, State University",)),
        ),
        side=(Section("Skills", (skills,)),),
    )


def make_folder(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        layout = LAYOUTS[index % len(LAYOUTS)]
        (folder / f"resume_{index:05d}.pdf").write_bytes(render_resume(make_resume(index), layout))
    return folder


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def best_of(commands: dict[str, list[str]], repeat: int) -> dict[str, float]:
    """The best wall time of each command, running them in turn ``repeat`` times."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            times[name].append(timed(command))
    return {name: min(values) for name, values in times.items()}


def report(label: str, value: str, goal: str, met: bool) -> None:
    print(f"{label:<58} {value:>12}   goal {goal:<10} {'met' if met else 'NOT MET'}")


def skillgap(*args: str) -> list[str]:
    return [sys.executable, "-m", "analyzer", *args]


def bench_batch(work: Path, files: int, repeat: int) -> None:
    folder = make_folder(work / "batch", files)
    cache = work / "cache"
    out = work / "out.jsonl"
    extra = work / "extra.toml"
    extra.write_text(
        'version = "bench"\n[[skill]]\nid = "bench_tool"\nname = "Benchtool"\nkind = "tool"\n'
        'competencies = ["programming"]\n'
    )
    bare = [sys.executable, "-c", BARE_EXTRACTION, str(folder)]
    one = skillgap("batch", str(folder), "--workers", "1", "--no-cache", "-q", "-o", str(out))
    two = skillgap("batch", str(folder), "--workers", "2", "--no-cache", "-q", "-o", str(out))
    times = best_of({"bare": bare, "one": one, "two": two}, repeat)
    ratio = times["one"] / times["bare"]
    report(
        f"batch of {files} PDFs, 1 worker / bare pdfminer extract_text",
        f"{ratio:.2f}x",
        "<= 1.3x",
        ratio <= 1.3,
    )
    speedup = times["one"] / times["two"]
    report("batch, 2 workers speed-up over 1 worker", f"{speedup:.2f}x", ">= 1.7x", speedup >= 1.7)

    changed_taxonomy = ["--taxonomy", str(extra), "-o", str(work / "o2.jsonl")]
    runs: dict[str, list[float]] = {"first": [], "resumed": [], "changed": []}
    for _ in range(repeat):
        shutil.rmtree(cache, ignore_errors=True)
        out.unlink(missing_ok=True)
        cached = ["-q", "--cache-dir", str(cache)]
        runs["first"].append(timed(skillgap("batch", str(folder), *cached, "-o", str(out))))
        runs["resumed"].append(timed(skillgap("batch", str(folder), *cached, "-o", str(out), "--resume")))
        runs["changed"].append(timed(skillgap("batch", str(folder), *cached, *changed_taxonomy)))
    first, resumed, changed = (min(runs[name]) for name in ("first", "resumed", "changed"))
    share = resumed / first
    report("--resume rerun of a finished folder / first run", f"{share:.1%}", "< 10%", share < 0.10)
    faster = first / changed
    report("rerun with a changed taxonomy (cache warm): speed-up", f"{faster:.1f}x", ">= 5x", faster >= 5)


def bench_memory(work: Path, sizes: list[int]) -> None:
    peaks = []
    for size in sizes:
        folder = make_folder(work / f"memory_{size}", size)
        command = skillgap("batch", str(folder), "--no-cache", "-q", "-o", str(work / f"m{size}.csv"))
        output = subprocess.run(
            [sys.executable, "-c", PEAK_MEMORY, *command], capture_output=True, text=True, check=False
        ).stdout
        peaks.append(int(output.strip() or 0) / 1024)
        shutil.rmtree(folder)
    growth = peaks[-1] / peaks[0]
    detail = " -> ".join(f"{size}: {peak:.0f} MiB" for size, peak in zip(sizes, peaks, strict=True))
    report(f"peak memory of one process ({detail})", f"{growth:.2f}x", "<= 1.1x", growth <= 1.1)


def bench_single(work: Path, repeat: int) -> None:
    pdf = work / "single.pdf"
    pdf.write_bytes(render_resume(make_resume(1), "two_column"))
    times = best_of(
        {
            "floor": [sys.executable, "-c", FLOOR_SCRIPT, str(pdf)],
            "analyze": skillgap("analyze", str(pdf), "--format", "json"),
            "help": skillgap("--help"),
            "version": skillgap("--version"),
        },
        repeat,
    )
    ratio = times["analyze"] / times["floor"]
    report(
        f"skillgap analyze / floor ({times['analyze']:.2f} s / {times['floor']:.2f} s)",
        f"{ratio:.2f}x",
        "<= 1.3x",
        ratio <= 1.3,
    )
    report("skillgap --help", f"{times['help']:.2f} s", "< 0.5 s", times["help"] < 0.5)
    report("skillgap --version", f"{times['version']:.2f} s", "< 0.5 s", times["version"] < 0.5)

    from analyzer.document import read_document
    from analyzer.errors import NoTextLayerError

    scan = image_only_pdf()
    samples = []
    for _ in range(max(repeat, 3)):
        started = time.perf_counter()
        try:
            read_document(scan, "scan.pdf")
        except NoTextLayerError:
            samples.append(time.perf_counter() - started)
    elapsed = statistics.median(samples)
    report("recognizing a PDF without a text layer", f"{elapsed * 1000:.1f} ms", "< 50 ms", elapsed < 0.05)


def bench_fragments(repeat: int) -> None:
    """Column and grid detection stay O(n log n) in the fragments of a page."""
    import io

    from pdfminer.high_level import extract_text

    from analyzer.analysis import analyze_bytes
    from skills import load_taxonomy
    from tests.hostile import many_fragments_pdf

    data = many_fragments_pdf(5_000)
    taxonomy = load_taxonomy()
    analyze_bytes(b"Skills: Python", "warmup.txt", taxonomy)
    extraction, analysis = [], []
    for _ in range(max(repeat, 2)):
        started = time.perf_counter()
        extract_text(io.BytesIO(data))
        extraction.append(time.perf_counter() - started)
        started = time.perf_counter()
        analyze_bytes(data, "fragments.pdf", taxonomy)
        analysis.append(time.perf_counter() - started)
    ratio = min(analysis) / min(extraction)
    report(
        f"page of 5,000 fragments: analysis / extract_text ({min(analysis):.2f} s / {min(extraction):.2f} s)",
        f"{ratio:.2f}x",
        "<= 3x",
        ratio <= 3,
    )


def _stage_seconds(folder: Path, sample: int) -> dict[str, float]:
    """Mean CPU seconds per file of each stage, in one process over the first ``sample`` files (CPU
    time, so that other load on a shared machine does not count)."""
    import json

    from analyzer.analysis import report_for_document
    from analyzer.document import read_document
    from analyzer.mentions import matcher_for
    from analyzer.sections import find_sections, sectioned_lines
    from skills import load_taxonomy

    taxonomy = load_taxonomy()
    matcher = matcher_for(taxonomy)
    totals = {"read": 0.0, "match": 0.0, "report": 0.0}
    files = sorted(folder.glob("*.pdf"))[:sample]
    for path in files:
        data = path.read_bytes()
        started = time.process_time()
        document = read_document(data, path.name)
        read = time.process_time()
        matcher.find(sectioned_lines(find_sections(document)))
        matched = time.process_time()
        json.dumps(report_for_document(document, taxonomy).to_dict())
        # The whole analysis after reading, less the matching it repeats: sections, experience,
        # coverage, the plan and the JSON row.
        totals["report"] += time.process_time() - matched - (matched - read)
        totals["read"] += read - started
        totals["match"] += matched - read
    return {stage: seconds / len(files) for stage, seconds in totals.items()}


def _engine_run(folder: Path, engine: object) -> dict[str, float]:
    """Wall time to the first and the last row, CPU seconds of every process, and bytes per row."""
    import json

    from analyzer.batch import analyze_folder

    started, started_cpu = time.perf_counter(), _cpu_seconds()
    first = None
    rows = row_bytes = 0
    for result in analyze_folder(folder, engine=engine):  # type: ignore[arg-type]
        first = first or time.perf_counter() - started
        rows += 1
        row_bytes += len(json.dumps(result.to_dict(), ensure_ascii=False).encode()) + 1
    # The engine's processes have ended and been waited for: their CPU time is now counted.
    return {
        "wall": time.perf_counter() - started,
        "first": first or 0.0,
        "cpu": _cpu_seconds() - started_cpu,
        "rows": rows,
        "row_bytes": row_bytes / max(rows, 1),
    }


def bench_engines(work: Path, files: int, workers: int) -> None:
    """Both engines on the same generated PDFs: throughput per worker, and where the time goes."""
    from analyzer.batch import LocalEngine
    from analyzer.dask_engine import DaskEngine, dask_available

    if not dask_available():
        print("engines: skipped, the dask extra is not installed (pip install '.[dask]')")
        return
    folder = make_folder(work / "engines", files)
    stages = _stage_seconds(folder, min(files, 40))
    in_process = sum(stages.values())
    print(f"engines: {files} PDFs, {workers} workers of one core each")
    print(
        "  stages per file, CPU in one process: "
        + ", ".join(
            f"{stage} {seconds * 1000:.0f} ms ({seconds / in_process:.0%})"
            for stage, seconds in stages.items()
        )
        + f"; total {in_process * 1000:.0f} ms",
        flush=True,
    )
    for name, engine in (("local", LocalEngine(workers)), ("dask", DaskEngine(workers))):
        run = _engine_run(folder, engine)
        steady = (run["rows"] - 1) / max(run["wall"] - run["first"], 1e-9) / workers
        overall = run["rows"] / run["wall"] / workers
        # CPU beyond the per-file work itself: starting processes, loading spaCy in each,
        # scheduling, moving paths and results between processes.
        overhead = run["cpu"] / run["rows"] - in_process
        print(
            f"  {name:<6} {overall:6.2f} files/s/worker overall, {steady:6.2f} after the first row "
            f"({run['first']:.1f} s to it); {run['cpu'] / run['rows']:.3f} CPU s/file; "
            f"overhead {overhead:.3f} CPU s/file; {run['row_bytes']:,.0f} bytes per JSONL row",
            flush=True,
        )


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children: OCR's cost on one core, whatever else
    the shared machine runs meanwhile."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bench_ocr(repeat: int) -> None:
    """CPU seconds per page to OCR a scanned resume with one Tesseract process (wall time too)."""
    if shutil.which("tesseract") is None or shutil.which("pdftoppm") is None:
        print("OCR: skipped, tesseract or pdftoppm is not installed")
        return
    from analyzer.document import read_document
    from analyzer.ocr import OcrSettings
    from tests.resume_scan import scan_pdf

    pdf = render_resume(make_resume(3), "sidebar_left", font_size=11.0)
    for dpi in (300, 150):
        scan = scan_pdf(pdf, dpi, seed=dpi)
        cpu, wall = [], []
        for _ in range(repeat):
            started, started_cpu = time.perf_counter(), _cpu_seconds()
            document = read_document(scan, "scan.pdf", ocr=OcrSettings(workers=1))
            cpu.append((_cpu_seconds() - started_cpu) / document.page_count)
            wall.append((time.perf_counter() - started) / document.page_count)
        per_page = min(cpu)
        label = (
            f"OCR of a {dpi} dpi scan, CPU s per page ({min(wall):.2f} s wall, {document.page_count} pages)"
        )
        report(label, f"{per_page:.2f} s", "<= 5 s", per_page <= 5)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=200, help="PDFs in the batch speed runs")
    parser.add_argument("--memory-files", default="100,2000", help="folder sizes for the memory run")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions; the best time counts")
    parser.add_argument("--engine-files", type=int, default=600, help="PDFs in the local-against-Dask run")
    parser.add_argument("--workers", type=int, default=2, help="workers of each engine in that run")
    parser.add_argument(
        "--skip", default="", help="comma-separated: batch,memory,single,fragments,ocr,engines"
    )
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    with tempfile.TemporaryDirectory(prefix="skillgap-bench-") as scratch:
        work = Path(scratch)
        if "single" not in skip:
            bench_single(work, args.repeat)
        if "fragments" not in skip:
            bench_fragments(args.repeat)
        if "ocr" not in skip:
            bench_ocr(args.repeat)
        if "batch" not in skip:
            bench_batch(work, args.files, args.repeat)
        if "memory" not in skip:
            bench_memory(work, [int(size) for size in args.memory_files.split(",")])
        if "engines" not in skip:
            bench_engines(work, args.engine_files, args.workers)


if __name__ == "__main__":
    main()
