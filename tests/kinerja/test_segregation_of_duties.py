"""Only the right official signs (issue 11, item 1): the floor no SOP can lower, four eyes, own records.

The attack that started it: Candipuro's Tim SAKIP imported a copy of a seed SOP with every
lane mapped to ``tim_sakip`` (the labels "Camat", "Sekretaris" kept), created a cycle with it
and took every transition alone; the report printed the Camat's name and NIP.
"""

import copy
import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kinerja import services
from kinerja.cycle import entry as cycle_entry
from kinerja.cycle import jobs
from kinerja.cycle import policy as cycle_policy
from kinerja.cycle import services as cycle_services
from kinerja.models import (
    ArchivedDocument,
    Cycle,
    Delegation,
    Membership,
    Official,
    RenstraPeriod,
    SignOffJob,
    State,
    Unit,
)
from sop.models import SopLane, SopTemplate
from sop.seeds import KECAMATAN_CANDIPURO, SEED_SOPS
from sop.services import SopError, load_seed_sops, revision_save, sop_import
from tests.factories import ElementFactory, IndicatorFactory, UserFactory
from tests.kinerja.cycle_helpers import fill_all, force_state, new_cycle

pytestmark = pytest.mark.django_db

SIGN_REFUSAL = "Anda tidak dapat mengesahkan nilai yang Anda isi atau rekap sendiri."
REVIEW_REFUSAL = "Anda tidak dapat mereviu nilai yang Anda isi atau rekap sendiri."


def every_lane_tim_sakip(seed: dict) -> dict:
    """The attacker's file: a seed SOP whose every lane maps to tim_sakip, labels kept."""
    data = copy.deepcopy(seed)
    data["slug"] = "sop-tim-sakip-sendiri"
    for lane in data["revision"]["lanes"]:
        lane["role"] = "tim_sakip"
    return data


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def candipuro(seed_owners):
    """Kecamatan Candipuro with its seed SOP and a person in every role (the head has no record yet)."""
    load_seed_sops()
    opd = seed_owners["Kecamatan Candipuro"]
    users = {}
    unit = Unit.objects.create(opd=opd, name="Seksi Pemerintahan", kind="seksi")
    for role in ("kepala", "sekretaris", "kepala_unit", "tim_sakip", "operator"):
        users[role] = UserFactory(username=f"candipuro.{role}")
        Membership.objects.create(
            user=users[role], opd=opd, role=role, unit=unit if role == "kepala_unit" else None
        )
    renstra = RenstraPeriod.objects.create(opd=opd, name="Renstra", start_year=2025, end_year=2029)
    IndicatorFactory(element=ElementFactory(renstra=renstra), unit=unit)
    Official.objects.create(
        pemda=opd.pemda,
        opd=opd,
        user=users["kepala"],
        jabatan="Camat Candipuro",
        name="AKHMAD KHARIRI, SH",
        nip="197208181994031009",
    )
    return opd, users


# ---------------------------------------------------------------- the floor, at every door


def test_the_import_refuses_lanes_below_the_floor_naming_step_and_lane(client, candipuro):
    opd, users = candipuro
    client.force_login(users["tim_sakip"])
    before = SopTemplate.objects.count()
    payload = json.dumps(every_lane_tim_sakip(KECAMATAN_CANDIPURO)).encode()
    response = client.post(
        reverse("sop:import"), {"file": SimpleUploadedFile("sop.json", payload, "application/json")}
    )
    assert response.status_code == 200
    text = response.text
    assert "Langkah 8: pelaksana &#x27;Sekretaris&#x27; (Tim SAKIP)" in text  # reviu
    assert "Langkah 9: pelaksana &#x27;Camat&#x27; (Tim SAKIP)" in text  # pengesahan
    assert "Plt./Plh. yang tercatat" in text
    assert SopTemplate.objects.count() == before


def test_the_import_command_and_the_editor_refuse_it_too(candipuro):
    with pytest.raises(SopError) as refused:
        sop_import(every_lane_tim_sakip(KECAMATAN_CANDIPURO))
    assert any("Langkah 9" in m and "'Camat'" in m for m in refused.value.messages)
    opd, _users = candipuro
    template = SopTemplate.objects.get(opd=opd)
    with pytest.raises(SopError) as refused:  # the editor saves through revision_save
        revision_save(template=template, data=every_lane_tim_sakip(KECAMATAN_CANDIPURO)["revision"])
    assert any("Langkah 8" in m and "'Sekretaris'" in m for m in refused.value.messages)
    assert template.revisions.count() == 1


