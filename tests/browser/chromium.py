"""The system's headless Chromium driven by Selenium: views (window width, phone, print media), loading
a page with or without JavaScript, full-page screenshots.

Nothing is downloaded: Selenium is pointed at the installed ``chromedriver`` through a Service, so
Selenium Manager never runs.
"""

from __future__ import annotations

import base64
import shutil
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

BROWSER_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
DRIVER_CANDIDATES = ("/usr/bin/chromedriver", "chromedriver")
CHROME_ARGUMENTS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
)
# Chromium's textures stop somewhere above this; longer pages are shot from the top.
SCREENSHOT_MAX_HEIGHT = 16000


@dataclass(frozen=True)
class View:
    """How a page is looked at: a window width, a phone or not, screen or print media."""

    name: str
    width: int
    height: int
    media: str = "screen"
    mobile: bool = False


# A4 at 96 px per inch is 794 px wide; Chromium's default print margins (0.4 in) leave 718.
VIEWS = (
    View("wide", 1280, 900),
    View("narrow", 390, 844, mobile=True),
    View("print", 718, 1000, media="print"),
)


def first_found(candidates: tuple[str, ...]) -> str | None:
    for name in candidates:
        found = shutil.which(name)
        if found:
            return found
    return None


def missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if find_spec("selenium") is None:
        return "selenium is not installed (pip install '.[test]')"
    if first_found(BROWSER_CANDIDATES) is None:
        return "chromium is not installed (apt-get install chromium chromium-driver)"
    if first_found(DRIVER_CANDIDATES) is None:
        return "chromedriver is not installed (apt-get install chromium-driver)"
    return None


class Browser:
    """One headless Chromium: opens a file in a view, with or without JavaScript, and shoots it."""

    def __init__(self, driver: Any, shots: Path) -> None:
        self.driver = driver
        self.shots = shots
        # What the window shows as loaded, untouched since: a key its user chooses, or None.
        self.showing: object = None

    def open(self, page: Path, view: View, *, scripts: bool = True) -> list[dict[str, Any]]:
        """Load ``page`` as ``view`` sees it and return the console messages of the load."""
        driver = self.driver
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": view.width, "height": view.height, "deviceScaleFactor": 1, "mobile": view.mobile},
        )
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": view.media})
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": not scripts})
        driver.get_log("browser")  # drop what an earlier page left
        driver.get("about:blank")
        driver.get(page.resolve().as_uri())
        driver.execute_script("return document.fonts.ready")
        return driver.get_log("browser")

    def run(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def screenshot(self, name: str) -> Path:
        """The whole page (up to SCREENSHOT_MAX_HEIGHT) as a PNG in the screenshot folder."""
        width, height = self.run(
            "return [document.documentElement.clientWidth, document.documentElement.scrollHeight]"
        )
        shot = self.driver.execute_cdp_cmd(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {
                    "x": 0,
                    "y": 0,
                    "width": width,
                    "height": min(height, SCREENSHOT_MAX_HEIGHT),
                    "scale": 1,
                },
            },
        )
        path = self.shots / f"{name}.png"
        path.write_bytes(base64.b64decode(shot["data"]))
        return path


def start(shots: Path, profile: str) -> Browser:
    """Chromium with a fresh profile in ``profile``, its screenshots going to ``shots``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = first_found(BROWSER_CANDIDATES) or ""
    for argument in (*CHROME_ARGUMENTS, f"--user-data-dir={profile}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(first_found(DRIVER_CANDIDATES) or ""), options=options)
    return Browser(driver, shots)
