"""Without Chromium, its driver or Selenium, the browser tests skip and say what is missing."""

from __future__ import annotations

import shutil

import pytest

from tests.browser import chromium


@pytest.fixture
def selenium_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chromium, "find_spec", lambda name: object())


def test_missing_selenium_is_named_as_the_reason_to_skip(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(chromium, "find_spec", lambda name: None)
    assert "selenium is not installed" in (chromium.missing() or "")


def test_a_missing_browser_is_named_as_the_reason_to_skip(
    monkeypatch: pytest.MonkeyPatch, selenium_installed
):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert "chromium is not installed" in (chromium.missing() or "")


def test_a_missing_driver_is_named_as_the_reason_to_skip(monkeypatch: pytest.MonkeyPatch, selenium_installed):
    monkeypatch.setattr(shutil, "which", lambda name: None if "driver" in name else f"/usr/bin/{name}")
    assert "chromedriver is not installed" in (chromium.missing() or "")


def test_with_all_three_nothing_is_missing(monkeypatch: pytest.MonkeyPatch, selenium_installed):
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    assert chromium.missing() is None
