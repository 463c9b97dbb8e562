"""The worksheet coming back: read an upload (bounded before it is opened), compare every row with
what is stored, and say per row what would change, what conflicts, and what is refused."""

import io
import itertools
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from kinerja.cycle import policy as cycle_policy
from kinerja.cycle import rows
from kinerja.excel.common import (
    Problem,
    WorkbookRefused,
    bounded_rows,
    check_file,
    column_letter,
    is_blank,
    read_number,
    read_text,
)
from kinerja.excel.worksheet import (
    COL,
    COLUMNS,
    FIRST_ROW,
    FORMAT,
    HEADER_ROW,
    INPUTS,
    META,
    SHEET,
    TEXT_INPUTS,
    parse_key,
)
from kinerja.models import Cycle, Realisasi, User
from kinerja.numbers import small_int


@dataclass
class RowChange:
    row: int
    item_id: int
    version: int
    indicator: str
    old: dict
    new: dict
    status: str  # "ubah", "sama", "konflik", "ditolak"
    reason: str = ""

    @property
    def changed_fields(self) -> list[str]:
        return [k for k in INPUTS if self.old.get(k) != self.new.get(k)]

    @property
    def changed_labels(self) -> list[str]:
        headers = dict(COLUMNS)
        return [headers[k] for k in self.changed_fields if k != "value"]


@dataclass
class UploadResult:
    cycle: Cycle
    problems: list[Problem] = field(default_factory=list)
    rows: list[RowChange] = field(default_factory=list)

    @property
    def changes(self) -> list[RowChange]:
        return [r for r in self.rows if r.status == "ubah"]

    @property
    def conflicts(self) -> list[RowChange]:
        return [r for r in self.rows if r.status == "konflik"]

    @property
    def refused(self) -> list[RowChange]:
        return [r for r in self.rows if r.status == "ditolak"]

    @property
    def can_apply(self) -> bool:
        return not self.problems and bool(self.changes)


def _values(realisasi: Realisasi | None) -> dict:
    return rows.entered(realisasi)


def _same(a: dict, b: dict) -> bool:
    return all(
        (a.get(k) or None) == (b.get(k) or None) if k != "value" else a.get(k) == b.get(k) for k in INPUTS
    )


# What a worksheet for n indicators may hold: the XML of all its parts together at most
# FIXED_BYTES + n x ROW_BYTES once unpacked (our own file takes 1.3 KB a row, so a row may
# carry some 6 KB of narratives typed in, on average); past the last indicator's row at most
# ROW_SLACK more rows, and only MAX_BLANK_TAIL blank ones; cells up to MAX_COLUMNS.
FIXED_BYTES = 2 * 1024 * 1024
ROW_BYTES = 8 * 1024
ROW_SLACK = 20
MAX_BLANK_TAIL = 200
MAX_COLUMNS = len(COLUMNS) + 30
META_ROWS = 100


def upload_refusal(user: User, cycle: Cycle) -> str:
    """Why this user may not upload a worksheet for this cycle ("" when they may).

    Asked before the file is opened: only someone who may change at least one of the
    cycle's items now gets their file parsed.
    """
    items = list(cycle.items.select_related("indicator"))
    in_team = cycle.team.filter(pk=user.pk).exists()
    reason = _("Siklus ini tidak mempunyai indikator.")
    for item in items:
        item.cycle = cycle
        reason = cycle_policy.edit_refusal(user, item, in_team)
        if not reason:
            return ""
    return _(
        "Anda tidak dapat mengubah indikator mana pun di siklus ini, jadi tidak dapat "
        "mengunggah kertas kerja."
    )


def _too_many_rows(count: int) -> str:
    return _(
        "Berkas berisi lebih banyak baris daripada indikator siklus ini (%(n)d). Hapus baris tambahan "
        "(juga baris kosong yang sangat banyak) di bawah tabel, lalu unggah lagi."
    ) % {"n": count}


