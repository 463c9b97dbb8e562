"""Writes of the measurement cycle: one service per transition and per piece of work.

Every transition: lock the row -> check permission and conditions -> transition ->
save -> log -> notify (after commit), inside one transaction.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed

from kinerja import capaian, cycle_policy, policy, recap, services
from kinerja.evidence import EvidenceRefused, check_upload, named_as
from kinerja.models import (
    OPD,
    Cycle,
    CycleItem,
    CycleTransition,
    Evidence,
    Indicator,
    ItemNote,
    ItemStatus,
    Realisasi,
    RenstraPeriod,
    State,
    Target,
    User,
)
from kinerja.notifications import notify_state


class CycleError(Exception):
    """A refusal the user should read (state changed, conditions unmet, note missing)."""


class Conflict(Exception):
    """The row was changed by someone else since it was loaded; nothing was written."""

    def __init__(self, current: Realisasi | None):
        super().__init__("conflict")
        self.current = current


def _log(cycle: Cycle, name: str, from_state: str, user: User, role: str, note: str = "") -> None:
    CycleTransition.objects.create(
        cycle=cycle, name=name, from_state=from_state, to_state=cycle.state, user=user, role=role, note=note
    )


# ---------------------------------------------------------------------------- creation


def _plan_due(sop_revision, start, from_state: str, pemda_id: int) -> dict[str, str]:
    from sop.binding import calendar_for, plan_due

    return plan_due(sop_revision, timezone.localtime(start), from_state, calendar_for(pemda_id))


def sop_choices(opd: OPD, on: datetime.date):
    from sop.services import revisions_in_force

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
        from sop.binding import floor_problems

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
                state_due=_plan_due(sop_revision, now, State.DISPOSISI, opd.pemda_id),
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
    from kinerja import access

    return access.role_labels(user, opd)


# ---------------------------------------------------------------------------- disposisi


def _lock(cycle_id: int) -> Cycle:
    try:
        return Cycle.objects.select_for_update(of=("self",)).select_related("opd").get(pk=cycle_id)
    except Cycle.DoesNotExist:
        raise CycleError(_("Siklus tidak ditemukan.")) from None


@transaction.atomic
def cycle_dispose(*, cycle_id: int, user: User, instruction: str, due_date: datetime.date | None) -> Cycle:
    cycle = _lock(cycle_id)
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
    cycle = _lock(cycle_id)
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
        _("Tim SAKIP: %(names)s.") % {"names": names}
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
    if name in policy.RETURNS and not note:
        raise CycleError(_("Catatan wajib diisi saat mengembalikan."))
    try:
        with transaction.atomic():
            cycle = _lock(cycle_id)
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
            if name == policy.SIGN_TRANSITION and cycle_policy.signatory(user, cycle) is None:
                raise PermissionDenied(cycle_policy.signatory_refusal(user, cycle))
            reasons = cycle_policy.blockers(cycle, name)
            if reasons:
                raise CycleError(" ".join(reasons))
            from_state = cycle.state
            method()
            cycle.state_changed_at = timezone.now()
            if cycle.state != State.ARSIP:
                # Due times now count from the moment this state really began.
                cycle.state_due = {
                    **cycle.state_due,
                    **_plan_due(cycle.sop_revision, cycle.state_changed_at, cycle.state, cycle.opd.pemda_id),
                }
            cycle.save()
            if after is not None:
                after(cycle, user)
            _log(cycle, name, from_state, user, cycle_policy.acting_role(user, cycle, name), note)
            transaction.on_commit(lambda: notify_state(cycle.pk, str(user), note))
    except ConcurrentTransition:
        raise CycleError(_("Siklus baru saja diubah pengguna lain. Muat ulang halaman.")) from None
    return cycle


def item_values(item: CycleItem, realisasi: Realisasi | None) -> dict[str, Any]:
    if realisasi is None:
        return {}
    return {
        "value": None if realisasi.value is None else str(realisasi.value),
        "unmeasured_reason": realisasi.unmeasured_reason,
        "faktor_pendukung": realisasi.faktor_pendukung,
        "faktor_penghambat": realisasi.faktor_penghambat,
        "solusi": realisasi.solusi,
        "evidence": sorted(e.pk for e in item.evidence.all()),
    }


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
        item.reviewed_values = item_values(item, realisasi.get(item.indicator_id))
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
    rows = {row.indicator.pk: row for row in data.rows}
    items = list(cycle.items.all())
    for item in items:
        row = rows.get(item.indicator_id)
        item.status = ItemStatus.LOCKED
        if row is None:
            continue
        item.final_target = row.result.target.value
        item.final_realisasi = row.result.realisasi.value
        item.final_capaian = row.result.capaian.value
        item.final_predikat = row.predikat_label
        item.final_values = {
            "penjelasan": row.explanation,
            "alasan": row.result.capaian.reason,
            "tren": [None if v is None else str(v) for v in row.result.trend],
            "analisis": {
                "unmeasured_reason": row.analysis.unmeasured_reason if row.analysis else "",
                "faktor_pendukung": row.analysis.faktor_pendukung if row.analysis else "",
                "faktor_penghambat": row.analysis.faktor_penghambat if row.analysis else "",
                "solusi": row.analysis.solusi if row.analysis else "",
            },
        }
    CycleItem.objects.bulk_update(
        items,
        ["status", "final_target", "final_realisasi", "final_capaian", "final_predikat", "final_values"],
    )
    # The signed report is part of the sign-off: if it cannot be made and stored, nothing is signed.
    from kinerja.documents.measurement import issue_measurement_report

    issue_measurement_report(cycle)


def cycle_mulai_pengumpulan(*, cycle_id: int, user: User) -> Cycle:
    return _take(cycle_id=cycle_id, name="mulai_pengumpulan", user=user)


def cycle_ajukan_rekap(*, cycle_id: int, user: User) -> Cycle:
    return _take(cycle_id=cycle_id, name="ajukan_rekap", user=user)


def cycle_ajukan_reviu(*, cycle_id: int, user: User) -> Cycle:
    return _take(cycle_id=cycle_id, name="ajukan_reviu", user=user)


def cycle_kembalikan_ke_pengumpulan(*, cycle_id: int, user: User, note: str) -> Cycle:
    return _take(
        cycle_id=cycle_id, name="kembalikan_ke_pengumpulan", user=user, note=note, after=_reopen_marked
    )


def cycle_kembalikan_ke_rekap(*, cycle_id: int, user: User, note: str) -> Cycle:
    return _take(cycle_id=cycle_id, name="kembalikan_ke_rekap", user=user, note=note, after=_lock_all)


def cycle_teruskan_pengesahan(*, cycle_id: int, user: User) -> Cycle:
    return _take(cycle_id=cycle_id, name="teruskan_pengesahan", user=user)


def cycle_kembalikan_ke_reviu(*, cycle_id: int, user: User, note: str) -> Cycle:
    return _take(cycle_id=cycle_id, name="kembalikan_ke_reviu", user=user, note=note)


def cycle_sahkan(*, cycle_id: int, user: User) -> Cycle:
    return _take(cycle_id=cycle_id, name="sahkan", user=user, after=_sign_and_freeze)


TRANSITION_SERVICES: dict[str, Callable[..., Cycle]] = {
    "mulai_pengumpulan": cycle_mulai_pengumpulan,
    "ajukan_rekap": cycle_ajukan_rekap,
    "ajukan_reviu": cycle_ajukan_reviu,
    "kembalikan_ke_pengumpulan": cycle_kembalikan_ke_pengumpulan,
    "kembalikan_ke_rekap": cycle_kembalikan_ke_rekap,
    "teruskan_pengesahan": cycle_teruskan_pengesahan,
    "kembalikan_ke_reviu": cycle_kembalikan_ke_reviu,
    "sahkan": cycle_sahkan,
}


def cycle_take(*, cycle_id: int, name: str, user: User, note: str = "") -> Cycle:
    """Dispatch to the service of a transition (views receive the name from the URL)."""
    service = TRANSITION_SERVICES.get(name)
    if service is None:
        raise CycleError(_("Tindakan tidak dikenal."))
    if name in policy.RETURNS:
        return service(cycle_id=cycle_id, user=user, note=note)
    return service(cycle_id=cycle_id, user=user)


# ---------------------------------------------------------------------------- items


def _lock_item(item_id: int) -> CycleItem:
    """Lock the cycle, then the item: the same order as transitions, so no deadlock."""
    cycle_id = CycleItem.objects.filter(pk=item_id).values_list("cycle_id", flat=True).first()
    if cycle_id is None:
        raise CycleError(_("Indikator siklus tidak ditemukan."))
    cycle = _lock(cycle_id)
    item = (
        CycleItem.objects.select_for_update(of=("self",))
        .select_related("indicator__unit", "indicator__element")
        .get(pk=item_id)
    )
    item.cycle = cycle
    return item


REALISASI_FIELDS = ("value", "unmeasured_reason", "faktor_pendukung", "faktor_penghambat", "solusi")


@transaction.atomic
def item_save(*, item_id: int, user: User, data: dict[str, Any], version: int) -> Realisasi:
    """Save one row of the entry grid; a row changed since it was loaded raises Conflict."""
    item = _lock_item(item_id)
    refusal = cycle_policy.edit_refusal(user, item)
    if refusal:
        raise PermissionDenied(refusal)
    cycle = item.cycle
    current = (
        Realisasi.objects.select_for_update()
        .filter(indicator=item.indicator, year=cycle.year, quarter=cycle.entry_quarter)
        .select_related("entered_by")
        .first()
    )
    if (current.version if current else 0) != version:
        raise Conflict(current)
    value = data.get("value")
    if isinstance(value, Decimal) and value < 0 and not item.indicator.allow_negative:
        raise ValidationError({"value": _("Realisasi tidak boleh negatif untuk satuan ini.")})
    clean = {
        name: data.get(name) if name == "value" else (data.get(name) or "").strip()
        for name in REALISASI_FIELDS
    }
    saved = services.realisasi_save(
        indicator=item.indicator, year=cycle.year, quarter=cycle.entry_quarter, user=user, data=clean
    )
    if item.status == ItemStatus.RETURNED:
        item.status = ItemStatus.OPEN
        item.save(update_fields=["status"])
    return saved


@transaction.atomic
def item_check(*, item_id: int, user: User, complete: bool, note: str = "") -> CycleItem:
    """A unit head marks an item complete, or sends it back to its PIC with a note."""
    item = _lock_item(item_id)
    if not cycle_policy.may_check_item(user, item):
        raise PermissionDenied(_("Hanya kepala unit penanggung jawab yang memeriksa indikator ini."))
    note = (note or "").strip()
    if not complete and not note:
        raise CycleError(_("Catatan wajib diisi saat mengembalikan ke PIC."))
    item.status = ItemStatus.COMPLETE if complete else ItemStatus.RETURNED
    item.save(update_fields=["status"])
    ItemNote.objects.create(
        item=item,
        kind=ItemNote.Kind.LENGKAP if complete else ItemNote.Kind.KEMBALI,
        author=user,
        role=cycle_policy.role_label(user, item.cycle, among=policy.ITEM_CHECKERS),
        text=note,
    )
    return item


@transaction.atomic
def item_reopen(*, item_id: int, user: User) -> CycleItem:
    """Tim SAKIP reopens an item a unit head marked complete (to correct it)."""
    item = _lock_item(item_id)
    if item.cycle.state != policy.ENTRY_STATE or item.status != ItemStatus.COMPLETE:
        raise CycleError(_("Hanya indikator yang ditandai lengkap pada tahap pengumpulan yang dapat dibuka."))
    if not cycle_policy.may_reopen_item(user, item):
        raise PermissionDenied(_("Hanya Tim SAKIP yang dapat membuka kembali indikator."))
    item.status = ItemStatus.OPEN
    item.save(update_fields=["status"])
    return item


@transaction.atomic
def item_review(*, item_id: int, user: User, needs_revision: bool, note: str = "") -> CycleItem:
    item = _lock_item(item_id)
    if not cycle_policy.may_review(user, item.cycle):
        raise PermissionDenied(_("Reviu dilakukan Sekretaris pada tahap reviu."))
    note = (note or "").strip()
    if needs_revision and not note:
        raise CycleError(_("Tuliskan apa yang perlu diperbaiki."))
    item.needs_revision = needs_revision
    item.save(update_fields=["needs_revision"])
    if note:
        ItemNote.objects.create(
            item=item,
            kind=ItemNote.Kind.REVIU,
            author=user,
            role=cycle_policy.role_label(user, item.cycle),
            text=note,
        )
    return item


# ---------------------------------------------------------------------------- evidence


@transaction.atomic
def evidence_add(*, item_id: int, user: User, upload=None, link: str = "") -> Evidence:
    item = _lock_item(item_id)
    refusal = cycle_policy.edit_refusal(user, item)
    if refusal:
        raise PermissionDenied(refusal)
    link = (link or "").strip()
    if upload is None and not link:
        raise CycleError(_("Pilih berkas atau isi tautan bukti dukung."))
    evidence = Evidence(item=item, uploaded_by=user)
    if upload is not None:
        try:
            kind = check_upload(upload, settings.SAKIP_EVIDENCE_MAX_BYTES)
        except EvidenceRefused as exc:
            raise CycleError(str(exc)) from None
        evidence.original_name = named_as(upload.name, kind)
        evidence.content_type = kind.content_type
        evidence.size = upload.size
        stored_name = f"bukti{kind.extension}"
        try:
            evidence.file.save(stored_name, upload, save=False)
        except OSError:
            raise CycleError(
                _(
                    "Berkas tidak dapat disimpan (ruang penyimpanan server penuh atau bermasalah). "
                    "Coba lagi nanti."
                )
            ) from None
    else:
        evidence.link = link
        try:
            evidence.full_clean(exclude=["file", "item", "uploaded_by"])
        except ValidationError:
            raise CycleError(_("Tautan tidak sah: gunakan alamat lengkap, misalnya https://…")) from None
        if not link.lower().startswith(("http://", "https://")):
            raise CycleError(_("Tautan harus diawali http:// atau https://."))
    try:
        evidence.save()
    except Exception:
        if evidence.file:
            evidence.file.delete(save=False)  # never leave a file no row points to
        raise
    return evidence


@transaction.atomic
def evidence_delete(*, evidence_id: int, user: User) -> None:
    evidence = Evidence.objects.select_related("item").filter(pk=evidence_id).first()
    if evidence is None:
        raise CycleError(_("Bukti dukung tidak ditemukan."))
    item = _lock_item(evidence.item_id)
    refusal = cycle_policy.edit_refusal(user, item)
    if refusal:
        raise PermissionDenied(refusal)
    stored = evidence.file.name if evidence.file else ""
    # Evidence is part of what the review certifies: who removed it counts as having entered it.
    ItemNote.objects.create(
        item=item,
        kind=ItemNote.Kind.BUKTI_DIHAPUS,
        author=user,
        role=cycle_policy.role_label(user, item.cycle),
        text=evidence.original_name or evidence.link,
    )
    evidence.delete()
    if stored:
        storage = evidence.file.storage
        transaction.on_commit(lambda: storage.delete(stored))


def target_map(cycle: Cycle) -> dict[int, dict[int, Decimal]]:
    targets: dict[int, dict[int, Decimal]] = {}
    for ind, quarter, value in Target.objects.filter(
        indicator__cycle_items__cycle=cycle, year=cycle.year
    ).values_list("indicator_id", "quarter", "value"):
        targets.setdefault(ind, {})[quarter] = value
    return targets
