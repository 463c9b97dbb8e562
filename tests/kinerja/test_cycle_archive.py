"""An archived cycle: nothing in it changes, through any endpoint."""

import pytest
from django.urls import reverse

from kinerja.cycle import entry as cycle_entry
from kinerja.models import Cycle, Evidence, Realisasi
from tests.kinerja.cycle_helpers import force_state, item_of, row_post

pytestmark = pytest.mark.django_db


def test_nothing_in_arsip_changes_through_any_endpoint(client, world, cycle):
    cycle = force_state(cycle, "pengumpulan", world)
    item = item_of(cycle, world)
    evidence = cycle_entry.evidence_add(
        item_id=item.pk, user=world.users["tim_sakip"], link="https://contoh.go.id/a"
    )
    Cycle.objects.filter(pk=cycle.pk).update(state="arsip")
    before = Realisasi.objects.get().value
    client.force_login(world.users["tim_sakip"])
    responses = [
        row_post(client, cycle, item, value="99", version=1),
        client.post(
            reverse("kinerja:evidence_upload", args=[cycle.pk, item.pk]),
            {f"e{item.pk}-link": "https://contoh.go.id/b"},
            HTTP_HX_REQUEST="true",
        ),
        client.post(reverse("kinerja:evidence_delete", args=[evidence.pk])),
        client.post(reverse("kinerja:item_check", args=[cycle.pk, item.pk]), {"aksi": "lengkap"}),
        client.post(reverse("kinerja:item_reopen", args=[cycle.pk, item.pk])),
    ]
    client.force_login(world.users["sekretaris"])
    responses += [
        client.post(
            reverse("kinerja:item_review", args=[cycle.pk, item.pk]), {"perlu_perbaikan": "1", "note": "x"}
        ),
        client.post(reverse("kinerja:cycle_assign", args=[cycle.pk]), {"team": [world.users["operator"].pk]}),
        client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "kembalikan_ke_reviu"]), {"note": "x"}),
    ]
    client.force_login(world.users["kepala"])
    responses.append(client.post(reverse("kinerja:cycle_dispose", args=[cycle.pk]), {"instruction": "Ubah"}))
    assert all(r.status_code in (302, 403, 422) for r in responses), [r.status_code for r in responses]
    assert Realisasi.objects.get().value == before
    assert Evidence.objects.filter(item=item).count() == 1
    item.refresh_from_db()
    assert not item.needs_revision
    assert list(cycle.team.all()) == [world.users["tim_sakip"]]
    assert Cycle.objects.get(pk=cycle.pk).instruction == "Lakukan pengukuran"
    assert Cycle.objects.get(pk=cycle.pk).state == "arsip"
