"""Pages of organisations and planning: parse, check access, call a service, render."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kinerja import access, selectors, services
from kinerja.forms import (
    IndicatorForm,
    PlanElementForm,
    RenstraForm,
    TargetsForm,
    add_validation_error,
)
from kinerja.models import (
    OPD,
    Indicator,
    Level,
    PlanElement,
    RenstraPeriod,
    Target,
)
from kinerja.numbers import small_int


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    year = selectors.current_year()
    summaries = selectors.opd_summaries(request.user, year)
    return render(request, "kinerja/home.html", {"summaries": summaries, "year": year})


def _year_param(request: HttpRequest, default: int) -> int:
    return small_int(request.GET.get("tahun"), minimum=2000, maximum=2100) or default


@require_GET
def opd_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opd = access.get_opd_for_user(request.user, pk)
    year = _year_param(request, selectors.current_year())
    renstra = selectors.pick_renstra(opd, request.GET.get("renstra"), year)
    if renstra and not renstra.start_year <= year <= renstra.end_year:
        year = renstra.start_year
    tree = selectors.plan_tree(renstra, year) if renstra else None
    return render(
        request,
        "kinerja/opd_detail.html",
        {
            "opd": opd,
            "renstra": renstra,
            "renstra_periods": opd.renstra_periods.all(),
            "year": year,
            "tree": tree,
            "can_edit": access.can_edit_plan(request.user, opd),
            "roles": access.role_labels(request.user, opd),
        },
    )


def _require_plan_editor(user, opd: OPD) -> None:
    if not access.can_edit_plan(user, opd):
        raise PermissionDenied(_("Hanya Tim SAKIP OPD ini dan Admin Pemda yang dapat mengubah rencana."))


def _form_page(
    request: HttpRequest,
    form,
    save: Callable[[], object],
    *,
    success: str,
    redirect_to: Callable[[object], str],
    context: dict,
) -> HttpResponse:
    """Validate, call the service, and either redirect with a message or show the errors."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save()
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, success)
            return redirect(redirect_to(obj))
    return render(request, "kinerja/form.html", {"form": form, **context})


def _tree_url(opd_id: int, renstra_id: int | None = None, anchor: str = "") -> str:
    url = reverse("kinerja:opd_detail", args=[opd_id])
    if renstra_id:
        url += f"?renstra={renstra_id}"
    return url + (f"#{anchor}" if anchor else "")


def _renstra_qs():
    return RenstraPeriod.objects.select_related("opd__pemda")


def _element_qs():
    return PlanElement.objects.select_related("renstra__opd__pemda", "parent")


def _indicator_qs():
    return Indicator.objects.select_related("element__renstra__opd__pemda", "unit")


@require_http_methods(["GET", "POST"])
def renstra_create(request: HttpRequest, opd_pk: int) -> HttpResponse:
    opd = access.get_opd_for_user(request.user, opd_pk)
    _require_plan_editor(request.user, opd)
    form = RenstraForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda: services.renstra_create(opd=opd, data=form.cleaned_data),
        success=_("Periode Renstra disimpan."),
        redirect_to=lambda r: _tree_url(opd.pk, r.pk),
        context={"opd": opd, "title": _("Tambah periode Renstra")},
    )


