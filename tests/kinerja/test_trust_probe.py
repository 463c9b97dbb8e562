"""Holes an attacker probe of the trust rules (issue 11, items 1 and 2) found after they were built.

Each test reproduced one attack and failed before its fix: a reader cycle under review (P1),
the measurement frequency (P2), the Pemda settings (P3), an indicator added mid-review entering
the draft (P4), a delegation carrying another person's NIP (S1) or recorded for oneself (S2),
evidence left out of four eyes (E1), the Django admin editing what a cycle shows (A1).
"""

import contextlib
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from kinerja import capaian, recap, services
from kinerja.cycle import entry as cycle_entry
from kinerja.cycle import locks as cycle_locks
from kinerja.cycle import policy as cycle_policy
from kinerja.cycle import services as cycle_services
from kinerja.cycle.selectors import report_rows
from kinerja.models import Cycle, Delegation, Official, PemdaSettings, Realisasi, State, User
from kinerja.models.settings import default_scale
from tests.factories import IndicatorFactory, MembershipFactory
from tests.kinerja.cycle_helpers import fill_all, force_state, new_cycle

pytestmark = pytest.mark.django_db

HEAD_NIP = "196811181990031005"  # the Kepala's own Official record (tests/conftest.py)


def shown(world, period: str):
    """What the OPD recap (and the cycle's draft report) shows for the world's indicator."""
    row = recap.opd_recap(world.opd, world.renstra, 2026, capaian.PERIODS[period]).rows[0]
    return row.result.realisasi.value, row.result.capaian.value, row.predikat_label


def signed_tw1(world) -> Cycle:
    tw1 = force_state(new_cycle(world, "tw1"), "pengesahan", world)
    cycle_services.cycle_sahkan(cycle_id=tw1.pk, user=world.users["kepala"])
    return Cycle.objects.get(pk=tw1.pk)


def open_tw1_revision(world, archived: Cycle) -> Cycle:
    revision = cycle_services.cycle_create(
        opd=world.opd, year=2026, period="tw1", user=world.users["kepala"], revision_of=archived
    )
    Cycle.objects.filter(pk=revision.pk).update(instruction="Koreksi TW I", state=State.PENGUMPULAN)
    revision.team.set([world.users["tim_sakip"]])
    return Cycle.objects.get(pk=revision.pk)


def write_tw1(world, cycle: Cycle, value) -> None:
    """Tim SAKIP saves a TW I value in the TW I cycle's grid (refusals swallowed: the outcome counts)."""
    q1 = Realisasi.objects.get(indicator=world.indicator, year=2026, quarter=1)
    with contextlib.suppress(PermissionDenied, ValidationError):
        cycle_entry.item_save(
            item_id=cycle.items.get().pk,
            user=world.users["tim_sakip"],
            data={"value": Decimal(value)},
            version=q1.version,
        )


# ------------------------------------------------------------------ period ownership


def test_p1_a_tw1_revision_changes_the_cumulative_value_a_tw2_cycle_awaits_signature_with(world):
    """HIGH. TW II (kumulatif) was reviewed showing TW I + TW II = 20; a TW I revision then moves it.

    period_lock only asks the cycle that OWNS the quarter; the cycles that READ it (a later TW
    of a cumulative/average indicator, S1, S2, Tahunan) are not consulted.
    """
    tw1 = signed_tw1(world)
    tw2 = force_state(new_cycle(world, "tw2"), "pengesahan", world)  # reviewed, awaiting signature
    reviewed = shown(world, "tw2")
    assert reviewed[0] == Decimal(20)
    write_tw1(world, open_tw1_revision(world, tw1), 500)
    assert shown(world, "tw2") == reviewed, "a reviewed TW II changed through another cycle"
    # And the Kepala signs a value the Sekretaris never saw.
    cycle_services.cycle_sahkan(cycle_id=tw2.pk, user=world.users["kepala"])
    assert Cycle.objects.get(pk=tw2.pk).items.get().final_realisasi == reviewed[0]


