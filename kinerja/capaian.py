"""Capaian, predikat and quarterly aggregation: the numbers every user looks at.

Pure functions on Decimal, no ORM (DOMAIN.md sections 4-5). Values stay unrounded;
templates round for display. Every answer that is not a plain formula result carries a
reason (``alasan``) in Indonesian that the UI shows as it is.
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

    nilai: Decimal | None
    rumus: str
    alasan: str = ""

    @property
    def terhitung(self) -> bool:
        return self.nilai is not None


def _floor0(value: Decimal) -> Decimal:
    return max(value, ZERO)


def _floored(raw: Decimal, rumus: str) -> Capaian:
    """A lower-is-better result below 0 is floored at 0, and says so."""
    if raw < 0:
        return Capaian(ZERO, rumus, "hasil rumus di bawah 0, dibatasi 0%")
    return Capaian(raw, rumus)


def _capaian_negatif(target: Decimal, realisasi: Decimal, rumus_negatif: str) -> Capaian:
    if target == 0:
        nilai = HUNDRED if realisasi == 0 else ZERO
        return Capaian(
            nilai,
            "target 0 (negatif): R = 0 → 100, R > 0 → 0",
            "target 0: realisasi 0 dinilai 100%, realisasi di atas 0 dinilai 0%",
        )
    if rumus_negatif == RASIO:
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


def _capaian_rentang(realisasi: Decimal, bawah: Decimal | None, atas: Decimal | None) -> Capaian:
    if bawah is None or atas is None or bawah > atas:
        return Capaian(None, "rentang", "batas rentang belum lengkap: capaian tidak dapat dihitung")
    rumus = f"100 di dalam rentang [{bawah}; {atas}]; di bawah: R / a × 100; di atas: (2b − R) / b × 100"
    if bawah <= realisasi <= atas:
        return Capaian(HUNDRED, rumus)
    if realisasi < bawah:
        if bawah <= 0:
            return Capaian(ZERO, rumus, "di bawah batas bawah yang ≤ 0: dinilai 0%")
        return Capaian(_floor0(realisasi / bawah * HUNDRED), rumus)
    if atas <= 0:
        return Capaian(ZERO, rumus, "di atas batas atas yang ≤ 0: dinilai 0%")
    return _floored((2 * atas - realisasi) / atas * HUNDRED, rumus)


def evaluasi_capaian(
    *,
    target: Decimal | None,
    realisasi: Decimal | None,
    polaritas: str,
    batas_bawah: Decimal | None = None,
    batas_atas: Decimal | None = None,
    rumus_negatif: str = SELISIH,
    batas_maksimum: Decimal | None = None,
) -> Capaian:
    """Capaian with its formula and, where it is not a plain formula result, the reason."""
    if realisasi is None:
        return Capaian(None, "", "belum diisi")
    if polaritas == RENTANG:
        hasil = _capaian_rentang(realisasi, batas_bawah, batas_atas)
    elif target is None:
        return Capaian(None, "", "target belum ditetapkan")
    elif polaritas == POSITIF:
        if target == 0:
            return Capaian(None, "R / T × 100", "target 0: capaian tidak dapat dihitung")
        if target < 0:
            return Capaian(None, "R / T × 100", "target negatif: capaian tidak dapat dihitung dengan R / T")
        hasil = Capaian(realisasi / target * HUNDRED, "R / T × 100")
    elif polaritas == NEGATIF:
        if target < 0:
            return Capaian(None, "", "target negatif: capaian tidak dapat dihitung")
        hasil = _capaian_negatif(target, realisasi, rumus_negatif)
    else:
        raise ValueError(f"polaritas tidak dikenal: {polaritas!r}")
    if batas_maksimum is not None and hasil.nilai is not None and hasil.nilai > batas_maksimum:
        alasan = f"dibatasi {batas_maksimum}% sesuai pengaturan Pemda"
        return Capaian(batas_maksimum, hasil.rumus, "; ".join(filter(None, [hasil.alasan, alasan])))
    return hasil


def hitung_capaian(
    *,
    target: Decimal | None,
    realisasi: Decimal | None,
    polaritas: str,
    batas_bawah: Decimal | None = None,
    batas_atas: Decimal | None = None,
    rumus_negatif: str = SELISIH,
) -> Decimal | None:
    """The unrounded capaian percent, or None when it cannot be computed."""
    return evaluasi_capaian(
        target=target,
        realisasi=realisasi,
        polaritas=polaritas,
        batas_bawah=batas_bawah,
        batas_atas=batas_atas,
        rumus_negatif=rumus_negatif,
    ).nilai


# --------------------------------------------------------------------------- predikat


@dataclass(frozen=True)
class Band:
    """One predikat band: ``minimum <= capaian < maksimum`` (maksimum None: open)."""

    minimum: Decimal
    maksimum: Decimal | None
    label: str
    warna: str  # a colour for badges and charts, e.g. "#198754"


# Permendagri 86/2017, gaps closed, top band open.
SKALA_PERMENDAGRI_86 = (
    Band(Decimal(0), Decimal(51), "Sangat Rendah", "#dc3545"),
    Band(Decimal(51), Decimal(66), "Rendah", "#fd7e14"),
    Band(Decimal(66), Decimal(76), "Sedang", "#ffc107"),
    Band(Decimal(76), Decimal(91), "Tinggi", "#20c997"),
    Band(Decimal(91), None, "Sangat Tinggi", "#198754"),
)


class SkalaTidakSah(ValueError):
    """A predikat scale that does not cover 0..∞ exactly once."""


def validasi_skala(skala: Sequence[Band]) -> list[Band]:
    """Sort and check a scale: starts at 0, no gaps, no overlaps, last band open."""
    if not skala:
        raise SkalaTidakSah("Skala predikat harus mempunyai paling sedikit satu rentang.")
    bands = sorted(skala, key=lambda b: b.minimum)
    if bands[0].minimum != 0:
        raise SkalaTidakSah("Rentang predikat pertama harus dimulai dari 0.")
    labels = [b.label.strip() for b in bands]
    if any(not label for label in labels):
        raise SkalaTidakSah("Setiap rentang predikat harus mempunyai label.")
    if len(set(labels)) != len(labels):
        raise SkalaTidakSah("Label predikat tidak boleh kembar.")
    for band, nxt in zip(bands, bands[1:], strict=False):
        if band.maksimum is None:
            raise SkalaTidakSah(f"Rentang '{band.label}' terbuka ke atas padahal bukan yang terakhir.")
        if band.maksimum <= band.minimum:
            raise SkalaTidakSah(f"Batas atas '{band.label}' harus lebih besar dari batas bawahnya.")
        if band.maksimum < nxt.minimum:
            raise SkalaTidakSah(
                f"Ada celah antara '{band.label}' ({band.maksimum}) dan '{nxt.label}' ({nxt.minimum})."
            )
        if band.maksimum > nxt.minimum:
            raise SkalaTidakSah(f"Rentang '{band.label}' dan '{nxt.label}' tumpang tindih.")
    if bands[-1].maksimum is not None:
        raise SkalaTidakSah("Rentang predikat terakhir harus terbuka ke atas (tanpa batas atas).")
    return bands


def band_predikat(capaian: Decimal | None, skala: Sequence[Band] | None = None) -> Band | None:
    """The band a capaian falls in; a capaian below 0 falls in the lowest band."""
    if capaian is None:
        return None
    bands = sorted(skala or SKALA_PERMENDAGRI_86, key=lambda b: b.minimum)
    chosen = bands[0]
    for band in bands:
        if capaian >= band.minimum:
            chosen = band
    return chosen


def predikat(capaian: Decimal | None, skala: Sequence[Band] | None = None) -> str | None:
    band = band_predikat(capaian, skala)
    return band.label if band else None


# --------------------------------------------------------------------------- aggregation


@dataclass(frozen=True)
class Agregat:
    """A value aggregated over quarters, which quarters it used, and what was missing."""

    nilai: Decimal | None
    dipakai: tuple[int, ...] = ()
    kosong: tuple[int, ...] = ()
    catatan: str = ""


def _missing_note(kosong: Sequence[int], what: str) -> str:
    return f"{', '.join(tw(q) for q in kosong)} {what}" if kosong else ""


def agregasi_realisasi(nilai_tw: Mapping[int, Decimal | None], sampai_tw: int, aturan: str) -> Agregat:
    """Realisasi s.d. TW n by the indicator's rule; missing quarters are said, not zeroed."""
    if sampai_tw not in QUARTERS:
        raise ValueError("sampai_tw harus 1-4")
    window = [q for q in QUARTERS if q <= sampai_tw]
    ada = tuple(q for q in window if nilai_tw.get(q) is not None)
    kosong = tuple(q for q in window if nilai_tw.get(q) is None)
    if not ada:
        return Agregat(None, (), kosong, "belum diisi")
    values = [nilai_tw[q] for q in ada]
    if aturan == KUMULATIF:
        return Agregat(
            sum(values, ZERO), ada, kosong, _missing_note(kosong, "belum diisi, tidak dijumlahkan")
        )
    if aturan == NILAI_AKHIR:
        last = ada[-1]
        catatan = "" if last == sampai_tw else f"memakai nilai {tw(last)} ({tw(sampai_tw)} belum diisi)"
        return Agregat(nilai_tw[last], (last,), kosong, catatan)
    if aturan == RATA_RATA:
        catatan = _missing_note(kosong, "belum diisi, rata-rata dari triwulan yang ada")
        return Agregat(sum(values, ZERO) / len(values), ada, kosong, catatan)
    raise ValueError(f"aturan agregasi tidak dikenal: {aturan!r}")


