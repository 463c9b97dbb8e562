"""What holds still while a cycle shows its values, and what still blocks each transition.

Period ownership (DOMAIN.md section 6): each quarter's realisasi of an indicator belongs to one
period's cycle; once a cycle shows computed values (rekap, reviu, pengesahan, arsip) what feeds
them (realisasi, targets, the indicator's computation, the Pemda's capaian settings) changes only
through that cycle. Every write of those asks here; the refusals are the words the page shows.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from kinerja import policy
from kinerja.capaian import PERIODS, owning_period
from kinerja.models import Cycle, CycleItem, Frequency, ItemStatus, Realisasi, State


def ownership_refusal(item: CycleItem) -> str:
    """Why this cycle does not write this item's value: another period's cycle owns it ("" if it owns it)."""
    cycle = item.cycle
    owner = owning_period(item.indicator.frequency, cycle.entry_quarter)
    if owner == cycle.period:
        return ""
    if owner is None:
        return _("Indikator ini tidak diukur pada %(period)s: frekuensinya %(freq)s.") % {
            "period": cycle.period_info.label,
            "freq": item.indicator.get_frequency_display().split(" (")[0].lower(),
        }
    return _(
        "Nilai ini dikumpulkan siklus %(owner)s; siklus %(period)s membacanya dan tidak mengubahnya."
    ) % {"owner": PERIODS[owner].label, "period": cycle.period_info.label}


def period_lock(indicator, year: int, quarter: int) -> str:
    """Why a quarter's realisasi cannot change now ("" when its owning cycle still collects it).

    The root of period ownership: every write of a realisasi asks this. The owning period's
    newest cycle (a revision replaces its archive) must not be in a state that shows its values.
    """
    opd_id = indicator.element.renstra.opd_id
    owner = owning_period(indicator.frequency, quarter)
    # The cycles that read the quarter too: every period up to a later TW (s.d. aggregation),
    # the semesters and the year. While one of them is reviewed or awaits signature, the
    # quarter holds still, even for its owner (a late TW I cycle, a TW I revision).
    readers = [code for code, p in PERIODS.items() if p.up_to_quarter >= quarter and code != owner]
    reader = _under_review(opd_id=opd_id, year=year, period__in=readers)
    if reader is not None:
        return _(
            "Nilai triwulan ini dibaca siklus %(period)s %(year)d yang sedang pada tahap %(state)s: "
            "perubahan menunggu siklus itu disahkan atau dikembalikan ke pengumpulan."
        ) % {"period": reader.period_info.label, "year": year, "state": reader.get_state_display().lower()}
    cycle = Cycle.objects.filter(opd_id=opd_id, year=year, period=owner).order_by("-revision").first()
    if cycle is None or cycle.state not in policy.FROZEN_STATES:
        return ""
    if cycle.state == State.ARSIP:
        return _(
            "Nilai %(period)s %(year)d sudah disahkan dan diarsipkan: koreksi hanya lewat revisi siklusnya."
        ) % {"period": cycle.period_info.label, "year": year}
    return _(
        "Nilai %(period)s %(year)d sedang dipakai siklusnya pada tahap %(state)s: "
        "perubahan hanya lewat siklus itu setelah dikembalikan ke pengumpulan."
    ) % {"period": cycle.period_info.label, "year": year, "state": cycle.get_state_display().lower()}


def _under_review(**lookup) -> Cycle | None:
    """A cycle matching ``lookup`` in rekap, reviu or pengesahan (it shows computed values)."""
    return Cycle.objects.filter(state__in=policy.REVIEW_STATES, **lookup).select_related("opd").first()


def _held(what: str, busy: Cycle | None) -> str:
    """The refusal when ``what`` feeds a cycle under review ("" when no cycle holds it)."""
    if busy is None:
        return ""
    return _(
        "%(what)s sedang dipakai siklus %(period)s %(year)d %(opd)s pada tahap %(state)s: ubah setelah "
        "siklus itu disahkan atau dikembalikan ke pengumpulan."
    ) % {
        "what": what,
        "period": busy.period_info.label,
        "year": busy.year,
        "opd": busy.opd.display_name,
        "state": busy.get_state_display().lower(),
    }


def settings_lock(pemda_id: int) -> str:
    """Why the Pemda's capaian settings cannot change now: a cycle of one of its OPDs shows capaian."""
    return _held(_("Pengaturan capaian Pemda"), _under_review(opd__pemda_id=pemda_id))