def test_p1b_a_tw1_revision_changes_what_a_semester_cycle_in_pengesahan_shows(world):
    """HIGH. Same root: Semester I recaps TW I + TW II and was reviewed; a TW I revision moves it."""
    tw1 = signed_tw1(world)
    tw2 = force_state(new_cycle(world, "tw2"), "pengesahan", world)
    cycle_services.cycle_sahkan(cycle_id=tw2.pk, user=world.users["kepala"])
    force_state(new_cycle(world, "s1"), "pengesahan", world)
    reviewed = shown(world, "s1")
    write_tw1(world, open_tw1_revision(world, tw1), 500)
    assert shown(world, "s1") == reviewed, "a reviewed Semester I changed through a TW I revision"


def test_p1c_a_first_tw1_cycle_made_late_changes_a_reviewed_tw2(world):
    """HIGH (same root). No TW I cycle existed; one is created while TW II awaits signature."""
    tw2 = new_cycle(world, "tw2")
    Cycle.objects.filter(pk=tw2.pk).update(instruction="Ukur", state=State.PENGUMPULAN)
    tw2.team.set([world.users["tim_sakip"]])
    fill_all(Cycle.objects.get(pk=tw2.pk), world.users["tim_sakip"])
    Cycle.objects.filter(pk=tw2.pk).update(state=State.PENGESAHAN)
    reviewed = shown(world, "tw2")
    tw1 = new_cycle(world, "tw1")
    Cycle.objects.filter(pk=tw1.pk).update(instruction="Ukur", state=State.PENGUMPULAN)
    tw1.team.set([world.users["tim_sakip"]])
    with contextlib.suppress(PermissionDenied, ValidationError):
        cycle_entry.item_save(
            item_id=tw1.items.get().pk, user=world.users["tim_sakip"], data={"value": Decimal(500)}, version=0
        )
    assert shown(world, "tw2") == reviewed


def test_p2_changing_a_frequency_mid_cycle_hands_a_signed_off_cycle_an_empty_owned_item(world):
    """MEDIUM. An annual indicator (no realisasi yet) is shown 'not measured' by TW II in pengesahan.

    indicator_update only refuses a frequency change once realisasi exists, and definition_lock
    does not cover the frequency: switching it to triwulan makes the reviewed TW II own an
    indicator with no value, and the Kepala can sign it (blockers run only at ajukan_rekap).
    """
    annual = IndicatorFactory(element=world.sasaran, name="Indeks tahunan", frequency="tahunan")
    tw2 = new_cycle(world, "tw2")
    Cycle.objects.filter(pk=tw2.pk).update(instruction="Ukur", state=State.PENGUMPULAN)
    services.realisasi_save(
        indicator=world.indicator, year=2026, quarter=2, user=world.users["tim_sakip"], data={"value": 10}
    )
    Cycle.objects.filter(pk=tw2.pk).update(state=State.PENGESAHAN)
    tw2 = Cycle.objects.get(pk=tw2.pk)
    assert cycle_locks._missing_realisasi(tw2) == 0
    with contextlib.suppress(ValidationError):
        services.indicator_update(indicator=annual, data={"frequency": "triwulan"})
    assert cycle_locks._missing_realisasi(tw2) == 0, "the reviewed cycle now owns an empty item"