def test_an_sop_may_narrow_a_state_but_never_widen_it(candipuro):
    """Reviu by the kepala only (narrower than Sekretaris or kepala) is fine."""
    data = copy.deepcopy(KECAMATAN_CANDIPURO)
    data["slug"] = "camat-mereviu"
    data["revision"]["lanes"][1]["role"] = "kepala"  # the "Sekretaris" lane: kepala
    assert sop_import(data).nama


def forge_every_lane_tim_sakip(revision) -> None:
    """A template saved before the floor existed (or written around the editor)."""
    SopLane.objects.filter(revision=revision).update(role="tim_sakip")
    revision.__dict__.pop("_state_rules", None)


def test_a_template_below_the_floor_is_flagged_and_starts_no_cycle(client, candipuro):
    opd, users = candipuro
    revision = SopTemplate.objects.get(opd=opd).revisions.get()
    forge_every_lane_tim_sakip(revision)
    with pytest.raises(ValidationError, match="pemisahan tugas"):
        cycle_services.cycle_create(opd=opd, year=2026, period="tw4", user=users["tim_sakip"])
    assert not Cycle.objects.exists()
    client.force_login(users["tim_sakip"])
    page = client.get(reverse("sop:detail", args=[revision.template_id]))
    assert 'data-testid="sop-floor-problems"' in page.text
    assert "Langkah 9" in page.text
    response = client.post(
        reverse("kinerja:cycle_create", args=[opd.pk]),
        {"year": 2026, "period": "tw4", "sop": revision.pk},
    )
    assert "pemisahan tugas" in response.text
    assert not Cycle.objects.exists()


def test_the_attack_alone_through_every_transition_stops_at_reviu(client, candipuro):
    """A cycle already running on such a template: Tim SAKIP alone gets no further than rekap."""
    opd, users = candipuro
    revision = SopTemplate.objects.get(opd=opd).revisions.get()
    cycle = cycle_services.cycle_create(opd=opd, year=2026, period="tw4", user=users["tim_sakip"])
    forge_every_lane_tim_sakip(revision)
    attacker = users["tim_sakip"]
    client.force_login(attacker)
    url = reverse("kinerja:cycle_dispose", args=[cycle.pk])
    client.post(url, {"instruction": "Ukur", "due_date": ""})
    cycle_services.cycle_assign(cycle_id=cycle.pk, user=attacker, team=[attacker], note="", pics={})
    for name in ("mulai_pengumpulan", "ajukan_rekap", "ajukan_reviu"):
        if name == "ajukan_rekap":
            fill_all(cycle, attacker)
        client.post(reverse("kinerja:cycle_action", args=[cycle.pk, name]))
    assert Cycle.objects.get(pk=cycle.pk).state == State.REVIU
    # The floor: reviu is for the Sekretaris or the kepala, whatever the lanes say.
    for name in ("teruskan_pengesahan", "kembalikan_ke_rekap"):
        response = client.post(reverse("kinerja:cycle_action", args=[cycle.pk, name]), {"note": "x"})
        assert response.status_code == 403
        assert not cycle_policy.may_take(attacker, Cycle.objects.get(pk=cycle.pk), name)
    assert Cycle.objects.get(pk=cycle.pk).state == State.REVIU
    # And pengesahan only for the head, even if the attacker reached it.
    Cycle.objects.filter(pk=cycle.pk).update(state=State.PENGESAHAN)
    response = client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "sahkan"]))
    assert response.status_code == 403
    cycle = Cycle.objects.get(pk=cycle.pk)
    assert cycle.state == State.PENGESAHAN and not cycle.signer_nip
    assert not SignOffJob.objects.exists() and not ArchivedDocument.objects.exists()
    assert set(cycle.transitions.values_list("user", flat=True)) == {attacker.pk}  # it got no further


# ---------------------------------------------------------------- four eyes


def test_nobody_passes_the_review_of_values_they_entered(world):
    cycle = new_cycle(world)
    sekretaris = world.users["sekretaris"]
    Membership.objects.create(user=sekretaris, opd=world.opd, role="tim_sakip")
    cycle = force_state(cycle, "pengumpulan", world)
    item = cycle.items.get()
    current = item.indicator.realisasi.get()
    cycle_entry.item_save(
        item_id=item.pk, user=sekretaris, data={"value": Decimal(12)}, version=current.version
    )
    Cycle.objects.filter(pk=cycle.pk).update(state=State.REVIU)
    cycle = Cycle.objects.get(pk=cycle.pk)
    assert cycle_policy.four_eyes_refusal(sekretaris, cycle, "teruskan_pengesahan") == REVIEW_REFUSAL
    with pytest.raises(PermissionDenied, match="mereviu nilai yang Anda isi"):
        cycle_services.cycle_teruskan_pengesahan(cycle_id=cycle.pk, user=sekretaris)
    # Returning it is no certification: still allowed.
    other = UserFactory(username="sekretaris.lain")
    Membership.objects.create(user=other, opd=world.opd, role="sekretaris")
    cycle_services.cycle_teruskan_pengesahan(cycle_id=cycle.pk, user=other)
    assert Cycle.objects.get(pk=cycle.pk).state == State.PENGESAHAN


