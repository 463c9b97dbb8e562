"""Shared by every official document: the place printed before the date, and template -> PDF."""

from django.template.loader import render_to_string

from kinerja import pdf as pdf_renderer


def place_of(pemda_name: str) -> str:
    """'Pemerintah Kabupaten Lumajang' -> 'Lumajang' (the place printed before the date)."""
    name = pemda_name
    for prefix in ("Pemerintah ", "Kabupaten ", "Kota ", "Provinsi "):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return name


def pdf(template: str, context: dict, *, title: str, header: str, paper: str | None = None) -> bytes:
    """An official document on the Pemda's paper: ``header`` runs at the top of pages 2 and on."""
    return pdf_renderer.render(
        render_to_string(template, context),
        title=title,
        running_title=header,
        stylesheets=["css/print.css"],
        paper=paper,
    )
