"""Onboarding an OPD's plan from one workbook: preview, confirm, idempotent rerun, bad rows refused."""

import io
import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kinerja.excel import pending
from kinerja.excel.onboarding import MAX_BLANK_TAIL, MAX_ROWS, SHEETS
from kinerja.models import Budget, Indicator, PlanElement, RenstraPeriod, Target, Unit
from tests.kinerja import xlsx_attacks

pytestmark = pytest.mark.django_db


@pytest.fixture
def target_renstra(world):
    """Kecamatan Candipuro, new to the product: a Renstra and a unit, nothing else."""
    from kinerja.models import Membership

    Membership.objects.create(user=world.users["tim_sakip"], opd=world.other_opd, role="tim_sakip")
    Unit.objects.create(opd=world.other_opd, name="Seksi Pemerintahan", kind="seksi")
    return RenstraPeriod.objects.create(
        opd=world.other_opd, name="Renstra 2025-2029", start_year=2025, end_year=2029
    )


def workbook(rows: dict[str, list[list]]) -> bytes:
    wb = Workbook()
    wb.active.title = "Petunjuk"
    for name, headers in SHEETS.items():
        ws = wb.create_sheet(name)
        ws.append(headers)
        for row in rows.get(name, []):
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


REALISTIC = {
    "Elemen": [
        ["tujuan", "T1", "", "Meningkatnya kualitas pelayanan publik kecamatan", ""],
        ["sasaran", "S1.1", "T1", "Meningkatnya kualitas pelayanan administrasi terpadu", ""],
        [
            "program",
            "7.01.02",
            "S1.1",
            "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
            "Seksi Pemerintahan",
        ],
        [
            "kegiatan",
            "7.01.02.2.01",
            "7.01.02",
            "Koordinasi Penyelenggaraan Kegiatan Pemerintahan",
            "Seksi Pemerintahan",
        ],
        [
            "sub_kegiatan",
            "7.01.02.2.01.0001",
            "7.01.02.2.01",
            "Koordinasi/Sinergi Perencanaan dan Pelaksanaan",
            "",
        ],
    ],
    "Indikator": [
        [
            "T1",
            "Indeks Kepuasan Masyarakat",
            "nilai",
            "positif",
            None,
            None,
            "rata_rata",
            2024,
            82.5,
            "ya",
            "ya",
            "tidak",
            "",
            "Survei IKM",
            "",
            "Laporan IKM",
        ],
        [
            "S1.1",
            "Persentase layanan PATEN tepat waktu",
            "%",
            "positif",
            None,
            None,
            "nilai_akhir",
            None,
            None,
            "ya",
            "tidak",
            "tidak",
            "Seksi Pemerintahan",
            "",
            "",
            "",
        ],
        [
            "7.01.02",
            "Jumlah gangguan trantibum",
            "kejadian",
            "negatif",
            None,
            None,
            "kumulatif",
            None,
            None,
            "tidak",
            "tidak",
            "tidak",
            "",
            "",
            "",
            "",
        ],
        [
            "7.01.02.2.01.0001",
            "Rasio rapat koordinasi",
            "%",
            "rentang",
            90,
            110,
            "rata_rata",
            None,
            None,
            "tidak",
            "tidak",
            "tidak",
            "",
            "",
            "",
            "",
        ],
    ],
    "Target": [
        ["T1", "Indeks Kepuasan Masyarakat", 2026, 85, 85, 85, 85, 85],
        ["T1", "Indeks Kepuasan Masyarakat", 2027, 86, None, None, None, 86],
        ["S1.1", "Persentase layanan PATEN tepat waktu", 2026, 95, 90, 92, 94, 95],
        ["7.01.02", "Jumlah gangguan trantibum", 2026, 12, 3, 3, 3, 3],
    ],
    "Anggaran": [
        ["7.01.02.2.01.0001", 2026, 1, 25000000, 21000000],
        ["7.01.02.2.01.0001", 2026, 2, 30000000, None],
    ],
}


def post(client, renstra, content):
    return client.post(
        reverse("kinerja:onboarding_upload", args=[renstra.pk]),
        {"file": SimpleUploadedFile("plan.xlsx", content)},
    )


def state():
    return (
        PlanElement.objects.count(),
        Indicator.objects.count(),
        list(Target.objects.order_by("pk").values_list("indicator_id", "year", "quarter", "value")),
        Budget.objects.count(),
    )


