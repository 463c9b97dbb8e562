"""Who may act on a measurement cycle, and what still blocks each transition.

The one place the state machine, the views and the entry grid ask. The roles are declared
in ``kinerja.policy``; here they meet the cycle: its state, its SOP's lanes, the user's
role in the cycle's OPD (a Pemda-wide role never acts in a cycle).
"""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from kinerja import access, policy
from kinerja.capaian import PERIODS, owning_period
from kinerja.models import (
    Cycle,
    CycleItem,
    Delegation,
    Evidence,
    Frequency,
    ItemNote,
    ItemStatus,
    Official,
    Realisasi,
    RealisasiHistory,
    Role,
    State,
)

ROLE_LABELS = dict(Role.choices)


def sop_rules(cycle: Cycle):
    """The cycle's SOP rules per state, or None for a cycle without an SOP."""
    if not cycle.sop_revision_id:
        return None
    from sop.binding import rules

    return rules(cycle.sop_revision)


def roles_for(cycle: Cycle, name: str) -> frozenset[str]:
    """Who takes a transition: the pelaksana of the SOP steps of its source state.

    Without an SOP, or for a state the SOP gives no step, the default table applies. The
    state's floor (``policy.STATE_FLOOR``) bounds both: an SOP narrows who acts, never widens
    it; an SOP that maps a state wholly below its floor leaves the floor (the template is
    flagged and starts no new cycle).
    """
    source = policy.SOURCE_STATE.get(name, "")
    roles = policy.TRANSITION_ROLES.get(name, frozenset())
    state_rules = sop_rules(cycle)
    if state_rules is not None:
        rule = state_rules.get(source)
        if rule is not None and rule.roles:
            roles = rule.roles
    floor = policy.STATE_FLOOR.get(source)
    if floor is not None:
        roles = (roles & floor) or floor
    return roles


def _disposition_roles(cycle: Cycle) -> tuple[frozenset[str], frozenset[str]]:
    """(who writes the disposition, who assigns): the first disposisi step's lane, then the others."""
    state_rules = sop_rules(cycle)
    if state_rules is not None:
        steps = state_rules[State.DISPOSISI].steps
        if steps:
            first = frozenset({steps[0].lane.role})
            rest = frozenset(step.lane.role for step in steps[1:]) or first
            return first, rest
    return policy.DISPOSERS, policy.ASSIGNERS


def opd_roles(user, cycle: Cycle) -> frozenset[str]:
    return access.user_roles(user).opd_roles.get(cycle.opd_id, frozenset())


def holds_role_for(user, cycle: Cycle, name: str) -> bool:
    """The user holds a role that takes this transition (the four-eyes rule aside)."""
    return bool(opd_roles(user, cycle) & roles_for(cycle, name))


def may_take(user, cycle: Cycle, name: str) -> bool:
    return holds_role_for(user, cycle, name) and not four_eyes_refusal(user, cycle, name)


def _entered_by(cycle: Cycle) -> set[int]:
    """Who entered what this cycle certifies: saved a realisasi of its items and quarter since it
    was created, or added or removed a piece of its evidence."""
    realisasi = RealisasiHistory.objects.filter(
        realisasi__indicator__cycle_items__cycle=cycle,
        realisasi__year=cycle.year,
        realisasi__quarter=cycle.entry_quarter,
        changed_at__gte=cycle.created_at,
    ).values_list("changed_by_id", flat=True)
    evidence = Evidence.objects.filter(item__cycle=cycle).values_list("uploaded_by_id", flat=True)
    removed = ItemNote.objects.filter(item__cycle=cycle, kind=ItemNote.Kind.BUKTI_DIHAPUS).values_list(
        "author_id", flat=True
    )
    return set(realisasi) | set(evidence) | set(removed)


def _took(cycle: Cycle, names) -> set[int]:
    return set(cycle.transitions.filter(name__in=names).values_list("user_id", flat=True))


