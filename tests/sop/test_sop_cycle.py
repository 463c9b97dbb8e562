"""SOPs drive the cycle: the roles their pelaksana map to act, others are refused; due dates follow."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kinerja.cycle import policy as cycle_policy
from kinerja.cycle import services as cycle_services
from kinerja.models import Cycle, Membership, Official, RenstraPeriod
from sop.models import Holiday
from sop.services import load_seed_sops
from tests.factories import ElementFactory, IndicatorFactory, UserFactory
from tests.kinerja.cycle_helpers import force_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def sops(seed_owners):
    load_seed_sops()
    return seed_owners


def staff(opd):
    users = {}
    for role in ("kepala", "sekretaris", "kepala_unit", "tim_sakip", "operator"):
        user = UserFactory(username=f"{opd.pk}.{role}")
        unit = None
        if role == "kepala_unit":
            from kinerja.models import Unit

            unit = Unit.objects.create(opd=opd, name="Bidang", kind="bidang")
        Membership.objects.create(user=user, opd=opd, role=role, unit=unit)
        users[role] = user
    Official.objects.create(
        pemda=opd.pemda, opd=opd, user=users["kepala"], jabatan=f"Kepala {opd.name}", name="Kepala Uji"
    )
    renstra = RenstraPeriod.objects.create(opd=opd, name="Renstra", start_year=2025, end_year=2029)
    IndicatorFactory(element=ElementFactory(renstra=renstra))
    return users


class W:  # the attributes force_state needs
    def __init__(self, users):
        self.users = users


def test_a_cycle_keeps_the_sop_revision_in_force(sops):
    opd = sops["Kecamatan Candipuro"]
    users = staff(opd)
    cycle = cycle_services.cycle_create(opd=opd, year=2026, period="tw3", user=users["kepala"])
    assert cycle.sop_revision.nama == "Pengukuran Data Kinerja Kecamatan Candipuro"


def test_an_opd_with_two_sops_must_choose(sops, client):
    opd = sops["Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"]
    users = staff(opd)
    with pytest.raises(ValidationError, match="beberapa SOP"):
        cycle_services.cycle_create(opd=opd, year=2026, period="tw3", user=users["kepala"])
    client.force_login(users["kepala"])
    page = client.get(reverse("kinerja:cycle_create", args=[opd.pk]))
    assert "SOP yang dijalankan" in page.text
    chosen = page.context["form"].fields["sop"].choices[1][0]
    client.post(
        reverse("kinerja:cycle_create", args=[opd.pk]), {"year": 2026, "period": "tw3", "sop": chosen}
    )
    assert str(Cycle.objects.get().sop_revision_id) == chosen


@pytest.mark.parametrize(
    ("opd_name", "transition", "state", "allowed", "refused"),
    [
        # DPMPTSP Pengukuran Kinerja: the Kadin reviews (step 3), not the Sekretaris.
        (
            "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
            "teruskan_pengesahan",
            "reviu",
            "kepala",
            "sekretaris",
        ),
        # Tangerang: the kepala bidang / kepala seksi close pengumpulan (steps 2-3), not Tim SAKIP.
        ("Dinas Ketenagakerjaan", "ajukan_rekap", "pengumpulan", "kepala_unit", "tim_sakip"),
        # Candipuro: the recap is passed on by Tim SAKIP or Kasi/Kasubag (steps 6-7).
        ("Kecamatan Candipuro", "ajukan_reviu", "rekap", "kepala_unit", "operator"),
        # Lumajang Disnaker: the Kepala Dinas signs (step 8).
        ("Dinas Tenaga Kerja", "sahkan", "pengesahan", "kepala", "sekretaris"),
    ],
)
def test_the_sop_names_who_acts(sops, opd_name, transition, state, allowed, refused):
    opd = sops[opd_name]
    users = staff(opd)
    choices = cycle_services.sop_choices(opd, timezone.localdate())
    cycle = cycle_services.cycle_create(
        opd=opd, year=2026, period="tw2", user=users["kepala"], sop_revision=choices[0]
    )
    cycle = force_state(cycle, state, W(users))
    assert cycle_policy.may_take(users[allowed], cycle, transition)
    assert not cycle_policy.may_take(users[refused], cycle, transition)
    with pytest.raises(Exception):  # noqa: B017 (PermissionDenied)
        cycle_services.cycle_take(cycle_id=cycle.pk, name=transition, user=users[refused], note="x")
    assert Cycle.objects.get(pk=cycle.pk).state == state
    cycle_services.cycle_take(cycle_id=cycle.pk, name=transition, user=users[allowed], note="x")
    assert Cycle.objects.get(pk=cycle.pk).state != state


def test_tangerang_disposition_is_written_by_the_sekretaris(sops):
    opd = sops["Dinas Ketenagakerjaan"]
    users = staff(opd)
    cycle = cycle_services.cycle_create(opd=opd, year=2026, period="tw2", user=users["kepala"])
    assert cycle_policy.may_dispose(users["sekretaris"], cycle)
    assert not cycle_policy.may_dispose(users["kepala"], cycle)


def test_the_inbox_and_the_mail_follow_the_sop_not_a_fixed_table(sops, client):
    """Tangerang's SOP has the Sekretaris write the disposition: the inbox asks the policy."""
    opd = sops["Dinas Ketenagakerjaan"]
    users = staff(opd)
    cycle = cycle_services.cycle_create(opd=opd, year=2026, period="tw2", user=users["kepala"])
    client.force_login(users["sekretaris"])
    assert "Tulis disposisi" in client.get(reverse("kinerja:inbox")).text
    client.force_login(users["kepala"])
    assert "Tulis disposisi" not in client.get(reverse("kinerja:inbox")).text
    assert "sekretaris" in cycle_policy.waiting_roles(cycle)


