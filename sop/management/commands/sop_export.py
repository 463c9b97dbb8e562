import json

from django.core.management.base import BaseCommand, CommandError

from sop.models import SopTemplate
from sop.selectors import sop_export


class Command(BaseCommand):
    help = "Ekspor SOP sebagai JSON ke standard output: --all, atau KODE (slug) SOP."

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="kode SOP (slug)")
        parser.add_argument("--all", action="store_true", help="semua SOP (revisi terbaru masing-masing)")
        parser.add_argument("--revisi", type=int, help="nomor revisi (bawaan: terbaru)")

    def handle(self, *args, slug=None, all=False, revisi=None, **options):  # noqa: A002
        if bool(slug) == bool(all):
            raise CommandError("Sebutkan satu KODE SOP, atau --all.")
        templates = SopTemplate.objects.select_related("pemda", "opd").order_by("pemda__code", "slug")
        if slug:
            templates = templates.filter(slug=slug)
            if not templates.exists():
                raise CommandError(f"SOP dengan kode '{slug}' tidak ada.")
        exported = []
        for template in templates:
            revisions = template.revisions.all()
            revision = revisions.filter(number=revisi).first() if revisi else revisions.first()
            if revision is None:
                raise CommandError(f"SOP '{template.slug}' tidak mempunyai revisi {revisi}.")
            exported.append(sop_export(revision))
        payload = exported if all else exported[0]
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
