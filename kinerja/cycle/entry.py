"""Writes of the entry grid: a quarter's realisasi, its evidence, and the checks on each item.

Every write locks the cycle, then the item (the order transitions use, so no deadlock), asks
``kinerja.cycle.policy`` who may, and saves through ``kinerja.services.realisasi_save``, which
keeps the history and asks ``kinerja.cycle.locks`` whether the quarter still moves.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja import policy, services
from kinerja.cycle import policy as cycle_policy
from kinerja.cycle.evidence import EvidenceRefused, check_upload, named_as
from kinerja.cycle.services import CycleError, lock_cycle
from kinerja.models import (
    REALISASI_FIELDS,
    CycleItem,
    Evidence,
    ItemNote,
    ItemStatus,
    Realisasi,
    User,
)


class Conflict(Exception):
    """The row was changed by someone else since it was loaded; nothing was written."""

    def __init__(self, current: Realisasi | None):
        super().__init__("conflict")
        self.current = current


# ---------------------------------------------------------------------------- items


def _lock_item(item_id: int) -> CycleItem:
    """Lock the cycle, then the item: the same order as transitions, so no deadlock."""
    cycle_id = CycleItem.objects.filter(pk=item_id).values_list("cycle_id", flat=True).first()
    if cycle_id is None:
        raise CycleError(_("Indikator siklus tidak ditemukan."))
    cycle = lock_cycle(cycle_id)
    item = (
        CycleItem.objects.select_for_update(of=("self",))
        .select_related("indicator__unit", "indicator__element")
        .get(pk=item_id)
    )
    item.cycle = cycle
    return item


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


@transaction.atomic
def items_save(*, user: User, changes) -> int:
    """Save several rows at once (a worksheet upload); a row changed meanwhile aborts them all."""
    for change in changes:
        item_save(item_id=change.item_id, user=user, data=change.new, version=change.version)
    return len(changes)
