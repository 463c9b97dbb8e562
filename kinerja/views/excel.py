"""Excel pages: the cycle worksheet (download, upload, preview, confirm), onboarding, recap exports."""

import secrets
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja import access, recap
from kinerja.cycle import entry as cycle_entry
from kinerja.cycle import services as cycle_services
from kinerja.excel import onboarding, onboarding_import, pending, worksheet, worksheet_import
from kinerja.excel.common import XLSX_TYPE, WorkbookRefused
from kinerja.excel.exports import opd_recap_workbook, pemda_recap_workbook
from kinerja.forms import ExcelUploadForm
from kinerja.models import RenstraPeriod, State
from kinerja.views.recap import filters_asked, period_asked, recap_inputs, year_asked

SESSION_KEY = "sakip_worksheet_upload"


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    # Names carry OPD names: slugged, so a quote or a newline never reaches the header.
    stem = slugify(filename.removesuffix(".xlsx")) or "unduhan"
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{stem}.xlsx")
    return response


@require_GET
def worksheet_download(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk)
    content = worksheet.build(cycle, request.user)
    name = f"kertas-kerja-{cycle.opd.display_name}-{cycle.period}-{cycle.year}".replace(" ", "-").lower()
    return xlsx_response(content, f"{name}.xlsx")


def _store(request: HttpRequest, cycle_id: int, result: worksheet_import.UploadResult) -> str:
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
    cycle = access.get_cycle_for_user(request.user, pk)
    # Asked before the file is opened: parsing costs, seeing doesn't.
    door = worksheet_import.upload_refusal(request.user, cycle) if cycle.state == State.PENGUMPULAN else ""
    if door and request.method == "POST":
        raise PermissionDenied(door)
    form = ExcelUploadForm(request.POST or None, request.FILES or None)
    context = {
        "cycle": cycle,
        "opd": cycle.opd,
        "form": form,
        "title": _("Unggah kertas kerja"),
        "door": door,
    }
    if request.method == "POST" and form.is_valid():
        if cycle.state != State.PENGUMPULAN:
            context["refusal"] = _(
                "Kertas kerja hanya dapat diunggah pada tahap pengumpulan (sekarang: %(s)s)."
            ) % {"s": cycle.get_state_display()}
        else:
            try:
                result = worksheet_import.read_upload(cycle, request.user, form.cleaned_data["file"].read())
            except worksheet_import.StructuralProblems as exc:
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
    cycle = access.get_cycle_for_user(request.user, pk)
    stored = request.session.get(SESSION_KEY) or {}
    if stored.get("token") != request.POST.get("token") or stored.get("cycle") != cycle.pk:
        messages.error(request, _("Pratinjau sudah kedaluwarsa; unggah berkasnya lagi."))
        return redirect("kinerja:worksheet_upload", pk=cycle.pk)
    result = worksheet_import.UploadResult(cycle=cycle)
    for change in stored["changes"]:
        new = dict(change["new"])
        new["value"] = Decimal(new["value"]) if new.get("value") not in (None, "") else None
        result.rows.append(
            worksheet_import.RowChange(
                change["row"], change["item"], change["version"], change["indicator"], {}, new, "ubah"
            )
        )
    try:
        count = cycle_entry.items_save(user=request.user, changes=result.changes)
    except cycle_entry.Conflict:
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

    opd, year, period, renstra = recap_inputs(request, pk)
    data = recap.opd_recap(opd, renstra, year, period, filters_asked(request))
    name = f"rekap-{opd.display_name}-{period.code}-{year}".replace(" ", "-").lower()
    return xlsx_response(opd_recap_workbook(data), f"{name}.xlsx")


@require_GET
def pemda_recap_xlsx(request: HttpRequest, pk: int) -> HttpResponse:

    pemda = access.get_pemda_for_user(request.user, pk)
    if not access.can_view_pemda(request.user, pemda):
        raise PermissionDenied(_("Rekap Pemda hanya untuk admin Pemda dan pemantau."))
    period, year = period_asked(request), year_asked(request)
    data = recap.pemda_recap(pemda, year, period)
    return xlsx_response(pemda_recap_workbook(data), f"rekap-{pemda.code}-{period.code}-{year}.xlsx")


# ---------------------------------------------------------------------------- onboarding


def _renstra_for_editor(request: HttpRequest, pk: int):
    renstra = access.get_scoped_or_404(
        RenstraPeriod.objects.select_related("opd__pemda"), request.user, "opd", pk=pk
    )
    if not access.can_edit_plan(request.user, renstra.opd):
        raise PermissionDenied(_("Onboarding rencana untuk Tim SAKIP OPD ini dan admin Pemda."))
    return renstra


@require_GET
def onboarding_template(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = _renstra_for_editor(request, pk)
    name = f"onboarding-{renstra.opd.display_name}-{renstra.start_year}-{renstra.end_year}".replace(
        " ", "-"
    ).lower()
    return xlsx_response(onboarding.template_workbook(renstra), f"{name}.xlsx")


@require_http_methods(["GET", "POST"])
def onboarding_upload(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = _renstra_for_editor(request, pk)
    form = ExcelUploadForm(request.POST or None, request.FILES or None)
    context = {
        "renstra": renstra,
        "opd": renstra.opd,
        "form": form,
        "title": _("Onboarding rencana dari Excel"),
    }
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        try:
            plan = onboarding_import.read_plan(renstra, content)
        except WorkbookRefused as exc:
            context["refusal"] = str(exc)
        else:
            context["plan"] = plan
            if not plan.problems and plan.has_changes:
                token = secrets.token_urlsafe(12)
                pending.store(token, content)
                request.session["sakip_onboarding"] = {"token": token, "renstra": renstra.pk}
                context["token"] = token
    return render(request, "kinerja/onboarding.html", context)


@require_POST
def onboarding_apply(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = _renstra_for_editor(request, pk)
    stored = request.session.get("sakip_onboarding") or {}
    token = request.POST.get("token", "")
    path = pending.path_for(token) if token.replace("-", "").replace("_", "").isalnum() else None
    if (
        stored.get("token") != token
        or stored.get("renstra") != renstra.pk
        or path is None
        or not path.exists()
    ):
        messages.error(request, _("Pratinjau sudah kedaluwarsa; unggah berkasnya lagi."))
        return redirect("kinerja:onboarding_upload", pk=renstra.pk)
    try:
        plan = onboarding_import.read_plan(renstra, path.read_bytes())
        counts = onboarding_import.apply(plan)
    except (WorkbookRefused, ValidationError) as exc:
        messages.error(
            request,
            _("Tidak ada yang disimpan: %(e)s") % {"e": "; ".join(getattr(exc, "messages", [str(exc)]))},
        )
        return redirect("kinerja:onboarding_upload", pk=renstra.pk)
    finally:
        path.unlink(missing_ok=True)
        request.session.pop("sakip_onboarding", None)
    summary = ", ".join(f"{kind}: {c['baru']} baru, {c['diubah']} diubah" for kind, c in counts.items())
    messages.success(request, _("Onboarding selesai. %(s)s.") % {"s": summary})
    return redirect(reverse("kinerja:opd_detail", args=[renstra.opd_id]) + f"?renstra={renstra.pk}")
