"""Pemda, OPD, units, users and the roles they hold (DOMAIN.md sections 1-2)."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.validators import format_nip, normalize_nip, validate_nip


class Pemda(models.Model):
    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")
        PROVINSI = "provinsi", _("Provinsi")

    name = models.CharField(_("nama"), max_length=150, unique=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    code = models.SlugField(_("kode"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("Pemda")
        verbose_name_plural = _("Pemda")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OPD(models.Model):
    """Perangkat daerah: a dinas, badan, kecamatan, ... of one Pemda."""

    class Kind(models.TextChoices):
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        KECAMATAN = "kecamatan", _("Kecamatan")
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        INSPEKTORAT = "inspektorat", _("Inspektorat")
        KANTOR = "kantor", _("Kantor")
        RSUD = "rsud", _("Rumah Sakit Daerah")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="opds")
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=40, blank=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    code = models.CharField(_("kode"), max_length=40, help_text=_("Kode unit organisasi"))
    address = models.CharField(_("alamat"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("OPD")
        verbose_name_plural = _("OPD")
        ordering = ["pemda__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "code"],
                name="opd_code_unique_in_pemda",
                violation_error_message=_("Kode OPD ini sudah dipakai di Pemda yang sama."),
            ),
            models.UniqueConstraint(
                fields=["pemda", "name"],
                name="opd_name_unique_in_pemda",
                violation_error_message=_("Nama OPD ini sudah ada di Pemda yang sama."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Unit(models.Model):
    """A unit inside an OPD: sekretariat, bidang, sub bagian, seksi."""

    class Kind(models.TextChoices):
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        BIDANG = "bidang", _("Bidang")
        SUB_BAGIAN = "sub_bagian", _("Sub Bagian")
        SEKSI = "seksi", _("Seksi")

    opd = models.ForeignKey(OPD, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("induk"),
    )
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["opd", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "name"],
                name="unit_name_unique_in_opd",
                violation_error_message=_("Nama unit ini sudah ada di OPD yang sama."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in. Names and NIP are shown in audit trails."""

    full_name = models.CharField(_("nama lengkap"), max_length=150, blank=True)
    nip = models.CharField(_("NIP"), max_length=21, blank=True, validators=[validate_nip])

    class Meta(AbstractUser.Meta):
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    def clean(self) -> None:
        super().clean()
        if self.nip:
            self.nip = normalize_nip(self.nip)


class Role(models.TextChoices):
    """Roles a user holds in one OPD."""

    KEPALA = "kepala", _("Kepala OPD")
    SEKRETARIS = "sekretaris", _("Sekretaris")
    KEPALA_UNIT = "kepala_unit", _("Kepala Unit (Kabid/Kasubbag/Kasi)")
    TIM_SAKIP = "tim_sakip", _("Tim SAKIP")
    OPERATOR = "operator", _("Operator")


class PemdaRole(models.TextChoices):
    """Roles a user holds across every OPD of a Pemda."""

    ADMIN_PEMDA = "admin_pemda", _("Admin Pemda")
    PEMANTAU = "pemantau", _("Pemantau")