def test_the_head_does_not_sign_values_they_entered_and_the_page_says_why(client, world):
    kepala = world.users["kepala"]
    Membership.objects.create(user=kepala, opd=world.opd, role="tim_sakip")
    cycle = force_state(new_cycle(world), "pengumpulan", world)
    item = cycle.items.get()
    current = item.indicator.realisasi.get()
    cycle_entry.item_save(item_id=item.pk, user=kepala, data={"value": Decimal(12)}, version=current.version)
    Cycle.objects.filter(pk=cycle.pk).update(state=State.PENGESAHAN)
    client.force_login(kepala)
    page = client.get(reverse("kinerja:cycle_detail", args=[cycle.pk]))
    assert SIGN_REFUSAL in page.text
    response = client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "sahkan"]), follow=True)
    assert SIGN_REFUSAL in response.text
    assert Cycle.objects.get(pk=cycle.pk).state == State.PENGESAHAN
    with pytest.raises(PermissionDenied, match="mengesahkan nilai yang Anda isi"):
        cycle_services.cycle_sahkan(cycle_id=cycle.pk, user=kepala)


def test_the_head_who_recapped_does_not_sign(world):
    kepala = world.users["kepala"]
    Membership.objects.create(user=kepala, opd=world.opd, role="tim_sakip")
    cycle = force_state(new_cycle(world), "rekap", world)
    cycle_services.cycle_ajukan_reviu(cycle_id=cycle.pk, user=kepala)
    cycle_services.cycle_teruskan_pengesahan(cycle_id=cycle.pk, user=world.users["sekretaris"])
    with pytest.raises(PermissionDenied, match="mengesahkan nilai yang Anda isi atau rekap"):
        cycle_services.cycle_sahkan(cycle_id=cycle.pk, user=kepala)


def test_the_signer_is_not_the_reviewer_unless_the_sop_says_so(world):
    kepala = world.users["kepala"]
    Membership.objects.create(user=kepala, opd=world.opd, role="sekretaris")
    cycle = force_state(new_cycle(world), "reviu", world)
    cycle_services.cycle_teruskan_pengesahan(cycle_id=cycle.pk, user=kepala)
    with pytest.raises(PermissionDenied, match="empat mata"):
        cycle_services.cycle_sahkan(cycle_id=cycle.pk, user=kepala)


def test_dpmptsp_kadin_reviews_and_signs_as_its_sop_says(seed_owners):
    load_seed_sops()
    opd = seed_owners["Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"]
    users = staff(opd)
    revision = next(
        r for r in cycle_services.sop_choices(opd, timezone.localdate()) if "PENGUKURAN" in r.nama.upper()
    )
    assert cycle_policy.review_and_sign_joined(
        cycle_services.cycle_create(
            opd=opd, year=2026, period="tw2", user=users["kepala"], sop_revision=revision
        )
    )
    cycle = Cycle.objects.get()
    cycle = force_state(cycle, "reviu", W(users))
    cycle_services.cycle_teruskan_pengesahan(cycle_id=cycle.pk, user=users["kepala"])
    cycle_services.cycle_sahkan(cycle_id=cycle.pk, user=users["kepala"])
    assert Cycle.objects.get(pk=cycle.pk).state == State.ARSIP


# ---------------------------------------------------------------- the five seeds run under the rules


class W:
    def __init__(self, users):
        self.users = users


def staff(opd):
    users = {}
    unit = Unit.objects.create(opd=opd, name="Bidang", kind="bidang")
    for role in ("kepala", "sekretaris", "kepala_unit", "tim_sakip", "operator"):
        users[role] = UserFactory(username=f"{opd.pk}.{role}")
        Membership.objects.create(
            user=users[role], opd=opd, role=role, unit=unit if role == "kepala_unit" else None
        )
    renstra = RenstraPeriod.objects.create(opd=opd, name="Renstra", start_year=2025, end_year=2029)
    IndicatorFactory(element=ElementFactory(renstra=renstra), unit=unit)
    Official.objects.create(
        pemda=opd.pemda, opd=opd, user=users["kepala"], jabatan=f"Kepala {opd.name}", name="Kepala", nip=""
    )
    return users