def test_p3_pemda_settings_change_the_capaian_and_predikat_of_a_reviewed_cycle(client, world):
    """MEDIUM. The Pemda's capaian cap / negative formula / predikat scale are not held.

    definition_lock holds an indicator's polarity, band and aggregation while a cycle shows its
    capaian, but admin_pemda's settings page changes the same computation with no lock.
    """
    services.targets_set(indicator=world.indicator, year=2026, values={1: Decimal(2), 2: Decimal(3)})
    force_state(new_cycle(world, "tw2"), "pengesahan", world)
    reviewed = shown(world, "tw2")
    assert reviewed[1] is not None and reviewed[1] > 100
    client.force_login(world.users["admin_pemda"])
    scale = default_scale()
    data = {
        "negative_formula": PemdaSettings.NegativeFormula.SELISIH,
        "capaian_cap": "100",
        "skala-TOTAL_FORMS": str(len(scale)),
        "skala-INITIAL_FORMS": str(len(scale)),
        "skala-MIN_NUM_FORMS": "0",
        "skala-MAX_NUM_FORMS": "10",
    }
    for i, band in enumerate(scale):
        data |= {
            f"skala-{i}-minimum": band["minimum"].replace(".", ","),
            f"skala-{i}-maksimum": (band["maksimum"] or "").replace(".", ","),
            f"skala-{i}-label": band["label"],
            f"skala-{i}-warna": band["warna"],
        }
    response = client.post(reverse("kinerja:pemda_settings", args=[world.pemda.pk]), data)
    assert response.status_code in (200, 302, 403)
    assert shown(world, "tw2") == reviewed, "a reviewed cycle's capaian changed by a Pemda setting"


def test_p4_a_new_indicator_created_mid_review_enters_the_draft_but_not_the_signed_report(world):
    """LOW. The draft the Sekretaris reviews lists every indicator of the Renstra (live recap);
    the signed report lists the cycle's items. An indicator created while the cycle is in
    pengesahan changes the draft and silently vanishes from what is signed."""
    tw2 = force_state(new_cycle(world, "tw2"), "pengesahan", world)
    before = len(report_rows(tw2)[0])
    with contextlib.suppress(ValidationError):
        services.indicator_create(
            element=world.sasaran,
            data={"name": "Indikator baru di tengah siklus", "satuan": "orang", "polarity": "positif"},
        )
    assert len(report_rows(Cycle.objects.get(pk=tw2.pk))[0]) == before


# ------------------------------------------------------------------ signature and delegations


def _delegation_data(world, user, **extra) -> dict:
    today = timezone.localdate()
    return {
        "user": user,
        "kind": "plt",
        "jabatan": "Kepala Dinas Tenaga Kerja",
        "name": "HERU SANTOSO, S.Sos.",
        "nip": "197501012000031002",
        "starts_on": today - datetime.timedelta(days=1),
        "ends_on": today + datetime.timedelta(days=30),
        "letter_number": "800/1/427.55/2026",
        **extra,
    }


def test_s1_a_plt_record_may_carry_the_replaced_heads_name_and_nip(world):
    """HIGH. The delegation's name and NIP are free text: admin_pemda can record the Sekretaris as
    Plt. with the Kepala's own name and NIP (the form only *asks* for the delegate's own NIP).
    The Sekretaris then signs and the archive prints the Kepala's NIP under the Sekretaris'
    signature: "never another official's" fails."""
    head = Official.objects.get(opd=world.opd, user=world.users["kepala"])
    with pytest.raises(ValidationError):
        services.delegation_record(
            opd=world.opd,
            by=world.users["admin_pemda"],
            data=_delegation_data(world, world.users["sekretaris"], name=head.name, nip=head.nip),
        )


def test_s1b_a_plt_signs_with_a_nip_that_is_not_on_their_own_official_record(world):
    """HIGH. The delegate has an Official record (NIP A, in the other OPD); the delegation says
    NIP B. The signature takes B: the signed NIP differs from the signer's own record."""
    delegate = world.users["other_sekretaris"]
    Official.objects.create(
        pemda=world.pemda, opd=world.other_opd, user=delegate, jabatan="Sekretaris Camat",
        name="HERU SANTOSO, S.Sos.", nip="197501012000031002",
    )  # fmt: skip
    try:
        services.delegation_record(
            opd=world.opd,
            by=world.users["admin_pemda"],
            data=_delegation_data(world, delegate, nip="198001012005011003"),
        )
    except ValidationError:
        return  # refused: held
    cycle = force_state(new_cycle(world), "pengesahan", world)
    delegate = User.objects.get(pk=delegate.pk)  # the next request: roles loaded afresh
    cycle_services.cycle_sahkan(cycle_id=cycle.pk, user=delegate)
    own = set(Official.objects.filter(user=delegate).values_list("nip", flat=True))
    assert Cycle.objects.get(pk=cycle.pk).signer_nip in own


