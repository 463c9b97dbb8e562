"""Shared by every official document: the print stylesheet, paper, running header, PDF bytes."""

import io
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.html import escape


def place_of(pemda_name: str) -> str:
    """'Pemerintah Kabupaten Lumajang' -> 'Lumajang' (the place printed before the date)."""
    name = pemda_name
    for prefix in ("Pemerintah ", "Kabupaten ", "Kota ", "Provinsi "):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return name


def stylesheet(*, paper: str, header: str, landscape: bool = False) -> str:
    css = Path(finders.find("css/print.css")).read_text(encoding="utf-8")
    size = {"A4": "210mm 297mm", "F4": "215mm 330mm"}.get(paper.upper(), "210mm 297mm")
    if landscape:
        width, height = size.split()
        size = f"{height} {width}"
    safe = header.replace("\\", "/").replace('"', "'")
    return css + (
        f"@page {{ size: {size}; margin: 20mm 18mm 18mm 20mm;"
        f' @top-center {{ content: "{safe}"; font-family: "DejaVu Sans"; font-size: 7.5pt; color: #444; }}'
        ' @bottom-center { content: "Halaman " counter(page) " dari " counter(pages);'
        ' font-family: "DejaVu Sans"; font-size: 7.5pt; } }'
        "@page :first { @top-center { content: none; } }"
    )


def pdf(template: str, context: dict, *, title: str, header: str, paper: str | None = None) -> bytes:
    from weasyprint import CSS, HTML

    body = render_to_string(template, context)
    html = (
        f'<html lang="id"><head><meta charset="utf-8"><title>{escape(title)}</title></head>'
        f"<body>{body}</body></html>"
    )
    out = io.BytesIO()
    HTML(string=html).write_pdf(
        out, stylesheets=[CSS(string=stylesheet(paper=paper or settings.SAKIP_PAPER, header=header))]
    )
    return out.getvalue()