def agregasi_target(
    target_tw: Mapping[int, Decimal | None],
    sampai_tw: int,
    aturan: str,
    target_tahunan: Decimal | None = None,
) -> Agregat:
    """Target s.d. TW n: the sum of TW 1..n for kumulatif, else the TW n target.

    A missing TW n target of a non-cumulative indicator falls back to the annual target.
    """
    if sampai_tw not in QUARTERS:
        raise ValueError("sampai_tw harus 1-4")
    window = [q for q in QUARTERS if q <= sampai_tw]
    if aturan == KUMULATIF:
        kosong = tuple(q for q in window if target_tw.get(q) is None)
        ada = tuple(q for q in window if target_tw.get(q) is not None)
        if kosong:
            if sampai_tw == 4 and target_tahunan is not None:
                return Agregat(
                    target_tahunan, (), kosong, "target triwulan belum lengkap: memakai target tahunan"
                )
            return Agregat(None, ada, kosong, _missing_note(kosong, "belum ada target"))
        return Agregat(sum((target_tw[q] for q in window), ZERO), ada, ())
    value = target_tw.get(sampai_tw)
    if value is None:
        if target_tahunan is not None:
            return Agregat(
                target_tahunan, (), (sampai_tw,), f"target {tw(sampai_tw)} belum ada: memakai target tahunan"
            )
        return Agregat(None, (), (sampai_tw,), f"target {tw(sampai_tw)} belum ada")
    return Agregat(value, (sampai_tw,), ())


