"""Official documents: the signed measurement report, its archive and verification, periodic reports, PK."""

import hashlib
import io
import re
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from kinerja import services
from kinerja.cycle import services as cycle_services
from kinerja.models import ArchivedDocument, Cycle, Official, ReportNarrative
from tests.kinerja.cycle_helpers import force_state, new_cycle

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def signed(world):
    services.targets_set(indicator=world.indicator, year=2026, values={1: Decimal(48), 2: Decimal(60)})
    cycle = force_state(new_cycle(world), "pengesahan", world)
    cycle_services.cycle_sahkan(cycle_id=cycle.pk, user=world.users["kepala"])
    return Cycle.objects.get(pk=cycle.pk)


def test_sign_off_archives_the_report_with_its_hash_and_code(signed):
    document = ArchivedDocument.objects.get(cycle=signed)
    content = default_storage.open(document.file.name).read()
    assert hashlib.sha256(content).hexdigest() == document.sha256
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", document.code)
    text = text_of(content)
    assert "Jumlah wirausaha baru" in text
    assert "9,26%" in text  # realisasi 10 against 48 + 60 (kumulatif s.d. TW II)
    assert "INDRA WIBOWO LEKSANA" in text and "19681118 199003 1 005" in text
    assert "Disahkan secara elektronik" in text and document.code in text
    assert document.signer_nip == "196811181990031005"


def test_the_cycle_page_links_the_signed_report(client, world, signed):
    client.force_login(world.users["pemantau"])
    page = client.get(reverse("kinerja:cycle_detail", args=[signed.pk]))
    document = ArchivedDocument.objects.get(cycle=signed)
    assert document.code in page.text
    download = client.get(reverse("kinerja:cycle_report", args=[signed.pk]))
    assert b"".join(download.streaming_content) == default_storage.open(document.file.name).read()
    client.force_login(world.users["other_tim_sakip"])
    assert client.get(reverse("kinerja:document_download", args=[document.pk])).status_code == 404


