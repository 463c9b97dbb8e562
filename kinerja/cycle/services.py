"""Writes of the measurement cycle: one service per transition and per piece of work.

Every transition: lock the row -> check permission and conditions -> transition ->
save -> log -> notify (after commit), inside one transaction.
"""

import datetime
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed

from kinerja import access, capaian, recap
from kinerja.cycle import graph, rows, timing
from kinerja.cycle import locks as cycle_locks
from kinerja.cycle import policy as cycle_policy
from kinerja.cycle.notifications import notify_state
from kinerja.cycle.sop_rules import floor_problems
from kinerja.documents.measurement import issue_measurement_report
from kinerja.models import (
    OPD,
    Cycle,
    CycleItem,
    CycleTransition,
    Indicator,
    ItemStatus,
    Realisasi,
    RenstraPeriod,
    State,
    User,
)
from sop.selectors import revisions_in_force


class CycleError(Exception):
    """A refusal the user should read (state changed, conditions unmet, note missing)."""


def _log(cycle: Cycle, name: str, from_state: str, user: User, role: str, note: str = "") -> None:
    CycleTransition.objects.create(
        cycle=cycle, name=name, from_state=from_state, to_state=cycle.state, user=user, role=role, note=note
    )


# ---------------------------------------------------------------------------- creation


def sop_choices(opd: OPD, on: datetime.date):
    return revisions_in_force(opd, on)


@transaction.atomic
def cycle_create(
    *,
    opd: OPD,
    year: int,
    period: str,
    user: User,
    revision_of: Cycle | None = None,
    sop_revision=None,
) -> Cycle:
    if not cycle_policy.may_create(user, opd):
        raise PermissionDenied(_("Anda tidak dapat membuat siklus untuk OPD ini."))
    if period not in capaian.PERIODS:
        raise ValidationError(_("Periode tidak dikenal."))
    renstra = RenstraPeriod.objects.filter(opd=opd, start_year__lte=year, end_year__gte=year).first()
    if renstra is None:
        raise ValidationError(_("Belum ada Renstra OPD ini yang mencakup tahun %(year)d.") % {"year": year})
    existing = Cycle.objects.select_for_update().filter(opd=opd, year=year, period=period)
    if existing.exclude(state=State.ARSIP).exists():
        raise ValidationError(_("Sudah ada siklus yang berjalan untuk periode ini."))
    archived = existing.filter(state=State.ARSIP)
    if archived.exists() and revision_of is None:
        raise ValidationError(
            _("Siklus periode ini sudah diarsipkan. Koreksi dilakukan dengan membuat revisi dari arsipnya.")
        )
    revision = 0
    if revision_of is not None:
        if revision_of.state != State.ARSIP or (revision_of.opd_id, revision_of.year, revision_of.period) != (
            opd.pk,
            year,
            period,
        ):
            raise ValidationError(_("Revisi hanya dapat dibuat dari siklus arsip periode yang sama."))
        revision = (existing.aggregate(m=Max("revision"))["m"] or 0) + 1
    if sop_revision is None:
        choices = sop_choices(opd, timezone.localdate())
        if len(choices) > 1:
            raise ValidationError(
                _("OPD ini mempunyai beberapa SOP yang berlaku: pilih SOP yang dipakai siklus.")
            )
        sop_revision = choices[0] if choices else None
    elif sop_revision not in sop_choices(opd, timezone.localdate()):
        raise ValidationError(_("SOP itu tidak berlaku untuk OPD ini."))
    if sop_revision is not None:
        problems = floor_problems(sop_revision)
        if problems:
            raise ValidationError(
                _(
                    "SOP '%(nama)s' melanggar pemisahan tugas dan tidak dapat memulai siklus baru: "
                    "%(problems)s"
                )
                % {"nama": sop_revision.nama, "problems": " ".join(problems)}
            )
    indicators = list(Indicator.objects.filter(element__renstra=renstra).order_by("pk"))
    if not indicators:
        raise ValidationError(_("Renstra ini belum mempunyai indikator."))
    now = timezone.now()
    try:
        with transaction.atomic():
            cycle = Cycle.objects.create(
                opd=opd,
                renstra=renstra,
                year=year,
                period=period,
                revision_of=revision_of,
                revision=revision,
                created_by=user,
                sop_revision=sop_revision,
                state_due=timing.plan_due(
                    sop_revision, timezone.localtime(now), State.DISPOSISI, timing.calendar_for(opd.pemda_id)
                ),
            )
    except IntegrityError:
        raise ValidationError(_("Sudah ada siklus yang berjalan untuk periode ini.")) from None
    CycleItem.objects.bulk_create([CycleItem(cycle=cycle, indicator=indicator) for indicator in indicators])
    role = ", ".join(access_labels(user, opd))
    _log(
        cycle,
        "buat",
        State.DISPOSISI,
        user,
        role,
        _("Siklus dibuat") + (f" (revisi {revision})" if revision else ""),
    )
    transaction.on_commit(lambda: notify_state(cycle.pk, str(user)))
    return cycle


def access_labels(user: User, opd: OPD) -> list[str]:
    return access.role_labels(user, opd)