def test_a_new_opd_is_onboarded_from_one_workbook_and_a_rerun_changes_nothing(client, world, target_renstra):
    client.force_login(world.users["tim_sakip"])
    content = workbook(REALISTIC)
    before = state()
    preview = post(client, target_renstra, content)
    assert state() == before  # the preview writes nothing
    counts = preview.context["plan"].counts
    assert counts["Elemen"]["baru"] == 5 and counts["Indikator"]["baru"] == 4
    assert counts["Target"]["baru"] == 5 + 2 + 5 + 5 and counts["Anggaran"]["baru"] == 2
    response = client.post(
        reverse("kinerja:onboarding_apply", args=[target_renstra.pk]),
        {"token": preview.context["token"]},
        follow=True,
    )
    assert "Onboarding selesai" in response.text
    sub = PlanElement.objects.get(renstra=target_renstra, code="7.01.02.2.01.0001")
    assert sub.parent.code == "7.01.02.2.01" and sub.level == "sub_kegiatan"
    band = Indicator.objects.get(name="Rasio rapat koordinasi")
    assert (band.polarity, band.band_lower, band.band_upper) == ("rentang", 90, 110)
    ikm = Indicator.objects.get(name="Indeks Kepuasan Masyarakat")
    assert ikm.is_iku and ikm.requires_evidence and ikm.baseline_value == 82.5
    assert dict(ikm.targets.filter(year=2027).values_list("quarter", "value")) == {0: 86, 4: 86}
    assert Budget.objects.get(element=sub, quarter=1).realisasi == 21000000
    after = state()
    again = post(client, target_renstra, content)
    assert 'data-testid="no-changes"' in again.text
    assert state() == after


def test_the_template_comes_prefilled_and_uploads_back_unchanged(client, world):
    client.force_login(world.users["tim_sakip"])
    template = client.get(reverse("kinerja:onboarding_template", args=[world.renstra.pk]))
    assert template["Content-Disposition"].startswith("attachment")
    wb = load_workbook(io.BytesIO(template.content))
    assert [r[1] for r in wb["Elemen"].iter_rows(min_row=2, values_only=True)] == ["T1", "S1", "2.07.04"]
    before = state()
    response = post(client, world.renstra, template.content)
    assert 'data-testid="no-changes"' in response.text
    assert state() == before


@pytest.mark.parametrize(
    ("sheet", "row", "message"),
    [
        ("Elemen", ["program", "7.1.2", "S1.1", "Program salah", ""], "Format kode tidak sesuai"),
        (
            "Elemen",
            ["kegiatan", "7.01.09.2.01", "7.01.09", "Tanpa induk", ""],
            "induk '7.01.09' harus Program",
        ),
        ("Elemen", ["tingkat_aneh", "X1", "", "x", ""], "tidak dikenal"),
        (
            "Elemen",
            ["program", "7.01.03", "S1.1", "Program", "Bidang Rahasia"],
            "unit 'Bidang Rahasia' tidak ada",
        ),
        (
            "Indikator",
            [
                "ZZ",
                "Tanpa elemen",
                "%",
                "positif",
                None,
                None,
                "kumulatif",
                None,
                None,
                "ya",
                "tidak",
                "tidak",
                "",
                "",
                "",
                "",
            ],
            "kode elemen 'ZZ' tidak ada",
        ),
        (
            "Indikator",
            [
                "T1",
                "Rentang kosong",
                "%",
                "rentang",
                None,
                None,
                "kumulatif",
                None,
                None,
                "ya",
                "tidak",
                "tidak",
                "",
                "",
                "",
                "",
            ],
            "membutuhkan batas bawah",
        ),
        (
            "Indikator",
            [
                "T1",
                "IKU aneh",
                "%",
                "positif",
                None,
                None,
                "kumulatif",
                None,
                None,
                "mungkin",
                "tidak",
                "tidak",
                "",
                "",
                "",
                "",
            ],
            "isi ya atau tidak",
        ),
        (
            "Target",
            ["7.01.02", "Jumlah gangguan trantibum", 2026, -1, None, None, None, None],
            "tidak boleh negatif",
        ),
        (
            "Target",
            ["7.01.02", "Jumlah gangguan trantibum", 2040, 1, None, None, None, None],
            "periode Renstra",
        ),
        (
            "Target",
            ["T1", "Indeks Kepuasan Masyarakat", 2026, "delapan", None, None, None, None],
            "berisi teks",
        ),
        ("Anggaran", ["T1", 2026, 1, 100, None], "hanya untuk program"),
        ("Anggaran", ["7.01.02", 2026, 7, 100, None], "triwulan (1-4)"),
    ],
)
def test_bad_rows_are_reported_with_their_place_and_nothing_is_written(
    client, world, target_renstra, sheet, row, message
):
    client.force_login(world.users["tim_sakip"])
    rows = {k: list(v) for k, v in REALISTIC.items()}
    rows[sheet] = [*rows[sheet], row]
    before = state()
    response = post(client, target_renstra, workbook(rows))
    assert message in response.text.replace("&#x27;", "'")
    assert "Baris" in response.text
    assert not response.context.get("token")
    assert state() == before


