"""The worksheet's live predikat formula gives what the Python engine gives, recalculated by
LibreOffice headless (`.ci/run` installs it; in CI a skip counts as a failure)."""

import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja import capaian, services
from kinerja.cycle import services as cycle_services
from kinerja.excel import worksheet
from kinerja.models import Indicator, PemdaSettings
from tests.kinerja.cycle_helpers import new_cycle

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed"),
]

# capaian = realisasi when the target is 100: the bounds, just below them, below 0, far above
VALUES = [-5, 0, 20, 50.99, 51, 65.5, 66, 75.999, 76, 90.99, 91, 150]
LABELS = ["=cmd|' /C calc'!A0", "Rendah", '"&HYPERLINK("http://evil.example","x")&"', "Tinggi", "+1+1"]


def recalculated(content: bytes, tmp_path) -> bytes:
    source = tmp_path / "kertas-kerja.xlsx"
    source.write_bytes(content)
    out = tmp_path / "out"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (out / source.name).read_bytes()


@pytest.mark.parametrize("custom_labels", [False, True])
def test_the_live_predikat_formula_matches_the_engine(client, world, tmp_path, custom_labels):
    if custom_labels:
        bands = [
            {"minimum": str(m), "maksimum": None if n is None else str(n), "label": label, "warna": "#198754"}
            for (m, n), label in zip([(0, 51), (51, 66), (66, 76), (76, 91), (91, None)], LABELS, strict=True)
        ]
        PemdaSettings.objects.update_or_create(pemda=world.pemda, defaults={"predikat_scale": bands})
    for n, _value in enumerate(VALUES):
        indicator = Indicator.objects.create(
            element=world.program,
            name=f"Indikator {n:02d}",
            satuan="%",
            aggregation="nilai_akhir",
            allow_negative=True,
        )
        services.targets_set(indicator=indicator, year=2026, values={0: Decimal(100), 2: Decimal(100)})
    cycle = new_cycle(world)
    cycle_services.cycle_dispose(
        cycle_id=cycle.pk, user=world.users["kepala"], instruction="Ukur", due_date=None
    )
    cycle_services.cycle_assign(
        cycle_id=cycle.pk, user=world.users["sekretaris"], team=[world.users["tim_sakip"]], note="", pics={}
    )
    cycle = cycle_services.cycle_mulai_pengumpulan(cycle_id=cycle.pk, user=world.users["sekretaris"])
    client.force_login(world.users["tim_sakip"])
    wb = load_workbook(io.BytesIO(client.get(reverse("kinerja:worksheet_download", args=[cycle.pk])).content))
    ws = wb[worksheet.SHEET]
    wanted = {f"Indikator {n:02d}": value for n, value in enumerate(VALUES)}
    for r in range(worksheet.FIRST_ROW, ws.max_row + 1):
        name = ws.cell(row=r, column=worksheet.COL["indicator"]).value
        if name in wanted:
            ws.cell(row=r, column=worksheet.COL["value"], value=wanted[name])
    filled = io.BytesIO()
    wb.save(filled)

    result = load_workbook(io.BytesIO(recalculated(filled.getvalue(), tmp_path)), data_only=True)
    sheet = result[worksheet.SHEET]
    predikat_scale = (
        PemdaSettings.objects.get(pemda=world.pemda).bands()
        if custom_labels
        else capaian.PERMENDAGRI_86_SCALE
    )
    seen = 0
    for r in range(worksheet.FIRST_ROW, sheet.max_row + 1):
        name = sheet.cell(row=r, column=worksheet.COL["indicator"]).value
        if name not in wanted:
            continue
        got_capaian = sheet.cell(row=r, column=worksheet.COL["capaian"]).value
        got_predikat = sheet.cell(row=r, column=worksheet.COL["predikat"]).value
        assert got_capaian == pytest.approx(wanted[name]), name
        expected = capaian.predikat(Decimal(str(wanted[name])), predikat_scale)
        assert got_predikat == expected, (name, wanted[name], got_predikat, expected)
        seen += 1
    assert seen == len(VALUES)
