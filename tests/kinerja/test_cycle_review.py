"""Review and sign-off: a return reopens only the marked indicators; the sign-off records the
signatory and freezes the values."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja import services
from kinerja.cycle import services as cycle_services
from kinerja.models import Cycle, CycleItem, ItemStatus
from tests.kinerja.cycle_helpers import force_state, item_of, row_post, start_collection

pytestmark = pytest.mark.django_db


def test_a_return_reopens_only_the_marked_indicators_and_highlights_changes(client, world, cycle):
    from kinerja.models import Indicator

    second = Indicator.objects.create(element=world.sasaran, name="Indikator kedua", satuan="orang")
    CycleItem.objects.create(cycle=cycle, indicator=second)
    start_collection(cycle, world)
    client.force_login(world.users["tim_sakip"])
    first_item, second_item = item_of(cycle, world), cycle.items.get(indicator=second)
    row_post(client, cycle, first_item, value="5")
    row_post(client, cycle, second_item, value="6")
    client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "ajukan_rekap"]))
    client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "ajukan_reviu"]))

    client.force_login(world.users["sekretaris"])
    client.post(
        reverse("kinerja:item_review", args=[cycle.pk, first_item.pk]),
        {"perlu_perbaikan": "1", "note": "Angka ganjil"},
    )
    client.post(
        reverse("kinerja:cycle_action", args=[cycle.pk, "kembalikan_ke_pengumpulan"]), {"note": "Perbaiki"}
    )
    assert Cycle.objects.get(pk=cycle.pk).state == "pengumpulan"
    assert CycleItem.objects.get(pk=first_item.pk).status == ItemStatus.OPEN
    assert CycleItem.objects.get(pk=second_item.pk).status == ItemStatus.LOCKED

    client.force_login(world.users["tim_sakip"])
    assert row_post(client, cycle, second_item, value="60", version=1).status_code == 403
    assert row_post(client, cycle, first_item, value="50", version=1).status_code == 200
    client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "ajukan_rekap"]))
    client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "ajukan_reviu"]))

    client.force_login(world.users["sekretaris"])
    page = client.get(reverse("kinerja:cycle_detail", args=[cycle.pk]))
    rows = {r.item.pk: r for r in page.context["rows"]}
    assert rows[first_item.pk].changed_since_review
    assert not rows[second_item.pk].changed_since_review
    assert "Angka ganjil" in page.text
    # Still marked: passing on is blocked until the Sekretaris clears the mark.
    response = client.post(
        reverse("kinerja:cycle_action", args=[cycle.pk, "teruskan_pengesahan"]), follow=True
    )
    assert "masih ditandai perlu perbaikan" in response.text
    client.post(reverse("kinerja:item_review", args=[cycle.pk, first_item.pk]), {"note": "Sudah benar"})
    client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "teruskan_pengesahan"]))
    assert Cycle.objects.get(pk=cycle.pk).state == "pengesahan"


def test_sign_off_records_the_signatory_and_freezes_values(world, cycle):
    services.targets_set(indicator=world.indicator, year=2026, values={1: Decimal(50), 2: Decimal(50)})
    cycle = force_state(cycle, "pengesahan", world)
    cycle_services.cycle_sahkan(cycle_id=cycle.pk, user=world.users["kepala"])
    cycle.refresh_from_db()
    assert cycle.state == "arsip"
    assert (cycle.signer_name, cycle.signer_jabatan, cycle.signer_nip) == (
        "INDRA WIBOWO LEKSANA, S.Sos. M.M",
        "Kepala Dinas Tenaga Kerja",
        "196811181990031005",
    )
    item = item_of(cycle, world)
    assert item.final_realisasi == Decimal(10)
    assert item.final_target == Decimal(100)  # kumulatif s.d. TW II
    assert item.final_capaian == Decimal(10)
    # A later change of the plan does not change the archive.
    services.targets_set(indicator=world.indicator, year=2026, values={1: Decimal(5)})
    assert item_of(cycle, world).final_target == Decimal(100)
