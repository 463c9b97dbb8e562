"""SOP pages: list, the document (HTML and PDF), export/import JSON, the editor with preview."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja import access as kinerja_access
from kinerja.cycle import timing
from kinerja.cycle.sop_rules import floor_problems
from kinerja.models import Cycle
from kinerja.numbers import small_int
from sop import access
from sop.document import document_context, render_pdf
from sop.forms import IdentityForm, ImportForm, LaneFormSet, StepFormSet, TableHelper, formsets_to_data
from sop.models import SopRevision, SopTemplate
from sop.selectors import revision_data, sop_export_json
from sop.services import SopError, revision_save, sop_import_json
from sop.validation import validate_revision

MAX_IMPORT_BYTES = 1_000_000


def _revision(template: SopTemplate, request: HttpRequest) -> SopRevision:
    number = request.GET.get("revisi", "")
    revisions = template.revisions.all()
    wanted = small_int(number, maximum=32767)
    revision = revisions.filter(number=wanted).first() if wanted is not None else revisions.first()
    if revision is None:
        raise Http404
    return revision


@require_GET
def sop_list(request: HttpRequest) -> HttpResponse:
    templates = list(access.visible_templates(request.user).prefetch_related("revisions"))
    rows = []
    for template in templates:
        revisions = sorted(template.revisions.all(), key=lambda r: -r.number)
        rows.append(
            {"template": template, "latest": revisions[0] if revisions else None, "count": len(revisions)}
        )
    rows.sort(
        key=lambda r: (
            r["template"].pemda.name,
            r["template"].opd.name if r["template"].opd else "",
            str(r["latest"]),
        )
    )
    return render(
        request,
        "sop/list.html",
        {"rows": rows, "can_create": bool(access.owner_choices(request.user))},
    )


@require_GET
def sop_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = access.get_template_for_user(request.user, pk)
    revision = _revision(template, request)
    context = document_context(revision_data(revision), request.GET.get("kertas"))
    return render(
        request,
        "sop/detail.html",
        {
            **context,
            "template": template,
            "revision": revision,
            "revisions": template.revisions.all(),
            "can_edit": access.may_edit_template(request.user, template),
            "cycles": revision.cycles.select_related("opd")[:20],
            "floor_problems": floor_problems(revision),
        },
    )


@require_GET
def sop_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    template = access.get_template_for_user(request.user, pk)
    revision = _revision(template, request)
    pdf = render_pdf(revision, request.GET.get("kertas"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="SOP-{template.slug}-revisi-{revision.number}.pdf"'
    return response


@require_GET
def sop_export(request: HttpRequest, pk: int) -> HttpResponse:
    template = access.get_template_for_user(request.user, pk)
    revision = _revision(template, request)
    response = HttpResponse(sop_export_json(revision), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="sop-{template.slug}-revisi-{revision.number}.json"'
    )
    return response


@require_http_methods(["GET", "POST"])
def sop_import(request: HttpRequest) -> HttpResponse:
    if not access.owner_choices(request.user):
        raise PermissionDenied(_("Impor SOP untuk admin Pemda dan Tim SAKIP."))
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            problems = [_("Berkas terlalu besar untuk sebuah SOP (maks. 1 MB).")]
        else:
            try:
                revision = _import_checked(request, upload.read())
            except SopError as exc:
                problems = exc.messages
            else:
                messages.success(
                    request,
                    _("SOP diimpor: %(nama)s (revisi %(n)d).")
                    % {"nama": revision.nama, "n": revision.number},
                )
                return redirect("sop:detail", pk=revision.template_id)
    return render(request, "sop/import.html", {"form": form, "problems": problems})


def _import_checked(request: HttpRequest, content: bytes) -> SopRevision:
    try:
        data = json.loads(content)
    except (ValueError, UnicodeDecodeError):
        raise SopError([_("Berkas bukan JSON yang sah.")]) from None
    with transaction.atomic():
        owners = [(pemda, opd) for _value, _label, pemda, opd in access.owner_choices(request.user)]
        revision = sop_import_json(json.dumps(data), user=request.user, owners=owners)
        if not access.may_edit_template(request.user, revision.template):
            transaction.set_rollback(True)
            raise SopError([_("Anda tidak dapat mengimpor SOP untuk pemilik yang disebut berkas ini.")])
    return revision


# ---------------------------------------------------------------------------- editor


def _forms(request: HttpRequest, initial: dict | None):
    data = request.POST if request.method == "POST" else None
    if data is not None:
        initial = None  # a posted row is compared with nothing, so every filled row is validated
    identity = IdentityForm(data, initial=IdentityForm.initial_from(initial) if initial else None)
    lanes = LaneFormSet(data, prefix="lane", initial=(initial or {}).get("lanes"))
    steps_initial = None
    if initial:
        steps_initial = [{**s, "lane": s["lane"] + 1} for s in initial["steps"]]
    steps = StepFormSet(data, prefix="step", initial=steps_initial)
    return identity, lanes, steps


def _form_problems(identity, lanes, steps) -> list[str]:
    """Field errors as sentences (the live preview has no red marks to point at)."""
    problems = []
    for name, errors in identity.errors.items():
        label = identity.fields[name].label if name in identity.fields else ""
        problems += [f"{label}: {e}" if label else str(e) for e in errors]
    for title, formset in ((_("Pelaksana"), lanes), (_("Langkah"), steps)):
        problems += [str(e) for e in formset.non_form_errors()]
        for row, form in enumerate(formset.forms, start=1):
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                problems += [f"{title} baris {row}, {label}: {e}" for e in errors]
    return problems


def _collect(identity, lanes, steps) -> tuple[dict | None, list[str]]:
    if not (identity.is_valid() and lanes.is_valid() and steps.is_valid()):
        return None, _form_problems(identity, lanes, steps) or [_("Periksa isian yang ditandai merah.")]
    data, errors = formsets_to_data(identity, lanes, steps)
    if errors:
        return None, errors
    problems = validate_revision(data)
    return (None if problems else data), problems


@require_http_methods(["GET", "POST"])
def sop_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    template = access.get_template_for_user(request.user, pk) if pk else None
    choices = access.owner_choices(request.user)
    if template is not None and not access.may_edit_template(request.user, template):
        raise PermissionDenied(_("SOP ini diubah oleh admin Pemda atau Tim SAKIP OPD pemiliknya."))
    if template is None and not choices:
        raise PermissionDenied(_("Membuat SOP untuk admin Pemda dan Tim SAKIP."))
    base = revision_data(template.revisions.first()) if template else None
    identity, lanes, steps = _forms(request, base)
    problems: list[str] = []
    owner = request.POST.get("owner", "")
    if request.method == "POST":
        data, problems = _collect(identity, lanes, steps)
        target = template
        if target is None:
            chosen = next((c for c in choices if c[0] == owner), None)
            if chosen is None:
                problems = [_("Pilih pemilik SOP."), *problems]
            elif data is not None:
                slug = slugify(f"{chosen[3].name if chosen[3] else chosen[2].code}-{data['nama']}")[:80]
                if SopTemplate.objects.filter(pemda=chosen[2], slug=slug).exists():
                    problems.append(_("Sudah ada SOP dengan nama ini; ubah SOP itu atau pakai nama lain."))
                else:
                    target = SopTemplate(pemda=chosen[2], opd=chosen[3], slug=slug)
        if data is not None and target is not None and not problems:
            try:
                if target.pk is None:
                    target.save()
                revision = revision_save(template=target, data=data, user=request.user)
            except SopError as exc:
                problems = exc.messages
            else:
                messages.success(request, _("Disimpan sebagai revisi %(n)d.") % {"n": revision.number})
                return redirect("sop:detail", pk=target.pk)
    preview = _preview_html(base) if base and request.method == "GET" else ""
    return render(
        request,
        "sop/edit.html",
        {
            "template": template,
            "identity": identity,
            "lanes": lanes,
            "steps": steps,
            "table_helper": TableHelper(),
            "problems": problems,
            "owners": choices,
            "owner": owner,
            "preview": preview,
        },
    )


def _preview_html(data: dict) -> str:
    context = document_context(data)
    return render_to_string("sop/_preview.html", {"table": context["table"], "problems": []})


@require_POST
def sop_preview(request: HttpRequest) -> HttpResponse:
    """The flowchart as the editor's form currently stands (nothing is written)."""
    if not access.owner_choices(request.user):
        raise PermissionDenied
    identity, lanes, steps = _forms(request, None)
    data, problems = _collect(identity, lanes, steps)
    table = document_context(data)["table"] if data else None
    return render(request, "sop/_preview.html", {"table": table, "problems": problems})


@require_GET
def compliance_opd(request: HttpRequest, pk: int) -> HttpResponse:

    opd = kinerja_access.get_opd_for_user(request.user, pk)
    cycles = list(opd.cycles.select_related("sop_revision"))
    return render(
        request,
        "sop/compliance.html",
        {
            "scope": opd.name,
            "opd": opd,
            "rows": timing.compliance(cycles, opd.pemda_id),
            "cycle_count": len(cycles),
        },
    )


@require_GET
def compliance_pemda(request: HttpRequest, pk: int) -> HttpResponse:

    pemda = kinerja_access.get_pemda_for_user(request.user, pk)
    if not kinerja_access.can_view_pemda(request.user, pemda):
        raise PermissionDenied(_("Kepatuhan SOP seluruh Pemda untuk admin Pemda dan pemantau."))
    cycles = list(Cycle.objects.filter(opd__pemda=pemda).select_related("sop_revision"))
    return render(
        request,
        "sop/compliance.html",
        {
            "scope": pemda.name,
            "pemda": pemda,
            "rows": timing.compliance(cycles, pemda.pk),
            "cycle_count": len(cycles),
        },
    )