# ---------------------------------------------------------------------------- disposisi


def lock_cycle(cycle_id: int) -> Cycle:
    """The cycle's row, locked: every write of a cycle or of its items takes this lock first."""
    try:
        return Cycle.objects.select_for_update(of=("self",)).select_related("opd").get(pk=cycle_id)
    except Cycle.DoesNotExist:
        raise CycleError(_("Siklus tidak ditemukan.")) from None


@transaction.atomic
def cycle_dispose(*, cycle_id: int, user: User, instruction: str, due_date: datetime.date | None) -> Cycle:
    cycle = lock_cycle(cycle_id)
    if not cycle_policy.may_dispose(user, cycle):
        raise PermissionDenied(_("Disposisi ditulis oleh Kepala pada tahap disposisi."))
    instruction = (instruction or "").strip()
    if not instruction:
        raise CycleError(_("Isi disposisi wajib diisi."))
    cycle.instruction = instruction
    cycle.due_date = due_date
    cycle.disposed_by = user
    cycle.disposed_at = timezone.now()
    cycle.save(update_fields=["instruction", "due_date", "disposed_by", "disposed_at"])
    _log(cycle, "tulis_disposisi", cycle.state, user, cycle_policy.role_label(user, cycle), instruction)
    return cycle


@transaction.atomic
def cycle_assign(
    *,
    cycle_id: int,
    user: User,
    team: list[User],
    note: str,
    pics: dict[int, tuple[User | None, datetime.date | None]],
) -> Cycle:
    """The Sekretaris names Tim SAKIP and, per indicator, the PIC and due date."""
    cycle = lock_cycle(cycle_id)
    if not cycle_policy.may_assign(user, cycle):
        raise PermissionDenied(_("Penugasan dilakukan oleh Sekretaris."))
    members = set(team)
    allowed = set(User.objects.filter(memberships__opd=cycle.opd).distinct())
    if not members <= allowed or any(p and p not in allowed for p, _d in pics.values()):
        raise CycleError(_("Hanya pegawai OPD ini yang dapat ditugaskan."))
    if not members:
        raise CycleError(_("Pilih paling sedikit satu anggota Tim SAKIP."))
    cycle.team.set(members)
    cycle.assignment_note = (note or "").strip()
    cycle.save(update_fields=["assignment_note"])
    items = {item.pk: item for item in cycle.items.all()}
    changed = []
    for item_id, (pic, due) in pics.items():
        item = items.get(item_id)
        if item is None:
            continue
        if item.pic_id != (pic.pk if pic else None) or item.due_date != due:
            item.pic, item.due_date = pic, due
            changed.append(item)
    CycleItem.objects.bulk_update(changed, ["pic", "due_date"])
    names = ", ".join(str(m) for m in sorted(members, key=str))
    _log(
        cycle,
        "penugasan",
        cycle.state,
        user,
        cycle_policy.role_label(user, cycle),
        # A name may end in a degree's dot ("S.AP."): the sentence ends with that one, not a second.
        (_("Tim SAKIP: %(names)s") % {"names": names}).rstrip(".")
        + "."
        + (f" {cycle.assignment_note}" if cycle.assignment_note else ""),
    )
    return cycle


# ---------------------------------------------------------------------------- transitions


def _take(
    *,
    cycle_id: int,
    name: str,
    user: User,
    note: str = "",
    after: Callable[[Cycle, User], None] | None = None,
) -> Cycle:
    note = (note or "").strip()
    if graph.BY_NAME[name].is_return and not note:
        raise CycleError(_("Catatan wajib diisi saat mengembalikan."))
    try:
        with transaction.atomic():
            cycle = lock_cycle(cycle_id)
            method = getattr(cycle, name)
            if not can_proceed(method, check_conditions=False):
                raise CycleError(
                    _(
                        "Tindakan ini tidak tersedia pada tahap %(state)s "
                        "(mungkin baru saja diubah pengguna lain)."
                    )
                    % {"state": cycle.get_state_display()}
                )
            if not cycle_policy.holds_role_for(user, cycle, name):
                raise PermissionDenied(_("Peran Anda tidak dapat mengambil tindakan ini."))
            refusal = cycle_policy.four_eyes_refusal(user, cycle, name)
            if refusal:
                raise PermissionDenied(refusal)
            if name == graph.SIGN and cycle_policy.signatory(user, cycle) is None:
                raise PermissionDenied(cycle_policy.signatory_refusal(user, cycle))
            reasons = cycle_locks.blockers(cycle, name)
            if reasons:
                raise CycleError(" ".join(reasons))
            from_state = cycle.state
            cycle._checked_transition = name  # the model's fsm condition: checked here, once
            method()
            cycle.state_changed_at = timezone.now()
            if cycle.state != State.ARSIP:
                # Due times now count from the moment this state really began.
                cycle.state_due = {
                    **cycle.state_due,
                    **timing.plan_cycle(cycle, cycle.state_changed_at, cycle.state),
                }
            cycle.save()
            if after is not None:
                after(cycle, user)
            _log(cycle, name, from_state, user, cycle_policy.acting_role(user, cycle, name), note)
            transaction.on_commit(lambda: notify_state(cycle.pk, str(user), note))
    except ConcurrentTransition:
        raise CycleError(_("Siklus baru saja diubah pengguna lain. Muat ulang halaman.")) from None
    return cycle


