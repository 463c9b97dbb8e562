"""Capaian, predikat and quarterly aggregation: the numbers every user looks at.

Pure functions on Decimal, no ORM (DOMAIN.md sections 4-5). Values stay unrounded;
templates round for display. Every answer that is not a plain formula result carries a
reason (``reason``) in Indonesian that the UI shows as it is.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

HUNDRED = Decimal(100)
RASIO_CAP = Decimal(200)  # the T / R variant's ceiling: its value at R = 0, as (2T - R) / T gives
ZERO = Decimal(0)
QUARTERS = (1, 2, 3, 4)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

POSITIF, NEGATIF, RENTANG = "positif", "negatif", "rentang"
SELISIH, RASIO = "selisih", "rasio"
KUMULATIF, NILAI_AKHIR, RATA_RATA = "kumulatif", "nilai_akhir", "rata_rata"


def _plain(value: Decimal) -> str:
    """``60.0000`` -> ``60`` (never ``6E+1``), ``6.5000`` -> ``6.5``."""
    text = f"{value.normalize():f}"
    return text


def tw(quarter: int) -> str:
    return f"TW {ROMAN[quarter]}"


# --------------------------------------------------------------------------- capaian


@dataclass(frozen=True)
class Capaian:
    """The capaian of one indicator for one period, and how it was obtained."""

    value: Decimal | None
    formula: str
    reason: str = ""

    @property
    def computed(self) -> bool:
        return self.value is not None


def _floor0(value: Decimal) -> Decimal:
    return max(value, ZERO)


def _floored(raw: Decimal, formula: str) -> Capaian:
    """A lower-is-better result below 0 is floored at 0, and says so."""
    if raw < 0:
        return Capaian(ZERO, formula, "hasil rumus di bawah 0, dibatasi 0%")
    return Capaian(raw, formula)


def _negative_capaian(target: Decimal, realisasi: Decimal, negative_formula: str) -> Capaian:
    if target == 0:
        value = HUNDRED if realisasi == 0 else ZERO
        return Capaian(
            value,
            "target 0 (negatif): R = 0 → 100, R > 0 → 0",
            "target 0: realisasi 0 dinilai 100%, realisasi di atas 0 dinilai 0%",
        )
    if negative_formula == RASIO:
        if realisasi == 0:
            return Capaian(
                RASIO_CAP,
                "T / R × 100",
                "realisasi 0: T / R tidak terdefinisi, capaian dibatasi 200% (setara (2T − R) / T)",
            )
        raw = target / realisasi * HUNDRED
        if raw > RASIO_CAP:
            # T / R grows without bound as R nears 0; capped where R = 0 is, so it stays monotonic.
            return Capaian(RASIO_CAP, "T / R × 100", "hasil T / R di atas 200%, dibatasi 200%")
        return Capaian(_floor0(raw), "T / R × 100")
    return _floored((2 * target - realisasi) / target * HUNDRED, "(2T − R) / T × 100")


def _band_capaian(realisasi: Decimal, lower: Decimal | None, upper: Decimal | None) -> Capaian:
    if lower is None or upper is None or lower > upper:
        return Capaian(None, "rentang", "batas rentang belum lengkap: capaian tidak dapat dihitung")
    formula = f"100 di dalam rentang [{lower}; {upper}]; di bawah: R / a × 100; di atas: (2b − R) / b × 100"
    if lower <= realisasi <= upper:
        return Capaian(HUNDRED, formula)
    if realisasi < lower:
        if lower <= 0:
            return Capaian(ZERO, formula, "di bawah batas bawah yang ≤ 0: dinilai 0%")
        return Capaian(_floor0(realisasi / lower * HUNDRED), formula)
    if upper <= 0:
        return Capaian(ZERO, formula, "di atas batas atas yang ≤ 0: dinilai 0%")
    return _floored((2 * upper - realisasi) / upper * HUNDRED, formula)


def compute_capaian(
    *,
    target: Decimal | None,
    realisasi: Decimal | None,
    polarity: str,
    band_lower: Decimal | None = None,
    band_upper: Decimal | None = None,
    negative_formula: str = SELISIH,
    capaian_cap: Decimal | None = None,
) -> Capaian:
    """Capaian with its formula and, where it is not a plain formula result, the reason."""
    if realisasi is None:
        return Capaian(None, "", "belum diisi")
    if polarity == RENTANG:
        result = _band_capaian(realisasi, band_lower, band_upper)
    elif target is None:
        return Capaian(None, "", "target belum ditetapkan")
    elif polarity == POSITIF:
        if target == 0:
            return Capaian(None, "R / T × 100", "target 0: capaian tidak dapat dihitung")
        if target < 0:
            return Capaian(None, "R / T × 100", "target negatif: capaian tidak dapat dihitung dengan R / T")
        result = Capaian(realisasi / target * HUNDRED, "R / T × 100")
    elif polarity == NEGATIF:
        if target < 0:
            return Capaian(None, "", "target negatif: capaian tidak dapat dihitung")
        result = _negative_capaian(target, realisasi, negative_formula)
    else:
        raise ValueError(f"polaritas tidak dikenal: {polarity!r}")
    if capaian_cap is not None and result.value is not None and result.value > capaian_cap:
        reason = f"dibatasi {capaian_cap}% sesuai pengaturan Pemda"
        return Capaian(capaian_cap, result.formula, "; ".join(filter(None, [result.reason, reason])))
    return result


# --------------------------------------------------------------------------- predikat


@dataclass(frozen=True)
class Band:
    """One predikat band: ``minimum <= capaian < maximum`` (maximum None: open)."""

    minimum: Decimal
    maximum: Decimal | None
    label: str
    colour: str  # a colour for badges and charts, e.g. "#198754"


# Permendagri 86/2017, gaps closed, top band open.
PERMENDAGRI_86_SCALE = (
    Band(Decimal(0), Decimal(51), "Sangat Rendah", "#dc3545"),
    Band(Decimal(51), Decimal(66), "Rendah", "#fd7e14"),
    Band(Decimal(66), Decimal(76), "Sedang", "#ffc107"),
    Band(Decimal(76), Decimal(91), "Tinggi", "#20c997"),
    Band(Decimal(91), None, "Sangat Tinggi", "#198754"),
)


class InvalidScale(ValueError):
    """A predikat scale that does not cover 0..∞ exactly once."""


def validate_scale(predikat_scale: Sequence[Band]) -> list[Band]:
    """Sort and check a scale: starts at 0, no gaps, no overlaps, last band open."""
    if not predikat_scale:
        raise InvalidScale("Skala predikat harus mempunyai paling sedikit satu rentang.")
    bands = sorted(predikat_scale, key=lambda b: b.minimum)
    if bands[0].minimum != 0:
        raise InvalidScale("Rentang predikat pertama harus dimulai dari 0.")
    labels = [b.label.strip() for b in bands]
    if any(not label for label in labels):
        raise InvalidScale("Setiap rentang predikat harus mempunyai label.")
    if len(set(labels)) != len(labels):
        raise InvalidScale("Label predikat tidak boleh kembar.")
    for band, nxt in zip(bands, bands[1:], strict=False):
        if band.maximum is None:
            raise InvalidScale(f"Rentang '{band.label}' terbuka ke atas padahal bukan yang terakhir.")
        if band.maximum <= band.minimum:
            raise InvalidScale(f"Batas atas '{band.label}' harus lebih besar dari batas bawahnya.")
        if band.maximum < nxt.minimum:
            raise InvalidScale(
                f"Ada celah antara '{band.label}' ({band.maximum}) dan '{nxt.label}' ({nxt.minimum})."
            )
        if band.maximum > nxt.minimum:
            raise InvalidScale(f"Rentang '{band.label}' dan '{nxt.label}' tumpang tindih.")
    if bands[-1].maximum is not None:
        raise InvalidScale("Rentang predikat terakhir harus terbuka ke atas (tanpa batas atas).")
    return bands


def predikat_band(capaian: Decimal | None, predikat_scale: Sequence[Band] | None = None) -> Band | None:
    """The band a capaian falls in; a capaian below 0 falls in the lowest band."""
    if capaian is None:
        return None
    bands = sorted(predikat_scale or PERMENDAGRI_86_SCALE, key=lambda b: b.minimum)
    chosen = bands[0]
    for band in bands:
        if capaian >= band.minimum:
            chosen = band
    return chosen


def predikat(capaian: Decimal | None, predikat_scale: Sequence[Band] | None = None) -> str | None:
    band = predikat_band(capaian, predikat_scale)
    return band.label if band else None


# --------------------------------------------------------------------------- aggregation


@dataclass(frozen=True)
class Aggregate:
    """A value aggregated over quarters, which quarters it used, and what was missing."""

    value: Decimal | None
    used: tuple[int, ...] = ()
    missing: tuple[int, ...] = ()
    note: str = ""


def _missing_note(missing: Sequence[int], what: str) -> str:
    return f"{', '.join(tw(q) for q in missing)} {what}" if missing else ""


def aggregate_realisasi(
    quarterly_values: Mapping[int, Decimal | None], up_to_quarter: int, aggregation: str
) -> Aggregate:
    """Realisasi s.d. TW n by the indicator's rule; missing quarters are said, not zeroed."""
    if up_to_quarter not in QUARTERS:
        raise ValueError("up_to_quarter harus 1-4")
    window = [q for q in QUARTERS if q <= up_to_quarter]
    present = tuple(q for q in window if quarterly_values.get(q) is not None)
    missing = tuple(q for q in window if quarterly_values.get(q) is None)
    if not present:
        return Aggregate(None, (), missing, "belum diisi")
    values = [quarterly_values[q] for q in present]
    if aggregation == KUMULATIF:
        return Aggregate(
            sum(values, ZERO), present, missing, _missing_note(missing, "belum diisi, tidak dijumlahkan")
        )
    if aggregation == NILAI_AKHIR:
        last = present[-1]
        note = "" if last == up_to_quarter else f"memakai nilai {tw(last)} ({tw(up_to_quarter)} belum diisi)"
        return Aggregate(quarterly_values[last], (last,), missing, note)
    if aggregation == RATA_RATA:
        note = _missing_note(missing, "belum diisi, rata-rata dari triwulan yang ada")
        return Aggregate(sum(values, ZERO) / len(values), present, missing, note)
    raise ValueError(f"aturan agregasi tidak dikenal: {aggregation!r}")