def review_and_sign_joined(cycle: Cycle) -> bool:
    """The SOP gives reviu and pengesahan to the same pelaksana (DPMPTSP: the Kadin does both)."""
    state_rules = sop_rules(cycle)
    if state_rules is None:
        return False
    review = state_rules.get(policy.SOURCE_STATE[policy.REVIEW_TRANSITION])
    sign = state_rules.get(policy.SOURCE_STATE[policy.SIGN_TRANSITION])
    if review is None or sign is None:
        return False
    lanes = {step.lane_id for step in review.steps} & {step.lane_id for step in sign.steps}
    return bool(lanes)


def four_eyes_refusal(user, cycle: Cycle, name: str) -> str:
    """Why this user may not certify the cycle's values with this transition ("" when they may).

    The rule is declared in ``policy.CERTIFYING``: nobody passes the review of, or signs,
    values they entered or recapped in this cycle; the signer is not who passed the review
    unless the SOP gives both to the same pelaksana.
    """
    if name not in policy.CERTIFYING or not getattr(user, "pk", None) or not cycle.pk:
        return ""
    signing = name == policy.SIGN_TRANSITION
    if user.pk in _entered_by(cycle) or user.pk in _took(cycle, policy.RECAP_TRANSITIONS):
        if signing:
            return _("Anda tidak dapat mengesahkan nilai yang Anda isi atau rekap sendiri.")
        return _("Anda tidak dapat mereviu nilai yang Anda isi atau rekap sendiri.")
    if signing and user.pk in _took(cycle, {policy.REVIEW_TRANSITION}) and not review_and_sign_joined(cycle):
        return _("Anda sudah mereviu siklus ini: pengesahan dilakukan pejabat lain (prinsip empat mata).")
    return ""


def signatory(user, cycle: Cycle) -> dict | None:
    """Name, jabatan and NIP the signature block prints for this user, from their own records only.

    The head signs with their own active Official record of the OPD; a Plt./Plh. signs with
    the delegation record running today ("Plt. Kepala ..."). None: this user cannot sign.
    """
    roles = access.user_roles(user)
    delegation_id = roles.delegations.get(cycle.opd_id)
    if (
        policy.HEAD_ROLE in roles.opd_roles.get(cycle.opd_id, frozenset())
        and cycle.opd_id not in roles.acting_head
    ):
        official = (
            Official.objects.filter(opd_id=cycle.opd_id, user=user, is_active=True).order_by("pk").first()
        )
        if official is not None:
            return {
                "name": official.name,
                "jabatan": official.jabatan,
                "nip": official.nip,
                "delegation": None,
            }
    if delegation_id is not None:
        delegation = Delegation.objects.get(pk=delegation_id)
        return {
            "name": delegation.name,
            "jabatan": delegation.title,
            "nip": delegation.nip,
            "delegation": delegation,
        }
    return None


def signatory_refusal(user, cycle: Cycle) -> str:
    if signatory(user, cycle) is not None:
        return ""
    return _(
        "Anda belum mempunyai data pejabat (nama, jabatan, NIP) di OPD ini, atau catatan Plt./Plh. "
        "yang berlaku: dokumen tidak dapat ditandatangani. Minta admin Pemda melengkapinya."
    )


def _labels(user, cycle: Cycle, roles) -> str:
    """Role names for the log; a head acting by delegation reads "Plt. Kepala OPD"."""
    acting = access.user_roles(user).acting_head.get(cycle.opd_id)
    return ", ".join(
        f"{acting} {ROLE_LABELS[r]}" if acting and r == policy.HEAD_ROLE else str(ROLE_LABELS.get(r, r))
        for r in sorted(roles)
    )


def acting_role(user, cycle: Cycle, name: str) -> str:
    return _labels(user, cycle, opd_roles(user, cycle) & roles_for(cycle, name))


def may_create(user, opd) -> bool:
    return bool(access.user_roles(user).roles_in(opd) & policy.CYCLE_CREATORS)


def may_dispose(user, cycle: Cycle) -> bool:
    return cycle.state == State.DISPOSISI and bool(opd_roles(user, cycle) & _disposition_roles(cycle)[0])


