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


def analysis_of(realisasi: Realisasi | None) -> dict[str, str]:
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
    colour: str
    explanation: str = ""
    reason: str = ""
    analysis: dict = field(default_factory=dict)
    trend: list = field(default_factory=list)


def live_row(row: recap.RecapRow) -> ReportRow:
    """A recap row as the report shows it before sign-off."""
    result = row.result
    return ReportRow(
        element=row.element,
        indicator=row.indicator,
        target=result.target.value,
        realisasi=result.realisasi.value,
        capaian=result.capaian.value,
        predikat=row.predikat_label,
        colour=result.predikat.colour if result.predikat else NO_COLOUR,
        explanation=row.explanation,
        reason=result.capaian.reason,
        analysis=analysis_of(row.analysis),
        trend=list(result.trend),
    )


def freeze(item: CycleItem, row: recap.RecapRow) -> None:
    """Keep on the item what the signature certifies (saved by the caller)."""
    live = live_row(row)
    item.final_target = live.target
    item.final_realisasi = live.realisasi
    item.final_capaian = live.capaian
    item.final_predikat = live.predikat
    item.final_values = {
        "penjelasan": live.explanation,
        "alasan": live.reason,
        "tren": [None if v is None else str(v) for v in live.trend],
        "analisis": live.analysis,
    }


FROZEN_FIELDS = ("final_target", "final_realisasi", "final_capaian", "final_predikat", "final_values")


def frozen_row(item: CycleItem, settings: capaian.Settings) -> ReportRow:
    """The row as signed: only what ``freeze`` kept (the colour follows the predikat's band)."""
    final = item.final_values or {}
    predikat = item.final_predikat or recap.UNRATED
    return ReportRow(
        element=item.indicator.element,
        indicator=item.indicator,
        target=item.final_target,
        realisasi=item.final_realisasi,
        capaian=item.final_capaian,
        predikat=predikat,
        colour=next((b.colour for b in settings.predikat_scale if b.label == predikat), NO_COLOUR),
        explanation=final.get("penjelasan", ""),
        reason=final.get("alasan", ""),
        analysis=final.get("analisis", {}),
        trend=[None if v is None else Decimal(v) for v in final.get("tren", [])],
    )
