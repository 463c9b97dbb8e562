import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sop.services import SopError, sop_import


class Command(BaseCommand):
    help = (
        "Impor SOP dari berkas JSON (satu SOP, atau daftar hasil sop_export --all). "
        "Gagal: tidak ada yang ditulis."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas JSON, atau - untuk standard input")

    def handle(self, *args, file, **options):
        try:
            text = self.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Berkas tidak dapat dibaca: {exc}") from None
        try:
            data = json.loads(text)
        except ValueError:
            raise CommandError("Berkas bukan JSON yang sah.") from None
        items = data if isinstance(data, list) else [data]
        try:
            with transaction.atomic():
                revisions = [sop_import(item) for item in items]
        except SopError as exc:
            raise CommandError("SOP tidak diimpor: " + "; ".join(exc.messages)) from None
        for revision in revisions:
            self.stdout.write(f"{revision.template.slug}: {revision.nama} (revisi {revision.number})")
