"""The pages around a cycle: mail after commit, the inbox, the cycle page, overdue, scoping, query counts."""

import pytest
from django.core import mail
from django.urls import reverse

from kinerja.cycle import services as cycle_services
from kinerja.models import Cycle
from tests.kinerja.cycle_helpers import force_state, new_cycle, start_collection

pytestmark = pytest.mark.django_db


def test_mail_goes_out_after_commit(world, cycle, django_capture_on_commit_callbacks):
    world.users["sekretaris"].email = "sekretaris@lumajangkab.go.id"
    world.users["sekretaris"].save()
    cycle = force_state(cycle, "rekap", world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cycle_services.cycle_ajukan_reviu(cycle_id=cycle.pk, user=world.users["tim_sakip"])
    assert [m.to for m in mail.outbox] == [["sekretaris@lumajangkab.go.id"]]
    assert "Reviu" in mail.outbox[0].subject


def test_the_inbox_shows_what_waits_for_each_role(client, world, cycle):
    client.force_login(world.users["kepala"])
    page = client.get(reverse("kinerja:inbox"))
    assert "Tulis disposisi" in page.text
    assert 'data-testid="nav-inbox"' in page.text and "text-bg-warning" in page.text
    cycle = force_state(cycle, "reviu", world)
    client.force_login(world.users["sekretaris"])
    assert "Reviu rekap hasil pengukuran" in client.get(reverse("kinerja:inbox")).text
    client.force_login(world.users["operator"])
    assert "Tidak ada yang menunggu Anda" in client.get(reverse("kinerja:inbox")).text


def test_the_cycle_page_shows_diagram_timeline_and_due_dates(client, world, cycle):
    start_collection(cycle, world)
    client.force_login(world.users["pemantau"])
    page = client.get(reverse("kinerja:cycle_detail", args=[cycle.pk]))
    assert page.status_code == 200
    assert 'aria-current="step" data-state="pengumpulan"' in page.text
    assert page.text.count('data-testid="timeline-entry"') == 4  # buat, disposisi, penugasan, mulai
    assert "Ukur TW II" in page.text
    assert "batas" in page.text
    assert "Tidak ada tindakan untuk Anda" in page.text


def test_overdue_cycles_are_highlighted_and_filtered(client, world, cycle):
    Cycle.objects.filter(pk=cycle.pk).update(state_due={"disposisi": "2020-01-01T16:00:00+07:00"})
    client.force_login(world.users["kepala"])
    assert "terlambat" in client.get(reverse("kinerja:cycle_detail", args=[cycle.pk])).text
    listing = client.get(reverse("kinerja:cycle_list"), {"terlambat": "1"})
    assert len(listing.context["page"].object_list) == 1
    Cycle.objects.filter(pk=cycle.pk).update(state_due={"disposisi": "2099-01-01T16:00:00+07:00"})
    assert len(client.get(reverse("kinerja:cycle_list"), {"terlambat": "1"}).context["page"].object_list) == 0


def test_cycle_pages_are_scoped(client, world, cycle):
    urls = [
        reverse("kinerja:cycle_detail", args=[cycle.pk]),
        reverse("kinerja:cycle_grid", args=[cycle.pk]),
        reverse("kinerja:cycle_assign", args=[cycle.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302
    client.force_login(world.users["other_tim_sakip"])
    for url in urls:
        assert client.get(url).status_code == 404
    listing = client.get(reverse("kinerja:cycle_list"))
    assert "Dinas Tenaga Kerja" not in listing.text


def test_cycle_list_and_grid_query_counts_do_not_grow(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kinerja.models import Indicator

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(world.users["tim_sakip"])
    first = new_cycle(world, "tw1")
    small_list = count(reverse("kinerja:cycle_list"))
    small_grid = count(reverse("kinerja:cycle_grid", args=[first.pk]))
    Indicator.objects.bulk_create(
        [Indicator(element=world.sasaran, name=f"I{i}", satuan="%") for i in range(30)]
    )
    for period in ("tw2", "tw3", "tw4", "s1"):
        new_cycle(world, period)
    last = Cycle.objects.get(period="s1")
    assert count(reverse("kinerja:cycle_list")) == small_list
    assert count(reverse("kinerja:cycle_grid", args=[last.pk])) <= small_grid + 2
