"""Scope: which OPDs and Pemda a user reaches, and the plan and Pemda checks views ask.

The role sets come from ``kinerja.policy``. A user sees the OPDs they hold a role in,
and every OPD of a Pemda where they are ``admin_pemda`` or ``pemantau``. Objects of
other OPDs answer 404, never their data.
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kinerja import policy
from kinerja.models import OPD, Cycle, Delegation, Membership, Pemda, PemdaMembership, PemdaRole, Role


@dataclass(frozen=True)
class UserRoles:
    is_superuser: bool = False
    opd_roles: dict[int, frozenset[str]] = field(default_factory=dict)
    opd_units: dict[int, frozenset[int]] = field(default_factory=dict)
    pemda_roles: dict[int, frozenset[str]] = field(default_factory=dict)
    # OPD id -> the Plt./Plh. delegation running today that makes this user act as its head.
    delegations: dict[int, int] = field(default_factory=dict)
    # OPD id -> "Plt."/"Plh." where the head role comes only from such a delegation (for labels).
    acting_head: dict[int, str] = field(default_factory=dict)

    def roles_in(self, opd: OPD) -> frozenset[str]:
        """The OPD roles plus the Pemda-wide roles that reach this OPD."""
        return self.opd_roles.get(opd.pk, frozenset()) | self.pemda_roles.get(opd.pemda_id, frozenset())

    def opd_filter(self, prefix: str = "") -> Q:
        """A Q that keeps rows whose OPD this user may see (``prefix`` leads to the OPD)."""
        if self.is_superuser:
            return Q()
        opd_field = f"{prefix}id" if prefix else "id"
        pemda_field = f"{prefix}pemda_id" if prefix else "pemda_id"
        return Q(**{f"{opd_field}__in": list(self.opd_roles)}) | Q(
            **{f"{pemda_field}__in": list(self.pemda_roles)}
        )


def user_roles(user) -> UserRoles:
    """Load the user's roles once per request (cached on the user object)."""
    if not user.is_authenticated:
        return UserRoles()
    cached = getattr(user, "_sakip_roles", None)
    if cached is not None:
        return cached
    opd_roles: dict[int, set[str]] = {}
    opd_units: dict[int, set[int]] = {}
    for opd_id, role, unit_id in Membership.objects.filter(user=user).values_list(
        "opd_id", "role", "unit_id"
    ):
        opd_roles.setdefault(opd_id, set()).add(role)
        if unit_id:
            opd_units.setdefault(opd_id, set()).add(unit_id)
    delegations: dict[int, int] = {}
    acting_head: dict[int, str] = {}
    today = timezone.localdate()
    for opd_id, delegation_id, kind in (
        Delegation.objects.filter(Delegation.running_q(today), user=user)
        .order_by("starts_on", "pk")
        .values_list("opd_id", "pk", "kind")
    ):
        # A running Plt./Plh. acts as the head of that OPD (policy.HEAD_ROLE).
        if policy.HEAD_ROLE not in opd_roles.get(opd_id, set()):
            acting_head[opd_id] = Delegation.Kind(kind).label
        opd_roles.setdefault(opd_id, set()).add(policy.HEAD_ROLE)
        delegations[opd_id] = delegation_id
    pemda_roles: dict[int, set[str]] = {}
    for pemda_id, role in PemdaMembership.objects.filter(user=user).values_list("pemda_id", "role"):
        pemda_roles.setdefault(pemda_id, set()).add(role)
    roles = UserRoles(
        is_superuser=user.is_superuser,
        opd_roles={k: frozenset(v) for k, v in opd_roles.items()},
        opd_units={k: frozenset(v) for k, v in opd_units.items()},
        pemda_roles={k: frozenset(v) for k, v in pemda_roles.items()},
        delegations=delegations,
        acting_head={k: str(v) for k, v in acting_head.items()},
    )
    user._sakip_roles = roles
    return roles