def aggregate_target(
    quarterly_targets: Mapping[int, Decimal | None],
    up_to_quarter: int,
    aggregation: str,
    annual_target: Decimal | None = None,
) -> Aggregate:
    """Target s.d. TW n: the sum of TW 1..n for kumulatif, else the TW n target.

    A missing TW n target of a non-cumulative indicator falls back to the annual target.
    """
    if up_to_quarter not in QUARTERS:
        raise ValueError("up_to_quarter harus 1-4")
    window = [q for q in QUARTERS if q <= up_to_quarter]
    if aggregation == KUMULATIF:
        missing = tuple(q for q in window if quarterly_targets.get(q) is None)
        present = tuple(q for q in window if quarterly_targets.get(q) is not None)
        if missing:
            if up_to_quarter == 4 and annual_target is not None:
                return Aggregate(
                    annual_target, (), missing, "target triwulan belum lengkap: memakai target tahunan"
                )
            return Aggregate(None, present, missing, _missing_note(missing, "belum ada target"))
        return Aggregate(sum((quarterly_targets[q] for q in window), ZERO), present, ())
    value = quarterly_targets.get(up_to_quarter)
    if value is None:
        if annual_target is not None:
            return Aggregate(
                annual_target,
                (),
                (up_to_quarter,),
                f"target {tw(up_to_quarter)} belum ada: memakai target tahunan",
            )
        return Aggregate(None, (), (up_to_quarter,), f"target {tw(up_to_quarter)} belum ada")
    return Aggregate(value, (up_to_quarter,), ())


