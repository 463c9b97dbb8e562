"""Archived official documents (immutable) and the narrative Tim SAKIP writes for reports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.capaian import PERIODS

from .cycle import Cycle
from .organisation import OPD
from .planning import YEAR_VALIDATORS


class DocumentKind(models.TextChoices):
    LAPORAN_PENGUKURAN = "laporan_pengukuran", _("Laporan hasil pengukuran kinerja")
    LAPORAN_KINERJA = "laporan_kinerja", _("Laporan kinerja")
    PERJANJIAN_KINERJA = "perjanjian_kinerja", _("Perjanjian kinerja")


class ArchivedDocument(models.Model):
    """A signed PDF exactly as issued: its bytes are hashed and never change."""

    kind = models.CharField(_("jenis"), max_length=30, choices=DocumentKind.choices)
    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="documents")
    cycle = models.ForeignKey(
        Cycle, on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    title = models.CharField(_("judul"), max_length=250)
    file = models.FileField(_("berkas"), upload_to="dokumen/%Y/", max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    code = models.CharField(_("kode verifikasi"), max_length=20, unique=True)
    size = models.PositiveIntegerField(_("ukuran"))
    signer_name = models.CharField(max_length=150)
    signer_jabatan = models.CharField(max_length=250)
    signer_nip = models.CharField(max_length=21, blank=True)
    signed_at = models.DateTimeField(_("disahkan"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dokumen arsip")
        verbose_name_plural = _("dokumen arsip")
        ordering = ["-signed_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ReportNarrative(models.Model):
    """The parts of a periodic report that people write (ikhtisar, pendahuluan, penutup...)."""

    opd = models.ForeignKey(OPD, on_delete=models.CASCADE, related_name="narratives")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR_VALIDATORS)
    period = models.CharField(
        _("periode"), max_length=6, choices=[(p.code, p.label) for p in PERIODS.values()]
    )
    ikhtisar = models.TextField(_("ikhtisar eksekutif"), blank=True)
    pendahuluan = models.TextField(_("Bab I Pendahuluan"), blank=True)
    perencanaan = models.TextField(_("Bab II Perencanaan Kinerja (pengantar)"), blank=True)
    akuntabilitas = models.TextField(_("Bab III Akuntabilitas Kinerja (analisis umum)"), blank=True)
    penutup = models.TextField(_("Bab IV Penutup"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("narasi laporan")
        verbose_name_plural = _("narasi laporan")
        constraints = [
            models.UniqueConstraint(fields=["opd", "year", "period"], name="narrative_unique_period"),
        ]

    def __str__(self) -> str:
        return f"Narasi {self.opd} {self.period} {self.year}"


class SignOffJob(models.Model):
    """A sign-off running in the background: making the signed report takes seconds."""

    class Status(models.TextChoices):
        RUNNING = "berjalan", _("Sedang diproses")
        DONE = "selesai", _("Selesai")
        FAILED = "gagal", _("Gagal")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="sign_off_jobs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    message = models.TextField(blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle"], condition=models.Q(status="berjalan"), name="one_running_sign_off_per_cycle"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.get_status_display()}"

    @property
    def is_running(self) -> bool:
        return self.status == self.Status.RUNNING

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED
