"""The whole measurement cycle in four browsers: kepala, Sekretaris, operator, Tim SAKIP.

Demo data: Kecamatan Candipuro's TW III cycle waits in disposisi.
"""

from playwright.sync_api import expect

from kinerja.models import Cycle, Realisasi
from tests.e2e.conftest import log_in


def open_cycle(page, base_url, cycle_id):
    page.goto(f"{base_url}/siklus/{cycle_id}/")
    expect(page.get_by_test_id("state-diagram")).to_be_visible()


def state_is(page, state):
    expect(page.locator(f"[data-testid='state-diagram'] [data-state='{state}']")).to_have_attribute(
        "aria-current", "step"
    )


def save_row(row, value):
    field = row.locator("input[name$='-value']")
    field.fill(value)
    field.press("Enter")


def test_a_cycle_from_disposisi_to_arsip(demo, live_server, new_page, screenshot, tmp_path):
    base = live_server.url
    cycle = Cycle.objects.get(opd__name="Kecamatan Candipuro", period="tw3")
    kepala, sekretaris, operator, tim = new_page(), new_page(), new_page(), new_page()
    log_in(kepala, base, "candipuro.kepala")
    log_in(sekretaris, base, "candipuro.sekretaris")
    log_in(operator, base, "candipuro.operator")
    log_in(tim, base, "candipuro.timsakip")

    # 1. The kepala sees the cycle in the inbox and writes the disposition.
    expect(kepala.get_by_test_id("nav-inbox")).to_contain_text("1")
    kepala.get_by_test_id("nav-inbox").click()
    kepala.get_by_test_id("inbox-entry").filter(has_text="Tulis disposisi").click()
    kepala.get_by_label("Isi disposisi").fill("Lakukan pengukuran kinerja TW III, libatkan seksi terkait.")
    kepala.get_by_role("button", name="Simpan disposisi").click()
    expect(kepala.get_by_text("Disposisi disimpan")).to_be_visible()

    # 2. The Sekretaris assigns Tim SAKIP and a PIC, then starts the collection.
    open_cycle(sekretaris, base, cycle.pk)
    sekretaris.get_by_role("link", name="Tugaskan Tim SAKIP dan PIC").click()
    form = sekretaris.get_by_test_id("assign-form")
    form.get_by_label("Moch. Rizal Efendi, S.AP.").check()
    form.get_by_label("Arahan").fill("Selesaikan dalam 3 hari kerja.")
    first_pic = form.locator("select[name^='pic_']").first
    first_pic.select_option(label="Wahyu Andriani")
    sekretaris.get_by_role("button", name="Simpan penugasan").click()
    sekretaris.get_by_role("button", name="Mulai pengumpulan data").click()
    state_is(sekretaris, "pengumpulan")

    # 3. The operator fills their one indicator, with a decimal comma and evidence.
    operator.goto(f"{base}/siklus/{cycle.pk}/isian/?tampil=saya")
    rows = operator.get_by_test_id("grid-row")
    expect(rows).to_have_count(1)
    mine = rows.first
    indicator_name = mine.get_attribute("data-indicator")
    save_row(mine, "95,5")
    expect(operator.get_by_test_id("saved")).to_be_visible()
    evidence = tmp_path / "daftar-hadir.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% daftar hadir rapat koordinasi\n")
    row = operator.get_by_test_id("grid-row").first
    row.locator("input[type='file']").set_input_files(str(evidence))
    row.get_by_role("button", name="Unggah bukti").click()
    expect(operator.get_by_test_id("evidence-list").first).to_contain_text("daftar-hadir.pdf")

    # 4. Tim SAKIP fills every other indicator and links evidence where it is required.
    tim.goto(f"{base}/siklus/{cycle.pk}/isian/")
    rows = tim.get_by_test_id("grid-row")
    for index in range(rows.count()):
        row = tim.get_by_test_id("grid-row").nth(index)
        if row.get_attribute("data-indicator") == indicator_name:
            continue
        if row.get_by_text("wajib bukti").count():
            row.get_by_label("atau tautan").fill(f"https://drive.lumajangkab.go.id/bukti/{index}")
            row.get_by_role("button", name="Unggah bukti").click()
            row = tim.get_by_test_id("grid-row").nth(index)
            expect(row.get_by_test_id("evidence-list")).to_contain_text("https://")
        save_row(row, "12")
        expect(tim.get_by_test_id("grid-row").nth(index).get_by_test_id("saved")).to_be_visible()
    open_cycle(tim, base, cycle.pk)
    tim.get_by_role("button", name="Selesai pengumpulan, lanjut rekap").click()
    state_is(tim, "rekap")
    tim.get_by_role("button", name="Ajukan rekap untuk direviu").click()
    state_is(tim, "reviu")

    # 5. The Sekretaris returns the operator's indicator with a note.
    open_cycle(sekretaris, base, cycle.pk)
    review_row = sekretaris.get_by_test_id("review-row").filter(has_text=indicator_name)
    review_row.get_by_label("Perlu perbaikan").check()
    review_row.get_by_placeholder("Catatan").fill("Angka tidak sesuai laporan bulanan.")
    review_row.get_by_role("button", name="Simpan reviu").click()
    sekretaris.get_by_label("Catatan (wajib)").first.fill("Perbaiki satu indikator sesuai catatan.")
    sekretaris.get_by_role("button", name="Kembalikan untuk perbaikan data").click()
    state_is(sekretaris, "pengumpulan")

    # 6. The operator fixes it (only that indicator is open); Tim SAKIP resubmits.
    operator.goto(f"{base}/siklus/{cycle.pk}/isian/?tampil=saya")
    mine = operator.get_by_test_id("grid-row").first
    expect(mine).to_contain_text("Angka tidak sesuai laporan bulanan.")
    save_row(mine, "96")
    expect(operator.get_by_test_id("saved")).to_be_visible()
    tim.goto(f"{base}/siklus/{cycle.pk}/isian/")
    expect(tim.get_by_test_id("locked-reason").first).to_contain_text("terkunci")
    open_cycle(tim, base, cycle.pk)
    tim.get_by_role("button", name="Selesai pengumpulan, lanjut rekap").click()
    tim.get_by_role("button", name="Ajukan rekap untuk direviu").click()
    state_is(tim, "reviu")

    # 7. The Sekretaris sees what changed, clears the mark and passes it on.
    open_cycle(sekretaris, base, cycle.pk)
    review_row = sekretaris.get_by_test_id("review-row").filter(has_text=indicator_name)
    expect(review_row.get_by_test_id("changed")).to_be_visible()
    review_row.get_by_label("Perlu perbaikan").uncheck()
    review_row.get_by_placeholder("Catatan").fill("Sudah sesuai.")
    review_row.get_by_role("button", name="Simpan reviu").click()
    sekretaris.get_by_role("button", name="Teruskan ke Kepala untuk disahkan").click()
    state_is(sekretaris, "pengesahan")

    # 8. The kepala signs off; the cycle is archived and the timeline tells the story.
    open_cycle(kepala, base, cycle.pk)
    kepala.get_by_role("button", name="Sahkan dan arsipkan").click()
    state_is(kepala, "arsip")
    expect(kepala.get_by_test_id("signature")).to_contain_text("AKHMAD KHARIRI")
    expect(kepala.get_by_test_id("signature")).to_contain_text("19720818 199403 1 009")
    timeline = kepala.get_by_test_id("timeline")
    for text in (
        "Disposisi ditulis",
        "Penugasan",
        "Disposisi → Pengumpulan",
        "Reviu → Pengumpulan",
        "Perbaiki satu indikator",
        "Pengesahan → Arsip",
    ):
        expect(timeline).to_contain_text(text)
    assert kepala.get_by_test_id("timeline-entry").count() == 11
    screenshot(kepala, "cycle-archived")
    cycle.refresh_from_db()
    assert cycle.state == "arsip"
    fixed = Realisasi.objects.get(
        indicator__name=indicator_name, indicator__element__renstra__opd=cycle.opd, year=2026, quarter=3
    )
    assert fixed.value == 96
    assert fixed.history.count() == 2  # entered, then corrected after the return