@require_http_methods(["GET", "POST"])
def renstra_edit(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = access.get_scoped_or_404(_renstra_qs(), request.user, "opd", pk=pk)
    _require_plan_editor(request.user, renstra.opd)
    form = RenstraForm(request.POST or None, instance=renstra)
    return _form_page(
        request,
        form,
        lambda: services.renstra_update(renstra=renstra, data=form.cleaned_data),
        success=_("Periode Renstra diperbarui."),
        redirect_to=lambda r: _tree_url(renstra.opd_id, r.pk),
        context={"opd": renstra.opd, "title": _("Ubah periode Renstra")},
    )


@require_http_methods(["GET", "POST"])
def element_create(request: HttpRequest, renstra_pk: int) -> HttpResponse:
    renstra = access.get_scoped_or_404(_renstra_qs(), request.user, "opd", pk=renstra_pk)
    opd = renstra.opd
    _require_plan_editor(request.user, opd)
    parent = None
    parent_id = request.GET.get("induk", "")
    if parent_id:
        parent = PlanElement.objects.filter(renstra=renstra, pk=small_int(parent_id) or 0).first()
        if parent is None or parent.child_level is None:
            raise PermissionDenied(_("Induk tidak ditemukan atau tidak dapat mempunyai turunan."))
    level = services.allowed_child_level(parent)
    form = PlanElementForm(request.POST or None, opd=opd, level=level)
    title = _("Tambah %(level)s") % {"level": Level(level).label}
    if parent is not None:
        title += _(" di bawah %(parent)s") % {"parent": parent}
    return _form_page(
        request,
        form,
        lambda: services.element_create(renstra=renstra, level=level, parent=parent, data=form.cleaned_data),
        success=_("%(level)s disimpan.") % {"level": Level(level).label},
        redirect_to=lambda e: _tree_url(opd.pk, renstra.pk, f"el-{e.pk}"),
        context={"opd": opd, "title": title},
    )


@require_http_methods(["GET", "POST"])
def element_edit(request: HttpRequest, pk: int) -> HttpResponse:
    element = access.get_scoped_or_404(_element_qs(), request.user, "renstra__opd", pk=pk)
    opd = element.renstra.opd
    _require_plan_editor(request.user, opd)
    form = PlanElementForm(request.POST or None, instance=element, opd=opd, level=element.level)
    return _form_page(
        request,
        form,
        lambda: services.element_update(element=element, data=form.cleaned_data),
        success=_("%(level)s diperbarui.") % {"level": element.get_level_display()},
        redirect_to=lambda e: _tree_url(opd.pk, e.renstra_id, f"el-{e.pk}"),
        context={
            "opd": opd,
            "title": _("Ubah %(level)s") % {"level": element.get_level_display()},
        },
    )


@require_http_methods(["GET", "POST"])
def element_delete(request: HttpRequest, pk: int) -> HttpResponse:
    element = access.get_scoped_or_404(_element_qs(), request.user, "renstra__opd", pk=pk)
    opd = element.renstra.opd
    _require_plan_editor(request.user, opd)
    back = _tree_url(opd.pk, element.renstra_id, f"el-{element.pk}")
    subtree = services.element_subtree_ids(element)
    if request.method == "POST":
        try:
            services.element_delete(element=element)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(back)
        messages.success(request, _("%(level)s dihapus.") % {"level": element.get_level_display()})
        return redirect(_tree_url(opd.pk, element.renstra_id))
    return render(
        request,
        "kinerja/confirm_delete.html",
        {
            "opd": opd,
            "object": element,
            "kind": element.get_level_display(),
            "cancel_url": back,
            "descendants": len(subtree) - 1,
            "indicators": Indicator.objects.filter(element_id__in=subtree).count(),
        },
    )


@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest, element_pk: int) -> HttpResponse:
    element = access.get_scoped_or_404(_element_qs(), request.user, "renstra__opd", pk=element_pk)
    opd = element.renstra.opd
    _require_plan_editor(request.user, opd)
    form = IndicatorForm(request.POST or None, opd=opd, initial={"unit": element.unit_id})
    return _form_page(
        request,
        form,
        lambda: services.indicator_create(element=element, data=form.cleaned_data),
        success=_("Indikator disimpan. Isi targetnya."),
        redirect_to=lambda i: reverse("kinerja:indicator_detail", args=[i.pk]),
        context={
            "opd": opd,
            "title": _("Tambah indikator %(level)s: %(name)s")
            % {"level": element.get_level_display().lower(), "name": element},
        },
    )