# --------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class Periode:
    kode: str
    label: str
    sampai_tw: int
    tahunan: bool = False  # compare with the annual target


PERIODE = {
    p.kode: p
    for p in (
        Periode("tw1", "Triwulan I", 1),
        Periode("tw2", "Triwulan II", 2),
        Periode("tw3", "Triwulan III", 3),
        Periode("tw4", "Triwulan IV", 4),
        Periode("s1", "Semester I", 2),
        Periode("s2", "Semester II", 4),
        Periode("tahun", "Tahunan", 4, tahunan=True),
    )
}


def periode_pemilik(frekuensi: str, triwulan: int) -> str | None:
    """The one period whose cycle collects (owns) a quarter's realisasi of an indicator.

    Period ownership (DOMAIN.md section 6): a quarterly indicator's TW n value belongs to the
    TW n cycle; a semester indicator is collected at TW II (Semester I) and TW IV (Semester II);
    an annual one at TW IV (Tahunan). Semester and annual cycles read the quarters' values and
    never write them. None: nobody collects that quarter (a semester indicator in TW I).
    """
    if frekuensi == "semester":
        return {2: "s1", 4: "s2"}.get(triwulan)
    if frekuensi == "tahunan":
        return "tahun" if triwulan == 4 else None
    return f"tw{triwulan}" if 1 <= triwulan <= 4 else None


