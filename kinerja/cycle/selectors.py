"""Reads of a cycle: the entry grid, the review table, the timeline, the inbox."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from kinerja import access, capaian, recap
from kinerja.cycle import graph, rows
from kinerja.cycle import locks as cycle_locks
from kinerja.cycle import policy as cycle_policy
from kinerja.models import (
    STATE_ORDER,
    Cycle,
    CycleItem,
    Evidence,
    ItemNote,
    ItemStatus,
    PlanElement,
    Realisasi,
    State,
    Target,
)
from kinerja.numbers import small_int


@dataclass
class GridRow:
    item: CycleItem
    result: capaian.PeriodResult
    explanation: str
    previous: list[tuple[str, Decimal | None]]
    current: Realisasi | None
    evidence: list[Evidence]
    notes: list[ItemNote]
    refusal: str
    can_check: bool = False
    can_reopen: bool = False
    changed_since_review: bool = False

    @property
    def editable(self) -> bool:
        return not self.refusal

    @property
    def version(self) -> int:
        return self.current.version if self.current else 0


def _result(item, targets, values, cycle, settings):
    engine = recap.engine_indicator(item.indicator)
    result = capaian.compute_period(
        engine,
        quarterly_targets={q: v for q, v in targets.items() if q},
        annual_target=targets.get(Target.ANNUAL),
        quarterly_realisasi=values,
        period=cycle.period_info,
        settings=settings,
    )
    return result, result.explanation(engine)


def grid_rows(cycle: Cycle, user, item_ids: list[int] | None = None) -> list[GridRow]:
    """Every item of the cycle (or the given ones) with what the grid shows: a fixed number of queries."""
    items_qs = cycle.items.select_related("indicator__element", "indicator__unit", "pic").order_by(
        "indicator__element__renstra_id",
        "indicator__element__order",
        "indicator__element__code",
        "indicator__order",
        "pk",
    )
    if item_ids is not None:
        items_qs = items_qs.filter(pk__in=item_ids)
    items = list(items_qs)
    # Grouped by the planning tree: tujuan, its sasaran, their programs, ... depth first.
    order = recap.tree_order(list(PlanElement.objects.filter(renstra_id=cycle.renstra_id)))
    items.sort(key=lambda i: (order.get(i.indicator.element_id, (10**6,)), i.indicator.order, i.indicator_id))
    indicator_ids = [item.indicator_id for item in items]
    targets = recap.targets_by_indicator(indicator_id__in=indicator_ids, year=cycle.year)
    realisasi: dict[int, dict[int, Realisasi]] = defaultdict(dict)
    for real in Realisasi.objects.filter(
        indicator_id__in=indicator_ids, year=cycle.year, quarter__lte=cycle.entry_quarter
    ).select_related("entered_by"):
        realisasi[real.indicator_id][real.quarter] = real
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    for ev in Evidence.objects.filter(item__in=items).order_by("uploaded_at", "pk"):
        evidence[ev.item_id].append(ev)
    notes: dict[int, list[ItemNote]] = defaultdict(list)
    for note in ItemNote.objects.filter(item__in=items).select_related("author").order_by("at", "pk"):
        notes[note.item_id].append(note)
    settings = recap.engine_settings(cycle.opd.pemda_id)
    in_team = cycle.team.filter(pk=user.pk).exists() if user.is_authenticated else False
    grid = []
    for item in items:
        item.cycle = cycle
        values = {q: r.value for q, r in realisasi[item.indicator_id].items()}
        result, explanation = _result(item, targets.get(item.indicator_id, {}), values, cycle, settings)
        current = realisasi[item.indicator_id].get(cycle.entry_quarter)
        item_evidence = evidence[item.pk]
        item._prefetched_objects_cache = {"evidence": item_evidence}
        refusal = cycle_policy.edit_refusal(user, item, in_team)
        changed = False
        if item.reviewed_values is not None:
            changed = rows.reviewed(current, [e.pk for e in item_evidence]) != item.reviewed_values
        grid.append(
            GridRow(
                item=item,
                result=result,
                explanation=explanation,
                previous=[
                    (
                        capaian.tw(q),
                        realisasi[item.indicator_id][q].value if q in realisasi[item.indicator_id] else None,
                    )
                    for q in range(1, cycle.entry_quarter)
                ],
                current=current,
                evidence=item_evidence,
                notes=notes[item.pk],
                refusal=refusal,
                can_check=cycle_policy.may_check_item(user, item),
                can_reopen=cycle_policy.may_reopen_item(user, item),
                changed_since_review=changed,
            )
        )
    return grid


def preview(cycle: Cycle, item: CycleItem, value: Decimal | None) -> tuple[capaian.PeriodResult, str]:
    """Capaian as it would be with this value for the cycle's quarter (nothing is written)."""
    targets = recap.targets_by_indicator(indicator=item.indicator, year=cycle.year).get(item.indicator_id, {})
    values = dict(
        Realisasi.objects.filter(
            indicator=item.indicator, year=cycle.year, quarter__lt=cycle.entry_quarter
        ).values_list("quarter", "value")
    )
    values[cycle.entry_quarter] = value
    return _result(item, targets, values, cycle, recap.engine_settings(cycle.opd.pemda_id))


# ---------------------------------------------------------------------------- page data


@dataclass
class Action:
    name: str
    label: str
    needs_note: bool
    is_return: bool
    blockers: list[str]
    target: str


