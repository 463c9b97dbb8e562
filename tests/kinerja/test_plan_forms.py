"""Create, edit and delete of the plan through the pages, with the bad input people type."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.models import Indicator, PlanElement, RenstraPeriod, Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(login, world):
    return login(world.users["tim_sakip"])


def indicator_data(**overrides):
    data = {
        "name": "Persentase pencari kerja yang ditempatkan",
        "satuan": "%",
        "polarity": "positif",
        "aggregation": "nilai_akhir",
        "frequency": "triwulan",
        "order": "1",
    }
    data.update(overrides)
    return data


def test_creating_a_renstra(editor, world):
    url = reverse("kinerja:renstra_create", args=[world.opd.pk])
    response = editor.post(url, {"name": "Renstra 2030-2034", "start_year": 2030, "end_year": 2034})
    assert response.status_code == 302
    assert RenstraPeriod.objects.filter(opd=world.opd, start_year=2030).exists()


def test_a_renstra_with_years_reversed_is_refused(editor, world):
    url = reverse("kinerja:renstra_create", args=[world.opd.pk])
    response = editor.post(url, {"name": "Terbalik", "start_year": 2030, "end_year": 2026})
    assert response.status_code == 200
    assert "Tahun akhir tidak boleh sebelum tahun awal" in response.text
    assert not RenstraPeriod.objects.filter(name="Terbalik").exists()


def test_a_duplicate_renstra_start_is_refused_without_a_server_error(editor, world):
    url = reverse("kinerja:renstra_create", args=[world.opd.pk])
    response = editor.post(url, {"name": "Kembar", "start_year": 2025, "end_year": 2029})
    assert response.status_code == 200
    assert "tahun awal ini sudah ada" in response.text
    assert RenstraPeriod.objects.filter(opd=world.opd).count() == 1


def test_adding_a_kegiatan_under_a_program(editor, world):
    url = reverse("kinerja:element_create", args=[world.renstra.pk]) + f"?induk={world.program.pk}"
    response = editor.post(url, {"code": "2.07.04.2.01", "name": "Pelayanan Antarkerja", "order": 1})
    assert response.status_code == 302
    kegiatan = PlanElement.objects.get(code="2.07.04.2.01")
    assert kegiatan.level == "kegiatan"
    assert kegiatan.parent == world.program
    page = editor.get(reverse("kinerja:opd_detail", args=[world.opd.pk]))
    assert "2.07.04.2.01" in page.text


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("2.7.4.2.1", "Format kode tidak sesuai nomenklatur"),
        ("2.07.05.2.01", "diawali kode induknya"),
        ("", "tidak boleh kosong"),
    ],
)
def test_a_malformed_kegiatan_code_gives_an_indonesian_error(editor, world, code, message):
    url = reverse("kinerja:element_create", args=[world.renstra.pk]) + f"?induk={world.program.pk}"
    response = editor.post(url, {"code": code, "name": "Kegiatan salah", "order": 1})
    assert response.status_code == 200
    assert message in response.text
    assert not PlanElement.objects.filter(name="Kegiatan salah").exists()


def test_a_duplicate_program_code_is_refused(editor, world):
    url = reverse("kinerja:element_create", args=[world.renstra.pk]) + f"?induk={world.sasaran.pk}"
    response = editor.post(url, {"code": "2.07.04", "name": "Program kembar", "order": 1})
    assert response.status_code == 200
    assert "Kode ini sudah dipakai" in response.text
    assert PlanElement.objects.filter(code="2.07.04").count() == 1


def test_a_parent_from_another_renstra_cannot_be_used(editor, world):
    from tests.factories import ElementFactory, RenstraFactory

    foreign = ElementFactory(renstra=RenstraFactory(opd=world.foreign_opd), level="tujuan")
    url = reverse("kinerja:element_create", args=[world.renstra.pk]) + f"?induk={foreign.pk}"
    assert editor.get(url).status_code == 403
    assert editor.post(url, {"name": "x", "code": "S9"}).status_code == 403


def test_creating_an_indicator_with_all_attributes(editor, world):
    url = reverse("kinerja:indicator_create", args=[world.sasaran.pk])
    response = editor.post(
        url,
        indicator_data(
            name="Persentase realisasi anggaran",
            polarity="rentang",
            band_lower="95",
            band_upper="105,5",
            baseline_year="2024",
            baseline_value="1.234,5",
            is_iku="on",
            definition="Realisasi / rencana kas",
            data_source="SIPD",
            unit=world.unit.pk,
        ),
    )
    assert response.status_code == 302, response.content
    indicator = Indicator.objects.get(name="Persentase realisasi anggaran")
    assert indicator.band_upper == Decimal("105.5")
    assert indicator.baseline_value == Decimal("1234.5")
    assert indicator.is_iku
    assert indicator.unit == world.unit


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"polarity": "rentang"}, "membutuhkan batas bawah"),
        ({"polarity": "rentang", "band_lower": "10", "band_upper": "5"}, "Batas atas harus"),
        ({"baseline_value": "sepuluh"}, "Masukkan angka yang valid"),
        ({"baseline_value": "-3"}, "tidak boleh negatif"),
        ({"satuan": ""}, "Bidang ini tidak boleh kosong"),
        ({"polarity": "naik"}, "Masukkan pilihan yang valid"),
    ],
)
def test_bad_indicator_input_saves_nothing(editor, world, overrides, message):
    url = reverse("kinerja:indicator_create", args=[world.sasaran.pk])
    before = Indicator.objects.count()
    response = editor.post(url, indicator_data(**overrides))
    assert response.status_code == 200
    assert message in response.text
    assert Indicator.objects.count() == before


def test_a_unit_of_another_opd_cannot_be_chosen(editor, world):
    from tests.factories import UnitFactory

    foreign_unit = UnitFactory(opd=world.foreign_opd)
    url = reverse("kinerja:indicator_create", args=[world.sasaran.pk])
    response = editor.post(url, indicator_data(unit=foreign_unit.pk))
    assert response.status_code == 200
    assert not Indicator.objects.filter(unit=foreign_unit).exists()


def test_setting_targets_with_indonesian_numbers(editor, world):
    url = reverse("kinerja:targets_edit", args=[world.indicator.pk, 2026])
    response = editor.post(url, {"q0": "1.250", "q1": "250", "q2": "312,5", "q3": "", "q4": "400"})
    assert response.status_code == 302
    values = dict(world.indicator.targets.filter(year=2026).values_list("quarter", "value"))
    assert values == {0: Decimal("1250"), 1: Decimal("250"), 2: Decimal("312.5"), 4: Decimal("400")}
    page = editor.get(reverse("kinerja:indicator_detail", args=[world.indicator.pk]))
    assert "1.250" in page.text and "312,5" in page.text


@pytest.mark.parametrize(
    ("value", "message"),
    [("-10", "tidak boleh negatif"), ("dua ratus", "Masukkan angka yang valid"), ("1" * 30, "terlalu besar")],
)
def test_bad_targets_save_nothing(editor, world, value, message):
    url = reverse("kinerja:targets_edit", args=[world.indicator.pk, 2026])
    response = editor.post(url, {"q0": value, "q1": "10"})
    assert response.status_code == 200
    assert message in response.text
    assert list(world.indicator.targets.values_list("quarter", "value")) == [(0, Decimal("240"))]


def test_targets_for_a_year_outside_the_renstra_redirect_with_a_message(editor, world):
    url = reverse("kinerja:targets_edit", args=[world.indicator.pk, 2035])
    response = editor.post(url, {"q0": "1"}, follow=True)
    assert "di luar periode Renstra" in response.text
    assert not Target.objects.filter(year=2035).exists()


def test_deleting_an_indicator(editor, world):
    url = reverse("kinerja:indicator_delete", args=[world.indicator.pk])
    assert "Ya, hapus" in editor.get(url).text
    response = editor.post(url)
    assert response.status_code == 302
    assert not Indicator.objects.filter(pk=world.indicator.pk).exists()


def test_deleting_an_indicator_with_realisasi_is_refused_with_a_message(editor, world):
    from kinerja import services

    services.realisasi_save(
        indicator=world.indicator,
        year=2026,
        quarter=1,
        user=world.users["tim_sakip"],
        data={"value": Decimal(10)},
    )
    response = editor.post(reverse("kinerja:indicator_delete", args=[world.indicator.pk]), follow=True)
    assert "tidak dapat dihapus" in response.text
    assert Indicator.objects.filter(pk=world.indicator.pk).exists()


def test_deleting_an_element_removes_its_subtree(editor, world):
    url = reverse("kinerja:element_delete", args=[world.sasaran.pk])
    page = editor.get(url)
    assert "1 elemen turunan" in page.text
    editor.post(url)
    assert not PlanElement.objects.filter(pk__in=[world.sasaran.pk, world.program.pk]).exists()
    assert PlanElement.objects.filter(pk=world.tujuan.pk).exists()


def test_deletion_needs_post(editor, world):
    editor.get(reverse("kinerja:element_delete", args=[world.sasaran.pk]))
    assert PlanElement.objects.filter(pk=world.sasaran.pk).exists()


def test_admin_pemda_edits_the_plan_too(login, world):
    client = login(world.users["admin_pemda"])
    response = client.post(
        reverse("kinerja:element_edit", args=[world.program.pk]),
        {"code": "2.07.04", "name": "Program Penempatan Tenaga Kerja (revisi)", "order": 2},
    )
    assert response.status_code == 302
    world.program.refresh_from_db()
    assert world.program.name.endswith("(revisi)")
