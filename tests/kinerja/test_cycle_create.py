"""Creating a cycle: what it takes from the Renstra, who may create one, one open cycle per
period, revisions of the archive."""

import pytest
from django.urls import reverse

from kinerja.models import Cycle

pytestmark = pytest.mark.django_db


def test_creating_a_cycle_takes_every_indicator_of_the_renstra(cycle, world):
    assert cycle.state == "disposisi"
    assert cycle.items.count() == 1
    assert cycle.transitions.get().name == "buat"


def test_only_one_open_cycle_per_opd_and_period(client, world, cycle):
    client.force_login(world.users["kepala"])
    response = client.post(
        reverse("kinerja:cycle_create", args=[world.opd.pk]), {"year": 2026, "period": "tw2"}
    )
    assert response.status_code == 200
    assert "Sudah ada siklus yang berjalan" in response.text
    assert Cycle.objects.count() == 1


def test_operators_and_pemantau_cannot_create_cycles(client, world):
    for role in ("operator", "pemantau", "kepala_unit"):
        client.force_login(world.users[role])
        assert client.get(reverse("kinerja:cycle_create", args=[world.opd.pk])).status_code == 403
    client.force_login(world.users["foreign_admin_pemda"])
    assert client.get(reverse("kinerja:cycle_create", args=[world.opd.pk])).status_code == 404


def test_a_revision_of_an_archived_cycle_points_to_it(client, world, cycle):
    Cycle.objects.filter(pk=cycle.pk).update(state="arsip")
    client.force_login(world.users["kepala"])
    response = client.post(reverse("kinerja:cycle_revise", args=[cycle.pk]))
    revision = Cycle.objects.exclude(pk=cycle.pk).get()
    assert response.url == reverse("kinerja:cycle_detail", args=[revision.pk])
    assert (revision.revision_of, revision.revision, revision.state) == (
        Cycle.objects.get(pk=cycle.pk),
        1,
        "disposisi",
    )
    response = client.post(
        reverse("kinerja:cycle_create", args=[world.opd.pk]), {"year": 2026, "period": "tw2"}
    )
    assert "Sudah ada siklus yang berjalan" in response.text
