"""Writes of the planning data. Views call these; each validates fully before saving."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja import access
from kinerja.cycle import locks as cycle_locks
from kinerja.models import (
    OPD,
    REALISASI_FIELDS,
    Budget,
    Delegation,
    Indicator,
    Level,
    Membership,
    Official,
    PemdaMembership,
    PemdaSettings,
    PlanElement,
    Realisasi,
    RealisasiHistory,
    RenstraPeriod,
    Target,
    User,
)
from kinerja.validators import normalize_nip


def _apply(instance, data: dict[str, Any]):
    """Set fields, validate everything (constraints included), save.

    A unique row written by someone else between the check and the save comes back
    as a ValidationError, not as a server error.
    """
    for name, value in data.items():
        setattr(instance, name, value)
    instance.full_clean()
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        raise ValidationError(
            _("Data bentrok dengan data yang baru saja disimpan pengguna lain. Muat ulang halaman.")
        ) from None
    return instance


def renstra_create(*, opd: OPD, data: dict[str, Any]) -> RenstraPeriod:
    return _apply(RenstraPeriod(opd=opd), data)


def renstra_update(*, renstra: RenstraPeriod, data: dict[str, Any]) -> RenstraPeriod:
    return _apply(renstra, data)


def element_create(
    *, renstra: RenstraPeriod, level: str, parent: PlanElement | None, data: dict[str, Any]
) -> PlanElement:
    return _apply(PlanElement(renstra=renstra, level=level, parent=parent), data)


def element_update(*, element: PlanElement, data: dict[str, Any]) -> PlanElement:
    return _apply(element, data)


def _refuse_if_realisasi(indicators, what: str) -> None:
    filled = Realisasi.objects.filter(indicator__in=indicators).count()
    if filled:
        raise ValidationError(
            _(
                "%(what)s tidak dapat dihapus karena sudah memiliki %(n)d data realisasi. "
                "Data yang sudah diisi tidak boleh hilang."
            )
            % {"what": what, "n": filled}
        )


def element_subtree_ids(element: PlanElement) -> list[int]:
    """The element and all its descendants (one query per level, at most five)."""
    ids = [element.pk]
    frontier = [element.pk]
    while frontier:
        frontier = list(PlanElement.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


@transaction.atomic
def element_delete(*, element: PlanElement) -> None:
    subtree = element_subtree_ids(element)
    _refuse_if_realisasi(Indicator.objects.filter(element_id__in=subtree), element.get_level_display())
    element.delete()


def indicator_create(*, element: PlanElement, data: dict[str, Any]) -> Indicator:
    return _apply(Indicator(element=element), data)


# What decides an indicator's capaian: frozen while a cycle shows it (DOMAIN.md section 6).
COMPUTATION_FIELDS = ("polarity", "band_lower", "band_upper", "aggregation", "frequency")


def indicator_update(*, indicator: Indicator, data: dict[str, Any]) -> Indicator:
    # Which cycle owns a stored value follows from the frequency: it stays once values exist.
    # (a ModelForm has already set the new values on the instance: compare with the stored ones)
    stored = Indicator.objects.filter(pk=indicator.pk).values(*COMPUTATION_FIELDS).first() or {}
    if any(name in data and data[name] != stored.get(name) for name in COMPUTATION_FIELDS):
        locked = cycle_locks.definition_lock(indicator)
        if locked:
            raise ValidationError(locked)
    if (
        "frequency" in data
        and data["frequency"] != stored.get("frequency")
        and Realisasi.objects.filter(indicator=indicator).exists()
    ):
        raise ValidationError(
            {"frequency": _("Frekuensi pengukuran tidak dapat diubah setelah indikator mempunyai realisasi.")}
        )
    return _apply(indicator, data)


@transaction.atomic
def indicator_delete(*, indicator: Indicator) -> None:
    _refuse_if_realisasi([indicator], _("Indikator"))
    indicator.delete()


@transaction.atomic
def targets_set(*, indicator: Indicator, year: int, values: dict[int, Decimal | None]) -> None:
    """Set the annual (0) and quarterly (1-4) targets of one year; None removes one."""
    renstra = indicator.element.renstra
    if not renstra.start_year <= year <= renstra.end_year:
        raise ValidationError(
            _("Tahun %(year)d di luar periode Renstra %(start)d-%(end)d.")
            % {"year": year, "start": renstra.start_year, "end": renstra.end_year}
        )
    existing = {t.quarter: t for t in indicator.targets.filter(year=year)}
    if any((existing[q].value if q in existing else None) != v for q, v in values.items()):
        locked = cycle_locks.target_lock(indicator, year)
        if locked:
            raise ValidationError(locked)
    for quarter, value in values.items():
        target = existing.get(quarter)
        if value is None:
            if target is not None:
                target.delete()
            continue
        if target is None:
            target = Target(indicator=indicator, year=year, quarter=quarter)
        if target.value != value:
            _apply(target, {"value": value})


def _jsonable(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


@transaction.atomic
def realisasi_save(
    *, indicator: Indicator, year: int, quarter: int, user: User, data: dict[str, Any]
) -> Realisasi:
    """Create or change a quarter's realisasi and record what changed, by whom."""
    realisasi = (
        Realisasi.objects.select_for_update().filter(indicator=indicator, year=year, quarter=quarter).first()
    )
    if realisasi is None:
        realisasi = Realisasi(indicator=indicator, year=year, quarter=quarter, entered_by=user)
        old = dict.fromkeys(REALISASI_FIELDS)
    else:
        old = {name: getattr(realisasi, name) for name in REALISASI_FIELDS}
        realisasi.version += 1
    unknown = set(data) - set(REALISASI_FIELDS)
    if unknown:
        raise ValueError(f"unknown realisasi fields: {sorted(unknown)}")
    changes = {
        name: [_jsonable(old[name]), _jsonable(value)]
        for name, value in data.items()
        if old[name] != value and not (old[name] is None and value == "")
    }
    if realisasi.pk and not changes:
        return Realisasi.objects.get(pk=realisasi.pk)
    # Period ownership: a value a cycle shows (rekap onwards, or archived) changes only through it.
    locked = cycle_locks.period_lock(indicator, year, quarter)
    if locked:
        raise ValidationError(locked)
    realisasi.entered_by = user
    _apply(realisasi, data)
    RealisasiHistory.objects.create(realisasi=realisasi, changed_by=user, changes=changes)
    return realisasi