def test_due_dates_follow_the_sop_in_working_time(sops, monkeypatch):
    opd = sops["Kecamatan Candipuro"]
    users = staff(opd)
    Holiday.objects.create(pemda=opd.pemda, date=datetime.date(2026, 11, 24), name="Cuti bersama")
    created = datetime.datetime(2026, 11, 20, 15, 0, tzinfo=datetime.UTC).astimezone(
        timezone.get_current_timezone()
    )
    monkeypatch.setattr(timezone, "now", lambda: created)  # Friday 20 Nov 2026, 22:00 WIB: after hours
    cycle = cycle_services.cycle_create(opd=opd, year=2026, period="tw3", user=users["kepala"])
    due = {state: datetime.datetime.fromisoformat(value) for state, value in cycle.state_due.items()}
    # disposisi: 10 menit + 2 jam from Monday 07:30 -> Monday 09:40
    assert due["disposisi"].strftime("%a %d %H:%M") == "Mon 23 09:40"
    # pengumpulan: 1 jam + 3 jam + 3 hari: Monday 13:40, then 3 working days skipping Tuesday 24 (holiday)
    assert due["pengumpulan"].strftime("%a %d %H:%M") == "Fri 27 13:40"


def test_the_cycle_page_shows_the_sop_checklist_and_standard_times(sops, client):
    opd = sops["Dinas Tenaga Kerja"]
    users = staff(opd)
    cycle = cycle_services.cycle_create(opd=opd, year=2026, period="tw2", user=users["kepala"])
    client.force_login(users["sekretaris"])
    page = client.get(reverse("kinerja:cycle_detail", args=[cycle.pk]))
    assert 'data-testid="sop-checklist"' in page.text
    assert "Menugaskan dan memberikan arahan kepada Tim Sakip" in page.text
    assert "baku 30 menit" in page.text


def test_compliance_counts_cycles_that_met_the_standard(sops, client):
    opd = sops["Dinas Tenaga Kerja"]
    users = staff(opd)
    cycle = cycle_services.cycle_create(opd=opd, year=2026, period="tw2", user=users["kepala"])
    cycle_services.cycle_dispose(cycle_id=cycle.pk, user=users["kepala"], instruction="Ukur", due_date=None)
    cycle_services.cycle_assign(
        cycle_id=cycle.pk, user=users["sekretaris"], team=[users["tim_sakip"]], note="", pics={}
    )
    cycle_services.cycle_mulai_pengumpulan(cycle_id=cycle.pk, user=users["sekretaris"])
    from tests.kinerja.cycle_helpers import fill_all

    fill_all(cycle, users["tim_sakip"])
    cycle_services.cycle_ajukan_rekap(cycle_id=cycle.pk, user=users["tim_sakip"])
    client.force_login(users["kepala"])
    page = client.get(reverse("sop:compliance_opd", args=[opd.pk]))
    rows = {r.state: r for r in page.context["rows"]}
    assert (rows["disposisi"].measured, rows["disposisi"].met) == (1, 1)
    assert (rows["pengumpulan"].measured, rows["pengumpulan"].met) == (1, 1)
    assert rows["rekap"].measured == 0  # still in it
    assert rows["disposisi"].median_standard == "30 menit"
    # Another OPD's user sees nothing of it.
    other = staff(sops["Kecamatan Candipuro"])
    client.force_login(other["kepala"])
    assert client.get(reverse("sop:compliance_opd", args=[opd.pk])).status_code == 404
