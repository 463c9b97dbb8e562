"""The SOP editor, preview and import pages: who may use them, and nothing saved on bad input."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.models import Membership, PemdaMembership
from sop.models import SopRevision, SopTemplate
from sop.selectors import revision_data, sop_export
from sop.services import load_seed_sops
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(seed_owners):
    load_seed_sops()
    candipuro = seed_owners["Kecamatan Candipuro"]
    users = {}
    for role in ("tim_sakip", "operator"):
        users[role] = UserFactory(username=f"c.{role}")
        Membership.objects.create(user=users[role], opd=candipuro, role=role)
    users["other_tim"] = UserFactory(username="tng.tim")
    Membership.objects.create(
        user=users["other_tim"], opd=seed_owners["Dinas Ketenagakerjaan"], role="tim_sakip"
    )
    users["admin"] = UserFactory(username="lmj.admin")
    PemdaMembership.objects.create(user=users["admin"], pemda=seed_owners["lumajang"], role="admin_pemda")
    return users


def candipuro_template():
    return SopTemplate.objects.get(slug="kecamatan-candipuro-pengukuran")


def editor_post(data: dict, **extra) -> dict:
    post = {
        "lane-TOTAL_FORMS": str(len(data["lanes"])),
        "lane-INITIAL_FORMS": "0",
        "lane-MIN_NUM_FORMS": "0",
        "lane-MAX_NUM_FORMS": "12",
        "step-TOTAL_FORMS": str(len(data["steps"])),
        "step-INITIAL_FORMS": "0",
        "step-MIN_NUM_FORMS": "0",
        "step-MAX_NUM_FORMS": "60",
    }
    for key in (
        "nama",
        "nomor",
        "pemda_label",
        "opd_label",
        "unit_label",
        "tanggal_pembuatan",
        "tanggal_revisi",
        "tanggal_efektif",
        "disahkan_jabatan",
        "disahkan_nama",
        "disahkan_nip",
    ):
        post[key] = data.get(key) or ""
    for key in ("dasar_hukum", "kualifikasi", "keterkaitan", "peralatan", "peringatan", "pencatatan"):
        post[key] = "\n".join(data[key])
    for i, lane in enumerate(data["lanes"]):
        post[f"lane-{i}-label"] = lane["label"]
        post[f"lane-{i}-role"] = lane["role"]
    for i, step in enumerate(data["steps"]):
        for key in ("description", "symbol", "kelengkapan", "satuan", "output", "keterangan", "state"):
            post[f"step-{i}-{key}"] = step[key]
        post[f"step-{i}-lane"] = str(step["lane"] + 1)
        post[f"step-{i}-ya"] = str(step["ya"] or "")
        post[f"step-{i}-tidak"] = str(step["tidak"] or "")
        post[f"step-{i}-waktu"] = str(step["waktu"]).replace(".", ",")
        post[f"step-{i}-ORDER"] = str(i + 1)
    post.update(extra)
    return post


def test_who_may_open_the_editor(client, people):
    url = reverse("sop:edit", args=[candipuro_template().pk])
    for name, status in (("tim_sakip", 200), ("admin", 200), ("operator", 403), ("other_tim", 404)):
        client.force_login(people[name])
        assert client.get(url).status_code == status, name


def test_saving_the_editor_makes_a_new_revision_and_keeps_the_old(client, people):
    template = candipuro_template()
    data = revision_data(template.revisions.first())
    data["steps"][2]["lane"] = 4  # step 3 now in the Staf lane
    data["steps"][2]["waktu"] = 1.5
    client.force_login(people["tim_sakip"])
    response = client.post(reverse("sop:edit", args=[template.pk]), editor_post(data))
    assert response.status_code == 302, response.content[:2000]
    assert template.revisions.count() == 2
    new = template.revisions.first()
    assert new.number == 2
    step = new.steps.get(number=3)
    assert (step.lane.label, str(step.waktu)) == ("Staf", "1.50")
    assert template.revisions.get(number=1).steps.get(number=3).lane.label == "TIM SAKIP"


def test_reordering_keeps_branches_pointing_at_the_same_step(client, people):
    template = candipuro_template()
    data = revision_data(template.revisions.first())
    post = editor_post(data)
    # Move step 7 (row 7) before step 6: ORDER 5.5 is not an integer, so swap ORDER values.
    post["step-5-ORDER"], post["step-6-ORDER"] = "7", "6"
    client.force_login(people["tim_sakip"])
    assert client.post(reverse("sop:edit", args=[template.pk]), post).status_code == 302
    new = template.revisions.first()
    assert new.steps.get(number=6).description.startswith("Tim SAKIP melaporkan")
    decision = new.steps.get(number=8)
    assert decision.tidak_target == 7  # still the recap step ("merekap"), now numbered 7
    assert new.steps.get(number=7).description.startswith("Tim SAKIP merekap")


def test_an_invalid_sop_is_not_saved_and_says_why(client, people):
    template = candipuro_template()
    data = revision_data(template.revisions.first())
    data["steps"][7]["tidak"] = None
    client.force_login(people["tim_sakip"])
    response = client.post(reverse("sop:edit", args=[template.pk]), editor_post(data))
    assert response.status_code == 200
    assert "Langkah 8: keputusan harus mempunyai cabang Tidak." in response.text
    assert template.revisions.count() == 1


def test_the_preview_draws_what_the_form_says(client, people):
    template = candipuro_template()
    data = revision_data(template.revisions.first())
    client.force_login(people["tim_sakip"])
    before = client.post(reverse("sop:preview"), editor_post(data)).text
    data["steps"][3]["symbol"] = "keputusan"
    data["steps"][3].update(ya=5, tidak=3)
    after = client.post(reverse("sop:preview"), editor_post(data)).text
    assert after.count("<polygon") > before.count("<polygon")
    data["steps"][3]["tidak"] = None
    problems = client.post(reverse("sop:preview"), editor_post(data)).text
    assert "keputusan harus mempunyai cabang Tidak" in problems
    assert SopRevision.objects.filter(template=template).count() == 1


def test_a_new_sop_for_an_opd(client, people, seed_owners):
    data = revision_data(candipuro_template().revisions.first())
    data["nama"] = "Pengumpulan Data Kinerja Kecamatan Candipuro"
    client.force_login(people["tim_sakip"])
    page = client.get(reverse("sop:create"))
    owners = [value for value, *_rest in page.context["owners"]]
    assert owners == [f"opd-{seed_owners['Kecamatan Candipuro'].pk}"]
    response = client.post(reverse("sop:create"), editor_post(data, owner=owners[0]))
    assert response.status_code == 302
    assert SopTemplate.objects.filter(opd=seed_owners["Kecamatan Candipuro"]).count() == 2
    refused = client.post(
        reverse("sop:create"), editor_post(data, owner=f"pemda-{seed_owners['lumajang'].pk}")
    )
    assert "Pilih pemilik SOP" in refused.text


def test_import_page_refuses_bad_files_and_writes_nothing(client, people, seed_owners):
    client.force_login(people["admin"])
    before = SopRevision.objects.count()
    for content, message in (
        (b"%PDF-1.4 not json", "bukan JSON"),
        (json.dumps({"format": "sakip-sop", "version": 2}).encode(), "tidak didukung"),
    ):
        upload = SimpleUploadedFile("sop.json", content, content_type="application/json")
        response = client.post(reverse("sop:import"), {"file": upload})
        assert message in response.text
    # A Tangerang SOP is foreign to Lumajang's admin.
    data = sop_export(SopTemplate.objects.get(slug="disnaker-tangerang-laporan-kinerja").revisions.first())
    data["revision"]["nomor"] = "PSM/DISNAKER-102"
    upload = SimpleUploadedFile("tng.json", json.dumps(data).encode())
    response = client.post(reverse("sop:import"), {"file": upload})
    assert "Pemda &#x27;tangerang&#x27; tidak ditemukan" in response.text
    assert "Tangerang" not in response.text.replace("&#x27;tangerang&#x27;", "")
    assert SopRevision.objects.count() == before


def test_import_page_imports_a_good_file(client, people):
    client.force_login(people["admin"])
    data = sop_export(candipuro_template().revisions.first())
    data["revision"]["nomor"] = "700/16.2/SOP/427.83/2025"
    response = client.post(
        reverse("sop:import"), {"file": SimpleUploadedFile("c.json", json.dumps(data).encode())}
    )
    assert response.status_code == 302
    assert candipuro_template().revisions.first().nomor == "700/16.2/SOP/427.83/2025"
    assert io is not None


def test_a_forged_form_count_is_refused_without_building_a_thousand_forms(client, people, seed_owners):
    """TOTAL_FORMS is the client's word: the server builds at most the editor's maximum."""
    client.force_login(people["tim_sakip"])
    post = editor_post(revision_data(candipuro_template().revisions.first()))
    post.update({"step-TOTAL_FORMS": str(10**20), "lane-TOTAL_FORMS": str(10**20)})
    post["owner"] = f"opd-{seed_owners['Kecamatan Candipuro'].pk}"
    before = SopRevision.objects.count()
    response = client.post(reverse("sop:create"), post)
    assert response.status_code == 200
    assert response.text.count('name="step-') < 62 * 15  # ~15 fields per step row, 61 rows at most
    assert response.text.count('name="lane-') < 14 * 5
    assert "paling banyak" in response.text  # said, not just dropped
    assert SopRevision.objects.count() == before
