"""The planning hierarchy and its indicators (DOMAIN.md section 3); what is measured: ``measures``."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kinerja.validators import CODE_PATTERNS, validate_nomenclature_code

from .organisation import OPD, Unit

MIN_YEAR = 2000
MAX_YEAR = 2100
YEAR_VALIDATORS = [MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
VALUE_DIGITS = {"max_digits": 20, "decimal_places": 4}
MONEY_DIGITS = {"max_digits": 18, "decimal_places": 2}


class RenstraPeriod(models.Model):
    """The Renstra of an OPD: a strategic plan for (usually) five years."""

    opd = models.ForeignKey(OPD, on_delete=models.CASCADE, related_name="renstra_periods")
    name = models.CharField(_("nama"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("tahun awal"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("tahun akhir"), validators=YEAR_VALIDATORS)

    class Meta:
        verbose_name = _("periode Renstra")
        verbose_name_plural = _("periode Renstra")
        ordering = ["opd", "-start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "start_year"],
                name="renstra_unique_start",
                violation_error_message=_("Periode Renstra dengan tahun awal ini sudah ada untuk OPD ini."),
            ),
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")) & Q(end_year__lte=F("start_year") + 5),
                name="renstra_years_ordered",
                violation_error_message=_("Tahun akhir harus sesudah tahun awal, paling lama 6 tahun."),
            ),
            models.CheckConstraint(
                condition=Q(start_year__gte=MIN_YEAR, end_year__lte=MAX_YEAR),
                name="renstra_years_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.start_year}-{self.end_year})"

    def clean(self) -> None:
        if self.start_year and self.end_year:
            if self.end_year < self.start_year:
                raise ValidationError({"end_year": _("Tahun akhir tidak boleh sebelum tahun awal.")})
            if self.end_year - self.start_year > 5:
                raise ValidationError({"end_year": _("Periode Renstra paling lama 6 tahun anggaran.")})

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class Level(models.TextChoices):
    TUJUAN = "tujuan", _("Tujuan")
    SASARAN = "sasaran", _("Sasaran")
    PROGRAM = "program", _("Program")
    KEGIATAN = "kegiatan", _("Kegiatan")
    SUB_KEGIATAN = "sub_kegiatan", _("Sub Kegiatan")


LEVEL_ORDER = [level.value for level in Level]
PARENT_LEVEL = {
    Level.SASARAN: Level.TUJUAN,
    Level.PROGRAM: Level.SASARAN,
    Level.KEGIATAN: Level.PROGRAM,
    Level.SUB_KEGIATAN: Level.KEGIATAN,
}
CHILD_LEVEL = {parent: child for child, parent in PARENT_LEVEL.items()}
BUDGET_LEVELS = (Level.PROGRAM, Level.KEGIATAN, Level.SUB_KEGIATAN)


def _code_shape_constraint() -> Q:
    """Database twin of validate_nomenclature_code (REGEXP works on SQLite and PostgreSQL)."""
    condition = Q(level__in=[Level.TUJUAN, Level.SASARAN])
    for level, pattern in CODE_PATTERNS.items():
        condition |= Q(level=level, code__regex=pattern.pattern)
    return condition


class PlanElement(models.Model):
    """One node of tujuan -> sasaran -> program -> kegiatan -> sub kegiatan."""

    renstra = models.ForeignKey(RenstraPeriod, on_delete=models.CASCADE, related_name="elements")
    level = models.CharField(_("tingkat"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("induk"),
    )
    code = models.CharField(
        _("kode"),
        max_length=40,
        blank=True,
        help_text=_("Kode nomenklatur untuk program, kegiatan dan sub kegiatan."),
    )
    name = models.CharField(_("uraian"), max_length=500)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_elements",
        verbose_name=_("unit penanggung jawab"),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("elemen rencana")
        verbose_name_plural = _("elemen rencana")
        ordering = ["renstra", "order", "code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["renstra", "code"],
                condition=~Q(code=""),
                name="element_code_unique",
                violation_error_message=_("Kode ini sudah dipakai oleh elemen lain di Renstra yang sama."),
            ),
            models.CheckConstraint(
                condition=Q(level=Level.TUJUAN, parent__isnull=True)
                | (~Q(level=Level.TUJUAN) & Q(parent__isnull=False)),
                name="element_parent_by_level",
                violation_error_message=_("Hanya tujuan yang tidak mempunyai induk."),
            ),
            models.CheckConstraint(
                condition=_code_shape_constraint(),
                name="element_code_shape",
                violation_error_message=_("Format kode tidak sesuai nomenklatur untuk tingkat ini."),
            ),
        ]
        indexes = [models.Index(fields=["renstra", "level"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    def clean(self) -> None:
        errors: dict[str, list] = {}
        self.code = (self.code or "").strip()
        try:
            validate_nomenclature_code(self.level, self.code)
        except ValidationError as exc:
            errors.setdefault("code", []).extend(exc.messages)
        expected_parent = PARENT_LEVEL.get(self.level)
        if expected_parent is None:
            if self.parent_id:
                errors.setdefault("parent", []).append(_("Tujuan tidak mempunyai induk."))
        elif not self.parent_id:
            errors.setdefault("parent", []).append(
                _("%(level)s harus berada di bawah %(parent)s.")
                % {"level": self.get_level_display(), "parent": Level(expected_parent).label}
            )
        else:
            parent = self.parent
            if parent.level != expected_parent:
                errors.setdefault("parent", []).append(
                    _("Induk %(level)s harus berupa %(parent)s.")
                    % {"level": self.get_level_display(), "parent": Level(expected_parent).label}
                )
            elif parent.renstra_id != self.renstra_id:
                errors.setdefault("parent", []).append(_("Induk harus berada di Renstra yang sama."))
            elif (
                self.level in (Level.KEGIATAN, Level.SUB_KEGIATAN)
                and self.code
                and parent.code
                and not self.code.startswith(parent.code + ".")
            ):
                errors.setdefault("code", []).append(
                    _("Kode harus diawali kode induknya (%(code)s).") % {"code": parent.code}
                )
        if self.unit_id and self.renstra_id and self.unit.opd_id != self.renstra.opd_id:
            errors.setdefault("unit", []).append(_("Unit harus berada di OPD yang sama."))
        if errors:
            raise ValidationError(errors)

    @property
    def child_level(self) -> str | None:
        return CHILD_LEVEL.get(self.level)

    @property
    def child_level_label(self) -> str:
        return str(Level(self.child_level).label) if self.child_level else ""

    @property
    def has_budget(self) -> bool:
        return self.level in BUDGET_LEVELS


class Polarity(models.TextChoices):
    POSITIF = "positif", _("Positif (makin tinggi makin baik)")
    NEGATIF = "negatif", _("Negatif (makin rendah makin baik)")
    RENTANG = "rentang", _("Rentang (terbaik di dalam rentang)")


class Aggregation(models.TextChoices):
    KUMULATIF = "kumulatif", _("Kumulatif (jumlah triwulan)")
    NILAI_AKHIR = "nilai_akhir", _("Nilai akhir (nilai terakhir yang dilaporkan)")
    RATA_RATA = "rata_rata", _("Rata-rata triwulan yang dilaporkan")


class Frequency(models.TextChoices):
    """Which cycles collect an indicator's realisasi (DOMAIN.md section 6, period ownership)."""

    TRIWULAN = "triwulan", _("Triwulanan (siklus TW I-IV)")
    SEMESTER = "semester", _("Semesteran (siklus Semester I dan II)")
    TAHUNAN = "tahunan", _("Tahunan (siklus Tahunan)")


