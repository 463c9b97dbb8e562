"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# (fixtures, assertions) are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "test-results"))


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    contexts = []

    def _new_page():
        context = browser.new_context(locale="id-ID", viewport={"width": 1366, "height": 900})
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    def _shot(page, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _shot


@pytest.fixture(scope="session")
def _demo_copy(tmp_path_factory):
    """Where the first browser test keeps a copy of the seeded demo (SQLite), for the next ones."""
    return {"media": tmp_path_factory.mktemp("demo-media"), "database": None}


@pytest.fixture
def demo(transactional_db, settings, _demo_copy):
    """The demo data, as `seed_demo` makes it, committed for the live server.

    Seeding takes ~9 s. On SQLite (the in-memory test database the live server shares) the first
    test seeds and keeps a copy of the database and of the files the seed wrote (the signed
    reports); every later test restores that copy into its emptied database (milliseconds), so
    each still starts from the freshly seeded demo. Elsewhere each test seeds.
    """
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        call_command("seed_demo", year=2026)
        return
    connection.ensure_connection()
    if _demo_copy["database"] is None:
        call_command("seed_demo", year=2026)
        _demo_copy["database"] = sqlite3.connect(":memory:")
        connection.connection.backup(_demo_copy["database"])
        shutil.copytree(settings.MEDIA_ROOT, _demo_copy["media"], dirs_exist_ok=True)
    else:
        _demo_copy["database"].backup(connection.connection)
        shutil.copytree(_demo_copy["media"], settings.MEDIA_ROOT, dirs_exist_ok=True)


def log_in(page, base_url: str, username: str, password: str = "demo-sakip") -> None:
    from playwright.sync_api import expect

    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="OPD saya")).to_be_visible()
