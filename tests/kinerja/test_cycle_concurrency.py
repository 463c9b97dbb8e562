"""Two people acting at once on PostgreSQL: exactly one succeeds, nothing is lost."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from kinerja.cycle import entry as cycle_entry
from kinerja.cycle import services as cycle_services
from kinerja.models import Cycle, CycleTransition, Realisasi, RealisasiHistory
from tests.kinerja.cycle_helpers import force_state, new_cycle

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def run_together(*calls):
    """Start the calls in threads at the same moment; return each one's result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # collected for the assertions
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_sekretaris_passing_the_same_cycle_at_once(world):
    cycle = force_state(new_cycle(world), "reviu", world)
    second = world.users["sekretaris"].__class__.objects.create(username="sekretaris2")
    from kinerja.models import Membership

    Membership.objects.create(user=second, opd=world.opd, role="sekretaris")
    results = run_together(
        lambda: cycle_services.cycle_teruskan_pengesahan(cycle_id=cycle.pk, user=world.users["sekretaris"]),
        lambda: cycle_services.cycle_teruskan_pengesahan(cycle_id=cycle.pk, user=second),
    )
    successes = [r for r in results if isinstance(r, Cycle)]
    failures = [r for r in results if isinstance(r, cycle_services.CycleError)]
    assert len(successes) == 1 and len(failures) == 1, results
    assert Cycle.objects.get(pk=cycle.pk).state == "pengesahan"
    assert CycleTransition.objects.filter(cycle=cycle, name="teruskan_pengesahan").count() == 1


def test_a_return_and_a_pass_at_once_never_both_apply(world):
    cycle = force_state(new_cycle(world), "pengesahan", world)
    results = run_together(
        lambda: cycle_services.cycle_sahkan(cycle_id=cycle.pk, user=world.users["kepala"]),
        lambda: cycle_services.cycle_kembalikan_ke_reviu(
            cycle_id=cycle.pk, user=world.users["kepala"], note="Ulang"
        ),
    )
    assert sum(isinstance(r, Cycle) for r in results) == 1, results
    final = Cycle.objects.get(pk=cycle.pk).state
    assert final in ("arsip", "reviu")
    assert CycleTransition.objects.filter(cycle=cycle).exclude(name__in=["buat"]).count() == 1


def test_two_saves_of_one_row_never_lose_an_update(world):
    cycle = force_state(new_cycle(world), "pengumpulan", world)
    Realisasi.objects.all().delete()
    item = cycle.items.get()
    results = run_together(
        lambda: cycle_entry.item_save(
            item_id=item.pk, user=world.users["tim_sakip"], data={"value": Decimal(11)}, version=0
        ),
        lambda: cycle_entry.item_save(
            item_id=item.pk, user=world.users["tim_sakip"], data={"value": Decimal(22)}, version=0
        ),
    )
    saved = [r for r in results if isinstance(r, Realisasi)]
    conflicts = [r for r in results if isinstance(r, cycle_entry.Conflict)]
    assert len(saved) == 1 and len(conflicts) == 1, results
    stored = Realisasi.objects.get()
    assert stored.value == saved[0].value
    assert conflicts[0].current.value == stored.value  # the loser is shown what won
    assert RealisasiHistory.objects.filter(realisasi=stored).count() == 1


def test_an_edit_racing_the_end_of_collection_is_either_before_or_refused(world):
    cycle = force_state(new_cycle(world), "pengumpulan", world)
    item = cycle.items.get()
    version = Realisasi.objects.get().version
    results = run_together(
        lambda: cycle_services.cycle_ajukan_rekap(cycle_id=cycle.pk, user=world.users["tim_sakip"]),
        lambda: cycle_entry.item_save(
            item_id=item.pk, user=world.users["tim_sakip"], data={"value": Decimal(33)}, version=version
        ),
    )
    assert isinstance(results[0], Cycle), results
    value = Realisasi.objects.get().value
    if isinstance(results[1], Realisasi):
        assert value == 33  # saved before the recap took the lock
    else:
        assert value == 10  # refused after: the recap's values stand


def test_an_upload_racing_the_sign_off_is_either_archived_with_it_or_refused(world):
    from kinerja.models import Evidence

    cycle = force_state(new_cycle(world), "pengesahan", world)
    # Evidence can only be added in pengumpulan; put the cycle there for the uploader's view, and
    # race a sign-off from pengesahan against an upload: one of them must find the state changed.
    item = cycle.items.get()
    results = run_together(
        lambda: cycle_services.cycle_sahkan(cycle_id=cycle.pk, user=world.users["kepala"]),
        lambda: cycle_entry.evidence_add(
            item_id=item.pk, user=world.users["tim_sakip"], link="https://contoh.go.id/bukti-terlambat"
        ),
    )
    assert isinstance(results[0], Cycle), results
    # Pengesahan never accepts uploads: the upload is refused whether it ran before or after.
    assert results[1].__class__.__name__ == "PermissionDenied", results
    assert not Evidence.objects.filter(item=item).exists()
    assert Cycle.objects.get(pk=cycle.pk).state == "arsip"


def test_an_upload_during_collection_and_the_end_of_collection_never_interleave(world):
    from kinerja.models import Evidence

    cycle = force_state(new_cycle(world), "pengumpulan", world)
    item = cycle.items.get()
    results = run_together(
        lambda: cycle_services.cycle_ajukan_rekap(cycle_id=cycle.pk, user=world.users["tim_sakip"]),
        lambda: cycle_entry.evidence_add(
            item_id=item.pk, user=world.users["tim_sakip"], link="https://contoh.go.id/bukti"
        ),
    )
    assert isinstance(results[0], Cycle), results
    stored = Evidence.objects.filter(item=item).exists()
    # Either the upload took the cycle lock first (and is kept), or it was refused after the recap.
    assert stored == isinstance(results[1], Evidence), results
