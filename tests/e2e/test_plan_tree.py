"""A demo operator logs in, opens their OPD's planning tree, and cannot open another OPD."""

import re

from playwright.sync_api import expect

from kinerja.models import OPD
from tests.e2e.conftest import log_in


def test_operator_sees_their_tree_and_not_another_opd(demo, live_server, new_page, screenshot):
    page = new_page()
    log_in(page, live_server.url, "disnaker-lmj.operator")

    cards = page.get_by_test_id("opd-card")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Dinas Tenaga Kerja")
    cards.first.get_by_role("link", name="Dinas Tenaga Kerja").click()

    expect(page.get_by_role("heading", name="Dinas Tenaga Kerja")).to_be_visible()
    rows = page.get_by_test_id("indicator-row")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 10
    tpt = page.get_by_role("link", name="Tingkat Pengangguran Terbuka (TPT)")
    expect(tpt).to_be_visible()
    expect(page.get_by_text("2.07.03.2.01.0001")).to_be_visible()
    # An operator reads the plan; editing is for Tim SAKIP.
    expect(page.get_by_role("link", name=re.compile("indikator$"))).to_have_count(0)
    screenshot(page, "opd-tree")

    page.get_by_role("button", name="Tutup semua").click()
    expect(tpt).to_be_hidden()
    page.get_by_role("button", name="Buka semua").click()
    expect(tpt).to_be_visible()

    tpt.click()
    expect(page.get_by_role("heading", name=re.compile("Tingkat Pengangguran Terbuka"))).to_be_visible()
    expect(page.get_by_test_id("targets")).to_contain_text("4,05")

    foreign = OPD.objects.get(pemda__code="tangerang")
    response = page.goto(f"{live_server.url}/opd/{foreign.pk}/")
    assert response.status == 404
    expect(page.get_by_text("Halaman tidak ditemukan")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Dinas Ketenagakerjaan")


def test_tim_sakip_adds_an_indicator_in_the_browser(demo, live_server, new_page):
    page = new_page()
    log_in(page, live_server.url, "candipuro.timsakip")
    page.get_by_role("link", name="Kecamatan Candipuro").first.click()
    node = page.locator("li[data-level='program']").filter(has_text="7.01.04").first
    node.get_by_role("link", name="indikator").first.click()
    page.get_by_label("Nama indikator").fill("Jumlah patroli wilayah bersama Polsek dan Koramil")
    page.get_by_label("Satuan").fill("kali")
    page.get_by_label("Cara agregasi").select_option("kumulatif")
    page.get_by_label("Nilai baseline").fill("1.200,5")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Indikator disimpan")).to_be_visible()
    expect(page.get_by_text("1.200,5")).to_be_visible()
