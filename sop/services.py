"""Writes of SOP templates: save a revision, import one (reads: ``sop.selectors``)."""

import datetime
import json
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from kinerja.models import OPD, Pemda
from sop.models import SopLane, SopRevision, SopStep, SopTemplate
from sop.seeds import FORMAT, SEED_SOPS, VERSION
from sop.selectors import IDENTITY, as_number, revision_data
from sop.validation import LISTS, validate_revision


class SopError(ValueError):
    """A refusal with messages for the user; nothing was written."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


DATES = ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif")


def _to_date(value) -> datetime.date | None:
    if not value:
        return None
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


@transaction.atomic
def revision_save(*, template: SopTemplate, data: dict[str, Any], user=None) -> SopRevision:
    """Validate and store ``data`` as the template's next revision; nothing is written on error."""
    errors = validate_revision(data)
    if errors:
        raise SopError(errors)
    last = template.revisions.order_by("-number").first()
    revision = SopRevision.objects.create(
        template=template,
        number=(last.number + 1) if last else 1,
        created_by=user if user and user.is_authenticated else None,
        **{key: data.get(key) or "" for key in IDENTITY if key not in DATES},
        **{key: _to_date(data.get(key)) for key in DATES},
        **{key: list(data.get(key) or []) for key in LISTS},
    )
    lanes = SopLane.objects.bulk_create(
        [
            SopLane(revision=revision, order=i, label=lane["label"].strip(), role=lane["role"])
            for i, lane in enumerate(data["lanes"])
        ]
    )
    SopStep.objects.bulk_create(
        [
            SopStep(
                revision=revision,
                number=s["number"],
                description=str(s.get("description") or ""),
                lane=lanes[s["lane"]],
                symbol=s["symbol"],
                ya_target=s.get("ya") if s["symbol"] == "keputusan" else None,
                tidak_target=s.get("tidak") if s["symbol"] == "keputusan" else None,
                kelengkapan=str(s.get("kelengkapan") or ""),
                waktu=Decimal(str(s["waktu"])),
                satuan=s["satuan"],
                output=str(s.get("output") or ""),
                keterangan=str(s.get("keterangan") or ""),
                state=s["state"],
            )
            for s in data["steps"]
        ]
    )
    return revision


def _owner(data: dict[str, Any], owners: list[tuple[Pemda, OPD | None]] | None) -> tuple[Pemda, OPD | None]:
    """The Pemda and OPD a file names, looked up only among ``owners`` when given.

    An owner outside them reads exactly like one that does not exist ("tidak ditemukan"): the
    answer never confirms another Pemda's OPDs or SOP codes.
    """
    owner = data.get("owner")
    if not isinstance(owner, dict):
        raise SopError(["Berkas tidak menyebutkan pemilik SOP (owner)."])
    code, opd_name = str(owner.get("pemda") or "")[:50], str(owner.get("opd") or "")[:255]
    allowed = None if owners is None else {(p.pk, o.pk if o else None) for p, o in owners}
    pemda = Pemda.objects.filter(code=code).first()
    if pemda is None or (allowed is not None and not any(p == pemda.pk for p, _ in allowed)):
        raise SopError([f"Pemda '{code}' tidak ditemukan."])
    opd = None
    if opd_name:
        opd = OPD.objects.filter(pemda=pemda, name=opd_name).first()
        if opd is None or (allowed is not None and (pemda.pk, opd.pk) not in allowed):
            raise SopError([f"OPD '{opd_name}' tidak ditemukan."])
    elif allowed is not None and (pemda.pk, None) not in allowed:
        raise SopError([f"SOP bersama {pemda.name} hanya dapat diimpor oleh admin Pemda."])
    return pemda, opd


@transaction.atomic
def sop_import(
    data: Any, *, user=None, pemda: Pemda | None = None, owners: list[tuple[Pemda, OPD | None]] | None = None
) -> SopRevision:
    """Import one SOP, for an owner within ``owners`` (or ``pemda``) when given.

    A file for any other owner is refused as if that owner did not exist.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SopError(["Berkas ini bukan ekspor SOP SAKIP Kinerja."])
    if data.get("version") != VERSION:
        raise SopError([f"Versi format {data.get('version')!r} tidak didukung (yang didukung: {VERSION})."])
    if pemda is not None and owners is None:
        owners = [(pemda, None), *((pemda, opd) for opd in OPD.objects.filter(pemda=pemda))]
    owner_pemda, opd = _owner(data, owners)
    slug = slugify(str(data.get("slug") or ""))[:80]
    if not slug:
        raise SopError(["Kode (slug) SOP wajib ada."])
    revision = data.get("revision")
    if not isinstance(revision, dict):
        raise SopError(["Berkas tidak berisi revisi SOP."])
    template, created = SopTemplate.objects.get_or_create(pemda=owner_pemda, slug=slug, defaults={"opd": opd})
    if not created and template.opd_id != (opd.pk if opd else None):
        raise SopError([f"Kode SOP '{slug}' tidak dapat dipakai untuk pemilik ini; ganti kode (slug)."])
    latest = template.revisions.order_by("-number").first()
    if latest is not None and revision_data(latest) == _normalised(revision):
        return latest  # importing the same revision again changes nothing
    return revision_save(template=template, data=revision, user=user)


def _normalised(data: dict[str, Any]) -> dict[str, Any]:
    """The shape revision_data would give for the same content (for an idempotent import)."""
    try:
        out = {key: data.get(key) for key in IDENTITY}
        out["unit_label"] = out["unit_label"] or ""
        out["disahkan_nip"] = out["disahkan_nip"] or ""
        for key in LISTS:
            out[key] = list(data.get(key) or [])
        out["lanes"] = [{"label": lane["label"], "role": lane["role"]} for lane in data["lanes"]]
        out["steps"] = [
            {
                "number": s["number"],
                "description": s.get("description") or "",
                "lane": s["lane"],
                "symbol": s["symbol"],
                "ya": s.get("ya") if s["symbol"] == "keputusan" else None,
                "tidak": s.get("tidak") if s["symbol"] == "keputusan" else None,
                "kelengkapan": s.get("kelengkapan") or "",
                "waktu": as_number(Decimal(str(s["waktu"]))),
                "satuan": s["satuan"],
                "output": s.get("output") or "",
                "keterangan": s.get("keterangan") or "",
                "state": s["state"],
            }
            for s in data["steps"]
        ]
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return {}
    return out


def sop_import_json(text: str | bytes, **kwargs) -> SopRevision:
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise SopError(["Berkas bukan JSON yang sah."]) from None
    return sop_import(data, **kwargs)


def load_seed_sops(user=None) -> list[SopRevision]:
    """The five seed SOPs, for the demo OPDs that exist (idempotent)."""
    loaded = []
    for data in SEED_SOPS:
        owner = data["owner"]
        if not OPD.objects.filter(pemda__code=owner["pemda"], name=owner["opd"]).exists():
            continue
        loaded.append(sop_import(data, user=user))
    return loaded
