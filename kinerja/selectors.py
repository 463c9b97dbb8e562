"""Reads that need care: constant query counts whatever the size of the plan."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from kinerja import access, policy
from kinerja.models import (
    OPD,
    Delegation,
    Indicator,
    Level,
    Official,
    PlanElement,
    Realisasi,
    RenstraPeriod,
    Target,
)
from kinerja.numbers import small_int


def _signature(name: str, jabatan: str, record) -> dict:
    return {"name": name, "jabatan": jabatan, "nip": record.nip, "nip_display": record.nip_display}


def head_of(opd: OPD, day=None) -> dict | None:
    """Who signs as the OPD's head on ``day``, as the signature block prints them.

    The head's own active Official record (linked to a user holding the head role in the OPD),
    else the Plt./Plh. delegation running that day. None: the post has no recorded signer.
    Used for documents not signed yet; a signed cycle prints what it recorded at sign-off.
    """
    day = day or timezone.localdate()
    official = (
        Official.objects.filter(
            opd=opd, is_active=True, user__memberships__opd=opd, user__memberships__role=policy.HEAD_ROLE
        )
        .order_by("pk")
        .first()
    )
    if official is not None:
        return _signature(official.name, official.jabatan, official)
    delegation = (
        Delegation.objects.filter(Delegation.running_q(day), opd=opd).order_by("-starts_on", "-pk").first()
    )
    if delegation is not None:
        return _signature(delegation.name, delegation.title, delegation)
    return None


def expected_signer(opd: OPD, day=None) -> dict:
    """The signature block of a document not signed yet: ``head_of``, or blank under "Kepala <OPD>"."""
    return head_of(opd, day) or {"name": "", "jabatan": f"Kepala {opd.name}", "nip": ""}


def current_year() -> int:
    return timezone.localdate().year


@dataclass
class OpdSummary:
    opd: OPD
    roles: list[str]
    renstra: RenstraPeriod | None = None
    indicators: int = 0
    iku: int = 0
    with_target: int = 0
    realisasi: int = 0

    @property
    def target_share(self) -> int:
        return round(100 * self.with_target / self.indicators) if self.indicators else 0


def opd_summaries(user, year: int) -> list[OpdSummary]:
    """The user's OPDs with the size of this year's plan: four queries in all."""
    opds = list(access.visible_opds(user).order_by("pemda__name", "name"))
    renstras = {
        r.opd_id: r
        for r in RenstraPeriod.objects.filter(opd__in=opds, start_year__lte=year, end_year__gte=year)
    }
    summaries = {
        opd.pk: OpdSummary(opd=opd, roles=access.role_labels(user, opd), renstra=renstras.get(opd.pk))
        for opd in opds
    }
    indicator_counts = (
        Indicator.objects.filter(element__renstra__in=renstras.values())
        .values("element__renstra__opd_id")
        .annotate(
            total=Count("id", distinct=True),
            iku=Count("id", distinct=True, filter=Q(is_iku=True)),
            with_target=Count("id", distinct=True, filter=Q(targets__year=year, targets__quarter=0)),
        )
    )
    for row in indicator_counts:
        summary = summaries[row["element__renstra__opd_id"]]
        summary.indicators = row["total"]
        summary.iku = row["iku"]
        summary.with_target = row["with_target"]
    realisasi_counts = (
        Realisasi.objects.filter(indicator__element__renstra__in=renstras.values(), year=year)
        .values("indicator__element__renstra__opd_id")
        .annotate(total=Count("id"))
    )
    for row in realisasi_counts:
        summaries[row["indicator__element__renstra__opd_id"]].realisasi = row["total"]
    return list(summaries.values())


@dataclass
class IndicatorRow:
    indicator: Indicator
    targets: dict[int, Decimal] = field(default_factory=dict)
    realisasi: dict[int, Realisasi] = field(default_factory=dict)

    @property
    def annual_target(self) -> Decimal | None:
        return self.targets.get(Target.ANNUAL)

    def quarter_targets(self) -> list[Decimal | None]:
        return [self.targets.get(q) for q in (1, 2, 3, 4)]

    def quarter_realisasi(self) -> list[Realisasi | None]:
        return [self.realisasi.get(q) for q in (1, 2, 3, 4)]


@dataclass
class TreeNode:
    element: PlanElement
    children: list["TreeNode"] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)

    def count_indicators(self) -> int:
        return len(self.indicators) + sum(c.count_indicators() for c in self.children)


@dataclass
class PlanTree:
    roots: list[TreeNode]
    level_counts: dict[str, int]
    indicator_count: int
    iku_count: int


def plan_tree(renstra: RenstraPeriod, year: int) -> PlanTree:
    """The whole Renstra tree with indicators and the year's targets and realisasi.

    Four queries, whatever the size of the tree.
    """
    elements = list(
        PlanElement.objects.filter(renstra=renstra).select_related("unit").order_by("order", "code", "id")
    )
    nodes = {e.pk: TreeNode(element=e) for e in elements}
    indicators = list(
        Indicator.objects.filter(element__renstra=renstra).select_related("unit").order_by("order", "id")
    )
    rows = {i.pk: IndicatorRow(indicator=i) for i in indicators}
    for target in Target.objects.filter(indicator__in=indicators, year=year):
        rows[target.indicator_id].targets[target.quarter] = target.value
    for real in Realisasi.objects.filter(indicator__in=indicators, year=year):
        rows[real.indicator_id].realisasi[real.quarter] = real
    for indicator in indicators:
        nodes[indicator.element_id].indicators.append(rows[indicator.pk])
    roots: list[TreeNode] = []
    for element in elements:
        node = nodes[element.pk]
        if element.parent_id and element.parent_id in nodes:
            nodes[element.parent_id].children.append(node)
        else:
            roots.append(node)
    level_counts = {level.value: 0 for level in Level}
    for element in elements:
        level_counts[element.level] += 1
    return PlanTree(
        roots=roots,
        level_counts=level_counts,
        indicator_count=len(indicators),
        iku_count=sum(1 for i in indicators if i.is_iku),
    )


def pick_renstra(opd: OPD, renstra_id: str | None, year: int) -> RenstraPeriod | None:
    """The Renstra asked for, else the one covering the year, else the latest."""
    periods = list(opd.renstra_periods.all())
    wanted = small_int(renstra_id)
    if wanted is not None:
        for period in periods:
            if period.pk == wanted:
                return period
    for period in periods:
        if period.start_year <= year <= period.end_year:
            return period
    return periods[0] if periods else None
