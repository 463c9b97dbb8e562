"""JSON export and import: round trip, idempotence, and refusal of bad or foreign files."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from kinerja.models import Pemda
from sop.models import SopLane, SopRevision, SopStep, SopTemplate
from sop.selectors import sop_export
from sop.services import SopError, load_seed_sops, sop_import

pytestmark = pytest.mark.django_db


def counts():
    return (
        SopTemplate.objects.count(),
        SopRevision.objects.count(),
        SopLane.objects.count(),
        SopStep.objects.count(),
    )


def test_the_five_seed_sops_load_once(seed_owners):
    first = load_seed_sops()
    assert len(first) == 5
    assert counts() == (5, 5, 3 + 2 + 4 + 5 + 5, 9 + 5 + 6 + 9 + 10)
    assert [r.pk for r in load_seed_sops()] == [r.pk for r in first]
    assert counts()[1] == 5


def test_an_export_imported_into_an_empty_database_comes_back_identical(seed_owners, django_db_blocker):
    revisions = load_seed_sops()
    exported = [sop_export(r) for r in revisions]
    SopTemplate.objects.all().delete()
    assert counts() == (0, 0, 0, 0)
    for data in exported:
        sop_import(json.loads(json.dumps(data)))
    again = [sop_export(r) for r in SopRevision.objects.order_by("template__slug")]
    assert sorted(again, key=lambda d: d["slug"]) == sorted(exported, key=lambda d: d["slug"])


def test_a_changed_import_becomes_a_new_revision(seed_owners, seed_data):
    load_seed_sops()
    data = seed_data[4]
    data["revision"]["steps"][0]["waktu"] = 15
    revision = sop_import(data)
    assert revision.number == 2
    assert revision.template.revisions.count() == 2


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="lain"), "bukan ekspor SOP"),
        (lambda d: d.update(version=99), "tidak didukung"),
        (lambda d: d["owner"].update(pemda="bandung"), "Pemda 'bandung' tidak ditemukan"),
        (lambda d: d["owner"].update(opd="Dinas Rahasia"), "OPD 'Dinas Rahasia' tidak ditemukan"),
        (lambda d: d["revision"]["steps"][0].update(symbol="proses"), "tepat satu langkah Mulai"),
        (lambda d: d.update(revision="teks"), "tidak berisi revisi"),
        (lambda d: d.update(slug=""), "slug"),
    ],
)
def test_a_bad_or_foreign_file_is_refused_and_writes_nothing(seed_owners, seed_data, mutate, message):
    data = seed_data[0]
    mutate(data)
    with pytest.raises(SopError) as exc:
        sop_import(data)
    assert message in str(exc.value)
    assert counts() == (0, 0, 0, 0)


def test_a_file_for_another_pemda_is_refused_when_importing_for_a_pemda(seed_owners, seed_data):
    with pytest.raises(SopError) as exc:
        sop_import(seed_data[3], pemda=Pemda.objects.get(code="lumajang"))
    assert exc.value.messages == ["Pemda 'tangerang' tidak ditemukan."]
    assert counts() == (0, 0, 0, 0)


def test_the_commands_round_trip(seed_owners, tmp_path):
    load_seed_sops()
    out = io.StringIO()
    call_command("sop_export", "kecamatan-candipuro-pengukuran", stdout=out)
    single = json.loads(out.getvalue())
    assert single["revision"]["steps"][9]["keterangan"].startswith("Uraian hilang")
    out = io.StringIO()
    call_command("sop_export", "--all", stdout=out)
    everything = json.loads(out.getvalue())
    assert len(everything) == 5
    path = tmp_path / "sop.json"
    path.write_text(out.getvalue(), encoding="utf-8")
    SopTemplate.objects.all().delete()
    call_command("sop_import", str(path), stdout=io.StringIO())
    assert counts()[:2] == (5, 5)


@pytest.mark.parametrize("content", ["{not json", '{"format": "sakip-sop", "version": 1}', "[1, 2]", ""])
def test_the_import_command_refuses_bad_files_and_writes_nothing(seed_owners, tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("sop_import", str(path))
    assert counts() == (0, 0, 0, 0)


def test_one_bad_sop_in_a_list_writes_none_of_them(seed_owners, seed_data, tmp_path):
    seed_data[2]["revision"]["lanes"] = []
    path = tmp_path / "all.json"
    path.write_text(json.dumps(seed_data), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("sop_import", str(path))
    assert counts() == (0, 0, 0, 0)


def test_export_needs_a_slug_or_all(seed_owners):
    with pytest.raises(CommandError):
        call_command("sop_export")
    with pytest.raises(CommandError):
        call_command("sop_export", "tidak-ada")
