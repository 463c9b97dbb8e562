import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings

from kinerja.models import (
    OPD,
    Budget,
    Cycle,
    CycleItem,
    CycleTransition,
    Evidence,
    Indicator,
    ItemNote,
    Membership,
    Official,
    PemdaMembership,
    PlanElement,
    Realisasi,
    RealisasiHistory,
    Target,
    User,
)
from kinerja.selectors import head_of
from kinerja.validators import validate_nip

MODELS = (
    OPD,
    User,
    Membership,
    PemdaMembership,
    Official,
    PlanElement,
    Indicator,
    Target,
    Realisasi,
    RealisasiHistory,
    Budget,
    Cycle,
    CycleItem,
    CycleTransition,
    Evidence,
    ItemNote,
)
TIMESTAMPS = {
    "last_login",
    "password",
    "date_joined",
    "updated_at",
    "created_at",
    "changed_at",
    "at",
    "uploaded_at",
    "state_changed_at",
    "disposed_at",
    "signed_at",
    "state_due",
}


pytestmark = pytest.mark.slow  # the seed


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, seeded once for the module (a seed takes seconds); yields what the command printed.

    It is seeded inside a transaction that is rolled back when the module ends. Each test runs in
    its own transaction nested inside it (a savepoint, rolled back after the test), so every test
    starts from the demo exactly as seeded.
    """
    output = io.StringIO()
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media")),  # the signed reports
        transaction.atomic(),
    ):
        call_command("seed_demo", year=2026, stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


def snapshot():
    return {
        model.__name__: sorted(
            map(
                repr,
                model.objects.values_list(
                    *[
                        f.attname
                        for f in model._meta.concrete_fields
                        if f.attname
                        not in (
                            "last_login",
                            "password",
                            "date_joined",
                            "updated_at",
                            "created_at",
                            "changed_at",
                        )
                    ]
                ),
            )
        )
        for model in MODELS
    }


def test_seed_demo_twice_gives_the_same_data(demo, db):
    first = snapshot()
    assert "demo-sakip" in demo
    call_command("seed_demo", year=2026, stdout=io.StringIO())
    assert snapshot() == first


def test_demo_data_is_realistic(demo, db):
    assert set(OPD.objects.values_list("pemda__code", "name")) == {
        ("lumajang", "Dinas Tenaga Kerja"),
        ("lumajang", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
        ("lumajang", "Kecamatan Candipuro"),
        ("tangerang", "Dinas Ketenagakerjaan"),
    }
    for opd in OPD.objects.all():
        indicators = Indicator.objects.filter(element__renstra__opd=opd)
        assert indicators.count() >= 10, opd
        assert set(indicators.values_list("polarity", flat=True)) >= {"positif", "negatif"}
        assert set(indicators.values_list("aggregation", flat=True)) == {
            "kumulatif",
            "nilai_akhir",
            "rata_rata",
        }
        levels = set(PlanElement.objects.filter(renstra__opd=opd).values_list("level", flat=True))
        assert levels == {"tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"}
        # Every indicator has this year's annual target and four quarterly targets.
        counts = (
            Target.objects.filter(indicator__in=indicators, year=2026)
            .values("indicator")
            .annotate(n=Count("id"))
        )
        assert {row["n"] for row in counts} == {5}
        assert counts.count() == indicators.count()
        assert Realisasi.objects.filter(indicator__in=indicators).exists()
        roles = set(Membership.objects.filter(opd=opd).values_list("role", flat=True))
        assert roles - {"kepala"} == {"sekretaris", "kepala_unit", "tim_sakip", "operator"}
        # Every OPD has a signer: its head's own record, or a recorded Plt. (the two "Pt." seeds).
        head = head_of(opd)
        validate_nip(head["nip"])
        if "kepala" not in roles:
            assert opd.name in ("Dinas Tenaga Kerja", "Kecamatan Candipuro")
            assert head["jabatan"].startswith("Plt. ")
    assert Indicator.objects.filter(polarity="rentang").exists()
    assert Indicator.objects.filter(allow_negative=True).exists()
    assert set(PemdaMembership.objects.values_list("role", flat=True)) == {"admin_pemda", "pemantau"}


def test_every_demo_user_can_log_in_and_sees_only_their_opds(demo, db, client):
    for user in User.objects.all():
        response = client.post("/akun/masuk/", {"username": user.username, "password": "demo-sakip"})
        assert response.status_code == 302, user.username
        page = client.get("/")
        assert page.status_code == 200
        visible = {card for card in OPD.objects.values_list("name", flat=True) if card in page.text}
        if user.is_superuser:
            expected = set(OPD.objects.values_list("name", flat=True))
        else:
            pemdas = user.pemda_memberships.values_list("pemda", flat=True)
            expected = (
                set(OPD.objects.filter(pk__in=user.memberships.values("opd")).values_list("name", flat=True))
                | set(
                    OPD.objects.filter(pk__in=user.delegations.values("opd")).values_list("name", flat=True)
                )
                | set(OPD.objects.filter(pemda__in=pemdas).values_list("name", flat=True))
            )
        assert visible == expected, user.username
        client.post("/akun/keluar/")


def test_demo_has_cycles_in_several_states(demo, db):
    states = set(Cycle.objects.values_list("state", flat=True))
    assert states == {"disposisi", "pengumpulan", "rekap", "reviu", "pengesahan", "arsip"}
    archived = Cycle.objects.filter(state="arsip").first()
    assert archived.signer_nip and archived.items.exclude(final_capaian=None).exists()
    returned = Cycle.objects.get(state="reviu")
    assert returned.transitions.filter(name="kembalikan_ke_pengumpulan").exists()
    assert ItemNote.objects.filter(item__cycle=returned).exists()
