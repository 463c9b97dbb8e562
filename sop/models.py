"""SOP templates in the SOP AP format (PermenPAN-RB 35/2012; DOMAIN.md section 7)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.models import OPD, Pemda, Role, State
from kinerja.validators import format_nip


class SopTemplate(models.Model):
    """An SOP of a Pemda (shared by its OPDs) or of one OPD, with its revisions."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="sop_templates")
    opd = models.ForeignKey(
        OPD,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sop_templates",
        help_text=_("Kosong: SOP Pemda yang dipakai bersama semua OPD."),
    )
    slug = models.SlugField(_("kode"), max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("SOP")
        verbose_name_plural = _("SOP")
        ordering = ["pemda", "opd", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "slug"], name="sop_slug_unique_in_pemda"),
        ]

    def __str__(self) -> str:
        latest = self.revisions.order_by("-number").first()
        return latest.nama if latest else self.slug


class SopRevision(models.Model):
    template = models.ForeignKey(SopTemplate, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("revisi ke"))
    pemda_label = models.CharField(_("nama Pemda (kop)"), max_length=200)
    opd_label = models.CharField(_("nama OPD (kop)"), max_length=250)
    unit_label = models.CharField(_("unit (kop)"), max_length=200, blank=True)
    nomor = models.CharField(_("nomor SOP"), max_length=100)
    tanggal_pembuatan = models.DateField(_("tanggal pembuatan"))
    tanggal_revisi = models.DateField(_("tanggal revisi"), null=True, blank=True)
    tanggal_efektif = models.DateField(_("tanggal efektif/pengesahan"))
    disahkan_jabatan = models.CharField(_("disahkan oleh: jabatan"), max_length=250)
    disahkan_nama = models.CharField(_("disahkan oleh: nama"), max_length=150)
    disahkan_nip = models.CharField(_("disahkan oleh: NIP"), max_length=21, blank=True)
    nama = models.CharField(_("nama SOP"), max_length=250)
    dasar_hukum = models.JSONField(_("dasar hukum"), default=list)
    kualifikasi = models.JSONField(_("kualifikasi pelaksana"), default=list)
    keterkaitan = models.JSONField(_("keterkaitan"), default=list)
    peralatan = models.JSONField(_("peralatan/perlengkapan"), default=list)
    peringatan = models.JSONField(_("peringatan"), default=list)
    pencatatan = models.JSONField(_("pencatatan dan pendataan"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("revisi SOP")
        verbose_name_plural = _("revisi SOP")
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="sop_revision_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.nama} (revisi {self.number})"

    @property
    def nip_display(self) -> str:
        return format_nip(self.disahkan_nip)

    LISTS = ("dasar_hukum", "kualifikasi", "keterkaitan", "peralatan", "peringatan", "pencatatan")


class SopLane(models.Model):
    """A pelaksana column, as printed, and the role it maps to."""

    revision = models.ForeignKey(SopRevision, on_delete=models.CASCADE, related_name="lanes")
    order = models.PositiveSmallIntegerField()
    label = models.CharField(_("pelaksana"), max_length=120)
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["revision", "order"]
        constraints = [models.UniqueConstraint(fields=["revision", "order"], name="sop_lane_order_unique")]

    def __str__(self) -> str:
        return self.label


class Symbol(models.TextChoices):
    MULAI = "mulai", _("Mulai (terminator)")
    PROSES = "proses", _("Proses")
    KEPUTUSAN = "keputusan", _("Keputusan")
    SELESAI = "selesai", _("Selesai (terminator)")


class TimeUnit(models.TextChoices):
    MENIT = "menit", _("menit")
    JAM = "jam", _("jam")
    HARI = "hari", _("hari")


class SopStep(models.Model):
    revision = models.ForeignKey(SopRevision, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField(_("no"))
    description = models.TextField(_("kegiatan"), blank=True)
    lane = models.ForeignKey(
        SopLane, on_delete=models.CASCADE, related_name="steps", verbose_name=_("pelaksana")
    )
    symbol = models.CharField(_("simbol"), max_length=10, choices=Symbol.choices, default=Symbol.PROSES)
    ya_target = models.PositiveSmallIntegerField(_("Ya ke langkah"), null=True, blank=True)
    tidak_target = models.PositiveSmallIntegerField(_("Tidak ke langkah"), null=True, blank=True)
    kelengkapan = models.TextField(_("kelengkapan"), blank=True)
    waktu = models.DecimalField(_("waktu"), max_digits=7, decimal_places=2)
    satuan = models.CharField(_("satuan waktu"), max_length=5, choices=TimeUnit.choices)
    output = models.TextField(_("output"), blank=True)
    keterangan = models.TextField(_("keterangan"), blank=True)
    state = models.CharField(_("tahap siklus"), max_length=20, choices=State.choices)

    class Meta:
        ordering = ["revision", "number"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "number"], name="sop_step_number_unique"),
            models.CheckConstraint(condition=Q(waktu__gt=0), name="sop_step_time_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.description[:50]}"

    @property
    def waktu_label(self) -> str:
        value = self.waktu.normalize()
        text = f"{value:f}".replace(".", ",")
        return f"{text} {self.get_satuan_display()}"


class Holiday(models.Model):
    """A Pemda's non-working day (hari libur nasional, cuti bersama, libur daerah)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="holidays")
    date = models.DateField(_("tanggal"))
    name = models.CharField(_("keterangan"), max_length=150)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["pemda", "date"]
        constraints = [models.UniqueConstraint(fields=["pemda", "date"], name="holiday_unique")]

    def __str__(self) -> str:
        return f"{self.date}: {self.name}"