def test_s2_admin_pemda_records_a_plt_for_themselves_then_signs(world):
    """MEDIUM-HIGH. One person grants and uses the signing power: admin_pemda (who also holds any
    post in an OPD of the Pemda, e.g. staff of Bagian Organisasi) records themselves as Plt.
    Kepala of any OPD, no letter checked by anyone else, and signs its cycles."""
    admin = world.users["admin_pemda"]
    MembershipFactory(user=admin, opd=world.other_opd, role="operator")
    with pytest.raises((ValidationError, PermissionDenied)):
        services.delegation_record(opd=world.opd, by=admin, data=_delegation_data(world, admin))


def test_s2b_self_recorded_plt_signs_end_to_end(world):
    admin = world.users["admin_pemda"]
    MembershipFactory(user=admin, opd=world.other_opd, role="operator")
    try:
        services.delegation_record(opd=world.opd, by=admin, data=_delegation_data(world, admin))
    except (ValidationError, PermissionDenied):
        return  # refused: held
    cycle = force_state(new_cycle(world), "pengesahan", world)
    admin = User.objects.get(pk=admin.pk)  # the next request: roles loaded afresh
    with pytest.raises(PermissionDenied):
        cycle_services.cycle_sahkan(cycle_id=cycle.pk, user=admin)
    assert Delegation.objects.filter(user=admin, created_by=admin).exists()


# ------------------------------------------------------------------ four eyes


def test_e1_the_reviewer_who_changed_the_evidence_still_passes_the_review(world):
    """LOW-MEDIUM. The Sekretaris assigns themselves PIC of an item, deletes the evidence another
    person uploaded and adds their own, then passes the review. Four eyes counts only realisasi
    history (RealisasiHistory), not evidence, though the review snapshot certifies evidence."""
    cycle = force_state(new_cycle(world), "pengumpulan", world)
    item = cycle.items.get()
    theirs = cycle_entry.evidence_add(
        item_id=item.pk, user=world.users["tim_sakip"], link="https://contoh.go.id/bukti-asli"
    )
    item.pic = world.users["sekretaris"]
    item.save(update_fields=["pic"])
    cycle_entry.evidence_delete(evidence_id=theirs.pk, user=world.users["sekretaris"])
    cycle_entry.evidence_add(
        item_id=item.pk, user=world.users["sekretaris"], link="https://contoh.go.id/bukti-ganti"
    )
    Cycle.objects.filter(pk=cycle.pk).update(state=State.REVIU)
    cycle = Cycle.objects.get(pk=cycle.pk)
    assert cycle_policy.four_eyes_refusal(world.users["sekretaris"], cycle, "teruskan_pengesahan")


# ------------------------------------------------------------------ the Django admin (superuser)


def test_a1_the_admin_edits_a_value_under_review_without_history(rf, world):
    """LOW (trusted operator, but a path that skips every check). RealisasiAdmin freezes only
    values of an ARCHIVED cycle: a value a cycle shows in rekap/reviu/pengesahan is editable, and
    an admin save writes no RealisasiHistory (so four eyes cannot see who changed it). Targets,
    an indicator's polarity/frequency (IndicatorAdmin, TargetAdmin) and a running cycle's
    sop_revision/team/period (CycleAdmin) are likewise open."""
    from django.contrib.admin.sites import site

    force_state(new_cycle(world), "pengesahan", world)
    value = Realisasi.objects.get(indicator=world.indicator, year=2026, quarter=2)
    request = rf.get("/admin/")
    request.user = world.users["superuser"]
    assert not site._registry[Realisasi].has_change_permission(request, value)
