"""Official documents: the cycle report (draft or signed), downloads, and public verification."""

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kinerja import access, ratelimit, selectors
from kinerja.capaian import PERIODS
from kinerja.documents.measurement import find_document, render_measurement
from kinerja.documents.periodic import TITLES, render_agreement, render_periodic
from kinerja.forms import NarrativeForm
from kinerja.models import ArchivedDocument, DocumentKind, ReportNarrative
from kinerja.numbers import small_int

MAX_VERIFY_BYTES = 20 * 1024 * 1024


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_GET
def cycle_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The measurement report: the signed archive copy once signed, a marked draft before."""
    cycle = access.get_cycle_for_user(request.user, pk)
    signed = cycle.documents.filter(kind=DocumentKind.LAPORAN_PENGUKURAN).order_by("-pk").first()
    if signed is not None:
        return document_download(request, signed.pk)
    return pdf_response(render_measurement(cycle), f"draf-laporan-pengukuran-{cycle.pk}.pdf")


@require_GET
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_scoped_or_404(
        ArchivedDocument.objects.select_related("opd"), request.user, "opd", pk=pk
    )
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, content_type="application/pdf", filename=f"{document.code}.pdf")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Anyone may check a printed or received document: by its code or by the PDF itself.

    The answer names only that document: what it is, which OPD and period, who signed, when.
    """
    wait = ratelimit.hit(
        "verify", ratelimit.client_ip(request), limit=settings.SAKIP_VERIFY_PER_MINUTE, window=60
    )
    if wait:
        return ratelimit.too_many(request, wait, _("Pemeriksaan dokumen dari alamat Anda terlalu sering."))
    # Only the characters a code can have: anything else (a NUL byte, say) never reaches the database.
    code = re.sub(r"[^A-Za-z0-9-]", "", request.POST.get("kode") or request.GET.get("kode") or "")[:20]
    upload = request.FILES.get("berkas")
    checked, document, error = False, None, ""
    if upload is not None:
        checked = True
        if upload.size > MAX_VERIFY_BYTES:
            error = _("Berkas terlalu besar untuk diperiksa.")
        else:
            document = find_document(content=upload.read())
    elif code:
        checked = True
        document = find_document(code=code)
    return render(
        request,
        "documents/verify.html",
        {"checked": checked, "document": document, "code": code, "error": error},
    )


# ---------------------------------------------------------------------------- periodic reports and PK


def _year_of(request: HttpRequest) -> int:
    return small_int(request.GET.get("tahun"), minimum=2000, maximum=2100) or selectors.current_year()


@require_GET
def opd_documents(request: HttpRequest, pk: int) -> HttpResponse:
    opd = access.get_opd_for_user(request.user, pk)
    year = _year_of(request)
    return render(
        request,
        "documents/opd_documents.html",
        {
            "opd": opd,
            "year": year,
            "reports": [(code, TITLES[code], PERIODS[code]) for code in TITLES],
            "archived": opd.documents.select_related("cycle"),
            "can_write": access.can_edit_plan(request.user, opd),
            "title": _("Dokumen"),
        },
    )


@require_GET
def periodic_report(request: HttpRequest, pk: int, year: int, period: str) -> HttpResponse:
    opd = access.get_opd_for_user(request.user, pk)
    if period not in PERIODS:
        raise Http404
    return pdf_response(render_periodic(opd, year, period), f"laporan-kinerja-{period}-{year}.pdf")


@require_GET
def agreement(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    opd = access.get_opd_for_user(request.user, pk)
    return pdf_response(render_agreement(opd, year), f"perjanjian-kinerja-{year}.pdf")


@require_http_methods(["GET", "POST"])
def narrative_edit(request: HttpRequest, pk: int, year: int, period: str) -> HttpResponse:
    opd = access.get_opd_for_user(request.user, pk)
    if period not in PERIODS:
        raise Http404
    if not access.can_edit_plan(request.user, opd):
        raise PermissionDenied(_("Narasi laporan ditulis Tim SAKIP OPD ini atau admin Pemda."))
    narrative = ReportNarrative.objects.filter(opd=opd, year=year, period=period).first()
    form = NarrativeForm(
        request.POST or None, instance=narrative or ReportNarrative(opd=opd, year=year, period=period)
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        saved.save()
        messages.success(request, _("Narasi disimpan; laporan berikutnya memakainya."))
        return redirect(f"{request.path}")
    return render(
        request,
        "kinerja/form.html",
        {
            "opd": opd,
            "form": form,
            "title": _("Narasi %(p)s %(y)d") % {"p": PERIODS[period].label, "y": year},
            "help": _("Bagian laporan yang ditulis Tim SAKIP; angka dan tabel diisi otomatis dari data."),
        },
    )