def test_missing_sheets_and_renamed_columns_are_refused(client, world, target_renstra):
    client.force_login(world.users["tim_sakip"])
    wb = Workbook()
    wb.active.title = "Elemen"
    out = io.BytesIO()
    wb.save(out)
    assert "lembar Indikator, Target, Anggaran tidak ada" in post(client, target_renstra, out.getvalue()).text
    content = workbook(REALISTIC)
    wb = load_workbook(io.BytesIO(content))
    wb["Indikator"]["C1"] = "Unit ukur"
    out = io.BytesIO()
    wb.save(out)
    text = post(client, target_renstra, out.getvalue()).text.replace("&#x27;", "'")
    assert "judul kolom seharusnya 'Satuan', tertulis 'Unit ukur'" in text
    assert "Bukan berkas Excel" in post(client, target_renstra, b"Tingkat;Kode\n").text


def test_onboarding_is_for_plan_editors_of_the_opd(client, world):
    url = reverse("kinerja:onboarding_upload", args=[world.renstra.pk])
    client.force_login(world.users["operator"])
    assert client.get(url).status_code == 403
    client.force_login(world.users["other_tim_sakip"])
    assert client.get(url).status_code == 404
    client.force_login(world.users["admin_pemda"])
    assert client.get(url).status_code == 200


# ---- bounded reading and the door (issue 11, item 4)


def test_only_plan_editors_have_their_file_read(client, world, monkeypatch):
    from kinerja.excel import onboarding_import

    calls = []
    monkeypatch.setattr(onboarding_import, "read_plan", lambda *a, **k: calls.append(a) or None)
    monkeypatch.setattr(onboarding_import, "check_file", lambda *a, **k: calls.append(a))
    content = xlsx_attacks.blank_rows(workbook(REALISTIC), part="xl/worksheets/sheet2.xml")
    for role, status in (("pemantau", 403), ("operator", 403), ("kepala", 403), ("other_tim_sakip", 404)):
        client.force_login(world.users[role])
        assert post(client, world.renstra, content).status_code == status, role
    assert calls == []


@pytest.mark.parametrize(
    ("attack", "message"),
    [
        (lambda c: xlsx_attacks.blank_rows(c, 500_000, part=ELEMEN), "Lembar Elemen berisi lebih dari"),
        (lambda c: xlsx_attacks.blank_rows(c, part=ELEMEN), "Isi berkas terlalu besar untuk templat"),
        (lambda c: xlsx_attacks.far_row(c, part=ELEMEN), "Lembar Elemen berisi lebih dari"),
        (lambda c: xlsx_attacks.wide_cell(c, 2, part=ELEMEN), "berisi sel di kolom XFD"),
        (lambda c: xlsx_attacks.zip_bomb(c, 300, part=ELEMEN), "memadat secara tidak wajar"),
        (lambda c: xlsx_attacks.zip_bomb(c, 3, part=ELEMEN, ratio_safe=True), "Isi berkas terlalu besar"),
    ],
    ids=[
        "half a million blank rows",
        "a million blank rows",
        "a cell in the last row",
        "column XFD",
        "zip bomb",
        "past the budget",
    ],
)
def test_hostile_files_are_refused_after_a_bounded_read(
    client, world, target_renstra, rows_read, attack, message, monkeypatch
):
    from kinerja.excel import onboarding_import

    if message == "Isi berkas terlalu besar":  # a lower budget, so that a file past it fits the 5 MB cap
        monkeypatch.setattr(onboarding_import, "MAX_UNPACKED", 2 * 1024 * 1024)
    client.force_login(world.users["tim_sakip"])
    before = state()
    response = post(client, target_renstra, attack(workbook(REALISTIC)))
    assert message in response.context["refusal"]
    assert not response.context.get("token")
    assert state() == before
    # the sheets ahead of Elemen, then Elemen up to its bound: never the million rows
    assert rows_read["rows"] <= MAX_ROWS + MAX_BLANK_TAIL + 10, rows_read


ELEMEN = "xl/worksheets/sheet2.xml"  # Petunjuk is sheet1


@pytest.fixture
def rows_read(monkeypatch):
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    counter = {"rows": 0}
    real = ReadOnlyWorksheet._cells_by_row

    def counting(self, *args, **kwargs):
        for row in real(self, *args, **kwargs):
            counter["rows"] += 1
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counting)
    return counter


# ---- abandoned uploads are swept after a day (issue 11, item 7)


def _aged(path, hours: float):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK")
    old = time.time() - hours * 3600
    os.utime(path, (old, old))
    return path


def test_abandoned_uploads_are_swept_by_the_command(settings):
    old = _aged(pending.path_for("lama"), 25)
    fresh = _aged(pending.path_for("baru"), 2)
    out = io.StringIO()
    call_command("sapu_unggahan", stdout=out)
    assert not old.exists() and fresh.exists()
    assert "1 unggahan lama dihapus" in out.getvalue()
    call_command("sapu_unggahan", "--jam", "1", stdout=out)
    assert not fresh.exists()


def test_a_new_upload_sweeps_the_abandoned_ones(client, world, target_renstra):
    old = _aged(pending.path_for("ditinggal"), 30)
    client.force_login(world.users["tim_sakip"])
    preview = post(client, target_renstra, workbook(REALISTIC))
    assert pending.path_for(preview.context["token"]).exists()
    assert not old.exists()
