"""What every workbook we read or write needs: file checks, safe text, numbers, problems."""

import datetime
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import openpyxl.reader.excel
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import DIMENSION_TAG
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

from kinerja.numbers import parse_decimal

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32_767  # Excel's limit for one cell


class WorkbookRefused(ValueError):
    """The file as a whole cannot be read as the expected workbook; nothing was written."""


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Baris {self.row}, kolom {self.column}: " if self.row else ""
        return where + self.message


def write_cell(cell, value) -> None:
    """The one way a value that comes from data enters a cell: text stays text, always.

    Numbers stay numbers (a Decimal becomes an int or a float), dates stay dates, booleans
    booleans, None an empty cell. Anything else is stored as a string cell (data type 's'),
    never as a formula, whatever it starts with; text starting with = + - @ tab or CR also
    gets Excel's quote prefix, so re-typing the cell in Excel does not turn it into one.
    Characters XML cannot hold are dropped and the text is cut at Excel's cell limit.
    """
    if value is None:
        cell.value = None
        return
    if isinstance(value, bool | int | float | datetime.date | datetime.datetime | datetime.time):
        cell.value = value
        return
    if isinstance(value, Decimal):
        cell.value = _decimal(value)
        return
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_CELL_TEXT]
    cell.value = text
    cell.data_type = "s"  # openpyxl turns a leading "=" into a formula; data never is one
    if text.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True


def write_row(ws, row: int, values, start: int = 1) -> None:
    """Write a row of data values through ``write_cell``."""
    for column, value in enumerate(values, start=start):
        write_cell(ws.cell(row=row, column=column), value)


def write_formula(cell, formula: str) -> None:
    """A formula we generate ourselves, from our own cell references and numbers.

    Text from data never goes into ``formula``: labels are looked up from cells written
    with ``write_cell``.
    """
    if not formula.startswith("="):
        raise ValueError("a formula starts with '='")
    cell.value = formula


def _decimal(value: Decimal):
    if not value.is_finite():
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def max_bytes() -> int:
    return getattr(settings, "SAKIP_XLSX_MAX_BYTES", 5 * 1024 * 1024)


