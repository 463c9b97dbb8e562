"""The main pages work under the Content-Security-Policy: no violation reported by the browser."""

from kinerja.models import OPD, Cycle
from sop.models import SopTemplate
from tests.e2e.conftest import log_in


def test_no_csp_violations_on_the_main_pages(demo, live_server, new_page):
    page = new_page()
    violations: list[str] = []
    page.on(
        "console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    log_in(page, live_server.url, "disnaker-lmj.timsakip")
    opd = OPD.objects.get(name="Dinas Tenaga Kerja")
    cycle = Cycle.objects.get(opd=opd, period="tw3")
    sop = SopTemplate.objects.get(slug="disnaker-lumajang-pengukuran")
    paths = [
        "/",
        f"/opd/{opd.pk}/",
        f"/opd/{opd.pk}/rekap/?periode=tw2",
        f"/opd/{opd.pk}/dasbor/?periode=tw2",
        f"/opd/{opd.pk}/dokumen/",
        "/siklus/",
        f"/siklus/{cycle.pk}/",
        f"/siklus/{cycle.pk}/isian/",
        "/kotak-masuk/",
        "/sop/",
        f"/sop/{sop.pk}/",
        f"/sop/{sop.pk}/ubah/",
        "/verifikasi/",
    ]
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status < 400, path
        page.wait_for_load_state("networkidle")
    # htmx at work under the policy: a live capaian preview in the grid.
    page.goto(f"{live_server.url}/siklus/{cycle.pk}/isian/")
    field = page.locator("input[name$='-value']").first
    field.fill("12,5")
    page.wait_for_timeout(800)
    assert violations == [], violations