def test_verification_by_code_and_by_file_without_login(client, signed):
    document = ArchivedDocument.objects.get(cycle=signed)
    by_code = client.get(reverse("verify"), {"kode": document.code.lower().replace("-", "")})
    assert by_code.status_code == 200
    assert 'data-testid="verify-ok"' in by_code.text
    assert "INDRA WIBOWO LEKSANA" in by_code.text and "Dinas Tenaga Kerja" in by_code.text
    content = default_storage.open(document.file.name).read()
    by_file = client.post(reverse("verify"), {"berkas": SimpleUploadedFile("laporan.pdf", content)})
    assert 'data-testid="verify-ok"' in by_file.text
    tampered = bytearray(content)
    tampered[len(tampered) // 2] ^= 0x01
    refused = client.post(reverse("verify"), {"berkas": SimpleUploadedFile("laporan.pdf", bytes(tampered))})
    assert 'data-testid="verify-failed"' in refused.text


def test_verification_reveals_nothing_else(client, world, signed):
    response = client.get(reverse("verify"), {"kode": "AAAA-BBBB-CCCC"})
    assert 'data-testid="verify-failed"' in response.text
    for secret in ("Dinas Tenaga Kerja", "Kecamatan Candipuro", "Rahasia", "wirausaha", "INDRA"):
        assert secret not in response.text
    ok = client.get(reverse("verify"), {"kode": ArchivedDocument.objects.get().code})
    assert (
        "Kecamatan Candipuro" not in ok.text and "wirausaha" not in ok.text
    )  # only this document's identity


def test_a_failure_while_making_the_report_leaves_the_cycle_unsigned(world, monkeypatch):
    cycle = force_state(new_cycle(world), "pengesahan", world)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("kinerja.documents.measurement.render_measurement", broken)
    with pytest.raises(OSError):
        cycle_services.cycle_sahkan(cycle_id=cycle.pk, user=world.users["kepala"])
    cycle.refresh_from_db()
    assert cycle.state == "pengesahan" and cycle.signed_at is None
    assert not ArchivedDocument.objects.exists()
    assert not cycle.items.exclude(final_capaian=None).exists()


def test_a_failure_after_the_file_is_written_leaves_no_file_behind(world, monkeypatch, settings):
    cycle = force_state(new_cycle(world), "pengesahan", world)

    def broken_create(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(ArchivedDocument.objects, "create", broken_create)
    with pytest.raises(RuntimeError):
        cycle_services.cycle_sahkan(cycle_id=cycle.pk, user=world.users["kepala"])
    folder = settings.MEDIA_ROOT / "dokumen"
    assert not folder.exists() or not any(folder.rglob("*.pdf"))
    assert Cycle.objects.get(pk=cycle.pk).state == "pengesahan"


def test_a_revision_is_signed_as_a_new_document_and_the_old_one_stays(world, signed):
    first = ArchivedDocument.objects.get(cycle=signed)
    revision = cycle_services.cycle_create(
        opd=world.opd, year=2026, period="tw2", user=world.users["kepala"], revision_of=signed
    )
    revision = force_state(revision, "pengesahan", world)
    cycle_services.cycle_sahkan(cycle_id=revision.pk, user=world.users["kepala"])
    assert ArchivedDocument.objects.count() == 2
    second = ArchivedDocument.objects.get(cycle=revision)
    assert "(revisi 1)" in second.title and second.sha256 != first.sha256
    first.refresh_from_db()
    assert hashlib.sha256(default_storage.open(first.file.name).read()).hexdigest() == first.sha256


@pytest.mark.parametrize("period", ["tw2", "s1", "tahun"])
def test_periodic_reports_generate_with_the_data_and_the_narrative(client, world, period):
    services.targets_set(indicator=world.indicator, year=2026, values={1: Decimal(48), 2: Decimal(60)})
    services.realisasi_save(
        indicator=world.indicator,
        year=2026,
        quarter=1,
        user=world.users["tim_sakip"],
        data={"value": Decimal(52), "faktor_pendukung": "Pelatihan wirausaha berjalan"},
    )
    client.force_login(world.users["tim_sakip"])
    client.post(
        reverse("kinerja:narrative_edit", args=[world.opd.pk, 2026, period]),
        {
            "ikhtisar": "Kinerja tahun ini membaik.",
            "pendahuluan": "Dinas Tenaga Kerja bertugas ...",
            "perencanaan": "",
            "akuntabilitas": "",
            "penutup": "Demikian laporan ini.",
        },
    )
    assert ReportNarrative.objects.filter(opd=world.opd, period=period).exists()
    response = client.get(reverse("kinerja:periodic_report", args=[world.opd.pk, 2026, period]))
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    assert "Jumlah wirausaha baru" in text
    assert "Dinas Tenaga Kerja bertugas" in text
    if period == "tahun":
        for heading in (
            "Ikhtisar Eksekutif",
            "Bab I Pendahuluan",
            "Bab II Perencanaan Kinerja",
            "Bab III Akuntabilitas Kinerja",
            "Bab IV Penutup",
            "Realisasi Anggaran",
        ):
            assert heading in text
        assert "Kinerja tahun ini membaik." in text
    assert "Halaman 1 dari" in text


def test_the_perjanjian_kinerja_prints_sasaran_targets_programs_and_both_parties(client, world):
    Official.objects.create(pemda=world.pemda, opd=None, jabatan="Bupati Lumajang", name="Ir. Bambang W.")
    Official.objects.create(
        pemda=world.pemda,
        opd=world.opd,
        jabatan="Kepala Dinas Tenaga Kerja",
        name="INDRA W.",
        nip="196811181990031005",
    )
    client.force_login(world.users["operator"])
    text = text_of(client.get(reverse("kinerja:agreement", args=[world.opd.pk, 2026])).content)
    assert "PERJANJIAN KINERJA TAHUN 2026" in text
    assert "Sasaran kerja" in text and "Jumlah wirausaha baru" in text and "240 orang" in text
    assert "2.07.04 Program Penempatan Tenaga Kerja" in text
    assert "Pihak Kedua, Bupati Lumajang" in text and "Pihak Pertama, Kepala Dinas Tenaga Kerja" in text


def test_documents_pages_are_scoped_and_narratives_need_a_plan_editor(client, world):
    urls = [
        reverse("kinerja:opd_documents", args=[world.opd.pk]),
        reverse("kinerja:periodic_report", args=[world.opd.pk, 2026, "tw1"]),
        reverse("kinerja:agreement", args=[world.opd.pk, 2026]),
    ]
    client.force_login(world.users["other_tim_sakip"])
    assert all(client.get(url).status_code == 404 for url in urls)
    client.force_login(world.users["operator"])
    assert client.get(urls[0]).status_code == 200
    assert client.get(reverse("kinerja:narrative_edit", args=[world.opd.pk, 2026, "tw1"])).status_code == 403
    assert client.get(reverse("kinerja:periodic_report", args=[world.opd.pk, 2026, "tw9"])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_sign_off_runs_in_the_background_and_the_page_follows_it(client, world, settings):
    import threading

    from kinerja.models import SignOffJob

    settings.SAKIP_RUN_JOBS_INLINE = False
    cycle = force_state(new_cycle(world), "pengesahan", world)
    client.force_login(world.users["kepala"])
    response = client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "sahkan"]))
    assert response.status_code == 302
    for thread in threading.enumerate():
        if thread.name.startswith("sign-off-"):
            thread.join(timeout=60)
    job = SignOffJob.objects.get(cycle=cycle)
    assert job.status == "selesai", job.message
    assert Cycle.objects.get(pk=cycle.pk).state == "arsip"
    status = client.get(reverse("kinerja:sign_off_status", args=[cycle.pk]))
    assert status["HX-Refresh"] == "true"


