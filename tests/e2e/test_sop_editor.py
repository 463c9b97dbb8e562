"""Tim SAKIP edits its SOP: turns a step into a decision, sees the flowchart preview change, saves."""

from playwright.sync_api import expect

from sop.models import SopTemplate
from tests.e2e.conftest import log_in


def test_editing_an_sop_updates_the_preview(demo, live_server, new_page, screenshot):
    page = new_page()
    log_in(page, live_server.url, "candipuro.timsakip")
    page.get_by_role("link", name="SOP", exact=True).click()
    page.get_by_role("link", name="Pengukuran Data Kinerja Kecamatan Candipuro").click()
    expect(page.get_by_test_id("sop-step")).to_have_count(10)
    page.get_by_role("link", name="Ubah (revisi baru)").click()

    preview = page.get_by_test_id("sop-preview")
    row4_diamond = preview.get_by_test_id("preview-step").nth(3).locator("polygon[fill='#fff']")
    expect(preview.get_by_test_id("preview-step")).to_have_count(10)
    expect(row4_diamond).to_have_count(0)

    page.locator("select[name='step-3-symbol']").select_option("keputusan")
    expect(page.get_by_test_id("preview-problems")).to_contain_text(
        "Langkah 4: keputusan harus mempunyai cabang Ya"
    )
    page.locator("input[name='step-3-ya']").fill("5")
    page.locator("input[name='step-3-tidak']").fill("3")
    page.locator("input[name='step-3-tidak']").blur()
    expect(
        page.get_by_test_id("sop-preview")
        .get_by_test_id("preview-step")
        .nth(3)
        .locator("polygon[fill='#fff']")
    ).to_have_count(1)
    screenshot(page, "sop-editor")

    page.get_by_role("button", name="Simpan sebagai revisi baru").click()
    expect(page.get_by_text("Disimpan sebagai revisi 2")).to_be_visible()
    template = SopTemplate.objects.get(slug="kecamatan-candipuro-pengukuran")
    step = template.revisions.get(number=2).steps.get(number=4)
    assert (step.symbol, step.ya_target, step.tidak_target) == ("keputusan", 5, 3)
    assert template.revisions.get(number=1).steps.get(number=4).symbol == "proses"
