"""The entry grid in the browser: a row per indicator, saved by htmx, its evidence, its checks."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja import access
from kinerja.cycle import entry as cycle_entry
from kinerja.cycle import rows
from kinerja.cycle import selectors as cycle_selectors
from kinerja.cycle import services as cycle_services
from kinerja.cycle.evidence import kind_of_content_type, named_as
from kinerja.cycle.forms import (
    EvidenceForm,
    NoteForm,
    RealisasiRowForm,
)
from kinerja.forms import add_validation_error
from kinerja.models import (
    Cycle,
    CycleItem,
    Evidence,
)
from kinerja.numbers import parse_decimal


def _item(cycle: Cycle, item_pk: int) -> CycleItem:
    item = (
        cycle.items.filter(pk=item_pk).select_related("indicator__unit", "indicator__element", "pic").first()
    )
    if item is None:
        raise Http404
    item.cycle = cycle
    return item


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _to_row(cycle_id: int, item_id: int) -> str:
    """The grid, scrolled to the item's row."""
    return reverse("kinerja:cycle_grid", args=[cycle_id]) + f"#butir-{item_id}"


# ---------------------------------------------------------------------------- entry grid


def _row_context(request, cycle, row, form=None, conflict=None, saved=False):
    if form is None:
        current = row.current
        form = RealisasiRowForm(
            prefix=f"r{row.item.pk}",
            initial={**rows.entered(current), "version": row.version},
        )
    return {
        "cycle": cycle,
        "row": row,
        "form": form,
        "conflict": conflict,
        "saved": saved,
        "evidence_form": EvidenceForm(prefix=f"e{row.item.pk}"),
        "max_mb": settings.SAKIP_EVIDENCE_MAX_BYTES // 1_048_576,
    }


@require_GET
def cycle_grid(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk)
    rows = cycle_selectors.grid_rows(cycle, request.user)
    only = request.GET.get("tampil", "")
    if only == "saya":
        rows = [r for r in rows if r.editable or r.can_check]
    return render(
        request,
        "kinerja/cycle_grid.html",
        {
            "cycle": cycle,
            "opd": cycle.opd,
            "row_contexts": [_row_context(request, cycle, row) for row in rows],
            "only": only,
            "editable_count": sum(1 for r in rows if r.editable),
            "title": _("Isian realisasi"),
        },
    )


def _render_row(request, cycle, item, *, form=None, conflict=None, saved=False, status=200):
    row = cycle_selectors.grid_rows(cycle, request.user, item_ids=[item.pk])[0]
    context = _row_context(request, cycle, row, form=form, conflict=conflict, saved=saved)
    return render(request, "kinerja/partials/_grid_row.html", context, status=status)


@require_http_methods(["GET", "POST"])
def item_save(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk)
    item = _item(cycle, item_pk)
    if request.method == "GET":  # "use the saved value" after a conflict: the row as stored
        return _render_row(request, cycle, item)
    form = RealisasiRowForm(request.POST, prefix=f"r{item.pk}")
    if not form.is_valid():
        if not _is_htmx(request):
            messages.error(request, _("Periksa isian: %(errors)s") % {"errors": form.errors.as_text()})
            return redirect(_to_row(cycle.pk, item.pk))
        return _render_row(request, cycle, item, form=form, status=422)
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    try:
        cycle_entry.item_save(
            item_id=item.pk, user=request.user, data=data, version=form.cleaned_data["version"]
        )
    except cycle_entry.Conflict as exc:
        bound = RealisasiRowForm(
            {**request.POST.dict(), f"r{item.pk}-version": exc.current.version if exc.current else 0},
            prefix=f"r{item.pk}",
        )
        bound.is_valid()
        if not _is_htmx(request):
            messages.error(
                request, _("Indikator ini baru saja diubah orang lain; periksa lalu simpan ulang.")
            )
            return redirect(_to_row(cycle.pk, item.pk))
        return _render_row(request, cycle, item, form=bound, conflict=exc.current, status=409)
    except ValidationError as exc:
        add_validation_error(form, exc)
        return _render_row(request, cycle, item, form=form, status=422)
    except cycle_services.CycleError as exc:
        raise PermissionDenied(str(exc)) from None
    if not _is_htmx(request):
        messages.success(request, _("Realisasi disimpan."))
        return redirect(_to_row(cycle.pk, item.pk))
    return _render_row(request, cycle, item, saved=True)


