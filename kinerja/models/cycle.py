"""The measurement cycle (siklus pengukuran): one OPD x one period (DOMAIN.md section 6)."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from kinerja.capaian import PERIODS
from kinerja.cycle.graph import TRANSITIONS, State, Transition

from .organisation import OPD
from .planning import VALUE_DIGITS, YEAR_VALIDATORS, Indicator, RenstraPeriod

PERIOD_CHOICES = [(p.code, p.label) for p in PERIODS.values()]


def _checked_by_service(name: str):
    """The fsm condition of a transition: its service has checked who, four eyes and blockers.

    The model never asks the policy itself (that would make the models import the policy):
    ``kinerja.cycle.services`` marks the locked row with the name of the transition it has
    checked, and any other way of calling the method is refused by django-fsm.
    """

    def check(instance) -> bool:
        return getattr(instance, "_checked_transition", None) == name

    check.__name__ = f"checked_{name}"
    return check


def _transition_method(step: Transition):
    def method(self):
        """Moves the state; ``kinerja.cycle.services`` locks, checks, logs and notifies."""

    method.__name__ = method.__qualname__ = step.name
    return transition(
        field="state",
        source=step.source,
        target=step.target,
        conditions=[_checked_by_service(step.name)],
        custom={"label": step.label, "return": step.is_return},
    )(method)


# One method per transition of the graph (``cycle.sahkan()``, ...), built from the declaration.
CycleTransitions = type("CycleTransitions", (), {step.name: _transition_method(step) for step in TRANSITIONS})


class Cycle(ConcurrentTransitionMixin, CycleTransitions, models.Model):
    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="cycles")
    renstra = models.ForeignKey(RenstraPeriod, on_delete=models.PROTECT, related_name="cycles")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR_VALIDATORS)
    period = models.CharField(_("periode"), max_length=6, choices=PERIOD_CHOICES)
    state = FSMField(_("tahap"), default=State.DISPOSISI, choices=State.choices, protected=True)
    revision_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("revisi dari"),
    )
    revision = models.PositiveSmallIntegerField(_("revisi ke"), default=0)
    sop_revision = models.ForeignKey(
        "sop.SopRevision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cycles",
        verbose_name=_("SOP"),
        help_text=_("Revisi SOP yang dipakai siklus ini (tetap walau SOP direvisi)."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    state_changed_at = models.DateTimeField(_("masuk tahap ini"), auto_now_add=True)

    # Disposisi of the kepala
    instruction = models.TextField(_("isi disposisi"), blank=True)
    due_date = models.DateField(_("batas waktu siklus"), null=True, blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    disposed_at = models.DateTimeField(null=True, blank=True)
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="sakip_cycles", verbose_name=_("Tim SAKIP")
    )
    assignment_note = models.TextField(_("arahan Sekretaris"), blank=True)
    # Due time of each state: {"pengumpulan": "2026-10-10T16:00:00+07:00", ...}
    state_due = models.JSONField(_("batas waktu per tahap"), default=dict, blank=True)

    # Pengesahan
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(_("disahkan"), null=True, blank=True)
    signer_name = models.CharField(_("nama penanda tangan"), max_length=150, blank=True)
    signer_jabatan = models.CharField(_("jabatan penanda tangan"), max_length=200, blank=True)
    signer_nip = models.CharField(_("NIP penanda tangan"), max_length=21, blank=True)
    signer_delegation = models.ForeignKey(
        "kinerja.Delegation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditandatangani sebagai Plt./Plh."),
    )

    class Meta:
        verbose_name = _("siklus pengukuran")
        verbose_name_plural = _("siklus pengukuran")
        ordering = ["-year", "-period", "opd"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "year", "period"],
                condition=~Q(state="arsip"),
                name="cycle_one_open_per_period",
                violation_error_message=_("Sudah ada siklus yang berjalan untuk OPD dan periode ini."),
            ),
            models.UniqueConstraint(
                fields=["opd", "year", "period", "revision"], name="cycle_revision_unique"
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.get_period_display()} {self.year} — {self.opd.display_name}"
        return f"{label} (revisi {self.revision})" if self.revision else label

    @property
    def period_info(self):
        return PERIODS[self.period]

    @property
    def entry_quarter(self) -> int:
        """The quarter whose realisasi this cycle collects (TW II for semester I, ...)."""
        return self.period_info.up_to_quarter

    @property
    def is_archived(self) -> bool:
        return self.state == State.ARSIP


class CycleTransition(models.Model):
    """The log: who took which transition, in which role, when, from, to, with which note."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="transitions")
    name = models.CharField(_("tindakan"), max_length=40)
    from_state = models.CharField(_("dari"), max_length=20, choices=State.choices)
    to_state = models.CharField(_("ke"), max_length=20, choices=State.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("peran"), max_length=40)
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("riwayat tahap")
        verbose_name_plural = _("riwayat tahap")
        ordering = ["cycle", "at", "id"]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.from_state} → {self.to_state}"


class ItemStatus(models.TextChoices):
    OPEN = "terbuka", _("Terbuka")
    COMPLETE = "lengkap", _("Lengkap (diperiksa kepala unit)")
    RETURNED = "dikembalikan", _("Dikembalikan ke PIC")
    LOCKED = "terkunci", _("Terkunci")


class CycleItem(models.Model):
    """One indicator in a cycle's scope: who fills it, its state, its review, its frozen values."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="items")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="cycle_items")
    pic = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pic_items",
        verbose_name=_("PIC"),
    )
    due_date = models.DateField(_("batas waktu"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=15, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    needs_revision = models.BooleanField(_("perlu perbaikan"), default=False)
    reviewed_values = models.JSONField(_("nilai saat direviu"), null=True, blank=True)
    # Frozen at sign-off
    final_target = models.DecimalField(null=True, blank=True, **VALUE_DIGITS)
    final_realisasi = models.DecimalField(null=True, blank=True, **VALUE_DIGITS)
    final_capaian = models.DecimalField(null=True, blank=True, max_digits=24, decimal_places=10)
    final_predikat = models.CharField(max_length=40, blank=True)
    final_values = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("indikator siklus")
        verbose_name_plural = _("indikator siklus")
        ordering = ["cycle", "indicator__element__order", "indicator__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "indicator"], name="cycle_item_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.indicator}"

    @property
    def is_open(self) -> bool:
        return self.status in (ItemStatus.OPEN, ItemStatus.RETURNED)


class ItemNote(models.Model):
    """A note on one indicator of a cycle: a review remark or a unit head's return to the PIC."""

    class Kind(models.TextChoices):
        REVIU = "reviu", _("Catatan reviu")
        KEMBALI = "kembali", _("Dikembalikan ke PIC")
        LENGKAP = "lengkap", _("Ditandai lengkap")
        BUKTI_DIHAPUS = "hapus", _("Bukti dukung dihapus")

    item = models.ForeignKey(CycleItem, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=40)
    at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["item", "at", "id"]

    def __str__(self) -> str:
        return f"{self.item}: {self.text[:40]}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    """A random name under bukti/: the uploaded name is kept only as data."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"bukti/{instance.item.cycle_id}/{uuid.uuid4().hex}{suffix}"


class Evidence(models.Model):
    """Bukti dukung of one indicator in a cycle: a checked file, or a link."""

    item = models.ForeignKey(CycleItem, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("berkas"), upload_to=evidence_path, blank=True, max_length=200)
    link = models.URLField(_("tautan"), blank=True, max_length=500)
    original_name = models.CharField(_("nama berkas"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["item", "uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(link=""),
                name="evidence_file_or_link",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name or self.link
