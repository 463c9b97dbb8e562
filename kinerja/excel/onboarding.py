"""Onboarding an OPD's plan from one workbook: elements, indicators, targets and pagu.

The same workbook comes out pre-filled with what the OPD already has, so a file that was
downloaded, completed and uploaded again only adds what is new; uploading it twice changes
nothing. Preview first; the confirmed import runs in one transaction through the services.
"""

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from kinerja.excel.common import (
    column_letter,
    write_cell,
    write_row,
)
from kinerja.models import (
    Budget,
    Indicator,
    PlanElement,
    RenstraPeriod,
    Target,
)
from kinerja.recap import tree_order

SHEETS = {
    "Elemen": ["Tingkat", "Kode", "Kode induk", "Uraian", "Unit"],
    "Indikator": [
        "Kode elemen",
        "Nama indikator",
        "Satuan",
        "Polaritas",
        "Batas bawah",
        "Batas atas",
        "Agregasi",
        "Tahun baseline",
        "Nilai baseline",
        "IKU",
        "Wajib bukti",
        "Boleh negatif",
        "Unit",
        "Definisi operasional",
        "Formula",
        "Sumber data",
    ],
    "Target": ["Kode elemen", "Nama indikator", "Tahun", "Tahunan", "TW I", "TW II", "TW III", "TW IV"],
    "Anggaran": ["Kode elemen", "Tahun", "Triwulan", "Pagu", "Realisasi"],
}
YES = {"ya", "y", "iya", "yes", "1", "true", "benar"}
NO = {"tidak", "t", "no", "0", "false", "salah", ""}
HEAD = PatternFill("solid", fgColor="DDE7F3")
# A plan is bounded, whatever the file says: all parts of the workbook at most MAX_UNPACKED
# bytes once unpacked, each sheet at most MAX_ROWS rows (then MAX_BLANK_TAIL blank ones)
# and cells up to MAX_COLUMNS. A large Pemda's OPD has a few thousand rows in all.
MAX_UNPACKED = 16 * 1024 * 1024
MAX_ROWS = 10_000
MAX_BLANK_TAIL = 200
MAX_COLUMNS = 50


def yes_no(value) -> bool | None:
    text = str(value if value is not None else "").strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    return None


# ---------------------------------------------------------------------------- the template


def template_workbook(renstra: RenstraPeriod) -> bytes:
    """The onboarding workbook, filled with the Renstra's current plan (empty for a new OPD)."""
    wb = Workbook()
    guide = wb.active
    guide.title = "Petunjuk"
    lines = (
        "ONBOARDING RENCANA KINERJA OPD",
        f"OPD: {renstra.opd.name} — {renstra.name} ({renstra.start_year}-{renstra.end_year})",
        "Elemen: tujuan, sasaran, program, kegiatan, sub kegiatan.",
        "Program/kegiatan/sub kegiatan memakai kode nomenklatur",
        "(mis. 2.07.03, 2.07.03.2.01, 2.07.03.2.01.0001);",
        "tujuan dan sasaran memakai nomor (T1, S1.1).",
        "Kode induk: kode elemen di atasnya (kosong untuk tujuan).",
        "Polaritas: positif/negatif/rentang. Agregasi: kumulatif/nilai_akhir/rata_rata. IKU dll.: ya/tidak.",
        "Target: satu baris per indikator per tahun Renstra. Anggaran: satu baris per elemen per triwulan.",
        "Mengunggah berkas yang sama dua kali tidak mengubah apa pun.",
    )
    for row, line in enumerate(lines, start=1):
        write_row(guide, row, [line])
    guide.column_dimensions["A"].width = 110
    sheets = {}
    for name, headers in SHEETS.items():
        ws = wb.create_sheet(name)
        for index, header in enumerate(headers, start=1):
            cell = ws.cell(row=1, column=index)
            write_cell(cell, header)
            cell.font = Font(bold=True)
            cell.fill = HEAD
            cell.alignment = Alignment(wrap_text=True)
            ws.column_dimensions[column_letter(index)].width = (
                42 if header in ("Uraian", "Nama indikator") else 16
            )
        ws.freeze_panes = "A2"
        sheets[name] = ws
    elements = list(PlanElement.objects.filter(renstra=renstra).select_related("parent", "unit"))
    order = tree_order(elements)
    elements.sort(key=lambda e: order[e.pk])
    for e in elements:
        _row(
            sheets["Elemen"],
            [e.level, e.code, e.parent.code if e.parent else "", e.name, e.unit.name if e.unit else ""],
        )
    indicators = list(Indicator.objects.filter(element__renstra=renstra).select_related("element", "unit"))
    indicators.sort(key=lambda i: (order[i.element_id], i.order, i.pk))
    for i in indicators:
        _row(
            sheets["Indikator"],
            [
                i.element.code,
                i.name,
                i.satuan,
                i.polarity,
                i.band_lower,
                i.band_upper,
                i.aggregation,
                i.baseline_year,
                i.baseline_value,
                "ya" if i.is_iku else "tidak",
                "ya" if i.requires_evidence else "tidak",
                "ya" if i.allow_negative else "tidak",
                i.unit.name if i.unit else "",
                i.definition,
                i.formula,
                i.data_source,
            ],
        )
    targets: dict[tuple[int, int], dict[int, Decimal]] = {}
    for t in Target.objects.filter(indicator__in=indicators):
        targets.setdefault((t.indicator_id, t.year), {})[t.quarter] = t.value
    for i in indicators:
        for year in renstra.years:
            values = targets.get((i.pk, year))
            if values:
                _row(sheets["Target"], [i.element.code, i.name, year, *(values.get(q) for q in range(5))])
    for b in (
        Budget.objects.filter(element__renstra=renstra)
        .select_related("element")
        .order_by("element__code", "year", "quarter")
    ):
        _row(sheets["Anggaran"], [b.element.code, b.year, b.quarter, b.pagu, b.realisasi])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _row(ws, values) -> None:
    write_row(ws, ws.max_row + 1, values)
