"""Without Chromium, its driver or Selenium, the browser tests skip and say what is missing."""

from __future__ import annotations

import shutil

import pytest

from tests.browser import chromium


def test_a_missing_browser_is_named_as_the_reason_to_skip(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert "chromium is not installed" in (chromium.missing() or "")


def test_a_missing_driver_is_named_as_the_reason_to_skip(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(shutil, "which", lambda name: None if "driver" in name else f"/usr/bin/{name}")
    pytest.importorskip("selenium")
    assert "chromedriver is not installed" in (chromium.missing() or "")
