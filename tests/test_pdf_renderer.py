"""The one PDF renderer: no text a user types makes the server fetch a URL, and only our static files
(and the Pemda logo) are ever read while a PDF is made."""

import io
import logging
import re
import socket
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.db import models
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from pypdf import PdfReader

from kinerja import pdf, services
from kinerja.cycle import services as cycle_services
from kinerja.models import (
    ArchivedDocument,
    Cycle,
    CycleTransition,
    Indicator,
    ItemNote,
    Official,
    PemdaSettings,
    PlanElement,
    ReportNarrative,
)
from kinerja.models.settings import default_scale
from sop.models import SopLane, SopRevision, SopStep
from tests.kinerja.cycle_helpers import force_state, new_cycle

pytestmark = pytest.mark.django_db


class Listener:
    """A TCP server on 127.0.0.1 that must hear nothing: it records the first line of every request."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.requests: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="pdf-listener", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    first = conn.recv(4096).decode("latin-1").split("\r\n")[0]
                    conn.sendall(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    first = "(connection without a request)"
                self.requests.append(first)

    def heard(self) -> list[str]:
        time.sleep(0.3)  # let the thread record a connection the kernel has already accepted
        return list(self.requests)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def payloads(port: int, tag: str) -> list[str]:
    """Every way text could ask WeasyPrint for a URL: CSS break-outs, HTML, SVG; each names its field."""
    url = f"http://127.0.0.1:{port}/{tag}"
    return [
        f'"}}\n}} }} body{{background:url({url})}}',
        f"@import url({url})",
        f'<img src="{url}-img">',
        f'<link rel=stylesheet href="{url}-link">',
        f"</style><style>body{{background-image:url({url}-style)}}</style>",
        f'\'}}\n@page {{ background: url("{url}-page") }}',
        f'<svg><image href="{url}-svg"/></svg>',
    ]


def poison(port: int, tag: str, limit: int | None = None) -> str:
    """As many payloads as fit in ``limit`` characters (a column's max_length)."""
    text = ""
    for payload in payloads(port, tag):
        if limit is None or len(text) + len(payload) <= limit:
            text += payload
    assert text, f"no payload fits in {limit} characters"
    return text


def poison_fields(queryset: models.QuerySet, port: int, prefix: str, *names: str) -> None:
    """Fill text columns of every row with payloads, each tagged with its row and column, within each
    column's length (a one-letter prefix leaves room in 40-character columns)."""
    model = queryset.model
    for row, pk in enumerate(queryset.values_list("pk", flat=True)):
        values = {
            name: poison(port, f"{prefix}{row}{chr(97 + i)}", model._meta.get_field(name).max_length)
            for i, name in enumerate(names)
        }
        model.objects.filter(pk=pk).update(**values)


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def poisoned_sops(world, port: int) -> list[SopRevision]:
    """The seed SOPs of the world's OPDs, every printed field of them carrying payloads."""
    from sop.services import load_seed_sops

    revisions = load_seed_sops()
    assert revisions
    for r, revision in enumerate(revisions):
        poison_fields(
            SopRevision.objects.filter(pk=revision.pk),
            port,
            f"s{r}",
            "nama",
            "nomor",
            "pemda_label",
            "opd_label",
            "unit_label",
            "disahkan_jabatan",
            "disahkan_nama",
        )
        lists = {
            key: ["Peraturan biasa", poison(port, f"sop{r}-{key}")]
            for key in ("dasar_hukum", "kualifikasi", "keterkaitan", "peralatan", "peringatan", "pencatatan")
        }
        SopRevision.objects.filter(pk=revision.pk).update(**lists)
        for lane in revision.lanes.all():
            poison_fields(SopLane.objects.filter(pk=lane.pk), port, f"s{r}l{lane.order}", "label")
        for step in revision.steps.all():
            poison_fields(
                SopStep.objects.filter(pk=step.pk),
                port,
                f"s{r}t{step.number}",
                "description",
                "kelengkapan",
                "output",
                "keterangan",
            )
    return [SopRevision.objects.get(pk=r.pk) for r in revisions]


@pytest.fixture
def poisoned(world, listener):
    """A world whose every text that reaches a PDF carries payloads naming the listener."""
    port = listener.port
    revisions = poisoned_sops(world, port)  # first: the seeds find their OPD by its name
    world.users["kepala"].full_name = "Kepala"
    Official.objects.create(
        pemda=world.pemda, opd=world.opd, user=world.users["kepala"], jabatan="J", name="N", nip=""
    )
    Official.objects.create(pemda=world.pemda, opd=None, jabatan="Bupati", name="B")
    poison_fields(Official.objects.filter(opd=world.opd), port, "kp", "jabatan", "name")
    poison_fields(Official.objects.filter(opd=None), port, "bp", "jabatan", "name")
    budget = world.program
    services.budget_set(element=budget, year=2026, quarter=4, pagu=Decimal(1000), realisasi=Decimal(800))
    services.targets_set(indicator=world.indicator, year=2026, values={1: Decimal(48), 2: Decimal(60)})
    services.targets_set(indicator=world.indicator, year=2025, values={4: Decimal(200)})
    unmeasured = Indicator.objects.create(
        element=world.sasaran, name="Indikator tak terukur", satuan="dokumen", order=2
    )
    services.targets_set(indicator=unmeasured, year=2026, values={1: Decimal(1), 2: Decimal(1)})
    cycle = new_cycle(world)
    cycle = force_state(cycle, "pengumpulan", world)  # values are written while the cycle collects
    for quarter in (1, 2):
        services.realisasi_save(
            indicator=world.indicator,
            year=2026,
            quarter=quarter,
            user=world.users["tim_sakip"],
            data={
                "value": Decimal(30),
                "faktor_pendukung": poison(port, f"pendukung{quarter}"),
                "faktor_penghambat": poison(port, f"penghambat{quarter}"),
                "solusi": poison(port, f"solusi{quarter}"),
            },
        )
        services.realisasi_save(
            indicator=unmeasured,
            year=2026,
            quarter=quarter,
            user=world.users["tim_sakip"],
            data={"value": None, "unmeasured_reason": poison(port, f"alasan{quarter}")},
        )
    Cycle.objects.filter(pk=cycle.pk).update(state="pengesahan")
    cycle = Cycle.objects.get(pk=cycle.pk)
    item = cycle.items.get(indicator=world.indicator)
    for kind in (ItemNote.Kind.REVIU, ItemNote.Kind.KEMBALI):
        ItemNote.objects.create(
            item=item, kind=kind, author=world.users["tim_sakip"], role="tim_sakip", text=poison(port, kind)
        )
    CycleTransition.objects.create(
        cycle=cycle,
        name="kembalikan",
        from_state="reviu",
        to_state="rekap",
        user=world.users["sekretaris"],
        role="sekretaris",
        note=poison(port, "transition"),
    )
    for role in ("tim_sakip", "sekretaris"):
        user = world.users[role]
        user.full_name = poison(port, f"user-{role}", 150)
        user.save(update_fields=["full_name"])
    for period in ("tw2", "s1", "tahun"):
        ReportNarrative.objects.create(
            opd=world.opd,
            year=2026,
            period=period,
            **{
                field: poison(port, f"{period}-{field}")
                for field in ("ikhtisar", "pendahuluan", "perencanaan", "akuntabilitas", "penutup")
            },
        )
    scale = default_scale()
    for i, band in enumerate(scale):
        band["label"] = poison(port, f"b{i}", 40)  # the signed value keeps it in a 40-character column
        band["warna"] = f"url(http://127.0.0.1:{port}/warna{i})"
    PemdaSettings.objects.update_or_create(pemda=world.pemda, defaults={"predikat_scale": scale})
    # (the element code is left out: a CHECK constraint keeps it to digits and dots)
    poison_fields(PlanElement.objects.filter(renstra=world.renstra), port, "e", "name")
    poison_fields(Indicator.objects.filter(element__renstra=world.renstra), port, "in", "name", "satuan")
    poison_fields(world.renstra.__class__.objects.filter(pk=world.renstra.pk), port, "rs", "name")
    poison_fields(world.opd.__class__.objects.filter(pk=world.opd.pk), port, "op", "name")
    poison_fields(world.pemda.__class__.objects.filter(pk=world.pemda.pk), port, "pd", "name")
    own = next(r for r in revisions if r.template.opd_id == world.opd.pk)
    Cycle.objects.filter(pk=cycle.pk).update(sop_revision=own)
    return {
        "cycle": Cycle.objects.get(pk=cycle.pk),
        "sops": revisions,
        "opd": world.opd.__class__.objects.get(pk=world.opd.pk),
    }


def render(kind: str, world, poisoned) -> list[bytes]:
    from kinerja.documents.measurement import render_measurement
    from kinerja.documents.periodic import render_agreement, render_periodic
    from sop.document import render_pdf

    cycle, opd = poisoned["cycle"], poisoned["opd"]
    if kind == "sop":
        return [render_pdf(r, paper) for r in poisoned["sops"] for paper in ("A4", "F4")]
    if kind == "measurement-draft":
        return [render_measurement(cycle)]
    if kind == "measurement-signed":
        cycle_services.cycle_sahkan(cycle_id=cycle.pk, user=world.users["kepala"])
        document = ArchivedDocument.objects.get(cycle=cycle)
        return [default_storage.open(document.file.name).read()]
    if kind == "agreement":
        return [render_agreement(opd, 2026)]
    return [render_periodic(opd, 2026, kind)]


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param("sop", marks=pytest.mark.slow),  # ten PDFs: five seed SOPs, A4 and F4
        *("measurement-draft", "measurement-signed", "tw2", "s1", "tahun", "agreement"),
    ],
)
def test_no_document_fetches_a_url_named_in_user_text(kind, world, poisoned, listener):
    pdfs = render(kind, world, poisoned)
    assert listener.heard() == []
    for document in pdfs:
        # the payloads were printed as text: the fields did reach the document
        assert f"127.0.0.1:{listener.port}" in text_of(document)


