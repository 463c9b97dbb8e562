"""Kertas kerja pengukuran kinerja: the cycle's worksheet, out to a bidang and back in.

Out: one sheet, a row per indicator in scope, only the input cells unlocked, live capaian
formulas, a hidden signed key per row (item, and the realisasi version it held at export).
In: every problem with its row and column, then a preview of old -> new; nothing is written
until the user confirms, and then in one transaction with the grid's lock and lost-update rules.
"""

import io
from decimal import Decimal

from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation

from kinerja import capaian, recap
from kinerja.cycle import selectors as cycle_selectors
from kinerja.excel.common import (
    column_letter,
    write_cell,
    write_formula,
    write_row,
)
from kinerja.models import ANALYSIS_FIELDS, REALISASI_FIELDS, Cycle, CycleItem, User

FORMAT = "sakip-kertas-kerja-1"
SHEET = "Kertas Kerja"
META = "_meta"
HEADER_ROW = 8
FIRST_ROW = HEADER_ROW + 1
SCALE_BOUND, SCALE_LABEL = 4, 5  # columns of the predikat scale on the hidden sheet

# (key, header) in order; the header text is checked on the way back in.
COLUMNS = [
    ("key", "Kunci"),
    ("no", "No"),
    ("level", "Tingkat"),
    ("code", "Kode"),
    ("element", "Sasaran/Program/Kegiatan"),
    ("indicator", "Indikator"),
    ("satuan", "Satuan"),
    ("polarity", "Polaritas"),
    ("aggregation", "Agregasi"),
    ("target_year", "Target tahunan"),
    ("target", "Target s.d. periode"),
    ("tw1", "Realisasi TW I"),
    ("tw2", "Realisasi TW II"),
    ("tw3", "Realisasi TW III"),
    ("value", "Realisasi periode ini"),
    ("unmeasured_reason", "Alasan tidak terukur"),
    ("faktor_pendukung", "Faktor pendukung"),
    ("faktor_penghambat", "Faktor penghambat"),
    ("solusi", "Solusi / tindak lanjut"),
    ("capaian", "Capaian (%)"),
    ("predikat", "Predikat"),
]
COL = {key: index for index, (key, _header) in enumerate(COLUMNS, start=1)}
INPUTS = REALISASI_FIELDS
TEXT_INPUTS = ANALYSIS_FIELDS
WIDTHS = {
    "no": 5,
    "level": 11,
    "code": 17,
    "element": 34,
    "indicator": 40,
    "satuan": 10,
    "polarity": 10,
    "aggregation": 12,
    "target_year": 11,
    "target": 11,
    "tw1": 10,
    "tw2": 10,
    "tw3": 10,
    "value": 13,
    "unmeasured_reason": 24,
    "faktor_pendukung": 30,
    "faktor_penghambat": 30,
    "solusi": 30,
    "capaian": 11,
    "predikat": 14,
}
NUMBER_FORMAT = "#,##0.####"
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")
HEAD_FILL = PatternFill("solid", fgColor="DDE7F3")


# Row keys are signed with Django's signer under their own salt: a key made for this never
# verifies anywhere else, and SECRET_KEY_FALLBACKS keeps worksheets already handed out
# valid through a rotation of SECRET_KEY.
KEY_SALT = "sakip.worksheet.rowkey"


def row_key(item_id: int, version: int) -> str:
    return signing.Signer(salt=KEY_SALT).sign(f"{item_id}:{version}")


def parse_key(key) -> tuple[int, int] | None:
    if not isinstance(key, str) or len(key) > 200:
        return None
    try:
        item_id, version = signing.Signer(salt=KEY_SALT).unsign(key).split(":")
        return int(item_id), int(version)
    except (signing.BadSignature, ValueError):
        return None


# ---------------------------------------------------------------------------- out


def _aggregate_formula(aggregation: str, prev: list[str], current: str) -> str:
    cells = ",".join([*prev, current])
    if aggregation == capaian.KUMULATIF:
        return f"SUM({cells})"
    if aggregation == capaian.RATA_RATA:
        return f"AVERAGE({cells})"
    return current  # nilai_akhir: the value of this period


def _capaian_formula(indicator, settings: capaian.Settings, r: str, t: str) -> str:
    """``capaian.compute_capaian`` as a spreadsheet formula ("" where the engine gives no value).

    Generated from the same parameters as the engine (polarity, band, the Pemda's negative
    formula and cap); band bounds are constants, so their edge cases are decided here.
    """
    cap100, cap200 = "100", str(capaian.RASIO_CAP)
    if indicator.polarity == capaian.RENTANG:
        a, b = indicator.band_lower, indicator.band_upper
        if a is None or b is None or a > b:
            return '""'
        below = "0" if a <= 0 else f"MAX(0,{r}/{a}*100)"
        above = "0" if b <= 0 else f"MAX(0,(2*{b}-{r})/{b}*100)"
        formula = f"IF({r}<{a},{below},IF({r}>{b},{above},{cap100}))"
    elif indicator.polarity == capaian.NEGATIF:
        if settings.negative_formula == capaian.RASIO:
            ratio = f"IF({r}=0,{cap200},MAX(0,MIN({cap200},{t}/{r}*100)))"
        else:
            ratio = f"MAX(0,(2*{t}-{r})/{t}*100)"
        formula = f'IF({t}="","",IF({t}<0,"",IF({t}=0,IF({r}=0,100,0),{ratio})))'
    else:
        formula = f'IF({t}="","",IF({t}<=0,"",{r}/{t}*100))'
    if settings.capaian_cap is not None:
        cap = settings.capaian_cap
        formula = f'IF(ISNUMBER({formula}),MIN({cap},{formula}),"")'
    return formula


