"""The whole transition matrix: every role x every transition x every state, over HTTP."""

import pytest
from django.urls import reverse

from kinerja.cycle import graph
from kinerja.models import STATE_ORDER, Cycle, CycleTransition
from kinerja.policy import TRANSITION_ROLES
from tests.kinerja.cycle_helpers import force_state, mark_first_for_revision, new_cycle

pytestmark = pytest.mark.django_db

ACTORS = (
    "kepala",
    "sekretaris",
    "kepala_unit",
    "tim_sakip",
    "operator",
    "admin_pemda",
    "pemantau",
    "superuser",
    "other_tim_sakip",
    "foreign_admin_pemda",
)
SOURCES = {t.name: t.source for t in graph.TRANSITIONS}
TARGETS = {t.name: t.target for t in graph.TRANSITIONS}


@pytest.mark.parametrize("state", STATE_ORDER)
@pytest.mark.parametrize("name", graph.NAMES)
def test_transition_matrix(client, world, state, name):
    cycle = new_cycle(world)
    attempts = 0
    for actor in ACTORS:
        cycle = force_state(cycle, state, world)
        if name == "kembalikan_ke_pengumpulan":
            mark_first_for_revision(cycle)
        logs_before = CycleTransition.objects.filter(cycle=cycle).count()
        client.force_login(world.users[actor])
        response = client.post(
            reverse("kinerja:cycle_action", args=[cycle.pk, name]), {"note": "Catatan uji"}
        )
        attempts += 1
        cycle.refresh_from_db()
        allowed = state == SOURCES[name] and actor in TRANSITION_ROLES[name]
        if actor in ("other_tim_sakip", "foreign_admin_pemda"):
            assert response.status_code == 404, (actor, name, state)
            assert "Dinas Tenaga Kerja" not in response.text
        elif allowed:
            assert response.status_code == 302, (actor, name, state)
            assert cycle.state == TARGETS[name], (actor, name, state)
            log = CycleTransition.objects.filter(cycle=cycle).latest("id")
            assert (log.name, log.from_state, log.to_state, log.user) == (
                name,
                state,
                TARGETS[name],
                world.users[actor],
            )
            assert log.role
        else:
            assert response.status_code in (302, 403), (actor, name, state)
            assert cycle.state == state, (actor, name, state)
            assert CycleTransition.objects.filter(cycle=cycle).count() == logs_before
    assert attempts == len(ACTORS)


@pytest.mark.parametrize("name", sorted(graph.RETURNS))
def test_a_return_without_a_note_is_refused(client, world, name):
    cycle = force_state(new_cycle(world), SOURCES[name], world)
    if name == "kembalikan_ke_pengumpulan":
        mark_first_for_revision(cycle)
    actor = next(iter(TRANSITION_ROLES[name]))
    client.force_login(world.users[actor])
    response = client.post(
        reverse("kinerja:cycle_action", args=[cycle.pk, name]), {"note": "  "}, follow=True
    )
    assert "Catatan wajib diisi" in response.text
    assert Cycle.objects.get(pk=cycle.pk).state == SOURCES[name]


def test_an_unknown_transition_name_changes_nothing(client, world):
    cycle = force_state(new_cycle(world), "reviu", world)
    client.force_login(world.users["sekretaris"])
    response = client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "hapus_semua"]), follow=True)
    assert "Tindakan tidak dikenal" in response.text
    assert Cycle.objects.get(pk=cycle.pk).state == "reviu"


def test_transitions_need_post(client, world):
    cycle = force_state(new_cycle(world), "disposisi", world)
    client.force_login(world.users["sekretaris"])
    assert (
        client.get(reverse("kinerja:cycle_action", args=[cycle.pk, "mulai_pengumpulan"])).status_code == 405
    )
    assert Cycle.objects.get(pk=cycle.pk).state == "disposisi"


def test_the_state_field_cannot_be_assigned_directly(world):
    from django.core.exceptions import FieldError  # noqa: F401

    cycle = new_cycle(world)
    with pytest.raises(AttributeError):
        cycle.state = "arsip"
