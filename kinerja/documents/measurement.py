"""Laporan hasil pengukuran kinerja of one cycle, and the archive of signed documents."""

import hashlib
import io
import secrets
from collections import defaultdict
from decimal import Decimal

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from kinerja import charts, recap, selectors
from kinerja.cycle import selectors as cycle_selectors
from kinerja.documents.render import pdf, place_of
from kinerja.models import (
    LEVEL_ORDER,
    ArchivedDocument,
    Cycle,
    DocumentKind,
    ItemNote,
    Level,
)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def verification_url(code: str) -> str:
    base = getattr(settings, "SAKIP_BASE_URL", "").rstrip("/")
    return f"{base}/verifikasi/?kode={code}"


def qr_svg(text: str) -> str:
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="svg", scale=3, border=1, xmldecl=False, svgns=True)
    return out.getvalue().decode()


def measurement_context(cycle: Cycle, *, code: str = "", signed_at=None) -> dict:
    rows, pemda_settings = cycle_selectors.report_rows(cycle)
    groups = defaultdict(list)
    for row in rows:
        groups[row.element.level].append(row)
    counts = defaultdict(int)
    for row in rows:
        counts[row.predikat] += 1
    totals = [
        (b.label, b.colour, counts.get(b.label, 0))
        for b in sorted(pemda_settings.predikat_scale, key=lambda b: -b.minimum)
    ]
    totals.append((recap.UNRATED, "#adb5bd", counts.get(recap.UNRATED, 0)))
    iku = [r for r in rows if r.indicator.is_iku and r.capaian is not None]
    if cycle.signed_at:  # what the sign-off recorded from the signer's own record
        signer = {"name": cycle.signer_name, "jabatan": cycle.signer_jabatan, "nip": cycle.signer_nip}
    else:  # a draft shows who is expected to sign: the head or the running Plt./Plh.
        signer = selectors.expected_signer(cycle.opd)
    when = signed_at or cycle.signed_at
    return {
        "cycle": cycle,
        "opd": cycle.opd,
        "pemda": cycle.opd.pemda,
        "groups": [(Level(level).label, groups[level]) for level in LEVEL_ORDER if groups[level]],
        "rows": rows,
        "totals": totals,
        "chart": charts.column_counts(
            [(label, count, colour) for label, colour, count in totals], title="Sebaran predikat"
        ),
        "iku_average": sum((r.capaian for r in iku), Decimal(0)) / len(iku) if iku else None,
        "transitions": cycle.transitions.select_related("user").exclude(note=""),
        "item_notes": ItemNote.objects.filter(item__cycle=cycle).select_related("author", "item__indicator"),
        "signer": signer,
        "place": place_of(cycle.opd.pemda.name),
        "signed_at": when,
        "code": code,
        "qr": qr_svg(verification_url(code)) if code else "",
        "verify_url": verification_url(code) if code else "",
        "settings": pemda_settings,
        "generated_at": timezone.now(),
    }


def render_measurement(cycle: Cycle, *, code: str = "", signed_at=None) -> bytes:
    context = measurement_context(cycle, code=code, signed_at=signed_at)
    title = f"Laporan Hasil Pengukuran Kinerja {cycle.period_info.label} {cycle.year}"
    return pdf(
        "documents/laporan_pengukuran.html", context, title=title, header=f"{title} — {cycle.opd.name}"
    )


def issue_measurement_report(cycle: Cycle) -> ArchivedDocument:
    """At sign-off: render, store, hash. Runs inside the sign-off transaction; on any failure the
    file is removed and the error propagates, so the cycle stays where it was."""
    code = new_code()
    content = render_measurement(cycle, code=code)
    revision = f" (revisi {cycle.revision})" if cycle.revision else ""
    title = f"Laporan Hasil Pengukuran Kinerja {cycle.period_info.label} {cycle.year} — {cycle.opd.name}"
    # An OPD name may use its full 200 characters: shorten it rather than fail the sign-off.
    room = ArchivedDocument._meta.get_field("title").max_length - len(revision)
    title = Truncator(title).chars(room) + revision
    name = default_storage.save(
        f"dokumen/{cycle.year}/laporan-pengukuran-{cycle.pk}-{code}.pdf", ContentFile(content)
    )
    try:
        with transaction.atomic():
            return ArchivedDocument.objects.create(
                kind=DocumentKind.LAPORAN_PENGUKURAN,
                opd=cycle.opd,
                cycle=cycle,
                title=title,
                file=name,
                sha256=hashlib.sha256(content).hexdigest(),
                code=code,
                size=len(content),
                signer_name=cycle.signer_name,
                signer_jabatan=cycle.signer_jabatan,
                signer_nip=cycle.signer_nip,
                signed_at=cycle.signed_at,
            )
    except Exception:
        default_storage.delete(name)
        raise


def find_document(*, code: str = "", content: bytes | None = None) -> ArchivedDocument | None:
    """An archived document by its verification code, or by the exact bytes of the PDF."""
    if content is not None:
        digest = hashlib.sha256(content).hexdigest()
        return ArchivedDocument.objects.filter(sha256=digest).select_related("opd__pemda", "cycle").first()
    normalized = code.strip().upper().replace(" ", "")
    if len(normalized) == 12 and "-" not in normalized:
        normalized = f"{normalized[:4]}-{normalized[4:8]}-{normalized[8:]}"
    if not normalized:
        return None
    return ArchivedDocument.objects.filter(code=normalized).select_related("opd__pemda", "cycle").first()
