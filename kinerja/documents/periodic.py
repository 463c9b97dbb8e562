"""Laporan kinerja triwulan, semester and tahunan (LKjIP outline), and the Perjanjian Kinerja."""

from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from kinerja import capaian, recap, selectors
from kinerja.documents.render import pdf, place_of
from kinerja.models import OPD, Level, Official, RenstraPeriod, ReportNarrative, Target

TITLES = {
    "tw1": "Laporan Kinerja Triwulan I",
    "tw2": "Laporan Kinerja Triwulan II",
    "tw3": "Laporan Kinerja Triwulan III",
    "tw4": "Laporan Kinerja Triwulan IV",
    "s1": "Laporan Kinerja Semester I",
    "s2": "Laporan Kinerja Semester II",
    "tahun": "Laporan Kinerja Instansi Pemerintah (LKjIP)",
}


def renstra_for(opd: OPD, year: int) -> RenstraPeriod | None:
    return RenstraPeriod.objects.filter(opd=opd, start_year__lte=year, end_year__gte=year).first()


def _party(official: Official | None, default_jabatan: str) -> dict:
    """A signature block's jabatan, name and NIP; blanks to sign by hand when no official is set."""
    if official is None:
        return {"jabatan": default_jabatan, "name": "", "nip": ""}
    return {"jabatan": official.jabatan, "name": official.name, "nip": official.nip}


def _signers(opd: OPD) -> tuple[dict, dict]:
    # The OPD's head (or running Plt./Plh.), never just any official of the OPD.
    kepala = selectors.expected_signer(opd)
    head = Official.objects.filter(pemda=opd.pemda, opd__isnull=True, is_active=True).order_by("pk").first()
    return kepala, _party(head, "Kepala Daerah")


def periodic_context(opd: OPD, year: int, period: str) -> dict:
    period_info = capaian.PERIODS[period]
    renstra = renstra_for(opd, year)
    data = recap.opd_recap(opd, renstra, year, period_info)
    narrative = ReportNarrative.objects.filter(opd=opd, year=year, period=period).first()
    kepala, _head = _signers(opd)
    context = {
        "opd": opd,
        "pemda": opd.pemda,
        "year": year,
        "period": period_info,
        "title": TITLES[period],
        "renstra": renstra,
        "recap": data,
        "narrative": narrative,
        "kepala": kepala,
        "place": place_of(opd.pemda.name),
        "today": timezone.localdate(),
        "quarters": [capaian.tw(q) for q in range(1, period_info.up_to_quarter + 1)],
        "annual": period == "tahun",
    }
    if period == "tahun" and renstra is not None:
        context.update(_lkjip(opd, renstra, year, data))
    return context


def _lkjip(opd: OPD, renstra: RenstraPeriod, year: int, data: recap.OpdRecap) -> dict:
    """Bab II (the PK table) and Bab III (per sasaran: vs target, previous year, Renstra end target;
    budget realisation and efficiency)."""
    previous = {}
    if renstra.start_year <= year - 1:
        for row in recap.opd_recap(opd, renstra, year - 1, capaian.PERIODS["tahun"]).rows:
            previous[row.indicator.pk] = row
    end_targets = dict(
        Target.objects.filter(
            indicator__element__renstra=renstra, year=renstra.end_year, quarter=0
        ).values_list("indicator_id", "value")
    )
    by_sasaran = defaultdict(list)
    for row in data.rows:
        if row.element.level in (Level.TUJUAN, Level.SASARAN):
            end_target = end_targets.get(row.indicator.pk)
            by_sasaran[row.element].append(
                {
                    "row": row,
                    "previous": previous.get(row.indicator.pk),
                    "end_target": end_target,
                    # how far this year's result is toward the Renstra's end target
                    "renstra_capaian": capaian.compute_capaian(
                        target=end_target,
                        realisasi=row.result.realisasi.value,
                        polarity=row.indicator.polarity,
                        band_lower=row.indicator.band_lower,
                        band_upper=row.indicator.band_upper,
                        negative_formula=data.settings.negative_formula,
                    ).value,
                }
            )
    pk_rows = [r for r in data.rows if r.element.level == Level.SASARAN]
    return {
        "sasaran_blocks": list(by_sasaran.items()),
        "pk_rows": pk_rows,
        "efficiency": recap.program_efficiency(data),
        "previous_year": year - 1,
        "end_year": renstra.end_year,
    }


def render_periodic(opd: OPD, year: int, period: str) -> bytes:
    context = periodic_context(opd, year, period)
    title = f"{context['title']} {year}"
    return pdf("documents/laporan_kinerja.html", context, title=title, header=f"{title} — {opd.name}")


def agreement_context(opd: OPD, year: int) -> dict:
    renstra = renstra_for(opd, year)
    kepala, head = _signers(opd)
    rows = []
    programs = []
    if renstra is not None:
        data = recap.opd_recap(opd, renstra, year, capaian.PERIODS["tahun"])
        rows = [r for r in data.rows if r.element.level == Level.SASARAN]
        programs = [(e.program, e.pagu) for e in recap.program_efficiency(data)]
    return {
        "opd": opd,
        "pemda": opd.pemda,
        "year": year,
        "rows": rows,
        "programs": programs,
        "total_budget": sum((p[1] for p in programs), Decimal(0)),
        "kepala": kepala,
        "head": head,
        "place": place_of(opd.pemda.name),
        "today": timezone.localdate(),
    }


def render_agreement(opd: OPD, year: int) -> bytes:
    context = agreement_context(opd, year)
    title = f"Perjanjian Kinerja Tahun {year}"
    return pdf("documents/perjanjian_kinerja.html", context, title=title, header=f"{title} — {opd.name}")
