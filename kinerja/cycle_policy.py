"""Who may act on a measurement cycle, and what still blocks each transition.

The one place the state machine, the views and the entry grid ask. The roles are declared
in ``kinerja.policy``; here they meet the cycle: its state, its SOP's lanes, the user's
role in the cycle's OPD (a Pemda-wide role never acts in a cycle).
"""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from kinerja import access, policy
from kinerja.models import Cycle, CycleItem, ItemStatus, Realisasi, Role, State

ROLE_LABELS = dict(Role.choices)


def sop_rules(cycle: Cycle):
    """The cycle's SOP rules per state, or None for a cycle without an SOP."""
    if not cycle.sop_revision_id:
        return None
    from sop.binding import rules

    return rules(cycle.sop_revision)


def roles_for(cycle: Cycle, name: str) -> frozenset[str]:
    """Who takes a transition: the pelaksana of the SOP steps of its source state.

    Without an SOP, or for a state the SOP gives no step, the default table applies.
    """
    state_rules = sop_rules(cycle)
    if state_rules is not None:
        rule = state_rules.get(policy.SOURCE_STATE.get(name, ""))
        if rule is not None and rule.roles:
            return rule.roles
    return policy.TRANSITION_ROLES.get(name, frozenset())


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


def may_take(user, cycle: Cycle, name: str) -> bool:
    return bool(opd_roles(user, cycle) & roles_for(cycle, name))


def acting_role(user, cycle: Cycle, name: str) -> str:
    roles = sorted(opd_roles(user, cycle) & roles_for(cycle, name))
    return ", ".join(str(ROLE_LABELS.get(r, r)) for r in roles)


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
    return ", ".join(str(ROLE_LABELS.get(r, r)) for r in sorted(roles))


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


def _missing_realisasi(cycle: Cycle) -> int:
    filled = Realisasi.objects.filter(
        indicator__cycle_items__cycle=cycle, year=cycle.year, quarter=cycle.entry_quarter
    ).values("indicator_id")
    return cycle.items.exclude(indicator_id__in=filled).count()


def blockers(cycle: Cycle, name: str) -> list[str]:
    """What still stands in the way of a transition, in words the page shows."""
    reasons: list[str] = []
    if name == "mulai_pengumpulan":
        if not cycle.instruction.strip():
            reasons.append(_("Kepala belum menuliskan disposisi."))
        if cycle.pk and not cycle.team.exists():
            reasons.append(_("Sekretaris belum menugaskan Tim SAKIP."))
    elif name == "ajukan_rekap":
        missing = _missing_realisasi(cycle)
        if missing:
            reasons.append(_("%(n)d indikator belum diisi.") % {"n": missing})
        counts = cycle.items.aggregate(
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
