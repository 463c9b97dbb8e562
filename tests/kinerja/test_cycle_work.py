"""The work inside a cycle: disposition, assignment, the entry grid, evidence, review, archive."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja import services
from kinerja.cycle import entry as cycle_entry
from kinerja.cycle import services as cycle_services
from kinerja.models import Cycle, CycleItem, Evidence, ItemStatus, Realisasi
from tests.kinerja.cycle_helpers import force_state, new_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(world):
    return new_cycle(world)


def item_of(cycle, world) -> CycleItem:
    return cycle.items.get(indicator=world.indicator)


def row_post(client, cycle, item, *, value="", version=0, htmx=True, **extra):
    data = {f"r{item.pk}-value": value, f"r{item.pk}-version": str(version)}
    data.update({f"r{item.pk}-{k}": v for k, v in extra.items()})
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse("kinerja:item_save", args=[cycle.pk, item.pk]), data, **headers)


def start_collection(cycle, world, pic=None):
    cycle_services.cycle_dispose(
        cycle_id=cycle.pk, user=world.users["kepala"], instruction="Ukur TW II", due_date=None
    )
    pics = {item.pk: (pic, None) for item in cycle.items.all()} if pic else {}
    cycle_services.cycle_assign(
        cycle_id=cycle.pk, user=world.users["sekretaris"], team=[world.users["tim_sakip"]], note="", pics=pics
    )
    return cycle_services.cycle_mulai_pengumpulan(cycle_id=cycle.pk, user=world.users["sekretaris"])


# ---- creation


def test_creating_a_cycle_takes_every_indicator_of_the_renstra(cycle, world):
    assert cycle.state == "disposisi"
    assert cycle.items.count() == 1
    assert cycle.transitions.get().name == "buat"


def test_only_one_open_cycle_per_opd_and_period(client, world, cycle):
    client.force_login(world.users["kepala"])
    response = client.post(
        reverse("kinerja:cycle_create", args=[world.opd.pk]), {"year": 2026, "period": "tw2"}
    )
    assert response.status_code == 200
    assert "Sudah ada siklus yang berjalan" in response.text
    assert Cycle.objects.count() == 1


def test_operators_and_pemantau_cannot_create_cycles(client, world):
    for role in ("operator", "pemantau", "kepala_unit"):
        client.force_login(world.users[role])
        assert client.get(reverse("kinerja:cycle_create", args=[world.opd.pk])).status_code == 403
    client.force_login(world.users["foreign_admin_pemda"])
    assert client.get(reverse("kinerja:cycle_create", args=[world.opd.pk])).status_code == 404


def test_a_revision_of_an_archived_cycle_points_to_it(client, world, cycle):
    Cycle.objects.filter(pk=cycle.pk).update(state="arsip")
    client.force_login(world.users["kepala"])
    response = client.post(reverse("kinerja:cycle_revise", args=[cycle.pk]))
    revision = Cycle.objects.exclude(pk=cycle.pk).get()
    assert response.url == reverse("kinerja:cycle_detail", args=[revision.pk])
    assert (revision.revision_of, revision.revision, revision.state) == (
        Cycle.objects.get(pk=cycle.pk),
        1,
        "disposisi",
    )
    response = client.post(
        reverse("kinerja:cycle_create", args=[world.opd.pk]), {"year": 2026, "period": "tw2"}
    )
    assert "Sudah ada siklus yang berjalan" in response.text


# ---- disposisi and assignment


def test_the_kepala_disposes_and_the_sekretaris_assigns(client, world, cycle):
    client.force_login(world.users["sekretaris"])
    page = client.get(reverse("kinerja:cycle_detail", args=[cycle.pk]))
    assert "Kepala belum menuliskan disposisi." in page.text  # why the action is blocked
    client.post(reverse("kinerja:cycle_dispose", args=[cycle.pk]), {"instruction": "Coba"})
    assert Cycle.objects.get(pk=cycle.pk).instruction == ""  # only the kepala disposes

    client.force_login(world.users["kepala"])
    client.post(
        reverse("kinerja:cycle_dispose", args=[cycle.pk]),
        {"instruction": "Ukur TW II", "due_date": "2026-07-15"},
    )
    assert Cycle.objects.get(pk=cycle.pk).instruction == "Ukur TW II"
    assert client.get(reverse("kinerja:cycle_assign", args=[cycle.pk])).status_code == 403

    client.force_login(world.users["sekretaris"])
    item = item_of(cycle, world)
    response = client.post(
        reverse("kinerja:cycle_assign", args=[cycle.pk]),
        {
            "team": [world.users["tim_sakip"].pk],
            "note": "Kumpulkan sebelum tanggal 15",
            f"pic_{item.pk}": world.users["operator"].pk,
            f"due_{item.pk}": "2026-07-10",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.pic == world.users["operator"]
    assert str(item.due_date) == "2026-07-10"
    page = client.get(reverse("kinerja:cycle_detail", args=[cycle.pk]))
    assert "Mulai pengumpulan data" in page.text
    assert "disabled" not in page.text.split("Mulai pengumpulan data")[0].split("<button")[-1]


def test_people_outside_the_opd_cannot_be_assigned(client, world, cycle):
    client.force_login(world.users["sekretaris"])
    response = client.post(
        reverse("kinerja:cycle_assign", args=[cycle.pk]), {"team": [world.users["other_tim_sakip"].pk]}
    )
    assert response.status_code == 200
    assert not cycle.team.exists()


# ---- the entry grid


def test_a_pic_fills_their_indicator_with_a_decimal_comma(client, world, cycle):
    start_collection(cycle, world, pic=world.users["operator"])
    item = item_of(cycle, world)
    client.force_login(world.users["operator"])
    grid = client.get(reverse("kinerja:cycle_grid", args=[cycle.pk]))
    assert grid.status_code == 200
    response = row_post(client, cycle, item, value="61,5", faktor_penghambat="Hujan", solusi="Jadwal ulang")
    assert response.status_code == 200
    assert 'data-testid="saved"' in response.text
    realisasi = Realisasi.objects.get(indicator=world.indicator, year=2026, quarter=2)
    assert realisasi.value == Decimal("61.5")
    assert realisasi.faktor_penghambat == "Hujan"
    assert realisasi.entered_by == world.users["operator"]


def test_without_htmx_the_row_form_still_works(client, world, cycle):
    start_collection(cycle, world)
    client.force_login(world.users["tim_sakip"])
    item = item_of(cycle, world)
    response = row_post(client, cycle, item, value="7", htmx=False)
    assert response.status_code == 302
    assert Realisasi.objects.get().value == 7


def test_someone_who_is_not_the_pic_cannot_fill_it(client, world, cycle):
    start_collection(cycle, world, pic=world.users["kepala_unit"])
    client.force_login(world.users["operator"])
    response = row_post(client, cycle, item_of(cycle, world), value="5")
    assert response.status_code == 403
    assert not Realisasi.objects.exists()


def test_bad_numbers_keep_what_the_user_typed(client, world, cycle):
    start_collection(cycle, world)
    client.force_login(world.users["tim_sakip"])
    response = row_post(client, cycle, item_of(cycle, world), value="dua belas", solusi="Tetap di sini")
    assert response.status_code == 422
    assert "Masukkan angka yang valid" in response.text
    assert "dua belas" in response.text and "Tetap di sini" in response.text
    assert not Realisasi.objects.exists()


def test_negative_realisasi_is_refused_where_the_satuan_forbids_it(client, world, cycle):
    start_collection(cycle, world)
    client.force_login(world.users["tim_sakip"])
    response = row_post(client, cycle, item_of(cycle, world), value="-3")
    assert response.status_code == 422
    assert "tidak boleh negatif" in response.text
    assert not Realisasi.objects.exists()


def test_a_value_or_a_reason_is_needed(client, world, cycle):
    start_collection(cycle, world)
    client.force_login(world.users["tim_sakip"])
    response = row_post(client, cycle, item_of(cycle, world), value="")
    assert response.status_code == 422
    assert "jelaskan mengapa tidak dapat diukur" in response.text
    response = row_post(
        client, cycle, item_of(cycle, world), value="", unmeasured_reason="Data BPS belum rilis"
    )
    assert response.status_code == 200
    assert Realisasi.objects.get().unmeasured_reason == "Data BPS belum rilis"


def test_a_lost_update_is_impossible(client, world, cycle):
    start_collection(cycle, world, pic=world.users["operator"])
    item = item_of(cycle, world)
    # Both open the row when it is empty (version 0); the operator saves first.
    client.force_login(world.users["operator"])
    assert row_post(client, cycle, item, value="10").status_code == 200
    client.force_login(world.users["tim_sakip"])
    response = row_post(client, cycle, item, value="20", solusi="Isian Tim SAKIP")
    assert response.status_code == 409
    assert 'data-testid="conflict"' in response.text
    assert "Isian Tim SAKIP" in response.text  # nothing typed is lost
    assert Realisasi.objects.get().value == 10  # nothing overwritten
    # The page now carries the current version: saving again is a deliberate overwrite.
    assert f'name="r{item.pk}-version" value="1"' in response.text
    assert row_post(client, cycle, item, value="20", version=1).status_code == 200
    assert Realisasi.objects.get().value == 20


def test_the_capaian_preview_computes_without_writing(client, world, cycle):
    start_collection(cycle, world)
    services.targets_set(indicator=world.indicator, year=2026, values={1: Decimal(50), 2: Decimal(50)})
    client.force_login(world.users["operator"])
    item = item_of(cycle, world)
    response = client.get(
        reverse("kinerja:item_preview", args=[cycle.pk, item.pk]), {f"r{item.pk}-value": "40"}
    )
    assert response.status_code == 200
    assert "40,00%" in response.text  # kumulatif: 40 / (50 + 50)
    bad = client.get(reverse("kinerja:item_preview", args=[cycle.pk, item.pk]), {f"r{item.pk}-value": "x"})
    assert "Bukan angka yang valid" in bad.text
    assert not Realisasi.objects.exists()


def test_unit_head_marks_complete_or_returns_to_the_pic(client, world, cycle):
    world.indicator.unit = world.unit
    world.indicator.save()
    start_collection(cycle, world, pic=world.users["operator"])
    item = item_of(cycle, world)
    url = reverse("kinerja:item_check", args=[cycle.pk, item.pk])
    client.force_login(world.users["operator"])
    client.post(url, {"aksi": "lengkap"})
    assert CycleItem.objects.get(pk=item.pk).status == ItemStatus.OPEN  # not a unit head
    client.force_login(world.users["kepala_unit"])
    response = client.post(url, {"aksi": "kembali", "note": ""}, follow=True)
    assert "Catatan wajib diisi" in response.text
    client.post(url, {"aksi": "kembali", "note": "Lampirkan daftar hadir"})
    assert CycleItem.objects.get(pk=item.pk).status == ItemStatus.RETURNED
    client.force_login(world.users["operator"])
    assert "Lampirkan daftar hadir" in client.get(reverse("kinerja:cycle_grid", args=[cycle.pk])).text
    row_post(client, cycle, item, value="9")
    assert CycleItem.objects.get(pk=item.pk).status == ItemStatus.OPEN
    client.force_login(world.users["kepala_unit"])
    client.post(url, {"aksi": "lengkap"})
    assert CycleItem.objects.get(pk=item.pk).status == ItemStatus.COMPLETE
    client.force_login(world.users["operator"])
    assert row_post(client, cycle, item, value="11", version=1).status_code == 403


def test_tim_sakip_reopens_an_item_marked_complete_from_the_grid(client, world, cycle):
    world.indicator.unit = world.unit
    world.indicator.save()
    start_collection(cycle, world, pic=world.users["operator"])
    item = item_of(cycle, world)
    client.force_login(world.users["kepala_unit"])
    client.post(reverse("kinerja:item_check", args=[cycle.pk, item.pk]), {"aksi": "lengkap"})
    grid = reverse("kinerja:cycle_grid", args=[cycle.pk])
    reopen = reverse("kinerja:item_reopen", args=[cycle.pk, item.pk])
    for role in ("operator", "kepala_unit", "sekretaris"):
        client.force_login(world.users[role])
        assert 'data-testid="reopen-form"' not in client.get(grid).text, role
    assert client.post(reopen).status_code == 403
    assert CycleItem.objects.get(pk=item.pk).status == ItemStatus.COMPLETE
    client.force_login(world.users["tim_sakip"])
    page = client.get(grid).text
    assert 'data-testid="reopen-form"' in page and f'action="{reopen}"' in page
    client.post(reopen)
    assert CycleItem.objects.get(pk=item.pk).status == ItemStatus.OPEN
    assert 'data-testid="reopen-form"' not in client.get(grid).text
    assert row_post(client, cycle, item, value="12").status_code == 200


def test_ajukan_rekap_says_how_many_indicators_are_missing(client, world, cycle):
    start_collection(cycle, world)
    client.force_login(world.users["tim_sakip"])
    page = client.get(reverse("kinerja:cycle_detail", args=[cycle.pk]))
    assert "1 indikator belum diisi." in page.text
    response = client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "ajukan_rekap"]), follow=True)
    assert "1 indikator belum diisi." in response.text
    assert Cycle.objects.get(pk=cycle.pk).state == "pengumpulan"


def test_required_evidence_blocks_the_recap_until_uploaded(client, world, cycle):
    world.indicator.requires_evidence = True
    world.indicator.save()
    start_collection(cycle, world)
    client.force_login(world.users["tim_sakip"])
    item = item_of(cycle, world)
    row_post(client, cycle, item, value="9")
    page = client.get(reverse("kinerja:cycle_detail", args=[cycle.pk]))
    assert "1 indikator wajib bukti dukung belum mempunyai bukti." in page.text
    upload = SimpleUploadedFile("daftar-hadir.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    client.post(reverse("kinerja:evidence_upload", args=[cycle.pk, item.pk]), {f"e{item.pk}-file": upload})
    client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "ajukan_rekap"]))
    assert Cycle.objects.get(pk=cycle.pk).state == "rekap"


# ---- review and return


def test_a_return_reopens_only_the_marked_indicators_and_highlights_changes(client, world, cycle):
    from kinerja.models import Indicator

    second = Indicator.objects.create(element=world.sasaran, name="Indikator kedua", satuan="orang")
    CycleItem.objects.create(cycle=cycle, indicator=second)
    start_collection(cycle, world)
    client.force_login(world.users["tim_sakip"])
    first_item, second_item = item_of(cycle, world), cycle.items.get(indicator=second)
    row_post(client, cycle, first_item, value="5")
    row_post(client, cycle, second_item, value="6")
    client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "ajukan_rekap"]))
    client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "ajukan_reviu"]))

    client.force_login(world.users["sekretaris"])
    client.post(
        reverse("kinerja:item_review", args=[cycle.pk, first_item.pk]),
        {"perlu_perbaikan": "1", "note": "Angka ganjil"},
    )
    client.post(
        reverse("kinerja:cycle_action", args=[cycle.pk, "kembalikan_ke_pengumpulan"]), {"note": "Perbaiki"}
    )
    assert Cycle.objects.get(pk=cycle.pk).state == "pengumpulan"
    assert CycleItem.objects.get(pk=first_item.pk).status == ItemStatus.OPEN
    assert CycleItem.objects.get(pk=second_item.pk).status == ItemStatus.LOCKED

    client.force_login(world.users["tim_sakip"])
    assert row_post(client, cycle, second_item, value="60", version=1).status_code == 403
    assert row_post(client, cycle, first_item, value="50", version=1).status_code == 200
    client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "ajukan_rekap"]))
    client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "ajukan_reviu"]))

    client.force_login(world.users["sekretaris"])
    page = client.get(reverse("kinerja:cycle_detail", args=[cycle.pk]))
    rows = {r.item.pk: r for r in page.context["rows"]}
    assert rows[first_item.pk].changed_since_review
    assert not rows[second_item.pk].changed_since_review
    assert "Angka ganjil" in page.text
    # Still marked: passing on is blocked until the Sekretaris clears the mark.
    response = client.post(
        reverse("kinerja:cycle_action", args=[cycle.pk, "teruskan_pengesahan"]), follow=True
    )
    assert "masih ditandai perlu perbaikan" in response.text
    client.post(reverse("kinerja:item_review", args=[cycle.pk, first_item.pk]), {"note": "Sudah benar"})
    client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "teruskan_pengesahan"]))
    assert Cycle.objects.get(pk=cycle.pk).state == "pengesahan"


def test_sign_off_records_the_signatory_and_freezes_values(world, cycle):
    services.targets_set(indicator=world.indicator, year=2026, values={1: Decimal(50), 2: Decimal(50)})
    cycle = force_state(cycle, "pengesahan", world)
    cycle_services.cycle_sahkan(cycle_id=cycle.pk, user=world.users["kepala"])
    cycle.refresh_from_db()
    assert cycle.state == "arsip"
    assert (cycle.signer_name, cycle.signer_jabatan, cycle.signer_nip) == (
        "INDRA WIBOWO LEKSANA, S.Sos. M.M",
        "Kepala Dinas Tenaga Kerja",
        "196811181990031005",
    )
    item = item_of(cycle, world)
    assert item.final_realisasi == Decimal(10)
    assert item.final_target == Decimal(100)  # kumulatif s.d. TW II
    assert item.final_capaian == Decimal(10)
    # A later change of the plan does not change the archive.
    services.targets_set(indicator=world.indicator, year=2026, values={1: Decimal(5)})
    assert item_of(cycle, world).final_target == Decimal(100)


# ---- nothing changes in arsip, through any endpoint


def test_nothing_in_arsip_changes_through_any_endpoint(client, world, cycle):
    cycle = force_state(cycle, "pengumpulan", world)
    item = item_of(cycle, world)
    evidence = cycle_entry.evidence_add(
        item_id=item.pk, user=world.users["tim_sakip"], link="https://contoh.go.id/a"
    )
    Cycle.objects.filter(pk=cycle.pk).update(state="arsip")
    before = Realisasi.objects.get().value
    client.force_login(world.users["tim_sakip"])
    responses = [
        row_post(client, cycle, item, value="99", version=1),
        client.post(
            reverse("kinerja:evidence_upload", args=[cycle.pk, item.pk]),
            {f"e{item.pk}-link": "https://contoh.go.id/b"},
            HTTP_HX_REQUEST="true",
        ),
        client.post(reverse("kinerja:evidence_delete", args=[evidence.pk])),
        client.post(reverse("kinerja:item_check", args=[cycle.pk, item.pk]), {"aksi": "lengkap"}),
        client.post(reverse("kinerja:item_reopen", args=[cycle.pk, item.pk])),
    ]
    client.force_login(world.users["sekretaris"])
    responses += [
        client.post(
            reverse("kinerja:item_review", args=[cycle.pk, item.pk]), {"perlu_perbaikan": "1", "note": "x"}
        ),
        client.post(reverse("kinerja:cycle_assign", args=[cycle.pk]), {"team": [world.users["operator"].pk]}),
        client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "kembalikan_ke_reviu"]), {"note": "x"}),
    ]
    client.force_login(world.users["kepala"])
    responses.append(client.post(reverse("kinerja:cycle_dispose", args=[cycle.pk]), {"instruction": "Ubah"}))
    assert all(r.status_code in (302, 403, 422) for r in responses), [r.status_code for r in responses]
    assert Realisasi.objects.get().value == before
    assert Evidence.objects.filter(item=item).count() == 1
    item.refresh_from_db()
    assert not item.needs_revision
    assert list(cycle.team.all()) == [world.users["tim_sakip"]]
    assert Cycle.objects.get(pk=cycle.pk).instruction == "Lakukan pengukuran"
    assert Cycle.objects.get(pk=cycle.pk).state == "arsip"


# ---- evidence


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("laporan.pdf", b"MZ\x90\x00 this is an exe", "Jenis berkas tidak diterima"),
        (
            "foto.png",
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "tidak diterima",
        ),
        ("halaman.pdf", b"<html><script>alert(1)</script></html>", "tidak diterima"),
        ("kosong.pdf", b"", "kosong"),
    ],
)
def test_bad_evidence_is_refused_by_content(client, world, cycle, name, content, message):
    start_collection(cycle, world)
    item = item_of(cycle, world)
    client.force_login(world.users["tim_sakip"])
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(
        reverse("kinerja:evidence_upload", args=[cycle.pk, item.pk]),
        {f"e{item.pk}-file": upload},
        HTTP_HX_REQUEST="true",
    )
    assert message in response.text
    assert not Evidence.objects.exists()


def test_oversized_evidence_is_refused(client, world, cycle, settings):
    settings.SAKIP_EVIDENCE_MAX_BYTES = 1000
    start_collection(cycle, world)
    item = item_of(cycle, world)
    client.force_login(world.users["tim_sakip"])
    upload = SimpleUploadedFile("besar.pdf", b"%PDF-1.4" + b"0" * 2000)
    response = client.post(
        reverse("kinerja:evidence_upload", args=[cycle.pk, item.pk]),
        {f"e{item.pk}-file": upload},
        HTTP_HX_REQUEST="true",
    )
    assert "terlalu besar" in response.text
    assert not Evidence.objects.exists()


def test_office_and_image_evidence_is_accepted_and_downloaded_as_attachment(client, world, cycle, tmp_path):
    import io
    import zipfile

    start_collection(cycle, world)
    item = item_of(cycle, world)
    client.force_login(world.users["tim_sakip"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    for name, content in (("rekap.xlsx", buffer.getvalue()), ("foto.jpg", b"\xff\xd8\xff\xe0JFIF")):
        client.post(
            reverse("kinerja:evidence_upload", args=[cycle.pk, item.pk]),
            {f"e{item.pk}-file": SimpleUploadedFile(name, content)},
        )
    kinds = sorted(Evidence.objects.values_list("content_type", flat=True))
    assert kinds == ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "image/jpeg"]
    evidence = Evidence.objects.get(content_type="image/jpeg")
    assert evidence.file.name.startswith(f"bukti/{cycle.pk}/") and "foto" not in evidence.file.name
    client.force_login(world.users["pemantau"])
    response = client.get(reverse("kinerja:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(world.users["other_tim_sakip"])
    assert client.get(reverse("kinerja:evidence_download", args=[evidence.pk])).status_code == 404


def test_path_tricks_in_names_do_not_escape_the_evidence_folder(client, world, cycle, settings):
    start_collection(cycle, world)
    item = item_of(cycle, world)
    client.force_login(world.users["tim_sakip"])
    upload = SimpleUploadedFile("../../../etc/passwd.pdf", b"%PDF-1.4 x")
    client.post(reverse("kinerja:evidence_upload", args=[cycle.pk, item.pk]), {f"e{item.pk}-file": upload})
    evidence = Evidence.objects.get()
    assert ".." not in evidence.file.name
    assert evidence.file.path.startswith(str(settings.MEDIA_ROOT))


# ---- inbox, mail, pages


def test_mail_goes_out_after_commit(world, cycle, django_capture_on_commit_callbacks):
    world.users["sekretaris"].email = "sekretaris@lumajangkab.go.id"
    world.users["sekretaris"].save()
    cycle = force_state(cycle, "rekap", world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cycle_services.cycle_ajukan_reviu(cycle_id=cycle.pk, user=world.users["tim_sakip"])
    assert [m.to for m in mail.outbox] == [["sekretaris@lumajangkab.go.id"]]
    assert "Reviu" in mail.outbox[0].subject


def test_the_inbox_shows_what_waits_for_each_role(client, world, cycle):
    client.force_login(world.users["kepala"])
    page = client.get(reverse("kinerja:inbox"))
    assert "Tulis disposisi" in page.text
    assert 'data-testid="nav-inbox"' in page.text and "text-bg-warning" in page.text
    cycle = force_state(cycle, "reviu", world)
    client.force_login(world.users["sekretaris"])
    assert "Reviu rekap hasil pengukuran" in client.get(reverse("kinerja:inbox")).text
    client.force_login(world.users["operator"])
    assert "Tidak ada yang menunggu Anda" in client.get(reverse("kinerja:inbox")).text


def test_the_cycle_page_shows_diagram_timeline_and_due_dates(client, world, cycle):
    start_collection(cycle, world)
    client.force_login(world.users["pemantau"])
    page = client.get(reverse("kinerja:cycle_detail", args=[cycle.pk]))
    assert page.status_code == 200
    assert 'aria-current="step" data-state="pengumpulan"' in page.text
    assert page.text.count('data-testid="timeline-entry"') == 4  # buat, disposisi, penugasan, mulai
    assert "Ukur TW II" in page.text
    assert "batas" in page.text
    assert "Tidak ada tindakan untuk Anda" in page.text


def test_overdue_cycles_are_highlighted_and_filtered(client, world, cycle):
    Cycle.objects.filter(pk=cycle.pk).update(state_due={"disposisi": "2020-01-01T16:00:00+07:00"})
    client.force_login(world.users["kepala"])
    assert "terlambat" in client.get(reverse("kinerja:cycle_detail", args=[cycle.pk])).text
    listing = client.get(reverse("kinerja:cycle_list"), {"terlambat": "1"})
    assert len(listing.context["page"].object_list) == 1
    Cycle.objects.filter(pk=cycle.pk).update(state_due={"disposisi": "2099-01-01T16:00:00+07:00"})
    assert len(client.get(reverse("kinerja:cycle_list"), {"terlambat": "1"}).context["page"].object_list) == 0


def test_cycle_pages_are_scoped(client, world, cycle):
    urls = [
        reverse("kinerja:cycle_detail", args=[cycle.pk]),
        reverse("kinerja:cycle_grid", args=[cycle.pk]),
        reverse("kinerja:cycle_assign", args=[cycle.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302
    client.force_login(world.users["other_tim_sakip"])
    for url in urls:
        assert client.get(url).status_code == 404
    listing = client.get(reverse("kinerja:cycle_list"))
    assert "Dinas Tenaga Kerja" not in listing.text


def test_cycle_list_and_grid_query_counts_do_not_grow(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kinerja.models import Indicator

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(world.users["tim_sakip"])
    first = new_cycle(world, "tw1")
    small_list = count(reverse("kinerja:cycle_list"))
    small_grid = count(reverse("kinerja:cycle_grid", args=[first.pk]))
    Indicator.objects.bulk_create(
        [Indicator(element=world.sasaran, name=f"I{i}", satuan="%") for i in range(30)]
    )
    for period in ("tw2", "tw3", "tw4", "s1"):
        new_cycle(world, period)
    last = Cycle.objects.get(period="s1")
    assert count(reverse("kinerja:cycle_list")) == small_list
    assert count(reverse("kinerja:cycle_grid", args=[last.pk])) <= small_grid + 2


def test_a_full_disk_while_storing_evidence_is_told_and_leaves_nothing(client, world, cycle, monkeypatch):
    import errno

    from django.core.files.storage import FileSystemStorage

    start_collection(cycle, world)
    item = item_of(cycle, world)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", full)
    client.force_login(world.users["tim_sakip"])
    upload = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 x")
    response = client.post(
        reverse("kinerja:evidence_upload", args=[cycle.pk, item.pk]),
        {f"e{item.pk}-file": upload},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "ruang penyimpanan server penuh" in response.text
    assert not Evidence.objects.exists()


def test_the_grid_offers_the_worksheet_upload_only_to_who_may_change_a_row(client, world, cycle):
    force_state(cycle, "pengumpulan", world)
    url = reverse("kinerja:worksheet_upload", args=[cycle.pk])
    client.force_login(world.users["tim_sakip"])
    assert url in client.get(reverse("kinerja:cycle_grid", args=[cycle.pk])).text
    for reader in ("pemantau", "kepala", "sekretaris"):
        client.force_login(world.users[reader])
        assert url not in client.get(reverse("kinerja:cycle_grid", args=[cycle.pk])).text, reader