# The fetcher itself: our static files and the logo, nothing else.


def test_the_fetcher_serves_our_static_css_and_fonts():
    css, mime = pdf.resolve(pdf.static_url("css/print.css"))
    assert mime == "text/css"
    assert css == (Path(django_settings.BASE_DIR) / "static/css/print.css").read_bytes()
    font, mime = pdf.resolve(pdf.static_url("vendor/bootstrap-icons/fonts/bootstrap-icons.woff2"))
    assert mime == "font/woff2" and len(font) > 1000


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9999/x",
        "https://example.org/style.css",
        "https://static.sakip.invalid.example.org/css/print.css",
        "https://static.sakip.invalid@127.0.0.1/css/print.css",
        "http://static.sakip.invalid/css/print.css",
        "ftp://127.0.0.1/x.css",
        "file:///etc/passwd",
        f"file://{django_settings.BASE_DIR}/static/css/print.css",  # our file, but not by our origin
        "data:text/css,body{background:url(http://127.0.0.1:9999/d)}",
        "data:image/svg+xml;base64,PHN2Zy8+",
        "//127.0.0.1:9999/x",
        "css/print.css",
        pdf.static_url("../sakip/settings.py"),
        pdf.static_url("css/../../sakip/settings.py"),
        pdf.static_url("css/%2e%2e/%2e%2e/sakip/settings.py"),
        pdf.static_url("%2e%2e%2fsakip%2fsettings.py"),
        pdf.static_url("/etc/passwd"),
        pdf.static_url("css\\..\\..\\sakip\\settings.py"),
        pdf.static_url("js/sakip.js"),  # a static file, but not one a document reads
        pdf.static_url("css/print.css?x=http://127.0.0.1:9999/"),
        pdf.static_url("css/nothing-here.css"),
        pdf.static_url("css/print.css\n"),
        pdf.logo_url("../dokumen/x.png"),
        pdf.logo_url("%2e%2e/x.png"),
        pdf.logo_url("pemda.js"),
        "javascript:alert(1)",
        "",
    ],
)
def test_the_fetcher_refuses_everything_else(url, caplog):
    with pytest.raises(pdf.ResourceRefused):
        pdf.resolve(url)
    fetcher = pdf.fetcher_class()()
    with caplog.at_level(logging.WARNING, logger="kinerja.pdf"), pytest.raises(pdf.ResourceRefused):
        fetcher.fetch(url)
    assert "resource refused" in caplog.text


