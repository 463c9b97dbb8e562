"""Helpers to put a cycle in a given state with its conditions met."""

from decimal import Decimal

from django.urls import reverse

from kinerja import services
from kinerja.cycle import services as cycle_services
from kinerja.models import Cycle, CycleItem, ItemStatus, State


def new_cycle(world, period: str = "tw2") -> Cycle:
    return cycle_services.cycle_create(opd=world.opd, year=2026, period=period, user=world.users["kepala"])


def fill_all(cycle: Cycle, user) -> None:
    for item in cycle.items.select_related("indicator"):
        services.realisasi_save(
            indicator=item.indicator,
            year=cycle.year,
            quarter=cycle.entry_quarter,
            user=user,
            data={"value": Decimal(10)},
        )


def force_state(cycle: Cycle, state: str, world) -> Cycle:
    """Put a cycle in ``state`` with what each state needs (disposition, team, data)."""
    # Values first: once the cycle shows them (rekap onwards) only the cycle may change them.
    Cycle.objects.filter(pk=cycle.pk).update(instruction="Lakukan pengukuran", state=State.PENGUMPULAN)
    cycle.team.set([world.users["tim_sakip"]])
    fill_all(cycle, world.users["tim_sakip"])
    Cycle.objects.filter(pk=cycle.pk).update(state=state)
    CycleItem.objects.filter(cycle=cycle).update(status=ItemStatus.OPEN, needs_revision=False)
    return Cycle.objects.get(pk=cycle.pk)


def mark_first_for_revision(cycle: Cycle) -> CycleItem:
    item = cycle.items.order_by("pk").first()
    item.needs_revision = True
    item.save(update_fields=["needs_revision"])
    return item


def item_of(cycle, world) -> CycleItem:
    return cycle.items.get(indicator=world.indicator)


def row_post(client, cycle, item, *, value="", version=0, htmx=True, **extra):
    data = {f"r{item.pk}-value": value, f"r{item.pk}-version": str(version)}
    data.update({f"r{item.pk}-{k}": v for k, v in extra.items()})
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse("kinerja:item_save", args=[cycle.pk, item.pk]), data, **headers)


def start_collection(cycle, world, pic=None):
    cycle_services.cycle_dispose(
        cycle_id=cycle.pk, user=world.users["kepala"], instruction="Ukur TW II", due_date=None
    )
    pics = {item.pk: (pic, None) for item in cycle.items.all()} if pic else {}
    cycle_services.cycle_assign(
        cycle_id=cycle.pk, user=world.users["sekretaris"], team=[world.users["tim_sakip"]], note="", pics=pics
    )
    return cycle_services.cycle_mulai_pengumpulan(cycle_id=cycle.pk, user=world.users["sekretaris"])


__all__ = ["State"]