def may_assign(user, cycle: Cycle) -> bool:
    return cycle.state in policy.ASSIGN_STATES and bool(opd_roles(user, cycle) & _disposition_roles(cycle)[1])


def may_review(user, cycle: Cycle) -> bool:
    """The reviewers: the pelaksana of the SOP's reviu steps (the Sekretaris by default)."""
    return cycle.state == policy.SOURCE_STATE[policy.REVIEW_TRANSITION] and bool(
        opd_roles(user, cycle) & roles_for(cycle, policy.REVIEW_TRANSITION)
    )


def role_label(user, cycle: Cycle, among: frozenset[str] | None = None) -> str:
    """The user's role(s) in the cycle's OPD, for the log (limited to ``among`` when given)."""
    roles = opd_roles(user, cycle)
    if among is not None:
        roles = roles & among or roles
    return _labels(user, cycle, roles)


def _units(user, cycle: Cycle) -> frozenset[int]:
    return access.user_roles(user).opd_units.get(cycle.opd_id, frozenset())


def may_check_item(user, item: CycleItem) -> bool:
    """A unit head checks (marks complete, sends back) the items of their unit in pengumpulan."""
    cycle = item.cycle
    if cycle.state != policy.ENTRY_STATE or item.status == ItemStatus.LOCKED:
        return False
    roles = opd_roles(user, cycle)
    return bool(roles & policy.ITEM_CHECKERS) and item.indicator.unit_id in _units(user, cycle)


def may_reopen_item(user, item: CycleItem) -> bool:
    """Tim SAKIP reopens an item a unit head marked complete, to correct it, in pengumpulan."""
    return (
        item.cycle.state == policy.ENTRY_STATE
        and item.status == ItemStatus.COMPLETE
        and bool(opd_roles(user, item.cycle) & policy.ITEM_REOPENERS)
    )


def edit_refusal(user, item: CycleItem, in_team: bool | None = None) -> str:
    """Why this user may not change this item's realisasi now ("" when they may).

    ``in_team`` saves a query when the caller already knows whether the user is in the
    cycle's Tim SAKIP.
    """
    cycle = item.cycle
    if cycle.state == State.ARSIP:
        return _("Siklus sudah diarsipkan: nilainya tidak dapat diubah. Koreksi dilakukan di revisi siklus.")
    if cycle.state != policy.ENTRY_STATE:
        return _("Realisasi hanya dapat diisi pada tahap pengumpulan.")
    ownership = ownership_refusal(item)
    if ownership:
        return ownership
    if not item.is_open:
        if item.status == ItemStatus.COMPLETE:
            return _("Indikator ini sudah ditandai lengkap oleh kepala unit.")
        return _("Indikator ini terkunci: hanya indikator yang ditandai perlu perbaikan yang dibuka kembali.")
    if opd_roles(user, cycle) & policy.ENTRY_ROLES:
        return ""
    if item.pic_id and item.pic_id == user.pk:
        return ""
    if in_team is None:
        in_team = cycle.team.filter(pk=user.pk).exists()
    if in_team:
        return ""
    return _("Hanya PIC indikator ini dan Tim SAKIP yang dapat mengisinya.")


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


def may_edit_item(user, item: CycleItem) -> bool:
    return not edit_refusal(user, item)


def waiting_roles(cycle: Cycle) -> frozenset[str]:
    """The OPD roles the cycle now waits for (the ones told when it reaches its state)."""
    if cycle.state == State.ARSIP:
        return policy.ARCHIVE_NOTIFIED
    roles: set[str] = set()
    for name, source in policy.SOURCE_STATE.items():
        if source == cycle.state:
            roles |= roles_for(cycle, name)
    if cycle.state == State.DISPOSISI:
        disposers, assigners = _disposition_roles(cycle)
        roles |= disposers | assigners
    if cycle.state == policy.ENTRY_STATE:
        roles |= policy.ITEM_CHECKERS
    return frozenset(roles)


def may_see_cycle(user, cycle: Cycle) -> bool:
    return access.can_view_opd(user, cycle.opd)


# ---------------------------------------------------------------------------- blockers


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
