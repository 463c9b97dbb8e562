"""The OPD's signatories: its head's official record and the Plt./Plh. delegations of the head."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja import access, selectors, services
from kinerja.forms import DelegationForm, add_validation_error
from kinerja.models import Delegation, Official


@require_GET
def opd_officials(request: HttpRequest, pk: int) -> HttpResponse:
    opd = access.get_opd_for_user(request.user, pk)
    today = timezone.localdate()
    delegations = list(opd.delegations.select_related("user", "created_by", "ended_by"))
    for delegation in delegations:
        if delegation.ended_at is not None:
            delegation.status = _("diakhiri")
        elif delegation.starts_on > today:
            delegation.status = _("akan berlaku")
        elif delegation.ends_on < today:
            delegation.status = _("selesai")
        else:
            delegation.status = _("berlaku")
        delegation.running = delegation.runs_on(today)
    return render(
        request,
        "kinerja/opd_officials.html",
        {
            "opd": opd,
            "tab": "pejabat",
            "head": selectors.head_of(opd, today),
            "officials": Official.objects.filter(opd=opd).select_related("user").order_by("-is_active", "pk"),
            "delegations": delegations,
            "can_record": access.can_record_delegation(request.user, opd),
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
def delegation_create(request: HttpRequest, pk: int) -> HttpResponse:
    opd = access.get_opd_for_user(request.user, pk)
    if not access.can_record_delegation(request.user, opd):
        raise PermissionDenied(_("Plt./Plh. dicatat oleh admin Pemda."))
    form = DelegationForm(request.POST or None, opd=opd)
    if request.method == "POST" and form.is_valid():
        try:
            services.delegation_record(opd=opd, by=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, _("Plt./Plh. dicatat."))
            return redirect("kinerja:opd_officials", pk=opd.pk)
    return render(
        request,
        "kinerja/form.html",
        {
            "form": form,
            "opd": opd,
            "title": _("Catat Plt./Plh. kepala %(opd)s") % {"opd": opd.display_name},
            "help": _(
                "Selama tanggal berlakunya, pelaksana bertindak sebagai kepala OPD dalam siklus pengukuran "
                "dan menandatangani dengan jabatan \u201cPlt. \u2026\u201d serta nama dan NIP-nya sendiri."
            ),
        },
    )


@require_POST
def delegation_end(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = access.get_scoped_or_404(
        Delegation.objects.select_related("opd"), request.user, "opd", pk=pk
    )
    services.delegation_end(delegation=delegation, by=request.user)
    messages.success(request, _("Plt./Plh. diakhiri."))
    return redirect("kinerja:opd_officials", pk=delegation.opd_id)