@require_GET
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = access.get_scoped_or_404(_indicator_qs(), request.user, "element__renstra__opd", pk=pk)
    opd = indicator.element.renstra.opd
    renstra = indicator.element.renstra
    targets: dict[int, dict[int, object]] = {year: {} for year in renstra.years}
    for target in indicator.targets.all():
        targets.setdefault(target.year, {})[target.quarter] = target.value
    target_rows = [(year, [targets[year].get(q) for q in range(5)]) for year in sorted(targets)]
    realisasi = indicator.realisasi.select_related("entered_by").prefetch_related("history__changed_by")
    lineage = []
    node = indicator.element
    while node is not None:
        lineage.insert(0, node)
        node = node.parent
    return render(
        request,
        "kinerja/indicator_detail.html",
        {
            "opd": opd,
            "indicator": indicator,
            "lineage": lineage,
            "target_rows": target_rows,
            "quarter_labels": [label for _q, label in Target.Quarter.choices],
            "realisasi_list": realisasi,
            "can_edit": access.can_edit_plan(request.user, opd),
        },
    )


@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = access.get_scoped_or_404(_indicator_qs(), request.user, "element__renstra__opd", pk=pk)
    opd = indicator.element.renstra.opd
    _require_plan_editor(request.user, opd)
    form = IndicatorForm(request.POST or None, instance=indicator, opd=opd)
    return _form_page(
        request,
        form,
        lambda: services.indicator_update(indicator=indicator, data=form.cleaned_data),
        success=_("Indikator diperbarui."),
        redirect_to=lambda i: reverse("kinerja:indicator_detail", args=[i.pk]),
        context={"opd": opd, "title": _("Ubah indikator")},
    )


@require_http_methods(["GET", "POST"])
def indicator_delete(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = access.get_scoped_or_404(_indicator_qs(), request.user, "element__renstra__opd", pk=pk)
    opd = indicator.element.renstra.opd
    _require_plan_editor(request.user, opd)
    back = reverse("kinerja:indicator_detail", args=[indicator.pk])
    if request.method == "POST":
        try:
            services.indicator_delete(indicator=indicator)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(back)
        messages.success(request, _("Indikator dihapus."))
        return redirect(_tree_url(opd.pk, indicator.element.renstra_id, f"el-{indicator.element_id}"))
    return render(
        request,
        "kinerja/confirm_delete.html",
        {"opd": opd, "object": indicator, "kind": _("Indikator"), "cancel_url": back},
    )


@require_http_methods(["GET", "POST"])
def targets_edit(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    indicator = access.get_scoped_or_404(_indicator_qs(), request.user, "element__renstra__opd", pk=pk)
    opd = indicator.element.renstra.opd
    _require_plan_editor(request.user, opd)
    renstra = indicator.element.renstra
    if not renstra.start_year <= year <= renstra.end_year:
        messages.error(
            request,
            _("Tahun %(year)d di luar periode Renstra %(start)d-%(end)d.")
            % {"year": year, "start": renstra.start_year, "end": renstra.end_year},
        )
        return redirect("kinerja:indicator_detail", pk=indicator.pk)
    initial = {f"q{t.quarter}": t.value for t in indicator.targets.filter(year=year)}
    form = TargetsForm(request.POST or None, indicator=indicator, year=year, initial=initial)
    return _form_page(
        request,
        form,
        lambda: services.targets_set(indicator=indicator, year=year, values=form.values()),
        success=_("Target tahun %(year)d disimpan.") % {"year": year},
        redirect_to=lambda _obj: reverse("kinerja:indicator_detail", args=[indicator.pk]),
        context={
            "opd": opd,
            "title": _("Target %(year)d: %(name)s") % {"year": year, "name": indicator.name},
            "help": _(
                "Target tahunan dan target per triwulan (Rencana Aksi). Untuk indikator "
                "kumulatif, target triwulan adalah capaian dalam triwulan itu saja; selain itu, "
                "nilai pada akhir triwulan. Gunakan koma untuk desimal: 12,5."
            ),
        },
    )
