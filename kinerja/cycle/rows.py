"""One shape for a realisasi row, and one builder for the frozen row a signature keeps.

The entry grid, the worksheet and the review snapshot read a quarter's entry through
``entered``; the signed report, the archive table and the draft under review read
``ReportRow``, built from the recap before sign-off (``live_row``) and from the values the
sign-off froze on the item afterwards (``frozen_row``). ``freeze`` writes exactly what
``frozen_row`` reads back.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from kinerja import capaian, recap
from kinerja.models import ANALYSIS_FIELDS, REALISASI_FIELDS, CycleItem, Indicator, PlanElement, Realisasi

NO_COLOUR = "#adb5bd"


def entered(realisasi: Realisasi | None) -> dict:
    """What was entered for the quarter: the value (None) and the analysis texts ("")."""
    if realisasi is None:
        return dict.fromkeys(REALISASI_FIELDS) | dict.fromkeys(ANALYSIS_FIELDS, "")
    return {name: getattr(realisasi, name) for name in REALISASI_FIELDS}


def analysis(realisasi: Realisasi | None) -> dict[str, str]:
    """The analysis texts of the quarter ("" each when nothing was entered)."""
    return {name: getattr(realisasi, name) if realisasi else "" for name in ANALYSIS_FIELDS}


def reviewed(realisasi: Realisasi | None, evidence_ids) -> dict:
    """What the reviewer saw of an item (JSON): compared later to highlight what changed since."""
    if realisasi is None:
        return {}
    values = entered(realisasi)
    return {
        **values,
        "value": None if values["value"] is None else str(values["value"]),
        "evidence": sorted(evidence_ids),
    }


@dataclass
class ReportRow:
    element: PlanElement
    indicator: Indicator
    target: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None
    predikat: str
    warna: str
    penjelasan: str = ""
    alasan: str = ""
    analisis: dict = field(default_factory=dict)
    tren: list = field(default_factory=list)


def live_row(row: recap.RecapRow) -> ReportRow:
    """A recap row as the report shows it before sign-off."""
    hasil = row.hasil
    return ReportRow(
        element=row.element,
        indicator=row.indicator,
        target=hasil.target.nilai,
        realisasi=hasil.realisasi.nilai,
        capaian=hasil.capaian.nilai,
        predikat=row.predikat_label,
        warna=hasil.predikat.warna if hasil.predikat else NO_COLOUR,
        penjelasan=row.penjelasan,
        alasan=hasil.capaian.alasan,
        analisis=analysis(row.analysis),
        tren=list(hasil.tren),
    )


def freeze(item: CycleItem, row: recap.RecapRow) -> None:
    """Keep on the item what the signature certifies (saved by the caller)."""
    live = live_row(row)
    item.final_target = live.target
    item.final_realisasi = live.realisasi
    item.final_capaian = live.capaian
    item.final_predikat = live.predikat
    item.final_values = {
        "penjelasan": live.penjelasan,
        "alasan": live.alasan,
        "tren": [None if v is None else str(v) for v in live.tren],
        "analisis": live.analisis,
    }


FROZEN_FIELDS = ("final_target", "final_realisasi", "final_capaian", "final_predikat", "final_values")


def frozen_row(item: CycleItem, pengaturan: capaian.Pengaturan) -> ReportRow:
    """The row as signed: only what ``freeze`` kept (the colour follows the predikat's band)."""
    final = item.final_values or {}
    predikat = item.final_predikat or recap.BELUM
    return ReportRow(
        element=item.indicator.element,
        indicator=item.indicator,
        target=item.final_target,
        realisasi=item.final_realisasi,
        capaian=item.final_capaian,
        predikat=predikat,
        warna=next((b.warna for b in pengaturan.skala if b.label == predikat), NO_COLOUR),
        penjelasan=final.get("penjelasan", ""),
        alasan=final.get("alasan", ""),
        analisis=final.get("analisis", {}),
        tren=[None if v is None else Decimal(v) for v in final.get("tren", [])],
    )
