from django.core.management.base import BaseCommand

from kinerja.demo.opds import OPDS, PEMDA
from kinerja.demo.seed import DEMO_PASSWORD, Seeder


class Command(BaseCommand):
    help = "Muat data demo (dua Pemda, empat OPD, pengguna untuk setiap peran). Aman diulang."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Tahun target dan realisasi (bawaan: tahun ini)")

    def handle(self, *args, **options):
        seeder = Seeder(year=options.get("year"))
        seeder.run()
        if seeder.created_users:
            self.stdout.write(f"Pengguna baru: {len(seeder.created_users)}")
        self.stdout.write(self.style.SUCCESS(f"Data demo tahun {seeder.year} siap."))
        self.stdout.write(f"Kata sandi semua pengguna demo: {DEMO_PASSWORD}")
        self.stdout.write("Pengguna demo:")
        self.stdout.write("  admin (superuser)")
        for slug in PEMDA:
            self.stdout.write(f"  {slug}.admin (admin_pemda), {slug}.pemantau (pemantau)")
        for spec in OPDS:
            self.stdout.write(
                f"  {spec.short_name}: {spec.slug}.kepala, .sekretaris, .kabid, .timsakip, .operator"
            )
