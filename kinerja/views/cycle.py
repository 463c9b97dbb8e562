"""The measurement cycle in the browser: list, create, dispose, assign, fill, review, sign."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja import access, cycle_policy, cycle_selectors, cycle_services, recap, selectors
from kinerja.capaian import PERIODS
from kinerja.cycle_forms import (
    AssignmentForm,
    CycleCreateForm,
    DispositionForm,
    EvidenceForm,
    NoteForm,
    RealisasiRowForm,
)
from kinerja.evidence import kind_of_content_type, named_as
from kinerja.forms import add_validation_error
from kinerja.models import (
    Cycle,
    CycleItem,
    Evidence,
    ItemNote,
    State,
    User,
)
from kinerja.numbers import parse_decimal


def _cycle(user, pk: int) -> Cycle:
    return access.get_scoped_or_404(
        Cycle.objects.select_related("opd__pemda", "renstra", "revision_of", "signed_by"), user, "opd", pk=pk
    )


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


# ---------------------------------------------------------------------------- list and create


@require_GET
def cycle_list(request: HttpRequest) -> HttpResponse:
    params = {k: request.GET.get(k, "") for k in ("opd", "tahun", "periode", "tahap", "terlambat")}
    queryset = access.scoped(Cycle.objects.select_related("opd"), request.user, "opd").filter(
        cycle_selectors.cycle_filter_q(
            opd=params["opd"], year=params["tahun"], period=params["periode"], state=params["tahap"]
        )
    )
    cycles = list(queryset.order_by("-year", "-period", "opd__name", "-revision")[:1000])
    if params["terlambat"] == "1":
        cycles = [c for c in cycles if cycle_selectors.is_overdue(c)]
    page = Paginator(cycles, 50).get_page(request.GET.get("hal"))
    for cycle in page:
        cycle.overdue = cycle_selectors.is_overdue(cycle)
        cycle.current_due = cycle_selectors.current_due(cycle)
    opds = list(access.visible_opds(request.user).order_by("name"))
    return render(
        request,
        "kinerja/cycle_list.html",
        {
            "page": page,
            "params": params,
            "opds": opds,
            "creatable": [o for o in opds if cycle_policy.may_create(request.user, o)],
            "periods": PERIODS.values(),
            "states": State.choices,
        },
    )


@require_http_methods(["GET", "POST"])
def cycle_create(request: HttpRequest, opd_pk: int) -> HttpResponse:
    opd = access.get_opd_for_user(request.user, opd_pk)
    if not cycle_policy.may_create(request.user, opd):
        raise PermissionDenied(_("Siklus dibuat oleh Kepala, Sekretaris, Tim SAKIP atau admin Pemda."))
    year = selectors.current_year()
    renstra = selectors.pick_renstra(opd, None, year)
    years = renstra.years if renstra else [year]
    sops = cycle_services.sop_choices(opd, timezone.localdate())
    form = CycleCreateForm(request.POST or None, years=years, sops=sops, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        try:
            cycle = cycle_services.cycle_create(
                opd=opd,
                year=form.cleaned_data["year"],
                period=form.cleaned_data["period"],
                user=request.user,
                sop_revision=form.chosen_sop(),
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, _("Siklus dibuat. Kepala menuliskan disposisi."))
            return redirect("kinerja:cycle_detail", pk=cycle.pk)
    return render(
        request, "kinerja/cycle_create.html", {"opd": opd, "form": form, "title": _("Siklus pengukuran baru")}
    )


@require_POST
def cycle_revise(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request.user, pk)
    try:
        revision = cycle_services.cycle_create(
            opd=cycle.opd, year=cycle.year, period=cycle.period, user=request.user, revision_of=cycle
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("kinerja:cycle_detail", pk=cycle.pk)
    messages.success(request, _("Revisi siklus dibuat; arsip sebelumnya tetap utuh."))
    return redirect("kinerja:cycle_detail", pk=revision.pk)


# ---------------------------------------------------------------------------- the cycle page


@require_GET
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request.user, pk)
    user = request.user
    transitions = list(cycle.transitions.select_related("user"))
    context = {
        "cycle": cycle,
        "opd": cycle.opd,
        "steps": cycle_selectors.state_steps(cycle, transitions),
        "sop_steps": cycle_selectors.sop_steps_now(cycle),
        "transitions": transitions,
        "actions": cycle_selectors.actions_for(user, cycle),
        "may_dispose": cycle_policy.may_dispose(user, cycle),
        "may_assign": cycle_policy.may_assign(user, cycle),
        "may_review": cycle_policy.may_review(user, cycle),
        "may_revise": cycle.state == State.ARSIP
        and cycle_policy.may_create(user, cycle.opd)
        and not Cycle.objects.filter(opd=cycle.opd, year=cycle.year, period=cycle.period)
        .exclude(state=State.ARSIP)
        .exists(),
        "team": list(cycle.team.all()),
        "disposition_form": DispositionForm(
            initial={"instruction": cycle.instruction, "due_date": cycle.due_date}
        ),
        "overdue": cycle_selectors.is_overdue(cycle),
        "revisions": list(cycle.revisions.all()),
        "sign_off": _sign_off_job(cycle),
    }
    if cycle.state in (State.REKAP, State.REVIU, State.PENGESAHAN):
        context["rows"] = cycle_selectors.grid_rows(cycle, user)
        context["totals"] = recap._totals(  # same counting as the OPD recap
            [_RowAdapter(r) for r in context["rows"]], recap.engine_settings(cycle.opd.pemda_id)
        )
        context["incomplete"] = [r for r in context["rows"] if r.result.realisasi.value is None]
    elif cycle.state == State.ARSIP:
        context["items"] = list(
            cycle.items.select_related("indicator__element").order_by(
                "indicator__element__order", "indicator__order"
            )
        )
    elif cycle.state == State.PENGUMPULAN:
        counts = cycle_selectors.grid_rows(cycle, user)
        context["filled"] = sum(1 for r in counts if r.current)
        context["item_total"] = len(counts)
    context["item_notes"] = list(
        ItemNote.objects.filter(item__cycle=cycle).select_related("author", "item__indicator").order_by("at")
    )
    return render(request, "kinerja/cycle_detail.html", context)


def _sign_off_job(cycle: Cycle):
    from kinerja import jobs

    job = jobs.latest(cycle)
    # A finished job is shown once, right after it ends; a running one until it ends.
    if (
        job is not None
        and job.status != "berjalan"
        and cycle.state == State.ARSIP
        and job.status == "selesai"
    ):
        return None
    return job


@require_GET
def sign_off_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by the cycle page while the signed report is being made."""
    from kinerja import jobs

    cycle = _cycle(request.user, pk)
    job = jobs.latest(cycle)
    response = render(request, "kinerja/partials/_sign_off.html", {"cycle": cycle, "sign_off": job})
    if job is None or job.status != "berjalan":
        response["HX-Refresh"] = "true"
    return response


