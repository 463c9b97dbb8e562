"""The SOP document: every seed SOP renders to HTML and PDF with all its steps, lanes and identity."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from sop.document import render_pdf
from sop.flowchart import PAGES, build_table, paginate
from sop.seeds import SEED_SOPS
from sop.services import load_seed_sops

pytestmark = pytest.mark.django_db


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def revisions(seed_owners):
    return load_seed_sops()


@pytest.mark.parametrize("index", range(5), ids=[s["slug"] for s in SEED_SOPS])
def test_each_seed_sop_prints_as_a_pdf_with_every_step(revisions, index):
    revision = revisions[index]
    pdf = render_pdf(revision)
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    text = squash(" ".join(page.extract_text() for page in reader.pages))
    assert revision.nomor.split("/")[0] in text
    assert squash(revision.nama) in text or squash(revision.nama).upper() in text
    assert revision.disahkan_nama.split(",")[0] in text
    for lane in revision.lanes.all():
        for word in lane.label.split():
            assert word in text, lane.label
    for step in revision.steps.all():
        words = squash(step.description).split()
        # the first and last words of each step's text (the middle may wrap across lines)
        assert words[0] in text and words[-1] in text, step.number
        assert squash(step.output).split()[0] in text
    assert "Halaman 1 dari" in text
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape


def test_f4_paper_is_wider(revisions):
    a4 = PdfReader(io.BytesIO(render_pdf(revisions[0], "A4"))).pages[0].mediabox
    f4 = PdfReader(io.BytesIO(render_pdf(revisions[0], "F4"))).pages[0].mediabox
    assert float(f4.width) > float(a4.width)


def test_the_flowchart_draws_the_five_symbols():
    data = SEED_SOPS[4]["revision"]  # Candipuro: start, processes, a decision, an end, a page break
    table = build_table({**data, "steps": [dict(s) for s in data["steps"]]}, "A4")
    svg = " ".join(row.svg for page in table.pages for row in page.rows)
    assert svg.count(">Mulai<") == 1 and svg.count(">Selesai<") == 1  # terminators
    assert svg.count("<polygon points=") > 10  # diamond, arrowheads, connectors
    assert ">Ya<" in svg and ">Tidak<" in svg
    assert len(table.pages) >= 2
    assert "Halaman" not in svg


def test_rows_break_across_pages_with_connectors():
    steps = [dict(s) for s in SEED_SOPS[0]["revision"]["steps"]] * 1
    pages = paginate(steps, PAGES["A4"])
    assert sum(len(p.rows) for p in pages) == len(steps)
    assert all(p.rows[0].first_on_page and p.rows[-1].last_on_page for p in pages)


def test_the_html_document_and_its_downloads(client, revisions, seed_owners):
    from kinerja.models import Membership
    from tests.factories import UserFactory

    user = UserFactory()
    Membership.objects.create(user=user, opd=seed_owners["Kecamatan Candipuro"], role="operator")
    client.force_login(user)
    template = revisions[4].template
    page = client.get(reverse("sop:detail", args=[template.pk]))
    assert page.status_code == 200
    assert page.text.count('data-testid="sop-step"') == 10
    assert page.text.count('data-testid="lane"') >= 5
    assert "Uraian hilang pada dokumen sumber" in page.text
    pdf = client.get(reverse("sop:pdf", args=[template.pk]) + "?kertas=F4")
    assert pdf["Content-Type"] == "application/pdf"
    exported = client.get(reverse("sop:export", args=[template.pk]))
    assert exported.json()["slug"] == template.slug
    # Another OPD's SOP is not visible to this operator.
    other = revisions[0].template
    assert client.get(reverse("sop:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("sop:pdf", args=[other.pk])).status_code == 404