def _write_scale(meta, settings: capaian.Settings) -> tuple[str, str, str, str]:
    """The predikat scale as cells on the hidden sheet (lower bounds in D, labels in E).

    The live formula looks labels up from these cells: a label is data (a Pemda admin
    writes it) and never becomes formula code.
    """
    bands = sorted(settings.predikat_scale, key=lambda b: b.minimum)
    for row, band in enumerate(bands, start=1):
        write_cell(meta.cell(row=row, column=SCALE_BOUND), band.minimum)
        write_cell(meta.cell(row=row, column=SCALE_LABEL), band.label)
    bound, label = column_letter(SCALE_BOUND), column_letter(SCALE_LABEL)
    last = len(bands)
    return (
        f"'{META}'!${bound}$1:${bound}${last}",
        f"'{META}'!${label}$1:${label}${last}",
        f"'{META}'!${bound}$1",
        f"'{META}'!${label}$1",
    )


def _predikat_formula(cell: str, scale: tuple[str, str, str, str]) -> str:
    """Like ``capaian.predikat_band``: the last band whose lower bound the capaian reaches,
    the lowest band below them all (LOOKUP needs the bounds ascending, as written)."""
    bounds, labels, first_bound, first_label = scale
    return f'=IF({cell}="","",IF({cell}<{first_bound},{first_label},LOOKUP({cell},{bounds},{labels})))'


