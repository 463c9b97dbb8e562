"""A Pemda's choices for computing capaian and predikat (DOMAIN.md section 5)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja import capaian

from .organisation import Pemda


def default_scale() -> list[dict]:
    return [band_to_json(b) for b in capaian.PERMENDAGRI_86_SCALE]


def band_to_json(band: capaian.Band) -> dict:
    return {
        "minimum": str(band.minimum),
        "maksimum": None if band.maximum is None else str(band.maximum),
        "label": band.label,
        "warna": band.colour,
    }


def band_from_json(data: dict) -> capaian.Band:
    maximum = data.get("maksimum")
    return capaian.Band(
        minimum=Decimal(str(data["minimum"])),
        maximum=None if maximum in (None, "") else Decimal(str(maximum)),
        label=str(data.get("label", "")),
        colour=str(data.get("warna") or "#6c757d"),
    )


class PemdaSettings(models.Model):
    class NegativeFormula(models.TextChoices):
        SELISIH = capaian.SELISIH, _("(2T − R) / T × 100, batas bawah 0 (PermenPANRB 6/2022)")
        RASIO = capaian.RASIO, _("T / R × 100")

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="settings")
    negative_formula = models.CharField(
        _("rumus indikator negatif"),
        max_length=10,
        choices=NegativeFormula.choices,
        default=NegativeFormula.SELISIH,
    )
    capaian_cap = models.DecimalField(
        _("batas maksimum capaian (%)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(100))],
        help_text=_("Kosongkan bila capaian di atas 100% tidak dibatasi."),
    )
    predikat_scale = models.JSONField(_("skala predikat"), default=default_scale)

    # What decides the capaian and predikat every cycle shows (held while one is reviewed).
    COMPUTATION_FIELDS = ("negative_formula", "capaian_cap", "predikat_scale")

    class Meta:
        verbose_name = _("pengaturan Pemda")
        verbose_name_plural = _("pengaturan Pemda")

    def __str__(self) -> str:
        return f"Pengaturan {self.pemda}"

    def bands(self) -> list[capaian.Band]:
        return [band_from_json(b) for b in self.predikat_scale]

    def clean(self) -> None:
        try:
            bands = capaian.validate_scale(self.bands())
        except (capaian.InvalidScale, KeyError, TypeError, ArithmeticError, ValueError) as exc:
            message = str(exc) if isinstance(exc, capaian.InvalidScale) else _("Skala predikat tidak sah.")
            raise ValidationError({"predikat_scale": message}) from None
        self.predikat_scale = [band_to_json(b) for b in bands]

    def engine_settings(self) -> capaian.Settings:
        return capaian.Settings(
            negative_formula=self.negative_formula,
            capaian_cap=self.capaian_cap,
            predikat_scale=tuple(self.bands()),
        )