def actor(cycle, name, users):
    """The first person the policy lets take ``name`` (the floor and four eyes included)."""
    for role in ("kepala", "sekretaris", "tim_sakip", "kepala_unit", "operator"):
        if cycle_policy.may_take(users[role], cycle, name):
            return users[role]
    raise AssertionError(f"nobody may take {name} in {cycle}")


@pytest.mark.parametrize("seed_index", range(len(SEED_SOPS)))
def test_each_seed_sop_runs_a_whole_cycle_under_the_floor_and_four_eyes(seed_owners, seed_index):
    revisions = load_seed_sops()
    revision = revisions[seed_index]
    owner = revision.template.opd
    users = staff(owner)
    cycle = cycle_services.cycle_create(
        opd=owner, year=2026, period="tw2", user=users["kepala"], sop_revision=revision
    )
    disposer, assigner = cycle_policy._disposition_roles(cycle)
    by_role = dict(users)
    cycle_services.cycle_dispose(
        cycle_id=cycle.pk, user=by_role[sorted(disposer)[0]], instruction="Ukur", due_date=None
    )
    cycle_services.cycle_assign(
        cycle_id=cycle.pk, user=by_role[sorted(assigner)[0]], team=[users["tim_sakip"]], note="", pics={}
    )
    for name in ("mulai_pengumpulan", "ajukan_rekap", "ajukan_reviu", "teruskan_pengesahan", "sahkan"):
        cycle = Cycle.objects.get(pk=cycle.pk)
        if name == "ajukan_rekap":
            fill_all(cycle, users["tim_sakip"])
        cycle_services.cycle_take(cycle_id=cycle.pk, name=name, user=actor(cycle, name, users))
    cycle = Cycle.objects.get(pk=cycle.pk)
    assert cycle.state == State.ARSIP
    signers = set(cycle.transitions.filter(name="sahkan").values_list("user", flat=True))
    assert signers == {users["kepala"].pk}
    reviewers = set(cycle.transitions.filter(name="teruskan_pengesahan").values_list("user", flat=True))
    entered = cycle_policy._entered_by(cycle) | set(
        cycle.transitions.filter(name="ajukan_reviu").values_list("user", flat=True)
    )
    assert not (reviewers | signers) & entered


# ---------------------------------------------------------------- who signs, with whose NIP


def test_a_head_without_an_official_record_cannot_sign_and_is_told_why(client, world):
    Official.objects.filter(user=world.users["kepala"]).delete()
    # The old fallback: another official with the same NIP as the user's account.
    world.users["kepala"].nip = "196811181990031005"
    world.users["kepala"].save()
    Official.objects.create(
        pemda=world.pemda, opd=world.opd, jabatan="Sekretaris", name="Orang Lain", nip="196811181990031005"
    )
    cycle = force_state(new_cycle(world), "pengesahan", world)
    client.force_login(world.users["kepala"])
    page = client.get(reverse("kinerja:cycle_detail", args=[cycle.pk]))
    assert "Anda belum mempunyai data pejabat" in page.text
    response = client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "sahkan"]), follow=True)
    assert "Anda belum mempunyai data pejabat" in response.text
    with pytest.raises(PermissionDenied, match="belum mempunyai data pejabat"):
        cycle_services.cycle_sahkan(cycle_id=cycle.pk, user=world.users["kepala"])
    assert Cycle.objects.get(pk=cycle.pk).state == State.PENGESAHAN


def plt(world, user, *, starts=None, ends=None, **extra) -> Delegation:
    today = timezone.localdate()
    return Delegation.objects.create(
        opd=world.opd,
        user=user,
        kind="plt",
        jabatan="Kepala Dinas Tenaga Kerja",
        name="HERU SANTOSO, S.Sos.",
        nip="197501012000031002",
        starts_on=starts or today - datetime.timedelta(days=30),
        ends_on=ends or today + datetime.timedelta(days=60),
        letter_number="800/123/427.55/2026",
        **extra,
    )


def test_a_recorded_plt_signs_as_plt_with_their_own_name_and_nip(world):
    delegate = UserFactory(username="plt.kadin")  # from another post: no role in this OPD
    delegation = plt(world, delegate)
    services.targets_set(indicator=world.indicator, year=2026, values={1: Decimal(48), 2: Decimal(60)})
    cycle = force_state(new_cycle(world), "pengesahan", world)
    jobs.start_sign_off(cycle=cycle, user=delegate)
    cycle = Cycle.objects.get(pk=cycle.pk)
    assert cycle.state == State.ARSIP
    assert (cycle.signer_jabatan, cycle.signer_name, cycle.signer_nip) == (
        "Plt. Kepala Dinas Tenaga Kerja",
        "HERU SANTOSO, S.Sos.",
        "197501012000031002",
    )
    assert cycle.signer_delegation == delegation
    assert cycle.transitions.get(name="sahkan").role == "Plt. Kepala OPD"
    document = ArchivedDocument.objects.get(cycle=cycle)
    text = text_of(document.file.read())
    assert "Plt. Kepala Dinas Tenaga Kerja" in text and "HERU SANTOSO" in text
    assert "196811181990031005" not in text.replace(" ", "")  # not the head's NIP


