"""Validators for the identifiers the domain gives a fixed shape: NIP and nomenclature codes."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NIP_LENGTH = 18


def normalize_nip(value: str) -> str:
    """Strip the spaces (and dots) people type between the NIP's groups."""
    return re.sub(r"[\s.]", "", value or "")


def format_nip(value: str) -> str:
    """Print a NIP the way documents show it: ``19681118 199003 1 005``."""
    nip = normalize_nip(value)
    if len(nip) != NIP_LENGTH:
        return value
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def validate_nip(value: str) -> None:
    """A NIP is 18 digits: birth date (YYYYMMDD), appointment (YYYYMM), sex (1/2), serial."""
    nip = normalize_nip(value)
    if not nip.isdigit() or len(nip) != NIP_LENGTH:
        raise ValidationError(
            _("NIP harus terdiri dari 18 angka (contoh: 19681118 199003 1 005)."), code="nip_length"
        )
    try:
        datetime.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            _("8 angka pertama NIP harus tanggal lahir yang sah (TTTTBBHH)."), code="nip_birth"
        ) from None
    month = int(nip[12:14])
    if not 1 <= month <= 12:
        raise ValidationError(
            _("Angka ke-9 s.d. 14 NIP harus tahun dan bulan pengangkatan (TTTTBB)."),
            code="nip_appointment",
        )
    if nip[14] not in "12":
        raise ValidationError(_("Angka ke-15 NIP (jenis kelamin) harus 1 atau 2."), code="nip_sex")


# Permendagri 90/2019 nomenclature: U.BB.PP (program), U.BB.PP.L.KK (kegiatan),
# U.BB.PP.L.KK.SSSS (sub kegiatan). Urusan is a digit, or X for the cross-cutting
# "unsur pendukung/penunjang" codes (X.XX).
_URUSAN = r"(?:[1-9]\.\d{2}|X\.XX)"
CODE_PATTERNS = {
    "program": re.compile(rf"^{_URUSAN}\.\d{{2}}$"),
    "kegiatan": re.compile(rf"^{_URUSAN}\.\d{{2}}\.\d\.\d{{2}}$"),
    "sub_kegiatan": re.compile(rf"^{_URUSAN}\.\d{{2}}\.\d\.\d{{2}}\.\d{{4}}$"),
}
CODE_EXAMPLES = {
    "program": "2.07.03",
    "kegiatan": "2.07.03.2.01",
    "sub_kegiatan": "2.07.03.2.01.0001",
}


def validate_nomenclature_code(level: str, code: str) -> None:
    """Check a code's shape for its level; tujuan and sasaran take free numbering."""
    pattern = CODE_PATTERNS.get(level)
    if pattern is None:
        return
    if not code:
        raise ValidationError(
            _("Kode nomenklatur wajib diisi (contoh: %(contoh)s).") % {"contoh": CODE_EXAMPLES[level]},
            code="code_required",
        )
    if not pattern.match(code):
        raise ValidationError(
            _("Format kode tidak sesuai nomenklatur Permendagri 90/2019 (contoh: %(contoh)s).")
            % {"contoh": CODE_EXAMPLES[level]},
            code="code_shape",
        )