def definition_lock(indicator) -> str:
    """Why an indicator's computation (polarity, band, aggregation, frequency) cannot change now.

    They decide every capaian a cycle shows: while a cycle of the OPD is in rekap, reviu or
    pengesahan they stay as the reviewer saw them.
    """
    return _held(
        _("Cara menghitung capaian indikator ini"), _under_review(opd_id=indicator.element.renstra.opd_id)
    )


def target_lock(indicator, year: int) -> str:
    """Why a year's targets cannot change now: a cycle of that year shows them ("" when free).

    Targets feed every capaian a cycle shows; while a cycle of the year is in rekap, reviu or
    pengesahan they stay as that cycle shows them (its archive keeps its own frozen copy).
    """
    return _held(
        _("Target %(year)d") % {"year": year},
        _under_review(opd_id=indicator.element.renstra.opd_id, year=year),
    )


def owned_frequencies(cycle: Cycle) -> list[str]:
    """The indicator frequencies whose value at the cycle's quarter this cycle collects."""
    return [f for f in Frequency.values if owning_period(f, cycle.entry_quarter) == cycle.period]


def _missing_realisasi(cycle: Cycle) -> int:
    filled = Realisasi.objects.filter(
        indicator__cycle_items__cycle=cycle, year=cycle.year, quarter=cycle.entry_quarter
    ).values("indicator_id")
    owned = cycle.items.filter(indicator__frequency__in=owned_frequencies(cycle))
    return owned.exclude(indicator_id__in=filled).count()


def _unsigned_sources(cycle: Cycle) -> list[str]:
    """The quarter cycles a semester or annual cycle reads that are not signed yet."""
    if cycle.period.startswith("tw"):
        return []
    quarters = range(1, cycle.entry_quarter + 1) if cycle.period != "s2" else (3, 4)
    labels = []
    for q in quarters:
        source = Cycle.objects.filter(opd_id=cycle.opd_id, year=cycle.year, period=f"tw{q}").order_by(
            "-revision"
        )
        latest = source.first()
        if latest is not None and latest.state != State.ARSIP:
            labels.append(PERIODS[f"tw{q}"].label)
    return labels


def blockers(cycle: Cycle, name: str) -> list[str]:
    """What still stands in the way of a transition, in words the page shows."""
    reasons: list[str] = []
    if name == "mulai_pengumpulan":
        if not cycle.instruction.strip():
            reasons.append(_("Kepala belum menuliskan disposisi."))
        if cycle.pk and not cycle.team.exists():
            reasons.append(_("Sekretaris belum menugaskan Tim SAKIP."))
    elif name == "ajukan_rekap":
        unsigned = _unsigned_sources(cycle)
        if unsigned:
            reasons.append(
                _(
                    "Siklus %(periods)s belum disahkan: rekap %(period)s membaca nilai triwulan "
                    "yang sudah disahkan."
                )
                % {"periods": ", ".join(unsigned), "period": cycle.period_info.label}
            )
        missing = _missing_realisasi(cycle)
        if missing:
            reasons.append(_("%(n)d indikator belum diisi.") % {"n": missing})
        counts = cycle.items.filter(indicator__frequency__in=owned_frequencies(cycle)).aggregate(
            returned=Count("id", filter=Q(status=ItemStatus.RETURNED)),
            no_evidence=Count(
                "id", filter=Q(indicator__requires_evidence=True, evidence__isnull=True), distinct=True
            ),
        )
        if counts["no_evidence"]:
            reasons.append(
                _("%(n)d indikator wajib bukti dukung belum mempunyai bukti.") % {"n": counts["no_evidence"]}
            )
        if counts["returned"]:
            reasons.append(
                _("%(n)d indikator dikembalikan kepala unit dan belum diperbaiki PIC.")
                % {"n": counts["returned"]}
            )
    elif name == "kembalikan_ke_pengumpulan":
        if not cycle.items.filter(needs_revision=True).exists():
            reasons.append(_("Tandai paling sedikit satu indikator perlu perbaikan."))
    elif name == "teruskan_pengesahan":
        marked = cycle.items.filter(needs_revision=True).count()
        if marked:
            reasons.append(_("%(n)d indikator masih ditandai perlu perbaikan.") % {"n": marked})
    return reasons