@pytest.mark.parametrize("state", ["expired", "future", "ended"])
def test_a_plt_out_of_its_dates_or_ended_acts_no_more(world, state):
    delegate = UserFactory(username="plt.kadin")
    today = timezone.localdate()
    if state == "expired":
        plt(
            world,
            delegate,
            starts=today - datetime.timedelta(days=90),
            ends=today - datetime.timedelta(days=1),
        )
    elif state == "future":
        plt(
            world,
            delegate,
            starts=today + datetime.timedelta(days=1),
            ends=today + datetime.timedelta(days=9),
        )
    else:
        plt(world, delegate, ended_at=timezone.now())
    cycle = force_state(new_cycle(world), "pengesahan", world)
    assert not cycle_policy.may_take(delegate, cycle, "sahkan")
    with pytest.raises(PermissionDenied):
        cycle_services.cycle_sahkan(cycle_id=cycle.pk, user=delegate)


def test_admin_pemda_records_and_ends_a_plt_in_the_app(client, world):
    url = reverse("kinerja:delegation_create", args=[world.opd.pk])
    today = timezone.localdate()
    data = {
        "user": world.users["sekretaris"].pk,
        "kind": "plh",
        "jabatan": "Kepala Dinas Tenaga Kerja",
        "name": "Dra. Siti Rahmawati, M.M.",
        "nip": "19700101 200003 1 001",
        "starts_on": today.isoformat(),
        "ends_on": (today + datetime.timedelta(days=5)).isoformat(),
        "letter_number": "800/45/427.55/2026",
    }
    for refused in ("kepala", "sekretaris", "tim_sakip", "pemantau"):
        client.force_login(world.users[refused])
        assert client.post(url, data).status_code == 403
    client.force_login(world.users["foreign_admin_pemda"])
    assert client.post(url, data).status_code == 404
    assert not Delegation.objects.exists()
    client.force_login(world.users["admin_pemda"])
    page = client.get(url)
    assert 'type="date"' in page.text
    response = client.post(url, {**data, "ends_on": (today - datetime.timedelta(days=1)).isoformat()})
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in response.text
    client.post(url, data)
    delegation = Delegation.objects.get()
    assert delegation.nip == "197001012000031001" and delegation.created_by == world.users["admin_pemda"]
    page = client.get(reverse("kinerja:opd_officials", args=[world.opd.pk]))
    assert "Plh. Kepala Dinas Tenaga Kerja" in page.text and "berlaku" in page.text
    cycle = force_state(new_cycle(world), "pengesahan", world)
    assert cycle_policy.holds_role_for(world.users["sekretaris"], cycle, "sahkan")
    # A Pemda admin of another Pemda cannot end it; its own can.
    client.force_login(world.users["foreign_admin_pemda"])
    assert client.post(reverse("kinerja:delegation_end", args=[delegation.pk])).status_code == 404
    client.force_login(world.users["admin_pemda"])
    client.post(reverse("kinerja:delegation_end", args=[delegation.pk]))
    delegation.refresh_from_db()
    assert delegation.ended_at is not None
    world.users["sekretaris"].__dict__.pop("_sakip_roles", None)
    assert not cycle_policy.holds_role_for(world.users["sekretaris"], cycle, "sahkan")


@pytest.mark.slow  # seeds the demo
def test_no_archived_signature_carries_another_persons_nip(db):
    from django.core.management import call_command

    call_command("seed_demo", year=timezone.localdate().year)
    archived = Cycle.objects.filter(state=State.ARSIP)
    assert archived.exists()
    for cycle in archived:
        own = set(Official.objects.filter(user=cycle.signed_by, opd=cycle.opd).values_list("nip", flat=True))
        if cycle.signer_delegation_id:
            assert cycle.signer_delegation.user_id == cycle.signed_by_id
            own.add(cycle.signer_delegation.nip)
            assert cycle.signer_jabatan.startswith("Plt. ")
        assert cycle.signer_nip in own, cycle
        for document in ArchivedDocument.objects.filter(cycle=cycle):
            assert document.signer_nip == cycle.signer_nip
