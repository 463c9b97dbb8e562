"""The kepala opens the recap, filters it to the IKU of TW II, and reads how a capaian was computed."""

from playwright.sync_api import expect

from tests.e2e.conftest import log_in


def test_kepala_filters_the_recap_and_opens_an_explanation(demo, live_server, new_page, screenshot):
    page = new_page()
    log_in(page, live_server.url, "disnaker-lmj.kepala")
    page.get_by_role("link", name="Dinas Tenaga Kerja").first.click()
    page.get_by_role("link", name="Rekap capaian").click()

    filters = page.get_by_test_id("recap-filters")
    filters.get_by_label("Tahun").select_option("2026")
    filters.get_by_label("Periode").select_option("tw2")
    filters.get_by_label("Hanya IKU").check()
    filters.get_by_role("button", name="Terapkan").click()

    rows = page.get_by_test_id("recap-row")
    expect(rows).to_have_count(6)
    for i in range(6):
        expect(rows.nth(i)).to_contain_text("IKU")
    expect(page.get_by_test_id("predikat-totals")).to_contain_text("6 dari 19 indikator")

    row = rows.filter(has_text="Jumlah wirausaha baru")
    capaian = row.get_by_test_id("capaian")
    expect(capaian).to_contain_text("104,63%")
    explanation = capaian.locator(".explanation")
    expect(explanation).to_be_hidden()
    capaian.locator("summary").click()
    expect(explanation).to_be_visible()
    expect(explanation).to_contain_text("Agregasi kumulatif")
    expect(explanation).to_contain_text("T = 108, R = 113")
    screenshot(page, "recap-iku")

    page.get_by_role("link", name="Dasbor").click()
    expect(page.get_by_test_id("chart-iku").locator("svg")).to_be_visible()