class Membership(models.Model):
    """A user's role in one OPD; a kepala_unit names the unit they head."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    opd = models.ForeignKey(OPD, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("unit"),
    )

    class Meta:
        verbose_name = _("keanggotaan OPD")
        verbose_name_plural = _("keanggotaan OPD")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "opd", "role"],
                condition=Q(unit__isnull=True),
                name="membership_unique_without_unit",
            ),
            models.UniqueConstraint(
                fields=["user", "opd", "role", "unit"],
                condition=Q(unit__isnull=False),
                name="membership_unique_with_unit",
            ),
            models.CheckConstraint(
                condition=Q(role="kepala_unit", unit__isnull=False) | (~Q(role="kepala_unit")),
                name="membership_kepala_unit_has_unit",
                violation_error_message=_("Kepala unit harus memilih unit yang dipimpin."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} {self.opd.display_name}"

    def clean(self) -> None:
        if self.role == Role.KEPALA_UNIT and not self.unit_id:
            raise ValidationError({"unit": _("Kepala unit harus memilih unit yang dipimpin.")})
        if self.unit_id and self.opd_id and self.unit.opd_id != self.opd_id:
            raise ValidationError({"unit": _("Unit harus berada di OPD yang sama.")})


class PemdaMembership(models.Model):
    """A Pemda-wide role: admin_pemda configures, pemantau reads every OPD."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="pemda_memberships")
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("peran"), max_length=20, choices=PemdaRole.choices)

    class Meta:
        verbose_name = _("peran Pemda")
        verbose_name_plural = _("peran Pemda")
        constraints = [
            models.UniqueConstraint(fields=["user", "pemda", "role"], name="pemda_role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} {self.pemda}"


class Official(models.Model):
    """A signatory as documents print them: jabatan, name, NIP."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="officials")
    opd = models.ForeignKey(
        OPD,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="officials",
        help_text=_("Kosongkan untuk pejabat tingkat Pemda (mis. Bupati/Wali Kota)."),
    )
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="official_posts"
    )
    jabatan = models.CharField(_("jabatan"), max_length=200)
    name = models.CharField(_("nama"), max_length=150)
    nip = models.CharField(_("NIP"), max_length=21, blank=True, validators=[validate_nip])
    pangkat = models.CharField(_("pangkat/golongan"), max_length=100, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pejabat penandatangan")
        verbose_name_plural = _("pejabat penandatangan")
        ordering = ["pemda", "opd", "jabatan"]

    def __str__(self) -> str:
        return f"{self.jabatan}: {self.name}"

    def clean(self) -> None:
        if self.nip:
            self.nip = normalize_nip(self.nip)
        if self.opd_id and self.pemda_id and self.opd.pemda_id != self.pemda_id:
            raise ValidationError({"opd": _("OPD harus berada di Pemda yang sama.")})

    @property
    def nip_display(self) -> str:
        return format_nip(self.nip)


class Delegation(models.Model):
    """A recorded Plt./Plh.: who carries out the duties of an OPD's head, from when to when, on which letter.

    While it runs, the delegate acts as the head in the OPD's cycles; a document the delegate
    signs reads "Plt. <jabatan>" with the delegate's own name and NIP from this record.
    """

    class Kind(models.TextChoices):
        PLT = "plt", _("Plt.")
        PLH = "plh", _("Plh.")

    opd = models.ForeignKey(OPD, on_delete=models.CASCADE, related_name="delegations")
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="delegations", verbose_name=_("pelaksana (pengguna)")
    )
    kind = models.CharField(_("jenis"), max_length=3, choices=Kind.choices, default=Kind.PLT)
    jabatan = models.CharField(
        _("jabatan yang dilaksanakan"), max_length=200, help_text=_("Mis. Kepala Dinas Tenaga Kerja")
    )
    name = models.CharField(_("nama pelaksana"), max_length=150)
    nip = models.CharField(_("NIP pelaksana"), max_length=21, validators=[validate_nip])
    pangkat = models.CharField(_("pangkat/golongan"), max_length=100, blank=True)
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("sampai"))
    letter_number = models.CharField(_("nomor surat"), max_length=100)
    letter_date = models.DateField(_("tanggal surat"), null=True, blank=True)
    created_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    ended_at = models.DateTimeField(_("diakhiri"), null=True, blank=True)
    ended_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diakhiri oleh"),
    )

    class Meta:
        verbose_name = _("Plt./Plh. kepala OPD")
        verbose_name_plural = _("Plt./Plh. kepala OPD")
        ordering = ["opd", "-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="delegation_dates_in_order",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.jabatan}: {self.name}"

    def clean(self) -> None:
        if self.nip:
            self.nip = normalize_nip(self.nip)
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})

    @property
    def title(self) -> str:
        """The signature block's jabatan line: 'Plt. Kepala Dinas ...'."""
        return f"{self.get_kind_display()} {self.jabatan}"

    @property
    def nip_display(self) -> str:
        return format_nip(self.nip)

    def runs_on(self, day) -> bool:
        return self.ended_at is None and self.starts_on <= day <= self.ends_on

    @classmethod
    def running_q(cls, day) -> Q:
        """The delegations that run on ``day`` (within their dates, not ended early)."""
        return Q(starts_on__lte=day, ends_on__gte=day, ended_at__isnull=True)
