"""Formula injection: text a user typed never runs in any workbook we export (issue 11, item 5).

Every text that comes from data (predikat labels set by a Pemda admin, OPD, unit, element
and indicator names, satuan, narratives, people's names) is set to a payload; every export
is read back cell by cell: no formula holds payload text, every payload cell is a string.
"""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja import services
from kinerja.cycle import entry as cycle_entry
from kinerja.cycle import services as cycle_services
from kinerja.models import Indicator, PemdaSettings, Unit
from tests.kinerja.cycle_helpers import new_cycle

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "=cmd|' /C calc'!A0",
    '"&HYPERLINK("http://evil.example","x")&"',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
]
FRAGMENTS = ["cmd|", "HYPERLINK", "evil.example", "+1+1", "-2+3", "@SUM", "\t"]


@pytest.fixture
def hostile(world):
    """The world with every configurable text set to a payload, and a cycle in pengumpulan."""
    bands = [
        {"minimum": str(m), "maksimum": None if m == 100 else str(m + 20), "label": label, "warna": "#198754"}
        for m, label in zip((0, 20, 40, 60, 80, 100), PAYLOADS, strict=True)
    ]
    PemdaSettings.objects.update_or_create(pemda=world.pemda, defaults={"predikat_scale": bands})
    world.opd.name = PAYLOADS[0]
    world.opd.save()
    world.other_opd.name = PAYLOADS[1]
    world.other_opd.save()
    Unit.objects.filter(pk=world.unit.pk).update(name=PAYLOADS[2])
    world.sasaran.name = PAYLOADS[3]
    world.sasaran.save()
    world.program.name = PAYLOADS[4]
    world.program.save()
    world.indicator.name = PAYLOADS[5]
    world.indicator.satuan = PAYLOADS[0]
    world.indicator.unit = world.unit
    world.indicator.save()
    second = Indicator.objects.create(
        element=world.program, name=PAYLOADS[1], satuan=PAYLOADS[2], polarity="negatif", unit=world.unit
    )
    services.targets_set(indicator=world.indicator, year=2026, values={0: Decimal(240), 2: Decimal(60)})
    services.targets_set(indicator=second, year=2026, values={0: Decimal(7), 2: Decimal(7)})
    person = world.users["tim_sakip"]
    person.full_name = PAYLOADS[3]
    person.save()
    cycle = new_cycle(world)
    cycle_services.cycle_dispose(
        cycle_id=cycle.pk, user=world.users["kepala"], instruction="Ukur", due_date=None
    )
    cycle_services.cycle_assign(
        cycle_id=cycle.pk, user=world.users["sekretaris"], team=[person], note="", pics={}
    )
    cycle = cycle_services.cycle_mulai_pengumpulan(cycle_id=cycle.pk, user=world.users["sekretaris"])
    for item, value, texts in (
        (cycle.items.get(indicator=world.indicator), 61, PAYLOADS[:3]),
        (cycle.items.get(indicator=second), 6, PAYLOADS[3:]),
    ):
        cycle_entry.item_save(
            item_id=item.pk,
            user=person,
            version=0,
            data={
                "value": Decimal(value),
                "faktor_pendukung": texts[0],
                "faktor_penghambat": texts[1],
                "solusi": texts[2],
            },
        )
    world.cycle = cycle
    return world


def exports(client, world) -> dict[str, bytes]:
    query = "?tahun=2026&periode=tw2"
    urls = {
        "rekap OPD": reverse("kinerja:opd_recap_xlsx", args=[world.opd.pk]) + query,
        "rekap Pemda": reverse("kinerja:pemda_recap_xlsx", args=[world.pemda.pk]) + query,
        "kertas kerja": reverse("kinerja:worksheet_download", args=[world.cycle.pk]),
        "templat onboarding": reverse("kinerja:onboarding_template", args=[world.renstra.pk]),
    }
    files = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        files[name] = response.content
    return files


def test_no_payload_becomes_a_formula_in_any_export(client, hostile):
    client.force_login(hostile.users["admin_pemda"])  # sees every export of the Pemda
    files = exports(client, hostile)
    for name, content in files.items():
        wb = load_workbook(io.BytesIO(content))
        found = set()
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    value = cell.value
                    if not isinstance(value, str):
                        continue
                    where = f"{name}: {ws.title}!{cell.coordinate} = {value!r}"
                    if cell.data_type == "f":
                        assert not any(fragment in value for fragment in FRAGMENTS), where
                        continue
                    for payload in PAYLOADS:
                        if payload in value:
                            found.add(payload)
                            assert cell.data_type == "s", where
                    if value in PAYLOADS and value[0] in "=+-@\t":
                        assert cell.quotePrefix, where
        assert found, name  # the payloads did reach the file, as text


def test_the_predikat_labels_reach_each_recap_as_text(client, hostile):
    client.force_login(hostile.users["admin_pemda"])
    files = exports(client, hostile)
    for name in ("rekap OPD", "rekap Pemda"):
        wb = load_workbook(io.BytesIO(files[name]))
        labels = [r[0] for r in wb["Parameter"].iter_rows(values_only=True) if r and r[0] in PAYLOADS]
        assert sorted(labels) == sorted(PAYLOADS), name
    ringkasan = load_workbook(io.BytesIO(files["rekap OPD"]))["Ringkasan"]
    assert {c.data_type for row in ringkasan.iter_rows(min_row=2, max_col=1) for c in row} == {"s"}