class Indicator(models.Model):
    element = models.ForeignKey(
        PlanElement,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("elemen rencana"),
    )
    code = models.CharField(_("kode"), max_length=40, blank=True)
    name = models.CharField(_("nama indikator"), max_length=500)
    satuan = models.CharField(_("satuan"), max_length=60)
    definition = models.TextField(_("definisi operasional"), blank=True)
    formula = models.TextField(_("formula/cara perhitungan"), blank=True)
    data_source = models.CharField(_("sumber data"), max_length=250, blank=True)
    polarity = models.CharField(
        _("polaritas"), max_length=10, choices=Polarity.choices, default=Polarity.POSITIF
    )
    band_lower = models.DecimalField(_("batas bawah rentang"), null=True, blank=True, **VALUE_DIGITS)
    band_upper = models.DecimalField(_("batas atas rentang"), null=True, blank=True, **VALUE_DIGITS)
    aggregation = models.CharField(
        _("cara agregasi"),
        max_length=15,
        choices=Aggregation.choices,
        default=Aggregation.NILAI_AKHIR,
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("tahun baseline"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    baseline_value = models.DecimalField(_("nilai baseline"), null=True, blank=True, **VALUE_DIGITS)
    is_iku = models.BooleanField(_("IKU"), default=False)
    frequency = models.CharField(
        _("frekuensi pengukuran"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.TRIWULAN,
        help_text=_(
            "Siklus yang mengumpulkan realisasinya. Siklus semester dan tahunan membaca nilai triwulan, "
            "tidak mengubahnya."
        ),
    )
    requires_evidence = models.BooleanField(
        _("wajib bukti dukung"),
        default=False,
        help_text=_("Realisasi tidak dapat direkap sebelum bukti dukungnya diunggah."),
    )
    allow_negative = models.BooleanField(
        _("boleh bernilai negatif"),
        default=False,
        help_text=_("Centang hanya bila satuannya memang bisa negatif (mis. laju pertumbuhan)."),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("unit penanggung jawab"),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["element", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(polarity="rentang", band_lower__isnull=False, band_upper__isnull=False)
                    & Q(band_lower__lte=F("band_upper"))
                )
                | (~Q(polarity="rentang") & Q(band_lower__isnull=True, band_upper__isnull=True)),
                name="indicator_band_by_polarity",
                violation_error_message=_(
                    "Polaritas rentang membutuhkan batas bawah dan atas yang berurutan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(allow_negative=True) | Q(baseline_value__isnull=True) | Q(baseline_value__gte=0),
                name="indicator_baseline_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    AGGREGATION_SHORT = {"kumulatif": "kumulatif", "nilai_akhir": "nilai akhir", "rata_rata": "rata-rata"}

    @property
    def aggregation_short(self) -> str:
        return self.AGGREGATION_SHORT.get(self.aggregation, self.aggregation)

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.polarity == Polarity.RENTANG:
            if self.band_lower is None:
                errors.setdefault("band_lower", []).append(_("Polaritas rentang membutuhkan batas bawah."))
            if self.band_upper is None:
                errors.setdefault("band_upper", []).append(_("Polaritas rentang membutuhkan batas atas."))
            if (
                self.band_lower is not None
                and self.band_upper is not None
                and self.band_lower > self.band_upper
            ):
                errors.setdefault("band_upper", []).append(
                    _("Batas atas harus lebih besar atau sama dengan batas bawah.")
                )
        else:
            # Bounds only mean something for a band: drop them instead of keeping stale ones.
            self.band_lower = None
            self.band_upper = None
        if not self.allow_negative:
            for field in ("baseline_value", "band_lower", "band_upper"):
                value = getattr(self, field)
                if value is not None and value < 0:
                    errors.setdefault(field, []).append(_("Nilai tidak boleh negatif untuk satuan ini."))
        if self.unit_id and self.element_id and self.unit.opd_id != self.element.renstra.opd_id:
            errors.setdefault("unit", []).append(_("Unit harus berada di OPD yang sama."))
        if errors:
            raise ValidationError(errors)
