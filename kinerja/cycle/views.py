"""The measurement cycle in the browser: list, create, the cycle page, disposition, transitions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja import access, selectors
from kinerja.capaian import PERIODS
from kinerja.cycle import graph, jobs, timing
from kinerja.cycle import policy as cycle_policy
from kinerja.cycle import selectors as cycle_selectors
from kinerja.cycle import services as cycle_services
from kinerja.cycle.forms import (
    AssignmentForm,
    CycleCreateForm,
    DispositionForm,
    NoteForm,
)
from kinerja.forms import add_validation_error
from kinerja.models import (
    Cycle,
    ItemNote,
    SignOffJob,
    State,
    User,
)

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
        cycles = [c for c in cycles if timing.is_overdue(c)]
    page = Paginator(cycles, 50).get_page(request.GET.get("hal"))
    for cycle in page:
        cycle.overdue = timing.is_overdue(cycle)
        cycle.current_due = timing.current_due(cycle)
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
    cycle = access.get_cycle_for_user(request.user, pk)
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
    cycle = access.get_cycle_for_user(request.user, pk)
    user = request.user
    transitions = list(cycle.transitions.select_related("user"))
    context = {
        "cycle": cycle,
        "opd": cycle.opd,
        "steps": timing.state_steps(cycle, transitions),
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
        "overdue": timing.is_overdue(cycle),
        "revisions": list(cycle.revisions.all()),
        "sign_off": _sign_off_job(cycle),
    }
    if cycle.state in (State.REKAP, State.REVIU, State.PENGESAHAN):
        context["rows"] = cycle_selectors.grid_rows(cycle, user)
        context["totals"] = cycle_selectors.grid_totals(context["rows"], cycle)
        context["incomplete"] = [r for r in context["rows"] if r.result.realisasi.value is None]
    elif cycle.state == State.ARSIP:
        context["archived_rows"] = cycle_selectors.report_rows(cycle)[0]
    elif cycle.state == State.PENGUMPULAN:
        counts = cycle_selectors.grid_rows(cycle, user)
        context["filled"] = sum(1 for r in counts if r.current)
        context["item_total"] = len(counts)
    context["item_notes"] = list(
        ItemNote.objects.filter(item__cycle=cycle).select_related("author", "item__indicator").order_by("at")
    )
    return render(request, "kinerja/cycle_detail.html", context)


def _sign_off_job(cycle: Cycle):
    job = jobs.latest(cycle)
    # A running or failed job is shown; a finished one is not once the cycle is archived.
    if job is not None and cycle.state == State.ARSIP and job.status == SignOffJob.Status.DONE:
        return None
    return job


@require_GET
def sign_off_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by the cycle page while the signed report is being made."""
    cycle = access.get_cycle_for_user(request.user, pk)
    job = jobs.latest(cycle)
    response = render(request, "kinerja/partials/_sign_off.html", {"cycle": cycle, "sign_off": job})
    if job is None or job.status != SignOffJob.Status.RUNNING:
        response["HX-Refresh"] = "true"
    return response


@require_POST
def cycle_dispose(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk)
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
    cycle = access.get_cycle_for_user(request.user, pk)
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
    cycle = access.get_cycle_for_user(request.user, pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    if name == graph.SIGN:  # making the signed report takes seconds: it runs in the background
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


# ---------------------------------------------------------------------------- inbox


@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "kinerja/inbox.html", {"inbox": cycle_selectors.inbox(request.user)})
