"""A real headless Chromium for the review page's tests, driven by Selenium through Debian's
chromedriver (tests/browser/install-chromium.sh installs both when missing).

Nothing is downloaded: Selenium is given the driver's and the browser's paths (so Selenium
Manager is never asked for one) and SE_OFFLINE is set; Chromium runs with a proxy that
points nowhere and without its background networking. Downloads go to a folder of the test.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMEDRIVER = "/usr/bin/chromedriver"


def _path(variable: str) -> Path | None:
    """The path an environment variable names, resolved now: before the tests change folder
    (tests/conftest.py: each starts in an empty one)."""
    value = os.environ.get(variable)
    return Path(value).resolve() if value else None


OUTPUT = _path("TMKIT_BROWSER_OUTPUT")  # the screenshots (tox -e browser sets it)
README_SCREENSHOT = _path("TMKIT_README_SCREENSHOT")  # docs/review-page.png, when remade


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.browser)


def _browser() -> str | None:
    return next((path for path in CHROMIUM if Path(path).exists()), shutil.which("chromium"))


@pytest.fixture(scope="session")
def download_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="session")
def chromium(download_folder):
    """A headless Chromium under Selenium; skipped, saying why, when there is none."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    browser = _browser()
    if browser is None or not Path(CHROMEDRIVER).exists():
        pytest.skip(
            "no Chromium and chromedriver (tests/browser/install-chromium.sh installs them)"
        )
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager: never download a driver or browser
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in (
        "--headless=new",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-sync",
        "--no-first-run",
        "--proxy-server=127.0.0.1:9",  # nothing listens there: no request leaves
        "--proxy-bypass-list=<-loopback>",
        "--window-size=1280,900",
        "--lang=en-US",
    ):
        options.add_argument(argument)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        options.add_argument("--no-sandbox")  # Chromium refuses root otherwise
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(download_folder),
            "download.prompt_for_download": False,
            "safebrowsing.enabled": False,
        },
    )
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior",
        {"behavior": "allow", "downloadPath": str(download_folder)},
    )
    yield driver
    driver.quit()


@pytest.fixture
def readme_screenshot() -> Path | None:
    """Where to put the README's screenshot too (TMKIT_README_SCREENSHOT), else None."""
    return README_SCREENSHOT


@pytest.fixture
def output_folder(tmp_path) -> Path:
    """Where a test leaves its screenshots: TMKIT_BROWSER_OUTPUT (tox sets it), else the
    test's temporary folder."""
    folder = OUTPUT or tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder
