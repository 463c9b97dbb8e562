"""The SOP document (HTML view and PDF): context from a revision, and the PDF writer."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string

from kinerja import pdf as pdf_renderer
from sop.flowchart import build_table
from sop.models import SopRevision, TimeUnit
from sop.selectors import revision_data

LIST_TITLES = (
    ("dasar_hukum", "DASAR HUKUM"),
    ("kualifikasi", "KUALIFIKASI PELAKSANA"),
    ("keterkaitan", "KETERKAITAN"),
    ("peralatan", "PERALATAN/PERLENGKAPAN"),
    ("peringatan", "PERINGATAN"),
    ("pencatatan", "PENCATATAN DAN PENDATAAN"),
)
UNIT_LABELS = {TimeUnit.MENIT: "Menit", TimeUnit.JAM: "Jam", TimeUnit.HARI: "Hari"}


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


def render_pdf(revision: SopRevision, paper: str | None = None) -> bytes:
    """The SOP AP document, landscape, through the product's one PDF renderer."""
    context = document_context(revision_data(revision), paper)
    return pdf_renderer.render(
        render_to_string("sop/_document.html", {**context, "pdf": True}),
        title=revision.nama,
        running_title=revision.nama,
        stylesheets=["css/sop.css", "css/sop_print.css"],
        paper=context["paper"],
        landscape=True,
    )
