"""Helpers to put a cycle in a given state with its conditions met."""

from decimal import Decimal

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


__all__ = ["State"]
