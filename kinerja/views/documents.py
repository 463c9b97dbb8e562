"""Official documents: the cycle report (draft or signed), downloads, and public verification."""

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kinerja import access
from kinerja.documents.measurement import find_document, render_measurement
from kinerja.models import ArchivedDocument
from kinerja.views.cycle import _cycle

MAX_VERIFY_BYTES = 20 * 1024 * 1024


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_GET
def cycle_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The measurement report: the signed archive copy once signed, a marked draft before."""
    cycle = _cycle(request.user, pk)
    signed = cycle.documents.filter(kind="laporan_pengukuran").order_by("-pk").first()
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
    code = (request.POST.get("kode") or request.GET.get("kode") or "").strip()[:40]
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