def check_file(content: bytes, *, max_unpacked: int, what: str) -> None:
    """Refuse what is not a plain .xlsx before openpyxl sees it, each with its own message.

    ``max_unpacked`` bounds the bytes the archive may inflate to (all its parts together),
    ``what`` names the expected workbook in the message. The sizes declared in the zip's
    directory are checked before anything is decompressed; ``zipfile`` never inflates a
    part beyond its declared size, so they bound every later read.
    """
    if not content:
        raise WorkbookRefused(_("Berkas kosong."))
    if len(content) > max_bytes():
        raise WorkbookRefused(
            _("Berkas terlalu besar: %(size).1f MB, batasnya %(max).0f MB.")
            % {"size": len(content) / 1_048_576, "max": max_bytes() / 1_048_576}
        )
    if content.startswith(OLE2):
        if "EncryptedPackage".encode("utf-16-le") in content:
            raise WorkbookRefused(
                _("Berkas dilindungi kata sandi. Buka kuncinya di Excel lalu simpan ulang sebagai .xlsx.")
            )
        raise WorkbookRefused(_("Ini berkas Excel lama (.xls). Simpan ulang sebagai Excel Workbook (.xlsx)."))
    if content.startswith(b"%PDF"):
        raise WorkbookRefused(_("Ini berkas PDF, bukan Excel (.xlsx)."))
    if not content.startswith(b"PK\x03\x04"):
        raise WorkbookRefused(_("Bukan berkas Excel (.xlsx). Berkas CSV atau teks tidak diterima."))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            _check_sizes(infos, max_unpacked, what)
            if any(info.flag_bits & 0x1 for info in infos):
                raise WorkbookRefused(
                    _("Berkas dilindungi kata sandi. Buka kuncinya di Excel lalu simpan ulang sebagai .xlsx.")
                )
            names = {info.filename for info in infos}
            if archive.testzip() is not None:
                raise WorkbookRefused(_("Berkas Excel rusak atau terpotong."))
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (
        zipfile.BadZipFile,
        EOFError,
        OSError,
        KeyError,
        ValueError,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        if isinstance(exc, WorkbookRefused):
            raise
        raise WorkbookRefused(_("Berkas Excel rusak atau terpotong.")) from None
    if any(name.lower().endswith("vbaproject.bin") for name in names) or b"macroEnabled" in types:
        raise WorkbookRefused(
            _("Berkas berisi makro (.xlsm). Simpan sebagai Excel Workbook (.xlsx) tanpa makro.")
        )
    if "xl/workbook.xml" not in names:
        raise WorkbookRefused(_("Bukan berkas Excel (.xlsx) yang sah."))


MAX_MEMBERS = 200  # a workbook saved by Excel or LibreOffice has 10 to 30 parts
MAX_RATIO = 100  # spreadsheet XML deflates 5 to 30 times; a zip bomb a thousand
RATIO_FLOOR = 1_048_576  # small parts may compress as they like


def _check_sizes(infos: list[zipfile.ZipInfo], max_unpacked: int, what: str) -> None:
    if len(infos) > MAX_MEMBERS:
        raise WorkbookRefused(
            _(
                "Berkas Excel berisi %(n)d bagian (batasnya %(max)d); "
                "simpan ulang sebagai Excel Workbook (.xlsx)."
            )
            % {"n": len(infos), "max": MAX_MEMBERS}
        )
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise WorkbookRefused(
                _(
                    "Isi berkas Excel memadat secara tidak wajar (%(ratio)d kali, bagian %(name)s): "
                    "berkas ditolak. Simpan ulang berkas di Excel lalu unggah lagi."
                )
                % {"ratio": info.file_size // max(info.compress_size, 1), "name": info.filename[:60]}
            )
    total = sum(info.file_size for info in infos)
    if total > max_unpacked:
        raise WorkbookRefused(
            _(
                "Isi berkas terlalu besar untuk %(what)s: %(size).1f MB setelah dibuka, batasnya "
                "%(max).1f MB. Biasanya karena sangat banyak baris atau kolom kosong di bawah atau di "
                "samping tabel: hapus, simpan, lalu unggah lagi."
            )
            % {"what": what, "size": total / 1_048_576, "max": max_unpacked / 1_048_576}
        )


SHEET_DATA_TAG = f"{{{SHEET_MAIN_NS}}}sheetData"


class HeadOnlyReadOnlyWorksheet(ReadOnlyWorksheet):
    """openpyxl's read-only sheet, whose look for ``<dimension>`` stops where the rows start.

    openpyxl's own looks until the end of ``<sheetData>`` when ``<dimension>`` is missing,
    i.e. it parses the whole sheet once per sheet per load, before anyone reads a row: a
    file with a million blank rows and no ``<dimension>`` cost seconds there, out of reach
    of any bound of ours. By the schema ``<dimension>`` comes before ``<sheetData>``, so
    this reads the same values from the head of the XML only. (We never trust them anyway:
    ``bounded_rows`` resets them.)
    """

    def _get_size(self):
        with self._get_source() as source:
            for _event, element in iterparse(source, events=("start",)):
                if element.tag == DIMENSION_TAG:
                    boundaries = SheetDimension.from_tree(element).boundaries
                    if boundaries:
                        self._min_column, self._min_row, self._max_column, self._max_row = boundaries
                    return
                if element.tag == SHEET_DATA_TAG:
                    return


# Every read-only load in the process (only kinerja.excel reads workbooks) uses it.
openpyxl.reader.excel.ReadOnlyWorksheet = HeadOnlyReadOnlyWorksheet


def bounded_rows(ws, *, min_row: int, max_rows: int, max_cols: int, max_blank: int, too_many_rows: str):
    """Stream a read-only sheet's rows as (row number, values), every row up to a bound.

    ``<dimension>`` is not trusted (it may be missing or lie): the rows and cells the XML
    really holds are read, one at a time. Rows past ``max_rows`` are tolerated only while
    blank, and only ``max_blank`` of them; a non-blank one there, or one more blank, refuses
    the file with ``too_many_rows``. A row with a cell past ``max_cols`` refuses it too.
    Nothing the file says can make this loop run longer than those bounds.
    """
    ws.reset_dimensions()
    rows = ws.iter_rows(min_row=min_row, values_only=True)
    last = min_row + max_rows - 1
    blank = 0
    r = min_row - 1
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception:  # openpyxl raises many kinds on broken XML
            raise WorkbookRefused(_("Berkas Excel tidak dapat dibaca (isi lembar rusak).")) from None
        r += 1
        if len(values) > max_cols:
            raise WorkbookRefused(
                _(
                    "Lembar '%(sheet)s' baris %(row)d berisi sel di kolom %(col)s, jauh di luar tabel "
                    "(paling banyak %(max)d kolom). Hapus kolom di samping tabel lalu unggah lagi."
                )
                % {
                    "sheet": ws.title,
                    "row": r,
                    "col": column_letter(min(len(values), 16_384)),
                    "max": max_cols,
                }
            )
        if r > last:
            if not is_blank(values) or blank >= max_blank:
                raise WorkbookRefused(too_many_rows)
            blank += 1
        yield r, values


def is_blank(values) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def read_number(value, *, allow_negative: bool) -> tuple[Decimal | None, str]:
    """A number from a cell: (value, "") or (None, why not). Empty gives (None, "")."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ""
    if isinstance(value, bool):
        return None, _("berisi benar/salah, bukan angka")
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return None, _("berisi tanggal, bukan angka")
    if isinstance(value, int | float | Decimal):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return None, _("bukan angka yang sah")
    else:
        text = str(value).strip()
        if text.startswith("="):
            return None, _("berisi rumus tanpa nilai tersimpan; simpan berkas di Excel lalu unggah lagi")
        try:
            number = parse_decimal(text)
        except ValueError:
            return None, _("berisi teks '%(text)s', bukan angka") % {"text": text[:30]}
    if not number.is_finite():
        return None, _("bukan angka yang sah")
    if number < 0 and not allow_negative:
        return None, _("tidak boleh negatif untuk satuan ini")
    if abs(number) >= Decimal(10) ** 16:
        return None, _("angka terlalu besar")
    return number, ""


def read_text(value, limit: int = 4000) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    text = str(value).strip()
    if text.startswith("'") and len(text) > 1 and text[1] in "=+-@":
        text = text[1:]  # our own protection against formulas, undone on the way back in
    return text[:limit]


def column_letter(index: int) -> str:
    return get_column_letter(index)