def build(cycle: Cycle, user: User) -> bytes:
    """The worksheet of a cycle as .xlsx bytes."""
    rows = cycle_selectors.grid_rows(cycle, user)
    settings = recap.engine_settings(cycle.opd.pemda_id)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    meta = wb.create_sheet(META)
    meta.sheet_state = "veryHidden"
    # Who exported it is shown to people in the header, not kept in the hidden sheet.
    for row, (key, value) in enumerate(
        (
            ("format", FORMAT),
            ("cycle", cycle.pk),
            ("opd", cycle.opd_id),
            ("year", cycle.year),
            ("period", cycle.period),
            ("exported_at", timezone.now().isoformat()),
        ),
        start=1,
    ):
        write_row(meta, row, [key, str(value)])
    scale = _write_scale(meta, settings)

    title = ws.cell(row=1, column=2)
    write_cell(title, _("KERTAS KERJA PENGUKURAN KINERJA"))
    title.font = Font(bold=True, size=13)
    exported = timezone.localtime()
    info = [
        (_("Pemda"), cycle.opd.pemda.name),
        (_("OPD"), cycle.opd.name),
        (_("Periode"), f"{cycle.period_info.label} {cycle.year}"),
        (_("Tahap siklus"), cycle.get_state_display()),
        (_("Diekspor"), f"{exported:%d-%m-%Y %H:%M} oleh {user}"),
    ]
    for offset, (label, value) in enumerate(info, start=2):
        write_cell(ws.cell(row=offset, column=2), label)
        ws.cell(row=offset, column=2).font = Font(bold=True)
        write_cell(ws.cell(row=offset, column=4), value)
    note = ws.cell(row=7, column=2)
    write_cell(
        note,
        _(
            "Isi hanya kolom berwarna kuning. Angka desimal memakai koma sesuai pengaturan Excel Anda. "
            "Jangan mengubah urutan atau judul kolom."
        ),
    )
    note.font = Font(italic=True, size=9)

    for key, header in COLUMNS:
        cell = ws.cell(row=HEADER_ROW, column=COL[key])
        write_cell(cell, header)
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = BORDER
        if key in WIDTHS:
            ws.column_dimensions[column_letter(COL[key])].width = WIDTHS[key]
    ws.column_dimensions["A"].hidden = True

    nonneg = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        errorTitle=_("Bukan angka"),
        error=_("Isi angka 0 atau lebih."),
        showErrorMessage=True,
    )
    anynum = DataValidation(
        type="decimal",
        operator="between",
        formula1="-1E15",
        formula2="1E15",
        allow_blank=True,
        errorTitle=_("Bukan angka"),
        error=_("Isi angka."),
        showErrorMessage=True,
    )
    ws.add_data_validation(nonneg)
    ws.add_data_validation(anynum)
    for style in STYLES.values():
        wb.add_named_style(style)
    non_negative: list[int] = []
    negative_ok: list[int] = []
    quarter = cycle.entry_quarter
    for index, row in enumerate(rows):
        r = FIRST_ROW + index
        item, indicator = row.item, row.item.indicator
        current = row.current
        values = {
            "key": row_key(item.pk, row.version),
            "no": index + 1,
            "level": indicator.element.get_level_display(),
            "code": indicator.element.code,
            "element": indicator.element.name,
            "indicator": indicator.name,
            "satuan": indicator.satuan,
            "polarity": indicator.polarity,
            "aggregation": indicator.aggregation_short,
        }
        for key, value in values.items():
            write_cell(ws.cell(row=r, column=COL[key]), value)
        targets = _targets(item, cycle)
        write_cell(ws.cell(row=r, column=COL["target_year"]), targets.get(0))
        write_cell(ws.cell(row=r, column=COL["target"]), row.result.target.value)
        previous = dict(row.previous)
        for q in (1, 2, 3):
            if q < quarter:
                write_cell(ws.cell(row=r, column=COL[f"tw{q}"]), previous.get(capaian.tw(q)))
        write_cell(ws.cell(row=r, column=COL["value"]), current.value if current else None)
        for key in TEXT_INPUTS:
            write_cell(ws.cell(row=r, column=COL[key]), getattr(current, key) if current else None)
        value_ref = f"{column_letter(COL['value'])}{r}"
        prev_refs = [f"{column_letter(COL[f'tw{q}'])}{r}" for q in (1, 2, 3) if q < quarter]
        agg = _aggregate_formula(indicator.aggregation, prev_refs, value_ref)
        target_ref = f"{column_letter(COL['target'])}{r}"
        capaian_formula = _capaian_formula(indicator, settings, f"({agg})", target_ref)
        write_formula(ws.cell(row=r, column=COL["capaian"]), f'=IF({value_ref}="","",{capaian_formula})')
        capaian_ref = f"{column_letter(COL['capaian'])}{r}"
        write_formula(ws.cell(row=r, column=COL["predikat"]), _predikat_formula(capaian_ref, scale))
        editable = row.editable
        for key, _header in COLUMNS:
            cell = ws.cell(row=r, column=COL[key])
            quoted = cell.quotePrefix  # a named style resets it; formula-looking text must keep it
            cell.style = _style_for(key, editable)
            if quoted:
                cell.quotePrefix = True
        (negative_ok if indicator.allow_negative else non_negative).append(r)

    # One validation range per run of rows (adding cell by cell is quadratic in openpyxl).
    value_letter = column_letter(COL["value"])
    for validation, rows_ in ((nonneg, non_negative), (anynum, negative_ok)):
        for start, end in _runs(rows_):
            validation.add(f"{value_letter}{start}:{value_letter}{end}")

    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=COL["satuan"])
    ws.protection.sheet = True  # no password: it guides, it does not lock anyone out
    ws.protection.formatColumns = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _named(name: str, *, number=False, wrap=False, input_=False) -> NamedStyle:
    style = NamedStyle(name=name)
    style.border = BORDER
    if number:
        style.number_format = NUMBER_FORMAT
    style.alignment = Alignment(wrap_text=wrap, vertical="top")
    if input_:
        style.fill = INPUT_FILL
        style.protection = Protection(locked=False)
    else:
        style.protection = Protection(locked=True)
    return style


# Named styles: one assignment per cell instead of five (openpyxl styles are slow per attribute).
STYLES = {
    "plain": _named("kk_plain"),
    "wrap": _named("kk_wrap", wrap=True),
    "number": _named("kk_number", number=True),
    "input_number": _named("kk_input_number", number=True, input_=True),
    "input_text": _named("kk_input_text", wrap=True, input_=True),
}
NUMBER_KEYS = ("target_year", "target", "tw1", "tw2", "tw3", "value", "capaian")


def _style_for(key: str, editable: bool) -> str:
    if key in INPUTS and editable:
        return "kk_input_number" if key == "value" else "kk_input_text"
    if key in NUMBER_KEYS:
        return "kk_number"
    if key in TEXT_INPUTS or key in ("element", "indicator"):
        return "kk_wrap"
    return "kk_plain"


def _runs(rows: list[int]):
    """Consecutive row numbers as (first, last) runs."""
    start = previous = None
    for row in rows:
        if start is None:
            start = previous = row
        elif row == previous + 1:
            previous = row
        else:
            yield start, previous
            start = previous = row
    if start is not None:
        yield start, previous


def _targets(item: CycleItem, cycle: Cycle) -> dict[int, Decimal]:
    cache = getattr(cycle, "_target_cache", None)
    if cache is None:
        cache = cycle._target_cache = recap.targets_by_indicator(
            indicator__cycle_items__cycle=cycle, year=cycle.year
        )
    return cache.get(item.indicator_id, {})
