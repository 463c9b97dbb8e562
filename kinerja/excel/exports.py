"""Recap exports: the OPD recap and the Pemda recap as workbooks, with the computation parameters."""

import io
import re

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from kinerja import capaian
from kinerja.excel.common import column_letter, write_cell, write_row
from kinerja.recap import BELUM, OpdRecap, PemdaRecap

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


def _parameters(wb: Workbook, pengaturan: capaian.Pengaturan, periode: capaian.Periode, year: int) -> None:
    ws = wb.create_sheet("Parameter")
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 60
    rows = [
        ("Periode", f"{periode.label} {year}"),
        ("Dibuat", timezone.localtime().strftime("%d-%m-%Y %H:%M")),
        ("Rumus positif", "R / T × 100"),
        (
            "Rumus negatif",
            "T / R × 100"
            if pengaturan.rumus_negatif == capaian.RASIO
            else "(2T − R) / T × 100, batas bawah 0",
        ),
        ("Rumus rentang [a, b]", "100 di dalam rentang; di bawah R / a × 100; di atas (2b − R) / b × 100"),
        (
            "Batas maksimum capaian",
            f"{pengaturan.batas_maksimum}%" if pengaturan.batas_maksimum else "tidak dibatasi",
        ),
        ("Agregasi kumulatif", "jumlah triwulan s.d. periode"),
        ("Agregasi nilai akhir", "nilai triwulan terakhir yang dilaporkan"),
        ("Agregasi rata-rata", "rata-rata triwulan yang dilaporkan"),
    ]
    for r, (label, value) in enumerate(rows, start=1):
        write_row(ws, r, [label, value])
    r = len(rows) + 2
    write_row(ws, r, ["Skala predikat", "Capaian (%)"])
    for band in sorted(pengaturan.skala, key=lambda b: b.minimum, reverse=True):
        r += 1
        upper = f"< {band.maksimum}" if band.maksimum is not None else "ke atas"
        write_row(ws, r, [band.label, f"≥ {band.minimum} {upper}"])
        ws.cell(row=r, column=1).fill = _fill(band.warna)


def opd_recap_workbook(recap: OpdRecap) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Rekap"
    write_cell(ws.cell(row=1, column=1), "REKAP HASIL PENGUKURAN KINERJA")
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    write_cell(ws.cell(row=2, column=1), f"{recap.opd.pemda.name} — {recap.opd.name}")
    write_cell(ws.cell(row=3, column=1), f"{recap.periode.label} {recap.year}")
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
        indicator, hasil = row.indicator, row.hasil
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
            _number(hasil.target.nilai),
            _number(hasil.realisasi.nilai),
            _number(hasil.capaian.nilai),
            row.predikat_label,
            row.penjelasan,
            analysis.faktor_pendukung if analysis else "",
            analysis.faktor_penghambat if analysis else "",
            analysis.solusi if analysis else "",
        ]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col)
            write_cell(cell, value)
            if not isinstance(value, str):
                cell.number_format = NUMBER
        if hasil.predikat is not None:
            ws.cell(row=r, column=12).fill = _fill(hasil.predikat.warna)
    totals = wb.create_sheet("Ringkasan")
    write_row(totals, 1, ["Predikat", "Jumlah indikator"])
    for r, total in enumerate(recap.totals, start=2):
        write_row(totals, r, [total.label, total.count])
        totals.cell(row=r, column=1).fill = _fill(total.warna)
    _parameters(wb, recap.pengaturan, recap.periode, recap.year)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def pemda_recap_workbook(recap: PemdaRecap) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Rekap Pemda"
    write_cell(ws.cell(row=1, column=1), "REKAP CAPAIAN KINERJA PERANGKAT DAERAH")
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    write_cell(ws.cell(row=2, column=1), f"{recap.pemda.name} — {recap.periode.label} {recap.year}")
    labels = [label for label, _colour in recap.labels]
    headers = ["OPD", "Indikator", *labels, "Terisi (%)", "Rata-rata capaian IKU (%)"]
    _header(ws, 4, headers, [45, 11, *[12] * len(labels), 11, 14])
    for col, (label, colour) in enumerate(recap.labels, start=3):
        if label != BELUM:
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
    _parameters(wb, recap.pengaturan, recap.periode, recap.year)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
