"""Values under review or archived change only through their own cycle (issue 11, item 2).

The attack: realisasi is stored per (indicator, year, quarter), so TW II and Semester I both
touch Q2. While TW II was in reviu a parallel Semester I cycle changed the values being
reviewed; after TW II was signed with 3,1 frozen, an S1 cycle set the live Q2 value to 77777
and the OPD recap for TW II showed 77777.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja import capaian, recap, services
from kinerja.cycle import entry as cycle_entry
from kinerja.cycle import locks as cycle_locks
from kinerja.cycle import policy as cycle_policy
from kinerja.cycle import services as cycle_services
from kinerja.models import Cycle, Realisasi, State
from tests.factories import IndicatorFactory
from tests.kinerja.cycle_helpers import force_state, new_cycle

pytestmark = pytest.mark.django_db


def q2(world) -> Realisasi:
    return Realisasi.objects.get(indicator=world.indicator, year=2026, quarter=2)


def open_s1(world) -> Cycle:
    s1 = new_cycle(world, "s1")
    Cycle.objects.filter(pk=s1.pk).update(instruction="Ukur", state=State.PENGUMPULAN)
    s1.team.set([world.users["tim_sakip"]])
    return Cycle.objects.get(pk=s1.pk)


def test_every_quarter_has_exactly_one_owning_period():
    assert capaian.owning_period("triwulan", 2) == "tw2"
    assert capaian.owning_period("semester", 2) == "s1"
    assert capaian.owning_period("semester", 4) == "s2"
    assert capaian.owning_period("semester", 1) is None
    assert capaian.owning_period("tahunan", 4) == "tahun"
    assert capaian.owning_period("tahunan", 2) is None
    for frequency in ("triwulan", "semester", "tahunan"):
        for quarter in (1, 2, 3, 4):
            owner = capaian.owning_period(frequency, quarter)
            assert owner is None or capaian.PERIODS[owner].up_to_quarter == quarter


def test_a_semester_cycle_cannot_change_a_quarter_under_review(client, world):
    tw2 = force_state(new_cycle(world), "reviu", world)
    reviewed = q2(world)
    s1 = open_s1(world)
    item = s1.items.get()
    with pytest.raises(PermissionDenied, match="dikumpulkan siklus Triwulan II"):
        cycle_entry.item_save(
            item_id=item.pk,
            user=world.users["tim_sakip"],
            data={"value": Decimal(77777)},
            version=reviewed.version,
        )
    # Through the grid, as the attacker did.
    client.force_login(world.users["tim_sakip"])
    response = client.post(
        reverse("kinerja:item_save", args=[s1.pk, item.pk]),
        {f"r{item.pk}-value": "77777", f"r{item.pk}-version": str(reviewed.version)},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code in (403, 200)
    assert q2(world).value == reviewed.value and q2(world).version == reviewed.version
    page = client.get(reverse("kinerja:cycle_grid", args=[s1.pk]))
    assert "dikumpulkan siklus Triwulan II" in page.text
    # And at the root: no service writes a value its cycle shows.
    with pytest.raises(ValidationError, match="tahap reviu"):
        services.realisasi_save(
            indicator=world.indicator, year=2026, quarter=2, user=world.users["tim_sakip"], data={"value": 1}
        )
    assert Cycle.objects.get(pk=tw2.pk).state == State.REVIU


def test_a_signed_quarter_stays_as_signed_in_the_recap(world):
    services.targets_set(indicator=world.indicator, year=2026, values={1: Decimal(48), 2: Decimal(60)})
    tw2 = force_state(new_cycle(world), "pengesahan", world)
    cycle_services.cycle_sahkan(cycle_id=tw2.pk, user=world.users["kepala"])
    signed = Cycle.objects.get(pk=tw2.pk).items.get().final_realisasi
    s1 = open_s1(world)
    with pytest.raises(PermissionDenied):
        cycle_entry.item_save(
            item_id=s1.items.get().pk,
            user=world.users["tim_sakip"],
            data={"value": Decimal(77777)},
            version=q2(world).version,
        )
    with pytest.raises(ValidationError, match="diarsipkan: koreksi hanya lewat revisi"):
        services.realisasi_save(
            indicator=world.indicator,
            year=2026,
            quarter=2,
            user=world.users["tim_sakip"],
            data={"value": Decimal(77777)},
        )
    row = recap.opd_recap(world.opd, world.renstra, 2026, capaian.PERIODS["tw2"]).rows[0]
    assert row.result.realisasi.value == signed == Decimal(10)


def test_a_revision_cycle_of_the_archive_is_the_way_to_correct_it(world):
    tw2 = force_state(new_cycle(world), "pengesahan", world)
    cycle_services.cycle_sahkan(cycle_id=tw2.pk, user=world.users["kepala"])
    revision = cycle_services.cycle_create(
        opd=world.opd,
        year=2026,
        period="tw2",
        user=world.users["kepala"],
        revision_of=Cycle.objects.get(pk=tw2.pk),
    )
    Cycle.objects.filter(pk=revision.pk).update(instruction="Koreksi", state=State.PENGUMPULAN)
    revision.team.set([world.users["tim_sakip"]])
    cycle_entry.item_save(
        item_id=revision.items.get().pk,
        user=world.users["tim_sakip"],
        data={"value": Decimal(11)},
        version=q2(world).version,
    )
    assert q2(world).value == Decimal(11)
    # The archive keeps what was signed.
    assert Cycle.objects.get(pk=tw2.pk).items.get().final_realisasi == Decimal(10)


def test_a_semester_cycle_collects_its_own_indicators_and_reads_the_quarters(world):
    semester = IndicatorFactory(element=world.sasaran, name="Indeks kepuasan semester", frequency="semester")
    tw2 = new_cycle(world)
    Cycle.objects.filter(pk=tw2.pk).update(instruction="Ukur", state=State.PENGUMPULAN)
    tw2_item = Cycle.objects.get(pk=tw2.pk).items.get(indicator=semester)
    assert "dikumpulkan siklus Semester I" in cycle_policy.edit_refusal(world.users["tim_sakip"], tw2_item)
    # TW II does not wait for the semester indicator.
    services.realisasi_save(
        indicator=world.indicator, year=2026, quarter=2, user=world.users["tim_sakip"], data={"value": 5}
    )
    assert not any(
        "belum diisi" in b for b in cycle_locks.blockers(Cycle.objects.get(pk=tw2.pk), "ajukan_rekap")
    )
    s1 = open_s1(world)
    s1_item = s1.items.get(indicator=semester)
    cycle_entry.item_save(item_id=s1_item.pk, user=world.users["tim_sakip"], data={"value": 80}, version=0)
    assert Realisasi.objects.get(indicator=semester, quarter=2).value == 80
    # The semester recap reads signed quarters: it waits for TW II to be signed.
    reasons = cycle_locks.blockers(Cycle.objects.get(pk=s1.pk), "ajukan_rekap")
    assert any("Triwulan II belum disahkan" in r for r in reasons)


def test_the_frequency_stays_once_an_indicator_has_values(world):
    services.realisasi_save(
        indicator=world.indicator, year=2026, quarter=1, user=world.users["tim_sakip"], data={"value": 5}
    )
    with pytest.raises(ValidationError, match="Frekuensi pengukuran tidak dapat diubah"):
        services.indicator_update(indicator=world.indicator, data={"frequency": "semester"})


def test_targets_hold_while_a_cycle_of_the_year_is_reviewed(client, world):
    force_state(new_cycle(world), "reviu", world)
    with pytest.raises(ValidationError, match="sedang dipakai siklus Triwulan II"):
        services.targets_set(indicator=world.indicator, year=2026, values={0: Decimal(999)})
    client.force_login(world.users["tim_sakip"])
    response = client.post(reverse("kinerja:targets_edit", args=[world.indicator.pk, 2026]), {"q0": "999"})
    assert "sedang dipakai siklus Triwulan II" in response.text
    assert world.indicator.targets.get(quarter=0).value == 240
    # Unchanged values pass (re-saving the same targets is no change).
    services.targets_set(indicator=world.indicator, year=2026, values={0: Decimal(240)})


def test_how_capaian_is_computed_holds_while_a_cycle_shows_it(world):
    force_state(new_cycle(world), "pengesahan", world)
    with pytest.raises(ValidationError, match="Cara menghitung capaian"):
        services.indicator_update(indicator=world.indicator, data={"polarity": "negatif"})
    # Wording can still be fixed.
    services.indicator_update(indicator=world.indicator, data={"definition": "Definisi diperjelas."})