def test_the_fetcher_refuses_a_symlink_out_of_the_static_files(tmp_path, settings):
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    (static / "css" / "link.css").symlink_to(secret)
    (static / "css" / "own.css").write_text("p { color: blue }")
    settings.STATICFILES_DIRS = [static]
    assert pdf.resolve(pdf.static_url("css/own.css"))[0] == b"p { color: blue }"
    with pytest.raises(pdf.ResourceRefused):
        pdf.resolve(pdf.static_url("css/link.css"))


def test_the_pemda_logo_hook_reads_only_the_logo_folder(settings):
    folder = Path(settings.MEDIA_ROOT) / "logo"
    folder.mkdir(parents=True)
    (folder / "lumajang.png").write_bytes(b"\x89PNG logo")
    (Path(settings.MEDIA_ROOT) / "private.png").write_bytes(b"\x89PNG private")
    assert pdf.resolve(pdf.logo_url("lumajang.png")) == (b"\x89PNG logo", "image/png")
    for name in ("../private.png", "%2e%2e/private.png", "missing.png", "sub/lumajang.png"):
        with pytest.raises(pdf.ResourceRefused):
            pdf.resolve(pdf.logo_url(name))


def test_a_refused_resource_is_left_out_and_the_document_still_prints(listener, caplog):
    body = format_html(
        '<p>Isi</p><img src="{}"><img src="{}">',
        f"http://127.0.0.1:{listener.port}/direct",
        pdf.static_url("img/favicon.svg"),
    )
    with caplog.at_level(logging.WARNING, logger="kinerja.pdf"):
        out = pdf.render(body, title="Uji", running_title="Uji", stylesheets=["css/print.css"], paper="A4")
    assert out.startswith(b"%PDF") and "Isi" in text_of(out)
    assert listener.heard() == []
    assert f"127.0.0.1:{listener.port}/direct" in caplog.text


