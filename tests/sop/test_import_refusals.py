"""SOP import: answers that never reveal another tenant, and standard times that cannot break a column."""

import html
import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from sop.models import SopRevision, SopStep, SopTemplate
from sop.selectors import sop_export
from tests.sop.test_sop_views import candipuro_template, people  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def post_import(client, data) -> str:
    text = data if isinstance(data, str) else json.dumps(data)
    response = client.post(reverse("sop:import"), {"file": SimpleUploadedFile("sop.json", text.encode())})
    assert response.status_code == 200, response.status_code
    return response.text


def candipuro_export() -> dict:
    data = sop_export(candipuro_template().revisions.first())
    data["revision"]["nomor"] = "BARU/1"  # a change, so a successful import would write a revision
    return data


def problems(text: str) -> list[str]:
    block = text.split('data-testid="import-problems"', 1)[1].split("</ul>", 1)[0]
    return [html.unescape(li) for li in re.findall(r"<li>(.*?)</li>", block)]


@pytest.mark.parametrize(
    ("who", "pemda", "opd", "answer"),
    [
        # Lumajang's admin naming Tangerang: the same words as for a Pemda that does not exist.
        ("admin", "tangerang", "Nope", "Pemda 'tangerang' tidak ditemukan."),
        ("admin", "tangerang", "Dinas Ketenagakerjaan", "Pemda 'tangerang' tidak ditemukan."),
        ("admin", "bandung", "Nope", "Pemda 'bandung' tidak ditemukan."),
        # Candipuro's Tim SAKIP naming another OPD of its own Pemda, real or not.
        ("tim_sakip", "lumajang", "Dinas Tenaga Kerja", "OPD 'Dinas Tenaga Kerja' tidak ditemukan."),
        ("tim_sakip", "lumajang", "Nope", "OPD 'Nope' tidak ditemukan."),
        # Tangerang's Tim SAKIP naming Lumajang's Candipuro.
        ("other_tim", "lumajang", "Kecamatan Candipuro", "Pemda 'lumajang' tidak ditemukan."),
    ],
)
def test_import_answers_never_confirm_another_tenants_opds(client, people, who, pemda, opd, answer):  # noqa: F811
    client.force_login(people[who])
    data = candipuro_export()
    data["owner"] = {"pemda": pemda, "opd": opd}
    before = SopRevision.objects.count()
    assert problems(post_import(client, data)) == [answer]
    assert SopRevision.objects.count() == before


@pytest.mark.parametrize(
    "waktu",
    [
        "Infinity",
        "-Infinity",
        "NaN",
        "1e400",
        "-1",
        "0",
        "0.001",
        '"abc"',
        "1e10",
        "100000",
        "true",
        "null",
        '""',
    ],
)
def test_an_impossible_standard_time_is_refused_with_a_message(client, people, waktu):  # noqa: F811
    client.force_login(people["admin"])
    data = candipuro_export()
    data["revision"]["steps"][1]["waktu"] = "__WAKTU__"
    text = json.dumps(data).replace('"__WAKTU__"', waktu)
    before = (SopRevision.objects.count(), SopStep.objects.count())
    assert problems(post_import(client, text)) == [
        "Langkah 2: waktu harus angka antara 0,01 dan 99.999 (paling banyak 2 desimal)."
    ]
    assert (SopRevision.objects.count(), SopStep.objects.count()) == before


@pytest.mark.parametrize("waktu", ["2", "0.5", "99999", '"1.25"'])
def test_a_sane_standard_time_is_accepted(client, people, waktu):  # noqa: F811
    client.force_login(people["admin"])
    data = candipuro_export()
    data["revision"]["steps"][1]["waktu"] = "__WAKTU__"
    response = client.post(
        reverse("sop:import"),
        {"file": SimpleUploadedFile("s.json", json.dumps(data).replace('"__WAKTU__"', waktu).encode())},
    )
    assert response.status_code == 302


def test_the_import_command_refuses_infinity_too(people, tmp_path):  # noqa: F811
    data = candipuro_export()
    data["revision"]["steps"][1]["waktu"] = float("inf")
    path = tmp_path / "inf.json"
    path.write_text(json.dumps(data), encoding="utf-8")  # json writes the bare word Infinity
    before = SopTemplate.objects.count(), SopRevision.objects.count()
    with pytest.raises(CommandError, match="waktu harus angka"):
        call_command("sop_import", str(path), stdout=io.StringIO())
    assert (SopTemplate.objects.count(), SopRevision.objects.count()) == before
