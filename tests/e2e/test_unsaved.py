"""Nothing typed is silently lost: a save the server did not acknowledge says so in the row,
the typed value stays; the session warns before it ends; the 500 page obeys our own CSP."""

from django.contrib.sessions.models import Session
from django.urls import path
from playwright.sync_api import expect

from kinerja.models import OPD, Cycle, Realisasi
from tests.e2e.conftest import SCREENSHOTS, log_in

CSP_LISTENER = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation', "
    "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
)


def grid(page, base):
    opd = OPD.objects.get(name="Dinas Tenaga Kerja")
    cycle = Cycle.objects.get(opd=opd, period="tw3")
    page.goto(f"{base}/siklus/{cycle.pk}/isian/")
    return cycle


def stored(cycle, indicator_name):
    real = Realisasi.objects.filter(
        indicator__name=indicator_name, year=cycle.year, quarter=cycle.entry_quarter
    ).first()
    return real.value if real else None


def test_a_failed_save_is_shown_in_the_row_and_keeps_the_typed_value(demo, live_server, new_page, screenshot):
    page = new_page()
    page.add_init_script(CSP_LISTENER)
    log_in(page, live_server.url, "disnaker-lmj.timsakip")
    cycle = grid(page, live_server.url)
    row = page.get_by_test_id("grid-row").filter(has=page.locator("form.row-form")).first
    name = row.get_attribute("data-indicator")
    before = stored(cycle, name)
    field = row.locator("input[name$='-value']")

    # 1. The server answers 500 (the "database is locked" of before).
    def fail_posts(route):
        if route.request.method == "POST":
            route.fulfill(status=500, body="<h1>Terjadi gangguan</h1>", content_type="text/html")
        else:
            route.continue_()

    page.route("**/butir/*/", fail_posts)
    field.fill("987,5")
    field.press("Enter")
    notice = row.get_by_test_id("unsaved")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Belum tersimpan: server gagal menyimpan (kode 500)")
    expect(notice).to_contain_text("coba lagi")
    expect(field).to_have_value("987,5")
    expect(row.get_by_test_id("saved")).to_have_count(0)
    screenshot(page, "grid-unsaved-500")
    assert stored(cycle, name) == before

    # 2. The network drops.
    page.unroute("**/butir/*/")
    page.route(
        "**/butir/*/", lambda route: route.abort() if route.request.method == "POST" else route.continue_()
    )
    row.get_by_role("button", name="Simpan").click()
    expect(notice).to_contain_text("koneksi ke server terputus")
    expect(field).to_have_value("987,5")

    # 3. The session ended: the answer is the login page, which must not land in the row.
    page.unroute("**/butir/*/")
    Session.objects.all().delete()
    row.get_by_role("button", name="Simpan").click()
    expect(notice).to_contain_text("sesi Anda sudah berakhir")
    expect(field).to_have_value("987,5")
    expect(page.get_by_label("Nama pengguna")).to_have_count(0)
    assert stored(cycle, name) == before

    # 4. Signed in again, the same click saves, and only then the row says so.
    log_in(page, live_server.url, "disnaker-lmj.timsakip")
    grid(page, live_server.url)
    row = page.get_by_test_id("grid-row").filter(has_text=name).first
    row.locator("input[name$='-value']").fill("987,5")
    row.get_by_role("button", name="Simpan").click()
    expect(row.get_by_test_id("saved")).to_be_visible()
    expect(row.get_by_test_id("unsaved")).to_have_count(0)
    assert str(stored(cycle, name)).startswith("987.5")
    assert page.evaluate("window.__csp") == []


def test_the_grid_error_on_a_phone(demo, live_server, browser):
    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, live_server.url, "disnaker-lmj.timsakip")
    grid(page, live_server.url)
    page.route(
        "**/butir/*/", lambda r: r.fulfill(status=500) if r.request.method == "POST" else r.continue_()
    )
    row = page.get_by_test_id("grid-row").filter(has=page.locator("form.row-form")).first
    row.locator("input[name$='-value']").fill("12")
    row.get_by_role("button", name="Simpan").click()
    expect(row.get_by_test_id("unsaved")).to_be_visible()
    row.get_by_test_id("unsaved").scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "grid-unsaved-phone.png"))  # the visible part, not the page
    context.close()


def test_the_session_warns_before_it_ends(demo, live_server, new_page, settings, screenshot):
    settings.SESSION_COOKIE_AGE = 8  # seconds: the notice comes 4 s before the end
    page = new_page()
    page.add_init_script(CSP_LISTENER)
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("disnaker-lmj.timsakip")
    page.get_by_label("Sandi").fill("demo-sakip")
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("body")).to_have_attribute("data-session-idle", "8")
    notice = page.get_by_test_id("session-notice")
    expect(notice).to_contain_text("Sesi Anda akan berakhir dalam 4 detik; simpan isian Anda.", timeout=8000)
    screenshot(page, "session-notice")
    notice.get_by_role("button", name="Tetap masuk").click()
    expect(notice).to_have_count(0)
    expect(page.get_by_test_id("session-notice")).to_contain_text("sudah berakhir", timeout=12000)
    assert page.evaluate("window.__csp") == []


def test_unsaved_input_asks_before_leaving(demo, live_server, new_page):
    page = new_page()
    log_in(page, live_server.url, "disnaker-lmj.timsakip")
    grid(page, live_server.url)
    page.locator("input[name$='-value']").first.fill("5")
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]


def boom(request):
    raise RuntimeError("uji halaman 500")


boom.login_required = False


def test_the_500_page_obeys_the_csp(live_server, new_page, settings, screenshot):
    from sakip.urls import urlpatterns

    settings.ROOT_URLCONF = type("BoomUrls", (), {"urlpatterns": [*urlpatterns, path("uji-500/", boom)]})
    page = new_page()
    page.add_init_script(CSP_LISTENER)
    response = page.goto(f"{live_server.url}/uji-500/")
    assert response.status == 500
    expect(page.get_by_role("heading", name="Terjadi gangguan pada server")).to_be_visible()
    assert page.evaluate("getComputedStyle(document.body).maxWidth") == "640px"  # the stylesheet applied
    assert page.evaluate("window.__csp") == []
    screenshot(page, "error-500")
