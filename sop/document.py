"""The SOP document (HTML view and PDF): context from a revision, and the PDF writer."""

import datetime
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.html import escape

from sop.flowchart import build_table
from sop.models import SopRevision
from sop.services import revision_data

LIST_TITLES = (
    ("dasar_hukum", "DASAR HUKUM"),
    ("kualifikasi", "KUALIFIKASI PELAKSANA"),
    ("keterkaitan", "KETERKAITAN"),
    ("peralatan", "PERALATAN/PERLENGKAPAN"),
    ("peringatan", "PERINGATAN"),
    ("pencatatan", "PENCATATAN DAN PENDATAAN"),
)
UNIT_LABELS = {"menit": "Menit", "jam": "Jam", "hari": "Hari"}


def waktu_label(waktu, satuan: str) -> str:
    value = Decimal(str(waktu)).normalize()
    return f"{value:f}".replace(".", ",") + " " + UNIT_LABELS.get(satuan, satuan)


def _date(value):
    if not value or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def document_context(data: dict, paper: str | None = None) -> dict:
    """Everything the document template needs, from a revision in the exchange format."""
    paper = (paper or settings.SAKIP_PAPER).upper()
    for step in data["steps"]:
        step["waktu_label"] = waktu_label(step["waktu"], step["satuan"])
    lists = [(title, data.get(key) or []) for key, title in LIST_TITLES]
    return {
        "rev": data,
        "dates": {
            key: _date(data.get(key)) for key in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif")
        },
        "list_pairs": list(zip(lists[0::2], lists[1::2], strict=True)),
        "table": build_table(data, paper),
        "paper": paper if paper in ("A4", "F4") else "A4",
    }


def stylesheet(paper: str, title: str) -> str:
    css = Path(finders.find("css/sop.css")).read_text(encoding="utf-8")
    size = "330mm 215mm" if paper == "F4" else "A4 landscape"
    safe_title = title.replace('"', "'").replace("\\", "/")
    return css + (
        f"@page {{ size: {size}; margin: 10mm 10mm 12mm 10mm;"
        f' @top-left {{ content: "SOP: {safe_title}"; font-family: "DejaVu Sans"; font-size: 7pt; }}'
        ' @bottom-right { content: "Halaman " counter(page) " dari " counter(pages);'
        ' font-family: "DejaVu Sans"; font-size: 7pt; } }'
    )


def render_pdf(revision: SopRevision, paper: str | None = None) -> bytes:
    from weasyprint import CSS, HTML

    context = document_context(revision_data(revision), paper)
    html = render_to_string("sop/_document.html", {**context, "pdf": True})
    title = escape(revision.nama)
    page = (
        f'<html lang="id"><head><meta charset="utf-8"><title>{title}</title></head><body>{html}</body></html>'
    )
    return HTML(string=page).write_pdf(stylesheets=[CSS(string=stylesheet(context["paper"], revision.nama))])
