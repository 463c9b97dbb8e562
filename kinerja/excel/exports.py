"""Recap exports: the OPD recap and the Pemda recap as workbooks, with the computation parameters."""

import io
import re

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from kinerja import capaian
from kinerja.excel.common import column_letter, write_cell, write_row
from kinerja.recap import UNRATED, OpdRecap, PemdaRecap

HEAD = PatternFill("solid", fgColor="DDE7F3")
NUMBER = "#,##0.##"


def _fill(colour: str) -> PatternFill:
    """A fill from a configured colour; anything but six hex digits falls back to grey."""
    hex_ = (colour or "").lstrip("#").upper()
    return PatternFill("solid", fgColor=hex_ if re.fullmatch(r"[0-9A-F]{6}", hex_) else "ADB5BD")


def _number(value):
    return None if value is None else float(value)


def _header(ws, row: int, headers: list[str], widths: list[int]) -> None:
    for index, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(row=row, column=index)
        write_cell(cell, text)  # headers include predikat labels, which are data
        cell.font = Font(bold=True)
        cell.fill = HEAD
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[column_letter(index)].width = width
    ws.freeze_panes = ws.cell(row=row + 1, column=1)


def _parameters(wb: Workbook, settings: capaian.Settings, period: capaian.Period, year: int) -> None:
    ws = wb.create_sheet("Parameter")
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 60
    rows = [
        ("Periode", f"{period.label} {year}"),
        ("Dibuat", timezone.localtime().strftime("%d-%m-%Y %H:%M")),
        ("Rumus positif", "R / T × 100"),
        (
            "Rumus negatif",
            "T / R × 100"
            if settings.negative_formula == capaian.RASIO
            else "(2T − R) / T × 100, batas bawah 0",
        ),
        ("Rumus rentang [a, b]", "100 di dalam rentang; di bawah R / a × 100; di atas (2b − R) / b × 100"),
        (
            "Batas maksimum capaian",
            f"{settings.capaian_cap}%" if settings.capaian_cap else "tidak dibatasi",
        ),
        ("Agregasi kumulatif", "jumlah triwulan s.d. periode"),
        ("Agregasi nilai akhir", "nilai triwulan terakhir yang dilaporkan"),
        ("Agregasi rata-rata", "rata-rata triwulan yang dilaporkan"),
    ]
    for r, (label, value) in enumerate(rows, start=1):
        write_row(ws, r, [label, value])
    r = len(rows) + 2
    write_row(ws, r, ["Skala predikat", "Capaian (%)"])
    for band in sorted(settings.predikat_scale, key=lambda b: b.minimum, reverse=True):
        r += 1
        upper = f"< {band.maximum}" if band.maximum is not None else "ke atas"
        write_row(ws, r, [band.label, f"≥ {band.minimum} {upper}"])
        ws.cell(row=r, column=1).fill = _fill(band.colour)


def opd_recap_workbook(recap: OpdRecap) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Rekap"
    write_cell(ws.cell(row=1, column=1), "REKAP HASIL PENGUKURAN KINERJA")
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    write_cell(ws.cell(row=2, column=1), f"{recap.opd.pemda.name} — {recap.opd.name}")
    write_cell(ws.cell(row=3, column=1), f"{recap.period.label} {recap.year}")
    headers = [
        "Tingkat",
        "Kode",
        "Sasaran/Program/Kegiatan",
        "Indikator",
        "IKU",
        "Satuan",
        "Polaritas",
        "Agregasi",
        "Target s.d. periode",
        "Realisasi s.d. periode",
        "Capaian (%)",
        "Predikat",
        "Penjelasan",
        "Faktor pendukung",
        "Faktor penghambat",
        "Solusi / tindak lanjut",
    ]
    widths = [11, 17, 34, 40, 5, 10, 10, 12, 12, 12, 11, 15, 50, 30, 30, 30]
    _header(ws, 5, headers, widths)
    for r, row in enumerate(recap.rows, start=6):
        indicator, result = row.indicator, row.result
        analysis = row.analysis
        values = [
            row.element.get_level_display(),
            row.element.code,
            row.element.name,
            indicator.name,
            "IKU" if indicator.is_iku else "",
            indicator.satuan,
            indicator.polarity,
            indicator.aggregation_short,
            _number(result.target.value),
            _number(result.realisasi.value),
            _number(result.capaian.value),
            row.predikat_label,
            row.explanation,
            analysis.faktor_pendukung if analysis else "",
            analysis.faktor_penghambat if analysis else "",
            analysis.solusi if analysis else "",
        ]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col)
            write_cell(cell, value)
            if not isinstance(value, str):
                cell.number_format = NUMBER
        if result.predikat is not None:
            ws.cell(row=r, column=12).fill = _fill(result.predikat.colour)
    totals = wb.create_sheet("Ringkasan")
    write_row(totals, 1, ["Predikat", "Jumlah indikator"])
    for r, total in enumerate(recap.totals, start=2):
        write_row(totals, r, [total.label, total.count])
        totals.cell(row=r, column=1).fill = _fill(total.colour)
    _parameters(wb, recap.settings, recap.period, recap.year)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def pemda_recap_workbook(recap: PemdaRecap) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Rekap Pemda"
    write_cell(ws.cell(row=1, column=1), "REKAP CAPAIAN KINERJA PERANGKAT DAERAH")
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    write_cell(ws.cell(row=2, column=1), f"{recap.pemda.name} — {recap.period.label} {recap.year}")
    labels = [label for label, _colour in recap.labels]
    headers = ["OPD", "Indikator", *labels, "Terisi (%)", "Rata-rata capaian IKU (%)"]
    _header(ws, 4, headers, [45, 11, *[12] * len(labels), 11, 14])
    for col, (label, colour) in enumerate(recap.labels, start=3):
        if label != UNRATED:
            ws.cell(row=4, column=col).fill = _fill(colour)
    for r, line in enumerate(recap.lines, start=5):
        write_row(
            ws,
            r,
            [
                line.opd.name,
                line.indicators,
                *(line.counts[label] for label in labels),
                _number(line.filled_share),
                _number(line.iku_average),
            ],
        )
        ws.cell(row=r, column=3 + len(labels)).number_format = NUMBER
        ws.cell(row=r, column=4 + len(labels)).number_format = NUMBER
    _parameters(wb, recap.settings, recap.period, recap.year)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