def test_a_failed_background_sign_off_is_reported_and_can_be_retried(client, world, monkeypatch):
    from kinerja.models import SignOffJob

    cycle = force_state(new_cycle(world), "pengesahan", world)
    monkeypatch.setattr("kinerja.documents.measurement.render_measurement", lambda *a, **k: 1 / 0)
    client.force_login(world.users["kepala"])
    client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "sahkan"]))
    job = SignOffJob.objects.get(cycle=cycle)
    assert job.status == "gagal" and "belum disahkan" in job.message
    page = client.get(reverse("kinerja:cycle_detail", args=[cycle.pk]))
    assert "belum disahkan" in page.text
    assert Cycle.objects.get(pk=cycle.pk).state == "pengesahan"
    monkeypatch.undo()
    client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "sahkan"]))
    assert Cycle.objects.get(pk=cycle.pk).state == "arsip"


def test_a_running_sign_off_shows_progress_and_refuses_a_second_click(client, world):
    from kinerja.models import SignOffJob

    cycle = force_state(new_cycle(world), "pengesahan", world)
    SignOffJob.objects.create(cycle=cycle, user=world.users["kepala"])
    client.force_login(world.users["kepala"])
    page = client.get(reverse("kinerja:cycle_detail", args=[cycle.pk]))
    assert 'hx-trigger="every 1s"' in page.text and "Mengesahkan" in page.text
    response = client.post(reverse("kinerja:cycle_action", args=[cycle.pk, "sahkan"]), follow=True)
    assert "sedang diproses" in response.text
    assert SignOffJob.objects.filter(cycle=cycle).count() == 1


def test_an_opd_name_of_full_length_still_signs_with_a_title_that_fits(world):
    world.opd.name = "Dinas " + "Tenaga Kerja dan Transmigrasi " * 6 + "X" * 14
    assert len(world.opd.name) == 200
    world.opd.save(update_fields=["name"])
    # (an official is set: without one the signer's jabatan "Kepala <OPD name>" outgrows its own column)
    Official.objects.create(
        pemda=world.pemda, opd=world.opd, user=world.users["kepala"], jabatan="Kepala Dinas", name="INDRA"
    )
    cycle = force_state(new_cycle(world), "pengesahan", world)
    cycle_services.cycle_sahkan(cycle_id=cycle.pk, user=world.users["kepala"])
    document = ArchivedDocument.objects.get(cycle=cycle)
    assert len(document.title) <= ArchivedDocument._meta.get_field("title").max_length
    assert document.title.startswith("Laporan Hasil Pengukuran Kinerja Triwulan II 2026 — Dinas Tenaga")
