"""End-to-end fixtures: the built web app on a real server, driven by Debian's Chromium via Playwright.

Two servers share the session's engines, each with its own data directory: ``web_url`` runs in local
mode (this machine needs no sign-in), ``accounts_url`` does not (everyone signs in, as on a shared
server). One browser serves every test; each test gets a fresh browser context (``page`` on the
local-mode server, ``accounts_page`` on the other). Screenshots land in test-artifacts/screens/.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.api.conftest import running_server
from vocalis.api.web import DIST_DIR
from vocalis.config import Settings
from vocalis.engines.registry import EngineRegistry
from vocalis.graph import Vocalis

REPO = Path(__file__).resolve().parents[2]
SCREENS = REPO / "test-artifacts" / "screens"
CHROMIUM = Path(os.environ.get("VOCALIS_CHROMIUM", "/usr/bin/chromium"))
# The machine has no internet: these flags keep Chromium from stalling on network and update checks.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
GENERATION_TIMEOUT_MS = 60_000
# The duration of an audio element once it has loaded its metadata (null until then).
DURATION = """selector => {
  const audio = document.querySelector(selector);
  const ready = audio && audio.readyState >= 1 && Number.isFinite(audio.duration) && audio.duration > 0;
  return ready ? audio.duration : null;
}"""


def playable_duration(page: Page, selector: str) -> float:
    """Wait until the audio element can play (loadedmetadata) and return its duration in seconds."""
    duration = page.wait_for_function(DURATION, arg=selector, timeout=GENERATION_TIMEOUT_MS).json_value()
    assert isinstance(duration, int | float)
    return float(duration)


def require_build() -> None:
    if not (DIST_DIR / "index.html").is_file():
        pytest.fail(
            f"the web app is not built ({DIST_DIR}): run `cd web && npm ci && npm run build` "
            "(scripts/test does)"
        )


@pytest.fixture(scope="session")
def web_url(tmp_path_factory: pytest.TempPathFactory, settings: Settings, services: Vocalis) -> Iterator[str]:
    require_build()
    e2e_settings = settings.model_copy(update={"data_dir": tmp_path_factory.mktemp("e2e-data")})
    with running_server(e2e_settings, services.engines) as url:
        yield url


def server_with_accounts(settings: Settings, engines: EngineRegistry) -> AbstractContextManager[str]:
    """A real server with local mode OFF: every API call needs a sign-in."""
    assert not settings.auth.local_mode
    return running_server(settings, engines, local_mode=False)


@pytest.fixture(scope="session")
def accounts_url(
    tmp_path_factory: pytest.TempPathFactory, settings: Settings, services: Vocalis
) -> Iterator[str]:
    require_build()
    auth = settings.auth.model_copy(
        # Many tests sign up and in from 127.0.0.1: the per-address budget must not trip them up
        # (the rate-limit message is tested with a canned 429).
        update={"local_mode": False, "login_attempts_per_minute": 1000, "max_failed_logins": 3}
    )
    accounts_settings = settings.model_copy(
        update={"data_dir": tmp_path_factory.mktemp("e2e-accounts-data"), "auth": auth}
    )
    with server_with_accounts(accounts_settings, services.engines) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"Chromium is needed for the e2e tests: apt-get install -y chromium (looked for {CHROMIUM})"
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@contextmanager
def browser_page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A page in a fresh browser context (its own cookies); fails the test on an uncaught error."""
    context = browser.new_context(base_url=base_url, viewport=DESKTOP, accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    yield page
    context.close()
    assert not problems, problems


@pytest.fixture
def page(browser: Browser, web_url: str) -> Iterator[Page]:
    """A page on the local-mode server."""
    with browser_page(browser, web_url) as page:
        yield page


@pytest.fixture
def accounts_page(browser: Browser, accounts_url: str) -> Iterator[Page]:
    """A page on the server with accounts, signed in as nobody."""
    with browser_page(browser, accounts_url) as page:
        yield page


@pytest.fixture
def screenshots() -> Callable[[Page, str], None]:
    """Save the page at desktop and phone widths: test-artifacts/screens/NAME-desktop.png, NAME-phone.png."""

    def take(page: Page, name: str) -> None:
        SCREENS.mkdir(parents=True, exist_ok=True)
        for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            page.evaluate("window.scrollTo(0, 0)")  # the sticky header belongs at the top of the picture
            page.wait_for_timeout(150)  # let layout and the waveform canvas settle
            page.screenshot(path=str(SCREENS / f"{name}-{label}.png"), full_page=True)
        page.set_viewport_size(DESKTOP)

    return take
