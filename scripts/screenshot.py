"""Render an HTML report to a PNG with headless Chromium, to look at the page as a person would.

    python scripts/screenshot.py REPORT.html OUT.png [--width 1200] [--height 3000]

Needs the ``chromium`` binary (Debian package ``chromium``); nothing is fetched from the network.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")


def find_chromium() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(report: Path, out: Path, *, width: int, height: int, timeout: float = 60.0) -> None:
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit(
            "screenshot: error: chromium not found; install it (apt-get install -y chromium) and retry"
        )
    if not report.is_file():
        raise SystemExit(f"screenshot: error: {report}: no such file")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="skillgap-chromium-") as profile:
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--screenshot={out.resolve()}",
            f"--window-size={width},{height}",
            "--hide-scrollbars",
            report.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise SystemExit(f"screenshot: error: chromium took longer than {timeout:g}s") from None
    if done.returncode != 0 or not out.is_file():
        detail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"screenshot: error: chromium failed (exit {done.returncode}): {detail}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render an HTML report to a PNG with headless Chromium.")
    parser.add_argument("report", type=Path, help="the HTML file")
    parser.add_argument("out", type=Path, help="the PNG to write")
    parser.add_argument("--width", type=int, default=1200, help="window width in pixels (default 1200)")
    parser.add_argument(
        "--height",
        type=int,
        default=3000,
        help="window height in pixels: how much of the page (default 3000)",
    )
    args = parser.parse_args(argv)
    screenshot(args.report, args.out, width=args.width, height=args.height)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
