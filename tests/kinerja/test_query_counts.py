"""List pages run a constant number of queries, whatever the size of the plan."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.models import Indicator, PlanElement, Target
from tests.factories import MembershipFactory, OPDFactory, RenstraFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 14


def grow_plan(renstra, n_programs: int) -> None:
    """A tujuan and sasaran, then n programs, each with a kegiatan and three indicators."""
    tujuan = PlanElement.objects.create(renstra=renstra, level="tujuan", code="T1", name="Tujuan")
    sasaran = PlanElement.objects.create(
        renstra=renstra, level="sasaran", parent=tujuan, code="S1", name="Sasaran"
    )
    for i in range(n_programs):
        program = PlanElement.objects.create(
            renstra=renstra,
            level="program",
            parent=sasaran,
            code=f"2.{i // 100:02d}.{i % 100:02d}",
            name=f"P{i}",
        )
        kegiatan = PlanElement.objects.create(
            renstra=renstra, level="kegiatan", parent=program, code=f"{program.code}.2.01", name=f"K{i}"
        )
        indicators = Indicator.objects.bulk_create(
            [
                Indicator(element=element, name=f"Indikator {element.name} {j}", satuan="orang")
                for element in (program, kegiatan, kegiatan)
                for j in range(1)
            ]
        )
        Target.objects.bulk_create(
            [
                Target(indicator=ind, year=2026, quarter=q, value=Decimal(10))
                for ind in indicators
                for q in range(5)
            ]
        )


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("n_programs", [3, 100])
def test_opd_tree_page_query_count_is_bounded(client, n_programs):
    opd = OPDFactory()
    renstra = RenstraFactory(opd=opd)
    grow_plan(renstra, n_programs)
    membership = MembershipFactory(opd=opd, role="operator")
    client.force_login(membership.user)
    queries = count_queries(client, reverse("kinerja:opd_detail", args=[opd.pk]) + "?tahun=2026")
    assert queries <= MAX_QUERIES


def test_opd_tree_query_count_does_not_grow_with_the_plan(client):
    small, large = OPDFactory(), OPDFactory()
    grow_plan(RenstraFactory(opd=small), 3)
    grow_plan(RenstraFactory(opd=large), 100)
    membership = MembershipFactory(opd=small, role="operator")
    MembershipFactory(opd=large, role="operator", user=membership.user)
    client.force_login(membership.user)
    small_count = count_queries(client, reverse("kinerja:opd_detail", args=[small.pk]))
    large_count = count_queries(client, reverse("kinerja:opd_detail", args=[large.pk]))
    assert small_count == large_count


def test_home_query_count_does_not_grow_with_the_number_of_opds(client):
    from tests.factories import PemdaMembershipFactory

    pemantau = PemdaMembershipFactory(role="pemantau")
    opd = OPDFactory(pemda=pemantau.pemda)
    grow_plan(RenstraFactory(opd=opd), 2)
    client.force_login(pemantau.user)
    few = count_queries(client, reverse("kinerja:home"))
    for _ in range(20):
        grow_plan(RenstraFactory(opd=OPDFactory(pemda=pemantau.pemda)), 1)
    many = count_queries(client, reverse("kinerja:home"))
    assert few == many <= MAX_QUERIES
