"""Excel pages: the cycle worksheet (download, upload, preview, confirm), onboarding, recap exports."""

import secrets
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja import cycle_services
from kinerja.excel import worksheet
from kinerja.excel.common import XLSX_TYPE, WorkbookRefused
from kinerja.forms import ExcelUploadForm
from kinerja.models import State
from kinerja.views.cycle import _cycle

SESSION_KEY = "sakip_worksheet_upload"


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def worksheet_download(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request.user, pk)
    content = worksheet.build(cycle, request.user)
    name = f"kertas-kerja-{cycle.opd.display_name}-{cycle.period}-{cycle.year}".replace(" ", "-").lower()
    return xlsx_response(content, f"{name}.xlsx")


def _store(request: HttpRequest, cycle_id: int, result: worksheet.UploadResult) -> str:
    token = secrets.token_urlsafe(12)
    request.session[SESSION_KEY] = {
        "token": token,
        "cycle": cycle_id,
        "changes": [
            {
                "row": c.row,
                "item": c.item_id,
                "version": c.version,
                "indicator": c.indicator,
                "new": {k: (str(v) if isinstance(v, Decimal) else v) for k, v in c.new.items()},
            }
            for c in result.changes
        ],
    }
    return token


@require_http_methods(["GET", "POST"])
def worksheet_upload(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request.user, pk)
    form = ExcelUploadForm(request.POST or None, request.FILES or None)
    context = {"cycle": cycle, "opd": cycle.opd, "form": form, "title": _("Unggah kertas kerja")}
    if request.method == "POST" and form.is_valid():
        if cycle.state != State.PENGUMPULAN:
            context["refusal"] = _(
                "Kertas kerja hanya dapat diunggah pada tahap pengumpulan (sekarang: %(s)s)."
            ) % {"s": cycle.get_state_display()}
        else:
            try:
                result = worksheet.read_upload(cycle, request.user, form.cleaned_data["file"].read())
            except worksheet.StructuralProblems as exc:
                context["problems"] = exc.problems
            except WorkbookRefused as exc:
                context["refusal"] = str(exc)
            else:
                context["result"] = result
                if result.can_apply:
                    context["token"] = _store(request, cycle.pk, result)
    return render(request, "kinerja/worksheet_upload.html", context)


@require_POST
def worksheet_apply(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request.user, pk)
    stored = request.session.get(SESSION_KEY) or {}
    if stored.get("token") != request.POST.get("token") or stored.get("cycle") != cycle.pk:
        messages.error(request, _("Pratinjau sudah kedaluwarsa; unggah berkasnya lagi."))
        return redirect("kinerja:worksheet_upload", pk=cycle.pk)
    result = worksheet.UploadResult(cycle=cycle)
    for change in stored["changes"]:
        new = dict(change["new"])
        new["value"] = Decimal(new["value"]) if new.get("value") not in (None, "") else None
        result.rows.append(
            worksheet.RowChange(
                change["row"], change["item"], change["version"], change["indicator"], {}, new, "ubah"
            )
        )
    try:
        count = worksheet.apply(result, request.user)
    except cycle_services.Conflict:
        messages.error(
            request,
            _("Sebagian baris diubah orang lain sesudah pratinjau; tidak ada yang disimpan. Unggah ulang."),
        )
        return redirect("kinerja:worksheet_upload", pk=cycle.pk)
    except (PermissionDenied, cycle_services.CycleError) as exc:
        messages.error(request, _("Tidak ada yang disimpan: %(e)s") % {"e": exc})
        return redirect("kinerja:worksheet_upload", pk=cycle.pk)
    request.session.pop(SESSION_KEY, None)
    messages.success(request, _("%(n)d baris kertas kerja disimpan.") % {"n": count})
    return redirect("kinerja:cycle_grid", pk=cycle.pk)


@require_GET
def opd_recap_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    from kinerja import recap
    from kinerja.excel.exports import opd_recap_workbook
    from kinerja.views.recap import _filters, _recap_inputs

    opd, year, periode, renstra = _recap_inputs(request, pk)
    data = recap.opd_recap(opd, renstra, year, periode, _filters(request))
    name = f"rekap-{opd.display_name}-{periode.kode}-{year}".replace(" ", "-").lower()
    return xlsx_response(opd_recap_workbook(data), f"{name}.xlsx")


@require_GET
def pemda_recap_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    from kinerja import access, recap
    from kinerja.excel.exports import pemda_recap_workbook
    from kinerja.views.recap import _periode, _year

    pemda = access.get_pemda_for_user(request.user, pk)
    if not access.can_view_pemda(request.user, pemda):
        raise PermissionDenied(_("Rekap Pemda hanya untuk admin Pemda dan pemantau."))
    periode, year = _periode(request), _year(request)
    data = recap.pemda_recap(pemda, year, periode)
    return xlsx_response(pemda_recap_workbook(data), f"rekap-{pemda.code}-{periode.kode}-{year}.xlsx")
