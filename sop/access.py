"""Who may see and change SOP templates (roles from kinerja.policy, scope from kinerja.access)."""

from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja import access, policy
from kinerja.models import OPD, Pemda
from sop.models import SopTemplate


def _pemda_ids(user) -> set[int]:
    roles = access.user_roles(user)
    ids = set(roles.pemda_roles)
    ids |= set(OPD.objects.filter(pk__in=list(roles.opd_roles)).values_list("pemda_id", flat=True))
    return ids


def visible_templates(user) -> QuerySet[SopTemplate]:
    roles = access.user_roles(user)
    qs = SopTemplate.objects.select_related("pemda", "opd")
    if roles.is_superuser:
        return qs
    return qs.filter(
        Q(opd__isnull=False, opd__in=access.visible_opds(user))
        | Q(opd__isnull=True, pemda_id__in=_pemda_ids(user))
    )


def get_template_for_user(user, pk: int) -> SopTemplate:
    template = visible_templates(user).filter(pk=pk).first()
    if template is None:
        raise Http404
    return template


def may_edit(user, pemda: Pemda, opd: OPD | None) -> bool:
    """admin_pemda edits its Pemda's SOPs (shared and per OPD); Tim SAKIP edits its OPD's."""
    roles = access.user_roles(user)
    if roles.is_superuser or roles.pemda_roles.get(pemda.pk, frozenset()) & policy.SOP_EDITORS_PEMDA:
        return True
    return opd is not None and bool(roles.opd_roles.get(opd.pk, frozenset()) & policy.SOP_EDITORS_OPD)


def may_edit_template(user, template: SopTemplate) -> bool:
    return may_edit(user, template.pemda, template.opd)


def owner_choices(user) -> list[tuple[str, str, Pemda, OPD | None]]:
    """(value, label, pemda, opd) for every owner this user may create an SOP for."""
    roles = access.user_roles(user)
    choices = []
    pemdas = Pemda.objects.all() if roles.is_superuser else Pemda.objects.filter(pk__in=_pemda_ids(user))
    for pemda in pemdas.order_by("name"):
        if may_edit(user, pemda, None):
            choices.append((f"pemda-{pemda.pk}", f"{pemda.name} (SOP Pemda)", pemda, None))
        for opd in OPD.objects.filter(pemda=pemda).order_by("name"):
            if may_edit(user, pemda, opd):
                choices.append((f"opd-{opd.pk}", f"{opd.name} ({pemda.name})", pemda, opd))
    return choices
