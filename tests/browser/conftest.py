"""Fixtures of the browser tests: one headless Chromium for the session, and where screenshots go.

Without the browser, its driver or Selenium, every browser test skips and says which is missing.
Screenshots of every page go to ``$SKILLGAP_SCREENSHOT_DIR`` or to ``screenshots/`` under pytest's
base temporary folder (pytest keeps the last runs' folders).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.chromium import Browser, missing, start


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("SKILLGAP_SCREENSHOT_DIR")
    folder = Path(chosen) if chosen else tmp_path_factory.getbasetemp() / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def browser(screenshot_dir: Path) -> Iterator[Browser]:
    reason = missing()
    if reason:
        pytest.skip(f"browser tests need Chromium: {reason}")
    with tempfile.TemporaryDirectory(prefix="skillgap-chromium-") as profile:
        chromium = start(screenshot_dir, profile)
        try:
            yield chromium
        finally:
            chromium.driver.quit()
