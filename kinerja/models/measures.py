"""What is measured against the plan: targets, realisasi and its history, budget (DOMAIN.md section 4)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .planning import (
    BUDGET_LEVELS,
    MAX_YEAR,
    MIN_YEAR,
    MONEY_DIGITS,
    VALUE_DIGITS,
    YEAR_VALIDATORS,
    Indicator,
    PlanElement,
)

QUARTER_LABELS = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}


class Target(models.Model):
    """The annual target (quarter 0) or a quarterly target of Rencana Aksi (quarter 1-4)."""

    ANNUAL = 0

    class Quarter(models.IntegerChoices):
        TAHUNAN = 0, _("Tahunan")
        TW1 = 1, _("TW I")
        TW2 = 2, _("TW II")
        TW3 = 3, _("TW III")
        TW4 = 4, _("TW IV")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR_VALIDATORS)
    quarter = models.PositiveSmallIntegerField(_("periode"), choices=Quarter.choices)
    value = models.DecimalField(_("target"), **VALUE_DIGITS)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("target")
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter"],
                name="target_unique_period",
                violation_error_message=_("Target untuk periode ini sudah ada."),
            ),
            models.CheckConstraint(condition=Q(quarter__gte=0, quarter__lte=4), name="target_quarter_range"),
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR), name="target_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} {self.get_quarter_display()}: {self.value}"

    def clean(self) -> None:
        if (
            self.value is not None
            and self.value < 0
            and self.indicator_id
            and not self.indicator.allow_negative
        ):
            raise ValidationError({"value": _("Target tidak boleh negatif untuk satuan ini.")})


# What a person enters for a quarter's realisasi: the value, and the analysis the LKjIP prints.
# Every form, worksheet, review snapshot, history and signed row reads these names from here.
ANALYSIS_FIELDS = ("unmeasured_reason", "faktor_pendukung", "faktor_penghambat", "solusi")
REALISASI_FIELDS = ("value", *ANALYSIS_FIELDS)


class Realisasi(models.Model):
    """What an indicator reached in one quarter, with its analysis."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="realisasi")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR_VALIDATORS)
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=list(QUARTER_LABELS.items()))
    value = models.DecimalField(_("realisasi"), null=True, blank=True, **VALUE_DIGITS)
    unmeasured_reason = models.TextField(
        _("alasan tidak dapat diukur"),
        blank=True,
        help_text=_("Isi bila realisasi triwulan ini memang tidak dapat diukur."),
    )
    faktor_pendukung = models.TextField(_("faktor pendukung"), blank=True)
    faktor_penghambat = models.TextField(_("faktor penghambat"), blank=True)
    solusi = models.TextField(_("solusi / tindak lanjut"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("diisi oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    version = models.PositiveIntegerField(_("versi"), default=1)

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter"],
                name="realisasi_unique_period",
                violation_error_message=_("Realisasi untuk triwulan ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="realisasi_quarter_range"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | ~Q(unmeasured_reason=""),
                name="realisasi_value_or_reason",
                violation_error_message=_("Isi realisasi, atau jelaskan mengapa tidak dapat diukur."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} {QUARTER_LABELS.get(self.quarter, '')}"

    def clean(self) -> None:
        if self.value is None and not (self.unmeasured_reason or "").strip():
            raise ValidationError({"value": _("Isi realisasi, atau jelaskan mengapa tidak dapat diukur.")})
        if (
            self.value is not None
            and self.value < 0
            and self.indicator_id
            and not self.indicator.allow_negative
        ):
            raise ValidationError({"value": _("Realisasi tidak boleh negatif untuk satuan ini.")})


class RealisasiHistory(models.Model):
    """One change of a realisasi: who, when, and each field's old and new value."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="history")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(_("waktu"), auto_now_add=True)
    changes = models.JSONField(_("perubahan"), default=dict)

    class Meta:
        verbose_name = _("riwayat realisasi")
        verbose_name_plural = _("riwayat realisasi")
        ordering = ["realisasi", "-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.realisasi} @ {self.changed_at:%Y-%m-%d %H:%M}"


class Budget(models.Model):
    """Pagu and realisasi anggaran of a program / kegiatan / sub kegiatan in one quarter."""

    element = models.ForeignKey(PlanElement, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR_VALIDATORS)
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=list(QUARTER_LABELS.items()))
    pagu = models.DecimalField(_("pagu"), validators=[MinValueValidator(Decimal(0))], **MONEY_DIGITS)
    realisasi = models.DecimalField(
        _("realisasi anggaran"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        **MONEY_DIGITS,
    )

    class Meta:
        verbose_name = _("anggaran")
        verbose_name_plural = _("anggaran")
        ordering = ["element", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["element", "year", "quarter"],
                name="budget_unique_period",
                violation_error_message=_("Anggaran untuk triwulan ini sudah ada."),
            ),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="budget_quarter_range"),
            models.CheckConstraint(condition=Q(pagu__gte=0), name="budget_pagu_not_negative"),
            models.CheckConstraint(
                condition=Q(realisasi__isnull=True) | Q(realisasi__gte=0),
                name="budget_realisasi_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.element} {self.year} {QUARTER_LABELS.get(self.quarter, '')}"

    def clean(self) -> None:
        if self.element_id and self.element.level not in BUDGET_LEVELS:
            raise ValidationError(_("Anggaran hanya untuk program, kegiatan dan sub kegiatan."))
