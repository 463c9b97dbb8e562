"""The entry grid: a PIC fills a row, checks on the values, lost updates, completing and reopening
items, the way to the recap."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja import services
from kinerja.models import Cycle, CycleItem, ItemStatus, Realisasi
from tests.kinerja.cycle_helpers import force_state, item_of, row_post, start_collection

pytestmark = pytest.mark.django_db


def test_a_pic_fills_their_indicator_with_a_decimal_comma(client, world, cycle):
    start_collection(cycle, world, pic=world.users["operator"])
    item = item_of(cycle, world)
    client.force_login(world.users["operator"])
    grid = client.get(reverse("kinerja:cycle_grid", args=[cycle.pk]))
    assert grid.status_code == 200
    response = row_post(client, cycle, item, value="61,5", faktor_penghambat="Hujan", solusi="Jadwal ulang")
    assert response.status_code == 200
    assert 'data-testid="saved"' in response.text
    realisasi = Realisasi.objects.get(indicator=world.indicator, year=2026, quarter=2)
    assert realisasi.value == Decimal("61.5")
    assert realisasi.faktor_penghambat == "Hujan"
    assert realisasi.entered_by == world.users["operator"]


def test_without_htmx_the_row_form_still_works(client, world, cycle):
    start_collection(cycle, world)
    client.force_login(world.users["tim_sakip"])
    item = item_of(cycle, world)
    response = row_post(client, cycle, item, value="7", htmx=False)
    assert response.status_code == 302
    assert Realisasi.objects.get().value == 7


def test_someone_who_is_not_the_pic_cannot_fill_it(client, world, cycle):
    start_collection(cycle, world, pic=world.users["kepala_unit"])
    client.force_login(world.users["operator"])
    response = row_post(client, cycle, item_of(cycle, world), value="5")
    assert response.status_code == 403
    assert not Realisasi.objects.exists()


def test_bad_numbers_keep_what_the_user_typed(client, world, cycle):
    start_collection(cycle, world)
    client.force_login(world.users["tim_sakip"])
    response = row_post(client, cycle, item_of(cycle, world), value="dua belas", solusi="Tetap di sini")
    assert response.status_code == 422
    assert "Masukkan angka yang valid" in response.text
    assert "dua belas" in response.text and "Tetap di sini" in response.text
    assert not Realisasi.objects.exists()


def test_negative_realisasi_is_refused_where_the_satuan_forbids_it(client, world, cycle):
    start_collection(cycle, world)
    client.force_login(world.users["tim_sakip"])
    response = row_post(client, cycle, item_of(cycle, world), value="-3")
    assert response.status_code == 422
    assert "tidak boleh negatif" in response.text
    assert not Realisasi.objects.exists()


def test_a_value_or_a_reason_is_needed(client, world, cycle):
    start_collection(cycle, world)
    client.force_login(world.users["tim_sakip"])
    response = row_post(client, cycle, item_of(cycle, world), value="")
    assert response.status_code == 422
    assert "jelaskan mengapa tidak dapat diukur" in response.text
    response = row_post(
        client, cycle, item_of(cycle, world), value="", unmeasured_reason="Data BPS belum rilis"
    )
    assert response.status_code == 200
    assert Realisasi.objects.get().unmeasured_reason == "Data BPS belum rilis"


def test_a_lost_update_is_impossible(client, world, cycle):
    start_collection(cycle, world, pic=world.users["operator"])
    item = item_of(cycle, world)
    # Both open the row when it is empty (version 0); the operator saves first.
    client.force_login(world.users["operator"])
    assert row_post(client, cycle, item, value="10").status_code == 200
    client.force_login(world.users["tim_sakip"])
    response = row_post(client, cycle, item, value="20", solusi="Isian Tim SAKIP")
    assert response.status_code == 409
    assert 'data-testid="conflict"' in response.text
    assert "Isian Tim SAKIP" in response.text  # nothing typed is lost
    assert Realisasi.objects.get().value == 10  # nothing overwritten
    # The page now carries the current version: saving again is a deliberate overwrite.
    assert f'name="r{item.pk}-version" value="1"' in response.text
    assert row_post(client, cycle, item, value="20", version=1).status_code == 200
    assert Realisasi.objects.get().value == 20


def test_the_capaian_preview_computes_without_writing(client, world, cycle):
    start_collection(cycle, world)
    services.targets_set(indicator=world.indicator, year=2026, values={1: Decimal(50), 2: Decimal(50)})
    client.force_login(world.users["operator"])
    item = item_of(cycle, world)
    response = client.get(
        reverse("kinerja:item_preview", args=[cycle.pk, item.pk]), {f"r{item.pk}-value": "40"}
    )
    assert response.status_code == 200
    assert "40,00%" in response.text  # kumulatif: 40 / (50 + 50)
    bad = client.get(reverse("kinerja:item_preview", args=[cycle.pk, item.pk]), {f"r{item.pk}-value": "x"})
    assert "Bukan angka yang valid" in bad.text
    assert not Realisasi.objects.exists()


def test_unit_head_marks_complete_or_returns_to_the_pic(client, world, cycle):
    world.indicator.unit = world.unit
    world.indicator.save()
    start_collection(cycle, world, pic=world.users["operator"])
    item = item_of(cycle, world)
    url = reverse("kinerja:item_check", args=[cycle.pk, item.pk])
    client.force_login(world.users["operator"])
    client.post(url, {"aksi": "lengkap"})
    assert CycleItem.objects.get(pk=item.pk).status == ItemStatus.OPEN  # not a unit head
    client.force_login(world.users["kepala_unit"])
    response = client.post(url, {"aksi": "kembali", "note": ""}, follow=True)
    assert "Catatan wajib diisi" in response.text
    client.post(url, {"aksi": "kembali", "note": "Lampirkan daftar hadir"})
    assert CycleItem.objects.get(pk=item.pk).status == ItemStatus.RETURNED
    client.force_login(world.users["operator"])
    assert "Lampirkan daftar hadir" in client.get(reverse("kinerja:cycle_grid", args=[cycle.pk])).text
    row_post(client, cycle, item, value="9")
    assert CycleItem.objects.get(pk=item.pk).status == ItemStatus.OPEN
    client.force_login(world.users["kepala_unit"])
    client.post(url, {"aksi": "lengkap"})
    assert CycleItem.objects.get(pk=item.pk).status == ItemStatus.COMPLETE
    client.force_login(world.users["operator"])
    assert row_post(client, cycle, item, value="11", version=1).status_code == 403


def test_tim_sakip_reopens_an_item_marked_complete_from_the_grid(client, world, cycle):
    world.indicator.unit = world.unit
    world.indicator.save()
    start_collection(cycle, world, pic=world.users["operator"])
    item = item_of(cycle, world)
    client.force_login(world.users["kepala_unit"])
    client.post(reverse("kinerja:item_check", args=[cycle.pk, item.pk]), {"aksi": "lengkap"})
    grid = reverse("kinerja:cycle_grid", args=[cycle.pk])
    reopen = reverse("kinerja:item_reopen", args=[cycle.pk, item.pk])
    for role in ("operator", "kepala_unit", "sekretaris"):
        client.force_login(world.users[role])
        assert 'data-testid="reopen-form"' not in client.get(grid).text, role
    assert client.post(reopen).status_code == 403
    assert CycleItem.objects.get(pk=item.pk).status == ItemStatus.COMPLETE
    client.force_login(world.users["tim_sakip"])
    page = client.get(grid).text
    assert 'data-testid="reopen-form"' in page and f'action="{reopen}"' in page
    client.post(reopen)
    assert CycleItem.objects.get(pk=item.pk).status == ItemStatus.OPEN
    assert 'data-testid="reopen-form"' not in client.get(grid).text
    assert row_post(client, cycle, item, value="12").status_code == 200


def test_ajukan_rekap_says_how_many_indicators_are_missing(client, world, cycle):
    start_collection(cycle, world)
    client.force_login(world.users["tim_sakip"])
    page = client.get(reverse("kinerja:cycle_detail", args=[cycle.pk]))
    assert "1 indikator belum diisi." in page.text
    response = client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "ajukan_rekap"]), follow=True)
    assert "1 indikator belum diisi." in response.text
    assert Cycle.objects.get(pk=cycle.pk).state == "pengumpulan"


def test_required_evidence_blocks_the_recap_until_uploaded(client, world, cycle):
    world.indicator.requires_evidence = True
    world.indicator.save()
    start_collection(cycle, world)
    client.force_login(world.users["tim_sakip"])
    item = item_of(cycle, world)
    row_post(client, cycle, item, value="9")
    page = client.get(reverse("kinerja:cycle_detail", args=[cycle.pk]))
    assert "1 indikator wajib bukti dukung belum mempunyai bukti." in page.text
    upload = SimpleUploadedFile("daftar-hadir.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    client.post(reverse("kinerja:evidence_upload", args=[cycle.pk, item.pk]), {f"e{item.pk}-file": upload})
    client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "ajukan_rekap"]))
    assert Cycle.objects.get(pk=cycle.pk).state == "rekap"


def test_the_grid_offers_the_worksheet_upload_only_to_who_may_change_a_row(client, world, cycle):
    force_state(cycle, "pengumpulan", world)
    url = reverse("kinerja:worksheet_upload", args=[cycle.pk])
    client.force_login(world.users["tim_sakip"])
    assert url in client.get(reverse("kinerja:cycle_grid", args=[cycle.pk])).text
    for reader in ("pemantau", "kepala", "sekretaris"):
        client.force_login(world.users[reader])
        assert url not in client.get(reverse("kinerja:cycle_grid", args=[cycle.pk])).text, reader
