"""Web fixtures: the app served by uvicorn in a thread on a free port, a headless Debian Chromium
driven by Playwright (one per test module), and the pages' console watched for errors.

Chromium missing is a failure with the fix in the message, never a skip.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import uvicorn

from legal_search.api import create_app
from legal_search.settings import PROJECT_ROOT, Settings

CHROMIUM = os.environ.get("LEGAL_SEARCH_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling Google on a closed network.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "web"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(settings: Settings):
    """The real app over HTTP, as a browser sees it."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail(f"the web server did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def site(samples) -> str:
    with serve(samples.settings) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: install Debian's chromium "
                    "(listed in scripts/apt-packages.txt; ./scripts/setup.sh installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is missing: .venv/bin/pip install -e '.[test]'")
    with sync_playwright() as pw:
        # Playwright's own browser download does not work here; drive Debian's Chromium
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


@dataclass
class Tab:
    """A browser page plus what it reported: console errors, uncaught errors, dialogs."""

    page: object
    base: str
    errors: list[str] = field(default_factory=list)

    def go(self, path: str):
        return self.page.goto(self.base + path)

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=False)
        return path

    def no_horizontal_scroll(self) -> bool:
        return self.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    def assert_clean(self, allowed: tuple[str, ...] = ()) -> None:
        bad = [e for e in self.errors if not any(a in e for a in allowed)]
        assert not bad, f"console errors: {bad}"


def open_tab(browser, base: str, viewport: dict = DESKTOP) -> tuple[object, Tab]:
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    tab = Tab(page, base)
    page.on("console", lambda m: tab.errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: tab.errors.append(f"pageerror: {e}"))

    def dialog(d):  # an alert() would mean injected script ran
        tab.errors.append(f"dialog: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    return context, tab
