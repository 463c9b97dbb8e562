"""One row shape: what the sign-off freezes is exactly what the report and the archive show."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja import services
from kinerja.cycle import rows
from kinerja.cycle import selectors as cycle_selectors
from kinerja.cycle import services as cycle_services
from kinerja.models import Realisasi
from tests.factories import IndicatorFactory
from tests.kinerja.cycle_helpers import force_state, new_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def pengesahan(world):
    # A second indicator on the tujuan, ordered before the sasaran's in the tree.
    IndicatorFactory(element=world.tujuan, name="Indeks kepuasan", order=1)
    services.targets_set(indicator=world.indicator, year=2026, values={1: Decimal(50), 2: Decimal(50)})
    cycle = force_state(new_cycle(world), "pengesahan", world)
    Realisasi.objects.filter(indicator=world.indicator).update(
        faktor_pendukung="Pelatihan berjalan", solusi="Perluas mitra"
    )
    return cycle


def test_the_signed_rows_are_the_rows_under_review(world, pengesahan):
    live, _settings = cycle_selectors.report_rows(pengesahan)
    assert [r.indicator.name for r in live] == ["Indeks kepuasan", "Jumlah wirausaha baru"]
    cycle_services.cycle_sahkan(cycle_id=pengesahan.pk, user=world.users["kepala"])
    pengesahan.refresh_from_db()
    # A later change of the plan and of the data changes nothing the signature shows.
    services.targets_set(indicator=world.indicator, year=2026, values={2: Decimal(5)})
    frozen, _settings = cycle_selectors.report_rows(pengesahan)
    assert frozen == live
    wirausaha = frozen[1]
    assert (wirausaha.target, wirausaha.realisasi, wirausaha.predikat) == (
        Decimal(100),
        Decimal(10),
        "Sangat Rendah",
    )
    assert wirausaha.analysis["faktor_pendukung"] == "Pelatihan berjalan"
    assert wirausaha.analysis["solusi"] == "Perluas mitra"


def test_the_archive_table_shows_the_frozen_rows_in_the_reports_order(client, world, pengesahan):
    cycle_services.cycle_sahkan(cycle_id=pengesahan.pk, user=world.users["kepala"])
    client.force_login(world.users["tim_sakip"])
    page = client.get(reverse("kinerja:cycle_detail", args=[pengesahan.pk])).text
    assert page.index("Indeks kepuasan") < page.index("Jumlah wirausaha baru")
    assert page.count('data-testid="archived-row"') == 2
    assert "Belum dapat dihitung" in page  # the unfilled indicator says so, not a blank cell


def test_what_the_reviewer_saw_is_compared_in_one_shape(world):
    cycle = force_state(new_cycle(world), "pengumpulan", world)
    current = Realisasi.objects.get(indicator=world.indicator)
    seen = rows.reviewed(current, [3, 1])
    assert seen == {
        "value": "10.0000",
        "unmeasured_reason": "",
        "faktor_pendukung": "",
        "faktor_penghambat": "",
        "solusi": "",
        "evidence": [1, 3],
    }
    assert rows.reviewed(None, []) == {}
    assert set(rows.entered(None)) == set(rows.entered(current)) and cycle.pk
