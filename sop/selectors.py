"""Reads of SOP templates: a revision in the exchange format, its export, the revisions in force."""

import datetime
import json
from decimal import Decimal
from typing import Any

from django.db.models import Q

from kinerja.models import OPD
from sop.models import SopRevision, SopTemplate
from sop.seeds import FORMAT, VERSION
from sop.validation import LISTS

IDENTITY = (
    "pemda_label",
    "opd_label",
    "unit_label",
    "nomor",
    "tanggal_pembuatan",
    "tanggal_revisi",
    "tanggal_efektif",
    "disahkan_jabatan",
    "disahkan_nama",
    "disahkan_nip",
    "nama",
)


def iso(value) -> str | None:
    return value.isoformat() if value else None


def as_number(value: Decimal) -> int | float:
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def revision_data(revision: SopRevision) -> dict[str, Any]:
    """A revision in the exchange format (the dict the editor and the JSON file use)."""
    lanes = list(revision.lanes.order_by("order"))
    index = {lane.pk: i for i, lane in enumerate(lanes)}
    data: dict[str, Any] = {key: getattr(revision, key) for key in IDENTITY}
    for key in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"):
        data[key] = iso(data[key])
    for key in LISTS:
        data[key] = list(getattr(revision, key))
    data["lanes"] = [{"label": lane.label, "role": lane.role} for lane in lanes]
    data["steps"] = [
        {
            "number": s.number,
            "description": s.description,
            "lane": index[s.lane_id],
            "symbol": s.symbol,
            "ya": s.ya_target,
            "tidak": s.tidak_target,
            "kelengkapan": s.kelengkapan,
            "waktu": as_number(s.waktu),
            "satuan": s.satuan,
            "output": s.output,
            "keterangan": s.keterangan,
            "state": s.state,
        }
        for s in revision.steps.order_by("number")
    ]
    return data


def sop_export(revision: SopRevision) -> dict[str, Any]:
    template = revision.template
    return {
        "format": FORMAT,
        "version": VERSION,
        "slug": template.slug,
        "owner": {"pemda": template.pemda.code, "opd": template.opd.name if template.opd else None},
        "revision": revision_data(revision),
    }


def sop_export_json(revision: SopRevision) -> str:
    return json.dumps(sop_export(revision), ensure_ascii=False, indent=2)


def revisions_in_force(opd: OPD, on: datetime.date) -> list[SopRevision]:
    """For each SOP of the OPD (and its Pemda's shared ones), the revision in force on a date."""
    templates = SopTemplate.objects.filter(Q(opd=opd) | Q(pemda=opd.pemda, opd__isnull=True))
    result = []
    for template in templates.prefetch_related("revisions"):
        current = [r for r in template.revisions.all() if r.tanggal_efektif <= on]
        if current:
            result.append(max(current, key=lambda r: r.number))
    return sorted(result, key=lambda r: (r.template.opd_id is None, r.nama))