# --------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class Period:
    code: str
    label: str
    up_to_quarter: int
    annual: bool = False  # compare with the annual target


PERIODS = {
    p.code: p
    for p in (
        Period("tw1", "Triwulan I", 1),
        Period("tw2", "Triwulan II", 2),
        Period("tw3", "Triwulan III", 3),
        Period("tw4", "Triwulan IV", 4),
        Period("s1", "Semester I", 2),
        Period("s2", "Semester II", 4),
        Period("tahun", "Tahunan", 4, annual=True),
    )
}


def owning_period(frequency: str, quarter: int) -> str | None:
    """The one period whose cycle collects (owns) a quarter's realisasi of an indicator.

    Period ownership (DOMAIN.md section 6): a quarterly indicator's TW n value belongs to the
    TW n cycle; a semester indicator is collected at TW II (Semester I) and TW IV (Semester II);
    an annual one at TW IV (Tahunan). Semester and annual cycles read the quarters' values and
    never write them. None: nobody collects that quarter (a semester indicator in TW I).
    """
    if frequency == "semester":
        return {2: "s1", 4: "s2"}.get(quarter)
    if frequency == "tahunan":
        return "tahun" if quarter == 4 else None
    return f"tw{quarter}" if 1 <= quarter <= 4 else None


@dataclass(frozen=True)
class Settings:
    """A Pemda's computation settings."""

    negative_formula: str = SELISIH
    capaian_cap: Decimal | None = None
    predikat_scale: tuple[Band, ...] = PERMENDAGRI_86_SCALE