class _RowAdapter:
    """Lets recap._totals count grid rows by predikat."""

    def __init__(self, row):
        self.predikat_label = row.result.predikat.label if row.result.predikat else recap.UNRATED


@require_POST
def cycle_dispose(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request.user, pk)
    form = DispositionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("kinerja:cycle_detail", pk=cycle.pk)
    try:
        cycle_services.cycle_dispose(
            cycle_id=cycle.pk,
            user=request.user,
            instruction=form.cleaned_data["instruction"],
            due_date=form.cleaned_data["due_date"],
        )
    except cycle_services.CycleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Disposisi disimpan. Sekretaris menugaskan Tim SAKIP."))
    return redirect("kinerja:cycle_detail", pk=cycle.pk)


@require_http_methods(["GET", "POST"])
def cycle_assign(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request.user, pk)
    if not cycle_policy.may_assign(request.user, cycle):
        raise PermissionDenied(_("Penugasan dilakukan Sekretaris pada tahap disposisi atau pengumpulan."))
    members = User.objects.filter(memberships__opd=cycle.opd).distinct().order_by("full_name", "username")
    items = list(cycle.items.select_related("indicator__element", "indicator__unit", "pic"))
    form = AssignmentForm(
        request.POST or None,
        members=members,
        items=items,
        initial={"team": list(cycle.team.all()), "note": cycle.assignment_note},
    )
    if request.method == "POST" and form.is_valid():
        try:
            cycle_services.cycle_assign(
                cycle_id=cycle.pk,
                user=request.user,
                team=list(form.cleaned_data["team"]),
                note=form.cleaned_data["note"],
                pics=form.pics(),
            )
        except cycle_services.CycleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Penugasan disimpan."))
            return redirect("kinerja:cycle_detail", pk=cycle.pk)
    return render(
        request,
        "kinerja/cycle_assign.html",
        {"cycle": cycle, "opd": cycle.opd, "form": form, "title": _("Penugasan Tim SAKIP dan PIC")},
    )


