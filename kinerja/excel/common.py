"""What every workbook we read or write needs: file checks, safe text, numbers, problems."""

import datetime
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from kinerja.numbers import parse_decimal

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


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


def put_text(cell, value) -> None:
    """Write text that spreadsheet programs never execute (formula injection).

    Text starting with = + - @ is stored as a string cell with Excel's quote prefix: shown
    as typed, never evaluated, and read back unchanged.
    """
    text = "" if value is None else str(value)
    cell.value = text
    if text.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
        cell.quotePrefix = True


def max_bytes() -> int:
    return getattr(settings, "SAKIP_XLSX_MAX_BYTES", 5 * 1024 * 1024)


def check_file(content: bytes) -> None:
    """Refuse what is not a plain .xlsx before openpyxl sees it, each with its own message."""
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
            names = set(archive.namelist())
            if archive.testzip() is not None:
                raise WorkbookRefused(_("Berkas Excel rusak atau terpotong."))
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, EOFError, OSError, KeyError, ValueError):
        raise WorkbookRefused(_("Berkas Excel rusak atau terpotong.")) from None
    if any(name.lower().endswith("vbaproject.bin") for name in names) or b"macroEnabled" in types:
        raise WorkbookRefused(
            _("Berkas berisi makro (.xlsm). Simpan sebagai Excel Workbook (.xlsx) tanpa makro.")
        )
    if "xl/workbook.xml" not in names:
        raise WorkbookRefused(_("Bukan berkas Excel (.xlsx) yang sah."))


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