@dataclass(frozen=True)
class Indicator:
    """What the engine needs to know of an indicator."""

    polarity: str
    aggregation: str
    band_lower: Decimal | None = None
    band_upper: Decimal | None = None


@dataclass(frozen=True)
class PeriodResult:
    """Target, realisasi, capaian and predikat of one indicator for one period."""

    target: Aggregate
    realisasi: Aggregate
    capaian: Capaian
    predikat: Band | None
    trend: tuple[Decimal | None, ...] = field(default=())  # capaian s.d. TW 1..n

    def explanation(self, indicator: Indicator) -> str:
        """How the capaian was computed, in one paragraph the UI shows on demand."""
        parts = []
        labels = {KUMULATIF: "kumulatif (dijumlahkan)", NILAI_AKHIR: "nilai akhir", RATA_RATA: "rata-rata"}
        parts.append(f"Agregasi {labels.get(indicator.aggregation, indicator.aggregation)}")
        if self.realisasi.used:
            parts.append("realisasi dari " + ", ".join(tw(q) for q in self.realisasi.used))
        if self.realisasi.note and self.realisasi.value is not None:
            parts.append(self.realisasi.note)
        if self.target.note:
            parts.append(self.target.note)
        text = "; ".join(parts) + "."
        if self.capaian.formula:
            text += f" Rumus: {self.capaian.formula}"
            if self.target.value is not None and self.realisasi.value is not None:
                text += f" dengan T = {_plain(self.target.value)}, R = {_plain(self.realisasi.value)}"
            text += "."
        if self.capaian.reason:
            text += f" Catatan: {self.capaian.reason}."
        return text


def compute_period(
    indicator: Indicator,
    *,
    quarterly_targets: Mapping[int, Decimal | None],
    annual_target: Decimal | None,
    quarterly_realisasi: Mapping[int, Decimal | None],
    period: Period,
    settings: Settings = Settings(),
    with_trend: bool = True,
) -> PeriodResult:
    """Everything the recap shows for one indicator and period."""

    def one(up_to_quarter: int, annual: bool) -> tuple[Aggregate, Aggregate, Capaian]:
        if annual and annual_target is not None:
            target = Aggregate(annual_target)
        else:
            target = aggregate_target(quarterly_targets, up_to_quarter, indicator.aggregation, annual_target)
        realisasi = aggregate_realisasi(quarterly_realisasi, up_to_quarter, indicator.aggregation)
        capaian = compute_capaian(
            target=target.value,
            realisasi=realisasi.value,
            polarity=indicator.polarity,
            band_lower=indicator.band_lower,
            band_upper=indicator.band_upper,
            negative_formula=settings.negative_formula,
            capaian_cap=settings.capaian_cap,
        )
        return target, realisasi, capaian

    target, realisasi, capaian = one(period.up_to_quarter, period.annual)
    trend: tuple[Decimal | None, ...] = ()
    if with_trend:
        trend = tuple(
            capaian.value if q == period.up_to_quarter and not period.annual else one(q, False)[2].value
            for q in QUARTERS
            if q <= period.up_to_quarter
        )
    return PeriodResult(
        target, realisasi, capaian, predikat_band(capaian.value, settings.predikat_scale), trend
    )
