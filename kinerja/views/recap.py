"""Recaps and dashboards: capaian per indicator, per OPD across a Pemda, and charts."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kinerja import access, capaian, charts, recap, selectors, services
from kinerja.forms import PemdaSettingsForm, PredikatBandFormSet, PredikatBandHelper, add_validation_error
from kinerja.models import Level, PemdaSettings, Unit
from kinerja.models.settings import default_scale
from kinerja.numbers import small_int


def default_period(today: datetime.date | None = None) -> str:
    """The quarter most recently finished: in November that is TW III."""
    today = today or timezone.localdate()
    return f"tw{max((today.month - 1) // 3, 1)}"


def period_asked(request: HttpRequest) -> capaian.Period:
    return capaian.PERIODS.get(request.GET.get("periode", ""), capaian.PERIODS[default_period()])


def year_asked(request: HttpRequest) -> int:
    return small_int(request.GET.get("tahun"), minimum=2000, maximum=2100) or selectors.current_year()


def filters_asked(request: HttpRequest) -> recap.RecapFilter:
    unit = request.GET.get("unit", "")
    level = request.GET.get("tingkat", "")
    return recap.RecapFilter(
        level=level if level in Level.values else "",
        iku_only=request.GET.get("iku") == "1",
        predikat=request.GET.get("predikat", "")[:50],
        unit_id=small_int(unit),
    )


def recap_inputs(request: HttpRequest, pk: int):
    """The OPD (scoped), year, period and the Renstra in force that year (or None)."""
    opd = access.get_opd_for_user(request.user, pk)
    year = year_asked(request)
    renstra = selectors.pick_renstra(opd, None, year)
    if renstra and not renstra.start_year <= year <= renstra.end_year:
        renstra = None
    return opd, year, period_asked(request), renstra


@require_GET
def opd_recap(request: HttpRequest, pk: int) -> HttpResponse:
    opd, year, period, renstra = recap_inputs(request, pk)
    filters = filters_asked(request)
    data = recap.opd_recap(opd, renstra, year, period, filters)
    return render(
        request,
        "kinerja/recap_opd.html",
        {
            "opd": opd,
            "recap": data,
            "year": year,
            "period": period,
            "periods": capaian.PERIODS.values(),
            "filters": filters,
            "levels": Level.choices,
            "units": Unit.objects.filter(opd=opd).order_by("name"),
            "predikat_labels": [t.label for t in data.totals],
            "years": renstra.years if renstra else [year],
            "title": _("Rekap capaian"),
        },
    )


@require_GET
def opd_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    opd, year, period, renstra = recap_inputs(request, pk)
    data = recap.opd_recap(opd, renstra, year, period)
    iku_rows = [row for row in data.rows if row.indicator.is_iku]
    iku_chart = charts.horizontal_bars(
        [
            (
                row.indicator.name,
                row.result.capaian.value,
                row.result.predikat.colour if row.result.predikat else "#adb5bd",
            )
            for row in iku_rows
        ],
        title=_("Capaian IKU"),
    )
    predikat_chart = charts.column_counts(
        [(t.label, t.count, t.colour) for t in data.totals], title=_("Sebaran predikat")
    )
    trend = []
    for quarter in range(1, period.up_to_quarter + 1):
        values = [row.result.trend[quarter - 1] for row in iku_rows if len(row.result.trend) >= quarter]
        values = [v for v in values if v is not None]
        trend.append((capaian.tw(quarter), sum(values) / len(values) if values else None))
    trend_chart = charts.line(trend, title=_("Rata-rata capaian IKU per triwulan (s.d.)"))
    efficiency = recap.program_efficiency(data)
    efficiency_chart = charts.paired_bars(
        [(f"{p.program.code} {p.program.name}", p.serapan, p.capaian) for p in efficiency],
        title=_("Serapan anggaran dan capaian kinerja per program"),
        legends=(_("Serapan anggaran"), _("Capaian kinerja")),
    )
    return render(
        request,
        "kinerja/dashboard.html",
        {
            "opd": opd,
            "recap": data,
            "year": year,
            "period": period,
            "periods": capaian.PERIODS.values(),
            "years": renstra.years if renstra else [year],
            "iku_chart": iku_chart,
            "predikat_chart": predikat_chart,
            "trend_chart": trend_chart,
            "efficiency_chart": efficiency_chart,
            "efficiency": efficiency,
            "title": _("Dasbor"),
        },
    )


@require_GET
def pemda_recap(request: HttpRequest, pk: int) -> HttpResponse:
    pemda = access.get_pemda_for_user(request.user, pk)
    if not access.can_view_pemda(request.user, pemda):
        raise PermissionDenied(_("Rekap Pemda hanya untuk admin Pemda dan pemantau."))
    year = year_asked(request)
    period = period_asked(request)
    data = recap.pemda_recap(pemda, year, period)
    return render(
        request,
        "kinerja/recap_pemda.html",
        {
            "pemda": pemda,
            "recap": data,
            "year": year,
            "period": period,
            "periods": capaian.PERIODS.values(),
            "can_configure": access.can_configure_pemda(request.user, pemda),
        },
    )


@require_http_methods(["GET", "POST"])
def pemda_settings(request: HttpRequest, pk: int) -> HttpResponse:
    pemda = access.get_pemda_for_user(request.user, pk)
    if not access.can_configure_pemda(request.user, pemda):
        raise PermissionDenied(_("Pengaturan capaian hanya dapat diubah admin Pemda."))
    instance = PemdaSettings.objects.filter(pemda=pemda).first() or PemdaSettings(pemda=pemda)
    scale = instance.predikat_scale if instance.pk else default_scale()
    form = PemdaSettingsForm(request.POST or None, instance=instance)
    formset = PredikatBandFormSet(request.POST or None, initial=scale, prefix="skala")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            recap_settings = form.save(commit=False)
            recap_settings.predikat_scale = formset.bands_json()
            services.pemda_settings_save(settings=recap_settings, by=request.user)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, _("Pengaturan capaian disimpan."))
            return redirect("kinerja:pemda_settings", pk=pemda.pk)
    return render(
        request,
        "kinerja/pemda_settings.html",
        {
            "pemda": pemda,
            "form": form,
            "formset": formset,
            "band_helper": PredikatBandHelper(),
            "title": _("Pengaturan capaian dan predikat"),
        },
    )