def test_the_running_header_comes_from_the_html_on_pages_after_the_first():
    title = 'Laporan "uji" } @page { x } — Dinas <Uji>'
    body = mark_safe('<p>Halaman pertama</p><p class="page-break">Halaman kedua</p>')
    out = pdf.render(body, title="Uji", running_title=title, stylesheets=["css/print.css"], paper="F4")
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(out)).pages]
    assert len(pages) == 2
    assert title not in pages[0] and title in pages[1]
    assert "Halaman 2 dari 2" in pages[1]
    width, height = (float(v) for v in PdfReader(io.BytesIO(out)).pages[0].mediabox[2:])
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (215, 330)


@pytest.mark.parametrize("paper", ["A3", "A4; } body { background: url(http://127.0.0.1:9999/p) }", "", None])
def test_paper_comes_from_a_fixed_table(paper, settings):
    settings.SAKIP_PAPER = "A4"
    assert pdf.page_size(paper) == "210mm 297mm"
    assert pdf.page_size("f4", landscape=True) == "330mm 215mm"


def test_no_module_but_the_renderer_imports_weasyprint():
    """One PDF renderer: every document goes through kinerja/pdf.py and its locked-down fetcher.
    (bench/ times bare WeasyPrint as its baseline on purpose; tests do not render.)"""
    root = Path(django_settings.BASE_DIR)
    importing = re.compile(r"^\s*(from|import)\s+weasyprint\b", re.MULTILINE)
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if not {".venv", "tests", "bench", "node_modules"} & set(path.relative_to(root).parts)
        and path != root / "kinerja" / "pdf.py"
        and importing.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
