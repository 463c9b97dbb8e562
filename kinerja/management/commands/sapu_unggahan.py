import datetime

from django.core.management.base import BaseCommand

from kinerja.excel import pending


class Command(BaseCommand):
    help = (
        "Hapus unggahan onboarding yang tidak pernah dikonfirmasi (di MEDIA_ROOT/impor/), bawaan: > 24 jam."
    )

    def add_arguments(self, parser):
        parser.add_argument("--jam", type=int, default=24, help="umur minimum berkas yang dihapus, dalam jam")

    def handle(self, *args, **options):
        removed = pending.sweep(datetime.timedelta(hours=max(options["jam"], 1)))
        self.stdout.write(f"{removed} unggahan lama dihapus dari {pending.folder()}.")