def actions_for(user, cycle: Cycle) -> list[Action]:
    """The transitions this user's role may take from the current state, with what blocks them."""
    actions = []
    for step in graph.leaving(cycle.state):
        if not cycle_policy.holds_role_for(user, cycle, step.name):
            continue
        # Shown, but refused with the reason: the four-eyes rule, a signer without records.
        personal = [cycle_policy.four_eyes_refusal(user, cycle, step.name)]
        if step.name == graph.SIGN:
            personal.append(cycle_policy.signatory_refusal(user, cycle))
        actions.append(
            Action(
                name=step.name,
                label=str(step.label),
                needs_note=step.is_return,
                is_return=step.is_return,
                blockers=[r for r in personal if r] + cycle_locks.blockers(cycle, step.name),
                target=step.target,
            )
        )
    return actions


def sop_steps_now(cycle: Cycle):
    """The SOP steps of the current state, as a checklist for the cycle page."""
    rules = cycle_policy.sop_rules(cycle)
    if rules is None:
        return []
    return list(rules[cycle.state].steps)


# ---------------------------------------------------------------------------- inbox


@dataclass
class InboxEntry:
    cycle: Cycle
    reason: str
    items: int = 0


@dataclass
class Inbox:
    entries: list[InboxEntry] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.entries)


WAITING_REASON = {
    State.PENGUMPULAN: "Periksa kelengkapan dan lanjutkan ke rekap",
    State.REKAP: "Ajukan rekap untuk direviu",
    State.REVIU: "Reviu rekap hasil pengukuran",
    State.PENGESAHAN: "Sahkan hasil pengukuran",
}


def inbox(user) -> Inbox:
    """Cycles waiting for this user: a transition of their role, or items they must fill."""
    roles = access.user_roles(user)
    if not roles.opd_roles:
        return Inbox()
    cycles = list(
        Cycle.objects.filter(opd_id__in=list(roles.opd_roles))
        .exclude(state=State.ARSIP)
        .select_related("opd")
        .order_by("state_changed_at")
    )
    pic_counts: dict[int, int] = defaultdict(int)
    for cycle_id in CycleItem.objects.filter(
        cycle__in=cycles,
        cycle__state=State.PENGUMPULAN,
        pic=user,
        status__in=[ItemStatus.OPEN, ItemStatus.RETURNED],
    ).values_list("cycle_id", flat=True):
        pic_counts[cycle_id] += 1
    entries = []
    for cycle in cycles:
        mine = roles.opd_roles.get(cycle.opd_id, frozenset())
        waiting = [t for t in graph.leaving(cycle.state) if mine & cycle_policy.roles_for(cycle, t.name)]
        if not cycle.instruction and cycle_policy.may_dispose(user, cycle):
            entries.append(InboxEntry(cycle, "Tulis disposisi"))
        elif cycle.state == State.DISPOSISI and cycle_policy.may_assign(user, cycle):
            entries.append(InboxEntry(cycle, "Tugaskan Tim SAKIP dan PIC, lalu mulai pengumpulan"))
        elif cycle.state == State.PENGUMPULAN and pic_counts.get(cycle.pk):
            entries.append(
                InboxEntry(cycle, "Isi realisasi indikator yang Anda pegang", pic_counts[cycle.pk])
            )
        elif waiting and cycle.state != State.DISPOSISI:
            entries.append(InboxEntry(cycle, WAITING_REASON[cycle.state]))
    return Inbox(entries)


def cycle_filter_q(*, opd: str, year: str, period: str, state: str) -> Q:
    q = Q()
    if small_int(opd) is not None:
        q &= Q(opd_id=small_int(opd))
    if small_int(year, minimum=2000, maximum=2100) is not None:
        q &= Q(year=int(year))
    if period in capaian.PERIODS:
        q &= Q(period=period)
    if state in STATE_ORDER:
        q &= Q(state=state)
    return q


# ---------------------------------------------------------------------------- the report's rows


def report_rows(cycle: Cycle) -> tuple[list[rows.ReportRow], capaian.Settings]:
    """The cycle's indicators in tree order: the frozen rows once signed, live ones before.

    Before sign-off only the cycle's own indicators: the draft under review is what will be
    signed, even if the plan gained an indicator meanwhile (it joins the next cycle).
    """
    settings = recap.engine_settings(cycle.opd.pemda_id)
    order = recap.tree_order(list(PlanElement.objects.filter(renstra=cycle.renstra)))
    if cycle.signed_at:
        result = [
            rows.frozen_row(item, settings) for item in cycle.items.select_related("indicator__element")
        ]
    else:
        data = recap.opd_recap(cycle.opd, cycle.renstra, cycle.year, cycle.period_info)
        in_cycle = set(cycle.items.values_list("indicator_id", flat=True))
        result = [rows.live_row(row) for row in data.rows if row.indicator.pk in in_cycle]
    result.sort(key=lambda r: (order.get(r.element.pk, (10**6,)), r.indicator.order, r.indicator.pk))
    return result, settings


def grid_totals(grid: list[GridRow], cycle: Cycle) -> list[recap.PredikatTotal]:
    """The grid's rows counted by predikat, as the OPD recap counts them."""
    labels = (row.result.predikat.label if row.result.predikat else recap.UNRATED for row in grid)
    return recap.predikat_totals(labels, recap.engine_settings(cycle.opd.pemda_id))