@transaction.atomic
def budget_set(
    *, element: PlanElement, year: int, quarter: int, pagu: Decimal, realisasi: Decimal | None
) -> Budget:
    budget = Budget.objects.filter(element=element, year=year, quarter=quarter).first()
    if budget is None:
        budget = Budget(element=element, year=year, quarter=quarter)
    return _apply(budget, {"pagu": pagu, "realisasi": realisasi})


def allowed_child_level(element: PlanElement | None) -> str:
    return Level.TUJUAN if element is None else (element.child_level or "")


# ---------------------------------------------------------------------------- Plt./Plh. delegations


@transaction.atomic
def delegation_record(*, opd: OPD, by: User, data: dict[str, Any]) -> Delegation:
    """Record a Plt./Plh. of the OPD's head: who, for which post, from-to, on which letter."""
    if not access.can_record_delegation(by, opd):
        raise PermissionDenied(_("Plt./Plh. dicatat oleh admin Pemda."))
    delegate = data.get("user")
    if delegate is None or not Membership.objects.filter(user=delegate, opd__pemda_id=opd.pemda_id).exists():
        raise ValidationError({"user": _("Pilih pegawai Pemda ini sebagai pelaksana.")})
    # Segregation of duties: whoever records the signing power does not receive it, nor does
    # anyone holding a Pemda-wide role (they configure and read every OPD).
    if delegate.pk == by.pk:
        raise ValidationError({"user": _("Anda tidak dapat mencatat Plt./Plh. untuk diri sendiri.")})
    if PemdaMembership.objects.filter(user=delegate, pemda_id=opd.pemda_id).exists():
        raise ValidationError(
            {"user": _("Pemegang peran Pemda (admin, pemantau) tidak dapat menjadi Plt./Plh. kepala OPD.")}
        )
    # The signature prints the delegate's own NIP: the one their own records hold, nobody else's.
    nip = normalize_nip(str(data.get("nip") or ""))
    own = set(Official.objects.filter(user=delegate).exclude(nip="").values_list("nip", flat=True))
    if delegate.nip:
        own.add(normalize_nip(delegate.nip))
    if own and nip not in own:
        raise ValidationError(
            {
                "nip": _("NIP harus NIP pelaksana sendiri seperti tercatat di datanya: %(nip)s.")
                % {"nip": ", ".join(sorted(own))}
            }
        )
    taken = (
        Official.objects.filter(nip=nip).exclude(user=delegate).exists()
        or Delegation.objects.filter(nip=nip).exclude(user=delegate).exists()
        or User.objects.filter(nip=nip).exclude(pk=delegate.pk).exists()
    )
    if nip and taken:
        raise ValidationError({"nip": _("NIP ini tercatat milik orang lain.")})
    return _apply(Delegation(opd=opd, created_by=by), data)


@transaction.atomic
def delegation_end(*, delegation: Delegation, by: User) -> Delegation:
    """End a delegation now (the head is back, or the letter was revoked); its record stays."""
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if not access.can_record_delegation(by, delegation.opd):
        raise PermissionDenied(_("Plt./Plh. diakhiri oleh admin Pemda."))
    if delegation.ended_at is None:
        delegation.ended_at = timezone.now()
        delegation.ended_by = by
        delegation.save(update_fields=["ended_at", "ended_by"])
    return delegation


# ---------------------------------------------------------------------------- Pemda settings


@transaction.atomic
def pemda_settings_save(*, settings: PemdaSettings, by: User) -> PemdaSettings:
    """Save a Pemda's capaian settings; held while a cycle of the Pemda shows capaian under review."""
    if not access.can_configure_pemda(by, settings.pemda):
        raise PermissionDenied(_("Pengaturan capaian hanya dapat diubah admin Pemda."))
    stored = (
        PemdaSettings.objects.filter(pk=settings.pk).values(*PemdaSettings.COMPUTATION_FIELDS).first()
        if settings.pk
        else None
    )
    current = {name: getattr(settings, name) for name in PemdaSettings.COMPUTATION_FIELDS}
    if stored != current:
        locked = cycle_locks.settings_lock(settings.pemda_id)
        if locked:
            raise ValidationError(locked)
    settings.full_clean()
    settings.save()
    return settings
