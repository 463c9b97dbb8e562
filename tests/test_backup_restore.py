"""Backup and restore (README): the database and the uploaded files; the archive still verifies."""

import io
import shutil

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from kinerja.cycle import services as cycle_services
from kinerja.documents.measurement import find_document
from kinerja.models import ArchivedDocument, Cycle
from tests.kinerja.cycle_helpers import force_state, new_cycle

pytestmark = pytest.mark.django_db(transaction=True)

EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]


def test_a_dump_restored_into_an_empty_database_still_verifies(world, settings, tmp_path):
    cycle = force_state(new_cycle(world), "pengesahan", world)
    cycle_services.cycle_sahkan(cycle_id=cycle.pk, user=world.users["kepala"])
    document = ArchivedDocument.objects.get()
    original = default_storage.open(document.file.name).read()

    # Backup: the data as JSON (works on SQLite and PostgreSQL alike) and a copy of MEDIA_ROOT.
    dump = io.StringIO()
    call_command("dumpdata", *[arg for name in EXCLUDE for arg in ("--exclude", name)], stdout=dump)
    media_backup = tmp_path / "media-backup"
    shutil.copytree(settings.MEDIA_ROOT, media_backup)

    # Disaster: an empty database and no uploaded files.
    call_command("flush", "--noinput")
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not Cycle.objects.exists()

    # Restore.
    fixture = tmp_path / "backup.json"
    fixture.write_text(dump.getvalue(), encoding="utf-8")
    call_command("loaddata", str(fixture), verbosity=0)
    shutil.copytree(media_backup, settings.MEDIA_ROOT)

    restored = Cycle.objects.get(pk=cycle.pk)
    assert restored.state == "arsip" and restored.signer_name
    assert find_document(content=original).pk == document.pk
    assert find_document(code=document.code).pk == document.pk
    assert default_storage.open(document.file.name).read() == original
