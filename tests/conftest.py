"""Shared fixtures: two Pemda, three OPDs, and a user for every role."""

import os
from dataclasses import dataclass, field

import pytest
from django.db import connection

from kinerja.models import OPD, Official, Pemda
from tests.factories import (
    ElementFactory,
    IndicatorFactory,
    MembershipFactory,
    OPDFactory,
    PemdaFactory,
    PemdaMembershipFactory,
    RenstraFactory,
    TargetFactory,
    UnitFactory,
    UserFactory,
)

OPD_ROLES = ("kepala", "sekretaris", "kepala_unit", "tim_sakip", "operator")


@dataclass
class World:
    pemda: object
    opd: object
    unit: object
    renstra: object
    tujuan: object
    sasaran: object
    program: object
    indicator: object
    other_opd: object  # same Pemda, different OPD
    foreign_opd: object  # another Pemda
    users: dict = field(default_factory=dict)


@pytest.fixture
def world(db) -> World:
    return build_world()


def build_world() -> World:
    """Two Pemda, three OPDs, a user for every role (also used outside pytest, by subprocess scenarios)."""
    pemda = PemdaFactory(name="Pemerintah Kabupaten Lumajang", code="lumajang")
    foreign_pemda = PemdaFactory(name="Pemerintah Kota Tangerang", code="tangerang", kind="kota")
    opd = OPDFactory(pemda=pemda, name="Dinas Tenaga Kerja", short_name="Disnaker")
    unit = UnitFactory(opd=opd, name="Bidang Penempatan")
    other_opd = OPDFactory(pemda=pemda, name="Kecamatan Candipuro", short_name="Candipuro")
    foreign_opd = OPDFactory(
        pemda=foreign_pemda, name="Dinas Ketenagakerjaan Rahasia", short_name="Disnaker Tng"
    )
    renstra = RenstraFactory(opd=opd)
    tujuan = ElementFactory(renstra=renstra, level="tujuan", code="T1", name="Tujuan kerja")
    sasaran = ElementFactory(renstra=renstra, level="sasaran", parent=tujuan, code="S1", name="Sasaran kerja")
    program = ElementFactory(
        renstra=renstra,
        level="program",
        parent=sasaran,
        code="2.07.04",
        name="Program Penempatan Tenaga Kerja",
    )
    indicator = IndicatorFactory(element=sasaran, name="Jumlah wirausaha baru", is_iku=True)
    TargetFactory(indicator=indicator, year=2026, quarter=0, value=240)
    users = {}
    for role in OPD_ROLES:
        user = UserFactory(username=f"opd.{role}")
        MembershipFactory(user=user, opd=opd, role=role, unit=unit if role == "kepala_unit" else None)
        users[role] = user
    # The head signs with their own official record (name, jabatan, NIP).
    Official.objects.create(
        pemda=pemda,
        opd=opd,
        user=users["kepala"],
        jabatan="Kepala Dinas Tenaga Kerja",
        name="INDRA WIBOWO LEKSANA, S.Sos. M.M",
        nip="196811181990031005",
    )
    for role in ("admin_pemda", "pemantau"):
        user = UserFactory(username=f"pemda.{role}")
        PemdaMembershipFactory(user=user, pemda=pemda, role=role)
        users[role] = user
        foreign = UserFactory(username=f"foreign.{role}")
        PemdaMembershipFactory(user=foreign, pemda=foreign_pemda, role=role)
        users[f"foreign_{role}"] = foreign
    other_unit = UnitFactory(opd=other_opd, name="Seksi Kesejahteraan Sosial")
    for role in OPD_ROLES:  # every role of another OPD of the same Pemda
        other = UserFactory(username=f"other.{role}")
        MembershipFactory(
            user=other, opd=other_opd, role=role, unit=other_unit if role == "kepala_unit" else None
        )
        users[f"other_{role}"] = other
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    users["superuser"] = superuser
    return World(
        pemda=pemda,
        opd=opd,
        unit=unit,
        renstra=renstra,
        tujuan=tujuan,
        sasaran=sasaran,
        program=program,
        indicator=indicator,
        other_opd=other_opd,
        foreign_opd=foreign_opd,
        users=users,
    )


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters (kinerja.ratelimit) live in the cache: every test starts from zero."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _database_is_the_one_asked_for(django_db_setup, django_db_blocker):
    """`make test` runs the suite again on PostgreSQL: prove it really is PostgreSQL."""
    expected = os.environ.get("SAKIP_EXPECT_DB")
    if expected:
        with django_db_blocker.unblock():
            assert connection.vendor == expected, f"expected {expected}, got {connection.vendor}"


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests (real row locks and concurrency) run in the PostgreSQL pass; slow tests first.

    On SQLite they are deselected, not skipped: `make test` runs the suite again on
    PostgreSQL, where they run.
    """
    from django.conf import settings

    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        keep, dropped = [], []
        for item in items:
            (dropped if item.get_closest_marker("postgresql") else keep).append(item)
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = keep
    # The long tests first (a stable sort: the rest keep their order). Run in parallel
    # (`make test`: pytest-xdist), a long test started last would keep one worker busy while
    # the others wait.
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure: a skipped browser or PostgreSQL run proves nothing."""
    if os.environ.get("CI") and _skipped and exitstatus == 0:
        print(f"\nCI: {len(_skipped)} test(s) skipped; in CI a skip counts as a failure:")
        for nodeid in _skipped[:20]:
            print(f"  {nodeid}")
        session.exitstatus = 1


@pytest.fixture
def seed_owners(db):
    """The Pemda and OPDs the five seed SOPs belong to."""
    lumajang = Pemda.objects.create(name="Pemerintah Kabupaten Lumajang", kind="kabupaten", code="lumajang")
    tangerang = Pemda.objects.create(name="Pemerintah Kota Tangerang", kind="kota", code="tangerang")
    opds = {}
    for pemda, name, code in (
        (lumajang, "Dinas Tenaga Kerja", "1"),
        (lumajang, "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "2"),
        (lumajang, "Kecamatan Candipuro", "3"),
        (tangerang, "Dinas Ketenagakerjaan", "4"),
    ):
        opds[name] = OPD.objects.create(pemda=pemda, name=name, kind="dinas", code=code)
    return {"lumajang": lumajang, "tangerang": tangerang, **opds}
