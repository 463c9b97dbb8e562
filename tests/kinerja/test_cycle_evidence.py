"""Evidence (bukti dukung): checked by its content, size and name; a full disk is told and leaves nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.models import Evidence
from tests.kinerja.cycle_helpers import item_of, start_collection

pytestmark = pytest.mark.django_db


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
