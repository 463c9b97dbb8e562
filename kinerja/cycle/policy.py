"""Who may act on a measurement cycle (what holds still and what blocks a move: ``locks``).

The one place the state machine, the views and the entry grid ask. The roles are declared
in ``kinerja.policy``; here they meet the cycle: its state, its SOP's lanes, the user's
role in the cycle's OPD (a Pemda-wide role never acts in a cycle).
"""

from django.utils.translation import gettext as _

from kinerja import access, policy
from kinerja.cycle import graph, locks
from kinerja.cycle.sop_rules import rules
from kinerja.models import (
    Cycle,
    CycleItem,
    Delegation,
    Evidence,
    ItemNote,
    ItemStatus,
    Official,
    RealisasiHistory,
    Role,
    State,
)

ROLE_LABELS = dict(Role.choices)


def sop_rules(cycle: Cycle):
    """The cycle's SOP rules per state, or None for a cycle without an SOP."""
    if not cycle.sop_revision_id:
        return None
    return rules(cycle.sop_revision)


def roles_for(cycle: Cycle, name: str) -> frozenset[str]:
    """Who takes a transition: the pelaksana of the SOP steps of its source state.

    Without an SOP, or for a state the SOP gives no step, the default table applies. The
    state's floor (``policy.STATE_FLOOR``) bounds both: an SOP narrows who acts, never widens
    it; an SOP that maps a state wholly below its floor leaves the floor (the template is
    flagged and starts no new cycle).
    """
    source = graph.source_of(name)
    roles = policy.TRANSITION_ROLES[name]
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
    review = state_rules.get(graph.source_of(graph.REVIEW))
    sign = state_rules.get(graph.source_of(graph.SIGN))
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
    signing = name == graph.SIGN
    if user.pk in _entered_by(cycle) or user.pk in _took(cycle, {graph.RECAP}):
        if signing:
            return _("Anda tidak dapat mengesahkan nilai yang Anda isi atau rekap sendiri.")
        return _("Anda tidak dapat mereviu nilai yang Anda isi atau rekap sendiri.")
    if signing and user.pk in _took(cycle, {graph.REVIEW}) and not review_and_sign_joined(cycle):
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
    return cycle.state == graph.source_of(graph.REVIEW) and bool(
        opd_roles(user, cycle) & roles_for(cycle, graph.REVIEW)
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
    ownership = locks.ownership_refusal(item)
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


def waiting_roles(cycle: Cycle) -> frozenset[str]:
    """The OPD roles the cycle now waits for (the ones told when it reaches its state)."""
    if cycle.state == State.ARSIP:
        return policy.ARCHIVE_NOTIFIED
    roles: set[str] = set()
    for step in graph.leaving(cycle.state):
        roles |= roles_for(cycle, step.name)
    if cycle.state == State.DISPOSISI:
        disposers, assigners = _disposition_roles(cycle)
        roles |= disposers | assigners
    if cycle.state == policy.ENTRY_STATE:
        roles |= policy.ITEM_CHECKERS
    return frozenset(roles)