def visible_opds(user) -> QuerySet[OPD]:
    return OPD.objects.filter(user_roles(user).opd_filter()).select_related("pemda")


def get_opd_for_user(user, pk: int) -> OPD:
    """The OPD if this user may see it, else 404 (never 403: we do not confirm it exists)."""
    opd = visible_opds(user).filter(pk=pk).first()
    if opd is None:
        raise Http404
    return opd


def scoped(queryset: QuerySet, user, opd_path: str) -> QuerySet:
    """Keep the rows of ``queryset`` whose OPD (reached by ``opd_path``) the user may see."""
    return queryset.filter(user_roles(user).opd_filter(prefix=f"{opd_path}__"))


def can_view_opd(user, opd: OPD) -> bool:
    roles = user_roles(user)
    return roles.is_superuser or bool(roles.roles_in(opd))


def can_edit_plan(user, opd: OPD) -> bool:
    """Plan elements, indicators and targets: the OPD's Tim SAKIP and the Pemda admin."""
    roles = user_roles(user)
    return roles.is_superuser or bool(roles.roles_in(opd) & policy.PLAN_EDITORS)


def role_labels(user, opd: OPD) -> list[str]:
    labels = dict(Role.choices) | dict(PemdaRole.choices)
    roles = user_roles(user)
    if roles.is_superuser and not roles.roles_in(opd):
        return ["Superuser"]
    acting = roles.acting_head.get(opd.pk)
    return [
        f"{acting} {labels[r]}" if acting and r == policy.HEAD_ROLE else str(labels[r])
        for r in sorted(roles.roles_in(opd))
    ]


def get_scoped_or_404(queryset: QuerySet, user, opd_path: str, **lookup):
    """One object of ``queryset`` if its OPD is visible to the user, else 404."""
    obj = scoped(queryset, user, opd_path).filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


def pemda_roles_in(user, pemda: Pemda) -> frozenset[str]:
    return user_roles(user).pemda_roles.get(pemda.pk, frozenset())


def get_pemda_for_user(user, pk: int) -> Pemda:
    """A Pemda the user has anything to do with (a Pemda role or an OPD in it), else 404."""
    roles = user_roles(user)
    pemda = Pemda.objects.filter(pk=pk).first()
    if pemda is None:
        raise Http404
    if roles.is_superuser or pemda.pk in roles.pemda_roles:
        return pemda
    if OPD.objects.filter(pemda=pemda, pk__in=list(roles.opd_roles)).exists():
        return pemda
    raise Http404


def can_view_pemda(user, pemda: Pemda) -> bool:
    """The Pemda-wide views: admin_pemda and pemantau of that Pemda."""
    return user_roles(user).is_superuser or bool(pemda_roles_in(user, pemda) & policy.PEMDA_READERS)


def can_configure_pemda(user, pemda: Pemda) -> bool:
    return user_roles(user).is_superuser or bool(pemda_roles_in(user, pemda) & policy.PEMDA_CONFIGURERS)


def pemda_links(user) -> list[Pemda]:
    """The Pemda whose recap this user may open (for the navigation bar)."""
    roles = user_roles(user)
    if roles.is_superuser:
        return list(Pemda.objects.all())
    return list(Pemda.objects.filter(pk__in=list(roles.pemda_roles)))


def can_record_delegation(user, opd: OPD) -> bool:
    """Record or end the Plt./Plh. of an OPD's head: the admin of its Pemda."""
    return user_roles(user).is_superuser or bool(
        pemda_roles_in(user, opd.pemda) & policy.DELEGATION_RECORDERS
    )


def get_cycle_for_user(user, pk: int):
    """A measurement cycle of an OPD this user sees, or 404 (outsiders never learn it exists)."""
    return get_scoped_or_404(
        Cycle.objects.select_related("opd__pemda", "renstra", "revision_of", "signed_by"), user, "opd", pk=pk
    )
