"""Bukti dukung uploads: the type is read from the content, never from the name."""

import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str
    label: str


PDF = Kind(".pdf", "application/pdf", "PDF")
PNG = Kind(".png", "image/png", "PNG")
JPEG = Kind(".jpg", "image/jpeg", "JPEG")
WEBP = Kind(".webp", "image/webp", "WebP")
XLSX = Kind(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (xlsx)")
DOCX = Kind(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (docx)")
KINDS = (PDF, PNG, JPEG, WEBP, XLSX, DOCX)
ALLOWED_LABEL = "PDF, gambar (PNG/JPEG/WebP), Excel (xlsx) atau Word (docx)"


class EvidenceRefused(ValueError):
    pass


def _office_kind(stream: BinaryIO) -> Kind | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise EvidenceRefused(_("Berkas Office dengan makro tidak diterima."))
    if "xl/workbook.xml" in names:
        return XLSX
    if "word/document.xml" in names:
        return DOCX
    return None


def sniff(stream: BinaryIO) -> Kind:
    """The kind of file from its first bytes (and, for Office files, its zip contents)."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    kind: Kind | None = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = WEBP
    elif head.startswith(b"PK\x03\x04"):
        kind = _office_kind(stream)
        stream.seek(0)
    if kind is None:
        raise EvidenceRefused(
            _("Jenis berkas tidak diterima (diperiksa dari isinya). Unggah %(jenis)s.")
            % {"jenis": ALLOWED_LABEL}
        )
    return kind


def check_upload(upload, max_bytes: int) -> Kind:
    """Refuse empty, oversized or disallowed files with a message for the user."""
    if upload.size == 0:
        raise EvidenceRefused(_("Berkas kosong (0 bita)."))
    if upload.size > max_bytes:
        raise EvidenceRefused(
            _("Berkas terlalu besar: %(size).1f MB, batasnya %(max).0f MB.")
            % {"size": upload.size / 1_048_576, "max": max_bytes / 1_048_576}
        )
    return sniff(upload)


def named_as(original_name: str, kind: Kind, *, max_length: int = 255) -> str:
    """The name a file is kept and downloaded under: its own stem, the extension of what it IS.

    ``poly.html`` whose bytes are a PDF becomes ``poly.pdf``: a browser or a desktop that trusts the
    extension never opens it as a web page. Folders (either slash) are dropped.
    """
    base = (original_name or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = PurePosixPath(base).stem.strip().strip(".")
    stem = "".join(ch for ch in stem if ch.isprintable() and ch not in '"') or "bukti"
    return stem[: max_length - len(kind.extension)] + kind.extension


def kind_of_content_type(content_type: str) -> Kind | None:
    return next((kind for kind in KINDS if kind.content_type == content_type), None)