@require_POST
def cycle_action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    cycle = _cycle(request.user, pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    if name == "sahkan":  # making the signed report takes seconds: it runs in the background
        from kinerja import jobs

        try:
            jobs.start_sign_off(cycle=cycle, user=request.user)
        except cycle_services.CycleError as exc:
            messages.error(request, str(exc))
        return redirect("kinerja:cycle_detail", pk=cycle.pk)
    try:
        updated = cycle_services.cycle_take(cycle_id=cycle.pk, name=name, user=request.user, note=note)
    except cycle_services.CycleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Siklus sekarang pada tahap %(state)s.") % {"state": updated.get_state_display()}
        )
    return redirect("kinerja:cycle_detail", pk=cycle.pk)


# ---------------------------------------------------------------------------- entry grid


def _row_context(request, cycle, row, form=None, conflict=None, saved=False):
    if form is None:
        current = row.current
        form = RealisasiRowForm(
            prefix=f"r{row.item.pk}",
            initial={
                "value": current.value if current else None,
                "unmeasured_reason": current.unmeasured_reason if current else "",
                "faktor_pendukung": current.faktor_pendukung if current else "",
                "faktor_penghambat": current.faktor_penghambat if current else "",
                "solusi": current.solusi if current else "",
                "version": row.version,
            },
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
    cycle = _cycle(request.user, pk)
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
    cycle = _cycle(request.user, pk)
    item = _item(cycle, item_pk)
    if request.method == "GET":  # "use the saved value" after a conflict: the row as stored
        return _render_row(request, cycle, item)
    form = RealisasiRowForm(request.POST, prefix=f"r{item.pk}")
    if not form.is_valid():
        if not _is_htmx(request):
            messages.error(request, _("Periksa isian: %(errors)s") % {"errors": form.errors.as_text()})
            return redirect(reverse("kinerja:cycle_grid", args=[cycle.pk]) + f"#butir-{item.pk}")
        return _render_row(request, cycle, item, form=form, status=422)
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    try:
        cycle_services.item_save(
            item_id=item.pk, user=request.user, data=data, version=form.cleaned_data["version"]
        )
    except cycle_services.Conflict as exc:
        bound = RealisasiRowForm(
            {**request.POST.dict(), f"r{item.pk}-version": exc.current.version if exc.current else 0},
            prefix=f"r{item.pk}",
        )
        bound.is_valid()
        if not _is_htmx(request):
            messages.error(
                request, _("Indikator ini baru saja diubah orang lain; periksa lalu simpan ulang.")
            )
            return redirect(reverse("kinerja:cycle_grid", args=[cycle.pk]) + f"#butir-{item.pk}")
        return _render_row(request, cycle, item, form=bound, conflict=exc.current, status=409)
    except ValidationError as exc:
        add_validation_error(form, exc)
        return _render_row(request, cycle, item, form=form, status=422)
    except cycle_services.CycleError as exc:
        raise PermissionDenied(str(exc)) from None
    if not _is_htmx(request):
        messages.success(request, _("Realisasi disimpan."))
        return redirect(reverse("kinerja:cycle_grid", args=[cycle.pk]) + f"#butir-{item.pk}")
    return _render_row(request, cycle, item, saved=True)


@require_GET
def item_preview(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Capaian as it would be with the typed value: computed live, nothing written."""
    cycle = _cycle(request.user, pk)
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
    cycle = _cycle(request.user, pk)
    item = _item(cycle, item_pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        cycle_services.item_check(
            item_id=item.pk, user=request.user, complete=request.POST.get("aksi") == "lengkap", note=note
        )
    except cycle_services.CycleError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("kinerja:cycle_grid", args=[cycle.pk]) + f"#butir-{item.pk}")


@require_POST
def item_reopen(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    cycle = _cycle(request.user, pk)
    item = _item(cycle, item_pk)
    try:
        cycle_services.item_reopen(item_id=item.pk, user=request.user)
    except cycle_services.CycleError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("kinerja:cycle_grid", args=[cycle.pk]) + f"#butir-{item.pk}")


@require_POST
def item_review(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    cycle = _cycle(request.user, pk)
    item = _item(cycle, item_pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        cycle_services.item_review(
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
    cycle = _cycle(request.user, pk)
    item = _item(cycle, item_pk)
    form = EvidenceForm(request.POST, request.FILES, prefix=f"e{item.pk}")
    error = ""
    if form.is_valid():
        try:
            cycle_services.evidence_add(
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
        return redirect(reverse("kinerja:cycle_grid", args=[cycle.pk]) + f"#butir-{item.pk}")
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
        cycle_services.evidence_delete(evidence_id=evidence.pk, user=request.user)
    except cycle_services.CycleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Bukti dukung dihapus."))
    return redirect(reverse("kinerja:cycle_grid", args=[cycle_id]) + f"#butir-{item_id}")


# ---------------------------------------------------------------------------- inbox


@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "kinerja/inbox.html", {"inbox": cycle_selectors.inbox(request.user)})