def _snapshot_reviewed(cycle: Cycle) -> None:
    """Remember what the Sekretaris saw, so the next review can highlight what changed."""
    items = list(cycle.items.prefetch_related("evidence"))
    realisasi = {
        r.indicator_id: r
        for r in Realisasi.objects.filter(
            indicator__cycle_items__cycle=cycle, year=cycle.year, quarter=cycle.entry_quarter
        )
    }
    for item in items:
        item.reviewed_values = rows.reviewed(
            realisasi.get(item.indicator_id), [e.pk for e in item.evidence.all()]
        )
    CycleItem.objects.bulk_update(items, ["reviewed_values"])


def _reopen_marked(cycle: Cycle, user: User) -> None:
    _snapshot_reviewed(cycle)
    cycle.items.filter(needs_revision=True).update(status=ItemStatus.OPEN)
    cycle.items.filter(needs_revision=False).update(status=ItemStatus.LOCKED)


def _lock_all(cycle: Cycle, user: User) -> None:
    _snapshot_reviewed(cycle)
    cycle.items.update(status=ItemStatus.LOCKED)


def _sign_and_freeze(cycle: Cycle, user: User) -> None:
    # Name, jabatan and NIP come only from the signer's own records (checked before the move).
    signer = cycle_policy.signatory(user, cycle)
    if signer is None:
        raise CycleError(cycle_policy.signatory_refusal(user, cycle))
    cycle.signed_by = user
    cycle.signed_at = timezone.now()
    cycle.signer_name = signer["name"]
    cycle.signer_jabatan = signer["jabatan"]
    cycle.signer_nip = signer["nip"] or ""
    cycle.signer_delegation = signer["delegation"]
    cycle.save(
        update_fields=[
            "signed_by",
            "signed_at",
            "signer_name",
            "signer_jabatan",
            "signer_nip",
            "signer_delegation",
        ]
    )
    data = recap.opd_recap(cycle.opd, cycle.renstra, cycle.year, cycle.period_info)
    recap_rows = {row.indicator.pk: row for row in data.rows}
    items = list(cycle.items.all())
    for item in items:
        item.status = ItemStatus.LOCKED
        if item.indicator_id in recap_rows:
            rows.freeze(item, recap_rows[item.indicator_id])
    CycleItem.objects.bulk_update(items, ["status", *rows.FROZEN_FIELDS])
    # The signed report is part of the sign-off: if it cannot be made and stored, nothing is signed.
    issue_measurement_report(cycle)


# What a transition does beyond moving the state (the graph says where it goes).
EFFECTS: dict[str, Callable[[Cycle, User], None]] = {
    "kembalikan_ke_pengumpulan": _reopen_marked,
    "kembalikan_ke_rekap": _lock_all,
    graph.SIGN: _sign_and_freeze,
}


def cycle_take(*, cycle_id: int, name: str, user: User, note: str = "") -> Cycle:
    """Take the transition ``name`` of the graph (views receive the name from the URL)."""
    step = graph.BY_NAME.get(name)
    if step is None:
        raise CycleError(_("Tindakan tidak dikenal."))
    return _take(
        cycle_id=cycle_id, name=name, user=user, note=note if step.is_return else "", after=EFFECTS.get(name)
    )


# One service per transition, for callers that know which one they take.


def cycle_mulai_pengumpulan(*, cycle_id: int, user: User) -> Cycle:
    return cycle_take(cycle_id=cycle_id, name="mulai_pengumpulan", user=user)


def cycle_ajukan_rekap(*, cycle_id: int, user: User) -> Cycle:
    return cycle_take(cycle_id=cycle_id, name="ajukan_rekap", user=user)


def cycle_ajukan_reviu(*, cycle_id: int, user: User) -> Cycle:
    return cycle_take(cycle_id=cycle_id, name="ajukan_reviu", user=user)


def cycle_kembalikan_ke_pengumpulan(*, cycle_id: int, user: User, note: str) -> Cycle:
    return cycle_take(cycle_id=cycle_id, name="kembalikan_ke_pengumpulan", user=user, note=note)


def cycle_kembalikan_ke_rekap(*, cycle_id: int, user: User, note: str) -> Cycle:
    return cycle_take(cycle_id=cycle_id, name="kembalikan_ke_rekap", user=user, note=note)


def cycle_teruskan_pengesahan(*, cycle_id: int, user: User) -> Cycle:
    return cycle_take(cycle_id=cycle_id, name="teruskan_pengesahan", user=user)


def cycle_kembalikan_ke_reviu(*, cycle_id: int, user: User, note: str) -> Cycle:
    return cycle_take(cycle_id=cycle_id, name="kembalikan_ke_reviu", user=user, note=note)


def cycle_sahkan(*, cycle_id: int, user: User) -> Cycle:
    return cycle_take(cycle_id=cycle_id, name="sahkan", user=user)