@require_GET
def item_preview(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Capaian as it would be with the typed value: computed live, nothing written."""
    cycle = access.get_cycle_for_user(request.user, pk)
    item = _item(cycle, item_pk)
    raw = request.GET.get(f"r{item.pk}-value", "").strip()
    value, error = None, ""
    if raw:
        try:
            value = parse_decimal(raw)
        except ValueError:
            error = _("Bukan angka yang valid.")
    result, explanation = cycle_selectors.preview(cycle, item, value)
    return render(
        request,
        "kinerja/partials/_capaian_cell.html",
        {"result": result, "explanation": explanation, "error": error, "item": item},
    )


@require_POST
def item_check(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk)
    item = _item(cycle, item_pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        cycle_entry.item_check(
            item_id=item.pk, user=request.user, complete=request.POST.get("aksi") == "lengkap", note=note
        )
    except cycle_services.CycleError as exc:
        messages.error(request, str(exc))
    return redirect(_to_row(cycle.pk, item.pk))


@require_POST
def item_reopen(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk)
    item = _item(cycle, item_pk)
    try:
        cycle_entry.item_reopen(item_id=item.pk, user=request.user)
    except cycle_services.CycleError as exc:
        messages.error(request, str(exc))
    return redirect(_to_row(cycle.pk, item.pk))


@require_POST
def item_review(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk)
    item = _item(cycle, item_pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        cycle_entry.item_review(
            item_id=item.pk,
            user=request.user,
            needs_revision=request.POST.get("perlu_perbaikan") == "1",
            note=note,
        )
    except cycle_services.CycleError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("kinerja:cycle_detail", args=[cycle.pk]) + f"#reviu-{item.pk}")


# ---------------------------------------------------------------------------- evidence


@require_POST
def evidence_upload(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk)
    item = _item(cycle, item_pk)
    form = EvidenceForm(request.POST, request.FILES, prefix=f"e{item.pk}")
    error = ""
    if form.is_valid():
        try:
            cycle_entry.evidence_add(
                item_id=item.pk,
                user=request.user,
                upload=form.cleaned_data["file"],
                link=form.cleaned_data["link"],
            )
        except cycle_services.CycleError as exc:
            error = str(exc)
    else:
        error = form.errors.as_text()
    if not _is_htmx(request):
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Bukti dukung disimpan."))
        return redirect(_to_row(cycle.pk, item.pk))
    row = cycle_selectors.grid_rows(cycle, request.user, item_ids=[item.pk])[0]
    context = _row_context(request, cycle, row)
    context["evidence_error"] = error
    return render(request, "kinerja/partials/_grid_row.html", context, status=422 if error else 200)


def _evidence(user, pk: int) -> Evidence:
    return access.get_scoped_or_404(
        Evidence.objects.select_related("item__cycle__opd"), user, "item__cycle__opd", pk=pk
    )


@require_GET
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _evidence(request.user, pk)
    if evidence.link:
        return redirect(evidence.link)
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    # The name carries the extension of the type read from the content (rows stored before that
    # rule kept the uploaded name): never "poly.html" for a PDF.
    kind = kind_of_content_type(evidence.content_type)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=named_as(evidence.original_name, kind) if kind else "bukti",
        content_type=evidence.content_type if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
def evidence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _evidence(request.user, pk)
    cycle_id, item_id = evidence.item.cycle_id, evidence.item_id
    try:
        cycle_entry.evidence_delete(evidence_id=evidence.pk, user=request.user)
    except cycle_services.CycleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Bukti dukung dihapus."))
    return redirect(_to_row(cycle_id, item_id))
