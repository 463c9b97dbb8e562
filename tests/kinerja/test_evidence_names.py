"""Evidence is kept and downloaded under the extension of the type read from its content."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.cycle.evidence import PDF, PNG, named_as
from kinerja.models import Evidence
from tests.kinerja.cycle_helpers import item_of, new_cycle, start_collection

pytestmark = pytest.mark.django_db

POLYGLOT = b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n"


def test_a_pdf_polyglot_named_html_is_kept_and_downloaded_as_pdf(client, world):
    cycle = new_cycle(world)
    start_collection(cycle, world)
    item = item_of(cycle, world)
    client.force_login(world.users["tim_sakip"])
    client.post(
        reverse("kinerja:evidence_upload", args=[cycle.pk, item.pk]),
        {f"e{item.pk}-file": SimpleUploadedFile("poly.html", POLYGLOT, content_type="text/html")},
    )
    evidence = Evidence.objects.get()
    assert evidence.content_type == "application/pdf"
    assert evidence.file.name.endswith(".pdf")
    assert evidence.original_name == "poly.pdf"
    response = client.get(reverse("kinerja:evidence_download", args=[evidence.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert 'filename="poly.pdf"' in disposition
    assert ".html" not in disposition
    assert response["Content-Type"] == "application/pdf"


def test_a_row_stored_before_the_rule_still_downloads_with_the_sniffed_extension(client, world):
    cycle = new_cycle(world)
    start_collection(cycle, world)
    item = item_of(cycle, world)
    client.force_login(world.users["tim_sakip"])
    client.post(
        reverse("kinerja:evidence_upload", args=[cycle.pk, item.pk]),
        {f"e{item.pk}-file": SimpleUploadedFile("laporan.pdf", POLYGLOT)},
    )
    Evidence.objects.update(original_name="poly.html")  # as an older release stored it
    response = client.get(reverse("kinerja:evidence_download", args=[Evidence.objects.get().pk]))
    assert 'filename="poly.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("poly.html", PDF, "poly.pdf"),
        ("laporan.pdf", PDF, "laporan.pdf"),
        ("foto.PNG", PNG, "foto.png"),
        ("a.pdf.html", PDF, "a.pdf.pdf"),
        ("..\\..\\evil.svg", PNG, "evil.png"),
        ("../../etc/passwd", PDF, "passwd.pdf"),
        ("", PDF, "bukti.pdf"),
        (".html", PDF, "html.pdf"),
        ('x"; y.html', PDF, "x; y.pdf"),
        ("a" * 400 + ".html", PDF, "a" * 251 + ".pdf"),
    ],
)
def test_named_as(name, kind, expected):
    assert named_as(name, kind) == expected
