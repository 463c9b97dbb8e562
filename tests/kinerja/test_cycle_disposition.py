"""Disposition and assignment: the Kepala disposes, the Sekretaris assigns a team and the PICs."""

import re

import pytest
from django.urls import reverse

from kinerja.models import Cycle
from tests.kinerja.cycle_helpers import item_of

pytestmark = pytest.mark.django_db


def test_the_kepala_disposes_and_the_sekretaris_assigns(client, world, cycle):
    client.force_login(world.users["sekretaris"])
    page = client.get(reverse("kinerja:cycle_detail", args=[cycle.pk]))
    assert "Kepala belum menuliskan disposisi." in page.text  # why the action is blocked
    client.post(reverse("kinerja:cycle_dispose", args=[cycle.pk]), {"instruction": "Coba"})
    assert Cycle.objects.get(pk=cycle.pk).instruction == ""  # only the kepala disposes

    client.force_login(world.users["kepala"])
    client.post(
        reverse("kinerja:cycle_dispose", args=[cycle.pk]),
        {"instruction": "Ukur TW II", "due_date": "2026-07-15"},
    )
    assert Cycle.objects.get(pk=cycle.pk).instruction == "Ukur TW II"
    assert client.get(reverse("kinerja:cycle_assign", args=[cycle.pk])).status_code == 403

    client.force_login(world.users["sekretaris"])
    item = item_of(cycle, world)
    response = client.post(
        reverse("kinerja:cycle_assign", args=[cycle.pk]),
        {
            "team": [world.users["tim_sakip"].pk],
            "note": "Kumpulkan sebelum tanggal 15",
            f"pic_{item.pk}": world.users["operator"].pk,
            f"due_{item.pk}": "2026-07-10",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.pic == world.users["operator"]
    assert str(item.due_date) == "2026-07-10"
    page = client.get(reverse("kinerja:cycle_detail", args=[cycle.pk]))
    assert "Mulai pengumpulan data" in page.text
    assert "disabled" not in page.text.split("Mulai pengumpulan data")[0].split("<button")[-1]


def test_people_outside_the_opd_cannot_be_assigned(client, world, cycle):
    client.force_login(world.users["sekretaris"])
    response = client.post(
        reverse("kinerja:cycle_assign", args=[cycle.pk]), {"team": [world.users["other_tim_sakip"].pk]}
    )
    assert response.status_code == 200
    assert not cycle.team.exists()


def _inputs(html: str) -> dict[str, str]:
    """The name and value of every <input> of a page, as a browser would submit them unchanged."""
    found = {}
    for tag in re.findall(r"<input\b[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if name and (not kind or kind.group(1) not in ("checkbox", "radio", "submit")):
            found[name.group(1)] = value.group(1) if value else ""
    return found


def test_saved_due_dates_come_back_in_the_date_pickers_and_survive_an_unchanged_resave(client, world, cycle):
    """Issue 13 bug 1: dates rendered as 26-11-2026 came back blank from <input type=date>."""
    client.force_login(world.users["kepala"])
    client.post(
        reverse("kinerja:cycle_dispose", args=[cycle.pk]),
        {"instruction": "Ukur TW II", "due_date": "2026-11-26"},
    )
    page = client.get(reverse("kinerja:cycle_detail", args=[cycle.pk])).text
    assert _inputs(page)["due_date"] == "2026-11-26"

    client.force_login(world.users["sekretaris"])
    item = item_of(cycle, world)
    url = reverse("kinerja:cycle_assign", args=[cycle.pk])
    client.post(url, {"team": [world.users["tim_sakip"].pk], f"due_{item.pk}": "2026-11-26"})
    fields = _inputs(client.get(url).text)
    assert fields[f"due_{item.pk}"] == "2026-11-26"
    # "Ubah penugasan" saved as shown: nothing is erased.
    client.post(url, {**fields, "team": [world.users["tim_sakip"].pk]})
    item.refresh_from_db()
    assert str(item.due_date) == "2026-11-26"


def test_the_timeline_ends_a_name_with_a_degree_with_one_dot(client, world, cycle):
    """Issue 13 bug 7: "S.AP.. Isi" in the timeline."""
    tim = world.users["tim_sakip"]
    tim.full_name = "Nur Aini Fitriyah, S.AP."
    tim.save(update_fields=["full_name"])
    client.force_login(world.users["sekretaris"])
    client.post(
        reverse("kinerja:cycle_assign", args=[cycle.pk]), {"team": [tim.pk], "note": "Isi sebelum 10."}
    )
    log = cycle.transitions.get(name="penugasan")
    assert log.note == "Tim SAKIP: Nur Aini Fitriyah, S.AP. Isi sebelum 10."
    client.post(reverse("kinerja:cycle_assign", args=[cycle.pk]), {"team": [tim.pk]})
    assert (
        cycle.transitions.filter(name="penugasan").latest("id").note == "Tim SAKIP: Nur Aini Fitriyah, S.AP."
    )