def read_upload(cycle: Cycle, user: User, content: bytes) -> UploadResult:
    """Check a filled worksheet against the cycle; returns problems and the row changes. Writes nothing.

    Bounded by the cycle's size before and while reading: the zip's declared sizes, then a
    streaming read that stops at the first row or column the cycle cannot need.
    """
    count = cycle.items.count()
    check_file(
        content,
        max_unpacked=FIXED_BYTES + count * ROW_BYTES,
        what=_("kertas kerja dengan %(n)d indikator") % {"n": count},
    )
    try:
        wb_values = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        wb_formulas = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on broken files
        raise WorkbookRefused(_("Berkas Excel tidak dapat dibaca (rusak atau bukan kertas kerja).")) from None
    if SHEET not in wb_values.sheetnames or META not in wb_values.sheetnames:
        raise WorkbookRefused(
            _("Ini bukan kertas kerja pengukuran dari SAKIP Kinerja (lembar '%(s)s' tidak ada).")
            % {"s": SHEET}
        )
    meta_rows = bounded_rows(
        wb_values[META],
        min_row=1,
        max_rows=META_ROWS,
        max_cols=10,
        max_blank=0,
        too_many_rows=_("Lembar tersembunyi kertas kerja diubah; unduh kertas kerja yang baru."),
    )
    meta = {str(v[0]): str(v[1]) for _r, v in meta_rows if len(v) > 1 and v[0]}
    if meta.get("format") != FORMAT:
        raise WorkbookRefused(_("Format kertas kerja tidak dikenal; unduh kertas kerja yang baru."))
    if meta.get("cycle") != str(cycle.pk):
        other = Cycle.objects.filter(pk=small_int(meta.get("cycle")) or 0).select_related("opd").first()
        described = str(other) if other and other.opd_id == cycle.opd_id else _("siklus lain")
        if meta.get("opd") != str(cycle.opd_id):
            described = _("OPD lain")
        raise WorkbookRefused(
            _("Berkas ini kertas kerja %(other)s, bukan %(this)s.") % {"other": described, "this": str(cycle)}
        )
    ws, wsf = wb_values[SHEET], wb_formulas[SHEET]
    ws.reset_dimensions()
    result = UploadResult(cycle=cycle)
    header_rows = bounded_rows(
        ws, min_row=HEADER_ROW, max_rows=1, max_cols=MAX_COLUMNS, max_blank=0, too_many_rows=""
    )
    header = next((values for _r, values in header_rows), ())
    expected = [h for _k, h in COLUMNS]
    found = [str(v).strip() if v is not None else "" for v in header[: len(expected)]]
    if found != expected:
        for index, name in enumerate(expected):
            got = found[index] if index < len(found) else ""
            if got != name:
                where = column_letter(index + 1)
                if name in found:
                    message = _("kolom '%(n)s' berpindah tempat; urutan kolom tidak boleh diubah.") % {
                        "n": name
                    }
                elif got:
                    message = _("judul kolom '%(g)s' seharusnya '%(n)s' (kolom diubah atau dihapus).") % {
                        "g": got,
                        "n": name,
                    }
                else:
                    message = _("kolom '%(n)s' tidak ada.") % {"n": name}
                result.problems.append(Problem(HEADER_ROW, where, message))
        raise_if_structural(result)
    items = {item.pk: item for item in cycle.items.select_related("indicator", "pic")}
    current = {
        r.indicator_id: r
        for r in Realisasi.objects.filter(
            indicator__cycle_items__cycle=cycle, year=cycle.year, quarter=cycle.entry_quarter
        )
    }
    in_team = cycle.team.filter(pk=user.pk).exists()
    seen: set[int] = set()
    bounds = {
        "min_row": FIRST_ROW,
        "max_rows": count + ROW_SLACK,
        "max_cols": MAX_COLUMNS,
        "max_blank": MAX_BLANK_TAIL,
        "too_many_rows": _too_many_rows(count),
    }
    # Two streams over the same XML in step: cached values, and formulas (to tell a formula
    # saved without its value from an empty cell). Both stop where the bounds say.
    formula_rows = itertools.chain(bounded_rows(wsf, **bounds), itertools.repeat((0, ())))
    for (r, values), (_r, formulas) in zip(bounded_rows(ws, **bounds), formula_rows, strict=False):
        if is_blank(values[: len(COLUMNS)]):
            continue
        if len(seen) >= len(items):
            result.problems.append(
                Problem(
                    r, "A", _("jumlah baris melebihi jumlah indikator siklus (%(n)d).") % {"n": len(items)}
                )
            )
            break
        cells = dict(zip([k for k, _h in COLUMNS], list(values) + [None] * len(COLUMNS), strict=False))
        raw = dict(zip([k for k, _h in COLUMNS], list(formulas) + [None] * len(COLUMNS), strict=False))
        parsed = parse_key(cells["key"])
        if parsed is None or parsed[0] not in items:
            result.problems.append(
                Problem(
                    r,
                    "A",
                    _("kunci baris tidak dikenal atau diubah; baris ini bukan dari kertas kerja siklus ini."),
                )
            )
            continue
        item_id, version = parsed
        if item_id in seen:
            result.problems.append(Problem(r, "A", _("indikator ini muncul dua kali.")))
            continue
        seen.add(item_id)
        item = items[item_id]
        item.cycle = cycle
        value_col = column_letter(COL["value"])
        raw_value = raw.get("value")
        if isinstance(raw_value, str) and raw_value.startswith("=") and cells["value"] is None:
            result.problems.append(
                Problem(
                    r,
                    value_col,
                    _("berisi rumus tanpa nilai tersimpan; buka dan simpan berkas di Excel lalu unggah."),
                )
            )
            continue
        number, why = read_number(cells["value"], allow_negative=item.indicator.allow_negative)
        if why:
            result.problems.append(Problem(r, value_col, why))
            continue
        new = {"value": number, **{k: read_text(cells[k]) for k in TEXT_INPUTS}}
        existing = current.get(item.indicator_id)
        old = _values(existing)
        change = RowChange(r, item_id, version, item.indicator.name, old, new, "sama")
        if not _same(old, new):
            refusal = cycle_policy.edit_refusal(user, item, in_team)
            held = existing.version if existing else 0
            if refusal:
                change.status, change.reason = "ditolak", refusal
            elif held != version:
                who = existing.entered_by if existing else ""
                change.status = "konflik"
                change.reason = _(
                    "diubah di aplikasi oleh %(who)s sesudah kertas kerja diunduh; tidak ditimpa."
                ) % {"who": who}
            elif number is None and not new["unmeasured_reason"]:
                result.problems.append(Problem(r, value_col, _("isi realisasi, atau alasan tidak terukur.")))
                continue
            else:
                change.status = "ubah"
        result.rows.append(change)
    return result


def raise_if_structural(result: UploadResult) -> None:
    if result.problems:
        raise StructuralProblems(result.problems)


class StructuralProblems(WorkbookRefused):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems
