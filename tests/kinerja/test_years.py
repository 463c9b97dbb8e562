"""Years come from URLs, query strings and forms: outside 2000-2100 they are refused, never stored."""

import pytest
from django.urls import reverse

from kinerja.models import Cycle, ReportNarrative
from tests.kinerja.cycle_helpers import new_cycle

pytestmark = pytest.mark.django_db

NARRATIVE = {"ikhtisar": "x", "pendahuluan": "", "perencanaan": "", "akuntabilitas": "", "penutup": ""}
BAD_YEARS = ["99999999999", "32768", "65536", "1999", "2101", "0", "0002026"]


@pytest.mark.parametrize("year", BAD_YEARS)
def test_a_narrative_for_an_impossible_year_is_not_found_and_not_stored(client, world, year):
    client.force_login(world.users["tim_sakip"])
    url = f"/opd/{world.opd.pk}/dokumen/{year}/tw1/narasi/"
    assert reverse("kinerja:narrative_edit", args=[world.opd.pk, 2026, "tw1"]) == (
        f"/opd/{world.opd.pk}/dokumen/2026/tw1/narasi/"
    )
    response = client.post(url, NARRATIVE)
    assert response.status_code == 404
    assert not ReportNarrative.objects.exists()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("year", ["2000", "2026", "2100"])
def test_a_narrative_for_a_sane_year_is_stored(client, world, year):
    client.force_login(world.users["tim_sakip"])
    response = client.post(f"/opd/{world.opd.pk}/dokumen/{year}/tw1/narasi/", NARRATIVE)
    assert response.status_code == 302
    assert ReportNarrative.objects.get().year == int(year)


@pytest.mark.parametrize(
    "path",
    [
        "/opd/{opd}/dokumen/{year}/tw1/laporan.pdf",
        "/opd/{opd}/dokumen/{year}/perjanjian-kinerja.pdf",
        "/indikator/{indicator}/target/{year}/",
    ],
)
def test_every_year_in_a_path_is_bounded(client, world, path):
    client.force_login(world.users["tim_sakip"])
    for year in ("99999999999", "32768", "1999", "2101"):
        url = path.format(opd=world.opd.pk, indicator=world.indicator.pk, year=year)
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"annual": "1"}).status_code == 404, url


@pytest.mark.parametrize(
    "url",
    [
        "/?tahun=99999999999",
        "/opd/{opd}/rekap/?tahun=99999999999",
        "/opd/{opd}/dasbor/?tahun=-1",
        "/pemda/{pemda}/rekap/?tahun=1e400",
        "/opd/{opd}/rekap.xlsx?tahun=99999999999",
        "/opd/{opd}/dokumen/?tahun=32768",
        "/siklus/?tahun=99999999999",
    ],
)
def test_an_impossible_year_in_a_query_string_is_ignored(client, world, url):
    client.force_login(world.users["admin_pemda"])
    response = client.get(url.format(opd=world.opd.pk, pemda=world.pemda.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("year", ["99999999999", "1999", "2101", "abc"])
def test_a_cycle_for_an_impossible_year_is_refused_with_a_message(client, world, year):
    client.force_login(world.users["kepala"])
    response = client.post(
        reverse("kinerja:cycle_create", args=[world.opd.pk]), {"year": year, "period": "tw2"}
    )
    assert response.status_code == 200
    assert "Pilih pilihan yang valid" in response.text or "tahun" in response.text.lower()
    assert not Cycle.objects.exists()


def test_a_renstra_outside_the_range_is_refused_with_a_message(client, world):
    client.force_login(world.users["tim_sakip"])
    response = client.post(
        reverse("kinerja:renstra_create", args=[world.opd.pk]),
        {"name": "Renstra jauh", "start_year": "99999999999", "end_year": "99999999999"},
    )
    assert response.status_code == 200
    assert "lebih kecil dari atau sama dengan 2100" in response.text


def test_the_cycle_fixture_is_untouched(world):
    assert new_cycle(world).year == 2026