@dataclass(frozen=True)
class Pengaturan:
    """A Pemda's computation settings."""

    rumus_negatif: str = SELISIH
    batas_maksimum: Decimal | None = None
    skala: tuple[Band, ...] = SKALA_PERMENDAGRI_86


@dataclass(frozen=True)
class Indikator:
    """What the engine needs to know of an indicator."""

    polaritas: str
    agregasi: str
    batas_bawah: Decimal | None = None
    batas_atas: Decimal | None = None


@dataclass(frozen=True)
class HasilPeriode:
    """Target, realisasi, capaian and predikat of one indicator for one period."""

    target: Agregat
    realisasi: Agregat
    capaian: Capaian
    predikat: Band | None
    tren: tuple[Decimal | None, ...] = field(default=())  # capaian s.d. TW 1..n

    def penjelasan(self, indikator: Indikator) -> str:
        """How the capaian was computed, in one paragraph the UI shows on demand."""
        parts = []
        aturan = {KUMULATIF: "kumulatif (dijumlahkan)", NILAI_AKHIR: "nilai akhir", RATA_RATA: "rata-rata"}
        parts.append(f"Agregasi {aturan.get(indikator.agregasi, indikator.agregasi)}")
        if self.realisasi.dipakai:
            parts.append("realisasi dari " + ", ".join(tw(q) for q in self.realisasi.dipakai))
        if self.realisasi.catatan and self.realisasi.nilai is not None:
            parts.append(self.realisasi.catatan)
        if self.target.catatan:
            parts.append(self.target.catatan)
        text = "; ".join(parts) + "."
        if self.capaian.rumus:
            text += f" Rumus: {self.capaian.rumus}"
            if self.target.nilai is not None and self.realisasi.nilai is not None:
                text += f" dengan T = {_plain(self.target.nilai)}, R = {_plain(self.realisasi.nilai)}"
            text += "."
        if self.capaian.alasan:
            text += f" Catatan: {self.capaian.alasan}."
        return text


def hitung_periode(
    indikator: Indikator,
    *,
    target_tw: Mapping[int, Decimal | None],
    target_tahunan: Decimal | None,
    realisasi_tw: Mapping[int, Decimal | None],
    periode: Periode,
    pengaturan: Pengaturan = Pengaturan(),
    dengan_tren: bool = True,
) -> HasilPeriode:
    """Everything the recap shows for one indicator and period."""

    def one(sampai: int, tahunan: bool) -> tuple[Agregat, Agregat, Capaian]:
        if tahunan and target_tahunan is not None:
            target = Agregat(target_tahunan)
        else:
            target = agregasi_target(target_tw, sampai, indikator.agregasi, target_tahunan)
        realisasi = agregasi_realisasi(realisasi_tw, sampai, indikator.agregasi)
        capaian = evaluasi_capaian(
            target=target.nilai,
            realisasi=realisasi.nilai,
            polaritas=indikator.polaritas,
            batas_bawah=indikator.batas_bawah,
            batas_atas=indikator.batas_atas,
            rumus_negatif=pengaturan.rumus_negatif,
            batas_maksimum=pengaturan.batas_maksimum,
        )
        return target, realisasi, capaian

    target, realisasi, capaian = one(periode.sampai_tw, periode.tahunan)
    tren: tuple[Decimal | None, ...] = ()
    if dengan_tren:
        tren = tuple(
            capaian.nilai if q == periode.sampai_tw and not periode.tahunan else one(q, False)[2].nilai
            for q in QUARTERS
            if q <= periode.sampai_tw
        )
    return HasilPeriode(target, realisasi, capaian, band_predikat(capaian.nilai, pengaturan.skala), tren)
